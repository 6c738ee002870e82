"""Clean, third tab: union look-alike exports, join transactions with customers and products.
Imported by ``pages/clean.py``; not a page of its own."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_ui import current_user, downloads, headers, lang, select_all, show_table, tr, user_errors, workspace
from crm_core.i18n import listed, say
from crm_core.protect import audit
from crm_core.quality import integrate
from crm_core.report import format as fmt


def union_report(report: dict) -> None:
    """What a union did, in sentences and a rows-per-table grid (it was printed as raw JSON)."""
    def arrows(pairs: dict) -> str:
        return listed((f"{a} → {b}" for a, b in pairs.items()), lang())

    st.success(tr("clean.union_done", into=report["into"], rows=f"{report['rows']:,}"))
    for column, lacking in report["missing"].items():
        st.warning(tr("clean.union_missing", column=column, tables=listed(lacking, lang())))
    for tbl, renames in report["renamed"].items():
        st.info(tr("clean.union_renamed", table=tbl, pairs=arrows(renames)))
    if report["type_changes"]:
        words = {c: fmt.type_word(t, lang()) for c, t in report["type_changes"].items()}
        st.info(tr("clean.union_types", pairs=arrows(words)))
    counts = pd.DataFrame(report["tables"])
    counts["rows"] = counts["rows"].map(lambda n: f"{n:,}")
    show_table(counts, column_config=headers(counts, "clean.union_col"))
    st.caption(tr("clean.union_columns", n=len(report["columns"]), column=report["source_column"]))


def join_report(report: dict) -> None:
    """What a join found, in sentences naming the tables and columns, and a grid headed in words
    (it was the report's raw keys and counts: ``rows_orphan``, ``['cust', 'customer_id']``)."""
    st.markdown("\n".join(f"- {say(sentence, lang())}" for sentence in report["said"]))
    frame = pd.DataFrame(report["joins"])
    frame = frame.assign(**{c: frame[c].map(lambda v: listed(v, lang())) for c in
                            ("on", "orphan_examples", "duplicate_examples")})
    grid = (frame, headers(frame, "clean.join_col"))
    show_table(grid[0], column_config=grid[1])
    downloads(frame, f"{report['into']}_join_report", key="clean_join_dl", shown=grid)


def integrate_tab(names: list[str]) -> None:
    """Union look-alike exports; join transactions with customers and products."""
    st.subheader(tr("clean.union"))
    st.caption(tr("clean.union_help"))
    picked = st.multiselect(tr("clean.union_tables"), names, key="clean_union_tables",
                            select_all=select_all(), placeholder=tr("common.choose"))
    union_into = st.text_input(tr("clean.into"), "combined", key="clean_union_into")
    if st.button(tr("clean.union_run"), key="clean_union_run"):
        with user_errors(), workspace().connect() as con:
            report = integrate.union_tables(con, picked, union_into, replace=True)
            audit.record(con, current_user(), "clean", f"union {', '.join(picked)} -> {union_into}")
            union_report(report)
    st.subheader(tr("clean.join"))
    st.caption(tr("clean.join_help"))
    fact = st.selectbox(tr("clean.join_transactions"), names, key="clean_join_fact",
                        index=names.index("orders") if "orders" in names else 0)
    optional = ["", *names]
    cust = st.selectbox(tr("clean.join_customers"), optional, key="clean_join_customers",
                        index=optional.index("customers") if "customers" in optional else 0)
    prod = st.selectbox(tr("clean.join_products"), optional, key="clean_join_products",
                        index=optional.index("products") if "products" in optional else 0)
    join_into = st.text_input(tr("clean.into"), f"{fact}_joined", key="clean_join_into")
    if st.button(tr("clean.join_run"), key="clean_join_run"):
        with user_errors(), workspace().connect() as con:
            report = integrate.join_tables(con, fact, cust or None, prod or None, join_into, replace=True)
            audit.record(con, current_user(), "clean", f"join {fact} + {cust} + {prod} -> {join_into}")
            st.success(tr("clean.join_done", into=report["into"], rows=f"{report['rows']:,}"))
            if report.get("note"):
                st.info(say(report["note"], lang()))
            join_report(report)


