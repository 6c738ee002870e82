"""DOS code page 850 exports (old tills and POS systems), told from Windows-1252 by the letters
inside words.

A till that still writes DOS text puts ``ü`` at 0x81 and ``é`` at 0x82; read as Windows-1252,
``München`` became ``M�nchen`` and ``Café`` ``Caf‚`` without a word. Next to a lowercase letter a
byte is a lowercase letter in the right reading: 0x82 is ``é`` in DOS and a low quote ``‚`` in
Windows, 0xE9 is ``é`` in Windows and ``Ú`` in DOS. DOS only when some byte reads so in it alone
and none in Windows-1252 alone (a German ``Müller`` in Windows is ``M³ller`` in DOS).
"""

from __future__ import annotations

import re
import unicodedata

ENCODING = "cp850"
WINDOWS = "cp1252"
SAMPLE_BYTES = 1 << 16
AFTER_WORDS = frozenset("’–—\xa0")
"""Windows punctuation that sits next to letters in Western text (``don’t``, ``Mon–Fri``, a
no-break space): never evidence for DOS (``–`` is DOS ``û``)."""
CLOSING = frozenset("”…")
"""Windows punctuation that closes a word (``“Hello”``, ``etc…``): evidence only inside one."""
_NEAR_LETTER = re.compile(rb"(?<=[A-Za-z])[\x80-\xff]|[\x80-\xff](?=[A-Za-z])")


def reads_as_dos(head: bytes) -> bool:
    """Whether the head's bytes beyond ASCII next to letters read as letters in code page 850
    (some) and never only in Windows-1252."""
    sample = head[:SAMPLE_BYTES]
    dos = windows = 0
    for match in _NEAR_LETTER.finditer(sample):
        at = match.start()
        before, after = sample[at - 1:at], sample[at + 1:at + 2]
        lower = before.islower()
        in_dos = _fits(match.group().decode(ENCODING), lower)
        windows_char = match.group().decode(WINDOWS, errors="replace")
        in_windows = _fits(windows_char, lower)
        inside = before.isalpha() and after.isalpha()
        if in_dos and not in_windows and windows_char not in AFTER_WORDS and (
                inside or windows_char not in CLOSING):
            dos += 1
        windows += in_windows and not in_dos
    return dos > 0 and windows == 0


def _fits(ch: str, after_lowercase: bool) -> bool:
    """A lowercase letter after a lowercase one; any letter (not a modifier like ``ˆ``) elsewhere."""
    category = unicodedata.category(ch)
    return category == "Ll" if after_lowercase else category in ("Ll", "Lu", "Lt", "Lo")
