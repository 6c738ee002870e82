"""An order's items written in one cell with their counts: 美团's 商品 ``夏威夷披萨(大份)×2；意式至尊披萨
(中份)×1``, other tills' ``A*2;B*1``. One definition for the roles (such a cell names no one product)
and for recommend and basket (:mod:`crm_core.recommend.items` reads it one row per item)."""

from __future__ import annotations

import re

import duckdb

from crm_core.workspace import store
from crm_core.workspace.sqlutil import qi

SEPARATOR = r"\s*[；;，,、\n]\s*"
"""Between the items of one cell: ``；`` (美团), ``;``, ``，`` / ``,``, ``、``, a line break."""
_UNIT = r"\s*(份|件|个|杯|盒|瓶)?"
COUNT = rf"\s*[×*＊]\s*(\d+){_UNIT}$"
"""An item's count at its end: ``×2``, ``*2``, ``＊2``, ``× 2份``."""
LATIN_X = rf"([\s)）\]]|[^\x00-\x7F])[xX]\s*(\d+){_UNIT}$"
"""A count written with the letter x, after a space, a bracket or a Chinese character (``A x 2``,
``披萨(大份)x2``): ``Box2`` or ``XL`` stay names."""
LEADING_COUNT = r"^(\d+)\s*[×*＊xX]\s+(\S.*)$"
"""A count written before its item, then a space: SumUp's ``2 x Flat white`` (``4x4 Tyre`` stays a name)."""
_COUNTED = (rf"([×*＊]|([\s)）\]]|[^\x00-\x7F])[xX])\s*\d+{_UNIT}\s*([；;，,、\n]|$)"
            r"|(^|[；;，,、\n])\s*\d+\s*[×*＊xX]\s+\S")
COUNTED_SHARE = 0.5
"""Share of a column's first filled values holding a counted item, from which it lists items (a
single item may go without its count; 美团 writes every count)."""
SAMPLE = 5000


TEXT_LIST_NAME = re.compile(r"^(.*\.)?(items?|line_?items|products?|order_?items|订单商品"
                            r"|商品(明细|列表|信息|详情|名称)?|菜品(明细|信息|名称)?)$", re.IGNORECASE)
"""Headers of a column that may write an order's items as text (美团's ``商品``)."""


TITLES_NAME = re.compile(r"^(宝贝|商品)(标题|名称)$")
"""Headers of an order report's column that may list its items' titles in one cell (千牛's 宝贝标题)."""


def titles_cell(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str]) -> tuple[str, str] | None:
    """A column without a role that writes an order's item titles in one cell, no count or price
    each (千牛's 订单报表 宝贝标题 ``A，B``), and its shortest cell of several titles; None when none.
    Unlike :func:`text_list` it cannot be read one row per item: nothing says how many of each."""
    taken = set(roles.values())
    for column, dtype in store.columns_of(con, table):
        if dtype == "VARCHAR" and column not in taken and TITLES_NAME.match(column.strip()):
            example = several_items_example(con, table, column)
            if example:
                return column, example
    return None


def text_list(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str]) -> str | None:
    """The column writing each order's items with their counts in one cell (``夏威夷披萨(大份)×2；
    意式至尊披萨(中份)×1``): the product column when its values are such lists, else a text column
    without a role whose header names items, else the description listing them (:func:`described_items`);
    None when there is none."""
    if roles.get("product_id"):
        names = [roles["product_id"]]
    else:
        taken = set(roles.values())
        names = [c for c, dtype in store.columns_of(con, table)
                 if dtype == "VARCHAR" and c not in taken and TEXT_LIST_NAME.match(c.strip())]
    found = next((c for c in names if lists_counted_items(con, table, c)), None)
    return found or (None if roles.get("product_id") else described_items(con, table, roles))


def described_items(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str]) -> str | None:
    """The description column of a table without a product when it lists what each payment bought: SumUp's
    transactions report writes ``2 x Flat white, 1 x Croissant`` there, or the names alone (``Cappuccino,
    Banana bread``), and nothing else says what a café sold (judge55: ``basket`` refused for want of a
    product). Names alone count only when they recur (:func:`lists_recurring_items`): free text does not; and
    only beside money (Freshdesk's recurring ticket questions are no items)."""
    column = roles.get("description") if roles.get("amount") else None  # a ticket's text is no payment's
    if column and (lists_counted_items(con, table, column) or lists_recurring_items(con, table, column)):
        return column
    return None


def lists_counted_items(con: duckdb.DuckDBPyConnection, table: str, column: str) -> bool:
    """Whether at least :data:`COUNTED_SHARE` of the first filled values hold a counted item and
    some hold several items: a product named with its pack size (``纸巾×2``) on each line is one
    product, never a list."""
    text = f"trim(CAST({qi(column)} AS VARCHAR))"
    counted, several = con.execute(
        f"SELECT avg(CASE WHEN regexp_matches(v, ?) THEN 1.0 ELSE 0.0 END), "
        f"count(*) FILTER (WHERE regexp_matches(v, ?)) "
        f"FROM (SELECT {text} AS v FROM {qi(table)} WHERE nullif({text}, '') IS NOT NULL LIMIT {SAMPLE})",
        [_COUNTED, SEPARATOR + r"\S"]).fetchall()[0]
    return (counted or 0) >= COUNTED_SHARE and several > 0


SEVERAL_SHARE = 0.2
"""Share of a column's first filled values listing several items, from which names alone make a list."""
RECURRING = 3
RECURRING_SHARE = 0.9
"""Share of the items written that come back at least :data:`RECURRING` times: a till's names, not prose."""


def lists_recurring_items(con: duckdb.DuckDBPyConnection, table: str, column: str) -> bool:
    """Whether the first filled values list items without counts: at least :data:`SEVERAL_SHARE` of them
    several, and nine in ten of the items written names that come back (a café's ``Cappuccino, Croissant``;
    a note's ``paid late, see e-mail`` does not repeat)."""
    text = f"trim(CAST({qi(column)} AS VARCHAR))"
    cells = f"SELECT {text} AS v FROM {qi(table)} WHERE nullif({text}, '') IS NOT NULL LIMIT {SAMPLE}"
    parts = (f"SELECT trim(p) AS part, count(*) AS n FROM ({cells}) AS c, "
             f"unnest(regexp_split_to_array(c.v, ?)) AS s(p) WHERE trim(p) <> '' GROUP BY 1")
    several, recurring = con.execute(
        f"SELECT (SELECT avg(CASE WHEN regexp_matches(v, ?) THEN 1.0 ELSE 0.0 END) FROM ({cells})), "
        f"(SELECT sum(n) FILTER (WHERE n >= {RECURRING}) / sum(n) FROM ({parts}))",
        [SEPARATOR + r"\S", SEPARATOR]).fetchone()
    return (several or 0) >= SEVERAL_SHARE and (recurring or 0) >= RECURRING_SHARE


def several_items_example(con: duckdb.DuckDBPyConnection, table: str, column: str) -> str | None:
    """The column's shortest cell of several items, to show what it holds."""
    text = f"trim(CAST({qi(column)} AS VARCHAR))"
    return con.execute(f"SELECT arg_min({text}, length({text})) FROM {qi(table)} "
                       f"WHERE regexp_matches({text}, ?)", [SEPARATOR + r"\S"]).fetchall()[0][0]
