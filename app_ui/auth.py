"""Sign-in glue and this session's workspace handle (a signed-in user works in their own folder)."""

from __future__ import annotations

import time

import streamlit as st

from app_ui.text import plain, tr
from crm_core.errors import CrmError
from crm_core.protect import audit, auth
from crm_core.workspace.store import Workspace, default_workspace_dir

WORKSPACE_KEY = "workspace_dir"


def workspace() -> Workspace:
    """This session's workspace (the default folder unless sign-in chose another)."""
    require_sign_in()
    return Workspace(st.session_state.get(WORKSPACE_KEY))


AUTH_USER_KEY = "auth_user"
AUTH_BASE_KEY = "auth_base_dir"


def current_user() -> str:
    """Who this session is, for the audit log: the signed-in user, else "local"."""
    return st.session_state.get(AUTH_USER_KEY) or "local"


def _secrets() -> dict:
    """The app's secrets, or nothing when there is no secrets file (the default)."""
    try:
        return st.secrets.to_dict() if st.secrets.load_if_toml_exists() else {}
    except Exception:  # a malformed secrets file must not take the app down with a traceback
        return {}


def sign_in_gate(nav: list) -> list:
    """The pages this session may see: all of ``nav``, or only a sign-in page.

    When sign-in is configured nothing else renders until the user is in; a signed-in user
    works in their own folder under the workspace (unless it is shared).
    """
    try:
        config = auth.load_config(_secrets())
    except CrmError as exc:
        st.error(plain(exc), icon=":material/warning:")
        st.stop()
    if config is None:
        return nav
    user = st.session_state.get(AUTH_USER_KEY)
    if user is None and config.oidc and st.user.is_logged_in:
        user = _signed_in(str(st.user.get("email") or st.user.get("name") or "user"), config)
    if user is None:
        return [st.Page(lambda: _sign_in_form(config), title=tr("protect.auth.title"), icon=":material/lock:",
                        url_path="sign-in")]
    st.sidebar.markdown(tr("protect.auth.signed_in", user=user))
    st.sidebar.button(tr("protect.auth.sign_out"), key="sign_out", on_click=_sign_out, args=(config,))
    return nav


def require_sign_in() -> None:
    """Stop a page that reaches for data while sign-in is configured and nobody is signed in.

    The navigation gate already hides every page; this catches a page script run directly
    (Streamlit can serve a file from ``pages/`` by its URL before ``app.py`` has run).
    """
    if st.session_state.get(AUTH_USER_KEY):
        return
    try:
        config = auth.load_config(_secrets())
    except CrmError:
        config = auth.AuthConfig()
    if config is not None:
        st.warning(tr("protect.auth.required"), icon=":material/lock:")
        st.stop()


SIGNED_OUT_KEY = "auth_signed_out"


def _sign_in_form(config: auth.AuthConfig) -> None:
    """The form; it says that a user signed out until the form is next sent, and answers a field
    left empty (walk22: the click did nothing, and the bare form after signing out said nothing)."""
    st.title(tr("protect.auth.title"))
    said = st.empty()  # above the form; not popped when shown: a sign-out runs the script twice
    st.write(tr("protect.auth.intro"))
    if config.users:
        with st.form("sign_in", clear_on_submit=True):  # the password does not linger in the session
            name = st.text_input(tr("protect.auth.user"), key="sign_in_user")
            password = st.text_input(tr("protect.auth.password"), type="password", key="sign_in_password")
            submitted = st.form_submit_button(tr("protect.auth.submit"), type="primary")
        if submitted:
            st.session_state.pop(SIGNED_OUT_KEY, None)
        elif who := st.session_state.get(SIGNED_OUT_KEY):
            said.success(tr("protect.auth.signed_out", user=plain(who)), icon=":material/logout:")
        if submitted and not (name.strip() and password):
            st.warning(tr("protect.auth.fill_both"), icon=":material/lock:")
        elif submitted:
            outcome = auth.sign_in(config, name, password, _client())
            if outcome == "ok":
                _signed_in(name.strip(), config)
                st.rerun()
            _audit_failure(name.strip(), outcome)
            time.sleep(1.0)  # slows password guessing
            st.error(tr(f"protect.auth.{outcome}"), icon=":material/lock:")
    if config.oidc:
        st.button(tr("protect.auth.sso"), on_click=st.login, key="sign_in_sso")


def _client() -> str | None:
    """Who is knocking, for the per-client sign-in throttle (the proxy's address behind one)."""
    try:
        address = st.context.ip_address
    except Exception:  # AppTest and older servers have no client address
        return None
    return str(address) if address else None  # AppTest answers with a stand-in object


def _audit_failure(user: str, outcome: str) -> None:
    """A failed or locked-out sign-in lands in the audit trail of the base workspace; its detail is
    the client's address (the user has a column of their own), said in words on the SQL page."""
    base = st.session_state.get(WORKSPACE_KEY) or str(default_workspace_dir())
    with Workspace(base).connect() as con:
        audit.record(con, user[:100], "sign_in", _client() or "", outcome)


def _signed_in(user: str, config: auth.AuthConfig) -> str:
    """Remember the user and move the session into their workspace folder."""
    base = st.session_state.setdefault(
        AUTH_BASE_KEY, st.session_state.get(WORKSPACE_KEY) or str(default_workspace_dir()))
    st.session_state[AUTH_USER_KEY] = user
    st.session_state[WORKSPACE_KEY] = str(auth.user_folder(base, user, config.shared))
    with workspace().connect() as con:
        audit.record(con, user, "sign_in", _client() or "")
    return user


def _drop_downloads() -> None:
    """Forget this session's download files on the server, so their ``/media`` links stop
    working the moment the user signs out (Streamlit would keep them for a while)."""
    from streamlit.runtime import Runtime
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None or not Runtime.exists():
        return
    manager = Runtime.instance().media_file_mgr
    manager.clear_session_refs(ctx.session_id)
    manager.remove_orphaned_files()  # a download file is first marked …
    manager.remove_orphaned_files()  # … then deleted


def _sign_out(config: auth.AuthConfig) -> None:
    """Forget the user and return to the base workspace folder (OIDC also ends its session)."""
    st.session_state[SIGNED_OUT_KEY] = st.session_state.pop(AUTH_USER_KEY, None)
    st.session_state[WORKSPACE_KEY] = st.session_state.pop(AUTH_BASE_KEY, None)
    _drop_downloads()
    if config.oidc and st.user.is_logged_in:
        st.logout()
