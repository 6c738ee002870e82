"""The capability contract: every Config field explained in both languages, CLI options from it."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from dataclasses import dataclass
from datetime import date

import pytest

import crm_core
from crm_core.contract import Config, add_config_options, config_from_args, option
from crm_core.errors import CrmError


def _all_configs() -> list[type[Config]]:
    """Every Config subclass in the library (importing each package's modules finds them)."""
    for module in pkgutil.walk_packages(crm_core.__path__, "crm_core."):
        if not module.name.startswith("crm_core.cli"):
            importlib.import_module(module.name)
    found, todo = [], list(Config.__subclasses__())
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return [c for c in found if c.__module__.startswith("crm_core.")]


def test_every_config_field_has_help_in_english_and_chinese():
    configs = _all_configs()
    assert any(c.__name__ == "SegmentConfig" for c in configs)
    for cls in configs:
        for f in cls.fields():
            help_ = f.metadata.get("help") or {}
            assert help_.get("en", "").strip(), f"{cls.__name__}.{f.name} has no English help"
            assert help_.get("zh", "").strip(), f"{cls.__name__}.{f.name} has no Chinese help"
            assert help_["en"] != help_["zh"], f"{cls.__name__}.{f.name}: Chinese help is a copy"


@dataclass(frozen=True)
class _Demo(Config):
    k: int | str = option("auto", en="groups", zh="分组数")
    end: date | None = option(None, en="last day", zh="最后一天")
    cols: tuple[str, ...] = option(("a", "b"), flag="--columns", en="columns", zh="列")
    share: float = option(0.5, en="share", zh="比例")
    hidden: str = option("x", cli=False, en="page only", zh="仅页面")


def _parse(*argv: str) -> _Demo:
    parser = argparse.ArgumentParser()
    add_config_options(parser, _Demo)
    return config_from_args(_Demo, parser.parse_args(list(argv)))


def test_cli_options_come_from_the_fields_with_types_and_defaults():
    assert _parse() == _Demo()
    config = _parse("--k", "4", "--end", "2025-03-01", "--columns", "x, y", "--share", "0.25")
    assert config == _Demo(k=4, end=date(2025, 3, 1), cols=("x", "y"), share=0.25)
    assert _parse("--k", "AUTO").k == "auto"
    with pytest.raises(SystemExit):
        _parse("--hidden", "y")  # page-only fields are not options


@pytest.mark.parametrize(("argv", "message"), [
    (("--end", "yesterday"), "--end must be a date like 2025-12-31, not 'yesterday'."),
    (("--share", "nan"), "--share must be a float, not 'nan'."),
    (("--share", "lots"), "--share must be a float, not 'lots'."),
])
def test_bad_values_name_the_flag(argv, message):
    with pytest.raises(CrmError) as caught:
        _parse(*argv)
    assert str(caught.value) == message


def test_config_round_trips_through_its_stored_json():
    config = _Demo(k=3, end=date(2024, 12, 31), cols=("城市",))
    assert _Demo.from_dict(config.to_dict()) == config
    assert '"end": "2024-12-31"' in config.to_json() and "城市" in config.to_json()
    assert _Demo.from_dict({**config.to_dict(), "gone_field": 1}) == config  # old runs still open
    assert _Demo.help("k", "zh") == "分组数" and _Demo.help("k") == "groups"
