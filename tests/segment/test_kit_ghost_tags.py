"""The judge69 pass: a creator's Kit (ConvertKit) subscribers export and a newsletter's Ghost members export,
read as their systems write them (docs/judge.md). Kit's tags are named by the creator's own convention,
"Purchased: Course", "Lead Magnet: Pricing Guide": a colon then a space inside a tag's name. Every expected
tag is read from the excerpt with pandas, never typed in."""

from __future__ import annotations

import pandas as pd

from crm_core.load.reader import load_file
from crm_core.segment.attributes import choose_columns
from tests.conftest import DATA

KIT = DATA / "kit_subscribers_excerpt.csv"


def _kit_tags() -> set[str]:
    raw = pd.read_csv(KIT, dtype=str, keep_default_na=False)
    tags = raw["tags"].str.split(", ").explode()
    tags = tags[tags != ""]
    assert tags.str.contains(": ").any()  # the excerpt holds a "Prefix: name" tag, as Kit's lists do
    return set(tags.value_counts()[lambda n: n >= 5].index)


def test_kit_tags_named_with_a_colon_are_tags(con):
    """judge69's 780 subscribers: `tags` was left out because a colon counted as markup (a JSON list's), so
    the run said the list "shows no groups" on first name, state and company alone."""
    frequent = _kit_tags()
    table = load_file(con, KIT, table="kt")[0].table
    chosen = choose_columns(con, table, None)
    assert "tags" in chosen.tags, chosen.left_out
    assert set(chosen.tags["tags"].tags) == frequent


def test_a_json_list_or_a_clock_time_is_still_no_tag(con):
    """The colon stays markup where no space follows it: a JSON list's ``"id":1`` or a time ``10:30``."""
    rows = [('[{"id":1}, {"id":2}]', "10:30, 11:00")] * 6 + [('[{"id":3}, {"id":1}]', "11:00, 12:15")] * 6
    con.execute("CREATE TABLE lists AS SELECT * FROM (VALUES " + ", ".join(f"('{a}', '{b}')" for a, b in rows)
                + ") AS t(items, slots)")
    chosen = choose_columns(con, "lists", None)
    assert not {"items", "slots"} & set(chosen.tags), chosen.tags


def test_a_persons_first_or_last_name_is_no_segment_attribute(con):
    """A small list's `first_name` (judge69's first run: a dozen names in 780 rows) passed as a category to
    segment on: a name says who someone is, not what kind of customer; masked or not, it is left out as a
    name. The excerpt's first 30 subscribers hold under 30 first names, as a short list does."""
    raw = pd.read_csv(KIT, dtype=str, keep_default_na=False).head(30)
    assert 2 < raw["first_name"].nunique() <= 30  # few enough levels to pass as a category
    for table, mask in (("kt", False), ("ktm", True)):
        load_file(con, KIT, table=table, mask_pii=mask)
        con.execute(f"CREATE TABLE {table}_30 AS SELECT * FROM {table} LIMIT 30")
        chosen = choose_columns(con, f"{table}_30", None)
        assert chosen.left_out.get("first_name") == chosen.left_out.get("last_name") == "name", chosen
        assert not {"first_name", "last_name"} & set(chosen.categorical)
