"""Shared fixtures: a fresh workspace per test, the sample data loaded once per session, a
Complete-Journey-shaped purchase log generated once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from crm_core.load.sample import load_sample
from crm_core.workspace.store import Workspace
from tests.journey import write_journey

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def ws(tmp_path) -> Workspace:
    """An empty workspace in a temporary folder."""
    return Workspace(tmp_path / "ws")


@pytest.fixture
def con(ws):
    """An open connection to an empty workspace."""
    with ws.connect() as connection:
        yield connection


@pytest.fixture(scope="session")
def sample_ws_template(tmp_path_factory) -> Path:
    """The sample data loaded once; tests copy the folder instead of reloading."""
    folder = tmp_path_factory.mktemp("sample_ws")
    with Workspace(folder).connect() as connection:
        load_sample(connection)
    return folder


@pytest.fixture
def sample_ws(sample_ws_template, tmp_path) -> Workspace:
    """A private copy of the sample workspace, free to modify."""
    folder = tmp_path / "sample_ws"
    shutil.copytree(sample_ws_template, folder)
    return Workspace(folder)


@pytest.fixture(scope="session")
def journey(tmp_path_factory) -> Path:
    """A generated ``transactions.parquet`` shaped like Dunnhumby's Complete Journey
    (:mod:`tests.journey`): 800 households over 2017, BIGINT ids, timestamps, a few returns."""
    return write_journey(tmp_path_factory.mktemp("completejourney") / "transactions.parquet")
