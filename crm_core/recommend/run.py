"""Holding out each customer's last weeks to prove the recommender beats the best-seller list.

The model is fitted only on purchases before the cut; the held-out purchases are then the
answers. The popularity baseline is scored under the same rules, so the lift is a fair one.
Also the one entry point the CLI and the page share: :func:`run`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb
import numpy as np
import pandas as pd
from scipy import sparse

from crm_core.errors import CrmError
from crm_core.recommend.model import (
    Recommender,
    catalogue,
    data_end,
    find_products_table,
    interactions,
    match_catalogue,
)
from crm_core.workspace import store
from crm_core.workspace.roles import get_roles

POPULARITY_GRID: tuple[float, ...] = (0.0, 0.1, 0.3, 0.6)
"""Popularity shares tried on the held-out days; the final model uses the best one."""
CONTENT_MAX_PRODUCTS = 15_000
"""Largest catalogue for text similarity: 10k products take about 6 s of CPU, growing quadratically."""


@dataclass(frozen=True)
class RecommendParams:
    """Everything the analyst chooses; field help doubles as widget tooltips."""

    method: str = field(default="blend", metadata={"help": "cf, content or blend"})
    weight: float = field(default=0.9, metadata={"help": "share of co-purchase in the blend"})
    top: int = field(default=10, metadata={"help": "recommendations per customer"})
    include_bought: bool = field(default=False, metadata={"help": "allow products already bought"})
    holdout_days: int = field(default=28, metadata={"help": "last days hidden for the evaluation"})
    lookback_days: int | None = field(default=None, metadata={"help": "learn from recent days only"})
    min_support: int = field(default=1, metadata={"help": "minimum buyers for a product"})
    categories: tuple[str, ...] = field(default=(), metadata={"help": "recommend only these"})
    n_neighbors: int = field(default=200, metadata={"help": "neighbours kept per product"})
    weighting: str = field(default="log", metadata={"help": "log, binary, orders or quantity"})
    recency_half_life_days: float | None = field(default=None, metadata={"help": "older counts less"})
    idf: bool = field(default=False, metadata={"help": "weigh rare products up"})
    popularity_weight: float = field(default=0.1, metadata={"help": "share of popularity in scores"})
    tune: bool = field(default=True, metadata={"help": "pick the popularity share on the held-out days"})

    def model(self) -> Recommender:
        """A fresh, unfitted recommender with these settings."""
        return Recommender(method=self.method, weight=self.weight, n_neighbors=self.n_neighbors,
                           weighting=self.weighting, min_support=self.min_support,
                           recency_half_life_days=self.recency_half_life_days, idf=self.idf,
                           popularity_weight=self.popularity_weight,
                           include_bought=self.include_bought, categories=self.categories)


def cutoff_for(end: pd.Timestamp, holdout_days: int) -> pd.Timestamp:
    """Start of the held-out period: the last ``holdout_days`` calendar days up to ``end``."""
    if holdout_days < 1:
        raise CrmError("The held-out period must be at least one day.")
    return end.normalize() + pd.Timedelta(days=1) - pd.Timedelta(days=holdout_days)


def _lookback_start(until: pd.Timestamp | None, lookback_days: int | None) -> pd.Timestamp | None:
    if not lookback_days or until is None:
        return None
    return until - pd.Timedelta(days=lookback_days)


def _targets(model: Recommender, held_out: pd.DataFrame) -> pd.DataFrame:
    """Held-out (customer, product) pairs the model could be judged on under its rules."""
    frame = held_out[held_out["customer_id"].isin(model.customers_)][["customer_id", "product_id"]]
    if model.categories and model.catalogue_["category"].notna().any():
        allowed = set(model.products_[model.eligible_ | (model.support_ == 0)])
        frame = frame[frame["product_id"].isin(allowed)]
    if not model.include_bought:
        known = model.history_.tocoo()
        bought = pd.DataFrame({"customer_id": model.customers_[known.row],
                               "product_id": model.products_[known.col], "_bought": True})
        frame = frame.merge(bought, on=["customer_id", "product_id"], how="left")
        frame = frame[frame["_bought"].isna()].drop(columns="_bought")
    return frame


def score_holdout(model: Recommender, held_out: pd.DataFrame, k: int,
                  grid: tuple[float, ...] = ()) -> dict:
    """Hit rate, precision, recall and coverage at ``k`` for the model and the popularity list,
    plus the model's hit rate for each popularity share in ``grid``."""
    targets = _targets(model, held_out)
    customers = pd.unique(targets["customer_id"])
    sizes = targets.groupby("customer_id").size().reindex(customers).to_numpy(dtype=np.float64)
    rows = model.customers_.get_indexer(customers)
    cols = model.products_.get_indexer(targets["product_id"])
    row_of = pd.Series(np.arange(len(customers)), index=customers)
    known = cols >= 0
    truth = sparse.csr_matrix(
        (np.ones(int(known.sum()), dtype=np.float32),
         (row_of[targets["customer_id"]].to_numpy()[known], cols[known])),
        shape=(len(customers), len(model.products_)))
    result = {"customers_evaluated": len(customers), "held_out_pairs": len(targets)}
    for prefix, baseline in (("", False), ("popularity_", True)):
        result.update({f"{prefix}{key}": value for key, value in
                       _metrics(model, truth, rows, sizes, k, baseline).items()})
    if grid and len(customers):
        result["popularity_weight_hit_rates"] = {
            str(w): result["hit_rate"] if w == model.popularity_weight else
            _metrics(model, truth, rows, sizes, k, False, w)["hit_rate"] for w in grid}
    base = result["popularity_hit_rate"]
    result["lift_hit_rate"] = round(result["hit_rate"] / base - 1, 4) if base else None
    return result


def _metrics(model, truth, rows, sizes, k, baseline, popularity_weight=None) -> dict:
    hits = np.zeros(len(rows))
    shown: set[int] = set()
    offset = 0
    customers = model.customers_[rows].tolist()
    for _, top, scores in model.score_chunks(k, customers, baseline=baseline,
                                             popularity_weight=popularity_weight):
        n = len(top)
        top = np.where(np.isfinite(scores), top, -1)
        lookup = truth[offset:offset + n]
        found = np.asarray(lookup[np.arange(n)[:, None], np.maximum(top, 0)].todense())
        hits[offset:offset + n] = (found * (top >= 0)).sum(axis=1)
        shown.update(top[top >= 0].ravel().tolist())
        offset += n
    if not len(rows):
        return {"hit_rate": None, "precision": None, "recall": None, "coverage": None}
    return {
        "hit_rate": round(float((hits > 0).mean()), 4),
        "precision": round(float((hits / k).mean()), 4),
        "recall": round(float((hits / sizes).mean()), 4),
        "coverage": round(len(shown) / max(1, len(model.products_)), 4),
    }


def evaluate(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str], params: RecommendParams,
             products: pd.DataFrame | None = None) -> dict:
    """Fit on everything before the held-out period, then score on it (see :func:`score_holdout`)."""
    end = data_end(con, table, roles)
    if end is None:
        return {"skipped": f"Table '{table}' has no usable purchase dates, so nothing can be held out."}
    cutoff = cutoff_for(end, params.holdout_days)
    train = interactions(con, table, roles, since=_lookback_start(cutoff, params.lookback_days),
                         until=cutoff)
    held_out = interactions(con, table, roles, since=cutoff)
    if train.empty or held_out.empty:
        return {"skipped": f"Holding out the last {params.holdout_days} days leaves "
                           f"{'no history' if train.empty else 'nothing'} to "
                           f"{'learn from' if train.empty else 'check against'}; try another period."}
    model = params.model().fit(train, products)
    grid = POPULARITY_GRID if params.tune else ()
    return {"k": params.top, "holdout_days": params.holdout_days,
            "cutoff": cutoff.isoformat(), "end": end.isoformat(), "method": params.method,
            "trained_on_pairs": len(train), **score_holdout(model, held_out, params.top, grid)}


@dataclass
class RecommendRun:
    """What one run produces: the fitted model, the recommendations and the evaluation."""

    model: Recommender
    recommendations: pd.DataFrame
    evaluation: dict
    products_table: str | None


def resolve_products(con: duckdb.DuckDBPyConnection, table: str, products_table: str | None) -> str | None:
    """The named products table (checked), or one found in the workspace, or None."""
    if products_table:
        store.require_table(con, products_table)
        return products_table
    return find_products_table(con, exclude=table)


def _feasible(params: RecommendParams, products: pd.DataFrame | None) -> tuple[RecommendParams, str]:
    """Fall back to co-purchase when product text is missing or the catalogue is too big for
    text similarity in reasonable time (its cost grows with the square of the catalogue)."""
    if params.method == "cf":
        return params, ""
    if products is None:
        note = "No products table matches the purchases, so co-purchase only was used."
    elif len(products) > CONTENT_MAX_PRODUCTS:
        if params.method == "content":
            raise CrmError(f"Text similarity handles up to {CONTENT_MAX_PRODUCTS:,} products; the "
                           f"products table has {len(products):,}. Use co-purchase (cf) or blend.")
        note = (f"The products table has {len(products):,} products (text similarity handles up to "
                f"{CONTENT_MAX_PRODUCTS:,}), so co-purchase only was used.")
    else:
        return params, ""
    return RecommendParams(**{**params.__dict__, "method": "cf"}), note


def _tuned(params: RecommendParams, evaluation: dict) -> RecommendParams:
    """The settings with the popularity share that did best on the held-out days (ties: the set one).

    The reported figures stay those of the analyst's setting, so the choice does not flatter them.
    """
    rates = evaluation.get("popularity_weight_hit_rates")
    if not params.tune or not rates:
        return params
    best = max(rates, key=lambda w: (rates[w], float(w) == params.popularity_weight))
    return RecommendParams(**{**params.__dict__, "popularity_weight": float(best)})


def run(con: duckdb.DuckDBPyConnection, table: str, params: RecommendParams, *,
        overrides: dict[str, str] | None = None, products_table: str | None = None,
        progress: Callable[[float, str], None] | None = None) -> RecommendRun:
    """Evaluate on the held-out period, then fit on all data and recommend for every customer."""
    report = progress or (lambda _f, _m: None)
    roles = get_roles(con, table, overrides)
    end = data_end(con, table, roles)
    purchases = interactions(con, table, roles, since=_lookback_start(
        end + pd.Timedelta(microseconds=1) if end is not None else None, params.lookback_days))
    linked = resolve_products(con, table, products_table)
    products = match_catalogue(catalogue(con, linked), purchases) if linked else None
    if products is None:
        linked = None
    params, note = _feasible(params, products)
    report(0.05, "evaluate")
    evaluation = evaluate(con, table, roles, params, products)
    report(0.5, "fit")
    params = _tuned(params, evaluation)
    model = params.model().fit(purchases, products)
    report(0.75, "recommend")
    recs = model.recommend(params.top)
    recs = model.describe(recs, ("product_id", "because_product_id"))
    evaluation = {**evaluation, "method_used": params.method, "products_table": linked,
                  "popularity_weight_used": params.popularity_weight, **({"note": note} if note else {}),
                  "customers": len(model.customers_), "products": len(model.products_)}
    report(1.0, "done")
    return RecommendRun(model, recs, evaluation, linked)
