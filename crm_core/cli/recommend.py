"""``recommend``: top-K products per customer, checked on a held-out period against popularity."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from crm_core.cli import add_role_options, role_overrides, workspace_of
from crm_core.errors import CrmError
from crm_core.recommend.model import METHODS, WEIGHTINGS
from crm_core.recommend.run import RecommendParams, run
from crm_core.report.files import csv_bytes
from crm_core.workspace.store import write_frame

SUMMARY_KEYS = ("hit_rate", "precision", "recall", "coverage", "popularity_hit_rate",
                "popularity_precision", "popularity_recall", "popularity_coverage", "lift_hit_rate",
                "customers_evaluated", "customers", "products", "method_used", "popularity_weight_used")
DEFAULTS = RecommendParams()


def register(subparsers, common: argparse.ArgumentParser) -> None:
    """Add ``recommend``."""
    cmd = subparsers.add_parser("recommend", parents=[common],
                                help="recommend products per customer and evaluate against popularity")
    cmd.add_argument("table", help="transaction table (customer, product, date)")
    cmd.add_argument("--top", type=int, default=DEFAULTS.top, metavar="K", help="products per customer")
    cmd.add_argument("--include-bought", action="store_true",
                     help="allow products the customer already bought (repeat purchases)")
    cmd.add_argument("--out", default=None, metavar="DIR", help="folder for the files (default: workspace)")
    cmd.add_argument("--products", default=None, metavar="TABLE",
                     help="products table with names/descriptions (default: found in the workspace)")
    cmd.add_argument("--method", choices=METHODS, default=DEFAULTS.method,
                     help="cf = bought together, content = similar text, blend = both (default)")
    cmd.add_argument("--weight", type=float, default=DEFAULTS.weight,
                     help="share of co-purchase similarity in the blend (0..1)")
    cmd.add_argument("--holdout-days", type=int, default=DEFAULTS.holdout_days, metavar="N",
                     help="last N days hidden for the evaluation")
    cmd.add_argument("--lookback-days", type=int, default=None, metavar="N",
                     help="learn from the last N days only")
    cmd.add_argument("--category", action="append", default=[], metavar="NAME",
                     help="recommend only products of this category (repeatable)")
    cmd.add_argument("--min-support", type=int, default=DEFAULTS.min_support, metavar="N",
                     help="minimum number of buyers for a product to be recommended by co-purchase")
    cmd.add_argument("--neighbors", type=int, default=DEFAULTS.n_neighbors, metavar="N",
                     help="similar products kept per product")
    cmd.add_argument("--popularity-weight", type=float, default=None, metavar="W",
                     help="share of overall popularity in each score (0..1); default: the best of "
                          "0, 0.1, 0.3, 0.6 on the held-out days")
    cmd.add_argument("--recency-half-life", type=float, default=None, metavar="DAYS",
                     help="older purchases count half as much after this many days")
    cmd.add_argument("--idf", action="store_true", help="weigh rarely bought neighbours up")
    cmd.add_argument("--weighting", choices=WEIGHTINGS, default=DEFAULTS.weighting,
                     help="how repeated purchases count")
    cmd.add_argument("--no-table", action="store_true",
                     help="do not write the 'recommendations' table to the workspace")
    add_role_options(cmd, skip=("amount", "label", "description"))
    cmd.set_defaults(func=run_recommend)


def params_from(args: argparse.Namespace) -> RecommendParams:
    """The analyst's options as parameters, checked."""
    if args.top < 1:
        raise CrmError("--top must be at least 1.")
    return RecommendParams(method=args.method, weight=args.weight, top=args.top,
                           include_bought=args.include_bought, holdout_days=args.holdout_days,
                           lookback_days=args.lookback_days, min_support=args.min_support,
                           categories=tuple(args.category), n_neighbors=args.neighbors,
                           weighting=args.weighting, tune=args.popularity_weight is None,
                           recency_half_life_days=args.recency_half_life, idf=args.idf,
                           popularity_weight=(DEFAULTS.popularity_weight if args.popularity_weight is None
                                              else args.popularity_weight))


def run_recommend(args: argparse.Namespace) -> None:
    """Write recommendations.csv and rec_eval.json; print the evaluation summary as JSON."""
    ws = workspace_of(args)
    params = params_from(args)
    with ws.connect() as con:
        result = run(con, args.table, params, overrides=role_overrides(args),
                     products_table=args.products)
        if not args.no_table:
            write_frame(con, "recommendations", result.recommendations, replace=True,
                        source=args.table, kind="result", parent=args.table,
                        run_params=json.dumps(params.__dict__, default=list))
    out = Path(args.out) if args.out else ws.folder
    out.mkdir(parents=True, exist_ok=True)
    (out / "recommendations.csv").write_bytes(csv_bytes(result.recommendations))
    (out / "rec_eval.json").write_text(json.dumps(result.evaluation, indent=2, ensure_ascii=False),
                                       encoding="utf-8")
    print(f"wrote {out / 'recommendations.csv'} ({len(result.recommendations):,} rows) "
          f"and {out / 'rec_eval.json'}")
    print(json.dumps({k: result.evaluation.get(k) for k in SUMMARY_KEYS if k in result.evaluation}
                     | ({"skipped": result.evaluation["skipped"]} if "skipped" in result.evaluation else {}),
                     ensure_ascii=False))
