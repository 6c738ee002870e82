"""Widgets every page shares: the error boundary, pickers, table display, headers, deltas and
downloads."""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from app_ui.auth import current_user, workspace
from app_ui.text import error_text, in_language, lang, tr
from crm_core import i18n
from crm_core.customers.lists import AMOUNTS
from crm_core.errors import CrmError
from crm_core.protect import audit
from crm_core.report import format as fmt
from crm_core.report.files import (
    ISO_MOMENT,
    csv_bytes,
    excel_bytes_fast,
    file_stem,
    holds_days,
    iso_text,
    sheet_name,
)
from crm_core.report.format import MISSING, SIGNS, header_unit
from crm_core.report.palette import fit_title


@dataclass
class Outcome:
    """Whether the guarded block failed (its error was already shown)."""

    failed: bool = False


@contextmanager
def user_errors() -> Iterator[Outcome]:
    """Show analyst-fixable errors as ``st.error``; anything else as a short message too."""
    outcome = Outcome()
    try:
        yield outcome
    except CrmError as exc:
        outcome.failed = True
        st.error(error_text(exc), icon=":material/warning:")
    except Exception as exc:  # the UI boundary: a message, never a raw traceback
        outcome.failed = True
        st.error(tr("error.unexpected", kind=type(exc).__name__, message=str(exc)[:300]),
                 icon=":material/error:")
        with st.expander(tr("error.details")):
            st.code(traceback.format_exc()[-3000:])


def pick(widget, label_key: str, choices: dict[str, str], key: str, **kwargs) -> str:
    """A selectbox or radio over translated labels that returns the chosen code.

    Labels are the options themselves (no ``format_func``), so the widget also works under
    AppTest, which formats options outside the session's language."""
    chosen = widget(tr(label_key), list(choices.values()), key=key, **kwargs)
    return next(code for code, text in choices.items() if text == chosen)


Grid = tuple[pd.DataFrame, dict]
"""A grid's frame and its column config."""


def said_yes_no(flags: pd.Series) -> pd.Series:
    """A yes/no column in the page's words (是 / 否): a workbook's TRUE and FALSE are Excel's
    English on the Chinese page."""
    return flags.map({True: tr("runs.yes"), False: tr("runs.no")})


def yes_no_words(frame: pd.DataFrame) -> pd.DataFrame:
    """Every yes/no column of a grid in the page's words: a grid draws a bare tick box (a
    forecast's ``closed``, a reply's ``routed_to_person``), its workbook read TRUE / FALSE."""
    flags = [c for c in frame.columns if pd.api.types.is_bool_dtype(frame[c])]
    return frame.assign(**{c: said_yes_no(frame[c]) for c in flags}) if flags else frame


DAY_FORMATS = {"en": "D MMM YYYY", "zh": "YYYY年M月D日"}
"""The grid's day formats (moment.js), as ``fmt.day`` says a day: ``15 Dec 2024`` / ``2024年12月15日``."""


TIME_FORMATS = {"en": "D MMM YYYY, HH:mm", "zh": "YYYY年M月D日 HH:mm"}
"""The grid's formats for a day and its time (moment.js): ``15 Dec 2024, 07:50`` /
``2024年12月15日 07:50``."""


def _holds_times(values: pd.Series) -> bool:
    """Whether a column holds moments: timestamps, or ISO text with a time (``2023-01-01 07:50:00``)."""
    values = values.dropna()
    if pd.api.types.is_datetime64_any_dtype(values):
        return not values.empty
    return iso_text(values, ISO_MOMENT)


def as_days(frame: pd.DataFrame, labels: dict) -> tuple[pd.DataFrame, dict]:
    """Columns of days as dates in the page's language: a churn list's last order and a birth date
    read ``2024-12-15`` on the Chinese page too (judge8 walk), and text days would sort as text;
    a column with times as the day and its time (Customer 360's order lines read
    ``2023-01-01 07:50:00`` on the Chinese page, walk12). The grid keeps real dates, so sorting
    still works. ``labels`` are the columns' headers."""
    days = [c for c in frame.columns if holds_days(frame[c])]
    times = [c for c in frame.columns if c not in days and _holds_times(frame[c])]
    frame = frame.assign(**{c: pd.to_datetime(frame[c]) for c in days + times})
    config = {c: st.column_config.DateColumn(labels.get(c, c), format=DAY_FORMATS[lang()],
                                             width=_said_width(frame[c], labels.get(c, c))) for c in days}
    return frame, config | {c: st.column_config.DatetimeColumn(
        labels.get(c, c), format=TIME_FORMATS[lang()],
        width=_said_width(frame[c], labels.get(c, c), _TIME_TAIL[lang()])) for c in times}


_TIME_TAIL = {code: moment.removeprefix(DAY_FORMATS[code]) for code, moment in TIME_FORMATS.items()}
"""What a time adds to its day as the grid draws it (", HH:mm"), as wide as its digits."""


def _said_width(values: pd.Series, label: str, time: str = "") -> int:
    """A column of days (with ``time``, a day and its time) as wide as its longest day said in the
    page's language: the grid sized it for ISO text, so "2023年12月19日 16:30" read "…16:3" (walk14)."""
    said = [fmt.day(v, lang()) + time for v in values.dropna().unique()]
    return CELL_PAD_PX + CHAR_PX * max(map(_width, [label, *said]))


def side_by_side(*charts: tuple[object, str | None]) -> None:
    """Figures (each with its widget key) in two columns, each title wrapped to its half: side by
    side at 1024 px, "Segment profiles (standardised means" was cut (walk12)."""
    for column, (figure, key) in zip(st.columns(2), charts, strict=False):
        column.plotly_chart(fit_title(figure), width="stretch", key=key)


def headers(frame: pd.DataFrame, *prefixes: str) -> dict[str, str]:
    """Headers in the page's language for the columns ``prefix.<column>`` names, a later prefix
    overriding an earlier one (a grid headed ``customer_key`` reads as a database); the
    downloads keep the column names scripts read."""
    words = i18n.catalogue()
    return {c: tr(f"{p}.{c}") for p in prefixes for c in frame.columns if f"{p}.{c}" in words}


def delta(difference: float, text: str, decimals: int, *, inverse: bool = False, against: str = "") -> dict:
    """``st.metric`` delta arguments: a difference that rounds to zero at the shown ``decimals``
    reads "the same" / "持平", grey and without an arrow ("+0.0 pts" drew a green arrow)."""
    if round(difference, decimals) == 0:
        same = tr("common.delta_same_as", what=against) if against else tr("common.delta_same")
        return {"delta": same, "delta_color": "off", "delta_arrow": "off"}
    return {"delta": text, "delta_color": "inverse" if inverse else "normal"}


def reasons_last(frame: pd.DataFrame) -> pd.DataFrame:
    """A churn list with its numbers in view: the status and the long reasons last (at 1280 px the
    reasons pushed the status off the grid, then the value at risk the at-risk list is ranked by,
    judge8 walk), without the drivers, which say the reasons again as codes (``tenure=1 (+0.79)``;
    the download keeps them)."""
    if {"drivers", "reasons"} <= set(frame.columns):
        frame = frame.drop(columns="drivers")
    if not {"status", "reasons"} <= set(frame.columns):
        return frame
    return frame[[c for c in frame.columns if c not in ("status", "reasons")] + ["status", "reasons"]]


def metric_row(metrics: list[tuple[str, str, str | None]]) -> None:
    """Headline numbers (label, shown value, help) in a row that wraps, each as wide as its label
    and value: columns cut them at 1024 px ("Silho…", "¥5,404,…", walk12) however they were
    weighted, and a metric that does not fit beside the others belongs on the next line."""
    with st.container(horizontal=True, gap="large"):
        for label, value, help_text in metrics:
            st.metric(label, value, help=help_text, width="content")


def _width(text: str) -> int:
    """Characters as wide as they are drawn: a Chinese character takes two."""
    return sum(map(fmt.char_width, text))


CHAR_PX, CELL_PAD_PX = 8, 24
"""A grid character's width (a Chinese character two) and a cell's padding, in pixels."""


def header_width(label: str) -> int:
    """Pixels for a column as wide as its header, ``label``, drawn whole."""
    return CELL_PAD_PX + CHAR_PX * _width(label)


def fitted_columns(frame: pd.DataFrame, columns, labels: dict[str, str] | None = None) -> dict:
    """Text columns as wide as their longest value or header (``labels``: headers other than the
    column names): the grid sizes a column by its header, so a day under "Min" read "1 Jan 202"
    at 1280 px (judge8 walk)."""
    labels = labels or {}
    return {c: st.column_config.TextColumn(labels.get(c, c), width=CELL_PAD_PX + CHAR_PX * max(
                _width(str(v)) for v in [labels.get(c, c), *frame[c]]))
            for c in columns if c in frame}


def show_table(frame, **options) -> None:
    """A result table as every page shows it: full width, no index, and an empty cell as "—"
    (the grid's own default spells it "None", which an analyst reads as a value)."""
    st.dataframe(frame, **{"hide_index": True, "width": "stretch", "placeholder": MISSING, **options})



# The grid's money formats by currency code. Its "yen" drops the fen (¥0.50 read ¥1) and a printf
# format drops the thousands separators, so yuan and pounds keep "localized" with the sign in the
# header. A string here would be drawn on the page (Streamlit's magic).
MONEY_FORMATS = {"USD": "dollar", "EUR": "euro"}


def money_column(label: str, currency: str = "", values: pd.Series | None = None) -> dict:
    """A grid column of money: thousands separators, always two decimals (step 0.01: "localized"
    alone trims them, ¥54.10 read 54.1 and ¥2.50 read 2.5), the data's unit (in the header where
    the grid has no format for its sign); with ``values``, as wide as the largest amount drawn
    (under a short "Amount" header $12,110.00 read "2,110.00", walk17)."""
    signed = label if currency in MONEY_FORMATS or not currency else in_sign(label, SIGNS[currency])
    shape = MONEY_FORMATS.get(currency, "localized")
    numbers = values is not None and pd.api.types.is_numeric_dtype(values) and values.notna().any()
    width = _money_width(values, signed, shape != "localized") if numbers else None
    return st.column_config.NumberColumn(signed, format=shape, step=0.01, width=width)


def _money_width(values: pd.Series, label: str, signed: bool) -> int:
    """Pixels for the widest of ``label`` and the amounts as the grid draws them (a sign when the
    format carries one, a minus, separators, two decimals)."""
    said = [f"{'$' if signed else ''}{v:,.2f}" for v in (values.min(), values.max())]
    return CELL_PAD_PX + CHAR_PX * max(map(_width, [label, *said]))


def in_sign(label: str, sign: str) -> str:
    """A header with its currency's sign as the page's language brackets it (:func:`fmt.in_sign`)."""
    return fmt.in_sign(label, sign, lang())


def money_config(frame: pd.DataFrame, labels: dict[str, str], currency: str = "") -> dict:
    """Grid columns for the money in ``frame`` (:func:`money_column`)."""
    return {c: money_column(labels.get(c, c), currency, frame[c]) for c in AMOUNTS if c in frame}


SHARES = ("confidence",)
"""Result columns holding a share of one that grids headed in words only (``headers``) drew as
decimals: Support's confidence read 0.1117 on the page and in the workbook."""


def shares_grid(frame: pd.DataFrame, labels: dict[str, str]) -> Grid:
    """``frame`` with its shares drawn as percents at one decimal (the grid's "percent" trims
    zeros: 15.77% read beside 76.6% in one column, walk19); the workbook keeps the share under
    ``0.0%``."""
    shares = [c for c in SHARES if c in frame]
    return as_percent100(frame, shares), {c: percent_column(labels.get(c, c)) for c in shares}


def percent_column(label: str, width: int | None = None):
    """A grid column drawing a share held times 100 at one decimal: the grid's own "percent"
    trims zeros, so one column read 49% beside 52.41% (walk24); the workbook's ``0.0%`` agrees."""
    return st.column_config.NumberColumn(label, format="%.1f%%", width=width)


def churn_probability_column(label: str, number_format: str = "%.1f%%"):
    """The churn probability headed short and as wide as that, its window (``label``) in the tooltip:
    "Churn probability (no order in the window)" took 267 of a 564 px grid at 1024 px and pushed the
    last order and the value at risk past the edge (walk20 on Customers, small1 on Customer 360)."""
    short = tr("customers.grid.churn_probability")
    return st.column_config.NumberColumn(short, help=label, format=number_format, width=header_width(short))


def as_percent100(frame: pd.DataFrame, shares: list[str], places: int | None = None) -> pd.DataFrame:
    """``frame`` with its ``shares`` times 100, as :func:`percent_column` draws them; with ``places``,
    rounded so (a chance a page lists and another page reads again: 92.0% on both, walk27). A share
    is read as a number first: a one-row frame whose share is missing holds it as None (walk28)."""
    percents = {c: pd.to_numeric(frame[c]).mul(100) for c in shares}
    return frame.assign(**{c: p if places is None else p.round(places) for c, p in percents.items()})


DAYS = ("recency_days", "mean_gap_days", "tenure_days")
"""Columns counting days in the Customers and Customer 360 grids."""
COUNTS = ("expected_purchases",)
"""Expected counts of orders, at one decimal on both pages: an estimate (17.787 read as exact)."""


def days_config(frame: pd.DataFrame, labels: dict[str, str]) -> dict:
    """Grid columns for day counts, whole with separators: "usual days between orders" read
    36.9091 beside 101 (round the frame too: the grid's step alone keeps the digits)."""
    return {c: st.column_config.NumberColumn(labels.get(c, c), format="localized", step=1)
            for c in DAYS if c in frame}


MONEY_SHAPES = ("dollar", "euro", "yen", "localized", "accounting")
"""Grid number formats that draw money when the column steps by the cent."""


def _cell_kind(column: dict) -> str:
    """How a grid column draws its numbers, as a workbook's cell kind: a day, a month or a moment
    (a day and its time), a percent (a share, or a printf ``%%`` over a number the grid holds times
    100), money to the cent in its currency, a whole count."""
    shape = column.get("type_config") or {}
    form = str(shape.get("format") or "")
    if shape.get("type") == "date":
        return "month" if form in MONTH_FORMATS.values() else "day"
    if shape.get("type") == "datetime":  # Link's decided-at read 2026-12-05 00:57:41.139966 as text
        return "time"
    if shape.get("type") not in ("number", "progress"):
        return ""
    if form == "percent":
        return "percent"
    if form.endswith("%%"):
        return "percent100"
    if form in MONEY_SHAPES and shape.get("step") == 0.01:
        return _money_kind(form, str(column.get("label") or ""))
    return "count" if form == "localized" and shape.get("step") == 1 else ""


GRID_SIGNS = {"dollar": "USD", "euro": "EUR", "yen": "CNY"}
"""The grid's money formats that draw a currency's sign."""


def _money_kind(form: str, label: str) -> str:
    """Money's cell kind with its currency, which the grid draws by its format ($, €) or says in
    the header (``(¥)``, ``(£)``, ``(元)``, ``_usd``, :func:`money_column`): the workbook read ``1,234.50``
    without it."""
    code = GRID_SIGNS.get(form) or header_unit(label)
    return f"money:{code}" if code else "money"


MONTH_FORMATS = {"en": "MMM YYYY", "zh": "YYYY年M月"}
"""The grid's month formats (moment.js), as ``fmt.month`` says a month: ``Mar 2025`` / ``2025年3月``."""


def typed_column(kind: str, label: str, currency: str = ""):
    """A grid column drawing numbers as ``fmt.shown`` writes that ``kind`` (percent, money, count,
    date, month), for a grid whose page shows them as text: its workbook keeps the numbers."""
    if kind == "percent":
        return percent_column(label)
    if kind == "money":
        return money_column(label, currency)
    if kind == "count":
        return st.column_config.NumberColumn(label, format="localized", step=1)
    if kind in ("date", "month"):
        forms = MONTH_FORMATS if kind == "month" else DAY_FORMATS
        return st.column_config.DateColumn(label, format=forms[lang()])
    return label


def typed_grid(frame: pd.DataFrame, kinds: dict[str, str], labels: dict[str, str],
               currency: str = "") -> Grid:
    """The numbers behind a grid of formatted text (``fmt.shown(frame, kinds)``), with a column
    config that draws them the same way: handed to :func:`downloads`, the workbook keeps numbers a
    spreadsheet can sum under Excel formats (91.5%, ¥160.73) instead of the text."""
    days = [c for c, kind in kinds.items() if kind in ("date", "month") and c in frame]
    shares = [c for c, kind in kinds.items() if kind == "percent" and c in frame]
    frame = as_percent100(frame.assign(**{c: pd.to_datetime(frame[c]) for c in days}), shares)
    return frame, labels | {c: typed_column(kind, labels.get(c, c), currency)
                            for c, kind in kinds.items() if c in frame}


def _separated_whole(column, values: pd.Series) -> bool:
    """A grid column drawing whole numbers with separators (``localized``): the forecast's 13,580
    read 13580 in its workbook (walk23)."""
    shape = (column.get("type_config") or {}) if isinstance(column, dict) else {}
    return (shape.get("format") == "localized" and pd.api.types.is_numeric_dtype(values)
            and bool((values.dropna() == values.dropna().round()).all()))


def grid_label(config: dict, column) -> str:
    """The header a grid's column config gives ``column`` (its name where the config says none)."""
    entry = config.get(column)
    return entry if isinstance(entry, str) else (entry or {}).get("label") or str(column)


def for_people(table: pd.DataFrame, config: dict) -> tuple[pd.DataFrame, dict[str, str]]:
    """A grid as a people's workbook sheet: the grid's own frame (codes already in words) under the
    grid's headers, its hidden columns left out, yes/no in words, and each column's cell kind by
    header (a percent the grid holds times 100 back to a share, so Excel's 0.0% reads 95.8%, not
    9580.0%; a column of days a date even where the grid only heads it, as a kept run's table, not
    ``2024-01-01 00:00:00``)."""
    def label(column) -> str:
        return grid_label(config, column)

    shown = [c for c in table.columns if c not in config or config[c] is not None]
    kinds = {c: _cell_kind(config[c]) if isinstance(config.get(c), dict) else "" for c in shown}
    kinds |= {c: "day" for c in shown if not kinds[c] and holds_days(table[c])}  # only headed in words
    kinds |= {c: "count" for c in shown if not kinds[c] and _separated_whole(config.get(c), table[c])}
    heads: dict = {}
    for c in shown:  # two columns under one word would share a cell kind and break the sheet
        heads[c] = label(c) if label(c) not in heads.values() else f"{label(c)} ({c})"
    frame = table[shown].assign(**{c: table[c] / 100 for c, kind in kinds.items() if kind == "percent100"})
    frame = yes_no_words(frame)
    frame.columns = [heads[c] for c in shown]
    return frame, {heads[c]: kind.removesuffix("100") for c, kind in kinds.items() if kind}


def downloads(frame: pd.DataFrame, stem: str, key: str, money: tuple[str, ...] = (),
              shown: Grid | Callable[[], Grid] | None = None, headed: bool = False) -> None:
    """CSV and Excel download buttons for a table the analyst sees; the files are built only
    when clicked (Excel of a large table is slow) and clicking does not rerun the page. The CSV
    is the machine contract (the CLI's names and codes, for scripts and re-imports); the Excel is
    for people: with ``shown`` (the page's grid frame and column config for the same rows, or a
    function building them for a grid the page does not show whole: built on click, in the
    language of the page it was offered on, not on every rerun) it reads as the grid does (the
    Chinese at-risk list's workbook read ``status=at_risk`` and ``p_none=0.9474`` under English
    headers, eighth walk); without it the ``money`` columns read ``1,234.50``. ``headed``: a CSV
    no CLI file has the columns of (a page's own table: the segment movement, the link model) is
    headed as the grid is, in the page's language, its values as they are (walk23)."""
    ws, user, language = workspace(), current_user(), lang()

    def csv() -> bytes:
        if not (headed and shown):
            return csv_bytes(frame)
        with in_language(language):
            config = (shown() if callable(shown) else shown)[1]
        return csv_bytes(frame.rename(columns={c: grid_label(config, c) for c in frame.columns}))

    def audited(build, name: str):
        def data() -> bytes:
            with ws.connect() as con:
                audit.record(con, user, "export", name)
            return build()
        return data

    def workbook() -> bytes:
        with in_language(language):
            grid = shown() if callable(shown) else shown
            sheet, kinds = for_people(*grid) if grid else (frame, {})
        return excel_bytes_fast({sheet_name(stem, language): sheet}, () if grid else money, kinds=kinds,
                                lang=language)

    named = file_stem(stem)
    left, right = st.columns(2)
    left.download_button(tr("common.download_csv"), audited(csv, f"{named}.csv"),
                         f"{named}.csv", "text/csv", key=f"{key}_csv", width="stretch",
                         on_click="ignore")
    right.download_button(tr("common.download_xlsx"),
                          audited(workbook, f"{named}.xlsx"),
                          f"{named}.xlsx",
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          key=f"{key}_xlsx", width="stretch", on_click="ignore")
