"""The bundled sample data set (``sample_data/``), loadable with one click or command."""

from __future__ import annotations

from pathlib import Path

import duckdb

from crm_core.errors import CrmError
from crm_core.i18n import Listing, Sentence
from crm_core.load.reader import LoadResult, Progress, load_file

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "sample_data"
SAMPLE_FILES: tuple[str, ...] = (
    "customers.csv", "products.csv", "orders.csv", "store_sales_cn.csv", "faq.csv",
    "support_questions.csv",
)


def load_sample(con: duckdb.DuckDBPyConnection, progress: Progress | None = None) -> list[LoadResult]:
    """Load every sample file (replacing earlier sample tables of the same names)."""
    report = progress or (lambda _f, _m: None)
    missing = [f for f in SAMPLE_FILES if not (SAMPLE_DIR / f).exists()]
    if missing:
        raise CrmError(Sentence("load.error.sample_missing", files=Listing(missing)))
    results = []
    for i, file_name in enumerate(SAMPLE_FILES):
        report(i / len(SAMPLE_FILES), file_name)
        results += load_file(con, SAMPLE_DIR / file_name, replace=True)
    report(1.0, "done")
    return results
