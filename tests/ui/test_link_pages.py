"""The Link customers and Customer 360 pages on generated multi-channel exports."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crm_core.i18n import listed, t
from crm_core.link import cluster, review, synthetic
from crm_core.link import run as link_run
from crm_core.workspace import runs, store
from crm_core.workspace.roles import get_roles
from tests.ui.apptest import page_opener

_link = page_opener("pages/link.py")
_customer = page_opener("pages/customer.py")


DATA = Path(__file__).resolve().parents[1] / "data"


def _linked_excerpts(ws, lang: str, *files: str):
    """The Link page after linking these files of ``tests/data``, loaded as an analyst uploads them."""
    from crm_core.load.reader import load_file

    with ws.connect() as con:
        for name in files:
            load_file(con, DATA / name)
    at = _link(ws.folder, lang)
    at.multiselect(key="link_tables").set_value([Path(name).stem for name in files])
    at.button[0].click().run()
    assert not at.exception, at.exception
    return at


def _workspace(ws):
    exports = synthetic.exports(300, seed=5)
    with ws.connect() as con:
        for name, frame in exports.tables.items():
            store.write_frame(con, name, frame)
    return exports


def test_link_page_runs_reviews_and_saves(ws):
    _workspace(ws)
    at = _link(ws.folder)
    assert not at.exception
    at.multiselect(key="link_tables").set_value(["web_customers", "till_members", "support_contacts"])
    at.button[0].click().run()
    assert not at.exception, at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["Records"].replace(",", "")) > int(metrics["Customers"].replace(",", ""))
    assert all(re.fullmatch(r"\d{1,3}\.\d%", metrics[k]) for k in ("Estimated precision", "Estimated recall"))
    assert any(c.value.startswith("The model's own head count") for c in at.caption)  # gap or none (walk28)
    assert json.loads(at.get("plotly_chart")[0].proto.spec)["data"]
    reject = [b for b in at.button if b.key and b.key.startswith("link_no_")]
    assert reject, "pairs near the threshold are offered for review"
    pairs = [m.value for m in at.markdown if " ↔ " in m.value]  # judge8 walk: "p = 0.16" read as code
    assert pairs and all(re.search(r" · \d+(\.\d)?% likely the same customer · ", p) for p in pairs), pairs
    at.session_state["lang"] = "zh"
    at.run()
    pairs = [m.value for m in at.markdown if "↔" in m.value]
    assert pairs and all(re.search(r"）· 同一客户的可能性 \d+(\.\d)?% · ", p) for p in pairs), pairs
    at.session_state["lang"] = "en"
    at.run()
    reject[0].click().run()
    assert not at.exception
    with ws.connect() as con:
        assert review.decisions(con)["decision"].tolist() == ["reject"]
    next(b for b in at.button if b.key == "link_save").click().run()
    assert not at.exception
    assert "Past runs (1)" in [e.label for e in at.expander]  # counted after the click that saved
    with ws.connect() as con:
        assert con.execute("SELECT count(*) FROM identity_map").fetchone()[0] == sum(
            int(v.replace(",", "")) for k, v in metrics.items() if k == "Records")
    # judge8 walk: reopened, the form chose the kept run's customers_unified_… and identity_map_…
    # tables (their names hold "customer") and the link refused them
    assert set(_link(ws.folder).multiselect(key="link_tables").value) <= {
        "web_customers", "till_members", "support_contacts"}


def _percent(threshold: float) -> str:
    """A threshold as the page writes it: whole percents as the slider draws them, else a tenth."""
    return f"{100 * threshold:.0f}%" if round(100 * threshold, 6).is_integer() else f"{100 * threshold:.1f}%"


def test_link_page_threshold_follows_the_default_until_moved(ws):
    _workspace(ws)
    at = _link(ws.folder)
    at.multiselect(key="link_tables").set_value(["web_customers", "till_members", "support_contacts"])
    at.button[0].click().run()
    best = at.slider(key="link_threshold").value
    assert cluster.LOWEST <= best < 0.6, "calibrated scores: the default is below the old fixed 0.6"
    rule = f"Threshold {_percent(best)}: the one with the best F1"
    assert any(c.value.startswith(rule) for c in at.caption)
    # judge8 walk: "0.150" beside precision 96.9 %; the slider draws its value as the text says it
    assert at.slider(key="link_threshold").proto.format == "percent"
    curve = next(spec for spec in (json.loads(c.proto.spec) for c in at.get("plotly_chart"))
                 if spec["layout"]["title"]["text"].startswith("The customers' estimated precision"))
    assert curve["layout"]["xaxis"]["tickformat"] == ".0%"
    at.slider(key="link_threshold").set_value(0.7).run()
    assert not at.exception, at.exception
    assert any(c.value == "Threshold 70%, chosen by hand." for c in at.caption)
    next(b for b in at.button if b.key == "link_best").click().run()
    assert at.slider(key="link_threshold").value == best


def test_customer_page_finds_by_phone_in_another_format(ws):
    exports = _workspace(ws)
    from crm_core.link.run import run

    with ws.connect() as con:
        from crm_core.workspace import runs
        runs.save(con, run(con, list(exports.tables)))
    phone = exports.tables["till_members"]["手机"].dropna().iloc[0]
    at = _customer(ws.folder, "zh")
    assert not at.exception
    at.text_input(key="cust_query").set_value("+86 " + phone.replace("-", " ")).run()
    assert not at.exception, at.exception
    assert any("尚未计算" in i.value for i in at.info)  # segments etc. not run yet
    assert not any("python -m" in i.value for i in at.info)  # QA4: a browser user has no terminal
    links = {link.proto.page for link in at.get("page_link")}
    assert {"segments", "customers", "recommend", "support"} <= links
    assert len(at.dataframe) >= 2


def test_customer_page_before_linking_says_so_instead_of_a_made_up_profile(ws):
    """QA2: searching 'Conte' before any link run showed a profile row "customer_id: Conte"."""
    _workspace(ws)
    at = _customer(ws.folder, "en")
    at.text_input(key="cust_query").set_value("Conte").run()
    assert not at.exception, at.exception
    assert any("No linked customer is called 'Conte'" in i.value and "Use these customers" in i.value
               for i in at.info)  # QA4: the walk had run Link customers but not kept its result
    assert "Nothing for this customer." in [c.value for c in at.caption]  # under "Linked records"
    assert not any("customer_id" in d.value.columns for d in at.dataframe)


def test_link_page_preselects_exports_with_contacts_whatever_their_names(ws):
    """web.csv, pos.xlsx and support.csv carry no 'customer' word in their names: the page opened
    with nothing chosen, and 'Link records' then did nothing. Exports holding a phone, an e-mail or
    a person's name are chosen; a table without contacts is not."""
    exports = synthetic.exports(300, seed=5)
    with ws.connect() as con:
        for new, (_, frame) in zip(("web", "pos", "support"), exports.tables.items(), strict=False):
            store.write_frame(con, new, frame)
        store.write_frame(con, "weekly_sales", exports.tables["web_customers"][[]].assign(week=1, sales=2.0))
    at = _link(ws.folder)
    assert not at.exception
    assert sorted(at.multiselect(key="link_tables").value) == ["pos", "support", "web"]


def test_link_page_leaves_out_a_customer_named_table_without_contacts(ws):
    """walk9: ``客户提问`` (tickets: 工单号, 问题, 标签) matched the customer word and was chosen
    beside the two channel exports; "Link records" then refused it for having no field."""
    exports = synthetic.exports(300, seed=44, chinese_share=0.9)
    questions = pd.read_csv("tests/data/webshop_questions_zh.csv")
    with ws.connect() as con:
        for new, frame in zip(("门店会员", "网店客户"), list(exports.tables.values())[:2], strict=True):
            store.write_frame(con, new, frame)
        store.write_frame(con, "客户提问", questions)
    at = _link(ws.folder, "zh")
    assert not at.exception
    assert sorted(at.multiselect(key="link_tables").value) == ["网店客户", "门店会员"]


def test_review_on_masked_exports_shows_fields_and_weights_not_identical_codes(ws, tmp_path):
    """QA4: on masked exports each review pair read "a3f9… ↔ a3f9…" (the same name, masked): a
    reviewer could not judge it. The Chinese "not compared" note also used ASCII ':' and ','."""
    from crm_core.load.reader import load_file
    from crm_core.workspace.store import Workspace

    exports = synthetic.exports(300, seed=5)
    with Workspace(ws.folder).connect() as con:
        for name, frame in exports.tables.items():
            frame.to_csv(tmp_path / f"{name}.csv", index=False)
            load_file(con, tmp_path / f"{name}.csv", mask_pii=True)
    at = _link(ws.folder, "zh")
    at.multiselect(key="link_tables").set_value(list(exports.tables))
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert any("已脱敏" in i.value and "权重" in i.value for i in at.info)
    pairs = [m.value for m in at.markdown if " ↔ " in m.value]
    assert pairs and all("一致：" in p for p in pairs), pairs[:3]
    assert not any("**" in p for p in pairs)  # no bold names: masked names are codes
    note = next(w.value for w in at.warning if "无法比较" in w.value)
    assert ": " not in note and ", " not in note and "姓名：" in note


@pytest.mark.parametrize(("lang", "said"), [("en", "Found in 2 tables: 网店客户, 门店会员."),
                                          ("zh", "出现在 2 张数据表中：网店客户、门店会员。")])
def test_customer_page_lists_the_tables_in_the_languages_words_uncut(ws, lang, said):
    """walk9: the profile's "所在数据表" cell read "网店客户, 门店会" (an English comma, the name
    cut by the grid): the tables are said under the profile, listed as the language lists them."""
    exports = synthetic.exports(300, seed=44, chinese_share=0.9)
    with ws.connect() as con:
        for new, frame in zip(("网店客户", "门店会员"), list(exports.tables.values())[:2], strict=True):
            store.write_frame(con, new, frame)
        runs.save(con, link_run.run(con, ["网店客户", "门店会员"]))
        key = con.execute("SELECT customer_key FROM identity_map GROUP BY 1 "
                          "HAVING count(DISTINCT \"table\") = 2 ORDER BY 1 LIMIT 1").fetchone()[0]
    at = _customer(ws.folder, lang)
    at.text_input(key="cust_query").set_value(key).run()
    assert not at.exception, at.exception
    assert said in [c.value for c in at.caption]
    assert "tables" not in at.dataframe[0].value.columns


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_customer_page_profile_leaves_the_records_to_the_grid_under_it(ws, lang):
    """walk10: the profile's "Records (table:id)" cell read "support_contacts:S000…", cut at 1280
    px; each record is a row of the Linked records grid right under it."""
    exports = synthetic.exports(300, seed=57, chinese_share=0.0)
    with ws.connect() as con:
        for name, frame in exports.tables.items():
            store.write_frame(con, name, frame)
        runs.save(con, link_run.run(con, list(exports.tables)))
        key = con.execute("SELECT customer_key FROM identity_map GROUP BY 1 "
                          "HAVING count(DISTINCT \"table\") >= 2 ORDER BY 1 LIMIT 1").fetchone()[0]
    at = _customer(ws.folder, lang)
    at.text_input(key="cust_query").set_value(key).run()
    assert not at.exception, at.exception
    assert "source_records" not in at.dataframe[0].value.columns
    assert at.dataframe[1].value["table"].nunique() >= 2  # the records, one a row


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_customer_page_heads_profile_and_records_in_words(ws, lang):
    """QA5: the profile and linked-record grids were headed customer_key, birth_date, record_id;
    pol3: the records kept each export's headers (full_name, e_mail, mobile beside 姓名, 手机) on
    the Chinese page. A person's web, till and desk records now sit under one header per field."""
    exports = _workspace(ws)
    from crm_core.link.run import run
    from crm_core.workspace import runs

    with ws.connect() as con:
        runs.save(con, run(con, list(exports.tables)))
        key = con.execute("SELECT customer_key FROM identity_map GROUP BY 1 "
                          "HAVING count(DISTINCT \"table\") = 3 ORDER BY 1 LIMIT 1").fetchone()[0]
    at = _customer(ws.folder, lang)
    at.text_input(key="cust_query").set_value(key).run()
    assert not at.exception, at.exception
    profile, records = (json.loads(grid.proto.columns) for grid in at.dataframe[:2])
    words = {c: t(f"customer.col.{c}", lang) for c in ("name", "email", "phone", "city", "birth_date")}
    assert profile["customer_key"]["label"] == t("customer.col.customer_key", lang)
    assert records["record_id"]["label"] == t("customer.record_col.record_id", lang)
    assert {c: records[c]["label"] for c in words} == words
    shown = at.dataframe[1].value
    assert list(shown.columns) == ["table", "record_id", *words]  # full_name, 姓名, e_mail … folded in
    assert shown["name"].notna().all() and shown["table"].nunique() == 3
    assert "customer_key" in at.dataframe[0].value.columns  # the download keeps the column names
    day = {"en": "D MMM YYYY", "zh": "YYYY年M月D日"}[lang]  # judge8 walk: birth dates read 1966-07-07
    assert records["birth_date"]["type_config"] == {"type": "date", "format": day}, records["birth_date"]
    assert pd.api.types.is_datetime64_any_dtype(shown["birth_date"])


def test_customer_page_heads_a_purchase_logs_blocks_and_orders_in_words(ws, tmp_path):
    """QA6: a purchase log's customer with no link run: the segment and order grids were headed
    recency_days, rfm_segment, ts, order_id on the Chinese page."""
    from crm_core.load.reader import load_file
    from crm_core.segment import run as segment_run
    from crm_core.workspace import runs
    from tests.ui.test_segments_page import shopify_export

    path, _ = shopify_export(tmp_path)
    with ws.connect() as con:
        (loaded,) = load_file(con, path)
        runs.save(con, segment_run.run(con, loaded.table, segment_run.SegmentConfig()))
    at = _customer(ws.folder, "zh")
    at.text_input(key="cust_query").set_value("c3@example.com").run()
    assert not at.exception, at.exception
    # first the log's own rows holding the e-mail (found before any link run), then the blocks
    _records, segments, orders = (json.loads(grid.proto.columns) for grid in at.dataframe)
    assert segments["recency_days"]["label"] == "最近消费（天）"
    assert segments["rfm_segment"]["label"] == t("segment.col.rfm_segment", "zh")
    assert orders["ts"]["label"] == "日期" and orders["order_id"]["label"] == "订单号"
    assert "ts" in at.dataframe[-1].value.columns  # the download keeps the column names


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_orders_of_a_log_that_names_no_buyer_say_why_and_what_to_do(ws, lang):
    """walk34: 朱军平's ten 唯品会 orders filled the records grid, and under "Order history" the page said
    "Nothing for this customer": the export names no buyer (its phones are masked), so its log was
    skipped and an empty look in another export was shown instead. Say the log's own refusal (left60: its
    收货人 is now taken as the buyer, so the analyst's clearing that role is what leaves it naming no one)."""
    from crm_core.load.reader import load_file
    from crm_core.workspace.roles import get_roles
    from crm_core.workspace.store import save_roles

    with ws.connect() as con:
        load_file(con, DATA / "vipshop_orders_excerpt_zh.csv", table="vip")
        save_roles(con, "vip", {r: c for r, c in get_roles(con, "vip").items() if r != "customer_id"})
        load_file(con, DATA / "gumroad_sales_excerpt.csv")  # another log, which does not hold her
    at = _customer(ws.folder, lang)
    at.text_input(key="cust_query").set_value("朱军平").run()
    assert not at.exception, at.exception
    assert at.subheader[-1].value == t("customer.block.orders", lang)
    assert t("customer.empty", lang) not in [c.value for c in at.caption]
    said = [w.value for w in at.warning]
    assert any("手机号" in w and "收货人" in w and t("nav.data", lang) in w for w in said), said


def test_customer_page_shows_a_purchase_logs_orders_without_a_segments_run(ws, tmp_path):
    """Walk: the order history asked for a Segments run even for a purchase log."""
    from crm_core.load.reader import load_file
    from tests.ui.test_segments_page import shopify_export

    path, _ = shopify_export(tmp_path)
    with ws.connect() as con:
        load_file(con, path)
    at = _customer(ws.folder, "zh")
    at.text_input(key="cust_query").set_value("c3@example.com").run()
    assert not at.exception, at.exception
    orders = json.loads(at.dataframe[-1].proto.columns)
    assert orders["ts"]["label"] == "日期" and len(at.dataframe[-1].value) > 0
    assert at.subheader[-1].value == t("customer.block.orders", "zh")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_why_of_an_already_linked_name_says_which_record_and_table(lang):
    """QA6: the review list's why read "a record already linked to another one in that table":
    which record, which table? One of the pair already has its match in the other export."""
    from crm_core.link.cluster import agreeing

    pairs = pd.DataFrame({"g_name": [9], "w_name": [6.1], "name_elimination": ["already linked"]})
    why = agreeing(pairs, ["name"], {"name": False}, lang).iloc[0]
    assert why == {"en": "name (exact, one of the two already has its match in the other table, +6.1)",
                   "zh": "姓名（完全一致，其中一条在对方表中已有匹配的记录，+6.1）"}[lang]


def test_customer_page_reads_churn_and_spend_rows_in_words(sample_ws):
    """QA8 walk (CDNOW, Chinese page): the churn row read 0.9514, "gone", recency_days; the spend
    row expected_purchases and p_alive."""
    from crm_core.customers import churn
    from crm_core.workspace import runs

    with sample_ws.connect() as con:
        run = churn.run(con, "orders", churn.ChurnConfig())
        runs.save(con, run)
    customer = run.scores.sort_values("churn_probability").iloc[-1]["customer_id"]
    at = _customer(sample_ws.folder, "zh")
    at.text_input(key="cust_query").set_value(customer).run()
    assert not at.exception, at.exception
    grid = next(g for g in at.dataframe if "churn_probability" in g.value.columns)
    labels = json.loads(grid.proto.columns)
    assert labels["recency_days"]["label"] != "recency_days", labels["recency_days"]
    assert labels["churn_probability"]["type_config"]["format"] == "%.1f%%"  # as on Customers (walk27)
    codes = {"gone", "at_risk", "below_threshold", "active"}
    assert not set(grid.value["status"]) & codes, set(grid.value["status"])
    gaps = grid.value["mean_gap_days"].dropna()  # pres3 walk: 16.2222 beside whole days
    assert gaps.eq(gaps.round()).all() and labels["mean_gap_days"]["type_config"]["step"] == 1
    columns = list(grid.value.columns)
    assert columns.index("status") < columns.index("reasons"), columns
    assert "drivers" not in columns  # pol3 walk: "expected_purchases=0.4847 (+0.23); …" as on Customers
    assert labels["last_order"]["type_config"] == {"type": "date", "format": "YYYY年M月D日"}


def test_customer_pages_churn_block_heads_the_probability_short_as_the_customers_page(sample_ws):
    """small1 (1024 px): "Churn probability (no order in the window)" headed Customer 360's churn block and
    pushed the value at risk off the right edge; the Customers page heads the same figure short, the
    window in its tooltip, and so does this block now."""
    from crm_core.customers import churn
    from crm_core.workspace import runs

    with sample_ws.connect() as con:
        run = churn.run(con, "orders", churn.ChurnConfig())
        runs.save(con, run)
    customer = run.scores.sort_values("churn_probability").iloc[-1]["customer_id"]
    for lang in ("en", "zh"):
        at = _customer(sample_ws.folder, lang)
        at.text_input(key="cust_query").set_value(customer).run()
        assert not at.exception, at.exception
        grid = next(g for g in at.dataframe if "churn_probability" in g.value.columns)
        column = json.loads(grid.proto.columns)["churn_probability"]
        assert column["label"] == t("customers.grid.churn_probability", lang), column
        assert column["help"] == t("customers.col.churn_probability", lang), column
        assert column["width"] <= 24 + 8 * len(column["label"].encode("gbk")), column


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_customer_pages_chances_read_at_the_customers_pages_precision(sample_ws, lang):
    """walk26: Customer 360 read a churn probability of 91.96% where the Customers page read 92.0%
    for the same customer; both draw a chance held times 100 at one decimal now."""
    from crm_core.customers import churn
    from crm_core.workspace import runs

    with sample_ws.connect() as con:
        run = churn.run(con, "orders", churn.ChurnConfig())
        runs.save(con, run)
    scores = run.scores.set_index("customer_id")
    scored = scores[scores["p_alive"].notna()]["churn_probability"]
    customer = scored.mul(1000).mod(1).sub(0.5).abs().idxmin()  # 91.96% read beside 92.0%
    at = _customer(sample_ws.folder, lang)
    at.text_input(key="cust_query").set_value(customer).run()
    assert not at.exception, at.exception
    grid = next(g for g in at.dataframe if "churn_probability" in g.value.columns)
    columns = json.loads(grid.proto.columns)
    for share in ("churn_probability", "p_alive"):
        assert columns[share]["type_config"]["format"] == "%.1f%%", columns[share]
        assert grid.value[share].tolist() == [round(scores.loc[customer, share] * 100, 1)], grid.value[share]


def test_customer_page_reads_a_one_order_customers_churn_without_a_chance_alive(sample_ws):
    """walk28: a customer of one order has no chance alive (``p_alive`` missing), so the block's one
    row held it as None: rounding the chances (walk27) raised "Expected numeric dtype" in place of
    the churn block, on the customer the walks look up (002440)."""
    from crm_core.customers import churn
    from crm_core.workspace import runs

    with sample_ws.connect() as con:
        run = churn.run(con, "orders", churn.ChurnConfig())
        runs.save(con, run)
    scores = run.scores.set_index("customer_id")
    customer = scores[scores["p_alive"].isna()].index[0]
    at = _customer(sample_ws.folder)
    at.text_input(key="cust_query").set_value(customer).run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    grid = next(g for g in at.dataframe if "churn_probability" in g.value.columns)
    chance = scores.loc[customer, "churn_probability"]
    assert grid.value["churn_probability"].tolist() == [round(chance * 100, 1)], grid.value
    assert grid.value["p_alive"].isna().all(), grid.value["p_alive"]


def _churn_kept_in(ws, lang: str) -> str:
    """A churn run on the sample orders kept in ``lang``; the id of a customer it scored with a gap."""
    from crm_core.customers import churn

    with ws.connect() as con:
        run = churn.run(con, "orders", churn.ChurnConfig(), lang=lang)
        runs.save(con, run)
    return run.scores.dropna(subset=["mean_gap_days"]).iloc[0]["customer_id"]


@pytest.mark.parametrize(("kept", "asked"), [("zh", "en"), ("en", "zh")])
def test_customer_page_words_kept_churn_reasons_in_the_pages_language(sample_ws, kept, asked):
    """walk15: after a churn run on the Chinese page, the English Customer 360 read the reasons
    "已 140 天未下单，通常每 30 天下单一次" (a kept run keeps its language)."""
    customer = _churn_kept_in(sample_ws, kept)
    at = _customer(sample_ws.folder, asked)
    at.text_input(key="cust_query").set_value(customer).run()
    assert not at.exception, at.exception
    grid = next(g for g in at.dataframe if "reasons" in g.value.columns)
    reason = grid.value["reasons"].iloc[0]
    usual = {"en": "usually orders every", "zh": "通常每"}
    assert usual[asked] in reason and usual[kept] not in reason, reason


def test_cli_customer_words_kept_churn_reasons_in_the_asked_language(sample_ws, capsys):
    """walk15: ``customer ID`` (English) printed a Chinese run's reasons in Chinese."""
    from crm_core.cli import main

    customer = _churn_kept_in(sample_ws, "zh")
    said = {}
    for lang in ("en", "zh"):
        assert main(["customer", customer, "--lang", lang, "--workspace", str(sample_ws.folder)]) == 0
        found = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
        said[lang] = found["churn_scores"]["rows"][0]["reasons"]
    assert "usually orders every" in said["en"] and "通常每" in said["zh"], said


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_link_page_says_which_ids_it_split_into_people(ws, tmp_path, lang):
    """walk15: the summary listed ``ids_split_into_people`` since link14; the page did not say that
    one till card's purchases now go to two customers."""
    from crm_core.load.reader import load_file
    from tests.link.test_shared_ids import _card, _till_and_web

    till, web, (a, *_) = _till_and_web()
    till.to_csv(tmp_path / "会员消费明细.csv", index=False)
    web.to_csv(tmp_path / "网店买家.csv", index=False)
    with ws.connect() as con:
        for name in ("会员消费明细", "网店买家"):
            load_file(con, tmp_path / f"{name}.csv")
    at = _link(ws.folder, lang)
    at.multiselect(key="link_tables").set_value(["会员消费明细", "网店买家"])
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert t("link.ids_split.one", lang) in [i.value for i in at.info]
    grid = next(g for g in at.dataframe if "people" in g.value.columns)
    assert grid.value.to_dict("records") == [{"table": "会员消费明细", "id": _card(a), "people": 2}]
    labels = {c: json.loads(grid.proto.columns)[c]["label"] for c in ("table", "id", "people")}
    assert labels == {c: t(f"link.split.{c}", lang) for c in labels}, labels


def test_review_says_a_contact_without_a_name_has_none(ws):
    """Support contacts reached by e-mail alone were listed as "**None** (support_contacts S…)"."""
    exports = synthetic.exports(300, seed=97)  # S0000044 writes in without a name
    assert exports.tables["support_contacts"]["contact_name"].isna().any()
    with ws.connect() as con:
        for name, frame in exports.tables.items():
            store.write_frame(con, name, frame)
    at = _link(ws.folder)
    at.multiselect(key="link_tables").set_value(["web_customers", "till_members", "support_contacts"])
    at.button[0].click().run()
    pairs = [m.value for m in at.markdown if "↔" in m.value]
    assert pairs and not [p for p in pairs if "None" in p], pairs
    assert any("(no name)" in p for p in pairs)


def test_model_tab_in_chinese_names_fields_and_levels_in_chinese(ws):
    """The Chinese page's model table read ``name · same letters``, ``phone · last 8 digits``."""
    _workspace(ws)
    at = _link(ws.folder, "zh")
    at.multiselect(key="link_tables").set_value(["web_customers", "till_members", "support_contacts"])
    at.button[0].click().run()
    assert not at.exception
    grid = next(d for d in at.dataframe if "weight" in d.value.columns)
    model = grid.value
    assert set(model["field"]) >= {"姓名", "电话"} and "完全一致" in set(model["level"])
    assert not any(c.isascii() and c.isalpha() for v in model["level"] for c in v if c != "8")
    assert json.loads(grid.proto.columns)["level"]["label"] == "一致程度"


def test_links_and_customers_grids_in_chinese_are_headed_in_words(ws):
    """The Chinese page headed them left_table, match_probability, w_phone, customer_key…"""
    _workspace(ws)
    at = _link(ws.folder, "zh")
    at.multiselect(key="link_tables").set_value(["web_customers", "till_members", "support_contacts"])
    at.button[0].click().run()
    grids = {tuple(d.value.columns): json.loads(d.proto.columns) for d in at.dataframe}
    links = next(c for cols, c in grids.items() if "match_probability" in cols)
    customers = next(c for cols, c in grids.items() if "customer_key" in cols)
    assert links["match_probability"]["label"] == "匹配概率" and links["w_phone"]["label"] == "电话权重"
    assert customers["customer_key"]["label"] == "客户键" and customers["source_records"]["label"]


def test_table_choice_says_choose_in_chinese(ws):
    """The tables field read Streamlit's "Choose options" on the Chinese page."""
    _workspace(ws)
    at = _link(ws.folder, "zh")
    assert not at.exception
    assert at.multiselect(key="link_tables").proto.placeholder == t("common.choose", "zh")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_page_says_what_to_press_only_once_exports_are_chosen(ws, lang):
    """walk26: with exports already chosen the page said "Choose one or more customer exports and
    press Link records.", as if none were; it names the chosen ones and the button, and with none
    chosen asks for a choice alone (the button does nothing then)."""
    _workspace(ws)
    at = _link(ws.folder, lang)
    assert not at.exception, at.exception
    chosen = at.multiselect(key="link_tables").value
    [said] = [i.value for i in at.info]
    assert t("link.run", lang) in said and all(name in said for name in chosen), said
    assert len(chosen) > 1 and ("、" in said) == (lang == "zh"), said  # listed as the language lists
    assert said != t("link.start", lang)
    at.multiselect(key="link_tables").set_value([])
    at.button[0].click().run()
    assert [i.value for i in at.info] == [t("link.start", lang)]
    assert t("link.run", lang) not in t("link.start", lang)


def test_save_button_says_what_it_keeps_in_words(ws):
    """The Chinese button read "采用这些客户（保存 `identity_map` 与 `customers_unified`）"; the table
    names now sit in a caption under it."""
    _workspace(ws)
    at = _link(ws.folder, "zh")
    at.multiselect(key="link_tables").set_value(["web_customers", "till_members", "support_contacts"])
    at.button[0].click().run()
    assert not at.exception, at.exception
    label = at.button(key="link_save").label
    assert label == t("link.save", "zh") and "_" not in label
    assert any("identity_map" in c.value for c in at.caption)


def test_customer_page_reads_the_tables_kinds_once_not_per_look_up(sample_ws, monkeypatch):
    """Each look-up re-detected every table's kind (distinct ids per candidate column, a scan of
    each log: ~0.26 s CPU of ~0.9 s on a workspace holding Complete Journey's 1.5 M lines)."""
    from crm_core.link import customer360
    from crm_core.workspace import table_kind

    seen: list[str] = []

    def counted(con, table, roles=None):
        seen.append(table)
        return table_kind.kind_of(con, table, roles)

    monkeypatch.setattr(customer360, "kind_of", counted)
    with sample_ws.connect() as con:
        first, second = con.execute("SELECT DISTINCT customer_id FROM orders ORDER BY 1 LIMIT 2").fetchall()
    at = _customer(sample_ws.folder)
    at.text_input(key="cust_query").set_value(first[0]).run()
    assert not at.exception and "orders" in seen
    detected = len(seen)
    at.text_input(key="cust_query").set_value(second[0]).run()
    assert not at.exception, at.exception
    assert len(seen) == detected, seen[detected:]
    assert any("order_id" in g.value.columns or "ts" in g.value.columns for g in at.dataframe)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_customer_page_names_the_products_of_the_orders_from_the_catalogue(sample_ws, lang):
    """Walk (Complete Journey + its products): the orders listed product ids (``971646``) although
    a catalogue naming them was loaded; Recommend names them, Customer 360 now does too."""
    with sample_ws.connect() as con:
        customer, product = con.execute("SELECT customer_id, product_id FROM orders LIMIT 1").fetchone()
        name = con.execute("SELECT name FROM products WHERE product_id = ?", [product]).fetchone()[0]
    at = _customer(sample_ws.folder, lang)
    at.text_input(key="cust_query").set_value(customer).run()
    assert not at.exception, at.exception
    grid = at.dataframe[-1]
    assert name in grid.value["name"].tolist()
    assert json.loads(grid.proto.columns)["name"]["label"] == t("column.name", lang)
    # Quantity and Amount came after four catalogue columns, off the grid's edge at 1280 px
    columns = list(grid.value.columns)
    assert columns[:4] == ["ts", "order_id", "quantity", "amount"], columns


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_slider_has_the_thresholds_estimated_precision_and_recall_beside_it(ws, lang):
    """The slider alone showed its ends (0.05 … 0.99) and no estimate: the analyst read 0.99."""
    _workspace(ws)
    at = _link(ws.folder, lang)
    at.multiselect(key="link_tables").set_value(["web_customers", "till_members", "support_contacts"])
    at.button[0].click().run()
    best = at.slider(key="link_threshold").value
    shown = _percent(best)
    said = {"en": f"At **{shown}**: ", "zh": f"阈值 **{shown}** 时："}[lang]
    assert any(m.value.startswith(said) for m in at.markdown), [m.value for m in at.markdown][:5]
    at.slider(key="link_threshold").set_value(0.7).run()
    assert not at.exception, at.exception
    assert any(m.value.startswith(said.replace(shown, "70%")) for m in at.markdown)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_slider_states_the_customers_estimate_the_default_is_chosen_by(ws, lang):
    """Beside the slider stood the links' mean probability (English exports: 93 %) while the
    default threshold is chosen by the customers' own estimate (96 %): it now states the
    customers, their estimated pairwise precision and recall, as the summary does."""
    _workspace(ws)
    at = _link(ws.folder, lang)
    at.multiselect(key="link_tables").set_value(["web_customers", "till_members", "support_contacts"])
    at.button[0].click().run()
    at.slider(key="link_threshold").set_value(0.3).run()
    assert not at.exception, at.exception
    with ws.connect() as con:
        scored = link_run.score(con, sorted(["web_customers", "till_members", "support_contacts"]),
                                link_run.LinkConfig())
    found = cluster.clusters(scored.records, scored.pairs.assign(decision=None), 0.3, scored.apart)
    sizes = pd.Series(found.labels[scored.records["rid"]]).value_counts()
    in_customers = int((sizes * (sizes - 1) // 2).sum())  # the pairs the judged precision counts
    true_in = found.estimated_precision * in_customers
    inside = found.labels[scored.pairs["l"]] == found.labels[scored.pairs["r"]]
    matches = scored.expected_matches - scored.pairs["match_probability"][inside].sum() + true_in
    customers, precision = len(sizes), f"{100 * found.estimated_precision:.1f}%"
    recall = f"{100 * true_in / matches:.1f}%"
    said = {"en": f"At **30%**: {customers:,} customers; estimated precision {precision} and "
                  f"recall {recall}, counted over the pairs of records in one customer "
                  f"({in_customers:,} pairs)",
            "zh": f"阈值 **30%** 时：{customers:,} 位客户；"
                  f"按归入同一客户的记录对（{in_customers:,} 对）计，"
                  f"估计精确率 {precision}，估计召回率 {recall}"}[lang]
    assert said in [m.value for m in at.markdown]
    shown = {m.label: m.value for m in at.metric}
    assert shown[t("link.col.precision", lang)] == precision
    assert shown[t("link.col.recall", lang)] == recall


def test_link_page_on_customers_nobody_twice_claims_no_precision(sample_ws):
    """The sample's customers (nobody twice): nothing linked, and no "100 %" precision of nothing."""
    at = _link(sample_ws.folder)
    at.multiselect(key="link_tables").set_value(["customers"])
    at.button[0].click().run()
    assert not at.exception, at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Pairs linked"] == "0"
    assert metrics["Estimated precision"] == "—"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_link_page_names_no_gap_where_the_head_count_and_the_customers_agree(sample_ws, lang):
    """walk28: on the sample's customers the page read "about 3,000 people. The clusters make 3,000
    customers; the gap is pairs it is unsure of" — a gap of none explained. Where the two agree, it
    says so; where they differ the gap keeps its reason."""
    at = _link(sample_ws.folder, lang)
    at.multiselect(key="link_tables").set_value(["customers"])
    at.button[0].click().run()
    assert not at.exception, at.exception
    captions = [c.value for c in at.caption]
    assert t("link.estimated_people.agree", lang, customers="3,000") in captions, captions
    assert t("link.estimated_people", lang, people="3,000", customers="3,000") not in captions, captions



@pytest.mark.parametrize("lang", ["en", "zh"])
def test_link_page_draws_no_precision_chart_when_no_two_records_link(sample_ws, lang):
    """walk28: Link on the sample's customers (nobody twice) drew the precision/recall chart as empty
    axes under "no two records linked": nothing to plot is said in one line, no chart drawn."""
    at = _link(sample_ws.folder, lang)
    at.multiselect(key="link_tables").set_value(["customers"])
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert {m.label: m.value for m in at.metric}[t("link.col.linked", lang)] == "0"
    assert not at.get("plotly_chart"), "empty axes drawn"
    assert t("link.chart.none", lang) in [c.value for c in at.caption]


def _order_export(ws, n: int = 600, customers: int = 120) -> None:
    """An order log, one row per order: a customer id repeated over its orders, the phone typed
    at each order (no two alike) and a city: the pairs link nothing, the ids count customers."""
    rng = np.random.default_rng(1)
    buyer = rng.integers(0, customers, n)
    frame = pd.DataFrame({"order_id": [f"SO{100000 + i}" for i in range(n)],
                          "customer_id": [f"C{c:04d}" for c in buyer],
                          "phone": [f"139{x:08d}" for x in rng.integers(0, 10**8, n)],
                          "city": [("Shanghai", "Beijing", "Chengdu")[c % 3] for c in buyer],
                          "amount": rng.uniform(10, 500, n).round(2)})
    with ws.connect() as con:
        store.write_frame(con, "order_export", frame)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_link_page_on_one_order_log_says_its_ids_are_the_customers_and_claims_no_recall(ws, lang):
    """20,000 orders read "Customers 942", "Pairs linked 0", "Estimated recall 0.0%": which to
    believe? No recall of nothing, and the page says the customers are the export's ids."""
    _order_export(ws)
    at = _link(ws.folder, lang)
    at.multiselect(key="link_tables").set_value(["order_export"])
    at.button[0].click().run()
    assert not at.exception, at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("link.col.linked", lang)] == "0"
    assert metrics[t("link.col.recall", lang)] == "—"
    said = {"en": "the 120 customers are its distinct ids among 600 records",
            "zh": "120 位客户就是这 600 条记录里不同编号的个数"}[lang]
    assert any(said in i.value and "customer_id" in i.value for i in at.info), [i.value for i in at.info]


def test_customer_page_heads_every_segment_column_and_dates_orders_by_day(ws, tmp_path):
    """QA3 walk (CDNOW, Chinese page): the segment row read customer_id, cluster, r_score, rfm_cell,
    first_order; orders of a log without times read "1997-01-01 00:00:00"."""
    import pandas as pd

    from crm_core.load.reader import load_file
    from crm_core.segment import run as segment_run
    from crm_core.workspace import runs

    path = tmp_path / "cdnow.csv"  # CDNOW_master's shape: id, yyyymmdd, CDs, dollars
    pd.DataFrame([(f"{c:05d}", f"1997{m:02d}{d:02d}", 1 + (c + m) % 3, 10.0 + c % 7 + m)
                  for c in range(1, 61) for m, d in ((1, 1 + c % 28), (3 + c % 5, 12), (8, 2 + c % 20))],
                 columns=["customer_id", "date", "number_of_cds", "dollar_value"]).to_csv(path, index=False)
    with ws.connect() as con:
        load_file(con, path, table="cdnow")
        runs.save(con, segment_run.run(con, "cdnow", segment_run.SegmentConfig()))
    at = _customer(ws.folder, "zh")
    at.text_input(key="cust_query").set_value("00004").run()
    assert not at.exception, at.exception
    segment_grid, order_grid = at.dataframe[0], at.dataframe[-1]
    headed = json.loads(segment_grid.proto.columns)
    raw = [c for c in segment_grid.value.columns if headed.get(c, {}).get("label", c) == c]
    assert not raw, raw
    order_columns = json.loads(order_grid.proto.columns)
    assert order_columns["ts"]["label"] == "日期"
    assert order_columns["ts"]["type_config"]["format"] == "YYYY年M月D日", order_columns["ts"]


def test_customer_page_shows_money_with_two_decimals_on_the_grid_and_in_excel(sample_ws):
    """Walk: the orders and spend grids read 2.5 for 2.50 (the grid's number format trims zeros)
    and the Excel download had no number format; money now reads 2.50 / 1,234.50 in both."""
    import io

    import openpyxl

    from app_ui.widgets import AMOUNTS
    from crm_core.customers import spend
    from crm_core.link import customer360
    from crm_core.report.files import excel_bytes_fast
    from crm_core.workspace import runs

    with sample_ws.connect() as con:
        runs.save(con, spend.run(con, "orders", spend.SpendConfig()))
        customer = con.execute("SELECT customer_id FROM orders WHERE customer_id IS NOT NULL GROUP BY 1 "
                               "ORDER BY count(*) DESC, 1 LIMIT 1").fetchone()[0]
        rows = customer360.view(con, customer)["orders"]["rows"]
    at = _customer(sample_ws.folder, "zh")
    at.text_input(key="cust_query").set_value(customer).run()
    assert not at.exception, at.exception
    grids = {tuple(g.value.columns): json.loads(g.proto.columns) for g in at.dataframe
             if "table" not in g.value.columns}  # the export's own rows show its cells as written
    money = [(column, config[column]["type_config"]) for config in grids.values()
             for column in ("amount", "expected_spend") if column in config]
    assert {c for c, _ in money} == {"amount", "expected_spend"}, grids
    for column, shape in money:
        assert shape.get("step") == 0.01, (column, shape)
        assert shape["format"] in ("localized", "dollar", "euro"), (column, shape)
    sheet = openpyxl.load_workbook(io.BytesIO(excel_bytes_fast({"o": pd.DataFrame(rows)}, AMOUNTS)))["o"]
    header = [c.value for c in sheet[1]]
    amounts = [row[header.index("amount")] for row in sheet.iter_rows(min_row=2)]
    assert amounts and all(cell.number_format == "#,##0.00" for cell in amounts)


def test_customer_pages_workbooks_read_as_its_grids_in_chinese(sample_ws, monkeypatch):
    """dl11: Customer 360's Excel files kept the CLI's names (``churn_probability``, ``status=gone``)
    under the Chinese page's grids; each now heads its sheet as its grid does, in the page's words."""
    import io

    from crm_core.customers import churn
    from tests.ui.apptest import catch_downloads

    with sample_ws.connect() as con:
        runs.save(con, churn.run(con, "orders", churn.ChurnConfig()))
        customer = con.execute("SELECT customer_id FROM orders WHERE customer_id IS NOT NULL GROUP BY 1 "
                               "ORDER BY count(*) DESC, 1 LIMIT 1").fetchone()[0]
    files = catch_downloads(monkeypatch)
    at = _customer(sample_ws.folder, "zh")
    at.text_input(key="cust_query").set_value(customer).run()
    assert not at.exception, at.exception
    heads = []
    for grid in at.dataframe:
        config = json.loads(grid.proto.columns)
        heads.append([config.get(c, {}).get("label") or c for c in grid.value.columns
                      if not config.get(c, {}).get("hidden")])
    sheets = {name: pd.read_excel(io.BytesIO(build())) for name, build in files.items()
              if name.endswith(".xlsx")}
    assert {"customer_churn_scores.xlsx", "customer_orders.xlsx"} <= set(sheets), list(sheets)
    for name, sheet in sheets.items():
        assert list(sheet.columns) in heads, (name, list(sheet.columns))
    churned = sheets["customer_churn_scores.xlsx"][t("customers.col.status", "zh")]
    statuses = ("gone", "at_risk", "below_threshold", "active")
    assert set(churned) <= {t(f"customers.status.{s}", "zh") for s in statuses}
    # walk25: their CSVs (the CLI's ``customer`` prints JSON, so no file has their columns) were headed
    # customer_id, churn_probability, order_date on the Chinese page; now as the grid and workbook head them
    for name, sheet in sheets.items():
        written = files[name.replace(".xlsx", ".csv")]().decode("utf-8-sig").splitlines()[0].split(",")
        assert set(sheet.columns) <= set(written), (name, written)
        assert not [h for h in written if re.fullmatch(r"[a-z]+(_[a-z]+)+", h)], (name, written)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_customer_page_names_the_run_a_block_comes_from_after_a_run_on_another_table(ws, tmp_path, lang):
    """QA3 walk: a segmentation of another table emptied a CDNOW customer's segment block ("nothing
    for this customer"); it now shows the earlier run's row, naming its table and the newer run."""
    from crm_core.load.reader import load_file
    from crm_core.report.format import day as said_day
    from crm_core.segment import run as segment_run
    from crm_core.workspace import runs

    rows = [(f"{c:05d}", f"1997{m:02d}{d:02d}", 1 + (c + m) % 3, 10.0 + c % 7 + m)
            for c in range(1, 61) for m, d in ((1, 1 + c % 28), (3 + c % 5, 12), (8, 2 + c % 20))]
    columns = ["customer_id", "date", "number_of_cds", "dollar_value"]
    pd.DataFrame(rows, columns=columns).to_csv(tmp_path / "cdnow.csv", index=False)
    web = pd.DataFrame([("W" + r[0], *r[1:]) for r in rows], columns=columns)
    web.to_csv(tmp_path / "web.csv", index=False)
    with ws.connect() as con:
        for name in ("cdnow", "web"):
            load_file(con, tmp_path / f"{name}.csv", table=name)
            runs.save(con, segment_run.run(con, name, segment_run.SegmentConfig()))
        day = runs.list_runs(con, "segments")[-1].created_at
    at = _customer(ws.folder, lang)
    at.text_input(key="cust_query").set_value("00004").run()
    assert not at.exception, at.exception
    assert "customer_id" in at.dataframe[0].value.columns
    said = t("customer.from_older_run", lang, table="cdnow", day=said_day(day, lang), tables="web")
    assert said in [c.value for c in at.caption]


def test_customer_page_reads_recommendation_scores_with_two_decimals_and_headers_in_words(sample_ws):
    """QA3 walk: the recommendation block read score 5.1501 / 4.421 under customer_id, product_id."""
    from crm_core.recommend import run as recommend_run
    from crm_core.workspace import runs

    with sample_ws.connect() as con:
        run = recommend_run.run(con, "orders", recommend_run.RecommendConfig())
        runs.save(con, run)
        customer = str(run.tables()["recommendations"]["customer_id"].iloc[0])
    at = _customer(sample_ws.folder, "zh")
    at.text_input(key="cust_query").set_value(customer).run()
    assert not at.exception, at.exception
    grid = next(g for g in at.dataframe if "score" in g.value.columns)
    columns = json.loads(grid.proto.columns)
    assert columns["score"]["type_config"]["format"] == "%.2f"
    assert columns["score"]["label"] == "得分" and columns["product_id"]["label"] == "商品编号"
    reasons = {t(f"rec.reason.{r}", "zh") for r in run.tables()["recommendations"]["reason"].unique()}
    assert set(grid.value["reason"]) <= reasons, set(grid.value["reason"])  # was similar, lately


def test_the_review_and_decision_workbooks_read_in_chinese(ws, monkeypatch):
    """dl12: the review list's workbook was headed left_table, match_probability (0.6124), w_phone
    and the decisions' workbook said ``reject`` on the Chinese page; the CSVs keep the codes.
    walk11: identity_map.xlsx was still headed table · record_id · customer_key."""
    from crm_core.i18n import t
    from tests.ui.apptest import catch_downloads, opened_workbook

    _workspace(ws)
    at = _link(ws.folder)
    at.multiselect(key="link_tables").set_value(["web_customers", "till_members", "support_contacts"])
    at.button[0].click().run()
    next(b for b in at.button if b.key and b.key.startswith("link_no_")).click().run()
    files = catch_downloads(monkeypatch)
    at.session_state["lang"] = "zh"
    at.run()
    assert not at.exception, at.exception
    _, pairs = opened_workbook(files, "link_review.xlsx")
    assert not [h for h in pairs if "_" in h], list(pairs)
    listed = pd.read_csv(io.BytesIO(files["link_review.csv"]()), encoding="utf-8-sig")  # left30
    assert list(listed.columns) == list(pairs) and (listed.iloc[:, list(pairs).index(
        t("link.links_col.match_probability", "zh"))] < 1).all()  # headed in words, the share kept
    probability = pairs[t("link.links_col.match_probability", "zh")]
    assert {c.number_format for c in probability} == {"0.0%"} and all(0 < c.value < 1 for c in probability)
    _, kept = opened_workbook(files, "link_decisions.xlsx")
    assert [c.value for c in kept[t("link.decision_col.decision", "zh")]] == [t("link.review.reject", "zh")]
    assert t("link.decision_col.decided_by", "zh") in kept
    decided = kept[t("link.decision_col.decided_at", "zh")]  # walk11: the text 2026-12-05 00:57:41.139966
    assert all(c.is_date and c.number_format == 'yyyy"年"m"月"d"日" hh:mm' for c in decided), decided
    assert "reject" in files["link_decisions.csv"]().decode("utf-8-sig")
    decisions = files["link_decisions.csv"]().decode("utf-8-sig").splitlines()[0].split(",")  # walk25
    sides = ("left_table", "left_id", "right_table", "right_id")
    assert decisions == [t(f"link.links_col.{c}", "zh") for c in sides] + [
        t(f"link.decision_col.{c}", "zh") for c in ("decision", "decided_by", "decided_at")], decisions
    _, identity = opened_workbook(files, "identity_map.xlsx")  # walk11: table · record_id · customer_key
    assert list(identity) == ["数据表", "记录编号", "客户键"] and all(identity["客户键"])
    # walk23: link_model.csv (no CLI file has it: the CLI writes link_model.json) was headed field, level,
    # m, u on the Chinese page and wrote u as 1e-06; now headed as its grid, every number in digits
    _, grid = opened_workbook(files, "link_model.xlsx")
    model = files["link_model.csv"]().decode("utf-8-sig")
    assert model.splitlines()[0].split(",") == list(grid) and "field" not in model.splitlines()[0]
    assert not re.search(r"\de-?\d", model), model


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_kept_decisions_read_in_the_reviews_words(ws, lang):
    """walk10: the Decisions tab read left_table · left_id · right_table · right_id · decision ·
    decided_by · decided_at, ``confirm`` / ``reject`` and ``2026-12-04 23:23:16``."""
    _workspace(ws)
    with ws.connect() as con:
        review.decide(con, ("web_customers", "W0000001"), ("support_contacts", "S0000002"), "confirm")
    at = _link(ws.folder, lang)
    at.multiselect(key="link_tables").set_value(["web_customers", "support_contacts"])
    at.button[0].click().run()
    assert not at.exception, at.exception
    grid = next(g for g in at.dataframe if "decided_by" in g.value.columns)
    config = json.loads(grid.proto.columns)
    assert [config[c]["label"] for c in grid.value.columns] == [
        t(f"link.decision_col.{c}", lang) for c in ("left", "right", "decision", "decided_by", "decided_at")]
    row = grid.value.iloc[0]
    assert {row["left"], row["right"]} == {"web_customers W0000001", "support_contacts S0000002"}
    assert row["decision"] == t("link.review.confirm", lang)
    assert config["decided_at"]["type_config"]["type"] == "datetime", config["decided_at"]


def _parent_of(node, key: str):
    """The block that holds the widget ``key`` directly."""
    for child in getattr(node, "children", {}).values():
        if getattr(child, "key", None) == key:
            return node
        found = _parent_of(child, key)
        if found is not None:
            return found
    return None


def test_review_buttons_keep_their_words_whole(ws):
    """walk12: at 1024 px each button had two ninths of the row and read "Same custo…"; both sit
    in a row that wraps, each as wide as its words."""
    _workspace(ws)
    at = _link(ws.folder)
    at.multiselect(key="link_tables").set_value(["web_customers", "till_members", "support_contacts"])
    at.button[0].click().run()
    key = next(b.key for b in at.button if b.key and b.key.startswith("link_yes_"))
    row = _parent_of(at._tree, key)
    keys = [getattr(c, "key", None) for c in row.children.values()]
    assert keys == [key, key.replace("yes", "no")], keys
    shape = row.proto.flex_container
    assert shape.direction == shape.HORIZONTAL and shape.wrap, row.proto


def test_link_page_does_not_choose_an_order_log_for_its_names_and_phones(ws):
    """walk11/walk12: 会员订单 (one row per order, 会员编号, 会员姓名 and 手机号 typed at each) was
    chosen beside the till and web-shop members; linking thousands of order lines is not what the
    analyst meant. The form opens with the contact exports; the log can still be chosen by hand."""
    exports = synthetic.exports(300, seed=61, chinese_share=1.0)
    members = exports.tables["till_members"]
    rng = np.random.default_rng(11)
    buyer = members.iloc[rng.integers(0, len(members), 2000)].reset_index(drop=True)
    orders = pd.DataFrame({"订单编号": [str(3123456789012345678 + k * 7919) for k in range(2000)],
                           "下单时间": pd.Timestamp("2023-01-01") + pd.to_timedelta(
                               rng.integers(0, 720 * 24 * 60, 2000), unit="min"),
                           "会员编号": buyer["会员编号"], "会员姓名": buyer["姓名"], "手机号": buyer["手机"],
                           "实付金额": rng.uniform(20, 900, 2000).round(2)})
    with ws.connect() as con:
        for name, frame in exports.tables.items():
            store.write_frame(con, name, frame)
        store.write_frame(con, "会员订单", orders)
    at = _link(ws.folder, "zh")
    assert not at.exception, at.exception
    box = at.multiselect(key="link_tables")
    assert "会员订单" in box.options and "会员订单" not in box.value
    assert sorted(box.value) == sorted(exports.tables)


def test_customer_month_bars_read_whole_amounts_under_the_currencys_sign():
    """walk12: Customer 360's monthly spend axis read "50k" / "100k" on the Chinese page, with no
    unit; it reads whole amounts with separators, the title carrying the sign as the language
    brackets it."""
    from crm_core.link.charts import orders_figure

    orders = pd.DataFrame({"ts": pd.date_range("2023-01-05", periods=6, freq="MS"),
                           "amount": [61_512.5, 98_004.0, 72_311.9, 80_020.0, 55_000.0, 99_870.1]})
    zh, en = orders_figure(orders, "zh", "CNY").layout.yaxis, orders_figure(orders, "en", "GBP").layout.yaxis
    assert zh.tickformat == en.tickformat == ",.0f"
    assert zh.title.text == "消费金额（¥）" and en.title.text == t("customer.chart.spend", "en") + " (£)"
    assert orders_figure(orders, "en").layout.yaxis.title.text == t("customer.chart.spend_no_currency", "en")


@pytest.mark.parametrize(("lang", "title"), [("en", "Spend (sum of 'Sales')"),
                                             ("zh", "消费金额（“Sales”之和）")])
def test_customer_month_bars_name_the_money_column_when_no_currency_is_set(ws, tmp_path, lang, title):
    """walk16 (``en_04_c360_002327.png``): with no currency set the spend axis read a bare "Spend"."""
    from crm_core.load.reader import load_file

    path = tmp_path / "sales.csv"
    path.write_text("customer_id,order_date,Sales\n" + "".join(
        f"C{i % 3},2025-0{1 + i % 6}-1{i % 9},{40 + 7 * i}\n" for i in range(30)))
    with ws.connect() as con:
        load_file(con, path)
    at = _customer(ws.folder, lang)
    at.text_input(key="cust_query").set_value("C1").run()
    assert not at.exception, at.exception
    spec = json.loads(at.get("plotly_chart")[-1].proto.spec)
    assert spec["layout"]["yaxis"]["title"]["text"] == title, spec["layout"]["yaxis"]


def test_link_page_writes_a_log_keyed_by_the_linked_customer(ws):
    """judge13: only `link --rekey` in the terminal gave a log whose customers are people; the page
    saved the map and left segments, churn and recommendations counting each channel's accounts."""
    exports = _workspace(ws)
    web, till = exports.tables["web_customers"], exports.tables["till_members"]
    ids = [*web["customer_id"].astype(str), *till["会员编号"].astype(str)]
    rng = np.random.default_rng(5)
    days = pd.to_timedelta(rng.integers(0, 300, 1500), "D")
    orders = pd.DataFrame({"customer_id": rng.choice(ids, 1500), "amount": rng.uniform(5, 200, 1500).round(2),
                           "order_date": pd.Timestamp("2025-01-01") + days})
    with ws.connect() as con:
        store.write_frame(con, "orders", orders)
    at = _link(ws.folder)
    at.multiselect(key="link_tables").set_value(["web_customers", "till_members", "support_contacts"])
    at.button[0].click().run()
    assert not at.exception, at.exception
    logs = next(m for m in at.multiselect if m.label.startswith("Count people in these logs"))
    assert logs.options == ["orders"] and logs.value == []  # not linked, so not chosen for the analyst
    logs.set_value(["orders"])
    next(b for b in at.button if b.label == "Write the copies").click().run()
    assert not at.exception, at.exception
    assert any("orders_by_customer" in s.value for s in at.success)
    with ws.connect() as con:
        people, accounts = con.execute("SELECT count(DISTINCT customer_key), count(DISTINCT customer_id) "
                                       "FROM orders_by_customer").fetchone()
        assert get_roles(con, "orders_by_customer")["customer_id"] == "customer_key"
    assert people < accounts  # one person's web and till ids are one customer


@pytest.mark.parametrize(("lang", "form"), [("zh", "YYYY年M月D日 HH:mm"), ("en", "D MMM YYYY, HH:mm")])
def test_customer_orders_with_times_read_as_the_pages_day_and_time(ws, tmp_path, lang, form):
    """walk12: on the Chinese page Customer 360's order lines read ``2023-01-01 07:50:00`` (ISO,
    seconds) where the other grids say a day as the language does; a line's time now reads
    2023年1月1日 07:50 / 1 Jan 2023, 07:50, and the grid still holds the moment to sort by."""
    from crm_core.load.reader import load_file

    path = tmp_path / "till_lines.csv"
    pd.DataFrame({"order_id": ["T1", "T2", "T3", "T4"], "member_id": ["M1", "M1", "M2", "M1"],
                  "order_time": ["2023-01-01 07:50:00", "2023-01-08 18:05:00", "2023-01-09 09:00:00",
                                 "2023-02-03 12:30:00"],
                  "amount": [12.5, 30.0, 8.0, 14.2]}).to_csv(path, index=False)
    with ws.connect() as con:
        load_file(con, path)
    at = _customer(ws.folder, lang)
    at.text_input(key="cust_query").set_value("M1").run()
    assert not at.exception, at.exception
    orders = at.dataframe[-1]
    column = json.loads(orders.proto.columns)["ts"]
    assert column["type_config"] == {"type": "datetime", "format": form}, column
    assert pd.api.types.is_datetime64_any_dtype(orders.value["ts"]) and len(orders.value) == 3


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_link_page_says_which_field_carried_the_links_and_which_only_some_exports_hold(ws, lang):
    """link19 put ``linked_on`` and ``held_by_some`` in the CLI's summary; the page said neither, so
    a hotel's bookings linked to its points ledger by the phone alone looked like any other link."""
    at = _linked_excerpts(ws, lang, "hotel_reservations_excerpt.xlsx", "points_ledger_excerpt_zh.csv")
    said = {"en": ("phone", "34 pairs"), "zh": ("电话", "34 对")}[lang]
    carried = [c.value for c in at.caption if all(s in c.value for s in said)]
    assert carried, [c.value for c in at.caption]

    exports = _workspace(ws)  # the support desk holds no birth date
    assert "birth_date" not in exports.tables["support_contacts"].columns
    at.run()
    at.multiselect(key="link_tables").set_value(["web_customers", "till_members", "support_contacts"])
    at.button[0].click().run()
    assert not at.exception, at.exception
    born = {"en": "birth date", "zh": "出生日期"}[lang]
    held = [re.search(re.escape(born) + r"[^)）]*[)）]", c.value) for c in at.caption]
    held = [m.group(0) for m in held if m and "web_customers" in m.group(0)]
    assert held and "till_members" in held[0] and "support_contacts" not in held[0], held
    comma = listed(["", ""], lang)  # "、" on the Chinese page, not ", "
    assert any(comma + name in held[0] for name in ("web_customers", "till_members")), held


def test_customer_page_finds_a_buyers_nickname_before_any_link_run(ws, tmp_path):
    """Walk18: 木子9383, a 买家昵称 of the loaded 订单导出, found nothing and read "该客户没有相关记录"
    until a link run was made; the page now shows their rows and orders and says linking is to do."""
    from crm_core.load.reader import load_file
    from tests.link.test_customer360 import ORDER_EXPORT

    path = tmp_path / "订单导出.csv"
    path.write_bytes(ORDER_EXPORT.encode("gb18030"))
    with ws.connect() as con:
        load_file(con, path)
    at = _customer(ws.folder, "zh")
    at.text_input(key="cust_query").set_value("木子9383").run()
    assert not at.exception, at.exception
    # the only export loaded: no other export to link it with (walk40)
    assert any("订单导出" in i.value and "只有这一份导出文件" in i.value for i in at.info)
    assert t("customer.block.table_records", "zh") in [s.value for s in at.subheader]
    assert at.subheader[-1].value == t("customer.block.orders", "zh")
    assert list(at.dataframe[-1].value["amount"]) == [88.5, 120.0]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_link_page_says_relay_numbers_in_their_own_words(ws, lang):
    """link21's note on 美团's relay numbers (顾客电话 ``17023063797转2035``) came under the lead "Masked
    columns compare as exact tokens only; not compared:", but the column is not masked: the numbers
    are lent from order to order. The note now stands on its own, in either language."""
    from pathlib import Path

    from crm_core.load.reader import load_file

    with ws.connect() as con:
        load_file(con, Path(__file__).resolve().parents[1] / "data" / "meituan_orders_excerpt_zh.xlsx")
    at = _link(ws.folder, lang)
    at.multiselect(key="link_tables").set_value(["meituan_orders_excerpt_zh"])
    at.button[0].click().run()
    assert not at.exception, at.exception
    masked_lead = t("link.not_compared", lang, what="\0").split("\0")[0]
    said = [e.value for kind in ("warning", "info", "caption") for e in at.get(kind)]
    relay = [s for s in said if "17023063797" in s and "顾客电话" in s]
    assert relay, said
    assert not any(masked_lead in s for s in relay), relay
    assert {"en": "relay number", "zh": "隐私号"}[lang] in relay[0]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_link_page_says_which_shared_mailboxes_were_set_aside(ws, lang):
    """link22 sets aside a mailbox one export holds under several people's names (James and Jessica
    Williams' ``jwilliams@…``) and counts them in the summary; the page said nothing, so the analyst
    could not tell why two contacts on one address stayed apart."""
    contacts = pd.read_csv(DATA / "hubspot_contacts_excerpt.csv", dtype=str)
    boxes = sorted(contacts.loc[contacts["Email"].duplicated(), "Email"].str.lower().unique())
    at = _linked_excerpts(ws, lang, "hubspot_contacts_excerpt.csv", "zendesk_tickets_excerpt.csv")
    said = [e.value for kind in ("info", "caption") for e in at.get(kind)
            if any(box in e.value for box in boxes)]
    assert said, [e.value for e in at.caption]
    assert all(box in said[0] for box in boxes), (boxes, said)
    count = {"en": f"Shared mailboxes set aside ({len(boxes)})", "zh": f"有 {len(boxes)} 个邮箱是多人共用的"}
    assert count[lang] in said[0], said


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_customer_page_says_a_mailbox_is_shared_instead_of_also_matching(ws, lang):
    """Customer 360 listed the other customers on a shared mailbox (``jwilliams@…``) as "Also
    matching", as if they might be the same person; it now says they share the mailbox."""
    from pathlib import Path

    from crm_core.cli import main
    from crm_core.load.reader import load_file

    data = Path(__file__).resolve().parents[1] / "data"
    contacts = pd.read_csv(data / "hubspot_contacts_excerpt.csv", dtype=str)
    box = contacts.loc[contacts["Email"].duplicated(), "Email"].iloc[0].lower()
    with ws.connect() as con:
        for name in ("hubspot_contacts_excerpt.csv", "zendesk_tickets_excerpt.csv"):
            load_file(con, data / name)
    tables = ["hubspot_contacts_excerpt", "zendesk_tickets_excerpt"]
    assert main(["link", *tables, "--workspace", str(ws.folder)]) == 0
    at = _customer(ws.folder, lang)
    at.text_input(key="cust_query").set_value(box).run()
    assert not at.exception, at.exception
    captions = [c.value for c in at.caption]
    assert not any(c.startswith(t("customer.also", lang, keys="").strip()) for c in captions), captions
    shared = [c for c in captions if box in c]
    assert shared and {"en": "mailbox several customers share", "zh": "几位客户共用的邮箱"}[lang] in shared[0]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_link_page_offers_a_payment_bill_by_the_order_numbers_it_names(ws, lang):
    """link27 linked 微信支付's bill to 微店's orders by the 商户订单号 it carries, but the page did not offer
    the bill (no name, phone or e-mail: only the terminal linked it). Offered with the orders it names and
    a word why, the link run with the page's own choice keys each payment with its order's buyer."""
    from crm_core.load.reader import load_file

    bill, shop = "wechat_pay_bill_zh", "weidian_orders_excerpt_zh"
    with ws.connect() as con:
        for name in (f"{bill}.csv", f"{shop}.xlsx"):
            load_file(con, DATA / name)
    at = _link(ws.folder, lang)
    assert not at.exception, at.exception
    assert {bill, shop} <= set(at.multiselect(key="link_tables").value)
    said = {"en": "links by order number to", "zh": "按订单号关联到"}[lang]
    assert any(bill in c.value and said in c.value and shop in c.value for c in at.caption), \
        [c.value for c in at.caption]
    at.button[0].click().run()
    assert not at.exception, at.exception
    logs = next(m for m in at.multiselect if m.label == t("link.rekey.tables", lang))
    assert set(logs.value) == {bill, shop}  # both linked, so both chosen
    next(b for b in at.button if b.label == t("link.rekey.run", lang)).click().run()
    assert not at.exception, at.exception
    written = [t("kind.evidence.quoted", lang, column=f"{name}_by_customer") for name in logs.value]
    said = t("link.rekey.done", lang, tables=listed(written, lang))  # walk27: 'a', 'b' on the Chinese page
    assert [s.value for s in at.success] == [said], [s.value for s in at.success]
    with ws.connect() as con:
        keys = con.execute(f"""
            SELECT w.customer_key AS payer, s.customer_key AS buyer FROM {bill}_by_customer w
            JOIN {shop}_by_customer s ON CAST(w.商户订单号 AS VARCHAR) = CAST(s.订单号 AS VARCHAR)
            WHERE w.交易状态 = 'SUCCESS'""").df()
    assert len(keys) == 28 and (keys["payer"] == keys["buyer"]).all(), keys


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_exports_are_read_under_a_spinner_saying_so(ws, lang, monkeypatch):
    """walk24/walk25: the page stayed blank under its title for 34–40 s while it read which exports
    name another's orders and which hold contacts (nine tables at load 10), with nothing saying so."""
    import streamlit as st

    from crm_core.link import orders

    shown: list[str] = []
    read_under: list[list[str]] = []
    spinner, references = st.spinner, orders.references

    def said(text, *args, **kwargs):
        shown.append(text)
        return spinner(text, *args, **kwargs)

    def read(con, names):
        read_under.append(list(shown))
        return references(con, names)

    monkeypatch.setattr(st, "spinner", said)
    monkeypatch.setattr(orders, "references", read)
    _workspace(ws)
    at = _link(ws.folder, lang)
    assert not at.exception, at.exception
    assert read_under == [[t("link.reading", lang)]], read_under


def test_the_page_draws_its_title_before_it_imports_scipy():
    """walk25: on the server's first visit the page stayed wholly blank (no title, no spinner) while
    its imports loaded SciPy through the linker (``link.run`` → ``priors`` → ``scipy.stats``: 3 s
    wall idle, far more at load 24). The page's own imports, run in a fresh interpreter, load no
    SciPy: the linker is imported when records are scored, under that spinner."""
    import ast
    import subprocess
    import sys

    from tests.conftest import ROOT

    tree = ast.parse((ROOT / "pages" / "link.py").read_text(encoding="utf-8"))
    imports = [ast.unparse(node) for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom)]
    assert len(imports) > 5, imports
    probe = "\n".join([*imports, "import sys", "print('scipy' in sys.modules)"])
    found = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True,
                           check=True)
    assert found.stdout.strip().splitlines()[-1] == "False", found.stdout


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_customer_orders_show_each_lines_own_amount_not_the_orders_subtotal_on_one(ws, lang):
    """walk30: a Shopify buyer's order #1356 (a teapot at $34.00 and a Masala Chai at $16.50) read the order's
    Subtotal $50.50 on the chai and "—" on the teapot; each line now reads its own price × quantity."""
    from crm_core.load.reader import load_file

    with ws.connect() as con:
        load_file(con, DATA / "shopify_tea_orders_walk30.csv")
    at = _customer(ws.folder, lang)
    at.text_input(key="cust_query").set_value("ethan.smith139@gmail.com").run()
    assert not at.exception, at.exception
    lines = at.dataframe[-1].value
    order = lines[lines["order_id"] == "#1356"]
    names = order.filter(like="name").iloc[:, 0].astype(str)
    own = dict(zip(names, order["amount"], strict=True))
    assert own == {"Glass Teapot 600ml": 34.0, "Masala Chai 200g": 16.5}
    assert lines["amount"].sum() == pytest.approx(50.5 + 34.0)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_link_page_says_which_column_was_read_as_the_company(ws, lang):
    """co36: a Dynamics opportunities export names only its account (``Potential Customer``); linked with
    the contacts, the page says that column was read as the company and joined by ``Company Name``."""
    deals, contacts = "dynamics_opportunities_excerpt.xlsx", "dynamics_contacts_excerpt.xlsx"
    at = _linked_excerpts(ws, lang, deals, contacts)
    shared = set(pd.read_excel(DATA / deals)["Potential Customer"]) & set(
        pd.read_excel(DATA / contacts)["Company Name"])
    said = t("link.accounts", lang, table=Path(deals).stem, column="Potential Customer",
             people=Path(contacts).stem, people_column="Company Name", companies=f"{len(shared):,}")
    assert said in [i.value for i in at.info]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_customer_pages_expected_purchases_read_at_the_customers_pages_one_decimal(sample_ws, lang):
    """walk31: a 二维火 member's spend block read "预期购买次数 6.314" where the Customers page reads 6.3."""
    from crm_core.customers import spend
    from crm_core.workspace import runs

    with sample_ws.connect() as con:
        run = spend.run(con, "orders", spend.SpendConfig())
        runs.save(con, run)
    bought = run.scores[run.scores["expected_purchases"].round(1) != run.scores["expected_purchases"]]
    at = _customer(sample_ws.folder, lang)
    at.text_input(key="cust_query").set_value(bought.iloc[0]["customer_id"]).run()
    assert not at.exception, at.exception
    grid = next(g for g in at.dataframe if "expected_purchases" in g.value.columns)
    shown = grid.value["expected_purchases"]
    assert shown.eq(shown.round(1)).all(), shown.tolist()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_masked_columns_warning_says_what_to_do_to_link_near_matches(ws, lang):
    """walk32: Chargebee's invoices and Gorgias' tickets, masked on load as the Data page does by default,
    read "Masked columns compare as exact tokens only; not compared: name: same letters, close, similar;
    email: same user": what was lost, not what to do about it (load again without the pseudonyms)."""
    from crm_core.load.reader import load_file

    files = ("chargebee_invoices_excerpt.csv", "gorgias_tickets_excerpt.csv")
    with ws.connect() as con:
        for name in files:
            load_file(con, DATA / name, mask_pii=True)
    at = _link(ws.folder, lang)
    at.multiselect(key="link_tables").set_value([Path(name).stem for name in files])
    at.button[0].click().run()
    assert not at.exception, at.exception
    lead = t("link.not_compared", lang, what="\0").split("\0")[0]
    warned = [w.value for w in at.warning if lead in w.value]
    assert len(warned) == 1, [w.value for w in at.warning]
    option = t("protect.mask_pii", lang, file="\0").split("\0")[0].strip()  # the Data page's tick box
    assert option in warned[0] and t("nav.data", lang) in warned[0], warned[0]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_customer_page_shows_the_original_currency_in_the_code_its_row_names(ws, lang):
    """walk36 on 马帮's 订单导出: 商品金额(原币) read "¥24.92" beside 币种 USD, the yuan of its
    商品金额(人民币) twin."""
    from crm_core.load.reader import load_file

    lines = pd.read_csv(DATA / "mabang_orders_excerpt_zh.csv", dtype=str)
    buyer = lines[lines["买家ID"] == "ahmad051"]
    with ws.connect() as con:
        load_file(con, DATA / "mabang_orders_excerpt_zh.csv")
    at = _customer(ws.folder, lang)
    at.text_input(key="cust_query").set_value("ahmad051").run()
    assert not at.exception, at.exception
    shown = next(grid.value for grid in at.dataframe if "商品金额(原币)" in grid.value.columns)
    dollars = sorted(f"${float(v):,.2f}" for v in buyer["商品金额(原币)"])
    assert sorted(shown["商品金额(原币)"]) == dollars, shown["商品金额(原币)"].tolist()
    assert shown["商品金额(人民币)"].str.startswith("¥").all(), shown["商品金额(人民币)"].tolist()
