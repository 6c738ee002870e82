"""walk30: a tea shop's 有赞 订单导出 (按商品: one row per item line, the order's 运费 / 订单优惠 /
订单实付金额 repeated on each of its lines; 交易成功 / 交易关闭 / 退款成功; 2024-01 to 2025-11), 519 lines
of 349 orders of 129 buyers. Generated, not real: each buyer's orders arrive at a gamma-Poisson rate after
a first day drawn over the two years (seed 3030); names, phones, teas and prices are ours.

Then a tea shop's Shopify orders export (``shopify_tea_orders_walk30.csv``: one row per line item, the order's
money and status on its first line only; paid / refunded / partially_refunded), 585 lines of 357 orders of 140
buyers, drawn the same way.

    python bench/walk30_sets.py      # writes both into tests/data
"""

from pathlib import Path

import numpy as np
import pandas as pd

rng = np.random.default_rng(3030)
OUT = Path(__file__).resolve().parents[1] / "tests" / "data"

SUR = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗")
GIV = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "洋",
    "艳",
    "勇",
    "军",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀英",
    "霞",
    "平",
    "刚",
    "桂英",
    "晓燕",
    "子涵",
    "思远",
]
CITY = [
    ("浙江省", "杭州市", "西湖区"),
    ("上海市", "上海市", "徐汇区"),
    ("江苏省", "南京市", "鼓楼区"),
    ("广东省", "深圳市", "南山区"),
    ("北京市", "北京市", "朝阳区"),
    ("四川省", "成都市", "武侯区"),
]
TEA_ZH = [
    ("明前龙井 50g", "罐装", 168.0),
    ("正山小种 100g", "袋装", 98.0),
    ("福鼎白茶饼 357g", "饼", 238.0),
    ("云南古树普洱 200g", "砖", 188.0),
    ("茉莉花茶 80g", "罐装", 58.0),
    ("铁观音 清香型 125g", "礼盒", 128.0),
    ("青瓷盖碗", "单只", 88.0),
    ("便携旅行茶具套装", "套", 158.0),
    ("桂花乌龙 冷泡茶包", "20包", 45.0),
    ("金骏眉 礼盒 250g", "礼盒", 398.0),
]


def youzan():
    """The 有赞 export: one row per item, the order's money on each of its lines."""
    n = 130
    buyers = pd.DataFrame(
        {
            "name": [rng.choice(SUR) + rng.choice(GIV) for _ in range(n)],
            "phone": [
                f"1{rng.choice([3, 5, 8])}{rng.integers(0, 10)}{rng.integers(10**7, 10**8)}" for _ in range(n)
            ],
            "city": rng.integers(0, len(CITY), n),
            "rate": rng.gamma(1.2, 1.5, n),
        }
    )
    buyers["nick"] = [f"{'茶友' if i % 3 else '微信用户'}{rng.integers(1000, 9999)}" for i in range(n)]
    rows, oid = [], 0
    start = pd.Timestamp("2024-01-05")
    for _, r in buyers.iterrows():
        first = rng.integers(0, 600)
        k = 1 + rng.poisson(r["rate"])
        days = np.sort(first + rng.integers(0, 700 - first, k))
        for d in days:
            oid += 1
            at = (
                start
                + pd.Timedelta(days=int(d))
                + pd.Timedelta(seconds=int(rng.integers(8 * 3600, 23 * 3600)))
            )
            if at > pd.Timestamp("2025-11-28"):
                continue
            status = rng.choice(
                [
                    "交易成功",
                    "交易成功",
                    "交易成功",
                    "交易成功",
                    "交易成功",
                    "交易成功",
                    "交易关闭",
                    "退款成功",
                ]
            )
            items = rng.choice(len(TEA_ZH), 1 + rng.poisson(0.5), replace=False)
            lines = [(TEA_ZH[i], int(1 + rng.poisson(0.3))) for i in items]
            goods = sum(p * q for (_, _, p), q in lines)
            ship = 0.0 if goods >= 99 else 10.0
            disc = 20.0 if goods >= 300 and rng.random() < 0.4 else 0.0
            paid = goods + ship - disc
            prov, city, dist = CITY[r["city"]]
            no = f"E{at:%Y%m%d%H%M%S}{rng.integers(10**7, 10**8)}"
            for (name, spec, price), q in lines:
                rows.append(
                    {
                        "订单号": no,
                        "订单状态": status,
                        "下单时间": f"{at:%Y-%m-%d %H:%M:%S}",
                        "付款时间": ""
                        if status == "交易关闭"
                        else f"{at + pd.Timedelta(minutes=1):%Y-%m-%d %H:%M:%S}",
                        "买家昵称": r["nick"],
                        "收货人/提货人": r["name"],
                        "收货人手机号/提货人手机号": r["phone"],
                        "省": prov,
                        "市": city,
                        "区": dist,
                        "详细收货地址/提货地址": f"{dist}文三路{rng.integers(1, 400)}号",
                        "商品名称": name,
                        "规格": spec,
                        "商品单价": f"{price:.2f}",
                        "商品数量": q,
                        "商品金额小计": f"{price * q:.2f}",
                        "运费": f"{ship:.2f}",
                        "订单优惠": f"{disc:.2f}",
                        "订单实付金额": f"{paid:.2f}",
                        "支付方式": rng.choice(["微信支付", "微信支付", "储值卡", "支付宝"]),
                        "买家备注": rng.choice(["", "", "", "请尽快发货", "送人的，不要放发票"]),
                        "售后状态": "退款成功" if status == "退款成功" else "",
                    }
                )
    df = pd.DataFrame(rows).sort_values("下单时间", ascending=False, kind="stable")
    df.to_csv(OUT / "youzan_tea_orders_walk30_zh.csv", index=False, encoding="utf-8-sig")
    return df


FIRST = [
    "Emma",
    "Liam",
    "Olivia",
    "Noah",
    "Ava",
    "Lucas",
    "Mia",
    "Ethan",
    "Chloe",
    "Mason",
    "Grace",
    "Owen",
    "Ruby",
    "Leo",
    "Isla",
    "Jack",
    "Nora",
    "Henry",
    "Zoe",
    "Caleb",
]
LAST = [
    "Walker",
    "Nguyen",
    "Patel",
    "Garcia",
    "Smith",
    "Brown",
    "Kim",
    "Lopez",
    "Murphy",
    "Cohen",
    "Rossi",
    "Singh",
]
TEA_EN = [
    ("Sencha Green Tea 100g", "TEA-SEN-100", 14.5),
    ("Earl Grey Cream 100g", "TEA-EGC-100", 12.0),
    ("Ceremonial Matcha 30g", "TEA-MAT-030", 29.0),
    ("Rooibos Vanilla 100g", "TEA-ROO-100", 11.0),
    ("Glass Teapot 600ml", "WARE-GTP-600", 34.0),
    ("Masala Chai 200g", "TEA-CHA-200", 16.5),
    ("Bamboo Matcha Whisk", "WARE-WSK-001", 18.0),
    ("Tea Sampler Gift Box", "GIFT-SMP-012", 45.0),
]


def shopify():
    """The Shopify export: one row per line item, the order's money on its first line."""
    n = 140
    rows, num = [], 1000
    for c in range(n):
        f, last = rng.choice(FIRST), rng.choice(LAST)
        email = f"{f.lower()}.{last.lower()}{c}@{rng.choice(['gmail.com', 'outlook.com', 'icloud.com'])}"
        phone = f"+1 {rng.integers(200, 999)}-{rng.integers(200, 999)}-{rng.integers(1000, 9999)}"
        city = rng.choice([("Portland", "OR"), ("Austin", "TX"), ("Denver", "CO"), ("Boston", "MA")])
        first = rng.integers(0, 620)
        k = 1 + rng.poisson(rng.gamma(1.1, 1.4))
        for d in np.sort(first + rng.integers(0, 690 - first, k)):
            num += 1
            at = pd.Timestamp("2024-01-03 08:00") + pd.Timedelta(
                days=int(d), seconds=int(rng.integers(0, 50000))
            )
            if at > pd.Timestamp("2025-11-28"):
                continue
            status = rng.choice(["paid"] * 8 + ["refunded", "partially_refunded"])
            items = rng.choice(len(TEA_EN), 1 + rng.poisson(0.6), replace=False)
            lines = [(TEA_EN[i], int(1 + rng.poisson(0.4))) for i in items]
            sub = sum(p * q for (_, _, p), q in lines)
            ship = 0.0 if sub >= 50 else 6.95
            tax = round(sub * 0.0825, 2)
            total = round(sub + ship + tax, 2)
            refunded = (
                total
                if status == "refunded"
                else (round(lines[0][0][2], 2) if status == "partially_refunded" else 0.0)
            )
            for j, ((name, sku, price), q) in enumerate(lines):
                head = j == 0
                rows.append(
                    {
                        "Name": f"#{num}",
                        "Email": email,
                        "Financial Status": status if head else "",
                        "Paid at": f"{at + pd.Timedelta(seconds=5):%Y-%m-%d %H:%M:%S} -0800" if head else "",
                        "Fulfillment Status": "fulfilled" if head else "",
                        "Currency": "USD" if head else "",
                        "Subtotal": f"{sub:.2f}" if head else "",
                        "Shipping": f"{ship:.2f}" if head else "",
                        "Taxes": f"{tax:.2f}" if head else "",
                        "Total": f"{total:.2f}" if head else "",
                        "Discount Code": "",
                        "Discount Amount": "0.00" if head else "",
                        "Created at": f"{at:%Y-%m-%d %H:%M:%S} -0800",
                        "Lineitem quantity": q,
                        "Lineitem name": name,
                        "Lineitem price": f"{price:.2f}",
                        "Lineitem sku": sku,
                        "Billing Name": f"{f} {last}" if head else "",
                        "Billing City": city[0] if head else "",
                        "Billing Province": city[1] if head else "",
                        "Billing Country": "US" if head else "",
                        "Billing Phone": phone if head else "",
                        "Refunded Amount": f"{refunded:.2f}" if head else "",
                        "Payment Method": "Shopify Payments" if head else "",
                        "Vendor": "Leaf & Kettle",
                    }
                )
    df = pd.DataFrame(rows).iloc[::-1]
    df.to_csv(OUT / "shopify_tea_orders_walk30.csv", index=False)
    return df


if __name__ == "__main__":
    youzan()  # first: the Shopify set draws from the same generator after it
    shopify()
