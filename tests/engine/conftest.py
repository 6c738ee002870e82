"""One local Spark session per test process (starting one takes seconds)."""

from __future__ import annotations

import os
import shutil

import pytest


@pytest.fixture(scope="session")
def spark():
    """A local Spark session, or a skip where Spark cannot run (a failure when CI requires it)."""
    missing = None
    try:
        import pyspark  # noqa: F401
    except ImportError:
        missing = "pyspark is not installed (pip install -r requirements-spark.txt)"
    if missing is None and not shutil.which("java"):
        missing = "no Java runtime"
    if missing:
        if os.environ.get("CRM_REQUIRE_SPARK"):
            pytest.fail(f"Spark tests are required here but cannot run: {missing}")
        pytest.skip(missing)
    from crm_core.engine.spark import spark_session

    session = spark_session()
    yield session
    session.stop()
