"""What the analyst chooses for a forecast, apart from the models: the command line builds
``forecast --help`` from this alone, without importing scikit-learn, SciPy or pandas (1.4 s of CPU
for a list of options; as :mod:`crm_core.customers.configs` did for churn and spend). The holiday
calendar and pandas are imported when a run checks a country or builds its calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from crm_core.contract import Config, option
from crm_core.errors import CrmError
from crm_core.i18n import Sentence

if TYPE_CHECKING:
    import pandas as pd

FORECAST = "forecast"
"""The run's kind (``ForecastRun.kind``), named where the command line can read it."""
FREQS: dict[str, tuple[str, str, int]] = {"D": ("day", "D", 7), "W": ("week", "7D", 52),
                                         "M": ("month", "MS", 12), "Q": ("quarter", "QS", 4),
                                         "Y": ("year", "YS", 1)}
"""freq → (SQL date_trunc unit, pandas step, season length for the seasonal-naive baseline; a
year has none); fixed-step pandas frequencies, as a plain ``Week`` offset builds ranges one date
at a time. Years are reached from the data's rhythm (annual sales dated 1 January), not asked."""
FOLDS = 8
"""Backtest origins by default: 8 horizons span most of a year of weeks, so holiday origins
are a minority of the evidence."""
HOLIDAY_COLUMN = ("auto", "off")
"""Whether a run without a country reads a holiday column of the table: an analyst whose flag
marks promotions or school days, not public holidays, leaves it unread (``--holiday-column off``)."""


@dataclass(frozen=True)
class ForecastConfig(Config):
    """What the analyst chose; recorded with each run and in backtest.json."""

    freq: str = option("W", choices=tuple(FREQS), words="forecast.freq",
                       en="period: D (day), W (ISO week, Monday first), M (month), Q (quarter) or Y (year); "
                          "data dated less often are forecast by their own period",
                       page_en="period: a day, an ISO week (Monday first), a month, a quarter or a year; "
                               "data dated less often are forecast by their own period",
                       zh="周期：日、ISO 周（周一开始）、月、季度或年；数据日期更稀疏时按数据本身的周期预测")
    horizon: int = option(8, en="periods to forecast", zh="预测期数")
    value_col: str | None = option(None, metavar="COLUMN",
                                   en="column to forecast instead of revenue / units / orders",
                                   zh="要预测的列（默认：收入，其次数量，再次订单数）")
    by: str | None = option(None, metavar="COLUMN[,COLUMN]",
                            en="one forecast per value of this column (store, product …), or per "
                               "combination of several (store,item), reconciled to the total",
                            page_en="one forecast per value of this column (store, product …), or per "
                                    "combination of several (store and item), reconciled to the total",
                            zh="按此列的每个取值（门店、产品等）分别预测；选了几列（如门店和商品）则按其组合"
                               "分别预测；各组合计与总量一致")
    folds: int = option(FOLDS, en="backtest origins, one horizon apart", zh="回测起点数（相隔一个预测期）")
    holidays: tuple[str, ...] = option((), metavar="DATE,DATE",
                                       en="holiday dates the regression learns, past and future, "
                                          "e.g. 2025-12-25",
                                       zh="回归模型学习的节假日（过去和未来），如 2025-12-25")
    country: str | None = option(None, metavar="CC",
                                 en="a country's public holidays (ISO code: DE, CN, US; a region as DE-BY) "
                                    "join the marked ones; moving ones (Easter, Spring Festival) are "
                                    "forecast on their own dates; without it, a holiday column "
                                    "(is_holiday, StateHoliday) picks one unless --holiday-column off",
                                 page_en="a country's public holidays join the marked ones; moving ones "
                                         "(Easter, Spring Festival) are forecast on their own dates; "
                                         "without a country, a column marking holidays (yes / no, or codes) "
                                         "picks one",
                                 zh="加入某国法定节假日（ISO 代码：CN、DE、US；地区写作 DE-BY）；"
                                    "春节、复活节等日期逐年变动的节日按当年日期预测；"
                                    "未指定时由表中标记节假日的列（是 / 否或代码）推断")
    holiday_column: str = option("auto", choices=HOLIDAY_COLUMN, words="forecast.holiday_column",
                                 en="without --country, read a holiday column (is_holiday, StateHoliday) "
                                    "for the country its marked days point to: auto, or off to leave it "
                                    "unread",
                                 page_en="without a country, read the table's column that marks holidays "
                                         "for the country its marked days point to, or leave it unread",
                                 zh="未指定国家时，是否读取表中标记节假日的列，"
                                    "按其标记的日期推断国家")
    full_series: int = option(5, en="with --by, the largest N series get every model; "
                                     "the others the naive rules and their share of the total",
                              page_en="when split, the largest N series get every model; "
                                      "the others the naive rules and their share of the total",
                              zh="分组预测时，最大的 N 个序列使用全部模型；其余使用朴素规则和占总计的份额")

    def __post_init__(self) -> None:
        if self.horizon < 1:
            raise CrmError(Sentence("forecast.error.horizon"))
        if self.folds < 1:
            raise CrmError(Sentence("forecast.error.folds"))
        try:
            for day in self.holidays:
                date.fromisoformat(day)
        except ValueError as exc:
            raise CrmError(Sentence("forecast.error.holidays", error=str(exc))) from exc
        if self.country:
            from crm_core.forecast.calendar import check_country

            check_country(self.country)

    def calendar(self, history: pd.DatetimeIndex) -> dict[str, str]:
        """The marked dates and the country's holidays over the history and the horizon: ISO
        date → the name of its moving holiday ('' for a fixed date or a date the analyst typed)."""
        import pandas as pd

        from crm_core.forecast.calendar import country_calendar
        from crm_core.forecast.series import future_index

        marked = dict.fromkeys(self.holidays, "")
        if not self.country:
            return marked
        end = future_index(history, self.freq, self.horizon)[-1] + pd.Timedelta(days=31)
        return marked | country_calendar(self.country, history[0], end)
