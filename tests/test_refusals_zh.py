"""Refusals an analyst meets carry their Chinese: the page says them in its language
(``app_ui.error_text``), the CLI in its ``--lang``."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.errors import CrmError
from crm_core.i18n import say, t
from crm_core.recommend.data import purchase_view
from crm_core.segment import cohorts
from crm_core.workspace import store
from crm_core.workspace.roles import get_roles

PEOPLE = pd.DataFrame({"客户编号": ["C1", "C2", "C3"], "城市": ["上海", "北京", "上海"],
                       "年龄": [31, 45, 28]})
ORDERS = pd.DataFrame({"客户编号": ["C1", "C1", "C2"], "实付金额": [10.0, 12.0, 30.0],
                       "下单时间": pd.to_datetime(["2025-01-01", "2025-02-01", "2025-01-05"])})


def _refusal(call) -> CrmError:
    with pytest.raises(CrmError) as refused:
        call()
    return refused.value


def test_cohorts_of_a_customer_table(con):
    store.write_frame(con, "会员资料", PEOPLE)
    error = _refusal(lambda: cohorts.run(con, "会员资料", cohorts.CohortConfig()))
    assert str(error).startswith("Table '会员资料' has no dated activity per customer")
    assert say(error.args[0], "zh").startswith("数据表“会员资料”没有按客户记录的带日期活动")


def test_the_cli_refuses_in_the_language_asked_for(ws, capsys):
    """``--lang zh`` printed the refusal in English (notes too: tests/cli/test_forecast.py)."""
    from crm_core.cli import main

    with ws.connect() as con:
        store.write_frame(con, "会员资料", PEOPLE)
    for lang, start in (("zh", "error: 数据表“会员资料”没有按客户记录的带日期活动"),
                        ("en", "error: Table '会员资料' has no dated activity per customer")):
        assert main(["cohorts", "会员资料", "--lang", lang, "--workspace", str(ws.folder)]) == 1
        assert capsys.readouterr().err.startswith(start)


def test_recommendations_from_an_order_log_without_products(con):
    store.write_frame(con, "orders", ORDERS)
    error = _refusal(lambda: purchase_view(con, "orders", get_roles(con, "orders")))
    assert str(error).startswith("Table 'orders' has no product column, and none of its columns can be one")
    assert say(error.args[0], "zh").startswith("数据表“orders”没有商品列，其他列也都当不了商品列："
                                               "这张表只有一笔笔订单或账单，看不出里面买了什么")


def test_the_evidence_inside_a_refusal_is_said_in_chinese_too(con):
    from crm_core.workspace.table_kind import detect_kind

    store.write_frame(con, "会员资料", PEOPLE)
    error = _refusal(lambda: cohorts.run(con, "会员资料", cohorts.CohortConfig()))
    kind = detect_kind(con, "会员资料")
    assert all(clause in str(error) for clause in kind.evidence)
    zh = say(error.args[0], "zh")
    assert all(clause in zh for clause in kind.sentences("zh")), zh
    assert not any(clause in zh for clause in kind.evidence), zh


def test_churn_reasons_are_punctuated_as_chinese():
    import numpy as np

    from crm_core.customers.lists import reasons_in_words

    frame = pd.DataFrame({"recency_days": [140.0], "mean_gap_days": [30.0], "p_alive": [0.42]})
    assert reasons_in_words(frame, "en") == ["no order for 140 days, usually orders every 30 days; "
                                             + t("customers.reason.alive", "en", pct="42%")]
    zh = reasons_in_words(frame, "zh")[0]
    assert "；" in zh and "; " not in zh
    once = reasons_in_words(frame.assign(mean_gap_days=np.nan), "zh")[0]
    assert once == "仅下过一次单，距今 140 天"


@pytest.mark.parametrize(("sql", "said"), [
    ("DELETE FROM 订单明细", "SQL 查询只读：不能执行 DELETE 语句，请写 SELECT 查询。"),
    ('SELECT * FROM "订单明细_2月"', "SQL 错误：没有名为“订单明细_2月”的数据表"),
    ('SELECT "会员ID" FROM 订单明细', "SQL 错误：FROM 里的表中没有“会员ID”这一列"),
    ("SELEC 1", "SQL 语法错误："),
    ("SELECT * FROM read_csv_auto('/etc/passwd')", "SQL 查询不能读写文件"),
])
def test_sql_refusals_are_said_in_chinese(ws, sql, said):
    """The SQL page in Chinese refused in English: "The SQL explorer is read-only: DELETE
    statements are refused", "SQL error: Table with name 订单明细_2月 does not exist!"."""
    from crm_core.explore import sandbox

    with ws.connect() as con:
        store.write_frame(con, "订单明细", ORDERS)
    error = _refusal(lambda: sandbox.run_query(ws.db_path, sql, 20))
    assert say(error.args[0], "zh").startswith(said), say(error.args[0], "zh")
    assert say(error.args[0], "en") == str(error)  # the CLI and the English page keep their text


@pytest.mark.parametrize(("sql", "said", "engine"), [
    ("SELECT 实付金额 + 客户编号 FROM 订单明细", "SQL 错误：数据类型对不上", "+(DOUBLE, VARCHAR)"),
    ("SELECT sum(客户编号) FROM 订单明细", "SQL 错误：数据类型对不上", "sum(VARCHAR)"),
    ("SELECT sumif(实付金额) FROM 订单明细", "SQL 错误：没有名为“sumif”的函数", "sumif"),
    ("SELECT CAST(客户编号 AS INTEGER) FROM 订单明细", "SQL 错误：值“C1”转换不成数字或日期", "INT32"),
    ("SELECT 实付金额 // 0 FROM 订单明细", "SQL 错误：除数为 0", "Division by zero"),
    ("SELECT 客户编号, count(*) FROM 订单明细", "SQL 错误：“客户编号”列既没写进 GROUP BY", "GROUP BY"),
    ("SELECT o.客户编号 FROM 订单明细", "SQL 错误：FROM 里没有叫“o”的表或别名", 'table "o"'),
])
def test_other_engine_errors_are_said_in_chinese_with_the_engine_text(ws, sql, said, engine):
    """After "SQL 错误：" the Chinese page printed DuckDB's English ("No function matches the given
    name and argument types '+(DOUBLE, VARCHAR)'…"); the common slips now read in Chinese, the
    engine's words kept after them as a detail."""
    from crm_core.explore import sandbox

    with ws.connect() as con:
        store.write_frame(con, "订单明细", ORDERS)
    error = _refusal(lambda: sandbox.run_query(ws.db_path, sql, 20))
    zh = say(error.args[0], "zh")
    assert zh.startswith(said) and "引擎原文" in zh and engine in zh, zh
    assert str(error).startswith("SQL error: ") and engine in str(error)



def test_labelled_churn_refusals_are_said_in_chinese(con):
    """A telco-style customer table: a label column the table lacks, a score table without the
    model's columns, too few churned customers — each refusal in Chinese, naming table and column."""
    from crm_core.customers import churn

    people = PEOPLE.assign(流失=["是", "否", "否"], 月费=[30.0, 50.0, 20.0])
    store.write_frame(con, "会员资料", people)
    refusals = {
        "no_label": lambda: churn.run(con, "会员资料", roles={"label": "是否流失"}),
        "few": lambda: churn.run(con, "会员资料", roles={"label": "流失"}),
        "value": lambda: churn.run(con, "会员资料", churn.ChurnConfig(value_col="城市"),
                                   roles={"label": "流失"}),
    }
    said = {name: say(_refusal(call).args[0], "zh") for name, call in refusals.items()}
    assert said["no_label"].startswith("表“会员资料”里没有列“是否流失”（用作标签）"), said
    assert said["few"].startswith("表“会员资料”：3 位客户中 1 位流失"), said
    assert said["value"].startswith("价值列“城市”不是这张表的数字列"), said


def test_store_segment_and_forecast_refusals_are_said_in_chinese_with_chinese_lists(con):
    """pol2 left English-only f-strings: a missing table, columns the customer-table segmentation
    cannot use, and the forecast's column lists joined with ", "."""
    from crm_core.forecast import run as forecast_run
    from crm_core.segment import run as segment_run

    store.write_frame(con, "会员资料", PEOPLE)
    store.write_frame(con, "订单", ORDERS)
    missing = _refusal(lambda: store.require_table(con, "nope"))
    assert str(missing).startswith("There is no table named 'nope'")
    assert say(missing.args[0], "zh") == "工作区里没有名为“nope”的表（现有的表：订单、会员资料）。"
    unknown = _refusal(lambda: segment_run.run(con, "会员资料", segment_run.SegmentConfig(
        kind="customers", numeric_attributes=("收入",))))
    assert say(unknown.args[0], "zh") == "表“会员资料”里没有列“收入”；这张表的列有：客户编号、城市、年龄"
    store.write_frame(con, "名单", PEOPLE[["客户编号"]].assign(备注=["a", "b", "c"]))
    thin = _refusal(lambda: segment_run.run(con, "名单", segment_run.SegmentConfig(kind="customers")))
    said = say(thin.args[0], "zh")
    assert said.startswith("表“名单”看起来不是客户表") and "客户编号（客户编号）" in said, said
    assert "customer id" not in said and "--numeric-cols" in said
    wrong = _refusal(lambda: forecast_run.run(con, "订单", forecast_run.ForecastConfig(by="门店")))
    assert say(wrong.args[0], "zh").endswith("现有列：客户编号、实付金额、下单时间")
    wrong = _refusal(lambda: forecast_run.run(con, "订单", forecast_run.ForecastConfig(value_col="件数")))
    assert say(wrong.args[0], "zh").endswith("该表的数值列：实付金额。")


def test_a_runs_result_chosen_as_a_purchase_log_says_which_log_it_came_from(con):
    """QA3 walk: churn on a kept segmentation said "mark a date column on the Data page (or pass
    --date-col)": the table is an analysis' result, the log it came from is the one to choose."""
    from crm_core.customers import churn
    from crm_core.segment import run as segment_run
    from crm_core.workspace import runs

    store.write_frame(con, "订单", pd.concat([ORDERS.assign(客户编号=ORDERS["客户编号"] + str(i))
                                            for i in range(20)], ignore_index=True))
    kept = runs.save(con, segment_run.run(con, "订单", segment_run.SegmentConfig(k=2)))
    error = _refusal(lambda: churn.run(con, kept.result_table, churn.ChurnConfig()))
    assert "--date-col" not in str(error) and "Data page" not in str(error)
    assert say(error.args[0], "zh") == (f"“{kept.result_table}”是对“订单”分析后保存的结果，不是购买记录："
                                        "请改选“订单”或其他订单表。")


def test_link_of_exports_without_people_columns_refuses_in_chinese(ws, capsys):
    """judge7: ``link yogurt_panel catsup_panel --lang zh`` (household scanner panels: an id,
    shelf prices, the brand bought) refused in English only, and named a city as enough though
    a city alone is refused (``link.error.no_key``)."""
    from crm_core.cli import main

    panel = pd.DataFrame({"id": [1, 1, 2], "price.dannon": [3.7, 4.3, 2.5], "choice": ["dannon"] * 3})
    with ws.connect() as con:
        for name in ("catsup_panel", "yogurt_panel"):
            store.write_frame(con, name, panel)
    for lang, start in (("zh", "error: 表“catsup_panel”没有可用于关联的列"),
                        ("en", "error: Table 'catsup_panel' has no column to link on")):
        assert main(["link", "yogurt_panel", "catsup_panel", "--lang", lang,
                     "--workspace", str(ws.folder)]) == 1
        said = capsys.readouterr().err
        assert said.startswith(start) and "id, price.dannon, choice" in said and "city" not in said


@pytest.mark.parametrize(("settings", "en", "zh"), [
    ({"threshold": 1.5}, "--threshold must be a probability between 0 and 1, not 1.5", "阈值（--threshold）"),
    ({"max_block": 1}, "--max-block must be at least 2", "分块上限（--max-block）"),
])
def test_links_settings_out_of_range_are_said_in_chinese(settings, en, zh):
    """judge7: a link setting out of range was refused in English only, with ``--lang zh`` too."""
    from crm_core.link.run import LinkConfig

    error = _refusal(lambda: LinkConfig(**settings))
    assert str(error).startswith(en) and say(error.args[0], "zh").startswith(zh)


def test_a_linked_copy_rekeyed_again_is_refused_in_chinese(con):
    """judge7: ``link --rekey`` of a table already keyed by ``customer_key`` refused in English only."""
    from crm_core.link.rekey import rekey

    store.write_frame(con, "orders_by_customer", ORDERS.assign(customer_key=["K1", "K1", "K2"]))
    store.save_roles(con, "orders_by_customer", {"customer_id": "customer_key"})
    error = _refusal(lambda: rekey(con, "orders_by_customer", None))  # refused before any link run is read
    assert str(error).startswith("Table 'orders_by_customer' is already keyed by `customer_key`")
    assert say(error.args[0], "zh").startswith("表“orders_by_customer”已按 `customer_key` 归并客户")


def test_a_review_decision_not_known_is_refused_in_chinese(con):
    """judge7: a review decision other than confirm, reject or undo was refused in English only."""
    from crm_core.link.review import decide

    error = _refusal(lambda: decide(con, ("crm", "C1"), ("shop", "S1"), "maybe"))
    assert str(error) == "A review decision is one of confirm, reject or undo, not 'maybe'."
    assert say(error.args[0], "zh") == "审核结果只能是 confirm, reject 或 undo（撤销），不能是“maybe”。"


def test_a_panel_without_a_product_role_is_told_which_column_may_be_it(con):
    """judge7, household scanner panels (yogurt, ketchup): ``recommend`` and ``basket`` refused "no
    product column" without a word that ``choice`` (the brand bought) runs with ``--product-col``.
    A table of people, where nobody repeats, is offered no column."""
    panel = pd.DataFrame({"id": [1, 1, 2, 2, 3], "price.dannon": [3.7, 4.3, 2.5, 3.1, 2.9],
                          "choice": ["dannon", "yoplait", "dannon", "hiland", "yoplait"]})
    store.write_frame(con, "yogurt_panel", panel)
    store.save_roles(con, "yogurt_panel", {"customer_id": "id"})
    error = _refusal(lambda: purchase_view(con, "yogurt_panel", get_roles(con, "yogurt_panel")))
    assert str(error).endswith("may say what was bought: choice (--product-col choice).")
    assert say(error.args[0], "zh").endswith("可能就是所购商品：choice（--product-col choice）。")
    store.write_frame(con, "会员资料", PEOPLE)
    error = _refusal(lambda: purchase_view(con, "会员资料", get_roles(con, "会员资料")))
    assert "--product-col" in str(error) and "city" not in str(error) and "城市" not in str(error)


# ------------------------------------------------------------------ every refusal is a Sentence

NEVER_SEEN = {
    # Raised only when code calls the recommender before fitting it: a programming slip inside
    # crm_core, never something an analyst's data or settings can cause.
    ("crm_core/recommend/model.py", "The recommender has not been fitted yet."),
}
"""Plain-text refusals that can never reach an analyst (file, message)."""


def _named(call, name: str) -> bool:
    """``call`` calls ``name`` (bare or as a module's attribute)."""
    import ast

    return isinstance(call, ast.Call) and getattr(call.func, "id", getattr(call.func, "attr", "")) == name


def _plain_text(node) -> bool:
    """A str literal, an f-string, or text glued to one: English only, whatever the page's language."""
    import ast

    if isinstance(node, ast.BinOp):
        return _plain_text(node.left) or _plain_text(node.right)
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str))


def _refusals():
    """Every ``CrmError(…)`` call in crm_core: (file, line, its first argument)."""
    import ast

    from tests.conftest import ROOT

    for path in sorted((ROOT / "crm_core").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if _named(node, "CrmError") and node.args:
                yield path.relative_to(ROOT).as_posix(), node.lineno, node.args[0]


def test_no_refusal_is_plain_english_text():
    """A refusal raised as an English f-string reached the Chinese pages and ``--lang zh`` in English
    (156 of them: loading a ZIP, an empty file, the Clean page's recipe steps, sign-in …)."""
    import ast

    plain = [f"{file}:{line}" for file, line, arg in _refusals() if _plain_text(arg)
             and (file, arg.value if isinstance(arg, ast.Constant) else None) not in NEVER_SEEN]
    assert plain == []


def test_every_refusal_sentence_has_its_key_and_placeholders():
    """A refusal's key is in the catalogue and its values are the entry's placeholders: a key
    mistyped read as the key itself, a value missing raised KeyError instead of the refusal."""
    import ast
    import string

    from crm_core.i18n import catalogue

    wrong, checked = [], 0
    for file, line, arg in _refusals():
        if not (_named(arg, "Sentence") and isinstance(arg.args[0], ast.Constant)):
            continue
        checked += 1
        entry = catalogue().get(arg.args[0].value)
        given = {k.arg for k in arg.keywords}
        wanted = None if entry is None else {n for _, n, _, _ in string.Formatter().parse(entry["en"]) if n}
        if None in given:  # **values: checked where they are built
            continue
        if wanted != given:
            wrong.append(f"{file}:{line} {arg.args[0].value}")
    assert checked > 200 and wrong == []


# ------------------------------------------------------------------ real refusals in Chinese


@pytest.mark.parametrize("file, zh, en", [
    # a zip is unpacked (left52): its one file is named
    ("archive_renamed.csv", "error: 文件“archive_renamed.csv/a.txt”只有表头，没有数据行。",
     "error: archive_renamed.csv/a.txt: the file has a header but no data rows."),
    ("empty.csv", "error: 文件“empty.csv”是空的，里面没有任何内容。", "error: empty.csv: the file is empty."),
    ("image_renamed.csv", "error: 文件“image_renamed.csv”是PNG 图片，不是数据导出文件。",
     "error: image_renamed.csv: this is a PNG image, not a data export."),
])
def test_the_cli_refuses_a_bad_file_in_chinese(ws, capsys, file, zh, en):
    from crm_core.cli import main
    from tests.conftest import DATA

    for lang, said in (("zh", zh), ("en", en)):
        assert main(["load", str(DATA / file), "--lang", lang, "--workspace", str(ws.folder)]) == 1
        assert capsys.readouterr().err.strip() == said


def test_the_cli_refuses_an_unsupported_type_and_a_bad_option_in_chinese(ws, capsys, tmp_path):
    from crm_core.cli import main

    path = tmp_path / "客户名单.docx"
    path.write_text("客户编号,城市\nC1,上海\n", encoding="utf-8")
    assert main(["load", str(path), "--lang", "zh", "--workspace", str(ws.folder)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: 文件“客户名单.docx”的类型“.docx”不支持；请使用 .csv、.dat、"), err
    with ws.connect() as con:
        store.write_frame(con, "orders", ORDERS)
    assert main(["spend", "orders", "--days", "0", "--lang", "zh", "--workspace", str(ws.folder)]) == 1
    assert capsys.readouterr().err.strip() == "error: --days 必须在 1 到 3650 之间。"
    assert main(["spend", "orders", "--days", "九十", "--lang", "zh", "--workspace", str(ws.folder)]) == 1
    assert capsys.readouterr().err.strip() == "error: --days 应为整数，不能是“九十”。"


def test_a_clean_step_refusal_inside_a_recipe_refusal_is_said_in_chinese(con):
    from crm_core.quality.recipes import Recipe, compile_recipe

    store.write_frame(con, "orders", ORDERS)
    recipe = Recipe.from_json('{"steps": [{"kind": "cast", "column": "没有这列", "to": "number"}]}')
    error = _refusal(lambda: compile_recipe(con, "orders", recipe))
    assert str(error).startswith("Step 1 (cast) on table 'orders': there is no column '没有这列'")
    assert say(error.args[0], "zh") == ("第 1 步（cast）用在数据表“orders”上时出错："
                                        "到这一步时没有列“没有这列”（现有的列：客户编号、实付金额、下单时间）。")


def test_the_clean_page_says_a_bad_step_in_chinese(sample_ws, monkeypatch):
    from app_ui import text
    from tests.ui.apptest import open_page

    monkeypatch.setattr(text, "lang", lambda: "zh")  # AppTest formats a picked option outside the
    at = open_page(sample_ws.folder, "zh", page="pages/clean.py")
    at.selectbox(key="clean_kind").set_value("filter_range").run()
    at.selectbox(key="clean_p_filter_range_col").set_value("quantity").run()
    at.text_input(key="clean_p_min").set_value("abc").run()
    assert not at.exception
    said = [e.value for e in at.error if "abc" in e.value]
    assert said and all("不是有效的数值" in s and "the bound" not in s for s in said), said
