"""Which exports the Link page opens with chosen (walk37)."""

from __future__ import annotations

from pathlib import Path

from crm_core.load.reader import load_file
from tests.conftest import DATA
from tests.ui.apptest import page_opener

_link = page_opener("pages/link.py")


def test_a_contact_list_without_a_customer_word_is_chosen_beside_one_with_it(ws):
    """walk37: Kit's ``subscribers_export_…`` and Ghost's ``members`` were loaded to be linked, and the page
    opened with ``members`` alone: its name holds "member", so the other contact list, named by its own
    product's word, was dropped, and "Link records" deduplicated one list."""
    files = ("kit_subscribers_excerpt.csv", "ghost_members_excerpt.csv")
    with ws.connect() as con:
        for name in files:
            load_file(con, DATA / name)
    at = _link(ws.folder)
    assert not at.exception
    assert sorted(at.multiselect(key="link_tables").value) == sorted(Path(name).stem for name in files)
