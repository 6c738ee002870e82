"""judge94's two English exports: a design studio's Wave invoices export (a row per invoice line: `Invoice
Number`, `Customer`, `Customer Email`, `Customer Phone`, `Invoice Date`, `Due Date`, `Status` Paid / Partial /
Unpaid / Overdue / Draft / Void, `Product/Service`, a two-line `Description`, `Quantity`, `Price`, `Discount`,
`Tax Name`, `Tax Amount`, and `Invoice Total`, `Amount Paid`, `Amount Due` repeated on each line, a `Memo`
naming a contact and a phone) and a print-on-demand shop's Printful orders export (a row per order:
`Recipient`, `Email`, `Phone`, the address, `Items` one multi-line cell, `Status` Fulfilled / Canceled / Draft
/ Failed / Returned, the `Retail ...` money the buyer paid the shop beside Printful's own charge to the shop,
`Fulfillment`, `Shipping`, `Tax`, `Total`, and a `Gift message`). Seeded; rebuilt byte-identical; ``--truth``
prints what each should read. Headers from memory (docs/judge.md).

    JUDGE_DATA=/tmp/judge94/data python bench/judge94_sets.py [--truth]
"""

import datetime as dt
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.judge59_sets import _pick, _write  # noqa: E402
from bench.judge66_sets import _people, _when  # noqa: E402
from bench.judge67_sets import write_all  # noqa: E402
from bench.judge86_sets import _count  # noqa: E402

D = os.environ.get("JUDGE_DATA", "/tmp/judge94/data")
WAVE_HEAD = ["Invoice Number", "Customer", "Customer Email", "Customer Phone", "Invoice Date", "Due Date",
             "Status", "Currency", "Product/Service", "Description", "Quantity", "Price", "Discount",
             "Tax Name", "Tax Amount", "Invoice Total", "Amount Paid", "Amount Due", "Memo"]
WAVE_ITEMS = [("Logo design", "Logo design\n3 rounds of revisions", 850.0),
              ("Brand guidelines", "PDF, 12 pages", 1200.0),
              ("Website refresh", "Home + 4 pages", 2400.0), ("Hourly support", "Ad-hoc edits", 95.0)]
WAVE_STATES = ["Paid", "Partial", "Unpaid", "Overdue", "Draft", "Void"]
PF_HEAD = ["Order", "External ID", "Store", "Created", "Status", "Recipient", "Email", "Phone", "Address 1",
           "City", "State", "Zip", "Country", "Items", "Retail subtotal", "Retail discount",
           "Retail shipping", "Retail tax", "Retail total", "Fulfillment", "Shipping", "Tax", "Total",
           "Gift message"]
PF_ITEMS = [("Unisex Staple T-Shirt | Bella + Canvas 3001 (Black / M)", 28.0, 11.69),
            ("White glossy mug (11 oz)", 18.0, 7.95), ("Embroidered Dad Hat (Navy)", 26.0, 14.25),
            ("Enhanced Matte Paper Poster (18x24)", 34.0, 15.50)]
PF_STATES = ["Fulfilled", "Canceled", "Draft", "Failed", "Returned"]


def wave(path: str) -> dict:
    """Invoices: lines repeat the invoice's totals; truth counts what was received (`Amount Paid` once per
    invoice) from Paid and Partial invoices; Unpaid / Overdue billed but not received, Draft / Void
    nothing."""
    r, people = _people(941, 70)
    rows, truth = [], {"net": 0.0, "customers": set(), "orders": set(), "left_out_rows": 0}
    for n in range(240):
        first, last, mail = _pick(r, people, 1.3)
        when, state = _when(r), r.choices(WAVE_STATES, [60, 8, 8, 12, 6, 6])[0]
        lines = [r.choice(WAVE_ITEMS) for _ in range(r.choice([1, 1, 2, 3]))]
        qtys = [r.randint(2, 12) if price < 100 else 1 for _, _, price in lines]
        disc = r.choice([0.0, 0.0, 100.0])
        net = sum(q * p for q, (_, _, p) in zip(qtys, lines, strict=True)) - disc
        total = round(net * 1.05, 2)
        paid = {"Paid": total, "Partial": round(total / 2, 2)}.get(state, 0.0)
        number = f"INV-{1040 + n}"
        for i, ((item, desc, price), qty) in enumerate(zip(lines, qtys, strict=True)):
            rows.append([number, f"{first} {last}", mail, r.choice([f"(604) 555-{n:04d}", ""]),
                         when.strftime("%Y-%m-%d"), (when + dt.timedelta(days=30)).strftime("%Y-%m-%d"),
                         state, "CAD", item, desc, qty, f"{price:.2f}", f"{disc:.2f}" if i == 0 else "0.00",
                         "GST", f"{qty * price * .05:.2f}", f"{total:.2f}", f"{paid:.2f}",
                         f"{0 if state in ('Draft', 'Void') else total - paid:.2f}",
                         r.choice(["", f"Contact {first} on (604) 555-{n:04d} for approvals.",
                                   "Thank you for your business!\nPayment due within 30 days."])])
        _count(truth, paid > 0, number, mail, paid, len(lines))
    _write(path, WAVE_HEAD, rows)
    return truth


def printful(path: str) -> dict:
    """Orders: a row per order; truth counts the buyer's `Retail total` of Fulfilled orders only, never
    Printful's `Total` (what the shop paid Printful); Canceled, Draft, Failed and Returned are no sale."""
    r, people = _people(942, 150)
    rows, truth = [], {"net": 0.0, "customers": set(), "orders": set(), "left_out_rows": 0}
    for n in range(420):
        first, last, mail = _pick(r, people, 1.2)
        when, state = _when(r), r.choices(PF_STATES, [82, 6, 4, 3, 5])[0]
        items = [(r.randint(1, 3), *r.choice(PF_ITEMS)) for _ in range(r.choice([1, 1, 2]))]
        sub = sum(q * p for q, _, p, _ in items)
        cost = sum(q * c for q, _, _, c in items)
        disc = r.choice([0.0, 0.0, round(sub * .1, 2)])
        total = round(sub - disc + 4.99 + (sub - disc) * .0725, 2)
        rows.append([f"#{88412000 + n}", f"#{1001 + n}", "Inkwell Goods (Shopify)",
                     when.strftime("%Y-%m-%d %H:%M:%S"), state, f"{first} {last}", mail,
                     r.choice([f"+1 503-555-{n:04d}", ""]), f"{r.randint(10, 999)} SE Oak St", "Portland",
                     "OR", "97214", "US", "\n".join(f"{q}x {name}" for q, name, _, _ in items), f"{sub:.2f}",
                     f"{disc:.2f}", "4.99", f"{(sub - disc) * .0725:.2f}", f"{total:.2f}", f"{cost:.2f}",
                     "4.75", f"{cost * .0725:.2f}", f"{cost + 4.75 + cost * .0725:.2f}",
                     r.choice(["", "", f"Happy birthday {r.choice(['Maya', 'Sam'])}!\nLove, {first}"])])
        _count(truth, state == "Fulfilled", n, mail, total, 1)
    _write(path, PF_HEAD, rows)
    return truth


if __name__ == "__main__":
    write_all(D, {"wave": (wave, "invoices-export-2026-11-28.csv"),
                  "printful": (printful, "printful-orders-2026-11-28.csv")})
