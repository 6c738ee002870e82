"""Famous public customer data sets, regenerated with their documented schemas and quirks (scaled
to 20k-150k rows) for the judge's end-to-end runs (docs/judge.md): UCI Online Retail II (two
overlapping yearly sheets), Olist (five CSVs, customer_id per order), IBM Telco and bank churn,
Mall customers, Tianchi UserBehavior (no header, epoch seconds), Ta Feng, Instacart.

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
    ]:
        rng = np.random.default_rng(7)  # one seed per set: the same files whatever the order
        globals()[name]()
        print("made", name, flush=True)
