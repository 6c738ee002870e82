"""Dates whose day and month could be either way round (``05/03/2024``): the order read, and a
note when every date of a column fits both, so the analyst knows what to check."""

from __future__ import annotations

from collections.abc import Iterable

from crm_core import i18n
from crm_core.workspace.sqlutil import qi
from crm_core.workspace.store import columns_of

COMPACT = "compact"
"""The order of a date written as one number (``20240305``, ``240305``): year, month, day; other
orders are ``compact:dmy`` (``051223``) and ``compact:mdy`` (:mod:`~crm_core.load.compactdates`)."""


def compact(order: str) -> str:
    """The plan's order for compact dates read ``ymd``, ``dmy`` or ``mdy``."""
    return COMPACT if order == "ymd" else f"{COMPACT}:{order}"


def twin(fmt: str) -> str:
    """The format with day and month swapped (``%d/%m/%Y`` ↔ ``%m/%d/%Y``)."""
    return fmt.replace("%d", "\0").replace("%m", "%d").replace("\0", "%m")


def day_order(ranked: list[str], formats: list[str]) -> str:
    """``day_first`` / ``month_first``: how the first of the ``ranked`` formats whose twin was
    among the ``formats`` tried reads dates; empty when no such format was chosen (ISO dates)."""
    for fmt in ranked:
        if twin(fmt) != fmt and twin(fmt) in formats:
            return "day_first" if fmt.index("%d") < fmt.index("%m") else "month_first"
    return ""


def notes(con, table: str, plans: Iterable[tuple[str, object]]) -> list[i18n.Sentence]:
    """A note per date column of the built ``table`` read from numbers (``20240305``: the analyst
    sees the number became a day), and per one whose every date fits both orders (no day past the
    12th, some day not its month). Read day-first with no word of it, a US export's
    ``03/05/2024`` (5 March) was 3 May in every chart, and nothing told the analyst to check."""
    types = dict(columns_of(con, table))
    dated = [(column, plan) for column, plan in plans
             if plan.kind == "date" and plan.order and types.get(column) in ("DATE", "TIMESTAMP")]
    compact = [n for c, plan in dated if plan.order.startswith(COMPACT) for n in _compact_notes(c, plan)]
    checked = [(column, plan.order) for column, plan in dated if not plan.order.startswith(COMPACT)]
    if not checked:
        return compact
    counts = con.execute("SELECT " + ", ".join(
        f"count(*) FILTER (WHERE day({qi(c)}) > 12), count(*) FILTER (WHERE day({qi(c)}) <> month({qi(c)}))"
        for c, _ in checked) + f" FROM {qi(table)}").fetchone()
    return compact + [
        i18n.Sentence("load.note.day_order", column=column, order=i18n.Sentence(f"load.day_order.{order}"))
        for k, (column, order) in enumerate(checked) if counts[2 * k] == 0 and counts[2 * k + 1]]


def _compact_notes(column: str, plan) -> list[i18n.Sentence]:
    """That the numbers were read as dates, in which order when not year first, and that the
    values fit another order too when they do (``051223``: 5 December 2023 or 23 December 2005)."""
    order = plan.order.partition(":")[2]
    said = [i18n.Sentence("load.note.compact_dates_order", column=column,
                          order=i18n.Sentence(f"load.compact_order.{order}")) if order
            else i18n.Sentence("load.note.compact_dates", column=column)]
    if plan.also:
        said.append(i18n.Sentence("load.note.compact_ambiguous", column=column,
                                  order=i18n.Sentence(f"load.compact_order.{order or 'ymd'}"),
                                  other=i18n.Sentence(f"load.compact_order.{plan.also}")))
    return said
