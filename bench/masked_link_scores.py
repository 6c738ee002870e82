"""Link masked synthetic exports (the data of ``tests/link/test_run.py::test_masked_exports_still_link``) and
print the scores, to compare trees: left80 keeps only a masked birth date's year.
Run from a tree: ``PYTHONPATH=. python bench/masked_link_scores.py LABEL``."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from crm_core.link import synthetic
from crm_core.link.run import run
from crm_core.load.reader import load_file
from crm_core.workspace.store import Workspace


def main(label: str) -> None:
    exports = synthetic.exports(1500, seed=7)
    with tempfile.TemporaryDirectory() as tmp, Workspace(Path(tmp) / "ws").connect() as con:
        for name, frame in exports.tables.items():
            frame.to_csv(Path(tmp) / f"{name}.csv", index=False)
            load_file(con, Path(tmp) / f"{name}.csv", mask_pii=True)
        result = run(con, list(exports.tables))
    scores = synthetic.pairwise_scores(exports.truth, result.identity)
    print(label, {k: round(v, 4) for k, v in scores.items()})


if __name__ == "__main__":
    main(sys.argv[1])
