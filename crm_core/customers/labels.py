"""Churn labels from a column the analyst names, and customer tables as model input.

Labels come in every spelling (yes/no, 1/0, 是/否, true/false, churned/stayed …); the columns
of a customer table are read as numbers (including text like ' 29.85'), dates (days before
the newest) or categories, so a telco-style export works without preparation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score

from crm_core.errors import CrmError
from crm_core.i18n import Listing, Sentence
from crm_core.workspace import store
from crm_core.workspace.role_names import is_charge_name, is_counted_name, name_candidates
from crm_core.workspace.role_values import row_numbers
from crm_core.workspace.roles import is_numeric_type, is_temporal_type
from crm_core.workspace.sqlutil import number_expr, qi
from crm_core.workspace.transactions import number_sql
from crm_core.workspace.value_order import value_order

POSITIVE = {"1", "1.0", "yes", "y", "true", "t", "churn", "churned", "left", "exited", "lost", "leave",
            "inactive", "attrited", "attrited customer", "closed", "cancelled", "canceled",
            "是", "流失", "已流失", "是的", "离网", "已离网", "y/是", "bad", "defaulted", "违约", "坏",
            "non_renewing", "expired", "已取消", "已退订", "已到期", "former patron",
            "unsubscribed", "bounced", "complained", "cold", "cleaned"}
NEGATIVE = {"0", "0.0", "no", "n", "false", "f", "stayed", "stay", "retained", "active", "existing",
            "existing customer", "current", "open", "否", "未流失", "留存", "在网", "正常", "不是",
            "good", "未违约", "好", "in_trial", "trialing", "future", "past_due", "试用中", "生效中",
            "active patron", "declined patron"}
"""The bad outcome is the event: a credit file's ``Status`` good/bad (modeldata's credit_data, 4,454
applicants) was refused as "not yes/no" when named with --label-col. A billing system's subscription
status is a label too (Chargebee, Recurly, Stripe): non_renewing (cancels at the term's end) and
expired have left; in_trial, trialing, future and past_due are still subscribed. Paused and unpaid
say neither, so they stay unknown and are named in the refusal. Patreon's members: a former patron has
left; a declined patron's pledge stands while Patreon retries the card (as past_due), still a member.
A mailing list's subscriber has gone when unsubscribed, bounced, complained or cold (Kit; Mailchimp's
cleaned): the list reaches them no more."""
MAX_CATEGORIES = 50
VALUE_MONTHS = 12
# A charge billed every month is worth a year of it (``VALUE_MONTHS``); a balance is money held.
_MONTHLY = re.compile(r"monthly[ _.-]?(charge|fee|bill|payment|spend|revenue|amount)|^mrr$|arpu"
                      r"|月费|月租|月消费|每月(费用|消费|金额)|月均(消费|费用)", re.IGNORECASE)
_BALANCE = re.compile(r"balance|deposit|余额|存款|资产", re.IGNORECASE)


def parse_labels(values: pd.Series, column: str = "label") -> pd.Series:
    """Map label text to 1 (churned), 0 (stayed) or NA (blank) in any of the usual spellings.

    Two unknown numeric values count as 0 < 1 (the larger is churn); other unknown values
    are an error that names them, so the analyst can fix the column.
    """
    text = values.astype("string").str.strip().str.lower()
    text = text.mask(text == "")
    known = text.map(lambda v: 1 if v in POSITIVE else 0 if v in NEGATIVE else None if pd.isna(v) else -1)
    unknown = sorted(set(text[known == -1].dropna()))
    if unknown:
        numbers = pd.to_numeric(text, errors="coerce")
        distinct = sorted(set(numbers.dropna()))
        if numbers.notna().sum() == text.notna().sum() and len(distinct) == 2:
            return (numbers == distinct[1]).astype("Int64").mask(numbers.isna())
        raise CrmError(Sentence("customers.error.label_values", column=column, values=Listing(unknown[:6])))
    return known.astype("Int64")


BARE_FLAGS = {"1", "1.0", "0", "0.0", "yes", "y", "no", "n", "true", "false", "t", "f",
              "是", "否", "是的", "不是"}
"""Label values that say yes or no but not what happened (``tip`` yes/no, ``default`` Yes/No)."""


def names_no_leaving(column: str, values: pd.Series) -> bool:
    """Whether a label column the analyst named says nothing of leaving: no churn header (the
    label role's pattern: churn, exited, 流失, 离网 …) and bare yes/no values. Chicago taxi trips'
    ``tip`` ran as a churn label (AUC 0.63) and its lists called tippers "churned" without a word."""
    if "label" in name_candidates(column):
        return False
    seen = set(values.dropna().astype(str).str.strip().str.lower()) - {""}
    return bool(seen) and seen <= BARE_FLAGS


# --------------------------------------------------------------------------- customer tables

@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # number | days | category


def column_kinds(con, table: str, skip: set[str]) -> list[Column]:
    """Which columns are numbers (including text like ' 29.85' with blanks), dates (as days
    before the newest) or categories; id-like text and free text are left out."""
    types = store.columns_of(con, table)
    total = con.execute(f"SELECT count(*) FROM {qi(table)}").fetchone()[0]
    skip = skip | row_numbers(con, table, types)  # R's rownames carries the order rows were written in
    out = []
    for name, dtype in types:
        if name in skip:
            continue
        col = qi(name)
        if is_numeric_type(dtype):
            out.append(Column(name, "number"))
            continue
        if is_temporal_type(dtype):
            out.append(Column(name, "days"))
            continue
        text = f"NULLIF(trim(CAST({col} AS VARCHAR)), '')"
        filled, numeric, distinct = con.execute(
            f"SELECT count({text}), count({number_expr(text)}), approx_count_distinct({text}) "
            f"FROM {qi(table)}").fetchone()
        if filled == 0:
            continue
        if numeric >= 0.9 * filled:
            out.append(Column(name, "number"))
        elif distinct <= MAX_CATEGORIES or distinct <= 0.02 * total:
            out.append(Column(name, "category"))
    return out


def _column_sql(column: Column, dtype: str | None) -> str:
    if dtype is None:
        return f"NULL AS {qi(column.name)}"
    col = qi(column.name)
    if column.kind == "number":
        return f"{number_sql(col, dtype)} AS {qi(column.name)}"
    if column.kind == "days":
        return (f"CAST(date_diff('day', CAST({col} AS DATE), max(CAST({col} AS DATE)) OVER ()) AS DOUBLE) "
                f"AS {qi(column.name)}")
    return f"NULLIF(trim(CAST({col} AS VARCHAR)), '') AS {qi(column.name)}"


def customer_frame(con, table: str, id_col: str | None, columns: list[Column],
                   label_col: str | None = None) -> pd.DataFrame:
    """The customer table as model input, one row per customer (:func:`one_row_each`)."""
    return one_row_each(customer_rows(con, table, id_col, columns, label_col), columns)[0]


def customer_rows(con, table: str, id_col: str | None, columns: list[Column],
                  label_col: str | None = None) -> pd.DataFrame:
    """Every row of the customer table that names a customer, its columns typed for the models."""
    types = dict(store.columns_of(con, table))
    missing = [c.name for c in columns if c.name not in types]
    if columns and len(missing) > len(columns) / 2:
        raise CrmError(Sentence("customers.error.lacks_columns", table=table, columns=Listing(missing[:8])))
    ident = f"NULLIF(trim(CAST({qi(id_col)} AS VARCHAR)), '')" if id_col in types else \
        "CAST(row_number() OVER () AS VARCHAR)"
    label = f", CAST({qi(label_col)} AS VARCHAR) AS __label" if label_col and label_col in types else ""
    parts = ", ".join(_column_sql(c, types.get(c.name)) for c in columns)
    frame = con.execute(f"SELECT {ident} AS customer_id{label}, {parts} FROM {qi(table)}").df()
    frame = frame[frame["customer_id"].notna()]
    for c in columns:
        if c.kind in ("number", "days"):
            frame[c.name] = pd.to_numeric(frame[c.name], errors="coerce").astype(float)
        else:
            frame[c.name] = frame[c.name].astype(object).where(frame[c.name].notna(), None)
    return frame.reset_index(drop=True)


def one_row_each(frame: pd.DataFrame, columns: list[Column]) -> tuple[pd.DataFrame, int]:
    """One row per customer and how many customers had several: the row with the latest date of its
    date columns, else (no date, or the same) the first in :func:`value_order`. The table's last row
    won, so a monthly extract appended twice and sorted otherwise labelled customers from another
    month (det29)."""
    repeated = int(frame.loc[frame["customer_id"].duplicated(), "customer_id"].nunique())
    if not repeated:
        return frame, 0
    frame = frame.iloc[value_order(frame, [c for c in frame if c != "customer_id"])]
    days = [c.name for c in columns if c.kind == "days"]
    if days:  # days before the table's newest date: the fewest is the latest
        newest = frame[days].min(axis=1).fillna(np.inf).to_numpy()
        frame = frame.iloc[np.argsort(newest, kind="stable")]
    return frame.drop_duplicates("customer_id").reset_index(drop=True), repeated


def label_data(con, table: str, roles: dict[str, str], label_col: str):
    """Labelled customer rows from a customer table with a churn column, its columns, the id
    column, whether the label's name and values say nothing of leaving (``names_no_leaving``) and
    how many customers had several rows (:func:`one_row_each`)."""
    types = dict(store.columns_of(con, table))
    if label_col not in types:
        raise CrmError(Sentence("customers.error.no_label_column", table=table, column=label_col,
                                columns=Listing(list(types)[:40])))
    id_col = roles.get("customer_id") if roles.get("customer_id") != label_col else None
    skip = {label_col, id_col} | {roles[r] for r in ("name", "email", "phone", "description") if roles.get(r)}
    columns = column_kinds(con, table, skip)
    if not columns:
        raise CrmError(Sentence("customers.error.no_predictors", table=table, column=label_col))
    frame, repeated = one_row_each(customer_rows(con, table, id_col, columns, label_col), columns)
    unnamed = names_no_leaving(label_col, frame["__label"])
    labels = frame.pop("__label")
    frame["__y"] = labels.notna().astype("Int64") if is_temporal_type(types[label_col]) \
        else parse_labels(labels, label_col)  # a date filled for who left (Ghost's deleted_at)
    return _in_value_order(frame), columns, id_col, unnamed, repeated


def _in_value_order(frame: pd.DataFrame) -> pd.DataFrame:
    """The customers ordered by their values (:func:`value_order`), not the table's rows: the hold-out
    is drawn by position, and Telco's customers renamed and shuffled read validation AUC 0.767 for
    0.735 and put 93 others at risk (det28)."""
    return frame.iloc[value_order(frame, [c for c in frame if c != "customer_id"])].reset_index(drop=True)


LEAK_AUC = 0.99
"""A single number column that tells the two classes apart at least this well (ROC AUC, either
way round) is recorded with or after the outcome, not before it: the charity donors' ``gift`` (this
mailing's gift, 0 for everyone who did not respond) "predicted" ``respond`` at AUC 0.998."""


def label_leaks(frame: pd.DataFrame, numeric: list[str], y: np.ndarray) -> dict[str, float]:
    """Number columns that alone give the label away (:data:`LEAK_AUC`), with their AUC; a
    column blank on more than a tenth of the rows is judged by none."""
    leaks = {}
    for column in numeric:
        values = pd.to_numeric(frame[column], errors="coerce")
        known = values.notna().to_numpy()
        if known.mean() < 0.9 or len(set(y[known])) < 2:
            continue
        auc = roc_auc_score(y[known], values[known])
        if max(auc, 1 - auc) >= LEAK_AUC:
            leaks[column] = round(max(auc, 1 - auc), 3)
    return leaks


FILLED_ONLY_FOR_LEAVERS = 10
"""Filled rows from which a column blank for every customer who stayed records the leaving itself:
Chargebee's ``cancelled_at`` (filled on the 217 cancelled of 567 leavers, blank on all 1,902 others)
was a churn "reason" beside the label it was written with."""


def filled_on_leavers(frame: pd.DataFrame, columns: list[str], y: np.ndarray) -> dict[str, int]:
    """Columns blank for every stayed customer yet filled for at least
    :data:`FILLED_ONLY_FOR_LEAVERS` who left (a cancellation date, a cancel reason), with how many."""
    found = {}
    for column in columns:
        filled = frame[column].notna().to_numpy()
        if filled[y == 0].sum() == 0 and filled[y == 1].sum() >= FILLED_ONLY_FOR_LEAVERS:
            found[column] = int(filled.sum())
    return found


FILLED_STAYERS = 0.9
"""Least share of the customers who stayed that must have a column filled for its blank on every leaver
to record the leaving (:func:`blank_on_leavers`)."""


def blank_on_leavers(frame: pd.DataFrame, columns: list[str], y: np.ndarray) -> dict[str, int]:
    """Columns blank for every customer who left (at least :data:`FILLED_ONLY_FOR_LEAVERS`) and filled for
    nearly all who stayed (:data:`FILLED_STAYERS`), with how many left: a next charge date cleared on
    cancelling (Patreon's ``Next Charge Date``, left58: churn at ROC AUC 1.0) records the leaving as a
    cancellation date filled for leavers alone does."""
    left = int((y == 1).sum())
    if left < FILLED_ONLY_FOR_LEAVERS or not (y == 0).any():
        return {}
    found = {}
    for column in columns:
        filled = frame[column].notna().to_numpy()
        if not filled[y == 1].any() and filled[y == 0].mean() >= FILLED_STAYERS:
            found[column] = left
    return found


ZEROED_STAYERS = 0.02
"""Most share of a column's zeros that may fall on customers who stayed for the zero still to record
the leaving (a free trial's MRR of 0 beside the cancelled subscriptions')."""


def zeroed_on_leavers(frame: pd.DataFrame, numeric: list[str], y: np.ndarray) -> dict[str, int]:
    """Number columns that are 0 for at least :data:`FILLED_ONLY_FOR_LEAVERS` who left and (nearly,
    :data:`ZEROED_STAYERS`) never for a customer who stayed, with how many zeros: a charge zeroed
    when the customer left (Chargebee's ``mrr`` once cancelled) records the leaving as a blank does.
    Only 0 says so: a value held by leavers alone that is not "none left" (the bank set's
    ``NumOfProducts = 4``) is a sign that comes before leaving."""
    found = {}
    for column in numeric:
        zero = pd.to_numeric(frame[column], errors="coerce").eq(0).to_numpy()
        left, stayed = zero[y == 1].sum(), zero[y == 0].sum()
        if left >= FILLED_ONLY_FOR_LEAVERS and stayed <= ZEROED_STAYERS * (left + stayed):
            found[column] = int(left + stayed)
    return found


@dataclass(frozen=True)
class Value:
    """The money a customer brings: ``column × months`` (a monthly charge over ``VALUE_MONTHS``
    months), the column as it is (a balance, the amount role), or the sum of a bill's ``parts``
    (``column`` then names them: ``total_day_charge + total_eve_charge + …``)."""

    column: str
    kind: str  # monthly | balance | amount | charges
    months: int = 1
    parts: tuple[str, ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        """The table columns the value adds up."""
        return self.parts or (self.column,)


def _charges(numbers: list[str]) -> Value | None:
    """The charges a table records (MLC churn's day, evening, night and international
    ``total_*_charge``): one is the value as it is, several the parts of one bill, summed."""
    charges = tuple(c for c in numbers if is_charge_name(c))
    if len(charges) > 1:
        return Value(" + ".join(charges), "charges", parts=charges)
    return Value(charges[0], "amount") if charges else None


def value_column(columns: list[Column], roles: dict[str, str], named: str | None = None) -> Value | None:
    """The table's money column for value at risk: the one the analyst named, else a monthly charge
    (``MonthlyCharges`` × 12), a balance (``Balance``), the amount role (``TotalCharges``), else the
    charges the table records (summed when there are several). A rate, a count or a duration
    (``月费率``, ``bill_count``) is never picked; a customer's own income is not what they bring,
    so it is the value only when named."""
    numbers = [c.name for c in columns if c.kind == "number"]
    if named:
        if named not in numbers:
            raise CrmError(Sentence("customers.error.value_not_number", column=named,
                                    numbers=Listing(numbers[:20]) or "—"))
        monthly = _MONTHLY.search(named) and not is_counted_name(named)
        return Value(named, "monthly", VALUE_MONTHS) if monthly else Value(named, "amount")
    money = [c for c in numbers if not is_counted_name(c)]  # a fee's rate or a count of bills is no money
    for pattern, kind, months in ((_MONTHLY, "monthly", VALUE_MONTHS), (_BALANCE, "balance", 1)):
        found = next((c for c in money if pattern.search(c)), None)
        if found:
            return Value(found, kind, months)
    amount = roles.get("amount")
    return Value(amount, "amount") if amount in numbers else _charges(numbers)

