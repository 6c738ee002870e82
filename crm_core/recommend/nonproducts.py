"""Lines that are not products: postage, carriage, fees, manual adjustments, discounts, samples,
free gifts and coupons. Real exports carry them (Online Retail's ``POST`` on a few % of invoices,
``DOT``, ``M``; a Chinese shop's 运费 / 包装费 / 赠品 lines) and, left in, the most common of them is
recommended to everyone and counted as a hit when the customer pays postage again.

A product is left out of purchases, candidates and the evaluation when
- its code is one of :data:`CODES` (exactly, any case), or its code or the line's product name /
  description reads as a fee (:data:`NAMES`, :data:`CHINESE`), or
- what the data shows: it is never paid for (no unit price above 0: gifts, coupons, Complete
  Journey's COUPON department; or no line amount above 0: 哗啦啦's 赠菜, a dish on the house at its menu
  price, judge44), or its unit price and its line amount both vary wildly (the 95th
  percentile over the 5th above :data:`SPREAD` over at least 5 priced lines: manual and postage
  lines priced per order). A real product keeps one of them steady: wholesale lines of 1 to 480
  units keep their unit price, fuel logged by odd quantity units keeps its amount per fill-up, and
  bulk produce sold by weight stays within ×60 for both.
"""

from __future__ import annotations

import duckdb

CODES = ("POST", "DOT", "BANK CHARGES", "AMAZONFEE", "CRUK")
"""Online Retail's (UCI) StockCodes of postage and fees that no shop's product would carry. Its
short codes (``M`` manual, ``D`` discount, ``S`` samples, ``B`` bad debt, ``C2`` carriage, ``PADS``)
are left to their descriptions (:data:`NAMES`): as codes alone they are ordinary product ids
elsewhere (a tiny log's products ``a``, ``b``; a café's ``C2``)."""
NAMES = (r"^\s*((dotcom )?postage|carriage|manual|discount|bank charges?|amazon fee|samples?"
         r"|adjust bad debt|cruk commission|pads to match all cushions|shipping( fee)?|delivery fee"
         r"|(no[ -]?show|(late )?cancell?(ation|ed)|missed (appointment|session|visit))( fee| charge)?)\s*$")
"""Whole names of such lines (case ignored); a clinic's or a salon's charge for a visit not kept (Jane's ``No
Show Fee``, judge77) is no service anyone would be offered."""
CHINESE = r"运费|邮费|快递费|配送费|包装费|手续费|优惠券|^\s*[【\[（(]?赠品"
"""Chinese fee, coupon and gift lines: 运费 anywhere in a name (顺丰运费), 赠品 at its start."""
SPREAD = 100.0
MIN_PRICED = 5


def excluded_sql(view_sql: str, named_sql: str = "") -> str:
    """``product_id, reason, lines`` of every product to leave out (reason: code, name, unpaid,
    price; lines: its purchase lines with a customer); ``named_sql``: ``product_id, name`` rows of
    the lines' own names, if the table has them."""
    pattern = _quote(f"(?i)(^({'|'.join(c.replace(' ', ' ?') for c in CODES)})$)|{NAMES}|{CHINESE}")
    named = (f"SELECT DISTINCT product_id FROM ({named_sql}) AS n "
             f"WHERE regexp_matches(trim(name), '{pattern}')"
             if named_sql else "SELECT NULL AS product_id WHERE false")
    return f"""WITH fee_lines AS (  -- not "lines": a table may be called so
                   SELECT product_id, customer_id, amount, coalesce(unit_price, amount / quantity) AS price
                   FROM ({view_sql}) AS t WHERE product_id IS NOT NULL AND coalesce(quantity, 1) > 0),
               stats AS (
                   SELECT product_id, max(price) AS highest, count(*) FILTER (WHERE price > 0) AS priced,
                          min(price) FILTER (WHERE price > 0) AS low, min(amount) FILTER (WHERE amount > 0)
                              AS low_paid, max(amount) AS high_paid,
                          count(*) FILTER (WHERE customer_id IS NOT NULL) AS lines
                   FROM fee_lines GROUP BY product_id),
               spread AS (  -- percentiles only where the extremes are far apart (a few products)
                   SELECT product_id, quantile_cont(price, [0.05, 0.95]) FILTER (WHERE price > 0) AS price,
                          quantile_cont(amount, [0.05, 0.95]) FILTER (WHERE amount > 0) AS paid
                   FROM fee_lines WHERE product_id IN (
                       SELECT product_id FROM stats WHERE priced >= {MIN_PRICED} AND highest > {SPREAD} * low
                                                      AND high_paid > {SPREAD} * low_paid)
                   GROUP BY product_id),
               flagged AS (
                   SELECT product_id, lines,
                          CASE WHEN regexp_matches(trim(product_id), '{pattern}') THEN 'code'
                               WHEN product_id IN ({named}) THEN 'name'
                               WHEN highest <= 0 OR high_paid <= 0 THEN 'unpaid'
                               WHEN price[2] > {SPREAD} * price[1]
                                    AND paid[2] > {SPREAD} * paid[1] THEN 'price'
                          END AS reason FROM stats LEFT JOIN spread USING (product_id))
               SELECT * FROM flagged WHERE reason IS NOT NULL"""


def _quote(text: str) -> str:
    return text.replace("'", "''")


def summary(con: duckdb.DuckDBPyConnection, excluded: str) -> dict:
    """Products and purchase lines left out, per reason, with the most frequent codes."""
    rows = con.execute(f"SELECT product_id, reason, lines FROM {excluded} ORDER BY lines DESC, 1").fetchall()
    reasons: dict[str, int] = {}
    for _, reason, _lines in rows:
        reasons[reason] = reasons.get(reason, 0) + 1
    return {"products": len(rows), "lines": int(sum(r[2] for r in rows)), "reasons": reasons,
            "examples": [r[0] for r in rows[:5]]}
