"""Every setting the product reads from its environment, declared once with its help.

Other modules call these functions instead of reading ``os.environ`` themselves, the README's
Configuration table lists every entry (a test checks it), and the CLI's ``--help`` uses the same
help text.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from crm_core.errors import CrmError
from crm_core.i18n import Sentence


@dataclass(frozen=True)
class Setting:
    """One environment setting: its variable, default and what it does."""

    name: str
    env: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("workspace", "CRM_WORKSPACE", "./workspace",
            "workspace folder holding crm.duckdb and exports (--workspace overrides it)"),
    Setting("import_dir", "CRM_IMPORT_DIR", "",
            "server folder whose files the Data page offers for loading (for files too big to upload)"),
    Setting("auth_file", "CRM_AUTH_FILE", "",
            "TOML file with [crm_auth] users (name = password hash); sign-in is off without it or secrets"),
    Setting("user", "CRM_USER", "the login name",
            "the name the audit trail records for terminal commands"),
    Setting("spark_remote", "CRM_SPARK_REMOTE", "",
            "Spark Connect URL (sc://host:15002) for --engine spark; unset = a local Spark session"),
    Setting("spark_master", "CRM_SPARK_MASTER", "local[2]",
            "master of the local Spark session used for --engine spark when no remote is set"),
    Setting("debug", "CRM_DEBUG", "",
            "set to 1 to show tracebacks of unexpected errors in the CLI (they exit 2)"),
    Setting("max_file_mb", "CRM_MAX_FILE_MB", "4096",
            "largest file a load reads, in MB after decompression (bigger files are refused)"),
    Setting("max_excel_mb", "CRM_MAX_EXCEL_MB", "256",
            "largest unpacked size of an Excel workbook, in MB (zip bombs are refused unopened)"),
    Setting("max_rows", "CRM_MAX_ROWS", "200000000", "most rows one loaded table may have"),
    Setting("max_columns", "CRM_MAX_COLUMNS", "5000", "most columns one loaded table may have"),
    Setting("max_cell_mb", "CRM_MAX_CELL_MB", "64",
            "longest line (and so longest cell) of a text export, in MB"),
    Setting("db_memory", "CRM_DB_MEMORY", "half the machine's memory",
            "DuckDB memory limit of the app's own workspace connection (e.g. 8GB); beyond it DuckDB "
            "spills to the workspace's tmp folder"),
    Setting("db_threads", "CRM_DB_THREADS", "all cores",
            "DuckDB threads of the app's own workspace connection"),
    Setting("sql_memory", "CRM_SQL_MEMORY", "1GB",
            "memory limit of one SQL-explorer query (its own process; the process is killed beyond "
            "twice this)"),
    Setting("sql_threads", "CRM_SQL_THREADS", "1", "DuckDB threads of one SQL-explorer query"),
    Setting("sql_result_mb", "CRM_SQL_RESULT_MB", "100",
            "megabytes of one SQL-explorer result the page keeps (the rest is cut with a message)"),
    Setting("sql_max_seconds", "CRM_SQL_MAX_SECONDS", "600",
            "the longest time limit a SQL-explorer query may ask for"),
    Setting("sign_in_limit", "CRM_SIGN_IN_LIMIT", "5",
            "failed sign-ins per user (and per client) within 15 minutes before a 15-minute lockout"),
)
_BY_NAME = {s.name: s for s in SETTINGS}


def _get(name: str) -> str:
    setting = _BY_NAME[name]
    return os.environ.get(setting.env, "").strip()


def help_for(name: str) -> str:
    """The setting's help with its variable, for ``--help`` texts."""
    setting = _BY_NAME[name]
    return f"{setting.help} (${setting.env}; default {setting.default or 'unset'})"


def workspace_dir() -> Path:
    """``$CRM_WORKSPACE`` or ``./workspace``."""
    return Path(_get("workspace") or "workspace")


def import_dir() -> Path | None:
    """The operator's import folder, or None when not configured."""
    value = _get("import_dir")
    return Path(value) if value else None


def auth_file() -> str:
    """Path of the sign-in file, or "" when sign-in comes from the app's secrets (or is off)."""
    return _get("auth_file")


def cli_user() -> str:
    """``$CRM_USER`` or "" (the caller falls back to the login name)."""
    return _get("user")


def spark_remote() -> str:
    return _get("spark_remote")


def spark_master() -> str:
    return _get("spark_master") or "local[2]"


def debug() -> bool:
    return bool(_get("debug"))


LIMITS: tuple[str, ...] = ("max_file_mb", "max_excel_mb", "max_rows", "max_columns", "max_cell_mb")


def limit(name: str) -> int:
    """A loader limit: the environment's positive whole number, else the declared default."""
    if name not in LIMITS:
        raise KeyError(name)
    value = _get(name)
    try:
        number = int(value) if value else 0
    except ValueError:
        number = 0
    return number if number > 0 else int(_BY_NAME[name].default)
def _number(name: str, fallback: float, minimum: float) -> float:
    """A numeric setting; an unreadable or too small value is refused with the variable named."""
    raw = _get(name)
    if not raw:
        return float(fallback)
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not value >= minimum or value == float("inf"):
        raise CrmError(Sentence("runs.error.setting_number", env=_BY_NAME[name].env, minimum=f"{minimum:g}",
                                raw=repr(raw)))
    return value


def _memory(name: str, fallback: str) -> str:
    raw = _get(name) or fallback
    if not re.fullmatch(r"\d+(\.\d+)?\s*[KMGT]i?B", raw, re.IGNORECASE):
        raise CrmError(Sentence("runs.error.setting_size", env=_BY_NAME[name].env, raw=repr(raw)))
    return raw.replace(" ", "")


def memory_bytes(text: str) -> int:
    """``4GB`` → bytes (DuckDB's decimal units)."""
    number, unit = re.fullmatch(r"(\d+(?:\.\d+)?)([KMGT])i?B", text, re.IGNORECASE).groups()
    return int(float(number) * 1000 ** " KMGT".index(unit.upper()))


def db_memory() -> str:
    """DuckDB ``memory_limit`` of the app's workspace connection."""
    total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return _memory("db_memory", f"{max(1, total // 2 // 1000**3)}GB")


def db_threads() -> int:
    """DuckDB ``threads`` of the app's workspace connection."""
    return int(_number("db_threads", float(os.cpu_count() or 1), 1))


def sql_memory() -> str:
    """DuckDB ``memory_limit`` of one SQL-explorer query."""
    return _memory("sql_memory", "1GB")


def sql_threads() -> int:
    """DuckDB ``threads`` of one SQL-explorer query."""
    return int(_number("sql_threads", 1, 1))


def sql_result_bytes() -> int:
    """How much of one result the SQL page keeps in memory."""
    return int(_number("sql_result_mb", 100, 1) * 1_000_000)


def sql_max_seconds() -> float:
    """The longest time limit a SQL-explorer query may ask for."""
    return _number("sql_max_seconds", 600, 1)


def sign_in_limit() -> int:
    """Failed sign-ins (per user, and per client) within the window before a lockout."""
    return int(_number("sign_in_limit", 5, 1))
