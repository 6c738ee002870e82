"""Famous public customer data sets, regenerated with their documented schemas and quirks (scaled
to 20k-150k rows) for the judge's end-to-end runs (docs/judge.md): UCI Online Retail II (two
overlapping yearly sheets), Olist (five CSVs, customer_id per order), IBM Telco and bank churn,
Mall customers, Tianchi UserBehavior (no header, epoch seconds), Ta Feng, Instacart; then Rossmann,
Superstore (three sheets), Customer Personality (TAB), REES46 events, Starbucks JSON lines, M5 wide
sales and the e-commerce churn workbook (a "Data Dict" sheet first).

Run: ``python bench/judge_sets.py [SET ...]`` (writes ``$JUDGE_DATA`` or /tmp/judge/data).
"""

import os
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
    Dt_Customer dd-mm-yyyy, 'YOLO'/'Absurd' statuses, constant Z_CostContact/Z_Revenue."""
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
    ]:
        rng = np.random.default_rng(7)  # one seed per set: the same files whatever the order
        globals()[name]()
        print("made", name, flush=True)
