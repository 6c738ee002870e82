"""m/u and the match share learned without labels: expectation–maximisation over the pattern counts
of the candidate pairs (a few hundred rows whatever the data size), one session per blocking rule.

* **u** (chance agreement): exact levels from term frequencies, Σ tf², which is exact; fuzzy
  levels from a sample of random pairs; both with the true matches' own agreement taken out.
* **m** and λ: EM with u fixed, each session leaving out the fields its rule blocks on (they agree
  by construction); λ per pair of exports from each session's matches over its rule's recall.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crm_core.link.model import Model, Rule, comparisons
from crm_core.link.priors import IDENTIFIERS, SELECTIVE

RANDOM_PAIRS = 400_000
EM_ITERATIONS = 40
BY_EXPORTS = ("email", "phone")
"""Fields whose m is also learned per pair of exports (:attr:`Model.m_by_exports`)."""


def random_pairs(con, records: str, n_records: int, size: int = RANDOM_PAIRS) -> str:
    """Temp table of random record pairs (for the chance agreement of fuzzy levels)."""
    con.execute("SELECT setseed(0.42)")
    con.execute("""CREATE OR REPLACE TEMP TABLE __link_random AS
        SELECT * FROM (SELECT (floor(random() * ?) + 1)::BIGINT AS l,
                              (floor(random() * ?) + 1)::BIGINT AS r FROM range(?)) WHERE l <> r""",
                [n_records, n_records, size])
    return "__link_random"


def _level_shares(patterns: pd.DataFrame, fld: str, weights: np.ndarray,
                  levels: list[int]) -> dict[int, float]:
    g = patterns[fld].to_numpy()
    total = float((weights * (g >= 0)).sum()) + 0.5 * len(levels)
    return {lv: (float((weights * (g == lv)).sum()) + 0.5) / total for lv in levels}


def learn(blocked: pd.DataFrame, chance: pd.DataFrame, exact_u: dict[str, float], fields: list[str],
          masked: dict[str, bool], rules: list[Rule], filled: dict[str, dict[str, float]],
          sizes: dict[str, int], lone_u: dict[str, float]) -> Model:
    """u from chance (Σ tf² for exact levels, random pairs for fuzzy ones); m by EM, one session
    per blocking rule with the rule's own fields left out (they agree by construction); the prior
    from each session's expected matches over the rule's recall, per pair of exports (``filled``:
    each export's share of records with each field; ``sizes``: its records). An identifier the
    exports share nothing beside takes its exact u from ``lone_u`` (its values' own copies left out)."""
    levels = {f: [lv.level for lv in comparisons(f, masked[f])] + [0] for f in fields}
    u = {f: _level_shares(chance, f, chance["n"].to_numpy(float), levels[f]) for f in fields}
    lone = _lone_fields(blocked, fields, rules)
    for f in fields:
        u[f][9] = max(lone_u[f] if f in lone else exact_u[f], 1e-9)
        u[f][0] = max(1.0 - sum(v for lv, v in u[f].items() if lv != 0), 1e-6)
    start = {f: {lv: (0.85 if lv == 9 else 0.1 / max(len(levels[f]) - 2, 1) if lv else 0.05)
                 for lv in levels[f]} for f in fields}
    m, lam, iterations, _ = _sessions(blocked, fields, levels, u, start, rules, filled, sizes)
    # chance agreement measured over all pairs includes the true matches' own agreement:
    # take it out, then learn again with the cleaner u
    scale = {f: 1.0 if f in SELECTIVE | lone else _uncontaminate(u[f], m[f], lam) for f in fields}
    m, lam, more, by_exports = _sessions(blocked, fields, levels, u, start, rules, filled, sizes)
    return Model(list(fields), dict(masked), m, u, lam, iterations + more, scale, by_exports)


def _uncontaminate(u: dict[int, float], m: dict[int, float], lam: float) -> float:
    """Remove λ·m from each agreement level's u (in place); returns the exact level's factor."""
    raw = u[9]
    for lv in u:
        if lv:
            u[lv] = max(u[lv] - lam * m[lv], u[lv] * 0.02) / (1 - lam)
    u[0] = max(1.0 - sum(v for lv, v in u.items() if lv), 1e-6)
    return u[9] / raw


def _sessions(blocked, fields, levels, u, start, rules, filled, sizes) -> tuple[dict, float, int, dict]:
    """EM per blocking rule; m averaged over the sessions that left each field free, each weighed
    by the matches the sessions agree it holds (:func:`_credible`); λ overall; and m of
    ``BY_EXPORTS`` per pair of exports (:func:`_by_exports`)."""
    sessions, counts, iterations = [], [], 0
    for i, rule in enumerate(rules):
        part, free = _part(blocked, i, rule), [f for f in fields if f not in rule.implies]
        if _alone(part, rule, free):  # nothing to learn m from
            sessions.append((rule, _beyond_chance(part, rule, u, sizes), [], {}))
            counts.append({})
            continue
        if part["n"].sum() < 20 or not free:
            continue
        m_i, lam_i, its = _em(part, free, levels, u, start)
        iterations += its
        found = _posterior(part, free, m_i, u, lam_i) * part["n"].to_numpy(float)
        sessions.append((rule, pd.Series(found).groupby(part["stratum"].to_numpy()).sum(), free, m_i))
        counts.append({f: pd.DataFrame({lv: found * (part[f].to_numpy() == lv) for lv in levels[f]})
                       .groupby(part["stratum"].to_numpy()).sum() for f in BY_EXPORTS if f in free})
    m = _pooled(sessions, fields, levels, start, [float(by.sum()) for _, by, _, _ in sessions])
    credible = _credible(sessions, m, filled, sizes)
    m = _pooled(sessions, fields, levels, start, credible)
    all_pairs = sum(_pairs(sizes, a, b) for a, b in _strata(sizes))
    matches = sum(_stratum_matches(sessions, m, filled, a, b) for a, b in _strata(sizes))
    lam = matches / all_pairs if matches > 0 else 1.0 / max(all_pairs, 1.0)
    return m, min(max(lam, 1e-12), 0.5), iterations, _by_exports(sessions, counts, credible, m)


def _by_exports(sessions, counts, credible: list[float], m: dict) -> dict:
    """m of each ``BY_EXPORTS`` field per pair of exports: the sessions' expected matches at each
    level there (each session's scaled to the matches :func:`_credible` allows it), plus
    ``PRIOR_MATCHES`` of the pooled m. A web shop's double sign-ups all have a new e-mail and a
    desk's contacts seldom do; pooled, a desk–web namesake's differing e-mail counted little."""
    sums: dict[str, dict[str, dict[int, float]]] = {}
    for (_, by, _, _), found, allowed in zip(sessions, counts, credible, strict=True):
        scale = min(allowed / float(by.sum()), 1.0) if by.sum() > 0 else 0.0
        for f, frame in found.items():
            for stratum, row in frame.iterrows():
                seen = sums.setdefault(f, {}).setdefault(stratum, dict.fromkeys(m[f], 0.0))
                for lv in m[f]:
                    seen[lv] += scale * float(row[lv])
    return {f: {s: {lv: (n[lv] + PRIOR_MATCHES * m[f][lv]) / (sum(n.values()) + PRIOR_MATCHES) for lv in m[f]}
                for s, n in by_stratum.items()} for f, by_stratum in sums.items()}


def _part(blocked: pd.DataFrame, i: int, rule: Rule) -> pd.DataFrame:
    """The patterns of the pairs the ``i``-th blocking rule found that agree at the levels it implies.
    A key can find pairs its fields' comparison does not call agreeing: Freshdesk writes from
    ``william@`` each business, a user name the *same user* level refuses, and the *e-mail user*
    session taught EM from 2,868 first-name namesakes that an exact name is rare among matches
    (m 0.006): QuickBooks' and Xero's ``Allen Bistro`` scored under 0.06."""
    found = (blocked["rules"].to_numpy().astype("int64") & (1 << i)) != 0
    for f, levels in rule.implies.items():
        found &= blocked[f].isin(levels).to_numpy()
    return blocked[found]


def _lone_fields(blocked: pd.DataFrame, fields: list[str], rules: list[Rule]) -> frozenset[str]:
    """The identifiers of rules whose pairs compare nothing else (:func:`_alone`). With no other
    field to tell a person's own copies from chance, the value-frequency u counted them as chance:
    a Shopify buyer's e-mail on two order records and her Stripe payment made u as large as the
    prior, and 4,718 same-e-mail pairs scored 0.498 (judge24)."""
    return frozenset(f for i, rule in enumerate(rules)
                     if _alone(_part(blocked, i, rule), rule, [f for f in fields if f not in rule.implies])
                     for f in rule.implies)


def _alone(part: pd.DataFrame, rule: Rule, free: list[str]) -> bool:
    """Whether a rule on identifiers (phone, e-mail, national id) has pairs and no other field
    compared in any of them: the exports share nothing else."""
    return (len(part) > 0 and set(rule.implies) <= set(IDENTIFIERS)
            and not any((part[f].to_numpy() >= 0).any() for f in free))


def _beyond_chance(part: pd.DataFrame, rule: Rule, u, sizes: dict[str, int]) -> pd.Series:
    """Matches per pair of exports of a rule with nothing left to compare (two exports sharing
    only a phone): its pairs, less those that would agree at its levels by chance (all pairs × u,
    the exact level's u from the value frequencies). A hotel's bookings and its points ledger
    share only the phone: with no EM session, the prior fell to 1 / all pairs and none of 1,849
    same-phone pairs was linked."""
    found = part.groupby("stratum")["n"].sum().astype(float)
    chance = float(np.prod([sum(u[f][lv] for lv in lvs) for f, lvs in rule.implies.items()]))
    sides = {f"{min(a, b)} | {max(a, b)}": (a, b) for a, b in _strata(sizes)}
    beyond = {s: max(n - _pairs(sizes, *sides[s]) * chance, 0.0) for s, n in found.items()}
    return pd.Series(beyond, dtype=float)


PRIOR_MATCHES = 10.0
"""m starts from ``start`` as if this many matches had shown it: a table with nobody twice has
no matches to learn m from, and its sessions' invented classes (namesakes) are not let speak."""


def _pooled(sessions, fields, levels, start, weights: list[float]) -> dict:
    """m per field: the sessions' m weighed by their matches, plus ``PRIOR_MATCHES`` of ``start``."""
    sums = {f: {lv: PRIOR_MATCHES * start[f][lv] for lv in levels[f]} for f in fields}
    total = dict.fromkeys(fields, PRIOR_MATCHES)
    for (_, _, free, m_i), w in zip(sessions, weights, strict=True):
        for f in free:
            total[f] += w
            for lv in levels[f]:
                sums[f][lv] += w * m_i[f][lv]
    return {f: {lv: sums[f][lv] / total[f] for lv in levels[f]} for f in fields}


def _credible(sessions, m, filled, sizes) -> list[float]:
    """Each session's matches, at most what its rule's recall allows of the count the sessions
    agree on (per pair of exports, the median): on the sample's 3,000 customers (nobody twice)
    the *e-mail user* session called 97 % of its namesakes matches — same name, other phone —
    and taught the model that a differing phone says nothing (weight −0.0) and an agreeing city
    counts against (−0.6)."""
    agreed = {(a, b): _stratum_matches(sessions, m, filled, a, b) for a, b in _strata(sizes)}
    out = []
    for rule, by, _, _ in sessions:
        allowed = 0.0
        for (a, b), total in agreed.items():
            found = float(by.get(f"{min(a, b)} | {max(a, b)}", 0.0))
            allowed += min(found, total * _recall(rule, m, filled[a], filled[b]))
        out.append(allowed)
    return out


def _strata(sizes: dict[str, int]) -> list[tuple[str, str]]:
    return [(a, b) for a in sizes for b in sizes if a <= b]


def _pairs(sizes: dict[str, int], a: str, b: str) -> float:
    return sizes[a] * (sizes[b] - 1) / 2 if a == b else sizes[a] * sizes[b]


MIN_RECALL = 0.02
"""A session whose rule catches fewer of a pair of exports' matches than this (a field one of
them lacks) says nothing about how many there are."""


def _stratum_matches(sessions, m, filled, a: str, b: str) -> float:
    """Matches between exports ``a`` and ``b``: each session's found matches there over its
    rule's recall there (the median over sessions).

    Which exports a match joins decides which fields both records have (a till without e-mail,
    a desk without birth date), so a rule's recall is taken per pair of exports from their own
    fill rates; one fill rate over all records over-rated the e-mail rule on matches that
    mostly join the till and under-counted them.
    """
    key = f"{min(a, b)} | {max(a, b)}"
    counted = [s for s in sessions if not SELECTIVE & set(s[0].implies)] or sessions
    found = [(float(by.get(key, 0.0)), _recall(rule, m, filled[a], filled[b])) for rule, by, *_ in counted]
    estimates = [n / recall for n, recall in found if recall >= MIN_RECALL]
    return float(np.median(estimates)) if estimates else 0.0


def _recall(rule: Rule, m: dict[str, dict[int, float]], left: dict[str, float],
            right: dict[str, float]) -> float:
    """Share of true matches between two exports a rule catches: both values present (each
    export's fill rate) and agreeing at its levels."""
    out = 1.0
    for f, lvs in rule.implies.items():
        out *= left.get(f, 0.0) * right.get(f, 0.0) * sum(m[f].get(lv, 0.0) for lv in lvs)
    return out


def _em(patterns: pd.DataFrame, fields: list[str], levels, u, start) -> tuple[dict, float, int]:
    """m of ``fields`` and the match share within one session's pairs, u held fixed."""
    counts = patterns["n"].to_numpy(float)
    m, lam, its = {f: dict(start[f]) for f in fields}, 0.5, 0
    for its in range(1, EM_ITERATIONS + 1):  # noqa: B007 (the count is reported)
        post = _posterior(patterns, fields, m, u, lam)
        new_lam = min(max(float((post * counts).sum() / counts.sum()), 1e-6), 1 - 1e-6)
        m = {f: _level_shares(patterns, f, post * counts, levels[f]) for f in fields}
        converged, lam = abs(new_lam - lam) < 1e-6, new_lam
        if converged:
            break
    return m, lam, its


def _posterior(patterns: pd.DataFrame, fields: list[str], m, u, lam: float) -> np.ndarray:
    log_m = np.zeros(len(patterns))
    log_u = np.zeros(len(patterns))
    for f in fields:
        g = patterns[f].to_numpy()
        known = g >= 0
        log_m += np.where(known, np.log([m[f].get(int(x), 1.0) for x in g]), 0.0)
        log_u += np.where(known, np.log([u[f].get(int(x), 1.0) for x in g]), 0.0)
    odds = np.log(lam / (1 - lam)) + log_m - log_u
    return 1.0 / (1.0 + np.exp(-np.clip(odds, -50, 50)))
