"""How far a measured rate or ROC AUC may sit from the truth on the customers it was measured on:
the 95% margin a page prints under the number, so that a lead of two points on 2,000 held-out
customers (a hit rate's margin is about ±2.2 points there) is not read as a win."""

from __future__ import annotations

import math

Z95 = 1.96


def share_margin(share: float, n: int) -> float:
    """95% margin of a share measured on ``n`` customers (normal approximation to the binomial)."""
    if not n:
        return float("nan")
    return Z95 * math.sqrt(max(share * (1 - share), 0.0) / n)


def auc_standard_error(auc: float, positives: int, negatives: int) -> float:
    """Hanley & McNeil's (1982) standard error of a ROC AUC: closed form from the AUC and the two
    class sizes, no resampling of the validation customers (nan when a class is empty)."""
    if not positives or not negatives:
        return float("nan")
    q1, q2 = auc / (2 - auc), 2 * auc * auc / (1 + auc)
    variance = (auc * (1 - auc) + (positives - 1) * (q1 - auc * auc)
                + (negatives - 1) * (q2 - auc * auc)) / (positives * negatives)
    return math.sqrt(max(variance, 0.0))


def auc_margin(auc: float, positives: int, negatives: int) -> float:
    """95% margin of a ROC AUC from its Hanley–McNeil standard error."""
    return Z95 * auc_standard_error(auc, positives, negatives)
