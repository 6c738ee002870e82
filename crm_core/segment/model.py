"""Segmentation: KMeans with an honest choice of k (RFM groups live in :mod:`rfm`).

KMeans runs on transformed features (signed log or quantile, then scaling) so a few very
large customers do not decide the clusters; nobody is removed as an "outlier".
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.exceptions import NotFittedError
from sklearn.metrics import (
    adjusted_rand_score,
    calinski_harabasz_score,
    davies_bouldin_score,
    pairwise_distances,
    silhouette_score,
)
from threadpoolctl import threadpool_limits

from crm_core.errors import CrmError
from crm_core.i18n import Sentence, t
from crm_core.segment.configs import CORE_FEATURES
from crm_core.segment.encode import MISSING_LEVEL, MatrixEncoder, signed_log
from crm_core.segment.naming import unique_names
from crm_core.workspace.value_order import value_order

# ------------------------------------------------------------------------------------- KMeans

STABLE_ARI = 0.8
"""Bootstrap stability (mean adjusted Rand index) a k needs to be recommended."""
MIN_PER_SEGMENT = 4
"""Customers per segment, on average, below which 'auto' tries no larger k: 7 Walmart
store-departments in 6 segments, or 30 bike shops in 8, are single customers, not segments."""


class Segmenter:
    """KMeans segmentation with k chosen from evidence (scikit-learn estimator shape).

    Parameters are stored untouched; :meth:`fit` evaluates every k in ``k_range`` (inertia,
    silhouette on ``silhouette_sample`` customers, Calinski–Harabasz, Davies–Bouldin, bootstrap
    stability; all on a random ``eval_sample`` of customers when there are more), recommends
    one, and fits the chosen k on everyone (``n_clusters='auto'`` takes the recommendation).
    Clusters are numbered by mean monetary value, highest first (by size without money), so
    runs read the same way. ``blocks`` maps columns to their source (see :class:`MatrixEncoder`).
    """

    def __init__(self, n_clusters: int | str = "auto", features: tuple[str, ...] = CORE_FEATURES,
                 categorical: tuple[str, ...] = (), blocks: dict[str, str] | None = None,
                 transform: str = "log", named: tuple[str, ...] = (),
                 k_range: tuple[int, int] = (2, 10), silhouette_sample: int = 3000,
                 eval_sample: int = 10000,
                 n_bootstrap: int = 4, n_init: int = 3, random_state: int = 0) -> None:
        self.n_clusters = n_clusters
        self.features = features
        self.categorical = categorical
        self.blocks = blocks
        self.transform = transform
        self.named = named
        self.k_range = k_range
        self.silhouette_sample = silhouette_sample
        self.eval_sample = eval_sample
        self.n_bootstrap = n_bootstrap
        self.n_init = n_init
        self.random_state = random_state

    def transform_features(self, frame: pd.DataFrame) -> np.ndarray:
        """The matrix KMeans sees (see :mod:`crm_core.segment.encode`)."""
        if not hasattr(self, "encoder_"):
            raise NotFittedError("Segmenter is not fitted yet; call fit first.")
        return self.encoder_.transform_frame(frame)

    # -- fitting
    def fit(self, frame: pd.DataFrame) -> Segmenter:
        """Evaluate k, recommend one, fit the chosen k on every customer."""
        with threadpool_limits(limits=1, user_api="openmp"):
            return self._fit(frame)

    def _fit(self, frame: pd.DataFrame) -> Segmenter:
        """KMeans' OpenMP threads busy-wait badly on shared cores, hence one thread (in fit). The
        customers are read in :func:`value_order`: KMeans' seeding, the samples and the bootstrap
        pick rows by position, and id order let a renaming alone change k (HubSpot deals, det27)."""
        order = value_order(frame, [*self.features, *self.categorical])
        ranked = frame.iloc[order]
        self.encoder_ = MatrixEncoder(self.features, self.categorical, self.blocks, self.transform,
                                      named=self.named, random_state=self.random_state).fit(ranked)
        x = self.transform_features(ranked)
        distinct = len(np.unique(x.round(9), axis=0))
        k_max = min(self.k_range[1], distinct - 1, len(x) // MIN_PER_SEGMENT)
        ks = list(range(self.k_range[0], k_max + 1))
        self.k_scores_ = evaluate_k(self._evaluation_rows(x), ks, sample=self.silhouette_sample,
                                    n_bootstrap=self.n_bootstrap, n_init=self.n_init,
                                    random_state=self.random_state)
        self.recommendation_ = recommend_k(self.k_scores_)
        k = self._chosen_k(distinct)
        if k == 1:
            labels = np.zeros(len(x), dtype=int)
            self.kmeans_ = None
        else:
            self.kmeans_ = KMeans(k, n_init=self.n_init, random_state=self.random_state).fit(x)
            labels = self.kmeans_.labels_
        self.relabel_ = {old: new for new, old in enumerate(_cluster_order(ranked, labels))}
        ranked_labels = np.array([self.relabel_[v] for v in labels], dtype="int64")
        self.k_ = k
        self.silhouette_ = self._silhouette(x, ranked_labels, k)
        self.labels_ = np.empty_like(ranked_labels)
        self.labels_[order] = ranked_labels
        return self

    def _evaluation_rows(self, x: np.ndarray) -> np.ndarray:
        """All customers, or a random ``eval_sample`` of them for the k = 2…10 comparison."""
        if len(x) <= self.eval_sample:
            return x
        rng = np.random.default_rng(self.random_state)
        return x[np.sort(rng.choice(len(x), self.eval_sample, replace=False))]

    def _silhouette(self, x: np.ndarray, labels: np.ndarray, k: int) -> float | None:
        """From the k evaluation when k was evaluated on every customer, else on a sample."""
        if not 1 < k < len(x):
            return None
        known = self.k_scores_.loc[self.k_scores_["k"] == k, "silhouette"]
        if not known.empty and len(x) <= self.eval_sample:
            return float(known.iloc[0])
        return float(silhouette_score(x, labels, sample_size=min(len(x), self.silhouette_sample),
                                      random_state=self.random_state))

    def _chosen_k(self, distinct: int) -> int:
        if self.n_clusters == "auto":
            return int(self.recommendation_["k"]) if self.recommendation_ else 1
        k = int(self.n_clusters)
        if k < 1 or k > distinct:
            raise CrmError(Sentence("segment.error.k_too_big", k=k, distinct=distinct))
        return k

    def predict(self, frame: pd.DataFrame) -> np.ndarray:
        """Cluster numbers (in this segmenter's numbering) for new customer rows."""
        if not hasattr(self, "labels_"):
            raise NotFittedError("Segmenter is not fitted yet; call fit first.")
        if self.kmeans_ is None:
            return np.zeros(len(frame), dtype="int64")
        raw = self.kmeans_.predict(self.transform_features(frame))
        return np.array([self.relabel_[v] for v in raw], dtype="int64")


def _cluster_order(frame: pd.DataFrame, labels: np.ndarray) -> list[int]:
    """Cluster numbers ordered by mean monetary value (largest first), else by size."""
    key = frame["monetary"] if "monetary" in frame.columns else pd.Series(1.0, index=frame.index)
    grouped = pd.Series(key.to_numpy()).groupby(labels)
    ranking = grouped.mean() if "monetary" in frame.columns else grouped.size()
    return ranking.sort_values(ascending=False, kind="stable").index.tolist()


def _stability(x: np.ndarray, k: int, reference: KMeans, n_bootstrap: int, rng: np.random.Generator) -> float:
    """Mean adjusted Rand index between the full fit and fits on bootstrap resamples."""
    if n_bootstrap < 1:
        return float("nan")
    probe = x if len(x) <= 5000 else x[rng.choice(len(x), 5000, replace=False)]
    base = reference.predict(probe)
    scores = []
    for _ in range(n_bootstrap):
        idx = rng.choice(len(x), size=min(len(x), 5000), replace=True)
        if len(np.unique(x[idx], axis=0)) < k:
            continue
        boot = KMeans(k, n_init=1, random_state=int(rng.integers(1 << 31))).fit(x[idx])
        scores.append(adjusted_rand_score(base, boot.predict(probe)))
    return float(np.mean(scores)) if scores else float("nan")


def _sample_distances(x: np.ndarray, sample: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """One random sample and its distance matrix, shared by every k's silhouette (the costly part)."""
    idx = np.arange(len(x)) if len(x) <= sample else np.sort(rng.choice(len(x), sample, replace=False))
    return idx, pairwise_distances(x[idx].astype(np.float32))


def silhouette_from_distances(distances: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette from a precomputed distance matrix: one matrix product per k.

    Same definition as scikit-learn's (a point alone in its cluster scores 0).
    """
    _, codes = np.unique(labels, return_inverse=True)
    onehot = np.eye(codes.max() + 1, dtype=np.float32)[codes]
    sums = distances @ onehot                       # distance from each point to each cluster
    sizes = onehot.sum(axis=0)
    own = sizes[codes]
    a = sums[np.arange(len(codes)), codes] / np.maximum(own - 1, 1)
    others = sums / sizes
    others[np.arange(len(codes)), codes] = np.inf
    b = others.min(axis=1)
    s = np.where(own > 1, (b - a) / np.maximum(np.maximum(a, b), 1e-12), 0.0)
    return float(s.mean())


def evaluate_k(x: np.ndarray, ks: list[int], *, sample: int = 3000, n_bootstrap: int = 4,
               n_init: int = 3, random_state: int = 0) -> pd.DataFrame:
    """Inertia, silhouette (on one sample), Calinski–Harabasz, Davies–Bouldin and stability per k."""
    rng = np.random.default_rng(random_state)
    idx, distances = _sample_distances(x, sample, rng) if ks else (None, None)
    rows = []
    for k in ks:
        model = KMeans(k, n_init=n_init, random_state=random_state).fit(x)
        labels = model.labels_
        if len(np.unique(labels)) < 2:
            continue
        sampled = labels[idx]
        silhouette = (silhouette_from_distances(distances, sampled)
                      if 1 < len(np.unique(sampled)) < len(sampled) else float("nan"))
        rows.append({
            "k": k,
            "inertia": float(model.inertia_),
            "silhouette": silhouette,
            "calinski_harabasz": float(calinski_harabasz_score(x, labels)),
            "davies_bouldin": float(davies_bouldin_score(x, labels)),
            "stability": _stability(x, k, model, n_bootstrap, rng),
        })
    return pd.DataFrame(rows, columns=["k", "inertia", "silhouette", "calinski_harabasz",
                                       "davies_bouldin", "stability"])


def recommend_k(scores: pd.DataFrame) -> dict | None:
    """The k with the best average rank over silhouette, Calinski–Harabasz and Davies–Bouldin,
    among the k whose clusters come back under resampling (stability ≥ :data:`STABLE_ARI`).

    Returns the k, its scores and whether the stability filter could be applied; None when no
    k could be evaluated (too few distinct customers).
    """
    if scores.empty:
        return None
    stable = scores[scores["stability"] >= STABLE_ARI]
    pool = stable if not stable.empty else scores
    ranks = (pool["silhouette"].rank(ascending=False) + pool["calinski_harabasz"].rank(ascending=False)
             + pool["davies_bouldin"].rank(ascending=True)) / 3
    best = pool.assign(rank=ranks).sort_values(["rank", "silhouette"], ascending=[True, False]).iloc[0]
    return {"k": int(best["k"]), "silhouette": float(best["silhouette"]),
            "calinski_harabasz": float(best["calinski_harabasz"]),
            "davies_bouldin": float(best["davies_bouldin"]), "stability": float(best["stability"]),
            "mean_rank": float(best["rank"]), "stable_filter": not stable.empty,
            "candidates": int(len(pool))}


def recommendation_text(rec: dict | None, lang: str = "en") -> str:
    """Why this k, in words the analyst can repeat to a manager."""
    if rec is None:
        return t("segment.rec.none", lang)
    key = "segment.rec.stable" if rec["stable_filter"] else "segment.rec.unstable"
    return t(key, lang, k=rec["k"], silhouette=f"{rec['silhouette']:.2f}",
             ch=f"{rec['calinski_harabasz']:,.0f}", db=f"{rec['davies_bouldin']:.2f}",
             stability=f"{rec['stability']:.2f}", threshold=STABLE_ARI, n=rec["candidates"])


# ------------------------------------------------------------------------------ names, profiles


def standardised_profile(frame: pd.DataFrame, labels, features: tuple[str, ...]) -> pd.DataFrame:
    """Mean z-score of each (signed-log) feature per group: the heat map / snake plot data."""
    values = signed_log(frame[list(features)].astype("float64").to_numpy())
    std = np.nanstd(values, axis=0)
    z = (values - np.nanmean(values, axis=0)) / np.where(std > 0, std, 1.0)
    return pd.DataFrame(z, columns=list(features)).groupby(np.asarray(labels)).mean()


def _level(z: float, low: str, mid: str, high: str) -> str:
    return high if z > 0.5 else low if z < -0.5 else mid


def cluster_names(frame: pd.DataFrame, labels, lang: str = "en",
                  then: dict[int, list[str]] | None = None, gifts: bool = False) -> dict[int, str]:
    """Readable names from each cluster's profile, e.g. "High value, active", followed by the words
    ``then`` adds per cluster (what stands out in the customer table).

    Value is the mean of the frequency and monetary z-scores, activity the recency z-score
    (signed log scale); thresholds ±0.5. A cluster whose mean spend is below zero (returns
    outweigh sales) is named for that, not "Low value" (walk16). Names equal in full say how they
    differ (:func:`_told_apart`), then get a number if still equal, so every name is unique: a
    number given before ``then`` was added read "高价值·活跃 2，黄金会员" beside
    "高价值·活跃，钻石会员" (judge25). A donation log's segments are named for donors (``gifts``):
    "High value" and "bigger spenders" told a food bank's givers as shoppers (left82).
    """
    z = standardised_profile(frame, labels, CORE_FEATURES)
    spend = frame["monetary"].astype("float64").groupby(np.asarray(labels)).mean()
    names: dict[int, str] = {}
    for cluster, row in z.iterrows():
        value = "refunds" if spend[cluster] < 0 else \
            _level((row["frequency"] + row["monetary"]) / 2, "low", "mid", "high")
        activity = _level(row["recency_days"], "active", "cooling", "lapsed")
        names[int(cluster)] = t("segment.name.pattern", lang,
                                value=t(f"segment.name.{_giver(gifts)}value.{value}", lang),
                                activity=t(f"segment.name.activity.{activity}", lang))
    sep = t("segment.describe.sep", lang)

    def followed(named: dict[int, str]) -> dict[int, str]:
        return {c: sep.join([n, *(then or {}).get(c, [])]) for c, n in named.items()}
    return unique_names(followed(_told_apart(names, z, lang, followed(names), gifts)))


def _giver(gifts: bool) -> str:
    """The part of a name's key that says a donor's words instead of a shopper's."""
    return "gift." if gifts else ""


def _told_apart(names: dict[int, str], z: pd.DataFrame, lang: str, full: dict[int, str],
                gifts: bool = False) -> dict[int, str]:
    """Segments whose ``full`` names are equal, each with how it stands against the others of that
    name on the measure where they differ most ("High value, active (bigger spenders)" beside "…
    (more orders)"): "高价值·活跃" beside "高价值·活跃 2" left the analyst to guess the difference (walk17).
    Of three or more, the ones between the highest and the lowest are "mid" (a 有赞 list's three
    lapsed low-value segments spent 206, 96 and 0 on average: two read "bigger spenders")."""
    out = dict(names)
    for name in {n for n in full.values() if list(full.values()).count(n) > 1}:
        group = z.loc[[c for c, n in full.items() if n == name], list(CORE_FEATURES)]
        spread = group.max() - group.min()
        if spread.max() <= 0:
            continue
        feature = spread.idxmax()
        ordered = group[feature].sort_values().index
        for cluster in ordered:
            side = "high" if cluster == ordered[-1] else "low" if cluster == ordered[0] else "mid"
            out[int(cluster)] = t("segment.name.apart", lang, name=names[int(cluster)],
                                  how=t(f"segment.name.{_giver(gifts)}apart.{feature}.{side}", lang))
    return out


def rename(names: dict[int, str], changes: dict[int, str]) -> dict[int, str]:
    """Apply the analyst's new names; names must be non-empty and stay unique."""
    merged = {c: (changes.get(c) or "").strip() or n for c, n in names.items()}
    if len(set(merged.values())) != len(merged):
        raise CrmError(Sentence("segment.error.same_name"))
    return merged


def profile_table(members: pd.DataFrame, features: tuple[str, ...], by: str = "segment",
                  levels: dict[str, list] | None = None, flags: frozenset[str] = frozenset()) -> pd.DataFrame:
    """Customers (and revenue share when there is money), mean and median of each feature,
    the share of each of ``levels`` (column → common levels) per segment, and of each 0/1 feature
    in ``flags`` (a tag: its median read 0 or 1, its mean 0.27 beside a level's 30%, walk20). The columns are
    built apart and joined once: a wide table (Caravan's 85 columns) added one at a time printed
    pandas' "highly fragmented" warning on the analyst's terminal."""
    grouped = members.groupby(by, sort=False)
    sizes = grouped.size()
    cols: dict[str, pd.Series] = {"customers": sizes, "customer_share": sizes / len(members)}
    if "monetary" in members.columns:
        revenue = grouped["monetary"].sum()
        total = members["monetary"].sum()
        cols["revenue"] = revenue
        cols["revenue_share"] = revenue / total if total else pd.Series(np.nan, index=sizes.index)
    for feature in features:
        if feature in flags:
            cols[feature] = grouped[feature].mean()
            continue
        cols[f"{feature}_mean"] = grouped[feature].mean()
        cols[f"{feature}_median"] = grouped[feature].median()
    for column, kept in (levels or {}).items():
        values = members[column].astype("string").str.strip().fillna(MISSING_LEVEL)
        for level in kept:
            cols[f"{column}: {level}"] = (values == level).groupby(members[by]).mean()
    out = pd.concat(cols, axis=1).reindex(sizes.index)
    order = "revenue" if "revenue" in out.columns else "customers"
    return out.sort_values(order, ascending=False).reset_index()


def pca_coordinates(segmenter: Segmenter, frame: pd.DataFrame, labels, max_points: int = 20000,
                    random_state: int = 0) -> pd.DataFrame:
    """2-D PCA of the clustering matrix (a random sample beyond ``max_points``), fitted and sampled
    with the customers in :func:`value_order`: by row position, a renaming showed others (det28)."""
    order = value_order(frame, [*segmenter.features, *segmenter.categorical])
    x = segmenter.transform_features(frame)[order]
    idx = np.arange(len(x))
    if len(x) > max_points:
        idx = np.sort(np.random.default_rng(random_state).choice(len(x), max_points, replace=False))
    dims = min(2, x.shape[1], len(x))
    coords = PCA(dims, random_state=random_state).fit(x).transform(x[idx])
    if dims < 2:
        coords = np.column_stack([coords, np.zeros(len(idx))])
    rows = order[idx]
    return pd.DataFrame({"customer_id": frame["customer_id"].to_numpy()[rows],
                         "pc1": coords[:, 0], "pc2": coords[:, 1],
                         "label": np.asarray(labels)[rows]})


def movement(before: pd.Series, after: pd.Series, absent: str = "—") -> pd.DataFrame:
    """Customers moving between segments of two runs (both indexed by customer id)."""
    joined = pd.concat([before.rename("from"), after.rename("to")], axis=1).fillna(absent)
    return (joined.groupby(["from", "to"], sort=False).size().rename("customers")
            .reset_index().sort_values("customers", ascending=False, ignore_index=True))
