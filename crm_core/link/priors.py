"""The priors of the link model: how likely a pair is one person before its fields are compared.

* **Per pair of exports** (:func:`stratum_priors`): a person seldom appears twice in one export
  but often once in each, so the match share differs by which two exports a pair joins.
* **Per name's holders** (:func:`holders`): a name agreed by two exports weighs the chance that
  two of its holders there are one person, learned from how often each export holds each name.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import binom

from crm_core.workspace.sqlutil import qi

IDENTIFIERS = ("email", "phone", "id_number", "member_no", "order_no")
"""Fields that name one person (an e-mail, a phone, a national id, a member number, an order's buyer),
unlike a name or a city."""
SELECTIVE = frozenset({"member_no"})
"""Fields written for the matches only: a booking's ``Member No.`` is filled for the guests who are
members. Its fill rate is no chance of a match being caught (counted so, its session raised a
hotel's prior 2.5-fold and a phone a household shares was linked), so its session teaches m, not
how many matches there are; and its chance agreement is counted without each number's own copies
(one per export), not by taking out λ·m, the match share of *all* pairs, from pairs that mostly
are matches (the agreement of a member number weighed 8.9 bits where a phone's weighed 16.8)."""
STRATUM = "least(l.src, r.src) || ' | ' || greatest(l.src, r.src)"
"""Which two exports a pair joins (the same one twice for a duplicate within an export)."""


def sql_text(value: str) -> str:
    """A string literal for SQL (export names go into CASE and FILTER clauses)."""
    return "'" + value.replace("'", "''") + "'"


def prior_sql(priors: dict[str, float], stratum: str = "stratum") -> str:
    """The prior weight (log₂ odds) of a pair's stratum, as SQL over its ``stratum`` column."""
    bits = " ".join(f"WHEN {sql_text(s)} THEN {math.log2(p / (1 - p))!r}" for s, p in priors.items())
    return f"(CASE {stratum} {bits} END)"


def stratum_priors(con, records: str, evidence: str, lam: float, rounds: int = 20) -> dict[str, float]:
    """The prior match share of each pair of exports, re-estimated from the candidates.

    A person seldom appears twice in one export but often once in each, so two records of
    different exports are likelier the same person than two of one export. EM on the prior
    alone (m and u fixed): each stratum's expected matches per record pair, relative to all
    strata's, scales the overall λ (blocking recall taken as equal across strata).
    """
    sizes = dict(con.execute(f"SELECT src, count(*) FROM {qi(records)} GROUP BY 1").fetchall())
    hist = con.execute(f"SELECT stratum, round(evidence, 2) AS e, count(*) AS n FROM {qi(evidence)} "
                       "GROUP BY ALL").df()
    strata = {f"{min(a, b)} | {max(a, b)}": (sizes[a] * (sizes[b] - 1) / 2 if a == b else sizes[a] * sizes[b])
              for a in sizes for b in sizes if a <= b}
    lam_of = dict.fromkeys(strata, lam)
    if hist.empty or len(strata) < 2:
        return lam_of
    n, e = hist["n"].to_numpy(float), hist["e"].to_numpy(float)
    all_pairs = sum(strata.values())
    for _ in range(rounds):
        logit = np.log2([lam_of[s] / (1 - lam_of[s]) for s in hist["stratum"]])
        expected = pd.Series(n / (1 + np.exp2(-np.clip(logit + e, -60, 60)))).groupby(hist["stratum"]).sum()
        density = float(expected.sum()) / all_pairs
        if density <= 0:
            break
        lam_of = {s: min(max(lam * float(expected.get(s, 0.0)) / max(size, 1) / density, 1e-12), 0.5)
                  for s, size in strata.items()}
    return lam_of


REACH_MAX = 0.99
"""The most a holder's chance to have a record in an export is taken to be (the model's reach, a
ratio of expected matches, can pass 1)."""
HOLDERS_MAX = 60
"""Names held more often than this in one export keep the frequency weight alone (a name that
common is no evidence by itself either way)."""


@dataclass
class Holders:
    """How many people share a value: π(N) learned from every value's counts per export, and
    P(an export holds it c times | N) per export (:func:`holders`)."""

    exports: list[str]
    share: np.ndarray
    tables: list[np.ndarray]
    reach: dict[str, tuple[float, float]]

    def posterior(self, held: np.ndarray, known: np.ndarray | None = None,
                  caught: np.ndarray | None = None) -> np.ndarray:
        """P(N' | counts) per row of ``held`` (counts per export in ``exports`` order), N' = 1 …
        ``HOLDERS_MAX``: how many people, beyond ``known`` ones already resolved (their records
        taken out of ``held``), hold the value. Each holder is resolved with chance ``caught``,
        so N = N' + known follows π(N) times Binomial(known; N, caught): three of four namesakes
        resolved by their phones say fewer people hold the name than three of ten would. (The
        binomial's 1 − caught also charges a holder absent from one export of the pair, which her
        counts already say; drawn exactly, name-alone pairs held 3 times scored 0.83 where 93 % are
        one person: a holder whose records carry no identifier is never resolved, and the double
        charge stands in for that, docs/link.md link26.)"""
        rows = len(held)
        known = np.zeros(rows, dtype=int) if known is None else np.asarray(known, dtype=int)
        caught = np.zeros(rows) if caught is None else np.asarray(caught, dtype=float)
        likelihood = np.ones((rows, HOLDERS_MAX))
        unseen = np.ones(HOLDERS_MAX)
        for i, table in enumerate(self.tables):
            likelihood *= table[:, held[:, i]].T
            unseen *= table[:, 0]
        total = np.arange(1, HOLDERS_MAX + 1)[None, :] + known[:, None]
        index = np.minimum(total, HOLDERS_MAX) - 1
        seen = self.share[index] / np.maximum(1.0 - unseen[index], 1e-12)
        prior = np.where(total <= HOLDERS_MAX, seen, 0.0)
        post = likelihood * prior
        if caught.any():  # none resolved says something too: few holders, or none reachable
            post *= binom.pmf(known[:, None], total, caught[:, None])
        return post / np.maximum(post.sum(axis=1, keepdims=True), 1e-300)

    def double_share(self, held: np.ndarray, there: np.ndarray, caught: np.ndarray) -> np.ndarray:
        """P(one unexplained record in export ``there`` (an index into ``exports``) is a resolved
        holder's double sign-up rather than another holder's), per row of ``held``: the value's
        counts without that holder's records. The holder signed up twice there (d) and N' others
        explain the rest, or N' ≥ 1 others explain them all; N = N' + 1 as in :meth:`posterior`;
        the double is any one of the export's unexplained records with the value."""
        rows = len(held)
        without = held - (np.arange(held.shape[1])[None, :] == there[:, None])
        likelihood, rest = np.ones((rows, HOLDERS_MAX)), np.ones((rows, HOLDERS_MAX))
        unseen = np.ones(HOLDERS_MAX)
        for i, table in enumerate(self.tables):  # rows N' = 0 … HOLDERS_MAX − 1
            others = np.vstack([np.eye(1, table.shape[1]), table[:-1]])
            likelihood *= others[:, held[:, i]].T
            rest *= np.where(without[:, i, None] >= 0, others[:, without[:, i].clip(0)].T, 0.0)
            unseen *= table[:, 0]
        total = np.arange(1, HOLDERS_MAX + 1)
        prior = (self.share / np.maximum(1.0 - unseen, 1e-12))[None, :] * binom.pmf(1, total[None, :],
                                                                                     caught[:, None])
        double = np.array([self.reach[self.exports[i]][1] for i in there])
        twice = double * (rest * prior).sum(axis=1)
        once = (1 - double) * (likelihood[:, 1:] * prior[:, 1:]).sum(axis=1)
        pool = np.maximum(held[np.arange(rows), there], 1)  # the double is any of them alike
        return (twice / np.maximum(twice + once, 1e-300) / pool).clip(1e-6, 1 - 1e-6)

    def inverse(self, held: np.ndarray, known: np.ndarray | None = None,
                caught: np.ndarray | None = None) -> np.ndarray:
        """E[1/N']: the chance two unexplained holders in different exports are one person."""
        people = np.arange(1, HOLDERS_MAX + 1)
        return (self.posterior(held, known, caught) / people).sum(axis=1).clip(1e-6, 1 - 1e-6)


def counts_table(con, records: str, key: str, exports: list[str], name: str) -> list[str]:
    """Temp table ``name`` (v, c0, c1 …): how often each export (in ``exports`` order) holds
    each value of ``key``, for values held at most ``HOLDERS_MAX`` times in every export."""
    cols = [f"c{i}" for i in range(len(exports))]
    counts = ", ".join(f"count(*) FILTER (WHERE src = {sql_text(e)}) AS {c}" for c, e in zip(cols, exports,
                                                                                                strict=True))
    con.execute(f"""CREATE OR REPLACE TEMP TABLE {qi(name)} AS SELECT * FROM (SELECT {key} AS v, {counts}
        FROM {qi(records)} WHERE {key} IS NOT NULL GROUP BY 1)
        WHERE greatest({', '.join(cols)}) <= {HOLDERS_MAX}""")
    return cols


def holders(con, records: str, fld: str, key: str, reach: dict[str, tuple[float, float]],
            rounds: int = 200) -> tuple[str, Holders] | None:
    """Temp table (v, inv_n): for each value, the chance two of its holders in *different* exports
    are one person — E[1/N] over N, the people holding it, given how often each export holds it
    — and the learned :class:`Holders`.

    Each of the N holders has a record with the value in export e with chance a, a second one
    (a double sign-up) with chance a·d (``reach[e]`` = (a, d), the model's own numbers), so
    how often e holds the value is the N-fold sum of those; how many people share a value, π(N),
    is learned by EM from every value's counts (values held by nobody are unseen, so each
    likelihood is divided by 1 − P(held nowhere | N)). Given N, a record's holder is any of the
    N, so a holder in another export is its own record with chance 1/N. A name held once by the
    web shop, once by the till and once by the desk is then mostly one person, as it is in the
    data; the total count alone (3 of 17k records) had scored such a pair 0.60 where 85–90% are
    one person. ``None`` with fewer than two exports.
    """
    exports = sorted(reach)
    if len(exports) < 2:
        return None
    name = "__link_holders_" + fld
    cols = counts_table(con, records, key, exports, name)
    patterns = con.execute(f"SELECT {', '.join(cols)}, count(*) AS n FROM {qi(name)} GROUP BY ALL").df()
    held = patterns[cols].to_numpy(int)
    tables = [_held_counts(*reach[e]) for e in exports]
    model = Holders(exports, np.full(HOLDERS_MAX, 1.0 / HOLDERS_MAX), tables, reach)
    weights = patterns["n"].to_numpy(float)[:, None]
    for _ in range(rounds):
        model.share = (model.posterior(held) * weights).sum(axis=0) / weights.sum()
    patterns["inv_n"] = model.inverse(held)
    con.register("__link_holder_patterns", patterns.drop(columns="n"))
    try:
        con.execute(f"""CREATE OR REPLACE TEMP TABLE {qi(name)} AS SELECT v, inv_n FROM {qi(name)}
            JOIN __link_holder_patterns USING ({', '.join(cols)})""")
    finally:
        con.unregister("__link_holder_patterns")
    return name, model


def _held_counts(a: float, d: float) -> np.ndarray:
    """P(an export holds a value c times | N people hold it), rows N = 1…HOLDERS_MAX, columns
    c = 0…2·HOLDERS_MAX: each person none, once (a) or twice (a·d: a double sign-up)."""
    a, d = min(max(a, 1e-3), REACH_MAX), min(max(d, 0.0), 0.5)
    one = np.array([1 - a, a * (1 - d), a * d])
    rows, current = [], np.array([1.0])
    for _ in range(HOLDERS_MAX):
        current = np.convolve(current, one)
        rows.append(np.pad(current, (0, 2 * HOLDERS_MAX + 1 - len(current))))
    return np.array(rows)


def reach(con, records: str, priors: dict[str, float], m_exact: float) -> dict[str, tuple[float, float]]:
    """Per export, (a, d): the chance a person seen elsewhere has a record there with the same
    value, and that such a person has a second one there. d from the export's own match share
    (pairs within it = records · d / (1 + d)) less its records sharing an id (:func:`_rereads`);
    a from the other exports' records' expected matches there (λ of the pair of exports times
    its size, averaged), per person (÷ 1 + her further records there, re-reads included), times
    m of the exact level."""
    sizes = dict(con.execute(f"SELECT src, count(*) FROM {qi(records)} GROUP BY 1").fetchall())
    rereads = _rereads(con, records)
    out = {}
    for f, n_f in sizes.items():
        within = priors[f"{f} | {f}"] * (n_f - 1) / 2
        copies, d = _further(within), _further(max(within - rereads.get(f, 0.0) / n_f, 0.0))
        others = {e: n for e, n in sizes.items() if e != f}
        total = sum(others.values())
        matches = sum(n * priors[f"{min(e, f)} | {max(e, f)}"] * n_f for e, n in others.items()) / total \
            if total else 0.0
        out[f] = (m_exact * matches / (1 + copies), d)
    return out


def _further(within: float) -> float:
    """A person's further records in an export from its pairs within it per record (= d / (1 + d))."""
    return within / (1 - within) if within < 0.5 else 1.0


def _rereads(con, records: str) -> dict[str, float]:
    """Per export, its record pairs sharing the export's id: one id read twice (Shopify's later
    order lines leave the billing phone blank), not a person's second sign-up. Counted as doubles,
    Shopify's d was 0.57 and a Stripe payer already linked by e-mail took a second Shopify buyer of
    her name as her double (judge24's files: 49 namesakes merged, docs/link.md link25)."""
    return dict(con.execute(f"""SELECT src, sum(k * (k - 1) / 2) FROM (SELECT src, record_id, count(*) AS k
        FROM {qi(records)} WHERE record_id IS NOT NULL GROUP BY 1, 2) GROUP BY 1""").fetchall())


def holders_weights(con, records: str, fld: str, key: str, m_exact: float,
                    priors: dict[str, float]) -> Holders | None:
    """Cross-export exact agreements on ``fld`` (its normalised column ``key``, m of its exact
    level ``m_exact``) in ``__link_evidence`` reweighted so that, with the pair's prior, agreeing
    on the value alone gives E[1/N] (:func:`holders`); returns the learned holders."""
    found = holders(con, records, fld, key, reach(con, records, priors, m_exact))
    if found is None:
        return None
    table, learned = found
    con.execute(f"""UPDATE __link_evidence e SET w_{fld} = x.w, evidence = e.evidence - e.w_{fld} + x.w
        FROM (SELECT p.l, p.r, log2(h.inv_n / (1 - h.inv_n)) - {prior_sql(priors, "p.stratum")} AS w
              FROM __link_evidence p JOIN {qi(records)} l ON l.rid = p.l JOIN {qi(records)} r ON r.rid = p.r
              JOIN {qi(table)} h ON h.v = l.{key}
              WHERE p.g_{fld} = 9 AND l.src <> r.src) x
        WHERE e.l = x.l AND e.r = x.r""")
    con.execute(f"DROP TABLE {qi(table)}")
    return learned
