"""judge69's three English exports without a sale: a newsletter's Ghost members export (a row per
member; free, paid and complimentary members; `labels` and `tiers` as comma lists; a multi-line quoted
`note`; deleted members kept with `deleted_at`), a creator's Kit (ConvertKit) subscribers export (a row per
subscriber; active, inactive, cancelled, bounced, complained and cold states; `tags` a comma list) and a
product's Heap events export (a row per event of Heap Connect's `all_events` joined to the users'
`identity`, anonymous users without one). The three share people (one seed): Kit misses Ghost's first 200
members. Seeded; rebuilt byte-identical; ``--truth`` prints what each analysis should read. Headers: Ghost's
and Heap's from their docs, Kit's from memory (docs/judge.md).

    JUDGE_DATA=/tmp/judge69/data python bench/judge69_sets.py [--truth]
"""

import datetime as dt
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.judge59_sets import _pick, _write  # noqa: E402
from bench.judge66_sets import DAYS, END, START, _say, _when  # noqa: E402  (the same 2025-06 … 2026-11 span)

D = os.environ.get("JUDGE_DATA", "/tmp/judge69/data")
GHOST_HEAD = ["id", "email", "name", "note", "subscribed_to_emails", "complimentary_plan",
              "stripe_customer_id", "created_at", "deleted_at", "labels", "tiers"]
KIT_HEAD = ["id", "first_name", "email_address", "state", "created_at", "last_name", "company", "tags"]
HEAP_HEAD = ["event_id", "user_id", "session_id", "time", "type", "event_table_name", "path", "title",
             "browser", "device_type", "country", "referrer", "identity"]
FIRST = ["Olivia", "James", "Amelia", "Lucas", "Harper", "Henry", "Ella", "Jack", "Grace", "Leo", "Isla",
         "Daniel", "Maya", "Owen", "Chloe", "Ethan", "Zoe", "Noah", "Ruby", "Samuel", "Freya", "Arjun",
         "Priya", "Tom", "Sofia", "Mateo", "Hannah", "Felix", "Nora", "Oscar", "Lily", "Adam", "Erin",
         "Caleb", "Aisha", "Ben"]
LAST = ["Turner", "Walsh", "Murphy", "Clarke", "Bennett", "Hughes", "Price", "Khan", "Ward", "Fox", "Reid",
        "Patel", "Nguyen", "Okafor", "Lindqvist", "Moreau", "Rossi", "Kowalski", "Garcia", "Schmidt", "Byrne",
        "Fraser", "Osei", "Tanaka", "Ahmed", "Novak", "Silva", "Doyle", "Hart", "Quinn"]
NAMESAKES = 6
"""Pairs of different people sharing a full name (each keeps an e-mail of its own)."""
LABELS = ["VIP", "Podcast listener", "Import 2025-06", "Workshop attendee", "Press"]
KIT_TAGS = ["Lead Magnet: Pricing Guide", "Purchased: Course", "Webinar 2026-03", "Newsletter", "Cold lead"]
NOTES = ["Met at the Leeds meetup", "Asked for an invoice in the company's name.\nVAT: GB123456789",
         "Comp for guest post", "Wants the annual plan after the trial\nfollow up in March",
         "Billing contact: accounts@fernhill.co.uk", "Call back on 07700 900123 about the invoice"]
HEAP_EVENTS = [("pageview", "", 40), ("click", "", 25), ("Signed Up", "signed_up", 3),
               ("Viewed Pricing", "viewed_pricing", 10), ("Started Trial", "started_trial", 3),
               ("Invited Teammate", "invited_teammate", 4), ("Exported Report", "exported_report", 6),
               ("submit", "", 9)]
PATHS = [("/", "Home — Ledgerly"), ("/pricing", "Pricing — Ledgerly"), ("/app/reports", "Reports"),
         ("/app/settings/team", "Team settings"), ("/blog/close-the-books", "Close the books faster")]


def _people(seed: int, n: int) -> tuple[random.Random, list[tuple[str, str, str]]]:
    """The seeded draw and first name, last name and e-mail per person: full names drawn without repeats
    (a list of a thousand people has few namesakes), then :data:`NAMESAKES` pairs made on purpose."""
    r = random.Random(seed)
    names = r.sample([(f, s) for f in FIRST for s in LAST], n)
    for i in range(NAMESAKES):
        names[n - 1 - i] = names[i * 7]
    return r, [(first, last, f"{first.lower()}.{last.lower()}{i}@{r.choice(['gmail.com', 'outlook.com'])}")
               for i, (first, last) in enumerate(names)]


def _iso(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def ghost(path: str) -> dict:
    """Members export: a row per member; paid members carry a Stripe customer and a tier, complimentary ones
    a tier and no Stripe id; `labels` and `tiers` comma lists; a few deleted members kept."""
    r, people = random.Random(691), _people(690, 980)[1][:640]
    rows, truth = [], {"members": 0, "paid": 0, "comp": 0, "labelled": 0, "deleted": 0, "emails": set()}
    for first, last, email in people:
        kind = r.choices(["free", "paid", "comp"], [78, 18, 4])[0]
        tier = {"free": "", "paid": r.choice(["Supporter", "Supporter", "Patron"]), "comp": "Supporter"}[kind]
        labels = ", ".join(sorted(r.sample(LABELS, r.choice([0, 0, 0, 1, 1, 2]))))
        created = _when(r)
        gone = min(created + dt.timedelta(days=r.randint(5, 90)), END)
        deleted = _iso(gone) if r.random() < .03 else ""
        rows.append([f"{r.getrandbits(96):024x}", email, f"{first} {last}" if r.random() < .85 else "",
                     r.choice(NOTES) if r.random() < .06 else "",
                     "true" if r.random() < .9 else "false", "true" if kind == "comp" else "false",
                     f"cus_{r.getrandbits(64):014X}"[:18] if kind == "paid" else "", _iso(created), deleted,
                     labels, tier])
        truth["members"] += 1
        truth["paid"] += kind == "paid"
        truth["comp"] += kind == "comp"
        truth["labelled"] += bool(labels)
        truth["deleted"] += bool(deleted)
        truth["emails"].add(email)
    _write(path, GHOST_HEAD, sorted(rows, key=lambda x: x[7], reverse=True))
    return truth


def kit(path: str) -> dict:
    """Subscribers export: a row per subscriber; `state` as Kit says it; `last_name` and `company` custom
    fields; `tags` a comma list."""
    r, people = random.Random(692), _people(690, 980)[1]
    rows, truth = [], {"subscribers": 0, "active": 0, "tagged": 0, "emails": set()}
    for first, last, email in people[200:]:  # the first 200 of Ghost's members never joined Kit
        state = r.choices(["active", "inactive", "cancelled", "bounced", "complained", "cold"],
                          [72, 6, 12, 3, 1, 6])[0]
        tags = ", ".join(sorted(r.sample(KIT_TAGS, r.choice([0, 1, 1, 2, 3]))))
        rows.append([str(1_900_000_000 + r.randrange(90_000_000)), first if r.random() < .9 else "", email,
                     state, _when(r).strftime("%Y-%m-%d %H:%M:%S UTC"), last if r.random() < .5 else "",
                     r.choice(["", "", "Acme Studio", "Fernhill Ltd"]), tags])
        truth["subscribers"] += 1
        truth["active"] += state == "active"
        truth["tagged"] += bool(tags)
        truth["emails"].add(email)
    _write(path, KIT_HEAD, rows)
    return truth


def heap(path: str) -> dict:
    """Events export: Heap Connect's events with the user's `identity` (an e-mail once identified, blank
    for anonymous users); `time` as the warehouse prints it; no money in any event."""
    r, people = random.Random(693), _people(690, 980)[1][:260]
    users = [(5_000_000_000_000_000 + r.getrandbits(52), email if r.random() < .6 else "")
             for _first, _last, email in people]
    rows, truth = [], {"events": 0, "users": set(), "identified": set()}
    for n in range(4200):
        uid, identity = _pick(r, users, 1.2)
        name, table, _w = r.choices(HEAP_EVENTS, [w for *_x, w in HEAP_EVENTS])[0]
        page, title = r.choice(PATHS)
        when = START + dt.timedelta(days=r.randint(0, DAYS), seconds=r.randint(0, 86_399))
        rows.append([str(8_000_000_000_000_000 + n * 7919), str(uid), str(r.getrandbits(50)),
                     when.strftime("%Y-%m-%d %H:%M:%S.%f")[:-3], name, table, page, title,
                     r.choice(["Chrome", "Safari", "Firefox", "Edge"]),
                     r.choice(["Desktop", "Mobile", "Tablet"]),
                     r.choice(["United States", "United Kingdom", "Canada"]),
                     r.choice(["", "https://www.google.com/", "https://news.ycombinator.com/"]), identity])
        truth["events"] += 1
        truth["users"].add(uid)
        if identity:
            truth["identified"].add(identity)
    _write(path, HEAP_HEAD, sorted(rows, key=lambda x: x[3]))
    return truth


FILES = {"ghost": (ghost, "members.csv"), "kit": (kit, "subscribers_export_2026-11-28.csv"),
         "heap": (heap, "heap_all_events_2026-11-28.csv")}


def _shared(truths: dict) -> dict[str, int]:
    """E-mails two exports hold in common: what the link can join."""
    ghost_, kit_, heap_ = (truths[k]["emails" if k != "heap" else "identified"] for k in FILES)
    return {"ghost & kit": len(ghost_ & kit_), "ghost & heap": len(ghost_ & heap_),
            "kit & heap": len(kit_ & heap_)}


if __name__ == "__main__":
    os.makedirs(D, exist_ok=True)
    built = {key: make(os.path.join(D, file)) for key, (make, file) in FILES.items()}
    for key, value in built.items() if "--truth" in sys.argv else ():
        _say(key, value)
    if "--truth" in sys.argv:
        print("shared e-mails", _shared(built))
