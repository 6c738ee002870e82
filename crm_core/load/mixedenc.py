"""One text export whose lines are in different encodings, each line read in its own.

Two exports joined into one file (a UTF-8 one and a GBK one from an older ERP), or a line pasted
in from elsewhere: the head reads as UTF-8, a later line does not. The whole file used to be read
again as GB18030 when all of it decodes as such, else as Windows-1252 — and then every Chinese
character of the UTF-8 lines became mojibake (``好`` → ``å¥½``, or ``好评`` → ``濂借瘎`` read as
GB18030) without a word. When most lines beyond ASCII are UTF-8, or the file is not GB18030,
each line is UTF-8 where it decodes as such, else GB18030 where it reads as Chinese, else
Windows-1252, and a note says how many lines were read otherwise.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

from crm_core.i18n import Sentence

WESTERN = "cp1252"
"""The single-byte encoding of Western exports that are neither UTF nor GB18030."""


NAMES = {"gb18030": "GB18030 (GBK)", WESTERN: "Windows-1252"}


class LineDecoder:
    """Decodes an export's lines one by one and remembers which were not UTF-8."""

    def __init__(self, detected: str = WESTERN) -> None:
        self.detected = detected
        self.others: Counter[str] = Counter()
        self.first: dict[str, int] = {}
        self.utf8 = False
        """Whether some line has characters beyond ASCII in UTF-8: the export mixes encodings."""

    def decode(self, raw: bytes, line: int) -> str:
        """One line's text; ``line`` (1-based in the export) is remembered for the note."""
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            encoding = _line_encoding(raw)
            self.others[encoding] += 1
            self.first.setdefault(encoding, line)
            return raw.decode(encoding, errors="replace")
        self.utf8 = self.utf8 or not raw.isascii()
        return text

    def text(self, data: bytes) -> str:
        """Bytes of whole lines (a file's head) decoded line by line."""
        return "".join(self.decode(raw, i + 1) for i, raw in enumerate(data.splitlines(keepends=True)))

    @property
    def encoding(self) -> str:
        """The export's encoding as reported: UTF-8 when some line is, else the other one (the
        one detected when no line read went beyond ASCII: a title line skipped had it)."""
        if self.utf8 or not self.others:
            return "utf-8" if self.utf8 else self.detected
        return self.others.most_common(1)[0][0]

    def notes(self) -> list[Sentence]:
        """What was read in another encoding than the UTF-8 lines (nothing when no line was UTF-8)."""
        if not self.utf8:
            return []
        return [Sentence("load.note.mixed_encoding", count=f"{count:,}", encoding=NAMES[encoding],
                         line=self.first[encoding]) for encoding, count in self.others.most_common()]


def mostly_utf8(data: bytes) -> bool:
    """Whether more of these lines beyond ASCII are UTF-8 than not (a cut last line aside): a
    UTF-8 export with a few lines in another encoding, where a GBK export has none in UTF-8."""
    lines = data.splitlines()
    wide = [line for line in lines[:-1] or lines if not line.isascii()]
    utf8 = sum(1 for line in wide if _is_utf8(line))
    return utf8 > len(wide) - utf8


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _line_encoding(raw: bytes) -> str:
    """GB18030 when the line decodes as such and reads as Chinese, else Windows-1252."""
    try:
        return "gb18030" if reads_as_chinese(raw.decode("gb18030")) else WESTERN
    except UnicodeDecodeError:
        return WESTERN


def reads_as_chinese(text: str) -> bool:
    """Whether GB18030-decoded text is Chinese: most of its non-ASCII characters are in the
    common GB2312 set. Latin-1 bytes such as ``ä`` + ``t`` also decode as GB18030, but to rare
    characters (``Wochenumsätze`` → ``Wochenums鋞ze``). Punctuation does not vote: Chinese
    text is full of ``·`` (可口可乐·零度), which GB2312 lacks, and Latin-1 misread is letters."""
    wide = [ch for ch in text if ord(ch) > 127 and not unicodedata.category(ch).startswith("P")]
    common = sum(1 for ch in wide if _in_gb2312(ch))
    return common >= 0.5 * len(wide)


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False
