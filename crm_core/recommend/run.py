"""One recommendation run: choose on the validation window, judge on the test window, then
recommend for everyone from all history. The CLI and the page both call :func:`run`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

import duckdb
import numpy as np
import pandas as pd

from crm_core.errors import CrmError
from crm_core.i18n import Sentence, say
from crm_core.recommend import data, items, width
from crm_core.recommend.baselines import bars
from crm_core.recommend.configs import RECOMMEND, RecommendConfig
from crm_core.recommend.data import TEST, VALIDATION, Purchases
from crm_core.recommend.evaluate import (
    MIN_VALIDATION_CUSTOMERS,
    Judge,
    blend_scorer,
    choose,
    merit,
    refine,
    served_note,
)
from crm_core.recommend.model import CANDIDATES, DEFAULT_WEIGHTS, Recommender, used
from crm_core.recommend.ranker import Ranker
from crm_core.report.files import csv_bytes, json_text
from crm_core.workspace import events
from crm_core.workspace.roles import get_roles
from crm_core.workspace.shared import shared_notes, shared_said

ENGINES = ("duckdb", "spark")
"""Where this analysis can run its row-heavy SQL (``tests/engine``: the same lists on both)."""

RANKED_MODES = ("new", "all")
"""Lists a learned ranker may order. Buy-again lists are scored in many narrow chunks, where it
took 34 s CPU and 718 MB (the blend: 15–21 s, 646 MB) for +0.6 point (Complete Journey, December)."""


@dataclass
class RecommendRun:
    """Recommendations for every customer, the evaluation and the fitted model."""

    kind: ClassVar[str] = RECOMMEND
    reads_purchases: ClassVar[bool] = True  # an event log's views and carts are left out

    table: str
    config: RecommendConfig
    lang: str
    model: Recommender
    recommendations: pd.DataFrame
    evaluation: dict
    products: pd.DataFrame | None = None
    products_table: str | None = None
    tried: list[dict] = field(default_factory=list)
    notes: tuple = ()
    """Sentences on how the purchases were read (an order's items from one cell, a till left out)."""
    by_name: bool = False
    """Products are named by their name, the log having no code (订单导出's 商品名称): the product
    column holds names, and a grid heads it so."""

    def summary(self) -> dict:
        ev = self.evaluation
        keys = ("hit_rate", "hit_rate_se", "precision", "precision_se", "precision_range", "recall",
                "recall_se", "recall_range", "coverage", "products_covered", "products_bought",
                "customers_covered", "popularity_hit_rate", "recent_popularity_hit_rate", "baseline",
                "baseline_hit_rate", "lift_hit_rate", "customers_evaluated", "customers_not_judged",
                "validation_customers", "method", "half_life_days", "popular_days", "weights",
                "similar_customers_hit_rate", "skipped")
        served = served_note(ev) if "method" in ev else None
        return {"customers": len(self.model.people()), "products": len(self.model.products_),
                "recommendations": len(self.recommendations), "mode": self.config.mode,
                **{k: say(ev[k], self.lang) for k in keys if k in ev},  # why it was not judged, as said
                **({"served": say(served, self.lang)} if served else {}),
                **({"by_name": True} if self.by_name else {})}  # a kept list heads its names so

    def tables(self) -> dict[str, pd.DataFrame]:
        return {"recommendations": self.recommendations}

    def files(self) -> dict[str, bytes]:
        return {"recommendations.csv": csv_bytes(self.recommendations),
                "rec_eval.json": json_text({**self.evaluation, "tried": self.tried}, indent=2).encode()}

    def label(self):
        """product id → readable label (id · name · brand)."""
        return data.labeller(self.products)

    def describe(self, frame: pd.DataFrame) -> pd.DataFrame:
        return data.describe(frame, self.products)


def _since(frame: pd.DataFrame, lookback_days: int | None) -> pd.DataFrame:
    if not lookback_days or frame["last_ts"].isna().all():
        return frame
    return frame[frame["last_ts"] >= frame["last_ts"].max() - pd.Timedelta(days=lookback_days)]


def tills(bought: Purchases) -> tuple[str, ...]:
    """The shared tills' ids: their sales count toward what sells, but they are no customer."""
    return tuple(c for c, _, _ in bought.shared)


def evaluate(bought: Purchases, config: RecommendConfig
             ) -> tuple[dict, Recommender, list, Ranker | None]:
    """Choose half-life and weights on validation, then blend or learned ranker by the paired hit
    rate on validation customers the ranker did not learn from (neither when validation judged too few
    customers: the defaults are kept), and for a blend's new-to-customer lists how many best-sellers
    lately they choose among (:mod:`.width`); judge once on test against the baselines. Returns the
    evaluation, the model to fit on all history, every tried setting and the ranker when it was
    chosen."""
    if not bought.has_dates:
        return ({"skipped": Sentence("rec.eval.no_dates")},
                _model(config, 0.0, None, DEFAULT_WEIGHTS), [], None)

    def model_of(part: int) -> Recommender:
        history = _since(bought.upto(part), config.lookback_days)
        return _model(config, 28.0, config.recent_days, DEFAULT_WEIGHTS, wide).fit(history, tills(bought))

    wide = CANDIDATES

    try:
        validation = model_of(VALIDATION)
    except CrmError:
        return ({"skipped": Sentence("rec.eval.too_long_holdout", days=config.holdout_days)},
                _model(config, config.half_life_days or 0.0, config.recent_days, DEFAULT_WEIGHTS), [], None)
    days = config.recent_days
    half_life, weights, tried, judge = choose(validation, bought.window(VALIDATION), config.top,
                                              config.half_life_days, days)
    checked = len(judge.rows)
    chosen = ranker = None  # too few validation customers: what sells lately, nothing to compare
    if checked >= MIN_VALIDATION_CUSTOMERS:
        ranker = Ranker(weights, config.mode, config.top) if config.mode in RANKED_MODES else None
        blend_hits = ranker and judge.hits(blend_scorer(judge.model, weights), config.top, ranker.needs,
                                           keep=True)  # kept: the ranker learns from the same signals
        chosen = {"blend": max(t["hit_rate"] or 0 for t in tried), "ranker": ranker and ranker.train(judge)}
        if ranker:
            chosen["ranker_gain"], chosen["ranker_gain_se"] = _paired_gain(ranker, blend_hits)
    method = _method(chosen, ranker, config.mode)
    if method == "popularity":
        days = None  # best-sellers of all history: see evaluate.POPULARITY
    if method == "blend" and config.mode == "new" and chosen:
        weights = refine(judge, tried, days, config.top)
        narrow = max(merit(t) for t in tried if "w_items" in t)  # the refined blend's own figures
        wide, chosen["wider"] = width.choose(judge.model, bought.window(VALIDATION), weights, config.top,
                                             narrow)
    del validation, judge  # not needed any more: the test model is fitted without them (peak memory)
    model = model_of(TEST).set_recency(half_life, days)
    judge = Judge.of(model, bought.window(TEST))
    k = config.top
    scores = judge.score({
        "model": ranker.scorer(model) if method == "ranker" else blend_scorer(model, weights),
        "blend": blend_scorer(model, weights),
        "similar_customers": blend_scorer(model, {"similar": 1.0}),
    }, k, ranker.needs if method == "ranker" else used(weights, {"similar": 1.0}))
    result, bar = scores.pop("model"), bars(judge, k, config.recent_days)
    if method == "popularity":  # the served list is the bar itself: judged as the bar is, ties alike
        result = bar["popularity"]
    baselines = {"blend": scores["blend"], **bar, "similar_customers": scores["similar_customers"]}
    flat = {f"{name}_{m}": v for name, scores in baselines.items() for m, v in scores.items()}
    stronger = max(("popularity", "recent_popularity"), key=lambda n: baselines[n]["hit_rate"] or 0)
    base = baselines[stronger]["hit_rate"]
    evaluation = {
        "k": k, "mode": config.mode, "holdout_days": config.holdout_days, "recent_days": config.recent_days,
        "customers_evaluated": len(judge.rows), "customers_not_judged": len(model.people()) - len(judge.rows),
        "held_out_pairs": int(judge.sizes.sum()),
        "purchase_rows": len(bought.frame), "ranker_customers": ranker.learnt if ranker else 0,
        "candidates": len(model.candidates_),
        "method": method, "validation_customers": checked, "validation_hit_rate": chosen,
        "half_life_days": half_life, "popular_days": days, "weights": weights, **result, **flat,
        "baseline": stronger, "baseline_hit_rate": base,
        "lift_hit_rate": round(result["hit_rate"] / base - 1, 4) if base and result["hit_rate"] else None,
    }
    return (evaluation, _model(config, half_life, days, weights, wide), tried,
            ranker if method == "ranker" else None)


def _method(chosen: dict | None, ranker: Ranker | None, mode: str) -> str:
    """What orders the lists: ``popularity`` (all history's best-sellers) on new-to-customer lists
    when validation was too small to compare anything, else the ranker when, on validation
    customers it did not learn from, it beat the blend by more than one standard error of that
    paired lead, else the simpler blend (untuned on lists holding own products when validation was
    too small: popularity alone was not measured there)."""
    if chosen is None:
        return "popularity" if mode == "new" else "blend"
    return "ranker" if ranker and chosen["ranker_gain"] > chosen["ranker_gain_se"] else "blend"


def _paired_gain(ranker: Ranker, blend_hits: np.ndarray) -> tuple[float, float]:
    """Mean and standard error of (held-out ranker hit − blend hit) per customer the ranker learnt
    from. Paired, because one seed's split alone moves the ranker's figure 0.5–1.4 points, as much
    as its lead on most windows (rounds 11–12): a lead within one such error is a coin."""
    at, hit = ranker.held
    d = hit - blend_hits[at]
    se = float(d.std(ddof=1) / np.sqrt(len(d))) if len(d) > 1 else 0.0
    return (round(float(d.mean()), 4), round(se, 4)) if len(d) else (0.0, 0.0)


def _all_bought(bought: Purchases) -> bool:
    """Every customer has bought every product: a new-to-customer list has nothing to offer anyone."""
    pairs = bought.frame[["customer_id", "product_id"]].drop_duplicates()
    return len(pairs) > 0 and len(pairs) == pairs["customer_id"].nunique() * pairs["product_id"].nunique()


def _model(config: RecommendConfig, half_life: float | None, popular_days: float | None,
           weights: dict[str, float], candidates: int = CANDIDATES) -> Recommender:
    return Recommender(half_life, popular_days, weights, config.n_neighbors, config.mode, candidates)


def resolve_products(con: duckdb.DuckDBPyConnection, table: str, config: RecommendConfig,
                     bought: pd.Series, roles: dict[str, str] | None = None
                     ) -> tuple[str | None, pd.DataFrame | None]:
    """The products table (named and checked, or found) and its catalogue matched to purchases;
    without one, the names the transaction lines carry."""
    name = config.products_table or data.find_products_table(con, table)
    if not name:
        return None, data.line_catalogue(con, table, get_roles(con, table, roles))
    if name == table:
        raise CrmError(Sentence("rec.error.products_is_orders", table=table))
    products = data.match_catalogue(data.catalogue(con, name, config.display_columns), bought)
    if products is None and config.products_table:
        raise CrmError(Sentence("rec.error.products_unmatched", products=name, table=table))
    return (name, products) if products is not None else (None, None)


def run(con: duckdb.DuckDBPyConnection, table: str, config: RecommendConfig | None = None, *,
        roles: dict[str, str] | None = None, lang: str = "en") -> RecommendRun:
    """Evaluate, then fit on all history and recommend for every customer."""
    config = config or RecommendConfig()
    roles = get_roles(con, table, roles)
    bought = data.purchases(con, table, roles, config.holdout_days, cycles=config.mode != "new")
    linked, products = resolve_products(con, table, config, bought.frame["product_id"], roles)
    evaluation, model, tried, ranker = evaluate(bought, config)
    model.fit(_since(bought.upto(TEST + 1), config.lookback_days), tills(bought))
    recs = data.describe(model.recommend(config.top, ranker=ranker), products)
    evaluation = {**evaluation, "products_table": linked, "customers": len(model.people()),
                  "products": len(model.products_), "not_products": bought.left_out,
                  "browsing_only": events.browsing_only(con, table, roles),
                  **({"shared_accounts": shared_said(bought.shared)} if bought.shared else {})}
    if recs.empty and config.mode == "new" and _all_bought(bought):  # Faire's retailers (walk41)
        evaluation["skipped"] = Sentence("rec.eval.all_bought", customers=f"{len(model.people()):,}",
                                         products=f"{len(model.products_):,}")
    till_notes = shared_notes(shared_said(bought.shared), "rec.note.shared_account")
    notes = items.notes(con, table, roles) + till_notes
    return RecommendRun(table, config, lang, model, recs, evaluation, products, linked, tried, notes,
                        by_name=not roles.get("product_id") and bool(roles.get("product_name")))
