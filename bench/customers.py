"""Benchmark: BTYD fitting and scoring on simulated customers (100k and 1M by default).

For each size: simulate a BG/NBD population at the published CDNOW parameters (Fader, Hardie &
Lee 2005) with Gamma-Gamma spend, then time and measure the peak memory (tracemalloc: numpy
allocations) of

* BG/NBD fit (maximum likelihood on the pooled (x, t_x, T) rows) and Gamma-Gamma fit (the
  first purchase with its own shape and scale);
* scoring: P(alive), expected purchases and expected spend over 39 weeks;
* per-customer 90% intervals and the total's (draws pooled over identical (x, T));
* Pareto/NBD fit (the second BTYD candidate), on the 100k size only unless ``--pareto-all``.

The reference in the same run is one pass of the BG/NBD log-likelihood over every customer,
so the ratios travel between machines. Run: ``python bench/customers.py [--sizes 100000 1000000]``.
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crm_core.customers import btyd as B  # noqa: E402
from crm_core.customers import btyd_simulate as S  # noqa: E402

CDNOW = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}


def measured(label: str, work):
    """Run ``work`` once; print seconds and peak traced memory; return its result and seconds."""
    tracemalloc.start()
    started = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    print(f"  {label:42s} {seconds:8.2f} s   peak {peak:8.1f} MiB")
    return result, seconds


def population(n: int) -> B.Summary:
    """CDNOW-like: first purchases over 12 weeks, observed to week 39, times in whole days (as
    a purchase log has them); first orders smaller and more varied than repeats."""
    ages = np.round((39 - np.random.default_rng(1).uniform(0, 12, n)) * 7) / 7
    s = S.simulate_bgnbd(n, **CDNOW, T=ages, seed=2)
    t_x = np.floor(s.t_x * 7) / 7
    m, first, _ = S.simulate_first_and_repeats(s.x, 6.25, 3.74, 15.44, first_shape=3.0, first_scale=1.2,
                                               seed=3)
    return B.Summary(s.x, t_x, s.T, m, first)


def bench(n: int, pareto: bool) -> None:
    print(f"\n{n:,} customers")
    s, _ = measured("simulate (not part of the product)", lambda: population(n))
    _, reference = measured("reference: one BG/NBD likelihood pass",
                            lambda: B.bgnbd_loglik(list(CDNOW.values()), s.x, s.t_x, s.T).sum())
    bg, fit_bg = measured("BG/NBD fit", lambda: B.BetaGeo.fit(s))
    gg, fit_gg = measured("Gamma-Gamma fit", lambda: B.GammaGamma.fit(s))
    _, score = measured("score: P(alive), purchases, spend (39 wk)",
                        lambda: (bg.p_alive(s), bg.expected(s, 39.0) * gg.mean_spend(s)))
    _, intervals = measured("90% intervals (400 draws per (x, T))",
                            lambda: B.spend_intervals(bg, gg, s, 39.0))
    if pareto:
        measured("Pareto/NBD fit", lambda: B.ParetoNBD.fit(s))
    total = fit_bg + fit_gg + score
    print(f"  fitted BG/NBD {', '.join(f'{k}={v:.3f}' for k, v in bg.params().items())} "
          f"(true {', '.join(f'{k}={v}' for k, v in CDNOW.items())})")
    print(f"  fitted Gamma-Gamma {', '.join(f'{k}={v:.3f}' for k, v in gg.params().items())} "
          f"(true p=6.25, q=3.74, gamma=15.44, first_shape=3.0, first_scale=1.2)")
    print(f"  fit + score {total:.2f} s ({total / max(reference, 1e-6):,.0f}x one numpy pass); "
          f"with intervals {total + intervals:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--pareto-all", action="store_true", help="fit Pareto/NBD at every size")
    args = parser.parse_args()
    for i, n in enumerate(args.sizes):
        bench(n, pareto=args.pareto_all or i == 0)


if __name__ == "__main__":
    main()
