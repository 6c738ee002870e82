"""Customer tables: columns chosen from the values, mixed-type clustering finds planted groups,
one-hot and block weights, names from what stands out."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import adjusted_rand_score

from crm_core.errors import CrmError
from crm_core.segment.encode import MatrixEncoder
from crm_core.segment.run import SegmentConfig, run
from crm_core.workspace import store

PLANTED = {  # age, income (median), contract, student share
    "young": (24, 18_000, "Month-to-month", 0.9),
    "family": (44, 90_000, "Two year", 0.05),
    "retired": (68, 35_000, "One year", 0.0),
}


def _customers(n: int = 200, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    parts = []
    for group, (age, income, contract, student) in PLANTED.items():
        parts.append(pd.DataFrame({
            "age": rng.normal(age, 3, n).round(),
            "income": rng.lognormal(np.log(income), 0.25, n).round(2),
            "contract": np.where(rng.random(n) < 0.9, contract,
                                 rng.choice(["Month-to-month", "One year"], n)),
            "student": np.where(rng.random(n) < student, "Yes", "No"),
            "noise": rng.random(n), "region": rng.choice(["N", "S", "E", "W"], n), "group": group}))
    frame = pd.concat(parts, ignore_index=True).sample(frac=1, random_state=seed).reset_index(drop=True)
    frame.insert(0, "client_id", [f"C{i:05d}" for i in range(len(frame))])
    frame["notes"] = [f"Called on {i} about the invoice and asked for a callback next week"
                      for i in range(len(frame))]
    return frame


def test_mixed_types_recover_planted_groups_and_name_them(con):
    frame = _customers()
    store.write_frame(con, "clients", frame.drop(columns="group"))
    result = run(con, "clients", SegmentConfig(exclude_cols=("noise", "region")))
    assert result.features.kind == "customers"
    assert result.features.attributes.left_out["client_id"] == "customer id"
    assert result.features.attributes.left_out["notes"] == "free text"
    members = result.members.merge(frame[["client_id", "group"]], left_on="customer_id", right_on="client_id")
    assert adjusted_rand_score(members["group"], members["cluster"]) >= 0.8
    assert result.k in (3, 4)  # the 10% non-students among the young may form their own segment
    by_group = members.groupby("group")["segment"].agg(lambda s: s.mode()[0])
    assert "young" in by_group["young"] and "month-to-month" in by_group["young"]
    assert "older" in by_group["retired"]
    assert "contract: Month-to-month" in result.profile().columns
    assert "RFM" not in " ".join(result.files())  # no RFM without money
    zh = run(con, "clients", SegmentConfig(exclude_cols=("noise", "region")), lang="zh")
    assert any("年轻" in name for name in zh.names.values())


def test_named_columns_and_clear_errors(con):
    store.write_frame(con, "clients", _customers(30).drop(columns="group"))
    config = SegmentConfig(k=2, numeric_attributes=("age",), categorical_attributes=("student",))
    result = run(con, "clients", config)
    assert result.feature_columns() == ("age",) and result.categorical_columns() == ("student",)
    with pytest.raises(CrmError, match="no column 'shoe_size'"):
        run(con, "clients", SegmentConfig(numeric_attributes=("shoe_size",)))
    with pytest.raises(CrmError, match="Every feature was excluded"):
        run(con, "clients", SegmentConfig(numeric_attributes=("age",), exclude_cols=("age",)))


def test_one_hot_weighs_one_column_and_blocks_weigh_the_same():
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({f"n{i}": rng.normal(size=500) for i in range(10)})
    frame["city"] = rng.choice([f"city{i}" for i in range(8)], 500)
    frame["flag"] = rng.choice(["Yes", "No"], 500)
    plain = MatrixEncoder(("n0",), ("city", "flag")).fit(frame)
    x = plain.transform_frame(frame)
    assert x[:, 1:9].var(axis=0).sum() == pytest.approx(1.0)
    assert x[:, 9:].var(axis=0).sum() == pytest.approx(1.0)
    blocks = {**{f"n{i}": "events" for i in range(10)}, "city": "customers"}
    weighted = MatrixEncoder(tuple(f"n{i}" for i in range(10)), ("city",), blocks).fit(frame)
    x = weighted.transform_frame(frame)
    assert x[:, :10].var(axis=0).sum() == pytest.approx(x[:, 10:].var(axis=0).sum())


def test_skewed_numbers_are_logged_symmetric_ones_are_not():
    rng = np.random.default_rng(1)
    frame = pd.DataFrame({"spend": rng.lognormal(3, 1.5, 1000), "age": rng.normal(40, 10, 1000)})
    encoder = MatrixEncoder(("spend", "age")).fit(frame)
    assert encoder.logged_ == ("spend",)
