"""The workspace: atomic writes, catalogue, versions, safe names."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_core.errors import CrmError
from crm_core.workspace import store


def test_write_table_is_atomic_on_error(con):
    store.write_table(con, "t", "SELECT 1 AS a", source="x")
    with pytest.raises(Exception, match="(?i)conversion|could not convert"):
        store.write_table(con, "t", "SELECT CAST('nope' AS INTEGER) AS a", replace=True)
    assert con.execute("SELECT * FROM t").fetchall() == [(1,)]
    assert store.table_version(con, "t") == 1
    assert [t.name for t in store.list_tables(con)] == ["t"]


def test_versions_bump_and_roles_travel_with_the_table(con):
    store.write_table(con, "t", "SELECT 1 AS id", roles={"customer_id": "id"})
    store.write_table(con, "t", "SELECT 2 AS id", replace=True, roles={"customer_id": "id"})
    assert store.table_version(con, "t") == 2
    assert store.saved_roles(con, "t") == {"customer_id": "id"}
    store.drop_table(con, "t")
    assert store.saved_roles(con, "t") is None and store.table_version(con, "t") == 0


def test_write_frame_after_a_half_read_result(con):
    con.execute("SELECT 1 UNION ALL SELECT 2").fetchone()
    info = store.write_frame(con, "f", pd.DataFrame({"customer_id": ["007"], "x": [1.5]}))
    assert (info.rows, info.columns) == (1, 2)
    assert con.execute("SELECT customer_id FROM f").fetchall() == [("007",)]


def test_missing_table_message_lists_tables(con):
    store.write_table(con, "orders", "SELECT 1 AS a")
    with pytest.raises(CrmError, match="no table named 'ordrs'.*orders"):
        store.require_table(con, "ordrs")


@pytest.mark.parametrize(("raw", "name"), [
    ("Orders 2024 (1).csv", "orders_2024_1"), ("销售数据.csv", "销售数据"), ("2024.csv", "t_2024"),
    ("../../etc/passwd", "passwd"), ("  .csv", "table"),
    ("RMS_受注データ_2025.csv", "rms_受注データ_2025"), ("주문내역.csv", "주문내역"),  # walk38
])
def test_safe_table_names(raw, name):
    assert store.safe_table_name(raw) == name


def test_workspace_persists_between_connections(ws):
    with ws.connect() as con:
        store.write_table(con, "kept", "SELECT 42 AS answer")
    with ws.connect() as con:
        assert con.execute("SELECT answer FROM kept").fetchall() == [(42,)]
    assert [t.name for t in ws.tables()] == ["kept"]
