"""judge57's three English exports: a Patreon members export (one row per member, a summary, not a
purchase log), a Teachable transactions CSV and Segment's S3 log (newline JSON of track / page / identify
calls, gunzipped as an analyst would). Seeded; rebuilt byte-identical."""

import csv
import datetime as dt
import json
import os
import random
import uuid

D = os.environ.get("JUDGE_DATA", "/tmp/judge57/data")
START = dt.date(2025, 3, 1)
END = dt.date(2026, 11, 30)
FIRST = ["Ava", "Noah", "Mia", "Liam", "Zoe", "Ethan", "Ivy", "Owen", "Ruby", "Leo", "Nora", "Finn"]
LAST = ["Hart", "Okafor", "Nguyen", "Silva", "Brooks", "Kowalski", "Reyes", "Lind", "Patel", "Moreau"]
TIERS = [("Sketchbook", 3.0), ("Studio Pass", 7.0), ("Patron Saint", 25.0)]
COURSES = [("Watercolour Basics", 49.0), ("Ink & Line", 79.0), ("Portfolio Bootcamp", 199.0),
           ("Colour Theory Mini", 19.0)]


def _id(r: random.Random) -> str:
    return str(uuid.UUID(int=r.getrandbits(128), version=4))


def _person(r: random.Random, n: int) -> tuple[str, str]:
    first, last = r.choice(FIRST), r.choice(LAST)
    return f"{first} {last}", f"{first.lower()}.{last.lower()}{n}@{r.choice(['gmail.com', 'proton.me'])}"


def _months(a: dt.date, b: dt.date) -> int:
    return (b.year - a.year) * 12 + b.month - a.month + 1


def patreon(path: str) -> None:
    """Relationship manager export: status, lifetime and pledge per member; dates `YYYY-MM-DD HH:MM:SS`."""
    r = random.Random(571)
    head = ["Name", "Email", "Discord", "Patron Status", "Follows You", "Lifetime Amount", "Pledge Amount",
            "Charge Frequency", "Tier", "Addressee", "Street", "City", "State", "Zip", "Country", "Phone",
            "Patronage Since Date", "Last Charge Date", "Last Charge Status", "Additional Details", "User ID",
            "Last Updated", "Currency", "Max Posts", "Access Expiration", "Next Charge Date"]
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(head)
        for n in range(320):
            name, email = _person(r, n)
            tier, pledge = r.choice(TIERS)
            since = START + dt.timedelta(days=r.randint(0, (END - START).days - 20))
            status = r.choices(["Active patron", "Declined patron", "Former patron"], [6, 1, 2])[0]
            last = END if status == "Active patron" else since + dt.timedelta(
                days=r.randint(0, (END - since).days))
            last = last.replace(day=min(since.day, 28))
            if last < since:
                last = since
            paid = _months(since, last) - (1 if status == "Declined patron" else 0)
            lifetime = round(max(paid, 0) * pledge, 2)
            nxt = (last.replace(day=1) + dt.timedelta(days=32)).replace(day=min(since.day, 28))
            w.writerow([
                name, email, r.choice(["", "", f"{name.split()[0].lower()}#{r.randint(1000, 9999)}"]),
                status, r.choice(["Yes", "No"]), f"{lifetime:.2f}", f"{pledge:.2f}", "monthly", tier,
                "", "", "", "", "", r.choice(["US", "GB", "CA", "DE", ""]), "",
                f"{since} {r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}",
                f"{last} 08:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}",
                "Declined" if status == "Declined patron" else "Paid", "", str(40000000 + n * 7919),
                "2026-11-30 23:10:02", "USD", "", "",
                f"{nxt} 08:00:00" if status != "Former patron" else "",
            ])


def teachable(path: str) -> None:
    """Transactions CSV: one row per sale; a refund keeps its row with Refunded = true and a refund date."""
    r = random.Random(572)
    people = [_person(r, n) for n in range(150)]
    head = ["Sale ID", "Purchased At", "Name", "Email", "Product", "Coupon", "Price", "Final Price",
            "Currency", "Earnings (USD)", "Gateway", "Status", "Refunded", "Refunded At", "Affiliate"]
    rows = []
    for k in range(420):
        heavy = r.random() < 0.5
        name, email = people[min(int(r.paretovariate(1.2)) - 1, 149) if heavy else r.randrange(150)]
        course, price = r.choice(COURSES)
        coupon = r.choice(["", "", "", "SPRING20", "FRIENDS50"])
        final = round(price * {"": 1, "SPRING20": 0.8, "FRIENDS50": 0.5}[coupon], 2)
        t = dt.datetime(2025, 6, 1) + dt.timedelta(minutes=r.randint(0, 540 * 24 * 60))
        refunded = r.random() < 0.06
        rows.append([str(99000 + k), t.strftime("%Y-%m-%d %H:%M:%S UTC"), name, email, course, coupon,
                     f"{price:.2f}", f"{final:.2f}", "USD", f"{final * 0.929 - 0.30:.2f}",
                     r.choice(["teachable:pay", "PayPal"]), "refunded" if refunded else "paid",
                     "true" if refunded else "false",
                     (t + dt.timedelta(days=3)).strftime("%Y-%m-%d %H:%M:%S UTC") if refunded else "",
                     r.choice(["", "", "", "maya.draws"])])
    rows.sort(key=lambda x: x[1], reverse=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(head)
        w.writerows(rows)


def segment(path: str) -> None:
    """S3 log lines: page calls (name), track calls (event, properties), identify (traits); userId only once
    the visitor signed up, anonymousId always; ISO timestamps with milliseconds and Z."""
    r = random.Random(573)
    out = []
    for u in range(170):
        anon, user = _id(r), f"usr_{r.getrandbits(40):010x}"
        name, email = _person(r, u)
        signed = r.random() < 0.6
        for _s in range(r.choice([1, 2, 3, 6, 10])):
            t = dt.datetime(2026, 8, 1, tzinfo=dt.UTC) + dt.timedelta(seconds=r.randint(0, 121 * 86400))
            pages = ["Home", "Pricing", "Docs", "Blog"]
            calls = [("page", r.choice(pages), {}) for _ in range(r.randint(1, 4))]
            if signed and r.random() < 0.35:
                course, price = r.choice(COURSES)
                calls += [("track", "Product Added", {"product_id": course, "price": price}),
                          ("track", "Order Completed", {"order_id": _id(r)[:8], "revenue": price,
                                                         "total": price, "currency": "USD",
                                                         "products": [{"product_id": course,
                                                                       "price": price, "quantity": 1}]})]
            for kind, what, props in calls:
                m = {"anonymousId": anon, "messageId": _id(r), "type": kind,
                     "timestamp": t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z",
                     "receivedAt": (t + dt.timedelta(seconds=1)).isoformat().replace("+00:00", "Z"),
                     "context": {"library": {"name": "analytics.js", "version": "5.2.0"},
                                 "page": {"path": "/" + what.lower()}}}
                if signed:
                    m["userId"] = user
                m["event" if kind == "track" else "name"] = what
                m["properties"] = props
                out.append(m)
                t += dt.timedelta(seconds=r.randint(5, 300))
        if signed:
            out.append({"anonymousId": anon, "userId": user, "messageId": _id(r), "type": "identify",
                        "timestamp": "2026-11-30T23:59:00.000Z", "traits": {"name": name, "email": email}})
    out.sort(key=lambda m: m["timestamp"])
    with open(path, "w", encoding="utf-8") as f:
        for m in out:
            f.write(json.dumps(m) + "\n")


if __name__ == "__main__":
    os.makedirs(D, exist_ok=True)
    patreon(os.path.join(D, "Members_4512377.csv"))
    teachable(os.path.join(D, "transactions_export_2026-11-30.csv"))
    segment(os.path.join(D, "segment-logs_2026-08-01_2026-11-30.json"))
