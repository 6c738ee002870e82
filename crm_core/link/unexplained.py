"""m of the identifiers among the pairs elimination reweighs, learned by an EM session of their own.

Elimination (:mod:`crm_core.link.elimination`) weighs a name between two records that strong links left
unexplained. The matches among those pairs are the ones no phone or e-mail resolved, so their
identifiers differ far more often than over all blocked pairs: scored with the model's m, such a pair
with a differing phone was predicted 0.03 where 0.09 were one person (docs/link.md, link32). An
argued correction, −log₂(1 − s) bits, over-corrected; here the pairs' own levels say how much.

Per pair of exports, over its *others resolved* and *none resolved* pairs: each pair keeps its score
(name, city, the stratum's prior) but for what a new m of its e-mail's and phone's levels adds
(log₂(m'/m); u stays the model's), and that m is learned by EM, starting from and shrunk with
``PRIOR_MATCHES`` to the pair of exports' m. Those pairs' weights are then re-read with it.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from crm_core.link.elimination import NONE_RESOLVED, RESOLVED, put
from crm_core.link.priors import PRIOR_MATCHES, prior_sql, sql_text

if TYPE_CHECKING:
    from crm_core.link.model import Model

EM_ITERATIONS = 40
REWEIGHED = f"name_elimination IN ({sql_text(RESOLVED)}, {sql_text(NONE_RESOLVED)})"
"""The pairs whose name elimination weighed by the unexplained holders."""


def _patterns(con, fields: list[str], priors: dict[str, float]) -> pd.DataFrame:
    """Counts per (stratum, the fields' levels, the pair's log₂ odds to 0.1 bit) over the reweighed pairs."""
    levels = ", ".join(f"g_{f}" for f in fields)
    return con.execute(f"""SELECT stratum, {levels}, round({prior_sql(priors)} + evidence, 1) AS score,
        count(*) AS n FROM __link_evidence WHERE {REWEIGHED} GROUP BY ALL""").df()


def _moved(m: dict[int, float], start: dict[int, float], g: np.ndarray) -> np.ndarray:
    """log₂(m/start) of each pair's level: the weight it gains over the model's (0 where missing)."""
    return np.array([math.log2(m[int(x)] / start[int(x)]) if x >= 0 else 0.0 for x in g])


def _session(part: pd.DataFrame, fields: list[str],
             start: dict[str, dict[int, float]]) -> dict[str, dict[int, float]]:
    """EM over one pair of exports' reweighed pairs: m of ``fields``; u and the other fields' weights held."""
    counts, score = part["n"].to_numpy(float), part["score"].to_numpy(float)
    m = {f: dict(start[f]) for f in fields}
    for _ in range(EM_ITERATIONS):
        odds = score + sum(_moved(m[f], start[f], part[f"g_{f}"].to_numpy()) for f in fields)
        weight = counts / (1.0 + np.power(2.0, -np.clip(odds, -60, 60)))
        new = {f: _shares(part[f"g_{f}"].to_numpy(), weight, start[f]) for f in fields}
        moved = max(abs(new[f][lv] - m[f][lv]) for f in fields for lv in m[f])
        m = new
        if moved < 1e-6:
            break
    return m


def _shares(g: np.ndarray, weight: np.ndarray, start: dict[int, float]) -> dict[int, float]:
    """Each level's share of the expected matches comparing the field, plus ``PRIOR_MATCHES`` of ``start``."""
    total = float(weight[g >= 0].sum()) + PRIOR_MATCHES
    return {lv: (float(weight[g == lv].sum()) + PRIOR_MATCHES * s) / total for lv, s in start.items()}


def relearn(con, model: Model, priors: dict[str, float]) -> dict[str, dict[str, dict[int, float]]]:
    """Re-read the e-mail's and the phone's weights of the reweighed pairs in ``__link_evidence`` with
    m learned among them per pair of exports; returns that m (field → stratum → level)."""
    fields = [f for f in model.m_by_exports if f in model.fields]
    if not fields:
        return {}
    patterns = _patterns(con, fields, priors)
    learned: dict[str, dict[str, dict[int, float]]] = {f: {} for f in fields}
    rows = []
    for stratum, part in patterns.groupby("stratum"):
        start = {f: model.m_by_exports[f].get(stratum, model.m[f]) for f in fields}
        m = _session(part, fields, start)
        for f in fields:
            learned[f][stratum] = m[f]
            rows += [(stratum, f, lv, math.log2(m[f][lv] / start[f][lv])) for lv in m[f]]
    if rows:
        put(con, "__link_relearnt", pd.DataFrame(rows, columns=["stratum", "fld", "g", "bits"]))
        for f in fields:
            con.execute(f"""UPDATE __link_evidence e
                SET w_{f} = e.w_{f} + d.bits, evidence = e.evidence + d.bits FROM __link_relearnt d
                WHERE d.fld = {sql_text(f)} AND d.stratum = e.stratum AND d.g = e.g_{f} AND e.{REWEIGHED}""")
        con.execute("DROP TABLE IF EXISTS __link_relearnt")
    return learned
