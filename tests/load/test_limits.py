"""Upload bombs refused by named, configurable limits; temp files kept in the workspace and cleaned."""

from __future__ import annotations

import os
import time
import zipfile

import pytest

from crm_core.errors import CrmError
from crm_core.load import tempfiles
from crm_core.load.reader import load_file
from crm_core.load.scan import scan_file
from crm_core.workspace import store


def main_tables(con):
    return con.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'").fetchall()


def test_too_many_columns_is_refused_before_reading_rows(con, tmp_path, monkeypatch):
    monkeypatch.setenv("CRM_MAX_COLUMNS", "50")
    path = tmp_path / "wide.csv"
    path.write_text(",".join(f"c{i}" for i in range(100_000)) + "\n" + ",".join("1" * 100_000) + "\n")
    start = time.perf_counter()
    with pytest.raises(CrmError, match=r"100,000 columns.*limit 50; set CRM_MAX_COLUMNS"):
        load_file(con, path)
    assert time.perf_counter() - start < 30  # refused at the sniff, not after a 3 GB parse
    assert store.list_tables(con) == []


def test_too_many_rows_names_the_limit(con, tmp_path, monkeypatch):
    monkeypatch.setenv("CRM_MAX_ROWS", "100")
    path = tmp_path / "long.csv"
    path.write_text("id,v\n" + "".join(f"{i},{i}\n" for i in range(500)))
    with pytest.raises(CrmError, match="CRM_MAX_ROWS"):
        load_file(con, path)
    assert [r[0] for r in main_tables(con)] == []


def test_long_line_names_the_cell_limit(con, tmp_path, monkeypatch):
    monkeypatch.setenv("CRM_MAX_CELL_MB", "1")
    path = tmp_path / "cell.csv"
    path.write_text("id,note\n1,short\n2," + "x" * (3 << 20) + "\n")
    with pytest.raises(CrmError, match="CRM_MAX_CELL_MB"):
        load_file(con, path)


def _bomb(path, megabytes: int) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", "<c>0</c>" * (megabytes << 17))


def test_excel_zip_bomb_refused_unopened_and_the_pii_scan_does_not_read_it(con, tmp_path, monkeypatch):
    monkeypatch.setenv("CRM_MAX_EXCEL_MB", "10")
    bomb = tmp_path / "bomb.xlsx"
    _bomb(bomb, 64)
    assert bomb.stat().st_size < 1 << 20
    start = time.perf_counter()
    with pytest.raises(CrmError, match=r"bomb.xlsx: the workbook unpacks to 64 MB .*CRM_MAX_EXCEL_MB"):
        load_file(con, bomb)
    with pytest.raises(CrmError, match="CRM_MAX_EXCEL_MB"):
        scan_file(bomb)
    assert time.perf_counter() - start < 5


def test_limits_fall_back_to_defaults_on_nonsense(monkeypatch):
    from crm_core import settings

    monkeypatch.setenv("CRM_MAX_ROWS", "-3")
    default = next(s for s in settings.SETTINGS if s.name == "max_rows").default
    assert settings.limit("max_rows") == int(default)


def test_re_encoded_copy_lives_in_the_workspace_and_is_deleted(con, ws, tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes("客户编号,城市\n000017,北京\n000018,上海\n".encode("gb18030"))
    load_file(con, path)
    assert list((ws.folder / "tmp").iterdir()) == []


def test_leftovers_of_a_killed_load_are_removed_at_the_next_load(con, ws, tmp_path):
    folder = tempfiles.temp_dir(ws.folder)
    dead = folder / f"{tempfiles.PREFIX}999999_abc.csv"
    dead.write_text("secret,personal\n")
    mine = folder / f"{tempfiles.PREFIX}{os.getpid()}_live.csv"
    mine.write_text("in use\n")
    con.execute('CREATE TABLE "__load_999999_deadbeef" AS SELECT 1 AS x')
    path = tmp_path / "ok.csv"
    path.write_text("id,v\n1,2\n")
    load_file(con, path)
    assert not dead.exists() and mine.exists()
    assert not store.table_exists(con, "__load_999999_deadbeef")
    mine.unlink()


def test_pii_scan_copies_stay_in_the_workspace_and_go_away(ws, tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text("email,city\nann@example.com,Leeds\nbob@example.org,York\n")
    assert scan_file(path, work_folder=ws.folder) == {"email": "email"}
    assert list((ws.folder / "tmp").iterdir()) == []
    dead = ws.folder / "tmp" / f"{tempfiles.PREFIX}999999_scan_x"
    dead.mkdir()
    (dead / "head.csv").write_text("secret\n")
    assert tempfiles.remove_leftovers(ws.folder) == 1 and not dead.exists()
