"""judge71's three English exports: a gift shop's Lightspeed Retail (X-Series) sales history by line item (a
row per product sold; `Completed`, `Voided`, open `Layby` and `Parked` sales; returns as negative lines;
Australian dates dd/mm/yyyy h:mm am/pm; `$1,234.56`), a barber shop's Booksy appointments export (a row per
service booked; `Finished`, `Confirmed` (upcoming), `Canceled` and `No-show`; US dates; a multi-line quoted
note) and a podcast's Memberful orders export (a row per order; `completed`, `refunded`, `failed`; ISO times
with an offset). Seeded; rebuilt byte-identical; ``--truth`` prints what each analysis should read. Headers
from memory (docs/judge.md).

    JUDGE_DATA=/tmp/judge71/data python bench/judge71_sets.py [--truth]
"""

import datetime as dt
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.judge59_sets import _pick, _write  # noqa: E402
from bench.judge66_sets import _people, _usd, _when  # noqa: E402
from bench.judge67_sets import _tally, write_all  # noqa: E402

D = os.environ.get("JUDGE_DATA", "/tmp/judge71/data")
LS_HEAD = ["Sale Date", "Invoice Number", "Status", "Outlet", "Register", "Served By", "Customer Code",
           "Customer Name", "Customer Email", "Product", "Variant", "SKU", "Quantity", "Retail Price",
           "Discount", "Subtotal", "Tax", "Total", "Note"]
GIFTS = [("Beeswax Candle", "Large", "BWC-L", 24.0), ("Linen Tea Towel", "Sage", "LTT-S", 18.5),
         ("Ceramic Mug", "Speckled", "CMG-SP", 32.0), ("Wool Throw", "Charcoal", "WTH-C", 149.0),
         ("Greeting Card", "", "GC-01", 6.5), ("Hand Cream", "75ml", "HC-75", 22.0),
         ("Jute Basket", "Medium", "JB-M", 58.0)]
BOOKSY_HEAD = ["Appointment ID", "Date", "Time", "Client", "Phone", "Email", "Service", "Staffer", "Duration",
               "Price", "Status", "Paid", "Payment Method", "Booked From", "Notes"]
CUTS = [("Men's Haircut", 45, 35.0), ("Skin Fade", 45, 40.0), ("Beard Trim", 20, 20.0),
        ("Haircut & Beard", 60, 50.0), ("Hot Towel Shave", 30, 35.0), ("Kids Cut", 30, 25.0)]
MEMBERFUL_HEAD = ["Order ID", "Created At", "Member ID", "Full Name", "Email", "Plan", "Order Type", "Amount",
                  "Tax", "Total", "Currency", "Coupon", "Status", "Refunded At"]
PLANS = [("Supporter (monthly)", 5.0), ("Supporter (yearly)", 50.0), ("Backstage Pass (monthly)", 12.0),
         ("Gift: 3 months", 15.0)]


def lightspeed(path: str) -> dict:
    """Line items: every product of a sale its own row, the sale's number and state repeated; a third of the
    sales to a walk-in (no customer); voided, open layby and parked sales listed; a return a negative line."""
    r, people = _people(711, 220)
    rows, truth = [], {"net": 0.0, "customers": set(), "orders": set(), "left_out_rows": 0}
    for n in range(700):
        who = _pick(r, people, 1.3) if r.random() < .7 else None
        when, inv = _when(r), f"GS-{5001 + n}"
        status = r.choices(["Completed", "Voided", "Layby", "Layby Completed", "Parked"], [85, 4, 3, 4, 4])[0]
        for _ in range(r.choice([1, 1, 2, 3])):
            name, variant, sku, price = r.choice(GIFTS)
            qty = r.choice([1, 1, 1, 2])
            off = round(price * qty * .1, 2) if r.random() < .15 else 0.0
            rows.append(_ls_row(when, inv, status, who, (name, variant, sku, price), qty, off, ""))
            _ls_tally(truth, status, price * qty - off, who, inv)
            if status == "Completed" and r.random() < .04:
                back = f"GS-R{5001 + n}"
                rows.append(_ls_row(when + dt.timedelta(days=5), back, status, who,
                                    (name, variant, sku, price), -1, 0.0,
                                    f"Return of {inv}\nFaulty - refunded to card"))
                _ls_tally(truth, status, -price, who, back)
    _write(path, LS_HEAD, sorted(rows, key=lambda x: dt.datetime.strptime(x[0], "%d/%m/%Y %I:%M %p")))
    return truth


def _ls_row(when: dt.datetime, inv: str, status: str, who: tuple | None, item: tuple, qty: int, off: float,
            note: str) -> list:
    """One line; prices include 10 % GST (Australia), so `Subtotal` is before GST and `Total` after."""
    name, variant, sku, price = item
    total = round(price * qty - off, 2)
    sub = round(total / 1.1, 2)
    number = "".join(c for c in who[2].split("@")[0] if c.isdigit()) if who else ""
    code, cname, email = (f"{who[0]}-{int(number):04d}", f"{who[0]} {who[1]}", who[2]) if who \
        else ("", "", "")
    return [when.strftime("%d/%m/%Y %I:%M %p").replace("AM", "am").replace("PM", "pm"), inv, status,
            "Fitzroy", "Register 1", "Mia", code, cname, email, name, variant, sku, qty, _usd(price),
            _usd(off),
            _usd(sub).replace("$-", "-$"), _usd(total - sub).replace("$-", "-$"),
            _usd(total).replace("$-", "-$"), note]


def _ls_tally(truth: dict, status: str, money: float, who: tuple | None, inv: str) -> None:
    """Completed and paid-off layby sales are sales; walk-ins' money is kept apart (no customer named)."""
    sale = status in ("Completed", "Layby Completed")
    if sale and who is None:
        truth["walk_in"] = truth.get("walk_in", 0.0) + money
        return
    _tally(truth, sale, money, who[2] if who else "", inv)


def booksy(path: str) -> dict:
    """Appointments: a row per service; finished visits paid, upcoming ones confirmed and unpaid,
    cancellations and no-shows listed at the service's price; a note now and then runs over two lines."""
    r, people = _people(712, 150)
    rows, truth = [], {"net": 0.0, "customers": set(), "orders": set(), "left_out_rows": 0}
    end = dt.datetime(2026, 11, 28, 19, 0)
    for n in range(900):
        first, last, email = _pick(r, people, 1.1)
        when = _when(r).replace(minute=r.choice([0, 15, 30, 45]))
        service, minutes, price = r.choice(CUTS)
        status = "Confirmed" if when > end else r.choices(["Finished", "Canceled", "No-show"], [86, 9, 5])[0]
        paid = status == "Finished"
        note = r.choice(["", "", "", "", "Number 2 on sides", "Likes it short on top\nNo product please"])
        phone = f"+1 (312) {r.randint(200, 999)}-{r.randint(1000, 9999)}"
        barber = r.choice(["Marcus", "Dre", "Tony"])
        method = r.choice(["Card", "Cash", "Booksy Pay"]) if paid else ""
        rows.append([str(880100 + n), when.strftime("%m/%d/%Y"), when.strftime("%I:%M %p"),
                     f"{first} {last}", phone, email, service, barber,
                     f"{minutes} min", _usd(price), status, "Yes" if paid else "No", method,
                     r.choice(["Booksy app", "Booksy app", "Walk-in", "Phone"]), note])
        _tally(truth, paid, price, email, str(880100 + n))
    _write(path, BOOKSY_HEAD,
           sorted(rows, key=lambda x: dt.datetime.strptime(x[1] + x[2], "%m/%d/%Y%I:%M %p")))
    return truth


def memberful(path: str) -> dict:
    """Orders: a member's first order and monthly or yearly renewals; a gift plan bought once; refunded and
    failed orders listed at their amount; times in ISO 8601 with the publisher's offset."""
    r, people = _people(713, 200)
    rows, truth = [], {"net": 0.0, "customers": set(), "orders": set(), "left_out_rows": 0}
    for n in range(950):
        first, last, email = _pick(r, people, 1.2)
        plan, amount = r.choice(PLANS)
        coupon = "LAUNCH20" if r.random() < .08 else ""
        amount = round(amount * (.8 if coupon else 1), 2)
        status = r.choices(["completed", "refunded", "failed"], [91, 4, 5])[0]
        when = _when(r)
        member = str(people.index((first, last, email)) + 7000)
        rows.append([str(31000 + n), when.strftime("%Y-%m-%dT%H:%M:%S-05:00"), member,
                     f"{first} {last}", email, plan, r.choice(["Initial", "Renewal", "Renewal"]),
                     f"{amount:.2f}", "0.00", f"{amount:.2f}", "USD", coupon, status,
                     (when + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%S-05:00") if status == "refunded"
                     else ""])
        _tally(truth, status == "completed", amount, email, str(31000 + n))
    _write(path, MEMBERFUL_HEAD, sorted(rows, key=lambda x: x[1], reverse=True))
    return truth


FILES = {"lightspeed": (lightspeed, "sales-history-line-items-2026-11-28.csv"),
         "booksy": (booksy, "booksy_appointments_2026-11-28.csv"),
         "memberful": (memberful, "memberful-orders-2026-11-28.csv")}


if __name__ == "__main__":
    write_all(D, FILES)
