"""``segment``: RFM + KMeans segmentation of a transaction table, with report files."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from crm_core.cli import add_role_options, role_overrides, workspace_of
from crm_core.errors import CrmError
from crm_core.i18n import LANGUAGES
from crm_core.segment.features import CORE_FEATURES, FEATURES
from crm_core.segment.run import SegmentConfig, run_segmentation, save_segments, write_reports

DEFAULT_OUT = "exports"
"""Reports go to ``<workspace>/exports`` unless ``--out`` names another folder."""


def register(subparsers, common: argparse.ArgumentParser) -> None:
    """Add ``segment``."""
    parser = subparsers.add_parser(
        "segment", parents=[common], help="RFM scores and KMeans segments with reports",
        description="Writes segments.csv, segment_report.xlsx and segment_report.html "
                    "(default folder: <workspace>/exports) and the workspace table 'segments'.")
    parser.add_argument("table", metavar="TABLE", help="transaction table in the workspace")
    parser.add_argument("--k", default="auto", help="number of segments, or 'auto' (default)")
    parser.add_argument("--out", default=None, metavar="DIR",
                        help="folder for the report files (default: <workspace>/exports)")
    parser.add_argument("--features", default=",".join(CORE_FEATURES),
                        help=f"comma-separated features for KMeans, from: {', '.join(FEATURES)}")
    parser.add_argument("--transform", choices=("log", "quantile"), default="log",
                        help="how features are tamed before scaling (default: log)")
    parser.add_argument("--observation-end", default=None, metavar="YYYY-MM-DD",
                        help="ignore orders after this day; recency counts to the day after it")
    parser.add_argument("--customers-table", default=None, metavar="TABLE",
                        help="customer master table to join columns from")
    parser.add_argument("--numeric-cols", default="", metavar="A,B",
                        help="numeric columns of --customers-table to cluster on (e.g. age)")
    parser.add_argument("--categorical-cols", default="", metavar="A,B",
                        help="categorical columns of --customers-table to cluster on (e.g. region)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--lang", choices=tuple(LANGUAGES), default="en", help="report language")
    add_role_options(parser, skip=("description", "label"))
    parser.set_defaults(func=run_segment)


def _k(value: str) -> int | str:
    if value.strip().lower() == "auto":
        return "auto"
    try:
        k = int(value)
    except ValueError:
        raise CrmError(f"--k must be 'auto' or a whole number, not '{value}'.") from None
    if k < 1:
        raise CrmError("--k must be at least 1.")
    return k


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise CrmError(f"--observation-end must be a date like 2025-12-31, not '{value}'.") from None


def _names(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip())


def config_from_args(args: argparse.Namespace) -> SegmentConfig:
    """The run configuration the flags describe."""
    if (args.numeric_cols or args.categorical_cols) and not args.customers_table:
        raise CrmError("--numeric-cols and --categorical-cols need --customers-table.")
    return SegmentConfig(k=_k(args.k), features=_names(args.features), transform=args.transform,
                         observation_end=_date(args.observation_end),
                         customers_table=args.customers_table,
                         numeric_attributes=_names(args.numeric_cols),
                         categorical_attributes=_names(args.categorical_cols), random_state=args.seed)


def run_segment(args: argparse.Namespace) -> None:
    """Segment, write the ``segments`` table and the three files, print the summary JSON."""
    config = config_from_args(args)
    ws = workspace_of(args)
    with ws.connect() as con:
        run = run_segmentation(con, args.table, config, role_overrides(args), lang=args.lang)
        save_segments(con, run)
    paths = write_reports(run, Path(args.out) if args.out else ws.folder / DEFAULT_OUT)
    summary = run.summary() | {"files": {kind: str(path) for kind, path in paths.items()}}
    print(json.dumps(summary, ensure_ascii=False, default=str))
