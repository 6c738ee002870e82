"""A postcode cut to its first 3 characters at load (pii26) and namesakes (pii28): two Shopify orders of two
"Patricia Smith"s at 38232 and 38201, no e-mail or phone to tell them apart. Masked, both postcodes read
``382``: the link must not make one customer of them where the full postcodes kept them two."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from crm_core.link.run import LinkConfig, run
from crm_core.load.reader import load_file
from crm_core.protect import privacy

SHOPIFY = Path(__file__).resolve().parents[1] / "data" / "shopify_orders_excerpt.csv"


def _namesakes(tmp_path: Path) -> list[Path]:
    orders = pd.read_csv(SHOPIFY, dtype=str).drop_duplicates("Name").head(2).copy()
    orders["Billing Name"] = orders["Shipping Name"] = "Patricia Smith"
    orders["Billing Zip"] = ["38232", "38201"]
    orders["Billing City"] = ["Chicago", "Evanston"]
    orders[["Email", "Billing Phone"]] = None
    paths = [tmp_path / "shop_a.csv", tmp_path / "shop_b.csv"]
    for i, path in enumerate(paths):
        orders.iloc[[i]].to_csv(path, index=False)
    return paths


def _customers(con, paths: list[Path], suffix: str, mask: bool) -> int:
    tables = [f"{p.stem}{suffix}" for p in paths]
    for path, table in zip(paths, tables, strict=True):
        load_file(con, path, table, mask_pii=mask)
    return run(con, tables, LinkConfig()).identity["customer_key"].nunique()


def test_namesakes_under_one_cut_postcode_stay_two_customers(con, tmp_path):
    paths = _namesakes(tmp_path)
    plain = _customers(con, paths, "_plain", mask=False)
    masked = _customers(con, paths, "_masked", mask=True)
    assert privacy.masked_columns(con, "shop_a_masked", generalised=True)["Billing Zip"] == "postcode"
    assert con.execute('SELECT "Billing Zip" FROM shop_b_masked').fetchone()[0] == "382"
    assert plain == 2
    assert masked == plain
