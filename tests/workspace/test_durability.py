"""Never lose data: a load killed mid-way leaves the workspace as it was; a busy workspace
gives a clear message (or a short wait), never a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from crm_core.cli import main
from crm_core.errors import CrmError
from crm_core.explore import sandbox
from crm_core.load.reader import load_file
from crm_core.workspace import owner, store
from tests.conftest import ROOT

BIG_ROWS = 1_500_000


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "big.csv"
    with duckdb.connect() as scratch:  # its own connection: the module's shared one may be busy
        scratch.execute(f"""COPY (SELECT 'INV' || lpad(i::VARCHAR, 8, '0') AS invoice_no,
                        (i % 5000)::VARCHAR AS customer_id,
                        DATE '2024-01-01' + (i % 700)::INT AS invoice_date,
                        round((i % 997) * 1.37, 2) AS amount, 'note ' || (i % 13) AS note
                 FROM range({BIG_ROWS}) t(i)) TO '{path}' (HEADER)""")
    return path


def _snapshot(ws: store.Workspace) -> dict:
    with ws.connect() as con:
        tables = {t.name: (t.rows, t.version) for t in store.list_tables(con)}
        every = sorted(r[0] for r in con.execute(
            "SELECT schema_name || '.' || table_name FROM duckdb_tables()").fetchall())
        catalog = sorted(con.execute(f"SELECT name, rows, version FROM {store.META}.catalog").fetchall())
        checksum = con.execute("SELECT sum(hash(customer_id, name)) FROM customers").fetchone()[0]
    return {"tables": tables, "every": every, "catalog": catalog, "checksum": checksum}


def _wait_for(proc: subprocess.Popen, ready, what: str) -> None:
    deadline = time.monotonic() + 120
    while not ready():
        assert proc.poll() is None, f"the load finished before {what}; use a bigger file"
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def _has_open(pid: int, path) -> bool:
    """Whether process ``pid`` has ``path`` open (Linux /proc)."""
    fds = f"/proc/{pid}/fd"
    try:
        return any(os.path.realpath(os.path.join(fds, fd)) == str(path.resolve())
                   for fd in os.listdir(fds))
    except OSError:
        return False


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs Linux /proc")
@pytest.mark.parametrize("moment", ["staging", "writing"])
def test_killed_load_leaves_the_workspace_as_it_was(ws, big_csv, moment):
    """Kill -9 while the file is staged, and while the new table's pages are being written."""
    with ws.connect() as con:
        load_file(con, ROOT / "sample_data" / "customers.csv")
    before = _snapshot(ws)
    size = ws.db_path.stat().st_size
    proc = subprocess.Popen([sys.executable, "-m", "crm_core", "load", str(big_csv),
                             "--workspace", str(ws.folder)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        if moment == "staging":
            _wait_for(proc, lambda: _has_open(proc.pid, ws.db_path), "the workspace was opened")
            time.sleep(0.2)  # reading and typing the file (staging may already grow the database file)
        else:
            _wait_for(proc, lambda: ws.db_path.stat().st_size > size + (4 << 20),
                      "the new table was being written")
        assert proc.poll() is None
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    after = _snapshot(ws)
    assert after == before
    assert not any("__stage" in t or "__new" in t or t.endswith(".big") for t in after["every"])
    result = subprocess.run([sys.executable, "-m", "crm_core", "tables", "--workspace", str(ws.folder)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stdout.splitlines() == ["customers\t3000"]


def test_failed_load_keeps_the_table_it_would_replace(ws, tmp_path):
    good = tmp_path / "t.csv"
    good.write_text("id,amount\n1,2.5\n2,3.5\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    with ws.connect() as con:
        load_file(con, good, "t")
        with pytest.raises(CrmError):
            load_file(con, bad, "t", replace=True)
        assert con.execute("SELECT sum(amount) FROM t").fetchone()[0] == 6.0


HOLDER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
con.execute("CREATE TABLE IF NOT EXISTS held AS SELECT 1 AS x")
print("ready", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
"""


def _hold(ws: store.Workspace, seconds: float) -> subprocess.Popen:
    ws.folder.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(ws.db_path), str(seconds)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    return proc


def test_second_writer_gets_a_clear_busy_message(ws, monkeypatch, capsys):
    monkeypatch.setattr(owner, "BUSY_WAIT_SECONDS", 1.0)
    holder = _hold(ws, 60)
    try:
        with pytest.raises(CrmError, match="busy"), ws.connect():
            pass
        assert main(["tables", "--workspace", str(ws.folder)]) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "busy" in err[0] and "try again" in err[0]
        with pytest.raises(CrmError, match="busy"):
            sandbox.run_query(ws.db_path, "SELECT 1")
    finally:
        holder.kill()
        holder.wait()
    with ws.connect() as con:
        assert con.execute("SELECT x FROM held").fetchone() == (1,)


def test_second_writer_waits_for_a_short_write(ws):
    holder = _hold(ws, 1.0)
    start = time.monotonic()
    try:
        with ws.connect() as con:
            assert con.execute("SELECT x FROM held").fetchone() == (1,)
    finally:
        holder.wait(timeout=30)
    assert time.monotonic() - start >= 0.5


def test_two_sessions_in_one_process_share_the_workspace(sample_ws):
    """Two browser sessions are two threads of one server process: both can read and write."""
    with sample_ws.connect() as first, sample_ws.connect() as second:
        first.execute("CREATE TABLE a AS SELECT 1 AS x")
        assert second.execute("SELECT x FROM a").fetchone() == (1,)
        second.execute("CREATE TABLE b AS SELECT 2 AS x")
    with sample_ws.connect() as con:
        assert {"a", "b", "orders"} <= {t.name for t in store.list_tables(con)}
