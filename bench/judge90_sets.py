"""judge90's two English exports: a coach's Calendly scheduled events export (a row per booking, no money: an
event log with `Invitee Name`, first and last name, `Invitee Email`, `Text Reminder Number`, `Event Type
Name`, `Start Date & Time` like ``2026-03-04 09:30 am``, `Canceled` true / false, `Canceled By`,
`Cancellation reason`, `Marked as No-Show` Yes / blank, `Question 1` / `Response 1` free-text answers, some
multi-line and naming a partner or a phone, `Assigned To` the host) and an online community's Skool members
export (a row per member: `FirstName`, `LastName`, `Email`, `Invited By` another member's name, `JoinedDate`,
three questions and answers, `Price`, `Recurring Interval` month / year / blank, `Tier` free / standard /
premium, `LTV` the dollars paid so far). Seeded; rebuilt byte-identical; ``--truth`` prints what each should
read. Headers from memory (docs/judge.md).

    JUDGE_DATA=/tmp/judge90/data python bench/judge90_sets.py [--truth]
"""

import datetime as dt
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.judge59_sets import _pick, _write  # noqa: E402
from bench.judge66_sets import _people, _when  # noqa: E402
from bench.judge67_sets import write_all  # noqa: E402
from bench.judge86_sets import _count  # noqa: E402

D = os.environ.get("JUDGE_DATA", "/tmp/judge90/data")
CAL_HEAD = ["Invitee Name", "Invitee First Name", "Invitee Last Name", "Invitee Email",
            "Text Reminder Number", "Event Type Name", "Start Date & Time", "End Date & Time",
            "Invitee Time Zone", "Location", "Event Created Date & Time", "Canceled", "Canceled By",
            "Cancellation reason", "Marked as No-Show", "Question 1", "Response 1", "Question 2",
            "Response 2", "Assigned To", "UTM Source", "UTM Campaign"]
CAL_TYPES = [("30 Minute Discovery Call", 30), ("60 Minute Coaching Session", 60), ("Follow-up Check-in", 15)]
CAL_STATES = ["held", "canceled", "no-show"]
CAL_ANSWERS = ["Career change into UX.\nI have a portfolio review next week.",
               "My partner {partner} will join the call too.", "Please text me on {phone} if running late.",
               "Salary negotiation", "Burnout - want to talk boundaries", ""]
SK_HEAD = ["FirstName", "LastName", "Email", "Invited By", "JoinedDate", "Question1", "Answer1", "Question2",
           "Answer2", "Question3", "Answer3", "Price", "Recurring Interval", "Tier", "LTV"]
SK_PLANS = [("free", "", 0.0), ("standard", "month", 29.0), ("standard", "year", 290.0),
            ("premium", "month", 99.0)]
SK_QUESTIONS = ["What do you want to get out of this community?", "What's your best email for the workbook?",
                "Phone number (optional, for the accountability group)"]


def calendly(path: str) -> dict:
    """Scheduled events: a row per booking; truth counts held meetings only (canceled and no-shows are not
    visits) and no money at all."""
    r, people = _people(901, 110)
    rows, truth = [], {"net": 0.0, "customers": set(), "orders": set(), "left_out_rows": 0}
    for n in range(320):
        first, last, mail = _pick(r, people, 1.2)
        when = _when(r)
        kind, mins = r.choice(CAL_TYPES)
        state = r.choices(CAL_STATES, [80, 14, 6])[0]
        phone = f"+1 415-555-{n % 10000:04d}"
        answer = r.choice(CAL_ANSWERS).format(partner=f"{r.choice(['Maya', 'Tom'])} {last}", phone=phone)
        canceled = state == "canceled"
        rows.append([f"{first} {last}", first, last, mail, r.choice([phone, ""]), kind,
                     when.strftime("%Y-%m-%d %I:%M %p").lower(),
                     (when + _mins(mins)).strftime("%Y-%m-%d %I:%M %p").lower(), "America/Los_Angeles",
                     "Zoom", (when - _mins(60 * 24 * r.randint(1, 9))).strftime("%Y-%m-%d %I:%M %p").lower(),
                     "true" if canceled else "false",
                     r.choice(["Invitee", "Dana Whitfield"]) if canceled else "",
                     r.choice(["Something came up, sorry!", "Double booked"]) if canceled else "",
                     "Yes" if state == "no-show" else "", "What would you like to focus on?", answer,
                     "How did you hear about me?", r.choice(["LinkedIn", "A friend", "Podcast"]),
                     "Dana Whitfield", r.choice(["linkedin", ""]), ""])
        _count(truth, state == "held", n, mail, 0.0, 1)
    _write(path, CAL_HEAD, rows)
    return truth


def skool(path: str) -> dict:
    """Members: a row per member, no purchase dates; truth: paying members are those with LTV > 0, their
    spend the LTV summed; free members are members, not customers who paid."""
    r, people = _people(902, 260)
    rows, truth = [], {"net": 0.0, "customers": set(), "orders": set(), "left_out_rows": 0}
    for n, (first, last, mail) in enumerate(people):
        tier, every, price = r.choices(SK_PLANS, [55, 30, 5, 10])[0]
        joined = _when(r)
        months = max(0, (2026 - joined.year) * 12 + 11 - joined.month)
        paid = 0.0 if not price else (price * (months + 1) if every == "month" else price)
        inviter = r.choice(people)
        rows.append([first, last, mail, r.choice([f"{inviter[0]} {inviter[1]}", ""]),
                     joined.strftime("%Y-%m-%d %H:%M:%S"),
                     SK_QUESTIONS[0], r.choice(["Accountability\nand a weekly plan", "Grow my Etsy shop"]),
                     SK_QUESTIONS[1], mail, SK_QUESTIONS[2], r.choice([f"(415) 555-{n:04d}", ""]),
                     f"{price:g}" if price else "", every, tier, f"{paid:g}"])
        truth["net"] += paid
        truth["customers"].update([mail] if paid else [])
    _write(path, SK_HEAD, rows)
    return truth


def _mins(m: int) -> dt.timedelta:
    return dt.timedelta(minutes=m)


FILES = {"calendly": (calendly, "events-export-2026-11-28.csv"),
         "skool": (skool, "skool-members-2026-11-28.csv")}


if __name__ == "__main__":
    write_all(D, FILES)
