"""The pages' table pickers ask only a table's kind (and whether it names its customers): they find
it from the first lines as Customer 360 does (``table_kind.kind_and_customer``), not by counting
every distinct id of each log (docs/customers.md, scale14)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from app_ui.tables import _content_kind
from crm_core.errors import CrmError
from crm_core.load.reader import load_file
from crm_core.workspace import store
from crm_core.workspace.table_kind import SAMPLE_LINES, detect_kind
from tests.link.test_customer360_passes import _shapes, logged, order_lines
from tests.ui.apptest import page_opener

DATA = Path(__file__).parents[1] / "data"
FULL_COUNT = "SELECT count(*), count({key}), count(DISTINCT {key}) FROM \"{table}\""


def full_counts(con, table: str, column: str) -> int:
    """Distinct counts of every id of ``table`` DuckDB's query log holds."""
    key = f"NULLIF(trim(CAST(\"{column}\" AS VARCHAR)), '')"
    return logged(con, FULL_COUNT.format(key=key, table=table))


def member_orders(path: Path) -> Path:
    """A member order log typed at the till (会员订单: id, name and phone on every line), longer than
    the lines the kind is read from: the Link page must see it as a log, not a contact list."""
    lines = order_lines(path, 2024, lines=SAMPLE_LINES + 5000)
    frame = pd.read_csv(lines, dtype={"customer_id": str})
    number = frame["customer_id"].str[-2:].astype(int)
    frame["会员姓名"] = "会员" + number.astype(str)
    frame["手机号"] = (13800138000 + number).astype(str)
    frame.to_csv(path, index=False)
    return path


def test_the_pickers_kind_is_the_counted_kind_on_every_test_export(ws):
    """Same kind and same customer column as ``detect_kind`` on the tests' exports (those that
    load), a log past the first lines, and the shapes the first lines cannot settle."""
    with ws.connect() as con:
        for name, frame in _shapes(ws.folder).items():
            store.write_frame(con, name, frame)
        for path in sorted(DATA.glob("*.csv")) + [DATA / "purchase_log.txt"]:
            try:
                load_file(con, path, path.stem)
            except CrmError:
                continue  # refused exports (empty, damaged) have no kind
        load_file(con, order_lines(ws.folder / "orders.csv", 2024, lines=SAMPLE_LINES + 5000), "orders")
        counted = {t.name: detect_kind(con, t.name) for t in store.list_tables(con)}
    _content_kind.clear()
    found = {name: _content_kind(str(ws.folder), 0.0, name) for name in counted}
    assert found == {name: (k.kind, k.customer_col is not None) for name, k in counted.items()}
    assert len(found) > 20 and {kind for kind, _ in found.values()} == {"transactions", "customers", "events"}
    assert {named for _, named in found.values()} == {True, False}


def test_the_pickers_find_a_logs_kind_without_counting_every_id(ws):
    """``table_picker`` (Segments, Churn, …) and the Link page's default exports asked
    ``detect_kind``, which counted every distinct id of the log to learn that ids repeat."""
    with ws.connect() as con:  # held open: the page's look-ups share it, and DuckDB logs them
        load_file(con, member_orders(ws.folder / "会员订单.csv"), "member_orders")
        con.execute("CALL enable_logging('QueryLog')")
        assert _content_kind(str(ws.folder), 0.0, "member_orders") == ("transactions", True)
        at = page_opener("pages/link.py")(ws.folder)
        assert not at.exception, at.exception
        assert at.multiselect(key="link_tables").value == []  # a log is no contact list to link
        assert full_counts(con, "member_orders", "customer_id") == 0
        assert logged(con, "SELECT count(*)") > 0  # the log was read: nothing skipped by accident
        con.execute("CALL disable_logging()")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """``_content_kind`` is cached on (folder, stamp, table): each test's workspace is new."""
    _content_kind.clear()
    yield
    _content_kind.clear()
