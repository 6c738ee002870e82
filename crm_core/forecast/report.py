"""What a forecast run hands out: ``forecast.csv``, ``backtest.json``, the summary line, the
ranking of candidates and of series, and the backtest error in plain words."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from crm_core.forecast.candidates import LAST, SEASONAL
from crm_core.forecast.series import FREQS, by_columns
from crm_core.forecast.served import by_error
from crm_core.forecast.unseen import months
from crm_core.i18n import Day, Said, Sentence, Term, listed, t
from crm_core.report import format as fmt
from crm_core.report.files import csv_bytes, json_text
from crm_core.report.run_grid import model_words

if TYPE_CHECKING:
    from crm_core.forecast.run import ForecastRun, SeriesForecast

def span(count: int, freq: str, lang: str = "en") -> str:
    """``count`` periods in the frequency's own unit ("8 weeks", "8 个月"): "the next 8 periods"
    left the planner to remember which frequency the form was set to (judge8 walk)."""
    return t(f"forecast.span.{freq}", lang, count=count)


def recent_history_note(freq: str, recent: int, total: int, start: pd.Timestamp) -> Sentence:
    """The note that the models fit only the latest history, counted in the series' own unit and
    starting at its period ("the last 30 years (from 1994)", not "30 periods (from 1 Jan 1994)",
    walk15)."""
    begun = Day(start) if freq in ("D", "W") else \
        Term(fmt.period(start, freq, "en"), zh=fmt.period(start, freq, "zh"))
    return Sentence("forecast.note.recent_history", periods=Sentence(f"forecast.span.{freq}", count=recent),
                    total=Sentence(f"forecast.span.{freq}", count=total), start=begun)


def fewer_origins_note(total, asked: int, horizon: int, freq: str) -> Sentence:
    """Said when the backtest used fewer origins than asked, so the page's setting is not taken
    for what ran (51 weeks: 3 of 8), with how short the next older origin's history was, in the
    series' own unit ("13 of the 45 years", not "periods", walk16)."""
    first = int(total.history.index.searchsorted(total.fits["origin"].min())) + 1  # origin = last period seen
    return Sentence("forecast.note.fewer_origins", used=total.fits["origin"].nunique(), asked=asked,
                    periods=Sentence(f"forecast.span.{freq}", count=len(total.history)),
                    shorter=Sentence(f"forecast.span.{freq}", count=first - horizon))


def forecast_table(run: ForecastRun) -> pd.DataFrame:
    """``forecast.csv``: period, forecast, lower, upper (80%), the 95% band, the method, and the
    series column(s) first when split with ``--by`` (one per column of ``store,item``, so the
    file joins back to the data; the total reads "(total)" in each)."""
    columns = by_columns(run.config.by)
    parts = []
    for result, written in zip(run.results, written_figures(run), strict=True):
        part = result.forecast.assign(**written)
        part["period"] = part["period"].dt.date
        values = run.keys.get(result.group, (result.group,) * len(columns))
        for position, (column, value) in enumerate(zip(columns, values, strict=True)):
            part.insert(position, column, value)
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def figure_decimals(forecast: pd.Series) -> int:
    """Two places (an amount to the cent), more for a series whose forecasts are under 1 (a rate):
    enough to keep its level's first three digits."""
    level = float(forecast.abs().median()) if len(forecast) else 0.0
    if not 0 < level < 1:
        return 2
    return min(2 + math.ceil(-math.log10(level)), 9)


def written_figures(run: ForecastRun) -> list[dict[str, np.ndarray]]:
    """Each series' forecast and bands as ``forecast.csv`` writes them: rounded to
    :func:`figure_decimals` (walk23 read 718.810542591566), a split's total the sum of its rounded
    parts, so the parts still add up to the total as written (each rounded on its own, the parts of
    835.02 summed to 835.03). The bands are rounded alone: bands of parts do not add up."""
    decimals = figure_decimals(run.total.forecast["forecast"])
    written = [{c: r.forecast[c].to_numpy(float).round(decimals) for c in r.forecast.columns
                if c.startswith(("forecast", "lower", "upper"))} for r in run.results]
    if len(written) > 1:
        written[0]["forecast"] = np.sum([w["forecast"] for w in written[1:]], axis=0).round(decimals)
    return written


def method_label(method: str, lang: str = "en") -> str:
    """A candidate's name for the analyst; a blend reads "A + B" (as a kept run's figures say it)."""
    return model_words(method, lang)


def ranking(result: SeriesForecast) -> pd.DataFrame:
    """One row per candidate with its backtest errors, lowest MASE first, as the summary lists
    them; the served one is marked (``served_note`` says why when it is not first)."""
    rows = [{"method": m, **result.metrics[m], "chosen": m == result.winner} for m in by_error(result)]
    return pd.DataFrame(rows)


def series_ranking(run: ForecastRun) -> pd.DataFrame:
    """One row per series of a split, the weakest (highest MASE) first, to show where to look."""
    rows = [{"series": r.group, "method": r.winner,
             **{k: r.metrics[r.winner][k] for k in ("mase", "mape", "mae")},
             "naive_mase": r.metrics[r.best_naive()]["mase"],
             "coverage_80": r.coverage[0.8], "coverage_95": r.coverage[0.95],
             "volume": float(r.history.sum())}
            for r in run.results[1:]]
    frame = pd.DataFrame(rows)
    return frame.sort_values("mase", ascending=False, ignore_index=True) if len(frame) else frame


def weekly_mape(result: SeriesForecast) -> float | None:
    """MAPE of whole weeks of a daily backtest (open days summed): the error a weekly plan sees."""
    fits = result.fits[~result.fits["closed"]]
    fits = fits.assign(week=(fits["step"] - 1) // 7)
    full = result.fits.groupby("origin")["step"].transform("max").loc[fits.index] >= (fits["week"] + 1) * 7
    sums = fits[full].groupby(["origin", "week"])[["actual", result.winner]].sum()
    sums = sums[sums["actual"] > 0]
    if sums.empty:
        return None
    return float((sums[result.winner] - sums["actual"]).abs().div(sums["actual"]).mean() * 100)


def error_ranges(result: SeriesForecast) -> dict[str, tuple[float, float]]:
    """95% ranges of the served model's MASE and MAPE from how they varied across the backtest's
    origins (± 1.96 standard errors of the per-origin mean, floored at 0): "MASE 0.82" from five
    origins stood bare beside churn's and recommend's ranges. None below three origins, where a
    spread cannot be told; the origins are treated as independent (their windows do not overlap
    in time, but a shared shock still ties them), so a range is as narrow as it can honestly be."""
    m = result.metrics[result.winner]
    rows = result.fits[~result.fits["closed"].astype(bool)]
    actual, fitted = rows["actual"].to_numpy(float), rows[result.winner].to_numpy(float)
    error = pd.DataFrame({"origin": rows["origin"].to_numpy(), "abs": np.abs(fitted - actual),
                          "pct": np.where(actual != 0, np.abs(fitted - actual) / np.abs(np.where(
                              actual != 0, actual, 1)) * 100, np.nan)})
    per_origin = error.groupby("origin")[["abs", "pct"]].mean()
    scale = m["mae"] / m["mase"] if m["mase"] else 0.0
    spreads = {"mase": per_origin["abs"] / scale if scale else None, "mape": per_origin["pct"]}
    return {k: _mean_range(m[k], v.dropna()) for k, v in spreads.items()
            if v is not None and m[k] is not None and v.notna().sum() >= 3}


def _mean_range(value: float, per_origin: pd.Series) -> tuple[float, float]:
    margin = 1.96 * float(per_origin.std(ddof=1)) / math.sqrt(len(per_origin))
    return max(value - margin, 0.0), value + margin


SMALL_PERIODS = 2.0
"""MAPE over this many times the error relative to total sales (WAPE): percentages of small
periods (a bike sold on a quiet day) dominate it, so the error is said in units instead."""


def percentages_mislead(result: SeriesForecast) -> bool:
    """Whether the backtest's MAPE is driven by periods with little sales."""
    m = result.metrics[result.winner]
    open_rows = result.fits[~result.fits["closed"]]
    level = float(open_rows["actual"].abs().mean()) if len(open_rows) else 0.0
    return m["mape"] is None or level <= 0 or m["mape"] > SMALL_PERIODS * 100 * m["mae"] / level


def plain_error(result: SeriesForecast, freq: str, lang: str = "en", sign: str = "") -> str:
    """The backtest error a planner reads: "typically off by 5% a day, 2% a week" (in units
    when percentages would mislead, under the currency's ``sign`` when they are money: "¥603")."""
    m = result.metrics[result.winner]
    unit = t(f"forecast.unit.{FREQS[freq][0]}", lang)
    if percentages_mislead(result):
        return t("forecast.plain.mae", lang, mae=f"{sign}{m['mae']:,.0f}", unit=unit)
    text = t("forecast.plain.mape", lang, pct=f"{m['mape']:.0f}", unit=unit)
    week = weekly_mape(result) if freq == "D" else None
    if week is None:
        return text
    return text + t("forecast.plain.and_week", lang, pct=f"{week:.0f}")


def against_rule(result: SeriesForecast, freq: str, lang: str = "en", sign: str = "") -> str:
    """The best simple rule's backtest error in the measure :func:`plain_error` says the chosen
    method's in (", against 18% a week for the best simple rule (…)"): the verdict said how the
    method was picked, not what it gained (judge8 walk). Empty when the rule has no such measure."""
    naive = result.best_naive()
    m = result.metrics[naive]
    if percentages_mislead(result):
        value = f"{sign}{m['mae']:,.0f}"
    elif m["mape"] is None:
        return ""
    else:
        value = f"{m['mape']:.0f}%"
    unit = t(f"forecast.unit.{FREQS[freq][0]}", lang)
    return t("forecast.plain.against", lang, value=value, unit=unit,
             naive=method_label(naive, lang)) + _larger_in_size(result, value.endswith("%"), unit, lang)


def _larger_in_size(result: SeriesForecast, in_percent: bool, unit: str, lang: str) -> str:
    """Why a method erring more in percent than the rule was chosen: the rule's MASE, the measure the
    choice is made on, is the larger (收钱吧's 55% against 49% a week beside MASE 0.87 against 1.10,
    walk39). Empty when both measures agree."""
    chosen, rule = result.metrics[result.winner], result.metrics[result.best_naive()]
    if not in_percent or None in (chosen["mase"], rule["mase"]):
        return ""
    if chosen["mape"] <= rule["mape"] or chosen["mase"] >= rule["mase"]:
        return ""
    return t("forecast.plain.larger_in_size", lang, rule=f"{rule['mase']:.2f}",
             chosen=f"{chosen['mase']:.2f}", unit=unit)


FACTOR_PLACES = 4
"""The most decimals a band's factor is said with; one nearer 1 than that is the model's own band."""


def factor_text(factor: float) -> str:
    """A band's factor at two decimals, or as many more as it takes not to read ``1.00``: a factor of
    1.004 shown "× 1.00" said the band was left as it was while the note said it was widened."""
    places = next((p for p in range(2, FACTOR_PLACES) if round(factor, p) != 1), FACTOR_PLACES)
    return f"{factor:.{places}f}"


def band_note(result: SeriesForecast, lang: str = "en") -> str:
    """How the 80% band was set and how often it held in the backtest, for the page and
    ``backtest.json``: an analyst trusts a band whose record they can see."""
    held, built = result.coverage[0.8], result.nominal.get(0.8, 0.8)
    if held is None:
        return t("forecast.band.unmeasured", lang)
    if 0.8 in result.factor and result.factor[0.8] == result.same_season.get(0.8, 1.0) > 1:
        return t("forecast.band.same_season", lang, held=f"{held * 100:.0f}",
                 factor=factor_text(result.factor[0.8]), days=len(result.forecast))
    factor = round(result.factor.get(0.8, 1.0), FACTOR_PLACES)  # 1.00004 is the own band, kept
    if 0.8 in result.factor and factor < 1:
        return t("forecast.band.narrowed", lang, held=f"{held * 100:.0f}", factor=factor_text(factor),
                 origins=result.fits["origin"].nunique())
    if 0.8 in result.factor:
        # at its floor of 1 no factor held 80%: the model's own band held more (walk28)
        key = "forecast.band.kept" if factor == 1 else "forecast.band.scaled"
        return t(key, lang, held=f"{held * 100:.0f}", factor=factor_text(result.factor[0.8]))
    key = "forecast.band.widened" if built > 0.8 else "forecast.band.measured"
    return t(key, lang, held=f"{held * 100:.0f}", built=f"{built * 100:g}")


def unseen_note(result: SeriesForecast, freq: str, lang: str = "en") -> str:
    """Which forecast periods had their band widened for a time of year no backtest origin
    reached (``unseen.unseen_factors``), and by how much; empty when none. The band's record
    (how often it held) says nothing of those periods, so the analyst is told."""
    factors = result.unseen
    if factors is None or not (factors > 1).any():
        return ""
    widened = months(pd.DatetimeIndex(result.forecast["period"])[factors > 1], freq)
    names = t("forecast.band.month_names", lang).split(",")
    return t("forecast.band.unseen", lang, periods=span(int((factors > 1).sum()), freq, lang),
             months=listed([names[m - 1] for m in dict.fromkeys(widened.tolist())], lang),
             factor=f"{factors.max():.2f}")


def band_text(result: SeriesForecast, freq: str, lang: str = "en") -> str:
    """The band's note, then the unseen-month widening when there was one (Chinese sentences
    follow each other without a space)."""
    return ("" if lang == "zh" else " ").join(filter(None, (band_note(result, lang),
                                                            unseen_note(result, freq, lang))))


def _metric(result: SeriesForecast, method: str, key: str):
    return result.metrics[method][key] if method in result.metrics else None


def summary(run: ForecastRun) -> dict:
    """The CLI's last line: the total's backtest errors for the chosen model and the naive rules,
    and the run's notes in its language, each part's served note too (a kept run reopened under
    Past runs said none of them, walk20)."""
    total = run.total
    best = total.winner
    out = {"mape": _metric(total, best, "mape"), "mae": _metric(total, best, "mae"),
           "mase": _metric(total, best, "mase"),
           **{f"{k}_range": list(v) for k, v in error_ranges(total).items()},
           "naive_mape": _metric(total, LAST, "mape"), "naive_mae": _metric(total, LAST, "mae"),
           "naive_mase": _metric(total, LAST, "mase"),
           "seasonal_naive_mape": _metric(total, SEASONAL, "mape"),
           "seasonal_naive_mae": _metric(total, SEASONAL, "mae"),
           "seasonal_naive_mase": _metric(total, SEASONAL, "mase"),
           "winner": best, "ranking": by_error(total),
           "coverage_80": total.coverage[0.8], "coverage_95": total.coverage[0.95],
           "weekly_mape": weekly_mape(total) if run.config.freq == "D" else None,
           "target": run.target, "measure": run.measure, "freq": run.config.freq,
           "horizon": run.config.horizon,
           "origins": int(total.fits["origin"].nunique()), "mase_against": total.scale_rule,
           "periods": len(total.history),
           "closed_periods": int(total.closed.sum()), "series": len(run.results),
           "notes": _said_notes(run)}
    if len(run.results) > 1:
        out["worst_series"] = series_ranking(run)["series"].head(3).tolist()
    return out


def _said_notes(run: ForecastRun) -> list[str]:
    """The run's notes in its language (a Sentence's own str is English), the sentences kept."""
    return [Said(note, run.lang) for note in run.notes]


def _series_payload(r: SeriesForecast, freq: str, lang: str) -> dict:
    fits = r.fits.assign(origin=r.fits["origin"].dt.date.astype(str),
                         period=r.fits["period"].dt.date.astype(str))
    return {"group": r.group, "periods": len(r.history), "winner": r.winner, "metrics": r.metrics,
            "coverage": {str(k): v for k, v in r.coverage.items()},
            "band_built_at": {str(k): v for k, v in r.nominal.items()},
            "own_band_factor": {str(k): v for k, v in r.factor.items()}, "band": band_text(r, freq, lang),
            "same_season_factor": {str(k): v for k, v in r.same_season.items()},
            "unseen_month_factor": None if r.unseen is None else r.unseen.tolist(),
            "closed_periods": [str(d.date()) for d in r.history.index[r.closed]],
            "origins": sorted(fits["origin"].unique().tolist()), "fits": fits.to_dict("records")}


def backtest_payload(run: ForecastRun) -> dict:
    """``backtest.json``: settings, per-series ranking of candidates, coverage and every backtest row."""
    payload = {"config": run.config.to_dict(), "country_from": run.country_from, "target": run.target,
               "measure": run.measure,
               "notes": _said_notes(run),
               "series": [_series_payload(r, run.config.freq, run.lang) for r in run.results]}
    if len(run.results) > 1:
        payload["series_ranking"] = series_ranking(run).to_dict("records")
    return payload


def files(run: ForecastRun) -> dict[str, bytes]:
    return {"forecast.csv": csv_bytes(forecast_table(run)),
            "backtest.json": json_text(backtest_payload(run), indent=1).encode("utf-8")}
