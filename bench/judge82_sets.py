"""judge82's two exports of service businesses and nonprofits: a web-design studio's FreshBooks Invoice
Details report (a row per invoice line, the invoice's `Invoice Total`, `Amount Paid` and `Amount Due` repeated
on each line; `Invoice Status` Paid / Partial / Sent / Viewed / Overdue / Draft / Disputed) and a state-house
campaign's ActBlue contributions CSV (a row per contribution: donor's name, address, e-mail, phone,
`Donor Employer` and `Donor Occupation` as the law asks; monthly recurring gifts numbered by `Recurrence
Number`; a refunded gift keeps its `Amount` and carries `Refund ID` / `Refund Date`). Seeded; rebuilt
byte-identical; ``--truth`` prints what each analysis should read. Headers from memory (docs/judge.md).

    JUDGE_DATA=/tmp/judge82/data python bench/judge82_sets.py [--truth]
"""

import datetime as dt
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.judge59_sets import _pick, _write  # noqa: E402
from bench.judge66_sets import _people, _when  # noqa: E402
from bench.judge67_sets import _tally, write_all  # noqa: E402

D = os.environ.get("JUDGE_DATA", "/tmp/judge82/data")
FB_HEAD = ["Client Name", "Organization", "Email", "Invoice #", "Date Issued", "Due Date", "Invoice Status",
           "Item Name", "Item Description", "Rate", "Quantity", "Line Total", "Tax 1 Type", "Tax 1 Amount",
           "Invoice Total", "Amount Paid", "Amount Due", "Currency"]
FB_ITEMS = [("Website Design", "Homepage + 5 inner pages", 2400.0),
            ("Logo Design", "3 concepts, 2 rounds", 850.0),
            ("Hosting (annual)", "Managed WordPress hosting", 360.0),
            ("Maintenance Retainer", "Monthly care plan", 180.0),
            ("Copywriting", "Per page", 120.0), ("SEO Audit", "Technical + on-page", 650.0)]
FB_STATES = ["Paid", "Partial", "Sent", "Viewed", "Overdue", "Draft", "Disputed"]
AB_HEAD = ["Receipt ID", "Date", "Amount", "Recurring Total Months", "Recurrence Number", "Recipient",
           "Fundraising Page", "Reference Code", "Donor First Name", "Donor Last Name", "Donor Addr1",
           "Donor Addr2", "Donor City", "Donor State", "Donor ZIP", "Donor Country", "Donor Occupation",
           "Donor Employer", "Donor Email", "Donor Phone", "New Express Signup", "Comments", "Employer Addr1",
           "Employer City", "Employer State", "Employer ZIP", "Employer Country", "Lineitem ID",
           "Recipient Committee", "Recipient ID", "Payment ID", "Payment Date", "Disbursement ID",
           "Disbursement Date", "Recovery ID", "Recovery Date", "Refund ID", "Refund Date", "Fee",
           "Recur Weekly", "ActBlue Express Lane", "Card Type", "Mobile", "Double Down", "Smart Recurring",
           "Monthly Recurring Amount", "Apple Pay", "ActBlue Express Donor", "Text Message Opt In"]
JOBS = [("Teacher", "Riverside Unified School District"), ("Nurse", "St. Mary's Hospital"),
        ("Retired", "Retired"), ("Software Engineer", "Acme Analytics"), ("Attorney", "Keller & Shaw LLP"),
        ("Not Employed", "Not Employed"), ("Electrician", "IBEW Local 46"), ("Owner", "Self-Employed")]


def freshbooks(path: str) -> dict:
    """Invoice Details: a row per line; the invoice's totals on every line; Partial invoices paid in part,
    Sent / Viewed / Overdue unpaid, Draft never sent, Disputed held. Truth: billed (not Draft nor Disputed)
    and received."""
    r, people = _people(821, 70)
    rows, truth = [], {"net": 0.0, "customers": set(), "orders": set(), "left_out_rows": 0, "received": 0.0}
    for n in range(300):
        first, last, email = _pick(r, people, 1.1)
        org = f"{last} {r.choice(['Bakery', 'Dental', 'Yoga', 'Law', 'Realty'])}"
        when = _when(r).date()
        status = r.choices(FB_STATES, [62, 8, 6, 5, 9, 6, 4])[0]
        lines = r.sample(FB_ITEMS, r.choice([1, 1, 2, 3]))
        qtys = [r.choice([1, 1, 2, 4]) if name == "Copywriting" else 1 for name, _, _ in lines]
        total = round(sum(p * q for (_, _, p), q in zip(lines, qtys, strict=True)) * 1.08, 2)
        paid = {"Paid": total, "Partial": round(total * .5, 2)}.get(status, 0.0)
        inv = f"{n + 1:07d}"
        for (name, desc, price), q in zip(lines, qtys, strict=True):
            rows.append([f"{first} {last}", org, email, inv, when.isoformat(),
                         (when + dt.timedelta(days=30)).isoformat(), status, name, desc, f"{price:.2f}", q,
                         f"{price * q:.2f}", "Sales Tax", f"{price * q * .08:.2f}", f"{total:.2f}",
                         f"{paid:.2f}", f"{total - paid:.2f}", "USD"])
            truth["left_out_rows"] += status in ("Draft", "Disputed")
        if status not in ("Draft", "Disputed"):
            truth["customers"].add(email)
            truth["orders"].add(inv)
            truth["net"] += total
        if paid:
            truth.setdefault("payers", set()).add(email)
            truth["received"] += paid
    _write(path, FB_HEAD, sorted(rows, key=lambda x: (x[4], x[3])))
    truth["payers"] = len(truth["payers"])
    return truth


def actblue(path: str) -> dict:
    """Contributions: a row per gift; a monthly donor's later gifts share nothing but the donor; a refunded
    gift keeps its positive Amount and carries Refund ID and Refund Date; a chargeback a Recovery ID."""
    r, people = _people(822, 260)
    rows, truth = [], {"net": 0.0, "customers": set(), "orders": set(), "left_out_rows": 0}
    for n in range(900):
        first, last, email = _pick(r, people, 1.2)
        i = people.index((first, last, email))
        when = _when(r)
        amount = r.choice([5.0, 10.0, 19.0, 25.0, 27.0, 50.0, 100.0, 250.0])
        monthly = i % 6 == 0
        job, boss = JOBS[i % len(JOBS)]
        receipt = f"AB{40000000 + n * 37}"
        refunded = r.random() < .04
        recovered = not refunded and r.random() < .01
        back = (when + dt.timedelta(days=r.randint(3, 30))).strftime("%Y-%m-%d %H:%M:%S")
        rows.append([receipt, when.strftime("%Y-%m-%d %H:%M:%S"), f"{amount:.2f}",
                     "unlimited" if monthly else "",
                     (n % 11) + 1 if monthly else "", "Dana Whitfield for State House", "dw-homepage",
                     r.choice(["", "email_nov", "fb_ad_2"]), first, last, f"{r.randint(10, 9999)} Maple Ave",
                     r.choice(["", "Apt 4B"]), "Tacoma", "WA", f"98{r.randint(401, 499)}", "United States",
                     job, boss, email, f"253-555-{r.randint(100, 9999):04d}", r.choice(["", "true"]),
                     "In memory of my mother" if n % 97 == 0 else "", "", "", "", "", "",
                     f"{receipt}-1", "Dana Whitfield for State House", "184022", f"P{n:07d}",
                     when.strftime("%Y-%m-%d"), f"D{n // 40:05d}", when.strftime("%Y-%m-%d"),
                     f"RC{n}" if recovered else "", back if recovered else "",
                     f"RF{n}" if refunded else "", back if refunded else "", f"{amount * .0395:.2f}", "",
                     r.choice(["true", "false"]), r.choice(["visa", "mastercard", "amex"]),
                     r.choice(["", "true"]),
                     "", "", f"{amount:.2f}" if monthly else "", "", "", r.choice(["", "true"])])
        _tally(truth, not (refunded or recovered), amount, email, receipt)
    _write(path, AB_HEAD, sorted(rows, key=lambda x: x[1]))
    return truth


FILES = {"freshbooks": (freshbooks, "invoice_details_2025-06-02_2026-11-28.csv"),
         "actblue": (actblue, "ActBlue-contributions-2026-11-28.csv")}


if __name__ == "__main__":
    write_all(D, FILES)
