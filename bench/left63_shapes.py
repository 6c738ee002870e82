"""left63's before → after: the money, orders and notes of the excerpts its rules touch (Housecall Pro's
subtotal less its discount and its scheduled jobs, Fresha's ``Ref #``) and of those they must leave alone
(subtotals after their discount). Run from the repository (or a copy of another commit):
``python bench/left63_shapes.py`` (a temporary workspace)."""

import pathlib
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

from crm_core.load.reader import load_file  # noqa: E402
from crm_core.workspace.roles import get_roles  # noqa: E402
from crm_core.workspace.store import Workspace  # noqa: E402
from crm_core.workspace.transactions import transaction_view  # noqa: E402

DATA = pathlib.Path(__file__).resolve().parents[1] / "tests" / "data"
SHAPES = ("housecall_jobs_excerpt.csv", "fresha_appointments_excerpt.csv", "lightspeed_sales_excerpt.csv",
          "mindbody_sales_excerpt.csv", "paddle_transactions_excerpt.csv", "shopify_orders_excerpt.csv",
          "gumroad_sales_excerpt.csv", "xero_invoices_excerpt.csv")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder, Workspace(pathlib.Path(folder)).connect() as con:
        for i, name in enumerate(SHAPES):
            loaded = load_file(con, DATA / name, f"t{i}")[0]
            view = transaction_view(con, loaded.table, get_roles(con, loaded.table))
            sums = "count(*), count(DISTINCT order_id), round(sum(amount), 2)"
            rows, orders, money = con.execute(f"SELECT {sums} FROM ({view.sql})").fetchone()
            print(f"{name}: amount {view.amount_source!r}, {rows} rows, {orders} orders, {money}")
            for note in loaded.notes:
                if "still to come" in note or "stay or visit" in note:
                    print(f"  note: {note}")


if __name__ == "__main__":
    main()
