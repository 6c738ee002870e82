"""``forecast``: sales forecasts with honest accuracy, from the terminal."""

from __future__ import annotations

import argparse

from crm_core.cli import add_role_options, add_run_options, run_analysis
from crm_core.contract import add_config_options
from crm_core.forecast.configs import FORECAST, ForecastConfig


def register(subparsers, common: argparse.ArgumentParser) -> None:
    """Add ``forecast``."""
    fc = subparsers.add_parser(
        "forecast", parents=[common], help="forecast sales per period, candidates ranked by a backtest",
        description="Writes forecast.csv (period, forecast, lower, upper …) and backtest.json and keeps "
                    "the run in the workspace (table forecast_<table>_<n>, view 'forecast').")
    fc.add_argument("table", metavar="TABLE", help="transaction table in the workspace")
    add_config_options(fc, ForecastConfig)
    add_run_options(fc, FORECAST)
    add_role_options(fc, skip=("label", "description", "product_id"))
    fc.set_defaults(func=run_forecast)


def run_forecast(args: argparse.Namespace) -> None:
    """Forecast, keep the run, write forecast.csv and backtest.json, print the summary JSON."""
    from crm_core.forecast import run as forecasting  # the models: only for a run, not for --help

    run_analysis(args, forecasting, ForecastConfig)
