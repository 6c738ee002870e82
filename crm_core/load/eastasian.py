"""Big5 and Shift-JIS exports: told apart from GB18030 and Windows-1252 by their characters.

A Taiwanese or Hong Kong export in Big5 (Excel's code page 950), or a Japanese one in Shift-JIS
(932), does not read as Chinese in GB18030, and was read as Windows-1252: every header and name
became ``«È¤á½s¸¹`` without a word. Read in its own encoding, text in either is almost all
frequent characters; Western bytes that happen to decode in it are not. And a GBK export whose
few characters happen to be valid UTF-8 (``元``) is told from UTF-8 text.
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata

FREQUENT = {
    "cp950": ((0xA440, 0xC67E),),
    "big5hkscs": ((0xA440, 0xC67E),),
    "cp932": ((0x8158, 0x815B), (0x829F, 0x82F1), (0x8340, 0x8396), (0x889F, 0x9872)),
    "gb18030": ((0xB0A1, 0xD7F9),),
}
"""Per encoding, its frequent block in bytes: Big5's 常用字 (5,401 characters; Hong Kong's
HKSCS adds Cantonese 嘅 冇 啲, which code page 950 cannot decode); Shift-JIS's
hiragana, katakana, JIS level-1 kanji (2,965) and the marks words are written with (々 〆 〇 and the long
vowel ー of クレジットカード, judge63); GB2312's level-1 hanzi (3,755)."""
OTHERS = ("cp950", "big5hkscs", "cp932")
SHARE = 0.9
SAMPLE_BYTES = 1 << 16
_RUN = re.compile(r"[^\x00-\x7f]{2,}")
_LONE = re.compile(r'(?:^|(?<=[,;\t|"]))[^\x00-\x7f](?=[,;\t|"\r\n]|$)', re.M)
WESTERN_UNITS = (0xB0, 0xB5)
"""``°`` and ``µ`` in Windows-1252: ``°C``, ``µg`` as a whole value decode in Big5 to one frequent
character (蚓, 痢), so a lone value starting with either byte is no evidence."""
_BEYOND_GBK_AS_UTF8 = re.compile(r"[^\x00-\x7f\u0500-\u07ff]")


def other_encoding(head: bytes, chinese: bool = False) -> str | None:
    """Big5 (cp950; big5hkscs from Hong Kong) or Shift-JIS (cp932) when the head reads as such,
    and, when it reads as Chinese in GB18030 too (``chinese``), as more frequent characters than
    that: Big5 bytes often decode as GB18030 to common enough characters (``訂單編號`` →
    ``璹虫絪腹``). Not when that reading is mostly letters of an alphabet: Russian names in
    GB18030 (GB2312's Cyrillic) decode in Big5 to frequent characters (``Анна`` → ``均扶扶忘``).
    Judged on the first 64 KB: the whole head (a megabyte) took a GB18030 file 1.4 s."""
    sample = head[:SAMPLE_BYTES]
    gb_text = _decoded(sample, "gb18030") if chinese else ""
    if gb_text and _alphabetic(gb_text):
        return None
    for encoding in OTHERS:
        text = _decoded(sample, encoding)
        if text and reads_as(text, encoding) and share(text, encoding) > share(gb_text, "gb18030"):
            return encoding
    return None


class WideLines:
    """The lines beyond ASCII of a file read in chunks, the first :data:`SAMPLE_BYTES` of them:
    what a Big5 or Shift-JIS reading is judged on when those lines come after an ASCII head
    (read as GB18030 or Windows-1252 before). A line cut between two chunks waits for its end."""

    def __init__(self) -> None:
        self._lines = bytearray()
        self._tail = b""

    @property
    def full(self) -> bool:
        return len(self._lines) >= SAMPLE_BYTES

    def feed(self, chunk: bytes) -> None:
        if self.full:
            return
        data = self._tail + chunk
        cut = data.rfind(b"\n") + 1
        self._tail, whole = data[cut:], data[:cut]
        if not whole.isascii():
            self._lines += b"".join(ln for ln in whole.splitlines(keepends=True) if not ln.isascii())

    @property
    def sample(self) -> bytes:
        """The lines gathered, with a last line that had no line end."""
        return bytes(self._lines) + (b"" if self._tail.isascii() else self._tail)


def _decoded(data: bytes, encoding: str) -> str:
    """The bytes as text (a character cut at the end left out), or "" when they do not decode."""
    try:
        return codecs.getincrementaldecoder(encoding)().decode(data, final=False)
    except UnicodeDecodeError:
        return ""


def gbk_read_as_utf8(text: str) -> bool:
    """Whether UTF-8 text is a GBK export's few characters that happen to be valid UTF-8: ``元``
    (0xD4 0xAA) is ``Ԫ`` and ``12.50元`` loaded as ``12.50Ԫ``. Every character beyond ASCII is a
    lone letter of Armenian, Hebrew, Arabic or Syriac (U+0500–U+07FF), which write words; a lone
    Greek ``μ`` or Latin ``é`` is real UTF-8."""
    return not (text.isascii() or _BEYOND_GBK_AS_UTF8.search(text) or _RUN.search(text))


def reads_as(text: str, encoding: str) -> bool:
    """Whether nine in ten letters beyond ASCII are frequent ones and two stand together (a word)
    or one is a whole value (a 性別 column of ``男``/``女``, read as ``¨k``/``¤k`` before): a Western
    ``°C`` or ``Äp`` decodes in Big5 to one frequent character, never to a word, and is a whole
    value only as a unit (:data:`WESTERN_UNITS`)."""
    word = any(all(_frequent(ch, encoding) for ch in run) for run in _RUN.findall(text))
    return share(text, encoding) >= SHARE and (word or _lone_value(text, encoding))


def _lone_value(text: str, encoding: str) -> bool:
    """Whether some value is one frequent character that is not a Western unit read otherwise."""
    return any(_frequent(ch, encoding) and ch.encode(encoding)[0] not in WESTERN_UNITS
               for ch in _LONE.findall(text))


def share(text: str, encoding: str) -> float:
    """The share of letters beyond ASCII in the frequent block: punctuation, symbols and numbers aside (楽天's
    product names end in ``～①`` and its phones are written ``電話番号１``; read as CP932 the file was 83 %
    frequent and fell to DOS 850, judge63)."""
    wide = [ch for ch in text if ord(ch) > 127 and unicodedata.category(ch)[0] not in "PSN"]
    return sum(1 for ch in wide if _frequent(ch, encoding)) / len(wide) if wide else 0.0


def _alphabetic(text: str) -> bool:
    """Whether most letters beyond ASCII are not Chinese characters (Cyrillic, Greek, kana, pinyin)."""
    wide = [ch for ch in text if ord(ch) > 127 and unicodedata.category(ch).startswith("L")]
    han = sum(1 for ch in wide if unicodedata.name(ch, "").startswith("CJK UNIFIED"))
    return han < 0.5 * len(wide)


@functools.cache
def _frequent(ch: str, encoding: str) -> bool:
    try:
        code = int.from_bytes(ch.encode(encoding), "big")
    except UnicodeEncodeError:
        return False
    return any(low <= code <= high for low, high in FREQUENT[encoding])
