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

import io
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from itertools import islice
from typing import BinaryIO

from crm_core.i18n import Sentence
from crm_core.load import eastasian

WESTERN = "cp1252"
"""The single-byte encoding of Western exports that are neither UTF nor GB18030."""


BLOCK_LINES = 4096
SAMPLE_LINES = 200
"""Lines beyond ASCII a block's other encoding is judged on (judging every character was slow)."""
NAMES = {"gb18030": "GB18030 (GBK)", WESTERN: "Windows-1252", "cp950": "Big5", "big5hkscs": "Big5-HKSCS",
         "cp932": "Shift-JIS", "cp850": "DOS 850", "mac_roman": "Mac Roman"}
SINGLE_BYTE = (WESTERN, "cp850", "mac_roman")
"""Western encodings read line by line, so Chinese or Japanese lines among them are found."""
_BEYOND_TWO_BYTES = re.compile(r"[^\x00-\u07ff]")
"""A character UTF-8 writes in three bytes or more (every Chinese one): UTF-8 beyond doubt."""
_PAIR = rb"(?:[\xa4-\xc6][\x40-\x7e\xa1-\xfe]|[\xb0-\xf7][\xa1-\xfe]|[\x81-\x9f][\x40-\x7e\x80-\xfc])"
"""A frequent Big5 character (lead 0xA4–0xC6), a GB2312 hanzi (both bytes high) or a Shift-JIS
kana or level-1 kanji (lead 0x81–0x9F): the blocks :mod:`eastasian` counts as frequent."""
_EAST = re.compile(_PAIR + _PAIR + rb'|(?:^|(?<=[,;\t|"]))' + _PAIR + rb'(?=[,;\t|"\r\n])', re.M)
"""Bytes that may be Chinese or Japanese: two such characters side by side, or one as a whole
value (Big5 ``男`` is 0xA8 ``k``). Western words seldom make them (``Hélène``, ``Núñez``,
``don’t`` do not): such lines alone are judged one by one, as judging every line with an accent
cost a 2M-line Windows-1252 file 9 s more."""
_EAST_BY_LETTERS = re.compile(rb"(?:[\x81-\xfe][\xa1-\xfe]){2}")
"""The same in DOS and Mac Roman files, whose letters are 0x80–0xBF (Mac ``Fr\x8ed\x8eric`` is
Shift-JIS ``Fr仕屍ic``): only two characters of two high bytes each."""


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
            return self._count(raw, line, self._own(_line_encoding(raw)))
        if not self.utf8 and (east := self._east_as_utf8(raw, text)):
            return self._count(raw, line, east)
        self.utf8 = self.utf8 or not raw.isascii()
        return text

    def _east_as_utf8(self, raw: bytes, text: str) -> str:
        """The East Asian encoding of lines read before, when this line is valid UTF-8 only by
        chance (GBK ``女`` is 0xC5 0xAE, UTF-8 ``Ů``: every character two bytes) and reads in it:
        one such line made a Windows-1252 file with GBK rows "UTF-8", its other lines "another
        encoding". Not once a line was UTF-8 beyond doubt."""
        east = [e for e in self.others if e not in SINGLE_BYTE]
        if not east or raw.isascii() or _BEYOND_TWO_BYTES.search(text):
            return ""
        return east[0] if _line_encoding(raw) == east[0] else ""

    def lines(self, fh: BinaryIO) -> Iterator[str]:
        """A binary file's lines decoded, a block of lines at a time: one decode for a block
        in UTF-8, or with no UTF-8 beyond ASCII in it (a Windows-1252 file stays as fast as it
        was read whole); line by line only in a block that mixes."""
        number = 1
        while block := list(islice(fh, BLOCK_LINES)):
            yield from self._block(block, number)
            number += len(block)

    def _block(self, block: list[bytes], number: int) -> list[str]:
        data = b"".join(block)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            if not data.decode("utf-8", "replace").replace("\ufffd", "").isascii():  # some UTF-8 in it
                return [self.decode(raw, number + i) for i, raw in enumerate(block)]
            wide = [i for i, raw in enumerate(block) if not raw.isascii()]
            encoding = self._own(_line_encoding(b"".join(block[i] for i in wide[:SAMPLE_LINES])))
            if encoding != self.detected and not _decodes(data, encoding):
                return [self.decode(raw, number + i) for i, raw in enumerate(block)]
            if encoding == self.detected and (east := _east_asian(block, data, wide, self.detected)):
                return [self._count(raw, number + i, east.get(i, encoding)) for i, raw in enumerate(block)]
            self.others[encoding] += len(wide)
            self.first.setdefault(encoding, number + wide[0])
            return data.decode(encoding, errors="replace").splitlines(keepends=True)
        self.utf8 = self.utf8 or not data.isascii()
        return text.splitlines(keepends=True)

    def _own(self, encoding: str) -> str:
        """The file's own Western encoding (DOS, Mac) where a line reads as none of East Asia's."""
        return self.detected if encoding == WESTERN and self.detected in SINGLE_BYTE else encoding

    def _count(self, raw: bytes, line: int, encoding: str) -> str:
        """One line read in ``encoding``, counted for the note when it is beyond ASCII."""
        if not raw.isascii():
            self.others[encoding] += 1
            self.first.setdefault(encoding, line)
        return raw.decode(encoding, errors="replace")

    def text(self, data: bytes) -> str:
        """Bytes of whole lines (a file's head) decoded line by line."""
        return "".join(self.lines(io.BytesIO(data)))

    @property
    def encoding(self) -> str:
        """The export's encoding as reported: UTF-8 when some line is, else the other one (the
        one detected when no line read went beyond ASCII: a title line skipped had it)."""
        if self.utf8 or not self.others:
            return "utf-8" if self.utf8 else self.detected
        return self.others.most_common(1)[0][0]

    def notes(self) -> list[Sentence]:
        """What was read in another encoding than the UTF-8 lines; in a file with no UTF-8 line,
        the lines read in another encoding than most (Big5 names among Windows-1252 ones)."""
        if self.utf8:
            return [Sentence("load.note.mixed_encoding", count=f"{count:,}", encoding=NAMES[encoding],
                             line=self.first[encoding]) for encoding, count in self.others.most_common()]
        main, *rest = [e for e, _ in self.others.most_common()] or [self.detected]
        return [Sentence("load.note.other_encoding_lines", count=f"{self.others[e]:,}", encoding=NAMES[e],
                         line=self.first[e], main=NAMES[main]) for e in rest]


def mostly_utf8(data: bytes) -> bool:
    """Whether more of these lines beyond ASCII are UTF-8 than not (a cut last line aside): a
    UTF-8 export with a few lines in another encoding, where a GBK export has none in UTF-8."""
    lines = data.splitlines()
    wide = [line for line in lines[:-1] or lines if not line.isascii()]
    utf8 = sum(1 for line in wide if _decodes(line, "utf-8"))
    return utf8 > len(wide) - utf8


def _decodes(raw: bytes, encoding: str) -> bool:
    try:
        raw.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _table(classes: dict[bytes, int]) -> bytes:
    """A ``bytes.translate`` table: each byte of a key to its class, every other byte to 0."""
    table = bytearray(256)
    for members, mark in classes.items():
        for byte in members:
            table[byte] = mark
    return bytes(table)


_HIGH = _table({bytes(range(0x80, 0x100)): 1})
_LEADS = _table({bytes(range(0x81, 0xA0)) + bytes(range(0xA4, 0xC7)): 2, bytes(range(0x40, 0x7F)): 3,
                 b',;\t|"\r\n': 4})
"""Classes for :func:`_maybe_east`: a Big5 or Shift-JIS lead, a trail that is an ASCII letter, a
delimiter."""


def _maybe_east(data: bytes, western: bool) -> bool:
    """Whether a block may hold a Chinese or Japanese line (:data:`_EAST`), told by a few searches in
    C over its bytes translated to classes: three high bytes in a row (four in DOS and Mac Roman,
    whose letters are high), or two leads each before an ASCII trail (Big5 ``小明``), or one as a
    whole value (``男``). A regular expression over every block took a 68 MB Windows-1252 file
    4 s more; this, a tenth of a second."""
    if b"\x01\x01\x01" + (b"" if western else b"\x01") in data.translate(_HIGH):
        return True
    classes = data.translate(_LEADS)
    return western and (b"\x02\x03\x02\x03" in classes or b"\x04\x02\x03\x04" in classes)


def _east_asian(block: list[bytes], data: bytes, wide: list[int], detected: str) -> dict[int, str]:
    """The lines of a Western block that read as Big5, GB18030 or Shift-JIS, each with its
    encoding: only lines with such bytes (:data:`_EAST`) are judged, one by one, then all of them
    together (a short line such as ``台中市`` alone reads as GB18030 too). The block was judged on
    its first lines beyond ASCII, and Taiwanese names after thousands of ``Café`` rows were read
    as ``¤ý¤p©ú``."""
    pattern = _EAST if detected == WESTERN else _EAST_BY_LETTERS
    if not _maybe_east(data, detected == WESTERN):
        return {}
    east = [i for i in wide if pattern.search(block[i]) and _line_encoding(block[i]) != WESTERN]
    together = _line_encoding(b"".join(block[i] for i in east[:SAMPLE_LINES])) if east else WESTERN
    return {i: together if together != WESTERN and _decodes(block[i], together) else _line_encoding(block[i])
            for i in east}


def _line_encoding(raw: bytes) -> str:
    """Big5 or Shift-JIS when the line reads so better than as GB18030 (:mod:`eastasian`: a
    Taiwanese line after UTF-8 ones was GB18030 mojibake), else GB18030 when it decodes as such
    and reads as Chinese, else Windows-1252."""
    try:
        chinese = reads_as_chinese(raw.decode("gb18030"))
    except UnicodeDecodeError:
        chinese = False
    return eastasian.other_encoding(raw, chinese) or ("gb18030" if chinese else WESTERN)


def reads_as_chinese(text: str) -> bool:
    """Whether GB18030-decoded text is Chinese: most of its non-ASCII characters are in the
    common GB2312 set. Latin-1 bytes such as ``ä`` + ``t`` also decode as GB18030, but to rare
    characters (``Wochenumsätze`` → ``Wochenums鋞ze``). Punctuation does not vote: Chinese
    text is full of ``·`` (可口可乐·零度), which GB2312 lacks, and Latin-1 misread is letters.
    A currency sign votes Chinese (:func:`_money_sign`)."""
    wide = [ch for ch in text if ord(ch) > 127 and not unicodedata.category(ch).startswith("P")]
    common = sum(1 for ch in wide if _in_gb2312(ch) or _money_sign(ch))
    return common >= 0.5 * len(wide)


def _money_sign(ch: str) -> bool:
    """A currency sign or a full-width form: what a GB18030 export's prices carry beyond GB2312
    (``¥1,796.67`` is bytes 0x81 0x30 0x84 0x36; ``€`` is 0xA2 0xE3). Western text cannot make
    one: a four-byte form is high byte, digit, high byte, digit (and 0x81 is no Windows-1252
    character), and the two-byte ones outside GB2312 are ``¢ã``, ``©V``, ``©W``, ``©†``."""
    return unicodedata.category(ch) == "Sc" or 0xFF00 <= ord(ch) <= 0xFFEF


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False
