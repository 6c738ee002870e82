"""Honest evaluation: the log's last days are hidden for everyone and then used as the answers.

The weights and the half-life are chosen on the window before (validation), then the chosen
model is refitted and judged once on the last window (test) next to the baselines it has to
beat: popularity over all history and over the last weeks (the stronger one counts), and
customer-kNN alone. Only held-out products the list may contain count (new products for "new"
lists, repeat ones for "buy again"); customers with none are not eligible.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import sparse

from crm_core.i18n import Sentence
from crm_core.recommend.model import COMPONENTS, SCORE_CELLS, Recommender, chunk_columns, top_k_set, used
from crm_core.report.margin import mean_range, mean_standard_error, share_margin

HALF_LIVES: tuple[float, ...] = (14.0, 28.0, 56.0, 112.0)
"""Half-lives (days) of the customers' histories tried on the validation window."""
SIMILAR_WEIGHTS: tuple[float, ...] = (0.0, 0.25, 0.5, 1.0, 2.0, 4.0)
LATELY_WEIGHTS: tuple[float, ...] = (0.0, 1.0, 2.0)
"""Weights of similar customers' purchases over the last weeks (what customers like you buy lately)."""
ITEM_WEIGHTS: tuple[float, ...] = (0.0, 1.0, 2.0, 4.0)
"""Weights of the item-to-item regression, tried last with the other weights kept."""
ITEM_LEADERS = 5
"""Best settings of the weight grid the item weights are tried with when the blend orders
new-to-customer lists (:func:`refine`). Chosen on held-out halves of the validation customers of
nine exports: against the best one only, 3 / 5 / all 18 gained 0.26 / 0.44 / 0.60 point of
hit@10 on average (all: 5 s CPU more on the Complete Journey)."""
OWN_WEIGHTS: tuple[float, ...] = (0.5, 1.0, 2.0, 4.0)
DUE_WEIGHTS: tuple[float, ...] = (0.0, 1.0, 2.0, 4.0)
"""Weights of "due again at the customer's own cycle" (:mod:`.repeat`), tried after the weight grid
with its choice kept, on lists that may hold bought products."""
MIN_VALIDATION_CUSTOMERS = 30
"""Customers the validation window must judge before it chooses anything. On fewer, a hit rate's
95% range is wider than ±18 points and the settings tie or differ by chance: an Online Retail
II-shaped workbook (customers with one invoice or two, walk9) judged one customer there, every
setting and the ranker scored 0 %, and the tie kept popularity alone ("0.0% against 0.0%" beside a
14.1% test hit rate). The nine judged exports have 321 to 2,037."""
UNTUNED_HALF_LIFE = 28.0
"""Half-life kept when the validation window is too small to choose one (the model's default)."""
POPULARITY: dict[str, float] = {"popular": 1.0}
"""Popularity alone: with "lately" over all history, the list served when the validation window
is too small to tell a blend from popularity (judge17: on 10 validation bike shops the untuned
blend lost to popularity on the test weeks, 0.56 against 0.68). All history, not the last weeks:
on logs of 40 customers cut from seven real ones (validation windows only) the untuned blend beat
what sells lately by 1.3 points and lost to all history's best-sellers by 0.9 (docs/recommend.md)."""
Scorer = Callable[[np.ndarray, np.ndarray, dict[str, np.ndarray], np.ndarray], np.ndarray]
"""(a chunk's customer positions, its candidate positions, its signals, its mask) → scores."""


@dataclass
class Judge:
    """The answers of one window for one fitted model: eligible customers and their targets."""

    model: Recommender
    rows: np.ndarray
    truth: sparse.csr_matrix
    sizes: np.ndarray
    products_bought: int
    answers: sparse.csr_matrix
    """The same answers over the whole catalogue (:mod:`.baselines`: lists not held to the candidates)."""
    kept: dict[int, tuple] = field(default_factory=dict, repr=False)
    """Signals per chunk kept by the last scoring (``keep``) for the next one at the same half-life."""

    @classmethod
    def of(cls, model: Recommender, window: pd.DataFrame) -> Judge:
        frame = window[window["customer_id"].isin(model.people())]  # a shared till is not judged
        rows = model.customers_.get_indexer(frame["customer_id"].astype(str))
        cols = model.products_.get_indexer(frame["product_id"].astype(str))
        before = np.zeros(len(frame), dtype=bool)
        known = cols >= 0
        if known.any():  # scipy cannot index a sparse matrix by two empty arrays
            before[known] = np.asarray(model.bought_[rows[known], cols[known]]).ravel() > 0
        keep = {"new": ~before, "again": before, "all": np.ones(len(frame), dtype=bool)}[model.mode]
        rows, cols = rows[keep], cols[keep]
        customers, local = np.unique(rows, return_inverse=True)
        sizes = np.bincount(local, minlength=len(customers)).astype(np.float64)
        where = np.full(len(model.products_), -1)
        where[model.candidates_] = np.arange(len(model.candidates_))
        shown = where[np.where(cols >= 0, cols, 0)] if len(cols) else cols
        hit_able = (cols >= 0) & (shown >= 0)
        truth = sparse.csr_matrix((np.ones(int(hit_able.sum()), np.float32),
                                   (local[hit_able], shown[hit_able])),
                                  shape=(len(customers), len(model.candidates_)))
        seen = cols >= 0  # a product new in the window is no one's hit
        answers = sparse.csr_matrix((np.ones(int(seen.sum()), np.float32), (local[seen], cols[seen])),
                                    shape=(len(customers), len(model.products_)))
        return cls(model, customers, truth, sizes, len(np.unique(frame["product_id"][keep])), answers)

    def score(self, scorers: dict[str, Scorer], k: int, needs: tuple[str, ...] = COMPONENTS,
              keep: bool = False) -> dict[str, dict]:
        """hit@k, precision@k, recall@k with their standard errors (the last two with their ranges),
        coverage of bought products (share and count) and customers covered (a list of k, or of every
        product it may hold when fewer), per scorer; the model's signals ``needs`` are computed once per
        chunk and shared by the scorers. keep: keep them for the next scoring, which then computes only
        the signals it adds."""
        if not len(self.rows):
            return {name: {"hit_rate": None, "precision": None, "recall": None, "coverage": None}
                    for name in scorers}
        names = list(scorers)
        hits, full, shown_per = self._tally(scorers, k, needs, keep)
        return {name: {**mean_and_error("hit_rate", hits[i] > 0),
                       **mean_error_and_range("precision", hits[i] / k),
                       **mean_error_and_range("recall", hits[i] / self.sizes),
                       "coverage": rounded(int(shown_per[i]) / max(1, self.products_bought)),
                       "products_covered": int(shown_per[i]), "products_bought": self.products_bought,
                       "customers_covered": rounded(float(full[i].mean()))} for i, name in enumerate(names)}

    def hits(self, scorer: Scorer, k: int, needs: tuple[str, ...], keep: bool = False) -> np.ndarray:
        """Per customer, whether one scorer's top k holds a product bought (for paired comparisons)."""
        return self._tally({"one": scorer}, k, needs, keep)[0][0] > 0

    def _tally(self, scorers: dict[str, Scorer], k: int, needs: tuple[str, ...], keep: bool
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per scorer and customer: products bought in the top k, whether the list is full; per
        scorer: bought products shown to anyone."""
        names = list(scorers)
        hits = np.zeros((len(names), len(self.rows)))
        full = np.zeros((len(names), len(self.rows)), dtype=bool)
        shown = []
        offset = 0
        for chunk, (rows, cols) in enumerate(self.model.chunks(self.rows)):
            parts, mask = self.signals(chunk, rows, cols, needs, keep)
            n = len(rows)
            truth = chunk_columns(self.truth[offset:offset + n], cols).toarray() > 0
            room = np.minimum(k, np.isfinite(mask).sum(axis=1))  # buy-again: at most the history
            group = max(1, SCORE_CELLS // max(1, mask.size))
            for first in range(0, len(names), group):
                batch = names[first:first + group]
                which, at, top, values = _stacked_top(
                    [scorers[name](rows, cols, parts, mask) + mask for name in batch], k)
                finite = np.isfinite(values)
                found = truth[at, top] & finite
                slots = (len(batch), n)
                place = which * n + at
                hits[first:first + len(batch), offset:offset + n] = np.bincount(
                    place[found], minlength=n * len(batch)).reshape(slots)
                full[first:first + len(batch), offset:offset + n] = np.bincount(
                    place[finite], minlength=n * len(batch)).reshape(slots) == room
                shown.append((first + which[found]) * len(self.model.candidates_) + cols[top[found]])
            offset += n
        products = np.unique(np.concatenate(shown)) // len(self.model.candidates_)
        return hits, full, np.bincount(products, minlength=len(names))

    def signals(self, chunk: int, rows: np.ndarray, cols: np.ndarray, needs: tuple[str, ...],
                keep: bool = False) -> tuple[dict[str, np.ndarray], np.ndarray]:
        """A chunk's signals: those kept by the last scoring at this half-life, plus the missing
        (the mask is cheap, so it is made again rather than kept)."""
        life, parts = self.kept.pop(chunk, (None, {}))
        if life != self.model.half_life_days:
            parts = {}
        new, mask = self.model.components(rows, cols, tuple(n for n in needs if n not in parts))
        parts = {**parts, **new}
        if keep:  # never "due": tried once, made again where chosen; kept for every chunk it put
            # 50 MB on the peak of December's `all` lists
            self.kept[chunk] = (self.model.half_life_days, {n: v for n, v in parts.items() if n != "due"})
        return parts, mask


def _stacked_top(scores: list[np.ndarray], k: int
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each row's ``k`` best of several scorings of the same chunk, found in one pass (many
    narrow buy-again chunks would otherwise pay the per-call cost once per scoring): which
    scoring, row, column and score."""
    stacked = scores[0] if len(scores) == 1 else np.concatenate(scores)
    at, top, values = top_k_set(stacked, k)
    which, at = np.divmod(at, len(scores[0]))
    return which, at, top, values


def rounded(value: float) -> float:
    return round(value, 4)


def mean_and_error(metric: str, per_customer: np.ndarray) -> dict[str, float]:
    """A metric averaged over the judged customers and its standard error (``<metric>_se``): a
    precision of 0.6 % on 17 customers is no better known than their hit rate."""
    return {metric: rounded(float(per_customer.mean())),
            f"{metric}_se": rounded(mean_standard_error(per_customer))}


def mean_error_and_range(metric: str, per_customer: np.ndarray) -> dict:
    """:func:`mean_and_error` with the mean's 95% range (``<metric>_range``, low and high): ± 1.96 SE
    read "100%–100%" when the few judged customers all scored the same (left61, 1 of Ecwid's)."""
    return {**mean_and_error(metric, per_customer),
            f"{metric}_range": [rounded(b) for b in mean_range(per_customer)]}


def blend_scorer(model: Recommender, weights: dict[str, float]) -> Scorer:
    return lambda _rows, _cols, parts, _mask: model.blend(parts, weights)


def weight_grid(mode: str) -> list[dict[str, float]]:
    own = (0.0,) if mode == "new" else OWN_WEIGHTS
    return [{"popular": 1.0, "similar": s, "lately": r, "own": o}
            for s in SIMILAR_WEIGHTS for r in LATELY_WEIGHTS for o in own]


def choose(model: Recommender, window: pd.DataFrame, k: int, half_life: float | None,
           popular_days: float) -> tuple[float | None, dict[str, float], list[dict], Judge]:
    """Half-life, then weights, with the best hit@k on the validation window (ties: precision);
    a fixed ``half_life`` is kept (0: no decay). "What sells lately" keeps the analyst's window:
    chosen on the weeks before, a longer one lost to it on the last weeks of real grocery data.

    Returns the choice, every tried setting with its score, and the judge of the window, which
    keeps the signals of the last trial (the ranker learns from them). A window judging fewer than
    ``MIN_VALIDATION_CUSTOMERS`` customers chooses nothing: popularity alone on new-to-customer
    lists (the only ones measured there), the untuned blend on lists holding own products.
    """
    tried: list[dict] = []
    lives = (half_life,) if half_life is not None else HALF_LIVES
    judge = Judge.of(model.set_recency(lives[0], popular_days), window)

    def trial(h: float | None, grid: list[dict[str, float]]) -> tuple[tuple, dict]:
        return _trial(judge, tried, h, popular_days, grid, k)

    if len(judge.rows) < MIN_VALIDATION_CUSTOMERS:
        weights = dict(POPULARITY) if model.mode == "new" else untuned(model.mode)
        return UNTUNED_HALF_LIFE if half_life is None else half_life, weights, tried, judge
    start = [untuned(model.mode)]
    life = max(lives, key=lambda h: trial(h, start)[0]) if len(lives) > 1 else lives[0]
    _, weights = trial(life, weight_grid(model.mode))
    if model.mode != "new":
        _, weights = trial(life, [{**weights, "due": w} for w in DUE_WEIGHTS])
    _, weights = trial(life, [{**weights, "items": w} for w in ITEM_WEIGHTS])
    return life, weights, tried, judge


def untuned(mode: str) -> dict[str, float]:
    """The weights the half-life is chosen with, kept on buy-again and ``all`` lists when the
    validation window cannot choose: what sells lately and similar customers alike (own history
    only where a list may hold it)."""
    return {"popular": 1.0, "similar": 1.0, "own": 0.0 if mode == "new" else 1.0}


def can_choose(evaluation: dict) -> bool:
    """Whether the validation window judged enough customers to choose the settings (runs kept
    before the count was recorded did)."""
    return evaluation.get("validation_customers", MIN_VALIDATION_CUSTOMERS) >= MIN_VALIDATION_CUSTOMERS


def settings_note(evaluation: dict, **words: object) -> Sentence:
    """How the lists were set, in words: a blend chosen on the validation weeks, or what sells
    lately alone when those weeks judged too few customers to tell a blend from it (said, not a
    comparison of two zeros). ``words``: half_life, popular, weights, unused as the page says them."""
    if can_choose(evaluation):
        return Sentence("rec.chosen", **words)
    if evaluation.get("method") == "popularity":
        return Sentence("rec.chosen_popularity", customers=f"{evaluation['validation_customers']:,}",
                        least=MIN_VALIDATION_CUSTOMERS)
    return Sentence("rec.chosen_untuned", customers=f"{evaluation['validation_customers']:,}",
                    least=MIN_VALIDATION_CUSTOMERS, **words)


def served_note(evaluation: dict) -> Sentence | None:
    """Which list is served and its backtest hit rate beside the stronger popularity list's, in
    words for the summary (judge17 read "method": "blend" and a negative lift, and had to work out
    that popularity would have done better). None when nothing could be held out."""
    if evaluation.get("hit_rate") is None or evaluation.get("baseline_hit_rate") is None:
        return None
    method = evaluation["method"]
    if method == "blend" and not can_choose(evaluation):
        method = "blend_untuned"  # a list holding own products, validation too small to choose
    elif method == "blend" and not any(w for n, w in evaluation["weights"].items() if n != "popular"):
        method = "blend_popular"  # validation found no personal signal worth adding
    itself = {"popularity": "popularity", "blend_popular": "recent_popularity"}.get(method)
    other = max((n for n in ("popularity", "recent_popularity") if n != itself),
                key=lambda n: evaluation[f"{n}_hit_rate"] or 0)  # a list is not compared with itself
    return Sentence(f"rec.served.{method}", customers=f"{evaluation['validation_customers']:,}",
                    least=MIN_VALIDATION_CUSTOMERS, holdout=evaluation["holdout_days"],
                    hit=f"{evaluation['hit_rate']:.1%}", base=f"{(evaluation[f'{other}_hit_rate'] or 0):.1%}",
                    baseline=Sentence(f"rec.served.baseline_{other}", days=evaluation["recent_days"]),
                    tested=f"{evaluation['customers_evaluated']:,}", among=among_note(evaluation) or "")


def among_note(evaluation: dict) -> Sentence | None:
    """How many best-sellers lately the lists chose among, when the log sells more: a product
    outside them is never listed (rec37 kept the number in ``rec_eval.json`` only). None for a
    shop whose lists choose among all its products, and for runs kept before it was recorded."""
    candidates, products = evaluation.get("candidates"), evaluation.get("products")
    if not candidates or not products or candidates >= products:
        return None
    return Sentence("rec.served.among", candidates=f"{candidates:,}", products=f"{products:,}")


def _trial(judge: Judge, tried: list[dict], h: float | None, popular_days: float,
           grid: list[dict[str, float]], k: int) -> tuple[tuple, dict]:
    """Score each setting (kept in ``tried``) and return the best with its (hit, precision)."""
    judge.model.set_recency(h, popular_days)
    scores = judge.score({str(i): blend_scorer(judge.model, w) for i, w in enumerate(grid)}, k,
                         used(*grid), keep=True)
    rows = [{"half_life_days": h, **{f"w_{n}": v for n, v in w.items()},
             "hit_rate": scores[str(i)]["hit_rate"], "precision": scores[str(i)]["precision"]}
            for i, w in enumerate(grid)]
    tried.extend(rows)
    best = max(range(len(grid)), key=lambda i: merit(rows[i]))
    return merit(rows[best]), grid[best]


def merit(row: dict) -> tuple[float, float]:
    """How two settings tried on validation compare: hit@k, then precision@k."""
    return row["hit_rate"] or 0, row["precision"] or 0


def refine(judge: Judge, tried: list[dict], popular_days: float, k: int) -> dict[str, float]:
    """The item weights tried with the ``ITEM_LEADERS`` best settings of :func:`choose`'s weight
    grid, not only the best; for new-to-customer lists the blend orders. Done after the ranker is
    chosen, not before: a ranker trained on such weights lost 0.2 and 0.5 point on the Complete
    Journey's validation windows, and its trials would cost CPU there for nothing."""
    grid = [t for t in tried if "w_lately" in t and "w_items" not in t]
    leaders = sorted(grid, key=merit, reverse=True)[1:ITEM_LEADERS]  # stable: ties in grid order
    first, added = [t for t in tried if "w_items" in t], len(tried)
    names = ("popular", "similar", "lately", "own")
    _trial(judge, tried, first[0]["half_life_days"], popular_days,
           [{n: t[f"w_{n}"] for n in names} | {"items": i} for t in leaders for i in ITEM_WEIGHTS if i], k)
    best = max([*first, *tried[added:]], key=merit)  # ties: the first choice
    return {n: best[f"w_{n}"] for n in (*names, "items")}


def lift_verdict(evaluation: dict) -> str:
    """The model's hit rate against the stronger popularity list: ``up``, ``down``, ``same``,
    ``none`` (no baseline hit), or ``within`` when the gap is inside the hit rate's 95% range
    (30.7 % against 29.5 % on 241 households, ±5.8 points, read "4% more" on the page);
    ``whole_catalogue`` when a list is as long as the catalogue (8 products, top 10: every list
    holds every product and scored 100 %, "the same as best-sellers", in the judge6 walk)."""
    k, products = evaluation.get("k"), evaluation.get("products")
    if k and products and k >= products:
        return "whole_catalogue"
    lift = evaluation.get("lift_hit_rate")
    if lift is None:
        return "none"
    if round(lift, 2) == 0:
        return "same"
    hit, base = evaluation["hit_rate"] or 0, evaluation["baseline_hit_rate"] or 0
    if abs(hit - base) < share_margin(hit, evaluation["customers_evaluated"]):
        return "within"
    return "up" if lift > 0 else "down"
