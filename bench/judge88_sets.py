"""judge88's two English restaurant POS exports: a bistro's TouchBistro Sales Detail (Bill Details) report (a
row per menu item: `Bill Number`, `Waiter Name` the server, a guest's name, e-mail and phone only where the
bill carried one, walk-ins blank; `Gross Sales`, `Discount Amount` with `Discount Reason` (a comp is a 100 %
discount), `Void` Yes with `Void Reason` and `Net Sales` 0, `Tax`, `Tip`, `Bill Total` repeated; multi-line
quoted `Item Notes`) and a café's Revel Systems Order Details export (a row per order line, the order's
columns repeated: `Order ID`, `Created By` the cashier, `Customer Name`, `Customer Email`, `Customer Phone`,
`Product Name`, `Quantity`, `Price`, `Subtotal`, `Discount`, `Tax`, `Tips`, `Order Total`, `Status` Closed /
Voided / Refunded; multi-line `Special Instructions`). Seeded; rebuilt byte-identical; ``--truth`` prints what
each analysis should read. Headers from memory (docs/judge.md).

    JUDGE_DATA=/tmp/judge88/data python bench/judge88_sets.py [--truth]
"""

import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.judge59_sets import _write  # noqa: E402
from bench.judge67_sets import write_all  # noqa: E402
from bench.judge86_sets import _count, _orders  # noqa: E402

D = os.environ.get("JUDGE_DATA", "/tmp/judge88/data")
TB_HEAD = ["Bill Number", "Order Number", "Bill Date", "Bill Time", "Table Name", "Section", "Waiter Name",
           "Party Size", "Customer Name", "Customer Email", "Customer Phone", "Menu Category", "Menu Item",
           "Quantity", "Item Price", "Gross Sales", "Discount Amount", "Discount Reason", "Void",
           "Void Reason", "Net Sales", "Tax", "Tip", "Bill Total", "Payment Method", "Item Notes"]
TB_MENU = [("Mains", "Steak Frites", 29.0), ("Mains", "Moules Marinières", 24.0),
           ("Starters", "French Onion Soup", 11.0), ("Desserts", "Crème Brûlée", 9.5),
           ("Drinks", "House Red (Glass)", 12.0), ("Starters", "Burrata Salad", 15.0)]
TB_STAFF = ["Marco D.", "Priya S.", "Tom H.", "Ana R."]
RV_HEAD = ["Order ID", "Created Date", "Closed Date", "Order Type", "Station", "Created By", "Customer Name",
           "Customer Email", "Customer Phone", "Product Name", "Product Category", "Quantity", "Price",
           "Subtotal", "Discount", "Tax", "Tips", "Order Total", "Payment Type", "Status",
           "Special Instructions"]
RV_MENU = [("Coffee", "Oat Flat White", 5.25), ("Coffee", "Cold Brew", 4.75),
           ("Food", "Avocado Toast", 12.0), ("Food", "Breakfast Burrito", 11.5),
           ("Bakery", "Almond Croissant", 4.5), ("Bakery", "Banana Bread", 3.75)]
STAMP = "%Y-%m-%d %H:%M:%S"
RV_STAFF = ["Jordan Lee", "Sam Ortiz", "Casey Nguyen"]


def _phone(prefix: str, mail: str) -> str:
    """The guest's own phone, the same on each visit (from the number in the e-mail)."""
    digits = re.sub(r"\D", "", mail) or "0"
    return f"{prefix}{int(digits) + 100:04d}"


def _cents(*money: float) -> list[str]:
    """The till's money as written: two decimals, no sign."""
    return [f"{x:.2f}" for x in money]


def touchbistro(path: str) -> dict:
    """Bill Details: a row per menu item. Truth: named guests' non-void, non-comp Net Sales (Gross -
    discount); walk-in bills (no guest) and the servers are no customers; void lines and comps no sale."""
    rows, truth = [], {"net": 0.0, "customers": set(), "orders": set(), "left_out_rows": 0}
    for r, n, first, last, mail, when, walkin in _orders(881, 110, 420, [False, True], [55, 45]):
        picked = r.sample(range(len(TB_MENU)), r.choice([2, 3, 4]))
        lines = [(TB_MENU[i], r.choice([1, 1, 2])) for i in picked]
        disc_all = n % 17 == 0
        out = []
        for k, ((cat, item, p), q) in enumerate(lines):
            gross = p * q
            void = k == 1 and n % 9 == 0
            comp = k == 0 and n % 23 == 0
            disc = gross if comp else round(gross * .15, 2) if disc_all else 0.0
            net = 0.0 if void else round(gross - disc, 2)
            out.append((cat, item, p, q, gross, disc, comp, void, net))
        net_bill = sum(o[-1] for o in out)
        tax, tip = round(net_bill * .13, 2), round(net_bill * r.choice([.15, .18, .2]), 2)
        guest = ("", "", "") if walkin else (f"{first} {last}", mail, _phone("(416) 555-", mail))
        for cat, item, p, q, gross, disc, comp, void, net in out:
            notes = r.choice(["", "", "No shallots", "Allergy: tree nuts\nSub side salad"])
            rows.append([f"{30100 + n}", f"{30100 + n}-1", when.strftime("%m/%d/%Y"),
                         when.strftime("%I:%M %p"),
                         f"T{r.randint(1, 18)}", r.choice(["Patio", "Main Room", "Bar"]), TB_STAFF[n % 4],
                         r.randint(1, 6), *guest, cat, item, q, f"{p:.2f}", f"{gross:.2f}", f"{disc:.2f}",
                         "Comp - Manager" if comp else "Happy Hour 15%" if disc and not comp else "",
                         "Yes" if void else "No", "Kitchen Error" if void else "", f"{net:.2f}",
                         f"{net * .13:.2f}", f"{tip:.2f}", f"{net_bill + tax + tip:.2f}",
                         r.choice(["Visa", "Mastercard", "Cash"]), notes])
            sale = not (walkin or void or comp)
            _count(truth, sale, n, mail, net, 1)
    _write(path, TB_HEAD, rows)
    return truth


def revel(path: str) -> dict:
    """Order Details: a row per order line, the order's totals repeated. Truth: Closed orders' line Subtotal
    less the line's Discount, for orders with a customer; Voided and Refunded orders no sale."""
    rows, truth = [], {"net": 0.0, "customers": set(), "orders": set(), "left_out_rows": 0}
    states = ["Closed", "Voided", "Refunded", "Walk-in"]
    for r, n, first, last, mail, when, state in _orders(882, 130, 450, states, [70, 4, 4, 22]):
        lines = [(RV_MENU[i], r.choice([1, 2])) for i in r.sample(range(len(RV_MENU)), r.choice([1, 2, 3]))]
        sub = sum(p * q for (_, _, p), q in lines)
        rate = .1 if n % 12 == 0 else 0.0
        tax, tip = round(sub * (1 - rate) * .0875, 2), r.choice([0.0, 1.0, 2.0])
        total = round(sub * (1 - rate) + tax + tip, 2)
        guest = ("", "", "") if state == "Walk-in" else (f"{first} {last}", mail, _phone("415-555-", mail))
        closed = when.replace(minute=min(when.minute + 4, 59))
        for (cat, item, p), q in lines:
            _count(truth, state == "Closed", n, mail, round(p * q * (1 - rate), 2), 1)
            rows.append([f"{88000 + n}", when.strftime(STAMP), closed.strftime(STAMP),
                         r.choice(["Dine In", "To Go"]), "POS 1", RV_STAFF[n % 3], *guest, item, cat, q,
                         *_cents(p, p * q, p * q * rate, p * q * (1 - rate) * .0875, tip, total),
                         r.choice(["Credit", "Cash", "Gift Card"]),
                         "Closed" if state == "Walk-in" else state,
                         r.choice(["", "", "Extra hot", "Oat milk\nNo sugar"])])
    _write(path, RV_HEAD, rows)
    return truth


FILES = dict(touchbistro=(touchbistro, "Sales_Detail_2026-11-28.csv"),
             revel=(revel, "OrderDetails_2026-11-28.csv"))


if __name__ == "__main__":
    write_all(D, FILES)
