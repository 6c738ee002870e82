"""What counts as a sale in shop and payment exports: a bill's 收入 rows, the amount actually paid
(net, not gross or list), and orders that were paid — each checked through the transaction view
every analysis reads."""

from __future__ import annotations

import datetime as dt

from crm_core.load.reader import load_file
from crm_core.workspace import store
from crm_core.workspace.coverage import coverage
from crm_core.workspace.roles import get_roles
from crm_core.workspace.transactions import transaction_view
from tests.load.test_report_shapes import view_totals

SALES = [("买家A", "2025000101", "2025-03-19 10:00:00", 12.5),
         ("买家B", "2025000102", "2025-03-20 11:30:00", 7.0),
         ("买家A", "2025000103", "2025-04-02 09:15:00", 30.25)]
"""(customer, order, time, amount) of the three sales every file here holds."""


TRUTH = (3, 2, dt.date(2025, 3, 19), dt.date(2025, 4, 2), 49.75)


def test_payment_bills_count_the_income_rows_only(con, tmp_path):
    """A shop's 支付宝 / 微信支付 bill mixes customers' payments (收入) with the shop's own
    payments (支出) and transfers or refunds (不计收支, ``/``): all were summed as sales, and the
    payees became customers. A bill with no 收入 at all (a buyer's own bill) is kept whole."""
    alipay = ("支付宝交易明细\n起始时间：[2025-01-01 00:00:00]    终止时间：[2025-12-31 23:59:59]\n"
              "交易时间,交易分类,交易对方,商品说明,收/支,金额,交易状态,交易订单号\n"
              + "".join(f"{t},商业服务,{c},商品,收入,{a:.2f},交易成功,{o}\t\n" for c, o, t, a in SALES)
              + "2025-03-21 08:00:00,转账,供货商,进货,支出,500.00,交易成功,2025000901\t\n"
              + "2025-03-22 08:00:00,退款,买家B,退款,不计收支,7.00,退款成功,2025000902\t\n")
    (tmp_path / "alipay.csv").write_bytes(alipay.encode("gbk"))
    wechat = ("交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号\n"
              + "".join(f"{t},二维码收款,{c},/,收入,¥{a:.2f},/,已收钱,{o}\n" for c, o, t, a in SALES)
              + "2025-03-23 08:00:00,商户消费,房东,/,支出,¥800.00,零钱,支付成功,2025000903\n"
              + "2025-03-24 08:00:00,转入零钱通,零钱通,/,/,¥100.00,零钱,支付成功,2025000904\n")
    (tmp_path / "wechat.csv").write_text(wechat)
    for file in ("alipay.csv", "wechat.csv"):
        (result,) = load_file(con, tmp_path / file)
        assert view_totals(con, result.table) == TRUTH, file
        assert str(result.notes[-1]).startswith("bill rows that are not customer payments")
        assert str(result.notes[-1]).endswith(": 2"), file
        assert result.notes[-1].text("zh").startswith("2 行不是顾客付款")
        view = transaction_view(con, result.table, get_roles(con, result.table))
        assert coverage(con, view)["cancelled"] == 2
    buyer = wechat.replace(",收入,", ",支出,").replace(",/,/,", ",/,支出,")
    (tmp_path / "buyer.csv").write_text(buyer)
    (result,) = load_file(con, tmp_path / "buyer.csv")
    assert view_totals(con, result.table)[0::4] == (5, 949.75)


def test_the_amount_paid_beats_gross_list_and_subtotal_columns(con, tmp_path):
    """Square writes ``Gross Sales, Discounts, Net Sales, Tax``; 淘宝 千牛 ``总金额`` before
    ``买家实际支付金额``; 京东 ``订单金额`` before ``应付金额``; 抖店 ``商品金额`` before
    ``订单应付金额``: the first, before discounts, was taken as the spend."""
    shapes = {
        "square.csv": ("Date,Time,Item,Qty,Gross Sales,Discounts,Net Sales,Tax,Transaction ID,Customer ID\n",
                       "{d:%m/%d/%Y},{d:%H:%M:%S},Latte,1,${g:.2f},-$3.00,${a:.2f},$0.50,{o},{c}\n",
                       "Net Sales"),
        "qianniu.csv": ("订单编号,买家会员名,总金额,买家实际支付金额,订单状态,订单创建时间\n",
                        '="{o}",{c},{g:.2f},{a:.2f},交易成功,{d:%Y-%m-%d %H:%M:%S}\n', "买家实际支付金额"),
        "jd.csv": ("订单号,下单帐号,订单金额,应付金额,订单状态,下单时间\n",
                   "{o},{c},{g:.2f},{a:.2f},完成,{d:%Y-%m-%d %H:%M:%S}\n", "应付金额"),
        "doudian.csv": ("主订单编号,买家昵称,商品金额,订单应付金额,订单状态,订单提交时间\n",
                        "{o},{c},{g:.2f},{a:.2f},已完成,{d:%Y/%m/%d %H:%M:%S}\n", "订单应付金额"),
    }
    for file, (header, line, paid) in shapes.items():
        (tmp_path / file).write_text(header + "".join(
            line.format(o=o, c=c, a=a, g=a + 3, d=dt.datetime.fromisoformat(t)) for c, o, t, a in SALES))
        (result,) = load_file(con, tmp_path / file)
        assert get_roles(con, result.table)["amount"] == paid, file
        assert view_totals(con, result.table) == TRUTH, file


def test_unpaid_and_after_sale_refunded_orders_are_not_spend(con, tmp_path):
    """淘宝 等待买家付款, 抖店 待支付 or 售后状态 = 退款成功 on a 已完成 order, Amazon's ``Pending``
    and ``Cancelled`` (``order-status``), Xero's ``DRAFT`` / ``VOIDED`` invoices, Shopee's
    ``Unpaid``: counted as spend. Xero's ``ContactName`` and Shopee's ``Username (Buyer)`` are
    the customer (the view was refused: no customer)."""
    shapes = {
        "qianniu.csv": ("订单编号,买家会员名,买家实际支付金额,订单状态,订单创建时间\n",
                        '="{o}",{c},{a:.2f},{s},{t}\n', "交易成功", ["等待买家付款", "交易关闭"]),
        "doudian.csv": ("主订单编号,买家昵称,订单应付金额,订单状态,售后状态,订单提交时间\n",
                        "{o},{c},{a:.2f},{s},{t}\n", "已完成,", ["待支付,", "已完成,退款成功"]),
        "amazon.txt": ("amazon-order-id\tpurchase-date\torder-status\tcustomer-id\titem-price\n",
                       "{o}\t{t}\t{s}\t{c}\t{a:.2f}\n", "Shipped", ["Pending", "Cancelled"]),
        "xero.csv": ("ContactName,InvoiceNumber,InvoiceDate,Total,Status\n",
                     "{c},INV-{o},{t},{a:.2f},{s}\n", "PAID", ["DRAFT", "VOIDED"]),
        "shopee.csv": ("Order ID,Username (Buyer),Order Status,Order Creation Date,Grand Total\n",
                       "{o},{c},{s},{t},{a:.2f}\n", "Completed", ["Unpaid", "Cancelled"]),
    }
    for file, (header, line, paid, others) in shapes.items():
        rows = [line.format(o=o, c=c, a=a, s=paid, t=t) for c, o, t, a in SALES]
        rows += [line.format(o=f"20250009{i}", c="买家C", a=99.0, s=s, t="2025-03-25 10:00:00")
                 for i, s in enumerate(others)]
        (tmp_path / file).write_text(header + "".join(rows))
        (result,) = load_file(con, tmp_path / file)
        assert view_totals(con, result.table) == TRUTH, file
        said = str(result.notes[-1])  # 千牛 (淘宝) writes 有赞's states (left40)
        named = "rows of unpaid, closed orders (by their 订单状态 column"
        generic = "rows of refunded, cancelled, refused, returned, failed, unpaid or no-show"
        own = "rows marked"  # a single status column's own states (walk35); two status columns stay generic
        assert said.startswith(named if file == "qianniu.csv" else (generic, own)), (file, said)


def test_only_money_headed_in_thousands_is_scaled(con, tmp_path):
    """``Temperature (K)`` (kelvin) and ``Visitors (000)`` were multiplied by 1,000 like
    ``Sales (k)``; units that are no money stay as written, under their own header."""
    path = tmp_path / "stores.csv"
    path.write_text("store_id,week,Temperature (K),Weight (kg),Visitors (000),Sales (k),利润(万元)\n"
                    "S1,2025-03-17,293.15,1.5,12,1.25,0.5\nS2,2025-03-17,280.5,2.25,3,0.75,0.25\n")
    (result,) = load_file(con, path)
    rows = con.execute(f'SELECT * EXCLUDE (store_id, week) FROM "{result.table}"').df()
    assert rows.to_dict("list") == {"Temperature (K)": [293.15, 280.5], "Weight (kg)": [1.5, 2.25],
                                    "Visitors (000)": [12, 3], "Sales": [1250.0, 750.0],
                                    "利润": [5000.0, 2500.0]}
    assert sum("multiplied by" in str(n) for n in result.notes) == 2


def test_a_summary_sheet_is_not_stacked_with_the_detail_sheets(con, tmp_path):
    """A workbook of quarterly sheets and one summing them per customer and month under the same
    columns (named 汇总, or not named at all): stacked together, every sale counted twice."""
    import openpyxl

    for summary in ("汇总", "Sheet3"):
        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        header = ["客户编号", "订单号", "下单日期", "金额"]
        for quarter, sales in (("Q1", SALES[:2]), ("Q2", SALES[2:])):
            sheet = wb.create_sheet(quarter)
            sheet.append(header)
            for c, o, t, a in sales:
                sheet.append([c, o, dt.datetime.fromisoformat(t), a])
        sheet = wb.create_sheet(summary)
        sheet.append(header)
        sheet.append(["买家A", None, dt.datetime(2025, 3, 1), 12.5])
        sheet.append(["买家B", None, dt.datetime(2025, 3, 1), 7.0])
        sheet.append(["买家A", None, dt.datetime(2025, 4, 1), 30.25])
        wb.save(tmp_path / "book.xlsx")
        (result,) = load_file(con, tmp_path / "book.xlsx", f"t_{summary}")
        assert view_totals(con, result.table) == TRUTH, summary
        assert str(result.notes[1]).startswith(f"sheet “{summary}” left out: it sums up")
        assert result.notes[1].text("zh").startswith(f"工作表“{summary}”未合并")


def test_quickbooks_sales_by_customer_detail_gives_each_line_its_customer(con, tmp_path):
    """QuickBooks writes the customer alone on a row above its lines (first column, blank
    header), then ``Total for …`` and a grand ``TOTAL``: no line had a customer (the view was
    refused), and the name and total rows were loaded as rows. Its sales-by-product report
    has a ``Customer`` column already, so its group column is ``Group``."""
    title = ["Sales by Customer Detail", "Craig's Design and Landscaping Services",
             "January - December 2025", ""]
    lines = [",Date,Transaction Type,Num,Product/Service,Qty,Sales Price,Amount,Balance"]
    for customer in ("买家A", "买家B"):
        lines.append(f'"{customer}\'s Bird Sanctuary",,,,,,,,')
        mine = [(o, t, a) for c, o, t, a in SALES if c == customer]
        for o, t, a in mine:
            day = dt.datetime.fromisoformat(t)
            lines.append(f',{day:%m/%d/%Y},Invoice,{o},Design,1,"{a:,.2f}","{a:,.2f}","{a:,.2f}"')
        total = sum(a for *_, a in mine)
        lines.append(f'"Total for {customer}\'s Bird Sanctuary",,,,,,,"${total:,.2f}",')
    lines += ['TOTAL,,,,,,,"$49.75",', "", "Accrual basis Thursday, December 4, 2025 10:12 AM GMT-08:00"]
    (tmp_path / "qb.csv").write_text("\n".join(title + lines) + "\n")
    result = load_file(con, tmp_path / "qb.csv")[0]
    assert view_totals(con, result.table) == TRUTH
    assert get_roles(con, result.table)["customer_id"] == "Customer"
    assert any(str(n).startswith("a report grouped by Customer") and str(n).endswith(": 2")
               for n in result.notes)
    by_product = "\n".join(title + [line.replace("Product/Service", "Customer") for line in lines])
    (tmp_path / "qb_product.csv").write_text(by_product + "\n")
    result = load_file(con, tmp_path / "qb_product.csv")[0]
    assert "Group" in dict(store.columns_of(con, result.table))


def test_lazada_order_items_have_their_date_amount_and_returns(con, tmp_path):
    """Lazada writes ``Created at`` as ``19 Mar 2025 10:00`` (text, no date: the view was
    refused), the money a buyer paid as ``Paid Price`` (no amount) and ``returned`` orders."""
    mail = {"买家A": "amy@mail.com", "买家B": "ben@mail.com"}
    lines = [f"{o},{dt.datetime.fromisoformat(t):%d %b %Y %H:%M},Customer,{mail[c]},delivered,"
             f"{a + 4:.2f},{a:.2f}\n" for c, o, t, a in SALES]
    lines += ["2025000901,25 Mar 2025 10:00,Customer,cat@mail.com,returned,99.00,99.00\n",
              "2025000902,26 Mar 2025 10:00,Customer,cat@mail.com,canceled,99.00,99.00\n"]
    (tmp_path / "lazada.csv").write_text("Order Number,Created at,Customer Name,Customer Email,Status,"
                                         "Unit Price,Paid Price\n" + "".join(lines))
    (result,) = load_file(con, tmp_path / "lazada.csv")
    assert get_roles(con, result.table)["amount"] == "Paid Price"
    assert view_totals(con, result.table) == TRUTH


def test_a_bare_status_pending_is_no_unpaid_order(con, tmp_path):
    """``pending`` leaves a row out under an order or payment status only (Amazon's
    ``order-status``, 订单状态): a bare ``Status = pending`` is as often a delivery or a ticket.
    ``draft`` (Xero's unsent invoices) leaves under any status column."""
    (tmp_path / "log.csv").write_text("customer_id,date,amount,Status,Order Status\n" + "".join(
        f"{c},{t[:10]},{a},{s},{o}\n" for (c, _, t, a), s, o in zip(
            SALES, ("pending", "paid", "pending"), ("paid", "paid", "paid"), strict=True))
        + "C9,2025-03-25,99,draft,paid\nC9,2025-03-26,99,shipped,pending\n")
    (result,) = load_file(con, tmp_path / "log.csv")
    assert view_totals(con, result.table) == TRUTH


def test_overlapping_yearly_sheets_keep_the_shared_days_once(con, tmp_path):
    """UCI Online Retail II: "Year 2010-2011" starts with the 1-9 December 2010 lines that end
    "Year 2009-2010"; stacked whole, those sales were counted twice. A repeated line inside a
    sheet (the real file has them) stays, and sheets that merely share a line are not touched."""
    import openpyxl

    header = ["Invoice", "StockCode", "Description", "Quantity", "InvoiceDate", "Price", "Customer ID",
              "Country"]
    lines = [["489434", "85048", "15CM CHRISTMAS GLASS BALL 20 LIGHTS", 12, dt.datetime(2009, 12, 1, 7, 45),
              6.95, 13085.0, "United Kingdom"],
             ["C489449", "22087", "PAPER BUNTING WHITE LACE", -12, dt.datetime(2009, 12, 1, 10, 33), 2.95,
              16321.0, "Australia"],
             ["536365", "85123A", "WHITE HANGING HEART T-LIGHT HOLDER", 6, dt.datetime(2010, 12, 1, 8, 26),
              2.55, 17850.0, "United Kingdom"],
             ["536365", "85123A", "WHITE HANGING HEART T-LIGHT HOLDER", 6, dt.datetime(2010, 12, 1, 8, 26),
              2.55, 17850.0, "United Kingdom"],
             ["536366", "22633", "HAND WARMER UNION JACK", 6, dt.datetime(2010, 12, 9, 8, 28), 1.85, None,
              "United Kingdom"],
             ["581587", "22138", "BAKING SET 9 PIECE RETROSPOT", 3, dt.datetime(2011, 12, 9, 12, 50), 4.95,
              12680.0, "France"]]
    for name, second in (("overlap", lines[2:]), ("apart", lines[4:])):
        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        for title, rows in (("Year 2009-2010", lines[:5]), ("Year 2010-2011", second)):
            sheet = wb.create_sheet(title)
            sheet.append(header)
            for row in rows:
                sheet.append(row)
        wb.save(tmp_path / f"{name}.xlsx")
        (result,) = load_file(con, tmp_path / f"{name}.xlsx", name)
        rows, _, first, last, total = view_totals(con, name)
        if name == "overlap":
            assert (rows, first, last) == (6, dt.date(2009, 12, 1), dt.date(2011, 12, 9))
            assert abs(total - (83.4 - 35.4 + 15.3 + 15.3 + 11.1 + 14.85)) < 1e-6
            assert "starts with the same 3 rows" in str(result.notes[1])
            assert "3 行" in result.notes[1].text("zh")
        else:
            assert con.execute(f"SELECT count(*) FROM {name}").fetchone()[0] == 7, "one shared line"
