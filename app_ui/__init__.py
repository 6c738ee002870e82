"""Streamlit glue shared by the pages (the only non-page code that imports streamlit), one
module per concern; pages import the names from here:

- ``text``: the language switch, ``tr``, ``plain``, the rows-used sentence, error text;
- ``auth``: sign-in and this session's ``workspace()``;
- ``nav``: the page registry;
- ``tables``: cached table lists, the table picker, a log's dates and rows used;
- ``widgets``: the error boundary, pickers, ``show_table``, headers, deltas, downloads;
- ``runs``: the engine setting, cached runs, kept runs reopened;
- ``measured``: shares measured on validation customers, with their counts;
- ``uploads``: an upload spooled to disk, the personal data it holds said before it loads.

Modules import downwards only (text ← auth ← tables/widgets/uploads ← runs), never this package."""

from app_ui.auth import current_user, sign_in_gate, workspace
from app_ui.measured import (
    calibration_with_range,
    hit_metrics,
    pr_auc_and_rate,
    range_between,
    range_note,
    rank_correlation_with_range,
    share_with_range,
)
from app_ui.nav import PAGE_SPECS, PAGES, navigation
from app_ui.runs import (
    asked_for,
    cached_run,
    engine_setting,
    past_runs,
    past_runs_above,
    refusal_of,
    save_run,
)
from app_ui.tables import (
    DATA_KINDS,
    content_kind,
    day_input,
    require_tables,
    table_picker,
    table_rows_said,
    table_rows_used,
    tables,
    worded_kind,
    workspace_stamp,
)
from app_ui.text import (
    drawn,
    error_text,
    lang,
    language_switch,
    plain,
    rows_used,
    select_all,
    tr,
    uploader_words,
)
from app_ui.uploads import pii_checkbox, spooled
from app_ui.widgets import (
    AMOUNTS,
    COUNTS,
    DAYS,
    TIME_FORMATS,
    as_days,
    as_percent100,
    churn_probability_column,
    days_config,
    delta,
    downloads,
    fitted_columns,
    header_width,
    headers,
    metric_row,
    money_column,
    money_config,
    percent_column,
    pick,
    reasons_last,
    shares_grid,
    show_table,
    side_by_side,
    typed_column,
    typed_grid,
    user_errors,
    yes_no_words,
)

__all__ = [
    "AMOUNTS", "COUNTS", "DATA_KINDS", "DAYS", "PAGES", "PAGE_SPECS", "TIME_FORMATS", "as_days",
    "as_percent100", "asked_for",
    "cached_run", "churn_probability_column", "content_kind", "current_user",
    "day_input", "days_config", "drawn",
    "delta", "downloads", "engine_setting", "error_text", "fitted_columns", "header_width", "headers",
    "calibration_with_range", "hit_metrics", "lang", "pr_auc_and_rate", "rank_correlation_with_range",
    "language_switch",
    "metric_row", "money_column", "money_config", "navigation",
    "past_runs", "past_runs_above", "percent_column", "pick", "pii_checkbox", "plain",
    "range_between", "range_note",
    "refusal_of",
    "require_tables",
    "rows_used",
    "save_run", "share_with_range", "shares_grid", "show_table", "side_by_side", "spooled",
    "sign_in_gate",
    "reasons_last", "table_picker", "table_rows_said", "table_rows_used", "tables", "tr", "typed_column",
    "typed_grid",
    "select_all", "uploader_words", "user_errors", "yes_no_words",
    "workspace", "workspace_stamp", "worded_kind",
]
