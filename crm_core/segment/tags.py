"""A column of tag lists (企业微信's 标签 "老顾客,大单客户", HubSpot's "newsletter; webinar") read as
a set of tags: one 0/1 feature per frequent tag, the rare ones pooled.

As one text column such a list has a level per combination of tags, so it was left out as "too
many levels" or "free text" (judge22), though the tags are a contact list's most useful attribute.
A list is told from a city ("Austin, TX") or a sentence ("送得很快，还是热的") by its parts: short
ones that come back in other lists, where a city or a clause is written once.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from crm_core.i18n import Listing, Sentence
from crm_core.workspace.sqlutil import qi

SEPARATORS = r"\s*[,，;；|、]\s*"
"""What joins the tags of one cell: commas (both widths), semicolons, bars, the enumeration comma."""
LISTED = 0.1
"""Share of the filled cells holding a separator for a column to be looked at as a list."""
RECURRING = 0.8
"""Share of a list's tags (per distinct list) found in another list too: tags recombine, the
parts of a city or a sentence do not (``Austin, TX``: Austin is written once)."""
SHORT_WORDS, SHORT_HAN = 3.0, 6.0
"""A tag is a word or two (爱吃辣, 大单客户, "newsletter subscriber"), not a clause."""
MARKUP = r"[{}\[\]\"<>=()+]|:($|[^ ])"
"""Characters no tag holds: a JSON list of items (GA4's ``items``) or a list of scored fields
("email (exact, +13.3)") is split by commas too. A colon only before a space: Kit's "Purchased: Course"
names a tag by its kind (judge69), a JSON key's ``"id":1`` or a time's ``10:30`` is no tag."""
MAX_TAGS = 12
"""Most common tags that become features of their own; the rest are pooled."""
MIN_TAGGED = 5
FREQUENT_SHARE = 0.02
"""A tag on fewer filled cells than this (and than :data:`MIN_TAGGED`) is pooled as other tags."""
OTHER = "other"
"""The pooled feature's suffix: ``标签: other``."""


@dataclass(frozen=True)
class TagSet:
    """One column's frequent tags and how many rarer tags are pooled."""

    tags: tuple[str, ...]
    pooled: int

    def features(self, column: str, prefix: str = "") -> dict[str, str]:
        """Feature column → the tag it flags ("" for the pooled rare tags)."""
        named = {feature_name(prefix + column, tag): tag for tag in self.tags}
        return named | ({feature_name(prefix + column, OTHER): ""} if self.pooled else {})


def feature_name(column: str, tag: str) -> str:
    return f"{column}: {tag}"


def _split(column: str) -> str:
    """The distinct, trimmed, non-empty tags of one cell as a sorted list."""
    text = f"trim(CAST({qi(column)} AS VARCHAR))"
    return (f"list_sort(list_distinct(list_filter(list_transform(string_split_regex({text}, "
            f"'{SEPARATORS}'), lambda x: trim(x)), lambda x: x <> '')))")


def tag_set(con: duckdb.DuckDBPyConnection, table: str, column: str, filled: int) -> TagSet | None:
    """The column's frequent tags when its cells are lists of recurring short tags, else None."""
    rows = con.execute(
        f"SELECT tag, count(*), count(DISTINCT combo), len(regexp_split_to_array(tag, '\\s+')), "
        f"length(regexp_replace(tag, '[^\u4e00-\u9fff]', '', 'g')), regexp_matches(tag, '{MARKUP}') "
        f"FROM (SELECT combo, unnest(combo) AS tag FROM (SELECT {_split(column)} AS combo FROM {qi(table)} "
        f"WHERE NULLIF(trim(CAST({qi(column)} AS VARCHAR)), '') IS NOT NULL)) "
        f"GROUP BY tag ORDER BY 2 DESC, 1").fetchall()
    if not rows:
        return None
    pairs = sum(r[2] for r in rows)
    recurring = sum(r[2] for r in rows if r[2] >= 2) / pairs
    words, han = (sum(r[i] for r in rows) / len(rows) for i in (3, 4))
    short = words < SHORT_WORDS and han < SHORT_HAN and not any(r[5] for r in rows)
    if recurring < RECURRING or not short:
        return None
    least = max(MIN_TAGGED, FREQUENT_SHARE * filled)
    frequent = tuple(r[0] for r in rows if r[1] >= least)[:MAX_TAGS]
    return TagSet(frequent, len(rows) - len(frequent)) if frequent else None


def tag_sql(column: str, tags: TagSet, prefix: str = "") -> list[str]:
    """SELECT parts giving each frequent tag (and the pooled rest) as 1.0 / 0.0 per row."""
    split = _split(column)
    parts = [f"CASE WHEN list_contains({split}, {_literal(tag)}) THEN 1.0 ELSE 0.0 END "
             f"AS {qi(feature_name(prefix + column, tag))}" for tag in tags.tags]
    if tags.pooled:
        known = ", ".join(_literal(tag) for tag in tags.tags)
        parts.append(f"CASE WHEN len(list_filter({split}, lambda x: NOT list_contains([{known}], x))) > 0 "
                     f"THEN 1.0 ELSE 0.0 END AS {qi(feature_name(prefix + column, OTHER))}")
    return parts


def _literal(text: str) -> str:
    """A tag as a SQL string literal (the query is built once per run; tags come from the table)."""
    return "'" + text.replace("'", "''") + "'"


def tags_note(table: str, column: str, tags: TagSet) -> Sentence:
    """The run's note: the column was read as tags, which ones, how many pooled."""
    key = "segment.note.tags_pooled" if tags.pooled else "segment.note.tags"
    return Sentence(key, table=table, column=column, count=str(len(tags.tags)), tags=Listing(tags.tags),
                    pooled=str(tags.pooled))
