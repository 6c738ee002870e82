"""The Recommend page on the sample data: evaluation against both popularity lists, products by
name, one customer, basket rules; Chinese too."""

from __future__ import annotations

import io
import json
import re

import pandas as pd
import pytest

from crm_core.i18n import t
from crm_core.load.reader import load_file
from crm_core.recommend.run import RecommendConfig
from crm_core.workspace.runs import list_runs
from crm_core.workspace.store import Workspace
from tests.conftest import DATA
from tests.ui.apptest import catch_downloads, kept_grid, new_app, page_grids, page_opener

_page = page_opener("pages/recommend.py")


def test_sample_data_recommend_customer_and_basket_rules(sample_ws):
    at = _page(sample_ws.folder)
    assert not at.exception
    assert at.selectbox(key="rec_table").value == "orders"
    assert at.selectbox(key="rec_products_orders").value == "products"
    at.button(key="rec_go").click().run()
    assert not at.exception, at.exception
    picks = json.loads(page_grids(at)[0].proto.columns)
    assert picks["customer_id"]["label"] == "Customer" and picks["product_id"]["label"] == "Product"
    assert picks["score"]["type_config"]["format"] == "%.2f", "QA3 walk: scores read 5.1501 / 4.421"
    hit = next(m for m in at.metric if m.label == "Hit rate")
    assert hit.value.endswith("%")
    against = [c.value for c in at.caption if c.value.startswith("The changes under each measure")]
    assert len(against) == 1 and "popularity list" in against[0], against  # walk15: "-2.2 pts" vs what?
    assert any("stronger popularity list" in i.value or "as good a list" in i.value for i in at.info)
    order = next(c.value for c in at.caption if c.value.startswith("Lists ordered by"))
    assert "hit rate was" in order, "QA7 walk: 'reached 40.7% against 41.2%' named no measure"
    # rec29: the ranker's paired lead on the sample (+0.1 ± 1.0 points) is within its error; main served it
    assert order.startswith("Lists ordered by the weighted blend")
    assert "not more than one standard error" in order
    _blend_said_in_words(next(c.value for c in at.caption if c.value.startswith("Chosen on")), "en")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert {bar["name"] for bar in spec["data"]} >= {"Recommender", "Best-sellers (all history)"}
    ours = next(bar for bar in spec["data"] if bar["name"] == "Recommender")  # walk25: "2%" under 2.2%
    assert ours["text"] == [m.value for m in at.metric[:len(ours["text"])]], ours["text"]
    frames = [d.value for d in page_grids(at)]
    assert {"customer_id", "rank", "product_id", "score"} <= set(frames[0].columns)
    picks = next(f for f in frames if "reason" in f.columns and f["customer_id"].nunique() == 1)
    assert picks["reason"].str.contains(" ").all(), "the grid says the reasons in words"
    bought = set(next(f for f in frames if "weight" in f.columns)["product_id"])
    assert not bought & set(picks["product_id"]), "new-to-customer lists leave bought products out"
    with Workspace(sample_ws.folder).connect() as con:
        saved = con.execute("SELECT count(*), count(DISTINCT customer_id) FROM recommendations").fetchone()
    assert saved[0] == saved[1] * 10
    assert "Past runs (1)" in [e.label for e in at.expander]  # counted after the run it saved

    support = at.number_input(key="rec_min_support")  # walk9: the box read 0.0010, the grid 0.26%
    assert support.value == 0.1 and "%" in support.label
    at.button(key="rec_rules_go").click().run()
    assert not at.exception, at.exception
    assert [e.label for e in at.expander].count("Past runs (1)") == 2  # the rules' own, too
    rules = json.loads(at.get("plotly_chart")[-1].proto.spec)
    assert rules["layout"]["yaxis"]["type"] == "category", "ids are labels, not numbers"
    grid = next(d for d in page_grids(at) if "antecedent" in d.value.columns)
    sides = [c for c in grid.value.columns if c.startswith(("antecedent_", "consequent_"))
             and c not in ("antecedent_baskets",)]
    headed = json.loads(grid.proto.columns)
    assert sides and all(headed.get(c, {}).get("label", "").endswith(("(A)", "(B)")) for c in sides), \
        "walk9: the catalogue's columns beside a rule read antecedent_Description"
    with Workspace(sample_ws.folder).connect() as con:
        assert con.execute("SELECT count(*) FROM basket_rules").fetchone()[0] > 0
        assert list_runs(con, kind="basket")[0].config["min_support"] == 0.001  # 0.10% of baskets
    at.text_input(key="rec_customer").set_value("no-such-customer").run()
    assert not at.exception
    assert any("sells lately" in i.value for i in at.info)


def test_chinese_ui_buy_again_list(sample_ws):
    at = _page(sample_ws.folder, "zh")
    at.radio(key="rec_mode").set_value("再次购买（复购）").run()
    at.button(key="rec_go").click().run()
    assert not at.exception, at.exception
    assert [m.label for m in at.metric][:2] == ["命中率", "精确率"]
    assert any("复购" in r.value or "隐藏数据最后" in r.value for r in [*at.info, *at.caption])
    deltas = [m.proto.delta for m in at.metric[:4]]
    assert all(d.endswith(" 个百分点") or d == "持平" for d in deltas), deltas  # points, not "+14.4%"
    assert any(c.value.startswith("各项指标下方的变化量均相对于") for c in at.caption)  # walk15
    picks = json.loads(page_grids(at)[0].proto.columns)
    assert picks["customer_id"]["label"] == "客户编号" and picks["product_id"]["label"] == "商品编号"
    shown = page_grids(at)[0].value.columns  # the catalogue's name, description, category, brand
    raw = [c for c in shown if c not in picks or picks[c].get("label", c) == c]
    assert not raw, f"headers shown as the catalogue's column names on the Chinese page: {raw}"
    chosen = next(c.value for c in at.caption if "在验证周内选定" in c.value)
    assert ".0 天" not in chosen and ", " not in chosen
    _blend_said_in_words(chosen, "zh")


def _blend_said_in_words(chosen: str, lang: str) -> None:
    """judge8 walk: "weights popular 1, similar 4, similar lately 2, own 0, goes with 2" read as code;
    the blend is now its signals in the reason column's words, heaviest first, × its weight."""
    reasons = [t(f"rec.reason.{part}", lang) for part in ("popular", "similar", "lately", "items", "own")]
    said = re.findall(rf"({'|'.join(map(re.escape, reasons))}) ×(\d+(?:\.\d+)?)", chosen)
    assert said and len(said) == chosen.count("×"), chosen
    weights = [float(w) for _, w in said]
    assert weights == sorted(weights, reverse=True) and 0 not in weights, chosen


def test_chinese_refusal_when_the_products_table_matches_nothing(sample_ws):
    """QA7 walk (a Complete Journey cut beside the sample's products): the Chinese page refused in
    English, "No product id of table 'products' matches a product of 'cj'."."""
    with Workspace(sample_ws.folder).connect() as con:
        con.execute("CREATE TABLE stock_list AS SELECT 'Z' || range AS product_id, "
                    "'item ' || range AS product_name FROM range(5)")
    at = _page(sample_ws.folder, "zh")
    at.selectbox(key="rec_products_orders").set_value("stock_list")
    at.button(key="rec_go").click().run()
    assert not at.exception, at.exception
    shown = [m.value for m in [*at.error, *at.warning]]
    assert shown == ["商品表“stock_list”中没有任何商品编号与“orders”中的商品对应。"], shown


def test_products_preselected_only_when_it_names_the_logs_products(sample_ws):
    """QA7 walk: beside a Complete Journey log (integer product ids) the page preselected the
    sample's ``products`` (ids P0001 …), then refused to run; it now measures the overlap first."""
    with Workspace(sample_ws.folder).connect() as con:
        con.execute("""CREATE TABLE cj AS SELECT 1000 + range % 40 AS household_id,
                           31198570000 + range // 4 AS basket_id, 25671 + range % 97 AS product_id,
                           1 AS quantity, 1.5 + range % 7 AS sales_value,
                           TIMESTAMP '2017-01-01' + INTERVAL (range % 300) DAY AS transaction_timestamp
                       FROM range(4000)""")
    at = _page(sample_ws.folder)
    assert at.selectbox(key="rec_products_orders").value == "products", "the sample log keeps its catalogue"
    at.selectbox(key="rec_table").set_value("cj").run()
    assert at.selectbox(key="rec_products_cj").value == "", "(none — ids only)"
    at.button(key="rec_go").click().run()
    assert not at.exception, at.exception
    assert not at.error, [m.value for m in at.error]  # the 40 households each bought all 97 ids (walk41)
    assert [m.value for m in at.warning if "already bought all 97 products" not in m.value] == []


def test_the_page_says_which_fee_lines_were_left_out(ws):
    """A shop's 运费 / 赠品 / 包装费 lines: the page names them and counts them. (In Chinese, AppTest
    cannot run this page without a products table: it looks the "none" option up by its English
    label.)"""
    from tests.recommend.conftest import make_table
    from tests.recommend.test_nonproducts import _shop

    frame = _shop(True)
    with ws.connect() as con:
        make_table(con, "订单明细", frame.itertuples(index=False), tuple(frame.columns))
    at = _page(ws.folder)
    at.button(key="rec_go").click().run()
    assert not at.exception, at.exception
    note = next(c.value for c in at.caption if c.value.startswith("Left out as not products"))
    assert "3 products with" in note and "YF" in note, note


def test_the_rules_fee_lines_are_listed_with_the_chinese_enumeration_comma(ws):
    """walk9: the basket rules' left-out codes read "BANK CHARGES，DOT，POST，M": a Chinese list of
    codes takes "、"."""
    import pandas as pd

    from tests.recommend.conftest import make_table
    from tests.recommend.test_nonproducts import _shop

    frame = _shop(True)
    # a second product on every order: once the fees are left out, orders of one product each are
    # refused (no pair to count), and the note is what this test reads
    second = frame.drop_duplicates("订单号").assign(商品编码="X9", 商品名称="X9号商品")
    frame = pd.concat([frame, second], ignore_index=True)
    catalogue = frame[["商品编码", "商品名称"]].drop_duplicates()
    with ws.connect() as con:
        make_table(con, "订单明细", frame.itertuples(index=False), tuple(frame.columns))
        make_table(con, "商品", catalogue.itertuples(index=False), tuple(catalogue.columns))
    at = _page(ws.folder, "zh")
    at.selectbox(key="rec_table").set_value("订单明细")
    at.button(key="rec_go").click().run()
    at.button(key="rec_rules_go").click().run()
    assert not at.exception, at.exception
    note = next(c.value for c in at.caption if c.value.startswith("运费、手续费"))
    assert "例如 YF、ZP01、BZ。" in note, note


def test_hit_rate_carries_its_range(sample_ws):
    """QA walk: the hit rate had no error beside it; on 1,976 held-out customers a 41.6% hit rate
    is ±2.2 points, so a two-point lead over best-sellers is within chance."""
    import re

    at = _page(sample_ws.folder)
    at.button(key="rec_go").click().run()
    assert not at.exception, at.exception
    hit = float(next(m for m in at.metric if m.label == "Hit rate").value.rstrip("%"))
    found = next(re.search(r"95%: ([\d.]+)%\u2060?–\u2060?([\d.]+)% \(([\d,]+)\scustomers\)", c.value)
                 for c in at.caption if c.value.startswith("95%:"))
    low, high, n = float(found[1]), float(found[2]), int(found[3].replace(",", ""))
    assert low < hit < high
    assert abs((high - low) / 2 - 196 * (hit / 100 * (1 - hit / 100) / n) ** 0.5) < 0.1


@pytest.mark.parametrize("lang, said", [("en", "only browsed"), ("zh", "只浏览过")])
def test_an_event_logs_browsers_are_told_why_they_have_no_list(ws, tmp_path, lang, said):
    """A UserBehavior-shaped log (pv / cart / fav / buy): most users never buy, and the saved lists
    left them out without a word; the page now counts them and says why (docs/recommend.md)."""
    from crm_core.load.reader import load_file
    from tests.workspace.test_events import behaviour_log

    frame = behaviour_log(users=300)
    frame.to_csv(tmp_path / "UserBehavior.csv", header=False, index=False)
    with ws.connect() as con:
        load_file(con, tmp_path / "UserBehavior.csv", table="ub")
    browsers = frame.groupby("user")["behavior"].apply(lambda kinds: "buy" not in set(kinds)).sum()
    at = new_app(ws.folder, lang).run()  # the run asked for before the page opens: AppTest cannot
    at.session_state["rec_config"] = ("ub", RecommendConfig())  # rerun a Chinese format_func box
    at.switch_page("pages/recommend.py").run()
    assert not at.exception, at.exception
    told = [i.value for i in at.info if said in i.value]
    assert len(told) == 1 and f"{browsers:,}" in told[0], [i.value for i in at.info]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_kept_recommendation_list_reads_as_the_pages_own(sample_ws, lang):
    """pol3: Past runs showed a kept list as stored: score 5.1501 and reason ``similar`` on the
    Chinese page, where the page's own list reads 5.15 and 相似客户购买过."""
    from crm_core.i18n import t
    from crm_core.recommend import run as recommend_run

    kept, grid = kept_grid(_page, sample_ws.folder, lang,
                           lambda con: recommend_run.run(con, "orders", RecommendConfig()), "reason")
    assert grid.value["reason"].tolist() == [t(f"rec.reason.{r}", lang) for r in kept["reason"]]
    assert json.loads(grid.proto.columns)["score"]["type_config"]["format"] == "%.2f"


def test_a_kept_lists_excel_reads_as_its_grid_and_its_csv_keeps_the_codes(sample_ws, monkeypatch):
    """Past runs' downloads wrote the kept table as stored in both files: reason ``similar`` under
    ``customer_id`` on the Chinese page. The workbook now reads as the grid above it."""
    import io

    from crm_core.recommend import run as recommend_run

    files = catch_downloads(monkeypatch)
    kept, grid = kept_grid(_page, sample_ws.folder, "zh",
                           lambda con: recommend_run.run(con, "orders", RecommendConfig()), "reason")
    stem = next(name[:-5] for name in files if name.endswith(".xlsx"))
    machine = pd.read_csv(io.BytesIO(files[f"{stem}.csv"]()), dtype=str)
    people = pd.read_excel(io.BytesIO(files[f"{stem}.xlsx"]()), dtype=str)
    assert machine["reason"].str.fullmatch(r"[a-z_]+").all() and "customer_id" in machine  # codes
    heads = json.loads(grid.proto.columns)
    assert list(people.columns) == [heads[c] if isinstance(heads[c], str) else heads[c]["label"]
                                    for c in grid.value.columns]
    reason = t("rec.col.reason", "zh")
    assert people[reason].tolist() == [t(f"rec.reason.{r}", "zh") for r in machine["reason"]]


@pytest.mark.parametrize("lang, said", [
    ("en", "The log sells only 8 products, so a list of 10 holds every one"),
    ("zh", "这份记录里只有 8 种商品，每位客户推荐 10 个就包含了全部商品")])
def test_a_list_as_long_as_the_catalogue_is_said_to_prove_nothing(ws, lang, said):
    """Judge6 walk: a shop export of 8 products scored 100 % hit rate for every list at the
    default top 10, "the same as best-sellers (100.0%)": each list held every product."""
    import numpy as np

    from tests.recommend.conftest import make_table

    rng = np.random.default_rng(6)
    products = ["坚果礼盒", "蓝牙耳机 Pro", "跑步鞋", "纯棉T恤", "保温杯", "空气炸锅 5L", "保湿面霜 50ml",
                "充电宝"]
    rows = [(f"买家{c:03d}", f"{c}-{n}", pd.Timestamp("2023-01-01") + pd.Timedelta(days=int(d)),
             products[rng.integers(8)], 1)
            for c in range(120) for n, d in enumerate(np.sort(rng.integers(0, 365, rng.integers(3, 12))))]
    with ws.connect() as con:
        make_table(con, "订单导出", rows)
    at = new_app(ws.folder, lang).run()  # the run asked for before the page opens (a Chinese
    at.session_state["rec_config"] = ("订单导出", RecommendConfig())  # format_func box, as above)
    at.switch_page("pages/recommend.py").run()
    assert not at.exception, at.exception
    assert [i.value for i in at.info if i.value.startswith(said)], [i.value for i in at.info]


@pytest.mark.parametrize("lang, said", [("en", "So every list is the best-sellers of all history"),
                                        ("zh", "因此每份清单都是全部历史的畅销品")])
def test_a_validation_too_small_to_choose_on_is_said_to_serve_popularity(ws, lang, said):
    """judge17's bike shops: 10 validation shops. The page says the lists are all history's
    best-sellers and why, where it said the usual blend was kept."""
    from tests.recommend.conftest import make_table
    from tests.recommend.test_run import _bike_shops

    with ws.connect() as con:
        make_table(con, "销售订单明细", _bike_shops())
    at = new_app(ws.folder, lang).run()
    at.session_state["rec_config"] = ("销售订单明细", RecommendConfig())
    at.switch_page("pages/recommend.py").run()
    assert not at.exception, at.exception
    assert [c.value for c in at.caption if said in c.value], [c.value for c in at.caption]


@pytest.mark.parametrize("lang,why,note", [("en", "each customer", "Products read from '商品'"),
                                           ("zh", "每位顾客", "“商品”一栏把每笔订单的商品")])
def test_orders_without_a_customer_still_get_basket_rules_read_from_the_items_cell(ws, lang, why, note):
    """美团's orders name no customer (顾客 王**) and write their items in one cell: the page said the
    refusal and nothing else, though basket rules need only the orders (items21)."""
    from crm_core.load.reader import load_file
    from tests.conftest import DATA

    with ws.connect() as con:
        load_file(con, DATA / "meituan_orders_excerpt_zh.xlsx", table="orders")
    from crm_core.recommend.basket import BasketConfig

    at = new_app(ws.folder, lang).run()  # both runs asked for before the page opens: AppTest cannot
    at.session_state["rec_config"] = ("orders", RecommendConfig())  # rerun a Chinese format_func box
    at.session_state["rec_rules_config"] = ("orders", BasketConfig())
    at.switch_page("pages/recommend.py").run()
    assert not at.exception, at.exception
    assert why in at.error[0].value
    assert any(c.value.startswith(note) for c in at.caption), [c.value for c in at.caption]
    assert at.get("plotly_chart"), "the strongest rules are drawn"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_basket_rules_read_a_to_b_with_each_name_once(sample_ws, lang):
    """walk20: a rule's label was "P0111 · A4 Lined Washi Tape Set · A4 Li…" (the description opens
    with the name), and the grid's id, name and description of A pushed B past 1024 px."""
    from crm_core.recommend.basket import BasketConfig

    at = new_app(sample_ws.folder, lang).run()
    at.session_state["rec_config"] = ("orders", RecommendConfig(products_table="products"))
    at.session_state["rec_rules_config"] = ("orders", BasketConfig(products_table="products"))
    at.switch_page("pages/recommend.py").run()
    assert not at.exception, at.exception
    ticks = json.loads(at.get("plotly_chart")[-1].proto.spec)["layout"]["yaxis"]["ticktext"]
    grid = next(d for d in page_grids(at) if "rule" in d.value.columns)
    heads = json.loads(grid.proto.columns)
    assert grid.value.columns[0] == "rule" and heads["rule"]["label"] == t("rec.col.rule", lang)
    first = grid.value["rule"].iloc[0]
    a, b = first.split(" → ")
    assert a and b and a != b
    for tick in ticks:
        for side in tick.split(" →<br>"):
            words = side.split(" · ")
            assert len(words) == len(set(words)) and not any(
                w.rstrip("…") and words[1].startswith(w.rstrip("…")) for w in words[2:]), tick


def _one_product_orders(seed: int, goods: list[str]) -> list[tuple]:
    """150 buyers' orders over 2023, each of one product (customer, order, day, product, quantity)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    return [(f"买家{c:03d}", f"{c}-{n}", pd.Timestamp("2023-01-01") + pd.Timedelta(days=int(d)),
             goods[rng.integers(len(goods))], 1)
            for c in range(150) for n, d in enumerate(np.sort(rng.integers(0, 365, rng.integers(3, 12))))]


@pytest.mark.parametrize("lang, heading", [("en", "Product name"), ("zh", "商品名称")])
def test_products_named_by_name_are_headed_as_names(ws, lang, heading):
    """walk20: 订单导出 names products by 商品名称 only, and the list headed those names "商品编号"."""
    from tests.recommend.conftest import make_table

    goods = ["坚果礼盒", "蓝牙耳机 Pro", "跑步鞋", "纯棉T恤", "保温杯", "空气炸锅 5L", "保湿面霜 50ml",
             "充电宝", "婴儿纸尿裤 L码", "电动牙刷", "瑜伽垫", "护手霜"]
    rows = _one_product_orders(20, goods)
    with ws.connect() as con:
        make_table(con, "订单导出", rows,
                   columns=("买家昵称", "订单编号", "下单时间", "商品名称", "购买数量"))
    at = new_app(ws.folder, lang).run()
    at.session_state["rec_config"] = ("订单导出", RecommendConfig(top=3))
    at.session_state["rec_save"] = True  # as the button leaves it: the run is kept
    at.switch_page("pages/recommend.py").run()
    assert not at.exception, at.exception
    grid = page_grids(at)[0]
    assert set(grid.value["product_id"]) <= set(goods)
    assert json.loads(grid.proto.columns)["product_id"]["label"] == heading
    # walk21: reopened under Past runs (a new session), the kept list headed the same names "商品编号"
    at = new_app(ws.folder, lang).run()
    at.switch_page("pages/recommend.py").run()
    assert not at.exception, at.exception
    kept = [g for g in at.dataframe if "product_id" in g.value.columns]
    assert kept and all(set(g.value["product_id"]) <= set(goods) for g in kept)
    assert [json.loads(g.proto.columns)["product_id"]["label"] for g in kept] == [heading] * len(kept)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_run_too_short_to_judge_says_why_in_the_pages_language(sample_ws, lang):
    """walk21 (zh_07_recommend.png): on 京东's orders at 28 held-out days the Chinese page read "无法评估：
    Holding out twice 28 days per customer leaves no history to learn from; …" — the reason in English,
    the kept run's summary too."""
    at = new_app(sample_ws.folder, lang).run()
    at.session_state["rec_config"] = ("orders", RecommendConfig(top=3, holdout_days=400))
    at.session_state["rec_save"] = True
    at.switch_page("pages/recommend.py").run()
    assert not at.exception, at.exception
    said = [w.value for w in at.warning]
    reason = t("rec.eval.too_long_holdout", lang, days=400)
    assert said == [t("rec.eval_skipped", lang, reason=reason)], said
    with Workspace(sample_ws.folder).connect() as con:
        assert list_runs(con, "recommend")[0].summary["skipped"] == reason


@pytest.mark.parametrize("lang, tab", [("en", "All customers"), ("zh", "全部客户")])
def test_the_single_product_basket_refusal_names_the_tab_not_the_page_it_is_on(ws, lang, tab):
    """walk21 (京东): the refusal, shown on the Recommend page itself, sent the analyst to the
    "“推荐”页" alone; it names the tab holding each customer's list (the CLI prints it too)."""
    from crm_core.recommend.basket import BasketConfig
    from tests.recommend.conftest import make_table

    rows = _one_product_orders(21, ["坚果礼盒", "蓝牙耳机 Pro", "跑步鞋", "纯棉T恤", "保温杯", "空气炸锅 5L",
                                    "保湿面霜 50ml", "充电宝", "电热水壶", "瑜伽垫", "台灯", "雨伞"])
    with ws.connect() as con:
        make_table(con, "京东订单", rows)
    at = new_app(ws.folder, lang).run()
    at.session_state["rec_config"] = ("京东订单", RecommendConfig())
    at.session_state["rec_rules_config"] = ("京东订单", BasketConfig())
    at.switch_page("pages/recommend.py").run()
    assert not at.exception, at.exception
    refusal = next(e.value for e in at.error if "recommend 京东订单" in e.value)
    assert f"“{tab}”" in refusal or f'"{tab}"' in refusal, refusal
    assert "请使用“推荐”页（" not in refusal and "run Recommend (" not in refusal, refusal


def _amazon_page(ws, lang: str):
    """The Recommend page on judge26's Amazon orders (no buyer named), both runs asked for."""
    from crm_core.load.reader import load_file
    from crm_core.recommend.basket import BasketConfig
    from tests.conftest import DATA

    with ws.connect() as con:
        load_file(con, DATA / "amazon_all_orders_excerpt.txt", table="amazon")
    at = new_app(ws.folder, lang).run()
    at.session_state["rec_config"] = ("amazon", RecommendConfig())
    at.session_state["rec_rules_config"] = ("amazon", BasketConfig())
    return at.switch_page("pages/recommend.py").run()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_order_log_naming_no_buyer_gets_the_rules_its_refusal_points_to(ws, lang):
    """walk22 (judge26's Amazon orders, 1024 px): the refusal sends the analyst to the "Bought
    together" tab, but the page stopped at it: no tab, no rules. Since left26 the refusal is the
    roles' own (no buyer comes back on another order), which the page did not know as "no customer"."""
    at = _amazon_page(ws, lang)
    assert not at.exception, at.exception
    assert len(at.error) == 1, [e.value for e in at.error]
    assert at.subheader and at.subheader[0].value == t("rec.tab.rules", lang)
    assert at.get("plotly_chart"), "the strongest rules are drawn"
    assert not [m.value for m in at.markdown if "left26" in m.value]  # a constant's note, drawn


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_orders_naming_no_buyer_of_one_product_each_get_one_refusal_not_two_pointing_at_each_other(ws, lang):
    """judge27's leftover (walk22): an order log naming no buyer, one product an order, was refused
    twice: recommendations sent the analyst to the "Bought together" tab, whose refusal sent them back
    to "All customers". One message says neither can run and what would make recommendations run."""
    from crm_core.recommend.basket import BasketConfig
    from crm_core.workspace import store

    rows = _one_product_orders(21, ["坚果礼盒", "蓝牙耳机 Pro", "跑步鞋", "纯棉T恤", "保温杯", "空气炸锅 5L"])
    frame = pd.DataFrame(rows, columns=["买家", "订单号", "下单时间", "商品名称", "数量"])
    frame = frame.drop(columns="买家")
    with ws.connect() as con:
        store.write_frame(con, "单品订单", frame.assign(实付金额=10.0))
    at = new_app(ws.folder, lang).run()
    at.session_state["rec_config"] = ("单品订单", RecommendConfig())
    at.session_state["rec_rules_config"] = ("单品订单", BasketConfig())
    at.switch_page("pages/recommend.py").run()
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == [t("rec.error.no_buyer_single_items", lang, table="单品订单",
                                              baskets="1,018")]
    assert not at.subheader and not at.get("plotly_chart")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_refusal_shows_the_cli_commands_it_names_as_code_not_backticks(ws, lang):
    """walk22 (Amazon's orders, 1024 px): the refusal printed "\\`basket amazon\\`" with its backticks:
    the whole sentence was escaped as data. The commands read as code; the CLI keeps its text."""
    at = _amazon_page(ws, lang)
    refusal = at.error[0].value
    assert "`basket amazon`" in refusal and "`forecast amazon`" in refusal, refusal
    assert "\\`" not in refusal, refusal


def test_rule_labels_cut_keep_the_end_where_two_products_differ(sample_ws):
    """walk22 (woo, Amazon, 1024 px): "BD-852267 · Deli - National Sal:Salsa/D… → BD-1045914 · Deli -
    National Sal:Salsa/…": names sharing a long beginning were cut before the words that tell them
    apart. A cut label keeps its id and its end: each product's size shows on the axis."""
    from crm_core.recommend.basket import BasketConfig
    from crm_core.workspace import store

    with sample_ws.connect() as con:
        products = con.execute("SELECT * FROM products").df()  # every column: written back without its
        # description, the rules page failed (BinderException, seen and left alone)
        products["name"] = [f"Deli - National Sal:Salsa/Dips Prpck {int(p[1:])} OZ"
                            for p in products["product_id"]]
        store.write_frame(con, "products", products, replace=True)
    at = new_app(sample_ws.folder, "en").run()
    at.session_state["rec_config"] = ("orders", RecommendConfig(products_table="products"))
    at.session_state["rec_rules_config"] = ("orders", BasketConfig(products_table="products"))
    at.switch_page("pages/recommend.py").run()
    assert not at.exception, at.exception
    ticks = json.loads(at.get("plotly_chart")[-1].proto.spec)["layout"]["yaxis"]["ticktext"]
    for tick in ticks:
        for side in tick.split(" →<br>"):
            product = side.split(" · ")[0]
            assert product.startswith("P") and side.endswith(f"Prpck {int(product[1:])} OZ"), tick


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_rules_with_a_products_table_that_lost_its_description_column(sample_ws, lang):
    """pol26: a products table written back without its ``description`` column (its saved roles kept
    naming it) made the rules raise DuckDB's BinderException "Column "description" referenced that
    exists in the SELECT clause…" on the page."""
    from crm_core.recommend.basket import BasketConfig
    from crm_core.workspace import store

    with Workspace(sample_ws.folder).connect() as con:
        store.save_roles(con, "products", {"product_id": "product_id", "product_name": "name",
                                           "category": "category", "description": "description"})
        con.execute("CREATE TABLE products_v2 AS SELECT * EXCLUDE (description) FROM products")
        store.install_table(con, "products_v2", "products", source="products.csv", kind="upload")
    at = new_app(sample_ws.folder, lang).run()
    at.session_state["rec_config"] = ("orders", RecommendConfig(products_table="products"))
    at.session_state["rec_rules_config"] = ("orders", BasketConfig(products_table="products"))
    at.switch_page("pages/recommend.py").run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    grid = next(d for d in page_grids(at) if "rule" in d.value.columns)
    named = grid.value["rule"].str.contains(r"\bP\d{4}\b")
    assert len(grid.value) > 0 and not named.any(), "rules named from the catalogue's names, not ids"


def test_one_customers_csv_keeps_the_codes_as_the_whole_lists_csv_does(sample_ws, monkeypatch):
    """walk23: on the Chinese page one customer's CSV was headed "customer_id,rank,product_id,score,
    推荐理由" with reasons in words, beside the whole list's "…,reason" with codes; the CSV is the
    machine file (codes under the CLI's names), the workbook reads as the grid."""
    files = catch_downloads(monkeypatch)
    at = new_app(sample_ws.folder, "zh").run()
    at.session_state["rec_config"] = ("orders", RecommendConfig(products_table="products"))
    at.switch_page("pages/recommend.py").run()
    assert not at.exception, at.exception
    customer = at.text_input(key="rec_customer").value
    one = pd.read_csv(io.BytesIO(files[f"recommendations_{customer}.csv"]()), dtype=str)
    whole = pd.read_csv(io.BytesIO(files["recommendations.csv"]()), dtype=str)
    assert {"customer_id", "product_id", "score", "reason"} <= set(one.columns) & set(whole.columns)
    assert t("rec.col.reason", "zh") not in one
    assert one["reason"].str.fullmatch(r"[a-z_]+").all(), one["reason"].tolist()
    people = pd.read_excel(io.BytesIO(files[f"recommendations_{customer}.xlsx"]()), dtype=str)
    assert t("rec.col.reason", "zh") in people.columns
    # walk25: the history beside it is the page's own (the CLI writes none) and was headed customer_id,
    # product_id, weight on the Chinese page; now as its grid and workbook
    history = files[f"history_{customer}.csv"]().decode("utf-8-sig").splitlines()[0].split(",")
    read = pd.read_excel(io.BytesIO(files[f"history_{customer}.xlsx"]()), dtype=str)
    assert history == list(read.columns) and t("rec.col.weight", "zh") in history, history


@pytest.mark.parametrize("lang, said", [("en", "not judged"), ("zh", "无从检验")])
def test_the_customers_who_stopped_before_the_cut_are_counted_as_not_judged(sample_ws, lang, said):
    """With one cut for all (rec26), a customer who bought nothing in the last 28 days still gets a list
    but is not judged; the page said only how many were judged (858 of the sample's 2,970 buyers before
    the cut), so the hit rate read as everyone's."""
    with sample_ws.connect() as con:
        cut = "(SELECT CAST(max(invoice_date) AS DATE) - 27 FROM orders)"
        before = con.execute("SELECT count(DISTINCT customer_id) FROM orders WHERE quantity > 0 AND "
                             f"invoice_date < {cut}").fetchone()[0]
    at = _page(sample_ws.folder, lang)
    at.button(key="rec_go").click().run()
    assert not at.exception, at.exception
    judged = int(next(re.search(r"[(（]([\d,]+)\s?\S+[)）]", c.value)[1] for c in at.caption
                      if c.value.startswith("95%")).replace(",", ""))
    counted = [c.value for c in at.caption if said in c.value]
    assert len(counted) == 1 and f"{before - judged:,}" in counted[0], [c.value for c in at.caption]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_precision_and_recall_carry_a_range_and_coverage_its_count(sample_ws, lang):
    """walk31: on Lazada precision 0.6%, recall 0.8% and coverage 2.3% stood bare beside a hit rate
    with its 95% range; each now says how well it is known, and coverage of how many products."""
    from crm_core.recommend import run as recommend_run

    at = _page(sample_ws.folder, lang)
    at.button(key="rec_go").click().run()
    assert not at.exception, at.exception
    with sample_ws.connect() as con:
        run = recommend_run.run(con, "orders", RecommendConfig())
    ev = run.evaluation
    columns = {c.metric[0].label: c for c in at.columns if len(c.metric) == 1}
    for metric in ("precision", "recall"):
        column = columns[t(f"rec.metric.{metric}", lang)]
        low, high = (float(b) for b in re.findall(r"([\d.]+)%", column.caption[0].value)[1:3])
        assert low < ev[metric] * 100 < high
        assert abs((high - low) / 2 - 196 * ev[f"{metric}_se"]) < 0.1, "±1.96 standard errors"
    count = columns[t("rec.metric.coverage", lang)].caption[0].value
    assert count == t("rec.metric.coverage_count", lang, covered=f"{ev['products_covered']:,}",
                      bought=f"{ev['products_bought']:,}", customers=f"{ev['customers_evaluated']:,}",
                      products=f"{len(run.model.products_):,}")
    assert f"{ev['products_covered']:,}" in count and f"{ev['products_bought']:,}" in count


@pytest.mark.parametrize("lang, said", [("en", "No customer could be judged"),
                                        ("zh", "没有一位客户可以用来检验")])
def test_lists_no_customer_could_judge_are_said_unchecked_not_a_type_error(ws, lang, said):
    """judge46's Paddle transactions: one plan a customer among two, so the hidden last days held no product
    any list could (each leaves out what the customer bought): no customer judged, hit rate None, and the
    page stopped on "Something went wrong (TypeError)" under the kept lists."""
    from crm_core.load.reader import load_file
    from tests.conftest import DATA

    with ws.connect() as con:
        load_file(con, DATA / "paddle_transactions_excerpt.csv", "pd")
    at = new_app(ws.folder, lang).run()
    at.session_state["rec_config"] = ("pd", RecommendConfig())
    at.switch_page("pages/recommend.py").run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert [i.value for i in at.info if said in i.value], [i.value for i in at.info]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_coverage_says_its_products_are_those_the_judged_customers_bought_in_the_held_out_days(ws, lang):
    """walk32: on 哗啦啦 the page read "覆盖率 50.0%，已购 10 种商品中的 5 种" while Clean counted 55 dishes.
    Coverage is a share of the products the judged members bought (new to them) in the held-out days,
    not of the menu; the caption now says so, with how many customers were judged and how many dishes
    customers bought over the whole log (the excerpt: members' paid lines, names trimmed, with pandas;
    Clean's count also holds walk-ins' dishes, gifts at 0 and 整单折扣)."""
    from app_ui.text import in_language
    from crm_core.recommend import run as recommend_run

    lines = pd.read_csv(DATA / "hualala_dish_lines_excerpt_zh.csv", encoding="gb18030", skiprows=2)
    members = lines[(lines["营业日期"] != "合计") & lines["会员卡号"].notna() & (lines["折后金额"] > 0)]
    dishes = members["菜品"].str.strip().nunique()
    with ws.connect() as con:
        load_file(con, DATA / "hualala_dish_lines_excerpt_zh.csv", table="hll")
        ev = recommend_run.run(con, "hll", RecommendConfig()).evaluation
    assert ev["products_bought"] < dishes < lines["菜品"].nunique()
    at = _page(ws.folder, lang)
    with in_language(lang):  # AppTest formats the "(none — ids only)" option outside the page's session
        at.button(key="rec_go").click().run()
    assert not at.exception, at.exception
    columns = {c.metric[0].label: c for c in at.columns if len(c.metric) == 1}
    count = columns[t("rec.metric.coverage", lang)].caption[0].value
    assert count == t("rec.metric.coverage_count", lang, covered=f"{ev['products_covered']:,}",
                      bought=f"{ev['products_bought']:,}", customers=f"{ev['customers_evaluated']:,}",
                      products=f"{dishes:,}")
    assert f"{ev['customers_evaluated']:,}" in count and f"{dishes:,}" in count, count


@pytest.mark.parametrize("lang, said, mark", [
    ("en", "The lists chose among the 5,000 products", "chose among"),
    ("zh", "清单只在近期购买客户最多的 5,000 种商品中挑选", "近期购买客户最多")])
def test_a_wide_catalogues_candidates_are_said_and_a_small_shops_are_not(ws, sample_ws, lang, said, mark):
    """rec37: ``rec_eval.json`` says how many best-sellers lately the lists chose among, and neither the
    page nor the CLI's summary told the analyst that a product outside them is never listed."""
    from crm_core.recommend import run as recommend_run
    from tests.recommend.conftest import make_table, wide_shop

    with ws.connect() as con:
        make_table(con, "批发订单", wide_shop())
        summary = recommend_run.run(con, "批发订单", RecommendConfig(), lang=lang).summary()
    assert said in summary["served"] and "5,300" in summary["served"], summary.get("served")
    at = new_app(ws.folder, lang).run()
    at.session_state["rec_config"] = ("批发订单", RecommendConfig())
    at.switch_page("pages/recommend.py").run()
    assert not at.exception, at.exception
    among = [c.value for c in at.caption if said in c.value]
    assert len(among) == 1 and "5,300" in among[0], [c.value for c in at.caption]

    small = _page(sample_ws.folder, lang)  # every product of the sample shop is a candidate
    small.button(key="rec_go").click().run()
    assert not small.exception and not [c.value for c in small.caption if mark in c.value]
    with sample_ws.connect() as con:
        assert mark not in recommend_run.run(con, "orders", RecommendConfig(), lang=lang).summary()["served"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_hit_rate_of_all_judged_customers_keeps_a_range(ws, lang):
    """walk34: on Ecwid's orders "Hit rate 100.0%" stood over "95%: 100.0%–100.0% (5 customers)": the
    normal approximation has no width at all or none; five of five is no proof of a perfect list."""
    at, under = _ecwid_run(ws, lang)
    hit = t("rec.metric.hit_rate", lang)
    assert next(m.value for m in at.metric if m.label == hit) == "100.0%"  # the walk's case
    low, high = re.search(r"(\d+\.\d)%\W+(\d+\.\d)%", under[hit][0]).groups()
    assert 0 < float(low) < 100 and float(high) == 100, under[hit]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_precision_and_recall_of_one_judged_customer_keep_a_range(ws, lang):
    """left61: on Ecwid's excerpt (1 judged customer) "Recall 100.0%" stood over "95%: 100.0%–100.0%" and
    precision's 20.0% over "20.0%–20.0%": ± 1.96 standard errors of a mean that did not vary."""
    at, under = _ecwid_run(ws, lang)
    for metric, shown in (("recall", "100.0%"), ("precision", "20.0%")):
        label = t(f"rec.metric.{metric}", lang)
        assert next(m.value for m in at.metric if m.label == label) == shown
        low, high = map(float, re.search(r"(\d+\.\d)%\W+(\d+\.\d)%", under[label][0]).groups())
        assert low < float(shown[:-1]) <= high and high - low > 50, under[label]


def _ecwid_run(ws, lang: str):
    """The page after a run on judge55's Ecwid excerpt; the captions under its metrics."""
    with ws.connect() as con:
        load_file(con, DATA / "ecwid_orders_excerpt.csv")
    at = _page(ws.folder, lang)
    at.button(key="rec_go").click().run()
    assert not at.exception and not at.error
    return at, {c.metric[0].label: [e.value for e in c.caption] for c in at.columns if len(c.metric)}


def test_a_list_shorter_than_the_grid_is_not_said_as_its_first_rows(ws):
    """walk37, 闲鱼's orders: "共 500 行；此处显示前 1,000 行，下载文件包含全部" — a list of 500 rows said as
    the first 1,000 of it. A list the grid holds whole is said as shown whole."""
    with ws.connect() as con:
        load_file(con, DATA / "weimob_retail_orders_excerpt_zh.csv")
    at = _page(ws.folder)
    at.button(key="rec_go").click().run()
    assert not at.exception, at.exception
    rows = next(d.value for d in at.dataframe if "customer_id" in d.value.columns or len(d.value) > 20)
    said = next(c.value for c in at.caption if c.value.startswith(f"{len(rows):,} rows"))
    assert len(rows) < 1000 and "first 1,000" not in said, said


@pytest.mark.parametrize("lang,why", [("en", "relay numbers"), ("zh", "隐私号")])
def test_orders_of_relay_numbers_still_get_basket_rules(ws, lang, why):
    """美团闪购's buyers are a 隐私号 or a mask (judge85): the page says so, then opens the basket rules the
    refusal points to (the excerpt's 18 baskets hold no rule; the tab says so)."""
    from crm_core.recommend.basket import BasketConfig

    with ws.connect() as con:
        load_file(con, DATA / "meituan_shangou_orders_excerpt_zh.xlsx", table="orders")
    at = new_app(ws.folder, lang).run()
    at.session_state["rec_config"] = ("orders", RecommendConfig())
    at.session_state["rec_rules_config"] = ("orders", BasketConfig())
    at.switch_page("pages/recommend.py").run()
    assert not at.exception, at.exception
    assert why in at.error[0].value
    assert [h.value for h in at.subheader] == [t("rec.tab.rules", lang)]


@pytest.mark.parametrize("lang, said", [("en", "has already bought all 6 products"),
                                        ("zh", "都已买过全部 6 种商品")])
def test_a_run_with_nothing_new_to_offer_says_why(ws, lang, said):
    """walk41: Faire's retailers each stocked every candle; the page said "Done: 0 recommendations" over
    measures of "—" and no reason."""
    with ws.connect() as con:
        load_file(con, DATA / "faire_orders_all_bought_excerpt.csv", table="faire")
    at = new_app(ws.folder, lang).run()
    at.session_state["rec_config"] = ("faire", RecommendConfig())
    at.switch_page("pages/recommend.py").run()
    assert not at.exception, at.exception
    assert any(said in w.value for w in at.warning), [w.value for w in at.warning]
