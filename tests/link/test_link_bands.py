"""bench/link_bands.py charges each extra piece of a person to the best scored true pair that would have
joined it, and labels a pair by its levels, case and exports (link37's per-band calibration check)."""

from __future__ import annotations

import pandas as pd

from bench import link_bands
from crm_core.link import synthetic
from crm_core.link.run import run
from crm_core.workspace import store


def test_an_extra_piece_is_charged_to_its_best_true_pair_only():
    # person A in customers x (records 1, 2) and y (record 3); person B alone in z (record 4)
    person = pd.Series({1: "A", 2: "A", 3: "A", 4: "B"})
    label = pd.Series({1: "x", 2: "x", 3: "y", 4: "z"})
    pairs = pd.DataFrame({"l": [1, 2, 3], "r": [3, 3, 4], "match_probability": [0.1, 0.2, 0.5],
                          "split": [True, True, False]})
    assert link_bands.charged(pairs, person, label).tolist() == [0, 1, 0]


def test_a_pair_is_labelled_by_its_levels_case_and_exports():
    pairs = pd.DataFrame({"l": [1], "r": [2], "g_name": [9], "g_email": [-1], "g_phone": [0], "g_city": [2],
                          "name_elimination": ["others resolved"]})
    label = link_bands.kinds(pairs, pd.Series({1: "web", 2: "till"}))
    assert label.tolist() == ["N= E- P≠ C~ others resolved till–web"]


def test_every_extra_piece_is_charged_once_or_never_compared(con):
    exports = synthetic.exports(600, seed=3, chinese_share=0.0)
    for name, frame in exports.tables.items():
        store.write_frame(con, name, frame)
    scored = run(con, list(exports.tables)).scored
    head, table = link_bands.bands(scored, exports.truth)
    assert head["extra_pieces"] >= max(head["surplus"], 1)
    assert 0 < head["charged"] <= head["extra_pieces"]
    assert sum(head["charged_by_flag"].values()) == head["charged"] == table["excess"].sum()
    assert table["n"].sum() == len(scored.pairs)
