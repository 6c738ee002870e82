"""Recommend: products to offer each customer, proven against what sells lately; basket rules."""

from __future__ import annotations

import streamlit as st

from app_ui import (
    asked_for,
    cached_run,
    delta,
    downloads,
    error_text,
    lang,
    past_runs_above,
    plain,
    range_between,
    range_note,
    refusal_of,
    require_tables,
    save_run,
    share_with_range,
    show_table,
    table_picker,
    tr,
    user_errors,
    workspace,
    workspace_stamp,
)
from crm_core.errors import CrmError
from crm_core.i18n import listed, say
from crm_core.recommend import basket as basket_run
from crm_core.recommend import charts, rule_labels
from crm_core.recommend import run as recommend_run
from crm_core.recommend.data import find_products_table, labeller
from crm_core.recommend.evaluate import among_note, lift_verdict, settings_note
from crm_core.recommend.model import MODES
from crm_core.recommend.run import RecommendConfig, RecommendRun
from crm_core.report import format as fmt
from crm_core.report.margin import Z95, share_margin
from crm_core.workspace.store import Workspace

CONFIG_KEY = "rec_config"
RULES_KEY = "rec_rules_config"
NO_PRODUCTS = ""
METRICS = ("hit_rate", "precision", "recall", "coverage")
SHOWN = 1000  # rows of a list the grid shows; the downloads hold them all (no bare string: magic shows it)


@st.cache_data(max_entries=64, show_spinner=False)
def _catalogue_for(folder: str, stamp: float, table: str) -> str:
    """The products table naming ``table``'s products (the overlap query), per workspace state."""
    with Workspace(folder).connect() as con:
        return find_products_table(con, table) or NO_PRODUCTS


def settings_form(names: list[str]) -> str:
    """Table (outside the form: a new table preselects its own catalogue), products table, list
    mode and recency; submitting runs and keeps the run. Returns the table picked."""
    table = table_picker("rec.table", key="rec_table", preferred=("orders", "transactions", "sales"),
                         kinds=("transactions",))
    ws = workspace()
    found = _catalogue_for(str(ws.folder), workspace_stamp(ws), table)
    with st.form("rec_settings"):
        options = [NO_PRODUCTS, *[n for n in names if n != table]]
        a, b, c = st.columns(3)
        # one box per table: a box kept across tables went on showing the last table's catalogue in
        # the browser ("products" beside Complete Journey: "No product id of table 'products' matches")
        none = tr("rec.no_products")  # said in this run: a format_func reading the session reads English
        products = a.selectbox(tr("rec.products_table"), options, index=options.index(found),
                               key=f"rec_products_{table}", help=tr("rec.products_help"),
                               format_func=lambda n: n or none)
        labels = [tr(f"rec.mode.{m}") for m in MODES]  # plain labels: no session-bound format_func
        mode = MODES[labels.index(b.radio(tr("rec.mode"), labels, key="rec_mode", help=tr("rec.mode_help")))]
        top = c.number_input(tr("rec.top"), 1, 100, 10, key="rec_top")
        d, e = st.columns(2)
        half_life = d.number_input(tr("rec.half_life"), 0, 730, 0, key="rec_half_life",
                                   help=tr("rec.half_life_help"))
        holdout = e.number_input(tr("rec.holdout"), 1, 365, 28, key="rec_holdout",
                                 help=tr("rec.holdout_help"))
        if st.form_submit_button(tr("rec.run"), type="primary", key="rec_go"):
            st.session_state[CONFIG_KEY] = (table, RecommendConfig(
                top=int(top), mode=mode, half_life_days=float(half_life) or None,
                holdout_days=int(holdout), products_table=products or None))
            st.session_state["rec_save"] = True
    return table


def _left_out(left: dict | None, key: str) -> None:
    """The products left out as not goods (postage, fees …), when there were any."""
    if left and left.get("products"):  # runs kept before have none
        st.caption(tr(key, products=f"{left['products']:,}", lines=f"{left['lines']:,}",
                      examples=listed(left["examples"], lang())))


def _notes(notes: tuple) -> None:
    """How the purchases were read (an order's items from one cell), in the page's language."""
    for note in notes:
        st.caption(plain(say(note, lang())))


def _metric_note(col, metric: str, value: float, ev: dict, products: int) -> None:
    """Under a measured number how well it is known: the hit rate's, precision's and recall's 95%
    range over the judged customers, coverage's count of products (walk31: "0.6%" stood bare) said
    as those the judged customers bought in the held-out days beside the ``products`` customers bought over
    the log (walk32: "已购 10 种商品" read as the menu, which Clean counted at 55)."""
    n = ev["customers_evaluated"]
    if metric == "coverage":
        if "products_covered" in ev:  # runs kept before the count was recorded have none
            col.caption(tr("rec.metric.coverage_count", covered=f"{ev['products_covered']:,}",
                           bought=f"{ev['products_bought']:,}", customers=f"{n:,}", products=f"{products:,}"))
        return
    if metric == "hit_rate":  # a share of the judged customers: Wilson's range, wide even at 5 of 5 (walk34)
        share_with_range(col, round(value * n), n)
        return
    if f"{metric}_range" in ev:  # keeps its width when the few judged customers scored alike (left61)
        range_between(col, *ev[f"{metric}_range"], "{:.1%}".format, n)
        return
    # nan: a run kept before the standard error was recorded
    range_note(col, value, Z95 * ev.get(f"{metric}_se", float("nan")), "{:.1%}".format, n)


def show_evaluation(run: RecommendRun) -> None:
    """The model next to all-time and recent popularity, with the lift over the stronger one."""
    ev = run.evaluation
    st.subheader(tr("rec.eval_title"))
    _left_out(ev.get("not_products"), "rec.not_products")
    _notes(run.notes)
    if "skipped" in ev:
        st.warning(tr("rec.eval_skipped", reason=say(ev["skipped"], lang())))
        return
    base = ev["baseline"]
    for col, metric in zip(st.columns(4), METRICS, strict=True):
        value, reference = ev.get(metric), ev.get(f"{base}_{metric}")
        col.metric(tr(f"rec.metric.{metric}"), "—" if value is None else fmt.percent(value, 1),
                   **({} if value is None or reference is None else _points(value - reference)),
                   help=tr(f"rec.metric.{metric}_help", k=ev["k"]))
        if value is not None:
            _metric_note(col, metric, value, ev, len(run.model.products_))
    methods = {"": tr("rec.method.model"), "popularity_": tr("rec.method.popularity"),
               "recent_popularity_": tr("rec.method.recent", days=ev["recent_days"]),
               "similar_customers_": tr("rec.method.similar")}
    # which list the changes are measured against: "-2.2 pts" alone left the analyst to guess
    # among the chart's three (walk15); said once, as a pill cut "+14.4 个百分…" at 1024 px
    st.caption(tr("rec.delta_against", baseline=methods[f"{base}_"]))
    st.plotly_chart(charts.evaluation_bars(ev, {m: tr(f"rec.metric.{m}") for m in METRICS}, methods,
                                           (tr("rec.chart.metric_axis"), tr("rec.chart.share_axis"))),
                    width="stretch", key="rec_eval_chart")
    if ev.get("hit_rate") is None:  # nobody bought in the hidden days what a list could hold (judge46)
        others = f"{ev.get('customers_not_judged', 0):,}"
        st.info(tr("rec.none_judged", others=others, days=ev["holdout_days"]))
    else:
        _lift_said(ev, methods, base)
    half_life = ev["half_life_days"]
    st.caption(settings_note(ev, half_life=f"{half_life:g}" if half_life else "∞", popular=ev["popular_days"],
                             **_weights(ev["weights"])).text(lang()))
    if among := among_note(ev):  # a product outside the best-sellers lately is never listed (rec37)
        st.caption(among.text(lang()).strip())
    chosen = ev.get("validation_hit_rate") or {}
    if chosen.get("ranker") is not None:  # buy-again lists and runs kept before have no ranker
        close = ev["method"] == "blend" and "ranker_gain_se" in chosen  # runs kept before have no gain
        order = f"rec.order.{ev['method']}{'_close' if close else ''}"
        st.caption(tr(order, ranker=f"{chosen['ranker']:.1%}",
                      blend=f"{chosen['blend']:.1%}", blend_test=f"{(ev.get('blend_hit_rate') or 0):.1%}",
                      gain=f"{chosen.get('ranker_gain', 0) * 100:+.1f}",
                      se=f"{chosen.get('ranker_gain_se', 0) * 100:.1f}"))


def _lift_said(ev: dict, methods: dict[str, str], base: str) -> None:
    """The hit rate against the stronger popularity list, and who was not judged."""
    lift, margin = ev.get("lift_hit_rate"), share_margin(ev["hit_rate"] or 0, ev["customers_evaluated"])
    st.info(tr(f"rec.lift_{lift_verdict(ev)}",
               k=ev["k"], days=ev["holdout_days"], customers=f"{ev['customers_evaluated']:,}",
               products=f"{ev.get('products', 0):,}",
               hit=f"{ev['hit_rate']:.1%}", base=f"{(ev['baseline_hit_rate'] or 0):.1%}",
               baseline=methods[f"{base}_"], lift=f"{abs(lift or 0):.0%}",
               margin=tr("rec.delta_points", points=f"{margin * 100:.1f}").lstrip("+")))
    if ev.get("customers_not_judged"):  # one cut for all: who stopped before it has a list, no judgement
        st.caption(tr("rec.not_judged", others=f"{ev['customers_not_judged']:,}", days=ev["holdout_days"],
                      customers=f"{ev['customers_evaluated']:,}"))


def _points(difference: float) -> dict:
    """A difference of two rates in percentage points ("+14.4 个百分点"): "+14.4%" would read as
    a relative change."""
    return delta(difference * 100, tr("rec.delta_points", points=f"{difference * 100:+.1f}"), 1)


def _weights(weights: dict[str, float]) -> dict[str, str]:
    """The blend in words, heaviest first: "bought by similar customers ×4, goes with what they buy
    ×2, sells well lately ×1" (each signal said as the reason column says it), and the signals at 0
    as not used; "popular 1, similar 4, … goes with 2" read as code (judge8 walk)."""
    sep = tr("rec.weights_sep")
    ranked = sorted(weights.items(), key=lambda kv: -kv[1])
    unused = sep.join(tr(f"rec.reason.{part}") for part, value in ranked if not value)
    return {"weights": sep.join(f"{tr(f'rec.reason.{part}')} ×{value:g}" for part, value in ranked if value),
            "unused": tr("rec.weights_unused", names=unused) if unused else ""}


HEADED = ("customer_id", "product_id", "rank", "score", "reason", "rule", "antecedent", "consequent",
          "support", "confidence", "lift", "baskets_with_both", "antecedent_baskets", "rank_for_antecedent",
          "weight")


def _headers(products=None, by_name: bool = False) -> dict:
    """Headers of the recommendation and rule tables in the page's language, the catalogue's own
    columns in words (``COMMODITY_DESC`` headed a grid), shares of baskets as percentages
    (downloads keep the file's names and numbers); products named by name headed as names (订单导出's
    names read "商品编号", walk20)."""
    own = [] if products is None else [c for c in products.columns if c not in HEADED]
    config: dict = {c: fmt.header(c, lang()) for c in own} | {c: tr(f"rec.col.{c}") for c in HEADED}
    if by_name:
        config["product_id"] = tr("rec.col.product_name")
    config |= {c: st.column_config.NumberColumn(config[c], format="percent")
               for c in ("support", "confidence")}
    # a blend of weighted signals read 5.1501 / 4.421: two decimals rank as well (files keep all)
    config |= {c: st.column_config.NumberColumn(config[c], format="%.2f") for c in ("lift", "score")}
    return config


RULE_SIDES = ("antecedent", "consequent")


def _rule_side_headers(columns) -> dict:
    """A rule's product columns (``antecedent_Description``, ``consequent_Description``: the
    catalogue's columns beside each side's id) headed "Description (A)" / "描述（A）"; they read as
    code on the Chinese page (walk9)."""
    return {c: tr(f"rec.col.{side}_of", column=fmt.header(c.removeprefix(f"{side}_"), lang()))
            for c in columns if c not in HEADED
            for side in RULE_SIDES if c.startswith(f"{side}_")}


def reasons_in_words(frame):
    """The reason codes (``popular``, ``similar``, ``own``) said in the page's language."""
    out = frame.copy()
    if "reason" in out:
        out["reason"] = out["reason"].map(lambda r: tr(f"rec.reason.{r}"))
    return out


def _recommendation_grid(frame, by_name: bool | None = None) -> tuple:
    """A recommendation list and its column config as the page shows it, a kept run's too: the
    reason in words, the score to two decimals (a kept table read 5.1501), products named by name
    headed as names (a kept run of 订单导出 read "商品编号" over them, walk21)."""
    return reasons_in_words(frame), _headers(by_name=bool(by_name))


def _rules_grid(frame) -> tuple:
    """Basket rules as the page shows them, a kept run's too: "A → B" first, held in view while the
    grid scrolls, support and confidence in percent, each side's product columns in words."""
    grid = rule_labels.rule_grid(frame)
    rule = st.column_config.TextColumn(tr("rec.col.rule"), width="large", pinned=True)
    return grid, _headers() | _rule_side_headers(grid.columns) | {"rule": rule}


def _show_rules(frame) -> tuple:
    """Rules on the page; returns the grid shown, for the workbook of the same rows."""
    grid, config = _rules_grid(frame)
    show_table(grid, column_config=config)
    return grid, config


def customer_tab(run: RecommendRun) -> None:
    """One customer's list (with names and reasons) next to what they bought."""
    model, headers = run.model, _headers(run.products, run.by_name)
    customer = st.text_input(tr("rec.customer"), model.people()[0], key="rec_customer").strip()
    if not customer:
        return
    if customer not in model.people():
        st.info(tr("rec.unknown_customer", customer=customer))
    listed = run.describe(model.recommend(run.config.top, [customer]))  # the CSV keeps the codes
    picks = reasons_in_words(listed)
    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"**{tr('rec.top_for', customer=customer)}**")
        show_table(picks, column_config=headers)
        downloads(listed, f"recommendations_{customer}", key="rec_dl_customer",
                  shown=(picks, headers))
    history = run.describe(model.customer_history(customer))
    with right:
        st.markdown(f"**{tr('rec.history')}**")
        show_table(history, column_config=headers)
        downloads(history, f"history_{customer}", key="rec_dl_history",  # no CLI file (walk25)
                  shown=(history, headers), headed=True)


def rules_tab(table: str, products: str | None) -> None:
    """Basket rules: the strongest, those of one product, those between categories."""
    with st.form("rec_rules_form"):
        # in percent, as the rules grid says support ("0.0010" read as a raw share, walk9)
        percent = st.number_input(tr("rec.min_support"), 0.01, 50.0, 0.1, step=0.05, format="%.2f",
                                  key="rec_min_support", help=tr("rec.min_support_help"))
        if st.form_submit_button(tr("rec.rules_run"), key="rec_rules_go"):
            st.session_state[RULES_KEY] = (table, basket_run.BasketConfig(
                min_support=round(float(percent) / 100, 6), products_table=products))
            st.session_state["rec_rules_save"] = True
    with past_runs_above("basket", key="rec_rules_past", config=basket_run.BasketConfig,
                         header_keys=("rec.col",), shown=_rules_grid, table=table):
        rules_shown(table)


def rules_shown(table: str) -> None:
    """The rules the last click asked for on this table (kept when new), strongest first."""
    if st.session_state.get(RULES_KEY, (None,))[0] != table:
        return
    rules_table, config = st.session_state[RULES_KEY]
    result = cached_run(basket_run, rules_table, config)
    if st.session_state.pop("rec_rules_save", False):
        save_run(result)
    st.caption(tr("rec.rules_summary", rules=f"{len(result.rules):,}",
                  categories=f"{len(result.category_rules):,}", baskets=f"{result.baskets:,}"))
    _left_out(result.left_out, "rec.rules_not_products")
    _notes(result.notes)
    if result.rules.empty:
        st.info(tr("rec.rules_none"))
        return
    label = labeller(rule_labels.unrepeated(result.products))
    st.plotly_chart(charts.rules_bars(result.rules, label, tr("rec.rules_top"),
                                      (tr("rec.col.lift"), tr("rec.chart.rule_axis")), lang=lang()),
                    width="stretch",
                    key="rec_rules_chart")
    _show_rules(result.rules.head(SHOWN))
    downloads(result.rules, "rules", key="rec_dl_rules", shown=lambda: _rules_grid(result.rules))
    antecedents = result.rules["antecedent"].drop_duplicates().tolist()[:3000]
    product = st.selectbox(tr("rec.product"), antecedents, format_func=label, key="rec_rule_product")
    own = result.rules[result.rules["antecedent"] == product]
    st.markdown(f"**{tr('rec.rules_for')}**")
    grid = _show_rules(own)
    downloads(own, f"rules_{product}", key="rec_dl_rules_product", shown=grid)
    if not result.category_rules.empty:
        st.markdown(f"**{tr('rec.rules_category')}**")
        grid = _show_rules(result.category_rules)
        downloads(result.category_rules, "category_rules", key="rec_dl_rules_category", shown=grid)


# Refusals of a log that names no buyer, whose text sends the analyst to the basket rules: the
# roles' own (an order log, left26) ended the page with no rules to go to (walk22, Amazon). A
# comment, not a docstring: a string under a constant would be drawn on the page.
NO_BUYER = ("rec.error.needs_customer", "roles.need.orders_without_buyer", "roles.need.relay_buyer")


def no_buyer(table: str, refused: CrmError) -> None:
    """The refusal, then the basket rules it points to for a log naming no buyer; one message when
    each order holds a single product too (judge27: two refusals, each sending the analyst to the
    other's tab)."""
    if getattr(refused.args[0], "key", "") not in NO_BUYER:
        st.error(error_text(refused), icon=":material/warning:")
        return
    rules = refusal_of(basket_run, table, basket_run.BasketConfig())
    said = getattr(rules.args[0], "key", "") if rules else ""
    if said.startswith("rec.error.single_item"):
        st.error(tr("rec.error.no_buyer_single_items", **rules.args[0].values), icon=":material/warning:")
        return
    st.error(error_text(refused), icon=":material/warning:")
    st.subheader(tr("rec.tab.rules"))
    with user_errors():
        rules_tab(table, None)


def recommend_page() -> None:
    names = [t.name for t in require_tables()]
    picked = settings_form(names)
    with past_runs_above("recommend", key="rec_past", config=RecommendConfig, header_keys=("rec.col",),
                         shown=_recommendation_grid, shown_by=("by_name",), table=picked):
        recommendations_shown(picked)


def recommendations_shown(picked: str) -> None:
    """The recommendations the last click asked for on the picked table (kept when new): evaluation,
    lists, rules."""
    asked = asked_for(CONFIG_KEY, picked)
    if not asked:
        st.caption(tr("rec.hint"))
        return
    table, config = asked
    try:
        with st.spinner(tr("rec.running"), show_time=True):
            run = cached_run(recommend_run, table, config)
    except CrmError as refused:  # orders naming no customer (美团's 顾客 王**) still give basket rules
        no_buyer(table, refused)
        return
    if st.session_state.pop("rec_save", False):
        record = save_run(run)
        st.success(tr("rec.done", rows=f"{len(run.recommendations):,}", table=record.result_table))
    show_evaluation(run)
    st.subheader(tr("rec.results"))
    tabs = st.tabs([tr("rec.tab.all"), tr("rec.tab.customer"), tr("rec.tab.rules")],
                   key="rec_tabs", on_change="rerun")  # keeps the open tab across reruns
    with tabs[0], user_errors():
        whole = len(run.recommendations) <= SHOWN  # "共 500 行；此处显示前 1,000 行" (walk37)
        st.caption(tr("rec.saved_all" if whole else "rec.saved", rows=f"{len(run.recommendations):,}"))
        if run.evaluation.get("browsing_only"):  # an event log's customers who never bought
            st.info(tr("rec.browsing_only", n=f"{run.evaluation['browsing_only']:,}", table=table))
        headers = _headers(run.products, run.by_name)
        show_table(reasons_in_words(run.recommendations.head(SHOWN)), column_config=headers)
        downloads(run.recommendations, "recommendations", key="rec_dl_all",
                  shown=lambda: (reasons_in_words(run.recommendations), headers))
    with tabs[1], user_errors():
        customer_tab(run)
    with tabs[2], user_errors():
        rules_tab(table, run.products_table)


st.title(tr("rec.title"))
st.caption(tr("rec.intro"))
with user_errors():
    recommend_page()
