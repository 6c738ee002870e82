"""Home: the workflow and the workspace at a glance."""

import pandas as pd
import streamlit as st

from app_ui import (
    PAGE_SPECS,
    PAGES,
    as_days,
    fitted_columns,
    lang,
    show_table,
    tables,
    tr,
    user_errors,
    workspace,
)
from crm_core.report import format as fmt


def source_words(info) -> str:
    """Where a table came from, in the page's language: a cleaned table's source is the table its
    recipe ran on (the Chinese list read "recipe on unified_payments", walk17; catalogues written
    before keep that English text, so it is read back as the table's name)."""
    if info.kind != "clean":
        return info.source
    return tr("home.source.clean", table=info.source.removeprefix("recipe on "))


st.title(tr("home.title"))
st.write(tr("home.intro"))

st.subheader(tr("home.workflow"))
for spec in PAGE_SPECS:  # each step named as the sidebar names its page ("Integrate" was "Data" there)
    if spec.step_key:
        st.markdown(f"- **{tr(spec.title_key)}**{tr('home.step_sep')}{tr(spec.step_key)}")

st.subheader(tr("home.workspace"))
st.caption(tr("home.folder", folder=workspace().folder.resolve()))
with user_errors():
    found = tables()
    if not found:
        st.info(tr("home.empty"))
        st.page_link(PAGES["data"], label=tr("home.go_data"), icon=":material/upload_file:")
    else:
        a, b = st.columns(2)
        a.metric(tr("home.tables"), len(found))
        b.metric(tr("home.total_rows"), f"{sum(t.rows for t in found):,}")
        newest = max((t.loaded_at for t in found if t.loaded_at), default=None)
        if newest:  # a line, not a metric: its big figures cut "2026年12月5日 14:45" to "2026年…" at 820 px
            st.caption(tr("home.last_loaded_at", when=fmt.moment(newest, lang())))
        listed = pd.DataFrame({
            tr("home.col.name"): [t.name for t in found],
            tr("home.col.rows"): [t.rows for t in found],
            tr("home.col.columns"): [t.columns for t in found],
            tr("home.col.loaded"): [t.loaded_at for t in found],
            tr("home.col.source"): [source_words(t) for t in found],
        })  # times as every grid says them, names and sources as wide as they are (both were cut, walk17);
        # the long source last: the time past it was cut at 1280 px (walk19)
        listed, times = as_days(listed, {})
        show_table(listed, column_config=times | fitted_columns(
            listed, [tr("home.col.name"), tr("home.col.source")]) | {
            tr(f"home.col.{c}"): st.column_config.NumberColumn(format="localized")
            for c in ("rows", "columns")})  # 69659 beside a metric reading 396,857
