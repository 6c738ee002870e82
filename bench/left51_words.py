"""left51's before → after, on the excerpts in tests/data: the Chargebee forecast's title and axis, the
segment names of three analytics exports and what recommend offers as a product on two of them. Run from
the repository: ``python bench/left51_words.py`` (a temporary workspace; nothing is kept)."""

import pathlib
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

from crm_core.forecast.charts import forecast_figure  # noqa: E402
from crm_core.forecast.run import ForecastConfig  # noqa: E402
from crm_core.forecast.run import run as forecast  # noqa: E402
from crm_core.load.reader import load_file  # noqa: E402
from crm_core.recommend.offers import product_like_columns  # noqa: E402
from crm_core.segment.configs import SegmentConfig  # noqa: E402
from crm_core.segment.run import run as segment  # noqa: E402
from crm_core.workspace.roles import get_roles  # noqa: E402
from crm_core.workspace.store import Workspace  # noqa: E402

DATA = pathlib.Path(__file__).resolve().parents[1] / "tests" / "data"
LOGS = {"ph": "posthog_events_excerpt.csv", "mp": "mixpanel_raw_export_excerpt.json",
        "am": "amplitude_export_excerpt.json"}

with Workspace(pathlib.Path(tempfile.mkdtemp()) / "ws").connect() as con:
    load_file(con, DATA / "chargebee_invoices_excerpt.csv", "cb")
    for name, file in LOGS.items():
        load_file(con, DATA / file, name)
    for lang in ("en", "zh"):
        found = forecast(con, "cb", ForecastConfig(freq="W", horizon=2, folds=2), lang=lang)
        figure = forecast_figure(found.total, lang, found.measure, "W")
        print("forecast cb", lang, "|", figure.layout.title.text, "|", figure.layout.yaxis.title.text)
        for name in LOGS:
            print("segment", name, lang, "|", " / ".join(segment(con, name, SegmentConfig(kind="events"),
                                                                 lang=lang).names.values()))
    for name in ("mp", "ph"):
        print("offered", name, "|", product_like_columns(con, name, get_roles(con, name)))
