"""A payment processor's fee beside what the customer paid (Stripe's and PayPal's ``Fee``, SumUp's,
微信支付's 手续费): the spend is the payment, as the customer sees it, and the fee takes no role. One
reading the payouts (fees out) sees less than the spend: the load says by how much (left76)."""

from __future__ import annotations

import re

import duckdb

from crm_core.report import format as fmt
from crm_core.workspace import store, transactions
from crm_core.workspace.roles import is_numeric_type
from crm_core.workspace.sqlutil import qi

_FEE = re.compile(r"^((stripe|paypal|processing|transaction|card processing|payment|gateway) )?fees?$"
                  r"|^(支付|交易)?手续费", re.IGNORECASE)
_NET = re.compile(r"net|净|实收|到账|结算", re.IGNORECASE)
"""An amount already after the fee (PayPal's ``Net``, 结算金额): the fee is out of it, nothing to say."""


def fee_note(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str]) -> dict[str, str]:
    """The load's note on the processor's fee of the kept payments ({} with no amount, an amount net of
    the fee, or no fee paid); a fee written negative (Square, PayPal) counts by its size."""
    amount, columns = roles.get("amount"), store.columns_of(con, table)
    fee = next((c for c, dtype in columns if _FEE.match(c.strip()) and is_numeric_type(dtype)), None)
    if not (amount and fee) or _NET.search(amount) or fee in roles.values():
        return {}
    gone = transactions.cancelled_sql(columns, table, amount, roles.get("order_id"))
    kept = f"AND NOT coalesce({gone}, false)" if gone else ""
    count, total = con.execute(f"SELECT count(*), abs(sum({qi(fee)})) FROM {qi(table)} "
                               f"WHERE {qi(fee)} <> 0 {kept}").fetchone()
    if not count:
        return {}
    money = fmt.money(total, fmt.table_currency(con, table))
    return {"column": fee, "money": money, "count": f"{count:,}", "amount": amount}
