"""judge78's two creators' storefront exports: a comic artist's Ko-fi transactions CSV (one ledger of tips,
monthly memberships, shop orders and commissions, with the creator's own tips to others in `Given`, a refund
as a later negative row pointing back through `Reference`, GBP beside a few USD) and a designer's Payhip
sales export (a row per product bought, a cart's items sharing the `Transaction ID`, digital / course /
membership / physical, `Amount Paid` beside Payhip's and the processor's fees and `Net Earnings`,
`Status` Paid / Refunded / Disputed). Seeded; rebuilt byte-identical; ``--truth`` prints what each analysis
should read. Headers from memory (docs/judge.md).

    JUDGE_DATA=/tmp/judge78/data python bench/judge78_sets.py [--truth]
"""

import datetime as dt
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.judge59_sets import _pick, _write  # noqa: E402
from bench.judge66_sets import _people, _when  # noqa: E402
from bench.judge67_sets import _tally, write_all  # noqa: E402

D = os.environ.get("JUDGE_DATA", "/tmp/judge78/data")
KOFI_HEAD = ["DateTime (UTC)", "From", "Message", "Item", "Received", "Given", "Currency", "TransactionType",
             "TransactionId", "Reference", "SalesTax", "ShippingCost", "DiscountCode", "BuyerEmail"]
KOFI_ITEMS = [("Tip", "", 3.0), ("Tip", "", 5.0), ("Monthly Tip", "Ink Club (membership)", 4.0),
              ("Monthly Tip", "Studio Pass (membership)", 10.0), ("Shop Order", "Moth Zine #3", 8.0),
              ("Shop Order", "Sticker Sheet", 4.5), ("Shop Order", "A3 Risograph Print", 18.0),
              ("Commission", "Pet Portrait (digital)", 45.0)]
PAYHIP_HEAD = ["Date", "Transaction ID", "Product Name", "Product Type", "Customer Name", "Customer Email",
               "Quantity", "Price", "Coupon Code", "Discount", "Amount Paid", "Currency", "Tax", "Payhip Fee",
               "Payment Processor Fee", "Net Earnings", "Payment Method", "Status", "Country"]
PAYHIP_ITEMS = [("Notion Wedding Planner", "Digital", 19.0), ("Procreate Brush Pack", "Digital", 12.0),
                ("Lettering Masterclass", "Course", 79.0), ("Design Club Monthly", "Membership", 15.0),
                ("Printed Planner A5", "Physical", 32.0), ("Canva Social Templates", "Digital", 24.0)]


def kofi(path: str) -> dict:
    """Transactions: a row per money movement; the supporter by display name (often a nickname) and, on
    shop orders and memberships, an e-mail; `Given` holds the creator's own tips to other creators (no
    sale); a refund is a later row of type `Refund`, negative, its `Reference` the refunded payment."""
    r, people = _people(781, 150)
    rows, truth = [], {"net": 0.0, "customers": set(), "orders": set(), "left_out_rows": 0, "USD": 0.0}
    for n in range(720):
        first, last, email = _pick(r, people, 1.2)
        kind, item, price = r.choice(KOFI_ITEMS)
        qty = r.choice([1, 1, 1, 2]) if kind == "Shop Order" else 1
        money = price * qty
        cur = "USD" if people.index((first, last, email)) % 9 == 0 else "GBP"
        when, txn = _when(r), f"{r.getrandbits(32):08x}-{n:04x}-4e1a-9b7c-{r.getrandbits(48):012x}"
        ship = 2.5 if kind == "Shop Order" and "Print" in item else 0.0
        name = f"{first} {last[0]}." if people.index((first, last, email)) % 3 else first.lower() + "_draws"
        rows.append(_kofi_row(when, name, (item, money + ship, 0.0, cur, kind, txn, "", ship, email)))
        if cur == "USD":
            truth["USD"] += money + ship
            continue
        if kind == "Tip":  # a one-off tip carries no e-mail: a display name alone, no customer to count
            truth["tips_no_email"] = truth.get("tips_no_email", 0.0) + money
            continue
        _tally(truth, True, money + ship, email, txn)
        if kind in ("Shop Order", "Commission") and r.random() < .06:
            back = when + dt.timedelta(days=r.randint(2, 20))
            rows.append(_kofi_row(back, name, (item, -(money + ship), 0.0, cur, "Refund",
                                                                f"rf-{txn}", txn, 0.0, email)))
            truth["net"] -= money + ship
            truth["refunds"] = truth.get("refunds", 0) + 1
    for n in range(25):
        rows.append(_kofi_row(_when(r), "Pixel Pals Studio", ("", 0.0, 5.0, "GBP", "Tip",
                                                              f"gv-{n:04d}-{r.getrandbits(40):010x}", "", 0.0,
                                                              "")))
        truth["left_out_rows"] += 1
    _write(path, KOFI_HEAD, sorted(rows, key=lambda x: x[0]))
    return truth


def _kofi_row(when: dt.datetime, name: str, pay: tuple) -> list:
    item, received, given, cur, kind, txn, ref, ship, email = pay
    message = "love the zine!" if sum(map(ord, txn)) % 5 == 0 else ""
    return [when.strftime("%Y-%m-%d %H:%M:%S"), name, message, item, f"{received:.2f}", f"{given:.2f}", cur,
            kind, txn, ref, "0.00", f"{ship:.2f}", "", email if kind != "Tip" else ""]


def payhip(path: str) -> dict:
    """Sales export: a row per product bought; a cart's items share the Transaction ID; coupons off
    `Amount Paid`; Payhip's 5 % and Stripe's 2.9 % + 0.30 off `Net Earnings`; Refunded and Disputed
    sales listed with what was paid."""
    r, people = _people(782, 160)
    rows, truth = [], {"net": 0.0, "customers": set(), "orders": set(), "left_out_rows": 0}
    for _ in range(520):
        first, last, email = _pick(r, people, 1.3)
        when, txn = _when(r), f"{r.choice('ABCDEFGHJK')}{r.getrandbits(36):09X}"
        status = r.choices(["Paid", "Refunded", "Disputed"], [92, 6, 2])[0]
        coupon = "BLACKFRIDAY" if r.random() < .15 else ""
        country = r.choice(["United States", "Canada", "United Kingdom"])
        for name, kind, price in r.sample(PAYHIP_ITEMS, r.choice([1, 1, 1, 2])):
            off = round(price * .3, 2) if coupon else 0.0
            paid = price - off
            fee, proc = round(paid * .05, 2), round(paid * .029 + .3, 2)
            rows.append([when.strftime("%b %d, %Y %I:%M %p"), txn, name, kind, f"{first} {last}", email, 1,
                         f"{price:.2f}", coupon, f"{off:.2f}", f"{paid:.2f}", "USD", "0.00", f"{fee:.2f}",
                         f"{proc:.2f}", f"{paid - fee - proc:.2f}", r.choice(["Stripe", "PayPal"]), status,
                         country])
            _tally(truth, status == "Paid", paid, email, txn)
    _write(path, PAYHIP_HEAD, sorted(rows, key=lambda x: dt.datetime.strptime(x[0], "%b %d, %Y %I:%M %p"),
                                     reverse=True))
    return truth


FILES = {"kofi": (kofi, "Transactions_2025-06-01_2026-11-28.csv"),
         "payhip": (payhip, "payhip_sales_export_2026-11-28.csv")}


if __name__ == "__main__":
    write_all(D, FILES)
