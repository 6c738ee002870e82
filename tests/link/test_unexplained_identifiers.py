"""Two records elimination leaves unexplained and whose phone or e-mail differs: their namesakes that carry
the same identifiers differ from them too, so each competes only with the odds of a differing identifier
(docs/link.md, link32, link35, link36)."""

from __future__ import annotations

from crm_core.link import synthetic
from crm_core.link.run import run
from crm_core.workspace import store

UNEXPLAINED = ("others resolved", "none resolved")


def test_a_differing_identifier_between_unexplained_records_is_scored_as_often_as_it_is_one_person(con):
    exports = synthetic.exports(4000, seed=23, chinese_share=0.0)
    for name, frame in exports.tables.items():
        store.write_frame(con, name, frame)
    scored = run(con, list(exports.tables)).scored
    person = scored.records.merge(exports.truth.rename(columns={"table": "src"}), on=["src", "record_id"]) \
        .set_index("rid")["person"]
    pairs = scored.pairs
    differing = pairs[pairs["name_elimination"].isin(UNEXPLAINED) & (pairs["g_name"] == 9)
                      & ((pairs["g_phone"] == 0) | (pairs["g_email"] == 0))
                      & (pairs["g_phone"] <= 0) & (pairs["g_email"] <= 0)]
    same = person.reindex(differing["l"]).to_numpy() == person.reindex(differing["r"]).to_numpy()
    one_person = int(same.sum())
    expected = float(differing["match_probability"].sum())
    assert one_person >= 40, one_person  # enough pairs to judge
    assert 0.7 < expected / one_person < 1.4, (len(differing), expected, one_person)
