"""judge59's three English service-business exports: a salon's Fresha appointments list, a restaurant's
OpenTable reservations report and a cleaning company's Jobber invoices list. Seeded; rebuilt byte-identical.
Headers follow each system's help pages where they were found, the rest from memory (docs/judge.md)."""

import csv
import datetime as dt
import os
import random

D = os.environ.get("JUDGE_DATA", "/tmp/judge59/data")
START = dt.date(2025, 6, 2)
END = dt.date(2026, 11, 28)
FIRST = ["Olivia", "Jack", "Chloe", "Lucas", "Grace", "Henry", "Amelia", "Oscar", "Isla", "Thomas", "Ella",
         "Max"]
LAST = ["Walsh", "Bennett", "Chen", "Murphy", "Singh", "Doyle", "Fraser", "Costa", "Ward",
        "Ngata"]
SERVICES = [("Women's Cut & Blow Dry", 85.0, 60), ("Men's Cut", 45.0, 30), ("Full Head Colour", 160.0, 120),
            ("Balayage", 240.0, 180), ("Gel Manicure", 55.0, 45), ("Brow Shape & Tint", 38.0, 30)]
STAFF = ["Jess Tran", "Marco Ricci", "Priya Das", "Sophie Allen"]
JOBS = [("Regular house clean", 180.0), ("Deep clean", 420.0), ("End of lease clean", 560.0),
        ("Window cleaning", 150.0), ("Carpet steam clean", 230.0), ("Oven clean", 120.0)]
STREETS = ["Rose St", "Beach Rd", "Hill Ave", "Park Lane", "King St", "Mill Rd"]


FRESHA_HEAD = ["Ref #", "Channel", "Created date", "Scheduled date", "Time", "Duration", "Location",
               "Team member", "Service", "Client", "Client mobile", "Client email", "Price", "Status"]
JOBBER_HEAD = ["Invoice #", "Client name", "Client email", "Client phone", "Property", "Subject", "Status",
               "Issued date", "Due date", "Paid date", "Pre-tax total ($)", "Tax ($)", "Total ($)",
               "Balance ($)"]


def _pick(r: random.Random, people: list, alpha: float) -> tuple[str, str, str]:
    """Half the rows from a few regulars (a Pareto head), half from anyone."""
    if r.random() < .5:
        return people[min(int(r.paretovariate(alpha)) - 1, len(people) - 1)]
    return people[r.randrange(len(people))]


def _people(r: random.Random, n: int) -> list[tuple[str, str, str]]:
    """Name, mobile and e-mail per client; a few share a common name (two different Jack Walshes)."""
    out = []
    for i in range(n):
        first, last = r.choice(FIRST), r.choice(LAST)
        mobile = f"+61 4{r.randint(10, 99)} {r.randint(100, 999)} {r.randint(100, 999)}"
        email = f"{first.lower()}.{last.lower()}{i}@{r.choice(['gmail.com', 'outlook.com', 'icloud.com'])}"
        out.append((f"{first} {last}", mobile, email))
    return out


def _day(r: random.Random) -> dt.date:
    return START + dt.timedelta(days=r.randint(0, (END - START).days))


def fresha(path: str) -> None:
    """Sales > Appointments > Export: one row per booked service, `Scheduled date` like `14 Mar 2026`."""
    r = random.Random(591)
    clients = _people(r, 150)
    rows = []
    for n in range(620):
        name, mobile, email = _pick(r, clients, 1.1)
        svc, price, mins = r.choice(SERVICES)
        day = _day(r)
        status = r.choices(["Completed", "No-show", "Cancelled"], [86, 5, 9])[0]
        created = day - dt.timedelta(days=r.randint(0, 21))
        rows.append([f"{1000 + n:08X}", r.choice(["Online", "Offline", "Marketplace"]),
                     created.strftime("%d %b %Y"), day.strftime("%d %b %Y"),
                     f"{r.choice([9, 10, 11, 13, 14, 15, 16]):02d}:{r.choice(['00', '15', '30', '45'])}",
                     _duration(mins),
                     "Paddington", r.choice(STAFF), svc, name, mobile, email, f"{price:.2f}", status])
    rows.sort(key=lambda x: dt.datetime.strptime(x[3], "%d %b %Y"), reverse=True)
    _write(path, FRESHA_HEAD, rows)


def opentable(path: str) -> None:
    """Reservations report: one row per booking; a cheque total only on seated (Done) tables from the POS."""
    r = random.Random(592)
    guests = _people(r, 170)
    tags = ["", "", "", "VIP", "Regular", "Birthday", "Anniversary", "Allergy: nuts", "VIP, Regular"]
    head = ["Visit Date", "Visit Time", "Guest Name", "Phone", "Email", "Party Size", "Status", "Table",
            "Server", "Guest Tags", "Source", "Check Total"]
    rows = []
    for _ in range(540):
        name, phone, email = _pick(r, guests, 1.0)
        size = r.choice([2, 2, 2, 3, 4, 4, 5, 6, 8])
        status = r.choices(["Done", "Cancelled", "No Show"], [82, 12, 6])[0]
        total = f"{size * r.uniform(38, 95):.2f}" if status == "Done" else ""
        rows.append([_day(r).strftime("%m/%d/%Y"), f"{r.choice([5, 6, 7, 8, 9])}:{r.choice(['00', '30'])} PM",
                     name, phone, email, size, status, f"T{r.randint(1, 24)}",
                     r.choice(["Dana", "Leo", "Kim"]), r.choice(tags),
                     r.choice(["OpenTable Network", "Restaurant Website", "Phone"]), total])
    rows.sort(key=lambda x: dt.datetime.strptime(x[0], "%m/%d/%Y"))
    _write(path, head, rows)


def jobber(path: str) -> None:
    """Invoices list export: one row per invoice, money `$1,234.56`; Drafts are not yet billed."""
    r = random.Random(593)
    clients = _people(r, 110)
    rows = []
    for n in range(380):
        c = _pick(r, clients, 1.2)
        job, price = r.choice(JOBS)
        pre = round(price * r.uniform(.9, 1.3), 2)
        tax = round(pre * .1, 2)
        total = round(pre + tax, 2)
        issued = _day(r)
        status = r.choices(["Paid", "Awaiting payment", "Past due", "Draft"], [78, 8, 8, 6])[0]
        due = issued + dt.timedelta(days=14)
        paid = (issued + dt.timedelta(days=r.randint(0, 20))).strftime("%b %d, %Y") \
            if status == "Paid" else ""
        rows.append([str(1001 + n), c[0], c[2], c[1],
                     f"{r.randint(1, 99)} {r.choice(STREETS)}, Bondi NSW 2026",
                     job, status, "" if status == "Draft" else issued.strftime("%b %d, %Y"),
                     "" if status == "Draft" else due.strftime("%b %d, %Y"), paid,
                     f"${pre:,.2f}", f"${tax:,.2f}", f"${total:,.2f}",
                     "$0.00" if status == "Paid" else f"${total:,.2f}"])
    _write(path, JOBBER_HEAD, rows)


def _duration(mins: int) -> str:
    """Fresha writes a service's length as ``45min``, ``2h``, ``1h 30min``."""
    return f"{mins}min" if mins < 60 else f"{mins // 60}h" + (f" {mins % 60}min" if mins % 60 else "")


def _write(path: str, head: list[str], rows: list[list]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(head)
        w.writerows(rows)


if __name__ == "__main__":
    os.makedirs(D, exist_ok=True)
    fresha(os.path.join(D, "appointments_list_2026-11-28.csv"))
    opentable(os.path.join(D, "Reservations_Report_20250602-20261128.csv"))
    jobber(os.path.join(D, "Invoices_export_2026-11-28.csv"))
