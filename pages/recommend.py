"""Recommend: products to offer each customer, proven against the best-seller list."""

from __future__ import annotations

import json
from dataclasses import asdict

import pandas as pd
import streamlit as st

from app_ui import downloads, require_tables, tr, user_errors, workspace
from crm_core.recommend.charts import evaluation_bars, similarity_heatmap
from crm_core.recommend.model import METHODS, catalogue, find_products_table
from crm_core.recommend.run import RecommendParams, RecommendRun, run
from crm_core.workspace import store
from crm_core.workspace.store import Workspace

RUN_KEY = "rec_run"
PICK_LIMIT = 3000  # products offered in the pickers (best-sellers first): big catalogues swamp a list
NO_PRODUCTS = ""


@st.cache_data(max_entries=8, show_spinner=False)
def _cached_run(folder: str, table: str, version: int, products: str, products_version: int,
                params_json: str) -> RecommendRun:
    params = RecommendParams(**{**json.loads(params_json),
                                "categories": tuple(json.loads(params_json)["categories"])})
    with Workspace(folder).connect() as con:
        return run(con, table, params, products_table=products or None)


def _cache_key(table: str, products: str) -> tuple[str, str, int, str, int]:
    """Workspace folder, table and products table with their versions: what a run depends on."""
    with workspace().connect() as con:
        version = store.table_version(con, table)
        products_version = store.table_version(con, products) if products else 0
    return str(workspace().folder), table, version, products, products_version


def _product_choice(names: list[str], table: str) -> str:
    with workspace().connect() as con:
        found = find_products_table(con, exclude=table) or NO_PRODUCTS
    options = [NO_PRODUCTS, *[n for n in names if n != table]]
    labels = [n or tr("rec.no_products") for n in options]  # plain labels: no session-bound format_func
    choice = st.selectbox(tr("rec.products_table"), labels, index=options.index(found),
                          key="rec_products", help=tr("rec.products_help"))
    return options[labels.index(choice)]


def settings(products: str) -> RecommendParams:
    """The analyst's choices; defaults are the tuned ones from RecommendParams."""
    d = RecommendParams()
    a, b, c = st.columns(3)
    labels = [tr(f"rec.method.{m}") for m in METHODS]
    method = METHODS[labels.index(a.selectbox(tr("rec.method"), labels, index=METHODS.index(d.method),
                                              key="rec_method", help=tr("rec.method_help")))]
    weight = b.slider(tr("rec.weight"), 0.0, 1.0, d.weight, 0.05, key="rec_weight",
                      help=tr("rec.weight_help"), disabled=method != "blend")
    top = c.number_input(tr("rec.top"), 1, 100, d.top, key="rec_top")
    with st.expander(tr("rec.rules")):
        e, f, g = st.columns(3)
        include = e.checkbox(tr("rec.include_bought"), d.include_bought, key="rec_include",
                             help=tr("rec.include_help"))
        holdout = f.number_input(tr("rec.holdout"), 1, 365, d.holdout_days, key="rec_holdout",
                                 help=tr("rec.holdout_help"))
        lookback = g.number_input(tr("rec.lookback"), 0, 3650, 0, key="rec_lookback",
                                  help=tr("rec.lookback_help"))
        h, i = st.columns(2)
        support = h.number_input(tr("rec.min_support"), 1, 1000, d.min_support, key="rec_support",
                                 help=tr("rec.min_support_help"))
        categories = i.multiselect(tr("rec.categories"), _categories(products), key="rec_categories",
                                   help=tr("rec.categories_help"))
    return RecommendParams(method=method, weight=float(weight), top=int(top), include_bought=include,
                           holdout_days=int(holdout), lookback_days=int(lookback) or None,
                           min_support=int(support), categories=tuple(categories))


def _categories(products: str) -> list[str]:
    if not products:
        return []
    with workspace().connect() as con:
        values = catalogue(con, products)["category"].dropna().unique().tolist()
    return sorted(str(v) for v in values)


def show_evaluation(result: RecommendRun) -> None:
    """Figures with the lift over the best-seller list, explained in words."""
    ev = result.evaluation
    st.subheader(tr("rec.eval_title"))
    if "skipped" in ev:
        st.warning(tr("rec.eval_skipped", reason=ev["skipped"]))
        return
    cols = st.columns(4)
    for col, metric in zip(cols, ("hit_rate", "precision", "recall", "coverage"), strict=True):
        col.metric(tr(f"rec.metric.{metric}"), f"{ev[metric]:.1%}",
                   delta=f"{ev[metric] - ev[f'popularity_{metric}']:+.1%}",
                   help=tr(f"rec.metric.{metric}_help", k=ev["k"]))
    labels = {m: tr(f"rec.metric.{m}") for m in ("hit_rate", "precision", "recall", "coverage")}
    st.plotly_chart(evaluation_bars(ev, labels, tr("rec.model"), tr("rec.popularity")), width="stretch")
    lift = ev.get("lift_hit_rate")
    key = "rec.lift_none" if lift is None else ("rec.lift_up" if lift > 0 else "rec.lift_down")
    st.info(tr(key, k=ev["k"], days=ev["holdout_days"], customers=f"{ev['customers_evaluated']:,}",
               hit=f"{ev['hit_rate']:.1%}", pop=f"{ev['popularity_hit_rate']:.1%}",
               lift=f"{abs(lift or 0):.0%}", cutoff=ev["cutoff"][:10],
               scope=tr("rec.scope_new" if not result.model.include_bought else "rec.scope_all")))
    if "popularity_weight_used" in ev:
        st.caption(tr("rec.pop_used", share=f"{ev['popularity_weight_used']:.0%}"))
    flat = {k: v for k, v in ev.items() if not isinstance(v, dict)}
    downloads(pd.DataFrame([flat]), "rec_eval", key="rec_dl_eval")


def _label(result: RecommendRun):
    names = result.model.catalogue_.set_index("product_id")["name"]
    return lambda pid: f"{pid} · {names.get(pid)}" if pd.notna(names.get(pid)) else str(pid)


def customer_tab(result: RecommendRun) -> None:
    """One customer's history and top-K with "because you bought …"."""
    model = result.model
    customer = st.text_input(tr("rec.customer"), model.customers_[0], key="rec_customer").strip()
    if not customer:
        return
    if customer not in model.customers_:
        st.info(tr("rec.unknown_customer", customer=customer))
    recs = model.describe(model.recommend(result.recommendations["rank"].max(), [customer]),
                          ("product_id", "because_product_id"))
    label = _label(result)
    recs["why"] = [tr("rec.because", product=label(p)) if p else tr("rec.because_popular")
                   for p in recs["because_product_id"]]
    left, right = st.columns([3, 2])
    left.markdown(f"**{tr('rec.top_for', customer=customer)}**")
    left.dataframe(recs, hide_index=True, width="stretch")
    with left:
        downloads(recs, f"recommendations_{customer}", key="rec_dl_customer")
    history = model.describe(model.customer_history(customer))
    right.markdown(f"**{tr('rec.history')}**")
    right.dataframe(history, hide_index=True, width="stretch")
    with right:
        downloads(history, f"history_{customer}", key="rec_dl_history")


def product_tab(result: RecommendRun) -> None:
    """Similar products and "customers who bought this also bought"."""
    model = result.model
    options = model.popular(PICK_LIMIT)["product_id"].tolist()
    product = st.selectbox(tr("rec.product"), options, format_func=_label(result), key="rec_product")
    left, right = st.columns(2)
    similar = model.describe(model.similar_products(product, 10))
    left.markdown(f"**{tr('rec.similar')}**")
    left.dataframe(similar, hide_index=True, width="stretch")
    with left:
        downloads(similar, f"similar_{product}", key="rec_dl_similar")
    together = model.describe(model.bought_together(product, 10))
    right.markdown(f"**{tr('rec.together')}**")
    right.caption(tr("rec.together_help"))
    right.dataframe(together, hide_index=True, width="stretch")
    with right:
        downloads(together, f"bought_together_{product}", key="rec_dl_together")


def heatmap_tab(result: RecommendRun) -> None:
    """Similarities among products the analyst picks (the best-sellers to start with)."""
    model = result.model
    label = _label(result)
    default = model.popular(8)["product_id"].tolist()
    options = model.popular(PICK_LIMIT)["product_id"].tolist()
    chosen = st.multiselect(tr("rec.heat_products"), options, default=default,
                            format_func=label, key="rec_heat", max_selections=40)
    if len(chosen) < 2:
        st.info(tr("rec.heat_pick"))
        return
    table = model.similarity_table(chosen)
    st.plotly_chart(similarity_heatmap(table, [label(p)[:40] for p in chosen]), width="stretch")
    downloads(table.reset_index(names="product_id"), "similarity", key="rec_dl_heat")


def recommend_page() -> None:
    names = [t.name for t in require_tables()]
    preferred = next((n for n in ("orders", "transactions", "sales") if n in names), names[0])
    table = st.selectbox(tr("rec.table"), names, index=names.index(preferred), key="rec_table",
                         help=tr("rec.table_help"))
    products = _product_choice(names, table)
    params = settings(products)
    if st.button(tr("rec.run"), type="primary", key="rec_go"):
        with st.spinner(tr("rec.running")):
            result = _cached_run(*_cache_key(table, products), json.dumps(asdict(params)))
            with workspace().connect() as con:
                store.write_frame(con, "recommendations", result.recommendations, replace=True,
                                  source=table, kind="result", parent=table,
                                  run_params=json.dumps(asdict(params)))
        st.session_state[RUN_KEY] = (table, products, json.dumps(asdict(params)))
        st.success(tr("rec.done", rows=f"{len(result.recommendations):,}"))
    if RUN_KEY not in st.session_state:
        st.caption(tr("rec.hint"))
        return
    table, products, params_json = st.session_state[RUN_KEY]
    result = _cached_run(*_cache_key(table, products), params_json)
    if result.evaluation.get("note"):
        st.caption(tr("rec.cf_only", note=result.evaluation["note"]))
    show_evaluation(result)
    st.subheader(tr("rec.results"))
    tabs = st.tabs([tr("rec.tab.all"), tr("rec.tab.customer"), tr("rec.tab.product"), tr("rec.tab.heat")],
                   key="rec_tabs", on_change="rerun")  # keeps the open tab across reruns
    with tabs[0]:
        st.caption(tr("rec.saved", rows=f"{len(result.recommendations):,}"))
        st.dataframe(result.recommendations.head(1000), hide_index=True, width="stretch")
        downloads(result.recommendations, "recommendations", key="rec_dl_all")
    with tabs[1]:
        customer_tab(result)
    with tabs[2]:
        product_tab(result)
    with tabs[3]:
        heatmap_tab(result)


st.title(tr("rec.title"))
st.caption(tr("rec.intro"))
with user_errors():
    recommend_page()
