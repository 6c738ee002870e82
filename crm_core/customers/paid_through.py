"""A paid-through date beside the orders: a membership or subscription paid up past the churn window
cannot lapse in it, however long the member goes without another order (judge76: 知识星球's 到期时间 —
every member paid through 2026, yet 27 called at risk after 90 days without a tip or a question).

Each customer's latest expiry is read from the rows dated on or before the cutoff (a renewal written
later is not known then), refunded and cancelled rows left out. Those paid up past the cutoff plus the
window get the status ``paid_up``: off the at-risk and win-back lists, with the date in their reasons.
An expiry already passed without renewal is left to the model's behaviour scores, said in the reason.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import duckdb
import numpy as np
import pandas as pd

from crm_core.i18n import day_words, join, t
from crm_core.workspace import store
from crm_core.workspace.role_names import bare_header
from crm_core.workspace.sqlutil import qi
from crm_core.workspace.transactions import cancelled_sql, date_sql, id_sql, role_date_sql

EXPIRY = re.compile(
    r"^(到期(时间|日|日期)?|会员到期(时间|日|日期)?|有效期(至|截止|截止日期|到)|截止有效期|服务到期(时间|日)?"
    r"|expir(y|es|ation)([ _]?(at|on|date))?|paid[ _]?(through|thru|until)|valid[ _]?(until|to|through)"
    r"|current[ _]period[ _]end|membership[ _]end[ _]?(date)?)$", re.IGNORECASE)
"""Headers of the date a customer has paid through (Stripe's ``current_period_end``, 知识星球's 到期时间)."""


def expiry_column(columns: list[tuple[str, str]], roles: dict[str, str]) -> str | None:
    """The first column headed as a paid-through date that is not the order date itself."""
    taken = {roles.get("date"), roles.get("customer_id")}
    return next((c for c, _ in columns if c not in taken and EXPIRY.match(bare_header(c))), None)


def known_by(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str],
             day: date) -> tuple[str, pd.DataFrame] | None:
    """The expiry column and each customer's latest expiry on rows dated on or before ``day`` (what was
    known then), refunded rows left out; None without a customer, a date or an expiry column."""
    columns = store.columns_of(con, table)
    column, customer, when = expiry_column(columns, roles), roles.get("customer_id"), roles.get("date")
    if not (column and customer and when):
        return None
    types = dict(columns)
    no_sale = cancelled_sql(columns, table, roles.get("amount"), roles.get("order_id"))
    kept = f" AND NOT coalesce({no_sale}, false)" if no_sale else ""
    expiry = f"CAST({date_sql(qi(column), types[column])} AS DATE)"
    frame = con.execute(
        f"SELECT {id_sql(qi(customer), types[customer])} AS customer_id, max({expiry}) AS paid_through "
        f"FROM {qi(table)} WHERE CAST({role_date_sql(when, types[when])} AS DATE) <= ? "
        f"AND {expiry} IS NOT NULL{kept} GROUP BY 1", [day]).df()
    frame["paid_through"] = pd.to_datetime(frame["paid_through"]).dt.date
    return column, frame


def mark(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str], scores: pd.DataFrame,
         metrics: dict, lang: str = "en") -> pd.DataFrame:
    """``paid_through`` beside each score; those paid up past the window are ``paid_up`` (not gone,
    not at risk), and the reasons say the date; ``metrics["paid_through"]`` keeps the column and counts."""
    days, as_of = metrics.get("inactive_days"), metrics.get("scored_as_of")
    found = days and as_of and "recency_days" in scores and known_by(
        con, table, roles, date.fromisoformat(as_of) - timedelta(days=1))
    if not found:
        return scores
    column, frame = found
    horizon = date.fromisoformat(as_of) + timedelta(days=int(days))
    out = scores.merge(frame, on="customer_id", how="left")
    paid = pd.to_datetime(out["paid_through"])
    up, lapsed = paid.ge(pd.Timestamp(horizon)), paid.lt(pd.Timestamp(as_of))
    out.loc[up, ["gone", "status"]] = [False, "paid_up"]
    out["paid_through"] = paid.dt.strftime("%Y-%m-%d").where(paid.notna(), None)
    kinds = np.select([up, lapsed], ["paid_up", "lapsed"], "")
    out["reasons"] = [_reason(r, p, column, kind, lang, days)
                      for r, p, kind in zip(out["reasons"], out["paid_through"], kinds, strict=True)]
    metrics["paid_through"] = {"column": column, "paid_up": int(up.sum()), "lapsed": int(lapsed.sum()),
                               "horizon": str(horizon)}
    return out


def _reason(text: str, paid: str, column: str, kind: str, lang: str, days: int) -> str:
    """The behaviour's reason, then what the expiry says: paid up past the window, or ended unrenewed."""
    if not kind:
        return text
    said = t(f"customers.reason.{kind}", lang, column=column, days=days,
             date=day_words(date.fromisoformat(paid), lang))
    return join([text, said], lang) if text else said


def rule_text(metrics: dict, lang: str = "en") -> str:
    """What the at-risk rule leaves out for the expiry, in words ("" when the run read none)."""
    found = metrics.get("paid_through")
    if not found:
        return ""
    return t("customers.at_risk.paid_up", lang, column=found["column"], n=f"{found['paid_up']:,}",
             date=day_words(date.fromisoformat(found["horizon"]), lang), days=metrics["inactive_days"])
