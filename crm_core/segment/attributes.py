"""Customer-table features: which columns describe a customer, one row per customer, in SQL.

Chosen from the values unless the analyst names them: numbers with more than two values are
numeric; Yes/No, 0/1 and short text with few levels are categorical; identifiers (a value per
row), free text (long values, or remarks mostly written once), dates and the outcome column (label role,
e.g. churn: a segmentation that is given the answer cannot show it) are left out, each with
its reason so the page and the report can say why. Two header rules keep numbers honest: a few
integer codes under a header that says what they code (``city``, ``registered_via``) are
categories, not magnitudes; an age outside a human range (KKBox's ``bd`` 0 or 1051), or a birth
year that would make one (Customer Personality's ``Year_Birth`` 1893), is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

import duckdb

from crm_core.errors import CrmError
from crm_core.i18n import Listing, Sentence
from crm_core.load.coltypes import is_id_name
from crm_core.segment.follows import followers
from crm_core.segment.naming import BIRTH_YEAR_HEADER, label
from crm_core.segment.tags import LISTED, MIN_TAGGED, SEPARATORS, TagSet, tag_set, tag_sql, tags_note
from crm_core.workspace import store
from crm_core.workspace.role_names import is_prediction_name
from crm_core.workspace.role_values import row_numbers
from crm_core.workspace.roles import get_roles, is_numeric_type, is_temporal_type
from crm_core.workspace.sqlutil import qi
from crm_core.workspace.table_kind import quoted_columns
from crm_core.workspace.transactions import id_sql, number_sql

MAX_LEVELS = 30
"""Text columns with more distinct values than this (and than 5% of rows) are not categories."""
_NAME_PART = re.compile(r"^(first|last|middle|given|family|sur)[ _-]?name$", re.IGNORECASE)
"""A person's name in parts: Kit's `first_name` (a dozen names in 780 rows) passed as a category (judge69);
a name says who someone is, not what kind of customer."""
FREE_TEXT_LENGTH = 40
MIN_REMARKS = 5
ONCE_SHARE = 0.5
"""Remarks are mostly written once: at least this share of the filled values are distinct ones
(a bill log's 备注: 11 of 15), where a category repeats its few labels."""
SENTENCE_WORDS = 3.0
SENTENCE_HAN = 6.0
"""Values this long on average read as sentences: 3.2 words in the bill log's 备注 ("transfer back
from England"), where a category is a word or two (``Month-to-month``, ``Credit card (automatic)``
repeats) and a Chinese one 2–4 characters (已付款, 华东地区)."""
CLAUSE = r"[，。！？～][^\s，。！？～]|[,.!?;]\s+\S"
"""A clause mark inside a value (a comma or stop with more text after it)."""
CLAUSE_SHARE = 0.5
"""Share of the filled values with a clause inside for a column of long values to read as sentences."""
NOTE_WORDS = frozenset({"note", "notes", "comment", "comments", "remark", "remarks", "memo", "description",
                        "message"})
NOTE_HEADER = re.compile(r"(备注|说明|留言|评论|描述|附言)$")
"""Headers that say a column holds remarks: short ones mostly written once count as free text too."""
CODE_WORDS = frozenset({"city", "region", "province", "state", "country", "channel", "code", "type",
                        "via", "method", "status", "source", "segment", "category"})
"""Last words of a header that says its integers name things (``city``, ``registered_via``,
``PaymentMethod``): the numbers are labels, so "low city" would mean nothing. Only the last word
counts, as it says what the column is: ``CityTier`` 1–3 is an order, not a code."""
CODE_HEADER = re.compile(r"(城市|地区|省份|渠道|类型|方式|状态|来源|编码|代码)$")
AGE_HEADER = re.compile(r"(^|[ _.-])age(\s*[(（][^)）]*[)）])?$|^bd$|年龄", re.IGNORECASE)
"""Ages in years by header (``Age``, ``customer_age``, ``Age (years)``; ``bd`` is KKBox's documented
member age), not ``account_age_days`` or ``age_group``."""
AGE_RANGE = (1, 110)
"""Ages a customer can have: 0 is the blank of many exports, 118 Starbucks' placeholder, 1051 a typo."""
ROW_ID = "row"
"""Customer ids of a table without an id column: ``row 1``, ``row 2`` … (table order)."""


@dataclass(frozen=True)
class AttributeColumns:
    """The columns used (by kind) and the ones left out, with the reason."""

    numeric: tuple[str, ...]
    categorical: tuple[str, ...]
    left_out: dict[str, str] = field(default_factory=dict)
    implausible_ages: dict[str, int] = field(default_factory=dict)
    """Age and birth-year columns clustered on → how many values lie outside :func:`human_range`."""
    tags: dict[str, TagSet] = field(default_factory=dict)
    """Columns of tag lists → their frequent tags, each a 0/1 feature (:mod:`crm_core.segment.tags`)."""
    follows: dict[str, str] = field(default_factory=dict)
    """Categories left out → the chosen one that fixes them (:mod:`crm_core.segment.follows`)."""

    def tag_features(self, prefix: str = "") -> dict[str, str]:
        """Each tag feature's column → its tag ("" for the pooled rare tags)."""
        return {name: tag for column, tags in self.tags.items()
                for name, tag in tags.features(column, prefix).items()}

    def features(self, prefix: str = "") -> tuple[str, ...]:
        """The numeric features of the frame :func:`attribute_sql` builds: numbers, then tag flags."""
        return (*(prefix + c for c in self.numeric), *self.tag_features(prefix))

    def notes(self, table: str) -> tuple[Sentence, ...]:
        """Each column read as tags; another tool's predictions left out; each category that follows
        another; each age or birth-year column whose impossible values were read as missing, with their
        count."""
        predicted = [column for column, why in self.left_out.items() if why == "prediction"]
        return (*(tags_note(table, column, tags) for column, tags in self.tags.items()),
                *(Sentence("segment.note.follows", table=table, column=column, by=by)
                  for column, by in self.follows.items()),
                *([Sentence("segment.note.predictions", table=table, columns=quoted_columns(predicted))]
                  if predicted else []),
                *(Sentence("segment.note.implausible_birth_year" if BIRTH_YEAR_HEADER.search(column)
                           else "segment.note.implausible_age", table=table, column=column,
                           count=f"{count:,}", **_bounds(column))
                  for column, count in self.implausible_ages.items() if count))


def _bounds(column: str) -> dict[str, int]:
    """The note's ``low`` and ``high`` for a column of ages or birth years."""
    low, high = human_range(column)
    return {"low": low, "high": high}


def human_range(column: str) -> tuple[int, int] | None:
    """The values a person's age or birth year can take, by the header, else None: birth years are
    the ages of :data:`AGE_RANGE` counted back from this year (1893 would be 133 years old)."""
    if AGE_HEADER.search(column):
        return AGE_RANGE
    if BIRTH_YEAR_HEADER.search(column):
        this_year = date.today().year
        return this_year - AGE_RANGE[1], this_year - AGE_RANGE[0]
    return None


class ColumnFacts(NamedTuple):
    """What the values of one column say about it (text lengths over its filled rows)."""

    distinct: int
    length: float
    numeric_share: float
    filled: int
    words: float
    """Average words a value (runs of spaces apart): categories are a word or two, remarks more."""
    han: float
    """Average Chinese characters a value: 备注 sentences have no spaces to count words by."""
    listed: float
    """Share of the filled values holding a list separator (``老顾客,大单客户``: maybe tags)."""
    clauses: float
    """Share of the filled values with a clause mark inside (``非常抱歉…，已联系您处理``, "Sorry, we …")."""


def _column_facts(con: duckdb.DuckDBPyConnection, table: str, columns: list[tuple[str, str]]) -> dict:
    """:class:`ColumnFacts` per column, in one pass; ``rows`` the table's row count."""
    parts = []
    for column, _ in columns:
        text = f"NULLIF(trim(CAST({qi(column)} AS VARCHAR)), '')"
        parts.append(f"count(DISTINCT {text}), avg(length({text})), "
                     f"avg(CASE WHEN TRY_CAST({text} AS DOUBLE) IS NOT NULL THEN 1.0 "
                     f"WHEN {text} IS NULL THEN NULL ELSE 0.0 END), count({text}), "
                     f"avg(len(regexp_split_to_array({text}, '\\s+'))), "
                     f"avg(length(regexp_replace({text}, '[^\u4e00-\u9fff]', '', 'g'))), "
                     f"avg(CAST(regexp_matches({text}, '{SEPARATORS}') AS DOUBLE)), "
                     f"avg(CAST(regexp_matches({text}, '{CLAUSE}') AS DOUBLE))")
    row = con.execute(f"SELECT count(*), {', '.join(parts)} FROM {qi(table)}").fetchone()
    facts = {"rows": int(row[0])}
    width = len(ColumnFacts._fields)
    for i, (column, _) in enumerate(columns):
        values = row[1 + width * i: 1 + width * (i + 1)]
        facts[column] = ColumnFacts(int(values[0] or 0), *(float(v or 0.0) for v in values[1:3]),
                                    int(values[3] or 0), *(float(v or 0.0) for v in values[4:]))
    return facts


def _auto_kind(column: str, dtype: str, facts: ColumnFacts, rows: int) -> str:
    """``numeric``, ``categorical`` or the reason the column is left out; a category of sentences
    is free text."""
    kind = _value_kind(column, dtype, facts, rows)
    return "free text" if kind == "categorical" and reads_as_sentences(dtype, facts) else kind


def _value_kind(column: str, dtype: str, facts: ColumnFacts, rows: int) -> str:
    """``numeric``, ``categorical`` or the reason the column is left out, by its values' count and length."""
    distinct = facts.distinct
    if is_temporal_type(dtype):
        return "date"
    if distinct <= 1:
        return "constant"
    if distinct == 2:
        return "categorical"
    if is_numeric_type(dtype) or facts.numeric_share >= 0.95:
        # a value per row in integer or digit-text columns is a key or a phone number; measured
        # decimals (income, charges) may all differ
        decimal = dtype.upper().startswith(("DOUBLE", "FLOAT", "DECIMAL", "REAL"))
        return "identifier" if not decimal and distinct >= 0.98 * rows and rows > 50 else "numeric"
    if facts.length > FREE_TEXT_LENGTH:
        return "free text"
    many = distinct > max(MAX_LEVELS, 0.05 * rows)
    if many and distinct >= 0.5 * rows:  # a value per row: names, questions, keys
        return "identifier"
    if is_remarks(column, facts):
        return "free text"
    return "too many levels" if many else "categorical"


def reads_as_sentences(dtype: str, facts: ColumnFacts) -> bool:
    """Text whose values are sentences of clauses, however few they are: a shop's two templated
    replies to reviews ("非常抱歉给您带来不好的体验，已联系您处理") named a segment as a category
    (judge22). A category is a word or a short phrase (``Credit card (automatic)``, 华东地区)."""
    if is_numeric_type(dtype) or facts.clauses < CLAUSE_SHARE:
        return False
    return facts.han >= SENTENCE_HAN or facts.words > SENTENCE_WORDS


def is_remarks(column: str, facts: ColumnFacts) -> bool:
    """Remarks, not a category: short values mostly written once that read as sentences or stand
    under a notes header. A bill log's 备注 of 11 remarks in 117 rows made "transfer back from
    England" a segment's name (judge15); a 备注 of a few repeated labels (已付款 / 未付款) stays a
    category."""
    once = facts.filled >= MIN_REMARKS and facts.distinct >= ONCE_SHARE * facts.filled
    sentences = facts.words >= SENTENCE_WORDS or facts.han >= SENTENCE_HAN
    return once and (sentences or _is_notes_header(column))


def _is_notes_header(column: str) -> bool:
    """Whether a header says its column holds remarks (``Notes``, ``customer_comment``, 买家留言)."""
    words = label(column).lower().split()
    return bool(words and words[-1] in NOTE_WORDS or NOTE_HEADER.search(column))


def _is_code(column: str, dtype: str, distinct: int) -> bool:
    """Whether a column of a few integers is a set of codes by its header (city 1–22, channel 3/4/7/9)."""
    integer = is_numeric_type(dtype) and not dtype.upper().startswith(("DOUBLE", "FLOAT", "DECIMAL", "REAL"))
    words = label(column).lower().split()
    named = bool(words and words[-1] in CODE_WORDS or CODE_HEADER.search(column))
    return integer and named and distinct <= MAX_LEVELS


def _implausible_ages(con: duckdb.DuckDBPyConnection, table: str, numeric: tuple[str, ...]) -> dict[str, int]:
    """Age and birth-year columns among ``numeric`` → the count of values outside :func:`human_range`."""
    ages = [c for c in numeric if human_range(c)]
    if not ages:
        return {}
    types = dict(store.columns_of(con, table))
    tests = [f"count(*) FILTER (WHERE {number_sql(qi(c), types[c])} NOT BETWEEN {low} AND {high})"
             for c in ages for low, high in [human_range(c)]]
    counts = con.execute(f"SELECT {', '.join(tests)} FROM {qi(table)}").fetchone()
    return dict(zip(ages, (int(n) for n in counts), strict=True))


def choose_columns(con: duckdb.DuckDBPyConnection, table: str, id_col: str | None, *,
                   numeric: tuple[str, ...] = (), categorical: tuple[str, ...] = (),
                   exclude: tuple[str, ...] = (), roles: dict[str, str] | None = None,
                   least: int = 2) -> AttributeColumns:
    """The analyst's columns when named, else every column that describes a customer (at least
    ``least`` of them: 0 beside a summary's RFM columns, which describe the customer already)."""
    columns = store.columns_of(con, table)
    known = dict(columns)
    unknown = [c for c in (*numeric, *categorical, *exclude) if c not in known]
    if unknown:
        raise CrmError(Sentence("segment.error.no_columns", table=table, columns=quoted_columns(unknown),
                                known=Listing(list(known)[:40])))
    if numeric or categorical:
        numeric = tuple(c for c in numeric if c not in exclude)
        return AttributeColumns(numeric, tuple(c for c in categorical if c not in exclude),
                                implausible_ages=_implausible_ages(con, table, numeric))
    roles = get_roles(con, table, roles)
    left_out = {c: "excluded" for c in exclude}
    if id_col:
        left_out[id_col] = "customer id"
    if roles.get("label"):
        left_out.setdefault(roles["label"], "outcome (label)")
    if roles.get("date"):  # a date stored as a number (Starbucks' became_member_on 20170212) is a date
        left_out.setdefault(roles["date"], "date")
    for column in sorted(row_numbers(con, table, columns)):
        left_out.setdefault(column, "row number")
    for column in (c for c, _ in columns if is_prediction_name(c)):  # Klaviyo's Churn Probability
        left_out.setdefault(column, "prediction")
    for column in (c for c, _ in columns if c == roles.get("name") or _NAME_PART.match(c.strip())):
        left_out.setdefault(column, "name")
    candidates = [(c, dtype) for c, dtype in columns if c not in left_out]
    facts = _column_facts(con, table, candidates) if candidates else {"rows": 0}
    found: dict[str, list[str]] = {"numeric": [], "categorical": []}
    tags = _tag_columns(con, table, candidates, facts)
    for column, dtype in candidates:
        if column in tags:
            continue
        kind = _auto_kind(column, dtype, facts[column], facts["rows"])
        if kind == "numeric" and _is_code(column, dtype, facts[column].distinct):
            kind = "categorical"
        elif kind == "numeric" and is_id_name(column):  # a ZIP or store code: a label, not a size
            kind = "categorical" if facts[column].distinct <= MAX_LEVELS else "too many levels"
        if kind in found:
            found[kind].append(column)
        else:
            left_out[column] = kind
    follows = followers(con, table, found["categorical"])
    if len(found["numeric"]) + len(found["categorical"]) - len(follows) + len(tags) < least:
        follows = {}  # twice the same fact beats refusing a table of two columns that fix each other
    found["categorical"] = [c for c in found["categorical"] if c not in follows]
    left_out.update(dict.fromkeys(follows, "follows another column"))
    if len(found["numeric"]) + len(found["categorical"]) + len(tags) < least:
        usable = [*found["numeric"], *found["categorical"], *tags]
        raise CrmError(Sentence("segment.error.not_customer_table", table=table,
                                usable=Listing(usable) if usable else Sentence("segment.why.none"),
                                left_out=left_out_said(left_out)))
    return AttributeColumns(tuple(found["numeric"]), tuple(found["categorical"]), left_out,
                            _implausible_ages(con, table, tuple(found["numeric"])), tags, follows)


def _tag_columns(con: duckdb.DuckDBPyConnection, table: str, candidates: list[tuple[str, str]],
                 facts: dict) -> dict[str, TagSet]:
    """Text columns whose cells are lists of recurring short tags (企业微信's 标签)."""
    found = {}
    for column, dtype in candidates:
        seen = facts[column]
        if is_numeric_type(dtype) or seen.listed < LISTED or seen.filled < MIN_TAGGED:
            continue
        tags = tag_set(con, table, column, seen.filled)
        if tags is not None:
            found[column] = tags
    return found


def left_out_said(left_out: dict[str, str]) -> Listing:
    """Columns left out with the reason in words ("plan (free text)" / "plan（自由文本）"): the
    run's summary keeps the English reasons, which the Chinese page showed as they were."""
    def key(why: str) -> str:
        return "segment.why." + why.replace("(", "").replace(")", "").replace(" ", "_")
    return Listing(Sentence("segment.why.left_out", column=column, why=Sentence(key(why)))
                   for column, why in left_out.items())


def attribute_sql(con: duckdb.DuckDBPyConnection, table: str, id_col: str | None,
                  chosen: AttributeColumns, prefix: str = "") -> str:
    """SELECT of one row per customer id (``row N`` without an id column), columns prefixed:
    numbers as DOUBLE (currency text parsed, impossible ages NULL), categories as trimmed text.
    A customer over several rows (a company's many lines, judge15) is its rows' mean and most
    frequent category, not one of its rows picked at random (the same where its rows agree)."""
    types = dict(store.columns_of(con, table))
    parts = [f"{_number(c, types[c], chosen)} AS {qi(prefix + c)}" for c in chosen.numeric]
    parts += [f"NULLIF(trim(CAST({qi(c)} AS VARCHAR)), '') AS {qi(prefix + c)}" for c in chosen.categorical]
    parts += [part for column, tags in chosen.tags.items() for part in tag_sql(column, tags, prefix)]
    names = ", ".join([*(f"avg({qi(c)}) AS {qi(c)}" for c in chosen.features(prefix)),
                       *(f"mode({qi(prefix + c)}) AS {qi(prefix + c)}" for c in chosen.categorical)])
    if id_col is None:
        key = f"'{ROW_ID} ' || CAST(rowid + 1 AS VARCHAR)"
    else:
        key = id_sql(qi(id_col), types[id_col])
    return (f"SELECT customer_id, {names} FROM (SELECT {key} AS customer_id, {', '.join(parts)} "
            f"FROM {qi(table)}) WHERE customer_id IS NOT NULL GROUP BY customer_id")


def _number(column: str, dtype: str, chosen: AttributeColumns) -> str:
    """A numeric column as DOUBLE; an age or birth-year column NULL outside :func:`human_range`."""
    value = number_sql(qi(column), dtype)
    if column not in chosen.implausible_ages:
        return value
    low, high = human_range(column)
    return f"CASE WHEN {value} BETWEEN {low} AND {high} THEN {value} END"
