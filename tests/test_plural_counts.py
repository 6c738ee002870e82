"""A count of one said in the singular in English wherever the catalogue writes a count noun after a number
("(1 customers)" read wrong where an entry had no ``en_one``, left63); Chinese has one form."""

from __future__ import annotations

import re

from crm_core.i18n import Sentence, catalogue, t

_NOUNS = "(rows|customers|orders|days|companies|addresses)"
_COUNTED = re.compile(r"\{(\w+)(?::[^}]*)?\}[ \u00a0]" + _NOUNS + r"\b")
_ONE = re.compile(r"\b1[ \u00a0]" + _NOUNS + r"\b")


def test_one_customer_is_said_in_the_singular():
    said = Sentence("rec.lift_up", days=28, customers="1", hit="1", k=10, base="0", baseline="popularity",
                    lift="+1")
    assert "for 1 customer," in said
    assert "1 customers" not in said
    assert "1 位客户" in said.text("zh")
    two = t("rec.lift_up", days=28, customers="2", hit="1", k=10, base="0", baseline="b", lift="")
    assert "for 2 customers," in two


def test_no_entry_says_one_with_a_plural_noun():
    """Every entry of the catalogue with a count noun after a placeholder, filled with 1."""
    wrong = []
    for key, entry in catalogue().items():
        names = {m.group(1) for m in _COUNTED.finditer(entry.get("en", ""))}
        if not names:
            continue
        values = {name: 7 for name in re.findall(r"\{(\w+)", entry["en"])} | dict.fromkeys(names, 1)
        said = t(key, "en", **values)
        wrong += [key for m in _ONE.finditer(said)]
    assert not wrong, wrong


def test_a_range_over_one_customer_says_customer():
    """The range caption joins its count with a no-break space: "(1\u00a0customers)" was stop 52's case."""
    assert t("common.range95", "en", low="0%", high="100%", n="1").endswith("(1\u00a0customer)")
    assert t("common.range95", "en", low="0%", high="100%", n="2").endswith("(2\u00a0customers)")

