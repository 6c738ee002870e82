"""``churn`` and ``spend``: customer risk and value as of a cutoff, from the terminal."""

from __future__ import annotations

import argparse

from crm_core.cli import add_role_options, add_run_options, run_analysis
from crm_core.contract import add_config_options
from crm_core.customers.configs import CHURN, SPEND, ChurnConfig, SpendConfig


def register(subparsers, common: argparse.ArgumentParser) -> None:
    """Add ``churn`` and ``spend``."""
    ch = subparsers.add_parser(
        "churn", parents=[common],
        help="churn risk per customer as of a cutoff, with at-risk and win-back lists",
        description="Writes churn_scores.csv, at_risk.csv, win_back.csv and churn_metrics.json and keeps "
                    "the run (table churn_scores_<table>_<n>, view 'churn_scores'). The label is "
                    "--label-col, else no purchase in --inactive-days after the cutoff.")
    ch.add_argument("table", metavar="TABLE",
                    help="transaction table, customer table with a label, or customer summary (first and "
                         "last purchase, purchase count)")
    add_config_options(ch, ChurnConfig)
    add_run_options(ch, CHURN)
    add_role_options(ch)
    ch.set_defaults(func=run_churn)

    sp = subparsers.add_parser(
        "spend", parents=[common], help="expected spend per customer over the N days after a cutoff",
        description="Writes spend_scores.csv and spend_metrics.json and keeps the run (table "
                    "spend_scores_<table>_<n>, view 'spend_scores'). BG/NBD, Pareto/NBD + Gamma-Gamma, "
                    "gradient boosting, a blend and the naive rate compete in an out-of-time backtest.")
    sp.add_argument("table", metavar="TABLE",
                    help="transaction table, or customer summary (first and last purchase, purchase count, "
                         "money spent)")
    add_config_options(sp, SpendConfig)
    add_run_options(sp, SPEND)
    add_role_options(sp, skip=("label", "description"))
    sp.set_defaults(func=run_spend)


def run_churn(args: argparse.Namespace) -> None:
    """Score churn, keep the run, write the files, print the summary JSON."""
    from crm_core.customers import churn  # the models: only when a run is asked for, not for --help

    run_analysis(args, churn, ChurnConfig)


def run_spend(args: argparse.Namespace) -> None:
    """Score spend, keep the run, write the files, print the summary JSON."""
    from crm_core.customers import spend

    run_analysis(args, spend, SpendConfig)
