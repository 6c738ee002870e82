"""One churn run through the contract: ``ChurnConfig`` → :func:`run` → ``ChurnRun`` (scores,
the at-risk and win-back lists, metrics and report files), saved as ``churn_scores``.

The label is a column with the ``label`` role (``--label-col``) or behaviour over
``inactive_days``; the models live in :mod:`crm_core.customers.churn_model`, the lists in
:mod:`crm_core.customers.lists`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import ClassVar

import duckdb
import numpy as np
import pandas as pd

from crm_core.customers import lists, paid_through
from crm_core.customers.churn_model import ChurnResult, at_threshold, train_churn
from crm_core.customers.configs import CHURN, DEFAULT_INACTIVE_DAYS, ChurnConfig
from crm_core.customers.history import attach_contacts, attach_segments
from crm_core.customers.metrics import validation_said
from crm_core.customers.summary_btyd import SOURCE, fit_summary, summary_churn, summary_notes
from crm_core.errors import CrmError
from crm_core.i18n import Listing, Sentence, quoted_name, t
from crm_core.report.files import csv_bytes, json_text
from crm_core.workspace import missing
from crm_core.workspace.kinds import LogKind
from crm_core.workspace.roles import get_roles
from crm_core.workspace.shared import LeavesSharedOut
from crm_core.workspace.summary import find_summary

__all__ = ["ChurnConfig", "ChurnRun", "at_threshold", "run"]

ENGINES = ("duckdb", "spark")
"""Where this analysis can run its row-heavy SQL (``tests/engine``: the same scores on both; spark20
measured five purchase logs' AUC equal on both engines)."""

SCORE_COLUMNS = ("customer_id", "churn_probability", "reasons", "label", "status", "value",
                 "value_at_risk", "last_order", "recency_days", "mean_gap_days", "p_alive", "drivers")


@dataclass
class ChurnRun(LeavesSharedOut):
    """Scores with status and value, the model's validation and the lists built from them."""

    kind: ClassVar[str] = CHURN
    reads_purchases: ClassVar[bool] = True  # an event log's views and carts are left out

    table: str
    config: ChurnConfig
    lang: str
    result: ChurnResult
    scores: pd.DataFrame

    @property
    def notes(self) -> tuple:
        """The shared walk-in accounts left out (``LeavesSharedOut``); columns that gave the label
        away, left out; a named label column whose name and values say nothing of leaving (taxi
        trips' ``tip``)."""
        shared = (*super().notes, *summary_notes(self.metrics), *self._leak_notes())
        if not self.metrics.get("label_says_no_leaving"):
            return shared
        return (*shared, Sentence("customers.note.label_not_churn", column=self.metrics["label_column"]))

    def _leak_notes(self) -> tuple:
        """Columns left out of the models because alone they give the label away, or are filled only
        for customers who left, 0 only for them, or blank only for them (the leaving recorded)."""
        leaks, label = self.metrics.get("left_out_leaks") or {}, self.metrics.get("label_column")
        outcome = self.metrics.get("left_out_outcome") or {}
        return (*(Sentence("customers.note.label_leak", column=c, label=label, auc=f"{auc:.3f}")
                  for c, auc in leaks.items()),
                *(Sentence("customers.note.label_outcome", column=c, label=label, count=f"{n:,}")
                  for c, n in outcome.items()),
                *(Sentence("customers.note.label_zeroed", column=c, label=label, count=f"{n:,}")
                  for c, n in (self.metrics.get("left_out_zeroed") or {}).items()),
                *(Sentence("customers.note.label_blanked", column=c, label=label, count=f"{n:,}")
                  for c, n in (self.metrics.get("left_out_blanked") or {}).items()),
                *self._repeat_notes())

    def _repeat_notes(self) -> tuple:
        """Customers on several rows of a labelled table: which of their rows was read (det29)."""
        repeated = self.metrics.get("repeated_ids") or {}
        if not repeated.get("customers"):
            return ()
        count, dates = f"{repeated['customers']:,}", [quoted_name(c) for c in repeated["by_date"]]
        if dates:
            return (Sentence("customers.note.repeated_by_date", count=count, columns=Listing(dates)),)
        return (Sentence("customers.note.repeated_by_values", count=count),)

    @property
    def needs_roles(self) -> tuple[str, ...]:
        """A purchase log's gaps ("no order id …") say nothing about a labelled attribute table."""
        if self.metrics.get("mode") == "label_column" or self.metrics.get("source") == SOURCE:
            return ()
        return ("amount", "order_id")

    def at_risk(self, segment: str | None = None, threshold: float | None = None) -> pd.DataFrame:
        """Customers still worth saving, by value at risk (optionally of one segment): not gone and
        at or above ``threshold``, by default the run's cut (:meth:`at_risk_text` says it in words)."""
        cut = self.metrics.get("threshold", 0.0) if threshold is None else threshold
        frame = lists.at_risk(self.scores, cut)
        return frame[frame["segment"].eq(segment)] if segment and "segment" in frame else frame

    def win_back(self) -> pd.DataFrame:
        return lists.win_back(self.scores)

    def flagged(self, threshold: float, segment: str | None = None) -> dict[str, int]:
        """Customers at or above ``threshold`` (of one segment), split as the two lists hold
        them: the at-risk list's count and those already on win-back add up to the total."""
        scores = self.scores
        if segment and "segment" in scores:
            scores = scores[scores["segment"].eq(segment)]
        flagged = (scores["churn_probability"] >= threshold) & lists.listable(scores)
        return {"at_risk": int((flagged & ~scores["gone"]).sum()),
                "win_back": int((flagged & scores["gone"]).sum())}

    def gone_text(self, lang: str = "en") -> str:
        """Who counts as gone, in words: the backtest's cut and how often customers that high came
        back, nobody (no group came back that rarely), the label, or the fixed rule's fallback."""
        learned, m = self.metrics.get("gone_rule"), self.metrics
        if m.get("mode") == "label_column":
            return t("customers.gone.label", lang)
        if m.get("source") == SOURCE and learned:  # checked against its own last window (churn18)
            kind = "pause" if "cut" in learned else "fixed"
            return t(f"customers.gone.summary_{kind}", lang,
                     n=f"{learned['customers']:,}", share=f"{learned['bought']:.0%}", days=learned["window"])
        words = {w: self._rows_word(w, lang) for w in ("again", "none", "once")}
        if learned is None:
            return t("customers.gone.fixed", lang, **words)
        days = m["inactive_days"]
        if learned["cut"] is None:
            return t("customers.gone.nobody", lang, least=lists.GONE_GROUP_LEAST, days=days,
                     share=f"{lists.GONE_CAME_BACK:.0%}", **words)
        return t("customers.gone.learned", lang, cut=f"{learned['cut']:.1%}", n=f"{learned['customers']:,}",
                 share=f"{learned['came_back']:.1%}", days=days, **words)

    def _rows_word(self, word: str, lang: str) -> str:
        """What a row is in the rules' words: an order, or a review or ticket of a review or ticket log,
        where churn is no new review or ticket within the days (left50; runs kept before say orders)."""
        return t(f"customers.rows.{self.metrics.get('counted', 'orders')}.{word}", lang)

    def at_risk_text(self, lang: str = "en") -> str:
        """Who counts as at risk, in words: the cut and what set it (the best F1, the floor, the
        share who churned where most do, or that share where the cut had too few customers)."""
        m = self.metrics
        cut, found = f"{m['threshold']:.0%}", m.get("at_risk_cut") or {}
        if not found:  # a summary's fixed cut, and runs kept before churn18
            return t("customers.at_risk." + ("summary" if m.get("source") == SOURCE else "f1"), lang, cut=cut)
        labelled = found["cut_from"] == "small" and m.get("mode") == "label_column"
        key = "small_label" if labelled else found["cut_from"]
        said = t(f"customers.at_risk.{key}", lang, cut=cut, least=f"{lists.AT_RISK_LEAST:.0%}",
                 f1=f"{found['f1_threshold']:.0%}", rate=f"{found['churn_rate']:.0%}",
                 n=f"{found['cut_customers']:,}")
        return ("" if lang == "zh" else " ").join(filter(None, (said, paid_through.rule_text(m, lang))))

    def validation_text(self, lang: str = "en") -> str:
        """How the model was checked, in words: out of time with its two dates, or a holdout."""
        return validation_said(self.metrics, lang)["validation"]

    def recency_text(self, lang: str = "en") -> str:
        """The model against the recency rule; a lead within the gap's own 95% margin is said as a tie:
        "better" read 0.588 against 0.574 on 93 customers (walk30). Runs kept before the margin was
        measured keep the sign alone; a gap with no margin (one churner, walk37) is said as not judged."""
        m = self.metrics
        lead, margin = m["lift_over_recency_auc"], m.get("lift_over_recency_margin", 0.0)
        aucs = {"model": f"{m['roc_auc']:.3f}", "rule": f"{m['recency_rule']['roc_auc']:.3f}",
                "rule_name": self._rows_word("rule", lang)}
        if margin is None or margin != margin:  # nan: under two churners (or stayers) to judge it by
            n = f"{m.get('validation_customers', 0):,}"
            return t("customers.churn.unjudged_recency", lang, **aucs, n=n)
        if abs(lead) <= margin:
            return t("customers.churn.level_recency", lang, **aucs, gap=f"{abs(lead):.3f}",
                     margin=f"{margin:.3f}", n=f"{m.get('validation_customers', 0):,}")
        return t("customers.churn." + ("beats_recency" if lead > 0 else "loses_recency"), lang, **aucs)

    def value_text(self, lang: str = "en") -> str:
        """What ``value`` is, in words: a year of a monthly charge, a balance, spend per year …"""
        value = self.metrics.get("value")
        if value:
            return t(f"customers.value.{value['kind']}", lang, column=value["column"], months=value["months"])
        return t("customers.value." + ("per_year" if "value" in self.scores else "none"), lang)

    def summary(self) -> dict:
        """Validation quality, the recency rule beside it, and the sizes of the two lists."""
        m = self.metrics
        keys = ("roc_auc", "roc_auc_se", "roc_auc_margin", "validation_customers", "threshold", "value",
                "pr_auc", "brier", "calibration_error", "top_decile_lift", "model",
                "validation", "churn_rate", "lift_over_recency_auc", "lift_over_recency_margin", "scored",
                "flagged_at_0_5", "cutoff", "source", "cutoff_from", "inactive_days", "repeat_calibration")
        out = {k: m[k] for k in keys if k in m} | validation_said(m, self.lang)
        if "recency_rule" in m:
            out["recency_roc_auc"] = m["recency_rule"]["roc_auc"]
        if m["models"]:  # a summary's churn has no validation to compare models on
            out["models_roc_auc"] = {name: v["roc_auc"] for name, v in m["models"].items()}
        if "cv_roc_auc" in m:
            out["models_cv_roc_auc"] = {name: v["cv_roc_auc"] for name, v in m["models"].items()}
        out["value_basis"] = self.value_text(self.lang)
        out["at_risk"] = len(self.at_risk())
        out["win_back"] = int(self.scores["gone"].sum())
        out["at_risk_rule"] = self.at_risk_text(self.lang)
        out["gone_rule"] = self.gone_text(self.lang)
        return out

    def tables(self) -> dict[str, pd.DataFrame]:
        return {"churn_scores": self.scores.drop(columns="gone")}

    def files(self) -> dict[str, bytes]:
        """``churn_scores.csv``, ``at_risk.csv``, ``win_back.csv`` and ``churn_metrics.json``."""
        metrics = {**self.metrics, **validation_said(self.metrics, self.lang),
                   "thresholds": self.result.thresholds.to_dict("records"),
                   "calibration": self.result.calibration.to_dict("records")}
        return {"churn_scores.csv": csv_bytes(lists.for_file(self.scores.drop(columns="gone"))),
                "at_risk.csv": csv_bytes(lists.for_file(self.at_risk().drop(columns="gone"))),
                "win_back.csv": csv_bytes(lists.for_file(self.win_back().drop(columns="gone"))),
                "churn_metrics.json": json_text(metrics, indent=1).encode("utf-8")}


def _decorate(result: ChurnResult, config: ChurnConfig, lang: str) -> pd.DataFrame:
    """Status (at risk / gone), value, value at risk, last order and reasons in words."""
    scores = result.scores.copy()
    found = scores.pop("__found")
    days = result.metrics.get("inactive_days")
    if "recency_days" in scores:
        end = date.fromisoformat(result.metrics["scored_as_of"])
        scores["last_order"] = [None if pd.isna(r) else str(end - timedelta(days=int(r)))
                                for r in scores["recency_days"]]
        scores["reasons"] = lists.reasons_in_words(scores, lang, result.metrics.get("activity", "orders"))
    else:
        spec = result.spec
        scores["reasons"] = lists.attribute_reasons(found, spec["typical"], spec["flags"], lang)
    value = scores["value"] if "value" in scores else lists.value_per_year(scores)
    if value is not None:
        scores["value"] = value.round(2)
    scores["gone"] = lists.gone(scores, days, result.metrics.get("gone_rule"))
    if {"p_alive", "mean_gap_days"} <= set(scores.columns):  # BG/NBD cannot judge a single order:
        scores["p_alive"] = scores["p_alive"].where(scores["mean_gap_days"].notna())  # blank, not 100 %
    scores["status"] = lists.status(scores, result.metrics["threshold"])
    scores["value_at_risk"] = (scores["churn_probability"] * scores.get("value", 1.0)).round(2)
    columns = [c for c in SCORE_COLUMNS if c in scores]
    return scores[[*columns, *(c for c in scores if c not in columns)]]


def run(con: duckdb.DuckDBPyConnection, table: str, config: ChurnConfig | None = None, *,
        roles: dict[str, str] | None = None, lang: str = "en") -> ChurnRun:
    """Train, validate out of time, score as of the cutoff, split into the two lists."""
    config = config or ChurnConfig()
    overrides = dict(roles or {})
    if overrides.get("label") and config.inactive_days:
        raise CrmError(Sentence("customers.error.label_or_days"))
    resolved = get_roles(con, table, overrides)
    found = None if resolved.get("label") else find_summary(con, table, overrides)
    if found and config.score_table:
        raise CrmError(Sentence("customers.error.summary_score_other", table=table))
    if config.value_col and (config.inactive_days or not resolved.get("label")):
        raise CrmError(Sentence("customers.error.value_col_needs_label"))
    other = {k: v for k, v in overrides.items() if k != "label"}  # the table to score has no label
    score_roles = get_roles(con, config.score_table, other) if config.score_table else None
    if found:
        result = _from_summary(con, table, *found, config)
    else:
        result = train_churn(con, table, resolved, inactive_days=config.inactive_days, cutoff=config.cutoff,
                             score_table=config.score_table, score_roles=score_roles,
                             value_col=config.value_col)
        result.metrics["counted"] = _rows_counted(con, table)
    scores = _decorate(result, config, lang)
    scored, scored_roles = config.score_table or table, score_roles or resolved
    scores = attach_segments(con, paid_through.mark(con, scored, scored_roles, scores, result.metrics, lang))
    scores = attach_contacts(con, scored, scored_roles, scores)
    return ChurnRun(table, config, lang, result, scores)


def _rows_counted(con: duckdb.DuckDBPyConnection, table: str) -> str:
    """``tickets`` or ``reviews`` when the rows are a help desk's tickets or a review platform's reviews
    (:func:`missing.unpriced_rows`' kind), else ``orders``: the churn rules then say "no new review", not
    "no order" (大众点评, judge47)."""
    kind = missing.unpriced_rows(con, table)
    return kind.value if isinstance(kind, LogKind) else "orders"


def _from_summary(con, table: str, kind, cols, config: ChurnConfig) -> ChurnResult:
    """Churn from a customer summary: BG/NBD's P(no purchase in the window) as the probability,
    the at-risk list those at one half or more. One snapshot holds no outcome to validate on
    (no AUC, no learned threshold): the metrics say so and give the in-sample repeat counts; who
    is gone is checked against the summary's own last window (``lists.summary_window``)."""
    days = int(config.inactive_days or DEFAULT_INACTIVE_DAYS)
    fit = fit_summary(con, table, kind, cols, config.cutoff, money=False)
    scores = summary_churn(fit, days)
    metrics = {**fit.metrics(table, cols), "mode": "inactive_days", "inactive_days": days,
               "scored_as_of": str(fit.end), "threshold": 0.5, "models": {},
               "flagged_at_0_5": int(scores["churn_probability"].ge(0.5).sum()),
               "gone_rule": lists.summary_window(scores, days)}
    empty = np.array([])
    return ChurnResult(scores, metrics, pd.DataFrame(), pd.DataFrame(), pd.DataFrame(), empty, empty)
