"""Churn on a few customers: validation AUCs that tie are no reason to trust the candidate that
learned more (judge18: Stripe's payments of tidyquant's 30 bike shops, 8 validation customers)."""

from __future__ import annotations

from datetime import date

from sklearn.metrics import roc_auc_score

from crm_core.customers import churn
from crm_core.customers.churn_model import SIMPLEST_FIRST
from crm_core.load.reader import load_file
from tests.conftest import DATA

CUTOFF = date(2011, 9, 30)


def _came_back(con, table: str) -> set[str]:
    """The shops with a paid charge after the cutoff: what the scores are judged against."""
    rows = con.execute(f"""SELECT DISTINCT "Customer Email" FROM "{table}"
                           WHERE "Created (UTC)" > TIMESTAMP '2011-10-01' AND "Status" = 'Paid'""")
    return {r[0] for r in rows.fetchall()}


def test_a_tie_on_few_validation_customers_goes_to_the_simplest_model(con):
    table = load_file(con, DATA / "bike_shop_payments.csv")[0].table
    scored = churn.run(con, table, churn.ChurnConfig(cutoff=CUTOFF))
    aucs = {name: m["roc_auc"] for name, m in scored.metrics["models"].items()}
    model = scored.metrics["model"]
    tied = [name for name, auc in aucs.items() if abs(auc - aucs[model]) < 1e-9]
    assert aucs[model] == max(aucs.values())
    assert SIMPLEST_FIRST.index(model) == min(SIMPLEST_FIRST.index(n) for n in tied), aucs
    back = _came_back(con, table)
    scores = scored.scores
    gone = [int(c not in back) for c in scores["customer_id"]]
    assert 0 < sum(gone) < len(gone)
    assert roc_auc_score(gone, scores["churn_probability"]) > 0.55
    assert (scores["churn_probability"] >= 0.5).sum() < len(scores) / 2
