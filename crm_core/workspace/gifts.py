"""Whether a table is a log of gifts (donations), read from its headers: who gave (Donorbox's
``Donor Email``, ActBlue's ``Donor First Name``), whom a gift honours (Givebutter's ``Dedication Name``,
Zeffy's ``In Honour Of``) or an amount that is the gift (a 捐赠金额). A gift names nothing received in
return and a donor is no shopper, so advice written for a shop (load the order lines) and the orders a
status left out are said in a donor's words there (walk39, left82). A shop's checkout round-up (a
``Donation`` column beside ``Total``) makes no gift log (left89)."""

from __future__ import annotations

import re

import duckdb

from crm_core.i18n import catalogue
from crm_core.protect.people_text import HINTS
from crm_core.workspace import store

_GIFT = re.compile(r"donat|donor|捐赠|捐款|善款", re.IGNORECASE)
_GIVER = re.compile(r"donor|donating|捐赠(人|者|方)|捐款人|捐助人", re.IGNORECASE)
"""A header naming who gave (``Donor Email``, ``Donating Company``): a shop's round-up names no donor."""
ORDER_WORDED = frozenset({"load.note.cancelled_shop_orders", "coverage.no_sale.cancelled_shop_orders",
                          "coverage.no_sale.status_named", "coverage.no_sale.status_named_two"})
"""Keys whose sentence calls the rows orders; each has a ``.gift`` twin calling them donations and a
``.payment`` twin calling them payments."""


def is_gift_log(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    """Whether ``table`` names its donors or the people its gifts honour, or its amount is the gift: a
    header that merely speaks of one (a shop's ``Charity donation``, 公益捐赠) is a round-up beside the
    order's own total."""
    names = [name for name, _ in store.columns_of(con, table)]
    amount = (store.saved_roles(con, table) or {}).get("amount", "")
    return (any(_GIVER.search(name) or HINTS["honoree"].search(name) for name in names)
            or bool(_GIFT.search(amount)))


_PAYMENT_ID = re.compile(r"transaction|payment|交易|支付|流水", re.IGNORECASE)
_ORDER = re.compile(r"order|订单", re.IGNORECASE)


def is_payment_log(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    """Whether ``table``'s rows are payments: its order is a transaction or payment id (Tebex's
    ``Transaction ID``) and no header names an order."""
    names = [name for name, _ in store.columns_of(con, table)]
    order = (store.saved_roles(con, table) or {}).get("order_id", "")
    return bool(_PAYMENT_ID.search(order)) and not any(_ORDER.search(name) for name in names)


def worded(con: duckdb.DuckDBPyConnection, table: str, key: str) -> str:
    """``key``'s donor twin where it calls a gift log's rows orders: Givebutter's load note said "refunded,
    failed, pending orders" of a food bank's donations (left82); its ``.payment`` twin on a payments log
    (Tebex's "pending orders", left90)."""
    if key not in ORDER_WORDED:
        return key
    if is_gift_log(con, table):
        return twin(key, True)
    payment = f"{key}.payment"
    return payment if payment in catalogue() and is_payment_log(con, table) else key


def twin(key: str, gifts: bool) -> str:
    """``key``'s donor twin (``key.gift``) on a gift log where the catalogue has one: a donor is no
    "Champion" customer and gives, not orders (left89)."""
    return f"{key}.gift" if gifts and f"{key}.gift" in catalogue() else key
