"""Settings are declared once: each is read through crm_core.settings and listed in the README."""

from __future__ import annotations

import re

from crm_core import settings
from tests.conftest import ROOT

_READ = re.compile(r"environ(?:\.get)?\(\s*[\"'](CRM_[A-Z_]+)|environ\[\s*[\"'](CRM_[A-Z_]+)")


def test_readme_lists_every_setting():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for setting in settings.SETTINGS:
        assert f"`{setting.env}`" in readme, f"README's Configuration table lacks {setting.env}"


def test_no_module_reads_the_environment_for_a_setting_itself():
    names = {s.env for s in settings.SETTINGS}
    ui = [*(ROOT / "app_ui").glob("*.py"), *(ROOT / "pages").glob("*.py")]
    for path in [*(ROOT / "crm_core").rglob("*.py"), *ui]:
        if path.name == "settings.py":
            continue
        text = path.read_text(encoding="utf-8")
        for match in _READ.finditer(text):
            assert (match.group(1) or match.group(2)) not in names, f"{path} reads a setting directly"


def test_settings_read_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("CRM_WORKSPACE", str(tmp_path))
    monkeypatch.setenv("CRM_IMPORT_DIR", "")
    monkeypatch.setenv("CRM_DEBUG", "1")
    assert settings.workspace_dir() == tmp_path
    assert settings.import_dir() is None and settings.debug()
