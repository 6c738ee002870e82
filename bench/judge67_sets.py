"""judge67's three English exports: a creator's Podia sales export (a row per sale; product names; `Refunded`
and `Failed` sales listed; `Mon DD, YYYY` dates), a SaaS's Recurly transactions export (a row per gateway
transaction; `purchase`, `refund` and `verify`; `success`, `declined`, `void` and `processing`; dollars)
and a joinery's Sage Business Cloud Accounting sales invoice list (a row per invoice or credit note; UK dates
dd/mm/yyyy; `£1,234.56`; statuses Paid, Part Paid, Unpaid, Overdue, Void, Draft; a multi-line quoted
address). Seeded; rebuilt byte-identical; ``--truth`` prints what each analysis should read. Headers from
memory (docs/judge.md).

    JUDGE_DATA=/tmp/judge67/data python bench/judge67_sets.py [--truth]
"""

import datetime as dt
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.judge59_sets import _pick, _write  # noqa: E402
from bench.judge66_sets import _people, _say, _usd, _when  # noqa: E402

D = os.environ.get("JUDGE_DATA", "/tmp/judge67/data")
END = dt.datetime(2026, 11, 28, 23, 59)
PODIA_HEAD = ["Date", "Customer name", "Customer email", "Product", "Product type", "Price", "Coupon",
              "Affiliate", "Amount paid", "Currency", "Status", "Payment method"]
PRODUCTS = [("Pottery at Home", "Online course", 89.0), ("Glaze Recipes Cookbook", "Digital download", 19.0),
            ("Wheel Throwing Live", "Webinar", 35.0), ("1:1 Studio Review", "Coaching", 120.0),
            ("Clay Collective", "Membership", 15.0), ("Beginner Potter Bundle", "Bundle", 129.0)]
RECURLY_HEAD = ["transaction_id", "account_code", "first_name", "last_name", "company", "email",
                "invoice_number", "subscription_id", "type", "origin", "status", "currency", "amount",
                "tax_amount", "date", "payment_method", "card_type", "last_four", "gateway",
                "gateway_error_code", "message", "refunded"]
SAGE_HEAD = ["Date", "Type", "Number", "Customer Ref", "Customer", "Reference", "Due Date", "Status", "Net",
             "VAT", "Total", "Outstanding", "Currency", "Address"]


def podia(path: str) -> dict:
    """Sales export: a row per sale; `Refunded` and `Failed` kept; a membership a row per month paid."""
    r, people = _people(671, 260)
    rows, truth = [], {"net": 0.0, "customers": set(), "orders": set(), "left_out_rows": 0}
    for n in range(900):
        first, last, email = _pick(r, people, 1.2)
        name, kind, price = r.choice(PRODUCTS)
        coupon = r.choice(["", "", "", "", "KILN25"])
        paid = round(price * (.75 if coupon else 1), 2)
        status = r.choices(["Paid", "Refunded", "Failed"], [90, 6, 4])[0]
        rows.append([_when(r).strftime("%b %d, %Y %I:%M %p"), f"{first} {last}", email, name, kind,
                     _usd(price), coupon, r.choice(["", "", "", "maya-makes"]), _usd(paid), "USD", status,
                     r.choice(["Stripe", "Stripe", "PayPal"])])
        _tally(truth, status == "Paid", paid, email, str(n))
    _write(path, PODIA_HEAD, sorted(rows, key=lambda x: dt.datetime.strptime(x[0], "%b %d, %Y %I:%M %p"),
                                    reverse=True))
    return truth


def recurly(path: str) -> dict:
    """Transactions export: monthly `purchase` per invoice; `declined` and `void` attempts, `processing`
    direct debits,
    card `verify` checks of $0 or $1; a `refund` a negative amount on the same invoice, its purchase marked
    `refunded`."""
    r, people = _people(672, 180)
    rows, truth = [], {"net": 0.0, "customers": set(), "orders": set(), "left_out_rows": 0}
    for n in range(800):
        first, last, email = _pick(r, people, 1.3)
        code = f"acct-{people.index((first, last, email)) + 1000}"
        who = (code, first, last, r.choice(["", "", "Brightline Ltd", "Okapi Labs"]), email)
        when, inv = _when(r), str(4100 + n)
        kind = r.choices(["purchase", "verify"], [93, 7])[0]
        amount = r.choice([29.0, 49.0, 99.0, 299.0]) if kind == "purchase" else r.choice([0.0, 1.0])
        status = r.choices(["success", "declined", "void", "processing"], [85, 8, 3, 4])[0]
        sale = kind == "purchase" and status == "success"
        back = (amount if r.random() < .6 else round(amount / 2, 2)) if sale and r.random() < .07 else 0.0
        rows.append(_rc_row(r, who, inv, kind, status, amount, when, bool(back)))
        if back:
            rows.append(_rc_row(r, who, inv, "refund", "success", -back, when + dt.timedelta(days=3), False))
        _tally(truth, sale, amount - back, email, inv)
    _write(path, RECURLY_HEAD, sorted(rows, key=lambda x: x[14], reverse=True))
    return truth


def _rc_row(r: random.Random, who: tuple, inv: str, kind: str, status: str, amount: float,
            when: dt.datetime, refunded: bool) -> list:
    """One transaction; `refunded` is true on a purchase given back in part or whole (as Recurly's API)."""
    code, first, last, company, email = who
    error, message = {"declined": ("insufficient_funds", "The transaction was declined due to insufficient "
                                                        "funds in your account."),
                      "void": ("", "Voided before settlement")}.get(status, ("", "Successful transaction"))
    return [f"{r.getrandbits(64):016x}", code, first, last, company, email, inv if kind != "verify" else "",
            f"{r.getrandbits(48):012x}", kind, "recurring" if kind == "purchase" else "api", status, "USD",
            f"{amount:.2f}", f"{amount * .08:.2f}" if kind == "purchase" else "0.00",
            when.strftime("%Y-%m-%d %H:%M:%S UTC"), "credit_card", r.choice(["Visa", "MasterCard"]),
            f"{r.randint(0, 9999):04d}", "Stripe", error, message, "true" if refunded else "false"]


def sage(path: str) -> dict:
    """Sales invoice list (UK): a row per invoice (`SI-`) or credit note (`SCN-`, negative); Void and Draft
    invoices listed; Part Paid and Overdue invoices are sales; the address a multi-line quoted cell."""
    r = random.Random(673)
    firms = [(f"C{c:03d}", name) for c, name in enumerate(
        ["Hartley Homes", "Oakfield Builders", "Meadow Lane Lettings", "Brook & Sons", "Kestrel Interiors",
         "Fenwick Estates", "Cotswold Kitchens", "Ashby Renovations", "Millbrook Primary School",
         "Thorne Architects", "Willow Barn B&B", "Greaves Property", "Larkspur Cafe", "Northgate Dental",
         "Quarry Hill Developments", "Riverside Church", "Saxon Carpentry", "Tudor Rose Pub"], 1)]
    rows, truth = [], {"net": 0.0, "customers": set(), "orders": set(), "left_out_rows": 0}
    for n in range(420):
        code, name = firms[min(int(r.paretovariate(1.1)) - 1, len(firms) - 1)] if r.random() < .5 \
            else r.choice(firms)
        when = dt.date(2025, 4, 1) + dt.timedelta(days=r.randint(0, 600))
        net = round(r.choice([180, 450, 960, 1850, 3200, 7400]) * r.uniform(.8, 1.2), 2)
        states = ["Paid", "Part Paid", "Unpaid", "Overdue", "Void", "Draft"]
        status = r.choices(states, [70, 6, 6, 8, 5, 5])[0]
        vat = round(net * .2, 2)
        owed = {"Paid": 0.0, "Part Paid": round((net + vat) / 2, 2)}.get(status, net + vat)
        rows.append(_sage_row(r, when, "Sales Invoice", f"SI-{n + 1}", (code, name), status, net, vat, owed))
        _tally(truth, status not in ("Void", "Draft"), net + vat, code, f"SI-{n + 1}")
        if status == "Paid" and r.random() < .06:
            back = round(net * r.choice([1, .25]), 2)
            cn = f"SCN-{n + 1}"
            rows.append(_sage_row(r, when + dt.timedelta(days=12), "Sales Credit Note", cn, (code, name),
                                  "Paid", -back, -round(back * .2, 2), 0.0))
            truth["net"] -= round(back * 1.2, 2)
    _write(path, SAGE_HEAD, sorted(rows, key=lambda x: dt.datetime.strptime(x[0], "%d/%m/%Y")))
    return truth


def _sage_row(r: random.Random, when: dt.date, kind: str, num: str, firm: tuple[str, str], status: str,
              net: float, vat: float, owed: float) -> list:
    code, name = firm
    street = f"{r.randint(1, 220)} {r.choice(['Station Road', 'Church Lane', 'Mill Street'])}"
    town = r.choice(["Cirencester\nGL7 1AB", "Stroud\nGL5 2DE", "Cheltenham\nGL50 3XY"])
    ref = r.choice(["", "PO " + str(r.randint(1000, 9999))])
    return [when.strftime("%d/%m/%Y"), kind, num, code, name, ref,
            (when + dt.timedelta(days=30)).strftime("%d/%m/%Y"), status, _gbp(net), _gbp(vat),
            _gbp(net + vat), _gbp(owed), "GBP", f"{street}\n{town}"]


def _tally(truth: dict, sale: bool, money: float, who: str, order: str) -> None:
    """A sale's money, buyer and order into the truth; a row that is no sale counted as left out."""
    if not sale:
        truth["left_out_rows"] += 1
        return
    truth["net"] += money
    truth["customers"].add(who)
    truth["orders"].add(order)


def _gbp(x: float) -> str:
    """Sage's pounds: the sign before the symbol (-£1,234.50)."""
    return f"{'-' if x < 0 else ''}£{abs(x):,.2f}"


FILES = {"podia": (podia, "sales-2026-11-28.csv"), "recurly": (recurly, "transactions-export-2026-11-28.csv"),
         "sage": (sage, "Sales_Invoices_Export_28-11-2026.csv")}


def write_all(folder: str, files: dict) -> None:
    """Each file of ``files`` (key → writer, name) into ``folder``; with ``--truth`` what each should read."""
    os.makedirs(folder, exist_ok=True)
    said = {key: write(os.path.join(folder, name)) for key, (write, name) in files.items()}
    for key in said if "--truth" in sys.argv else ():
        _say(key, said[key])


if __name__ == "__main__":
    write_all(D, FILES)
