"""Spend and churn from a customer summary (:mod:`crm_core.workspace.summary`): one row per
customer with the first and last purchase dates, the purchase count and the money spent.

Those four columns are the sufficient statistics of the buy-till-you-die models: repeats
``x = purchases − 1``, ``t_x = last − first``, age ``T = end − first`` and the mean spend per
purchase (the format ``lifetimes``' ``summary_data_from_transaction_data`` builds from a log), so
BG/NBD and Gamma-Gamma fit from them exactly as from the log aggregated to the same day. The end
is the day after the cutoff as on a log: ``--cutoff`` when given (the day the export was taken),
else the newest last purchase. A summary is one snapshot: nothing after the cutoff is known, so
no out-of-time backtest is possible; the check it allows is in-sample, the model's expected
number of customers with 0, 1, 2 … repeat purchases against the counts the summary holds
(Fader, Hardie & Lee 2005, fig. 2).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import duckdb
import numpy as np
import pandas as pd
from scipy.special import betaln
from scipy.stats import nbinom
from threadpoolctl import threadpool_limits

from crm_core.customers.btyd import WEEK, BetaGeo, GammaGamma, Summary, spend_intervals
from crm_core.errors import CrmError
from crm_core.i18n import Day, Sentence
from crm_core.workspace import store
from crm_core.workspace.summary import JOINED, SummaryColumns, export_hint, summary_sql
from crm_core.workspace.table_kind import TableKind
from crm_core.workspace.value_order import value_order

SOURCE = "customer_summary"
"""``metrics["source"]`` of a run fitted from a summary (the pages show its own check)."""
VALIDATION = "in_sample_customer_summary"
"""One snapshot: the fit is checked in sample only (no out-of-time window exists)."""
MIN_CUSTOMERS = 20
REPEAT_BINS = 7
"""Repeat-purchase counts 0 … 6 shown one by one, 7 and more together (the published plot's bins)."""


@dataclass
class SummaryFit:
    """BG/NBD (and Gamma-Gamma when the summary holds money) fitted on a summary as of ``end``."""

    frame: pd.DataFrame
    data: Summary
    bgnbd: BetaGeo
    gamma_gamma: GammaGamma | None
    end: date
    cutoff_given: bool
    left_out: int

    def metrics(self, table: str, cols: SummaryColumns) -> dict:
        """What every summary run records: the source, its columns, the day and the in-sample check."""
        return {"source": SOURCE, "validation": VALIDATION, "cutoff": str(self.end - timedelta(days=1)),
                "cutoff_from": "given" if self.cutoff_given else "newest_last_purchase",
                "summary_columns": {"first_purchase": cols.first_order, "last_purchase": cols.last_order,
                                    "purchases": cols.orders, "spent": cols.spent},
                "left_out_rows": self.left_out, "scored": len(self.frame), "model": "bgnbd",
                "repeat_calibration": repeat_calibration(self.bgnbd, self.data).to_dict("records"),
                "params": {"bgnbd": self.bgnbd.params(),
                           **({"gamma_gamma": self.gamma_gamma.params()} if self.gamma_gamma else {})}}


def _rows(con, table: str, kind: TableKind, cols: SummaryColumns) -> pd.DataFrame:
    """One row per customer: first and last purchase, purchases (a blank count is one), spent; in
    :func:`value_order`, so no fit reads the ids' spelling or the export's row order (det28)."""
    found = summary_sql(con, table, kind.customer_col, cols, "'row ' || CAST(rowid + 1 AS VARCHAR)")
    frame = con.execute(f"SELECT customer_id, first_order, last_order, greatest(coalesce(orders, 1), 1) "
                        f"AS orders, coalesce(spent, 0) AS spent FROM ({found}) ORDER BY customer_id").df()
    frame["customer_id"] = frame["customer_id"].astype(str)
    for column in ("first_order", "last_order"):
        frame[column] = pd.to_datetime(frame[column])
    order = value_order(frame, ["first_order", "last_order", "orders", "spent"])
    return frame.iloc[order].reset_index(drop=True)


def _observed_end(frame: pd.DataFrame, table: str, cols: SummaryColumns, cutoff: date | None) -> date:
    """The day after the cutoff; a cutoff before a last purchase would need the summary rolled
    back, which its totals (orders after the cutoff counted in) do not allow."""
    newest = frame["last_order"].max().date()
    if cutoff is not None and cutoff < newest:
        raise CrmError(Sentence("customers.error.summary_cutoff", table=table, cutoff=Day(cutoff),
                                column=cols.last_order, newest=Day(newest)))
    return (cutoff or newest) + timedelta(days=1)


def fit_summary(con: duckdb.DuckDBPyConnection, table: str, kind: TableKind, cols: SummaryColumns,
                cutoff: date | None, *, money: bool) -> SummaryFit:
    """Fit as of the cutoff; refuse in words when the summary lacks what the models read."""
    names = [c for c, _ in store.columns_of(con, table)]
    if cols.first_order is None:
        raise CrmError(Sentence("customers.error.summary_no_first", table=table, last=cols.last_order,
                                export=export_hint("first", names)))
    if money and cols.spent is None:
        raise CrmError(Sentence("customers.error.summary_no_spent", table=table, orders=cols.orders,
                                export=export_hint("spent", names)))
    frame = _rows(con, table, kind, cols)
    end = _observed_end(frame, table, cols, cutoff)
    usable = frame["first_order"].notna() & (frame["first_order"] <= frame["last_order"])
    left_out, frame = int((~usable).sum()), frame[usable].reset_index(drop=True)
    if len(frame) < MIN_CUSTOMERS:
        raise CrmError(Sentence("customers.error.too_few", n=len(frame), cutoff=Day(end)))
    if not frame["orders"].gt(1).any():
        raise CrmError(Sentence("customers.error.no_repeats", cutoff=Day(end)))
    data = summary_inputs(frame, end)
    with threadpool_limits(limits=1):
        gamma_gamma = GammaGamma.fit(data) if money else None
        return SummaryFit(frame, data, BetaGeo.fit(data), gamma_gamma, end, cutoff is not None, left_out)


def summary_inputs(frame: pd.DataFrame, end: date) -> Summary:
    """The BTYD inputs in weeks from the summary's days: ``x``, ``t_x``, ``T`` and spend per purchase."""
    stamp = pd.Timestamp(end)
    first = frame["first_order"].dt.normalize()
    tenure = (stamp - first).dt.days.to_numpy(float)
    recency = (stamp - frame["last_order"].dt.normalize()).dt.days.to_numpy(float)
    return Summary.from_days(frame["orders"], recency, tenure, frame["spent"])


def repeat_calibration(bg: BetaGeo, s: Summary, bins: int = REPEAT_BINS) -> pd.DataFrame:
    """Customers with 0, 1, … ``bins − 1`` and ``bins`` or more repeat purchases: the summary's
    counts beside the fitted model's expectation, sum over customers of P(X(T) = x) (Fader, Hardie
    & Lee 2005, eq. 8). The one check a single snapshot allows: it shows whether the model
    describes the buying it was fitted on, not whether it predicts what comes next."""
    ages, weight = np.unique(np.round(s.T, 6), return_counts=True)
    p = bg.alpha / (bg.alpha + ages)
    expected = []
    for x in range(bins):
        stays = np.exp(betaln(bg.a, bg.b + x) - betaln(bg.a, bg.b)) * nbinom.pmf(x, bg.r, p)
        left = 0.0
        if x:  # bought x times and then dropped out before T
            left = np.exp(betaln(bg.a + 1, bg.b + x - 1) - betaln(bg.a, bg.b)) * nbinom.sf(x - 1, bg.r, p)
        expected.append(float(weight @ (stays + left)))
    expected.append(len(s.x) - sum(expected))
    actual = np.bincount(np.minimum(s.x.astype(int), bins), minlength=bins + 1)
    labels = [str(x) for x in range(bins)] + [f"{bins}+"]
    return pd.DataFrame({"repeat_purchases": labels, "customers": actual,
                         "expected_customers": np.round(expected, 1)})


def summary_spend(fit: SummaryFit, days: int, coverage: float) -> tuple[pd.DataFrame, dict]:
    """Scores as on a log (expected spend and purchases, P(alive), the interval) and the totals."""
    weeks, s = days / WEEK, fit.data
    purchases = fit.bgnbd.expected(s, weeks)
    expected = purchases * fit.gamma_gamma.mean_spend(s)
    lower, upper, total = spend_intervals(fit.bgnbd, fit.gamma_gamma, s, weeks, coverage)
    frame = fit.frame
    scores = pd.DataFrame({
        "customer_id": frame["customer_id"], "expected_spend": expected.round(2),
        "expected_purchases": purchases.round(3), "p_alive": fit.bgnbd.p_alive(s).round(4),
        "lower": lower.round(2), "upper": upper.round(2),
        "recency_days": np.round((s.T - s.t_x) * WEEK), "frequency": frame["orders"].astype(float),
        "monetary": frame["spent"].astype(float).round(2)})
    scores = scores.sort_values("expected_spend", ascending=False, ignore_index=True)
    scores.insert(6, "value_rank", np.arange(1, len(scores) + 1))
    totals = {"horizon_days": days, "expected_total": float(expected.sum()),
              "expected_total_lower": total[0], "expected_total_upper": total[1], "coverage": coverage}
    return scores, totals


def summary_churn(fit: SummaryFit, days: int) -> pd.DataFrame:
    """Per customer the churn probability as on a log, P(no purchase in the next ``days``) from
    BG/NBD: gone, or still a customer with a gap of ``days``. P(alive) stays beside it: a
    different event (a customer for good), the one the reasons and the win-back rule read."""
    s, frame = fit.data, fit.frame
    gap = np.where(s.x > 0, s.t_x * WEEK / np.maximum(s.x, 1), np.nan)
    return pd.DataFrame({
        "customer_id": frame["customer_id"], "churn_probability": fit.bgnbd.p_none(s, days / WEEK),
        "p_alive": fit.bgnbd.p_alive(s), "expected_purchases": fit.bgnbd.expected(s, days / WEEK),
        "recency_days": np.round((s.T - s.t_x) * WEEK), "tenure_days": np.round(s.T * WEEK),
        "frequency": frame["orders"].astype(float), "monetary": frame["spent"].astype(float),
        "mean_gap_days": gap, "__found": None})


def summary_notes(metrics: dict) -> tuple[Sentence, ...]:
    """Where a summary run's numbers come from and why there is no out-of-time check."""
    if metrics.get("source") != SOURCE:
        return ()
    cols = metrics["summary_columns"]
    notes = [Sentence(f"customers.note.summary_end_{metrics['cutoff_from']}", day=Day(metrics["cutoff"]),
                      first=cols["first_purchase"], last=cols["last_purchase"], orders=cols["purchases"]),
             Sentence("customers.note.summary_in_sample")]
    if cols.get("spent"):  # the one column read by words alone when no header says total (消费金额)
        notes.insert(1, Sentence("customers.note.summary_spent", spent=cols["spent"]))
    if JOINED.match(cols["first_purchase"]):
        notes.insert(1, Sentence("customers.note.summary_joined", first=cols["first_purchase"]))
    if metrics["left_out_rows"]:
        notes.append(Sentence("customers.note.summary_left_out", n=f"{metrics['left_out_rows']:,}",
                              first=cols["first_purchase"]))
    return tuple(notes)
