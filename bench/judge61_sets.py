"""judge61's three English exports: a Hong Kong tea shop's SHOPLINE order export (one row per item, the
order's money repeated on each; HKD; a multi-line quoted delivery address and remark), a font foundry's Lemon
Squeezy orders export (one row per order, sold in USD, EUR and GBP with ``total_usd`` beside ``total``; status
paid / refunded / partial_refund / pending) and a coach's Kajabi payments export (one row per transaction; a
refund is its own row with a negative amount). Seeded; rebuilt byte-identical. Headers from memory
(docs/judge.md).

    JUDGE_DATA=/tmp/judge61/data python bench/judge61_sets.py
"""

import datetime as dt
import os
import random
import sys
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.judge59_sets import _pick, _write  # noqa: E402

D = os.environ.get("JUDGE_DATA", "/tmp/judge61/data")
START = dt.datetime(2025, 6, 2, 9, 0)
DAYS = 545
FIRST = ["Wing", "Ka Yan", "Chloe", "Marcus", "Hoi Ting", "Jason", "Mandy", "Ethan", "Priya", "Tom", "Yuki",
         "Sofia"]
LAST = ["Chan", "Wong", "Lee", "Cheung", "Lau", "Ng", "Tam", "Smith", "Garcia", "Ito", "Brown", "Mak"]
TEAS = [("Tieguanyin Oolong 100g", 168.0), ("Aged Pu'er Cake 357g", 588.0),
        ("Jasmine Silver Needle 50g", 138.0), ("Dragon Well Green 100g", 218.0), ("Yunnan Black 100g", 98.0),
        ("Gaiwan Set (White)", 320.0), ("Osmanthus Oolong 100g", 128.0)]
FONTS = [("Halden Sans", "Desktop licence", 49.0), ("Halden Sans", "Family pack", 189.0),
         ("Mori Serif", "Desktop licence", 39.0), ("Mori Serif", "Web licence", 79.0),
         ("Pebble Display", "Desktop licence", 29.0)]
FX = {"USD": 1.0, "EUR": 0.92, "GBP": 0.79}
OFFERS = [("Calm Mind 8-Week Course", 297.0), ("Coaching Membership (Monthly)", 49.0),
          ("Morning Reset Mini-Course", 37.0), ("1:1 Coaching Session", 150.0)]

SHOPLINE_HEAD = ["Order Number", "Order Date", "Order Status", "Payment Status", "Delivery Status",
                 "Customer ID", "Customer Name", "Customer Email", "Customer Phone", "Product Name",
                 "Variation", "SKU", "Price", "Quantity", "Order Subtotal", "Shipping Fee", "Order Discount",
                 "Order Total", "Currency", "Payment Method", "Delivery Method", "Delivery Address",
                 "Order Remarks"]
LEMON_HEAD = ["identifier", "order_number", "created_at", "status", "customer_name", "customer_email",
              "product_name", "variant_name", "currency", "subtotal", "discount_total", "tax", "total",
              "total_usd", "refunded_amount", "refunded_amount_usd", "discount_code", "country"]
KAJABI_HEAD = ["ID", "Created At", "Type", "Status", "Amount", "Sales Tax", "Currency", "Quantity",
               "Customer ID", "Customer Name", "Customer Email", "Offer ID", "Offer Title", "Provider",
               "Payment Method", "Coupon Used"]


def _people(seed: int, n: int, domain: str) -> tuple[random.Random, list[tuple[str, str, str]]]:
    """The seeded draw and name, e-mail and phone per customer; namesakes are different people (their
    e-mails differ)."""
    r = random.Random(seed)
    out = []
    for i in range(n):
        first, last = r.choice(FIRST), r.choice(LAST)
        email = f"{first.lower().replace(' ', '')}.{last.lower()}{i}@{r.choice(['gmail.com', domain])}"
        out.append((f"{first} {last}", email, f"+852 {r.randint(5000, 9999)} {r.randint(1000, 9999)}"))
    return r, out


def _save(path: str, head: list[str], rows: list[list], by: int) -> None:
    """Newest first, as each system lists its orders."""
    _write(path, head, sorted(rows, key=lambda x: x[by], reverse=True))


def _when(r: random.Random) -> dt.datetime:
    return START + dt.timedelta(days=r.randint(0, DAYS), minutes=r.randint(0, 12 * 60))


def shopline(path: str) -> None:
    """Order export: a row per item; ``Order Total`` etc. repeated; cancelled and refunded orders stay in."""
    r, people, rows = *_people(611, 160, "yahoo.com.hk"), []
    for n in range(520):
        name, email, phone = _pick(r, people, 1.1)
        when = _when(r)
        status, pay = r.choices([("Completed", "Paid"), ("Cancelled", "Refunded"), ("Cancelled", "Unpaid"),
                                 ("Confirmed", "Paid")], [82, 6, 4, 8])[0]
        lines = [(t, p, r.choice([1, 1, 1, 2, 3])) for t, p in r.sample(TEAS, r.choice([1, 1, 2, 3]))]
        sub = sum(p * q for _, p, q in lines)
        ship = 0.0 if sub >= 500 else 40.0
        disc = r.choice([0.0, 0.0, 0.0, 50.0])
        road = r.choice(["Nathan Road", "Queen's Road Central", "King's Road"])
        addr = f"Flat {r.randint(1, 30)}{r.choice('ABCDEF')}, {r.randint(1, 40)}/F\n" \
               f"{r.randint(1, 300)} {road}\nHong Kong"
        note = r.choice(["", "", "", "Please gift wrap.\nCard: Happy birthday Mum!", "Leave with the guard"])
        pay_by, ship_by = r.choice(["Credit Card", "FPS", "PayMe"]), r.choice(["SF Express", "Store Pickup"])
        for tea, price, qty in lines:
            arrived = "Arrived" if status == "Completed" else "Pending"
            delivery = "Returned" if pay == "Refunded" else arrived
            rows.append([f"2025{10000 + n:06d}", when.strftime("%Y-%m-%d %H:%M:%S"), status, pay, delivery,
                         f"5f{zlib.crc32(email.encode()):08x}c0de", name, email, phone, tea, "",
                         f"HK-T{TEAS.index((tea, price)):03d}",
                         f"{price:.2f}", qty, f"{sub:.2f}", f"{ship:.2f}", f"{disc:.2f}",
                         f"{sub + ship - disc:.2f}", "HKD", pay_by, ship_by, addr, note])
    _save(path, SHOPLINE_HEAD, rows, 1)


def lemon(path: str) -> None:
    """Orders export: one order a row; money in the order's currency, ``total_usd`` the same in dollars."""
    r, people, rows = *_people(612, 260, "studio.design"), []
    for n in range(700):
        name, email, _ = _pick(r, people, 1.3)
        font, variant, usd = r.choice(FONTS)
        cur = r.choices(list(FX), [60, 25, 15])[0]
        status = r.choices(["paid", "refunded", "partial_refund", "pending"], [88, 6, 3, 3])[0]
        sub = round(usd * FX[cur], 2)
        disc = round(sub * .2, 2) if r.random() < .15 else 0.0
        tax = round((sub - disc) * (.2 if cur != "USD" else 0), 2)
        total = round(sub - disc + tax, 2)
        refunded = {"refunded": total, "partial_refund": round(total / 2, 2)}.get(status, 0)
        ident = f"{r.getrandbits(64):016x}-lsq"
        rows.append([ident, 3000 + n, _when(r).strftime("%Y-%m-%dT%H:%M:%S.000000Z"),
                     status, name, email, font, variant, cur, f"{sub:.2f}", f"{disc:.2f}", f"{tax:.2f}",
                     f"{total:.2f}", f"{total / FX[cur]:.2f}", f"{refunded:.2f}", f"{refunded / FX[cur]:.2f}",
                     "LAUNCH20" if disc else "",
                     {"USD": "US", "EUR": "DE", "GBP": "GB"}[cur]])
    _save(path, LEMON_HEAD, rows, 2)


def kajabi(path: str) -> None:
    """Payments export: a transaction a row; a refund a later row of its own with a negative amount."""
    r, people, rows = *_people(613, 180, "hotmail.com"), []
    for n in range(640):
        name, email, _ = _pick(r, people, 1.2)
        offer, price = r.choice(OFFERS)
        when = _when(r)
        kind = "Subscription Charge" if "Monthly" in offer else "Charge"
        cid = 7_100_000 + people.index((name, email, _))
        oid = 2_148_000 + OFFERS.index((offer, price))
        row = [8_800_000 + n, when.strftime("%Y-%m-%d %H:%M:%S -0500"), kind, "Succeeded", f"${price:,.2f}",
               "$0.00", "USD", 1, cid, name, email, oid, offer, r.choice(["Kajabi Payments", "PayPal"]),
               r.choice(["Visa", "Mastercard", "PayPal"]), r.choice(["", "", "", "SPRING10"])]
        rows.append(row)
        if r.random() < .07:
            back = when + dt.timedelta(days=r.randint(1, 14))
            rows.append([8_900_000 + n, back.strftime("%Y-%m-%d %H:%M:%S -0500"), "Refund", "Succeeded",
                         f"-${price:,.2f}", "$0.00", "USD", 1, cid, name, email, oid, offer, row[13], row[14],
                         ""])
    _save(path, KAJABI_HEAD, rows, 1)


if __name__ == "__main__":
    os.makedirs(D, exist_ok=True)
    shopline(os.path.join(D, "order_export_20261128.csv"))
    lemon(os.path.join(D, "orders-2026-11-28.csv"))
    kajabi(os.path.join(D, "payments_export_2026-11-28.csv"))
