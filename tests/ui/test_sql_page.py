"""SQL page, sign-in gate and the upload PII checkbox, headless (AppTest)."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from crm_core.protect import auth, privacy
from crm_core.workspace import store
from crm_core.workspace.store import Workspace
from tests.conftest import ROOT
from tests.ui.apptest import new_app

_app = new_app

def _sql_page(folder, lang: str = "en") -> AppTest:
    at = _app(folder, lang).run()
    return at.switch_page("pages/sql.py").run()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_empty_workspace_points_to_data(ws, lang):
    at = _sql_page(ws.folder, lang)
    assert not at.exception
    assert at.info and not at.text_area


def _run(at: AppTest, sql: str) -> AppTest:
    at.text_area(key="sql_text").set_value(sql)
    return at.button(key="sql_run").click().run()


def test_query_result_history_and_audit(sample_ws):
    at = _sql_page(sample_ws.folder)
    assert not at.exception
    at = _run(at, "SELECT category, count(*) AS n FROM products GROUP BY 1 ORDER BY n DESC, 1")
    assert not at.exception and not at.error
    with sample_ws.connect() as con:
        expected = con.execute("SELECT category, count(*) FROM products GROUP BY 1 "
                               "ORDER BY 2 DESC, 1").fetchall()
    result = at.dataframe[1].value  # [0] is the schema browser
    assert list(result.itertuples(index=False, name=None)) == expected
    assert any(f"{len(expected)} rows" in c.value for c in at.caption)
    history = at.dataframe[2].value
    assert history["detail"].iloc[0].startswith("SELECT category")
    assert history["outcome"].iloc[0] == "Done"


def test_refusal_is_one_message_and_audited(sample_ws):
    at = _run(_sql_page(sample_ws.folder), "COPY orders TO '/tmp/stolen.csv'")
    assert not at.exception
    assert len(at.error) == 1 and "read-only" in at.error[0].value
    with Workspace(sample_ws.folder).connect() as con:
        assert con.execute("SELECT outcome FROM _crm.audit WHERE action = 'sql'").fetchall() == [
            ("refused",)]


def test_example_fills_editor_and_display_masks_pii(sample_ws):
    at = _sql_page(sample_ws.folder)
    at.selectbox(key="sql_example").set_value("preview").run()
    at.button(key="use_example").click().run()
    assert at.text_area(key="sql_text").value.startswith("SELECT * FROM")
    at = _run(at, "SELECT name, email, city FROM customers ORDER BY customer_id LIMIT 3")
    shown = at.dataframe[1].value
    assert shown["email"].str.contains(r"^\w\*\*\*@", regex=True).all()
    assert shown["city"].iloc[0] == "Beijing"
    at.checkbox(key="sql_mask").uncheck().run()
    assert at.dataframe[1].value["email"].iloc[0] == "hsmith@gmail.com"


def test_chart_and_saved_query(sample_ws):
    at = _run(_sql_page(sample_ws.folder), "SELECT channel, count(*) AS n FROM orders GROUP BY 1")
    at.selectbox(key="sql_chart_kind").set_value("bar").run()
    assert not at.exception and at.get("plotly_chart")
    at.text_input(key="sql_save_name").set_value("by channel")
    at.button(key="sql_save").click().run()
    assert at.success
    at = at.run()
    at.selectbox(key="sql_saved").set_value("by channel").run()
    at.button(key="use_saved").click().run()
    assert at.text_area(key="sql_text").value.startswith("SELECT channel")


def test_upload_flags_pii_and_masks_by_default(ws):
    at = _app(ws.folder).run().switch_page("pages/data.py").run()
    data = (ROOT / "sample_data" / "customers.csv").read_bytes()
    at.file_uploader(key="uploader_0").set_value(("customers.csv", data, "text/csv")).run()
    assert not at.exception
    assert any("personal data" in w.value for w in at.warning)
    assert at.checkbox(key="mask_customers.csv").value is True
    at.button(key="load_uploads").click().run()
    assert not at.exception
    with ws.connect() as con:
        assert privacy.masked_columns(con, "customers") == {"name": "name", "email": "email",
                                                            "phone": "phone"}
        assert "@" not in con.execute("SELECT email FROM customers LIMIT 1").fetchone()[0]


@pytest.fixture
def auth_file(tmp_path, monkeypatch):
    path = tmp_path / "auth.toml"
    path.write_text(f'[crm_auth.users]\nann = "{auth.hash_password("ann-secret-1")}"\n'
                    f'bob = "{auth.hash_password("bob-secret-2")}"\n', encoding="utf-8")
    monkeypatch.setenv(auth.AUTH_FILE_ENV, str(path))
    return path


def _sign_in(at: AppTest, user: str, password: str) -> AppTest:
    at.text_input(key="sign_in_user").set_value(user)
    at.text_input(key="sign_in_password").set_value(password)
    return at.button[0].click().run()


def test_sign_in_gate_shows_no_data_until_signed_in(sample_ws, auth_file):
    at = _app(sample_ws.folder).run()
    assert not at.exception
    assert at.title[0].value == "Sign in" and not at.dataframe
    at = _sign_in(at, "ann", "wrong-password")
    assert at.error and not at.dataframe and "auth_user" not in at.session_state
    at = _sign_in(at, "ann", "ann-secret-1")
    assert not at.exception and at.session_state["auth_user"] == "ann"
    folder = at.session_state["workspace_dir"]
    assert folder == str(auth.user_folder(sample_ws.folder, "ann", shared=False))
    assert at.info  # ann's own workspace is empty: the sample tables are not hers


def test_shared_workspace_and_no_secrets_means_no_gate(sample_ws, auth_file, monkeypatch):
    text = "[crm_auth]\nshared = true\n" + auth_file.read_text()
    auth_file.write_text(text, encoding="utf-8")
    at = _sign_in(_app(sample_ws.folder).run(), "bob", "bob-secret-2")
    assert at.session_state["workspace_dir"] == str(sample_ws.folder)
    assert at.dataframe  # the shared sample tables are visible on Home
    monkeypatch.delenv(auth.AUTH_FILE_ENV)
    at = _app(sample_ws.folder).run()
    assert not at.exception and at.title[0].value != "Sign in"


@pytest.mark.parametrize("page", ["sql.py", "data.py", "home.py"])
def test_page_run_directly_shows_no_data_before_sign_in(sample_ws, auth_file, page):
    """Streamlit can serve a file from pages/ by its URL before app.py runs: still no data."""
    at = AppTest.from_file(str(ROOT / "pages" / page), default_timeout=60)
    at.session_state["workspace_dir"] = str(sample_ws.folder)
    at.run()
    assert not at.exception
    assert any("Sign in first" in w.value for w in at.warning)
    assert not at.dataframe and not at.text_area


def test_failed_sign_ins_are_audited_and_lock_the_user_out(sample_ws, auth_file, monkeypatch):
    """The probe: no lockout, no throttle, failures not audited."""
    from crm_core.protect import audit, throttle

    monkeypatch.setenv("CRM_SIGN_IN_LIMIT", "2")
    monkeypatch.setattr(throttle, "_GUARD", None)
    at = _app(sample_ws.folder).run()
    at = _sign_in(at, "ann", "wrong-password")
    assert any("Wrong user name" in e.value for e in at.error)
    at = _sign_in(at, "ann", "wrong-again")
    at = _sign_in(at, "ann", "ann-secret-1")  # right, but too late
    assert any("Too many failed sign-ins" in e.value for e in at.error)
    assert "auth_user" not in at.session_state and not at.dataframe
    with sample_ws.connect() as con:
        log = audit.recent(con, action="sign_in")
    assert log["outcome"].tolist() == ["locked", "locked", "failed"]
    assert (log["user_name"] == "ann").all()


def test_editor_hint_names_a_table_of_this_workspace(ws):
    with ws.connect() as con:
        store.write_frame(con, "订单明细", pd.DataFrame({"客户编号": ["000001"], "实付金额": [17.98]}))
    at = _sql_page(ws.folder, "zh")
    assert not at.exception
    assert at.text_area(key="sql_text").proto.placeholder == 'SELECT * FROM "订单明细" LIMIT 100'
    assert at.number_input(key="sql_timeout").proto.format == "%.0f"  # 30, not 30.00 seconds


def test_editor_hint_is_sql_not_markdown(ws):
    """A placeholder is not markdown: it read ``SELECT * FROM "订单明细\\_1月" LIMIT 100``, which
    DuckDB refuses when typed as shown."""
    with ws.connect() as con:
        store.write_frame(con, "订单明细_1月", pd.DataFrame({"客户编号": ["000001"], "实付金额": [17.98]}))
    at = _sql_page(ws.folder, "zh")
    assert at.text_area(key="sql_text").proto.placeholder == 'SELECT * FROM "订单明细_1月" LIMIT 100'



def test_type_slip_is_said_in_chinese_on_the_chinese_page(sample_ws):
    """"SQL 错误：No function matches the given name and argument types '+(DOUBLE, VARCHAR)'…"."""
    at = _sql_page(sample_ws.folder)
    at.session_state["lang"] = "zh"  # after the first run: AppTest formats a zh selectbox in English
    at = _run(at, "SELECT amount + channel FROM orders")
    assert not at.exception and len(at.error) == 1
    said = at.error[0].value
    assert said.startswith("SQL 错误：数据类型对不上") and "VARCHAR" in said, said


def test_result_measures_read_with_separators_and_ids_as_written(sample_ws):
    """English walk on Complete Journey: a spend per household read 12368.36 (no separators)
    beside household ids; measures are now localized, whole-number ids stay as written."""
    import json

    at = _run(_sql_page(sample_ws.folder), "SELECT customer_id, "
              "CAST(customer_id AS INTEGER) AS household_id, sum(amount) AS spend "
              "FROM orders GROUP BY 1 ORDER BY 3 DESC")
    assert not at.exception and not at.error
    config = json.loads(at.dataframe[1].proto.columns)
    assert config["spend"]["type_config"]["format"] == "localized"
    assert "household_id" not in config


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_result_counts_have_separators_and_times_read_in_the_page_language(sample_ws, lang):
    """walk15 on a real export: counts read "3422" beside "1,778,922.03", and timestamps ISO on the
    English page. Counts are now whole numbers with separators (a year and an id stay as written),
    moments and days as the other grids draw them; the grid still holds numbers and timestamps."""
    import json

    from app_ui.widgets import DAY_FORMATS, TIME_FORMATS

    at = _sql_page(sample_ws.folder)
    at.session_state["lang"] = lang
    at = _run(at, "SELECT customer_id, count(*) AS order_lines, sum(quantity) AS units, "
              "count(*) AS payroll_lines, year(min(invoice_date)) AS first_yr, "
              "year(min(invoice_date)) AS first_year, min(invoice_date) AS first_order, "
              "CAST(min(invoice_date) AS DATE) AS first_day FROM orders GROUP BY 1 ORDER BY 2 DESC")
    assert not at.exception and not at.error
    grid = at.dataframe[1]
    config = json.loads(grid.proto.columns)
    for count in ("order_lines", "units", "payroll_lines"):  # "yr" inside a word names no year
        assert config[count]["type_config"] == {"type": "number", "format": "localized", "step": 1}
        assert pd.api.types.is_numeric_dtype(grid.value[count])
    assert "first_year" not in config and "first_yr" not in config and "customer_id" not in config
    assert config["first_order"]["type_config"]["format"] == TIME_FORMATS[lang]
    assert config["first_day"]["type_config"]["format"] == DAY_FORMATS[lang]
    assert pd.api.types.is_datetime64_any_dtype(grid.value["first_order"])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_editor_hint_names_a_loaded_table_and_the_empty_refusal_no_missing_one(ws, lang):
    """QA3 walk (CDNOW, then a Segments run): the hint read ``SELECT * FROM "segments_cdnow_1"``
    (a run's result) and Run on an empty editor said "for example: SELECT * FROM orders LIMIT 10"
    in a workspace without an ``orders`` table."""
    with ws.connect() as con:
        store.write_frame(con, "cdnow", pd.DataFrame({"customer_id": ["00001"], "dollar_value": [29.33]}))
        store.write_frame(con, "segments_cdnow_1", pd.DataFrame({"customer_id": ["00001"], "cluster": [0]}),
                          kind="segments")
    at = _sql_page(ws.folder, lang)
    assert at.text_area(key="sql_text").proto.placeholder == 'SELECT * FROM "cdnow" LIMIT 100'
    if lang == "zh":  # AppTest cannot click on a Chinese page with a format_func selectbox (TESTING.md)
        return
    at.button(key="sql_run").click().run()
    assert not at.exception and at.error and "orders" not in at.error[0].value, at.error


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_schema_and_audit_grids_are_headed_in_words(sample_ws, lang):
    """pol3 walk: the Chinese page's schema grid read table, rows, column, type, role (roles as
    ``customer_id``) and the audit log logged_at, user_name, action, detail, outcome."""
    import json

    from crm_core.i18n import role_name, t
    from crm_core.protect import audit

    with sample_ws.connect() as con:
        audit.record(con, "analyst", "export", "orders.csv")
    at = _sql_page(sample_ws.folder, lang)
    assert not at.exception, at.exception
    schema = at.dataframe[0]
    labels = {c: v.get("label") for c, v in json.loads(schema.proto.columns).items()}
    words = {c: t(f"protect.sql.col.{c}", lang) for c in ("table", "rows", "column", "type", "role")}
    assert {c: labels.get(c) for c in words} == words
    roles = dict(zip(schema.value["column"], schema.value["role"], strict=False))
    assert roles["customer_id"] == role_name("customer_id", lang)
    log = next(g for g in at.dataframe if "logged_at" in g.value)
    assert json.loads(log.proto.columns)["user_name"]["label"] == t("protect.sql.col.user_name", lang)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_audit_actions_and_outcomes_read_in_words(sample_ws, lang):
    """pol4: the audit grid read its actions as the codes export, sql and load, its outcomes as ok
    and refused."""
    from crm_core.i18n import t
    from crm_core.protect import audit

    with sample_ws.connect() as con:
        audit.record(con, "analyst", "load", "orders.csv -> orders")
        audit.record(con, "analyst", "sql", "DROP TABLE orders", "refused")
        audit.record(con, "analyst", "export", "orders.csv")
    at = _sql_page(sample_ws.folder, lang)
    assert not at.exception, at.exception
    log = next(g.value for g in at.dataframe if "logged_at" in g.value and len(g.value) == 3)
    said = {f"protect.audit.action.{a}": f"protect.audit.outcome.{o}"
            for a, o in [("export", "ok"), ("sql", "refused"), ("load", "ok")]}
    assert dict(zip(log["action"], log["outcome"], strict=True)) == {
        t(a, lang): t(o, lang) for a, o in said.items()}


@pytest.mark.parametrize("lang, said", [("en", "share a name"), ("zh", "同名")])
def test_columns_sharing_a_name_are_told_apart_in_the_grid_and_the_downloads(sample_ws, lang, said):
    """``SELECT a.x, b.x``: two columns named alike broke the grid and the downloads (walk15); they
    are x and x_2 now, and a note says so in the page language."""
    at = _sql_page(sample_ws.folder)
    at.session_state["lang"] = lang
    at = _run(at, "SELECT 1 AS v, 2 AS v, a.customer_id, b.customer_id FROM orders a "
              "JOIN orders b USING (invoice_no) LIMIT 3")
    assert not at.exception and not at.error
    assert list(at.dataframe[1].value.columns) == ["v", "v_2", "customer_id", "customer_id_2"]
    note = next(i.value for i in at.info if said in i.value)
    assert "v_2" in note and "customer_id_2" in note


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_masking_box_says_what_it_does_whole_at_1024_px(sample_ws, lang):
    """walk21 (en_12_sql.png, 1024 px): the box's label read "Partly hide personal data in the rows sh…" in
    the middle of three columns (about 240 px beside its tick box at 1024 px). Its label fits that; the rest
    is in its tooltip."""
    from crm_core.report import format as fmt

    box = _sql_page(sample_ws.folder, lang).checkbox(key="sql_mask")
    drawn = sum(map(fmt.char_width, box.label)) * 8  # px: 8 a character, a Chinese one 16
    assert drawn <= 240, (box.label, drawn)
    assert box.help and box.label not in box.help


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_audit_log_says_a_sign_in_its_time_and_outcome_in_the_pages_language(sample_ws, auth_file,
                                                                                  monkeypatch, lang):
    """walk22 (Chinese, 1280 px): a failed sign-in read "王芳 from unknown" in the audit log, its time
    "2026-12-06 01:48:39" beside grids that say 2026年12月6日 01:46, and the outcome ("用户名或密…") was
    cut at the grid's right edge past the long SQL texts of the detail column."""
    import json

    import app_ui.auth
    from crm_core.i18n import t
    from crm_core.protect import audit

    with sample_ws.connect() as con:  # kept before walk22: a sign-in's detail was the user's name
        audit.record(con, "bob", "sign_in", "bob")
    monkeypatch.setattr(app_ui.auth, "_client", lambda: None)  # a browser on the server's own machine
    _sign_in(_app(sample_ws.folder, lang).run(), "ann", "wrong-password")
    monkeypatch.delenv(auth.AUTH_FILE_ENV)
    at = _sql_page(sample_ws.folder, lang)
    assert not at.exception, at.exception
    grid = next(g for g in at.dataframe if "logged_at" in g.value
                and t("protect.audit.action.sign_in", lang) in set(g.value["action"]))
    row = grid.value.set_index("user_name").loc["ann"]
    assert row["detail"] == t("protect.audit.from_unknown", lang), row["detail"]
    assert row["outcome"] == t("protect.audit.outcome.failed", lang)
    assert grid.value.set_index("user_name").loc["bob", "detail"] == "bob"  # as logged, no "from bob"
    assert list(grid.proto.column_order) == ["logged_at", "user_name", "action", "outcome", "detail"]
    columns = json.loads(grid.proto.columns)
    this_year = {"en": "D MMM, HH:mm", "zh": "M月D日 HH:mm"}[lang]  # pol26: this year, unsaid
    assert columns["logged_at"]["type_config"]["format"] == this_year, columns["logged_at"]
    failed = t("protect.audit.outcome.failed", lang)  # "用户名或密" was cut at 1280 px
    assert columns["outcome"].get("width", 0) >= 7 * sum(2 if ord(c) > 0x2E80 else 1 for c in failed)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_sign_in_page_answers_an_empty_field_and_says_when_the_user_signed_out(sample_ws, auth_file,
                                                                                   lang):
    """walk22 (sign-in at 1024 px): "Sign in" with the password left empty did nothing at all, and
    signing out dropped the analyst on the bare form with no word that it had worked."""
    from crm_core.i18n import t

    at = _app(sample_ws.folder, lang).run()
    at.text_input(key="sign_in_user").set_value("ann")
    at = at.button[0].click().run()
    assert [w.value for w in at.warning] == [t("protect.auth.fill_both", lang)]
    at = _sign_in(at, "ann", "ann-secret-1")
    assert at.session_state["auth_user"] == "ann" and not at.warning
    at = at.button(key="sign_out").click().run()
    assert not at.exception, at.exception
    assert "auth_user" not in at.session_state and at.session_state["auth_signed_out"] == "ann"
    at = _app(sample_ws.folder, lang)  # AppTest keeps drawing the page it was on: the browser shows the form
    at.session_state["auth_signed_out"] = "ann"
    at = at.run()
    assert [s.value for s in at.success] == [t("protect.auth.signed_out", lang, user="ann")]
    at = _sign_in(at, "ann", "wrong-password")
    assert not at.success and at.error  # said until the form is next sent


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_audit_logs_detail_starts_inside_the_grid_at_1024_px(sample_ws, lang):
    """walk22 (``en_auth_06_audit.png``): at 1024 px the log's grid is about 530 px wide in its expander,
    and when, user, action and outcome took 512 px: the detail (the SQL) started past the right edge.
    A log of this year says its times without the year ("6 Dec, 02:16"), so the detail starts in view."""
    import json

    from crm_core.protect import audit

    with sample_ws.connect() as con:
        audit.record(con, "ann", "sign_in", "10.0.0.5", "failed")
        audit.record(con, "ann", "sql", "SELECT customer_id, sum(amount) FROM orders GROUP BY 1")
    at = _sql_page(sample_ws.folder, lang)
    assert not at.exception, at.exception
    log = [g for g in at.dataframe if "logged_at" in g.value][-1]  # the log, after my own history
    heads = json.loads(log.proto.columns)
    before = ("logged_at", "user_name", "action", "outcome")
    assert sum(heads[c]["width"] for c in before) <= 530 - 50, {c: heads[c] for c in before}  # 50 px of it
    assert "YYYY" not in heads["logged_at"]["type_config"]["format"], heads["logged_at"]


def _seed_year_boundary(con) -> None:
    """An audit log whose entries run from last December into this January, then today's."""
    from crm_core.protect import audit

    audit.ensure(con)
    year = pd.Timestamp.today().year
    rows = [(pd.Timestamp(f"{year - 1}-12-30 17:05"), "ann", "sql", "SELECT * FROM orders", "ok"),
            (pd.Timestamp(f"{year - 1}-12-31 09:40"), "bob.smith@shop.example", "export",
             "orders_preview.csv", "ok"),
            (pd.Timestamp(f"{year}-01-02 08:15"), "ann", "sign_in", "10.0.0.5", "failed"),
            (pd.Timestamp(f"{year}-01-03 11:00"), "李娜", "sql", "DROP TABLE orders", "refused")]
    con.executemany(f"INSERT INTO {audit.AUDIT_TABLE} VALUES (?, ?, ?, ?, ?)", rows)
    audit.record(con, "ann", "load", "orders.csv -> orders")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_audit_log_across_a_new_year_reads_sorted_and_filters(sample_ws, lang):
    """walk24: entries of last December beside this January's: newest first, each time with its year
    while the log spans two; the log is filtered by year, action and user (it only scrolled), and a
    year chosen says its times without the year and a long sign-in name (an e-mail) is cut at 14
    characters, so the detail starts inside the grid at 1024 px."""
    import json

    from crm_core.i18n import t

    with sample_ws.connect() as con:
        _seed_year_boundary(con)
    at = _sql_page(sample_ws.folder, lang)
    assert not at.exception, at.exception

    def log():
        return [g for g in at.dataframe if "logged_at" in g.value][-1]

    times = log().value["logged_at"]
    assert times.is_monotonic_decreasing and times.dt.year.nunique() == 2
    assert "YYYY" in json.loads(log().proto.columns)["logged_at"]["type_config"]["format"]
    year = pd.Timestamp.today().year
    choose = at.session_state  # the zh page's other boxes format their options by session: no set_value
    choose["sql_audit_year"] = year - 1
    at.run()
    assert log().value["logged_at"].dt.year.eq(year - 1).all() and len(log().value) == 2
    heads = json.loads(log().proto.columns)
    assert "YYYY" not in heads["logged_at"]["type_config"]["format"], heads["logged_at"]
    before = ("logged_at", "user_name", "action", "outcome")
    assert sum(heads[c]["width"] for c in before) <= 530 - 50, {c: heads[c] for c in before}
    choose["sql_audit_year"], choose["sql_audit_action"] = None, "sql"
    at.run()
    assert set(log().value["action"]) == {t("protect.audit.action.sql", lang)} and len(log().value) == 2
    choose["sql_audit_user"] = "李娜"
    at.run()
    assert log().value["detail"].tolist() == ["DROP TABLE orders"]
    assert not at.exception


@pytest.mark.parametrize("lang, kept", [("en", "from the same query's run at"), ("zh", "取自")])
def test_the_same_query_pressed_again_says_its_time_came_from_the_earlier_run(sample_ws, lang, kept):
    """walk28: the same query pressed three times read "20 rows in 3.35 s" each time, the first run's
    seconds kept with the cached result: a second press says the result is that run's."""
    at = _sql_page(sample_ws.folder, lang)
    sql = "SELECT customer_id, sum(quantity) AS units FROM orders GROUP BY 1 ORDER BY 2 DESC LIMIT 20"
    first = [c.value for c in _run(at, sql).caption if c.value.startswith("20 ")]
    assert len(first) == 1 and kept not in first[0], first
    again = [c.value for c in at.button(key="sql_run").click().run().caption if c.value.startswith("20 ")]
    assert not at.exception and not at.error
    assert len(again) == 1 and kept in again[0], again
    assert again[0].startswith(first[0].rstrip("。")), (first, again)  # the same rows and seconds, said
