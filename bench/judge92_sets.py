"""judge92's two English exports: a restaurant's Resy reservations export (a row per reservation: `Date`,
`Time`, `Service`, `Party Size` the covers, the guest's `First Name`, `Last Name`, `Email`, `Phone`, `Status`
Completed / Cancelled / No Show, `Table`, `Server`, `Visit Tags`, `Guest Tags`, a multi-line quoted
`Guest Notes` and `Allergies` (health notes, birthdays), the guest's lifetime `Total Visits` and `Total Spend`
repeated on each row, the check's `Subtotal`, `Tax`, `Tip`, `Check Total` on completed visits only) and a
designer's Sellfy orders export (a row per order: `Order ID`, `Date`, `Status` Completed / Refunded /
Pending, `Customer Name`, `Customer Email`, `Country`, `Product`, `Quantity`, `Price`, `Discount Code`,
`Discount`, `Tax`, `Total`, `Currency`, `Payment Method`, a multi-line `Customer Note`). Seeded; rebuilt
byte-identical; ``--truth`` prints what each analysis should read. Headers from memory (docs/judge.md).

    JUDGE_DATA=/tmp/judge92/data python bench/judge92_sets.py [--truth]
"""

import os
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.judge59_sets import _write  # noqa: E402
from bench.judge67_sets import write_all  # noqa: E402
from bench.judge86_sets import _count, _orders  # noqa: E402
from bench.judge88_sets import _cents, _phone  # noqa: E402

D = os.environ.get("JUDGE_DATA", "/tmp/judge92/data")
RS_HEAD = ["Date", "Time", "Service", "Party Size", "First Name", "Last Name", "Email", "Phone", "Status",
           "Table", "Server", "Visit Tags", "Guest Tags", "Guest Notes", "Allergies", "Total Visits",
           "Total Spend", "Subtotal", "Tax", "Tip", "Check Total"]
RS_NOTES = ["", "", "Prefers booth; celebrating birthday 14 March",
            "Severe peanut allergy - EpiPen carried\nAlways confirm with kitchen", "Pregnant - no raw fish"]
RS_ALLERGY = ["", "", "", "Shellfish", "Gluten (coeliac)", "Peanuts, tree nuts"]
SF_HEAD = ["Order ID", "Date", "Status", "Customer Name", "Customer Email", "Country", "Product",
           "Quantity", "Price", "Discount Code", "Discount", "Tax", "Total", "Currency", "Payment Method",
           "Customer Note"]
SF_ITEMS = [("Procreate Brush Pack", 18.0), ("Lightroom Presets Vol. 2", 24.0), ("Font Bundle 2026", 39.0),
            ("Notion Planner Template", 12.0), ("Mockup Kit Pro", 29.0)]


def _lifetime(visits: list) -> dict:
    """Each guest's completed visits and spend, as Resy repeats them on every row of that guest."""
    seen: dict = defaultdict(lambda: [0, 0.0])
    for mail, sub, done in visits:
        seen[mail][0] += done
        seen[mail][1] += sub
    return seen


def resy(path: str) -> dict:
    """Reservations: a row per booking. Truth: Completed visits' Subtotal (before tax and tip); Cancelled and
    No Show bookings no sale; the repeated lifetime `Total Spend` must not be summed."""
    truth = {"net": 0.0, "customers": set(), "orders": set(), "left_out_rows": 0}
    drawn = []
    states = ["Completed", "Cancelled", "No Show"]
    for r, n, first, last, mail, when, state in _orders(921, 120, 500, states, [82, 11, 7]):
        covers = r.choice([2, 2, 2, 3, 4, 6])
        sub = round(covers * r.uniform(38, 72), 2) if state == "Completed" else 0.0
        drawn.append((r, n, first, last, mail, when, state, covers, sub))
    life = _lifetime([(d[4], d[8], d[6] == "Completed") for d in drawn])
    rows = []
    for r, n, first, last, mail, when, state, covers, sub in drawn:
        done = state == "Completed"
        tax, tip = round(sub * .08875, 2), round(sub * r.choice([.18, .2, .22]), 2)
        check = _cents(sub, tax, tip, sub + tax + tip) if done else ["", "", "", ""]
        visits, spend = life[mail]
        rows.append([when.strftime("%m/%d/%Y"), when.strftime("%I:%M %p"), r.choice(["Dinner", "Lunch"]),
                     covers, first, last, mail, _phone("(212) 555-", mail), state, f"T{r.randint(1, 24)}",
                     r.choice(["Alex", "Bea", "Chris"]), r.choice(["", "Anniversary", "Birthday"]),
                     r.choice(["", "VIP", "Regular", "Industry"]), r.choice(RS_NOTES), r.choice(RS_ALLERGY),
                     visits, f"{spend:.2f}", *check])
        _count(truth, done, n, mail, sub, 1)
    _write(path, RS_HEAD, rows)
    return truth


def sellfy(path: str) -> dict:
    """Orders: a row per order. Truth: Completed orders' Total less Tax (price x quantity - discount);
    Refunded and Pending orders no sale."""
    rows, truth = [], {"net": 0.0, "customers": set(), "orders": set(), "left_out_rows": 0}
    states = ["Completed", "Refunded", "Pending"]
    for r, n, first, last, mail, when, state in _orders(922, 150, 420, states, [85, 9, 6]):
        item, price = SF_ITEMS[(n * 3 + r.randint(0, 4)) % len(SF_ITEMS)]
        qty = r.choice([1, 1, 1, 2])
        code, disc = ("BLACKFRIDAY", round(price * qty * .3, 2)) if n % 10 == 0 else ("", 0.0)
        net = round(price * qty - disc, 2)
        tax = round(net * r.choice([0.0, .2, .19]), 2)
        rows.append([f"SF-{40210 + n}", when.strftime("%Y-%m-%d %H:%M:%S"), state, f"{first} {last}", mail,
                     r.choice(["United States", "United Kingdom", "Germany"]), item, qty,
                     *_cents(price), code, *_cents(disc, tax, net + tax), "USD",
                     r.choice(["PayPal", "Stripe"]),
                     r.choice(["", "", "Please send the invoice to\naccounts@studio.example"])])
        _count(truth, state == "Completed", n, mail, net, 1)
    _write(path, SF_HEAD, rows)
    return truth


FILES = dict(resy=(resy, "resy_reservations_2026-11-28.csv"), sellfy=(sellfy, "sellfy_orders_2026-11-28.csv"))


if __name__ == "__main__":
    write_all(D, FILES)
