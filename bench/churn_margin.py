"""What the resampled margins cost in a churn run: per size, the churn run's seconds, the seconds its
``resampled_margins`` (the PR AUC's and the calibration error's) took inside that run (timed where the run
calls it), their ratio to the run without it, and the PR AUC's margin itself (left55; walk32 added the
margin, 0.8 s at 20k customers, 8.2 s at 200k; walk33 the calibration error's).

Run: ``python bench/churn_margin.py`` (default 20,000 and 200,000 customers, ten lines each on
average) or ``--customers 20000 200000``; same command before and after a change to the margin.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.segment import generate  # noqa: E402
from crm_core.customers import churn, churn_model  # noqa: E402
from crm_core.load.reader import load_file  # noqa: E402
from crm_core.workspace.store import Workspace  # noqa: E402

spent: list[float] = []


def timed_margin(measure):
    """The run's own margin function, timed each time the run calls it."""
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        value = measure(*args, **kwargs)
        spent.append(time.perf_counter() - start)
        return value
    return wrapper


def bench(customers: int) -> None:
    with tempfile.TemporaryDirectory() as folder, Workspace(folder).connect() as con:
        log = Path(folder) / "log.csv"
        generate(log, customers * 10, customers)
        load_file(con, str(log), table="log")
        spent.clear()
        start = time.perf_counter()
        run = churn.run(con, "log", churn.ChurnConfig(inactive_days=90, cutoff=date(2024, 9, 30)))
        total = time.perf_counter() - start
    margin = sum(spent)
    print(f"{customers:,} customers ({run.metrics['validation_customers']:,} in validation): churn run "
          f"{total:.2f} s, margins {margin:.2f} s = {margin / (total - margin):.1%} of the run "
          f"without it; PR AUC {run.metrics['pr_auc']:.4f} ± {run.metrics['pr_auc_margin']:.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, nargs="+", default=[20_000, 200_000])
    args = parser.parse_args()
    churn_model.resampled_margins = timed_margin(churn_model.resampled_margins)
    for n in args.customers:
        bench(n)


if __name__ == "__main__":
    main()
