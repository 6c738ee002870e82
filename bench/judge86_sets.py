"""judge86's two English storefront exports: an illustrator's Big Cartel orders CSV (a row per order: the
buyer's first and last name, e-mail and shipping address, the order's items packed into one `Items` cell as
``product_name:…|product_option_name:…|quantity:…|price:…|total:…`` joined by ``;``, `Item total`, `Discount
total`, `Shipping total`, `Tax total` beside `Total price`, `Status` and `Payment status` Completed /
Refunded / Pending / Cancelled) and a bakery's Weebly (Square Online) orders export (a row per product line,
the order's columns repeated on each line: `Order #`, `Order Date`, billing name and e-mail, a multi-line
quoted `Shipping Address` cell, `Product Name`, `Product Options`, `Product Quantity`, `Product Price`,
`Product Total`, `Order Subtotal`, `Shipping Price`, `Tax`, `Discount`, `Order Total`, `Payment Status`
Paid / Refunded / Pending and `Order Status` Completed / Canceled). Seeded; rebuilt byte-identical;
``--truth`` prints what each analysis should read. Headers from memory (docs/judge.md).

    JUDGE_DATA=/tmp/judge86/data python bench/judge86_sets.py [--truth]
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.judge59_sets import _pick, _write  # noqa: E402
from bench.judge66_sets import _people, _when  # noqa: E402
from bench.judge67_sets import write_all  # noqa: E402

D = os.environ.get("JUDGE_DATA", "/tmp/judge86/data")
BC_HEAD = ["Number", "Created at", "Updated at", "Status", "Payment status", "Shipping status",
           "Buyer first name", "Buyer last name", "Buyer email", "Buyer phone number", "Shipping address 1",
           "Shipping address 2", "Shipping city", "Shipping state", "Shipping zip", "Shipping country",
           "Items", "Item count", "Item total", "Discount code", "Discount total", "Shipping total",
           "Tax total", "Total price", "Currency", "Payment method", "Buyer note"]
BC_ITEMS = [("Moth Enamel Pin", "Default", 10.0), ("Fern Risograph Print", "A4", 18.0),
            ("Fern Risograph Print", "A3", 28.0), ("Night Garden Zine", "Default", 8.0),
            ("Mushroom Sticker Pack", "Default", 6.0), ("Owl Tote Bag", "Natural", 22.0)]
BC_STATES = [("Completed", "Completed"), ("Completed", "Refunded"), ("Pending", "Pending"),
             ("Cancelled", "Cancelled")]
WB_HEAD = ["Order #", "Order Date", "Order Status", "Payment Status", "Fulfillment Status",
           "Billing First Name", "Billing Last Name", "Billing Email", "Billing Phone", "Shipping Name",
           "Shipping Address", "Shipping City", "Shipping Region", "Shipping Postal Code", "Shipping Country",
           "Product Id", "Product Name", "Product Options", "Product Quantity", "Product Price",
           "Product Total", "Order Subtotal", "Shipping Price", "Tax", "Discount", "Order Total",
           "Payment Method"]
WB_ITEMS = [("Sourdough Loaf", "Plain", 7.5), ("Cinnamon Rolls (6)", "Regular icing", 15.0),
            ("Seeded Rye", "Sliced", 8.0), ("Birthday Cake 8in", "Chocolate", 45.0),
            ("Cookie Box (12)", "Assorted", 18.0), ("Focaccia", "Rosemary", 9.0)]
WB_STATES = [("Completed", "Paid"), ("Completed", "Refunded"), ("Completed", "Pending"),
             ("Canceled", "Pending")]


def _orders(seed: int, crowd: int, count: int, states: list, weights: list):
    """Each order's draw, number, buyer, time and (order state, payment state), seeded."""
    r, people = _people(seed, crowd)
    for n in range(count):
        first, last, mail = _pick(r, people, 1.2)
        yield r, n, first, last, mail, _when(r), r.choices(states, weights)[0]


def _count(truth: dict, sold: bool, n: int, mail: str, total: float, rows: int) -> None:
    """A paid order's money, buyer and number into ``truth``; else its rows as left out."""
    if not sold:
        truth["left_out_rows"] += rows
        return
    truth["net"] += total
    truth["customers"].add(mail)
    truth["orders"].add(n)


def bigcartel(path: str) -> dict:
    """Orders: a row per order; Total price = items - discount + shipping + tax. Truth: Completed and paid
    orders' Total price; refunded, pending and cancelled orders no sale."""
    rows, truth = [], {"net": 0.0, "customers": set(), "orders": set(), "left_out_rows": 0}
    for r, n, first, last, mail, when, (status, paid) in _orders(861, 140, 380, BC_STATES, [84, 7, 4, 5]):
        lines = [(BC_ITEMS[(n + k * 2) % len(BC_ITEMS)], r.choice([1, 1, 2]))
                 for k in range(r.choice([1, 2, 3]))]
        items = sum(p * q for (_, _, p), q in lines)
        code, disc = ("ZINEFEST", round(items * .1, 2)) if n % 11 == 0 else ("", 0.0)
        ship, tax = r.choice([4.0, 6.5]), round((items - disc) * .08, 2)
        total = round(items - disc + ship + tax, 2)
        packed = ";".join(f"product_name:{name}|product_option_name:{opt}|quantity:{q}|price:{p:.1f}|"
                          f"total:{p * q:.1f}" for (name, opt, p), q in lines)
        rows.append([1000 + n, when.strftime("%Y-%m-%d %H:%M:%S UTC"), when.strftime("%Y-%m-%d %H:%M:%S UTC"),
                     status, paid, "Shipped" if paid == "Completed" else "Unshipped", first, last, mail,
                     f"(512) 555-01{n % 100:02d}", f"{r.randint(1, 900)} {r.choice(['Oak Ave', 'Pine St'])}",
                     r.choice(["", "Apt 4B"]), r.choice(["Austin", "Tacoma", "Dayton"]),
                     r.choice(["TX", "WA", "OH"]), f"{r.randint(10000, 99999)}", "US", packed,
                     sum(q for _, q in lines), f"{items:.2f}", code, f"{disc:.2f}", f"{ship:.2f}",
                     f"{tax:.2f}", f"{total:.2f}", "USD", r.choice(["Stripe", "PayPal"]), ""])
        _count(truth, (status, paid) == ("Completed", "Completed"), n, mail, total, 1)
    _write(path, BC_HEAD, rows)
    return truth


def weebly(path: str) -> dict:
    """Orders: a row per product line, the order's totals repeated on each. Truth: Paid orders' Order Total
    once per order; refunded, pending and canceled orders no sale."""
    rows, truth = [], {"net": 0.0, "customers": set(), "orders": set(), "left_out_rows": 0}
    for r, n, first, last, mail, when, (status, paid) in _orders(862, 120, 300, WB_STATES, [85, 6, 4, 5]):
        lines = [(WB_ITEMS[i], r.choice([1, 2])) for i in r.sample(range(len(WB_ITEMS)), r.choice([1, 2, 3]))]
        sub = sum(p * q for (_, _, p), q in lines)
        disc = 5.0 if n % 13 == 0 else 0.0
        ship, tax = r.choice([0.0, 8.0]), round((sub - disc) * .0725, 2)
        total = round(sub - disc + ship + tax, 2)
        street = f"{r.randint(1, 900)} {r.choice(['Elm St', 'Birch Rd'])}" + r.choice(["", "\nUnit 3"])
        for (name, opt, p), q in lines:
            rows.append([f"{5200 + n}", when.strftime("%m/%d/%Y %I:%M %p"), status, paid,
                         "Fulfilled" if paid == "Paid" else "Unfulfilled", first, last, mail,
                         f"(510) 555-{n % 10000:04d}", f"{first} {last}", street,
                         r.choice(["Oakland", "Berkeley"]), "CA", f"946{r.randint(10, 99)}", "US",
                         f"{WB_ITEMS.index((name, opt, p)) + 11}", name, opt, q, f"${p:.2f}", f"${p * q:.2f}",
                         f"${sub:.2f}", f"${ship:.2f}", f"${tax:.2f}", f"${disc:.2f}", f"${total:.2f}",
                         r.choice(["Square", "PayPal"])])
        _count(truth, (status, paid) == ("Completed", "Paid"), n, mail, total, len(lines))
    _write(path, WB_HEAD, rows)
    return truth


FILES = {"bigcartel": (bigcartel, "orders_2026-11-28.csv"),
         "weebly": (weebly, "weebly_orders_export_2026-11-28.csv")}


if __name__ == "__main__":
    write_all(D, FILES)
