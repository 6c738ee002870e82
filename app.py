"""Smart CRM Analytics — the entry point only routes (``streamlit run app.py``)."""

import streamlit as st

from app_ui import language_switch, navigation, sign_in_gate, uploader_words
from app_ui.nav import PAGE_ICON

st.set_page_config(page_title="Smart CRM Analytics", page_icon=str(PAGE_ICON), layout="wide")
language_switch()
uploader_words()
st.navigation(sign_in_gate(navigation())).run()
