"""A subscription's renewals under the order that opened it (judge66's Thinkific orders): each month's
payment is a row of its own, dated that month, under the one ``Order ID``. Counted by that id, a subscriber's
three paid months were one order, and frequency, churn and CLV read a renewing subscriber as a one-time buyer.
A renewal is a purchase made again, so a row marked as one is its order's purchase of that day. A ``Payment
Plan``'s instalments pay for one course and stay one order; an order's items of one day stay one order."""

from __future__ import annotations

import re

from crm_core.i18n import Listing, quoted_name
from crm_core.workspace import store
from crm_core.workspace.sqlutil import qi

RENEWAL = re.compile(r"^(subscription|recurring|renewal)([ _-]?(charge|payment|renewal|recurring|billing))?$"
                     r"|^(订阅|续费|自动续费)(扣款|付款)?$", re.IGNORECASE)
"""A row's kind saying it is a subscription's payment (Thinkific's ``Payment Type`` ``Subscription``, Kajabi's
``Subscription Charge``, Paddle's ``subscription_recurring``), the whole cell; not Chargebee's status
``non_renewing``."""
KIND = re.compile(r"(^|[ _.-])(type|kind|origin)$|类型$", re.IGNORECASE)
"""Headers saying a row's kind (``Payment Type``, ``Type``, ``origin``, 订单类型): the only ones read."""
FEW = 12
"""At most this many distinct values: a column of kinds, not free text."""
MARK = " · "
SPLIT = MARK + r"\d{4}-\d{2}-\d{2}$"
"""A renewal's order: its order id, the mark and its day."""


def renewal_values(con, table: str) -> tuple[str, list[str]] | None:
    """The text column of few values where some rows say they are a subscription's payment, with those
    values, or None."""
    for column, dtype in store.columns_of(con, table):
        if dtype != "VARCHAR" or not KIND.search(column.strip()):
            continue
        values = con.execute(f"SELECT DISTINCT trim({qi(column)}) FROM {qi(table)} "
                             f"WHERE {qi(column)} IS NOT NULL LIMIT {FEW + 1}").fetchall()
        marked = [v for (v,) in values if RENEWAL.match(v or "")]
        if len(values) <= FEW and marked:
            return column, marked
    return None


def order_sql(con, table: str, order: str, ts: str) -> str:
    """The order of a row: a renewal paid after its order's first day is its order id and day; the first
    payment, and every row of another kind, keeps the order id as written (Kajabi's one row per id reads
    as before)."""
    found = renewal_values(con, table)
    if found is None:
        return order
    column, marked = found
    values = ", ".join("'" + v.replace("'", "''") + "'" for v in marked)
    day = f"CAST(({ts}) AS DATE)"
    return (f"(CASE WHEN trim({qi(column)}) IN ({values}) AND {day} > min({day}) OVER (PARTITION BY {order}) "
            f"THEN {order} || '{MARK}' || strftime({day}, '%Y-%m-%d') ELSE {order} END)")


def renewed(con, table: str, roles: dict[str, str]) -> dict[str, object]:
    """The load note's values (``load.note.renewals``, {} when none): the renewals counted as purchases of
    their own, so the analyst sees why there are more orders than order ids."""
    from crm_core.workspace.transactions import transaction_view  # the view builds its orders here

    found = roles.get("order_id") and roles.get("date") and renewal_values(con, table)
    if not found:
        return {}
    orders = transaction_view(con, table, roles, need_customer=False).sql
    (count,) = con.execute(f"SELECT count(*) FROM ({orders}) WHERE regexp_matches(order_id, ?)",
                           [SPLIT]).fetchone()
    if not count:
        return {}
    return {"count": f"{count:,}", "column": quoted_name(found[0]), "order": quoted_name(roles["order_id"]),
            "values": Listing(quoted_name(v) for v in found[1])}
