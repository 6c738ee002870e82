"""Two records agreeing on a name none of whose holders was resolved across their two exports (*none
resolved*), scored above 0.3: band by band, in English and in Chinese, scored as often as they are one person.
Their weight is the holders model's reading of the name's counts in the two exports (docs/link.md, link39:
main's Chinese 0.9–1 band reads 0.967 / 0.917 predicted / judged on 156 pairs; link40)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from bench import link_bands
from crm_core.link import synthetic
from crm_core.link.run import run
from crm_core.workspace import store


@pytest.mark.parametrize("chinese_share", [0.0, 1.0], ids=["english", "chinese"])
def test_a_name_none_of_whose_holders_was_resolved_is_calibrated_in_every_band(con, chinese_share):
    exports = synthetic.exports(4000, seed=23, chinese_share=chinese_share)
    for name, frame in exports.tables.items():
        store.write_frame(con, name, frame)
    scored = run(con, list(exports.tables)).scored
    rec = scored.records.merge(exports.truth.rename(columns={"table": "src"}), on=["src", "record_id"]) \
        .set_index("rid")
    pairs = scored.pairs
    kind = link_bands.kinds(pairs, rec["src"])
    chosen = pairs[kind.str.startswith("N=") & kind.str.contains("none resolved")
                   & (pairs["match_probability"] > 0.3)]
    same = rec["person"].reindex(chosen["l"]).to_numpy() == rec["person"].reindex(chosen["r"]).to_numpy()
    band = pd.cut(chosen["match_probability"], [0.3, 0.6, 0.9, 1.0])
    frame = pd.DataFrame({"predicted": chosen["match_probability"], "same": same})
    table = frame.groupby(band, observed=True).agg(n=("same", "size"), predicted=("predicted", "mean"),
                                                   judged=("same", "mean"))
    table = table[table["n"] >= 15]
    bound = np.maximum(0.02, 2.5 * np.sqrt(table["predicted"] * (1 - table["predicted"]) / table["n"]))
    assert len(table) >= 2, table  # enough bands to judge
    assert ((table["judged"] - table["predicted"]).abs() <= bound).all(), table.assign(bound=bound)
