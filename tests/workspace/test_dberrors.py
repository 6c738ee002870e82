"""DuckDB's own messages inside a Chinese refusal: the kind said in Chinese, DuckDB's line kept in
brackets; English keeps DuckDB's line. Every error here is raised by DuckDB itself."""

from __future__ import annotations

import subprocess
import sys

import duckdb
import pandas as pd
import pytest

from crm_core.errors import CrmError
from crm_core.i18n import say
from crm_core.quality.recipes import Recipe, apply_recipe
from crm_core.quality.steps import Cast
from crm_core.workspace import dberrors, store
from crm_core.workspace.store import Workspace


def _duckdb_error(call) -> duckdb.Error:
    with pytest.raises(duckdb.Error) as raised:
        call()
    return raised.value


def test_a_conversion_error_in_a_cleaning_step_is_said_in_chinese(con):
    """'第 1 步（cast）不适用于数据表“orders”：Conversion Error: Type DOUBLE with value 1e+30 …'."""
    store.write_frame(con, "orders", pd.DataFrame({"customer": ["C1", "C2"], "amount": [12.5, 1e30]}))
    with pytest.raises(CrmError) as refused:
        apply_recipe(con, "orders", Recipe([Cast(column="amount", to="integer")]))
    english = str(refused.value)
    assert english.startswith("Step 1 (cast) does not fit table 'orders': Conversion Error: ")
    detail = english.split(": ", 1)[1]
    assert say(refused.value.args[0], "zh") == (
        f"第 1 步（cast）不适用于数据表“orders”：有值无法转换成所需的类型（{detail}）")


def test_a_workspace_file_that_is_no_database_is_said_in_chinese(tmp_path):
    ws = Workspace(tmp_path / "ws")
    ws.folder.mkdir(parents=True, exist_ok=True)
    ws.db_path.write_text("crm export, not a database\n" * 40)
    with pytest.raises(CrmError) as refused, ws.connect():
        pass
    zh = say(refused.value.args[0], "zh")
    assert zh.startswith(f"打不开工作区 {ws.db_path}：这个文件不是 DuckDB 数据库（IO Error: The file ")
    assert zh.endswith("is not a valid DuckDB database file!）")


def test_memory_disk_and_lock_errors_are_said_in_chinese(tmp_path):
    small = duckdb.connect(config={"memory_limit": "4MB", "threads": 1})
    memory = _duckdb_error(lambda: small.execute("SELECT list(i) FROM range(10000000) t(i)").fetchall())
    full = _duckdb_error(lambda: duckdb.connect().execute(
        "COPY (SELECT i, repeat('x', 100) FROM range(100000) t(i)) TO '/dev/full' (FORMAT csv)"))
    locked = _locked_error(tmp_path / "crm.duckdb")
    clauses = [(memory, "内存不够用"), (full, "磁盘空间已满"),
               (locked, "文件正被另一个程序占用并锁定，请先关闭那个程序")]
    for error, clause in clauses:
        line = str(error).splitlines()[0]
        said = dberrors.reason(error)
        assert (str(said), say(said, "zh")) == (line, f"{clause}（{line}）")


def _locked_error(path) -> duckdb.Error:
    """DuckDB's refusal to open a database file another process holds open."""
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(path)!r}); "
         "print('open', flush=True); time.sleep(60)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        return _duckdb_error(lambda: duckdb.connect(str(path)))
    finally:
        holder.kill()
        holder.wait()


def test_an_error_of_another_kind_stays_duckdb_s_line(con):
    error = _duckdb_error(lambda: con.execute("SELEC 1"))
    assert say(dberrors.reason(error), "zh") == str(error).splitlines()[0]
