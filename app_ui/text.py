"""The page's language: the switch, translated words, data shown as itself, the rows-used
sentence and error text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import streamlit as st

from crm_core import i18n
from crm_core.errors import CrmError
from crm_core.workspace.status_named import rule_said

LANG_KEY = "lang"
_HELD: ContextVar[str | None] = ContextVar("held_language", default=None)


def lang() -> str:
    """The UI language chosen in the sidebar ("en" or "zh"), or the one held by
    :func:`in_language` where there is no session to read it from."""
    return _HELD.get() or st.session_state.get(LANG_KEY, "en")


@contextmanager
def in_language(code: str) -> Iterator[None]:
    """Speak ``code`` inside the block: a download's file is built on click, by Streamlit's server
    outside the page's session, whose state then reads as empty (the Chinese page's workbook would
    come out in English)."""
    token = _HELD.set(code)
    try:
        yield
    finally:
        _HELD.reset(token)


def tr(key: str, **values: object) -> str:
    """Translate ``key`` into the current UI language; the values put into the text (table,
    file and column names, examples from the data) are escaped, the template's markdown stays. A
    value that is a sentence or a list is said in that language first: a ``Listing`` is text in
    English, so "Written: 'a', 'b'" read so on the Chinese page (walk27)."""
    code = lang()
    said = {k: i18n.say(v, code) for k, v in values.items()}
    return i18n.t(key, code, **{k: plain(v) if isinstance(v, str) else v for k, v in said.items()})


def drawn(key: str, **values: object) -> str:
    """Translate ``key`` for a chart: plotly draws its titles as written, so the values stay unescaped
    (:func:`tr`'s markdown escape read "Distribution of Subtotal (\\$)" on Gumroad's sales, walk35)."""
    code = lang()
    return i18n.t(key, code, **{k: i18n.say(v, code) for k, v in values.items()})


_MARKDOWN = re.compile(r"([\\`*\[\]<>$~|])|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])|^#", re.MULTILINE)


def plain(text: object) -> str:
    """Text from the data shown as itself: Streamlit renders markdown (images, links, LaTeX,
    emphasis) in messages and captions, so the characters that start those are escaped
    (``orders_2024`` keeps its underscore: inside a word it starts nothing)."""
    return _MARKDOWN.sub(lambda m: "\\" + m.group(0), str(text))


LEFT_OUT_REASONS = ("cancelled", "not_purchases", "no_customer_id", "no_date", "no_amount", "other_currency",
                    "stray_dates", "after_observation_end", "shared_account")
"""Why an analysis leaves rows out, in the order the coverage sentence names them."""


def _no_sale_why(coverage: dict[str, int], status: i18n.Sentence | None = None) -> str:
    """The rules that left rows out as no sale, in the words of each ("付款和退款相抵为零的订单"), not the
    list of every rule there is (walk32); the status rule's in the export's own states where ``status``
    names them (walk36)."""
    rules = [key.removeprefix("cancelled.") for key in coverage if key.startswith("cancelled.")]
    return tr("coverage.no_sale.and").join(rule_said(rule, status).text(lang()) for rule in rules)


def _reason_key(reason: str, coverage: dict[str, int]) -> str:
    """A reason's words; rows without a customer id after no-sale rows are the others: the table's
    kind counts them all ("另有 640 行无编号"), the coverage only those not left out already (walk31)."""
    earlier = coverage.get("cancelled") or coverage.get("not_purchases")
    if reason == "cancelled" and not _no_sale_why(coverage):
        return "coverage.cancelled_any"  # a run saved before its rules were counted one by one
    return "coverage.no_customer_id_other" if reason == "no_customer_id" and earlier else f"coverage.{reason}"


def rows_used(coverage: dict[str, int], status: i18n.Sentence | None = None) -> str:
    """"370 of 400 rows used; left out: 30 refunded or cancelled orders …": every reason with rows
    (refunded orders and a snapshot's later rows included), so the counts add up to the table; ``status``
    says the status rule's rows in the export's own states (:func:`crm_core.workspace.status_named`)."""
    why = _no_sale_why(coverage, status)
    sep = "，" if lang() == "zh" else ", "
    listed = "、" if lang() == "zh" else ", "  # the currencies of ``other_currency.<code>``, most rows first
    codes = listed.join(k.split(".", 1)[1] for k in coverage if k.startswith("other_currency."))
    reasons = [tr(_reason_key(reason, coverage), n=f"{coverage[reason]:,}", why=why, codes=codes)
               for reason in LEFT_OUT_REASONS if coverage.get(reason)]
    left_out = tr("coverage.left_out", reasons=sep.join(reasons)) if reasons else tr("coverage.none_left_out")
    used = tr("coverage.used", used=f"{coverage['used']:,}", rows=f"{coverage['rows']:,}")
    return tr("coverage.sentence", used=used, left_out=left_out)


def language_switch() -> None:
    """The English / 简体中文 switch in the sidebar.

    The language lives under its own (non-widget) key, set by the switch's callback: kept as
    the widget's own state, the first choice made on the landing page was lost."""
    codes = list(i18n.LANGUAGES)
    st.sidebar.selectbox(
        "Language / 语言", codes, index=codes.index(lang()), key=f"{LANG_KEY}_choice",
        format_func=i18n.LANGUAGES.__getitem__, on_change=_keep_language,
    )


_UPLOADER_CSS = """<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {{font-size: 0}}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {{
  content: "{button}"; font-size: 0.875rem}}
[data-testid="stFileUploaderDropzoneInstructions"] span {{font-size: 0}}
[data-testid="stFileUploaderDropzoneInstructions"] span::after {{content: "{limit}"; font-size: 0.875rem}}
[data-testid="stToastText"] {{display: block; -webkit-line-clamp: unset; overflow: visible}}
[data-testid="stToastViewButton"] {{display: none}}
</style>"""


def uploader_words() -> None:
    """The file uploader's own words ("Upload", "1GB per file") in the page's language: Streamlit
    1.67 has no option for them, so CSS draws ours over theirs (English needs nothing). A toast
    longer than three lines is shown whole: its "view more" link stayed English (walk17)."""
    if lang() == "en":
        return
    megabytes = int(st.get_option("server.maxUploadSize"))
    size = f"{megabytes // 1024}GB" if megabytes % 1024 == 0 else f"{megabytes}MB"
    st.markdown(_UPLOADER_CSS.format(button=tr("upload.button"), limit=tr("upload.limit", size=size)),
                unsafe_allow_html=True)


SELECT_ALL_UP_TO = 1000
"""Streamlit's own threshold for a multiselect's "Select all" (lists this long or shorter)."""


def select_all() -> int:
    """A multiselect's ``select_all`` for the page's language: Streamlit 1.67 writes its bulk
    option "Select all" in English only, so the Chinese page goes without it (the forecast's
    分组 list opened on "Select all", walk17)."""
    return SELECT_ALL_UP_TO if lang() == "en" else 0


def _keep_language() -> None:
    st.session_state[LANG_KEY] = st.session_state[f"{LANG_KEY}_choice"]


def error_text(exc: CrmError) -> str:
    """The analyst's error in the page's language when it was raised with an
    :class:`i18n.Sentence` (the CLI prints its English), closed with its full stop."""
    said = exc.args[0] if len(exc.args) == 1 else str(exc)
    return with_code(i18n.ended(i18n.say(said, lang()), lang()))  # some refusals are clauses (walk11)


_CODE = re.compile(r"`([^`\n]+)`")


def with_code(text: str) -> str:
    """``text`` shown as itself but for the commands it quotes in backticks (`basket amazon`), drawn as
    code: escaped whole, a refusal printed the CLI's backticks on the page (walk22)."""
    parts = _CODE.split(text)  # even places: words, odd places: the commands inside the backticks
    return "".join(f"`{part}`" if i % 2 else plain(part) for i, part in enumerate(parts))
