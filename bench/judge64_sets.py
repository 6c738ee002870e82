"""judge64's three English appointment-business exports: a salon's Vagaro Transaction List (.xlsx; deposits
taken at booking, tips, tax, refunds), a coach's Acuity Scheduling appointments export (canceled and no-show
bookings, deposits paid online) and a plumber's Housecall Pro jobs export (tips beside an invoice total that
includes tax, canceled jobs). Seeded; rebuilt identically; the truth each analysis should read is printed
(``--truth``). Headers follow each system's help pages where found, the rest from memory (docs/judge.md).

    JUDGE_DATA=/tmp/judge64/data python bench/judge64_sets.py [--truth]
"""

import csv
import datetime as dt
import os
import random
import sys

import pandas as pd

D = os.environ.get("JUDGE_DATA", "/tmp/judge64/data")
START = dt.date(2025, 6, 2)
END = dt.date(2026, 11, 28)
FIRST = ["Ava", "Noah", "Mia", "Liam", "Zoe", "Ethan", "Lily", "Mason", "Ruby", "Caleb", "Nora", "Owen"]
LAST = ["Garcia", "Nguyen", "Patel", "Brooks", "Reyes", "Kim", "Foster", "Hayes", "Silva", "Ortiz", "Lane"]
SALON = [("Women's Haircut", 65.0), ("Men's Haircut", 35.0), ("Root Touch-Up", 95.0), ("Highlights", 180.0),
         ("Blowout", 45.0), ("Keratin Treatment", 250.0)]
COACH = [("Initial Consultation (60 min)", 150.0, 60), ("Follow-up Session (45 min)", 95.0, 45),
         ("Nutrition Plan Review (30 min)", 60.0, 30), ("Couples Session (90 min)", 210.0, 90)]
PLUMB = [("Drain cleaning", 189.0), ("Water heater flush", 149.0), ("Faucet replacement", 265.0),
         ("Toilet repair", 175.0), ("Garbage disposal install", 420.0), ("Leak detection", 310.0)]
VAGARO_HEAD = ["Transaction Date", "Appointment Date", "Receipt #", "Customer", "Service Provider", "Item",
               "Transaction Type", "Qty", "Price", "Disc", "Tax", "Tip", "Amount Paid", "Payment Method",
               "Checked Out By"]
ACUITY_HEAD = ["Start Time", "End Time", "First Name", "Last Name", "Phone", "Email", "Type", "Calendar",
               "Appointment Price", "Paid?", "Amount Paid Online", "Certificate Code", "Notes",
               "Date Scheduled", "Label", "Scheduled By", "Canceled", "Appointment ID"]
HCP_HEAD = ["Invoice Number", "Job ID", "Created At", "Date", "End Time", "Customer", "First Name",
            "Last Name", "Email", "Company", "Mobile Phone", "Home Phone", "Customer Tags", "Street", "City",
            "State", "Zip",
            "Job Status", "Line Items", "Employees", "Subtotal", "Discount", "Tax", "Total Amount", "Tip",
            "Amount Paid", "Amount Due", "Payment Method"]


def _people(r: random.Random, n: int) -> list[tuple[str, str, str, str]]:
    """First, last, phone and e-mail per client, every full name distinct (Vagaro keys by name)."""
    names = [(f, la) for f in FIRST for la in LAST]
    r.shuffle(names)
    return [(f, la, f"({r.randint(200, 989)}) {r.randint(200, 989)}-{r.randint(1000, 9999)}",
             f"{f.lower()}.{la.lower()}{i}@{r.choice(['gmail.com', 'yahoo.com', 'icloud.com'])}")
            for i, (f, la) in enumerate(names[:n])]


def _pick(r: random.Random, people: list, alpha: float):
    """Half the rows from a few regulars (a Pareto head), half from anyone."""
    if r.random() < .5:
        return people[min(int(r.paretovariate(alpha)) - 1, len(people) - 1)]
    return people[r.randrange(len(people))]


def _day(r: random.Random) -> dt.date:
    return START + dt.timedelta(days=r.randint(0, (END - START).days))


def vagaro() -> tuple[pd.DataFrame, dict]:
    """Transaction List > Export > Excel: one row per item sold; a deposit taken online at booking is its own
    row (dated when paid, the appointment's day beside it) and the checkout row pays the rest; a refund is a
    row of negative money under the same receipt; a no-show keeps its deposit and has no service row."""
    r = random.Random(641)
    clients = _people(r, 120)
    rows, truth = [], {"net_sales": 0.0, "tips": 0.0, "tax": 0.0, "customers": set(), "visits": 0}
    for n in range(560):
        first, last, _, _ = _pick(r, clients, 1.1)
        who = f"{first} {last}"
        svc, price = r.choice(SALON)
        appt = _day(r)
        receipt = f"{40000 + n}"
        deposit = 25.0 if price >= 95 and r.random() < .7 else 0.0
        booked = appt - dt.timedelta(days=r.randint(3, 30))
        fate = r.choices(["served", "no-show", "refunded"], [90, 6, 4])[0]
        staff = r.choice(["Brianna M.", "Carlos V.", "Dee W."])
        if deposit:
            rows.append([booked, appt, receipt, who, staff, svc, "Deposit", 1, deposit, 0.0, 0.0, 0.0,
                         deposit, "Credit Card", "Online"])
            truth["net_sales"] += deposit
            truth["customers"].add(who)
        if fate == "no-show":
            continue
        disc = round(price * .1, 2) if r.random() < .15 else 0.0
        tax = 0.0  # services untaxed in this state; retail is taxed below
        tip = round((price - disc) * r.choice([0, .15, .18, .2]), 2)
        paid = round(price - disc + tax + tip - deposit, 2)
        rows.append([appt, appt, receipt, who, staff, svc, "Service", 1, price, disc, tax, tip, paid,
                     r.choice(["Credit Card", "Cash", "Credit Card"]), staff])
        truth["net_sales"] += price - disc - deposit
        truth["tips"] += tip
        truth["customers"].add(who)
        truth["visits"] += 1
        if r.random() < .2:  # a retail product at checkout, taxed 8.25 %
            p = r.choice([("Olaplex No.3", 30.0), ("Moroccanoil Treatment", 48.0), ("Dry Shampoo", 24.0)])
            t = round(p[1] * .0825, 2)
            rows.append([appt, appt, receipt, who, staff, p[0], "Product", 1, p[1], 0.0, t, 0.0,
                         round(p[1] + t, 2), "Credit Card", staff])
            truth["net_sales"] += p[1]
            truth["tax"] += t
        if fate == "refunded":
            back = round(price - disc - deposit, 2)
            later = appt + dt.timedelta(days=r.randint(1, 6))
            rows.append([later, appt, receipt, who, staff, svc, "Refund", -1,
                         -price, -disc, 0.0, 0.0, -back, "Credit Card", "Front Desk"])
            truth["net_sales"] -= back
            truth["visits"] -= 1
    frame = pd.DataFrame(rows, columns=VAGARO_HEAD)
    for c in ["Transaction Date", "Appointment Date"]:
        frame[c] = frame[c].map(lambda d: d.strftime("%m/%d/%Y"))
    frame = frame.sort_values("Transaction Date", key=lambda s: pd.to_datetime(s, format="%m/%d/%Y"),
                              kind="stable").reset_index(drop=True)
    return frame, truth


def acuity() -> tuple[list[list], dict]:
    """Appointments > Export (CSV, canceled included): `Start Time` like ``March 14, 2026 2:30 pm``; a deposit
    paid when booking as `Amount Paid Online`; no-shows labelled, cancellations flagged."""
    r = random.Random(642)
    clients = _people(r, 110)
    rows, truth = [], {"spend": 0.0, "customers": set(), "visits": 0}
    for n in range(520):
        first, last, phone, email = _pick(r, clients, 1.2)
        svc, price, mins = r.choice(COACH)
        start = dt.datetime.combine(_day(r), dt.time(r.choice([8, 9, 10, 11, 13, 14, 15, 16, 17]),
                                                    r.choice([0, 30])))
        booked = start - dt.timedelta(days=r.randint(1, 40), minutes=r.randint(0, 600))
        fate = r.choices(["done", "no-show", "canceled"], [84, 6, 10])[0]
        online = round(price * .5, 2) if r.random() < .4 else 0.0
        label = {"done": r.choice(["", "Checked In", "Completed"]), "no-show": "No Show",
                 "canceled": ""}[fate]
        end = start + dt.timedelta(minutes=mins)
        rows.append([_acuity_time(start), _acuity_time(end), first, last, phone,
                     email, svc, r.choice(["Dr. Hannah Cole", "Marcus Webb"]), f"{price:.2f}",
                     "yes" if fate == "done" or online else "no", f"{online:.2f}",
                     "" if r.random() < .9 else f"GIFT{r.randint(1000, 9999)}", "",
                     _acuity_time(booked), label, r.choice(["", "", "admin"]),
                     "yes" if fate == "canceled" else "", str(700000000 + n * 37)])
        if fate == "done":
            truth["spend"] += price
            truth["customers"].add(email)
            truth["visits"] += 1
    rows.sort(key=lambda x: dt.datetime.strptime(x[0], "%B %d, %Y %I:%M %p"))
    return rows, truth


def _acuity_time(t: dt.datetime) -> str:
    """Acuity writes ``June 5, 2025 2:00 pm``: no leading zero on the day or the hour."""
    return f"{t:%B} {t.day}, {t:%Y} " + t.strftime("%I:%M %p").lstrip("0").lower()


def housecall() -> tuple[list[list], dict]:
    """Jobs export: one row per job; `Total Amount` includes tax, not the tip (Housecall Pro's invoice amount:
    "including tax, excludes tips"),
    `Amount Paid` includes the tip; canceled jobs (user / pro canceled) carry their quoted money."""
    r = random.Random(643)
    clients = _people(r, 95)
    rows, truth = [], {"invoiced": 0.0, "tips": 0.0, "customers": set(), "visits": 0}
    for n in range(400):
        first, last, phone, email = _pick(r, clients, 1.3)
        items = r.sample(PLUMB, r.choice([1, 1, 1, 2]))
        sub = round(sum(p for _, p in items) * r.uniform(.95, 1.25), 2)
        disc = round(sub * .1, 2) if r.random() < .1 else 0.0
        tax = round((sub - disc) * .0725, 2)
        total = round(sub - disc + tax, 2)
        status = r.choices(["complete rated", "complete unrated", "user canceled", "pro canceled",
                            "scheduled"], [45, 37, 9, 4, 5])[0]
        day = END + dt.timedelta(days=r.randint(1, 21)) if status == "scheduled" else _day(r)  # still to come
        start = dt.datetime.combine(day, dt.time(r.choice([8, 9, 10, 11, 13, 14, 15]), 0))
        created = start - dt.timedelta(days=r.randint(0, 14), hours=r.randint(0, 9))
        done = status.startswith("complete")
        tip = round(total * r.choice([0, 0, .1, .15]), 2) if done else 0.0
        paid = round(total + tip, 2) if done and r.random() < .92 else 0.0
        due = 0.0 if paid or not done else total
        rows.append([str(5001 + n), f"job_{r.getrandbits(48):012x}", _hcp_time(created), _hcp_time(start),
                     _hcp_time(start + dt.timedelta(hours=r.choice([1, 2, 3]))), f"{first} {last}", first,
                     last,
                     email, "", phone, "", r.choice(["", "", "residential", "VIP", "residential, warranty"]),
                     f"{r.randint(100, 9999)} {r.choice(['Oak St', 'Maple Ave', 'Pine Rd', 'Cedar Ln'])}",
                     "Sacramento", "CA", r.choice(["95814", "95816", "95818", "95819"]), status,
                     ", ".join(s for s, _ in items), r.choice(["Tony R.", "Jamal K.", "Tony R., Jamal K."]),
                     f"${sub:,.2f}", f"${disc:,.2f}", f"${tax:,.2f}", f"${total:,.2f}", f"${tip:,.2f}",
                     f"${paid:,.2f}", f"${due:,.2f}", "Credit card" if paid else ""])
        if done:
            truth["invoiced"] += total
            truth["tips"] += tip
            truth["customers"].add(email)
            truth["visits"] += 1
    return rows, truth


def _hcp_time(t: dt.datetime) -> str:
    return t.strftime("%m/%d/%Y %I:%M %p")


def _write(path: str, head: list[str], rows: list[list]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(head)
        w.writerows(rows)


def _say(name: str, truth: dict) -> None:
    print(name, {k: (len(v) if isinstance(v, set) else round(v, 2)) for k, v in truth.items()})


if __name__ == "__main__":
    os.makedirs(D, exist_ok=True)
    vg, vt = vagaro()
    vg.to_excel(os.path.join(D, "TransactionList_2026-11-28.xlsx"), index=False)
    ac, at = acuity()
    _write(os.path.join(D, "schedule_export_2026-11-28.csv"), ACUITY_HEAD, ac)
    hc, ht = housecall()
    _write(os.path.join(D, "jobs_export_2026-11-28.csv"), HCP_HEAD, hc)
    if "--truth" in sys.argv:
        _say("vagaro", vt)
        _say("acuity", at)
        _say("housecall", ht)
