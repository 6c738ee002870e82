"""The kinds of table an analysis reads, named apart from :mod:`table_kind`, which decides a
table's kind (and imports the transaction view and pandas): a Config offering the kinds as choices
is built for ``--help`` without them."""

KINDS: tuple[str, ...] = ("transactions", "customers", "events")
