"""link41: a name typed with two letters swapped or a space lost (``NoahP atel``, ``WangY ing``) keeps its
letters; with no city, postcode or birth date on one side, no key put it in a pair with its match, which
stayed a customer of its own whatever the scores (21–35 such pieces per 10,000-person run)."""

from __future__ import annotations

import pandas as pd

from crm_core.link import synthetic
from crm_core.link.run import LinkConfig, score
from crm_core.workspace import store


def _letters(key: object) -> str | None:
    return "".join(sorted(key.replace(" ", ""))) if isinstance(key, str) else None


def test_a_match_whose_name_keeps_its_letters_is_compared(con):
    exports = synthetic.exports(1500, seed=3)
    for name, frame in exports.tables.items():
        store.write_frame(con, name, frame)
    config = LinkConfig()
    scored = score(con, sorted(exports.tables), config)
    truth = exports.truth.rename(columns={"table": "src"})
    records = scored.records.merge(truth, on=["src", "record_id"])
    records["letters"] = records["name_k"].map(_letters)
    held = records.groupby("letters")["rid"].transform("size")
    kept = records[records["letters"].notna() & (held <= config.max_block)]
    same = kept.merge(kept, on=["person", "letters"])
    same = same[same["rid_x"] < same["rid_y"]]
    assert (same["name_k_x"] != same["name_k_y"]).sum() >= 5  # the typos this test is about
    compared = pd.concat([scored.pairs[["l", "r"]], scored.apart[["l", "r"]]])
    found = same.merge(compared, left_on=["rid_x", "rid_y"], right_on=["l", "r"], how="left", indicator=True)
    missed = found[found["_merge"] == "left_only"]
    assert missed.empty, missed[["src_x", "name_k_x", "src_y", "name_k_y"]].head(10).to_string()
