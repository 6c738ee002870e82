"""judge74's three English resale and maker exports: a closet's Poshmark sales report (a row per item sold,
buyers by username only, bundles sharing an `Order Id`, `Order Price` beside Poshmark's fee and `Net
Earnings`, Cancelled and Returned orders listed), a reseller's Mercari sales history (no buyer at all; `Item
Price`, the fees and `Net Seller Proceeds`; Canceled items listed at their price) and a small label's Bandcamp
sales report (digital albums and tracks beside physical packages with shipping and a ship-to name; GBP and USD
artists; `11/25/25 5:45pm` dates; refunds as negative rows; `net amount` after Bandcamp's share). Seeded;
rebuilt byte-identical; ``--truth`` prints what each analysis should read. Headers from memory
(docs/judge.md).

    JUDGE_DATA=/tmp/judge74/data python bench/judge74_sets.py [--truth]
"""

import datetime as dt
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.judge59_sets import _pick, _write  # noqa: E402
from bench.judge66_sets import _people, _usd, _when  # noqa: E402
from bench.judge67_sets import _tally, write_all  # noqa: E402

D = os.environ.get("JUDGE_DATA", "/tmp/judge74/data")
POSH_HEAD = ["Order Date", "Listing Date", "Listing Title", "Department", "Category", "Subcategory", "Brand",
             "Color", "Size", "NWT", "Listing Price", "Offer Order", "Order Price",
             "Seller Shipping Discount", "Upgraded Shipping Label Fee", "Poshmark Fee", "Net Earnings",
             "Date Paid", "Buyer State", "Buyer Username", "Order Id", "Order Status"]
CLOSET = [("Madewell Transport Tote", "Women", "Bags", "Totes", "Madewell", 68.0),
          ("Lululemon Align Pant 25\"", "Women", "Pants & Jumpsuits", "Leggings", "lululemon athletica",
           58.0),
          ("Free People Oversized Sweater", "Women", "Sweaters", "Crew & Scoop Necks", "Free People", 42.0),
          ("Levi's 501 Original Jeans", "Men", "Jeans", "Straight", "Levi's", 28.0),
          ("Kate Spade Card Case", "Women", "Accessories", "Wallets", "kate spade", 12.0),
          ("Nike Air Force 1 '07", "Men", "Shoes", "Sneakers", "Nike", 55.0)]
MERCARI_HEAD = ["Item Id", "Sold Date", "Canceled Date", "Completed Date", "Item Title", "Order Status",
                "Shipped to State", "Shipped from State", "Item Price", "Buyer Shipping Fee",
                "Seller Shipping Fee", "Mercari Selling Fee", "Payment Processing Fee",
                "Shipping Adjustment Fee", "Penalty Fee", "Net Seller Proceeds", "Sales Tax Charged to Buyer",
                "Merchant Fees Charged to Buyer", "Service Fee Charged to Buyer",
                "Buyer Protection Charged to Buyer", "Payment Processing Fee Charged to Buyer"]
FINDS = [("Pokemon Charizard VMAX 020/189", 34.0), ("Vintage Pyrex Butterprint Bowl", 26.0),
         ("LEGO Star Wars 75192 Minifig Han Solo", 18.0), ("Nintendo DS Lite Cobalt", 62.0),
         ("Coach Vintage Bonnie Bag", 85.0), ("Funko Pop Grogu #368", 14.0)]
BANDCAMP_HEAD = ["date", "paid to", "item type", "item name", "artist", "currency", "item price", "quantity",
                 "discount code", "sub total", "additional fan contribution", "seller tax", "marketplace tax",
                 "shipping", "ship to name", "ship to street", "ship to city", "ship to country", "ship date",
                 "transaction fee", "fee type", "item total", "amount you received",
                 "bandcamp transaction id", "paypal transaction id", "net amount", "package",
                 "catalog number", "buyer name", "buyer email", "buyer note", "country"]
RELEASES = [("Low Tide Hymns", "Marram", "GBP", "album", 8.0, ""),
            ("Saltings", "Marram", "GBP", "track", 1.0, ""),
            ("Low Tide Hymns", "Marram", "GBP", "package", 22.0, "12\" Vinyl LP"),
            ("Low Tide Hymns", "Marram", "GBP", "package", 9.0, "Cassette"),
            ("Night Bus Choir", "Dana Reyes", "USD", "album", 10.0, ""),
            ("Night Bus Choir", "Dana Reyes", "USD", "package", 25.0, "T-Shirt/Apparel")]


def poshmark(path: str) -> dict:
    """Sales report: a row per listing sold; a bundle's items share the Order Id; the buyer by username;
    Poshmark's fee (20 %, $2.95 under $15) and the seller's shipping discount off `Net Earnings`."""
    r, people = _people(741, 130)
    rows, truth = [], {"net": 0.0, "customers": set(), "orders": set(), "left_out_rows": 0}
    for _ in range(560):
        first, last, email = _pick(r, people, 1.3)
        user = f"{first.lower()}{last[0].lower()}_{people.index((first, last, email)) % 90 + 10}"
        when, order = _when(r), f"{r.getrandbits(48):012x}"
        status = r.choices(["Completed", "Shipped", "Cancelled", "Returned"], [86, 5, 6, 3])[0]
        discount = 2.0 if r.random() < .2 else 0.0
        for _ in range(r.choice([1, 1, 1, 2, 3])):
            title, dept, cat, sub, brand, listed = r.choice(CLOSET)
            offer = r.random() < .4
            price = round(listed * (.8 if offer else 1), 0)
            fee = round(price * .2, 2) if price >= 15 else 2.95
            sale = status in ("Completed", "Shipped")
            net = price - fee - discount if sale else 0.0
            rows.append([when.strftime("%m/%d/%Y"), (when - dt.timedelta(days=r.randint(3, 90))).strftime(
                "%m/%d/%Y"), title, dept, cat, sub, brand, r.choice(["Black", "Cream", "Blue"]),
                r.choice(["S", "M", "L", "8", "10"]), r.choice(["Yes", "No"]), _usd(listed),
                "Yes" if offer else "No", _usd(price), _usd(discount), "$0.00", _usd(fee), _usd(net),
                (when + dt.timedelta(days=5)).strftime("%m/%d/%Y") if status == "Completed" else "",
                r.choice(["CA", "TX", "NY", "FL", "WA"]), user, order, status])
            _tally(truth, sale, price, user, order)
            discount = 0.0
    _write(path, POSH_HEAD, sorted(rows, key=lambda x: dt.datetime.strptime(x[0], "%m/%d/%Y"), reverse=True))
    return truth


def mercari(path: str) -> dict:
    """Sales history: a row per item; no buyer name or id (Mercari does not give one); fees of 10 % and
    2.9 % + $0.50 off `Net Seller Proceeds`; a canceled sale listed with its price and no proceeds."""
    r, _ = _people(742, 1)
    rows, truth = [], {"net": 0.0, "customers": set(), "orders": set(), "left_out_rows": 0}
    for n in range(640):
        title, price = r.choice(FINDS)
        price = round(price * r.choice([.8, .9, 1.0, 1.1]), 0)
        when = _when(r)
        status = r.choices(["Completed", "Canceled"], [93, 7])[0]
        done = status == "Completed"
        ship = r.choice([0.0, 5.99, 7.45])
        sell, proc = round(price * .1, 2), round((price + ship) * .029 + .5, 2)
        net = round(price - sell - proc, 2) if done else 0.0
        item = f"m{84529073641 + n * 7919}"
        rows.append([item, when.strftime("%m/%d/%Y"),
                     (when + dt.timedelta(days=2)).strftime("%m/%d/%Y") if not done else "",
                     (when + dt.timedelta(days=6)).strftime("%m/%d/%Y") if done else "", title, status,
                     r.choice(["CA", "TX", "OH", "NJ"]), "IL", f"{price:.2f}", f"{ship:.2f}", "0.00",
                     f"{sell if done else 0:.2f}", f"{proc if done else 0:.2f}", "0.00", "0.00", f"{net:.2f}",
                     f"{price * .07:.2f}", "0.00", "0.00", "0.00", "0.00"])
        _tally(truth, done, price, "", item)
    truth["customers"] = set()
    _write(path, MERCARI_HEAD, sorted(rows, key=lambda x: dt.datetime.strptime(x[1], "%m/%d/%Y")))
    return truth


def bandcamp(path: str) -> dict:
    """Sales report: a row per item bought; digital albums and tracks by e-mail alone, packages with shipping
    and a ship-to name; each artist sells in their own currency; a refund a negative row of its own."""
    r, people = _people(743, 170)
    rows, truth = [], {"customers": set(), "orders": set(), "left_out_rows": 0, "GBP": 0.0, "USD": 0.0}
    for n in range(820):
        first, last, email = _pick(r, people, 1.2)
        name, artist, cur, kind, price, package = r.choice(RELEASES)
        extra = r.choice([0.0, 0.0, 0.0, 2.0, 5.0]) if kind != "package" else 0.0
        ship = r.choice([4.5, 12.0]) if kind == "package" else 0.0
        when, txn = _when(r), str(1234000001 + n)
        rows.append(_bc_row(r, when, (name, artist, cur, kind, price + extra, package), ship,
                            (first, last, email), txn, 1))
        truth[cur] += price + extra
        truth["customers"].add(email)
        truth["orders"].add(txn)
        if kind == "package" and r.random() < .05:
            rows.append(_bc_row(r, when + dt.timedelta(days=9), (name, artist, cur, "refund", price, package),
                                ship, (first, last, email), str(1234900001 + n), -1))
            truth[cur] -= price
            truth["refund_rows"] = truth.get("refund_rows", 0) + 1
    _write(path, BANDCAMP_HEAD, sorted(rows, key=lambda x: dt.datetime.strptime(x[0], "%m/%d/%y %I:%M%p")))
    return truth


def _bc_row(r, when: dt.datetime, item: tuple, ship: float, who: tuple, txn: str, sign: int) -> list:
    """One row; Bandcamp's share is 15 % of digital and 10 % of physical, PayPal's fee 2.9 % + 0.30."""
    name, artist, cur, kind, price, package = item
    first, last, email = who
    total = sign * (price + ship)
    fee = round(total * .029 + .3 * sign, 2)
    net = round(sign * price * (.9 if package else .85) + sign * ship - fee, 2)
    physical = bool(package)
    stamp = when.strftime("%m/%d/%y %I:%M%p").lower().lstrip("0").replace("/0", "/").replace(" 0", " ")
    return [stamp, "payments@marramrecords.co.uk", kind, name, artist, cur, f"{sign * price:.2f}", sign,
            "", f"{sign * price:.2f}", "", "", "", f"{sign * ship:.2f}" if physical else "",
            f"{first} {last}" if physical else "", f"{r.randint(1, 99)} Harbour Road" if physical else "",
            "Whitby" if physical else "", "United Kingdom" if physical else "",
            (when + dt.timedelta(days=3)).strftime("%m/%d/%y") if physical and sign > 0 else "",
            f"{fee:.2f}", "paypal", f"{total:.2f}", f"{total - fee:.2f}", txn,
            f"{r.getrandbits(60):015X}"[:17], f"{net:.2f}", package,
            "MAR-003" if artist == "Marram" else "DR-001", f"{first} {last}", email, "", "United Kingdom"]


FILES = {"poshmark": (poshmark, "Poshmark_Sales_Report_2026-11-28.csv"),
         "mercari": (mercari, "mercari_sales_history_2026-11-28.csv"),
         "bandcamp": (bandcamp, "marramrecords_sales_2025-06-01_2026-11-28.csv")}


if __name__ == "__main__":
    write_all(D, FILES)
