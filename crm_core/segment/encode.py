"""The matrix KMeans sees: numbers tamed and scaled, categories one-hot, blocks weighted.

Why one-hot + KMeans rather than k-prototypes: one distance space for every kind of column,
so the same k evaluation (silhouette, Calinski–Harabasz, Davies–Bouldin, bootstrap stability),
the PCA map and the profiles work unchanged; no extra dependency, and KMeans on a few dozen
columns is fast on two cores. The weights make the two kinds comparable:

* a numeric column is signed-log transformed when it is skewed (|skewness| > 1: spend, counts)
  or quantile-normalised (``transform="quantile"``), then standardised, so it has variance 1;
* a categorical column (Yes/No included) becomes indicators of its most common levels (the
  rest share an all-zero "other"), scaled so the column's indicators together have variance
  1: a ten-level column weighs as much as one number, not ten;
* columns grouped in blocks (purchases, customer table, events) are divided by the square
  root of their block's column count, so each block weighs the same whatever its width.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.exceptions import NotFittedError
from sklearn.preprocessing import QuantileTransformer, StandardScaler

from crm_core.errors import CrmError
from crm_core.i18n import Listing, Sentence

MISSING_LEVEL = "∅"
RELATED = 0.15
"""Association (Cramér's V, correlation ratio) a categorical column needs with some other column
to be clustered on; ``1.5 ×`` its chance level on small tables."""
SKEWED = 1.0
"""|skewness| above which a numeric column is log-transformed under ``transform="log"``."""
REPEATS = 0.95
"""|Spearman| at which a number ranks customers as another does: it only repeats that one."""


def signed_log(x: np.ndarray) -> np.ndarray:
    return np.sign(x) * np.log1p(np.abs(x))


class MatrixEncoder:
    """Fit on the customers' frame once, then turn any frame with the same columns into the
    clustering matrix (``columns_`` names its columns)."""

    def __init__(self, numeric: tuple[str, ...], categorical: tuple[str, ...] = (),
                 blocks: dict[str, str] | None = None, transform: str = "log",
                 max_levels: int = 8, named: tuple[str, ...] = (), random_state: int = 0) -> None:
        if transform not in ("log", "quantile"):
            raise CrmError(Sentence("segment.error.transform", transform=transform))
        self.numeric = tuple(numeric)
        self.categorical = tuple(categorical)
        self.blocks = blocks or {}
        self.transform = transform
        self.max_levels = max_levels
        self.named = tuple(named)
        self.random_state = random_state

    def fit(self, frame: pd.DataFrame) -> MatrixEncoder:
        missing = [c for c in (*self.numeric, *self.categorical) if c not in frame.columns]
        if missing:
            raise CrmError(Sentence("segment.error.no_feature_column", missing=Listing(missing)))
        numbers = frame[list(self.numeric)].astype("float64")
        self.medians_ = numbers.median().fillna(0.0)
        filled = numbers.fillna(self.medians_)
        self.logged_ = tuple(c for c in self.numeric if abs(float(filled[c].skew() or 0.0)) > SKEWED)
        if self.transform == "quantile" and self.numeric:
            self.quantiles_ = QuantileTransformer(n_quantiles=min(1000, len(frame)),
                                                  output_distribution="normal",
                                                  random_state=self.random_state).fit(filled.to_numpy())
        self.scaler_ = StandardScaler().fit(self._numbers(frame)) if self.numeric else None
        self.levels_ = {c: _text(frame[c]).value_counts().index[: self.max_levels].tolist()
                        for c in self.categorical}
        self.unrelated_ = self._unrelated(frame)
        self.level_scale_ = {c: 0.0 if c in self.unrelated_ else
                             _unit_variance_scale(self._indicators(frame, c)) for c in self.categorical}
        self.weights_ = self._block_weights()
        self.columns_ = [*self.numeric, *(f"{c}={lv}" for c in self.categorical for lv in self.levels_[c])]
        return self

    def _numbers(self, frame: pd.DataFrame) -> np.ndarray:
        numbers = frame[list(self.numeric)].astype("float64").fillna(self.medians_)
        if self.transform == "quantile":
            return self.quantiles_.transform(numbers.to_numpy())
        for column in self.logged_:
            numbers[column] = signed_log(numbers[column].to_numpy())
        return numbers.to_numpy()

    def _indicators(self, frame: pd.DataFrame, column: str) -> np.ndarray:
        values = _text(frame[column]).to_numpy()
        levels = self.levels_[column]
        return np.column_stack([(values == lv).astype(float) for lv in levels]) if levels else \
            np.zeros((len(frame), 0))

    def _unrelated(self, frame: pd.DataFrame) -> tuple[str, ...]:
        """Categorical columns associated with no other column: profiled, not clustered on.

        A binary column at full weight is a perfect two-way split, so KMeans cuts every real
        group in two along it (Gender on the Mall customers: k = 10 instead of 5). A column tied
        to others (contract with tenure) still shapes the segments, and so does one the analyst
        named (``named``): asked for, it is clustered on."""
        if len(self.numeric) + len(self.categorical) < 2:
            return ()
        numbers = pd.DataFrame(self._numbers(frame), columns=list(self.numeric)) if self.numeric else None
        texts = {c: _text(frame[c]).to_numpy() for c in self.categorical}
        unrelated = []
        for column, codes in texts.items():
            if column in self.named:
                continue
            strength = [correlation_ratio(codes, numbers[n].to_numpy()) for n in self.numeric]
            strength += [cramers_v(codes, other) for name, other in texts.items() if name != column]
            chance = np.sqrt((len(self.levels_[column]) - 1) / max(len(frame), 1))
            if max(strength, default=0.0) < max(RELATED, 1.5 * chance):
                unrelated.append(column)
        return tuple(unrelated)

    def _block_weights(self) -> dict[str, float]:
        """1/sqrt(block width) per column, or 1 everywhere when there is one block."""
        names = [self.blocks.get(c, "") for c in (*self.numeric, *self.categorical)]
        width = pd.Series(names).value_counts()
        if len(width) <= 1:
            return {c: 1.0 for c in (*self.numeric, *self.categorical)}
        return {c: 1.0 / np.sqrt(width[self.blocks.get(c, "")]) for c in (*self.numeric, *self.categorical)}

    def transform_frame(self, frame: pd.DataFrame) -> np.ndarray:
        """The clustering matrix for ``frame`` (same columns as the frame it was fitted on)."""
        if not hasattr(self, "columns_"):
            raise NotFittedError("The encoder is not fitted yet; call fit first.")
        parts = []
        if self.numeric:
            scaled = self.scaler_.transform(self._numbers(frame))
            parts.append(scaled * np.array([self.weights_[c] for c in self.numeric]))
        for column in self.categorical:
            scale = self.level_scale_[column] * self.weights_[column]
            parts.append(self._indicators(frame, column) * scale)
        return np.hstack(parts) if parts else np.zeros((len(frame), 0))


def repeated(frame: pd.DataFrame, numeric: tuple[str, ...], candidates: frozenset[str]) -> dict[str, str]:
    """Each of ``candidates`` that ranks customers as an earlier kept column of ``numeric`` does
    (|Spearman| ≥ :data:`REPEATS`) → that column. Clustered on both, one measure weighs twice:
    有赞's 积分, a point a yuan, pulled the segments along 累计消费金额 a second time (left24)."""
    ranks = frame[list(numeric)].astype("float64").rank()
    kept: list[str] = []
    found: dict[str, str] = {}
    for column in numeric:
        varied = [c for c in kept if ranks[c].nunique() > 1]  # a constant column ranks nobody: no correlation
        alike = (ranks[varied].corrwith(ranks[column]).abs()
                 if varied and column in candidates and ranks[column].nunique() > 1 else None)
        if alike is not None and (alike >= REPEATS).any():
            found[column] = str(alike.idxmax())
        else:
            kept.append(column)
    return found


def _text(values: pd.Series) -> pd.Series:
    return values.astype("string").str.strip().replace("", pd.NA).fillna(MISSING_LEVEL)


def correlation_ratio(codes: np.ndarray, values: np.ndarray) -> float:
    """How much of a number's spread the categories explain (eta, 0…1)."""
    series = pd.Series(values)
    total = float(((series - series.mean()) ** 2).sum())
    if total == 0:
        return 0.0
    grouped = series.groupby(codes)
    between = float((grouped.size() * (grouped.mean() - series.mean()) ** 2).sum())
    return float(np.sqrt(between / total))


def cramers_v(a: np.ndarray, b: np.ndarray) -> float:
    """Association of two categorical columns (Cramér's V, 0…1)."""
    table = pd.crosstab(a, b).to_numpy(dtype=float)
    if min(table.shape) < 2:
        return 0.0
    expected = table.sum(1, keepdims=True) @ table.sum(0, keepdims=True) / table.sum()
    chi2 = float(((table - expected) ** 2 / expected).sum())
    return float(np.sqrt(chi2 / table.sum() / (min(table.shape) - 1)))


def _unit_variance_scale(indicators: np.ndarray) -> float:
    """The factor giving a column's indicators a total variance of 1 (1 when it is constant)."""
    total = float(indicators.var(axis=0).sum()) if indicators.size else 0.0
    return 1.0 / np.sqrt(total) if total > 0 else 1.0
