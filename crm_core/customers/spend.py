"""One spend run through the contract: ``SpendConfig`` → :func:`run` → ``SpendRun``, saved as
``spend_scores`` (customer_id, expected_spend, expected_purchases, p_alive, lower, upper and
the segment name when a ``segments`` view exists). The models and their out-of-time backtest
live in :mod:`crm_core.customers.spend_model`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import duckdb
import pandas as pd

from crm_core import i18n
from crm_core.customers.configs import SPEND, SpendConfig
from crm_core.customers.history import attach_contacts, attach_segments
from crm_core.customers.lists import for_file
from crm_core.customers.metrics import bias_said, validation_said
from crm_core.customers.spend_model import SpendResult, train_spend
from crm_core.customers.summary_btyd import SOURCE, fit_summary, summary_notes, summary_spend
from crm_core.errors import CrmError
from crm_core.report.files import csv_bytes, json_text
from crm_core.workspace.roles import get_roles
from crm_core.workspace.shared import LeavesSharedOut
from crm_core.workspace.summary import customer_list_refusal, find_summary

ENGINES = ("duckdb", "spark")
"""Where this analysis can run its row-heavy SQL (``tests/engine``: the same scores and backtest on
both, since visits sum their money exactly: ``workspace.shared.EXACT_MONEY``)."""


@dataclass
class SpendRun(LeavesSharedOut):
    """Expected spend per customer, the backtest of every candidate and the decile table."""

    kind: ClassVar[str] = SPEND
    reads_purchases: ClassVar[bool] = True  # an event log's views and carts are left out

    table: str
    config: SpendConfig
    lang: str
    result: SpendResult
    scores: pd.DataFrame

    @property
    def needs_roles(self) -> tuple[str, ...]:
        """A summary's rows are customers: "no order id" says nothing about it."""
        return () if self.from_summary else ("order_id",)

    @property
    def from_summary(self) -> bool:
        return self.metrics.get("source") == SOURCE

    @property
    def notes(self) -> tuple:
        """The shared accounts left out; on a summary, its columns, day and in-sample check."""
        return (*super().notes, *summary_notes(self.metrics))

    def summary(self) -> dict:
        """The total to plan with first, then the list's expected total with its interval; the
        winner's backtest error beside the naive rule's (a summary's in-sample repeat counts
        instead: it has no backtest)."""
        m = self.metrics
        keys = ("model", "cutoff", "horizon_days", "backtest_days", "expected_total",
                "expected_total_lower", "expected_total_upper", "coverage", "mae", "naive_mae",
                "spearman", "naive_spearman", "top_decile_share", "naive_top_decile_share",
                "backtest_total_error", "naive_total_error", "scored", "validation", "source",
                "cutoff_from", "repeat_calibration")
        out = plan_first(m, self.lang) | {k: m[k] for k in keys if k in m} | validation_said(m, self.lang)
        out["backtest"] = {r["model"]: {"mae": r["mae"], "spearman": r["spearman"],
                                        "total_error": r["total_error"]}
                           for r in self.result.backtest.to_dict("records")}
        return out

    def tables(self) -> dict[str, pd.DataFrame]:
        return {"spend_scores": self.scores}

    def files(self) -> dict[str, bytes]:
        """``spend_scores.csv`` and ``spend_metrics.json`` (backtest, deciles, parameters)."""
        metrics = {**plan_first(self.metrics, self.lang), **self.metrics,
                   **validation_said(self.metrics, self.lang),
                   "backtest": self.result.backtest.to_dict("records"),
                   "deciles": self.result.deciles.to_dict("records")}
        return {"spend_scores.csv": csv_bytes(for_file(self.scores)),
                "spend_metrics.json": json_text(metrics, indent=1).encode("utf-8")}


CORRECTION = ("bias_corrected_total", "correction_weight", "repeat_total")
"""The corrected total and how it was made (churn19's mix of the model with the repeat rate)."""


def plan_first(metrics: dict, lang: str) -> dict:
    """The total to plan with, named, then the correction: the summary listed ``expected_total``
    (CDNOW 1997-09-30: 17.9 % under) beside ``bias_corrected_total`` (2.7 % under) with no word on
    which to use, while the page headlines the corrected one (left38). A summary's fit, or a mix
    that still missed by over 90 %, has no corrected total: the list's sum is the one then."""
    corrected = metrics.get("bias_corrected_total")
    if corrected is None:
        plan = {"total_to_plan": metrics["expected_total"], "total_to_plan_is": "expected_total",
                "total_said": i18n.t("customers.spend.plan_uncorrected", lang)}
    else:
        bias = bias_said(metrics["backtest_total_error"], lang)
        plan = {"total_to_plan": corrected, "total_to_plan_is": "bias_corrected_total",
                "total_said": i18n.t("customers.spend.plan_corrected", lang, bias=bias)}
    return plan | {k: metrics[k] for k in CORRECTION if k in metrics}


def run(con: duckdb.DuckDBPyConnection, table: str, config: SpendConfig | None = None, *,
        roles: dict[str, str] | None = None, lang: str = "en") -> SpendRun:
    """Backtest the candidates before the cutoff, score every customer as of it."""
    config = config or SpendConfig()
    found = find_summary(con, table, roles)
    resolved = get_roles(con, table, roles)
    if found:
        result = _from_summary(con, table, *found, config)
    elif refusal := customer_list_refusal(con, table, resolved, "customers.error.spend_customer_list"):
        raise CrmError(refusal)
    else:
        result = train_spend(con, table, resolved, config.days, config.cutoff, config.coverage)
    scores = attach_contacts(con, table, resolved, attach_segments(con, result.scores))
    return SpendRun(table, config, lang, result, scores)


def _from_summary(con, table: str, kind, cols, config: SpendConfig) -> SpendResult:
    """BG/NBD + Gamma-Gamma from a customer summary's columns: no backtest (one snapshot), its
    in-sample repeat counts in the metrics instead."""
    fit = fit_summary(con, table, kind, cols, config.cutoff, money=True)
    scores, totals = summary_spend(fit, config.days, config.coverage)
    empty = pd.DataFrame(columns=["model", "mae", "spearman", "total_error"])
    return SpendResult(scores, {**fit.metrics(table, cols), **totals}, pd.DataFrame(), empty)
