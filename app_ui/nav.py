"""The page registry: the router, the home page and the page tests all read it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from app_ui.text import tr


@dataclass(frozen=True)
class PageSpec:
    """One page of the app: the router, the home page and the page tests all read this list."""

    name: str
    title_key: str
    icon: str
    step_key: str | None = None  # the home page's workflow line, when the page is a workflow step

    @property
    def path(self) -> str:
        return f"pages/{self.name}.py"


PAGE_SPECS: tuple[PageSpec, ...] = (
    PageSpec("home", "nav.home", ":material/home:"),
    PageSpec("data", "nav.data", ":material/upload_file:", "home.step.integrate"),
    PageSpec("clean", "clean.title", ":material/cleaning_services:", "home.step.clean"),
    PageSpec("link", "nav.link", ":material/link:", "home.step.link"),
    PageSpec("segments", "segment.nav", ":material/donut_small:", "home.step.segment"),
    PageSpec("cohorts", "cohort.nav", ":material/grid_on:", "home.step.cohorts"),
    PageSpec("forecast", "nav.forecast", ":material/trending_up:", "home.step.forecast"),
    PageSpec("customers", "nav.customers", ":material/groups:", "home.step.customers"),
    PageSpec("recommend", "nav.recommend", ":material/shopping_cart:", "home.step.recommend"),
    PageSpec("support", "nav.support", ":material/support_agent:", "home.step.support"),
    PageSpec("customer", "nav.customer", ":material/person:", "home.step.customer"),
    PageSpec("sql", "nav.sql", ":material/terminal:", "home.step.sql"),
)
PAGES = {spec.name: spec.path for spec in PAGE_SPECS}
PAGE_ICON = Path(__file__).with_name("icon.png")
"""The browser tab's icon, a file we ship: an emoji ("📊") was drawn as an empty box where no emoji
font is installed, and a ``:material/…:`` tab icon is fetched from Google's servers (walk21)."""


def navigation() -> list:
    """``st.Page`` entries in workflow order (home first and default)."""
    return [st.Page(spec.path, title=tr(spec.title_key), icon=spec.icon, default=spec.name == "home",
                    url_path=None if spec.name == "home" else spec.name) for spec in PAGE_SPECS]
