"""Writers for what the analyst downloads: CSV, Excel and self-contained HTML.

Text cells that a spreadsheet would run as a formula (starting with ``= + - @``, tab or CR)
are neutralised: in a CSV with a leading apostrophe (not a sign before digits only, as a phone's
``+44 121 212 2741``); in a workbook they are text cells with
Excel's quote prefix (what typing ``'`` makes: the cell shows ``+86 138…`` and stays text when
edited) instead of a visible apostrophe. Numbers stay numbers.
"""

from __future__ import annotations

import io
import json
import math
import re
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import numpy as np
import pandas as pd

from crm_core.errors import CrmError
from crm_core.i18n import Sentence, catalogue, t

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SIGNED_NUMBER = re.compile(r"[+-][\d .()/-]*\d[\d .()/-]*")
"""A sign before digits and separators only (``+44 121 212 2741``, ``-12.50``): at worst a sum of
numbers, since no function, reference or DDE link (``+cmd|' /C calc'!A0``) is written without
letters or ``|``; kept as written, so a phone reads back as itself (walk23: ``'+442073022817``)."""


def _neutral(value: object) -> object:
    if not isinstance(value, str) or not value.startswith(_FORMULA_START) or _SIGNED_NUMBER.fullmatch(value):
        return value
    return "'" + value


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy where text cells *and headers* that start like a formula are prefixed with ``'``."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series):
            out[column] = series.map(_neutral)
    out.columns = [_neutral(c) for c in out.columns]
    return out


CSV_FLOAT = "%.15g"
"""Floats to 15 significant digits, the precision a double holds: arithmetic's last-bit noise
(``1342.5400000000002``) and a whole count's ``382.0`` are written ``1342.54`` and ``382``."""


def csv_float(value: float) -> str:
    """:data:`CSV_FLOAT` written out in digits where it would take an exponent (below 10⁻⁴, from
    10¹⁵): the Link page's ``link_model.csv`` read ``1e-06``, which Excel shows as 1.00E-06."""
    text = CSV_FLOAT % value
    if "e" not in text:
        return text
    return np.format_float_positional(value, precision=15, unique=True, fractional=False, trim="-")


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a BOM, so Excel opens Chinese text correctly; floats as :func:`csv_float`;
    yes/no columns as :func:`excel_logicals`."""
    text = excel_logicals(neutralise_formulas(frame)).to_csv(index=False, float_format=csv_float)
    return text.encode("utf-8-sig")


SETTLED_TOLERANCE = 1e-12
"""How far (relative) a float may move when written at fewer decimals: a sum of 81,627 cents was
off by 2e-13 of itself (``2364108.67000042``), while 12 significant digits stay untouched."""


def settled_floats(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose floats are rounded to the fewest decimals (up to 15) that stay within
    :data:`SETTLED_TOLERANCE` of each value, so a SQL result's CSV reads ``2364108.67`` and ``0.3``
    where double arithmetic left noise in the last bits; whole numbers (ids, epoch milliseconds)
    and values no rounding reaches (``1e-20``) are kept as they are."""
    floats = [c for c in range(frame.shape[1]) if pd.api.types.is_float_dtype(frame.iloc[:, c])]
    if not floats:
        return frame
    out = frame.copy()
    for i in floats:
        values = frame.iloc[:, i].to_numpy(dtype=float)
        settled, open_ = values.copy(), np.isfinite(values)
        for decimals in range(16):
            rounded = np.round(values, decimals)
            fits = open_ & (np.abs(rounded - values) <= SETTLED_TOLERANCE * np.abs(values))
            settled[fits], open_ = rounded[fits], open_ & ~fits
        out.isetitem(i, settled)
    return out


def excel_logicals(frame: pd.DataFrame) -> pd.DataFrame:
    """Yes/no columns as Excel's own TRUE / FALSE, which it (and pandas, R) reads back as logical
    values in English and Chinese alike, where Python wrote True / False (forecast.csv's
    ``closed``, replies.csv's ``routed_to_person``); a blank stays blank. The CSV is the code
    contract: the page's grids and workbooks say Yes / No, 是 / 否."""
    flags = [i for i in range(frame.shape[1]) if pd.api.types.is_bool_dtype(frame.iloc[:, i])]
    if not flags:
        return frame
    out = frame.copy()
    for i in flags:
        out.isetitem(i, frame.iloc[:, i].map({True: "TRUE", False: "FALSE"}))
    return out


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_XLSX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        "{sheets}</Types>"),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
}
NUMBER_FORMATS: dict[str, str] = {
    "money": "#,##0.00", "money:CNY": '"¥"#,##0.00', "money:USD": '"$"#,##0.00',
    "money:EUR": '"€"#,##0.00', "money:GBP": '"£"#,##0.00', "percent": "0.0%", "count": "#,##0",
    "number": "#,##0.00", "fraction": "0.0000",
    "day:en": "d mmm yyyy", "day:zh": 'yyyy"年"m"月"d"日"', "month:en": "mmm yyyy",
    "month:zh": 'yyyy"年"m"月"', "time:en": "d mmm yyyy hh:mm", "time:zh": 'yyyy"年"m"月"d"日" hh:mm'}
"""Each cell kind a people's workbook column can take (``excel_bytes_fast(kinds=…)``) and how Excel
draws it: money with its currency's sign (``money:USD`` reads $1,234.50; the cell stays the number),
a share as a percent, a whole count, a measure to two decimals (a fraction of one to four), a day,
a month or a day's time in the workbook's language."""


def money_kind(currency: str) -> str:
    """The cell kind of an amount in ``currency`` (a code of :data:`NUMBER_FORMATS`, else plain money)."""
    kind = f"money:{currency}"
    return kind if kind in NUMBER_FORMATS else "money"


CELL_STYLES = {kind: i for i, kind in enumerate(NUMBER_FORMATS, start=1)}
"""A cell kind's style number (0 is Excel's general)."""
DATED = ("day", "month", "time")
"""Cell kinds that hold Excel's day numbers (a time is the day's fraction), drawn in the
workbook's language."""
QUOTED_STYLE = len(NUMBER_FORMATS) + 1
"""The style of a text cell that starts like a formula: Excel's quote prefix keeps it text."""


def _styles_xml() -> str:
    """The workbook's styles part: one cell format per :data:`NUMBER_FORMATS` entry, in order."""
    quoted = {chr(34): "&quot;"}
    formats = "".join(f'<numFmt numFmtId="{164 + i}" formatCode="{xml_escape(code, quoted)}"/>'
                      for i, code in enumerate(NUMBER_FORMATS.values()))
    cell = '<xf numFmtId="{}" fontId="0" fillId="0" borderId="0" xfId="0"{}/>'
    cells = "".join(cell.format(164 + i, ' applyNumberFormat="1"') for i in range(len(NUMBER_FORMATS)))
    cells += cell.format(0, ' quotePrefix="1"')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<numFmts count="{len(NUMBER_FORMATS)}">{formats}</numFmts>'
            '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{QUOTED_STYLE + 1}">{cell.format(0, "")}{cells}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            '</styleSheet>')


_EXCEL_EPOCH = pd.Timestamp("1899-12-30")



def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _xlsx_cell(ref: str, value: object, style: str = "") -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool | np.bool_):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float | np.integer | np.floating) and math.isfinite(value):
        return f'<c r="{ref}"{style}><v>{value!r}</v></c>' if isinstance(value, float) else \
            f'<c r="{ref}"{style}><v>{int(value)}</v></c>'
    text = _XML_ILLEGAL.sub("", str(value))
    quoted = f' s="{QUOTED_STYLE}"' if text.startswith(_FORMULA_START) else ""
    return f'<c r="{ref}"{quoted} t="inlineStr"><is><t xml:space="preserve">{xml_escape(text)}</t></is></c>'


def _style(kind: str, lang: str) -> str:
    """The cell style attribute for a column of ``kind`` (a day, a month or a time in the
    workbook's language)."""
    if kind in DATED:
        kind = f"{kind}:{'zh' if lang == 'zh' else 'en'}"
    number = CELL_STYLES.get(kind, 0)
    return f' s="{number}"' if number else ""


def excel_days(values: pd.Series) -> pd.Series:
    """Days as Excel's day numbers (what a date cell holds; the style draws it), time zones
    dropped; a missing day stays empty."""
    days = pd.to_datetime(values)
    if days.dt.tz is not None:
        days = days.dt.tz_localize(None)
    return (days - _EXCEL_EPOCH) / pd.Timedelta(days=1)


ISO_DAY = r"\d{4}-\d{2}-\d{2}"
ISO_MOMENT = r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?"


def holds_days(values: pd.Series) -> bool:
    """Whether a column holds days only: timestamps at midnight or ISO text (``2024-12-15``)."""
    values = values.dropna()
    if pd.api.types.is_datetime64_any_dtype(values):
        return bool((values.dt.normalize() == values).all())
    return iso_text(values, ISO_DAY)


def iso_text(values: pd.Series, pattern: str) -> bool:
    """Whether a column (blanks dropped) is all text written as ``pattern`` says."""
    texts = values.map(lambda v: isinstance(v, str))
    return not values.empty and bool(texts.all()) and bool(values.str.fullmatch(pattern).all())


def plain_kind(values: pd.Series) -> str:
    """The cell kind of a column no caller named: days and times as date cells (not the text
    ``2024-01-01 00:00:00``), a measure with two decimals or a fraction of one with four (Excel's
    General drew ``37.5949284785``); whole numbers (counts, ids) and text stay General. Amounts under
    one written in cents (a till's tax, 0.15) keep two decimals: they read 0.1500 (walk23)."""
    if holds_days(values):
        return "day"
    if pd.api.types.is_datetime64_any_dtype(values):
        return "time"
    if not pd.api.types.is_float_dtype(values) or _whole(values):
        return ""
    finite = values[np.isfinite(values)]
    in_cents = bool((finite == finite.round(2)).all())
    return "fraction" if finite.abs().max() < 1 and not in_cents else "number"


def _whole(values: pd.Series) -> bool:
    """Whether a float column holds whole numbers only (a count read back as ``3.0``)."""
    finite = values[np.isfinite(values)]
    return bool((finite == finite.round()).all())


def _as_written(frame: pd.DataFrame, kinds: dict[str, str]) -> pd.DataFrame:
    """Whole-number float columns of counts or of no kind as integers, so a count reads 3, not 3.0,
    and an id 13085, not 13085.0 (a missing value stays empty; money and shares keep their values)."""
    frame = frame.copy()
    for column in frame.columns:
        values = frame[column]
        if kinds[column] in ("", "count") and pd.api.types.is_float_dtype(values) and _whole(values) \
                and np.isfinite(values.dropna()).all():
            frame[column] = values.round().astype("Int64")
    return frame


_WIDE = r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]"
"""Characters Excel draws two columns wide (CJK, full-width punctuation)."""


def _said_width(texts: pd.Series) -> int:
    """The widest of ``texts`` in Excel's character columns, a wide character counting two."""
    texts = texts.astype(str)
    return int((texts.str.len() + texts.str.count(_WIDE)).max()) if len(texts) else 0


def _column_widths(frame: pd.DataFrame, kinds: dict[str, str]) -> str:
    """A ``<cols>`` part sizing each column to its header and widest value (capped at 60): at
    Excel's default 8.43 a Chinese header ran under its neighbour and 4,499,963.26 read ########
    (walk17). Numbers are measured as their format draws them (separators, two decimals), days
    as a long Chinese day with its time."""
    parts = []
    for i, column in enumerate(frame.columns, start=1):
        values, kind = frame[column].dropna(), kinds.get(column, "")
        if kind in DATED:
            widest = 18
        elif pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values) and len(values):
            widest = max(len(f"{values.max():,.2f}"), len(f"{values.min():,.2f}"))
        else:
            widest = _said_width(values)
        width = min(60, max(_said_width(pd.Series([str(column)])), widest) + 2)
        parts.append(f'<col min="{i}" max="{i}" width="{width}" customWidth="1"/>')
    return f"<cols>{''.join(parts)}</cols>" if parts else ""


def _xlsx_sheet(frame: pd.DataFrame, kinds: dict[str, str], lang: str) -> str:
    """One worksheet; a column named in ``kinds`` reads as money, a percent, a count, a day or a
    month, any other as :func:`plain_kind` says."""
    kinds = {c: kinds.get(c) or plain_kind(frame[c]) for c in frame.columns}
    frame = _as_written(frame, kinds)
    letters = [_column_letter(i) for i in range(len(frame.columns))]
    styles = [_style(kinds.get(c, ""), lang) for c in frame.columns]
    for column, kind in kinds.items():
        if kind in DATED:
            frame[column] = excel_days(frame[column])
    header = '<row r="1">' + "".join(_xlsx_cell(f"{col}1", str(c)) for col, c in
                                      zip(letters, frame.columns, strict=True)) + "</row>"
    body = header + "".join(
        f'<row r="{n}">' + "".join(_xlsx_cell(f"{col}{n}", v, style) for col, v, style
                                   in zip(letters, row, styles, strict=True))
        + "</row>" for n, row in enumerate(frame.astype(object).itertuples(index=False), start=2))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"{FROZEN_HEADER}{_column_widths(frame, kinds)}<sheetData>{body}</sheetData></worksheet>")


FROZEN_HEADER = ('<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
                 'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>')
"""The header row stays in view as a long list scrolls (2,941 customers read as bare numbers, walk23)."""


_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")
"""Characters Excel refuses in a sheet's name."""
_FILE_UNSAFE = re.compile(r'_*[\\/:*?"<>|\x00-\x1f]+_*')


def file_stem(stem: str) -> str:
    """A download's name without the characters a file system refuses (Windows: ``\\ / : * ? " < > |``,
    control characters; a trailing dot or space), each run one ``_``: a table named "Q3: shop/orders?"
    offered a name a Windows disk refuses (walk24). Emoji and Chinese are legal names and stay."""
    return _FILE_UNSAFE.sub("_", stem).strip(" .") or "download"


def sheet_name(stem: str, lang: str) -> str:
    """A download's sheet named in the page's language (``segment_profiles`` → 分群画像 /
    Segment profiles; ``订单导出_preview`` → 订单导出预览), where the Chinese page's workbooks
    kept the file's English stem (walk17); Excel's forbidden characters become ``_`` and the
    name stops at 31 characters, as Excel requires."""
    keys = [k.removeprefix("sheet.") for k in catalogue() if k.startswith("sheet.")]
    return _SHEET_UNSAFE.sub("_", _stem_said(stem, keys, lang))[:31]


def _stem_said(stem: str, keys: list[str], lang: str) -> str:
    """``sheet.*`` keys name a stem whole, or around a ``{name}`` (a table, a customer, Customer
    360's block: itself named when it is a stem); an unknown stem stays as it is."""
    if stem in keys:
        return t(f"sheet.{stem}", lang)
    for key in keys:
        head, placed, tail = key.partition("{name}")
        inner = stem[len(head):len(stem) - len(tail)]
        if placed and inner and stem.startswith(head) and stem.endswith(tail) \
                and len(stem) > len(head) + len(tail):
            named = t(f"sheet.{inner}", lang) if inner in keys else inner
            lowered = inner in keys and head and lang == "en"  # "Customer churn scores"
            return t(f"sheet.{key}", lang, name=named[:1].lower() + named[1:] if lowered else named)
    return stem


def excel_bytes_fast(sheets: dict[str, pd.DataFrame], money: tuple[str, ...] = (), *,
                     kinds: dict[str, str] | None = None, lang: str = "en") -> bytes:
    """An .xlsx workbook, one sheet per frame, written as plain XML parts; text that starts like
    a formula stays text (Excel's quote prefix, not a visible apostrophe); the columns named in
    ``money`` are shown as ``1,234.50`` (the value stays the number), those in ``kinds`` as that
    kind of number (``NUMBER_FORMATS``; days, months and times said in ``lang``).

    Without lxml, openpyxl needs ~30 µs per cell; a 20k-customer member list would take
    seconds. This writer produces the minimal workbook (inline strings, a few number formats) in a
    fraction of that, and openpyxl and Excel open it.
    """
    names = []
    for name in sheets:
        base = (_XML_ILLEGAL.sub("", re.sub(r"[\\/?*\[\]:]", "_", name))[:31]) or "Sheet"
        names.append(base if base not in names else f"{base[:28]}_{len(names)}")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, len(names) + 1))
        book.writestr("[Content_Types].xml", _XLSX_PARTS["[Content_Types].xml"].format(sheets=overrides))
        book.writestr("_rels/.rels", _XLSX_PARTS["_rels/.rels"])
        book.writestr("xl/styles.xml", _styles_xml())
        book.writestr("xl/workbook.xml", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            + "".join(f'<sheet name="{xml_escape(n, {chr(34): "&quot;"})}" sheetId="{i}" r:id="rId{i}"/>'
                      for i, n in enumerate(names, start=1)) + "</sheets></workbook>"))
        book.writestr("xl/_rels/workbook.xml.rels", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/'
                      f'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
                      for i in range(1, len(names) + 1))
            + f'<Relationship Id="rId{len(names) + 1}" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>'))
        for i, frame in enumerate(sheets.values(), start=1):
            sheet = _xlsx_sheet(frame, {c: "money" for c in money} | (kinds or {}), lang)
            book.writestr(f"xl/worksheets/sheet{i}.xml", sheet)
    return buffer.getvalue()


def clean_json(value: Any) -> Any:
    """JSON-safe values: NaN and infinities become null, numpy scalars plain numbers."""
    if isinstance(value, dict):
        return {str(k): clean_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean_json(v) for v in value]
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def json_text(value: Any, indent: int | None = None) -> str:
    """The one JSON writer: summaries, metrics files and the CLI's last line."""
    return json.dumps(clean_json(value), ensure_ascii=False, indent=indent, default=str)


def write_files(files: dict[str, bytes], folder: str | Path) -> dict[str, Path]:
    """Write report files (name → bytes) into ``folder``; a disk problem becomes one clear message."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        paths = {}
        for name, data in files.items():
            path = folder / name
            path.write_bytes(data)
            paths[name] = path
    except OSError as exc:
        raise CrmError(Sentence("runs.error.write_folder", folder=folder,
                                reason=exc.strerror or exc)) from exc
    return paths
