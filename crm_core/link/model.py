"""Fellegi–Sunter on DuckDB: blocking, comparison levels, the model and the scores (m/u and λ are
learned in :mod:`crm_core.link.estimate`).

* **Blocking**: a long table of (record, rule, key); records sharing a key under a rule become a
  candidate pair. Keys shared by more than ``max_block`` records (a namesake like 张伟 with no
  other key) are skipped rather than exploding into millions of pairs.
* **Patterns**: the counts of each combination of field levels over the candidate pairs and
  over random pairs, and the exact levels' term frequencies — what :mod:`~crm_core.link.estimate`
  learns from.
* **Scores**: the sum of log₂(m/u) per field; an exact agreement uses the value's own frequency
  (log₂(m/tf)), so agreeing on a rare name counts more than agreeing on 张伟; a name agreed by two
  exports weighs what the people holding it say (:func:`crm_core.link.priors.holders`), then
  what those left unexplained by strong links say (:mod:`crm_core.link.elimination`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from crm_core.link.elimination import eliminate
from crm_core.link.priors import (
    IDENTIFIERS,
    SELECTIVE,
    STRATUM,
    holders_weights,
    prior_sql,
    sql_text,
    stratum_priors,
)
from crm_core.workspace.sqlutil import qi

TF_FIELDS = ("name", "email", "phone", "id_number", "member_no", "order_no", "city", "postcode", "address")
CLOSE = 0.94
"""Jaro–Winkler of two names at the *close* level: a typo's, not another person's."""
OWN_COPIES = 2
"""An identifier seen on up to this many other records can be one person's own (web, till and
support each hold a copy); only beyond that does its frequency lower its weight."""


@dataclass(frozen=True)
class Level:
    """One agreement level of a field: its number, label and SQL over aliases ``l`` and ``r``."""

    level: int
    label: str
    sql: str


def comparisons(fld: str, masked: bool) -> list[Level]:
    """The levels of ``fld``, best first (level 0, disagreement, is implicit)."""
    key = {"name": "name_k", "city": "city_k"}.get(fld, f"{fld}_n")
    exact = Level(9, "exact", f"l.{key} = r.{key}")
    if masked:
        return [exact]
    if fld == "name":  # one reading, other characters: similar at best
        alike = f"NOT {other_characters()}"
        return [Level(9, "exact", f"{exact.sql} AND {alike}"),
                Level(3, "same letters", f"l.name_a = r.name_a AND {alike}"),
                Level(2, "close", f"{name_similarity()} >= {CLOSE} AND {alike}"),
                Level(1, "similar", f"{name_similarity()} >= 0.86")]
    if fld == "email":
        return [exact, Level(1, "same user", "split_part(l.email_n, '@', 1) = split_part(r.email_n, '@', 1) "
                                             f"AND NOT {spelled_by_name('l')}")]
    if fld == "phone":
        return [exact, Level(1, "last 8 digits", "right(l.phone_n, 8) = right(r.phone_n, 8)")]
    if fld == "order_no":  # a record holds all its orders
        return [Level(9, "exact", f"NOT {other_orders()}")]
    if fld in ("id_number", "postcode"):  # one digit mistyped or two swapped
        return [exact, Level(1, "one character off", f"damerau_levenshtein(l.{key}, r.{key}) <= 1")]
    if fld == "address":
        return [exact, Level(2, "close", f"jaro_winkler_similarity(l.{key}, r.{key}) >= 0.94"),
                Level(1, "similar", f"jaro_winkler_similarity(l.{key}, r.{key}) >= 0.86")]
    return [exact]


def other_characters() -> str:
    """True when two names share their key but, both written in 汉字, not their characters (施婷
    and 石婷 read ``shi ting``): one person's 汉字 name is written the same in every export, so
    the pair compares as *similar* names, not as one name (all-Chinese validation exports: 78
    such pairs scored 0.3–0.99 as exact, none one person)."""
    return "coalesce(l.name_k = r.name_k AND l.name_h <> r.name_h, false)"


def spelled_by_name(side: str) -> str:
    """True when the e-mail's user name is its record's name run together (``erobinson``,
    ``david.clark``, ``zhangxiaoming88``): two people with one name pick the same user name at
    different providers, so it adds nothing to the names' own agreement (Evie and Ella Robinson,
    ``erobinson@gmail.com`` / ``erobinson@hotmail.com``, were linked at p = 0.99)."""
    user = f"regexp_replace(split_part({side}.email_n, '@', 1), '[^a-z]', '', 'g')"
    a, b = (f"split_part({side}.name_k, ' ', {i})" for i in (1, 2))
    spellings = [f"{a} || {b}", f"{b} || {a}", f"left({a}, 1) || {b}", f"left({b}, 1) || {a}", a, b]
    return f"coalesce({user} IN ({', '.join(spellings)}), false)"


def name_similarity() -> str:
    """Jaro–Winkler of two name keys, the best of their tokens read forwards or backwards
    (``name_t``): sorted tokens reorder when a first letter is lost (``LIU uoqing``, 0.68 → 0.98
    against ``guoqing liu``) or a surname is romanised the everyday way (曾 ``Ceng``, 单 ``Dan``)."""
    pairs = [(f"l.{a}", f"r.{b}") for a in ("name_k", "name_t") for b in ("name_k", "name_t")]
    return f"greatest({', '.join(f'jaro_winkler_similarity({a}, {b})' for a, b in pairs)})"


def gamma_sql(fld: str, masked: bool) -> str:
    """``CASE`` giving the level of ``fld`` for a pair (-1 when either value is missing, or is not
    comparable). ``name_p`` marks a name masked as two columns (Eventbrite's ``First Name`` and
    ``Last Name``, one token each): no whole name's token can equal it, and counted as a different
    name every Paddle buyer was apart from her own tickets, their 61 equal e-mail tokens outweighed and
    the prior of the two exports driven to 1e-12 (walk33; link42)."""
    key = {"name": "name_k", "city": "city_k"}.get(fld, f"{fld}_n")
    whens = " ".join(f"WHEN {lv.sql} THEN {lv.level}" for lv in comparisons(fld, masked))
    unread = f" OR {spelled_by_another_email()}" if fld == "name" and not masked else ""
    unread += " OR l.name_p <> r.name_p" if fld == "name" and masked else ""
    unread += f" OR {shared_mailbox()}" if fld == "email" else ""
    unread += f" OR {other_orders()}" if fld == "order_no" else ""
    return f"CASE WHEN l.{key} IS NULL OR r.{key} IS NULL{unread} THEN -1 {whens} ELSE 0 END"


def other_orders() -> str:
    """True when two records name no order in common: one buyer's orders each have their own number, so
    that says nothing (EM, learning from a buyer's own orders, gave an agreeing number m 0.002 and +10.6
    bits, and no payment reached its order); an agreeing one is the order's buyer."""
    return "len(list_intersect(l.order_no_n, r.order_no_n)) = 0"


OTHER_NUMBER_BITS = -30.0
"""The phone's weight for a pair whose masked phone shows other digits than the other record's: enough to
keep the two apart whatever their names say."""


def other_digits_shown() -> str:
    """True when a phone is masked (``139****7664``) and the other record's phone shows other digits
    where both are shown: two numbers, two people. A mask is otherwise not compared (two buyers can
    share one, judge20) and EM never sees this (its weight is :data:`OTHER_NUMBER_BITS`): 京东's ten
    accounts named 王伟, each with its own mask, were one customer on the name alone (judge25)."""
    return "coalesce((l.phone_n IS NULL OR r.phone_n IS NULL) AND l.phone_m <> r.phone_m, false)"


def spelled_by_another_email() -> str:
    """True when a name was read from one record's e-mail (``william.taylor@portland…``, a ticket
    with no name) and the other record holds another e-mail: the name says no more than the e-mail
    it was read from, which the e-mail's own comparison already weighs, so it is not compared
    (judge23: eleven tickets joined namesakes of other shops on names their e-mails spelled)."""
    return ("coalesce((l.name_e OR r.name_e) AND l.email_n IS NOT NULL AND r.email_n IS NOT NULL"
            " AND l.email_n <> r.email_n, false)")


def shared_mailbox() -> str:
    """True when two records' addresses are one mailbox several people write from (``email_s``,
    :mod:`crm_core.link.mailboxes`; a role user name like ``orders@`` at two shops too, ``email_r``) and their
    names are not one name: the mailbox says which shop, not which of its people. Under one name,
    or against another address, it is compared as any e-mail."""
    names_close = f"coalesce(l.name_a = r.name_a OR {name_similarity()} >= {CLOSE}, false)"
    one_user = "split_part(l.email_n, '@', 1) = split_part(r.email_n, '@', 1)"
    shared = "l.email_s OR r.email_s OR l.email_r OR r.email_r"
    return f"coalesce(({shared}) AND {one_user} AND NOT {names_close}, false)"


def field_key(fld: str) -> str:
    return {"name": "name_k", "city": "city_k"}.get(fld, f"{fld}_n")


# ---------------------------------------------------------------- blocking


@dataclass(frozen=True)
class Rule:
    """A blocking rule: its name, key SQL, the fields it fixes and the levels it implies."""

    name: str
    sql: str
    implies: dict[str, tuple[int, ...]]


def blocking_rules(fields: pd.DataFrame) -> list[Rule]:
    """The rules for the fields some export has (masked fields block on their exact tokens)."""
    present = set(fields.loc[fields["present"], "field"])
    masked = set(fields.loc[fields["masked"], "field"])
    rules = []
    if "phone" in present:
        rules.append(Rule("phone", "phone_n", {"phone": (9,)}) if "phone" in masked
                     else Rule("phone", "right(phone_n, 8)", {"phone": (9, 1)}))
    if "email" in present:
        rules.append(Rule("email", "email_n", {"email": (9,)}))
        if "email" not in masked:
            rules.append(Rule("email user", "CASE WHEN length(split_part(email_n, '@', 1)) >= 5 "
                                            "THEN split_part(email_n, '@', 1) END", {"email": (9, 1)}))
    if "id_number" in present:
        rules.append(Rule("id number", "id_number_n", {"id_number": (9,)}))
    if "member_no" in present:
        rules.append(Rule("member number", "member_no_n", {"member_no": (9,)}))
    if "order_no" in present:
        rules.append(Rule("order number", "unnest(order_no_n)", {"order_no": (9,)}))
    places = [(p, key) for p, key in (("city", "city_k"), ("postcode", "postcode_n")) if p in present]
    if "name" in present:
        rules.append(Rule("name", "name_k", {"name": (9,) if "name" in masked else (9, 1)}))
        # with a city, postcode or birth date, the name's letters: a swapped letter or a lost
        # space keeps them
        name, levels = ("name_k", (9,)) if "name" in masked else ("name_a", (9, 3, 1))
        for place, key in places:
            rules.append(Rule(f"name + {place}", f"{name} || '|' || {key}", {"name": levels, place: (9,)}))
        if "birth_date" in present:
            rules.append(Rule("name + birth date", f"{name} || '|' || birth_date_n",
                              {"name": levels, "birth_date": (9,)}))
    # a name mistyped beyond its letters, or replaced: the birth date or street at one place
    for other in ("birth_date", "address"):
        for place, key in places if other in present else []:
            rules.append(Rule(f"{other.replace('_', ' ')} + {place}", f"{other}_n || '|' || {key}",
                              {other: (9,), place: (9,)}))
    return rules


def candidate_pairs(con: duckdb.DuckDBPyConnection, records: str, rules: list[Rule],
                    max_block: int, target: str) -> dict[str, int]:
    """Temp table ``target`` (l, r, rules bitmask) of candidate pairs; returns how many keys each
    rule skipped for being shared by more than ``max_block`` records."""
    keys = " UNION ALL ".join(f"SELECT rid, {i} AS rule, {rule.sql} AS k FROM {qi(records)}"
                              for i, rule in enumerate(rules))
    con.execute(f"""CREATE OR REPLACE TEMP TABLE __link_keys AS
        SELECT rid, rule, k, count(*) OVER (PARTITION BY rule, k) AS n
        FROM ({keys}) WHERE k IS NOT NULL""")
    con.execute(f"""CREATE OR REPLACE TEMP TABLE {qi(target)} AS
        SELECT a.rid AS l, b.rid AS r, bit_or(1::BIGINT << a.rule) AS rules
        FROM __link_keys a JOIN __link_keys b ON a.rule = b.rule AND a.k = b.k AND a.rid < b.rid
        WHERE a.n <= ? AND b.n <= ? GROUP BY ALL""", [max_block, max_block])
    skipped = con.execute("SELECT rule, count(DISTINCT k) FROM __link_keys WHERE n > ? GROUP BY rule",
                          [max_block]).fetchall()
    con.execute("DROP TABLE __link_keys")
    return {rules[int(rule)].name: int(n) for rule, n in skipped}


# ---------------------------------------------------------------- the model and its patterns


@dataclass
class Model:
    """Learned parameters: per field and level m and u, the match share λ, and exact-level u."""

    fields: list[str]
    masked: dict[str, bool]
    m: dict[str, dict[int, float]]
    u: dict[str, dict[int, float]]
    lam: float
    iterations: int
    tf_scale: dict[str, float]
    m_by_exports: dict[str, dict[str, dict[int, float]]] = field(default_factory=dict)
    """m of the e-mail's and the phone's levels per pair of exports (field → stratum → level): a web
    shop's double sign-up is a new e-mail by construction, a desk's contact seldom is (all-Chinese
    exports: 1.0 against 0.15, pooled 0.48), so one m made a desk–web namesake's differing e-mail
    worth −1.1 bits where −2.7 was due."""

    def weight(self, fld: str, level: int) -> float:
        return math.log2(self.m[fld][level] / self.u[fld][level])

    def m_sql(self, fld: str, level: int) -> str:
        """m of a level as SQL over the pair's two exports (:data:`STRATUM`), the pooled m elsewhere."""
        pooled = repr(self.m[fld][level])
        by = self.m_by_exports.get(fld, {})
        if not by:
            return pooled
        cases = " ".join(f"WHEN {sql_text(s)} THEN {m[level]!r}" for s, m in by.items())
        return f"(CASE {STRATUM} {cases} ELSE {pooled} END)"

    def table(self) -> pd.DataFrame:
        """m, u and weight per field and level (shown on the page and in the summary)."""
        rows = []
        for fld in self.fields:
            labels = {lv.level: lv.label for lv in comparisons(fld, self.masked[fld])} | {0: "different"}
            for level in sorted(self.m[fld], reverse=True):
                rows.append({"field": fld, "level": labels[level], "m": self.m[fld][level],
                             "u": self.u[fld][level], "weight": self.weight(fld, level)})
        return pd.DataFrame(rows)


def pair_patterns(con, records: str, pairs: str, fields: list[str], masked: dict[str, bool],
                  with_rules: bool = True) -> pd.DataFrame:
    """Counts of each combination of field levels (and blocking rules and pair of exports) over
    the pairs: a frame of a few hundred rows whatever the data size — all that EM needs."""
    gammas = ", ".join(f"{gamma_sql(f, masked[f])} AS {f}" for f in fields)
    rules = f", p.rules, {STRATUM} AS stratum" if with_rules else ""
    return con.execute(f"""SELECT *, count(*) AS n FROM (
        SELECT {gammas}{rules} FROM {qi(pairs)} p JOIN {qi(records)} l ON l.rid = p.l
        JOIN {qi(records)} r ON r.rid = p.r) GROUP BY ALL""").df()


def term_frequencies(con, records: str, fields: list[str]) -> dict[str, float]:
    """Create ``__link_tf_<field>`` (value, k = records with it, m = records with any value) and
    return the exact-level u per field: the chance two *different* records share a value."""
    for fld in fields:
        key = field_key(fld)
        con.execute(f"""CREATE OR REPLACE TEMP TABLE {qi('__link_tf_' + fld)} AS
            SELECT {key} AS v, count(*) AS k, sum(count(*)) OVER () AS m
            FROM {qi(records)} WHERE {key} IS NOT NULL GROUP BY 1""")
    # a member number's own copies (one per export) left out
    return {fld: _chance(con, fld, beyond_own=fld in SELECTIVE) for fld in fields}


def beyond_own_copies(con, fields: list[str]) -> dict[str, float]:
    """Per identifier, the exact-level u counted without each value's ``OWN_COPIES``: what chance
    agreement is left when nothing else tells a person's own copies from another's (two exports
    sharing only an e-mail). Read from ``__link_tf_<field>`` (:func:`term_frequencies`)."""
    return {fld: _chance(con, fld, beyond_own=True) for fld in fields if fld in IDENTIFIERS}


def _chance(con, fld: str, *, beyond_own: bool) -> float:
    pairs = f"greatest(sum(k * greatest(k - 1 - {OWN_COPIES}, 0)), 1)" if beyond_own else "sum(k * (k - 1))"
    total = con.execute(f"SELECT {pairs} / nullif(any_value(m) * (any_value(m) - 1), 0) "
                        f"FROM {qi('__link_tf_' + fld)}").fetchone()[0]
    return float(total or 0.0)



# ---------------------------------------------------------------- scoring


def own_copies(con, records: str, fld: str, share: float) -> str:
    """Temp table (v, src, own): a record's expected own copies among the other exports' records
    holding its value.

    On average a record has λ·m·n copies in an export of n records, but a rare name seen in
    another export is likelier the person's own copy than a namesake's. Per export holding the
    value c times: P(own) = a·c / (a·c + (1 − a)·ρ), with a = λ·m·n the chance the person is
    there and ρ the namesakes expected beside a value seen c times — by Good–Turing from that
    export's own counts, (c + 1)·N(c+1)/N(c), where N(c) is how many values it holds c times
    (a person seldom twice in one export, so its repeats are namesakes). Exports where most
    names are unique trust the copy; exports full of namesakes keep the average.
    """
    key, name = field_key(fld), "__link_own_" + fld
    con.execute(f"""CREATE OR REPLACE TEMP TABLE {qi(name)} AS
        WITH c AS (SELECT {key} AS v, src, count(*) AS c FROM {qi(records)} WHERE {key} IS NOT NULL
                   GROUP BY 1, 2),
        e AS (SELECT src, sum(c) AS n FROM c GROUP BY 1),
        nc AS (SELECT src, c, count(*) AS values_ FROM c GROUP BY 1, 2),
        gt AS (SELECT a.src, a.c, coalesce((a.c + 1) * b.values_ / a.values_, a.c) AS rho
               FROM nc a LEFT JOIN nc b ON b.src = a.src AND b.c = a.c + 1),
        q AS (SELECT v, src, coalesce(a * c / nullif(a * c + (1 - a) * rho, 0), 0) AS post
              FROM (SELECT c.*, gt.rho, least({share!r} * e.n, 0.95) AS a FROM c JOIN e USING (src)
                    JOIN gt USING (src, c)))
        SELECT v, src, sum(post) OVER (PARTITION BY v) - post AS own FROM q""")
    return name


def score_pairs(con, records: str, pairs: str, model: Model, target: str) -> dict[str, float]:
    """Temp view ``target`` (over table ``__link_evidence``, one copy of the pairs): every
    candidate pair with per-field level and weight, total weight and match probability (exact
    agreements weighted by the value's frequency, the prior that of the pair's two exports);
    returns those priors as probabilities."""
    cols, joins = [], []
    for f in model.fields:
        masked = model.masked[f]
        g = f"({gamma_sql(f, masked)})"
        level_w = " ".join(f"WHEN {g} = {lv} THEN log2({model.m_sql(f, lv)} / {model.u[f][lv]!r})"
                           for lv in model.m[f])
        exact_m = model.m[f][9]
        if f in TF_FIELDS:
            joins.append(f"LEFT JOIN {qi('__link_tf_' + f)} tf_{f} ON tf_{f}.v = l.{field_key(f)}")
            if f in IDENTIFIERS:  # a shared shop phone counts little; one person's three copies fully
                chance = f"greatest({model.u[f][9]!r}, (tf_{f}.k - 1 - {OWN_COPIES}) / (tf_{f}.m - 1))"
            else:  # names: the value's other records, less those expected to be the same person
                joins.append(f"LEFT JOIN {qi(own_copies(con, records, f, model.lam * exact_m))} own_{f} "
                             f"ON own_{f}.v = l.{field_key(f)} AND own_{f}.src = l.src")
                own = f"greatest({model.lam * exact_m!r} * (tf_{f}.m - 1), own_{f}.own)"
                chance = f"greatest(tf_{f}.k - 1 - {own}, 0.05) / (tf_{f}.m - 1)"
            exact = f"WHEN {g} = 9 THEN log2({model.m_sql(f, 9)} / ({chance}))"
        else:
            exact = ""
        cols.append(f"{g} AS g_{f}")
        apart = f"WHEN {other_digits_shown()} THEN {OTHER_NUMBER_BITS!r} " if f == "phone" and not masked \
            else ""
        cols.append(f"CASE {apart}WHEN {g} < 0 THEN 0.0 {exact} {level_w} ELSE 0.0 END AS w_{f}")
    total = " + ".join(f"w_{f}" for f in model.fields)
    con.execute(f"""CREATE OR REPLACE TEMP TABLE __link_evidence AS
        SELECT *, {total} AS evidence FROM (SELECT p.l, p.r, {STRATUM} AS stratum, {', '.join(cols)}
        FROM {qi(pairs)} p JOIN {qi(records)} l ON l.rid = p.l JOIN {qi(records)} r ON r.rid = p.r
        {' '.join(joins)})""")
    priors = stratum_priors(con, records, "__link_evidence", model.lam)
    if "name" in model.fields:
        learned = holders_weights(con, records, "name", field_key("name"), model.m["name"][9], priors)
        if learned is not None:  # second pass: the one-to-one constraint
            eliminate(con, records, "name", field_key("name"), learned, priors)
    prior = prior_sql(priors)
    con.execute(f"""CREATE OR REPLACE TEMP VIEW {qi(target)} AS
        SELECT * EXCLUDE (stratum, evidence), {prior} + evidence AS match_weight,
               1.0 / (1.0 + pow(2.0, -least(greatest({prior} + evidence, -60), 60))) AS match_probability
        FROM __link_evidence""")
    return priors
