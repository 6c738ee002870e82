"""judge55's three sets: Gumroad sales, a SumUp transactions report, Ecwid orders (one line per item).

Generated, not real: seeded (55) so the numbers say what each command read. Rebuild with
``JUDGE_DATA=/tmp/judge55/data python bench/judge55_sets.py``; also writes ``truth.json`` (pandas-free).
"""

import csv
import datetime as dt
import json
import os
import random

R = random.Random(55)
D = os.environ.get("JUDGE_DATA", "/tmp/judge55/data")
FIRST = ("Noah", "Emily", "James", "Grace", "Henry", "Zoe", "Owen", "Ruby", "Jack", "Isla", "Leo", "Nora")
LAST = ("Smith", "Brown", "Wilson", "Taylor", "Clark", "Lewis", "Wright", "Scott", "Green", "Baker")
people = [(R.choice(FIRST), R.choice(LAST)) for _ in range(150)]
people = [(f, last, f"{f.lower()}.{last.lower()}{i}@example.com") for i, (f, last) in enumerate(people)]


def write(name, rows):
    """One CSV with the rows' own key order as its header."""
    with open(f"{D}/{name}", "w", newline="") as fh:
        w = csv.DictWriter(fh, list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def when(start, days):
    """A moment ``0..days`` days after ``start``, at a shop-hours time."""
    return start + dt.timedelta(days=R.randint(0, days), hours=R.randint(8, 21), minutes=R.randint(0, 59))


def gumroad():
    """Gumroad → Analytics / Sales → export: one row per purchase; refunds flagged, never negative."""
    items = [("Lightroom Presets Vol. 1", 15.0, ""), ("Lightroom Presets Vol. 2", 19.0, ""),
             ("Portrait Retouching Course", 79.0, "Standard"), ("Portrait Retouching Course", 129.0, "Pro"),
             ("Photo Critique Club", 9.0, "Monthly")]
    rows, net, buyers = [], 0.0, set()
    for n in range(420):
        f, last, email = R.choice(people[:110])
        name, price, variant = R.choice(items)
        t = when(dt.datetime(2025, 9, 1), 450)
        full = R.random() < 0.06
        part = round(price * 0.5, 2) if not full and R.random() < 0.03 else 0.0
        sub = f"{R.getrandbits(40):x}==" if name == "Photo Critique Club" else ""
        rows.append({
            "Purchase ID": f"{R.getrandbits(48):012x}==", "Item Name": name, "Buyer Name": f"{f} {last}",
            "Purchase Email": email, "Buyer Email": email, "Purchase Date": f"{t:%Y-%m-%d}",
            "Purchase Time (UTC timezone)": f"{t:%H:%M:%S}", "Subtotal ($)": f"{price:.2f}",
            "Taxes ($)": "0.0", "Sale Price ($)": f"{price:.2f}", "Fees ($)": f"{price * 0.1 + 0.5:.2f}",
            "Net Total ($)": f"{price * 0.9 - 0.5:.2f}", "Currency": "usd", "Refunded?": "1" if full else "0",
            "Partial Refund ($)": f"{part:.2f}", "Fully Refunded?": "1" if full else "0",
            "Disputed?": "0", "Variants": variant, "Discount Code": "",
            "Recurring Charge?": "1" if sub else "0", "Subscription ID": sub, "Quantity": "1",
            "Country": "United States", "Order Number": 100000 + n,
        })
        if not full:
            net += price - part
            buyers.add(email)
    write("Sales_2025-09-01_2026-11-30.csv", rows)
    return {"rows": len(rows), "revenue_net": round(net, 2), "customers": len(buyers)}


def sumup():
    """SumUp → Reports → Transactions: one row per card/cash payment, no customer column at all."""
    menu = [("Flat white", 3.4), ("Cappuccino", 3.3), ("Croissant", 2.6), ("Banana bread", 3.1),
            ("Sandwich", 6.5), ("Filter coffee", 2.8)]
    rows, net, ok = [], 0.0, 0
    for _ in range(520):
        t = when(dt.datetime(2026, 6, 1), 180)
        lines = R.sample(menu, R.randint(1, 3))
        amount = round(sum(p for _, p in lines), 2)
        status = R.choices(["Successful", "Refunded", "Failed"], [90, 5, 5])[0]
        card = R.random() < 0.8
        tip = round(R.choice([0, 0, 0, 0.5, 1.0]), 2) if card else 0.0
        rows.append({
            "Account": "owner@harbourcoffee.example", "Date": f"{t:%d.%m.%Y, %H:%M}",
            "Transaction ID": f"T{R.getrandbits(36):09X}", "Payment type": "Sales",
            "Status": status, "Payment method": "Card" if card else "Cash",
            "Card type": R.choice(["VISA", "MASTERCARD", "AMEX"]) if card else "",
            "Card last 4 digits": f"{R.randint(0, 9999):04d}" if card else "",
            "Description": ", ".join(name for name, _ in lines), "Total amount": f"{amount + tip:.2f}",
            "Tip amount": f"{tip:.2f}", "Fee": f"{(amount + tip) * 0.0169:.2f}" if card else "0.00",
            "Payout": f"{(amount + tip) * 0.9831:.2f}" if card else "0.00", "Currency": "GBP",
        })
        if status == "Successful":
            net += amount + tip
            ok += 1
    write("transactions-report-2026-06-01-2026-11-30.csv", rows)
    return {"rows": len(rows), "revenue_successful": round(net, 2), "orders_successful": ok}


def ecwid():
    """Ecwid → My Sales → Orders → Export: one line per ordered item, order fields repeated."""
    goods = [("TEA-001", "Sencha green tea 100g", 12.5), ("TEA-002", "Earl Grey 100g", 9.9),
             ("TEA-003", "Jasmine pearls 50g", 16.0), ("ACC-010", "Glass teapot", 29.0),
             ("ACC-011", "Bamboo tea scoop", 6.5), ("GFT-100", "Tasting gift box", 39.0)]
    rows, net, buyers, orders = [], 0.0, set(), 0
    for n in range(260):
        f, last, email = R.choice(people[30:])
        t = when(dt.datetime(2025, 11, 1), 390)
        status = R.choices(["PAID", "REFUNDED", "CANCELLED", "AWAITING_PAYMENT"], [86, 5, 5, 4])[0]
        picks = [(g, R.randint(1, 3)) for g in R.sample(goods, R.randint(1, 3))]
        sub = round(sum(p * q for (_, _, p), q in picks), 2)
        ship = 4.95 if sub < 40 else 0.0
        fulfil = {"PAID": R.choice(["SHIPPED", "DELIVERED"]), "REFUNDED": "RETURNED",
                  "CANCELLED": "WILL_NOT_DELIVER", "AWAITING_PAYMENT": "AWAITING_PROCESSING"}[status]
        for (sku, name, price), qty in picks:
            rows.append({
                "orderNumber": 1001 + n, "email": email, "createDate": f"{t:%Y-%m-%d %H:%M:%S} +0000",
                "paymentStatus": status, "fulfillmentStatus": fulfil, "paymentMethod": "Credit or debit card",
                "orderSubtotal": f"{sub:.2f}", "shippingCost": f"{ship:.2f}",
                "orderTotal": f"{sub + ship:.2f}", "productSku": sku, "productName": name,
                "productPrice": f"{price:.2f}", "productQuantity": qty,
                "billingPersonName": f"{f} {last}", "billingCountry": "US",
            })
        if status == "PAID":
            net += sub
            buyers.add(email)
            orders += 1
    write("orders_export_2026-11-30.csv", rows)
    return {"rows": len(rows), "items_revenue_paid": round(net, 2), "customers": len(buyers),
            "orders": orders}


if __name__ == "__main__":
    os.makedirs(D, exist_ok=True)
    truth = {"gumroad": gumroad(), "sumup": sumup(), "ecwid": ecwid()}
    with open(f"{D}/truth.json", "w") as fh:
        json.dump(truth, fh, indent=1)
    print(json.dumps(truth))
