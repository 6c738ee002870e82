"""CPU time Customer 360 spends naming a customer's order lines (``customer360.product_names``).

``CRM_WORKSPACE=DIR python bench/customer360.py [N]`` looks up the first N customers (default 30)
of the newest purchase log whose catalogue Recommend would use, one DuckDB thread, and prints the
CPU seconds of naming their lines per look-up. Run it from the old and the new checkout on the same
workspace, alternating (the machine is shared): Complete Journey's 92,331 products read whole per
look-up was 0.11 s CPU of 0.28 s.
"""

from __future__ import annotations

import sys
import time

from crm_core.link import customer360
from crm_core.recommend.data import find_products_table
from crm_core.workspace.store import Workspace, default_workspace_dir


def main(n: int = 30) -> None:
    with Workspace(default_workspace_dir()).connect() as con:
        con.execute("SET threads = 1")
        log = customer360.orders_sources(con)[0]
        catalogue = find_products_table(con, log)
        view = customer360.transaction_view(con, log, customer360.named_products(
            customer360.crm_roles.get_roles(con, log)))
        ids = [c for (c,) in con.execute(f"SELECT DISTINCT customer_id FROM ({view.sql}) ORDER BY 1 "
                                         f"LIMIT {n}").fetchall()]
        found = [customer360.orders(con, [c], log) for c in ids]
        start = time.process_time()
        lines = sum(len(customer360.product_names(con, f, lambda _t: catalogue)) for f in found)
        spent = time.process_time() - start
    print(f"{log} (catalogue {catalogue}): {len(ids)} look-ups, {lines:,} lines, "
          f"{spent / len(ids):.4f} s CPU per look-up naming the lines")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
