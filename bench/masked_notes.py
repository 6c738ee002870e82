"""Benchmark: a masked load's pass over free-text notes for the row's own name (``people_text``), the path
before priv31 (a row-by-row Python function on every note) against the current one, in one command.

Run: ``PYTHONPATH=. python bench/masked_notes.py [--rows 1000000 5000000] [--old-rows N] [--buyers N]``. Each
size has one notes table written to a DuckDB file (a 微店 / ticket mix: a buyer's name, Chinese or Latin, a
note naming that buyer in three cases of ten, in their case or another, and names inside longer words such as
"Belinda", "Davidson" in others); then each path runs in its own child process (so its peak RSS is its own):
the check of which text columns hold their row's name (``named_texts``) and the ``CREATE TABLE … AS SELECT``
of the masked notes, as ``MaskPlan`` does. Both outputs are compared (``sum(hash(note))``) so the speed is not
bought with another result. The old path runs on at most ``--old-rows`` notes (the first ones); beyond that
its time is scaled by the rows (the same cost per row once its pattern cache of 4,096 names is full)."""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from crm_core.protect import people_text

OLD_ROWS = 1_000_000
SURNAMES = ["刘", "王", "李", "张", "陈", "杨", "黄", "赵", "吴", "周"]
GIVEN = ["勇", "建华", "娜", "伟", "秀英", "敏", "静", "军", "磊", "洋"]
FIRST = ["Linda", "William", "Anna", "James", "Maria", "David", "Zelda", "Ross", "Sean", "Iris"]
LAST = ["Smith", "Davis", "van der Berg", "O'Brien", "Nguyen", "Garcia", "Miller", "Lee", "Moore", "Clark"]
NOTES = {  # a note per row's hash; {n} is the buyer's name as written there
    0: "{n}的订单 加急，电话已联系",
    1: "Hi, this is {N}, please leave the parcel with the neighbour",
    2: "{l} asked to change the address; Belinda from support called back",
    3: "请尽快发货，谢谢！备注：送货上门，发票抬头个人",
    4: "Please gift wrap, thanks",
    5: "Customer asked about delivery of order #{i}, tracking 1Z999AA10123456784",
    6: "周末不在家，请放快递柜",
    7: "Davidson & Co ordered again; Lindas Bakery not related",
    8: "老客户，上次反馈包装破损，本次多加泡沫",
    9: "Returned item, refund issued to card ending 4242",
}


def _sql_list(words: list[str]) -> str:
    return "[" + ", ".join("'" + w.replace("'", "''") + "'" for w in words) + "]"


def make_notes(path: Path, rows: int, buyers: int) -> None:
    """``rows`` notes of ``buyers`` buyers in a random order: half the buyers Chinese names, half Latin."""
    name = (f"CASE WHEN c % 2 = 0 THEN {_sql_list(SURNAMES)}[1 + c % 10] || "
            f"{_sql_list(GIVEN)}[1 + c // 10 % 10] "
            f"ELSE {_sql_list(FIRST)}[1 + c % 10] || ' ' || {_sql_list(LAST)}[1 + c // 10 % 10] || "
            "CASE WHEN c % 3 = 0 THEN '' ELSE '-' || (c % 997) END END")
    note = "CASE CAST(hash(i) % 10 AS INT) " + " ".join(
        f"WHEN {k} THEN {_sql_list([text])}[1]" for k, text in NOTES.items()) + " END"
    note = (f"replace(replace(replace(replace({note}, '{{n}}', n), '{{N}}', upper(n)), '{{l}}', lower(n)), "
            "'{i}', CAST(i AS VARCHAR))")
    with duckdb.connect(str(path)) as con:
        con.execute(f"""CREATE TABLE notes AS SELECT n AS buyer, {note} AS note FROM (
                          SELECT i, {name} AS n FROM (
                          SELECT i, CAST(hash(i * 7) % {max(buyers, 1)} AS BIGINT) AS c
                          FROM range({rows}) r(i)))""")


def row_by_row(text: str | None, value: str | None, placeholder: str) -> str | None:
    """The function main called once per row before priv31 (``people_text.unnamed`` then)."""
    own = (value or "").strip()
    if text is None or len(own) < people_text.MIN_CHARS:
        return text
    return people_text._own_pattern(own).sub(placeholder, text)


def old_path(con: duckdb.DuckDBPyConnection, notes: str) -> tuple[float, float]:
    con.create_function("row_unnamed", row_by_row, ["VARCHAR"] * 3, "VARCHAR", null_handling="special",
                        side_effects=False)
    start = time.perf_counter()
    con.execute(f"SELECT count_if(row_unnamed(note, buyer, '') <> note) FROM {notes}").fetchone()
    found = time.perf_counter() - start
    con.execute(f"CREATE TABLE masked AS SELECT row_unnamed(note, buyer, '[name]') AS note FROM {notes}")
    return found, time.perf_counter() - start - found


def new_path(con: duckdb.DuckDBPyConnection, notes: str) -> tuple[float, float]:
    start = time.perf_counter()
    people_text.register(con)
    assert people_text.named_texts(con, notes, ["note"], ["buyer"]) == ["note"]
    found = time.perf_counter() - start
    con.execute(f"CREATE TABLE masked AS SELECT {people_text.unnamed_sql('note', {'buyer': 'name'})} AS note "
                f"FROM {notes}")
    return found, time.perf_counter() - start - found


def child(db: Path, path: str, rows: int, compared: int) -> None:
    """One path on the first ``rows`` notes; prints find and write seconds, then the hash and the count of
    changed notes over the first ``compared`` of them (what both paths wrote), then the peak KiB."""
    with duckdb.connect(str(db)) as con:
        con.execute(f"CREATE TEMP TABLE head AS SELECT * FROM notes WHERE rowid < {rows}")
        found, wrote = (old_path if path == "old" else new_path)(con, "head")
        digest, changed = con.execute(f"SELECT sum(hash(m.note)), count_if(m.note <> n.note) FROM "
                                      f"(FROM masked WHERE rowid < {compared}) m POSITIONAL JOIN "
                                      f"(FROM head WHERE rowid < {compared}) n").fetchone()
        con.execute("DROP TABLE masked")
    print(found, wrote, digest, changed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def run(db: Path, path: str, rows: int, compared: int) -> list[str]:
    command = [sys.executable, __file__, "--child", str(db), path, str(rows), str(compared)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{path} path failed: {done.stderr.strip()[-800:]}")
    return done.stdout.split()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 5_000_000])
    parser.add_argument("--old-rows", type=int, default=OLD_ROWS)
    parser.add_argument("--buyers", type=int, help="distinct buyers (default: a fifth of the notes)")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(Path(args.child[0]), args.child[1], int(args.child[2]), int(args.child[3]))
    for rows in args.rows:
        with tempfile.TemporaryDirectory(prefix="crm_notes_") as tmp:
            db = Path(tmp) / "notes.duckdb"
            make_notes(db, rows, args.buyers or rows // 5)
            old_rows = min(rows, args.old_rows)
            old_run, new_run = run(db, "old", old_rows, old_rows), run(db, "new", rows, old_rows)
        (of, ow, odig, ochg, opeak), (nf, nw, ndig, nchg, npeak) = old_run, new_run
        old, new = (float(of) + float(ow)) * rows / old_rows, float(nf) + float(nw)
        print(f"{rows:,} notes: old find {float(of):.1f} s + write {float(ow):.1f} s on {old_rows:,} notes "
              f"-> {old:.1f} s, peak {int(opeak) / 1024:.0f} MiB | new find {float(nf):.1f} s + write "
              f"{float(nw):.1f} s = {new:.1f} s, peak {int(npeak) / 1024:.0f} MiB | ratio {old / new:.1f}x | "
              f"first {old_rows:,} notes: changed {ochg} / {nchg}, same result: {odig == ndig} | 50M: "
              f"{old * 50e6 / rows / 60:.1f} -> {new * 50e6 / rows / 60:.1f} min", flush=True)


if __name__ == "__main__":
    main()
