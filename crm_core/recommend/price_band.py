"""What sells lately among customers of the same price band (rec32, issue #15).

Every other popularity the blend reads is the same for everybody. A household that buys the cheap
end of every shelf and one that buys the dear end share the head of the catalogue, not their next
new products: this prior counts "what sells lately" within the customer's price band, in quartiles,
coarse enough to stay steady on a few hundred customers (the neighbours carry price only as far as
100 cosine neighbours over a short history allow).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse

BANDS = 4
"""Price bands: quartiles of the customers' price levels."""


def bands(prices: pd.Series | None, products: pd.Index, cells: tuple[np.ndarray, np.ndarray, np.ndarray],
          people: np.ndarray) -> np.ndarray | None:
    """Each customer's band (0 cheapest … ``BANDS`` − 1; −1 without a priced product or for a shared
    till): the quartile of their mean log price over the products they bought, weighted like their
    history (``cells``: row, column, strength). None when the log names no prices."""
    if prices is None:
        return None
    log_price = np.log(prices.reindex(products.astype(str)).to_numpy(dtype=np.float64))
    rows, cols, strength = cells
    priced = np.isfinite(log_price[cols])
    weight = strength[priced].astype(np.float64)
    mass = np.bincount(rows[priced], weights=weight, minlength=len(people))
    total = np.bincount(rows[priced], weights=weight * log_price[cols[priced]], minlength=len(people))
    known = people & (mass > 0)
    if known.sum() < BANDS:
        return None
    level = total[known] / mass[known]
    edges = np.quantile(level, np.linspace(0.0, 1.0, BANDS + 1)[1:-1])
    band = np.full(len(people), -1, dtype=np.int64)
    band[known] = np.searchsorted(edges, level, side="right")
    return band


def popular_by_band(band: np.ndarray | None, recent: sparse.csr_matrix) -> np.ndarray | None:
    """Distinct buyers lately of each product within each band (bands × products), and below them
    everybody's (the row a customer without a band reads: index −1)."""
    if band is None:
        return None
    member = np.flatnonzero(band >= 0)
    split = sparse.csr_matrix((np.ones(len(member), np.float32), (band[member], member)),
                              shape=(BANDS, len(band)))
    within = (split @ recent).toarray()
    return np.vstack([within, np.asarray(recent.sum(axis=0))]).astype(np.float32)


def signal(by_band: np.ndarray, band_of_rows: np.ndarray, products: np.ndarray) -> np.ndarray:
    """The band's buyers lately of these products for each customer (a fresh array, scaled later)."""
    return np.take(by_band[:, products], band_of_rows, axis=0)
