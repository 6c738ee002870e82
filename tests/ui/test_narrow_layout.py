"""Layouts that hold at 820 px, where Streamlit 1.67 keeps the sidebar open and the main column is
about 440 px wide (walk17, walk18)."""

from __future__ import annotations

from streamlit.testing.v1.element_tree import Column

from crm_core.i18n import t
from tests.ui.apptest import page_opener

data_page = page_opener("pages/data.py")


def _blocks(node):
    """Every block under ``node``, depth first."""
    for child in getattr(node, "children", {}).values():
        if child.type == "block" or hasattr(child, "children"):
            yield child
            yield from _blocks(child)


def test_the_role_pickers_wrap_instead_of_squeezing_four_a_row(sample_ws):
    """walk17/walk18 (``before820_01_data_roles.png``): four pickers a row in 440 px cut their
    values ("会员手机", "下单时间"); each picker now keeps its width and the row wraps."""
    at = data_page(sample_ws.folder)
    at.selectbox(key="browse_table").select("orders").run()
    assert not at.exception
    holders = [b for b in _blocks(at.main)
               if any(getattr(c, "key", "") and str(c.key).startswith("role_orders_")
                      for c in b.children.values())]
    assert len(holders) == 1, [h.proto for h in holders]
    (holder,) = holders
    assert holder.proto.flex_container.wrap and holder.proto.flex_container.direction == 2  # HORIZONTAL
    assert sum(str(getattr(c, "key", "")).startswith("role_orders_") for c in holder.children.values()) >= 10


def test_the_3d_chart_has_the_whole_width_and_room_for_its_axes(sample_ws):
    """walk17/walk18 (``before820_02_segments.png``): beside the principal-components scatter the
    3-D RFM chart had about 210 px at 820 px (about 350 at 1024): its axes ran off both edges
    ("1500", "300" cut). It is drawn across the column, the camera back far enough that the
    axes' ticks stay inside the drawing."""
    import json

    at = page_opener("pages/segments.py")(sample_ws.folder)
    at.button[0].click().run()  # the form's "Run segmentation"
    assert not at.exception, at.exception
    halves = [b for b in _blocks(at.main) if isinstance(b, Column) and b.weight < 1]
    inside = {json.loads(c.proto.spec)["data"][0]["type"] for h in halves for c in h.children.values()
              if c.type == "plotly_chart"}
    drawn = {json.loads(c.proto.spec)["data"][0]["type"] for c in at.get("plotly_chart")}
    assert "scatter3d" in drawn and "scatter3d" not in inside
    # walk18 (en_08_segments_k4.png): in a half column at 1024 px the profile heatmap's cells were
    # 17 px wide and their labels ran together ("0.9-0.70.7"); it has the column's width too
    titles = {json.loads(c.proto.spec)["layout"]["title"]["text"].replace("<br>", " ")
              for h in halves for c in h.children.values() if c.type == "plotly_chart"}
    assert t("segment.chart.heatmap", "en") not in titles
    scene = next(json.loads(c.proto.spec)["layout"]["scene"] for c in at.get("plotly_chart")
                 if json.loads(c.proto.spec)["data"][0]["type"] == "scatter3d")
    eye = scene["camera"]["eye"]
    assert (eye["x"] ** 2 + eye["y"] ** 2 + eye["z"] ** 2) ** 0.5 > 1.25 * 3 ** 0.5  # plotly's own
