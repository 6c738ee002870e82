"""``report.band_note`` around a factor of 1 (left42, walk29's ``<= 1``): exactly 1 is the model's own band
kept; just above or below 1 is a real widening or narrowing and reads as one, its factor never shown as a
bare "× 1.00", which says nothing was changed (walk28 read "× 1.00, the factor at which it held 80%")."""

from __future__ import annotations

from dataclasses import replace

import pytest

from crm_core.forecast import report
from crm_core.forecast.run import forecast_series
from crm_core.i18n import t
from tests.forecast.test_backtest import weekly


@pytest.fixture(scope="module")
def result():
    return forecast_series(weekly(130), "W", 8, folds=4)


def _at(result, factor: float):
    return replace(result, factor={**result.factor, 0.8: factor}, same_season={})


def _opening(key: str, lang: str) -> str:
    return t(key, lang).split("{")[0]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("factor", [1.0, 1.00004])
def test_a_factor_of_one_is_the_models_own_band_kept(result, lang, factor):
    """1.00004 widens the band by four parts in a hundred thousand: said as kept, not as "× 1.0000"."""
    note = report.band_note(_at(result, factor), lang)
    assert note.startswith(_opening("forecast.band.kept", lang)) and "1.00" not in note, note


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("factor", "key", "shown"), [(1.004, "forecast.band.scaled", "× 1.004"),
                                                      (0.996, "forecast.band.narrowed", "× 0.996"),
                                                      (1.2, "forecast.band.scaled", "× 1.20")])
def test_a_factor_just_off_one_reads_as_the_change_it_is(result, lang, factor, key, shown):
    note = report.band_note(_at(result, factor), lang)
    assert note.startswith(_opening(key, lang)) and shown in note, note
