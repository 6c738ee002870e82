"""Sniffing a text export from its head: encoding, delimiter, preamble and header.

Only the first lines are read here; DuckDB's reader parses the whole file afterwards with the
layout found, so a wrong guess shows up as a clear error rather than silently shifted columns.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from crm_core.errors import CrmError
from crm_core.i18n import Sentence
from crm_core.load import dialect, dos, eastasian
from crm_core.load.mixedenc import WESTERN, LineDecoder, mostly_utf8, reads_as_chinese

HEAD_BYTES = 1 << 20
SNIFF_LINES = 200
MAX_HEAD_BYTES = 64 << 20
DELIMITERS = (",", "\t", ";", "|")
WHITESPACE = "whitespace"
BOM = "\ufeff"


@dataclass
class Layout:
    """How a text export is laid out: what DuckDB's reader needs to be told."""

    encoding: str
    delimiter: str
    skip: int
    header: list[str] | None
    n_fields: int
    head_rows: list[list[str]]
    """The first data rows (fields split), for type candidates and the PII pre-check."""
    footer: list[list[str]] = field(default_factory=list)
    """Summary lines after the table (``共400笔记录``, ``导出时间:[…]``), fields split: not rows."""
    comments: bool = False
    """Lines starting with ``#`` among the rows (a tool's notes, a page break): not rows."""
    line_ends: bool = False
    """Line ends of more than one kind: read through a copy where each is ``\n`` (``lineends``)."""
    quote: str = dialect.DOUBLE
    """The quote character: ``'`` when the export quotes with it (:mod:`~crm_core.load.dialect`)."""
    escape: str = ""
    """What escapes a quote inside a quoted value: the quote itself (doubled) unless ``\\``."""
    null_marks: tuple[str, ...] = ()
    """Which of ``\\N``, ``NULL``, ``null`` the file holds somewhere: whole values so are empty."""

    @property
    def label(self) -> str:
        """The delimiter as the analyst would name it."""
        return {"\t": "tab", WHITESPACE: "spaces"}.get(self.delimiter, self.delimiter)


def sniff_text(path: Path, name: str) -> Layout:
    """Encoding, delimiter, preamble length and header of a text export, from its head."""
    csv.field_size_limit(max(csv.field_size_limit(), MAX_HEAD_BYTES))
    head, complete = read_head(path)
    encoding = detect_encoding(head, name)
    text = (LineDecoder().text(head) if encoding == WESTERN
            else head.decode(encoding, errors="replace"))
    lines = text.splitlines()
    if not complete and len(lines) > 1:
        lines = lines[:-1]
    lines = lines[:SNIFF_LINES]
    if not any(ln.strip() for ln in lines):
        raise CrmError(Sentence("load.error.no_text", name=name))
    delimiter, n_fields, start = choose_delimiter(lines)
    quote = dialect.DOUBLE
    if delimiter != WHITESPACE and dialect.single_quoted(lines, delimiter):
        quote = dialect.SINGLE
        delimiter, n_fields, start = choose_delimiter(lines, quote)
    rows = _records(lines[start:], delimiter, quote)
    if not any(v.strip() for row in rows for v in row):
        raise CrmError(Sentence("load.error.only_delimiters", name=name, delimiter=_label(delimiter)))
    first, second = rows[0], (rows[1] if len(rows) > 1 else [])
    header = clean_header(first) if looks_like_header(first, second) else None
    body = rows[1:] if header is not None else rows
    if header is not None and not body:
        raise CrmError(Sentence("load.error.header_only", name=name))
    width = len(header) if header else n_fields
    footer: list[list[str]] = []
    if not any("\n" in v for row in body for v in row):  # a quoted value over lines: no footer
        footer = footer_lines(text.splitlines(), delimiter, width) if complete else \
            read_footer(path, encoding, delimiter, width)
        rows = [row for row in body if row not in footer and any(v.strip() for v in row)]
        if any(len(row) != width for row in rows):  # ragged rows: a short last line may be data
            footer = []
        body = rows if footer else body
    comments = [row for row in body if is_comment(row, width)]
    body = [row for row in body if row not in comments]
    return Layout(encoding, delimiter, start, header, n_fields, body, footer, bool(comments), quote=quote)


def is_comment(fields: list[str], n_fields: int) -> bool:
    """A ``#`` line among the rows: its first value starts with ``#`` and the second half of the
    row is blank (Shopify's order ``#1001`` has the rest of its row)."""
    return (bool(fields) and fields[0].lstrip().startswith("#")
            and not any(v.strip() for v in fields[(n_fields + 1) // 2:]) and n_fields >= 2)


TAIL_BYTES = 1 << 16


def read_footer(path: Path, encoding: str, delimiter: str, n_fields: int) -> list[list[str]]:
    """The footer of a file too long to read whole: its last lines, decoded (see :func:`footer_lines`)."""
    with path.open("rb") as fh:
        fh.seek(max(0, path.stat().st_size - TAIL_BYTES))
        tail = fh.read()
    lines = tail.decode(encoding.replace("-sig", ""), errors="replace").splitlines()[1:]
    return footer_lines(lines, delimiter, n_fields)


def footer_lines(lines: list[str], delimiter: str, n_fields: int) -> list[list[str]]:
    """Trailing summary lines of a bill or report export: after the last row, lines with fewer
    than half the table's fields, or one value padded to its width. Alipay closes its bill with
    ``-----`` then ``共400笔记录`` / ``已收入:400笔,…元`` / ``导出时间:[…]``; read as rows they turned
    the order number and date columns to text. Short lines count only when a blank or ``-----``
    line sets them apart or each holds one value: a last row missing its later fields is data.
    Lines with an open quote end a multi-line value: not footer. A block that opens with a line of
    labels and then lines of as many values is a summary table (微信支付's bill closes with
    ``总交易单数,应结订单总金额,…`` then one line of totals: read as rows, they were two more sales)."""
    footer: list[list[str]] = []
    gap = False
    for line in reversed(lines):
        if not line.strip() or set(line.strip()) <= {delimiter, " ", '"'}:  # eBay's "" lines
            gap = True
            continue
        fields = split(line, delimiter)
        short = len(fields) < n_fields / 2 or _padded_title(line, delimiter)
        if not short or line.count('"') % 2 or n_fields < 4:
            break
        footer.append(fields)
        gap = bool(_RULE.match(line.strip()))
    single = all(sum(1 for v in f if v.strip()) == 1 for f in footer)
    return footer[::-1] if gap or single or _summary_table(footer[::-1]) else []


def _summary_table(lines: list[list[str]]) -> bool:
    """A header of labels (no digit, none blank) over lines of as many fields, each with a digit."""
    head, *values = lines or [[]]
    labels = len(head) > 1 and all(v.strip() and not re.search(r"\d", v) for v in head)
    return labels and bool(values) and all(len(f) == len(head) and any(re.search(r"\d", v) for v in f)
                                           for f in values)


_RULE = re.compile(r"^[-=_*~\s]{3,}$")
"""A ruled line (``------``) under a table."""


def _label(delimiter: str) -> str:
    return {"\t": "tabs", WHITESPACE: "spaces"}.get(delimiter, f"'{delimiter}'")


def _records(lines: list[str], delimiter: str, quote: str = dialect.DOUBLE) -> list[list[str]]:
    """Lines split into fields; quoted fields may span lines (FAQ answers, addresses)."""
    if delimiter == WHITESPACE:
        return [ln.split() for ln in lines if ln.strip()]
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter, quotechar=quote)
    try:
        return [row for row in reader if row]
    except csv.Error:
        return [split(ln, delimiter, quote) for ln in lines if ln.strip()]


def read_head(path: Path) -> tuple[bytes, bool]:
    """The first bytes, enough for a few lines even when one cell is megabytes long;
    the flag says whether that is the whole file."""
    chunks: list[bytes] = []
    with path.open("rb") as fh:
        while sum(len(c) for c in chunks) < MAX_HEAD_BYTES:
            chunk = fh.read(HEAD_BYTES)
            if not chunk:
                return b"".join(chunks), True
            chunks.append(chunk)
            if b"".join(chunks).count(b"\n") > 3:
                break
    return b"".join(chunks), False


def detect_encoding(head: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), UTF-16, GB18030, Big5, Shift-JIS (:mod:`~crm_core.load.eastasian`),
    Windows-1252, DOS code page 850 or Mac Roman (:mod:`~crm_core.load.dos`), judged on the first bytes; a
    UTF-8 head with lines in another encoding is read line by line (:mod:`~crm_core.load.mixedenc`).
    Windows-1252 rather than Latin-1: Excel on Western Windows writes ``€`` as byte 0x80, which
    Latin-1 reads as an invisible control character (``29,33 €`` lost its currency)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = head[:65536]
    if b"\x00" in sample and not _stray_nuls(sample):
        for encoding in ("utf-16-le", "utf-16-be"):
            if _mostly_printable(sample, encoding):
                return encoding
        raise CrmError(Sentence("load.error.binary", name=name))
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "gb18030" if eastasian.gbk_read_as_utf8(text) and _gb18030(head) else "utf-8"
    except UnicodeDecodeError:
        if mostly_utf8(head):  # read line by line, as Windows-1252 files are
            return WESTERN
    chinese = _gb18030(head)
    return eastasian.other_encoding(head, chinese) or ("gb18030" if chinese else _western(head))


def _western(head: bytes) -> str:
    """Windows-1252, or DOS code page 850 or Mac Roman when the letters in words prove it
    (:mod:`~crm_core.load.dos`)."""
    return dos.code_page(head) or WESTERN


def _gb18030(head: bytes) -> bool:
    """Whether the head decodes as GB18030 and reads as Chinese."""
    try:
        return reads_as_chinese(codecs.getincrementaldecoder("gb18030")().decode(head, final=False))
    except UnicodeDecodeError:
        return False


def whole_file_encoding(path: Path) -> str:
    """GB18030 when the whole file decodes as such, Big5 or Shift-JIS when its lines beyond ASCII
    read so better (:func:`eastasian.other_encoding`: an ASCII head then Taiwanese names was read
    as GB18030 mojibake), else Windows-1252 (read with replacement); Windows-1252 (read line by
    line) too when the head has UTF-8 beyond ASCII: UTF-8 Chinese decodes as GB18030 to common
    characters (``好评`` → ``濂借瘎``)."""
    decoder = codecs.getincrementaldecoder("gb18030")()
    chinese, wide = True, eastasian.WideLines()
    with path.open("rb") as fh:
        if mostly_utf8(fh.read(HEAD_BYTES)):
            return WESTERN
        fh.seek(0)
        while chunk := fh.read(HEAD_BYTES):
            wide.feed(chunk)
            chinese = chinese and _chinese_chunk(decoder, chunk)
            if not chinese and wide.full:  # not GB18030, and enough lines to judge Big5 by
                break
    chinese = chinese and _chinese_chunk(decoder, b"", final=True)
    return eastasian.other_encoding(wide.sample, chinese) or ("gb18030" if chinese else WESTERN)


def _chinese_chunk(decoder, chunk: bytes, final: bool = False) -> bool:
    """Whether the next chunk decodes as GB18030 and reads as Chinese."""
    try:
        return reads_as_chinese(decoder.decode(chunk, final))
    except UnicodeDecodeError:
        return False


def _stray_nuls(sample: bytes) -> bool:
    """A few NUL bytes (under 1 %) in UTF-8 text, as a database writes a value holding one: the
    text it is. Read as UTF-16, ASCII is CJK characters, all "printable": the file was decoded
    as UTF-16 and refused as "a header but no data rows"; a UTF-16 CSV is a third NULs or more."""
    if sample.count(b"\x00") * 100 > len(sample):
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample.replace(b"\x00", b""), final=False)
    except UnicodeDecodeError:
        return False
    return True


def _mostly_printable(sample: bytes, encoding: str) -> bool:
    """Whether bytes with NULs read as text in this UTF-16 flavour (Excel's "Unicode text")."""
    text = sample[: len(sample) // 2 * 2].decode(encoding, errors="replace")
    good = sum(1 for ch in text if ch.isprintable() or ch in "\r\n\t")
    return good >= 0.95 * max(1, len(text))


def split(line: str, delimiter: str, quote: str = dialect.DOUBLE) -> list[str]:
    """One line's fields (quotes honoured, except for space-aligned files)."""
    return line.split() if delimiter == WHITESPACE else dialect.fields(line, delimiter, quote)


def choose_delimiter(lines: list[str], quote: str = dialect.DOUBLE) -> tuple[str, int, int]:
    """Pick the delimiter giving the most consistent field count; return it, that count and
    the index of the first line of the table (after any preamble). Counted per line, and per
    record when quoted fields span lines: a note on two lines in every row split each record
    in two, so ``;`` looked inconsistent and the file loaded as one column."""
    best = _best_delimiter(lines, quote)
    records = _records_with_first_line(lines, quote)
    if len(records) < len(lines):
        firsts, texts = zip(*records, strict=True)
        joined = _best_delimiter(list(texts), quote)
        if joined[3] > best[3]:
            best = (joined[0], joined[1], firsts[joined[2]], joined[3])
    return best[0], best[1], best[2]


def _records_with_first_line(lines: list[str], quote: str) -> list[tuple[int, str]]:
    """Lines joined while a quote is open, each with the index of its first line."""
    records: list[tuple[int, str]] = []
    parts: list[str] = []
    first, quoted = 0, False
    for i, line in enumerate(lines):
        if not parts:
            first = i
        parts.append(line)
        quoted ^= line.count(quote) % 2 == 1
        if not quoted:
            records.append((first, "\n".join(parts)))
            parts = []
    if parts:
        records.append((first, "\n".join(parts)))
    return records


def _best_delimiter(lines: list[str], quote: str) -> tuple[str, int, int, float]:
    """The most consistent delimiter over these lines: it, its field count, the first line of
    the table and the share of lines with that count."""
    best = (",", 1, 0, 0.0)
    for delimiter in (*DELIMITERS, WHITESPACE):
        if delimiter == WHITESPACE and best[1] == 1:
            best = _short_table(lines, quote) or best
        counts = [len(split(ln, delimiter, quote)) if ln.strip() else 0 for ln in lines]
        body = [c for c in counts if c > 0]
        if not body:
            continue
        n_fields = Counter(body[len(body) // 5:] or body).most_common(1)[0][0]
        if n_fields < 2:
            continue
        share = sum(1 for c in body if c == n_fields) / len(body)
        if delimiter == WHITESPACE and best[1] > 1 and best[3] >= 0.8:
            continue
        if (share, n_fields) > (best[3], best[1]) and share >= 0.5:
            starts = [i for i, c in enumerate(counts) if c == n_fields]
            best = (delimiter, n_fields, _table_start(lines, starts, delimiter, quote), share)
    if best[1] == 1:
        start = next(i for i, ln in enumerate(lines) if ln.strip())
        return ",", 1, start, 0.0
    return best


def _short_table(lines: list[str], quote: str) -> tuple[str, int, int, float] | None:
    """A table shorter than the text around it: the lines of one field count (≥ 2) run in one
    block, with only shorter lines above and below. A bill of 3 rows under 3 lines of preamble
    and over 5 lines of footer (``共3笔记录``) had no delimiter consistent over half its lines."""
    found = None
    for delimiter in DELIMITERS:
        counts = [len(split(ln, delimiter, quote)) if ln.strip() else 0 for ln in lines]
        wide = [c for c in counts if c > 1]
        if not wide:
            continue
        n_fields = Counter(wide).most_common(1)[0][0]
        rows = [i for i, c in enumerate(counts) if c == n_fields]
        block = all(c in (0, n_fields) for c in counts[rows[0]:rows[-1] + 1])
        if block and len(rows) >= 2 and n_fields > (found[1] if found else 1):
            found = (delimiter, n_fields, _table_start(lines, rows, delimiter, quote), 1.0)
    return found


def _table_start(lines: list[str], starts: list[int], delimiter: str, quote: str) -> int:
    """The first line of the table among lines of its width: not a padded title, not blank."""
    return next((i for i in starts if not _padded_title(lines[i], delimiter, quote)
                 and any(f.strip() for f in split(lines[i], delimiter, quote))), starts[0])


def _padded_title(line: str, delimiter: str, quote: str = dialect.DOUBLE) -> bool:
    """A title Excel padded to the table's width (``Weekly sales;;;;``): one value, the rest blank."""
    fields = split(line, delimiter, quote)
    return len(fields) > 2 and fields[0].strip() != "" and not any(f.strip() for f in fields[1:])


_NUMBERISH = re.compile(r"^[\s$€£¥￥(+-]*[\d.,:/ -]+[)%\s-]*$")


def looks_like_header(first: list[str], second: list[str]) -> bool:
    """A header has text where the data row below has numbers, or is all text."""
    def numeric(v: str) -> bool:
        return bool(v.strip()) and bool(_NUMBERISH.match(v))

    if not any(numeric(v) for v in first):
        return True
    return any(not numeric(a) and numeric(b) for a, b in zip(first, second, strict=False))


_TYPE_SUFFIX = re.compile(r"^(.+?)\s*:\s*(token|token_seq|float|float_seq|int|integer|long|double|"
                          r"str|string|text|date|datetime|timestamp|bool|boolean)$", re.IGNORECASE)
"""A column's type written after its name (RecBole's atomic files: ``user_id:token``, ``rating:float``)."""


def without_types(raw: list[str]) -> list[str]:
    """Names without their ``:type`` when every named column has one: no header rule knows
    ``user_id:token``, so MovieLens as RecBole ships it had no customer, product or rating."""
    named = [v.strip() for v in raw if v.strip()]
    if len(named) < 2 or not all(_TYPE_SUFFIX.match(v) for v in named):
        return raw
    return [m[1] if (m := _TYPE_SUFFIX.match(v.strip())) else v for v in raw]


def clean_header(raw: list[str]) -> list[str]:
    """Trimmed, unique, non-blank column names (blank → column_N, repeats → name_2), without
    types written after the names."""
    seen: Counter[str] = Counter()
    names = []
    for i, value in enumerate(without_types(raw), start=1):
        name = re.sub(r"\s+", " ", value.replace(BOM, "")).strip() or f"column_{i}"
        name = name[:120]
        seen[name.lower()] += 1
        if seen[name.lower()] > 1:
            name = f"{name}_{seen[name.lower()]}"
        names.append(name)
    return names
