"""``cohorts``: retention and revenue by first-purchase cohort, with report files."""

from __future__ import annotations

import argparse

from crm_core.cli import add_role_options, add_run_options, run_analysis
from crm_core.contract import add_config_options
from crm_core.segment.configs import COHORTS, CohortConfig


def register(subparsers, common: argparse.ArgumentParser) -> None:
    """Add ``cohorts``."""
    parser = subparsers.add_parser(
        "cohorts", parents=[common], help="retention and revenue by first-purchase cohort",
        description="Writes cohorts.csv (cohort, period, cohort_size, customers, retention, revenue, "
                    "revenue_per_customer), cohort_report.xlsx and cohort_report.html and keeps the run "
                    "(table cohorts_<table>_<n>, view 'cohorts').")
    parser.add_argument("table", metavar="TABLE", help="purchase log (or event log) in the workspace")
    add_config_options(parser, CohortConfig)
    add_run_options(parser, COHORTS)
    add_role_options(parser, skip=("description", "label", "order_id", "product_id"))
    parser.set_defaults(func=run_cohorts)


def run_cohorts(args: argparse.Namespace) -> None:
    """Compute the cohorts, keep the run, write the files, print the summary JSON."""
    from crm_core.segment import cohorts  # plotly (the report): only for a run, not for --help

    run_analysis(args, cohorts, CohortConfig)
