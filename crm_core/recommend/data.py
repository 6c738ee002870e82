"""Purchases and products for recommendations, read in SQL over the transaction view.

Only aggregates become pandas: one row per (customer, product, evaluation part). The log's
last days are every customer's test window and the days before them the validation window: one
cut for all, so nothing a model is fitted on was bought after the weeks it is judged on (with a
cut per customer, one household's held-out weeks were other households' history: round 14 of
issue #15). A household that stopped before the cut is not judged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import duckdb
import pandas as pd

from crm_core.errors import CrmError
from crm_core.i18n import Listing, Sentence
from crm_core.recommend import items, nonproducts, numbering, offers, tip_rows
from crm_core.workspace import missing, store
from crm_core.workspace.review_logs import refuse_review_log
from crm_core.workspace.roles import get_roles, is_numeric_type
from crm_core.workspace.shared import view_tills
from crm_core.workspace.sqlutil import qi
from crm_core.workspace.ticket_logs import refuse_ticket_log
from crm_core.workspace.transactions import TransactionView, id_sql, named_products, transaction_view

TRAIN, VALIDATION, TEST = 0, 1, 2
"""Evaluation parts of each customer's history: before validation, validation window, test window."""
DISPLAY_PATTERN = re.compile(r"name|title|desc|brand|dep(ar)?t|categ|type|class|family|group|"
                             r"名|品牌|类|部门", re.IGNORECASE)
MAX_DISPLAY = 4
LINE_NAME_ROLES = ("product_name", "description", "category")
"""Roles of a transaction table that name the product on each line (an invoice-line export)."""
RESULT_TABLES = ("recommendations", "basket_rules")


@dataclass(frozen=True)
class Purchases:
    """(customer, product, part) rows with distinct baskets and the newest purchase time (and the
    oldest, which gives a pair's own cycle, for lists holding bought products: :mod:`.repeat`)."""

    frame: pd.DataFrame
    has_dates: bool
    end: pd.Timestamp | None
    left_out: dict | None = None
    """Products that are not goods (postage, fees, gifts …) and their lines, left out."""
    shared: tuple[tuple[str, int, int], ...] = ()
    """The shop's shared till accounts (``WALKIN``, 散客): their lines count toward what sells, but they
    are no customer (:meth:`.model.Recommender.fit`), as every customer analysis leaves them out."""
    def upto(self, part: int) -> pd.DataFrame:
        """Rows before ``part`` merged per (customer, product): what a model may learn from."""
        rows = self.frame[self.frame["part"] < part]
        return (rows.groupby(["customer_id", "product_id"], sort=False, observed=True)
                .agg(orders=("orders", "sum"), last_ts=("last_ts", "max"),
                     **({"first_ts": ("first_ts", "min")} if "first_ts" in rows else {}))
                .reset_index())

    def window(self, part: int) -> pd.DataFrame:
        return self.frame.loc[self.frame["part"] == part, ["customer_id", "product_id"]]


def purchase_view(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str],
                  need_customer: bool = True) -> TransactionView:
    """The transaction view with a product column (a product name stands in for a missing id, the
    items listed in a row, as JSON or as text with counts, stand in for both); ``need_customer=False``
    for baskets, which an order id alone defines."""
    roles = named_products(roles)
    wide = None if roles.get("product_id") else _wide_items(table, store.columns_of(con, table))
    if wide:
        raise CrmError(wide)
    listed = None if roles.get("product_id") else items.item_list(con, table)
    if listed:  # GA4's ``items``: one row per listed item
        source = items.listed_view(con, table, listed)
        view = transaction_view(con, source, roles, need_date=False, need_customer=need_customer,
                                group_col="__items")
        return items.one_row_per_item(view, listed[1])
    cell = items.text_list(con, table, roles)
    if cell:  # 美团's 商品: an order's items with their counts in one cell
        view = transaction_view(con, table, roles, need_date=False, need_customer=need_customer,
                                group_col=cell)
        return items.one_row_per_text_item(view)
    tip = tip_rows.tip_type_column(con, table, roles)  # 千聊's 打赏: no course bought
    view = transaction_view(con, table, roles, need_date=False, need_customer=need_customer, group_col=tip)
    view = tip_rows.without_tips(view) if tip else view
    if view.has_product and (same := offers.one_value(con, table, roles)):
        raise CrmError(same)
    if not view.has_product:
        refuse_ticket_log(con, table)  # a ticket's subject is no product (judge31)
        refuse_review_log(con, table)  # a review's text is no product (left50)
        items.refuse_titles_cell(con, table, roles)  # 千牛's 宝贝标题: titles in one cell (judge36)
        raise CrmError(offers.no_product(con, table, roles))
    return view


WIDE_ITEMS = 10
"""Numbered number columns of one stem (``item_01`` … ``item_27``) from which a table holds one
column per item: five would be a survey's ``AcceptedCmp1-5``."""
_NUMBERED = re.compile(r"^(.*?\D)[ _.-]?(\d+)$")


def _wide_items(table: str, columns: list[tuple[str, str]]) -> Sentence | None:
    """Why a wide basket (one row per order, one count column per item: modeldata's food
    deliveries) has no product, and how to make it one row per item bought."""
    stems: dict[str, list[str]] = {}
    for name, dtype in columns:
        if (match := _NUMBERED.match(name.strip())) and is_numeric_type(dtype):
            stems.setdefault(match.group(1).rstrip(" _.-"), []).append(name)
    items = max(stems.values(), key=len, default=[])
    if len(items) < WIDE_ITEMS:
        return None
    keys = ", ".join(f"'{c}'" for c, _ in columns if c not in items)
    return Sentence("roles.need.wide_items", table=table, n=f"{len(items):,}", first=items[0], last=items[-1],
                    keys=keys)


def basket_sql() -> str:
    """A basket: the order id, else the customer's day (shops that export lines without orders)."""
    return "coalesce(order_id, customer_id || '|' || coalesce(CAST(CAST(ts AS DATE) AS VARCHAR), ''))"


def purchases(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str],
              holdout_days: int, cycles: bool = False) -> Purchases:
    """Aggregated purchases; with dates, the log's last ``holdout_days`` days are part TEST for
    every customer and the ``holdout_days`` before them part VALIDATION. Returns and cancellations
    are left out. ``cycles``: the oldest purchase time too (lists holding bought products;
    new-to-customer lists do not pay its memory)."""
    if holdout_days < 1:
        raise CrmError(Sentence("rec.error.holdout_day"))
    view = _customers_view(con, table, roles)
    tills = view_tills(con, view.sql) if view.has_amount else ()
    with _one_thread(con):
        excluded = not_products(con, table, roles, view)
        frame = _purchase_rows(con, view, holdout_days, excluded, cycles)
    left_out = nonproducts.summary(con, excluded)
    if frame.empty:
        raise CrmError(Sentence("rec.error.no_purchases", table=table))
    frame = frame.astype({"customer_id": "category", "product_id": "category", "orders": "float32"})
    frame = numbering.by_meaning(frame, VALIDATION)
    has_dates = bool(frame["last_ts"].notna().any())
    return Purchases(frame, has_dates, frame["last_ts"].max() if has_dates else None, left_out, tills)


def _customers_view(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str]) -> TransactionView:
    """The purchase view for lists per customer. Orders that name no customer (美团's masked 顾客 王**)
    are refused saying why a list needs one, and that basket rules need only the orders, when the
    orders and their products can be read. A refusal that already says so (an order log naming no
    buyer: Amazon's All Orders report) is left as it is, not to give the advice twice."""
    try:
        return purchase_view(con, table, roles)
    except CrmError as refused:
        said_so = getattr(refused.args[0], "key", "") in missing.SAYS_NO_BUYER
        if said_so or roles.get("customer_id") or not roles.get("order_id"):
            raise
        try:
            purchase_view(con, table, roles, need_customer=False)
        except CrmError:
            raise refused from None
        raise CrmError(Sentence("rec.error.needs_customer", reason=refused.args[0], table=table)) from None


def refusal(con: duckdb.DuckDBPyConnection, table: str) -> Sentence | None:
    """Why Recommend refuses ``table``, None when it reads its purchases: the check :func:`purchases` makes
    first, so a page that would send the analyst to Recommend says the refusal instead (walk39)."""
    try:
        _customers_view(con, table, get_roles(con, table))
    except CrmError as refused:
        return refused.args[0]
    return None


def not_products(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str],
                 view: TransactionView) -> str:
    """Name of a temp table of the products that are not goods (postage, fees, gifts …), kept
    out of lists, evaluation and basket rules alike (:mod:`nonproducts`)."""
    excluded = not_products_sql(con, table, roles, view)
    con.execute(f"CREATE OR REPLACE TEMP TABLE rec_not_products AS {excluded}")
    return "rec_not_products"


def not_products_sql(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str],
                     view: TransactionView) -> str:
    """SQL of :func:`not_products`' rows, for a look-up that keeps no temp table (Customer 360)."""
    return nonproducts.excluded_sql(view.sql, _line_names_sql(con, table, roles))


def _line_names_sql(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str]) -> str:
    """``product_id, name`` of every line from the table's product-name and description columns
    ("" when it has none, or names products by name only: the id is the name then)."""
    pid = roles.get("product_id")
    shown = list(dict.fromkeys(roles[r] for r in ("product_name", "description") if roles.get(r)
                               and roles[r] != pid))
    if not pid or not shown:
        return ""
    ident = id_sql(qi(pid), dict(store.columns_of(con, table))[pid])
    return " UNION ALL ".join(f"SELECT {ident} AS product_id, CAST({qi(c)} AS VARCHAR) AS name "
                              f"FROM {qi(table)}" for c in shown)


@contextmanager
def _one_thread(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """One DuckDB thread for a wide GROUP BY: a third less peak memory for little time on 2 cores."""
    threads = con.execute("SELECT current_setting('threads')").fetchall()[0][0]
    con.execute("SET threads = 1")
    try:
        yield
    finally:
        con.execute(f"SET threads = {int(threads)}")


def _purchase_rows(con: duckdb.DuckDBPyConnection, view: TransactionView, holdout_days: int,
                   excluded: str, cycles: bool) -> pd.DataFrame:
    """Distinct baskets per pair first (cheaper than count(DISTINCT …)), then per window; the ``excluded``
    products (not goods) left out; ``cycles``: each pair's oldest time too.
    Sorted, so the rows come alike from any engine (Spark's own row order broke ties once, hit rate
    0.415 vs DuckDB's 0.416); the numbering itself is :func:`.numbering.by_meaning`'s."""
    first = ", min(l.ts) AS first_ts" if cycles else ""
    return con.sql(
        f"""WITH lines AS (
                SELECT customer_id, product_id, {basket_sql()} AS basket, max(ts) AS ts
                FROM ({view.sql}) AS t
                WHERE customer_id IS NOT NULL AND product_id IS NOT NULL
                  AND coalesce(quantity, 1) > 0 AND coalesce(amount, 0) >= 0
                  AND product_id NOT IN (SELECT product_id FROM {excluded})
                GROUP BY ALL),
            cut AS (SELECT CAST(max(ts) AS DATE) - (? - 1) AS test_from FROM lines)
            SELECT l.customer_id, l.product_id,
                   CAST(CASE WHEN l.ts IS NULL OR c.test_from IS NULL THEN 0
                             WHEN l.ts >= c.test_from THEN 2
                             WHEN l.ts >= c.test_from - ? THEN 1 ELSE 0 END AS TINYINT) AS part,
                   count(*) AS orders, max(l.ts) AS last_ts{first}
            FROM lines AS l CROSS JOIN cut AS c GROUP BY ALL
            ORDER BY l.customer_id, l.product_id, part""",
        params=[holdout_days, holdout_days]).to_arrow_table().to_pandas(strings_to_categorical=True)


MIN_OVERLAP = 0.5
"""Share of a purchase log's products a catalogue must name before it is chosen unasked: the
sample's ``products`` beside a Complete Journey log names none of its products."""


def find_products_table(con: duckdb.DuckDBPyConnection, table: str) -> str | None:
    """A workspace table describing the products of ``table`` (a product id, no customers, and
    ids or names for at least :data:`MIN_OVERLAP` of the products bought); ``products`` first."""
    names = [t.name for t in store.list_tables(con)
             if t.name != table and not t.name.startswith(RESULT_TABLES)]
    names.sort(key=lambda n: n != "products")
    bought = _bought_sql(con, table)
    for name in names:
        roles = get_roles(con, name)
        if roles.get("product_id") and not roles.get("customer_id") and display_columns(con, name) \
                and bought and catalogue_overlap(con, name, bought) >= MIN_OVERLAP:
            return name
    return None


def _bought_sql(con: duckdb.DuckDBPyConnection, table: str) -> str | None:
    """The distinct products a purchase log names, as SQL (None when it names none)."""
    try:
        view = purchase_view(con, table, get_roles(con, table), need_customer=False)
    except CrmError:
        return None
    return (f"SELECT DISTINCT CAST(product_id AS VARCHAR) AS product FROM ({view.sql}) AS t "
            "WHERE product_id IS NOT NULL")


def catalogue_overlap(con: duckdb.DuckDBPyConnection, products: str, bought: str) -> float:
    """Share of the bought products the catalogue names, by id or by its first display column
    (the two keys :func:`match_catalogue` tries), measured in SQL."""
    pid = get_roles(con, products)["product_id"]
    name = next((c for c in display_columns(con, products) if c != pid), None)
    by_name = f"trim(CAST({qi(name)} AS VARCHAR))" if name else "NULL"
    row = con.execute(
        f"""WITH cat AS (SELECT {_catalogue_id(pid)} AS id, {by_name} AS name FROM {qi(products)}),
                 b AS ({bought})
            SELECT count(*), count(*) FILTER (WHERE product IN (SELECT id FROM cat)),
                   count(*) FILTER (WHERE product IN (SELECT name FROM cat)) FROM b""").fetchone()
    return max(row[1], row[2]) / row[0] if row[0] else 0.0


def _catalogue_id(pid: str) -> str:
    """A catalogue's product id as text, ``13085.0`` read as ``13085``."""
    return f"regexp_replace(trim(CAST({qi(pid)} AS VARCHAR)), '^(\\d+)\\.0+$', '\\1')"


def display_columns(con: duckdb.DuckDBPyConnection, table: str,
                    chosen: tuple[str, ...] = ()) -> list[str]:
    """Columns that name a product (name, brand, department, type …): the chosen ones, checked,
    else text columns whose names say so, the product-name role first."""
    columns = dict(store.columns_of(con, table))
    missing = [c for c in chosen if c not in columns]
    if missing:
        raise CrmError(Sentence("rec.error.catalogue_columns", table=table, missing=Listing(missing),
                                columns=Listing(columns)))
    if chosen:
        return list(chosen)
    roles = get_roles(con, table)
    first = [roles[r] for r in ("product_name", "name", "description") if roles.get(r)]
    texts = [c for c, t in columns.items() if t.upper() == "VARCHAR" and c != roles.get("product_id")
             and DISPLAY_PATTERN.search(c)]
    return list(dict.fromkeys([*first, *texts]))[:MAX_DISPLAY]


def check_catalogue(con: duckdb.DuckDBPyConnection, table: str) -> str:
    """The product id column of a products table, or a clear refusal (transactions are not one)."""
    roles = get_roles(con, table)
    if roles.get("customer_id") and (roles.get("date") or roles.get("order_id")):
        raise CrmError(Sentence("rec.error.catalogue_is_orders", table=table, customer=roles['customer_id']))
    if not roles.get("product_id"):
        raise CrmError(Sentence("roles.need.catalogue_id", table=table))
    return roles["product_id"]


def catalogue(con: duckdb.DuckDBPyConnection, table: str, chosen: tuple[str, ...] = (),
              only: list[str] | None = None) -> pd.DataFrame:
    """product_id plus the display columns, one row per product (text, as shown); ``only``: the
    products named by these ids or first display names (a customer's few lines, not 92,331 rows)."""
    pid = check_catalogue(con, table)
    shown = [c for c in display_columns(con, table, chosen) if c != pid]
    values = "".join(f", any_value(CAST({qi(c)} AS VARCHAR)) AS {qi(c)}" for c in shown)
    ident = _catalogue_id(pid)
    named = f" OR trim(CAST({qi(shown[0])} AS VARCHAR)) IN (SELECT * FROM wanted)" if shown else ""
    keep = "" if only is None else f" AND ({ident} IN (SELECT * FROM wanted){named})"
    frame = con.execute(
        f"""WITH wanted AS (SELECT unnest(?::VARCHAR[]))
            SELECT {ident} AS product_id{values} FROM {qi(table)}
            WHERE nullif(trim(CAST({qi(pid)} AS VARCHAR)), '') IS NOT NULL{keep} GROUP BY 1""",
        [list(only or [])]).df()
    return frame.astype({"product_id": "string"})


def line_catalogue(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str],
                   only: list[str] | None = None) -> pd.DataFrame | None:
    """The names a transaction table carries on its own lines (StockCode + Description, 商品编码 +
    商品名称; GA4's items their ``item_name``), the most frequent per product id: lists are named
    without a products table. None
    when products are named by name only or no line names them. ``only``: these product ids."""
    pid = roles.get("product_id")
    shown = list(dict.fromkeys(roles[r] for r in LINE_NAME_ROLES if roles.get(r) and roles[r] != pid))
    listed = None if pid else items.item_list(con, table)
    if listed:  # GA4's items carry their own names
        return items.item_names(con, table, listed, only)
    if not pid or not shown:
        return None
    ident = id_sql(qi(pid), dict(store.columns_of(con, table))[pid])
    values = "".join(f", mode(nullif(trim(CAST({qi(c)} AS VARCHAR)), '')) AS {qi(c)}" for c in shown)
    keep = "" if only is None else f" AND {ident} IN (SELECT unnest(?::VARCHAR[]))"
    frame = con.execute(f"SELECT {ident} AS product_id{values} FROM {qi(table)} "
                        f"WHERE {ident} IS NOT NULL{keep} GROUP BY 1", [] if only is None else [only]).df()
    return frame.astype({"product_id": "string"})


def match_catalogue(products: pd.DataFrame, bought: pd.Series) -> pd.DataFrame | None:
    """The catalogue keyed the way purchases name products: by id, else by its first display
    column (exports that carry names only); None when neither matches a purchase."""
    known = pd.Index(pd.unique(bought)).astype(str)
    by_id = int(products["product_id"].isin(known).sum())
    if len(products.columns) > 1:
        names = products.iloc[:, 1].astype("string").str.strip()
        if int(names.isin(known).sum()) > by_id:
            keyed = products.assign(product_id=names).dropna(subset=["product_id"])
            return keyed.drop_duplicates("product_id")
    return products if by_id else None


def describe(frame: pd.DataFrame, products: pd.DataFrame | None, column: str = "product_id",
             prefix: str = "") -> pd.DataFrame:
    """``frame`` with the products' display columns inserted after ``column``."""
    if products is None or len(products.columns) < 2:
        return frame
    lookup = products.set_index("product_id")
    out = frame.copy()
    at = out.columns.get_loc(column) + 1
    for offset, name in enumerate(lookup.columns):
        out.insert(at + offset, f"{prefix}{name}", out[column].astype(str).map(lookup[name]))
    return out


def labeller(products: pd.DataFrame | None):
    """product id → "id · name · brand" text for charts and pickers (ids stay labels, never numbers)."""
    if products is None or len(products.columns) < 2:
        return str
    lookup = products.set_index("product_id").astype("string")
    texts = lookup.apply(lambda row: " · ".join(v for v in row.dropna().tolist()[:2] if v), axis=1)

    def label(pid) -> str:
        text = texts.get(str(pid))
        return f"{pid} · {text}" if isinstance(text, str) and text else str(pid)
    return label
