"""Market-basket rules: "baskets with A also hold B", with support, confidence and lift.

Computed in SQL over the transaction view: products below the minimum support are dropped
before pairs are formed, so a 1.5M-line log needs seconds. Rules go both ways (A → B and
B → A); with a products table, rules between categories are computed the same way.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar

import duckdb
import pandas as pd

from crm_core.errors import CrmError
from crm_core.i18n import Sentence
from crm_core.recommend import data, items, nonproducts
from crm_core.recommend.configs import BASKET, BasketConfig
from crm_core.report.files import csv_bytes, json_text
from crm_core.workspace.roles import get_roles
from crm_core.workspace.sqlutil import qi

RULE_COLUMNS = ["antecedent", "consequent", "support", "confidence", "lift", "baskets_with_both",
                "antecedent_baskets", "rank_for_antecedent"]


@dataclass
class BasketRun:
    """Product rules (main result) and category rules, with the catalogue used to name them."""

    kind: ClassVar[str] = BASKET
    reads_purchases: ClassVar[bool] = True  # an event log's views and carts are left out
    needs_roles: ClassVar[tuple[str, ...]] = ("order_id",)

    table: str
    config: BasketConfig
    lang: str
    rules: pd.DataFrame
    category_rules: pd.DataFrame
    baskets: int
    products: pd.DataFrame | None = None
    products_table: str | None = None
    left_out: dict | None = None
    """Products that are not goods (postage, fees, gifts …) and their lines, left out."""
    notes: tuple = ()
    """Sentences on how the purchases were read (an order's items from one cell)."""

    def summary(self) -> dict:
        top = self.rules.iloc[0] if len(self.rules) else None
        return {"baskets": self.baskets, "rules": len(self.rules), "category_rules": len(self.category_rules),
                "min_support": self.config.min_support, "products_table": self.products_table,
                "not_products": self.left_out,
                "top_rule": None if top is None else _named_rule(self.rules, top)}

    def tables(self) -> dict[str, pd.DataFrame]:
        return {"basket_rules": self.rules, "basket_category_rules": self.category_rules}

    def files(self) -> dict[str, bytes]:
        return {"rules.csv": csv_bytes(self.rules), "category_rules.csv": csv_bytes(self.category_rules),
                "basket_summary.json": json_text(self.summary(), indent=2).encode()}


def _named_rule(rules: pd.DataFrame, top: pd.Series) -> dict:
    """The best rule with each product's name beside its id when the rules carry names (Squarespace's
    ``Lineitem name`` beside its SKU: judge41's summary read ``SQ12487331`` → ``SQ9361956``)."""
    named = {}
    for key in RULE_COLUMNS[:5]:
        named[key] = top[key]
        column = name_column(rules, key) if key in ("antecedent", "consequent") else key
        if column != key and pd.notna(top[column]):  # a product without a name keeps its id only
            named[f"{key}_name"] = top[column]
    return named


def name_column(rules: pd.DataFrame, side: str) -> str:
    """The column naming a rule's ``side``: the catalogue's first column beside its id (describe
    puts it there), else the id itself (a log naming products by name, category rules)."""
    columns = list(rules.columns)
    after = columns[columns.index(side) + 1] if columns.index(side) + 1 < len(columns) else ""
    return after if after.startswith(f"{side}_") and after not in RULE_COLUMNS else side


def _rules_sql(items_sql: str) -> str:
    """Rules over ``items_sql`` (distinct basket, item rows); parameters: min count, min
    confidence, min lift, per-antecedent limit."""
    return f"""
        WITH items AS ({items_sql}),
        n AS (SELECT count(DISTINCT basket) AS baskets FROM items),
        single AS (SELECT item, count(*) AS cnt FROM items GROUP BY item HAVING count(*) >= $1),
        kept AS (SELECT i.basket, i.item FROM items AS i JOIN single USING (item)),
        pairs AS (SELECT a.item AS x, b.item AS y, count(*) AS both_cnt
                  FROM kept AS a JOIN kept AS b ON a.basket = b.basket AND a.item < b.item
                  GROUP BY ALL HAVING count(*) >= $1),
        directed AS (SELECT x AS antecedent, y AS consequent, both_cnt FROM pairs
                     UNION ALL SELECT y, x, both_cnt FROM pairs),
        rules AS (
            SELECT d.antecedent, d.consequent,
                   d.both_cnt / n.baskets AS support,
                   d.both_cnt / a.cnt AS confidence,
                   (d.both_cnt / a.cnt) / (c.cnt / n.baskets) AS lift,
                   d.both_cnt AS baskets_with_both, a.cnt AS antecedent_baskets
            FROM directed AS d, n
            JOIN single AS a ON a.item = d.antecedent JOIN single AS c ON c.item = d.consequent)
        SELECT *, row_number() OVER (PARTITION BY antecedent ORDER BY lift DESC, confidence DESC,
                                     consequent) AS rank_for_antecedent
        FROM rules WHERE confidence >= $2 AND lift >= $3
        QUALIFY rank_for_antecedent <= $4
        ORDER BY lift DESC, support DESC, antecedent, consequent"""


def rules(con: duckdb.DuckDBPyConnection, items_sql: str, min_count: int, config: BasketConfig,
          params: list | None = None) -> pd.DataFrame:
    """Association rules between items of ``items_sql`` (columns basket, item)."""
    frame = con.execute(_rules_sql(items_sql), [min_count, config.min_confidence, config.min_lift,
                                                config.per_product, *(params or [])]).df()
    frame = frame.astype({"antecedent": "string", "consequent": "string"})
    for column in ("support", "confidence"):
        frame[column] = frame[column].round(6)
    frame["lift"] = frame["lift"].round(4)
    return frame[RULE_COLUMNS]


def minimum_count(min_support: float, baskets: int) -> int:
    """Baskets a pair needs to reach ``min_support`` — rounded up (0.1 % of 2,321 baskets is 3,
    not 2: rounding to the nearest kept rules at 0.086 % under a 0.1 % minimum), and at least 2."""
    return max(2, math.ceil(min_support * baskets - 1e-9))


def run(con: duckdb.DuckDBPyConnection, table: str, config: BasketConfig | None = None, *,
        roles: dict[str, str] | None = None, lang: str = "en") -> BasketRun:
    """Product rules, then category rules when a products table names categories."""
    config = config or BasketConfig()
    roles = get_roles(con, table, roles)
    view = data.purchase_view(con, table, roles, need_customer=not roles.get("order_id"))
    excluded = data.not_products(con, table, roles, view)
    lines = (f"SELECT DISTINCT {data.basket_sql()} AS basket, product_id AS item FROM ({view.sql}) AS t "
             "WHERE product_id IS NOT NULL AND coalesce(quantity, 1) > 0 AND coalesce(amount, 0) >= 0 "
             f"AND product_id NOT IN (SELECT product_id FROM {excluded})")
    baskets = int(con.execute(f"SELECT count(DISTINCT basket) FROM ({lines})").fetchall()[0][0])
    if baskets == 0:
        raise CrmError(Sentence("rec.error.no_baskets", table=table))
    _check_pairs(con, lines, table, baskets, by_day=not roles.get("order_id"))
    min_count = minimum_count(config.min_support, baskets)
    product_rules = rules(con, lines, min_count, config)
    name = config.products_table or data.find_products_table(con, table)
    products = category_rules = None
    if name:
        products = data.catalogue(con, name)
        category_rules = _category_rules(con, lines, name, config, min_count)
    else:
        products = data.line_catalogue(con, table, roles)
    described = data.describe(data.describe(product_rules, products, "antecedent", "antecedent_"),
                              products, "consequent", "consequent_")
    return BasketRun(table, config, lang, described,
                     category_rules if category_rules is not None else pd.DataFrame(columns=RULE_COLUMNS),
                     baskets, products, name, nonproducts.summary(con, excluded),
                     items.notes(con, table, roles))


def _check_pairs(con: duckdb.DuckDBPyConnection, lines: str, table: str, baskets: int, *,
                 by_day: bool) -> None:
    """Refuse a log whose every basket holds one product: no pair can ever be counted, and an
    empty rules file without a word (a scanner panel of 13,705 one-can purchases) read as "no
    product goes with another" instead of "these orders cannot say". Without an order id a basket
    is a customer's day, and the refusal says so (an order column may exist unmarked)."""
    several = con.execute(f"SELECT count(*) FROM (SELECT basket FROM ({lines}) GROUP BY basket "
                          "HAVING count(*) > 1)").fetchone()[0]
    if not several:
        key = "rec.error.single_item_days" if by_day else "rec.error.single_item_baskets"
        raise CrmError(Sentence(key, table=table, baskets=f"{baskets:,}"))


def _category_rules(con: duckdb.DuckDBPyConnection, lines: str, products_table: str,
                    config: BasketConfig, min_count: int) -> pd.DataFrame | None:
    pid = data.check_catalogue(con, products_table)
    column = config.category_column or get_roles(con, products_table).get("category")
    if not column:
        return None
    data.display_columns(con, products_table, (column,))  # checks the column exists
    ident = f"regexp_replace(trim(CAST(p.{qi(pid)} AS VARCHAR)), '^(\\d+)\\.0+$', '\\1')"
    items = (f"SELECT DISTINCT l.basket, CAST(p.{qi(column)} AS VARCHAR) AS item FROM ({lines}) AS l "
             f"JOIN {qi(products_table)} AS p ON l.item = {ident} WHERE p.{qi(column)} IS NOT NULL")
    return rules(con, items, min_count, config)
