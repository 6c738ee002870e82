"""The SQL sandbox's own process: ``python -m crm_core.explore.worker`` (not for people).

It reads one request (JSON on stdin), runs the query on a locked-down in-memory DuckDB that
attaches a read-only *snapshot* of the workspace, and writes the result as an Arrow IPC
stream on stdout; a refusal is one JSON line on stderr and exit code 3. Being its own process
gives three guarantees the app's process cannot: the operating system caps its memory
(``RLIMIT_AS``), the parent can kill it on the wall clock, and it never holds a lock on the
live workspace file, so other sessions keep reading and writing while it runs.
"""

from __future__ import annotations

import json
import resource
import sys

import duckdb
import pyarrow as pa

CATALOG = "ws"
EXIT_REFUSED = 3
READY = "ready\n"
LOCKDOWN = (
    "SET autoinstall_known_extensions = false",
    "SET autoload_known_extensions = false",
    "SET allow_community_extensions = false",
    "SET enable_external_access = false",
    "SET lock_configuration = true",
)


def _limit_address_space(limit_bytes: int) -> None:
    """The OS-level backstop: beyond this the process gets no more memory (DuckDB errors out)."""
    if limit_bytes > 0:
        resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))


def connect(request: dict) -> duckdb.DuckDBPyConnection:
    """The locked-down connection: the snapshot read-only, no files, no extensions, no SET."""
    con = duckdb.connect(":memory:", config={
        "memory_limit": request["memory_limit"], "threads": int(request["threads"]),
        "temp_directory": request["temp_directory"],
        "max_temp_directory_size": request["max_temp"],
    })
    con.execute(f"ATTACH ? AS {CATALOG} (READ_ONLY)", [request["snapshot"]])
    con.execute(f"USE {CATALOG}")
    for statement in LOCKDOWN:
        con.execute(statement)
    return con


def _refuse(exc: BaseException) -> None:
    kind = type(exc).__name__
    sys.stderr.write(json.dumps({"kind": kind, "message": str(exc)}) + "\n")
    sys.stderr.flush()
    sys.exit(EXIT_REFUSED)


def main() -> None:
    """Serve one request; every DuckDB refusal (or running out of memory) becomes a JSON line."""
    request = json.loads(sys.stdin.readline())
    _limit_address_space(int(request["address_space"]))
    try:
        con = connect(request)
        sys.stderr.write(READY)  # the parent's clock starts now, not while Python starts
        sys.stderr.flush()
        reader = con.sql(request["sql"]).to_arrow_reader(int(request["batch_rows"]))
        out = sys.stdout.buffer
        with pa.ipc.new_stream(out, reader.schema) as writer:
            for batch in reader:
                writer.write_batch(batch)
        out.flush()
    except (duckdb.Error, MemoryError, pa.ArrowException) as exc:
        _refuse(exc)
    except BrokenPipeError:  # the parent stopped reading (row or byte cap): nothing to say
        sys.exit(0)


if __name__ == "__main__":
    main()
