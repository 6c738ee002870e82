"""Shared ground for the customer-level models (churn risk, spend): behaviour features as of
a date computed in DuckDB, the cutoff scheme, preprocessing and per-customer reasons.

The cutoff scheme never lets features peek into the window they predict: features use rows
strictly before ``as_of``; the label (bought again? how much?) uses ``[as_of, as_of + N days)``.
"""

from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

import duckdb
import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler

from crm_core.errors import CrmError
from crm_core.i18n import Day, Sentence
from crm_core.workspace import store
from crm_core.workspace.role_keys import COMPANY
from crm_core.workspace.role_names import bare_header
from crm_core.workspace.shared import shared_accounts, visits_sql
from crm_core.workspace.sqlutil import qi, sql_str
from crm_core.workspace.transactions import TransactionView, id_sql
from crm_core.workspace.value_order import value_order

BEHAVIOUR_FEATURES: tuple[str, ...] = (
    "recency_days", "tenure_days", "frequency", "monetary", "avg_order_value", "orders_30d",
    "orders_90d", "orders_180d", "spend_90d", "spend_365d", "return_lines", "products",
    "mean_gap_days", "overdue_ratio",
)

_VISITS_SQL = """
CREATE OR REPLACE TEMP TABLE {visits} AS {visit_rows};
CREATE OR REPLACE TEMP TABLE {products} AS
SELECT customer_id, product_id, min(ts) AS first_ts FROM ({view})
WHERE customer_id IS NOT NULL AND ts IS NOT NULL AND product_id IS NOT NULL
GROUP BY customer_id, product_id;
"""

_SNAPSHOT_SQL = """
WITH past AS (SELECT *, amount >= 0 AS bought FROM {visits} WHERE ts < $as_of),
f AS (
  SELECT customer_id,
         date_diff('day', max(ts) FILTER (WHERE bought), $as_of) AS recency_days,
         date_diff('day', min(ts) FILTER (WHERE bought), $as_of) AS tenure_days,
         count(*) FILTER (WHERE bought) AS frequency,
         sum(amount) AS monetary,
         CAST(sum(amount) AS DOUBLE) / count(*) FILTER (WHERE bought) AS avg_order_value,
         arg_min(amount, (ts, visit)) FILTER (WHERE bought) AS first_amount,
         count(*) FILTER (WHERE bought AND ts >= $as_of - INTERVAL 30 DAY) AS orders_30d,
         count(*) FILTER (WHERE bought AND ts >= $as_of - INTERVAL 90 DAY) AS orders_90d,
         count(*) FILTER (WHERE bought AND ts >= $as_of - INTERVAL 180 DAY) AS orders_180d,
         coalesce(sum(amount) FILTER (WHERE ts >= $as_of - INTERVAL 90 DAY), 0) AS spend_90d,
         coalesce(sum(amount) FILTER (WHERE ts >= $as_of - INTERVAL 365 DAY), 0) AS spend_365d,
         sum(return_lines) AS return_lines,
         CASE WHEN count(*) FILTER (WHERE bought) > 1
              THEN date_diff('day', min(ts) FILTER (WHERE bought), max(ts) FILTER (WHERE bought))
                   / (count(*) FILTER (WHERE bought) - 1) END AS mean_gap_days,
         coalesce(sum(amount) FILTER (WHERE ts >= $as_of - to_days(CAST($days AS INTEGER))), 0)
             AS spend_last_window
  FROM past GROUP BY customer_id HAVING bool_or(bought)),
p AS (SELECT customer_id, count(*) AS products FROM {products} WHERE first_ts < $as_of GROUP BY customer_id),
fut AS (SELECT customer_id, bool_or(amount >= 0) AS bought, sum(amount) AS future_spend FROM {visits}
        WHERE ts >= $as_of AND ts < $as_of + to_days(CAST($days AS INTEGER)) GROUP BY customer_id)
SELECT f.*, coalesce(p.products, 0) AS products,
       f.recency_days / greatest(coalesce(f.mean_gap_days, f.tenure_days), 1) AS overdue_ratio,
       NOT coalesce(fut.bought, false) AS churned, coalesce(fut.future_spend, 0) AS future_spend
FROM f LEFT JOIN p USING (customer_id) LEFT JOIN fut USING (customer_id) ORDER BY f.customer_id
"""


def in_value_order(frame: pd.DataFrame) -> pd.DataFrame:
    """A snapshot's customers ordered by their numbers, not their ids (:mod:`value_order`): a
    renaming alone moved the spend total of the HubSpot deals (pii26/det27)."""
    columns = [c for c in frame.columns if c != "customer_id"]
    return frame.iloc[value_order(frame, columns)].reset_index(drop=True)


@dataclass(frozen=True)
class History:
    """Temporary tables (this connection only) of each customer's visits and first purchase
    of each product: built once in one pass, so the snapshots at several dates stay cheap.
    ``shared`` holds the accounts left out as a shop's shared till: (id, orders, active days);
    ``activity`` what a visit is: ``orders``, or ``records`` for an event log with neither money
    nor quantity (coupon redemptions, check-ins), whose reasons must not say "no order"."""

    visits: str
    products: str
    shared: tuple[tuple[str, int, int], ...] = field(default_factory=tuple)
    activity: str = "orders"


def visit_history(con: duckdb.DuckDBPyConnection, view: TransactionView) -> History:
    """One row per visit (order id, else day) with its time, net amount and returned lines. A
    visit whose net amount is below zero is a return or a cancellation invoice (Online Retail's
    ``C…``): snapshots count its money but not a purchase, so it neither adds an order nor
    makes a customer recent."""
    tag = uuid.uuid4().hex[:10]
    hist = History(f"__visits_{tag}", f"__products_{tag}")
    con.execute(_VISITS_SQL.format(view=view.sql, visit_rows=visits_sql(view.sql), visits=hist.visits,
                                   products=hist.products))
    return _without_shared(con, dataclasses.replace(hist, activity=_activity(con, view, hist.visits)))


ORDERS_WITH_MONEY = 0.5
"""Least share of visits carrying money for them to be orders: an order log's visits nearly all do
(a free sample or a return aside); a page-view log with a ``revenue`` column has money on the few
views that ended in a purchase."""


def _activity(con: duckdb.DuckDBPyConnection, view: TransactionView, visits: str) -> str:
    """``orders`` when the visits are purchases, ``records`` for an event log: neither money nor
    quantity (coupon redemptions), or money on under :data:`ORDERS_WITH_MONEY` of the visits (page
    views whose ``revenue`` is mostly 0 said "no order for 40 days" of a reader's visits)."""
    if not (view.has_amount or view.has_quantity):
        return "records"
    if not view.has_amount:
        return "orders"
    paid = con.execute(f"SELECT avg(CASE WHEN amount > 0 THEN 1.0 ELSE 0.0 END) FROM {qi(visits)}"
                       ).fetchone()[0]
    return "orders" if paid is None or paid >= ORDERS_WITH_MONEY else "records"


def _without_shared(con: duckdb.DuckDBPyConnection, hist: History) -> History:
    """The history without the shop's shared till accounts (:func:`shared_accounts`): no
    customer-level model describes them."""
    shared = shared_accounts(con, hist.visits)
    if not shared:
        return hist
    ids = [row[0] for row in shared]
    for name in (hist.visits, hist.products):
        con.execute(f"DELETE FROM {name} WHERE list_contains($ids, customer_id)", {"ids": ids})
    return dataclasses.replace(hist, shared=shared)


@dataclass(frozen=True)
class Windows:
    """The dates of the cutoff scheme. ``end`` is the day after the cutoff (orders on the cutoff
    day are known); ``horizon`` is what is predicted after it, ``days`` the length of the windows
    the history can show (the horizon, or less when the history is shorter); ``cutoff`` =
    end − days is where the last fully observed window starts and ``previous`` the one before."""

    end: date
    cutoff: date
    previous: date | None
    days: int
    first: date
    horizon: int = 0


_MIN_WINDOW = 7
"""The shortest window a shrunk horizon may use: a day or two of spend is mostly zeros (a month of
REES46 events gave a 1-day window and a bare ValueError from the Poisson fit)."""


def windows(con: duckdb.DuckDBPyConnection, hist: History, days: int, cutoff: date | None = None,
            *, shrink: bool = False) -> Windows:
    """End = the day after ``cutoff`` (default: the newest order); windows of N days back from
    it. With ``shrink`` a horizon longer than the history allows uses shorter windows (a week at
    least), so that two of them (fit, then check) still fit after a 30-day start."""
    if days < 1:
        raise CrmError(Sentence("customers.error.window_days"))
    first, last = con.execute(f"SELECT min(ts)::DATE, max(ts)::DATE FROM {hist.visits}").fetchall()[0]
    if first is None:
        raise CrmError(Sentence("customers.error.no_dated_rows"))
    if cutoff is not None and cutoff < first:
        raise CrmError(Sentence("customers.error.before_first", cutoff=Day(cutoff), first=Day(first)))
    if cutoff is not None and (cutoff - last).days > _longest_quiet_spell(con, hist):
        raise CrmError(Sentence("customers.error.after_newest", cutoff=Day(cutoff), days=(cutoff - last).days,
                                last=Day(last)))
    end = (cutoff or last) + timedelta(days=1)
    span = (end - first).days
    window = min(days, max((span - 30) // 2, _MIN_WINDOW)) if shrink else days
    start = end - timedelta(days=window)
    if (start - first).days < 30:
        need = 30 + window * (2 if shrink else 1)
        raise CrmError(Sentence("customers.error.short_history", end=Day(end), span=span, window=window,
                                need=need))
    previous = start - timedelta(days=window)
    return Windows(end, start, previous if (previous - first).days >= 30 else None, window, first, days)


def _longest_quiet_spell(con: duckdb.DuckDBPyConnection, hist: History) -> int:
    """The most days between two order days: a cutoff further past the newest order reads the
    end of the export as every customer stopping (a weekly log may still end a few days early)."""
    gap = "date_diff('day', lag(day) OVER (ORDER BY day), day)"  # days on Spark too, not an INTERVAL DAY
    return con.execute(f"SELECT coalesce(max(gap), 1) FROM (SELECT {gap} AS gap "
                       f"FROM (SELECT DISTINCT ts::DATE AS day FROM {hist.visits}))").fetchone()[0]


def snapshot(con: duckdb.DuckDBPyConnection, hist: History, as_of: date, days: int) -> pd.DataFrame:
    """One row per customer who bought before ``as_of``: behaviour features as of that day,
    plus what happened in the N days from it (``churned``, ``future_spend``). Money is summed
    exactly (:data:`~crm_core.workspace.shared.EXACT_MONEY`) and divided as a DOUBLE: Spark would
    divide the DECIMAL and round it, DuckDB divides a DOUBLE."""
    frame = con.execute(_SNAPSHOT_SQL.format(visits=hist.visits, products=hist.products),
                        {"as_of": as_of, "days": int(days)}).df()
    for column in BEHAVIOUR_FEATURES:
        frame[column] = frame[column].astype(float)
    frame["customer_id"] = frame["customer_id"].astype(str)
    return frame


# --------------------------------------------------------------------------- preprocessing

def signed_log(x):
    """sign(x)·log(1 + |x|): tames heavy tails (spend, overdue ratios) for linear models."""
    return np.sign(x) * np.log1p(np.abs(x))


MIN_SPREAD = 1e-4
"""A spread (standard deviation, in log-compressed units) below which a column counts as constant."""


class SpreadScaler(StandardScaler):
    """Standardise, but leave a column that barely varies where it was fitted unscaled, as
    scikit-learn does one that does not vary at all. walk36: BG/NBD's P(alive) was 1.000000 ± 3e-7
    for every 1688 buyer as of the fit date; divided by that spread, the later snapshot's 0.51-0.998
    became millions of deviations and the regression scored every validation buyer 100 %."""

    def fit(self, X, y=None, sample_weight=None):
        super().fit(X, y, sample_weight)
        self.scale_ = np.where(self.scale_ < MIN_SPREAD, 1.0, self.scale_)
        return self


def preprocessor(numeric: list[str], categorical: list[str], scale: bool = True) -> ColumnTransformer:
    """Median-impute (with missing flags), log-compress and scale numbers for linear models;
    one-hot categories (rare ones pooled)."""
    num_steps = [SimpleImputer(strategy="median", add_indicator=True)]
    if scale:
        num_steps += [FunctionTransformer(signed_log, feature_names_out="one-to-one"), SpreadScaler()]
    parts = [("num", make_pipeline(*num_steps), numeric)] if numeric else []
    if categorical:
        parts.append(("cat", make_pipeline(
            SimpleImputer(strategy="constant", fill_value="(missing)"),
            OneHotEncoder(handle_unknown="infrequent_if_exist", min_frequency=5, sparse_output=False),
        ), categorical))
    return ColumnTransformer(parts, sparse_threshold=0.0)


def reference_row(frame: pd.DataFrame, numeric: list[str], categorical: list[str],
                  top: int = 10) -> dict[str, list[tuple[object, float]]]:
    """What "usual" is, per column, as (value, weight) pairs: the median of a number; for a
    category or a 0/1 flag its ``top`` values weighted by their share. Against the single most
    common value, that value could never be a reason (Telco's Month-to-month is the mode, and
    churns most; half the bank's customers are inactive members)."""
    flags = [c for c in numeric if frame[c].nunique() == 2]
    ref: dict[str, list[tuple[object, float]]] = {
        c: [(float(frame[c].median()) if frame[c].notna().any() else np.nan, 1.0)]
        for c in numeric if c not in flags}
    for c in [*flags, *categorical]:
        shares = frame[c].dropna().value_counts(normalize=True).head(top)
        ref[c] = list(zip(shares.index, shares / shares.sum(), strict=True)) or [(None, 1.0)]
    return ref


def _format_value(value) -> str:
    if isinstance(value, float | np.floating):
        return "blank" if np.isnan(value) else f"{value:,.4g}"
    return str(value)


def driver_effects(predict, frame: pd.DataFrame, features: list[str], reference: dict, top: int = 3,
                   min_effect: float = 0.01, max_cells: int = 3_000_000) -> list[list[tuple]]:
    """Per row, up to ``top`` (feature, value, effect): the features that push the prediction up
    most, by how much it drops when that one feature takes its usual values (:func:`reference_row`).

    Rows beyond ``max_cells`` / the values tried (highest predictions are passed first by the
    caller when that matters) get none, to keep scoring time bounded.
    """
    tries = sum(len(reference[c]) for c in features)
    n = min(len(frame), max(max_cells // max(tries, 1), 1))
    if n == 0 or not features:
        return [[] for _ in range(len(frame))]
    head = frame.iloc[:n]
    base = predict(head)
    effects = np.zeros((n, len(features)))
    for j, column in enumerate(features):
        usual = np.zeros(n)
        for value, weight in reference[column]:
            usual += weight * predict(head.assign(**{column: value}))
        effects[:, j] = base - usual
    values = head[features].to_numpy(object)
    out = []
    for i in range(n):
        order = np.argsort(-effects[i])[:top]
        out.append([(features[j], values[i, j], float(effects[i, j])) for j in order
                    if effects[i, j] >= min_effect])
    return out + [[] for _ in range(len(frame) - n)]


def drivers_text(found: list[tuple[str, object, float]]) -> str:
    """``tenure=2 (+0.21); Contract=Month-to-month (+0.12)``: the model's drivers for the file."""
    return "; ".join(f"{feature}={_format_value(value)} ({effect:+.2f})" for feature, value, effect in found)


def attach_segments(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame) -> pd.DataFrame:
    """Add the segment name per customer when a ``segments`` table (customer_id, segment) exists."""
    found = con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = 'segments' "
        "AND column_name IN ('customer_id', 'segment')").fetchall()
    if len(found) < 2:
        return frame
    seg = con.execute('SELECT CAST(customer_id AS VARCHAR) AS customer_id, any_value(segment) AS segment '
                      'FROM segments GROUP BY 1').df()
    return frame.merge(seg, on="customer_id", how="left")


CONTACT_ROLES = ("name", "email", "phone")
"""The columns that say whom to call, shown beside a list's customer ids."""


def _most_written(con, table: str, customer_sql: str, contacts: dict[str, str]) -> pd.DataFrame:
    """Each customer's most written value of each contact role; a tie goes to the smallest text. ``mode``
    broke ties as each engine met the rows (微店's ``🎵伟``, two buyers with one order each, had another
    phone on Spark than on DuckDB, spark26)."""
    said = " UNION ALL ".join(
        f"SELECT {customer_sql} AS customer_id, {sql_str(r)} AS role, "
        f"nullif(trim(CAST({qi(c)} AS VARCHAR)), '') AS v FROM {qi(table)}" for r, c in contacts.items())
    counted = (f"SELECT customer_id, role, v, count(*) AS n FROM ({said}) AS said WHERE v IS NOT NULL "
               "GROUP BY customer_id, role, v")
    top = con.execute(f"SELECT customer_id, role, v FROM (SELECT *, row_number() OVER (PARTITION BY "
                      f"customer_id, role ORDER BY n DESC, v) AS k FROM ({counted}) AS counted) AS ranked "
                      "WHERE k = 1").df()
    wide = top.pivot(index="customer_id", columns="role", values="v")
    return wide.reindex(columns=list(contacts)).rename_axis(columns=None).reset_index()


def _buyer_company(con, table: str, columns: list[tuple[str, str]], taken: set[str]) -> str | None:
    """A B2B export's buying company (1688's 买家公司名, a ``Company``) beside a customer id that is a login
    or a code: a wholesaler knows its buyers by it (judge65). One value on every row is the seller's own."""
    for column, dtype in columns:
        if column in taken or dtype != "VARCHAR" or not COMPANY.match(bare_header(column)):
            continue
        if con.execute(f"SELECT count(DISTINCT {qi(column)}) > 1 FROM {qi(table)}").fetchone()[0]:
            return column
    return None


def attach_contacts(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str],
                    frame: pd.DataFrame) -> pd.DataFrame:
    """The customer's name, e-mail and phone beside the id, as the table most often writes them
    (the lists read ``AP-16225`` while the table held the Customer Name: nobody to call, walk10).
    The id is read as the models read it (``id_sql``), so ``13085.0`` finds ``13085``."""
    customer = roles.get("customer_id")
    contacts = {r: roles[r] for r in CONTACT_ROLES
                if roles.get(r) and roles[r] != customer and r not in frame}
    columns = store.columns_of(con, table)
    taken = {customer, *contacts.values()}
    company = customer and "company" not in frame and _buyer_company(con, table, columns, taken)
    if company:
        contacts = {"company": company, **contacts}
    if not customer or not contacts or frame.empty:
        return frame
    types = dict(columns)
    found = _most_written(con, table, id_sql(qi(customer), types[customer]), contacts)
    merged = frame.merge(found, on="customer_id", how="left")
    first = ["customer_id", *contacts]
    return merged[[*first, *(c for c in merged if c not in first)]]
