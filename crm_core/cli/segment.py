"""``segment``: RFM + KMeans segmentation of a transaction table, with report files."""

from __future__ import annotations

import argparse

from crm_core.cli import add_role_options, add_run_options, run_analysis
from crm_core.contract import add_config_options
from crm_core.segment.configs import SEGMENTS, SegmentConfig


def register(subparsers, common: argparse.ArgumentParser) -> None:
    """Add ``segment``."""
    parser = subparsers.add_parser(
        "segment", parents=[common], help="RFM scores and KMeans segments with reports",
        description="Writes segments.csv, segment_report.xlsx and segment_report.html "
                    "and keeps the run in the workspace (table segments_<table>_<n>, view 'segments').")
    parser.add_argument("table", metavar="TABLE", help="transaction table in the workspace")
    add_config_options(parser, SegmentConfig)
    add_run_options(parser, SEGMENTS)
    add_role_options(parser, skip=("description", "label"))
    parser.set_defaults(func=run_segment)


def run_segment(args: argparse.Namespace) -> None:
    """Segment, keep the run, write the three files, print the summary JSON."""
    from crm_core.segment import run as segmentation  # scikit-learn: only for a run, not for --help

    run_analysis(args, segmentation, SegmentConfig)
