"""Whether a table is a log of gifts (donations), read from its headers: Givebutter's ``Donated``, Donorbox's
``Donor Email`` and ``Donation Type``, a 捐赠金额. A gift names nothing received in return and a donor is no
shopper, so advice written for a shop (load the order lines) is said in a donor's words there (walk39)."""

from __future__ import annotations

import re

import duckdb

from crm_core.workspace import store

_GIFT = re.compile(r"donat|donor|捐赠|捐款|善款", re.IGNORECASE)


def is_gift_log(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    """Whether a column of ``table`` speaks of gifts or donors."""
    return any(_GIFT.search(name) for name, _ in store.columns_of(con, table))
