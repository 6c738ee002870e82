"""Per score band and pair kind, the pairs' predicted probability against the share that is one person,
and where the customer count's excess sits (docs/link.md, link37): a sum over many pairs can look right
while its bands are not (link32, link34, link36 lifted a kind whose sum was right and whose bands turned
over-confident).

    python bench/link_bands.py english|ours|faker PEOPLE SEED [faker options]   (scored here)
    python bench/link_bands.py RUN.pkl [MIN_PAIRS]    (a pickled ``(scored, truth)`` of ``link._scored``)

A pair's kind: its name, e-mail, phone and city levels (``=`` exact, ``≠`` differs, ``-`` not compared,
``~`` a fuzzy level), the name weight's elimination case and the pair of exports. Judged at the default
threshold; each extra piece of a person (every customer of the person but its largest) is charged to the
best scored true pair between it and the person's other customers. ``bound`` is two standard errors of the
band's mean prediction (at least 0.02); ``flag`` says UNDER or over when judged lies beyond it.
"""

from __future__ import annotations

import json
import pickle
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crm_core.link import cluster  # noqa: E402

LEVELS = {"name": "N", "email": "E", "phone": "P", "city": "C"}
SIGNS = {9: "=", 0: "≠", -1: "-"}


def kinds(pairs: pd.DataFrame, src: pd.Series) -> pd.Series:
    """Each pair's kind as one label: levels, elimination case, pair of exports."""
    levels = [letter + pairs[f"g_{f}"].astype(int).map(lambda g: SIGNS.get(g, "~"))
              for f, letter in LEVELS.items() if f"g_{f}" in pairs]
    case = pairs.get("name_elimination", pd.Series(None, index=pairs.index)).fillna("direct")
    ends = zip(src.reindex(pairs["l"]).to_numpy(), src.reindex(pairs["r"]).to_numpy(), strict=True)
    exports = pd.Series(["–".join(sorted(e)) for e in ends], index=pairs.index)
    return pd.concat([*levels, case, exports], axis=1).astype(str).agg(" ".join, axis=1)


def charged(pairs: pd.DataFrame, person: pd.Series, label: pd.Series) -> pd.Series:
    """Per pair, how many extra pieces of a person it is the best true link of."""
    sizes = pd.DataFrame({"person": person, "label": label}).value_counts().reset_index(name="n")
    sizes = sizes.sort_values(["person", "n", "label"], ascending=[True, False, True])
    extra = set(map(tuple, sizes[sizes.duplicated("person")][["person", "label"]].to_numpy()))
    split = pairs[pairs["split"]].sort_values("match_probability", ascending=False)
    best = {}
    for i, left, right in zip(split.index, split["l"], split["r"], strict=True):
        for rid in (left, right):
            best.setdefault((person[rid], label[rid]), i)
    counts = pd.Series([i for piece, i in best.items() if piece in extra]).value_counts()
    return counts.reindex(pairs.index, fill_value=0)


def bands(scored, truth: pd.DataFrame) -> tuple[dict, pd.DataFrame]:
    """The run's surplus and the per kind and band table."""
    threshold = cluster.default_threshold(scored.records, scored.pairs, scored.expected_matches, scored.apart)
    found = cluster.clusters(scored.records, scored.pairs.assign(decision=None), threshold, scored.apart)
    rec = scored.records[["rid", "src", "record_id"]].merge(
        truth.rename(columns={"table": "src"}), on=["src", "record_id"])
    rec["label"] = found.labels[rec["rid"].to_numpy(int)]
    person, label = rec.set_index("rid")["person"], rec.set_index("rid")["label"]
    pairs = scored.pairs.copy()
    pairs["true"] = person.reindex(pairs["l"]).to_numpy() == person.reindex(pairs["r"]).to_numpy()
    apart = label.reindex(pairs["l"]).to_numpy() != label.reindex(pairs["r"]).to_numpy()
    pairs["split"] = pairs["true"] & apart
    pairs["excess"] = charged(pairs, person, label)
    pairs["kind"] = kinds(pairs, rec.set_index("rid")["src"])
    edges = sorted({0.0, 0.05, 0.1, round(threshold, 3), 0.3, 0.6, 0.9, 0.99, 1.0})
    pairs["band"] = pd.cut(pairs["match_probability"], edges, include_lowest=True)
    table = pairs.groupby(["kind", "band"], observed=True).agg(
        n=("true", "size"), predicted=("match_probability", "mean"), judged=("true", "mean"),
        excess=("excess", "sum"))
    table["bound"] = np.maximum(0.02, 2 * np.sqrt(table["predicted"] * (1 - table["predicted"]) / table["n"]))
    gap = table["judged"] - table["predicted"]
    table["flag"] = np.where(gap > table["bound"], "UNDER", np.where(-gap > table["bound"], "over", ""))
    people, customers = rec["person"].nunique(), rec["label"].nunique()
    by_flag = table.groupby("flag")["excess"].sum()
    head = {"threshold": round(threshold, 3), "surplus": int(customers - people), "extra_pieces":
            int(rec[["person", "label"]].drop_duplicates().shape[0] - people),
            "charged": int(pairs["excess"].sum()),
            "charged_by_flag": {k or "within": int(v) for k, v in by_flag.items()}}
    return head, table


def main(argv: list[str]) -> None:
    if argv[0].endswith(".pkl"):
        with open(argv[0], "rb") as f:
            scored, truth = pickle.load(f)
        least = int(argv[1]) if len(argv) > 1 else 15
    else:
        import link

        options = {k: float(v) for k, v in (a.split("=") for a in argv[3:])}
        scored, truth = link._scored(argv[0], int(argv[1]), int(argv[2]), **options)
        least = 15
    head, table = bands(scored, truth)
    print(json.dumps(head))
    shown = table[(table["n"] >= least) | (table["excess"] >= 5)].sort_values("excess", ascending=False)
    print(shown.round(3).to_string())


if __name__ == "__main__":
    main(sys.argv[1:])
