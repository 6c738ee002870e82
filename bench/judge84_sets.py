"""judge84's two marketplace exports: a vintage reseller's Depop sales export (Seller Hub, a row per item
sold: date and time of sale, a bundle flag, category, description, size, brand, condition, `Item price`
and `Buyer shipping cost` in pounds with `Total`, the `Depop fee`, `Depop Payments fee` and `Boosting fee`
beside them, `Refunded to buyer amount` and `Fees refunded to seller`, the buyer's username and name and
postal address; no order id, no e-mail, no status) and a candle maker's Faire wholesale orders export (a
row per order line: `Order Number`, `Retailer Name` the shop that is the customer, its address and phone,
`Status` New / Unfulfilled / Fulfilled / Canceled, `Product Name`, `Option Name`, `SKU`, `Quantity`, a
unit `Wholesale Price` beside `Retail Price`, the line's `Commission` and `Payout`). Seeded; rebuilt byte-
identical; ``--truth`` prints what each analysis should read. Headers from memory (docs/judge.md).

    JUDGE_DATA=/tmp/judge84/data python bench/judge84_sets.py [--truth]
"""

import datetime as dt
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.judge59_sets import _pick, _write  # noqa: E402
from bench.judge66_sets import _people, _when  # noqa: E402
from bench.judge67_sets import write_all  # noqa: E402

D = os.environ.get("JUDGE_DATA", "/tmp/judge84/data")
DP_HEAD = ["Date of sale", "Time of sale", "Bundle", "Category", "Description", "Size", "Brand", "Condition",
           "Colour", "Item price", "Buyer shipping cost", "Total", "Depop fee", "Depop Payments fee",
           "Boosting fee", "Refunded to buyer amount", "Fees refunded to seller", "Payment type", "Buyer",
           "Name", "Address Line 1", "Address Line 2", "City", "Post Code", "Country"]
DP_ITEMS = [("Men > Tops > T-shirts", "Vintage 90s Harley Davidson tee faded black", "Harley Davidson", 28.0),
            ("Women > Jeans", "Levi's 501 high waisted light wash", "Levi's", 35.0),
            ("Women > Dresses", "Y2K slip dress satin lilac", "Topshop", 18.0),
            ("Men > Outerwear > Jackets", "Carhartt detroit jacket brown canvas", "Carhartt", 85.0),
            ("Women > Tops > Sweaters", "Ralph Lauren cable knit jumper cream", "Ralph Lauren", 42.0),
            ("Men > Shoes > Trainers", "Nike Air Max 95 neon size 9", "Nike", 65.0)]
FA_HEAD = ["Order Date", "Order Number", "Retailer Name", "Address 1", "Address 2", "City", "State",
           "Zip Code", "Country", "Phone", "Status", "Ship Date", "Product Name", "Option Name", "SKU",
           "Quantity", "Wholesale Price", "Retail Price", "Commission", "Payout"]
FA_ITEMS = [("Soy Candle 8oz", "Cedar & Sage", "SC8-CS", 12.0),
            ("Soy Candle 8oz", "Fig Leaf", "SC8-FL", 12.0),
            ("Travel Tin Candle", "Sea Salt", "TT4-SS", 6.5),
            ("Reed Diffuser", "Cedar & Sage", "RD-CS", 16.0), ("Wax Melts Set", "Assorted", "WM6-AS", 5.0),
            ("Candle Gift Box", "Trio", "GB3-TR", 30.0)]
SHOPS = ["Maple & Moss", "The Paper Fox", "Juniper General Store", "Wild Honey Boutique", "Harbor Home Goods",
         "Little Bird Gifts", "Sunday Supply Co.", "Olive & Twine", "Copper Kettle Mercantile",
         "Birch Lane Shop"]
FA_STATES = ["Fulfilled", "Unfulfilled", "New", "Canceled"]


def depop(path: str) -> dict:
    """Sales: a row per item; a bundle's items share the buyer, date and time; a full refund keeps its Total
    and fills `Refunded to buyer amount` with it, a part refund a third. Truth: money kept (Total less
    refunds), a buyer-day per sale, fully refunded items no sale."""
    r, people = _people(841, 150)
    rows, truth = [], {"net": 0.0, "customers": set(), "orders": set(), "left_out_rows": 0, "fees": 0.0}
    for n in range(420):
        first, last, _ = _pick(r, people, 1.2)
        user = f"{first.lower()}{last.lower()[:3]}{people.index((first, last, _)) % 97}"
        when = _when(r)
        refund = r.choices(["", "full", "part"], [90, 7, 3])[0]
        items = r.choices([1, 2, 3], [80, 15, 5])[0]
        for k in range(items):
            cat, desc, brand, price = DP_ITEMS[(n + k * 3) % len(DP_ITEMS)]
            ship = 0.0 if k else r.choice([0.0, 3.49, 4.99])
            total = price + ship
            fee, pay = round(total * .1, 2), round(total * .029 + .3, 2)
            back = {"full": total, "part": round(price / 3, 2)}.get(refund, 0.0)
            rows.append([when.strftime("%d/%m/%Y"), when.strftime("%H:%M"), "Yes" if items > 1 else "No",
                         cat, desc, r.choice(["S", "M", "L", "UK 10", "W30 L32"]), brand,
                         r.choice(["Used - Good", "Used - Excellent", "Brand new"]),
                         r.choice(["Black", "Blue"]),
                         f"£{price:.2f}", f"£{ship:.2f}", f"£{total:.2f}", f"£{fee:.2f}", f"£{pay:.2f}",
                         "£0.00" if n % 9 else f"£{total * .08:.2f}", f"£{back:.2f}",
                         f"£{fee:.2f}" if refund == "full" else "£0.00", "Depop Payments", user,
                         f"{first} {last}", f"{r.randint(1, 220)} {r.choice(['High Street', 'Church Road'])}",
                         r.choice(["", "Flat 2"]), r.choice(["Leeds", "Bristol", "Glasgow"]),
                         f"LS{r.randint(1, 29)} {r.randint(1, 9)}AB", "United Kingdom"])
            if refund == "full":
                truth["left_out_rows"] += 1
                continue
            truth["net"] += total - back
            truth["fees"] += fee + pay
            truth["customers"].add(user)
            truth["orders"].add((user, when.date()))
    _write(path, DP_HEAD, sorted(rows, key=lambda x: (x[0][6:], x[0][3:5], x[0][:2], x[1])))
    return truth


def faire(path: str) -> dict:
    """Orders: a row per line; a unit Wholesale Price times Quantity is what the retailer pays; Commission
    and Payout the brand's side. Truth: Fulfilled orders only (New and Unfulfilled not yet paid, Canceled
    none)."""
    r, _ = _people(842, 1)
    rows, truth = [], {"net": 0.0, "customers": set(), "orders": set(), "left_out_rows": 0, "open": 0.0}
    for n in range(260):
        shop = SHOPS[min(int(r.paretovariate(1.1)) - 1, len(SHOPS) - 1)] if n % 2 else r.choice(SHOPS)
        k = SHOPS.index(shop)
        when = _when(r)
        status = r.choices(FA_STATES, [80, 6, 4, 10])[0]
        order = f"{'ABCDEFGHJK'[k]}{(n * 7919) % 10**6:06d}"
        for name, opt, sku, price in r.sample(FA_ITEMS, r.choice([2, 3, 4])):
            qty = r.choice([4, 6, 12])
            line = price * qty
            rows.append([when.strftime("%Y-%m-%d"), order, shop, f"{100 + k * 17} Main St", "",
                         ["Portland", "Asheville", "Boulder"][k % 3], ["OR", "NC", "CO"][k % 3],
                         f"{97200 + k}",
                         "US", f"(503) 555-{1000 + k * 37}", status,
                         (when + dt.timedelta(days=5)).strftime("%Y-%m-%d") if status == "Fulfilled" else "",
                         name, opt, sku, qty, f"${price:.2f}", f"${price * 2:.2f}", f"${line * .15:.2f}",
                         f"${line * .85:.2f}"])
            if status == "Fulfilled":
                truth["net"] += line
                truth["customers"].add(shop)
                truth["orders"].add(order)
            else:
                truth["left_out_rows"] += status == "Canceled"
                truth["open"] += line if status != "Canceled" else 0.0
    _write(path, FA_HEAD, sorted(rows, key=lambda x: (x[0], x[1])))
    return truth


FILES = {"depop": (depop, "depop_sales_2025-06-02_2026-11-28.csv"),
         "faire": (faire, "faire_orders_2026-11-28.csv")}


if __name__ == "__main__":
    write_all(D, FILES)
