"""Monthly re-uploads: preview the change, append / replace / upsert, restore the previous version."""

from __future__ import annotations

import pytest

from crm_core.errors import CrmError
from crm_core.i18n import say
from crm_core.load import reupload
from crm_core.load.reader import load_file
from crm_core.workspace import store
from crm_core.workspace.roles import get_roles


def main_tables(con):
    return con.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'").fetchall()


@pytest.fixture
def months(tmp_path):
    jan = tmp_path / "customers_jan.csv"
    jan.write_text("customer_id,city,balance\nC01,Leeds,10.50\nC02,York,20.25\nC03,Hull,5.75\n")
    feb = tmp_path / "customers_feb.csv"
    feb.write_text("customer_id,city,balance,segment\nC02,York,22.00,gold\nC03,Hull,5.75,basic\n"
                   "C04,Bath,1.10,basic\n")
    return jan, feb


def ids(con, table="customers"):
    return [r[0] for r in con.execute(f'SELECT customer_id FROM "{table}" ORDER BY 1').fetchall()]


def test_upsert_preview_changes_nothing_then_commit_and_restore(con, months):
    jan, feb = months
    load_file(con, jan, "customers")
    pending = reupload.preview(con, feb, "customers", "upsert", "customer_id")
    d = pending.diff
    assert (d.before, d.added, d.updated, d.removed, d.after) == (3, 1, 1, 0, 4)
    assert d.new_columns == ["segment"] and d.missing_columns == []
    assert ids(con) == ["C01", "C02", "C03"]  # nothing written yet
    result = reupload.commit(con, pending)
    assert result.rows == 4 and ids(con) == ["C01", "C02", "C03", "C04"]
    assert con.execute("SELECT balance FROM customers WHERE customer_id = 'C02'").fetchone()[0] == 22.0
    store.restore_previous(con, "customers")
    assert ids(con) == ["C01", "C02", "C03"]
    assert [t.name for t in store.list_tables(con)] == ["customers"]  # the kept version is hidden


def test_append_and_replace_count_rows(con, months):
    jan, feb = months
    load_file(con, jan, "customers")
    pending = reupload.preview(con, feb, "customers", "append")
    assert (pending.diff.added, pending.diff.after) == (3, 6)
    reupload.discard(con, pending)
    pending = reupload.preview(con, feb, "customers", "replace")
    assert (pending.diff.added, pending.diff.removed, pending.diff.after) == (2, 2, 3)
    assert reupload.commit(con, pending).rows == 3


def test_upsert_needs_a_unique_key_in_both(con, months, tmp_path):
    jan, _ = months
    load_file(con, jan, "customers")
    twice = tmp_path / "twice.csv"
    twice.write_text("customer_id,city,balance\nC01,Leeds,1.00\nC01,Leeds,2.00\n")
    with pytest.raises(CrmError, match="repeats 1 time in the file") as repeats:
        reupload.preview(con, twice, "customers", "upsert", "customer_id")
    with pytest.raises(CrmError, match="key column 'city_code'") as missing:
        reupload.preview(con, twice, "customers", "upsert", "city_code")
    assert [r[0] for r in main_tables(con)] == ["customers"]
    # pol3: said on the Chinese Data page in English ("repeats 1 time(s)")
    assert say(repeats.value.args[0], "zh") == (
        "twice.csv：键列“customer_id”在文件中有 1 处重复；"
        "按键更新要求每个键只有一行（订单明细这类逐行导出请用追加）。")
    assert say(missing.value.args[0], "zh") == (
        "twice.csv：键列“city_code”必须同时存在于文件和表“customers”中。")


def test_replace_keeps_the_roles_the_analyst_corrected(con, months):
    jan, _ = months
    load_file(con, jan, "customers")
    store.save_roles(con, "customers", {"customer_id": "city"})
    load_file(con, jan, "customers", replace=True)
    assert get_roles(con, "customers")["customer_id"] == "city"
