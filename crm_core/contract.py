"""The one contract every analysis follows.

``Config`` (a frozen dataclass whose fields carry their help in English and Chinese)
→ ``run(con, table, config, *, roles=None, lang="en") -> Run`` → ``Run.summary()`` (the JSON
the CLI prints last), ``Run.files()`` (report files by name), ``Run.tables()`` (result frames
by name) → :func:`crm_core.workspace.runs.save` (result tables named per run, the run in the
catalogue). The CLI options and the page widgets' help come from the Config fields, so each
setting is declared once (see ``docs/architecture.md``).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import types
import typing
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from crm_core.errors import CrmError
from crm_core.i18n import Sentence, Term

if TYPE_CHECKING:  # only named in a hint: `python -m crm_core --help` need not import pandas
    import pandas as pd


def option(default: Any = dataclasses.MISSING, *, en: str, zh: str, choices: tuple | None = None,
           flag: str | None = None, cli: bool = True, metavar: str | None = None,
           words: str | None = None, page_en: str | None = None,
           default_factory: Any = dataclasses.MISSING) -> Any:
    """A Config field with its help text in both languages (and how the CLI offers it).

    ``flag`` overrides the generated ``--field-name``; ``cli=False`` keeps a field off the
    command line (set by the page or by code only); ``words`` is the locale prefix the page's
    widget says each choice by (``cohort.freq`` → "monthly"), so a kept run's settings read the
    same and not as the stored codes (``M``). ``en`` is also the CLI's ``--help``, which may name
    the codes a CLI user types (``M (months)``, ``--by``); ``page_en`` then says it in words for the
    pages. ``zh`` is shown on pages only, so it is always in words.
    """
    metadata = {"help": {"en": en, "zh": zh}, "choices": choices, "flag": flag, "cli": cli,
                "metavar": metavar, "words": words, "page_en": page_en}
    if default_factory is not dataclasses.MISSING:
        return dataclasses.field(default_factory=default_factory, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


class Config:
    """Base of every analysis configuration (subclasses are ``@dataclass(frozen=True)``)."""

    @classmethod
    def fields(cls) -> tuple[dataclasses.Field, ...]:
        return dataclasses.fields(cls)  # type: ignore[arg-type]

    @classmethod
    def help(cls, name: str, lang: str = "en") -> str:
        """The field's help in ``lang`` as the pages show it (tooltips, kept settings): in words,
        where the CLI's ``--help`` names codes (:func:`option`'s ``page_en``)."""
        meta = next(f for f in cls.fields() if f.name == name).metadata
        if lang != "zh" and meta.get("page_en"):
            return meta["page_en"]
        return meta["help"].get(lang) or meta["help"]["en"]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON values (dates as ISO text, tuples as lists): kept with each run."""
        return {f.name: _plain(getattr(self, f.name)) for f in self.fields()}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_dict(cls, values: Mapping[str, Any]):
        """A config from stored JSON values (unknown keys ignored, so old runs still open)."""
        hints = typing.get_type_hints(cls)
        known = {f.name for f in cls.fields()}
        return cls(**{k: parse_value(hints[k], v, k) for k, v in values.items() if k in known})


class Run(Protocol):
    """What every analysis run returns."""

    kind: ClassVar[str]
    table: str
    config: Config

    def summary(self) -> dict[str, Any]:
        """The summary as plain JSON values (the CLI prints it as its last line)."""

    def files(self) -> dict[str, bytes]:
        """Report files by file name (``segments.csv`` → bytes), for downloads and ``--out``."""

    def tables(self) -> dict[str, pd.DataFrame]:
        """Result frames by name (the first is the run's main result), saved per run."""


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def _base_type(annotation: Any) -> tuple[Any, bool]:
    """(the non-None type, whether None is allowed) of a field annotation."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return (args[0] if len(args) == 1 else tuple(args)), type(None) in typing.get_args(annotation)
    return annotation, False


LIST_SEPARATORS = re.compile(r"[,，、]")
"""What parts a typed list: a comma, the full-width comma and the enumeration comma a Chinese
keyboard types (年龄，收入 was one column named "年龄，收入")."""


def split_list(text: str) -> tuple[str, ...]:
    """A typed list's items, trimmed, blanks dropped."""
    return tuple(v.strip() for v in LIST_SEPARATORS.split(text) if v.strip())


def parse_value(annotation: Any, raw: Any, name: str) -> Any:
    """Turn a CLI string (or stored JSON value) into the field's type, or say what is wrong."""
    base, nullable = _base_type(annotation)
    if raw is None or (nullable and isinstance(raw, str) and raw.strip() == ""):
        return None
    flag = "--" + name.replace("_", "-")
    try:
        if isinstance(base, tuple):  # e.g. int | str ("auto" or a number)
            return _either(base, raw)
        if typing.get_origin(base) is tuple:
            if isinstance(raw, str):
                return split_list(raw)
            return tuple(str(v).strip() for v in raw if str(v).strip())  # a kept list keeps its items
        if base is bool:
            return raw if isinstance(raw, bool) else str(raw).strip().lower() in ("1", "true", "yes", "on")
        if base is date:
            return raw if isinstance(raw, date) else date.fromisoformat(str(raw).strip())
        if base in (int, float):
            value = base(raw)
            if base is float and value != value:  # NaN
                raise ValueError
            return value
        return base(raw) if base is not Any else raw
    except (TypeError, ValueError):
        kind = _kind_said(base)
        raise CrmError(Sentence("cli.error.option_value", flag=flag, kind=kind, raw=raw)) from None


_KINDS_ZH = {"int": "整数", "float": "数字", "str": "文本"}


def _kind_said(base: Any) -> Term:
    """What an option takes, in both languages ("a int" read as English inside a Chinese refusal)."""
    if base is date:
        return Term("a date like 2025-12-31", zh="形如 2025-12-31 的日期")
    name = getattr(base, "__name__", str(base))
    return Term(f"a {name}", zh=_KINDS_ZH.get(name, name))


def _either(types_: tuple, raw: Any) -> Any:
    for candidate in types_:
        if candidate is str:
            continue
        try:
            return candidate(raw)
        except (TypeError, ValueError):
            pass
    if str in types_:
        return str(raw).strip().lower()
    raise ValueError(raw)


def add_config_options(parser: argparse.ArgumentParser, config_cls: type[Config]) -> None:
    """One ``--field-name`` option per Config field, help and choices from the field."""
    for f in config_cls.fields():
        meta = f.metadata
        if not meta.get("cli", True):
            continue
        flag = meta.get("flag") or "--" + f.name.replace("_", "-")
        default = None if f.default is dataclasses.MISSING else _plain(f.default)
        shown = ",".join(map(str, default)) if isinstance(default, list) else default
        help_text = meta["help"]["en"] + ("" if shown in (None, "", ()) else f" (default: {shown})")
        parser.add_argument(flag, dest=f"cfg_{f.name}", default=None, choices=meta.get("choices"),
                            metavar=meta.get("metavar") or (None if meta.get("choices") else "VALUE"),
                            help=help_text.replace("%", "%%"))  # argparse formats help with %


def config_from_args(config_cls: type[Config], args: argparse.Namespace, **fixed: Any):
    """The Config the flags describe (fields not given keep their defaults)."""
    hints = typing.get_type_hints(config_cls)
    values = {f.name: parse_value(hints[f.name], getattr(args, f"cfg_{f.name}"), f.name)
              for f in config_cls.fields() if getattr(args, f"cfg_{f.name}", None) is not None}
    return config_cls(**{**values, **fixed})
