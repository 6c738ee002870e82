"""judge46's three sets: Paddle Billing transactions, Loyverse receipts by item, Eventbrite attendees."""

import csv
import datetime as dt
import os
import random

R = random.Random(46)
D = os.environ.get("JUDGE_DATA", "/tmp/judge46/data")
FIRST = (
    "Liam",
    "Olivia",
    "Ethan",
    "Emma",
    "Mason",
    "Ava",
    "Lucas",
    "Sophia",
    "Logan",
    "Mia",
    "Aiden",
    "Chloe",
)
LAST = ("Johnson", "Miller", "Davis", "Garcia", "Rodriguez", "Martinez", "Lee", "Walker", "Hall", "Young")


def customers(n):
    """``n`` US shoppers (first, last, e-mail); a name may come twice, each with its own e-mail."""
    names = [(R.choice(FIRST), R.choice(LAST)) for _ in range(n)]
    return [(f, last, f"{f.lower()}.{last.lower()}{i}@example.com") for i, (f, last) in enumerate(names)]


people = customers(120)


def write(name, rows):
    """One CSV with the rows' own key order as its header."""
    with open(f"{D}/{name}", "w", newline="") as fh:
        w = csv.DictWriter(fh, list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def us_short(t):
    """Loyverse's US back-office date: 12/6/26 2:03 PM (no leading zeros, two-digit year)."""
    return f"{t.month}/{t.day}/{t:%y} {t.hour % 12 or 12}:{t:%M} {'AM' if t.hour < 12 else 'PM'}"


def paddle():
    """Paddle Billing → Reports → Transactions: one row each, decimal totals, ISO times in UTC."""
    prices = [
        ("Starter", "Starter (monthly)", 19.0),
        ("Team", "Team (monthly)", 49.0),
        ("Team", "Team (annual)", 490.0),
    ]
    rows, n = [], 0
    for ci, (f, last, e) in enumerate(people[:75]):
        product, price_name, price = R.choice(prices)
        step = 365 if "annual" in price_name else 30
        start = dt.datetime(2025, 1, 6) + dt.timedelta(days=R.randint(0, 300), seconds=R.randint(0, 86399))
        for m in range(R.randint(1, 14)):
            at = start + dt.timedelta(days=step * m, seconds=R.randint(0, 600))
            if at > dt.datetime(2026, 11, 30):
                break
            n += 1
            st = R.choices(["completed", "past_due", "canceled", "billed"], [88, 5, 4, 3])[0]
            tax = round(price * 0.2, 2) if ci % 3 == 0 else 0.0
            rows.append(
                {
                    "id": f"txn_01j{n:05d}k{ci:03d}q",
                    "status": st,
                    "customer_id": f"ctm_01h{ci:04d}x7k2m",
                    "customer_email": e,
                    "customer_name": f"{f} {last}",
                    "business_name": "" if ci % 4 else f"{last} LLC",
                    "origin": "web" if m == 0 else "subscription_recurring",
                    "subscription_id": f"sub_01h{ci:04d}p3w9",
                    "invoice_number": f"1234-{n:05d}" if st in ("completed", "billed", "past_due") else "",
                    "collection_mode": "automatic",
                    "currency_code": "USD",
                    "billed_at": at.strftime("%Y-%m-%dT%H:%M:%S.") + f"{R.randint(0, 999999):06d}Z",
                    "created_at": (at - dt.timedelta(seconds=5)).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                    "product_name": product,
                    "price_name": price_name,
                    "quantity": 1,
                    "subtotal": f"{price:.2f}",
                    "discount": "0.00",
                    "tax": f"{tax:.2f}",
                    "grand_total": f"{price + tax:.2f}",
                    "earnings": f"{round(price * 0.95 - 0.5, 2):.2f}" if st == "completed" else "0.00",
                    "payment_method_type": R.choice(["card", "card", "paypal", "apple_pay"]),
                }
            )
    rows.sort(key=lambda r: r["billed_at"])
    write("paddle_transactions_2026-12-01.csv", rows)


def loyverse():
    """Loyverse Back Office → Receipts by item: US short dates, refunds as negative lines."""
    menu = [
        ("Coffee", "Latte", ["Small", "Large"], 4.5),
        ("Coffee", "Cold Brew", ["Small", "Large"], 5.0),
        ("Coffee", "Espresso", [""], 3.0),
        ("Bakery", "Blueberry Muffin", [""], 3.75),
        ("Bakery", "Bagel", ["Plain", "Everything"], 2.95),
        ("Food", "Breakfast Burrito", [""], 8.5),
        ("Tea", "Chai Latte", ["Small", "Large"], 4.75),
        ("Retail", "House Blend 12oz", [""], 14.0),
    ]
    regulars = people[75:115]
    rows, rec = [], 1000
    for day in range(150):
        d0 = dt.datetime(2026, 7, 1) + dt.timedelta(days=day)
        for _ in range(R.randint(1, 3)):
            rec += 1
            t = d0 + dt.timedelta(hours=R.randint(7, 15), minutes=R.randint(0, 59))
            who = R.choice(regulars) if R.random() < 0.6 else None
            refund = R.random() < 0.05
            status = "Cancelled" if R.random() < 0.02 else "Closed"
            for cat, item, variants, price in R.sample(menu, R.randint(1, 3)):
                q = R.randint(1, 2) * (-1 if refund else 1)
                gross = round(price * q, 2)
                disc = round(gross * 0.1, 2) if who and R.random() < 0.2 else 0.0
                rows.append(
                    {
                        "Date": us_short(t),
                        "Receipt number": f"1-{rec}",
                        "Receipt type": "Refund" if refund else "Sale",
                        "Category": cat,
                        "SKU": 10000 + menu.index((cat, item, variants, price)),
                        "Item": item,
                        "Variant": R.choice(variants),
                        "Modifiers applied": R.choice(["", "", "Oat milk", "Extra shot"]),
                        "Quantity": q,
                        "Gross sales": f"{gross:.2f}",
                        "Discounts": f"{disc:.2f}",
                        "Net sales": f"{gross - disc:.2f}",
                        "Cost of goods": f"{gross * 0.3:.2f}",
                        "Gross profit": f"{gross - disc - gross * 0.3:.2f}",
                        "Taxes": f"{(gross - disc) * 0.0875:.2f}",
                        "POS": "POS 1",
                        "Store": "Maple Street Coffee",
                        "Cashier name": R.choice(["Owner", "Jess", "Marco"]),
                        "Customer name": f"{who[0]} {who[1]}" if who else "",
                        "Customer contacts": (who[2] if rec % 2 else f"+1 555 01{regulars.index(who):02d}")
                        if who
                        else "",
                        "Comment": "",
                        "Status": status,
                    }
                )
    write("receipts-by-item-2026-07-01-2026-11-27.csv", rows)


def eventbrite():
    """Eventbrite → Reports → Attendee summary: one row per ticket; Total Paid and fees per attendee."""
    events = [
        ("Intro to Pottery", 45.0),
        ("Wheel Throwing Workshop", 85.0),
        ("Glaze Night", 30.0),
        ("Open Studio", 0.0),
    ]
    rows, order = [], 4_800_000_000
    for k in range(40):
        name, price = events[k % 4]
        day = dt.datetime(2025, 9, 5) + dt.timedelta(days=7 * k)
        for _ in range(R.randint(3, 8)):
            order += R.randint(1, 9999)
            buyer = R.choice(people[40:120])
            at = day - dt.timedelta(days=R.randint(1, 20), seconds=R.randint(0, 86399))
            refunded = R.random() < 0.06
            paid_by = (
                "Free Order" if not price else R.choice(["Eventbrite Completed"] * 2 + ["PayPal Completed"])
            )
            for a in range(R.choice([1, 1, 1, 2, 2, 3])):
                f, last, e = buyer if a == 0 else R.choice(people)
                fee = round(price * 0.037 + 1.79, 2) if price else 0.0
                rows.append(
                    {
                        "Order #": order,
                        "Order Date": at.strftime("%Y-%m-%d %H:%M:%S") + "-04:00",
                        "First Name": f,
                        "Last Name": last,
                        "Email": e,
                        "Quantity": 1,
                        "Ticket Type": "General Admission" if price else "Free RSVP",
                        "Order Type": paid_by,
                        "Total Paid": f"{price + fee:.2f}",
                        "Eventbrite Fees": f"{fee:.2f}",
                        "Eventbrite Payment Processing": f"{round((price + fee) * 0.029, 2):.2f}",
                        "Attendee Status": "Refunded"
                        if refunded
                        else R.choice(["Attending", "Checked In", "Checked In"]),
                        "Event Name": name,
                        "Event ID": 900_000_000_000 + k % 4,
                        "Attendee #": order * 10 + a,
                        "Barcode #": f"{order}{a:03d}001",
                        "Buyer Last Name": buyer[1],
                        "Buyer First Name": buyer[0],
                        "Buyer Email": buyer[2],
                    }
                )
    write("Attendee_Summary_Report_2026-12-01.csv", rows)


if __name__ == "__main__":
    os.makedirs(D, exist_ok=True)
    paddle()
    loyverse()
    eventbrite()
