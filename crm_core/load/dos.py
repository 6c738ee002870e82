"""DOS code page 850 exports (old tills and POS systems) and Mac Roman ones (old Mac Excel's
"CSV (Macintosh)"), told from Windows-1252 by the letters inside words.

A till that still writes DOS text puts ``ü`` at 0x81 and ``é`` at 0x82; read as Windows-1252,
``München`` became ``M�nchen`` and ``Café`` ``Caf‚`` without a word. Next to a lowercase letter a
byte is a lowercase letter in the right reading: 0x82 is ``é`` in DOS and a low quote ``‚`` in
Windows, 0xE9 is ``é`` in Windows and ``Ú`` in DOS. DOS only when some byte reads so in it alone
and none in Windows-1252 alone (a German ``Müller`` in Windows is ``M³ller`` in DOS). Mac Roman
the same way (``Caf\x8e`` is ``CafŽ`` in Windows, ``CafÄ`` in DOS); where both fit, the one
fewer bytes misfit (``Köln``'s 0x9A is Mac ``ö``, DOS ``Ü``).
"""

from __future__ import annotations

import re
import unicodedata

ENCODING = "cp850"
MAC = "mac_roman"
WINDOWS = "cp1252"
SAMPLE_BYTES = 1 << 16
AFTER_WORDS = frozenset("’–—\xa0")
"""Windows punctuation that sits next to letters in Western text (``don’t``, ``Mon–Fri``, a
no-break space): never evidence for DOS (``–`` is DOS ``û``)."""
CLOSING = frozenset("”…")
"""Windows punctuation that closes a word (``“Hello”``, ``etc…``): evidence only inside one."""
MIN_LETTERS = 2
"""DOS letters needed: one alone was an East Asian file's stray character (Shift-JIS ``”`` is 0x81
0x68, read in DOS ``üh`` after ``segmentation``), unless it is the head's only byte beyond ASCII
(a till export with one ``Müller``, left20)."""
_NEAR_LETTER = re.compile(rb"(?<=[A-Za-z])[\x80-\xff]|[\x80-\xff](?=[A-Za-z])")
_WORD_BYTE = re.compile(rb"[A-Za-z\x80-\xff]")
_HIGH = re.compile(rb"[\x80-\xff]")


def code_page(head: bytes) -> str:
    """DOS 850 or Mac Roman when the head's bytes beyond ASCII next to letters read as letters in
    it (some, after a letter: :func:`_dos_letter`) and never only in Windows-1252; "" for Windows.
    When both do, the one in which fewer bytes misfit their neighbours, then the one reading more
    of them as the accented letters of Western languages (``L\x9ftkepohl`` is Mac ``Lütkepohl``,
    DOS ``Lƒtkepohl``: both letters, one a florin sign)."""
    sample = head[:SAMPLE_BYTES]
    votes = {ENCODING: 0, MAC: 0}
    against = {ENCODING: 0, MAC: 0}
    misfits = {ENCODING: 0, MAC: 0}
    accented = {ENCODING: 0, MAC: 0}
    for match in _NEAR_LETTER.finditer(sample):
        at = match.start()
        case = _case(sample[at - 1:at], sample[at + 1:at + 2])
        windows_char = match.group().decode(WINDOWS, errors="replace")
        in_windows = _fits(windows_char, case)
        chars = {page: match.group().decode(page) for page in votes}
        fits = {page: _fits(char, case) for page, char in chars.items()}
        for page, fit in fits.items():
            vote = fit and not in_windows and _dos_letter(sample, at, windows_char, page)
            votes[page] += vote
            accented[page] += vote and "\xc0" <= chars[page] <= "\xff"
            quote = unicodedata.category(chars[page])[0] == "P"  # Mac's “VIP” and don’t sit by letters
            against[page] += in_windows and not fit and not quote
            misfits[page] += not fit and not quote and (in_windows or any(fits.values()))
    first = _HIGH.search(sample)
    alone = bool(first) and not _HIGH.search(sample, first.end())  # the head's one byte beyond ASCII
    found = [page for page in votes
             if (votes[page] >= MIN_LETTERS or (alone and votes[page])) and not against[page]]
    return min(found, key=lambda page: (misfits[page], -accented[page], -votes[page])) if found else ""


def _dos_letter(sample: bytes, at: int, windows_char: str, page: str = ENCODING) -> bool:
    """Whether the byte at ``at`` is a DOS letter inside a Western word: after a letter (``“Run``
    opens a quote; ``LÜBECK``, ``Lü`` count as ``München`` does), not before a digit (GB18030's
    four-byte ``¥`` is 0x81 0x30 0x84 0x36), in a word mostly ASCII (Russian in Shift-JIS is
    ``„M„u„w``: a high byte every other one) whose every high byte is a DOS letter (GB18030's
    ``…`` is DOS ``í¡``), and not Windows punctuation that sits there (:data:`AFTER_WORDS`,
    :data:`CLOSING`)."""
    after = sample[at + 1:at + 2]
    start, end = at, at + 1
    while start > 0 and _WORD_BYTE.match(sample, start - 1):
        start -= 1
    while end < len(sample) and _WORD_BYTE.match(sample, end):
        end += 1
    high = [b for b in sample[start:end] if b > 127]
    inside = after.isalpha()
    return (sample[at - 1:at].isalpha() and not after.isdigit() and windows_char not in AFTER_WORDS
            and (inside or windows_char not in CLOSING)
            and 3 * len(high) <= end - start
            and all(unicodedata.category(bytes([b]).decode(page))[0] == "L" for b in high))


def _case(before: bytes, after: bytes) -> tuple[str, ...]:
    """The letter categories that fit between these bytes: lowercase after a lowercase letter or
    between a capital and a lowercase one (``Müller``), a capital between capitals (``LÜBECK``:
    0x9A is DOS ``Ü``, Windows ``š``), any letter elsewhere (``JOSÉ,``)."""
    if before.islower() or (before.isupper() and after.islower()):
        return ("Ll",)
    if before.isupper() and after.isupper():
        return ("Lu",)
    return ("Ll", "Lu", "Lt", "Lo")


def _fits(ch: str, case: tuple[str, ...]) -> bool:
    """A letter of a case that fits its neighbours (:func:`_case`; not a modifier like ``ˆ``)."""
    return unicodedata.category(ch) in case
