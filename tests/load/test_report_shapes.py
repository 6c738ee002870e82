"""Report and app exports the loader used to get wrong: grouped Excel headers, workbooks of
monthly sheets, pandas' split JSON, nanosecond clocks, money in thousands, payment-app bills
and cancelled orders — each checked on the values the analyst wrote."""

from __future__ import annotations

import datetime as dt

from crm_core.load.reader import load_file
from crm_core.workspace import store
from crm_core.workspace.roles import get_roles
from crm_core.workspace.transactions import transaction_view


def view_totals(con, table):
    """Rows, customers, first and last day and amount sum as every analysis reads them."""
    view = transaction_view(con, table, get_roles(con, table))
    return con.execute(f"SELECT count(*), count(DISTINCT customer_id), min(ts)::DATE, max(ts)::DATE, "
                       f"round(sum(amount), 2) FROM ({view.sql})").fetchone()


def test_nano_and_microsecond_epochs_under_time_headers_are_timestamps(con, tmp_path):
    """pandas' int64 times and Kafka write nanoseconds (19 digits), BigQuery microseconds (16):
    the first stayed text as a "long code", the second a number, and the log had no date."""
    moments = [dt.datetime(2025, 3, 19, 17, 7, 5), dt.datetime(2025, 3, 20, 9, 0, 1),
               dt.datetime(2026, 1, 2, 23, 59, 59)]
    seconds = [int(m.replace(tzinfo=dt.UTC).timestamp()) for m in moments]
    path = tmp_path / "events.csv"
    path.write_text("customer_id,created_at,event_time,amount\n" + "".join(
        f"C{i % 2},{s * 10**9 + 123},{s * 10**6 + 456},{i + 1}.5\n" for i, s in enumerate(seconds)))
    (result,) = load_file(con, path)
    types = dict(store.columns_of(con, result.table))
    assert (types["created_at"], types["event_time"]) == ("TIMESTAMP", "TIMESTAMP")
    rows = con.execute(f'SELECT created_at, event_time FROM "{result.table}"').fetchall()
    assert [r[0].replace(microsecond=0) for r in rows] == moments
    assert [r[1] for r in rows] == [m.replace(microsecond=456) for m in moments]
    assert view_totals(con, result.table) == (3, 2, dt.date(2025, 3, 19), dt.date(2026, 1, 2), 7.5)


def test_money_in_thousands_or_wan_yuan_is_scaled_to_the_base_unit(con, tmp_path):
    """``销售额(万元)``, ``金额（千元）``, ``Revenue ($000)``, ``Sales (in thousands)``: summed as
    written, the spend was 10,000 or 1,000 times too small (and ``Revenue ($000)`` had no amount
    role). ``Distance (m)`` is metres and ``Amount (USD)`` a currency: both stay as written."""
    path = tmp_path / "finance.csv"
    path.write_text("客户编号,日期,销售额(万元),金额（千元）,Revenue ($000),Sales (in thousands),"
                    "Distance (m),Amount (USD)\n"
                    "C1,2025-03-19,1.25,12.5,12.5,12.5,3,4.5\nC2,2025-03-20,0.0075,0.075,0.075,0.075,5,6.5\n")
    (result,) = load_file(con, path)
    rows = con.execute(f'SELECT * EXCLUDE (客户编号, 日期) FROM "{result.table}"').df()
    assert list(rows.columns) == ["销售额", "金额", "Revenue", "Sales", "Distance (m)", "Amount (USD)"]
    assert rows.to_dict("list") == {"销售额": [12500.0, 75.0], "金额": [12500.0, 75.0],
                                    "Revenue": [12500.0, 75.0], "Sales": [12500.0, 75.0],
                                    "Distance (m)": [3, 5], "Amount (USD)": [4.5, 6.5]}
    assert sum("multiplied by 10,000" in str(n) for n in result.notes) == 1
    assert get_roles(con, result.table)["amount"] == "销售额"


def test_pandas_split_json_is_the_table_it_holds(con, tmp_path):
    """``df.to_json(orient="split")`` loaded as ONE row holding three lists. The rows come back
    under their names and types; a meaningful index (dates) becomes a column, pandas' default
    row number does not."""
    import pandas as pd

    frame = pd.DataFrame({"customer_id": ["C1", "C2", None], "order_date": ["2025-03-19", "2025-03-20",
                                                                             "2026-01-02"],
                          "amount": [12.5, None, 3.0], "qty": [1, 2, 3]})
    (tmp_path / "orders.json").write_text(frame.to_json(orient="split"))
    (result,) = load_file(con, tmp_path / "orders.json")
    assert dict(store.columns_of(con, result.table)) == {
        "customer_id": "VARCHAR", "order_date": "DATE", "amount": "DOUBLE", "qty": "BIGINT"}
    assert con.execute(f'SELECT * FROM "{result.table}"').fetchall() == [
        ("C1", dt.date(2025, 3, 19), 12.5, 1), ("C2", dt.date(2025, 3, 20), None, 2),
        (None, dt.date(2026, 1, 2), 3.0, 3)]
    daily = frame.set_index(pd.to_datetime(frame.pop("order_date")))
    (tmp_path / "daily.json").write_text(daily.to_json(orient="split", date_format="iso"))
    (result,) = load_file(con, tmp_path / "daily.json")
    assert [c for c, _ in store.columns_of(con, result.table)] == ["index", "customer_id", "amount", "qty"]
    assert get_roles(con, result.table)["date"] == "index"


def test_excel_group_labels_over_a_full_row_of_sub_labels_name_the_columns(con, tmp_path):
    """``Order`` merged over ``ID | Date`` and ``Customer`` over ``ID | Name``, ``Amount`` merged
    down both rows: the lower row alone named the columns ``ID, Date, ID_2, Name, column_5`` and
    no customer was found. A ``Store | Shanghai`` line above a plain header is not a group."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Order", None, "Customer", None, "Amount"])
    for cells in ("A1:B1", "C1:D1", "E1:E2"):
        ws.merge_cells(cells)
    ws.append(["ID", "Date", "ID", "Name", None])
    ws.append(["O1", dt.datetime(2025, 3, 19), "C1", "Ann", 12.5])
    ws.append(["O2", dt.datetime(2025, 3, 20), "C2", "Bo", 7.0])
    ws.append(["O3", dt.datetime(2025, 3, 21), "C1", "Ann", 3.25])
    plain = wb.create_sheet("plain")
    for row in (["Store", "Shanghai"], ["customer", "order_date", "amount"],
                ["C1", dt.datetime(2025, 3, 19), 2.5]):
        plain.append(row)
    wb.save(tmp_path / "report.xlsx")
    report, shop = load_file(con, tmp_path / "report.xlsx")
    assert [c for c, _ in store.columns_of(con, report.table)] == [
        "Order ID", "Order Date", "Customer ID", "Customer Name", "Amount"]
    roles = get_roles(con, report.table)
    assert (roles["order_id"], roles["customer_id"], roles["amount"]) == ("Order ID", "Customer ID", "Amount")
    assert view_totals(con, report.table) == (3, 2, dt.date(2025, 3, 19), dt.date(2025, 3, 21), 22.75)
    assert [c for c, _ in store.columns_of(con, shop.table)] == ["customer", "order_date", "amount"]


def test_monthly_sheets_of_one_log_stack_into_the_named_table(con, tmp_path):
    """A workbook with one sheet per month loaded as ``t_jan``, ``t_feb`` under ``--table t``, so
    ``profile t`` failed. Sheets of one header stack into ``t`` with the sheet kept per row;
    sheets of different columns stay one table each, and the note lists them."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    jan = [("C1", dt.datetime(2025, 1, 5), 10.0), ("C2", dt.datetime(2025, 1, 9), 5.5)]
    for month, rows in (("Jan", jan), ("Feb", [("C1", dt.datetime(2025, 2, 1), 2.5)])):
        sheet = wb.create_sheet(month)
        header = ["Customer", "Order Date", "Amount"]
        sheet.append(header if month == "Jan" else [h.lower() for h in header])
        for row in rows:
            sheet.append(row)
    wb.save(tmp_path / "log.xlsx")
    (result,) = load_file(con, tmp_path / "log.xlsx", "t")
    assert (result.table, result.rows) == ("t", 3)
    assert con.execute("SELECT Customer, sheet FROM t").fetchall() == [
        ("C1", "Jan"), ("C2", "Jan"), ("C1", "Feb")]
    assert view_totals(con, "t") == (3, 2, dt.date(2025, 1, 5), dt.date(2025, 2, 1), 18.0)
    wb.create_sheet("customers").append(["Customer", "City"])
    wb["customers"].append(["C1", "Lyon"])
    wb.save(tmp_path / "log.xlsx")
    results = load_file(con, tmp_path / "log.xlsx", "u")
    assert [r.table for r in results] == ["u_jan", "u_feb", "u_customers"]
    assert "u_jan, u_feb, u_customers" in str(results[0].notes[0])


def test_refunded_and_cancelled_orders_are_left_out_of_every_analysis(con, tmp_path):
    """Shopify's ``Financial Status = refunded``, WooCommerce's ``Status = cancelled`` and
    订单状态 = 已退款 / 交易关闭 / 已取消 counted as spend. The transaction view leaves them out,
    the load note and the coverage count them; ``partially_refunded`` orders stand."""
    from crm_core.workspace.coverage import coverage

    shapes = {
        "shopify.csv": ("Name,Email,Financial Status,Created at,Total\n",
                        "#{i},c{c}@x.com,{s},2025-03-{d} 10:00,{a}\n",
                        ["paid", "refunded", "partially_refunded", "voided"]),
        "woo.csv": ("Order Number,Order Date,Status,Customer User ID,Order Total Amount\n",
                    "{i},2025-03-{d} 10:00,{s},{c},{a}\n",
                    ["completed", "cancelled", "processing", "refunded"]),
        "youzan.csv": ("订单编号,买家昵称,下单时间,实付金额,订单状态\n",
                       "{i},买家{c},2025-03-{d} 10:00:00,{a},{s}\n",
                       ["交易成功", "已退款", "交易关闭", "已取消"]),
    }
    for file, (header, line, statuses) in shapes.items():
        (tmp_path / file).write_text(header + "".join(
            line.format(i=1000 + i, c=i % 3, d=10 + i, a=10 * (i + 1), s=statuses[i % 4]) for i in range(8)))
        (result,) = load_file(con, tmp_path / file)
        kept = [i for i in range(8) if i % 4 in ((0, 2) if file != "youzan.csv" else (0,))]
        assert view_totals(con, result.table)[0::4] == (len(kept), sum(10.0 * (i + 1) for i in kept)), file
        [note] = [str(n) for n in result.notes if str(n).startswith("rows marked")]
        gone = {statuses[i % 4] for i in range(8) if i not in kept}  # said in the export's words (walk35)
        assert note.startswith("rows marked") and note.endswith(f": {8 - len(kept)}"), file
        assert all(f"'{state}'" in note for state in gone), (file, note)
        view = transaction_view(con, result.table, get_roles(con, result.table))
        assert coverage(con, view) == {"rows": 8, "no_customer_id": 0, "no_date": 0, "no_amount": 0,
                                       "cancelled": 8 - len(kept), "used": len(kept),
                                       "cancelled.cancelled_orders": 8 - len(kept)}, file


def test_alipay_and_wechat_pay_bills_are_their_rows_with_counterpart_and_amount(con, tmp_path):
    """支付宝's bill (GBK, padded fields, a trailing comma, order numbers ending in a tab, a footer
    ``共N笔记录`` / ``已收入:…`` / ``导出时间``) and 微信支付's (a preamble of summary lines padded to
    the table's width, blank ones among them): the footer turned the order number and date
    columns to text, WeChat's blank preamble line was taken as the header, neither had a
    customer."""
    rows = [("C1", "2025-03-19 10:00:00", 12.5), ("C2", "2025-03-20 11:30:00", 7.0),
            ("C1", "2026-01-02 09:05:00", 3.25)]
    gap = " " * 12
    alipay = ("支付宝交易记录明细查询\n账号:[shop@example.com]\n" + "-" * 30 + "交易记录明细列表\n"
              + gap.join(["交易号", ",交易创建时间", ",交易对方", ",商品名称", ",金额（元）", ",收/支",
                          ",交易状态", ",\n"])
              + "".join(gap.join([f"20250319220014{i:08d}\t", f",{d} ,{c}", f",商品{i}", f",{a:.2f}",
                                  ",收入", ",交易成功", ",\n"]) for i, (c, d, a) in enumerate(rows))
              + "-" * 84 + "\n共3笔记录\n已收入:3笔,22.75元\n待收入:0笔,0.00元\n"
              + "导出时间:[2026-03-01 10:00:00]    用户:店主\n")
    (tmp_path / "alipay.csv").write_bytes(alipay.encode("gb18030"))
    pad = "," * 6
    wechat = (f"微信支付账单明细{pad}\n微信昵称：[店主]{pad}\n导出时间：[2026-03-01 10:00:00]{pad}\n"
              f"{pad}\n共3笔记录{pad}\n收入：3笔 22.75元{pad}\n{pad}\n" + "-" * 20
              + f"微信支付账单明细列表{pad}\n交易时间,交易类型,交易对方,商品,收/支,金额(元),当前状态\n"
              + "".join(f'{d},商户消费,{c},"商品{i}",收入,¥{a:.2f},已收钱\n'
                        for i, (c, d, a) in enumerate(rows)))
    (tmp_path / "wechat.csv").write_text(wechat, encoding="utf-8-sig")
    for file, date, amount in (("alipay.csv", "交易创建时间", "金额（元）"),
                               ("wechat.csv", "交易时间", "金额(元)")):
        (result,) = load_file(con, tmp_path / file)
        roles = get_roles(con, result.table)
        assert (roles["customer_id"], roles["date"], roles["amount"]) == ("交易对方", date, amount)
        assert view_totals(con, result.table) == (3, 2, dt.date(2025, 3, 19), dt.date(2026, 1, 2), 22.75)
        assert not [c for c, _ in store.columns_of(con, result.table) if c.startswith("column_")], file
    assert [str(n) for n in load_file(con, tmp_path / "alipay.csv", "again")[0].notes][:1] == [
        "summary lines after the table left out (from “共3笔记录”): 5"]
    assert con.execute("SELECT 交易号 FROM alipay").fetchall() == [  # the tab keeping Excel off it
        (f"20250319220014{i:08d}",) for i in range(3)]
    (tmp_path / "contacts.csv").write_text("name,email,phone,city,company,note\n"
                                           "Ann,ann@x.com,123,Lyon,Acme,hi\nBo,bo@x.com\n")
    (result,) = load_file(con, tmp_path / "contacts.csv")  # a last row missing its later fields
    assert (result.rows, result.notes) == (2, [])


def test_salesforce_and_hubspot_reports_are_their_rows_without_totals_or_notices(con, tmp_path):
    """A Salesforce report opens with its filters and ends with ``Grand Totals (N records)``, then
    a confidentiality notice and a copyright line; HubSpot's names the customer ``Company ID``.
    The grand total doubled the revenue, the notices were two customers."""
    rows = [("001A", "03/19/2025", 12.5), ("001B", "03/20/2025", 7.0), ("001A", "01/02/2026", 3.25),
            ("001C", "01/05/2026", 1.0)]
    (tmp_path / "salesforce.csv").write_text(
        '"Opportunities with Accounts"\n"Filtered By:"\n"  Stage equals Closed Won"\n\n'
        '"Account ID","Account Name","Close Date","Amount"\n'
        + "".join(f'"{c}","Acme {c}","{d}","{a:.2f}"\n' for c, d, a in rows)
        + '"Grand Totals (4 records)","","","23.75"\n\n\n"Confidential Information - Do Not Distribute"\n'
        '"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."\n')
    (tmp_path / "hubspot.csv").write_text(
        "Deal report\nFilters: Close date is in the last 2 years\n\nRecord ID,Company ID,Close Date,Amount\n"
        + "".join(f"{9000 + i},{c},{d},{a:.2f}\n" for i, (c, d, a) in enumerate(rows))
        + "Grand Totals,,,23.75\n")
    for file in ("salesforce.csv", "hubspot.csv"):
        (result,) = load_file(con, tmp_path / file)
        assert view_totals(con, result.table) == (4, 3, dt.date(2025, 3, 19), dt.date(2026, 1, 5), 23.75)


def test_chinese_shop_exports_find_the_buyer_and_what_was_paid(con, tmp_path):
    """有赞 names its buyer ``粉丝昵称``, 京东 ``下单帐号``, 拼多多 none (only ``收货人`` and ``手机``:
    a mobile number coming back on other days is the buyer). The amount is what was paid
    (``用户实付金额``, ``订单实付金额``), not the list price before discounts the export puts first."""
    rows = [("A", "2025-03-19 10:00:00", 100.0, 90.0), ("B", "2025-03-20 11:00:00", 50.0, 45.5),
            ("A", "2026-01-02 09:00:00", 20.0, 20.0), ("C", "2026-01-05 08:00:00", 10.0, 9.0)]
    shapes = {
        "youzan.csv": ("订单号,订单创建时间,商品金额合计,订单实付金额,粉丝昵称,收货人手机号\n",
                       "E{i},{d},{listed},{paid},粉丝{c},1380000000{n}\n", "粉丝昵称"),
        "jd.csv": ("订单号,下单时间,订单金额,实付金额,下单帐号,客户姓名\n",
                   "{i},{d},{listed},{paid},jd_{c},客户{c}\n", "下单帐号"),
        "pinduoduo.csv": ("订单号,商品总价(元),用户实付金额(元),成交时间,收货人,手机\n",
                          "250319-{i},{listed},{paid},{d},收货人{c},1380000000{n}\n", "手机"),
    }
    for file, (header, line, customer) in shapes.items():
        (tmp_path / file).write_text(header + "".join(
            line.format(i=i, d=d, listed=listed, paid=paid, c=c, n="ABC".index(c))
            for i, (c, d, listed, paid) in enumerate(rows)))
        (result,) = load_file(con, tmp_path / file)
        assert get_roles(con, result.table)["customer_id"] == customer
        assert view_totals(con, result.table) == (4, 3, dt.date(2025, 3, 19), dt.date(2026, 1, 5), 164.5)


def test_cents_are_scaled_to_the_currency_unit(con, tmp_path):
    """Stripe's API writes ``amount`` in the smallest currency unit beside a lower-case
    ``currency`` (yen have none), and ``created`` in Unix seconds; other tools name cents
    ``amount_cents``. Summed as written, $12.50 was $1,250. Stripe's dashboard export
    (``Amount``, decimals) and whole amounts beside ``USD`` stay as written."""
    (tmp_path / "charges.csv").write_text(
        "id,amount,amount_refunded,currency,customer,created\n"
        "ch_1,1250,0,usd,cus_A,1742400000\nch_2,700,700,usd,cus_B,1742486400\nch_3,500,0,jpy,cus_A,1767312000\n")
    (result,) = load_file(con, tmp_path / "charges.csv")
    assert con.execute(f'SELECT amount, amount_refunded FROM "{result.table}"').fetchall() == [
        (12.5, 0.0), (7.0, 7.0), (500.0, 0.0)]
    # ch_2's $7.00 were refunded in full (amount_refunded, scaled too): no purchase, so cus_B bought
    # nothing; the money kept is 12.50 dollars: ch_3's 500 yen are no dollars and the file has no rate (cur24)
    assert view_totals(con, result.table) == (2, 1, dt.date(2025, 3, 19), dt.date(2026, 1, 2), 12.5)
    (tmp_path / "orders.csv").write_text("customer,order_date,total_cents,amount,currency\n"
                                         "C1,2025-03-19,1250,12,USD\nC2,2025-03-20,99,3,USD\n")
    (result,) = load_file(con, tmp_path / "orders.csv")
    assert con.execute(f'SELECT total, amount FROM "{result.table}"').fetchall() == [(12.5, 12), (0.99, 3)]


def test_comment_lines_and_trailing_tabs_are_not_rows_or_columns(con, tmp_path):
    """``# exported by …`` above the header and a ``# page break`` between rows were customers;
    a tab at the end of every line added an empty ``column_4``. Shopify's ``#1001`` order names
    in the first column are rows."""
    (tmp_path / "notes.csv").write_text(
        "# exported by shop-tool\ncustomer_id,order_date,amount\nC1,2025-03-19,12.5\n# page break\n"
        "C2,2025-03-20,7.0\nC1,2026-01-02,3.25\n")
    (tmp_path / "orders.tsv").write_text("customer_id\torder_date\tamount\t\n" + "".join(
        f"{c}\t{d}\t{a}\t\n" for c, d, a in (("C1", "2025-03-19", 12.5), ("C2", "2025-03-20", 7.0),
                                             ("C1", "2026-01-02", 3.25))))
    (tmp_path / "shopify.csv").write_text("Name,Email,Created at,Total\n#1001,a@x.com,2025-03-19,12.5\n"
                                          "#1002,b@x.com,2025-03-20,7.0\n#1003,a@x.com,2026-01-02,3.25\n")
    for file in ("notes.csv", "orders.tsv"):
        (result,) = load_file(con, tmp_path / file)
        assert result.columns == 3, file
        assert view_totals(con, result.table) == (3, 2, dt.date(2025, 3, 19), dt.date(2026, 1, 2), 22.75)
    (result,) = load_file(con, tmp_path / "shopify.csv")
    assert con.execute("SELECT Name FROM shopify").fetchall() == [("#1001",), ("#1002",), ("#1003",)]


def _titled_workbook(path, frame, sheet_name: str, title: str, note: str) -> None:
    """An .xlsx report: a title line, a blank line, the table, a blank line and a note under it."""
    import pandas as pd

    with pd.ExcelWriter(path) as writer:
        frame.to_excel(writer, sheet_name=sheet_name, index=False, startrow=2)
        sheet = writer.sheets[sheet_name]
        sheet["A1"] = title
        sheet.cell(row=len(frame) + 5, column=1, value=note)


def test_a_source_line_under_a_workbooks_table_is_no_row(con, tmp_path):
    """Eighth pass, ISLR's ``Default`` as an .xlsx report: a title above the header and a source
    line under the data. The line was a 10,001st card holder whose ``default`` read "Source: ISLR
    …", and ``churn --label-col default`` refused the column as not yes/no. A last row whose one
    filled cell is no longer than its column's values (a customer with only a name) stays."""
    import pandas as pd

    from crm_core.i18n import say

    frame = pd.DataFrame({"default": ["No", "Yes", "No", "No"], "student": ["No", "Yes", "Yes", "No"],
                          "balance": [729.53, 1817.18, 1073.55, 529.25],
                          "income": [44361.6, 12106.1, 31767.1, 35704.5]})
    _titled_workbook(tmp_path / "cards.xlsx", frame, "Cardholders",
                     "Card holders - balance and default, year end",
                     "Source: ISLR (James et al.), simulated data")
    (result,) = load_file(con, tmp_path / "cards.xlsx")
    labels = con.execute(f'SELECT DISTINCT "default" FROM "{result.table}" ORDER BY 1').fetchall()
    assert result.rows == 4 and labels == [("No",), ("Yes",)]
    assert [say(n, "zh") for n in result.notes] == [
        "删除了表格下方的 1 行说明文字（“Source: ISLR (James et al.), simulated data”）"]
    (tmp_path / "people.csv").write_text("name,city,spend\nAnna Berg,Oslo,12.5\nLi Wei Zhang,Bergen,7\n"
                                         "Jo Lee,,\n")
    (kept,) = load_file(con, tmp_path / "people.csv")
    assert kept.rows == 3 and not kept.notes


def test_a_chinese_source_line_under_a_quarterly_table_is_no_row(con, tmp_path):
    """Ninth pass, fpp3's ``aus_accommodation`` as a Chinese statistics workbook: the source line
    "数据来源：…；…" under the data has no space, so it stayed a row, and its text in the quarter
    column kept 1998年第1季度 … from being read as dates ("has no date column")."""
    import pandas as pd

    from crm_core.i18n import say

    frame = pd.DataFrame({"季度": ["2015年第4季度", "2016年第1季度", "2016年第2季度"] * 2,
                          "州": ["维多利亚州"] * 3 + ["昆士兰州"] * 3,
                          "住宿收入（百万澳元）": [512.3, 498.1, 490.3, 420.9, 466.2, 431.0]})
    _titled_workbook(tmp_path / "住宿.xlsx", frame, "分州", "澳大利亚各州酒店住宿业季度统计",
                     "数据来源：澳大利亚统计局；全国合计为各州之和")
    (result,) = load_file(con, tmp_path / "住宿.xlsx")
    types = dict(con.execute(f'SELECT column_name, data_type FROM information_schema.columns '
                             f"WHERE table_name = '{result.table}'").fetchall())
    assert result.rows == 6 and types["季度"] == "DATE"
    assert "数据来源：澳大利亚统计局" in " ".join(str(say(n, "zh")) for n in result.notes)
