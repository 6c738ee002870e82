"""A lead within noise hedged with the default (fc35).

``backtest.choose`` keeps the default unless a challenger's lead exceeds ``LEAD_NOISE`` times its
noise across origins. When the backtest ranks a single challenger first and ahead of the default on
average, but within that noise, the two are tied on the evidence: serving the default alone drops a
candidate the backtest could not tell apart from it. The forecast-combination answer to a tie is
their equal mean. On WooCommerce weekly's 52 weeks the last value led the mean of ETS, Theta and MSTL
at three of four origins (0.85 standard errors) and lost the latest."""

from __future__ import annotations

import pandas as pd

from crm_core.forecast import BLEND
from crm_core.forecast.backtest import MIN_ORIGINS, origin_mase, paired_lead, recent_mase
from crm_core.forecast.candidates import combined


def hedged(fits: pd.DataFrame, scale: float, default: str | None, chosen: str) -> tuple[pd.DataFrame, str]:
    """``fits`` with the hedge's column and its name when the series passes (the default served, a
    single challenger ranked first by recent MASE and ahead on average); else both unchanged."""
    if default is None or chosen != default:
        return fits, chosen
    per_origin = origin_mase(fits, scale)
    if len(per_origin) < MIN_ORIGINS:
        return fits, chosen
    leader = str(recent_mase(per_origin).index[0])
    if leader == default or BLEND in leader or paired_lead(per_origin, default)[leader] <= 0:
        return fits, chosen
    name = BLEND.join((leader, default))
    return fits.assign(**combined(fits, (leader, default), name)), name
