"""Smart CRM Analytics — the entry point only routes (``streamlit run app.py``)."""

import streamlit as st

from app_ui import PAGES, language_switch, sign_in_gate, tr

st.set_page_config(page_title="Smart CRM Analytics", page_icon="📊", layout="wide")
language_switch()
NAV = [
    st.Page(PAGES["home"], title=tr("nav.home"), icon="🏠", default=True),
    st.Page(PAGES["data"], title=tr("nav.data"), icon="📥", url_path="data"),
    st.Page(PAGES["clean"], title=tr("clean.title"), icon="🧹", url_path="clean"),
    st.Page(PAGES["segments"], title=tr("segment.nav"), icon="🧩", url_path="segments"),
    st.Page(PAGES["forecast"], title=tr("nav.forecast"), icon="📈", url_path="forecast"),
    st.Page(PAGES["recommend"], title=tr("nav.recommend"), icon="🛒", url_path="recommend"),
    st.Page(PAGES["support"], title=tr("nav.support"), icon="💬", url_path="support"),
    st.Page(PAGES["sql"], title=tr("nav.sql"), icon="🧮", url_path="sql"),
]
st.navigation(sign_in_gate(NAV)).run()
