"""Home: the workflow and the workspace at a glance."""

import pandas as pd
import streamlit as st

from app_ui import PAGE_SPECS, PAGES, show_table, tables, tr, user_errors, workspace

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
        a, b, c = st.columns(3)
        a.metric(tr("home.tables"), len(found))
        b.metric(tr("home.total_rows"), f"{sum(t.rows for t in found):,}")
        newest = max((t.loaded_at for t in found if t.loaded_at), default=None)
        c.metric(tr("home.last_loaded"), newest.strftime("%Y-%m-%d %H:%M") if newest else "—")
        show_table(
            pd.DataFrame({
                tr("home.col.name"): [t.name for t in found],
                tr("home.col.rows"): [t.rows for t in found],
                tr("home.col.columns"): [t.columns for t in found],
                tr("home.col.source"): [t.source for t in found],
                tr("home.col.loaded"): [t.loaded_at for t in found],
            }), column_config={tr(f"home.col.{c}"): st.column_config.NumberColumn(format="localized")
                               for c in ("rows", "columns")})  # 69659 beside a metric reading 396,857
