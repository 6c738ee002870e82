"""judge73's three English donation exports: a food bank's Givebutter transactions (a row per charge; `Amount`
is what the donor paid, `Fee` the processor's, `Fee Covered` what the donor added to cover it, `Donated` the
gift and `Payout` what reached the bank; succeeded, refunded, failed and pending charges; monthly plans; a
dedication's honoree), an animal shelter's Donorbox donations (a row per donation in four currencies with
`Converted Amount` in USD; `Processing Fee`, `Net Amount`, `Fee Covered`; recurring donations; an `In Honor
Of` name; refunded ones marked) and a choir's Zeffy payments (a row per payment in CAD; no fee, the donor's
`Contribution to Zeffy` beside the org's `Total Amount`; refunded, partially refunded and failed payments;
gala tickets beside donations; a company gift). Seeded; ``--truth`` prints what each analysis should read.
Headers from memory (docs/judge.md).

    JUDGE_DATA=/tmp/judge73/data python bench/judge73_sets.py [--truth]
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.judge59_sets import _pick, _write  # noqa: E402
from bench.judge66_sets import FIRST, LAST, _people, _when  # noqa: E402
from bench.judge67_sets import _tally, write_all  # noqa: E402

D = os.environ.get("JUDGE_DATA", "/tmp/judge73/data")
GB_HEAD = ["Transaction ID", "Date", "Campaign Title", "Campaign Code", "First Name", "Last Name", "Email",
           "Phone", "Address 1", "City", "State", "Zip Code", "Country", "Company", "Amount", "Fee",
           "Fee Covered", "Donated", "Payout", "Currency", "Method", "Status", "Frequency", "Anonymous",
           "Dedication Type", "Dedication Name", "Team Member", "Note"]
DB_HEAD = ["Name", "First Name", "Last Name", "Donating Company", "Donor Email", "Make Donation Anonymous",
           "Address", "City", "State / Province", "Postal Code", "Country", "Phone", "Campaign", "Amount",
           "Currency", "Converted Amount", "Converted Currency", "Processing Fee", "Platform Fee",
           "Total Fee", "Net Amount", "Fee Covered", "Donation Type", "Card Type", "Donation Date",
           "Recurring Donation", "Designation", "In Honor Of", "Donor Comment", "Refunded"]
ZF_HEAD = ["Payment Date", "Receipt Number", "Form Name", "Form Type", "Details", "First Name", "Last Name",
           "Email", "Company Name", "Address", "City", "Province", "Postal Code", "Country", "Total Amount",
           "Refund Amount", "Contribution to Zeffy", "Currency", "Payment Method", "Payment Status",
           "Recurrence", "In Honour Of"]
RATES = {"USD": 1.0, "CAD": .73, "EUR": 1.08, "GBP": 1.27}
STREET = ["12 Oak St", "48 Elm Ave", "7 Birch Rd", "310 Main St", "95 Cedar Ln"]


def _honoree(r) -> str:
    """Someone else's name: the person a gift honours is never the donor."""
    return f"{r.choice(['Grandma', 'Uncle', 'Dr.', 'Coach'])} {r.choice(FIRST)} {r.choice(LAST)}"


def givebutter(path: str) -> dict:
    """Transactions: a row per charge in UTC; four in ten donors cover the fee; a monthly plan charges
    each month; refunded, failed and pending charges listed at their amount; an employer's match now and
    then (the company's giving address, no person); one in ten anonymous (still named in the export)."""
    r, people = _people(731, 230)
    rows, truth = [], {"net": 0.0, "customers": set(), "orders": set(), "left_out_rows": 0,
                       "amount": 0.0, "payout": 0.0}
    for _ in range(900):
        first, last, email = _pick(r, people, 1.2)
        company = ""
        if r.random() < .04:
            company = r.choice(["Acme Corp", "Northwind Traders", "Globex Inc"])
            first, last, email = "", "", f"matching@{company.split()[0].lower()}.com"
        gift = r.choice([10, 25, 25, 50, 50, 100, 250]) * 1.0
        covered = round(gift * .029 + .3, 2) if r.random() < .4 else 0.0
        amount = round(gift + covered, 2)
        fee = round(amount * .029 + .3, 2)
        status = r.choices(["succeeded", "refunded", "failed", "pending"], [88, 4, 5, 3])[0]
        tribute = r.random() < .08
        tid = f"gb_{r.getrandbits(40):010x}"
        rows.append([tid, _when(r).strftime("%Y-%m-%d %H:%M:%S"), "Feed the Valley 2025", "FTV25", first,
                     last, email, f"({r.randint(200, 989)}) {r.randint(200, 999)}-{r.randint(1000, 9999)}",
                     r.choice(STREET), "Fresno", "CA", f"93{r.randint(600, 799)}", "US", company,
                     f"{amount:.2f}", f"{fee:.2f}", f"{covered:.2f}", f"{gift:.2f}", f"{amount - fee:.2f}",
                     "USD", r.choice(["card", "card", "paypal", "venmo", "ach"]), status,
                     r.choice(["One Time", "One Time", "Monthly"]), "Yes" if r.random() < .1 else "No",
                     r.choice(["In Honor Of", "In Memory Of"]) if tribute else "",
                     _honoree(r) if tribute else "", r.choice(["", "", "Maria Lopez"]), ""])
        _tally(truth, status == "succeeded", gift, email, tid)
        if status == "succeeded":
            truth["amount"] += amount
            truth["payout"] += amount - fee
    _write(path, GB_HEAD, sorted(rows, key=lambda x: x[1], reverse=True))
    return truth


def donorbox(path: str) -> dict:
    """Donations: four currencies with the USD conversion beside; `Refunded` says a refund; a recurring
    donation a row per month; the fee the donor covered inside `Amount`."""
    r, people = _people(732, 200)
    rows, truth = [], {"net": 0.0, "customers": set(), "orders": set(), "left_out_rows": 0, "amount": 0.0}
    for n in range(800):
        first, last, email = _pick(r, people, 1.2)
        cur = r.choices(list(RATES), [70, 12, 10, 8])[0]
        gift = r.choice([15, 20, 35, 50, 100, 200]) * 1.0
        covered = round(gift * .032, 2) if r.random() < .35 else 0.0
        amount = round(gift + covered, 2)
        usd = round(amount * RATES[cur], 2)
        pfee = round(usd * .029 + .3, 2)
        plat = round(usd * .0175, 2)
        refunded = r.random() < .05
        honor = _honoree(r) if r.random() < .07 else ""
        rows.append([f"{first} {last}", first, last, "", email, "true" if r.random() < .1 else "false",
                     r.choice(STREET), "Portland", "OR", f"97{r.randint(200, 299)}", "US",
                     f"+1 503 {r.randint(200, 999)} {r.randint(1000, 9999)}", "Paws & Whiskers Shelter",
                     f"{amount:.2f}", cur, f"{usd:.2f}", "USD", f"{pfee:.2f}", f"{plat:.2f}",
                     f"{pfee + plat:.2f}", f"{usd - pfee - plat:.2f}", "true" if covered else "false",
                     r.choice(["stripe", "stripe", "paypal"]), r.choice(["visa", "mastercard", "amex", ""]),
                     _when(r).strftime("%Y-%m-%d %H:%M:%S UTC"), r.choice(["true", "false", "false"]),
                     r.choice(["Where needed most", "Medical fund", "Spay & neuter"]), honor,
                     "For Biscuit, adopted 2019\nThank you!" if n % 41 == 0 else "",
                     "true" if refunded else "false"])
        _tally(truth, not refunded, usd, email, str(n))
        truth["amount"] += 0 if refunded else amount
    _write(path, DB_HEAD, sorted(rows, key=lambda x: x[24], reverse=True))
    return truth


def zeffy(path: str) -> dict:
    """Payments in CAD: donations and gala tickets; the donor's optional contribution to Zeffy is not the
    choir's; `Refund Amount` on refunded and partially refunded rows; failed payments listed."""
    r, people = _people(733, 180)
    rows, truth = [], {"net": 0.0, "customers": set(), "orders": set(), "left_out_rows": 0,
                       "with_tip": 0.0}
    for n in range(700):
        first, last, email = _pick(r, people, 1.2)
        company = r.choice(["Maple Dental", "Lakeside Realty"]) if r.random() < .03 else ""
        ticket = r.random() < .3
        form, kind = ("Spring Gala 2026", "Ticketing") if ticket else ("Support our Choir", "Donation")
        details = "Donation"
        if ticket:
            details = r.choice(["Adult ticket x1", "Adult ticket x2", "Student ticket x1"])
        total = {"Adult ticket x1": 75.0, "Adult ticket x2": 150.0, "Student ticket x1": 30.0}.get(
            details, r.choice([20, 40, 50, 100, 150]) * 1.0)
        tip = round(total * r.choice([0, .1, .15]), 2)
        status = r.choices(["Succeeded", "Refunded", "Partially refunded", "Failed"], [88, 4, 3, 5])[0]
        back = {"Refunded": total, "Partially refunded": round(total / 2, 2)}.get(status, 0.0)
        receipt = f"2026-{1000 + n:05d}"
        rows.append([_when(r).strftime("%m/%d/%Y %I:%M %p"), receipt, form, kind, details, first, last, email,
                     company, r.choice(STREET), "Montréal", "QC", f"H2X {r.randint(1, 9)}A{r.randint(1, 9)}",
                     "CA", f"{total:.2f}", f"{back:.2f}", f"{tip:.2f}", "CAD",
                     r.choice(["Card", "Card", "PAD", "Cash"]), status,
                     "Monthly" if not ticket and r.random() < .25 else "One time",
                     _honoree(r) if not ticket and r.random() < .06 else ""])
        _tally(truth, status in ("Succeeded", "Partially refunded"), total - back, email, receipt)
        truth["with_tip"] += tip if status == "Succeeded" else 0.0
    _write(path, ZF_HEAD, rows)
    return truth


FILES = {"givebutter": (givebutter, "givebutter-transactions-2026-11-28.csv"),
         "donorbox": (donorbox, "donorbox-donations-2026-11-28.csv"),
         "zeffy": (zeffy, "Zeffy_payments_2026-11-28.csv")}


if __name__ == "__main__":
    write_all(D, FILES)
