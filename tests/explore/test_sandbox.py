"""The SQL sandbox: every escape is refused, runaway queries stop, results are exact."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time

import duckdb
import pytest

from crm_core.cli import main
from crm_core.errors import CrmError
from crm_core.explore import sandbox, worker
from crm_core.protect import audit


def _orders(ws) -> int:
    with ws.connect() as con:
        return con.execute("SELECT count(*) FROM orders").fetchone()[0]


ESCAPES = [
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_text('/etc/hostname')",
    "SELECT * FROM read_parquet('/tmp/anything.parquet')",
    "SELECT * FROM '/etc/passwd'",
    "SELECT * FROM glob('/etc/*')",
    "SELECT * FROM sniff_csv('/etc/passwd')",
    "COPY orders TO '{out}/stolen.csv'",
    "COPY (SELECT * FROM customers) TO '{out}/stolen.csv' (HEADER)",
    "EXPORT DATABASE '{out}/dump'",
    "ATTACH '{out}/other.duckdb' AS other",
    "ATTACH ':memory:' AS scratch",
    "DETACH ws",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SET threads = 1",
    "SET enable_external_access = true",
    "RESET lock_configuration",
    "PRAGMA threads = 1",
    "CREATE TABLE evil AS SELECT 1",
    "CREATE VIEW evil AS SELECT 1",
    "CREATE MACRO evil(a) AS a",
    "INSERT INTO orders SELECT * FROM orders",
    "UPDATE orders SET amount = 0",
    "DELETE FROM orders",
    "DROP TABLE orders",
    "ALTER TABLE orders RENAME TO gone",
    "USE memory",
    "CHECKPOINT",
    "SELECT 1; DROP TABLE orders",
    "SELECT 1; SELECT 2",
    "SELECT * FROM query('DROP TABLE orders')",
    "WITH d AS (DELETE FROM orders RETURNING *) SELECT count(*) FROM d",
    "EXPLAIN ANALYZE CREATE TABLE memory.main.x AS SELECT 1",
    "explain  analyse SELECT 1",
    "CALL duckdb_secrets()",
    "PIVOT orders ON channel USING sum(amount)",
]


@pytest.mark.parametrize("sql", ESCAPES)
def test_escape_is_refused_and_changes_nothing(sample_ws, tmp_path, sql):
    before = _orders(sample_ws)
    with pytest.raises(CrmError) as info:
        sandbox.run_query(sample_ws.db_path, sql.format(out=tmp_path))
    assert "\n" not in str(info.value)
    assert _orders(sample_ws) == before
    assert not list(tmp_path.glob("stolen*")) and not (tmp_path / "dump").exists()
    assert not (tmp_path / "other.duckdb").exists()


@pytest.mark.parametrize("sql", [
    "COPY orders TO '{out}/x.csv'",
    "SELECT * FROM read_csv('/etc/passwd')",
    "SET enable_external_access = true",
    "SET lock_configuration = false",
    "CREATE TABLE ws.main.evil AS SELECT 1",
    "INSERT INTO orders SELECT * FROM orders LIMIT 1",
    "INSTALL httpfs",
    "ATTACH '{out}/other.duckdb' AS other",
])
def test_engine_refuses_even_without_the_statement_check(sample_ws, tmp_path, sql):
    """The second lock: the connection itself cannot touch files, settings or tables."""
    out = tmp_path / "out"
    out.mkdir()
    request = sandbox.worker_request(sandbox.snapshot(sample_ws.db_path), "SELECT 1")
    con = worker.connect(request)
    with pytest.raises(duckdb.Error):
        con.execute(sql.format(out=out))
    con.close()
    assert not list(out.iterdir())


def test_runaway_query_is_interrupted(sample_ws):
    start = time.monotonic()
    with pytest.raises(CrmError, match="time limit"):
        sandbox.run_query(sample_ws.db_path,
                          "SELECT count(*) FROM range(10000000000) a, range(10) b", timeout=0.5)
    assert time.monotonic() - start < 10
    assert _orders(sample_ws) > 0  # the workspace is usable right after


def test_results_are_exact_and_capped(sample_ws):
    with sample_ws.connect() as con:
        expected = con.execute("SELECT count(DISTINCT customer_id), round(sum(amount), 2) "
                               "FROM orders").fetchone()
    result = sandbox.run_query(sample_ws.db_path, "SELECT count(DISTINCT customer_id) AS c, "
                               "round(sum(amount), 2) AS s FROM orders;")
    assert (result.frame["c"][0], result.frame["s"][0]) == expected and not result.truncated
    capped = sandbox.run_query(sample_ws.db_path, "SELECT * FROM range(100) t(i)", limit=10)
    assert capped.rows == 10 and capped.truncated
    assert capped.frame["i"].tolist() == list(range(10))
    empty = sandbox.run_query(sample_ws.db_path, "SELECT invoice_no FROM orders WHERE false")
    assert empty.rows == 0 and list(empty.frame.columns) == ["invoice_no"]


def test_explain_describe_and_meta_reads_are_allowed(sample_ws):
    assert sandbox.run_query(sample_ws.db_path, "EXPLAIN SELECT * FROM orders").rows >= 1
    described = sandbox.run_query(sample_ws.db_path, "DESCRIBE orders").frame
    assert "invoice_no" in described["column_name"].tolist()


def test_syntax_error_and_missing_table_are_one_line(sample_ws):
    with pytest.raises(CrmError, match="syntax"):
        sandbox.run_query(sample_ws.db_path, "SELEC 1")
    with pytest.raises(CrmError, match="nope"):
        sandbox.run_query(sample_ws.db_path, "SELECT * FROM nope")
    with pytest.raises(CrmError, match="Write a query"):
        sandbox.run_query(sample_ws.db_path, "   ")


def test_workspace_connect_waits_for_a_sandbox_query_in_the_same_process(sample_ws):
    """The Streamlit process does both: a page write waits while another session queries."""
    errors = []

    def slow_query():
        try:
            sandbox.run_query(sample_ws.db_path, "SELECT count(*) FROM range(10000000000) a, "
                              "range(10) b", timeout=1.0)
        except CrmError as exc:
            errors.append(str(exc))

    thread = threading.Thread(target=slow_query)
    thread.start()
    time.sleep(0.3)
    with sample_ws.connect() as con:
        con.execute("CREATE TABLE written_meanwhile AS SELECT 1 AS x")
    thread.join()
    assert errors and "time limit" in errors[0]
    assert sandbox.run_query(sample_ws.db_path, "SELECT x FROM written_meanwhile").frame["x"][0] == 1


def test_sandbox_waits_while_the_workspace_is_open_in_the_same_process(sample_ws):
    with sample_ws.connect() as con:
        timer = threading.Timer(0.5, con.close)
        timer.start()
        result = sandbox.run_query(sample_ws.db_path, "SELECT count(*) AS n FROM products")
    assert result.frame["n"][0] == 300


def test_schema_and_every_example_run(sample_ws):
    with sample_ws.connect() as con:
        schema = sandbox.schema_overview(con)
        examples = sandbox.example_queries(con)
    assert {"orders", "customers"} <= set(schema["table"])
    amount = schema[(schema["table"] == "orders") & (schema["column"] == "amount")]
    assert amount["role"].item() == "amount"
    assert {"preview", "table_sizes", "top_customers", "monthly_sales"} <= set(examples)
    for sql in examples.values():
        assert sandbox.run_query(sample_ws.db_path, sql).rows > 0


def test_saved_queries_round_trip(con):
    sandbox.save_query(con, "big spenders", "SELECT 1 AS x", "ann")
    sandbox.save_query(con, "big spenders", "SELECT 2 AS x", "ann")
    assert sandbox.saved_queries(con) == {"big spenders": "SELECT 2 AS x"}
    with pytest.raises(CrmError, match="read-only"):
        sandbox.save_query(con, "bad", "DROP TABLE orders", "ann")
    sandbox.delete_saved_query(con, "big spenders")
    assert sandbox.saved_queries(con) == {}


def test_cli_sql_csv_json_refusal_and_audit(sample_ws, capsys):
    ws = ["--workspace", str(sample_ws.folder)]
    assert main(["sql", "SELECT category, count(*) AS n FROM products GROUP BY 1 ORDER BY 1", *ws]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    with sample_ws.connect() as con:
        expected = con.execute("SELECT category, count(*) FROM products GROUP BY 1 ORDER BY 1").fetchall()
    assert lines[0] == "category,n"
    assert lines[1:] == [f"{c},{n}" for c, n in expected]

    assert main(["sql", "SELECT 'a' AS k, 1.5 AS v UNION ALL SELECT '中文', NULL ORDER BY v",
                 "--format", "json", *ws]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert json.loads(out[-1]) == [{"k": "a", "v": 1.5}, {"k": "中文", "v": None}]

    assert main(["sql", "COPY orders TO '/tmp/x.csv'", *ws]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and len(captured.err.strip().splitlines()) == 1
    assert "read-only" in captured.err

    assert main(["sql", "SELECT count(*) FROM range(10000000000) a, range(10) b",
                 "--timeout", "0.5", *ws]) == 1
    assert "time limit" in capsys.readouterr().err
    with sample_ws.connect() as con:
        log = audit.recent(con, action="sql")
    assert log["outcome"].tolist() == ["refused", "refused", "ok", "ok"]
    assert log["detail"].iloc[1] == "COPY orders TO '/tmp/x.csv'"


def test_cli_sql_streams_large_results_in_batches(sample_ws, capsys, monkeypatch):
    monkeypatch.setattr(sandbox, "WORKER_BATCH_ROWS", 1000)
    assert main(["sql", "SELECT invoice_no FROM orders", "--workspace", str(sample_ws.folder)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0] == "invoice_no" and len(lines) == 81_627 + 1


def test_cli_sql_on_empty_workspace_is_a_clear_error(ws, capsys):
    assert main(["sql", "SELECT * FROM orders", "--workspace", str(ws.folder)]) == 1
    assert "orders" in capsys.readouterr().err


# ---------------------------------------------------------------- resources (issue #20, High 1)

WIDE = "SELECT repeat('x', 5000) || range AS v FROM range(200000)"
MD5 = "SELECT max(md5(repeat('x', 10000000 + (range % 7)::INT))) FROM range(300)"


def test_words_inside_strings_and_names_are_not_refused(sample_ws):
    result = sandbox.run_query(sample_ws.db_path, "SELECT 'delete from orders' AS \"create\"")
    assert result.frame["create"][0] == "delete from orders"


def test_result_is_cut_by_bytes_with_a_reason(sample_ws):
    result = sandbox.run_query(sample_ws.db_path, WIDE, max_bytes=5_000_000)
    assert result.truncated and result.cut_by == "bytes"
    assert 0 < result.rows < 200_000 and result.frame["v"].str.len().sum() <= 6_000_000


def test_timeout_holds_on_the_wall_clock_inside_one_long_function_call(sample_ws):
    """md5 of 10 MB strings never returns to DuckDB's interrupt check: the watchdog kills it."""
    start = time.monotonic()
    with pytest.raises(CrmError, match="1 s time limit"):
        sandbox.run_query(sample_ws.db_path, MD5, timeout=1)
    assert time.monotonic() - start < 1 + sandbox.STARTUP_SECONDS / 4


def test_query_beyond_its_memory_is_refused_not_the_server(sample_ws, monkeypatch):
    monkeypatch.setenv("CRM_SQL_MEMORY", "200MB")
    monkeypatch.setattr(sandbox, "ADDRESS_BASELINE", 1500 * 1024**2)
    with pytest.raises(CrmError, match="CRM_SQL_MEMORY"):
        sandbox.run_query(sample_ws.db_path, "SELECT list(repeat('x', 1000)) FROM range(2000000)",
                          timeout=120)


@pytest.mark.parametrize("timeout", ["inf", "nan", "1e12", "0", "-1"])
def test_cli_refuses_a_time_limit_that_is_no_limit(sample_ws, capsys, timeout):
    assert main(["sql", "SELECT 1", "--timeout", timeout, "--workspace", str(sample_ws.folder)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "time limit" in err[0]


def test_a_running_query_blocks_no_writer_in_another_process(sample_ws):
    """The sandbox reads a snapshot: the CLI can load into the workspace while a query runs."""
    stream = sandbox.stream_query(sample_ws.db_path, "SELECT invoice_no FROM orders")
    first = next(stream)
    assert main(["sql", "SELECT 1", "--workspace", str(sample_ws.folder)]) == 0  # audit write
    writer = subprocess.run(
        [sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]); "
         "c.execute('DELETE FROM orders'); c.close()", str(sample_ws.db_path)],
        capture_output=True, text=True, timeout=120)
    assert writer.returncode == 0, writer.stderr
    assert len(first) + sum(len(f) for f in stream) == 81_627  # what the query saw stays whole
    assert _orders(sample_ws) == 0


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_wrong_column_is_said_in_words_with_the_tables_columns(sample_ws, lang):
    """walk15: a wrong column read DuckDB's "Referenced column "省份" not found in FROM clause!"
    (one near miss at best); it now says so in the page's language and lists every column of each
    table the query reads, here both sides of a join, the qualified slip too."""
    from crm_core.i18n import say
    from crm_core.workspace import store

    with sample_ws.connect() as con:
        wanted = {t: [c for c, _ in store.columns_of(con, t)] for t in ("orders", "customers")}
    for sql in ("SELECT 省份 FROM orders o JOIN customers c ON o.customer_id = c.customer_id",
                "SELECT o.省份 FROM orders o JOIN customers c ON o.customer_id = c.customer_id"):
        with pytest.raises(CrmError) as refused:
            sandbox.run_query(sample_ws.db_path, sql, 20)
        said = say(refused.value.args[0], lang)
        assert "Referenced column" not in said and "省份" in said, said
        assert all(column in said for columns in wanted.values() for column in columns), said
        assert said.startswith("SQL 错误：FROM 里的表中没有“省份”这一列" if lang == "zh"
                               else 'SQL error: the tables in FROM have no column "省份"'), said


def test_a_wrong_column_of_a_query_reading_no_table_still_says_it_in_words(sample_ws):
    with pytest.raises(CrmError, match='no column "nope"; the list of tables and columns above'):
        sandbox.run_query(sample_ws.db_path, "WITH t AS (SELECT 1 AS a) SELECT nope FROM t", 20)


def test_cli_json_keeps_both_columns_that_share_a_name(sample_ws, capsys):
    """JSON records keyed by name kept one of ``SELECT 1 AS v, 2 AS v`` (walk16)."""
    ws = ["--workspace", str(sample_ws.folder)]
    assert main(["sql", "SELECT 1 AS v, 2 AS v", "--format", "json", *ws]) == 0
    assert json.loads(capsys.readouterr().out) == [{"v": 1, "v_2": 2}]
