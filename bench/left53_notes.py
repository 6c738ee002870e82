"""left53's before → after: how many times each note of a run just made and kept is said on its page
(above, and again under "Past runs (1)"), and how many notes each kind of run keeps for Past runs at all.
Run from the repository: ``python bench/left53_notes.py`` (temporary workspaces; nothing is kept)."""

import pathlib
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

from streamlit.testing.v1 import AppTest  # noqa: E402

from crm_core.i18n import say  # noqa: E402
from crm_core.load.reader import load_file  # noqa: E402
from crm_core.workspace import runs  # noqa: E402
from crm_core.workspace.store import Workspace  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[1]
PAGES = {"forecast": ("shopify_orders_excerpt.csv", "fc_run"),
         "segments": ("pos_journal_excerpt_zh.csv", None)}


def times_said(kind: str, file: str, button: str | None) -> dict[str, int]:
    """Each note the run said, with how many boxes and captions on its page hold it once it was run."""
    folder = pathlib.Path(tempfile.mkdtemp()) / "ws"
    with Workspace(folder).connect() as con:
        load_file(con, ROOT / "tests" / "data" / file, "t")
    at = AppTest.from_file(str(ROOT / "pages" / f"{kind}.py"), default_timeout=120)
    at.session_state["workspace_dir"], at.session_state["lang"] = str(folder), "en"
    at.run()
    (at.button(key=button) if button else at.button[0]).click().run()
    with Workspace(folder).connect() as con:
        (record,) = runs.list_runs(con, kind)
        said = [str(say(n, "en")).rstrip(".") for n in _run_notes(con, kind)]
    shown = [e.value for e in [*at.caption, *at.info]]
    counted = {note[:60]: sum(note in s for s in shown) for note in said}
    return counted | {"kept notes": len(runs.notes(record, "en"))}


def _run_notes(con, kind: str) -> tuple:
    """The notes the analysis says of its run (what the page shows above Past runs)."""
    from crm_core.forecast import run as forecast
    from crm_core.segment import run as segment

    return {"forecast": forecast, "segments": segment}[kind].run(con, "t", lang="en").notes


for page, (data, key) in PAGES.items():
    print(page, data, times_said(page, data, key))
