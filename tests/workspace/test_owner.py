"""One owner of the workspace file per process (issue #20, High 2): a refused connect in
this process never drops the file lock another operation holds, and writes queue."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading

from crm_core.explore import sandbox
from crm_core.segment import run as segmentation
from crm_core.segment.run import SegmentConfig
from crm_core.workspace import owner, runs, store
from tests.conftest import ROOT

WRITER = ("import duckdb, sys; c = duckdb.connect(sys.argv[1]); "
          "c.execute('CREATE OR REPLACE TABLE orders AS SELECT 1 AS x'); c.close()")


def _other_process_writes(ws) -> bool:
    done = subprocess.run([sys.executable, "-c", WRITER, str(ws.db_path)], capture_output=True,
                          text=True, timeout=120)
    return done.returncode == 0


def test_sandbox_and_second_session_never_drop_the_lock_an_operation_holds(sample_ws):
    """The probe: while a query streamed, a refused connect in the same process dropped the
    process's POSIX lock, and another process rewrote the table under the reader."""
    with sample_ws.connect() as holder:  # one session's operation holds the file
        stream = sandbox.stream_query(sample_ws.db_path, "SELECT invoice_no FROM orders")
        first = next(stream)
        with sample_ws.connect() as second:  # another session's operation shares it
            assert second.execute("SELECT count(*) FROM orders").fetchone()[0] == 81_627
        assert not _other_process_writes(sample_ws)  # the lock still holds
        assert holder.execute("SELECT count(*) FROM orders").fetchone()[0] == 81_627
        assert len(first) + sum(len(f) for f in stream) == 81_627
    assert not owner.holds(sample_ws.db_path)  # closed once the last operation ended
    assert _other_process_writes(sample_ws)


def test_concurrent_writers_in_one_process_queue_instead_of_conflicting(sample_ws):
    """Five sessions saving the same table at once: each one lands, none sees a conflict."""
    errors: list[Exception] = []

    def save(i: int) -> None:
        try:
            with sample_ws.connect() as con:
                for _ in range(3):
                    store.write_table(con, "shared", f"SELECT {i} AS session, * FROM range(20000)",
                                      replace=True)
        except Exception as exc:  # noqa: BLE001 - the assertion names it
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(i,)) for i in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with sample_ws.connect() as con:
        assert con.execute("SELECT count(*), count(DISTINCT session) FROM shared").fetchone() == (20000, 1)
        assert store.table_version(con, "shared") == 15


FULL_DISK = """
import os, resource, signal, sys
from crm_core.workspace import store
ws = store.Workspace(sys.argv[1])
with ws.connect() as con:
    store.write_table(con, "small", "SELECT 1 AS x")
limit = os.path.getsize(ws.db_path) + 300_000  # the write-ahead log cannot grow past this
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
for attempt in range(2):
    try:
        with ws.connect() as con:
            store.write_table(con, "big", "SELECT range AS id, md5(range::VARCHAR) AS h "
                              "FROM range(60000)", replace=True)
    except Exception as exc:
        print(type(exc).__name__, str(exc).splitlines()[0])
resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY,) * 2)
with ws.connect() as con:
    print(sorted(t.name for t in store.list_tables(con)))
"""


def test_full_disk_is_reported_as_such_and_the_next_command_works(tmp_path):
    """The probe: after a failed commit, the next command said "cannot rollback"."""
    done = subprocess.run([sys.executable, "-c", FULL_DISK, str(tmp_path / "ws")], capture_output=True,
                          text=True, timeout=300, cwd=ROOT)
    lines = done.stdout.strip().splitlines()
    assert done.returncode == 0, done.stderr
    assert all(line.startswith("CrmError") and "disk full" in line for line in lines[:2]), lines
    assert "rollback" not in done.stdout
    assert lines[2] == "['small']"


def test_concurrent_sessions_saving_segment_runs_each_keep_their_own(ws):
    """The probe: one of five browser sessions segmenting at once got a write-write conflict."""
    from tests.workspace.test_runs import _orders

    with ws.connect() as con:
        _orders(con, "web", 0)
        run = segmentation.run(con, "web", SegmentConfig(k=2))
    errors: list[Exception] = []

    def session() -> None:
        try:
            with ws.connect() as con:
                runs.save(con, run)
        except Exception as exc:  # noqa: BLE001 - the assertion names it
            errors.append(exc)

    threads = [threading.Thread(target=session) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with ws.connect() as con:
        kept = runs.list_runs(con, "segments")
        assert sorted(r.result_table for r in kept) == [f"segments_web_{i}" for i in range(1, 6)]
        assert all(store.table_exists(con, r.result_table) for r in kept)



def test_a_query_past_the_memory_limit_spills_in_a_workspace_without_a_tmp_folder(sample_ws, monkeypatch):
    """scale10: a workspace loaded from a CSV has no ``tmp`` folder, and DuckDB makes only the last
    folder of its spill path, so every query past ``CRM_DB_MEMORY`` (segment's visits at 20M lines
    peak at 4.8 GB) failed with "Failed to create directory" instead of spilling."""
    shutil.rmtree(sample_ws.folder / "tmp", ignore_errors=True)
    monkeypatch.setenv("CRM_DB_MEMORY", "60MB")
    monkeypatch.setenv("CRM_DB_THREADS", "1")
    with sample_ws.connect() as con:
        key = "invoice_no || '|' || product_id"
        lines, keys = con.execute(f"SELECT count(*), count(DISTINCT k) FROM (SELECT {key} || '|' || r AS k "
                                  "FROM orders, range(20) AS t(r) ORDER BY k)").fetchone()
        pairs = con.execute(f"SELECT count(DISTINCT {key}) FROM orders").fetchone()[0]
    assert (lines, keys) == (20 * 81_627, 20 * pairs)
