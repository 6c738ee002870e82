"""judge66's three English exports: a course school's Thinkific orders export (a row per payment;
payment-plan instalments share the order; failed and pending attempts listed; full and partial refunds; a
multi-line quoted billing address), a newsletter's Substack subscribers export (a row per reader; free, paid,
founding, comp and gift readers; the lifetime `Total revenue` in dollars) and a shop's Braintree transaction
search download (a row per transaction; a refund is a `credit` with a positive amount pointing at its sale;
voided, declined, rejected and expired attempts kept). Seeded; rebuilt byte-identical; ``--truth`` prints what
each analysis should read. Headers: Braintree's from its transaction search download, the rest from memory
(docs/judge.md).

    JUDGE_DATA=/tmp/judge66/data python bench/judge66_sets.py [--truth]
"""

import datetime as dt
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.judge59_sets import _pick, _write  # noqa: E402

D = os.environ.get("JUDGE_DATA", "/tmp/judge66/data")
START = dt.datetime(2025, 6, 2, 8, 0)
DAYS = 544
END = dt.datetime(2026, 11, 28, 23, 59)
FIRST = ["Olivia", "James", "Amelia", "Lucas", "Harper", "Henry", "Ella", "Jack", "Grace", "Leo", "Isla",
         "Daniel"]
LAST = ["Turner", "Walsh", "Murphy", "Clarke", "Bennett", "Hughes", "Price", "Khan", "Ward", "Fox", "Reid"]
COURSES = [("Watercolor Foundations", "Course", 149.0),
           ("Botanical Illustration Masterclass", "Course", 297.0),
           ("Urban Sketching Bundle", "Bundle", 399.0), ("Sketchbook Club", "Membership", 29.0)]
THINKIFIC_HEAD = ["Order ID", "Transaction ID", "Date", "First Name", "Last Name", "Email", "Product Name",
                  "Product Type", "Payment Type", "Coupon", "Affiliate", "Amount", "Amount Refunded",
                  "Currency", "Status", "Payment Provider", "Billing Address"]
SUBSTACK_HEAD = ["Email", "Name", "Subscription type", "Subscription date", "Paid upgrade date",
                 "Cancel date", "Total revenue", "Activity", "Country", "Subscription source",
                 "Opens (last 30 days)"]
BRAINTREE_HEAD = ["Transaction ID", "Subscription ID", "Transaction Type", "Transaction Status",
                  "Created Datetime", "Created Timezone", "Settlement Date", "Disbursement Date",
                  "Merchant Account", "Currency ISO Code", "Amount Authorized",
                  "Amount Submitted For Settlement", "Tax Amount", "Order ID", "Refunded Transaction ID",
                  "Payment Instrument Type", "Card Type",
                  "Cardholder Name", "Last Four of Credit Card", "Customer ID", "Customer First Name",
                  "Customer Last Name", "Customer Email", "Customer Phone", "Billing Street Address",
                  "Billing City (Locality)", "Billing State/Province (Region)", "Billing Postal Code",
                  "Billing Country", "Processor Response Code", "Processor Response Text",
                  "Gateway Rejection Reason", "Settlement Amount", "Settlement Currency ISO Code",
                  "Settlement Batch ID"]


def _people(seed: int, n: int) -> tuple[random.Random, list[tuple[str, str, str]]]:
    """The seeded draw and first name, last name and e-mail per customer (namesakes differ by e-mail)."""
    r = random.Random(seed)
    out = []
    for i in range(n):
        first, last = r.choice(FIRST), r.choice(LAST)
        domain = r.choice(["gmail.com", "outlook.com"])
        out.append((first, last, f"{first.lower()}.{last.lower()}{i}@{domain}"))
    return r, out


def _when(r: random.Random) -> dt.datetime:
    return START + dt.timedelta(days=r.randint(0, DAYS), minutes=r.randint(0, 14 * 60))


def _usd(x: float) -> str:
    return f"${x:,.2f}"


def thinkific(path: str) -> dict:
    """Orders export: a row per payment attempt (UTC); a payment plan's three instalments share the Order
    ID; `Failed` and `Pending` attempts listed, `Refunded` in full, `Partially Refunded` with `Amount
    Refunded`."""
    r, people = _people(661, 170)
    rows, truth = [], {"net": 0.0, "customers": set(), "orders": set(), "left_out_rows": 0}
    for n in range(430):
        first, last, email = _pick(r, people, 1.2)
        name, kind, price = r.choice(COURSES)
        plan = kind != "Membership" and price > 200 and r.random() < .35
        pays = 3 if plan else (r.randint(1, 6) if kind == "Membership" else 1)
        each = round(price / 3, 2) if plan else price
        coupon = r.choice(["", "", "", "", "SPRING20"]) if not plan else ""
        if coupon:
            each = round(each * .8, 2)
        when, oid = _when(r), str(1_204_000 + n)
        addr = f"{r.randint(10, 999)} {r.choice(['Elm St', 'High Street', 'Queen St W'])}\n" \
               f"{r.choice(['Portland, OR 97205', 'Leeds LS1 4AP', 'Toronto, ON M5V 2T6'])}"
        for k in range(pays):
            at = when + dt.timedelta(days=30 * k)
            if at > END:  # instalments still to come are not in the export
                break
            status = r.choices(["Paid", "Failed", "Pending", "Refunded", "Partially Refunded"],
                               [84, 6, 2, 5, 3])[0]
            back = {"Refunded": each, "Partially Refunded": round(each / 2, 2)}.get(status, 0.0)
            ptype = "Payment Plan" if plan else ("Subscription" if kind == "Membership" else "One-time")
            rows.append([oid, f"ch_{r.getrandbits(56):014x}", at.strftime("%Y-%m-%d %H:%M:%S UTC"), first,
                         last, email, name, kind, ptype, coupon, r.choice(["", "", "", "artbyjen"]),
                         _usd(each), _usd(back), "USD", status, r.choice(["Stripe", "Stripe", "PayPal"]),
                         addr])
            if status in ("Paid", "Partially Refunded"):
                truth["net"] += each - back
                truth["customers"].add(email)
                truth["orders"].add(oid)
            else:
                truth["left_out_rows"] += 1
    _write(path, THINKIFIC_HEAD, sorted(rows, key=lambda x: x[2], reverse=True))
    return truth


def substack(path: str) -> dict:
    """Subscribers export: a row per reader; `Total revenue` the lifetime dollars paid (net of refunds); free,
    comp and gift readers pay nothing; a canceled paid reader keeps what was paid."""
    r, people = _people(662, 900)
    rows, truth = [], {"revenue": 0.0, "paying": set()}
    for first, last, email in people:
        kind = r.choices(["Free", "Paid - monthly", "Paid - annual", "Founding", "Comp", "Gift"],
                         [70, 14, 9, 1, 3, 3])[0]
        joined = _when(r)
        upgraded, cancel, paid = "", "", 0.0
        if kind.startswith("Paid") or kind == "Founding":
            up = joined + dt.timedelta(days=r.randint(0, 60))
            months = max(0, (END - up).days // 30)
            if r.random() < .2:
                cancel = (up + dt.timedelta(days=30 * r.randint(1, max(1, months)))).strftime("%b %d, %Y")
            paid = {"Paid - monthly": 8.0 * max(1, months // 2), "Paid - annual": 80.0,
                    "Founding": 250.0}[kind]
            if r.random() < .03:
                paid, cancel = 0.0, up.strftime("%b %d, %Y")  # refunded at once: nothing kept
            upgraded = up.strftime("%b %d, %Y")
        rows.append([email, f"{first} {last}" if r.random() < .8 else "", kind, joined.strftime("%b %d, %Y"),
                     upgraded, cancel, _usd(paid), r.choice(["0", "1", "2", "3", "4", "5"]),
                     r.choice(["US", "US", "GB", "CA", "AU"]),
                     r.choice(["substack", "direct", "import", "substack-app", "recommendation"]),
                     str(r.randint(0, 12))])
        if paid:
            truth["revenue"] += paid
            truth["paying"].add(email)
    _write(path, SUBSTACK_HEAD, rows)
    return truth


def braintree(path: str) -> dict:
    """Transaction search download: `Created Datetime` ``11/28/2026 15:59:00`` in the merchant's zone; a
    refund a `credit` row, positive, with `Refunded Transaction ID`; voided, declined, rejected and expired
    sales kept with their authorized amount."""
    r, people = _people(663, 210)
    rows, truth = [], {"net": 0.0, "customers": set(), "orders": set(), "left_out_rows": 0}
    bought: dict[str, str] = {}  # order -> e-mail, of the sales not given back whole
    for n in range(720):
        first, last, email = _pick(r, people, 1.15)
        amount = round(r.choice([24.0, 36.5, 49.99, 89.0, 129.0]) * r.choice([1, 1, 2]), 2)
        when, tid, oid = _when(r), f"{r.getrandbits(40):010x}"[:8], f"SO-{58_000 + n}"
        status = r.choices(["settled", "voided", "processor_declined", "gateway_rejected", "failed",
                            "authorization_expired"], [86, 4, 5, 2, 1, 2])[0]
        if when > START + dt.timedelta(days=DAYS - 2) and status == "settled":
            status = "submitted_for_settlement"
        cid = "" if r.random() < .1 else str(90_000_000 + people.index((first, last, email)))
        taken = status in ("settled", "submitted_for_settlement")
        rows.append(_bt_row(r, tid, "sale", status, when, amount, oid, "", (first, last, email, cid)))
        if taken:
            truth["net"] += amount
            truth["customers"].add(email)
            truth["orders"].add(oid)
            bought[oid] = email
        else:
            truth["left_out_rows"] += 1
        later = when + dt.timedelta(days=r.randint(1, 20), minutes=r.randint(5, 300))
        if taken and r.random() < .06 and later < END:
            back = amount if r.random() < .6 else round(amount / 2, 2)
            credit = f"{r.getrandbits(40):010x}"[:8]
            who = (first, last, email, cid)
            rows.append(_bt_row(r, credit, "credit", "settled", later, back, oid, tid, who))
            truth["net"] -= back
            if back == amount:
                del bought[oid]
    truth["orders_kept"], truth["buyers_kept"] = set(bought), set(bought.values())
    _write(path, BRAINTREE_HEAD, sorted(rows, key=lambda x: dt.datetime.strptime(x[4], "%m/%d/%Y %H:%M:%S"),
                                        reverse=True))
    return truth


def _bt_row(r: random.Random, tid: str, kind: str, status: str, when: dt.datetime, amount: float, oid: str,
            refunded: str, who: tuple[str, str, str, str]) -> list:
    first, last, email, cid = who
    taken = status in ("settled", "submitted_for_settlement")
    settled = when + dt.timedelta(days=1) if status == "settled" else None
    code, text = {"processor_declined": ("2001", "Insufficient Funds"),
                  "failed": ("3000", "Processor Network Unavailable - Try Again")}.get(status,
                                                                                        ("1000", "Approved"))
    card = r.choice(["Visa", "MasterCard", "American Express", "Discover"])
    return [tid, "", kind, status, when.strftime("%m/%d/%Y %H:%M:%S"), "CST",
            settled.strftime("%m/%d/%Y") if settled else "",
            (settled + dt.timedelta(days=2)).strftime("%m/%d/%Y") if settled else "", "northwindgoods",
            "USD", f"{amount:.2f}", f"{amount:.2f}" if taken or status == "voided" else "", "0.00", oid,
            refunded, "Credit Card", card, f"{first} {last}", f"{r.randint(0, 9999):04d}", cid, first, last,
            email,
            f"{r.randint(200, 989)}-{r.randint(200, 989)}-{r.randint(1000, 9999)}",
            f"{r.randint(100, 9999)} {r.choice(['Lake Ave', 'Birch Rd', 'Main St'])}",
            r.choice(["Austin", "Dallas", "Houston"]), "TX", f"7{r.randint(5000, 9999)}",
            "United States of America", code, text, "cvv" if status == "gateway_rejected" else "",
            f"{amount:.2f}" if taken else "", "USD" if taken else "",
            settled.strftime("%Y-%m-%d_northwindgoods") if settled else ""]


def _say(name: str, truth: dict) -> None:
    print(name, {k: (len(v) if isinstance(v, set) else round(v, 2)) for k, v in truth.items()})


if __name__ == "__main__":
    os.makedirs(D, exist_ok=True)
    truths = {"thinkific": thinkific(os.path.join(D, "orders_export_2026-11-28.csv")),
              "substack": substack(os.path.join(D, "northwind-notes_subscribers_2026-11-28.csv")),
              "braintree": braintree(os.path.join(D, "transaction_search_2026-11-28.csv"))}
    if "--truth" in sys.argv:
        for key, value in truths.items():
            _say(key, value)
