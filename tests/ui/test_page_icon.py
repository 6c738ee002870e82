"""The browser tab's icon: drawn from a file the app ships, not a font the analyst's machine may lack."""

from __future__ import annotations

from PIL import Image
from streamlit.string_util import is_emoji

from app_ui.nav import PAGE_ICON


def test_the_tab_icon_is_an_image_the_app_ships_not_an_emoji_or_a_web_font():
    """walk21: page_icon "📊" became an SVG favicon of the emoji as text, an empty box where no emoji
    font is installed (Debian's chromium here); a ``:material/…:`` icon is fetched from fonts.gstatic.com,
    which a self-hosted workbench may not reach."""
    icon = str(PAGE_ICON)
    assert not is_emoji(icon) and not icon.startswith(":")
    with Image.open(PAGE_ICON) as image:
        assert image.size[0] == image.size[1] >= 32
        colours = image.convert("RGBA").getcolors(maxcolors=1 << 16)
        assert colours and len(colours) >= 2  # something drawn, not a blank square
