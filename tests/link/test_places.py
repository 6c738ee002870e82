"""A name at one city: pairs across exports that agree on the name and the city and have nothing else
to compare score as often as they are one person, by how many records hold that name at that city."""

from __future__ import annotations

import numpy as np
import pandas as pd

from crm_core.link import synthetic
from crm_core.link.run import run
from crm_core.workspace import store


def _name_and_city_alone(exports: synthetic.Exports, result) -> pd.DataFrame:
    """Per cross-export pair agreeing exactly on name and city, nothing else compared: how many
    records hold that name at that city, its score and whether it is one person."""
    records = result.scored.records.merge(exports.truth.rename(columns={"table": "src"}),
                                          on=["src", "record_id"]).set_index("rid")
    pairs = result.scored.pairs
    others = [c for c in pairs if c.startswith("g_") and c not in ("g_name", "g_city")]
    src = records["src"]
    alone = pairs[(pairs["g_name"] == 9) & (pairs["g_city"] == 9) & (pairs[others] < 0).all(axis=1)
                  & (src.reindex(pairs["l"]).to_numpy() != src.reindex(pairs["r"]).to_numpy())]
    joint = records["name_k"] + "|" + records["city_k"]
    person = records["person"]
    same = person.reindex(alone["l"]).to_numpy() == person.reindex(alone["r"]).to_numpy()
    return pd.DataFrame({"held": joint.map(joint.value_counts()).reindex(alone["l"]).to_numpy(),
                         "score": alone["match_probability"].to_numpy(), "same": same})


def test_a_name_and_city_alone_scores_as_often_as_it_is_one_person(con):
    """English names (960 first + last names, so each is held many times): a name at a city only the
    pair's two records hold was scored 0.80 where 92 % are one person (124 pairs), the city weighed by
    its share of all records as if the name's namesakes were spread over the cities that way. Held
    twice and held four times, the score is now within two standard errors of the share one person."""
    exports = synthetic.exports(4000, seed=31, chinese_share=0.0)
    for name, frame in exports.tables.items():
        store.write_frame(con, name, frame)
    table = _name_and_city_alone(exports, run(con, list(exports.tables)))
    by_count = table[table["held"].isin([2, 4])].groupby("held").agg(
        pairs=("same", "size"), score=("score", "mean"), same=("same", "mean"))
    assert len(by_count) == 2 and (by_count["pairs"] >= 50).all()
    error = np.sqrt(by_count["same"] * (1 - by_count["same"]) / by_count["pairs"])
    assert ((by_count["score"] - by_count["same"]).abs() <= 2 * error).all(), by_count
