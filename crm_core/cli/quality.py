"""``profile``, ``clean``, ``union`` and ``join``: data quality and integration from the terminal.

Each prints its result as one JSON line (the last stdout line, per DESIGN.md's contract).
"""

from __future__ import annotations

import argparse
import json

from crm_core.cli import add_lang_option, add_role_options, role_overrides, workspace_of
from crm_core.i18n import Sentence, say
from crm_core.quality import integrate, recipe_store, recipes
from crm_core.quality import profile as quality
from crm_core.workspace.roles import get_roles


def _print_json(data: dict, lang: str = "en") -> None:
    """One JSON line; the sentences in it (a join's report) said in ``lang``."""
    print(json.dumps(_said(data, lang), ensure_ascii=False, default=str))


def _said(value, lang: str):
    """``value`` with every :class:`Sentence` inside it said in ``lang`` (a Sentence is a str
    reading as its English, so the JSON writer alone would print English)."""
    if isinstance(value, Sentence):
        return str(say(value, lang))
    if isinstance(value, dict):
        return {key: _said(item, lang) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_said(item, lang) for item in value]
    return value


def register(subparsers, common: argparse.ArgumentParser) -> None:
    """Add ``profile``, ``clean``, ``union`` and ``join``."""
    profile = subparsers.add_parser("profile", parents=[common], help="data-quality profile of a table")
    profile.add_argument("table")
    add_lang_option(profile, "language of the evidence, missing roles and problems "
                             "(the JSON keys stay English)")
    add_role_options(profile)
    profile.set_defaults(func=run_profile)

    clean = subparsers.add_parser("clean", parents=[common],
                                  help="apply a cleaning recipe (kept or a JSON file) into a new table")
    clean.add_argument("table")
    clean.add_argument("--recipe", required=True, metavar="NAME_OR_FILE",
                       help="a recipe kept in the workspace (NAME or NAME@VERSION) or a recipe JSON file")
    clean.add_argument("--keep-as", metavar="NAME", help="also keep the recipe in the workspace under NAME")
    clean.add_argument("--into", metavar="NAME", help="result table (default: TABLE_clean)")
    add_role_options(clean)
    add_lang_option(clean, "language of the steps' descriptions and of the refusals")
    clean.set_defaults(func=run_clean, audit="clean")

    union = subparsers.add_parser("union", parents=[common],
                                  help="stack exports of the same kind (columns matched by name)")
    union.add_argument("tables", nargs="+", metavar="TABLE")
    union.add_argument("--into", required=True, metavar="NAME", help="result table")
    union.add_argument("--replace", action="store_true", help="replace the result table if it exists")
    add_lang_option(union)
    union.set_defaults(func=run_union, audit="clean")

    join = subparsers.add_parser("join", parents=[common],
                                 help="add customer/product attributes to a transaction table")
    join.add_argument("table", help="the transaction table")
    join.add_argument("--customers", metavar="TABLE", help="customer master table")
    join.add_argument("--products", metavar="TABLE", help="product master table")
    join.add_argument("--into", metavar="NAME", help="result table (default: TABLE_joined)")
    join.add_argument("--replace", action="store_true", help="replace the result table if it exists")
    add_role_options(join)
    add_lang_option(join, "language of the join report's sentences and of the refusals")
    join.set_defaults(func=run_join, audit="clean")


def run_profile(args: argparse.Namespace) -> None:
    """JSON: rows, columns (name, type, role, missing, distinct …), problems."""
    with workspace_of(args).connect() as con:
        roles = get_roles(con, args.table, role_overrides(args))
        _print_json(quality.profile(con, args.table, roles, args.lang))


def run_clean(args: argparse.Namespace) -> None:
    """JSON: rows before/after per step, plus before/after totals."""
    from crm_core.protect.audit import cli_user

    with workspace_of(args).connect() as con:
        recipe = recipe_store.resolve_recipe(con, args.recipe)
        roles = get_roles(con, args.table, role_overrides(args))
        result = recipes.apply_recipe(con, args.table, recipe, args.into, roles, lang=args.lang)
        if args.keep_as:
            result["kept_as"] = {"name": args.keep_as.strip(), "version": recipe_store.save_recipe(
                con, args.keep_as, recipe, args.table, cli_user())}
        _print_json(result)


def run_union(args: argparse.Namespace) -> None:
    """JSON: rows, matched columns, missing and renamed columns."""
    with workspace_of(args).connect() as con:
        _print_json(integrate.union_tables(con, args.tables, args.into, replace=args.replace), args.lang)


def run_join(args: argparse.Namespace) -> None:
    """JSON: rows and the join report per master table."""
    with workspace_of(args).connect() as con:
        roles = get_roles(con, args.table, role_overrides(args))
        _print_json(integrate.join_tables(con, args.table, args.customers, args.products, args.into,
                                          replace=args.replace, roles=roles), args.lang)
