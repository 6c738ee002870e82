"""Every setting the product reads from its environment, declared once with its help.

Other modules call these functions instead of reading ``os.environ`` themselves, the README's
Configuration table lists every entry (a test checks it), and the CLI's ``--help`` uses the same
help text.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


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
