"""The customer features a segmentation clusters on, from whatever the analyst has.

The main table is a purchase log (RFM and more, :mod:`features`), a customer table
(:mod:`attributes`) or an event log (:mod:`behaviour`), as :func:`detect_kind` says or the
analyst chooses; a customer table (``customers_table``) and an event log (``events_table``)
can be joined on the customer id. Each source is a *block*, weighted in the clustering
matrix so that no block dominates by its column count (:mod:`encode`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

import duckdb
import pandas as pd

from crm_core.errors import CrmError
from crm_core.i18n import Listing, Sentence
from crm_core.segment.attributes import AttributeColumns, attribute_sql, choose_columns
from crm_core.segment.behaviour import COUNT_FEATURES, EventFeatures, event_features
from crm_core.segment.configs import FEATURES
from crm_core.segment.encode import repeated
from crm_core.segment.features import FeatureResult, customer_features, date_range
from crm_core.segment.summary import summary_features, summary_note
from crm_core.workspace import store
from crm_core.workspace.amount_words import amount_rule
from crm_core.workspace.events import event_types
from crm_core.workspace.kinds import KINDS
from crm_core.workspace.missing import series_of
from crm_core.workspace.roles import get_roles
from crm_core.workspace.shared import shared_notes, shared_said, view_tills
from crm_core.workspace.summary import SummaryColumns, summary_columns
from crm_core.workspace.table_kind import TableKind, detect_kind, is_product_table, order_lines
from crm_core.workspace.transactions import transaction_view

if TYPE_CHECKING:
    from crm_core.segment.run import SegmentConfig

PURCHASES, CUSTOMERS, EVENTS = "purchases", "customers", "events"
CUSTOMER_PREFIX = "c_"
"""Columns joined from a second customer table get this prefix so they never collide."""


@dataclass
class SegmentFeatures:
    """One row per customer of the main table, the columns to cluster on and their blocks."""

    frame: pd.DataFrame
    kind: str
    table_kind: TableKind
    numeric: tuple[str, ...]
    categorical: tuple[str, ...]
    blocks: dict[str, str]
    coverage: dict[str, int]
    reference_date: date | None = None
    purchases: FeatureResult | None = None
    events: EventFeatures | None = None
    attributes: AttributeColumns | None = None
    notes: tuple[Sentence, ...] = ()
    shared: tuple[tuple[str, int, int], ...] = ()
    """The shop's till accounts left out of the main table's block: (id, orders, active days)."""
    tags: dict[str, str] = field(default_factory=dict)
    """Tag features (``标签: 爱吃辣``) → their tag ("" for the pooled rare tags): named by the tag."""

    @property
    def monetary_source(self) -> str:
        return self.purchases.monetary_source if self.purchases else ""

    @property
    def frequency_source(self) -> str:
        return self.purchases.frequency_source if self.purchases else ""

    @property
    def status_said(self) -> Sentence | None:
        return self.purchases.status_said if self.purchases else None

    def columns_of(self, block: str) -> tuple[str, ...]:
        return tuple(c for c in (*self.numeric, *self.categorical) if self.blocks.get(c) == block)


def purchase_roles(con: duckdb.DuckDBPyConnection, table: str, kind: TableKind,
                   roles: dict[str, str] | None) -> dict[str, str]:
    """Role overrides with the money and quantity columns the kind detection found
    (``dollar_value``, ``number_of_cds``) when no amount role is set."""
    resolved = get_roles(con, table, roles)
    extra = {}
    if not resolved.get("amount") and not resolved.get("unit_price") and kind.money_cols:
        extra["amount"] = kind.money_cols[0]
    if not resolved.get("quantity") and kind.quantity_col:
        extra["quantity"] = kind.quantity_col
    if not resolved.get("customer_id") and kind.customer_col:
        extra["customer_id"] = kind.customer_col
    return {**extra, **(roles or {})}


def table_kind(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str] | None,
               forced: str = "auto") -> TableKind:
    """The detected kind, or the analyst's choice (with the detected columns)."""
    if forced not in ("auto", *KINDS):
        raise CrmError(Sentence("segment.error.kind", kinds=Listing(KINDS), forced=forced))
    found = detect_kind(con, table, roles)
    if forced in ("auto", found.kind):
        return found
    return replace(found, kind=forced, facts=(*found.facts, (f"forced.{forced}", {})))


def activity_range(con: duckdb.DuckDBPyConnection, table: str, roles: dict[str, str] | None = None
                   ) -> tuple[date, date] | None:
    """First and last day of a purchase or event log (snapshot dates); None for a customer table."""
    kind = detect_kind(con, table, roles)
    if kind.kind == "customers" or not kind.date_col:
        return None
    return date_range(con, table, purchase_roles(con, table, kind, roles) | {"date": kind.date_col})


def build_features(con: duckdb.DuckDBPyConnection, table: str, config: SegmentConfig,
                   roles: dict[str, str] | None = None) -> SegmentFeatures:
    """The main table's block, then the joined ones."""
    kind = table_kind(con, table, roles, config.kind)
    end = config.observation_end
    if kind.kind == "transactions":
        result = customer_features(con, table, purchase_roles(con, table, kind, roles), observation_end=end)
        unknown = [f for f in config.features if f not in FEATURES]
        if unknown:
            raise CrmError(Sentence("segment.error.unknown_feature", unknown=Listing(unknown),
                                    features=Listing(FEATURES)))
        numeric = tuple(f for f in config.features if result.frame[f].notna().any())
        if not numeric:
            raise CrmError(Sentence("segment.error.no_feature", features=Listing(FEATURES)))
        feats = SegmentFeatures(result.frame, kind.kind, kind, numeric, (), dict.fromkeys(numeric, PURCHASES),
                                result.coverage, result.reference_date, purchases=result,
                                shared=result.shared,
                                notes=_till_notes(result.shared) + _moneyless_note(result.moneyless))
    elif kind.kind == "events":
        feats = _events_block(con, table, kind, end, purchase_roles(con, table, kind, roles))
    else:
        _refuse_a_series(con, table, kind)
        if is_product_table(kind):  # its rows are products: segments of them are no customers
            rows = dict(kind.facts)["product_rows"]
            raise CrmError(Sentence("segment.error.product_table", table=table, **rows))
        if lines := order_lines(kind):  # its rows are items of orders, and no column names the buyer
            raise CrmError(Sentence("roles.need.order_lines", table=table, **lines))
        _refuse_the_link_map(con, table)
        feats = _customers_block(con, table, kind, config)
    if config.customers_table:
        feats = _join_customers(con, feats, config)
    if config.events_table:
        feats = _join_events(con, feats, config.events_table, end)
    return _kept_once(_without(feats, set(config.exclude_cols)), config.numeric_attributes)


def _events_block(con, table: str, kind: TableKind, end: date | None,
                  roles: dict[str, str]) -> SegmentFeatures:
    tills = _purchase_tills(con, table, kind, end, roles)
    events = event_features(con, table, kind, observation_end=end, leave_out=tuple(c for c, _, _ in tills))
    numeric = tuple(c for c in events.feature_columns() if events.frame[c].nunique() > 1)
    return SegmentFeatures(events.frame, "events", kind, numeric, (), dict.fromkeys(numeric, EVENTS),
                           events.coverage, events.reference_date, events=events, shared=tills,
                           notes=_till_notes(tills))


def _purchase_tills(con, table: str, kind: TableKind, end: date | None,
                    roles: dict[str, str]) -> tuple[tuple[str, int, int], ...]:
    """The shop's till accounts among an event log's purchase events, by the one rule purchase
    logs, spend and churn use (:mod:`crm_core.workspace.shared`); none in a log without purchase
    events, which gives no orders to count."""
    if event_types(con, table) is None:
        return ()
    events = {"customer_id": kind.customer_col, "date": kind.date_col}  # the ones the event features read
    return view_tills(con, transaction_view(con, table, get_roles(con, table, roles) | events).sql, end)


def _till_notes(tills: tuple[tuple[str, int, int], ...]) -> tuple[Sentence, ...]:
    """One note per till account left out of the segments."""
    return shared_notes(shared_said(tills), "segment.note.shared_account")


def _moneyless_note(moneyless: tuple[int, int]) -> tuple[Sentence, ...]:
    """The customers left out for want of any money to add up (all in a currency left out at load)."""
    none, customers = moneyless
    if not none:
        return ()
    return (Sentence("segment.note.moneyless", count=f"{none:,}", customers=f"{customers:,}"),)


def _refuse_a_series(con, table: str, kind: TableKind) -> None:
    """A table without customers whose rows are one date each at even gaps is measurements over
    time (daily ridership, monthly quotes): segmenting its days as customers says nothing."""
    series = series_of(con, table, kind)
    if series is not None:
        raise CrmError(series)


LINK_COLUMNS = {"customer_key", "records", "tables", "source_records"}
"""The link's unified customer table's own columns (``link.cluster.unified``)."""


def _refuse_the_link_map(con, table: str) -> None:
    """The link's customer list says who is who, not what anyone bought: clustered, its segments
    were named after the exports a person was found in ("会员消费明细, 会员资料, 有赞订单导出") and
    how many records (judge13). A log keyed by the linked customer is the way to count people."""
    if {c for c, _ in store.columns_of(con, table)} >= LINK_COLUMNS:
        raise CrmError(Sentence("segment.error.link_map", table=table))


def _customers_block(con, table: str, kind: TableKind, config: SegmentConfig) -> SegmentFeatures:
    summary = summary_columns(con, table, kind)
    if summary is not None:
        return _summary_block(con, table, kind, config, summary)
    chosen = choose_columns(con, table, kind.customer_col, numeric=config.numeric_attributes,
                            categorical=config.categorical_attributes, exclude=config.exclude_cols)
    frame = con.execute(f"SELECT * FROM ({attribute_sql(con, table, kind.customer_col, chosen)}) "
                        "ORDER BY customer_id").df()
    frame["customer_id"] = frame["customer_id"].astype(str)
    blocks = dict.fromkeys((*chosen.features(), *chosen.categorical), CUSTOMERS)
    coverage = {"rows": kind.rows, "no_customer_id": kind.rows - len(frame) if kind.customer_col else 0,
                "no_date": 0, "no_amount": 0, "used": kind.rows}
    return SegmentFeatures(frame, "customers", kind, chosen.features(), chosen.categorical, blocks, coverage,
                           attributes=chosen, tags=chosen.tag_features(),
                           notes=(*_rows_as_customers(table, kind),
                                                     *_rows_averaged(table, kind, len(frame)),
                                                     *chosen.notes(table)))


def _summary_block(con, table: str, kind: TableKind, config: SegmentConfig,
                   summary: SummaryColumns) -> SegmentFeatures:
    """A customer summary: RFM from its last order, count and spend (:mod:`crm_core.segment.summary`),
    its other columns as a customer table's (none needed: the RFM columns describe the customer)."""
    result = summary_features(con, table, kind, summary)
    chosen = choose_columns(con, table, kind.customer_col, numeric=config.numeric_attributes,
                            categorical=config.categorical_attributes,
                            exclude=(*config.exclude_cols, *summary.columns), least=0)
    chosen = replace(chosen, left_out={**chosen.left_out, **dict.fromkeys(summary.columns, "rfm")})
    frame = result.frame
    if chosen.features() or chosen.categorical:
        extra = con.execute(attribute_sql(con, table, kind.customer_col, chosen)).df()
        extra["customer_id"] = extra["customer_id"].astype(str)
        frame = frame.merge(extra, on="customer_id", how="left")
    rfm = tuple(f for f in config.features if f in frame and frame[f].notna().any())
    blocks = {**dict.fromkeys(rfm, PURCHASES),
              **dict.fromkeys((*chosen.features(), *chosen.categorical), CUSTOMERS)}
    notes = (summary_note(table, summary, result), *_rows_as_customers(table, kind), *chosen.notes(table))
    return SegmentFeatures(frame, "customers", kind, (*rfm, *chosen.features()), chosen.categorical, blocks,
                           result.coverage, result.reference_date, purchases=replace(result, frame=frame),
                           attributes=chosen, notes=notes, tags=chosen.tag_features())


def _rows_as_customers(table: str, kind: TableKind) -> tuple[Sentence, ...]:
    """Said when a customer table has no id column: each row is segmented as one customer, right
    for a table of people (age, income), wrong for one of purchases (ISLR's orange-juice purchases
    read as 1,070 "customers"), which only the analyst can tell: the note says what to mark."""
    if kind.customer_col:
        return ()
    return (Sentence("segment.note.rows_as_customers", table=table, rows=f"{kind.rows:,}"),)


def _rows_averaged(table: str, kind: TableKind, customers: int) -> tuple[Sentence, ...]:
    """Said when the customer column repeats in a table without dates (an insurer group's 114
    business lines, judge15): each customer is its rows' mean and most frequent category."""
    if not kind.customer_col or not customers or customers >= kind.rows:
        return ()
    return (Sentence("segment.note.rows_averaged", table=table, rows=f"{kind.rows:,}",
                     customers=f"{customers:,}", column=kind.customer_col),)


def _join_customers(con, feats: SegmentFeatures, config: SegmentConfig) -> SegmentFeatures:
    table = config.customers_table
    kind = detect_kind(con, table)
    if not kind.customer_col:
        raise CrmError(Sentence("roles.need.customer_join", table=table))
    own = feats.kind == "customers"  # the column flags then describe the main table
    chosen = choose_columns(con, table, kind.customer_col,
                            numeric=() if own else config.numeric_attributes,
                            categorical=() if own else config.categorical_attributes,
                            exclude=tuple(c for c in config.exclude_cols
                                          if c in dict(store.columns_of(con, table))))
    extra = con.execute(attribute_sql(con, table, kind.customer_col, chosen, CUSTOMER_PREFIX)).df()
    extra["customer_id"] = extra["customer_id"].astype(str)
    numeric = chosen.features(CUSTOMER_PREFIX)
    categorical = tuple(CUSTOMER_PREFIX + c for c in chosen.categorical)
    return replace(feats, frame=feats.frame.merge(extra, on="customer_id", how="left"),
                   numeric=(*feats.numeric, *numeric), categorical=(*feats.categorical, *categorical),
                   blocks={**feats.blocks, **dict.fromkeys((*numeric, *categorical), CUSTOMERS)},
                   notes=(*feats.notes, *chosen.notes(table)),
                   tags={**feats.tags, **chosen.tag_features(CUSTOMER_PREFIX)})


def _join_events(con, feats: SegmentFeatures, table: str, end: date | None) -> SegmentFeatures:
    kind = detect_kind(con, table)
    events = event_features(con, table, kind, observation_end=end)
    frame = feats.frame.merge(events.frame, on="customer_id", how="left")
    frame[list(COUNT_FEATURES)] = frame[list(COUNT_FEATURES)].fillna(0)
    numeric = events.feature_columns()
    return replace(feats, frame=frame, numeric=(*feats.numeric, *numeric), events=events,
                   blocks={**feats.blocks, **dict.fromkeys(numeric, EVENTS)})


def _kept_once(feats: SegmentFeatures, asked: tuple[str, ...]) -> SegmentFeatures:
    """A customer-table number that repeats another feature is left out of the clustering (kept in
    the frame, said in a note); purchase measures, tag flags and numbers the analyst asked for stay."""
    candidates = frozenset(c for c in feats.numeric if feats.blocks.get(c) == CUSTOMERS
                           and c not in feats.tags and c.removeprefix(CUSTOMER_PREFIX) not in asked)
    first = sorted(feats.numeric, key=lambda c: feats.blocks.get(c) != PURCHASES)
    found = repeated(feats.frame, tuple(first), candidates)
    if not found:
        return feats
    notes = tuple(Sentence("segment.note.repeated", column=column.removeprefix(CUSTOMER_PREFIX),
                           kept=_feature_said(feats, kept)) for column, kept in found.items())
    numeric = tuple(c for c in feats.numeric if c not in found)
    return replace(feats, numeric=numeric, notes=(*feats.notes, *notes))


def _feature_said(feats: SegmentFeatures, column: str) -> str:
    """A feature as the analyst knows it: the table's money column (or the rule, in words) for
    ``monetary``, our word for another purchase measure, a joined column without its prefix."""
    if column == "monetary" and feats.monetary_source not in ("", "lines", "orders"):
        return amount_rule(feats.monetary_source) or feats.monetary_source
    if column in FEATURES:
        return Sentence(f"segment.feature.{column}")
    return column.removeprefix(CUSTOMER_PREFIX)


def _without(feats: SegmentFeatures, excluded: set[str]) -> SegmentFeatures:
    """Drop ``--exclude-cols`` from every block (prefixed names of joined tables included)."""
    drop = excluded | {CUSTOMER_PREFIX + c for c in excluded}
    numeric = tuple(c for c in feats.numeric if c not in drop)
    categorical = tuple(c for c in feats.categorical if c not in drop)
    if not numeric and not categorical:
        raise CrmError(Sentence("segment.error.all_excluded"))
    return replace(feats, numeric=numeric, categorical=categorical)
