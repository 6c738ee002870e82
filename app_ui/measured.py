"""Shares measured on a few validation customers, said with the counts they are shares of."""

from __future__ import annotations

from app_ui.text import tr


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
    recall_column.metric(tr("customers.churn.recall"), f"{now['recall']:.1%}")
    recall_column.caption(tr("customers.churn.recall_count", part=f"{now['caught']:,}",
                             whole=f"{now['churners']:,}"))
