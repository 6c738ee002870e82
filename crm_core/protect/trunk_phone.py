"""A national phone number written without spaces after its trunk 0 (Australia's mobile ``0473149141``,
Cliniko's ``Mobile phone``, left80): checked only under a phone header, since an ISBN-10 or a zero-led order
number reads the same on its own."""

from __future__ import annotations

import re
from collections.abc import Callable

_TRUNK = re.compile(r"^0[1-9]\d{8,9}$")


def or_trunk(check: Callable[[str], bool]) -> Callable[[str], bool]:
    """``check``, or a trunk-0 number of 10 or 11 digits (spaces and dashes aside)."""
    return lambda value: check(value) or bool(_TRUNK.match(re.sub(r"[\s-]", "", value)))
