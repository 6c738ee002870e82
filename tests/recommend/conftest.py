"""Small hand-built purchase logs loaded into a workspace table."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def make_table(con, name: str, rows, columns=("customer_id", "order_id", "order_date", "product_id",
                                               "quantity")) -> None:
    frame = pd.DataFrame(rows, columns=list(columns))
    con.register("rows_frame", frame)
    con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM rows_frame')
    con.unregister("rows_frame")


@pytest.fixture
def searched_cells(monkeypatch) -> list[tuple[int, ...]]:
    """The shape of every array ``np.argpartition`` is given while the test runs: the neighbour
    search's dense blocks (rows × candidates) among them."""
    shapes: list[tuple[int, ...]] = []
    argpartition = np.argpartition

    def spy(cells, *args, **kwargs):
        shapes.append(cells.shape)
        return argpartition(cells, *args, **kwargs)

    monkeypatch.setattr(np, "argpartition", spy)
    return shapes


def wide_shop(products: int = 5_300, customers: int = 260, seed: int = 37) -> list[tuple]:
    """A shop selling more products than a new-to-customer list chooses among (5,000): every SKU sells
    in the first two months, then a year of orders falls on a long tail (Zipf, s = 1.1), as a
    wholesaler's or a grocer's catalogue does (Online Retail: 4,070 codes; Instacart: 49,688)."""
    rng = np.random.default_rng(seed)
    names = [f"SKU{p:05d}" for p in range(products)]
    start = pd.Timestamp("2024-01-01")
    rows = [(f"C{p % customers:04d}", f"seed-{p}", start + pd.Timedelta(days=p % 60), names[p], 1)
            for p in range(products)]
    weights = 1 / np.arange(1, products + 1) ** 1.1
    weights /= weights.sum()
    for c in range(customers):
        for n, day in enumerate(np.sort(rng.integers(60, 365, rng.integers(4, 14)))):
            rows += [(f"C{c:04d}", f"{c}-{n}", start + pd.Timedelta(days=int(day)), names[item], 1)
                     for item in rng.choice(products, rng.integers(1, 5), p=weights)]
    return rows
