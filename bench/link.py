"""Linking time and peak memory at 100k and 1M records (generated multi-channel exports).

    python bench/link.py [RECORDS ...]     (default: 100000 1000000)

Each size runs in a fresh process so peak memory (ru_maxrss) is that size's own; the machine
is shared, so read ratios between sizes rather than absolute seconds.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RECORDS_PER_PERSON = 1.75


def one(records: int) -> dict:
    from crm_core.link import synthetic
    from crm_core.link.run import run
    from crm_core.workspace import store
    from crm_core.workspace.store import Workspace

    exports = synthetic.exports(int(records / RECORDS_PER_PERSON), seed=1)
    with tempfile.TemporaryDirectory() as folder, Workspace(folder).connect() as con:
        for name, frame in exports.tables.items():
            store.write_frame(con, name, frame)
        start = time.perf_counter()
        result = run(con, list(exports.tables))
        seconds = time.perf_counter() - start
    scores = synthetic.pairwise_scores(exports.truth, result.identity)
    return {"records": len(exports.truth), "seconds": round(seconds, 1),
            "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "candidate_pairs": result.scored.candidates,
            **{k: round(v, 4) if isinstance(v, float) else v for k, v in scores.items()}}


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(one(int(sys.argv[2]))))
        sys.exit(0)
    for size in [int(a) for a in sys.argv[1:]] or [100_000, 1_000_000]:
        out = subprocess.run([sys.executable, __file__, "--one", str(size)], capture_output=True, text=True,
                             cwd=Path(__file__).resolve().parents[1])
        print(out.stdout.strip() or out.stderr.strip().splitlines()[-1])
