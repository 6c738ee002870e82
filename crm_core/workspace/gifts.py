"""Whether a table is a log of gifts (donations), read from its headers: Givebutter's ``Donated``, Donorbox's
``Donor Email`` and ``Donation Type``, a 捐赠金额. A gift names nothing received in return and a donor is no
shopper, so advice written for a shop (load the order lines) and the orders a status left out are said in a
donor's words there (walk39, left82)."""

from __future__ import annotations

import re

import duckdb

from crm_core.workspace import store

_GIFT = re.compile(r"donat|donor|捐赠|捐款|善款", re.IGNORECASE)
ORDER_WORDED = frozenset({"load.note.cancelled_shop_orders", "coverage.no_sale.cancelled_shop_orders",
                          "coverage.no_sale.status_named", "coverage.no_sale.status_named_two"})
"""Keys whose sentence calls the rows orders; each has a ``.gift`` twin calling them donations."""


def is_gift_log(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    """Whether a column of ``table`` speaks of gifts or donors."""
    return any(_GIFT.search(name) for name, _ in store.columns_of(con, table))


def worded(con: duckdb.DuckDBPyConnection, table: str, key: str) -> str:
    """``key``'s donor twin where it calls a gift log's rows orders: Givebutter's load note said "refunded,
    failed, pending orders" of a food bank's donations (left82)."""
    return f"{key}.gift" if key in ORDER_WORDED and is_gift_log(con, table) else key
