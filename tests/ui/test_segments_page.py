"""The Segments page: says what is missing on an empty workspace, segments the sample data."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from crm_core.i18n import t
from crm_core.workspace import store
from tests.cli.test_segment import order_export_with_a_till
from tests.segment.test_behaviour import browse_log
from tests.ui.apptest import kept_grid, kept_page, kept_settings, page_opener

_page = page_opener("pages/segments.py")

def _name_box(at: AppTest, cluster: int):
    return next(box for box in at.text_input if box.label == f"Name of cluster {cluster}")


def test_sample_run_override_k_and_rename(sample_ws):
    at = _page(sample_ws.folder)
    assert not at.exception
    # walk10: a customer table was offered Recency/Frequency/Monetary, which it ignores
    assert "purchase log" in at.multiselect(key="seg_features").help
    at.selectbox(key="seg_k").set_value(4)
    at.button[0].click().run()  # the form's "Run segmentation"
    assert not at.exception, at.exception
    assert [m.value for m in at.metric][1] == "4"
    assert "Past runs (1)" in [e.label for e in at.expander]  # counted after the run it saved
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert len(charts) >= 8
    names = [_name_box(at, c).value for c in range(4)]
    assert len(set(names)) == 4 and all(names)
    # QA3 walk: seventeen measures side by side ran past the profile grid's right edge at 1920 px
    profile = next(g.value for g in at.dataframe if g.value.columns[0] == "Measure")
    assert sorted(profile.columns[1:]) == sorted(names) and "Share of revenue" in profile["Measure"].tolist()
    _name_box(at, 0).set_value("Top <VIP>")
    next(b for b in at.button if b.label == "Save names").click().run()
    assert not at.exception
    assert _name_box(at, 0).value == "Top <VIP>"
    assert any("Names saved" in s.value for s in at.success)
    with sample_ws.connect() as con:
        rows = con.execute("SELECT segment, count(*) FROM segments GROUP BY 1").fetchall()
    assert ("Top <VIP>" in {r[0] for r in rows}) and sum(r[1] for r in rows) == 3000


def _three_segments(sample_ws, lang: str) -> AppTest:
    """The page after segmenting the sample orders into three, then switched to ``lang``."""
    at = _page(sample_ws.folder)
    at.selectbox(key="seg_k").set_value(3)
    at.button[0].click().run()
    at.session_state["lang"] = lang  # the form's radio keeps its English value across a switch
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_segments_action_is_a_line_of_its_own_above_the_summary(sample_ws, lang):
    """judge8 walk: the suggested action was the summary grid's last column, past its right edge
    at 1280 px in both languages; each segment's action now reads as a line above the grid."""
    from crm_core.i18n import catalogue

    at = _three_segments(sample_ws, lang)
    summary = next(g.value for g in at.dataframe if g.value.columns[0] == t("segment.col.segment", lang))
    assert t("segment.col.action", lang) not in summary.columns and len(summary) == 3
    actions = {t(k, lang) for k in catalogue() if k.startswith("segment.action.")}
    colon = {"en": ": ", "zh": "："}[lang]
    lines = [m.value for m in at.markdown if m.value.startswith("- **")]
    assert len(lines) == 1, lines
    said = dict(line.removeprefix("- **").split("**" + colon, 1) for line in lines[0].split("\n"))
    assert list(said) == summary.iloc[:, 0].tolist() and set(said.values()) <= actions, said
    profile = next(g.value for g in at.dataframe if list(g.value.columns[1:]) == list(said))
    returns = profile[profile.iloc[:, 0].str.startswith(t("segment.feature.return_share", lang))]
    assert len(returns) == 2 and returns.iloc[:, 1:].stack().str.fullmatch(r"\d+(\.\d)?%").all(), returns


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_summary_grid_keeps_its_numbers_as_numbers_under_formats(sample_ws, lang):
    """walk15: the summary's customers, shares and money were text ("313,481", "20%"), left-aligned
    and sorted as words beside the profile grid's numbers."""
    at = _three_segments(sample_ws, lang)
    grid = next(g for g in at.dataframe if g.value.columns[0] == t("segment.col.segment", lang))
    numbers = grid.value.iloc[:, 1:]
    assert all(pd.api.types.is_numeric_dtype(numbers[c]) for c in numbers), numbers.dtypes
    formats = {c: v.get("type_config", {}).get("format") for c, v in json.loads(grid.proto.columns).items()}
    assert formats[t("segment.col.customer_share", lang)] == "%g%%", formats  # 75%, not 75.31%
    assert all(v == round(v) for v in numbers[t("segment.col.customer_share", lang)]), numbers  # rounded
    # each share rounded on its own: three of 3000 read 28 + 40 + 33 once det27's order chose other sizes;
    # the largest remainders take the rounding now (left30)
    for share in ("customer_share", "revenue_share"):
        assert round(numbers[t(f"segment.col.{share}", lang)].sum(), 6) == 100, numbers
    assert grid.value[t("segment.col.customers", lang)].sum() == 3000


def rees46_events(users: int = 60, seed: int = 4) -> pd.DataFrame:
    """A REES46-shaped shop event log (event_time, event_type view/cart/purchase, product_id,
    price, user_id): each user views a dozen products, carts some and buys a few over October."""
    rng = np.random.default_rng(seed)
    rows = []
    for user in range(users):
        for _ in range(int(rng.integers(8, 16))):
            kind = rng.choice(["view", "view", "view", "cart", "purchase"])
            day, hour = int(rng.integers(1, 31)), int(rng.integers(8, 22))
            rows.append({"event_time": f"2019-10-{day:02d} {hour:02d}:00:00 UTC", "event_type": kind,
                         "product_id": int(rng.integers(1000, 1040)),
                         "price": round(float(rng.uniform(5, 300)), 2), "user_id": 512000000 + user})
    return pd.DataFrame(rows)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_event_logs_other_events_are_said_once_and_counted_out(ws, tmp_path, lang):
    """walk15 (REES46 events): the purchases-only box showed twice (the charts' cache replayed it
    above the tabs) and the coverage read "3,639 of 120,001 rows used; none left out" under
    "Rows left out 116,362". Under that box the kind sentence read "Table read as a purchase log:
    … a purchase log"; it now says the purchase events of an event log are read, as the box does."""
    from crm_core.load.reader import load_file

    frame = rees46_events()
    frame.to_csv(tmp_path / "events_oct.csv", index=False)
    with ws.connect() as con:
        load_file(con, tmp_path / "events_oct.csv")
    at = _page(ws.folder)
    at.selectbox(key="seg_table").set_value("events_oct")
    at.button[0].click().run()
    at.session_state["lang"] = lang  # the form's choices keep their English values across a switch
    at.run()
    assert not at.exception, at.exception
    event_log = {"en": "is an event log", "zh": "是行为日志"}[lang]
    assert len([i for i in at.info if event_log in i.value]) == 1, [i.value for i in at.info]
    others = int(frame["event_type"].ne("purchase").sum())
    said = t("coverage.not_purchases", lang, n=f"{others:,}")
    assert any(said in c.value for c in at.caption), [c.value for c in at.caption]
    kind_said = [c.value for c in at.caption if c.value.startswith(_read_as("purchase_events", lang))]
    evidence = t("kind.evidence.purchase_events", lang, column="event_type")
    assert len(kind_said) == 1 and evidence in kind_said[0], kind_said
    assert not any(c.value.startswith(_read_as("transactions", lang)) for c in at.caption)


def _read_as(kind: str, lang: str) -> str:
    """The kind sentence's opening ("Table read as a purchase log:") for a kind."""
    return t("segment.report.kind", lang, kind=t(f"segment.kind.{kind}", lang), evidence="\0").split("\0")[0]


def _in_order(block):
    """Every element under ``block`` in the order the page draws them."""
    for child in getattr(block, "children", {}).values():
        yield child
        yield from _in_order(child)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_profiles_reading_sits_over_the_charts_it_explains(sample_ws, lang):
    """walk9: "Each row or line is a segment; above zero …" sat above the profile grid, whose
    columns are the segments and whose numbers are days and money, not standardised."""
    at = _page(sample_ws.folder)
    at.button[0].click().run()
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    drawn = list(_in_order(at.main))
    said = t("segment.plain.profiles", lang)
    caption = next(i for i, e in enumerate(drawn) if e.type == "caption" and e.value == said)
    grid = max((i for i, e in enumerate(drawn) if e.type == "dataframe"  # the profile: a row per measure
                and e.value.columns[0] == t("segment.col.measure", lang)), key=lambda i: len(drawn[i].value))
    heatmap = next(i for i, e in enumerate(drawn) if e.type == "plotly_chart" and i > grid)
    assert grid < caption < heatmap, (grid, caption, heatmap)


def test_customer_table_and_event_log_have_no_rfm_tab(sample_ws):
    with sample_ws.connect() as con:
        store.write_frame(con, "browse", browse_log(20)[0])
    at = _page(sample_ws.folder)
    at.selectbox(key="seg_table").set_value("customers")
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert [tab.label for tab in at.tabs] == ["KMeans", "Compare snapshots", "Downloads"]
    assert any("read as a customer table" in c.value for c in at.caption)
    assert any("A customer table has no dates" in i.value for i in at.info)
    at.selectbox(key="seg_table").set_value("browse")
    at.button[0].click().run()
    assert not at.exception and not at.error
    assert len(at.get("plotly_chart")) >= 5
    assert any("Sankey" in c.proto.spec or "sankey" in c.proto.spec for c in at.get("plotly_chart"))



@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_form_says_what_the_picked_table_is_and_offers_only_what_applies(sample_ws, lang):
    """walk20 on the 企业微信 contacts: the form said "交易数据表" and offered the RFM chips for a
    customer table, which is segmented on its own columns. The form names the table's kind; the
    features for purchases are offered on a purchase log only."""
    at = _page(sample_ws.folder)
    assert at.multiselect(key="seg_features")  # the sample orders: a purchase log
    at.selectbox(key="seg_table").set_value("customers").run()
    at.session_state["lang"] = lang  # AppTest cannot set a Chinese page's formatted choices
    at.run()
    assert not at.exception, at.exception
    assert at.selectbox(key="seg_table").label == t("segment.page.table", lang)
    assert t("segment.page.table", lang) not in ("Transaction table", "交易数据表")
    assert not [m for m in at.multiselect if m.key == "seg_features"]
    kind = t("segment.kind.customers", lang)
    assert any(kind in c.value and "customers" in c.value for c in at.caption), [c.value for c in at.caption]
    assert "交易" not in t("segment.page.start", "zh") and "transaction" not in t("segment.page.start", "en")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_forms_caption_follows_a_kind_the_analyst_chose(sample_ws, lang):
    """seg21 left alone: the kind set under "More settings" changed the run, not the caption above
    the form, which still said the detected kind (a purchase log read as a customer table)."""
    at = _page(sample_ws.folder)
    at.selectbox(key="seg_kind").set_value("customers")
    at.button[0].click().run()
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    captions = [c.value for c in at.caption]
    assert t("segment.page.table_read_as.customers", lang, table="orders") in captions, captions
    assert t("segment.page.table_is.transactions", lang, table="orders") not in captions
    assert not [m for m in at.multiselect if m.key == "seg_features"]  # no RFM chips for its columns


def test_coverage_says_what_frequency_counts_in_words(sample_ws):
    # the run names it by a code ("orders"); the caption says it in the page's language (AppTest
    # cannot click a button on a Chinese page, so the words are checked in English here)
    at = _page(sample_ws.folder)
    at.button[0].click().run()
    assert not at.exception, at.exception
    coverage = next(c.value for c in at.caption if "frequency counts" in c.value)
    assert coverage.endswith("frequency counts distinct orders.")


def test_sidebar_currency_follows_the_table_shown(sample_ws):
    """QA5: after a € table, a $ table showed $ amounts under a sidebar still reading EUR."""
    from crm_core.report import format as fmt

    with sample_ws.connect() as con:
        con.execute("CREATE TABLE orders_us AS SELECT * FROM orders")
        fmt.remember_table_currency(con, "orders", "EUR")
        fmt.remember_table_currency(con, "orders_us", "USD")
    at = _page(sample_ws.folder)
    at.selectbox(key="seg_table").set_value("orders")
    at.button[0].click().run()
    assert at.selectbox(key="seg_currency").value == "EUR"
    at.selectbox(key="seg_table").set_value("orders_us")
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert next(m for m in at.metric if m.label == "Revenue").value.startswith("$")
    assert at.selectbox(key="seg_currency").value == "USD"


def shopify_export(folder, customers: int = 40, orders: int = 320, refunded_every: int = 8):
    """A Shopify orders export (Name, Email, Financial Status, Created at, Total) where every
    ``refunded_every``-th order is refunded; returns (path, refunded orders)."""
    lines = ["Name,Email,Financial Status,Created at,Total"]
    for i in range(orders):
        status = "refunded" if i % refunded_every == 0 else "paid"
        lines.append(f"#{1001 + i},c{i * 7 % customers}@example.com,{status},"
                     f"2025-{1 + i * 5 % 12:02d}-{1 + i * 3 % 28:02d} 10:00:00 +0800,{20 + i * 37 % 500}.50")
    path = folder / "shopify_orders.csv"
    path.write_text("\n".join(lines) + "\n")
    return path, len(range(0, orders, refunded_every))


def test_coverage_names_the_refunded_orders_it_leaves_out(ws, tmp_path):
    # the sentence listed "0 without customer id, 0 without a date, 0 without an amount" and
    # not the refunded orders, so "360 of 400 rows used" did not add up
    from crm_core.load.reader import load_file

    path, refunded = shopify_export(tmp_path)
    with ws.connect() as con:
        load_file(con, path)
    at = _page(ws.folder)
    at.button[0].click().run()
    assert not at.exception, at.exception
    coverage = next(c.value for c in at.caption if "rows used" in c.value)
    assert coverage.startswith(f"{320 - refunded} of 320 rows used; left out: {refunded} rows that are no "
                               "sale: orders marked 'refunded' in 'Financial Status'. Recency counts to"), \
        coverage  # one rule (walk32), in the export's own state (left66)
    assert "without" not in coverage  # reasons with no rows are not listed
    assert re.search(r"Recency counts to \d{1,2} [A-Z][a-z]{2} \d{4};", coverage), coverage  # not 2024-01-01


@pytest.mark.parametrize("lang, note, rows", [
    ("en", "Account '18579811711' (1,080 orders on 120 days", "1,080 of the shop's shared walk-in account"),
    ("zh", "账户“18579811711”（120 天内 1,080 笔订单", "1,080 行属于门店共用的散客账户")])
def test_the_shops_till_account_is_named_and_its_rows_counted_out(ws, tmp_path, lang, note, rows):
    """The Segments page says which account it left out as the shop's shared till (spend and churn
    already did), and the rows-used sentence still adds up to the export."""
    from crm_core.load.reader import load_file

    path = tmp_path / "订单导出.csv"
    order_export_with_a_till(path)
    with ws.connect() as con:
        load_file(con, path)
    at = _page(ws.folder)
    at.button[0].click().run()
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    captions = [c.value for c in at.caption]
    assert any(c.startswith(note) for c in captions), captions
    assert any(rows in c for c in captions), captions


@pytest.mark.parametrize("lang, words", [("en", "monetary from quantity × unit price;"),
                                         ("zh", "金额来自数量 × 单价；")])
def test_coverage_says_where_monetary_comes_from_in_words(ws, lang, words):
    # an order-line log without an amount column read "monetary from quantity × unit_price" on
    # the Chinese page too (the run's code for the rule)
    import pandas as pd

    lines = pd.DataFrame({"InvoiceNo": [f"I{i // 2}" for i in range(300)],
                          "CustomerID": [f"C{i * 7 % 40}" for i in range(300)],
                          "InvoiceDate": pd.date_range("2025-01-01", periods=300, freq="29h"),
                          "StockCode": [f"S{i % 9}" for i in range(300)],
                          "Quantity": [1 + i % 4 for i in range(300)],
                          "UnitPrice": [2.5 + i % 7 for i in range(300)]})
    with ws.connect() as con:
        store.write_frame(con, "order_lines", lines)
    at = _page(ws.folder)  # AppTest cannot submit the Chinese form: run, then switch language
    at.button[0].click().run()
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    assert any(words in c.value for c in at.caption), [c.value for c in at.caption]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_kept_segmentation_reads_as_the_pages_own_members_grid(sample_ws, lang):
    """pol3: Past runs showed a kept membership table as stored (avg_order_value 51.986667), and
    the page's own membership grid was headed customer_id, recency_days on the Chinese page."""
    from crm_core.segment import run as segment_run

    kept, grid = kept_grid(_page, sample_ws.folder, lang, lambda con: segment_run.run(
        con, "orders", segment_run.SegmentConfig()), "avg_order_value")
    config = json.loads(grid.proto.columns)
    assert config["recency_days"]["label"] == t("segment.feature.recency_days", lang)
    assert config["segment"]["label"] == t("segment.col.segment", lang)
    assert grid.value["avg_order_value"].tolist() == kept["avg_order_value"].round(2).tolist()
    assert (kept["avg_order_value"].round(2) != kept["avg_order_value"]).any()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_kept_segmentations_settings_read_as_the_forms_own_choices(sample_ws, lang):
    """pol4: Past runs' settings grid read the stored codes auto, recency_days, log and auto where
    the form's own widgets say Recommended, Recency (days), Log and Detect from the data."""
    from crm_core.i18n import listed
    from crm_core.segment import run as segment_run

    config = segment_run.SegmentConfig
    _, at = kept_page(_page, sample_ws.folder, lang, lambda con: segment_run.run(con, "orders", config()))
    said = dict(zip([f.name for f in config.fields()], kept_settings(at, lang), strict=True))
    assert said["k"] == t("segment.page.k.auto", lang)
    assert said["features"] == listed([t(f"segment.feature.{f}", lang) for f in config().features], lang)
    assert said["transform"] == t("segment.page.transform.log", lang)
    assert said["kind"] == t("segment.page.kind.auto", lang)
    assert said["random_state"] == "0"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_profile_and_report_workbooks_keep_numbers_under_words_and_formats(sample_ws, monkeypatch, lang):
    """dl12: the profile grid shows text (51%, ¥160.73), so its workbook kept bare numbers
    (0.51, 160.7266) and the report workbook's member sheet the file's names (``recency_days``):
    now both are headed in the page's language, shares under 0.0%, money under the yuan's sign."""
    from crm_core.report import format as fmt
    from tests.ui.apptest import catch_downloads, opened_workbook

    with sample_ws.connect() as con:
        fmt.set_currency(con, "CNY")
    files = catch_downloads(monkeypatch)
    _three_segments(sample_ws, lang)
    _, profile = opened_workbook(files, "segment_profiles.xlsx")
    share = profile[t("segment.col.customer_share", lang)]
    assert {c.number_format for c in share} == {"0.0%"} and abs(sum(c.value for c in share) - 1) < 1e-9
    revenue = profile[t("segment.col.revenue", lang) + {"en": " (¥)", "zh": "（¥）"}[lang]]
    assert {c.number_format for c in revenue} == {'"¥"#,##0.00'}
    assert all(isinstance(c.value, float) for c in revenue)
    assert len(next(iter(profile.values()))) == 3  # one row per segment
    assert not [h for h in profile if "_" in h]
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(files["segment_report.xlsx"]()))
    members = book[t("segment.sheet.members", lang)]
    heads = [c.value for c in members[1]]
    assert not [h for h in heads if re.fullmatch(r"[a-z_]+", h)], heads
    monetary = members.cell(2, heads.index(t("segment.feature.monetary", lang)) + 1)
    assert monetary.number_format == '"¥"#,##0.00' and isinstance(monetary.value, float)
    summary = book[t("segment.sheet.summary", lang)]
    heads = [c.value for c in summary[1]]
    assert summary.cell(2, heads.index(t("segment.col.customer_share", lang)) + 1).number_format == "0.0%"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_movement_grid_and_its_workbook_are_headed_in_the_pages_words(sample_ws, monkeypatch, lang):
    """walk11: the Chinese snapshot comparison and segment_movement.xlsx read ``from · to ·
    customers``. walk23: the CSV still did, beside segment_profiles.csv headed in Chinese; no CLI
    file has its columns, so it is headed in the page's words too (left30), its values unchanged."""
    import io
    import json

    from tests.ui.apptest import catch_downloads, opened_workbook

    files = catch_downloads(monkeypatch)
    at = _three_segments(sample_ws, lang)
    grid = next(g for g in at.dataframe if list(g.value.columns) == ["from", "to", "customers"])
    heads = [t(f"segment.col.{c}", lang) for c in ("moved_from", "moved_to", "customers")]
    assert [json.loads(grid.proto.columns)[c]["label"] for c in ("from", "to", "customers")] == heads
    _, sheet = opened_workbook(files, "segment_movement.xlsx")
    assert list(sheet) == heads and sum(c.value for c in sheet[heads[2]]) > 0
    written = pd.read_csv(io.BytesIO(files["segment_movement.csv"]()), encoding="utf-8-sig")
    assert list(written.columns) == heads
    assert written.astype(str).values.tolist() == grid.value.astype(str).values.tolist()


def _metric_blocks(node) -> list:
    """The blocks that hold the page's metrics directly."""
    found = []
    for child in getattr(node, "children", {}).values():
        if any(getattr(c, "type", "") == "metric" for c in getattr(child, "children", {}).values()):
            found.append(child)
        found += _metric_blocks(child)
    return found


def test_the_headline_numbers_wrap_rather_than_cut(sample_ws):
    """walk12: at 1024 px five weighted columns read "Segments use…", "Silho…" and "¥5,404,…"; the
    numbers now sit in one row that wraps, each as wide as its label and value."""
    at = _three_segments(sample_ws, "en")
    row = _metric_blocks(at._tree)[0]
    labels = [c.proto.label for c in row.children.values() if c.type == "metric"]
    assert labels[:3] == ["Customers", "Segments used (k)", "Silhouette"], labels
    shape = row.proto.flex_container
    assert shape.direction == shape.HORIZONTAL and shape.wrap, row.proto


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_charts_side_by_side_wrap_their_titles_and_snapshots_say_their_days(sample_ws, lang):
    """walk12: at 1024 px the two charts side by side cut their titles ("Segment profiles
    (standardised means", "How each segment differs from the ave…"), and the snapshots compared
    read ISO days, "(2023-10-02)", on the Chinese page too. A half-width title stands on lines it
    fits, all its words kept (the RFM grid and groups); since walk18 the profile heatmap and its
    lines are drawn across the column, titles and axis whole; a snapshot reads its day as the
    page says days."""
    from crm_core.report.format import char_width, day

    at = _three_segments(sample_ws, lang)
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    titles = {c["layout"].get("title", {}).get("text", ""): c for c in specs}
    for key in ("heatmap", "snake"):
        assert t(f"segment.chart.{key}", lang) in titles, list(titles)
    snake = titles[t("segment.chart.snake", lang)]
    assert snake["layout"]["xaxis"]["title"]["text"] == t("segment.chart.vs_average", lang)
    halves = [text for text in titles if text.replace("<br>", " " if lang == "en" else "")
              == t("segment.chart.rfm_grid", lang)]
    assert halves and all(sum(map(char_width, line)) <= 30 for line in halves[0].split("<br>")), halves
    sankey = next(c for c in specs if c["data"][0]["type"] == "sankey")
    labels = sankey["data"][0]["node"]["label"]
    end = at.date_input(key="seg_before").value
    assert any(day(end, lang) in label for label in labels), labels
    assert not [label for label in labels if re.search(r"\d{4}-\d{2}-\d{2}", label)], labels


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_profiles_measure_column_is_as_wide_as_its_longest_measure(sample_ws, lang):
    """walk16 at 1024 px: the measures column of the profile was a header's width, so
    "MntMeatProducts (median)" read "MntMeatProducts (me"; it is sized to its longest name."""
    from app_ui.widgets import CELL_PAD_PX, CHAR_PX, _width

    at = _page(sample_ws.folder)
    at.button[0].click().run()
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    measure = t("segment.col.measure", lang)
    grid = next(g for g in at.dataframe if g.value.columns[0] == measure)
    config = json.loads(grid.proto.columns)[measure]
    longest = max(_width(str(v)) for v in [measure, *grid.value[measure]])
    assert config["width"] >= CELL_PAD_PX + CHAR_PX * longest


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_segments_revenue_reads_to_the_cent_in_the_profile_as_in_the_summary_grid(sample_ws, lang):
    """walk26: the summary grid read a segment's revenue 2,138,084.89 above the profile's 2,138,085;
    money on the page is said one way: to the cent, as the grids draw it."""
    at = _three_segments(sample_ws, lang)
    grid = next(g for g in at.dataframe if g.value.columns[0] == t("segment.col.segment", lang))
    head = next(c for c in grid.value.columns if c.startswith(t("segment.col.revenue", lang)))
    revenue = dict(zip(grid.value.iloc[:, 0].astype(str), grid.value[head], strict=True))
    profile = next(g.value for g in at.dataframe if list(g.value.columns[1:]) == list(revenue))
    row = profile[profile.iloc[:, 0].str.startswith(t("segment.col.revenue", lang))].iloc[0]
    assert max(revenue.values()) >= 1000, revenue  # where the text dropped the cents
    said = {segment: re.sub(r"[^\d.,-]", "", row[segment]) for segment in revenue}
    assert said == {segment: f"{amount:,.2f}" for segment, amount in revenue.items()}, (said, revenue)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_rows_without_a_customer_id_say_which_rows_each_count_is_of(ws, lang):
    """walk31 (二维火): "有编号的 1,668 行中共 148 个不同编号（另有 640 行无编号）" then "620 行无客户编号"
    two lines down: the table's unnamed rows, then those of them not already left out as no sale."""
    from crm_core.load.reader import load_file
    from crm_core.workspace.coverage import coverage
    from crm_core.workspace.roles import get_roles
    from crm_core.workspace.transactions import transaction_view
    from tests.conftest import DATA

    with ws.connect() as con:
        load_file(con, DATA / "erweihuo_bill_lines_excerpt_zh.csv", table="ewh")
        counts = coverage(con, transaction_view(con, "ewh", get_roles(con, "ewh", {})))
        unnamed = con.execute("SELECT count(*) FROM ewh WHERE 会员卡号 IS NULL").fetchone()[0]
    assert unnamed > counts["no_customer_id"] > 0 and counts["cancelled"]  # two counts of unnamed rows
    at = _page(ws.folder)
    at.button[0].click().run()
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    texts = " ".join(str(x.value) for x in (*at.caption, *at.markdown, *at.info))
    assert t("coverage.no_customer_id_other", lang, n=f"{counts['no_customer_id']:,}") in texts


def test_the_sidebar_names_a_currency_the_export_carried_beyond_the_usual_ones(sample_ws):
    """walk31 (Lazada): Segments read "RM11,321" under a sidebar saying "none (plain numbers)": the
    ringgit its amounts carried was no option of the sidebar, which fell back to the first one."""
    from crm_core.report import format as fmt

    with sample_ws.connect() as con:
        fmt.remember_table_currency(con, "orders", "MYR")
    at = _page(sample_ws.folder)
    at.selectbox(key="seg_table").set_value("orders")
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert next(m for m in at.metric if m.label == "Revenue").value.startswith("RM")
    assert at.selectbox(key="seg_currency").value == "MYR"
    at.selectbox(key="seg_currency").set_value("USD").run()
    at.selectbox(key="seg_currency").set_value("MYR").run()  # chosen back: kept, not refused
    assert not at.exception, at.exception
    assert next(m for m in at.metric if m.label == "Revenue").value.startswith("RM")


VISIT_WORDS = tuple(f"segment.behaviour.{family}.{level}" for family in ("visits", "depth", "breadth", "age")
                    for level in ("high", "low"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_review_log_is_segmented_in_reviews_not_visits(ws, lang):
    """walk33 (judge47's 大众点评 评价): the page said "是行为日志：按每位访客的行为（访问、事件、活跃天数）
    分群" and named the reviewers "高频访问，近期活跃", "单次浏览深，高频访问，老用户": a review is no
    visit and 30 minutes between two reviews no browsing session. The reviewers are said by the reviews
    they wrote."""
    from crm_core.load.reader import load_file
    from tests.conftest import DATA

    with ws.connect() as con:
        load_file(con, DATA / "dianping_reviews_excerpt_zh.xlsx", table="dp")
    at = _page(ws.folder)
    at.selectbox(key="seg_table").set_value("dp").run()
    at.button[0].click().run()
    at.session_state["lang"] = lang  # the form's choices keep their English values across a switch
    at.run()
    assert not at.exception, at.exception
    assert t("segment.page.table_is.reviews", lang, table="dp") in [c.value for c in at.caption]
    box = t("segment.page.rename_label", lang, cluster="\0").split("\0")[0]
    names = [b.value for b in at.text_input if b.label.startswith(box)]
    assert names
    visits = [t(key, lang) for key in VISIT_WORDS]
    assert not [n for n in names if any(v in n for v in visits)], names
    reviews = [t(key.replace("behaviour.", "behaviour.reviews."), lang) for key in VISIT_WORDS]
    assert any(r in n for n in names for r in reviews), names
