"""``forecast``, ``churn`` and ``spend``: forecasts with honest accuracy, from the terminal."""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

from crm_core.cli import (
    add_role_options,
    add_run_options,
    engine_connection,
    finish,
    role_overrides,
    workspace_of,
)
from crm_core.contract import add_config_options, config_from_args
from crm_core.customers import churn, spend
from crm_core.errors import CrmError
from crm_core.forecast.run import ForecastConfig, ForecastRun, run
from crm_core.report.files import csv_bytes
from crm_core.workspace import store
from crm_core.workspace.roles import get_roles


def register(subparsers, common: argparse.ArgumentParser) -> None:
    """Add ``forecast``, ``churn`` and ``spend``."""
    fc = subparsers.add_parser(
        "forecast", parents=[common], help="forecast sales per period, candidates ranked by a backtest",
        description="Writes forecast.csv (period, forecast, lower, upper …) and backtest.json and keeps "
                    "the run in the workspace (table forecast_<table>_<n>, view 'forecast').")
    fc.add_argument("table", metavar="TABLE", help="transaction table in the workspace")
    add_config_options(fc, ForecastConfig)
    add_run_options(fc, ForecastRun.kind)
    add_role_options(fc, skip=("label", "description", "product_id"))
    fc.set_defaults(func=run_forecast)

    ch = subparsers.add_parser("churn", parents=[common], help="churn risk per customer")
    ch.add_argument("table")
    ch.add_argument("--inactive-days", type=int, default=None,
                    help="derive the label: no purchase in the next N days (default 90)")
    ch.add_argument("--score", metavar="OTHER_TABLE", help="score the customers of another table")
    _out_option(ch)
    add_role_options(ch)
    ch.set_defaults(func=run_churn)

    sp = subparsers.add_parser("spend", parents=[common], help="expected spend per customer over N days")
    sp.add_argument("table")
    sp.add_argument("--days", type=int, default=90, help="window length in days (default 90)")
    _out_option(sp)
    add_role_options(sp, skip=("label", "description"))
    sp.set_defaults(func=run_spend)


def _out_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", default=None,
                        help="folder for the output files (default: WORKSPACE/exports)")


def _out_dir(args: argparse.Namespace) -> Path:
    folder = Path(args.out) if args.out else workspace_of(args).folder / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def clean_json(value):
    """JSON-safe: NaN and infinities become null, numpy scalars plain numbers."""
    if isinstance(value, dict):
        return {str(k): clean_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean_json(v) for v in value]
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _write_json(path: Path, payload: dict) -> None:
    path.write_text(json.dumps(clean_json(payload), ensure_ascii=False, indent=1, default=str),
                    encoding="utf-8")


def _last_line(payload: dict) -> None:
    print(json.dumps(clean_json(payload), ensure_ascii=False, default=str))


def run_forecast(args: argparse.Namespace) -> None:
    """Forecast, keep the run, write forecast.csv and backtest.json, print the summary JSON."""
    config = config_from_args(ForecastConfig, args)
    with workspace_of(args).connect() as con:
        result = run(engine_connection(args, con), args.table, config, roles=role_overrides(args),
                     lang=args.lang)
        for note in result.notes:
            print(f"note: {note}")
        finish(args, con, result)


def run_churn(args: argparse.Namespace) -> None:
    """Write churn_scores.csv and churn_metrics.json; the table ``churn_scores`` too."""
    overrides = role_overrides(args)
    label_col = overrides.pop("label", None)
    if label_col and args.inactive_days:
        raise CrmError("Use either --label-col (a churn column) or --inactive-days (derive it), not both.")
    with workspace_of(args).connect() as con:
        roles = get_roles(con, args.table, overrides)
        score_roles = get_roles(con, args.score, overrides) if args.score else None
        result = churn.train_churn(con, args.table, roles, label_col, args.inactive_days,
                                   args.score, score_roles)
        store.write_frame(con, "churn_scores", result.scores, source=args.table, kind="result",
                          parent=args.table, replace=True)
    out = _out_dir(args)
    (out / "churn_scores.csv").write_bytes(csv_bytes(result.scores))
    _write_json(out / "churn_metrics.json", {**result.metrics,
                                             "thresholds": result.thresholds.to_dict("records"),
                                             "calibration": result.calibration.to_dict("records")})
    print(f"wrote {out / 'churn_scores.csv'} and {out / 'churn_metrics.json'}")
    _last_line(churn.summary(result))


def run_spend(args: argparse.Namespace) -> None:
    """Write spend_scores.csv and spend_metrics.json (with the decile table)."""
    with workspace_of(args).connect() as con:
        roles = get_roles(con, args.table, role_overrides(args))
        result = spend.train_spend(con, args.table, roles, args.days)
        store.write_frame(con, "spend_scores", result.scores, source=args.table, kind="result",
                          parent=args.table, replace=True)
    out = _out_dir(args)
    (out / "spend_scores.csv").write_bytes(csv_bytes(result.scores))
    _write_json(out / "spend_metrics.json", {**result.metrics, "deciles": result.deciles.to_dict("records")})
    print(f"wrote {out / 'spend_scores.csv'} and {out / 'spend_metrics.json'}")
    _last_line(spend.summary(result))
