"""Data page in AppTest: upload, sample data, role correction, language switch, bad files."""

from __future__ import annotations

import pytest

from crm_core.i18n import t
from crm_core.workspace import store
from crm_core.workspace.roles import ROLES, get_roles
from tests.conftest import DATA
from tests.ui.apptest import new_app, page_opener

data_page = page_opener("pages/data.py")

def roles_rows(at):
    """Every column's row of the roles grids: those with a role or a reason, then those with neither
    (a grid of their own since walk25)."""
    import pandas as pd

    return pd.concat([g.value for g in at.dataframe if "evidence" in g.value.columns], ignore_index=True)


def upload(at, path, mime="text/csv"):
    at.file_uploader[0].set_value((path.name, path.read_bytes(), mime)).run()
    at.button(key="load_uploads").click().run()
    return at


def test_upload_gb18030_lands_as_a_table(ws):
    at = upload(data_page(ws.folder), DATA / "chinese_gb18030.csv")
    assert not at.exception
    assert any("(GB18030, comma-separated)" in s.value for s in at.success)
    with ws.connect() as con:
        assert store.table_exists(con, "chinese_gb18030")


def test_the_personal_data_found_is_named_on_the_page(ws, tmp_path):
    """Judge6 walk: the Chinese page read "会员手机号 (电话)", English brackets in a Chinese sentence
    (said in Chinese by ``tests/load/test_scan.py``: AppTest cannot rerun the Chinese Data page)."""
    path = tmp_path / "订单导出.csv"
    path.write_bytes("订单编号,下单时间,买家昵称,会员手机号,实付金额\n"
                     "3617000000000000001,2023-01-02 10:00:00,晴天1711,13812345678,59.00\n"
                     "3617000000000000002,2023-01-03 11:00:00,木子9383,13987654321,88.50\n".encode("gb18030"))
    at = data_page(ws.folder)
    at.file_uploader[0].set_value((path.name, path.read_bytes(), "text/csv")).run()
    assert not at.exception, at.exception
    said = "订单导出.csv holds personal data: 买家昵称 (nickname), 会员手机号 (phone)."
    assert [w.value for w in at.warning if w.value == said], [w.value for w in at.warning]


def test_load_message_names_a_western_encoding_in_words(ws, tmp_path):
    """A German cp1252 export read 'CP1252' (a codec id) in the success line."""
    path = tmp_path / "eu.csv"
    path.write_bytes("Kundennummer;Bestelldatum;Umsatz\n00004;01.01.1997;29,33 €\n".encode("cp1252"))
    at = upload(data_page(ws.folder), path)
    assert not at.exception
    assert any("(Western European Windows-1252, semicolon-separated)" in s.value for s in at.success)


def test_load_message_names_the_delimiter_in_words(ws):
    # AppTest cannot upload on a Chinese page (it formats the engine radio in English), so the
    # words are checked here in English; the Chinese entries sit beside them in core.json
    at = upload(data_page(ws.folder), DATA / "preamble_total_semicolon.csv")
    assert not at.exception
    assert any("(UTF-8, semicolon-separated)" in s.value for s in at.success)


def test_bad_file_shows_one_clear_error_and_keeps_tables(ws):
    at = upload(data_page(ws.folder), DATA / "currency.csv")
    at = upload(at, DATA / "image_renamed.csv")
    assert not at.exception
    assert any("PNG image" in e.value for e in at.error)
    assert [t.name for t in ws.tables()] == ["currency"]


@pytest.mark.parametrize("suffix", ["xls", "ods"])
def test_an_old_workbook_offers_its_sheets_and_lands(ws, suffix):
    """An .xls from an ERP was refused ("save it as .xlsx or CSV") and offered no sheet picker."""
    path = DATA / f"erp_sales.{suffix}"
    at = data_page(ws.folder)
    at.file_uploader[0].set_value((path.name, path.read_bytes(), "application/octet-stream")).run()
    assert not at.exception, at.exception
    assert at.selectbox(key=f"sheet_{path.name}").options == [
        t("data.all_sheets", "en"), "说明", "销售出库单"]
    at.button(key="load_uploads").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    with ws.connect() as con:
        assert store.table_exists(con, "erp_sales")


def test_a_binary_workbook_offers_its_sheets_and_one_lands(ws):
    """An .xlsb was refused as "a ZIP archive; unzip it" and offered no sheet picker."""
    path = DATA / "base.xlsb"
    at = data_page(ws.folder)
    at.file_uploader[0].set_value((path.name, path.read_bytes(), "application/octet-stream")).run()
    picker = at.selectbox(key=f"sheet_{path.name}")
    assert picker.options == [t("data.all_sheets", "en"), "Sheet1", "Sheet2", "Sheet3", "Merged Cells"]
    picker.set_value("Sheet3").run()
    at.button(key="load_uploads").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    with ws.connect() as con:
        assert con.execute("SELECT count(*) FROM base").fetchone()[0] == 2


def test_existing_name_asks_before_replacing(ws):
    at = upload(data_page(ws.folder), DATA / "currency.csv")
    with ws.connect() as con:
        first = store.table_version(con, "currency")
    at = upload(at, DATA / "currency.csv")
    assert any("already exists" in w.value for w in at.warning)
    assert any("Not loaded" in w.value for w in at.warning)
    with ws.connect() as con:
        assert store.table_version(con, "currency") == first


def test_sample_data_and_role_correction(sample_ws):
    at = data_page(sample_ws.folder)
    at.selectbox(key="browse_table").select("customers").run()
    at.selectbox(key="role_customers_date").select("")
    at.button(key="FormSubmitter:roles_form_customers-Save roles").click().run()
    assert not at.exception
    with sample_ws.connect() as con:
        assert "date" not in get_roles(con, "customers")


def test_chinese_ui(sample_ws):
    at = data_page(sample_ws.folder, lang="zh")
    assert not at.exception
    assert at.title[0].value == "数据"
    assert at.button(key="load_sample").label == "加载示例数据"
    overview = roles_rows(at)
    words = {t("role." + role, "zh") for role in ROLES}
    assert set(overview["role"]) - {""} <= words and set(overview["role"]) & words
    types = set(overview["type"])  # QA5: VARCHAR, TIMESTAMP, BIGINT on a Chinese page
    assert "文本" in types and not any(word.isupper() for word in types), types


def test_load_sample_button(ws):
    at = data_page(ws.folder)
    at.button(key="load_sample").click().run()
    assert not at.exception
    assert {"orders", "customers", "products", "store_sales_cn", "faq", "support_questions"} <= {
        t.name for t in ws.tables()}



@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_sample_loads_progress_bar_goes_once_the_tables_are_in(ws, lang):
    """walk28: the "加载示例数据" bar stayed drawn full under the success message."""
    at = data_page(ws.folder, lang=lang)
    at.button(key="load_sample").click().run()
    assert not at.exception and at.success, [s.value for s in at.success]
    assert not at.get("progress"), [p.proto for p in at.get("progress")]


def test_role_evidence_and_missing_roles_are_shown(ws):
    at = upload(data_page(ws.folder), DATA / "amount_no_header.csv")
    assert not at.exception
    overview = at.dataframe[1].value
    evidence = dict(zip(overview["column"], overview["evidence"], strict=True))
    assert "money-like decimals" in evidence["column_4"]
    assert "beside the amount" in evidence["n"]
    assert any("no order id" in i.value for i in at.info)


def test_monthly_update_shows_the_diff_then_applies_and_restores(ws, tmp_path):
    at = upload(data_page(ws.folder), DATA / "crlf_bom.csv")
    feb = tmp_path / "feb.csv"
    feb.write_text("customer_id,order_date,amount\n00017,2024-01-05,12.50\n00030,2024-03-01,9.99\n")
    at.file_uploader(key="reupload_crlf_bom").set_value(("feb.csv", feb.read_bytes(), "text/csv")).run()
    at.radio(key="reupload_mode_crlf_bom").set_value("append").run()
    at.button(key="reupload_preview_crlf_bom").click().run()
    assert not at.exception
    assert any("2 rows added" in i.value and "3 → 5 rows" in i.value for i in at.info)
    with ws.connect() as con:
        assert store.table_version(con, "crlf_bom") == 1
    at.button(key="reupload_commit_crlf_bom").click().run()
    assert not at.exception
    with ws.connect() as con:
        assert con.execute("SELECT count(*) FROM crlf_bom").fetchone()[0] == 5
    at.button(key="restore_crlf_bom").click().run()
    assert any("previous version (3 rows)" in s.value for s in at.success)


@pytest.mark.parametrize("lang, said, columns", [
    ("en", "Replacing 'crlf_bom': 0 rows added, 0 updated, 2 removed; 3 → 1 row.",
     "Column differences: new in the file: city; not in the file: amount."),
    ("zh", "替换“crlf_bom”：新增 0 行，更新 0 行，删除 2 行；3 → 1 行。",
     "列的差异：文件中新增 city；文件中缺少 amount。")])
def test_a_reuploads_diff_reads_in_words_with_its_columns_named(ws, tmp_path, lang, said, columns):
    """pol3: the Chinese page read "替换整张表“crlf_bom”：…" (the mode's radio label glued to the
    table) and "列的差异：+city、-amount", the columns as codes. The preview is made beforehand:
    AppTest cannot click on a Chinese page holding a ``format_func`` radio."""
    from crm_core.load import reupload
    from crm_core.load.reader import load_file
    from pages.data import PENDING_KEY

    feb = tmp_path / "feb.csv"
    feb.write_text("customer_id,order_date,city\n00017,2024-01-05,上海\n")
    with ws.connect() as con:
        load_file(con, DATA / "crlf_bom.csv")
        pending = reupload.preview(con, feb, "crlf_bom", "replace")
    at = new_app(ws.folder, lang)
    at.session_state[PENDING_KEY] = pending
    at.run().switch_page("pages/data.py").run()
    assert not at.exception
    assert said in [i.value for i in at.info]
    assert columns in [w.value for w in at.warning]


def test_the_table_just_loaded_is_the_one_shown(ws):
    """QA2: after loading a second export the page still previewed the first one."""
    at = upload(data_page(ws.folder), DATA / "currency.csv")
    assert at.selectbox(key="browse_table").value == "currency"
    at = upload(at, DATA / "chinese_gb18030.csv")
    assert at.selectbox(key="browse_table").value == "chinese_gb18030"
    assert not at.exception


@pytest.mark.parametrize(("lang", "day", "moment"), [("en", "D MMM YYYY", "D MMM YYYY, HH:mm"),
                                                    ("zh", "YYYY年M月D日", "YYYY年M月D日 HH:mm")])
def test_preview_shows_days_and_times_in_the_pages_language(ws, lang, day, moment):
    """Days without midnight; walk14: the Chinese preview read ``2023-01-01 07:50:00`` and
    ``2015-01-01`` where Customer 360's grid said 2023年1月1日 07:50, then cut it to "…16:3"."""
    import json

    import pandas as pd

    from app_ui.widgets import CELL_PAD_PX, CHAR_PX
    from crm_core.report.format import char_width

    with ws.connect() as con:
        store.write_frame(con, "pizza", pd.DataFrame({
            "order_id": ["2015-000001", "2015-000002"], "date": pd.to_datetime(["2015-01-01", "2015-01-02"]),
            "stamp": pd.to_datetime(["2015-01-01 11:38:36", "2015-01-02 12:01:00"]), "price": [13.25, 16.0]}))
    at = data_page(ws.folder, lang=lang)  # the only table: the one shown
    columns = json.loads(at.dataframe[0].proto.columns)
    assert columns["date"]["type_config"] == {"type": "date", "format": day}
    assert columns["stamp"]["type_config"] == {"type": "datetime", "format": moment}
    said = {"en": "2 Jan 2015, 12:01", "zh": "2015年1月2日 12:01"}[lang]  # the grid sized it for ISO
    assert columns["stamp"]["width"] >= CELL_PAD_PX + CHAR_PX * sum(map(char_width, said)), columns


def test_preview_shows_an_empty_cell_as_a_dash_not_none(ws):
    """QA4: an empty cell in the preview read "None", which an analyst takes for a value."""
    import pandas as pd

    with ws.connect() as con:
        store.write_frame(con, "gaps", pd.DataFrame({"customer": ["a", None], "spend": [1.5, None]}))
    at = data_page(ws.folder)
    at.selectbox(key="browse_table").select("gaps").run()
    preview = at.dataframe[0]
    assert preview.value.isna().sum().sum() == 2 and preview.proto.placeholder == "—"


def uploaded_notes(ws, path) -> str:
    """The notes line the Data page shows under an upload's success message."""
    at = upload(data_page(ws.folder), path)
    assert not at.exception, at.exception
    return next(c.value for c in at.caption if c.value.startswith(f"Notes on {path.stem}"))


@pytest.mark.parametrize(("lang", "box"), [("en", "upload the workbook again and choose it in its sheet box"),
                                         ("zh", "请重新上传该文件，在它的“工作表”框里选中这张表")])
def test_a_hidden_sheets_note_points_to_the_pages_sheet_box_not_the_cli_flag(ws, tmp_path, lang, box):
    """walk11-walk13: the page said "如需导入，可用 --sheet 或工作表选择单独导入", a command-line
    flag the page has no box for; the CLI keeps it."""
    from app_ui.text import in_language
    from crm_core.load.reader import load_file
    from pages.data import notes_list
    from tests.load.test_binary_and_hidden_sheets import _book_with_hidden_sheets

    path = tmp_path / "orders.xlsx"
    _book_with_hidden_sheets(path)
    if lang == "en":  # the Chinese page's uploader cannot be driven (AppTest keeps a radio's English)
        at = upload(data_page(ws.folder), path, mime="application/vnd.ms-excel")
        notes = next(c.value for c in at.caption if "销售明细(旧)" in c.value)
    else:
        with ws.connect() as con, in_language(lang):
            notes = notes_list("orders", load_file(con, path, "orders")[0].notes)
    assert box in notes and "--sheet" not in notes, notes


def test_load_notes_read_as_a_sentence_naming_the_unit_and_the_new_column(ws, tmp_path):
    # the note said "written in thousands/millions (or 万/亿)" for a ($000) heading, named the
    # renamed column unquoted, and the notes line stopped without a full stop
    path = tmp_path / "finance.csv"
    path.write_text("Customer ID,Date,Revenue ($000)\nC1,2025-01-02,1.5\nC2,2025-01-03,0.25\n")
    notes = uploaded_notes(ws, path)
    assert notes.replace("\\$", "$") == (
        "Notes on finance:\n- Revenue ($000): the heading says the amounts are in units of 1,000, "
        "so they were multiplied by 1,000 and the column renamed “Revenue”.")


def test_the_order_dates_that_fit_both_were_read_in_is_a_note(ws, tmp_path):
    path = tmp_path / "visits.csv"
    path.write_text("customer,visit_date\nC1,05/03/2024\nC2,11/04/2024\n")
    notes = uploaded_notes(ws, path)
    assert "visit_date: every date fits both day-first and month-first" in notes
    assert "read day first (05/03/2024 is 5 March 2024)" in notes


def test_several_load_notes_read_as_a_list_of_sentences(ws, tmp_path):
    """judge8 walk (the GB18030 order export, masking on): "Notes on 订单导出: 会员手机号: masked
    (phone); trailing total rows dropped: 1; …" ran the facts together in one line. (English
    only: AppTest cannot pick the engine radio's format_func option on the Chinese page.)"""
    from tests.cli.test_segment import order_export_with_a_till

    path = tmp_path / "订单导出.csv"
    order_export_with_a_till(path)
    at = upload(data_page(ws.folder), path)
    assert not at.exception, at.exception
    notes = next(c.value for c in at.caption if c.value.startswith("Notes on 订单导出:")).split("\n")
    assert notes[0] == "Notes on 订单导出:" and len(notes) >= 3, notes
    assert all(n.startswith("- ") and n.endswith(".") and n[2:3] == n[2:3].upper() for n in notes[1:]), notes


def test_a_note_opening_with_a_column_keeps_the_columns_spelling(ws, tmp_path):
    """walk9 (synthetic web-shop export, masking on): "Full_name: masked (name)." — the list
    capitalised the first letter of every note, a column name's too; other notes still start
    with a capital."""
    path = tmp_path / "web_customers.csv"
    path.write_text("customer_id,full_name,email,order_date,amount\n"
                    "W1,Chenxi Cao,chenxi@example.com,2025-01-02,12.5\n"
                    "W2,Yanmo Xiao,yanmo@example.com,2025-01-03,8\n"
                    "合计,,,,20.5\n")
    at = upload(data_page(ws.folder), path)
    assert not at.exception, at.exception
    notes = next(c.value for c in at.caption if c.value.startswith("Notes on web_customers")).split("\n")
    assert "- full_name: masked (name)." in notes, notes
    assert "- email: masked (email)." in notes, notes
    others = [n for n in notes[1:] if not n.startswith(("- full_name", "- email"))]
    assert others and all(n[2:3] == n[2:3].upper() for n in others), notes


def test_roles_grid_gives_the_type_room_for_date_and_time(ws, tmp_path):
    # QA6: the grid's automatic width cut "date and time" to "date and" in the Type column
    import json

    path = tmp_path / "orders.csv"
    path.write_text("customer_id,order_date,amount\nC1,2025-01-31 08:36:00,172\nC2,2025-02-01 09:10:00,5\n")
    at = upload(data_page(ws.folder), path)
    assert not at.exception, at.exception
    grid = next(g for g in at.dataframe if "evidence" in g.value.columns)
    assert "date and time" in set(grid.value["type"])
    width = json.loads(grid.proto.columns)["type"].get("width")
    assert isinstance(width, int) and width >= 7 * len("date and time") + 16  # ~7 px a letter, padding
    # QA7: the Example column scrolled off to the right at 1280 px (the grid is 820 px wide there)
    order = list(grid.proto.column_order) or list(grid.value.columns)
    widths = [json.loads(grid.proto.columns).get(c, {}).get("width") for c in order]
    sized = dict(zip(order, widths, strict=True))
    assert all(isinstance(w, int) for w in widths) and sum(widths) <= 800, sized


def test_roles_grid_shows_why_beside_the_role_and_wraps_it(ws, tmp_path):
    """walk12: "Why this role", last and "large", was cut at 1280 px and off the grid at 1024 px
    (565 px wide there); it now follows the role, fits beside the first three columns at 1024 px and
    wraps in rows three lines high (the grid wraps text only in rows over 64 px)."""
    import json

    path = tmp_path / "orders.csv"
    path.write_text("customer_id,order_date,amount\nC1,2025-01-31 08:36:00,172\nC2,2025-02-01 09:10:00,5\n")
    at = upload(data_page(ws.folder), path)
    grid = next(g for g in at.dataframe if "evidence" in g.value.columns)
    order = list(grid.proto.column_order)
    assert order[:4] == ["column", "type", "role", "evidence"], order
    widths = json.loads(grid.proto.columns)
    assert sum(widths[c]["width"] for c in order[:4]) <= 565, widths
    assert grid.proto.row_height > 64
    assert not [m.value for m in at.markdown if "walk12" in m.value]  # a constant's note, drawn


def test_the_example_shows_a_whole_price_without_a_trailing_zero(ws, tmp_path):
    """walk9 (Online Retail II shape): the Example column showed ``417.0`` for a price."""
    path = tmp_path / "lines.csv"
    path.write_text("Invoice,StockCode,Quantity,Price,Customer ID\n"
                    "489434,85048,12,417.0,13085.0\n489434,79323P,12,6.75,13085.0\n"
                    "489435,22350,-1,2.55,\n")
    at = upload(data_page(ws.folder), path)
    assert not at.exception, at.exception
    grid = next(g for g in at.dataframe if "evidence" in g.value.columns).value.set_index("column")
    assert grid.loc["Price", "example"] == "417" and grid.loc["Quantity", "example"] == "12"


@pytest.mark.parametrize(("lang", "moment", "day"), [("en", "1 Jul 2025, 10:34", "2 Jul 2025"),
                                                    ("zh", "2025年7月1日 10:34", "2025年7月2日")])
def test_the_roles_grids_example_says_a_day_and_time_as_the_preview_does(ws, lang, moment, day):
    """walk16 (Chinese, 1440 px): the role grid's example read ``2025-07-01 10:34:19`` right under
    the preview's ``2025年7月1日 10:34``."""
    import pandas as pd

    with ws.connect() as con:
        store.write_frame(con, "visits", pd.DataFrame({
            "member": ["M1"], "seen": pd.to_datetime(["2025-07-01 10:34:19"]),
            "joined": pd.to_datetime(["2025-07-02"]).date}))
    at = data_page(ws.folder, lang=lang)
    assert not at.exception, at.exception
    grid = roles_rows(at).set_index("column")
    assert (grid.loc["seen", "example"], grid.loc["joined", "example"]) == (moment, day), grid


def test_uploader_words_are_chinese_on_the_chinese_page(ws):
    """QA7 walk: Streamlit's own uploader text ("Upload", "1GB per file") stayed English on the
    Chinese page; CSS draws the page's words over it (English needs none)."""
    def styles(lang: str) -> list[str]:  # app.py draws them on every page (AppTest's switch_page skips it)
        return [m.value for m in new_app(ws.folder, lang).run().markdown if "<style>" in m.value]

    zh = styles("zh")
    assert zh and "选择文件" in zh[0] and "单个文件不超过 " in zh[0], zh
    assert "stFileUploaderDropzoneInstructions" in zh[0]
    assert not styles("en")


def test_data_page_opens_on_the_newest_export_and_names_a_runs_language(sample_ws):
    """QA walk: the English Data page opened on ``churn_scores_orders_2``, a run made on the
    Chinese page, whose preview showed Chinese churn reasons without a word about why."""
    from crm_core.customers import churn
    from crm_core.workspace import runs

    with sample_ws.connect() as con:
        run = churn.run(con, "orders", churn.ChurnConfig(), lang="zh")
        output = runs.save(con, run)
        newest_export = next(t.name for t in store.list_tables(con) if t.kind == "upload")
    at = data_page(sample_ws.folder)
    assert not at.exception
    assert at.selectbox(key="browse_table").value == newest_export
    assert not at.info
    at.selectbox(key="browse_table").select(output.result_table).run()
    assert any("made on the Chinese page" in i.value for i in at.info), [i.value for i in at.info]
    zh = new_app(sample_ws.folder, "zh")  # AppTest cannot pick in a Chinese page's boxes: seed it
    zh.session_state["browse_table"] = output.result_table
    zh.run().switch_page("pages/data.py").run()
    assert zh.selectbox(key="browse_table").value == output.result_table
    assert not zh.info  # made in Chinese, read in Chinese


DISCOUNTS = ("Customer ID,Order Date,Amount,Discount %\nC1,2024-01-05,$100.50,12.5%\n"
             "C2,2024-02-07,$80.00,5%\nC1,2024-03-09,$40.25,0%\nC3,2024-03-11,\"$1,300.00\",25.0%\n")
"""HubSpot's ``Discount %`` shape: percents the loader keeps as shares of one, dollar amounts."""


def _deals_page(ws, tmp_path, lang: str):
    """The Data page in ``lang`` browsing :data:`DISCOUNTS`, loaded as the uploader loads it (the
    Chinese page's uploader cannot be driven: AppTest keeps the engine radio's English label)."""
    from crm_core.load.reader import load_file

    path = tmp_path / "deals.csv"
    path.write_text(DISCOUNTS)
    with ws.connect() as con:
        load_file(con, path)
    at = data_page(ws.folder, lang)
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_percent_column_shows_as_percent_in_the_preview_and_the_roles_grid(ws, tmp_path, lang):
    """roles10 stores ``12.5%`` as the share 0.125; the preview and the example then read 0.125."""
    import json

    at = _deals_page(ws, tmp_path, lang)
    preview = next(g for g in at.dataframe if "Discount %" in g.value.columns)
    assert preview.value["Discount %"].iloc[0] == 0.125  # the number kept, drawn as a percent
    assert json.loads(preview.proto.columns)["Discount %"]["type_config"]["format"] == "percent"
    roles = roles_rows(at).set_index("column")
    assert roles.loc["Discount %", "example"] in ("12.5%", "5%", "0%", "25%")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_preview_workbook_reads_its_days_money_and_percents(ws, tmp_path, monkeypatch, lang):
    """dl12: the preview's workbook was the table as stored: ``Order Date`` as text with midnight,
    the dollars without their sign, the discount 0.125; the CSV stays the table's own."""
    from tests.ui.apptest import catch_downloads, opened_workbook

    files = catch_downloads(monkeypatch)
    _deals_page(ws, tmp_path, lang)
    _, cells = opened_workbook(files, "deals_preview.xlsx")
    assert list(cells) == ["Customer ID", "Order Date", "Amount", "Discount %"]  # as written (walk23)
    day = cells["Order Date"][0]
    assert day.value.date().isoformat() == "2024-01-05"
    assert day.number_format == ("d mmm yyyy" if lang == "en" else 'yyyy"年"m"月"d"日"')
    assert [c.value for c in cells["Amount"]][3] == 1300.0
    assert {c.number_format for c in cells["Amount"]} == {'"$"#,##0.00'}
    assert [c.value for c in cells["Discount %"]] == [0.125, 0.05, 0.0, 0.25]
    assert {c.number_format for c in cells["Discount %"]} == {"0.0%"}
    assert files["deals_preview.csv"]().decode("utf-8-sig").splitlines()[1] == "C1,2024-01-05,100.5,0.125"


def test_two_exports_of_one_name_uploaded_together_are_offered_two_table_names(ws):
    """walk11: ``erp_sales.xls`` and ``erp_sales.ods`` both proposed ``erp_sales``; the first
    loaded and the second was refused ("a table named erp_sales exists already")."""
    at = data_page(ws.folder)
    at.file_uploader[0].set_value([(f"erp_sales.{suffix}", (DATA / f"erp_sales.{suffix}").read_bytes(),
                                    "application/octet-stream") for suffix in ("xls", "ods")]).run()
    assert [at.text_input(key=f"name_erp_sales.{s}").value for s in ("xls", "ods")] == [
        "erp_sales", "erp_sales_ods"]
    at.button(key="load_uploads").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert {"erp_sales", "erp_sales_ods"} <= {table.name for table in ws.tables()}


@pytest.mark.parametrize("lang, stop", [("en", "."), ("zh", "。")])
def test_a_refusal_reads_as_a_closed_sentence(ws, lang, stop):
    """walk11: the password workbook's refusal ended "…再导入那份副本" with no full stop (the page
    says it through ``error_text``; a zh rerun of the Data page trips AppTest's engine radio)."""
    from app_ui.text import error_text, in_language
    from crm_core.errors import CrmError
    from crm_core.load.workbook import opened

    path = DATA / "password.xls"
    if lang == "en":
        at = data_page(ws.folder)
        at.file_uploader[0].set_value((path.name, path.read_bytes(), "application/octet-stream")).run()
        assert [e.value[-1] for e in at.error] == [stop], [e.value for e in at.error]
    with pytest.raises(CrmError) as refused, opened(path, path.name):
        pass
    with in_language(lang):
        said = error_text(refused.value)
    assert said.endswith(stop) and not said.endswith(stop * 2), said


def test_toasts_are_shown_whole_on_the_chinese_page(ws):
    """walk17 (zh_21_churn.png): a saved run's toast naming a long table was cut at three lines
    under Streamlit's English "view more"; the Chinese page shows the toast whole, no English link."""
    styles = [m.value for m in new_app(ws.folder, "zh").run().markdown if "<style>" in m.value]
    assert styles and '[data-testid="stToastViewButton"] {display: none}' in styles[0], styles
    assert "-webkit-line-clamp: unset" in styles[0]


def test_the_previews_money_is_as_wide_as_its_largest_amount(ws):
    """walk17 (zh_06_data_unified_paym.png): Stripe's amounts under a short "Amount" header read
    "2,110.00" and "6,350.00" for $12,110.00 and $36,350.00 at 1280 px: the grid sized the column
    by its header and cut the digits on the left."""
    import json

    from app_ui.widgets import CELL_PAD_PX, CHAR_PX

    at = upload(data_page(ws.folder), DATA / "bike_shop_payments.csv")
    assert not at.exception, at.exception
    preview = at.dataframe[0]
    largest = preview.value["Amount"].abs().max()
    columns = json.loads(preview.proto.columns)
    said = f"${largest:,.2f}"
    assert columns["Amount"]["width"] >= CELL_PAD_PX + CHAR_PX * len(said), (said, columns["Amount"])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_roles_grid_shows_the_longest_reason_whole(ws, lang):
    """walk22 (the walk21 leftover): rows three lines high cut "角色依据" after three lines; the
    WooCommerce excerpt's unit price said why its Order Total is no line's money in 81 characters
    (181 in English), five and eight lines at the evidence column's width (said on Order Total's own
    row since walk26). Every row is as tall as the longest reason wraps, at 14 px a Chinese character
    and 7 px a letter, 20 px a line."""
    import json
    import math

    at = upload(data_page(ws.folder), DATA / "woocommerce_orders_excerpt.csv")
    at.session_state["lang"] = lang  # AppTest cannot load on the Chinese page (its engine radio)
    at.run()
    assert not at.exception, at.exception
    grid = next(g for g in at.dataframe if "evidence" in g.value.columns)
    room = json.loads(grid.proto.columns)["evidence"]["width"] - 16  # the cell's padding
    longest = max(grid.value["evidence"].dropna(), key=len)
    drawn = sum(14 if ord(ch) > 0x2E80 else 7 for ch in longest)
    assert math.ceil(drawn / room) > 3, longest  # wraps past three lines in either language
    assert grid.proto.row_height >= 20 * math.ceil(drawn / room), (grid.proto.row_height, drawn, room)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_download_names_carry_no_character_a_file_system_refuses(ws, monkeypatch, lang):
    """walk24: a table named "Q3: 🎵 shop/orders?" offered "Q3: 🎵 shop/orders?_preview.csv" (Chromium
    made the "/" a "_" itself; ":" and "?" reached a disk that refuses them on Windows); the emoji,
    legal everywhere, stays."""
    from crm_core.load.reader import load_file
    from tests.ui.apptest import catch_downloads

    name = "Q3: 🎵 shop/orders?"
    with ws.connect() as con:
        load_file(con, DATA / "shopify_orders_excerpt.csv", table=name)
    files = catch_downloads(monkeypatch)
    at = new_app(ws.folder, lang).run().switch_page("pages/data.py")
    at.session_state["browse_table"] = name
    at.run()
    assert not at.exception
    offered = [n for n in files if n.endswith(("_preview.csv", "_preview.xlsx"))]
    assert len(offered) == 2, list(files)
    assert all(not set('\\/:*?"<>|') & set(n) for n in offered), offered
    assert all("🎵" in n and "shop" in n and "orders" in n for n in offered), offered
    assert files[next(n for n in offered if n.endswith(".csv"))]().startswith(b"\xef\xbb\xbf")


def test_the_roles_grids_missing_share_reads_at_one_precision(ws):
    """walk24 (``en_01_data_woo``): WooCommerce's roles grid read "0%" beside "3.72%" under Missing
    (the grid's percent trims zeros); every share now draws at one decimal."""
    import json
    import re

    from crm_core.load.reader import load_file

    with ws.connect() as con:
        load_file(con, DATA / "woocommerce_orders_excerpt.csv", table="woo")
        raw = con.execute('SELECT avg(("Paid Date" IS NULL)::INT) FROM woo').fetchone()[0]
    at = new_app(ws.folder).run().switch_page("pages/data.py")
    at.session_state["browse_table"] = "woo"
    at.run()
    grid = next(g for g in at.dataframe if "evidence" in g.value.columns)
    form = json.loads(grid.proto.columns)["missing"]["type_config"]["format"]
    assert re.fullmatch(r"%\.\df%%", form), form
    missing = roles_rows(at).set_index("column")["missing"]
    assert missing["Paid Date"] == pytest.approx(raw * 100) and missing["Order Number"] == 0


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_columns_without_a_role_are_listed_apart_in_short_rows(ws, lang):
    """walk24/walk25 (WooCommerce's 21 columns, 1280 px): every row of the roles grid was as tall as
    Item Cost's 181-letter reason (146 px), 12 of the 21 rows empty, five rows in view. The columns
    with no role and no reason are listed apart, in rows one line high, under a sentence saying so;
    the reasons' grid keeps the rows its reasons need, and no column is left out of both."""
    from crm_core.load.reader import load_file

    with ws.connect() as con:
        load_file(con, DATA / "woocommerce_orders_excerpt.csv", table="woo")
        columns = [r[0] for r in con.execute("SELECT column_name FROM (DESCRIBE woo)").fetchall()]
    at = new_app(ws.folder, lang).run().switch_page("pages/data.py")
    at.session_state["browse_table"] = "woo"
    at.run()
    assert not at.exception, at.exception
    reasons, bare = [g for g in at.dataframe if "evidence" in g.value.columns]
    assert (reasons.value["role"] != "").sum() >= len(reasons.value) - 1 and (bare.value["role"] == "").all()
    assert (bare.value["evidence"] == "").all() and "evidence" not in bare.proto.column_order
    assert sorted([*reasons.value["column"], *bare.value["column"]]) == sorted(columns)
    assert reasons.proto.row_height > 64 and bare.proto.row_height <= 35, bare.proto.row_height
    said = t("data.no_role_columns", lang, count=len(bare.value))
    assert said in [c.value for c in at.caption], [c.value for c in at.caption]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_order_totals_reason_is_said_on_its_own_row(ws, lang):
    """walk25/walk26: WooCommerce's Item Cost row said why Order Total is no line's money (181
    letters), so every row of the reasons grid was 146 px tall, and Order Total's own row said
    nothing. The sentence is on Order Total's row; Item Cost keeps its own reason, and the rows
    are as tall as the longest remaining reason."""
    from crm_core.load.reader import load_file

    with ws.connect() as con:
        load_file(con, DATA / "woocommerce_orders_excerpt.csv", table="woo")
    at = new_app(ws.folder, lang).run().switch_page("pages/data.py")
    at.session_state["browse_table"] = "woo"
    at.run()
    assert not at.exception, at.exception
    reasons = next(g for g in at.dataframe if "evidence" in g.value.columns)
    why = reasons.value.set_index("column")["evidence"]
    total = t("roles.evidence.order_total_here", lang, orders="88", price="Item Cost")
    assert why["Order Total"] == total and "Order Total" not in why["Item Cost"], why.to_dict()
    assert reasons.proto.row_height < {"en": 146, "zh": 106}[lang], reasons.proto.row_height


def test_one_column_without_a_role_is_said_in_the_singular(sample_ws):
    """walk26: the sample orders' one column with no role (channel) read "1 columns have no role"."""
    at = new_app(sample_ws.folder).run().switch_page("pages/data.py")
    at.session_state["browse_table"] = "orders"
    at.run()
    assert not at.exception, at.exception
    captions = [c.value for c in at.caption]
    assert "1 column has no role; a picker below gives it one." in captions, captions


def test_an_upload_the_pii_scan_cannot_read_is_said_and_never_loads_plain(ws):
    """left81: the scan's refusal read as "no personal data": no word, no masking box, and a file whose
    head the scan could not read loaded in the clear. Now the page says so and keeps masking on."""
    path = DATA / "hubspot_contacts_unclosed_quote.csv"
    at = data_page(ws.folder)
    at.file_uploader[0].set_value((path.name, path.read_bytes(), "text/csv")).run()
    assert not at.exception, at.exception
    said = [w.value for w in at.warning if w.value.startswith(f"{path.name} could not be checked")]
    assert said, [w.value for w in at.warning]
    assert at.checkbox(key=f"mask_{path.name}").value is True
    at.button(key="load_uploads").click().run()
    with ws.connect() as con:
        table = "hubspot_contacts_unclosed_quote"
        kept = store.table_exists(con, table)
        stored = con.execute(f'SELECT "Email" FROM "{table}"').fetchall() if kept else []
    assert not [e for (e,) in stored if "@" in str(e)]
