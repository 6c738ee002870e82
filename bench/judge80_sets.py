"""judge80's two small web shops: a tea merchant's OpenCart orders export (Sale > Orders joined to
order_product, as the usual export extensions write it: a row per product line, the order's Sub-Total,
Shipping, Tax, Coupon and Total repeated on each of its lines, the buyer's payment address over several
lines in one quoted cell, OpenCart's stock statuses Complete / Processing / Shipped / Pending / Canceled /
Refunded / Chargeback / Denied / Reversed / Voided / Canceled Reversal, GBP with a few EUR orders) and a
Minecraft server's Tebex payments export (a row per payment, the player's Username and UUID, packages
joined in one cell, Complete / Refunded / Chargeback / Pending, paid in USD, EUR or GBP, the buyer's IP
address). Seeded; ``--truth`` prints what each analysis should read. Headers from memory (docs/judge.md).

    JUDGE_DATA=/tmp/judge80/data python bench/judge80_sets.py [--truth]
"""

import os
import sys
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.judge59_sets import _pick, _write  # noqa: E402
from bench.judge66_sets import _people, _when  # noqa: E402
from bench.judge67_sets import _tally, write_all  # noqa: E402

D = os.environ.get("JUDGE_DATA", "/tmp/judge80/data")
OC_HEAD = ["Order ID", "Invoice No.", "Store Name", "Customer", "E-Mail", "Telephone", "Payment Address",
           "Payment Method", "Shipping Method", "Product Name", "Model", "Quantity", "Price", "Product Total",
           "Sub-Total", "Shipping", "Tax", "Coupon", "Total", "Currency", "Order Status", "Date Added",
           "Date Modified"]
OC_ITEMS = [("Assam Breakfast Loose Leaf 250g", "TEA-ASM-250", 8.5),
            ("Earl Grey Blue Flower 100g", "TEA-EGB-100", 6.95), ("Sencha Fukuyu 100g", "TEA-SEN-100", 9.75),
            ("Glass Teapot with Infuser", "POT-GLS-600", 24.0), ("Rooibos Vanilla 200g", "TEA-ROO-200", 7.25),
            ("Matcha Ceremonial Grade 30g", "TEA-MAT-030", 18.5)]
OC_STATES = {"Complete": 62, "Processing": 8, "Shipped": 10, "Canceled Reversal": 1, "Pending": 6,
             "Canceled": 4, "Refunded": 4, "Chargeback": 2, "Denied": 2, "Reversed": 1, "Voided": 1}
OC_SALES = ("Complete", "Processing", "Shipped", "Canceled Reversal")
TEBEX_HEAD = ["Transaction ID", "Date", "Username", "UUID", "Email", "Packages", "Price", "Currency",
              "Gateway", "Status", "IP Address", "Country"]
TEBEX_ITEMS = [("VIP Rank", 9.99), ("MVP Rank", 19.99), ("1000 Coins", 4.99),
               ("Legendary Crate Key x3", 7.49), ("Pet Bundle", 12.0), ("Unban Appeal", 14.99)]


def opencart(path: str) -> dict:
    """A row per product line; the order's money repeated on each line; Total = Sub-Total + Shipping + Tax
    (20 % VAT) - Coupon; what the shop received is each kept order's Total once."""
    r, people = _people(801, 140)
    rows, truth = [], {"net": 0.0, "customers": set(), "orders": set(), "left_out_rows": 0, "EUR": 0.0}
    for n in range(610):
        first, last, email = _pick(r, people, 1.25)
        status = r.choices(list(OC_STATES), list(OC_STATES.values()))[0]
        cur = "EUR" if people.index((first, last, email)) % 8 == 0 else "GBP"
        lines = [(name, model, price, r.choice([1, 1, 2])) for name, model, price in
                 r.sample(OC_ITEMS, r.choice([1, 1, 2, 3]))]
        sub = round(sum(p * q for _, _, p, q in lines), 2)
        ship, coupon = (0.0 if sub >= 40 else 3.95), (round(sub * .1, 2) if r.random() < .15 else 0.0)
        tax = round((sub - coupon) * .2, 2)
        total = round(sub + ship + tax - coupon, 2)
        when = _when(r)
        number, street = r.randint(1, 120), r.choice(["Mill Lane", "High Street", "Church Road"])
        addr = f"{first} {last}\n{number} {street}\n" \
               f"{r.choice(['Leeds LS1 4AB', 'York YO1 7HH', 'Bath BA1 1LT'])}\nUnited Kingdom"
        order, phone = str(1000 + n), f"07{r.randint(100, 999)} {r.randint(100000, 999999)}"
        pay = r.choice(["PayPal Express Checkout", "Stripe"])
        for name, model, price, qty in lines:
            rows.append([order, f"INV-2025-{n:05d}" if status in OC_SALES else "", "Leaf & Kettle",
                         f"{first} {last}", email, phone, addr, pay, "Royal Mail Tracked 48",
                         name, model, qty, f"{price:.2f}", f"{price * qty:.2f}", f"{sub:.2f}", f"{ship:.2f}",
                         f"{tax:.2f}", f"{-coupon:.2f}" if coupon else "0.00", f"{total:.2f}", cur, status,
                         when.strftime("%d/%m/%Y %H:%M"), when.strftime("%d/%m/%Y %H:%M")])
        if cur == "EUR":
            truth["EUR"] += total if status in OC_SALES else 0.0
            continue
        _tally(truth, status in OC_SALES, total, email, order)
    _write(path, OC_HEAD, sorted(rows, key=lambda x: int(x[0]), reverse=True))
    return truth


def tebex(path: str) -> dict:
    """A row per payment; the player by Username and UUID; a basket's packages joined in one cell; the
    price in the buyer's currency; refunds and chargebacks keep their price and say it in Status."""
    r, people = _people(802, 170)
    rows = []
    truth = {"net": 0.0, "customers": set(), "orders": set(), "left_out_rows": 0, "EUR": 0.0, "GBP": 0.0}
    ids = {p: (f"{p[0]}{r.choice(['_MC', 'Craft', 'xX', '99'])}",
               str(uuid.UUID(int=r.getrandbits(128), version=4))) for p in people}
    for _ in range(880):
        person = _pick(r, people, 1.15)
        name, mc = ids[person]
        status = r.choices(["Complete", "Refunded", "Chargeback", "Pending"], [88, 5, 3, 4])[0]
        packs = r.sample(TEBEX_ITEMS, r.choice([1, 1, 1, 2]))
        price = round(sum(p for _, p in packs), 2)
        cur = ["USD", "EUR", "GBP"][people.index(person) % 3]
        txn = f"tbx-{r.getrandbits(56):014x}-{r.getrandbits(24):06x}"
        rows.append([txn, _when(r).strftime("%Y-%m-%d %H:%M:%S"), name, mc, person[2],
                     ", ".join(p for p, _ in packs), f"{price:.2f}", cur, r.choice(["PayPal", "Stripe"]),
                     status,
                     f"{r.randint(2, 223)}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}",
                     r.choice(["US", "DE", "GB", "CA", "NL"])])
        if cur != "USD":
            truth[cur] += price if status == "Complete" else 0.0
            continue
        _tally(truth, status == "Complete", price, mc, txn)
    _write(path, TEBEX_HEAD, sorted(rows, key=lambda x: x[1], reverse=True))
    return truth


FILES = {"opencart": (opencart, "orders_export_2026-11-28.csv"),
         "tebex": (tebex, "payments-export-2026-11-28.csv")}


if __name__ == "__main__":
    write_all(D, FILES)
