"""judge45's three sets: Chargebee invoices, Zettle item sales (UK, £, VAT), Gorgias tickets. Seeded."""

import csv
import datetime as dt
import os
import random

R = random.Random(45)
D = os.environ.get("JUDGE_DATA", "/tmp/judge45/data")
FIRST = [
    "Oliver",
    "Amelia",
    "Harry",
    "Isla",
    "Jack",
    "Ava",
    "George",
    "Mia",
    "Noah",
    "Emily",
    "Leo",
    "Grace",
    "Oscar",
    "Lily",
    "Arthur",
    "Freya",
    "Theo",
    "Ella",
    "Henry",
    "Sophie",
]
LAST = [
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Evans",
    "Thomas",
    "Roberts",
    "Walker",
    "Wright",
    "Hughes",
]
people = [
    (f, last, f"{f.lower()}.{last.lower()}{i}@example.co.uk")
    for i, (f, last) in enumerate((R.choice(FIRST), R.choice(LAST)) for _ in range(90))
]
# Chargebee invoices export (one row per invoice, subscription fields alongside)
plans = [("starter-monthly-gbp", 1900), ("growth-monthly-gbp", 4900), ("pro-monthly-gbp", 9900)]
rows = []
inv = 1000
for ci, (f, last, e) in enumerate(people[:70]):
    plan, price = R.choice(plans)
    start = dt.datetime(2023, 1, 1) + dt.timedelta(days=R.randint(0, 330), hours=R.randint(8, 18))
    months = R.randint(1, 24)
    status = R.choices(["active", "cancelled", "non_renewing"], [6, 3, 1])[0]
    end_m = months
    cancelled = ""
    if status == "cancelled":
        cancelled = (start + dt.timedelta(days=30 * months)).strftime("%Y-%m-%d %H:%M:%S")
    elif status == "non_renewing":
        cancelled = (start + dt.timedelta(days=30 * (months + 1))).strftime("%Y-%m-%d %H:%M:%S")
    qty = R.choice([1, 1, 1, 2, 3])
    cust = f"AzZj{ci:04d}Tq"
    sub = f"169y{ci:04d}Ux"
    for m in range(end_m):
        day = start + dt.timedelta(days=30 * m)
        if day > dt.datetime(2024, 12, 31):
            break
        inv += 1
        st = R.choices(["paid", "payment_due", "voided", "not_paid"], [90, 4, 3, 3])[0]
        total = price * qty
        rows.append(
            {
                "invoices.id": inv,
                "invoices.date": day.strftime("%Y-%m-%d %H:%M:%S"),
                "invoices.customer_id": cust,
                "customers.email": e,
                "customers.first_name": f,
                "customers.last_name": last,
                "customers.company": f"{last} & Co",
                "invoices.subscription_id": sub,
                "subscriptions.plan_id": plan,
                "subscriptions.plan_quantity": qty,
                "subscriptions.status": status,
                "subscriptions.mrr": total if status != "cancelled" else 0,
                "subscriptions.cancelled_at": cancelled,
                "invoices.currency_code": "GBP",
                "invoices.sub_total": total,
                "invoices.tax": total // 5,
                "invoices.total": total * 6 // 5,
                "invoices.amount_paid": total * 6 // 5 if st == "paid" else 0,
                "invoices.amount_due": 0 if st == "paid" else total * 6 // 5,
                "invoices.status": st,
                "invoices.recurring": "true",
                "invoices.paid_at": day.strftime("%Y-%m-%d %H:%M:%S") if st == "paid" else "",
            }
        )
rows.sort(key=lambda r: r["invoices.date"])
with open(f"{D}/Invoices-2024-12-31.csv", "w", newline="") as fh:
    w = csv.DictWriter(fh, list(rows[0]))
    w.writeheader()
    w.writerows(rows)
# Zettle item sales (UK coffee shop): Date dd/mm/yyyy, £, VAT 20%/0%
items = [
    ("Flat White", "Regular", 3.20, 20),
    ("Latte", "Large", 3.60, 20),
    ("Croissant", "", 2.40, 20),
    ("Sourdough Loaf", "", 4.50, 0),
    ("Americano", "Regular", 2.80, 20),
    ("Banana Bread", "", 3.00, 20),
    ("Coffee Beans 250g", "Espresso", 8.50, 0),
    ("Cheese Toastie", "", 5.50, 20),
]
rows = []
rec = 5000
for day in range(120):
    d0 = dt.datetime(2024, 9, 2) + dt.timedelta(days=day)
    for _ in range(R.randint(1, 3)):
        rec += 1
        t = d0 + dt.timedelta(hours=R.randint(7, 16), minutes=R.randint(0, 59))
        pay = R.choice(["Card", "Card", "Card", "Cash"])
        who = R.choice(people[60:])
        basket = R.sample(items, R.randint(1, 3))
        refund = R.random() < 0.05
        for name, var, price, vat in basket:
            q = R.randint(1, 2) * (-1 if refund else 1)
            gross = round(price * q, 2)
            net = round(gross / (1 + vat / 100), 2)
            rows.append(
                {
                    "Date": t.strftime("%d/%m/%Y"),
                    "Time": t.strftime("%H:%M"),
                    "Receipt number": rec,
                    "Name": name,
                    "Variant": var,
                    "Quantity": q,
                    "Unit price": f"£{price:.2f}",
                    "Discount": "£0.00",
                    "Total (inc. VAT)": f"£{gross:.2f}" if gross >= 0 else f"-£{-gross:.2f}",
                    "VAT rate": f"{vat}%",
                    "VAT": f"£{gross - net:.2f}" if gross >= 0 else f"-£{net - gross:.2f}",
                    "Total (exc. VAT)": f"£{net:.2f}" if net >= 0 else f"-£{-net:.2f}",
                    "Payment method": pay,
                    "Card type": "Visa" if pay == "Card" else "",
                    "Staff": R.choice(["Sam", "Priya"]),
                    "Device": "iPad Front Counter",
                    "Customer": f"{who[0]} {who[1]}" if R.random() < 0.6 else "",
                    "Receipt type": "Refund" if refund else "Sale",
                }
            )
with open(f"{D}/Zettle-Item-Sales-Report-20240902-20241230.csv", "w", newline="", encoding="utf-8") as fh:
    w = csv.DictWriter(fh, list(rows[0]))
    w.writeheader()
    w.writerows(rows)
# Gorgias tickets export
chan = ["email", "chat", "instagram-direct-message", "facebook-messenger", "phone", "contact_form"]
tags = ["ORDER-STATUS", "refund", "where-is-my-order", "damaged-item", "subscription", "urgent", "auto-close"]
subj = [
    "Where is my order #{n}?",
    "Refund for order #{n}",
    "Damaged item in order #{n}",
    "Change my subscription",
    "Wrong size received",
    "Discount code not working",
]
rows = []
for i in range(340):
    f, last, e = R.choice(people)
    c = dt.datetime(2024, 6, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=R.randint(0, 60 * 24 * 180))
    st = R.choices(["closed", "open"], [85, 15])[0]
    closed = (c + dt.timedelta(minutes=R.randint(5, 4000))) if st == "closed" else None
    tz = dt.timezone(dt.timedelta(hours=1)) if 3 <= c.month <= 10 else dt.UTC
    score = R.choice(["", "", "5", "4", "5", "3", "1", "2"]) if st == "closed" else ""
    rows.append(
        {
            "Ticket id": 28000000 + i,
            "Subject": R.choice(subj).format(n=R.randint(1001, 1999)),
            "Status": st,
            "Channel": R.choice(chan),
            "Customer name": f"{f} {last}",
            "Customer email": e,
            "Assignee": R.choice(["Chloe Adams", "Ben Carter", ""]),
            "Tags": ",".join(R.sample(tags, R.randint(0, 3))),
            "Created datetime": c.astimezone(tz).isoformat(),
            "Closed datetime": closed.astimezone(tz).isoformat() if closed else "",
            "Messages count": R.randint(1, 9),
            "Satisfaction survey score": score,
            "Satisfaction survey comment": "Quick and kind, thanks!"
            if score == "5" and R.random() < 0.3
            else "",
        }
    )
with open(f"{D}/tickets-export-2024-12-01.csv", "w", newline="") as fh:
    w = csv.DictWriter(fh, list(rows[0]))
    w.writeheader()
    w.writerows(rows)
