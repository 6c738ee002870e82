"""Numbers measured on a few customers, said with their 95% ranges and the counts they are shares of."""

from __future__ import annotations

from app_ui.text import tr
from crm_core.report import margin


def range_note(column, value: float, plus_minus: float, shown, customers: int) -> None:
    """The 95% range under a measured number ("95% range 0.739 – 0.763, measured on 1,976
    customers"): an AUC or hit rate two points above a rule is within chance on a few thousand
    customers. ``shown`` formats a bound as the number itself is formatted; a word joiner each side
    of the dash (and the template's no-break space before the unit) keep the range whole when a
    narrow column wraps it ("0.831–" / "0.862（2,939" / "人）" at 1024 px, walk24)."""
    if plus_minus == plus_minus:  # runs kept before the margin was recorded have none (nan)
        range_between(column, max(value - plus_minus, 0.0), min(value + plus_minus, 1.0), shown, customers)


def range_between(column, low: float, high: float, shown, customers: int) -> None:
    """A 95% range given by its bounds (one that is not symmetric, a correlation's), said as
    :func:`range_note` says one."""
    column.caption(tr("common.range95", low=shown(low) + "\u2060", high="\u2060" + shown(high),
                      n=f"{customers:,}"))


def hit_metrics(precision_column, recall_column, now: dict) -> None:
    """A churn threshold's precision and recall, each over its own count ("26 of the 48 validation
    customers it flags churned"): beside "Customers flagged 53", a count of the scored customers,
    "Precision 54.2%" read as a share of those (walk31, Lazada orders, 71 validation customers)."""
    precision = now["precision"]
    precision_column.metric(tr("customers.churn.precision"),
                            "—" if precision != precision else f"{precision:.1%}")
    if now["flagged_valid"]:
        precision_column.caption(tr("customers.churn.precision_count", part=f"{now['caught']:,}",
                                    whole=f"{now['flagged_valid']:,}"))
        share_with_range(precision_column, now["caught"], now["flagged_valid"])
    recall_column.metric(tr("customers.churn.recall"), f"{now['recall']:.1%}")
    recall_column.caption(tr("customers.churn.recall_count", part=f"{now['caught']:,}",
                             whole=f"{now['churners']:,}"))
    share_with_range(recall_column, now["caught"], now["churners"])


def share_with_range(column, part: int, whole: int) -> None:
    """A share's Wilson 95% range over the customers it is a share of: "Precision 70.0%" (7 of 10 flagged)
    stood bare beside the AUCs' ranges (walk34, 畅捷通 T+'s 40 customers), where it is anywhere in 40–89%."""
    if whole:
        range_between(column, *margin.share_range(part, whole), "{:.1%}".format, whole)


def pr_auc_and_rate(pr_column, rate_column, m: dict) -> None:
    """The PR AUC with its 95% range and the churn rate with its count ("16 of 53 customers churned") and
    Wilson's range: beside "ROC AUC 0.816, 95% 0.678–0.954 (53 customers)" both stood bare (walk32,
    哗啦啦's members). Runs kept before the two were recorded show the numbers alone."""
    pr_column.metric(tr("customers.churn.pr_auc"), f"{m['pr_auc']:.3f}")
    range_note(pr_column, m["pr_auc"], m.get("pr_auc_margin", float("nan")), "{:.3f}".format,
               m.get("validation_customers", 0))
    rate_column.metric(tr("customers.churn.rate"), f"{m['churn_rate']:.1%}")
    if m.get("churn_rate_of"):
        whole = m["churn_rate_of"]
        part = round(m["churn_rate"] * whole)
        rate_column.caption(tr("customers.churn.rate_count", part=f"{part:,}", whole=f"{whole:,}"))
        share_with_range(rate_column, part, whole)  # "16 of 53" is anywhere from 20% to 44% (left61)


def calibration_with_range(column, m: dict) -> None:
    """The calibration error with its 95% range over the validation customers it was measured on: "0.107"
    stood bare beside the AUCs' ranges (walk33, 绿云's 57 guests; ten bins of five or six customers each).
    Runs kept before the range was recorded show the number alone."""
    column.metric(tr("customers.churn.calibration_error"), f"{m['calibration_error']:.3f}")
    range_note(column, m["calibration_error"], m.get("calibration_error_margin", float("nan")),
               "{:.3f}".format, m.get("validation_customers", 0))


def rank_correlation_with_range(column, m: dict, said: dict) -> None:
    """Spend's rank correlation with its 95% range over the customers the backtest ranked: "0.778" stood
    bare (walk33, 绿云's 59 guests), where a few dozen customers move it by tenths. ``said``: the metric's
    delta against the naive rule. Runs kept before the range was recorded show the number alone."""
    column.metric(tr("customers.spend.spearman"), f"{m['spearman']:.3f}", **said)
    if m.get("spearman_range"):
        range_between(column, *m["spearman_range"], "{:.3f}".format, m["backtest_customers"])
