"""How many best-sellers lately a new-to-customer list may choose among: the 5,000, or twice as many.

On rec25's nine windows, of the new products households bought in the test weeks that main's lists
missed, 38–43 % were outside the 5,000 best-sellers lately on the logs with product ids (the largest
kind; docs/recommend.md, rec37): no list could hold them. The wider set is tried once, with the
blend's chosen weights, on the validation window, and kept only when it lists better there.
"""

from __future__ import annotations

import pandas as pd

from crm_core.recommend.evaluate import Judge, blend_scorer
from crm_core.recommend.model import CANDIDATES, Recommender, used

WIDER = 2 * CANDIDATES
"""The candidates tried beside :data:`.model.CANDIDATES`: the next 5,000 best-sellers lately."""


def widened(model: Recommender, candidates: int) -> Recommender:
    """The fitted model choosing among the ``candidates`` best-sellers lately (the neighbours and
    the purchases stay; the candidate columns and the item regression over them are rebuilt)."""
    model.candidates = candidates
    return model.set_recency(model.half_life_days, model.popular_days)


def choose(model: Recommender, window: pd.DataFrame, weights: dict[str, float], k: int,
           narrow: tuple[float, float]) -> tuple[int, float | None]:
    """The candidates for the lists and the wider set's validation hit rate (None: not tried, the
    catalogue holds no more). ``narrow``: (hit@k, precision@k) of the chosen blend as it is;
    the wider set must beat it (ties: the narrower, the cheaper list). Leaves ``model`` narrow."""
    if len(model.products_) <= model.candidates:
        return model.candidates, None
    width = model.candidates
    wide = Judge.of(widened(model, WIDER), window).score({"wide": blend_scorer(model, weights)}, k,
                                                         used(weights))["wide"]
    widened(model, width)
    better = (wide["hit_rate"] or 0, wide["precision"] or 0) > narrow
    return (WIDER if better else width), wide["hit_rate"]
