"""Another tool's predictions are no customer behaviour (judge30, left28): Klaviyo's profiles carry its own
``Predicted Customer Lifetime Value`` and ``Churn Probability``; the segments were cut partly on them ("high
churn probability" named a segment), so they repeated Klaviyo's model instead of describing the guests. They
are left out of the features, with the reason in the run's notes; an analyst who names one still gets it."""

from __future__ import annotations

from crm_core.i18n import say
from crm_core.load.reader import load_file
from crm_core.segment.run import SegmentConfig, run
from tests.conftest import DATA

KLAVIYO = DATA / "klaviyo_profiles_excerpt.csv"
PREDICTIONS = ("Predicted Customer Lifetime Value", "Churn Probability")


def test_klaviyos_predictions_are_no_segment_features_and_the_notes_say_so(con):
    table = load_file(con, KLAVIYO, "klaviyo")[0].table
    result = run(con, table, SegmentConfig(k=2))
    params = result.params()
    assert not set(params["features_used"]) & set(PREDICTIONS), params["features_used"]
    assert {params["left_out"].get(c) for c in PREDICTIONS} == {"prediction"}, params["left_out"]
    assert "Historic Customer Lifetime Value" in params["features_used"]
    said = [(say(n, "en"), say(n, "zh")) for n in result.notes]
    en, zh = next((e, z) for e, z in said if "Churn Probability" in e)
    assert "Predicted Customer Lifetime Value" in en and "prediction" in en, en
    assert "Predicted Customer Lifetime Value" in zh and "预测" in zh, zh


def test_a_prediction_the_analyst_names_is_still_clustered_on(con):
    """The analyst may want Klaviyo's segments back: a column named as a feature is used as named."""
    table = load_file(con, KLAVIYO, "klaviyo")[0].table
    config = SegmentConfig(k=2, numeric_attributes=("Churn Probability", "Total Orders"))
    assert "Churn Probability" in run(con, table, config).params()["features_used"]
