"""Recipes kept in the workspace: named, versioned, re-runnable from the page and the CLI.

Saving a recipe under a name adds a version when its steps changed (the same steps keep
the version they have), so last month's cleaning can be re-run exactly or compared. The CLI
takes a saved name (``--recipe monthly`` or ``monthly@2``) or a JSON file.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd

from crm_core.errors import CrmError
from crm_core.i18n import Listing, Sentence
from crm_core.quality.recipes import Recipe, load_recipe
from crm_core.workspace import store

TABLE = f"{store.META}.recipes"
_DDL = (f"CREATE TABLE IF NOT EXISTS {TABLE} (name VARCHAR, version INTEGER, recipe VARCHAR, "
        "source_table VARCHAR, saved_at TIMESTAMP, saved_by VARCHAR, PRIMARY KEY (name, version))")


def _ready(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"CREATE SCHEMA IF NOT EXISTS {store.META}")
    con.execute(_DDL)


def _kept_text(recipe: Recipe) -> str:
    """The recipe as kept: a mapping's pairs in the order typed (sorted keys reopened 四川省, 广东省,
    江苏省 … where the analyst typed 四川省, 浙江省, 广东省, walk13)."""
    return json.dumps(recipe.to_dict(), ensure_ascii=False)


def _same_steps(kept: str, text: str) -> bool:
    """Whether a kept version holds these steps: compared as data, so the pairs' order (which
    changes no value) and versions kept with sorted keys do not make a new version."""
    return json.loads(kept) == json.loads(text)


def save_recipe(con: duckdb.DuckDBPyConnection, name: str, recipe: Recipe, table: str = "",
                user: str = "local") -> int:
    """Keep ``recipe`` under ``name``; returns its version (unchanged steps keep theirs)."""
    name = name.strip()
    if not name or "@" in name:
        raise CrmError(Sentence("clean.error.recipe_name"))
    if not recipe.steps:
        raise CrmError(Sentence("clean.error.recipe_empty"))
    _ready(con)
    latest = con.execute(f"SELECT version, recipe FROM {TABLE} WHERE name = ? ORDER BY version DESC LIMIT 1",
                         [name]).fetchone()
    text = _kept_text(recipe)
    if latest and _same_steps(latest[1], text):
        return int(latest[0])
    version = int(latest[0]) + 1 if latest else 1
    con.execute(f"INSERT INTO {TABLE} VALUES (?, ?, ?, ?, now()::TIMESTAMP, ?)",
                [name, version, text, table, user])
    return version


def saved_recipes(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per name: its newest version, steps, the table it was made on, when."""
    _ready(con)
    return con.execute(f"""
        SELECT name, version, json_array_length(recipe::JSON -> 'steps') AS steps, source_table,
               saved_at, saved_by
        FROM {TABLE} QUALIFY row_number() OVER (PARTITION BY name ORDER BY version DESC) = 1
        ORDER BY saved_at DESC""").df()


def get_recipe(con: duckdb.DuckDBPyConnection, name: str, version: int | None = None) -> Recipe:
    """A kept recipe (the newest version unless one is named)."""
    _ready(con)
    row = con.execute(f"SELECT recipe FROM {TABLE} WHERE name = ? AND (? IS NULL OR version = ?) "
                      "ORDER BY version DESC LIMIT 1", [name, version, version]).fetchone()
    if row is None:
        names = saved_recipes(con)["name"].tolist()
        which = (Sentence("clean.error.recipe_which_version", name=name, version=version) if version
                 else Sentence("clean.error.recipe_which", name=name))
        saved = Listing(names) if names else Sentence("store.no_tables_yet")
        raise CrmError(Sentence("clean.error.no_saved_recipe", which=which, saved=saved))
    return Recipe.from_json(row[0])


def resolve_recipe(con: duckdb.DuckDBPyConnection, ref: str) -> Recipe:
    """``ref`` as a JSON file when one exists, else a saved name (``name`` or ``name@version``)."""
    if Path(ref).is_file() or ref.lower().endswith(".json"):
        return load_recipe(ref)
    name, _, version = ref.partition("@")
    if version and not version.isdigit():
        raise CrmError(Sentence("clean.error.recipe_version", ref=ref, name=name))
    return get_recipe(con, name, int(version) if version else None)
