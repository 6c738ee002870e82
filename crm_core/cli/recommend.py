"""``recommend`` (top-K products per customer, judged on the log's last days) and
``basket`` (market-basket rules with support, confidence and lift)."""

from __future__ import annotations

import argparse

from crm_core.cli import add_role_options, add_run_options, run_analysis
from crm_core.contract import add_config_options
from crm_core.recommend.configs import BASKET, RECOMMEND, BasketConfig, RecommendConfig


def register(subparsers, common: argparse.ArgumentParser) -> None:
    """Add ``recommend`` and ``basket``."""
    cmd = subparsers.add_parser(
        "recommend", parents=[common], help="recommend products per customer, judged against popularity",
        description="Writes recommendations.csv (customer_id, rank, product_id, score + product "
                    "names) and rec_eval.json; keeps the run (view 'recommendations').")
    cmd.add_argument("table", metavar="TABLE", help="transaction table (customer, product, date)")
    add_config_options(cmd, RecommendConfig)
    cmd.add_argument("--include-bought", action="store_true",
                     help="allow products the customer already bought (same as --mode all)")
    add_run_options(cmd, RECOMMEND)
    add_role_options(cmd, skip=("label", "description"))
    cmd.set_defaults(func=run_recommend)

    rules = subparsers.add_parser(
        "basket", parents=[common], help="market-basket rules: bought together, with lift",
        description="Writes rules.csv (antecedent, consequent, support, confidence, lift + product "
                    "names) and category_rules.csv; keeps the run (view 'basket_rules').")
    rules.add_argument("table", metavar="TABLE", help="transaction table (basket or customer+date, product)")
    add_config_options(rules, BasketConfig)
    add_run_options(rules, BASKET)
    add_role_options(rules, skip=("label", "description"))
    rules.set_defaults(func=run_basket)


def run_recommend(args: argparse.Namespace) -> None:
    """Recommend, keep the run, write the two files, print the summary JSON."""
    from crm_core.recommend import run as recommend  # the models: only for a run, not for --help

    run_analysis(args, recommend, RecommendConfig, **({"mode": "all"} if args.include_bought else {}))


def run_basket(args: argparse.Namespace) -> None:
    """Rules, keep the run, write rules.csv, print the summary JSON."""
    from crm_core.recommend import basket

    run_analysis(args, basket, BasketConfig)
