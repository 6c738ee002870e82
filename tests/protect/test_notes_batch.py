"""The row's own name in a note, at scale (priv31): DuckDB rules most notes out in SQL and Python finds
the name in the rest without compiling a pattern per buyer. The result must be exactly what the
row-by-row pattern (``_own_pattern(value).sub``, called once per note before priv31) gave."""

from __future__ import annotations

import random
import re
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pytest

from crm_core.protect import people_text

DATA = Path(__file__).resolve().parents[1] / "data"
PLACEHOLDERS = {"name": "[name]", "company": "[company]"}


def _row_by_row(text: str | None, value: str | None, placeholder: str) -> str | None:
    """The reference: the case-blind pattern of the stripped value, on every note."""
    own = (value or "").strip()
    return text if text is None or len(own) < people_text.MIN_CHARS else \
        people_text._own_pattern(own).sub(placeholder, text)


def _notes() -> pd.DataFrame:
    """Freshdesk requesters' descriptions and 微店 buyers (real names, companies, products) with notes as a
    seller or an agent writes them: the name in capitals or lower case, inside a longer word, in Chinese with
    no space, a company in capitals, and letters Python's case-blind match treats apart (ı, ſ, ς, K)."""
    desk = pd.read_csv(DATA / "freshdesk_requesters_excerpt.csv", dtype=str)
    shop = pd.read_excel(DATA / "weidian_orders_excerpt_zh.xlsx", dtype=str)
    rows = []
    for i, (name, company, text) in enumerate(desk[["Full name", "Company Name", "Description"]].itertuples(
            index=False)):
        first = name.split()[0]
        rows += [(name, company, text),
                 (name, company, f"Hi, this is {name.upper()}: {text}"),
                 (name, company, f"{name.lower()} called; Be{first.lower()} and {first}son are someone else"),
                 (name, company, f"{company.upper()} ordered again, {company}'s invoice to {name}的邮箱"),
                 (f" {name}\t" if i % 5 == 0 else name, company,
                  f"{name.replace('s', 'ſ').replace('i', 'ı')} rang"),
                 (name, company, None if i % 7 == 0 else f"«{name.swapcase()}»")]
    for name, product in shop[["收货人", "商品名称"]].itertuples(index=False):
        rows += [(name, None, f"{name}的订单 加急"), (name, None, f"{product} 周末收货"),
                 (f"\u3000{name}", None, f"请转告{name}：快递放门卫"), (name, None, "请尽快发货，谢谢")]
    rows += [("Σίσυφος Κ", "ΚΑΚΟΣ", "σίσυφος κ and κακος"), ("Kelvin", None, "KELVIN and \u212aelvin"),
             ("İlker", None, "ilker, İLKER"), ("ﬅar", None, "ﬆAR rang"), ("Li", None, "LI and Lİ")]
    return pd.DataFrame(rows, columns=["buyer", "company", "note"])


def _reference(frame: pd.DataFrame) -> list[str | None]:
    out = []
    for buyer, company, note in frame.itertuples(index=False):
        out.append(_row_by_row(_row_by_row(note, buyer, "[name]"), company, "[company]"))
    return out


def test_masked_notes_are_what_the_row_by_row_pattern_gave():
    frame = _notes()
    with duckdb.connect() as con:
        con.register("frame", frame)
        con.execute("CREATE TABLE notes AS SELECT * FROM frame")
        people_text.register(con)
        named = people_text.named_texts(con, "notes", ["note"], ["buyer", "company"])
        sql = people_text.unnamed_sql('"note"', {"buyer": "name", "company": "company"})
        got = [r[0] for r in con.execute(f"SELECT {sql} FROM notes ORDER BY rowid").fetchall()]
    expected = _reference(frame)
    assert named == ["note"]
    assert got == expected
    changed = sum(g != n for g, n in zip(got, frame["note"], strict=True))
    assert 0 < changed < len(frame) - frame["note"].isna().sum()  # names found, notes without one kept
    assert "请尽快发货，谢谢" in got and any("Be" in g and "son" in g for g in got if g)


def test_a_column_whose_one_naming_note_writes_a_letter_apart_is_found():
    """Only the last of 5,000 notes names its buyer, as "ROſS" (long s): SQL's case folding must not rule it
    out, and the search must read on to it."""
    notes = [("Ross Geller", f"parcel {i} left at the door") for i in range(4_999)] + [("Ross", "ROſS rang")]
    with duckdb.connect() as con:
        con.execute("CREATE TABLE notes (buyer VARCHAR, note VARCHAR)")
        con.executemany("INSERT INTO notes VALUES (?, ?)", notes)
        assert people_text.named_texts(con, "notes", ["note"], ["buyer"]) == ["note"]
        con.execute("UPDATE notes SET note = 'ROSSI rang' WHERE buyer = 'Ross'")
        assert people_text.named_texts(con, "notes", ["note"], ["buyer"]) == []


def test_the_lower_case_search_gives_the_pattern_s_result_on_random_text():
    """Texts and names drawn from letters where case is tricky (ı İ ſ K ς ß, U+0307), word edges (_ ' -),
    digits and Han characters: the search without a pattern must replace exactly what the pattern does."""
    letters = list("abAB iIıİsSſKkK_'-1é刘勇σςΣß·") + ["\u3000", "\u0307"]
    rng = random.Random(31)
    for _ in range(5_000):
        value = "".join(rng.choice(letters) for _ in range(rng.randint(0, 4)))
        text = "".join(rng.choice(letters) for _ in range(rng.randint(0, 14)))
        if rng.random() < 0.5:
            text = text[:3] + rng.choice([value, value.upper(), value.lower(), value.swapcase()]) + text[3:]
        assert people_text.unnamed(text, value, "[x]") == _row_by_row(text, value, "[x]"), (text, value)


def test_sql_case_folding_never_rules_out_a_letter_python_matches():
    """Every code point, folded in DuckDB as :func:`people_text.may_hold_sql` does, equals the fold of each
    letter Python's ``re.IGNORECASE`` matches it with, unless it is one :data:`UNFOLDED` sends to Python.
    A DuckDB with other case tables fails here before a note keeps a name."""
    extra = re._casefix._EXTRA_CASES
    pairs = {}  # every cased letter with the letters Python may match it with (no other letter can match it)
    for char in (chr(c) for c in range(1, 0x110000) if not 0xD800 <= c <= 0xDFFF):
        lower = char.lower()
        others = {char.upper(), lower} | {chr(x) for x in extra.get(ord(char), ())}
        others |= {chr(x) for x in extra.get(ord(lower), ())} if len(lower) == 1 else set()
        others = {o for o in others if len(o) == 1 and o != char and o not in people_text.UNFOLDED}
        if others and char not in people_text.UNFOLDED:
            pairs[char] = others
    points = sorted(set(pairs) | set().union(*pairs.values()))
    with duckdb.connect() as con:
        con.register("chars", pa.table({"c": pa.array(points)}))
        folded = dict(zip(points, con.execute("SELECT lower(upper(c)) AS f FROM chars").fetchnumpy()["f"],
                          strict=True))
    apart = [(char, o) for char, others in pairs.items() for o in others
             if folded[o] != folded[char] and re.fullmatch("(?i)" + re.escape(char), o)]
    assert len(pairs) > 2_000 and apart == []
    assert all(len(f) == 1 for f in folded.values())  # one letter for one: positions stay


@pytest.mark.parametrize("letter", list(people_text.SPACES))
def test_a_name_with_a_blank_at_its_end_is_still_looked_for(letter):
    with duckdb.connect() as con:
        con.execute("CREATE TABLE notes AS SELECT ? AS buyer, '刘勇的订单' AS note", [f"刘勇{letter}"])
        people_text.register(con)
        assert con.execute(f"SELECT {people_text.unnamed_sql('note', {'buyer': 'name'})} FROM notes"
                           ).fetchone()[0] == "[name]的订单"


def test_the_blanks_are_those_python_strips():
    assert set(people_text.SPACES) == {chr(c) for c in range(0x110000) if chr(c).isspace()}
