"""Names that arrive masked: 饿了么 exports its buyers as 王** or 孙先生, so the table shows names that
tell nobody apart. Said at load (left74), the analyst knows why Link and Customer 360 match no one by
them; unsaid, a name search found nobody and ``--mask-pii`` listed other columns as the masked ones."""

from __future__ import annotations

import duckdb

from crm_core.i18n import Listing, Sentence, quoted_name
from crm_core.workspace import store
from crm_core.workspace.role_names import name_candidates
from crm_core.workspace.role_values import masked_values, says_nobody
from crm_core.workspace.sqlutil import qi


def platform_masked_note(con: duckdb.DuckDBPyConnection, table: str) -> Sentence | None:
    """The note naming the name columns the exporting platform masked, with one mask as written; None
    when every name column holds names."""
    masked = [c for c, dtype in store.columns_of(con, table)
              if dtype == "VARCHAR" and "name" in name_candidates(c) and says_nobody(con, table, c)]
    if not masked:
        return None
    example = next((e for e in (masked_values(con, table, c)[1] for c in masked) if e), None)
    if example is None:  # 孙先生 / 匿名用户 only, no 王**
        example = con.execute(f"SELECT min(trim({qi(masked[0])})) FROM {qi(table)}").fetchone()[0]
    return Sentence("load.note.platform_masked_names", columns=Listing(quoted_name(c) for c in masked),
                    example=example)
