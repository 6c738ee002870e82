"""Translations for every user-visible string (English and 简体中文).

Catalogues live in ``crm_core/locales/*.json`` — one file per area, each mapping a key to
``{"en": …, "zh": …}`` — so each capability adds its strings without touching the others.
Reports use this too, which is why it sits in the core and not beside the pages.
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import cache
from pathlib import Path

LANGUAGES: dict[str, str] = {"en": "English", "zh": "简体中文"}
LOCALES_DIR = Path(__file__).with_name("locales")
_COUNT_NOUNS = ("addresses|baskets|bills|buyers|characters|clients|cohorts|columns|companies|currencies|"
                "customer-days|customers|dates|days|events|files|ids|invoices|labels|lines|months|names|numbers|"
                "orders|origins|outliers|pairs|parts|payments|periods|person-days|points|prices|products|quarters|"
                "questions|recommendations|records|replies|rows|runs|scores|segments|sheets|spellings|statements|"
                "steps|tables|tags|tickets|values|ways|weeks|years")
_COUNTED = re.compile(r"(\{(\w+)(?::[^}]*)?\}[ \u00a0])(" + _COUNT_NOUNS + r")\b( are| were| have)?")
"""A count noun after a placeholder, the verb agreeing with it if one follows: "(1 customers)" read wrong
wherever an entry had no ``en_one`` (left63). ``times`` is left out: "1 times how much" is a multiple."""
_AGREES = {" are": " is", " were": " was", " have": " has"}


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """All keys from every locale file; a key defined twice is a bug caught by the tests."""
    merged: dict[str, dict[str, str]] = {}
    for path in sorted(LOCALES_DIR.glob("*.json")):
        merged.update(json.loads(path.read_text(encoding="utf-8")))
    return merged


def t(key: str, lang: str = "en", **values: object) -> str:
    """The text for ``key`` in ``lang`` (English when missing), with ``{name}`` filled in; an
    entry's ``en_one`` is its English when ``count`` is 1 ("1 rows are exact duplicates" read
    wrong; Chinese has one form), and any other count of 1 takes its noun in the singular."""
    entry = catalogue().get(key)
    if entry is None:
        return key
    one = entry.get(f"{lang}_one") if str(values.get("count")) == "1" else None
    text = one or entry.get(lang) or entry.get("en") or key
    if values and (lang == "en" or lang not in entry):
        text = _one_in_singular(text, values)
    return text.format(**values) if values else text


def _one_in_singular(text: str, values: dict) -> str:
    """English ``text`` with each count noun after a placeholder worth 1 in the singular ("1 customer",
    "1 company"): Chinese has one form, so the catalogue writes the plural once."""
    def one(found: re.Match) -> str:
        if str(values.get(found.group(2))) != "1":
            return found.group(0)
        noun = found.group(3)
        noun = noun[:-3] + "y" if noun.endswith("ies") else noun[:-2] if noun.endswith("sses") else noun[:-1]
        counted_in = text[:found.start()].endswith(("of ", "of the "))  # "2 of the 1 customer have"
        verb = found.group(4) or ""
        return found.group(1) + noun + (verb if counted_in else _AGREES.get(verb, ""))
    return _COUNTED.sub(one, text)


def word(prefix: str, value: object, lang: str) -> object:
    """``value`` said by its entry ``prefix.value`` where the catalogue has one, else as it is:
    a number of segments, or a code no word was written for yet, still reads."""
    key = f"{prefix}.{value}"
    return t(key, lang) if key in catalogue() else value


class Sentence(str):
    """A sentence for the analyst that reads as its English text (the CLI and JSON summaries print
    it, tests compare it) and can be said in another language with :meth:`text`."""

    key: str
    values: dict

    def __new__(cls, key: str, **values: object) -> Sentence:
        sentence = super().__new__(cls, t(key, "en", **values))
        sentence.key, sentence.values = key, values
        return sentence

    def text(self, lang: str) -> str:
        """Said in ``lang``, a sentence among the values too (an error inside 'Table …: {error}')."""
        return t(self.key, lang, **{k: say(v, lang) for k, v in self.values.items()})


class Day(str):
    """A calendar day inside a sentence: ISO in the English text the CLI prints and tests compare,
    said as people write a day on a page ("26 Dec 2022", "2022年12月26日", not "2022-12-26")."""

    def __new__(cls, value: object) -> Day:
        day = date.fromisoformat(str(value)[:10])
        said = super().__new__(cls, day.isoformat())
        said.day = day
        return said

    def text(self, lang: str) -> str:
        return day_words(self.day, lang)


def day_words(day: date, lang: str) -> str:
    """A day as the language writes it: ``2 Dec 2026`` / ``2026年12月2日``."""
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {day:%b %Y}"


class Term(str):
    """A name that has its own word in each language (a holiday as its country's calendar names
    it): English in the text the CLI prints and tests compare, the other language's word where
    one is known, else the English one."""

    words: dict

    def __new__(cls, value: str, **words: str) -> Term:
        term = super().__new__(cls, value)
        term.words = {lang: said for lang, said in words.items() if said}
        return term

    def text(self, lang: str) -> str:
        return self.words.get(lang, str(self))


class Clauses(str):
    """Sentences said as one (the evidence inside a refusal), in English until said in another
    language with :meth:`text`."""

    parts: tuple

    def __new__(cls, parts) -> Clauses:
        parts = tuple(parts)
        clauses = super().__new__(cls, cls.joined(parts, "en"))
        clauses.parts = parts
        return clauses

    @staticmethod
    def joined(parts, lang: str) -> str:
        return join((say(p, lang) for p in parts), lang)

    def text(self, lang: str) -> str:
        return self.joined(self.parts, lang)


class Listing(Clauses):
    """Values listed inside a sentence ("app, store, web"), in English until said in another
    language with :meth:`text` (Chinese lists with "、", not an ASCII comma); the values may be
    sentences themselves (quoted column names)."""

    @staticmethod
    def joined(parts, lang: str) -> str:
        return listed(parts, lang)


def quoted_name(name: object) -> Sentence:
    """A column's (or a value's) name quoted as the language quotes it ('age' / “年龄”): a name with
    a comma inside ("All Employees, Total Nonfarm") reads as one item of a list."""
    return Sentence("kind.evidence.quoted", column=name)


def shortened(items, shown: int) -> Listing:
    """The first ``shown`` items listed, then how many more ("…, 7 more" / "…、另7个"): a bare "…"
    closing a list before the sentence's full stop read "…." (judge10)."""
    items = list(items)
    more = [Sentence("core.list.more", count=f"{len(items) - shown:,}")] if len(items) > shown else []
    return Listing(items[:shown] + more)


class Said(str):
    """A sentence said in one language that keeps the sentence: a run's summary prints it as its
    text, and a kept run stores the sentence too (:func:`kept`), so Past runs says it in the page's
    language (a run kept from the English page read its notes in English on the Chinese one)."""

    sentence: object

    def __new__(cls, sentence: object, lang: str = "en") -> Said:
        said = super().__new__(cls, str(say(sentence, lang)))
        said.sentence = sentence
        return said


def kept(sentence: object) -> object:
    """``sentence`` as JSON that :func:`unkept` makes a sentence again: its key and values, not its
    text, so it can be said in either language later."""
    if isinstance(sentence, Said):
        return kept(sentence.sentence)
    if isinstance(sentence, Sentence):
        return {"sentence": sentence.key, "values": {k: kept(v) for k, v in sentence.values.items()}}
    if isinstance(sentence, Day):
        return {"day": str(sentence)}
    if isinstance(sentence, Term):
        return {"term": str(sentence), "words": sentence.words}
    if isinstance(sentence, Clauses):
        return {"listing" if isinstance(sentence, Listing) else "clauses": [kept(p) for p in sentence.parts]}
    return sentence if sentence is None or isinstance(sentence, int | float) else str(sentence)


def unkept(data: object) -> object:
    """What :func:`kept` stored, a sentence again (a number or plain text as it is)."""
    if not isinstance(data, dict):
        return data
    if "sentence" in data:
        return Sentence(data["sentence"], **{k: unkept(v) for k, v in data["values"].items()})
    if "day" in data:
        return Day(data["day"])
    if "term" in data:
        return Term(data["term"], **data["words"])
    kind = Listing if "listing" in data else Clauses
    return kind(unkept(p) for p in data[next(iter(data))])


def say(sentence: object, lang: str) -> object:
    """``sentence`` in ``lang`` when it is a :class:`Sentence`, :class:`Clauses`,
    :class:`Listing`, :class:`Day` or :class:`Term`, else as it is (data, plain text)."""
    return sentence.text(lang) if isinstance(sentence, Sentence | Clauses | Day | Term) else sentence


def listed(items, lang: str) -> str:
    """Values listed as the language lists them: "a, b" in English, "a、b" in Chinese."""
    return ("、" if lang == "zh" else ", ").join(str(say(item, lang)) for item in items)


def ended(text: str, lang: str) -> str:
    """``text`` closed with the language's full stop unless it ends a sentence already: notes are
    clauses, some closed and some not ("…(largest change 2%)", "…（不足以拟合预测所用的模型）")."""
    text = str(text).rstrip()
    return text if text.endswith(SENTENCE_ENDS) else text + ("。" if lang == "zh" else ".")


SENTENCE_ENDS = (".", "!", "?", "。", "！", "？")


def either(items, lang: str) -> str:
    """Values as alternatives: "a, b or c" in English, "a、b或c" in Chinese (a list with commas alone
    read "'加入星球', '续期'" where one or the other was meant)."""
    said = [str(say(item, lang)) for item in items]
    if len(said) < 2:
        return "".join(said)
    return listed(said[:-1], lang) + (" or " if lang == "en" else "或") + said[-1]


def join(parts, lang: str) -> str:
    """Clauses joined as the language punctuates them (a Chinese sentence takes ``；``), each said in
    ``lang``: a note kept as a :class:`Sentence` read in English on the Chinese pages."""
    return ("；" if lang == "zh" else "; ").join(str(say(p, lang)) for p in parts)


def role_name(role: str, lang: str) -> str:
    """A column role as the analyst says it ("客户 ID" for ``customer_id``); no role reads empty,
    so tables of columns do not show the code names the roles are stored under."""
    return t(f"role.{role}", lang) if role else ""
