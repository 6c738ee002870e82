"""From scored pairs to customers: decisions applied, connected components, stable keys, the
unified customer table, and the model's own estimate of precision and recall.

Everything here works on the frames of one scored run (an in-memory DuckDB over them), so the
page can move the threshold without scoring again.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from crm_core.i18n import t
from crm_core.link.model import Level, comparisons

CURVE_THRESHOLDS = (0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999)


def mark_decisions(pairs: pd.DataFrame, records: pd.DataFrame, decisions: pd.DataFrame) -> pd.DataFrame:
    """``pairs`` with a ``decision`` column; confirmed pairs that were never candidates are added."""
    out = pairs.assign(decision=None)
    if decisions.empty:
        return out
    ids = {(s, i): rid for rid, s, i in records[["rid", "src", "record_id"]].itertuples(index=False)}
    found = {}
    for lt, li, rt, ri, decision in decisions[["left_table", "left_id", "right_table", "right_id",
                                               "decision"]].itertuples(index=False):
        a, b = ids.get((lt, li)), ids.get((rt, ri))
        if a is not None and b is not None and a != b:
            found[(min(a, b), max(a, b))] = decision
    if not found:
        return out
    index = pd.MultiIndex.from_frame(out[["l", "r"]])
    out["decision"] = [found.pop(k, None) for k in index]
    extra = [(a, b) for (a, b), d in found.items() if d == "confirm"]
    if extra:
        added = pd.DataFrame(extra, columns=["l", "r"]).assign(match_probability=1.0, match_weight=np.inf,
                                                              decision="confirm")
        out = pd.concat([out, added], ignore_index=True)
    return out


def linked(pairs: pd.DataFrame, threshold: float) -> pd.Series:
    """Which pairs are links: above the threshold and not rejected, or confirmed."""
    return ((pairs["match_probability"] >= threshold) & (pairs["decision"] != "reject")) | (
        pairs["decision"] == "confirm")


def identity_map(records: pd.DataFrame, pairs: pd.DataFrame, threshold: float,
                 apart: pd.DataFrame | None = None) -> pd.DataFrame:
    """``table, record_id, customer_key`` per record (the key: a hash of the cluster's first
    record, so it stays the same while the cluster keeps that record); two pieces join only
    when the evidence between all their records says so (:func:`clusters`)."""
    return keyed(records, clusters(records, pairs, threshold, apart).labels)


def keyed(records: pd.DataFrame, labels: np.ndarray) -> pd.DataFrame:
    """``table, record_id, customer_key`` of records labelled by :func:`clusters`. Two customers
    whose first record is the same id (an id two people share, split by
    :mod:`crm_core.link.shared_ids`) are told apart by their order: both took one key, so the
    split showed nowhere downstream."""
    frame = records[["rid", "src", "record_id"]].assign(cluster=labels[records["rid"].to_numpy()])
    with duckdb.connect() as mem:
        mem.register("frame", frame)
        return mem.sql("""
        WITH first AS (SELECT rid, min(src || ':' || record_id) OVER (PARTITION BY cluster) AS head,
                              min(rid) OVER (PARTITION BY cluster) AS lead FROM frame),
        nth AS (SELECT *, dense_rank() OVER (PARTITION BY head ORDER BY lead) AS k FROM first)
        SELECT src AS "table", record_id,
               'C' || left(md5(head || CASE WHEN k > 1 THEN ':' || k ELSE '' END), 10) AS customer_key
        FROM frame JOIN nth USING (rid) ORDER BY rid""").df()


@dataclass
class Clusters:
    """Each record's cluster label, the record pairs the clusters hold and how many of them the
    model expects to be one person (each join makes |A|·|B| pairs, true with its link's
    probability): the pairs the judged pairwise precision and recall count."""

    labels: np.ndarray
    pairs: int
    expected_true: float
    inside_probability: float
    """The scored pairs inside the clusters, their own probabilities summed."""

    @property
    def estimated_precision(self) -> float | None:
        """``None`` when no link joined two records: nothing to be right about."""
        return self.expected_true / self.pairs if self.pairs else None

    def estimate(self, threshold: float, expected_total: float) -> dict:
        """The customers' estimated pairwise precision (the links' mean probability under-rated
        clusters held together by near-certain links: English exports 0.93 where the clusters
        were estimated 0.96 and judged 0.97), and recall: their expected true pairs over the
        model's ``expected_total`` matches with the pairs inside the clusters counted as the
        clusters count them. Over ``expected_total`` alone, which misses the pairs a cluster
        holds without a comparison, it read 0.04–0.07 high on validation (docs/link.md). Both are
        None when no link joined two records: an order log's 0.0 % recall beside its 942 customers
        read as measured."""
        precision = self.estimated_precision
        if precision is None:
            return {"threshold": threshold, "pairs_in_customers": 0,
                    "estimated_precision": None, "estimated_recall": None}
        matches = expected_total - self.inside_probability + self.expected_true
        recall = min(self.expected_true / matches, 1.0) if matches > 0 else 1.0
        return {"threshold": threshold, "pairs_in_customers": self.pairs,
                "estimated_precision": round(precision, 4), "estimated_recall": round(recall, 4)}


def clusters(records: pd.DataFrame, pairs: pd.DataFrame, threshold: float,
             apart: pd.DataFrame | None = None, evidence: Evidence | None = None) -> Clusters:
    """Links joined strongest first (confirmed ones before all), each joining two pieces only
    when the summed evidence between *all* their records is at least the threshold's (each
    compared pair across counts its weight over the threshold's, a pair never compared nothing)
    and no pair across is kept apart — scored under 1 % or rejected by the analyst. A link scored
    ≥ ``STRONG`` joins unless the analyst rejected a pair it would join; a confirmed one always.

    Connected components let one link at 0.4 to a namesake pull that person's other records in
    against their own comparisons (a different phone, 0.05); only pairs under 1 % were kept
    apart. The sum weighs every comparison: a support contact at 0.6 with a web record and 0.05
    with the till record that is surely the same person stays out (validation, English exports at
    threshold 0.2: precision 0.963 → 0.974, recall 0.906 → 0.903, so the threshold can go lower).
    Each join makes |A|·|B| pairs, true with the joining link's probability, or surely true when
    the analyst confirmed it (the pairs the judged precision counts, which the links' mean did not).
    ``evidence``: :func:`cross_evidence` of these pairs, when the caller tries several thresholds.
    """
    n = int(records["rid"].max()) + 1 if len(records) else 0
    links = pairs[linked(pairs, threshold)].assign(confirmed=lambda f: f["decision"] == "confirm") \
        .sort_values(["confirmed", "match_probability"], ascending=False)
    bar = math.log2(threshold / (1 - threshold))
    evidence = cross_evidence(pairs, apart) if evidence is None else evidence
    parent, members, people = _id_pieces(records, n)
    expected = joined = 0.0

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for x, y, p, confirmed in links[["l", "r", "match_probability", "confirmed"]].itertuples(index=False,
                                                                                              name=None):
        a, b = root(x), root(y)
        if a == b:
            continue
        piece, other = members.get(a) or [a], members.get(b) or [b]
        if len(piece) > len(other):
            a, b, piece, other = b, a, other, piece
        if not confirmed and (evidence.rejected_between(piece, other) or _apart(people.get(a), people.get(b))
                              or (p < STRONG and not evidence.enough(piece, other, bar))):
            continue
        expected += (1.0 if confirmed else p) * len(piece) * len(other)
        joined += len(piece) * len(other)
        parent[a] = b
        members[b] = other + piece
        members.pop(a, None)
        if a in people:
            people[b] = {**people.pop(a), **people.get(b, {})}
    labels = np.array([root(x) for x in range(n)])
    inside = labels[pairs["l"].to_numpy(int)] == labels[pairs["r"].to_numpy(int)]
    return Clusters(labels, int(joined), expected, float(pairs["match_probability"].to_numpy()[inside].sum()))


def _id_pieces(records: pd.DataFrame, n: int) -> tuple[list[int], dict[int, list[int]], dict[int, dict]]:
    """Union-find over ``n`` records with the records of one person under one id already joined
    (``piece``, :mod:`crm_core.link.shared_ids`): a till member's old and new phone, the desk's
    陈娜 and CHEN Na under one number. And per piece of an id several people share, that id and
    the piece, so no link puts the id's people back into one customer."""
    parent, members = list(range(n)), {}  # a list: numpy's element access was a third of the time
    if "piece" not in records or not n:
        return parent, members, {}
    rid, piece = records["rid"].to_numpy(int), records["piece"].to_numpy(int)
    for r, p in zip(rid, piece, strict=True):
        if r != p:
            parent[r] = p
            members.setdefault(p, [p]).append(r)
    shared = records[records["shared"] >= 0]
    people = {int(p): {int(s): int(p)} for p, s in zip(shared["piece"], shared["shared"], strict=True)}
    return parent, members, people


def _apart(left: dict | None, right: dict | None) -> bool:
    """Whether two pieces hold different people of one shared id (id → its piece in each)."""
    return bool(left and right) and any(right.get(s, p) != p for s, p in left.items())


@dataclass
class Evidence:
    """The weight of every compared pair, the pairs kept apart (scored under 1 %) and those the
    analyst rejected, each keyed by (lower record, higher record)."""

    weights: dict[tuple[int, int], float]
    apart: set[tuple[int, int]]
    rejected: set[tuple[int, int]]

    def enough(self, piece: list[int], other: list[int], bar: float) -> bool:
        """Whether the compared pairs between two pieces weigh at least ``bar`` each, summed, and
        none of them is kept apart. The bar is a probability turned back into bits, so a link at
        exactly the threshold (the best F1 is a pair's own score) is let through its rounding: 34
        guests linked to their points ledger by the phone alone, all scored 0.877 and the default
        threshold 0.877, were none of them joined."""
        across = [(min(x, y), max(x, y)) for x in piece for y in other]
        if any(pair in self.apart for pair in across):
            return False
        found = [self.weights[pair] for pair in across if pair in self.weights]
        return sum(found) >= (bar - ROUNDING) * len(found)

    def rejected_between(self, piece: list[int], other: list[int]) -> bool:
        """Whether the analyst rejected a pair between the two pieces."""
        return bool(self.rejected) and any((min(x, y), max(x, y)) in self.rejected
                                           for x in piece for y in other)


def cross_evidence(pairs: pd.DataFrame, apart: pd.DataFrame | None) -> Evidence:
    """:class:`Evidence` of the scored pairs (l < r) and of the pairs kept apart (``apart``)."""
    rejected = (pairs["decision"] == "reject").to_numpy()
    kept = pairs[~rejected]
    return Evidence(dict(zip(_keys(kept), kept["match_weight"].to_numpy(float), strict=True)),
                    set() if apart is None else set(_keys(apart)), set(_keys(pairs[rejected])))


def _keys(pairs: pd.DataFrame) -> list[tuple[int, int]]:
    """(l, r) of each row (l < r, as blocking and the review decisions write them)."""
    return list(zip(pairs["l"].to_numpy(int), pairs["r"].to_numpy(int), strict=True))


STRONG = 0.99
"""A link this sure joins its records whatever the evidence between the rest (the bar
elimination calls resolved); chosen among 0.99, 0.999 and 0.9999 on validation runs (docs/link.md)."""


OPTIONAL_FIELDS = ("id_number", "postcode", "address")
"""Fields of the unified table only when some export has them (most CRM exports do not)."""


def unified(records: pd.DataFrame, ids: pd.DataFrame) -> pd.DataFrame:
    """One row per customer: the most common value of each field and the source records. An account
    (:mod:`crm_core.link.accounts`: deals naming only their company, joined to its contacts) is named by
    its company, not by its most common contact; the contacts stay among its records."""
    keyed = records.assign(customer_key=ids["customer_key"].to_numpy())
    with duckdb.connect() as mem:
        mem.register("keyed", keyed)
        table = mem.sql("""
        SELECT customer_key, count(*) AS records,
               coalesce(mode(company_raw) FILTER (WHERE coalesce(name_raw, email_n, phone_n) IS NULL),
                        mode(name_raw)) AS name, mode(email_n) AS email, mode(phone_n) AS phone,
               mode(id_number_n) AS id_number, mode(city_raw) AS city, mode(postcode_raw) AS postcode,
               mode(address_raw) AS address, mode(birth_date_raw) AS birth_date,
               string_agg(DISTINCT src, ', ' ORDER BY src) AS tables,
               string_agg(src || ':' || record_id, ', ' ORDER BY src, record_id) AS source_records
        FROM keyed GROUP BY customer_key ORDER BY records DESC, customer_key""").df()
    return table.drop(columns=[f for f in OPTIONAL_FIELDS if table[f].isna().all()])


ROUNDING = 1e-9
"""Bits a weight may lose turned into a probability and back."""


def default_threshold(records: pd.DataFrame, pairs: pd.DataFrame, expected_total: float,
                      apart: pd.DataFrame | None = None) -> float:
    """The lowest threshold whose clusters' estimated precision (:func:`clusters`) is at least
    ``PRECISION_TARGET``, never under ``LOWEST`` nor above the best estimated F1
    (:func:`best_threshold`); found by bisection (the estimate falls as the threshold does). A
    threshold that links nothing has no precision to keep: two exports with no customer in
    common keep the best F1 (≥ 0.5).

    At the F1 optimum the clusters' precision was 0.97–0.99 on every validation run while recall
    missed its bar: name-only pairs scored 0.2–0.5 are one person often enough to spend the
    headroom on. The links' mean probability under-rated the clusters — a link inside a cluster
    of near-certain links counts its own 0.4, though its records are one person through the
    others — so it stopped English exports at 0.37 where their clusters were 97.6 % precise.
    """
    at = undecided(records, pairs, apart)

    def precise(threshold: float) -> bool:
        found = at(threshold).estimated_precision
        return found is not None and found >= PRECISION_TARGET

    low, high = LOWEST, best_threshold(pairs, expected_total)
    if precise(low):
        return low
    for _ in range(BISECTIONS):
        middle = (low + high) / 2
        low, high = (low, middle) if precise(middle) else (middle, high)
    return high


PRECISION_TARGET = 0.955
"""Estimated precision of the clusters the default threshold keeps: the bar of 0.95 plus half a point
(one point until a desk–web namesake's differing e-mail was weighed by its own m: docs/link.md, link31)."""
LOWEST = 0.15
"""The default threshold's floor: exports the model is sure of (FEBRL, masked, gentle) keep
their target far down, where a pair is 85 % likely two people."""
BISECTIONS = 6
"""Steps of the threshold search: (0.5 − 0.15) / 2⁶, a threshold within 0.006."""


def best_threshold(pairs: pd.DataFrame, expected_total: float) -> float:
    """The threshold with the best estimated F1 on this run's own scores.

    With calibrated scores the links at threshold t have F1 = 2·S / (links + expected matches), S
    their summed probability, so a pair belongs above it when its probability exceeds half the
    F1 reached: the bar follows how sure the model is on these exports instead of a fixed 0.6
    chosen on other data. Chosen among 0.6, 0.5 and this rule on validation runs (docs/link.md).
    Never under ``EVEN_ODDS``: the F1 bar sinks with the F1, and two exports with no customer in
    common (best F1 0.08) were linked from 0.034 on, namesakes at 4 % estimated precision.
    """
    p = np.sort(pairs["match_probability"].to_numpy(float))[::-1]
    if not len(p) or expected_total <= 0:
        return EVEN_ODDS
    f1 = 2 * np.cumsum(p) / (np.arange(1, len(p) + 1) + expected_total)
    return max(float(p[int(np.argmax(f1))]), EVEN_ODDS)


EVEN_ODDS = 0.5
"""The lowest best-F1 threshold: a pair under it is more likely two people than one (the
default goes under it only where the precision target allows)."""


def expected_people(records: pd.DataFrame, pairs: pd.DataFrame) -> float:
    """How many people the records are, by the model's own probabilities: a record whose person
    has r records counts 1/r, and r is one plus its expected matches among the candidates —
    the count the clusters would have if every pair were decided as the model believes."""
    sides = pd.concat([pairs[["l", "match_probability"]].set_axis(["rid", "p"], axis=1),
                       pairs[["r", "match_probability"]].set_axis(["rid", "p"], axis=1)])
    others = sides.groupby("rid")["p"].sum().reindex(records["rid"], fill_value=0.0)
    return float((1.0 / (1.0 + others)).sum())


def undecided(records: pd.DataFrame, pairs: pd.DataFrame,
              apart: pd.DataFrame | None = None) -> Callable[[float], Clusters]:
    """:func:`clusters` of the model's own links at any threshold, the analyst's decisions left
    out and the evidence between records gathered once (a threshold search, a curve)."""
    plain = pairs.assign(decision=None)
    evidence = cross_evidence(plain, apart)
    return lambda threshold: clusters(records, plain, threshold, apart, evidence)


def curve(records: pd.DataFrame, pairs: pd.DataFrame, expected_total: float,
          apart: pd.DataFrame | None = None) -> pd.DataFrame:
    """The customers' estimated precision and recall (:meth:`Clusters.estimate`) at each of
    ``CURVE_THRESHOLDS``: one clustering per threshold, so once per scored run."""
    at = undecided(records, pairs, apart)
    return pd.DataFrame([at(t).estimate(t, expected_total) for t in CURVE_THRESHOLDS])


def level_label(level: Level, lang: str = "en") -> str:
    """An agreement level in words (``exact``, ``last 8 digits`` …) in ``lang``."""
    return t("link.level." + level.label.replace(" ", "_"), lang)


def _said(note: object, lang: str) -> str:
    """A note on the level (an elimination's ``others resolved``, a ``name by email``) as the
    clause after it, or nothing."""
    return t(f"link.elimination.{note.replace(' ', '_')}", lang) if isinstance(note, str) else ""


def agreeing(pairs: pd.DataFrame, fields: list[str], masked: dict[str, bool], lang: str = "en",
             name_by_email=None) -> pd.Series:
    """``name (exact, +9.1); phone (last 8 digits, +6.0)`` for each pair: why it was linked (a
    weight from elimination says so: ``name (exact, other holders of the name already matched, +2.3)``;
    a name one record's e-mail spelled, ``name_by_email`` per pair, says so too: "Noah Edwrds" and
    "Noah Edwards" read as an exact name without it)."""
    labels = {f: {lv.level: level_label(lv, lang) for lv in comparisons(f, masked[f])} for f in fields}
    spelled = pd.Series(False if name_by_email is None else name_by_email, index=pairs.index)
    parts = []
    for f in fields:
        g, w = pairs[f"g_{f}"].fillna(-1).astype(int), pairs[f"w_{f}"].fillna(0.0)
        notes = pairs.get(f"{f}_elimination", pd.Series(None, index=pairs.index))
        by_email = spelled if f == "name" else pd.Series(False, index=pairs.index)
        parts.append([t("link.agrees", lang, field=t(f"link.field.{f}", lang), weight=f"{wt:+.1f}",
                        level=labels[f][lv] + _said(mail and "name by email", lang) + _said(note, lang))
                      if lv > 0 else "" for lv, wt, note, mail in zip(g, w, notes, by_email, strict=True)])
    separator = t("link.agrees.separator", lang)
    return pd.Series([separator.join(p for p in row if p) for row in zip(*parts, strict=True)]
                     if parts else [""] * len(pairs), index=pairs.index)
