"""Accounting systems' invoice states, read only where a status column holds one system's states alone."""

XERO = ("draft", "submitted", "authorised", "paid", "voided", "deleted")
"""Xero's invoice states: ``AUTHORISED`` (approved, awaiting payment) and ``PAID`` are sales; ``DRAFT`` and
``VOIDED`` are no sale anywhere (``transactions.CANCELLED``)."""
XERO_NOT_SALES = ("submitted", "deleted")
"""``SUBMITTED`` waits for approval and ``DELETED`` was a draft thrown away (judge31): no sale, but only
under Xero's own states (``submitted`` is an order placed in other systems)."""
XERO_MARKER = ("authorised",)
"""The state only Xero writes (British spelling), which says the column is Xero's."""
