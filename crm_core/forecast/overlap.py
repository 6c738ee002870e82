"""Parts of a ``--by`` split that are totals of other parts.

Statistics exports print a total line beside its parts (a ``全国合计`` row per quarter after the
states) and hierarchies list every level (US employment's 148 series hold "Total Nonfarm" =
"Total Private" + "Government", and "Total Private" = "Goods-Producing" + "Private
Service-Providing"). Summed as parts, each sale is counted once per level: the split's total
was 5.8 times the employment. A part whose series equals, in every period, the sum of other
parts it never falls below is such a total; it is left out of the split (the parts that remain
add up to the real total) and said in a note.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

TOLERANCE = 0.005
"""Relative difference allowed between a part and the sum of its parts (rounded exports: the
accommodation totals to three decimals, employment to a hundred people)."""
MIN_PARTS = 2
"""A part equal to one other part is a copy, not a total of several."""
MAX_STEPS = 300
"""Tries per part before the search gives up (the part is then kept as a part)."""
MIN_PERIODS = 12
"""Periods in which every part reports that must agree: detail series often begin later than
their total (employment's from 1990, "Total Private" from 1939), so the sum is checked where
all its parts have values, over at least this many periods."""


def nested_totals(parts: dict[str, pd.Series]) -> dict[str, list[str]]:
    """Each part that is the sum of other parts in every period, with those parts (largest
    first). Candidates are the parts never above it; they are taken largest first while the sum
    stays under the part in every period (greedy, as a hierarchy's children are its largest
    parts), and the part is a total when that sum meets it in every period all those parts
    report (``MIN_PERIODS`` at least). Splits with a negative
    value (returns, refunds) are not searched: "never above" says nothing there."""
    names = list(parts)
    if len(names) <= MIN_PARTS:
        return {}
    values = np.vstack([parts[n].to_numpy(float) for n in names])
    if values.min() < 0:
        return {}
    slack = TOLERANCE * np.abs(values) + 1e-9
    size = np.abs(values).sum(axis=1)
    order = np.argsort(-size, kind="stable")
    found = {}
    for i in order:
        if size[i] == 0:
            continue
        children = _children(values, slack, size, order, i)
        if len(children) >= MIN_PARTS:
            found[names[i]] = [names[j] for j in children]
    return found


def _children(values: np.ndarray, slack: np.ndarray, size: np.ndarray, order: np.ndarray,
              i: int) -> list[int]:
    """The parts whose sum is part ``i`` in every period they all report (see ``nested_totals``),
    or []: a depth-first search over the parts never above it, largest first, that stops
    after ``MAX_STEPS`` tries."""
    target, room = values[i], slack[i]
    fits = [int(j) for j in order
            if j != i and 0 < size[j] <= size[i] and not np.any(values[j] > target + room)]
    steps = 0

    def search(start: int, running: np.ndarray, chosen: list[int]) -> list[int]:
        nonlocal steps
        for at in range(start, len(fits)):
            steps += 1
            if steps > MAX_STEPS:
                return []
            j = fits[at]
            summed = running + values[j]
            if np.any(summed > target + room):
                continue
            picked = [*chosen, j]
            reported = np.all(values[picked] != 0, axis=0)
            if (len(picked) >= MIN_PARTS and reported.sum() >= MIN_PERIODS
                    and np.all(np.abs(summed - target)[reported] <= room[reported])):
                return picked
            if found := search(at + 1, summed, picked):
                return found
        return []

    return search(0, np.zeros_like(target), [])


def without_totals(series: dict[str, pd.Series],
                   total: str) -> tuple[dict[str, pd.Series], dict[str, list[str]]]:
    """``series`` (the ``total`` series first, then the parts) with the parts that are totals of
    other parts taken out of the split and out of the ``total`` series, and those totals."""
    found = nested_totals({name: y for name, y in series.items() if name != total})
    if not found:
        return series, {}
    kept = {name: y for name, y in series.items() if name not in found}
    kept[total] = series[total] - sum(series[name] for name in found)
    return kept, found
