"""A differing e-mail is weighed by how often one person's e-mails differ between *these two* exports:
a web shop's double sign-ups use a new e-mail, a support desk's contacts seldom do (docs/link.md, link31)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from crm_core.link import synthetic
from crm_core.link.run import run
from crm_core.workspace import store

WEB, DESK = "web_customers", "support_contacts"


def _double_sign_ups_with_a_new_email(exports: synthetic.Exports) -> synthetic.Exports:
    """The web shop's second record of a person under an e-mail of its own, as a shop's double
    sign-up is (a shop refuses an e-mail it already holds)."""
    web = exports.tables[WEB].copy()
    mine = exports.truth[exports.truth["table"] == WEB].reset_index(drop=True)
    again = mine.duplicated("person").to_numpy()
    column = next(c for c in web.columns if "mail" in c.lower())
    web.loc[again, column] = [f"signup{i}@example.com" for i in range(int(again.sum()))]
    return synthetic.Exports({**exports.tables, WEB: web}, exports.truth)


def _true_share_differing(exports: synthetic.Exports, records: pd.DataFrame) -> float:
    """Among the true desk–web pairs with both e-mails, the share whose e-mails differ."""
    keyed = records.merge(exports.truth.rename(columns={"table": "src"}), on=["src", "record_id"])
    both = keyed.merge(keyed, on="person")
    both = both[(both["src_x"] == DESK) & (both["src_y"] == WEB)
                & both["email_n_x"].notna() & both["email_n_y"].notna()]
    return float((both["email_n_x"] != both["email_n_y"]).mean())


def test_a_desk_contacts_differing_email_is_weighed_by_the_desks_own_matches(con):
    exports = _double_sign_ups_with_a_new_email(synthetic.exports(1500, seed=5))
    for name, frame in exports.tables.items():
        store.write_frame(con, name, frame)
    scored = run(con, list(exports.tables)).scored
    pairs, u_differs = scored.pairs, scored.model.u["email"][0]
    sides = (f"{DESK} | {WEB}", f"{WEB} | {WEB}")
    src = scored.records.set_index("rid")["src"]
    ends = zip(src.reindex(pairs["l"]), src.reindex(pairs["r"]), strict=True)
    differs = pairs.assign(stratum=[" | ".join(sorted(t)) for t in ends])[pairs["g_email"] == 0]
    m_used = {s: float(np.exp2(differs.loc[differs["stratum"] == s, "w_email"]).median()) * u_differs
              for s in sides}
    judged = _true_share_differing(exports, scored.records)
    assert abs(m_used[f"{DESK} | {WEB}"] - judged) < 0.08, (m_used, judged)
    assert m_used[f"{WEB} | {WEB}"] > 0.8  # a double sign-up's new e-mail says nothing against it
