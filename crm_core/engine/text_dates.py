"""DuckDB's ``try_strptime`` in Spark's words, field by field.

A date column kept as text (a lake's Parquet, an external CSV) is read with ``try_strptime(text, [formats])``
(:func:`crm_core.workspace.sqlutil.timestamp_expr`), which Spark has not: such a table was refused on Spark
by name. Spark's own ``to_timestamp`` reads otherwise (spark23 tried: five of 28 texts differed, a
two-digit ``%Y`` among them), so each format becomes a Java regex that reads what DuckDB's reader reads
(numbers up to their width and no further, a month's English name in any case, a blank as one or more
blanks, blanks around the whole) and ``make_timestamp`` of its fields, NULL for no such day or time;
the first format that reads the text wins, as in DuckDB.
"""

from __future__ import annotations

_NUMBERS = {"%Y": 4, "%y": 2, "%m": 2, "%d": 2, "%H": 2, "%I": 2, "%M": 2, "%S": 2, "%f": 6}
"""DuckDB's number fields and the most digits each reads."""
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_NAMES = {"%b": tuple(m[:3] for m in _MONTHS), "%B": _MONTHS, "%p": ("am", "pm"),
          "%a": ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
"""DuckDB's name fields, read in any case (a weekday is read, never checked against the day)."""


def text_date_form(node):
    """``try_strptime(text, format)`` or ``(text, [formats])`` with literal formats as Spark SQL giving
    DuckDB's TIMESTAMP (NULL where no format reads the text); any other node, or a format with a field
    not spelt here, unchanged (refused by name)."""
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
    form = sqlglot.parse_one(f"element_at(transform(array(NULL), dt -> coalesce({', '.join(readers)})), 1)",
                             read="spark")
    form.find(exp.Array).set("expressions", [text.copy()])
    return form


def _reader(fmt: str) -> str | None:
    """Spark SQL over the text ``dt``: the TIMESTAMP ``fmt`` reads from it, else NULL."""
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
    pattern = _quoted(rf"^\s*{''.join(parts)}\s*$")
    group = {spec: f"g[{k - 1}]" for spec, k in fields.items()}
    moment = ", ".join((_year(group), _month(group), _number(group, "%d", 1), _hour(group),
                        _number(group, "%M", 0), _second(group)))
    body = f"make_timestamp({moment})"
    return f"CASE WHEN dt RLIKE {pattern} THEN {_over_fields(pattern, len(fields), body)} END"


def _over_fields(pattern: str, count: int, body: str) -> str:
    """``body`` over ``g``, the text's fields: one regex replace writes them apart, a split makes them an
    array. A field read by its own ``regexp_extract`` made a format one regex call per field and per use (an
    hour on a 12-hour clock four), and a text arrival's view more code than Spark compiles (spark28)."""
    joined = _quoted("|".join(f"\\{k}" for k in range(1, count + 1)))
    fields = f"split(regexp_replace(dt, {pattern}, {joined}), '[|]')"
    return f"element_at(transform(array({fields}), g -> {body}), 1)"


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


def _number(group: dict, spec: str, default: int) -> str:
    return f"CAST({group[spec]} AS INT)" if spec in group else str(default)


def _year(group: dict) -> str:
    """``%y`` as DuckDB (and Python) read it: 00–68 this century, 69–99 the last."""
    if "%Y" in group:
        return _number(group, "%Y", 0)
    short = _number(group, "%y", 0)
    return f"{short} + CASE WHEN {short} < 69 THEN 2000 ELSE 1900 END"


def _month(group: dict) -> str:
    for spec in ("%b", "%B"):
        if spec in group:
            names = ", ".join(f"'{name}'" for name in _NAMES[spec])
            return f"CAST(array_position(array({names}), lower({group[spec]})) AS INT)"
    return _number(group, "%m", 1)


def _hour(group: dict) -> str:
    """``%I %p``: 12 AM is midnight, 12 PM noon; an hour 0 or 13 on a 12-hour clock is none."""
    if "%I" not in group:
        return _number(group, "%H", 0)
    hour = _number(group, "%I", 0)
    return (f"CASE WHEN {hour} BETWEEN 1 AND 12 THEN {hour} % 12 + "
            f"CASE WHEN lower({group['%p']}) = 'pm' THEN 12 ELSE 0 END END")


def _second(group: dict) -> str:
    """Seconds with DuckDB's 1–6 digits of fraction; a 60th second is none (Spark's is the next minute)."""
    if "%S" not in group:
        return "0"
    fraction = f"rpad({group['%f']}, 6, '0')" if "%f" in group else "'0'"
    second = group["%S"]
    exact = f"CAST({second} || '.' || {fraction} AS DECIMAL(8, 6))"
    return f"CASE WHEN CAST({second} AS INT) < 60 THEN {exact} END"
