"""m of the identifiers among the pairs elimination reweighs, learned by an EM session of their own.

Elimination (:mod:`crm_core.link.elimination`) weighs a name between two records that strong links left
unexplained. The matches among those pairs are the ones no phone or e-mail resolved, so their
identifiers differ far more often than over all blocked pairs: scored with the model's m, such a pair
with a differing phone was predicted 0.03 where 0.09 were one person (docs/link.md, link32). An
argued correction, −log₂(1 − s) bits, over-corrected; here the pairs' own levels say how much.

Per pair of exports, over its *others resolved* and *none resolved* pairs: each pair's prior is its
score without the e-mail's and the phone's weights (the name's elimination weight, the city, the
stratum's prior), and m and u of those fields' levels *among these pairs* — not compared counted as a
level, since exact agreements were resolved away and every compared pair differs — are learned by EM
(``PRIOR_MATCHES`` pairs spread as all the pairs are: a few pairs say nothing). The pairs' e-mail and
phone weights become log₂(m/u) of their level there.
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
    """Counts per (stratum, the fields' levels, −1 where not compared, the pair's log₂ odds without
    those fields, to 0.1 bit) over the reweighed pairs."""
    levels = ", ".join(f"greatest(g_{f}, -1) AS g_{f}" for f in fields)
    rest = " - ".join([f"{prior_sql(priors)} + evidence"] + [f"w_{f}" for f in fields])
    return con.execute(f"""SELECT stratum, {levels}, round({rest}, 1) AS rest, count(*) AS n
        FROM __link_evidence WHERE {REWEIGHED} GROUP BY ALL""").df()


def _shares(g: np.ndarray, weight: np.ndarray, prior: dict[int, float]) -> dict[int, float]:
    """Each level's share of ``weight``, plus ``PRIOR_MATCHES`` pairs spread as ``prior``."""
    total = float(weight.sum()) + PRIOR_MATCHES
    return {lv: (float(weight[g == lv].sum()) + PRIOR_MATCHES * p) / total for lv, p in prior.items()}


def _session(part: pd.DataFrame, fields: list[str]) -> dict[str, dict[int, float]]:
    """EM over one pair of exports' reweighed pairs: per field, log₂(m/u) of each level, not compared
    included; each pair's other evidence held fixed."""
    counts, rest = part["n"].to_numpy(float), part["rest"].to_numpy(float)
    g = {f: part[f"g_{f}"].to_numpy() for f in fields}
    seen = {f: _shares(g[f], counts, dict.fromkeys(np.unique(g[f]).tolist(), 0.0)) for f in fields}
    m, u = dict(seen), dict(seen)
    for _ in range(EM_ITERATIONS):
        odds = rest + sum(np.log2([m[f][x] / u[f][x] for x in g[f]]) for f in fields)
        post = 1.0 / (1.0 + np.power(2.0, -np.clip(odds, -60, 60)))
        new_m = {f: _shares(g[f], counts * post, seen[f]) for f in fields}
        new_u = {f: _shares(g[f], counts * (1 - post), seen[f]) for f in fields}
        moved = max(abs(new_m[f][lv] - m[f][lv]) for f in fields for lv in m[f])
        m, u = new_m, new_u
        if moved < 1e-6:
            break
    return {f: {lv: math.log2(m[f][lv] / u[f][lv]) for lv in m[f]} for f in fields}


def relearn(con, model: Model, priors: dict[str, float]) -> dict[str, dict[str, dict[int, float]]]:
    """Re-read the e-mail's and the phone's weights of the reweighed pairs in ``__link_evidence`` with
    m and u learned among them per pair of exports; returns those weights (field → stratum → level)."""
    fields = [f for f in model.m_by_exports if f in model.fields]
    if not fields:
        return {}
    patterns = _patterns(con, fields, priors)
    learned: dict[str, dict[str, dict[int, float]]] = {f: {} for f in fields}
    rows = []
    for stratum, part in patterns.groupby("stratum"):
        bits = _session(part, fields)
        for f in fields:
            learned[f][stratum] = bits[f]
            rows += [(stratum, f, lv, w) for lv, w in bits[f].items()]
    if rows:
        put(con, "__link_relearnt", pd.DataFrame(rows, columns=["stratum", "fld", "g", "bits"]))
        for f in fields:
            con.execute(f"""UPDATE __link_evidence e
                SET w_{f} = d.bits, evidence = e.evidence - e.w_{f} + d.bits FROM __link_relearnt d
                WHERE d.fld = {sql_text(f)} AND d.stratum = e.stratum AND d.g = greatest(e.g_{f}, -1)
                AND e.{REWEIGHED}""")
        con.execute("DROP TABLE IF EXISTS __link_relearnt")
    return learned
