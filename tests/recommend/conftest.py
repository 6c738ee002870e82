"""Small hand-built purchase logs loaded into a workspace table."""

from __future__ import annotations

import pandas as pd


def make_table(con, name: str, rows, columns=("customer_id", "order_id", "order_date", "product_id",
                                               "quantity")) -> None:
    frame = pd.DataFrame(rows, columns=list(columns))
    con.register("rows_frame", frame)
    con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM rows_frame')
    con.unregister("rows_frame")
