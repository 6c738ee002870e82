"""A generated purchase log shaped like Dunnhumby's Complete Journey ``transactions.parquet``.

Same columns and types as the real file (household, store, basket and product ids as BIGINT,
money as DOUBLE, ``transaction_timestamp`` as TIMESTAMP), smaller: 800 households (ids 1 … 800)
over 2017, 4,000 products with a Zipf-like popularity in 24 departments. Each household has its
own taste over departments, 6 to 17 staples it buys again and again, its own shopping rate and
active months (three in four shop into the last two weeks of the year, the others stop between
March and November; one in five starts later, by June); a tenth of the products sell only in
their season, so what sells lately is not what sold all year. A few lines are returns (negative
quantity and sales value). Deterministic for a seed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

HOUSEHOLDS = 800
PRODUCTS = 4_000
DEPARTMENTS = 24
STORES = 60
START = np.datetime64("2017-01-01T00:00:00", "s")
DAYS = 365
SEASONAL_SHARE = 0.1
"""Products sold only within ``SEASON_DAYS`` of their peak day."""
SEASON_DAYS = 25
SEASONAL_PICK = 0.12
"""Share of a basket's other lines taken from the products in season that day."""
RETURN_SHARE = 0.003
SEED = 2017

SCHEMA = pa.schema([
    ("household_id", pa.int64()), ("store_id", pa.int64()), ("basket_id", pa.int64()),
    ("product_id", pa.int64()), ("quantity", pa.int64()), ("sales_value", pa.float64()),
    ("retail_disc", pa.float64()), ("coupon_disc", pa.float64()), ("coupon_match_disc", pa.float64()),
    ("week", pa.int32()), ("transaction_timestamp", pa.timestamp("us")),
])


@dataclass(frozen=True)
class Catalogue:
    """The products: ids, shelf prices, departments, popularity and seasons (-1: all year)."""

    ids: np.ndarray
    prices: np.ndarray
    departments: np.ndarray
    popularity: np.ndarray
    peaks: np.ndarray


def catalogue(rng: np.random.Generator) -> Catalogue:
    """Distinct 5-to-8-digit product ids, lognormal prices, Zipf-like popularity (1 / (rank + 3) ** 1.05)."""
    ids = rng.choice(np.arange(25_000, 18_000_000), PRODUCTS, replace=False)
    popularity = 1.0 / (np.arange(1, PRODUCTS + 1) + 3.0) ** 1.05
    seasonal = rng.random(PRODUCTS) < SEASONAL_SHARE
    peaks = np.where(seasonal, rng.integers(0, DAYS, PRODUCTS), -1)
    return Catalogue(ids, np.round(rng.lognormal(0.9, 0.6, PRODUCTS), 2),
                     rng.integers(0, DEPARTMENTS, PRODUCTS), popularity / popularity.sum(), peaks)


def household_picks(rng: np.random.Generator, products: Catalogue) -> np.ndarray:
    """Each household's chance of picking each all-year product: popularity times its taste."""
    taste = rng.dirichlet(np.full(DEPARTMENTS, 0.4), HOUSEHOLDS)
    weights = taste[:, products.departments] * products.popularity * (products.peaks < 0)
    return weights / weights.sum(axis=1, keepdims=True)


def shopping_days(rng: np.random.Generator) -> list[np.ndarray]:
    """Sorted basket days per household: 0.4 to 4 trips a week over its active span, at least
    30 days (see the module docstring)."""
    days = []
    for _ in range(HOUSEHOLDS):
        first = 0 if rng.random() < 0.8 else int(rng.integers(0, 180))
        last = DAYS - 1 - int(rng.integers(0, 14)) if rng.random() < 0.75 else int(rng.integers(60, 330))
        last = max(last, first + 30)
        rate = float(np.clip(rng.lognormal(0.2, 0.7), 0.4, 4.0)) / 7
        count = max(2, rng.poisson(rate * (last - first + 1)))
        days.append(np.sort(rng.integers(first, last + 1, count)))
    return days


def basket_products(rng: np.random.Generator, household: int, days: np.ndarray, picks: np.ndarray,
                    products: Catalogue) -> tuple[np.ndarray, np.ndarray]:
    """(basket index, product position) of one household's lines: its staples, each bought in a
    share of the trips, and other products from its taste or from the season, none twice a basket."""
    staples = rng.choice(PRODUCTS, int(rng.integers(6, 18)), replace=False, p=picks[household])
    chance = rng.uniform(0.15, 0.6, len(staples))
    held = np.nonzero(rng.random((len(days), len(staples))) < chance)
    extra = np.maximum(1, rng.poisson(rng.uniform(3, 12), len(days)))
    basket = np.repeat(np.arange(len(days)), extra)
    chosen = rng.choice(PRODUCTS, len(basket), p=picks[household])
    in_season = rng.random(len(basket)) < SEASONAL_PICK
    chosen[in_season] = seasonal_products(rng, days[basket[in_season]], products)
    lines = np.unique(np.concatenate([held[0] * PRODUCTS + staples[held[1]], basket * PRODUCTS + chosen]))
    return np.divmod(lines, PRODUCTS)


def seasonal_products(rng: np.random.Generator, days: np.ndarray, products: Catalogue) -> np.ndarray:
    """A product in season on each of ``days``, the popular ones more often (drawn among all
    seasonal products until in season)."""
    seasonal = np.flatnonzero(products.peaks >= 0)
    weight = products.popularity[seasonal] / products.popularity[seasonal].sum()
    out = np.empty(len(days), dtype=np.int64)
    todo = np.arange(len(days))
    while len(todo):
        drawn = rng.choice(seasonal, len(todo), p=weight)
        fits = np.abs(products.peaks[drawn] - days[todo]) <= SEASON_DAYS
        out[todo[fits]] = drawn[fits]
        todo = todo[~fits]
    return out


def journey_table(seed: int = SEED) -> pa.Table:
    """The whole log, one row per line, basket ids increasing with time."""
    rng = np.random.default_rng(seed)
    products = catalogue(rng)
    picks = household_picks(rng, products)
    home = rng.integers(300, 300 + STORES, HOUSEHOLDS)
    parts = []
    for household, days in enumerate(shopping_days(rng)):
        seconds = days * 86_400 + rng.integers(7 * 3600, 22 * 3600, len(days))
        basket, product = basket_products(rng, household, days, picks, products)
        elsewhere = rng.integers(300, 300 + STORES, len(days))
        store = np.where(rng.random(len(days)) < 0.9, home[household], elsewhere)
        parts.append((np.full(len(basket), household + 1), store[basket], seconds[basket], product))
    household, store, seconds, product = (np.concatenate(column) for column in zip(*parts, strict=True))
    return _lines(rng, products, household, store, seconds, product)


def _lines(rng: np.random.Generator, products: Catalogue, household: np.ndarray, store: np.ndarray,
           seconds: np.ndarray, product: np.ndarray) -> pa.Table:
    """Quantities, money and ids of the lines, in basket order."""
    order = np.lexsort((product, household, seconds))
    household, store, seconds, product = household[order], store[order], seconds[order], product[order]
    trip = np.concatenate([[0], np.cumsum((np.diff(seconds) != 0) | (np.diff(household) != 0))])
    quantity = np.where(rng.random(len(product)) < 0.8, 1, rng.integers(2, 5, len(product)))
    quantity[rng.random(len(product)) < RETURN_SHARE] *= -1
    sales = np.round(quantity * products.prices[product], 2)
    retail = np.where(rng.random(len(product)) < 0.35, np.round(np.abs(sales) * 0.2, 2), 0.0)
    coupon = np.where(rng.random(len(product)) < 0.01, 0.55, 0.0)
    return pa.table([
        household, store, 31_198_500_000 + trip * 37, products.ids[product], quantity, sales, retail,
        coupon, np.where(coupon > 0, rng.choice([0.0, 0.4], len(product)), 0.0),
        (1 + (seconds // 86_400) // 7).astype(np.int32), START + seconds,
    ], schema=SCHEMA)


def write_journey(path: Path, seed: int = SEED) -> Path:
    """The generated log written as parquet at ``path``."""
    pq.write_table(journey_table(seed), path)
    return path
