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
