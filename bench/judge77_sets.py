"""judge77's three English clinic exports: a physio clinic's Jane App Sales report (a row per invoice; the
patient and the payer apart — an insurer pays its portion on an invoice of its own; no-show fees; unpaid and
partly paid invoices; `Collected` is what came in), a chiropractor's Cliniko invoices export with its patients
export (date of birth, Medicare number, medical notes; cancelled and written-off invoices; `Amount paid`
beside `Total` and `Outstanding`) and a counsellor's SimplePractice appointment status report (a row per
session; Show / No Show / Late Cancelled / Canceled; a client's and an insurer's charge and payment side by
side; a guardian's name on a minor's sessions). Seeded; rebuilt byte-identical; ``--truth`` prints what each
analysis should read. Headers from memory (docs/judge.md).

    JUDGE_DATA=/tmp/judge77/data python bench/judge77_sets.py [--truth]
"""

import datetime as dt
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.judge59_sets import _pick, _write  # noqa: E402
from bench.judge66_sets import _people, _usd, _when  # noqa: E402
from bench.judge67_sets import _tally, write_all  # noqa: E402

D = os.environ.get("JUDGE_DATA", "/tmp/judge77/data")
STAFF = ["Dr. Priya Nair", "Tom Whitaker, RMT", "Sarah Lindqvist, PT"]
INSURERS = ["Pacific Blue Cross", "Sun Life Financial", "Manulife"]
JANE_HEAD = ["Purchase Date", "Invoice #", "Location", "Staff Member", "Patient", "Payer", "Item",
             "Income Category", "Payment Status", "Subtotal", "Tax", "Total", "Collected", "Balance"]
TREATMENTS = [("Physiotherapy Initial Assessment", 120.0), ("Physiotherapy Treatment", 95.0),
              ("Massage Therapy - 60 min", 110.0), ("Acupuncture", 85.0)]
PRODUCTS = [("Theraband - Medium", 14.0), ("Cold Pack", 22.0)]
CLINIKO_HEAD = ["Number", "Issue date", "Status", "Patient", "Practitioner", "Business", "Appointment date",
                "Appointment type", "Invoice to", "Item", "Total", "Tax", "Amount paid", "Outstanding",
                "Notes"]
PATIENT_HEAD = ["ID", "Title", "First name", "Last name", "Date of birth", "Email", "Mobile phone",
                "Medicare",
                "Referral source", "Notes", "Last appointment", "Unapplied Account Credit"]
SP_HEAD = ["Date of Service", "Client", "Clinician", "Billing Code", "Rate per Unit", "Units", "Total Fee",
           "Appointment Status", "Progress Note Status", "Client Payment Status", "Client Charge",
           "Client Paid",
           "Client Unpaid", "Insurance Payment Status", "Payer", "Insurance Charge", "Insurance Paid",
           "Insurance Unpaid", "Responsible Party"]


def jane(path: str) -> dict:
    """A visit invoiced to the patient, or split: the insurer's portion on its own invoice (paid, or still
    unpaid when the claim is pending), the patient's co-pay on another; a no-show fee is a sale of its own."""
    r, people = _people(771, 150)
    rows, truth = [], {"net": 0.0, "customers": set(), "orders": set(), "left_out_rows": 0}
    for n in range(900):
        first, last, _ = _pick(r, people, 1.2)
        patient, when, inv = f"{first} {last}", _when(r), 20450 + 2 * n
        staff = r.choice(STAFF)
        if r.random() < .06:
            rows.append(_jane_row(when, inv, staff, patient, patient, ("No Show Fee", 40.0),
                                  "Treatment Income", r.choice([40.0, 0.0])))
        elif r.random() < .12:
            item = r.choice(PRODUCTS)
            rows.append(_jane_row(when, inv, staff, patient, patient, item, "Product Income", item[1] * 1.05))
        else:
            item = r.choice(TREATMENTS)
            if r.random() < .45:
                share = round(item[1] * .8, 2)
                paid = share if r.random() < .85 else 0.0
                rows.append(_jane_row(when, inv, staff, patient, r.choice(INSURERS), (item[0], share),
                                      "Treatment Income", paid))
                rows.append(_jane_row(when, inv + 1, staff, patient, patient, (item[0], item[1] - share),
                                      "Treatment Income", item[1] - share))
            else:
                paid = item[1] if r.random() < .92 else r.choice([0.0, 50.0])
                rows.append(_jane_row(when, inv, staff, patient, patient, item, "Treatment Income", paid))
    for row in rows:
        _tally(truth, float(row[12][1:]) > 0, float(row[12][1:]), row[4], f"{row[4]}|{row[0]}")
    _write(path, JANE_HEAD, rows)
    return truth


def _jane_row(when: dt.datetime, inv: int, staff: str, patient: str, payer: str, item: tuple, category: str,
              paid: float) -> list:
    tax = round(item[1] * .05, 2) if category == "Product Income" else 0.0
    total = round(item[1] + tax, 2)
    paid = round(min(paid, total), 2)
    status = "Paid" if paid >= total else ("Unpaid" if paid == 0 else "Partially Paid")
    return [when.strftime("%b %d, %Y"), f"#{inv}", "Kitsilano Physio", staff, patient, payer, item[0],
            category, status, _usd(item[1]), _usd(tax), _usd(total), _usd(paid), _usd(total - paid)]


def cliniko(path: str) -> dict:
    """Invoices with the patients export beside them: a cancelled invoice and a written-off one take no money;
    an open one may be part paid; a minor's invoices go to a parent (`Invoice to`)."""
    r, people = _people(772, 110)
    born = {p[2]: dt.date(1950, 1, 1) + dt.timedelta(days=r.randint(0, 25000)) for p in people}
    rows, truth = [], {"net": 0.0, "customers": set(), "orders": set(), "left_out_rows": 0}
    for n in range(650):
        first, last, email = _pick(r, people, 1.3)
        when, inv = _when(r), f"{3001 + n}"
        kind, price = r.choice([("Standard Consultation", 75.0), ("Initial Consultation", 110.0),
                                ("Long Consultation", 95.0)])
        status = r.choices(["Paid", "Open", "Cancelled", "Written off"], [84, 7, 5, 4])[0]
        paid = {"Paid": price, "Open": r.choice([0.0, 30.0])}.get(status, 0.0)
        minor = born[email] > dt.date(2009, 1, 1)
        payer = f"{r.choice(['Karen', 'Mark'])} {last}" if minor else ""
        note = "Lower back pain, L4/L5 disc bulge.\nReview in 2 weeks" if n % 23 == 0 else ""
        rows.append([inv, when.strftime("%d/%m/%Y"), status, f"{first} {last}", r.choice(STAFF),
                     "Fitzroy Chiropractic", when.strftime("%d/%m/%Y %H:%M"), kind, payer, kind,
                     f"{price:.2f}", "0.00", f"{paid:.2f}", f"{_owed(status, price, paid):.2f}", note])
        _tally(truth, paid > 0, paid, email, inv)
    _write(path, CLINIKO_HEAD, rows)
    patients = [[1000 + i, r.choice(["Mr", "Ms", "Mrs", ""]), p[0], p[1], born[p[2]].strftime("%d/%m/%Y"),
                 p[2],
                 f"04{r.randint(10**7, 10**8 - 1)}", f"{r.randint(2000, 6999)} {r.randint(10000, 99999)} 1",
                 r.choice(["Google", "GP referral", "Friend"]),
                 "Asthma (Ventolin PRN).\nPrevious whiplash 2019" if i % 9 == 0 else "", "", ""]
                for i, p in enumerate(people)]
    _write(path.replace("Invoices", "Patients"), PATIENT_HEAD, patients)
    return truth


def simplepractice(path: str) -> dict:
    """A session per row: what the client and the insurer were charged and paid; a no-show or late cancel
    charges a fee (paid or not), a cancelled session nothing; a minor's sessions name a guardian."""
    r, people = _people(773, 90)
    minors = {p[2] for i, p in enumerate(people) if i % 7 == 0}
    rows, truth = [], {"net": 0.0, "customers": set(), "orders": set(), "left_out_rows": 0}
    for _ in range(800):
        first, last, email = _pick(r, people, 1.4)
        client, when = f"{first} {last}", _when(r)
        state = r.choices(["Show", "No Show", "Late Cancelled", "Canceled"], [82, 6, 5, 7])[0]
        code, fee = r.choice([("90834", 150.0), ("90837", 190.0), ("90791", 220.0)])
        insured = r.random() < .5 and state == "Show"
        fee_due = 75.0 if state != "Canceled" else 0.0
        c_charge = (fee * .2 if insured else fee) if state == "Show" else fee_due
        c_paid = c_charge if r.random() < .88 else 0.0
        i_charge = fee * .8 if insured else 0.0
        i_paid = round(i_charge * r.choice([1, 1, 1, .9, 0]), 2)
        guardian = f"{r.choice(['Laura', 'David'])} {last}" if email in minors else ""
        rows.append([when.strftime("%m/%d/%Y"), client, "Dana Reyes, LCSW",
                     code, _usd(fee), "1", _usd(fee), state, "Signed" if state == "Show" else "",
                     _state(c_charge, c_paid), _usd(c_charge), _usd(c_paid), _usd(c_charge - c_paid),
                     _state(i_charge, i_paid) if insured else "", r.choice(INSURERS[:2]) if insured else "",
                     _usd(i_charge), _usd(i_paid), _usd(i_charge - i_paid), guardian])
        _tally(truth, c_paid + i_paid > 0, c_paid + i_paid, client, f"{client}|{when:%Y-%m-%d}")
    _write(path, SP_HEAD, rows)
    return truth


def _owed(status: str, price: float, paid: float) -> float:
    """What is still owed: nothing on a cancelled or written-off invoice."""
    return 0 if status in ("Cancelled", "Written off") else price - paid


def _state(charge: float, paid: float) -> str:
    return "" if charge == 0 else ("Paid" if paid >= charge else ("Unpaid" if paid == 0 else "Partial"))


if __name__ == "__main__":
    write_all(D, {"jane": (jane, "sales_report_2026-11-28.csv"),
                  "cliniko": (cliniko, "Invoices-Cliniko-20261128.csv"),
                  "simplepractice": (simplepractice, "appointment_status_2026-11-28.csv")})
