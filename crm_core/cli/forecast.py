"""``forecast``: sales forecasts with honest accuracy, from the terminal."""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

from crm_core.cli import add_role_options, role_overrides, workspace_of
from crm_core.errors import CrmError
from crm_core.forecast import model as forecast
from crm_core.report.files import csv_bytes
from crm_core.workspace import store
from crm_core.workspace.roles import get_roles


def register(subparsers, common: argparse.ArgumentParser) -> None:
    """Add ``forecast``."""
    fc = subparsers.add_parser("forecast", parents=[common],
                               help="forecast sales per period with a backtest against naive baselines")
    fc.add_argument("table")
    fc.add_argument("--freq", choices=sorted(forecast.FREQS), default="W", help="day, week or month")
    fc.add_argument("--horizon", type=int, default=8, help="periods to forecast (default 8)")
    fc.add_argument("--value-col", help="column to forecast instead of revenue / units / orders")
    fc.add_argument("--by", help="one forecast per value of this column, plus the total")
    fc.add_argument("--coverage", type=float, default=0.8, help="interval coverage (default 0.8)")
    fc.add_argument("--folds", type=int, default=4, help="backtest origins (default 4)")
    fc.add_argument("--holidays", default="", help="comma-separated dates to mark, e.g. 2025-12-25")
    _out_option(fc)
    add_role_options(fc, skip=("label", "description", "product_id"))
    fc.set_defaults(func=run_forecast)


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


def _holidays(text: str) -> list[str]:
    from datetime import date

    days = [d.strip() for d in text.split(",") if d.strip()]
    try:
        return [date.fromisoformat(d).isoformat() for d in days]
    except ValueError as exc:
        raise CrmError(f"--holidays takes dates like 2025-12-25 separated by commas ({exc}).") from exc


def run_forecast(args: argparse.Namespace) -> None:
    """Write forecast.csv and backtest.json; the table ``forecast`` in the workspace too."""
    with workspace_of(args).connect() as con:
        roles = get_roles(con, args.table, role_overrides(args))
        run = forecast.run_forecast(con, args.table, roles, args.freq, args.horizon, args.value_col,
                                    args.by, args.coverage, args.folds, _holidays(args.holidays))
        table = forecast.forecast_table(run, args.by)
        store.write_frame(con, "forecast", table, source=args.table, kind="result", parent=args.table,
                          replace=True)
    out = _out_dir(args)
    (out / "forecast.csv").write_bytes(csv_bytes(table))
    _write_json(out / "backtest.json", forecast.backtest_payload(run))
    for note in run.notes:
        print(f"note: {note}")
    print(f"wrote {out / 'forecast.csv'} and {out / 'backtest.json'}")
    _last_line(forecast.summary(run))
