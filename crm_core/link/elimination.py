"""Elimination: the one-to-one constraint of record linkage, as a second pass over the scores.

A person is seldom twice in one export. When some holders of a name are already resolved across
two exports by strong evidence (a phone, an e-mail, an id), they are not also the person behind
another holder's record there. So, for a pair of exports agreeing on a name and nothing decisive:

* **others resolved**: neither record is resolved into the other's export: the name weighs
  E[1/N'] over the holders that remain unexplained (:meth:`Holders.inverse` with the resolved
  people and their records taken out) — a name held by 4 people, 3 resolved by their phones,
  leaves the last web and the last till record likely one person;
* **already linked**: one record is already strongly linked into the other's export: the pair is
  one person only if that person signed up twice there (d, the export's double sign-ups) rather
  than the other record being another holder's, and the double is any one of that export's
  unexplained records with the name (:meth:`Holders.double_share`): a record linked by phone does
  not also absorb a second namesake of that export, unless the name is rare enough that a double
  sign-up is the likelier story.

* **none resolved**: no holder is resolved across the two exports: the same E[1/N'] with none
  known — each holder is resolved with chance q, so none resolved says few holders.

For a pair that no strong link takes outside its two exports, a holder resolved between one of
them and a third export counts as known too when its record there carries an identifier the
pair's other record has (:func:`_elsewhere`): three 孔若曦 joined web–till by phone, whose web
e-mails are not the desk contact's, leave the last till record to the desk's 孔若曦.

Values held more than ``HOLDERS_MAX`` times keep their first-pass weight.
"""

from __future__ import annotations

import math

import numpy as np

from crm_core.link.priors import IDENTIFIERS, REACH_MAX, Holders, counts_table, prior_sql, sql_text
from crm_core.workspace.sqlutil import qi

STRONG = 0.99
"""First-pass probability from which a pair resolves its records (odds 99:1)."""
MAX_ROUNDS = 30
"""Label propagation stops here at the latest (strong components are a few records across)."""
RESOLVED, TAKEN, NONE_RESOLVED = "others resolved", "already linked", "none resolved"
"""``name_elimination`` of a pair: its name weighed the unexplained holders, one record was
already linked into the other's export, or no holder is resolved across the two exports."""


def _strong_components(con, prior: str) -> None:
    """Temp table ``__link_comp`` (rid, c): the records of pairs at or above ``STRONG`` and their
    component (label propagation in SQL)."""
    bar = math.log2(STRONG / (1 - STRONG))
    con.execute(f"""CREATE OR REPLACE TEMP TABLE __link_edges AS
        SELECT l AS a, r AS b FROM __link_evidence p WHERE {prior} + p.evidence >= {bar!r}""")
    con.execute("INSERT INTO __link_edges SELECT b, a FROM __link_edges")
    con.execute("CREATE OR REPLACE TEMP TABLE __link_comp AS SELECT a AS rid, least(a, min(b)) AS c "
                "FROM __link_edges GROUP BY a")
    for _ in range(MAX_ROUNDS):
        con.execute("""CREATE OR REPLACE TEMP TABLE __link_next AS
            SELECT k.rid, least(k.c, min(n.c)) AS c FROM __link_comp k JOIN __link_edges e ON e.a = k.rid
            JOIN __link_comp n ON n.rid = e.b GROUP BY k.rid, k.c""")
        changed = con.execute("SELECT count(*) FROM __link_next x JOIN __link_comp k USING (rid) "
                              "WHERE x.c <> k.c").fetchone()[0]
        con.execute("CREATE OR REPLACE TEMP TABLE __link_comp AS SELECT * FROM __link_next")
        if not changed:
            break
    con.execute("DROP TABLE IF EXISTS __link_next")


def _caught(con, learned: Holders, prior: str) -> dict[str, float]:
    """Per pair of exports, the chance a holder of a value is resolved across them: a record with
    the value in each (a, the model's reach) times the share of that pair's expected matches
    found at ``STRONG`` or above."""
    bar = math.log2(STRONG / (1 - STRONG))
    rows = con.execute(f"""SELECT stratum, count(*) FILTER (WHERE w >= {bar!r}),
            sum(1.0 / (1.0 + pow(2.0, -least(greatest(w, -60), 60))))
        FROM (SELECT p.stratum, {prior} + p.evidence AS w FROM __link_evidence p) GROUP BY 1""").fetchall()
    found = {s: strong / expected for s, strong, expected in rows if expected}
    out = {}
    for i, a in enumerate(learned.exports):
        for b in learned.exports[i + 1:]:
            share = min(found.get(f"{a} | {b}", 0.0), 1.0)
            # capped as the held counts cap it: a reach of 1.01 (λ a little high) made every holder
            # certain to be resolved, so an unresolved namesake cost 20 bits (docs/link.md, link25)
            both = min(learned.reach[a][0], REACH_MAX) * min(learned.reach[b][0], REACH_MAX)
            out[f"{a} | {b}"] = float(np.clip(both * share, 1e-6, 1 - 1e-6))
    return out


def _counts_without(cols: list[str], exports: list[str]) -> str:
    """SQL over ``n`` (``__link_counts``) grouped with rows ``h`` (``__link_held``): the value's
    count per export without the components' records."""
    return ", ".join(f"any_value(n.{c}) - coalesce(sum(h.n) FILTER (WHERE h.src = {sql_text(e)}), 0) AS {c}"
                     for c, e in zip(cols, exports, strict=True))


def _unexplained(con, learned: Holders, cols: list[str], caught: dict[str, float]) -> None:
    """Temp table ``__link_unexplained`` (v, stratum, ma, mb, known, inv): per value and pair of
    exports of a candidate pair (``__link_cand``), E[1/N'] over the holders left unexplained — all
    of them when none is resolved there, which is evidence too: each holder is resolved with
    chance q, so no one resolved says few holders (English exports: such name-only pairs scored
    0.09 where 28 % were one person). Pairs that no strong link takes outside their two exports
    also count the holders resolved into a third export (:func:`_elsewhere`); the others keep
    ``ma`` = ``mb`` = -1."""
    across = """SELECT a.v, a.src || ' | ' || b.src AS stratum, -1 AS ma, -1 AS mb, a.c FROM __link_held a
        JOIN __link_held b ON b.c = a.c AND b.v = a.v AND a.src < b.src"""
    left = con.execute(f"""WITH known AS ({across} UNION ALL {_elsewhere()}),
        resolved AS (
            SELECT k.v, k.stratum, k.ma, k.mb, count(DISTINCT k.c) AS known,
                   {_counts_without(cols, learned.exports)}
            FROM known k JOIN __link_held h ON h.c = k.c AND h.v = k.v JOIN __link_counts n ON n.v = k.v
            GROUP BY k.v, k.stratum, k.ma, k.mb)
        SELECT * FROM resolved UNION ALL
        SELECT DISTINCT c.v, c.stratum, c.ma, c.mb, 0 AS known, {', '.join(f'n.{c}' for c in cols)}
        FROM __link_cand c JOIN __link_counts n ON n.v = c.v
        WHERE (c.v, c.stratum, c.ma, c.mb) NOT IN (SELECT (v, stratum, ma, mb) FROM resolved)""").df()
    caught_there = left["stratum"].map(caught).fillna(0.0).to_numpy(float)
    held = left[cols].to_numpy(int).clip(0)
    left["inv"] = learned.inverse(held, left["known"].to_numpy(int), caught_there) if len(left) else []
    _put(con, "__link_unexplained", left[["v", "stratum", "ma", "mb", "known", "inv"]])


def _elsewhere() -> str:
    """SQL (v, stratum, ma, mb, c) for the candidate pairs no strong link takes outside their two
    exports (``ma``, ``mb``: which identifiers each record has): the strong components known to
    hold neither record's person — holding the value in both exports, or in one export (so
    not the person of that export's record: a person is seldom twice in one export) while
    reaching a third export with an identifier the other record has too (so not that record's
    person either, or the two would have been linked there). Without such an identifier a
    holder resolved elsewhere may still be the other record's person, and is not counted.
    Validation, name-agreeing pairs outside such components: English 0.12 where 18 % were one
    person, all-Chinese 0.24 / 0.26 (docs/link.md)."""
    other = "CASE WHEN h.src = x.ls THEN x.rs ELSE x.ls END"
    mask = "CASE WHEN h.src = x.ls THEN x.mb ELSE x.ma END"
    return f"""SELECT DISTINCT x.v, x.stratum, x.ma, x.mb, h.c
        FROM (SELECT DISTINCT v, stratum, ls, rs, ma, mb FROM __link_cand WHERE ma >= 0) x
        JOIN __link_held h ON h.v = x.v AND h.src IN (x.ls, x.rs)
        JOIN __link_comp_reach k ON k.c = h.c
        LEFT JOIN __link_held o ON o.c = h.c AND o.v = h.v AND o.src = {other}
        WHERE o.c IS NOT NULL
           OR (NOT list_contains(list_transform(k.reach, lambda e: e.src), {other})
               AND len(list_filter(k.reach, lambda e: e.src NOT IN (x.ls, x.rs)
                                   AND (e.ids & {mask}) <> 0)) > 0)"""


def _ids(side: str) -> str:
    """SQL: a bit per identifier the record ``side`` has (e-mail, phone, national id)."""
    return " | ".join(f"(({side}.{f}_n IS NOT NULL)::INT << {i})" for i, f in enumerate(IDENTIFIERS))


def _put(con, name: str, frame) -> None:
    """Temp table ``name`` from a small frame."""
    con.register("__frame", frame)
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM __frame")
    finally:
        con.unregister("__frame")


def _doubles(con, learned: Holders, cols: list[str], caught: dict[str, float]) -> None:
    """Temp table ``__link_taken`` (l, r, inv) for the candidate pairs of ``__link_cand`` where a
    record's person is already resolved into the other's export: the chance the other record is
    that person's double sign-up (:meth:`Holders.double_share`; both sides resolved: the product)."""
    there = "(CASE s.there " + " ".join(f"WHEN {sql_text(e)} THEN {i}"
                                        for i, e in enumerate(learned.exports))
    con.execute(f"""CREATE OR REPLACE TEMP TABLE __link_sides AS
        SELECT s.l, s.r, s.stratum, {there} END) AS there, {_counts_without(cols, learned.exports)} FROM (
            SELECT l, r, v, stratum, cl AS c, rs AS there FROM __link_cand
            WHERE (cl, rs) IN (SELECT (c, src) FROM __link_comp_src)
            UNION ALL SELECT l, r, v, stratum, cr, ls FROM __link_cand
            WHERE (cr, ls) IN (SELECT (c, src) FROM __link_comp_src)) s
        JOIN __link_counts n ON n.v = s.v LEFT JOIN __link_held h ON h.c = s.c AND h.v = s.v
        GROUP BY s.l, s.r, s.stratum, s.there, s.c""")
    patterns = con.execute(f"SELECT DISTINCT stratum, there, {', '.join(cols)} FROM __link_sides").df()
    patterns["share"] = learned.double_share(
        patterns[cols].to_numpy(int).clip(0), patterns["there"].to_numpy(int),
        patterns["stratum"].map(caught).fillna(0.0).to_numpy(float)) if len(patterns) else []
    _put(con, "__link_double_patterns", patterns)
    con.execute(f"""CREATE OR REPLACE TEMP TABLE __link_taken AS SELECT s.l, s.r, exp(sum(ln(d.share))) AS inv
        FROM __link_sides s JOIN __link_double_patterns d USING (stratum, there, {', '.join(cols)})
        GROUP BY s.l, s.r""")


def eliminate(con, records: str, fld: str, key: str, learned: Holders, priors: dict[str, float]) -> None:
    """Reweigh ``__link_evidence``'s cross-export exact agreements on ``fld`` whose value has a
    holder resolved at ``STRONG`` (the module's two cases); marks them in ``{fld}_elimination``."""
    prior = prior_sql(priors, "p.stratum")
    con.execute(f"ALTER TABLE __link_evidence ADD COLUMN IF NOT EXISTS {fld}_elimination VARCHAR")
    _strong_components(con, prior)
    con.execute(f"""CREATE OR REPLACE TEMP TABLE __link_comp_src AS
        SELECT k.c, r.src, bit_or({_ids('r')}) AS ids FROM __link_comp k JOIN {qi(records)} r USING (rid)
        GROUP BY ALL""")
    con.execute("""CREATE OR REPLACE TEMP TABLE __link_comp_reach AS
        SELECT c, list({'src': src, 'ids': ids}) AS reach FROM __link_comp_src GROUP BY c""")
    con.execute(f"""CREATE OR REPLACE TEMP TABLE __link_held AS
        SELECT k.c, r.src, r.{key} AS v, count(*) AS n FROM __link_comp k JOIN {qi(records)} r USING (rid)
        WHERE r.{key} IS NOT NULL GROUP BY ALL""")
    cols = counts_table(con, records, key, learned.exports, "__link_counts")
    caught = _caught(con, learned, prior)
    con.execute(f"""CREATE OR REPLACE TEMP TABLE __link_cand AS
        SELECT * EXCLUDE (outside, il, ir), CASE WHEN outside THEN -1 ELSE il END AS ma,
               CASE WHEN outside THEN -1 ELSE ir END AS mb FROM (
        SELECT p.l, p.r, p.stratum, {prior} AS prior, l.{key} AS v, l.src AS ls, r.src AS rs,
               kl.c AS cl, kr.c AS cr, {_ids('l')} AS il, {_ids('r')} AS ir,
               len(list_filter(list_concat(coalesce(el.reach, []), coalesce(er.reach, [])),
                               lambda e: e.src NOT IN (l.src, r.src))) > 0 AS outside
        FROM __link_evidence p JOIN {qi(records)} l ON l.rid = p.l JOIN {qi(records)} r ON r.rid = p.r
        JOIN __link_counts n ON n.v = l.{key}
        LEFT JOIN __link_comp kl ON kl.rid = p.l LEFT JOIN __link_comp kr ON kr.rid = p.r
        LEFT JOIN __link_comp_reach el ON el.c = kl.c LEFT JOIN __link_comp_reach er ON er.c = kr.c
        WHERE p.g_{fld} = 9 AND l.src <> r.src AND (kl.c IS NULL OR kr.c IS NULL OR kl.c <> kr.c))""")
    _unexplained(con, learned, cols, caught)
    _doubles(con, learned, cols, caught)
    con.execute(f"""CREATE OR REPLACE TEMP TABLE __link_eliminated AS
        SELECT l, r, log2(inv / (1 - inv)) - prior AS w, how FROM (
            SELECT c.l, c.r, c.prior, CASE WHEN t.inv IS NOT NULL THEN '{TAKEN}'
                   WHEN u.known > 0 THEN '{RESOLVED}' ELSE '{NONE_RESOLVED}' END AS how,
                   least(greatest(coalesce(t.inv, u.inv), 1e-6), 1 - 1e-6) AS inv
            FROM __link_cand c LEFT JOIN __link_taken t USING (l, r)
            LEFT JOIN __link_unexplained u ON u.v = c.v AND u.stratum = c.stratum AND u.ma = c.ma
                 AND u.mb = c.mb
            WHERE t.inv IS NOT NULL OR u.inv IS NOT NULL)""")
    con.execute(f"""UPDATE __link_evidence e SET w_{fld} = x.w, evidence = e.evidence - e.w_{fld} + x.w,
        {fld}_elimination = x.how FROM __link_eliminated x WHERE e.l = x.l AND e.r = x.r""")
    for temp in ("__link_edges", "__link_comp", "__link_comp_src", "__link_comp_reach", "__link_held",
                 "__link_counts", "__link_unexplained", "__link_cand", "__link_sides",
                 "__link_double_patterns", "__link_taken", "__link_eliminated"):
        con.execute(f"DROP TABLE IF EXISTS {temp}")
