"""The Spark engine: the row-heavy SQL of an analysis runs on Spark, the rest stays local.

Analyses are written once, as DuckDB SQL over a connection. :class:`SparkConnection` stands in
for that connection: catalogue look-ups (roles, types, runs) still go to the workspace, every
other query is transpiled by SQLGlot from DuckDB's dialect to Spark SQL and run on the Spark
session, and only its (customer-level or aggregated) result comes back as pandas. A construct
SQLGlot cannot translate is refused with a message, never passed through half-translated.

Source tables reach Spark as files: an external table (``load --external PATH``) is read where it
lives; a workspace table is written once per version to Parquet in the workspace's ``spark/``
folder (the "try it locally" path: on a cluster, register the lake's files instead).
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from crm_core import settings
from crm_core.engine.date_forms import date_form
from crm_core.engine.json_forms import json_form, json_text
from crm_core.engine.read_once import read_once
from crm_core.engine.scalar_once import Ask, scalars_once
from crm_core.engine.spark_csv import external_csv_frame
from crm_core.engine.text_dates import text_date_form
from crm_core.errors import CrmError
from crm_core.i18n import Listing, Sentence
from crm_core.load.external import external_source
from crm_core.workspace import store
from crm_core.workspace.sqlutil import qi, sql_str

_LOCAL_QUERY = re.compile(r"\b(_crm\.|duckdb_\w+\(|information_schema\.|DESCRIBE\b|PRAGMA\b|"
                          r"current_setting\()|^\s*(SET|RESET)\b", re.I)
"""Queries about the workspace itself (catalogue, roles, runs, column types) and its DuckDB's own
settings (``SET threads``, ``current_setting``) stay local."""


def spark_session():
    """A Spark session: Spark Connect when ``CRM_SPARK_REMOTE`` is set, else a local one."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise CrmError(Sentence("engine.error.no_spark")) from exc
    remote = settings.spark_remote()
    builder = SparkSession.builder.appName("smart-crm-analytics")
    if remote:
        builder = builder.remote(remote)
    else:
        builder = (builder.master(settings.spark_master()).config("spark.ui.enabled", "false")
                   .config("spark.ui.showConsoleProgress", "false")
                   .config("spark.sql.shuffle.partitions", "8"))
    try:
        session = builder.config("spark.sql.session.timeZone", "UTC").getOrCreate()
    except Exception as exc:  # Java missing, cluster unreachable: say so in one line
        raise CrmError(Sentence("engine.error.spark_start", master=remote or settings.spark_master(),
                                reason=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)) from exc
    session.conf.set("spark.sql.ansi.enabled", "false")  # NULL on a bad cast, as DuckDB's TRY_CAST
    if not remote:
        session.sparkContext.setLogLevel("ERROR")
    return session


def to_spark_sql(sql: str, params: list | tuple | dict | None = None,
                 known_function: Callable[[str], bool] = lambda _name: True, ask: Ask | None = None) -> str:
    """DuckDB SQL as one Spark SQL text (statements joined by ``;``), for reading and tests."""
    return ";\n".join(to_spark_statements(sql, params, known_function, ask))


def to_spark_statements(sql: str, params: list | tuple | dict | None = None,
                        known_function: Callable[[str], bool] = lambda _name: True,
                        ask: Ask | None = None) -> list[str]:
    """DuckDB SQL (with parameters, one statement or several) as Spark SQL statements, to
    run in turn as DuckDB does; untranslatable constructs are refused.

    SQLGlot passes functions it does not know through by name; ``known_function`` (Spark's own
    function registry) catches those, so nothing half-translated reaches the cluster. ``ask`` answers a
    repeated one-value subquery of a single statement (:mod:`crm_core.engine.scalar_once`).
    """
    import sqlglot
    from sqlglot import exp
    from sqlglot.errors import ErrorLevel, SqlglotError

    try:
        bind = _binder(params or [])

        def value_form(node):
            return bind(node) if isinstance(node, exp.Placeholder) else _double_literal(node)

        # four passes: a pass leaves alone the nodes it makes, the next one sees inside them
        passes = (_main_name, _first_form, _spark_form, value_form)
        parsed = [tree for tree in sqlglot.parse(_numbered(sql), read="duckdb") if tree is not None]
        once = ask if len(parsed) == 1 else None  # a later statement may read what an earlier one makes
        trees = [functools.reduce(lambda tree, form: tree.transform(form), passes,
                                  read_once(scalars_once(tree, once))) for tree in parsed]
        unknown = sorted({f.name for tree in trees for f in tree.find_all(exp.Anonymous)
                          if not known_function(f.name)})
        if unknown:
            raise CrmError(Sentence("engine.error.spark_functions", functions=Listing(unknown)))
        return [tree.sql(dialect="spark", unsupported_level=ErrorLevel.RAISE) for tree in trees]
    except SqlglotError as exc:
        raise CrmError(Sentence("engine.error.spark_sql", reason=str(exc).splitlines()[0])) from exc


def _numbered(sql: str) -> str:
    """Each ``?`` as ``$1``, ``$2`` … in turn (what DuckDB binds to it): SQLGlot cannot parse ``?``
    cast in place (``unnest(?::VARCHAR[])``), ``$1::VARCHAR[]`` it can. Strings and comments are
    left alone (the tokenizer tells them)."""
    from sqlglot.dialects.dialect import Dialect
    from sqlglot.tokens import TokenType

    marks = [t.start for t in Dialect.get_or_raise("duckdb").tokenize(sql)  # ``?::`` is one token
             if (t.token_type, t.text) in ((TokenType.PLACEHOLDER, "?"), (TokenType.QDCOLON, "?::"))]
    for number, start in reversed(list(enumerate(marks, start=1))):
        sql = f"{sql[:start]}${number}{sql[start + 1:]}"
    return sql


def _binder(params: list | tuple | dict) -> Callable:
    """The literal each placeholder stands for, as DuckDB binds them: ``?`` the next value,
    ``$1`` the first, ``$name`` the dict's ``name`` (churn's snapshot binds ``$as_of`` so)."""
    following = iter(params if isinstance(params, list | tuple) else ())

    def bind(node):
        name = node.name.lstrip("?")  # SQLGlot names a ``?`` "?" or ""
        try:
            if not name:
                return _literal(next(following))
            return _literal(params[name] if isinstance(params, dict) else params[int(name) - 1])
        except (StopIteration, KeyError, IndexError, ValueError) as exc:
            raise CrmError(Sentence("engine.error.spark_parameter", name=name or "?")) from exc

    return bind


@functools.cache
def _duckdb_aliases() -> dict[str, str]:
    """DuckDB's other names for its functions (``regexp_split_to_array`` for
    ``string_split_regex``), from its own catalogue: SQLGlot knows only the main names."""
    rows = duckdb.connect().execute("SELECT DISTINCT lower(function_name), lower(alias_of) "
                                    "FROM duckdb_functions() WHERE alias_of IS NOT NULL").fetchall()
    return dict(rows)


def _literal(value: Any):
    """A query parameter as a SQL literal (dates typed, text quoted by SQLGlot)."""
    import datetime

    from sqlglot import exp

    if value is None:
        return exp.Null()
    if isinstance(value, bool):
        return exp.Boolean(this=value)
    if isinstance(value, int | float):
        return exp.Literal.number(value)
    if isinstance(value, list | tuple):
        return exp.Array(expressions=[_literal(v) for v in value])
    if isinstance(value, datetime.datetime):
        return exp.cast(exp.Literal.string(value.isoformat(sep=" ")), "timestamp")
    if isinstance(value, datetime.date):
        return exp.cast(exp.Literal.string(value.isoformat()), "date")
    return exp.Literal.string(str(value))


def _main_name(node):
    """A DuckDB alias SQLGlot does not know by its main name, which it may (else unchanged)."""
    from sqlglot import exp

    if isinstance(node, exp.Anonymous) and node.name.lower() in _duckdb_aliases():
        known = exp.func(_duckdb_aliases()[node.name.lower()], *node.expressions, dialect="duckdb")
        return node if isinstance(known, exp.Anonymous) else known
    return node


def _first_form(node):
    """Forms made before :func:`_spark_form`, which then spells what they wrap: JSON casts as text, and
    text dates read field by field (:mod:`crm_core.engine.text_dates`; the text is trimmed and its UTC
    offset cut by a ``regexp_replace`` with a group reference)."""
    return text_date_form(json_text(node))


_BOUNDARY_UNITS = {"DAY": "DAY", "WEEK": "DAY", "MONTH": "MONTH", "QUARTER": "QUARTER", "YEAR": "YEAR"}
"""What both ends of a date_diff are truncated to, by unit: DuckDB counts the boundaries crossed,
Spark whole units elapsed. DuckDB's weeks are the days crossed over 7 (toward zero), not Mondays
crossed, so a week's ends are truncated to the day."""


def _double_literal(node):
    """A decimal literal as a DOUBLE: Spark keeps ``avg(1.0)`` a DECIMAL rounded to 5 places,
    DuckDB a DOUBLE."""
    from sqlglot import exp

    if isinstance(node, exp.Literal) and node.is_number and "." in node.this:
        return exp.cast(node.copy(), "double")
    return node


def _spark_form(node):
    """Where DuckDB and Spark spell the same thing differently: a list's length (``len`` of a
    split is Spark's ``array_size``: ``length`` takes only text, ``size`` says -1 for NULL),
    date_diff (boundaries crossed, not whole units elapsed; weeks as days over 7), a number of
    days as an interval (``to_days``, Spark's ``make_dt_interval``), group references
    in regexp_replace (``\\1`` vs ``$1``), whole-string regex matches (anchored RLIKE), script classes and
    ``quantile_cont(x, q)`` (Spark's ``percentile_cont`` takes only WITHIN GROUP; its exact,
    interpolated quantile is ``percentile``), ``row_number() OVER ()`` (Spark asks for an order:
    a constant one, any order as on DuckDB; ``monotonically_increasing_id()`` broke Spark's analyzer
    when the numbered rows were read twice, INTERNAL_ERROR in DeduplicateRelations), JSON
    (:mod:`crm_core.engine.json_forms`), numbers read as times (:mod:`crm_core.engine.date_forms`),
    DuckDB's case-blind regex option and its ``trim`` of every Unicode space."""
    from sqlglot import exp

    node = _case_option(date_form(json_form(node)))
    if isinstance(node, exp.Window) and isinstance(node.this, exp.RowNumber) and not node.args.get("order"):
        node.set("order", exp.Order(expressions=[exp.Ordered(this=exp.Literal.number(1))]))
        return node
    if isinstance(node, exp.Length) and isinstance(node.this, exp.Split | exp.RegexpSplit | exp.Array):
        return exp.Anonymous(this="array_size", expressions=[node.this])
    if isinstance(node, exp.DateDiff) and node.text("unit").upper() in _BOUNDARY_UNITS:
        unit = _BOUNDARY_UNITS[node.text("unit").upper()]
        for arg in ("this", "expression"):
            node.set(arg, exp.TimestampTrunc(this=node.args[arg].copy(), unit=exp.var(unit)))
        return node
    if _temp_table_as(node):
        node.set("kind", "VIEW")  # SQLGlot's own temporary view drops OR REPLACE
        return node
    if isinstance(node, exp.Trim) and not node.expression:
        return _blanks_trimmed(node)
    if isinstance(node, exp.ToDays):
        return exp.Anonymous(this="make_dt_interval", expressions=[node.this])
    if isinstance(node, exp.PercentileCont) and node.expression is not None:
        return exp.Quantile(this=node.this, quantile=node.expression)
    if isinstance(node, exp.RegexpFullMatch) and isinstance(node.expression, exp.Literal):
        return exp.RegexpLike(this=node.this,
                              expression=exp.Literal.string(f"^(?:{_java_scripts(node.expression.this)})$"))
    if isinstance(node, exp.RegexpFullMatch) and isinstance(node.expression, exp.Placeholder):
        head = exp.DPipe(this=exp.Literal.string("^(?:"), expression=node.expression.copy())
        anchored = exp.DPipe(this=head, expression=exp.Literal.string(")$"))
        return exp.RegexpLike(this=node.this, expression=exp.Paren(this=anchored))
    patterned = (exp.RegexpLike, exp.RegexpExtract, exp.RegexpReplace, exp.RegexpSplit)
    if isinstance(node, patterned) and isinstance(node.expression, exp.Literal) and node.expression.is_string:
        node.set("expression", exp.Literal.string(_java_scripts(node.expression.this)))
    if isinstance(node, exp.RegexpReplace) and isinstance(node.args.get("replacement"), exp.Literal):
        text = node.args["replacement"].this
        node.set("replacement", exp.Literal.string(re.sub(r"\\(\d)", r"$\1", text.replace("$", "\\$"))))
    return node


def _java_scripts(pattern: str) -> str:
    """RE2's script classes (``\\p{Han}``) as Java names them (``\\p{IsHan}``): Java refuses the bare name,
    so 饿了么's 王先生 test stopped every query over a name column (spark27)."""
    return re.sub(r"\\([pP])\{(?!I[sn])(\w+)\}", r"\\\1{Is\2}", pattern)


_OPTIONS = {"RegexpLike": "flag", "RegexpFullMatch": "options", "RegexpReplace": "modifiers"}
"""Where SQLGlot keeps DuckDB's regex options (``'i'``, ``'g'``), by node."""


def _case_option(node):
    """DuckDB's ``'i'`` option as Java's inline ``(?i)``: SQLGlot's Spark drops the option, so PayPal's
    ``regexp_matches(Type, 'payment', 'i')`` missed "Express Checkout Payment" (``'g'`` is Spark's way
    anyway)."""
    from sqlglot import exp

    key = _OPTIONS.get(type(node).__name__)
    options = node.args.get(key) if key else None
    if not isinstance(options, exp.Literal):
        return node
    node.set(key, None)
    if "i" in options.this:
        pattern = node.expression
        node.set("expression", exp.Literal.string(f"(?i){pattern.this}") if pattern.is_string
                 else exp.Paren(this=exp.DPipe(this=exp.Literal.string("(?i)"), expression=pattern.copy())))
    return node


_BLANKS = {"LEADING": r"^\p{Zs}+", "TRAILING": r"\p{Zs}+$", "": r"^\p{Zs}+|\p{Zs}+$"}
"""What DuckDB's ``trim``, ``ltrim`` and ``rtrim`` take off: Unicode's spaces (a no-break or 全角 space
too); Spark's take off the ASCII space only."""


def _blanks_trimmed(node):
    """The trim as a regex replace, what it trims spelt for Spark first (a pass skips a new node's inside)."""
    from sqlglot import exp

    blanks = _BLANKS[node.text("position").upper()]
    return exp.RegexpReplace(this=node.this.transform(_spark_form), expression=exp.Literal.string(blanks),
                             replacement=exp.Literal.string(""))


def _temp_table_as(node) -> bool:
    """Whether ``node`` is ``CREATE [OR REPLACE] TEMP TABLE … AS query``: a temporary view on Spark."""
    from sqlglot import exp

    if not isinstance(node, exp.Create) or node.text("kind").upper() != "TABLE" or not node.expression:
        return False
    properties = node.args.get("properties")
    return any(isinstance(p, exp.TemporaryProperty) for p in (properties.expressions if properties else ()))


class _Result:
    """The part of a DuckDB result the analyses use, with DuckDB's Python types: ``df`` (pandas),
    ``fetchall`` and ``fetchone`` (dates as dates, NULL as None, Spark's DECIMAL as float)."""

    def __init__(self, frame) -> None:
        self._frame = frame

    def df(self) -> pd.DataFrame:
        return _to_pandas(self._frame)

    def fetchall(self) -> list[tuple]:
        return [tuple(float(v) if isinstance(v, Decimal) else v for v in row)
                for row in self._frame.collect()]

    def fetchone(self) -> tuple | None:
        rows = self.fetchall()
        return rows[0] if rows else None

    def to_arrow_table(self):
        """The rows as Arrow, typed as DuckDB's: recommend reads its purchases so (text straight
        to pandas categories, no copy as Python strings)."""
        return _duckdb_arrow(self._frame.toArrow())


class SparkConnection:
    """Stands in for the workspace connection while an analysis computes on Spark."""

    def __init__(self, con: duckdb.DuckDBPyConnection, folder: Path, session=None) -> None:
        self.local = con
        self.folder = folder
        self.spark = session or spark_session()
        self._registered: dict[str, str] = {}
        self._functions: dict[str, bool] = {}
        self._made: set[str] = set()
        """Temporary tables made on Spark: never replaced by the workspace's table of that name."""

    def sql(self, query: str, params: list | tuple | dict | None = None):
        """DuckDB's relation API as far as the analyses use it: ``con.sql(q, params=…)
        .to_arrow_table()`` (recommend's purchases)."""
        return self.execute(query, params)

    def execute(self, sql: str, params: list | tuple | dict | None = None):
        if _LOCAL_QUERY.search(sql):
            return self.local.execute(sql, params or [])
        statements = to_spark_statements(sql, params, self._known_function, self._ask)
        read, made = _tables_in(sql)
        for table in read - self._made:
            self._register(table)
        self._made |= made
        for statement in statements[:-1]:
            self.spark.sql(statement)
        return _Result(self.spark.sql(statements[-1]))

    def _ask(self, sql: str) -> tuple | None:
        """A subquery's value, asked alone (:mod:`scalar_once`); None where it names the query around it."""
        from pyspark.errors import AnalysisException

        try:
            return self.execute(sql).fetchone()
        except AnalysisException:
            return None

    def _known_function(self, name: str) -> bool:
        if name not in self._functions:
            self._functions[name] = bool(self.spark.catalog.functionExists(name))
        return self._functions[name]

    def _register(self, table: str) -> None:
        """Make a workspace (or external) table visible to Spark under its own name."""
        if not store.table_exists(self.local, table) and not store.view_exists(self.local, table):
            return  # a CTE name, not a table
        version = store.table_version(self.local, table)
        source = external_source(self.local, table)
        key = f"{version}:{source}"
        if self._registered.get(table) == key:
            return
        if source is not None and source.format == "csv":
            frame = external_csv_frame(self.spark, self.local, table, source)
        else:
            path = source.path if source else str(self._parquet_copy(table, version))
            frame = self.spark.read.parquet(path)
        frame.createOrReplaceTempView(table)
        self._registered[table] = key

    def _parquet_copy(self, table: str, version: int) -> Path:
        target = self.folder / "spark" / f"{store.safe_table_name(table)}_v{version}.parquet"
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            self.local.execute(f"COPY (SELECT * FROM {qi(table)}) TO {sql_str(str(target))} (FORMAT parquet)")
        return target

    # what the analyses call besides execute
    def complete(self) -> None:
        self.local.complete()

    def register(self, name: str, frame) -> None:
        self.local.register(name, frame)

    def unregister(self, name: str) -> None:
        self.local.unregister(name)


def _tables_in(sql: str) -> tuple[set[str], set[str]]:
    """The tables ``sql`` names (CTE names among them: not in the workspace, never registered) and
    the ones it creates."""
    import sqlglot
    from sqlglot import exp

    trees = [tree for tree in sqlglot.parse(_numbered(sql), read="duckdb") if tree is not None]
    made = {tree.this.name for tree in trees
            if isinstance(tree, exp.Create) and isinstance(tree.this, exp.Table)}
    return {t.name for tree in trees for t in tree.find_all(exp.Table)} - made, made


def _to_pandas(frame) -> pd.DataFrame:
    """Spark's result as pandas, with DuckDB-like types (dates as datetime64, text as object)."""
    with warnings.catch_warnings():  # "pandas >= 3 not fully supported": the round trip is tested
        warnings.simplefilter("ignore", FutureWarning)
        result = frame.toPandas()
    for name, dtype in frame.dtypes:
        if dtype == "date":
            result[name] = pd.to_datetime(result[name]).astype("datetime64[us]")
        elif dtype.startswith("decimal"):  # Spark types 1.0 as DECIMAL, DuckDB as DOUBLE
            result[name] = result[name].astype("float64")
    return result


def _duckdb_arrow(table):
    """Spark's Arrow table with DuckDB's types: timestamps without a time zone (Spark marks its
    session's, UTC here), decimals as doubles (Spark types ``1.0`` as DECIMAL, DuckDB as DOUBLE)."""
    import pyarrow as pa

    fields = []
    for field in table.schema:
        kind = field.type
        if pa.types.is_timestamp(kind) and kind.tz is not None:
            kind = pa.timestamp(kind.unit)
        elif pa.types.is_decimal(kind):
            kind = pa.float64()
        fields.append(field.with_type(kind))
    return table.cast(pa.schema(fields))
