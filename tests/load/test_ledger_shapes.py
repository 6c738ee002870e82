"""CRM pipelines, payment ledgers and totals rows (fourth round): rows that are no sale must not
reach the transaction view every analysis reads — a quietly wrong sum is worse than a refusal."""

from __future__ import annotations

import datetime as dt

from crm_core.load.reader import load_file
from crm_core.workspace.roles import get_roles
from crm_core.workspace.transactions import transaction_view
from tests.load.test_report_shapes import view_totals
from tests.load.test_sales_shapes import SALES, TRUTH


def test_only_won_deals_are_revenue(con, tmp_path):
    """Salesforce opportunities (``Stage`` Closed Won / Closed Lost / Prospecting) and HubSpot deals
    (``Deal Stage`` closedwon / closedlost, the company in ``Associated Company IDs``): lost and open
    deals were summed as sales (Salesforce) or the view was refused for want of a customer (HubSpot)."""
    salesforce = ('"Opportunity Name","Account Name","Amount","Close Date","Stage","Opportunity ID"\n'
                  + "".join(f'"Opp {o}","{c} Ltd","${a:,.2f}","{dt.datetime.fromisoformat(t):%m/%d/%Y}",'
                            f'"Closed Won","006{o}"\n' for c, o, t, a in SALES)
                  + '"Opp X","买家A Ltd","$5,000.00","03/25/2025","Closed Lost","006X"\n'
                  + '"Opp Y","买家C Ltd","$900.00","03/26/2025","Prospecting","006Y"\n')
    hubspot = ("Record ID,Deal Name,Deal Stage,Close Date,Amount,Pipeline,Associated Company IDs\n"
               + "".join(f"{o},Deal {o},closedwon,{t[:16]},{a:.2f},default,{9000 + len(c)}{c[-1]}\n"
                         for c, o, t, a in SALES)
               + "77,Deal 77,closedlost,2025-03-25 10:00,5000.00,default,90009\n"
               + "78,Deal 78,appointmentscheduled,2025-03-26 10:00,900.00,default,9003A\n")
    (tmp_path / "opps.csv").write_text(salesforce)
    (tmp_path / "deals.csv").write_text(hubspot)
    for file in ("opps.csv", "deals.csv"):
        (result,) = load_file(con, tmp_path / file)
        assert view_totals(con, result.table) == TRUTH, file
        assert str(result.notes[-1]).startswith("deals not won") and str(result.notes[-1]).endswith(": 2")
        assert result.notes[-1].text("zh").startswith("2 个商机未赢单")
    no_won = salesforce.replace("Closed Won", "Negotiation")
    (tmp_path / "pipeline.csv").write_text(no_won)
    (result,) = load_file(con, tmp_path / "pipeline.csv")
    assert view_totals(con, result.table)[0] == 5  # a pipeline without won deals says nothing of sales


def test_a_last_row_of_sums_without_a_label_is_no_sale(con, tmp_path):
    """A sheet's ``=SUM()`` row exported without its ``Total`` label (no text, no date, only the
    sums) was loaded as a sale of the whole column, doubling every sum; a labelled one was not."""
    import openpyxl

    rows = [(f"O{o}", c, dt.date.fromisoformat(t[:10]), 2, a) for c, o, t, a in SALES]
    sums = ("", "", None, 2 * len(SALES), sum(a for *_, a in SALES))
    (tmp_path / "orders.csv").write_text("Order ID,Customer,Order Date,Qty,Amount\n" + "".join(
        f"{o},{c},{d},{q},{a:.2f}\n" for o, c, d, q, a in rows) + f",,,{sums[3]},{sums[4]:.2f}\n")
    book = openpyxl.Workbook()
    book.active.append(("Order ID", "Customer", "Order Date", "Qty", "Amount"))
    for row in [*rows, sums]:
        book.active.append(row)
    book.save(tmp_path / "orders.xlsx")
    for file in ("orders.csv", "orders.xlsx"):
        (result,) = load_file(con, tmp_path / file, file.replace(".", "_"))
        assert view_totals(con, result.table) == TRUTH, file
        assert con.execute(f'SELECT sum("Qty") FROM "{result.table}"').fetchone()[0] == 6
        assert "only the columns' sums" in str(result.notes[-1])
    (tmp_path / "kept.csv").write_text("Order ID,Customer,Order Date,Qty,Amount\n" + "".join(
        f"{o},{c},{d},{q},{a:.2f}\n" for o, c, d, q, a in rows) + ",,,1,12.50\n")
    (result,) = load_file(con, tmp_path / "kept.csv")
    assert result.rows == 4  # a row without text whose numbers are not the sums is kept


def test_ebay_and_etsy_order_reports(con, tmp_path):
    """eBay's orders report: ``""`` lines around a seller line above the header, ``Sale Date`` as
    ``Mar-19-25``, ``N record(s) downloaded`` below — no date (the view was refused) and the
    footer loaded as rows. Etsy's ``EtsySoldOrderItems``: ``Buyer`` and ``Item Total`` were no
    customer and no amount."""
    ebay = ['""', '"Seller ID : shop123"', '""',
            '"Sales Record Number","Order Number","Buyer Username","Quantity","Sold For","Total Price",'
            '"Sale Date"']
    ebay += [f'"{o}","12-{o}","{c}","1","${a:,.2f}","${a:,.2f}","{dt.datetime.fromisoformat(t):%b-%d-%y}"'
             for c, o, t, a in SALES]
    ebay += ['""', '"3 record(s) downloaded,from Mar-19-2025 to Apr-02-2025"', '"Seller ID : shop123"']
    (tmp_path / "ebay.csv").write_text("\n".join(ebay) + "\n")
    (tmp_path / "etsy.csv").write_text(
        "Sale Date,Item Name,Buyer,Quantity,Price,Item Total,Currency,Transaction ID,Order ID\n" + "".join(
            f"{dt.datetime.fromisoformat(t):%m/%d/%y},Mug,{c},1,{a:.2f},{a:.2f},USD,{o}1,{o}\n"
            for c, o, t, a in SALES))
    for file in ("ebay.csv", "etsy.csv"):
        (result,) = load_file(con, tmp_path / file)
        assert result.rows == 3, file
        assert view_totals(con, result.table) == TRUTH, file


def test_paypal_activity_counts_the_payments_received_only(con, tmp_path):
    """PayPal's activity download lists payments received beside withdrawals, refunds and the
    shop's own purchases (negative ``Gross``), money as ``"1,234.50"``: there was no amount and
    no customer (the view was refused); the buyer is ``From Email Address``."""
    head = ('"Date","Time","TimeZone","Name","Type","Status","Currency","Gross","Fee","Net",'
            '"From Email Address","To Email Address","Transaction ID","Balance Impact"\n')

    def line(t, name, kind, gross, email, txn):
        fee = -round(gross * 0.034, 2) if gross > 0 else 0.0
        when = dt.datetime.fromisoformat(t)
        fields = [f"{when:%m/%d/%Y}", f"{when:%H:%M:%S}", "PDT", name, kind, "Completed", "USD",
                  f"{gross:,.2f}", f"{fee:,.2f}", f"{gross + fee:,.2f}", email, "shop@example.com", txn,
                  "Credit" if gross > 0 else "Debit"]
        return ",".join(f'"{v}"' for v in fields) + "\n"
    email = {"买家A": "a@example.com", "买家B": "b@example.com"}
    rows = [line(t, c, "Express Checkout Payment", a, email[c], o) for c, o, t, a in SALES]
    rows += [line("2025-03-21 08:00:00", "Bank", "General Withdrawal", -1200.0, "", "W1"),
             line("2025-03-22 08:00:00", "买家B", "Payment Refund", -7.0, "b@example.com", "R1"),
             line("2025-03-23 08:00:00", "Supplier Co", "Express Checkout Payment", -1234.5, "", "P1")]
    (tmp_path / "Download.CSV").write_text("\ufeff" + head + "".join(rows))
    (result,) = load_file(con, tmp_path / "Download.CSV", "paypal")
    assert view_totals(con, result.table) == TRUTH
    said = [str(note) for note in result.notes]
    [activity] = [n for n in said if n.startswith("activity rows that are not customer payments")]
    assert activity.endswith(": 3")  # the processor's fee is said after it since left76


def test_shopify_line_items_keep_their_date_on_every_line(con, tmp_path):
    """Shopify's orders export writes one row per line item with ``Paid at``, ``Total`` and
    ``Financial Status`` on the order's first line only: ``Paid at`` was the date, so later lines
    had none and product analyses lost them; ``Created at`` is on every line. The money stays the
    order's ``Total`` (once per order), so the sum is the orders' and no line is counted twice."""
    head = ("Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Subtotal,Total,"
            "Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku\n")
    lines = []
    for c, o, t, a in SALES:
        stamp = f"{t} +0800"
        lines.append(f"#{o},{c}@example.com,paid,{stamp},fulfilled,{stamp},{a:.2f},{a:.2f},{stamp},"
                     f"1,Mug,{a - 2:.2f},MUG\n")
        lines.append(f"#{o},{c}@example.com,,,,,,,{stamp},2,Card,1.00,CARD\n")
    (tmp_path / "orders_export.csv").write_text(head + "".join(lines))
    load_file(con, tmp_path / "orders_export.csv", "shopify")
    view = transaction_view(con, "shopify", get_roles(con, "shopify"), need_customer=False)
    dated, products, amount = con.execute(
        f"SELECT count(ts), count(DISTINCT product_id), round(sum(amount), 2) FROM ({view.sql})").fetchone()
    assert (dated, products, amount) == (6, 2, TRUTH[4])
