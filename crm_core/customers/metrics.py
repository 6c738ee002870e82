"""How good a score is, beside a naive rule: classification metrics for churn, errors and
ranking quality for spend, the tables the page draws (thresholds, calibration, deciles)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import rankdata, spearmanr
from sklearn.metrics import average_precision_score, brier_score_loss, precision_recall_curve, roc_auc_score

from crm_core import i18n
from crm_core.report import format as fmt
from crm_core.report import margin


def validation_said(metrics: dict, lang: str) -> dict[str, str]:
    """How a churn or spend model was checked, in the run's language (``validation``), beside the
    method's code (``validation_method``; its dates are fields of their own): a Chinese run's
    files and summary line read "out_of_time: fit as of 2024-05-01, …" (judge14)."""
    method = metrics["validation"]
    day = {key: i18n.Day(metrics[key]).text(lang) for key in ("fit_as_of", "checked_as_of", "checked_to")
           if key in metrics}
    if "checked_to" in metrics:  # spend: the days after the fit date
        text = i18n.t("customers.validation.out_of_time_days", lang, fit=day["fit_as_of"],
                      days=metrics["backtest_days"], end=day["checked_to"])
    elif "fit_as_of" in metrics:  # churn: who had gone by the next cutoff
        text = i18n.t("customers.validation.out_of_time", lang, fit=day["fit_as_of"],
                      checked=day["checked_as_of"])
    else:
        text = i18n.t(f"customers.validation.{method}", lang)
    return {"validation": text, "validation_method": method}


def bias_said(error: float, lang: str) -> str:
    """A backtest total against what was spent, said as under or over: "off by -4%" made the
    analyst work out which way the sign points."""
    share = fmt.percent(abs(error))
    if share == fmt.percent(0.0):
        return i18n.t("customers.spend.bias.same", lang)
    key = "customers.spend.bias.under" if error < 0 else "customers.spend.bias.over"
    return i18n.t(key, lang, share=share)


def top_share_lift(y: np.ndarray, score: np.ndarray, share: float = 0.1) -> float:
    """Churn rate among the top ``share`` by score over the overall churn rate."""
    n = max(int(round(len(y) * share)), 1)
    top = np.argsort(-score, kind="stable")[:n]
    base = y.mean()
    return float(y[top].mean() / base) if base > 0 else float("nan")


def calibration_table(y: np.ndarray, p: np.ndarray, bins: int = 10) -> pd.DataFrame:
    """Mean predicted vs observed churn rate in equal-count bins of the prediction."""
    frame = pd.DataFrame({"y": y, "p": p})
    frame["bin"] = pd.qcut(frame["p"].rank(method="first"), min(bins, len(frame)), labels=False)
    return (frame.groupby("bin").agg(predicted=("p", "mean"), observed=("y", "mean"), customers=("y", "size"))
            .reset_index())


def calibration_error(y: np.ndarray, p: np.ndarray) -> float:
    """Expected calibration error: the customer-weighted gap between predicted and observed churn
    over the bins of :func:`calibration_table`."""
    cal = calibration_table(y, p)
    return float((cal["customers"] * (cal["predicted"] - cal["observed"]).abs()).sum() / len(y))


def classification_metrics(y: np.ndarray, p: np.ndarray) -> dict[str, float]:
    return {"roc_auc": float(roc_auc_score(y, p)), "pr_auc": float(average_precision_score(y, p)),
            "brier": float(brier_score_loss(y, p)), "calibration_error": calibration_error(y, p),
            "top_decile_lift": top_share_lift(y, p)}


def resampled_margins(y: np.ndarray, p: np.ndarray, draws: int = 200, seed: int = 0) -> dict[str, float]:
    """95% margins of the PR AUC (average precision) and the calibration error from their spread over
    ``draws`` resamples of the validation customers (seeded): neither has a closed form, and on 53
    customers (哗啦啦's members, walk32) the PR AUC moves as much as the ROC AUC beside it, the calibration
    error over ten bins of a few customers each (绿云's 57, walk33) more; nan with too few to resample (a
    resample needs both classes). The scores are sorted once and each resample is counted per distinct
    score, so 200 resamples of 200k customers cost seconds, not a minute (left55)."""
    y, p = np.asarray(y), np.asarray(p)
    order = np.argsort(-p, kind="stable")
    step = np.r_[False, np.diff(p[order]) != 0]
    level = np.empty(len(p), dtype=np.intp)
    level[order] = np.cumsum(step)  # each customer's rank among the distinct scores, highest first
    code, levels = 2 * level + (y == 1), 2 * (int(step.sum()) + 1)
    scores = np.repeat(p[order][np.r_[True, step[1:]]], 2)  # each code's score
    rng = np.random.default_rng(seed)
    counted = (np.bincount(code[rng.integers(0, len(y), len(y))], minlength=levels) for _ in range(draws))
    values = [(_resampled_ap(c), _resampled_ece(c, scores)) for c in counted if 0 < c[1::2].sum() < len(y)]
    spread = np.std(values, axis=0, ddof=1) if len(values) > 1 else np.full(2, np.nan)
    return {"pr_auc_margin": margin.Z95 * float(spread[0]),
            "calibration_error_margin": margin.Z95 * float(spread[1])}


def _resampled_ece(counts: np.ndarray, scores: np.ndarray, bins: int = 10) -> float:
    """:func:`calibration_error` of one resample from its customers at each distinct score (staying,
    then churned), in equal-count bins of the prediction as :func:`calibration_table` cuts them."""
    churned = np.repeat(np.tile([0.0, 1.0], len(counts) // 2), counts)
    predicted = np.repeat(scores, counts)
    n = len(churned)
    starts = np.flatnonzero(np.r_[True, np.diff(np.arange(n) * min(bins, n) // n) != 0])
    return float(np.abs(np.add.reduceat(predicted - churned, starts)).sum() / n)


def _resampled_ap(counts: np.ndarray) -> float:
    """Average precision of one resample from its staying and churned customers at each distinct
    score, highest first (nan where the resample holds one class only)."""
    churned = np.cumsum(counts[1::2])
    flagged = churned + np.cumsum(counts[0::2])
    if not 0 < churned[-1] < flagged[-1]:
        return float("nan")
    return float(np.sum(counts[1::2] * churned / np.maximum(flagged, 1)) / churned[-1])


def f1_threshold(y: np.ndarray, p: np.ndarray) -> float:
    """The cut that flags customers "at risk": the probability (to two decimals, rounded down) with
    the best F1 on the validation customers, so the flagged are neither everyone nor a handful."""
    precision, recall, cuts = precision_recall_curve(y, p)
    f1 = 2 * precision[:-1] * recall[:-1] / np.maximum(precision[:-1] + recall[:-1], 1e-12)
    return float(np.floor(cuts[int(np.argmax(f1))] * 100) / 100)


def auc_standard_error(y: np.ndarray, auc: float) -> float:
    """Hanley & McNeil's standard error of a ROC AUC from its numbers of churned and staying
    customers: how far another hold-out of the same size could move it."""
    churned = int(np.sum(y == 1))
    return margin.auc_standard_error(auc, churned, len(y) - churned)


def paired_auc_margin(y: np.ndarray, a: np.ndarray, b: np.ndarray) -> float:
    """95% margin of ROC AUC(a) − ROC AUC(b) on the same customers (DeLong 1988, by midranks):
    each AUC's own range overstates how far their gap may move, since both rank the same people,
    so a lead over the recency rule is judged by this margin (nan when a class is empty)."""
    pos, neg = np.asarray(y) == 1, np.asarray(y) == 0
    m, n = int(pos.sum()), int(neg.sum())
    if m < 2 or n < 2:
        return float("nan")

    def placements(score: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each churner's share of stayers ranked below it, each stayer's of churners above it."""
        whole, x, z = rankdata(score), score[pos], score[neg]
        return (whole[pos] - rankdata(x)) / n, 1 - (whole[neg] - rankdata(z)) / m

    (va, wa), (vb, wb) = placements(np.asarray(a, float)), placements(np.asarray(b, float))
    variance = np.var(va - vb, ddof=1) / m + np.var(wa - wb, ddof=1) / n
    return margin.Z95 * float(np.sqrt(max(variance, 0.0)))


def threshold_table(y: np.ndarray, p: np.ndarray, scored: np.ndarray) -> pd.DataFrame:
    """Precision, recall and how many customers get flagged at each threshold."""
    rows = []
    for t in np.round(np.arange(0.05, 0.96, 0.05), 2):
        flag = p >= t
        tp = int((flag & (y == 1)).sum())
        rows.append({"threshold": float(t), "precision": tp / flag.sum() if flag.sum() else float("nan"),
                     "recall": tp / max(int((y == 1).sum()), 1), "flagged_validation": int(flag.sum()),
                     "flagged_scored": int((scored >= t).sum())})
    return pd.DataFrame(rows)


def decile_table(actual: np.ndarray, predicted: np.ndarray) -> pd.DataFrame:
    """Customers ranked by prediction in ten equal groups (1 = highest): real spend per group,
    its share of all real spend and the lift over the average customer."""
    frame = pd.DataFrame({"actual": actual, "predicted": predicted})
    order = frame["predicted"].rank(method="first", ascending=False)
    frame["decile"] = np.ceil(order * 10 / len(frame)).clip(1, 10).astype(int)
    table = frame.groupby("decile").agg(customers=("actual", "size"), predicted_mean=("predicted", "mean"),
                                        actual_mean=("actual", "mean"), actual_total=("actual", "sum"))
    total = frame["actual"].sum()
    table["share_of_actual"] = table["actual_total"] / total if total else np.nan
    table["cumulative_share"] = table["share_of_actual"].cumsum()
    mean = frame["actual"].mean()
    table["lift"] = table["actual_mean"] / mean if mean else np.nan
    return table.reset_index()


def top_decile_share(actual: np.ndarray, score: np.ndarray) -> float:
    """Share of the real spend that the top 10% by score brought."""
    n = max(len(actual) // 10, 1)
    total = actual.sum()
    return float(actual[np.argsort(-score, kind="stable")[:n]].sum() / total) if total else float("nan")


def rank_correlation_range(r: float, n: int) -> list[float] | None:
    """95% range of a Spearman rank correlation over ``n`` customers: Fisher's z with Bonett and Wright's
    (2000) variance (1 + r²/2) / (n − 3), turned back, so it stays within −1 and 1 and is not symmetric
    near them; None below 4 customers or for a correlation of ±1 (no spread to measure)."""
    if n < 4 or not -1 < r < 1:
        return None
    spread = margin.Z95 * float(np.sqrt((1 + r * r / 2) / (n - 3)))
    return [float(np.tanh(np.arctanh(r) - spread)), float(np.tanh(np.arctanh(r) + spread))]


def spend_metrics(actual: np.ndarray, predicted: np.ndarray) -> dict[str, float]:
    """Error per customer, ranking quality and the total against what really happened."""
    total, real = float(predicted.sum()), float(actual.sum())
    return {"mae": float(np.mean(np.abs(predicted - actual))),
            "spearman": float(spearmanr(actual, predicted).statistic) if np.ptp(predicted) > 0 else 0.0,
            "top_decile_share": top_decile_share(actual, predicted),
            "predicted_total": total, "actual_total": real,
            "total_error": (total - real) / real if real else float("nan")}
