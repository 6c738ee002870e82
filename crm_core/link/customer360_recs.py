"""Why Customer 360 lists no recommendation for a customer a kept run held: Recommend offers only what a
customer has not bought, so one who bought every product gets nothing new. The block read "No kept run
includes this customer" beside the run that held her (Jane App's Ella Murphy, walk40)."""

from __future__ import annotations

import duckdb

from crm_core.errors import CrmError
from crm_core.i18n import Sentence
from crm_core.recommend import data as rec_data
from crm_core.workspace import roles as crm_roles
from crm_core.workspace import runs, store
from crm_core.workspace.transactions import named_products, transaction_view


def nothing_new(con: duckdb.DuckDBPyConnection, recs: dict, ids: list[str],
                kept: list[runs.RunRecord]) -> dict:
    """The recommendations block saying the newest kept run of new products on a table where these ids
    bought every product has nothing new for them, where no run listed any; else as it was."""
    if recs.get("status") != "ok" or recs.get("rows") or not recs.get("runs_on"):
        return recs
    for record in kept:
        if ("recommendations" in record.result_tables and record.summary.get("mode", "new") == "new"
                and bought_every_product(con, record.table, ids)):
            return recs | {"runs_on": None, "why": Sentence("customer.nothing_new", table=record.table)}
    return recs


def bought_every_product(con: duckdb.DuckDBPyConnection, table: str, ids: list[str]) -> bool:
    """Whether these ids bought something in ``table`` and every product sold in it, the lines that are
    no goods (a no-show fee, postage) aside as Recommend leaves them out."""
    if not store.table_exists(con, table):  # dropped since the run
        return False
    try:
        roles = named_products(crm_roles.get_roles(con, table))
        view = transaction_view(con, table, roles)
    except CrmError:
        return False
    if not view.has_product:
        return False
    theirs = f"SELECT product_id FROM ({view.sql}) WHERE list_contains(?::VARCHAR[], customer_id)"
    others = (f"SELECT product_id FROM ({view.sql}) WHERE product_id IS NOT NULL "
              f"EXCEPT SELECT product_id FROM ({rec_data.not_products_sql(con, table, roles, view)}) "
              f"EXCEPT {theirs}")
    bought, left = con.execute(f"SELECT (SELECT count(product_id) FROM ({theirs})), "
                               f"(SELECT count(*) FROM ({others}))", [ids, ids]).fetchone()
    return bought > 0 and left == 0
