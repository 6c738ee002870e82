"""Smart CRM Analytics — the entry point only routes (``streamlit run app.py``)."""

import streamlit as st

from app_ui import PAGES, language_switch, tr

st.set_page_config(page_title="Smart CRM Analytics", page_icon="📊", layout="wide")
language_switch()
NAV = [
    st.Page(PAGES["home"], title=tr("nav.home"), icon="🏠", default=True),
    st.Page(PAGES["data"], title=tr("nav.data"), icon="📥", url_path="data"),
    st.Page(PAGES["support"], title=tr("nav.support"), icon="💬", url_path="support"),
    st.Page(PAGES["clean"], title=tr("clean.title"), icon="🧹", url_path="clean"),
    st.Page(PAGES["segments"], title=tr("segment.nav"), icon="🧩", url_path="segments"),
]
st.navigation(NAV).run()
