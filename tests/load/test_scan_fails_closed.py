"""left81: an upload the PII pre-scan cannot read loaded with no masking offered (the page read a refused
scan as "no personal data"). A load under masking reads every row itself: it masks, or it refuses naming
the file and leaves the workspace as it was."""

from __future__ import annotations

import pytest

from crm_core.errors import CrmError
from crm_core.load.reader import load_file
from crm_core.load.scan import scan_file
from crm_core.workspace import store
from tests.conftest import DATA

UNCLOSED = DATA / "hubspot_contacts_unclosed_quote.csv"


def test_a_masked_load_of_a_file_the_scan_cannot_read_refuses_and_keeps_the_workspace(ws):
    with pytest.raises(CrmError):
        scan_file(UNCLOSED, work_folder=ws.folder)
    with ws.connect() as con:
        load_file(con, DATA / "hubspot_contacts_excerpt.csv", "contacts", mask_pii=True)
        with pytest.raises(CrmError, match=UNCLOSED.name):
            load_file(con, UNCLOSED, "contacts", replace=True, mask_pii=True)
        assert con.execute('SELECT count(*) FROM "contacts"').fetchone()[0] == 120
        assert not store.table_exists(con, "hubspot_contacts_unclosed_quote")
