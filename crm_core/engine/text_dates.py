"""DuckDB's ``try_strptime`` in Spark's words, field by field.

A date column kept as text (a lake's Parquet, an external CSV) is read with ``try_strptime(text, [formats])``
(:func:`crm_core.workspace.sqlutil.timestamp_expr`), which Spark has not: such a table was refused on Spark
by name. Spark's own ``to_timestamp`` reads otherwise (spark23 tried: five of 28 texts differed, a
two-digit ``%Y`` among them), so each format becomes a Java regex that reads what DuckDB's reader reads
(numbers up to their width and no further, a month's English name in any case, a blank as one or more
blanks, blanks around the whole) and ``make_timestamp`` of its fields, NULL for no such day or time;
the first format that reads the text wins, as in DuckDB. The regexes are data tried in a loop, so a
reading's generated code does not grow with its formats (spark30).
"""

from __future__ import annotations

_NUMBERS = {"%Y": 4, "%y": 2, "%m": 2, "%d": 2, "%H": 2, "%I": 2, "%M": 2, "%S": 2, "%f": 6}
"""DuckDB's number fields and the most digits each reads."""
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_NAMES = {"%b": tuple(m[:3] for m in _MONTHS), "%B": _MONTHS, "%p": ("am", "pm"),
          "%a": ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
"""DuckDB's name fields, read in any case (a weekday is read, never checked against the day)."""


_SLOTS = ("%Y", "%y", "%m", "%b", "%d", "%H", "%I", "%p", "%M", "%S", "%f")
"""Where a format writes each field it reads, ``|`` apart (``%B`` and ``%b`` alike: a month's name); a
field the format has not stays empty."""


def text_date_form(node):
    """``try_strptime(text, format)`` or ``(text, [formats])`` with literal formats as Spark SQL giving
    DuckDB's TIMESTAMP (NULL where no format reads the text); any other node, or a format with a field
    not spelt here, unchanged (refused by name).

    The formats are data, a pattern and where it writes its fields, tried in turn by one regex match and one
    replace (``aggregate`` keeps the first TIMESTAMP read): one regex per format in code made a reading of
    the month-first list 97 regexes, a class some 13,000 lines long that Janino refused (spark29)."""
    import sqlglot
    from sqlglot import exp

    if not (isinstance(node, exp.Anonymous) and node.name.lower() == "try_strptime"
            and len(node.expressions) == 2):
        return node
    text, formats = node.expressions
    formats = formats.expressions if isinstance(formats, exp.Array) else [formats]
    if not all(isinstance(f, exp.Literal) and f.is_string for f in formats):
        return node
    readers = [_reader(f.this) for f in formats]
    if None in readers:
        return node
    tried = ", ".join(f"named_struct('p', {pattern}, 'r', {_quoted(fields)})" for pattern, fields in readers)
    fields = "split(regexp_replace(dt, f.p, f.r), '[|]')"
    read = f"CASE WHEN dt RLIKE f.p THEN element_at(transform(array({fields}), g -> {_moment()}), 1) END"
    form = sqlglot.parse_one(f"element_at(transform(array(NULL), dt -> aggregate(array({tried}), "
                             f"CAST(NULL AS TIMESTAMP), (t, f) -> coalesce(t, {read}))), 1)", read="spark")
    form.find(exp.Array).set("expressions", [text.copy()])
    return form


def _reader(fmt: str) -> tuple[str, str] | None:
    """A Java regex reading ``fmt`` as DuckDB does (Spark SQL), and the replacement writing its fields
    in :data:`_SLOTS` order; None for a format with a field not spelt here."""
    parts, fields, i = [], {}, 0
    while i < len(fmt):
        spec = fmt[i:i + 2]
        if spec in _NUMBERS or spec in _NAMES:
            if spec in fields:
                return None
            fields[spec] = len(fields) + 1
            parts.append(rf"(\d{{1,{_NUMBERS[spec]}}}+)" if spec in _NUMBERS
                         else f"((?i:{'|'.join(_NAMES[spec])}))")
            i += 2
        elif fmt[i] == "%":
            return None
        else:
            parts.append(_literal_pattern(fmt[i]))
            i += 1
    if not _complete(fields):
        return None
    slots = {"%b" if spec == "%B" else spec: k for spec, k in fields.items()}
    written = "|".join(f"${slots[s]}" if s in slots else "" for s in _SLOTS)
    return _quoted(rf"^\s*{''.join(parts)}\s*$"), written


def _moment() -> str:
    """``make_timestamp`` of the fields ``g`` (:data:`_SLOTS`): NULL for no such day or time."""
    months = ", ".join(f"'{name}'" for name in _NAMES["%b"])
    named = f"nullif(CAST(array_position(array({months}), lower(substr({_text('%b')}, 1, 3))) AS INT), 0)"
    month = f"coalesce({_number('%m')}, {named}, 1)"
    return (f"make_timestamp({_year()}, {month}, coalesce({_number('%d')}, 1), {_hour()}, "
            f"coalesce({_number('%M')}, 0), {_second()})")


def _complete(fields: dict) -> bool:
    """A year, a 12-hour clock only with its AM/PM and the other way round, a fraction only after seconds."""
    def count(*specs: str) -> int:
        return sum(spec in fields for spec in specs)

    return (count("%Y", "%y") == 1 and count("%I") == count("%p") and count("%H", "%I") < 2
            and count("%m", "%b", "%B") < 2 and count("%f") <= count("%S"))


def _literal_pattern(char: str) -> str:
    """A blank reads one or more blanks (DuckDB's reader); ASCII punctuation escaped, 年月日 kept."""
    if char == " ":
        return r"\s+"
    return "\\" + char if char.isascii() and not char.isalnum() else char


def _quoted(text: str) -> str:
    from sqlglot import exp

    return exp.Literal.string(text).sql(dialect="spark")


def _text(spec: str) -> str:
    """The field ``spec`` as the format wrote it, empty where it has none."""
    return f"g[{_SLOTS.index(spec)}]"


def _number(spec: str) -> str:
    """The field ``spec`` as a number, NULL where the format has none."""
    return f"CAST(nullif({_text(spec)}, '') AS INT)"


def _year() -> str:
    """``%y`` as DuckDB (and Python) read it: 00–68 this century, 69–99 the last."""
    short = _number("%y")
    return f"coalesce({_number('%Y')}, {short} + CASE WHEN {short} < 69 THEN 2000 ELSE 1900 END)"


def _hour() -> str:
    """``%I %p``: 12 AM is midnight, 12 PM noon; an hour 0 or 13 on a 12-hour clock is none."""
    twelve = _number("%I")
    return (f"CASE WHEN {_text('%I')} = '' THEN coalesce({_number('%H')}, 0) WHEN {twelve} BETWEEN 1 AND 12 "
            f"THEN {twelve} % 12 + CASE WHEN lower({_text('%p')}) = 'pm' THEN 12 ELSE 0 END END")


def _second() -> str:
    """Seconds with DuckDB's 1–6 digits of fraction; a 60th second is none (Spark's is the next minute)."""
    fraction = f"rpad(coalesce(nullif({_text('%f')}, ''), '0'), 6, '0')"
    exact = f"CAST({_text('%S')} || '.' || {fraction} AS DECIMAL(8, 6))"
    return f"CASE WHEN {_text('%S')} = '' THEN 0 WHEN {_number('%S')} < 60 THEN {exact} END"
