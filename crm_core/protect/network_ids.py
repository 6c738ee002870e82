"""A buyer's IP address (judge80): Tebex's, WooCommerce's and OpenCart's exports carry the address the order
came from, which points at a household (or a phone) as a street address does, so a masked load pseudonymises
it. Only under a header naming it: ``1.2.3.4`` alone may be a version or a section number."""

from __future__ import annotations

import ipaddress
import re

IP_HINTS: dict[str, re.Pattern[str]] = {
    "ip_address": re.compile(r"^(customer|buyer|client|user|remote)?[ _-]?ip([ _-]?(address|addr))?$"
                             r"|ip\s*地址", re.IGNORECASE),
}
"""Headers naming an IP address (``IP Address``, ``customer_ip_address``, ``Customer IP``, ``IP地址``)."""


def is_ip_address(value: str) -> bool:
    """An IPv4 or IPv6 address as written (``165.226.97.131``, ``2001:db8::1``)."""
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True
