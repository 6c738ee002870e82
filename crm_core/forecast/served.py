"""The candidates in the order of the backtest error shown beside them, and, when the served one
is not first, why it was served, in words.

The choice (``backtest.choose``) keeps the mean of the models unless another candidate's lead over
it exceeds its own noise across origins, and ranks the rest by recent MASE; the summary and the
page show the MASE over all origins. On judge18's Google Analytics export the served mean (MASE
2.23) was listed first above the last value (1.88): an analyst reads that as serving a loser."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from crm_core.forecast.backtest import LEAD_NOISE, MIN_ORIGINS, methods_of, origin_mase, paired_lead
from crm_core.forecast.candidates import ENSEMBLE, MSTL, OWN, SHARE
from crm_core.i18n import Sentence, Term
from crm_core.report.run_grid import model_words

if TYPE_CHECKING:
    from crm_core.forecast.run import SeriesForecast

PART_SERVED = "forecast.note.part_served"
"""A part's own served note, named by the part: the CLI prints it, the page shows it beside that
part's verdict rather than among the run's notes."""


def by_error(result: SeriesForecast) -> list[str]:
    """The candidates by their backtest MASE over all origins, lowest first; a tie keeps the
    served one, then the recent MASE's order, ahead (the metrics' own order)."""
    def error(method: str) -> float:
        mase = result.metrics[method].get("mase")
        return math.inf if mase is None or math.isnan(mase) else mase
    return sorted(result.metrics, key=error)


def _named(method: str) -> Term:
    return Term(model_words(method, "en"), zh=model_words(method, "zh"))


def _apart(first: float, second: float) -> tuple[str, str]:
    """Two errors with as many decimals (two to four) as tell them apart: walk36's 1688 year said ETS
    "erred less … (MASE 0.52 against 0.52)" for 0.516 and 0.523, which reads as a contradiction."""
    for digits in (2, 3, 4):
        said = f"{first:.{digits}f}", f"{second:.{digits}f}"
        if said[0] != said[1]:
            break
    return said


def _short_of_rule(lead: float) -> str:
    """A lead under the rule with as many decimals (one to three) as keep it under: 知识星球's 1.47 said
    "only 1.5 times …, and a lead counts from 1.5 times" read as a lead that met the rule (walk39)."""
    return next((f"{lead:.{d}f}" for d in (1, 2, 3) if float(f"{lead:.{d}f}") < LEAD_NOISE), f"{lead:.3f}")


def served_note(result: SeriesForecast) -> Sentence | None:
    """Why the served model is not the one with the lowest backtest error shown, or None when it
    is: too few origins to tell a lead from chance, a lead within its noise (``LEAD_NOISE``), or
    the served one erring less at the latest origins, which weigh more."""
    best, served = by_error(result)[0], result.winner
    if best == served:
        return None
    metrics = result.metrics
    best_mase, served_mase = _apart(metrics[best]["mase"], metrics[served]["mase"])
    said = {"best": _named(best), "served": _named(served),
            "best_mase": best_mase, "served_mase": served_mase}
    per_origin = origin_mase(result.fits, 1.0)  # a lead in its own noise does not depend on the scale
    if len(per_origin) < MIN_ORIGINS:
        return Sentence("forecast.note.served_few", origins=len(per_origin), **said)
    default = next((m for m in (ENSEMBLE, SHARE) if m in per_origin), None)
    lead = paired_lead(per_origin, default)[best] if default and best != default else math.inf
    if lead < 0.05:  # "only 0.0 times how much that lead varied" said a tie as a multiple (walk30)
        return Sentence("forecast.note.served_tie", **said)
    if lead <= LEAD_NOISE:
        return Sentence("forecast.note.served_noise", lead=_short_of_rule(lead), needed=f"{LEAD_NOISE:g}",
                        **said)
    best_recent, served_recent = _apart(metrics[best]["recent_mase"], metrics[served]["recent_mase"])
    return Sentence("forecast.note.served_recent", origins=len(per_origin),
                    best_recent=best_recent, served_recent=served_recent, **said)


def part_notes(parts: list[SeriesForecast]) -> list[Sentence]:
    """Each part's served note, naming the part: a split's part shows its own grid ordered by error
    (judge18's pages: ETS first above a served mean), and said for the total only, the why of
    each part was left to guess (fc19)."""
    return [Sentence(PART_SERVED, name=part.group, note=note)
            for part in parts if (note := served_note(part))]


def about_a_part(note: object) -> bool:
    """Whether a run's note is one part's served note (shown with that part, not the run)."""
    return getattr(note, "key", None) == PART_SERVED


def without_copies(fits: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    """The backtest without a candidate that forecast exactly as an earlier one at every origin,
    and which each copied. Under two years MSTL has no season to take out and forecasts as ETS
    (``candidates.statistical_forecasts``): walk20's 52 weeks listed ETS, MSTL and the mean of the
    two best ("ETS + MSTL") with the same errors to the last digit, as if three models agreed.
    The defaults (the mean, a part's share) stay: the choice starts from them."""
    methods, copies = methods_of(fits), {}
    for i, method in enumerate(methods):
        if method in (ENSEMBLE, SHARE):
            continue
        values = fits[method].to_numpy(float)
        model = next((m for m in methods[:i] if m not in copies
                      and np.array_equal(values, fits[m].to_numpy(float), equal_nan=True)), None)
        if model:
            copies[method] = model
    return fits.drop(columns=[c for c in fits.columns if c.split(OWN)[0] in copies]), copies


def copy_notes(result: SeriesForecast) -> list[Sentence]:
    """Which candidate was left out of the ranking as a copy of which, and for MSTL why."""
    return [Sentence("forecast.note.copy_mstl" if copy == MSTL else "forecast.note.copy",
                     copy=_named(copy), model=_named(model)) for copy, model in result.copies.items()]
