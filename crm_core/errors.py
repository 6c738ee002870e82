"""The one exception type the analyst sees."""


class CrmError(Exception):
    """A problem the analyst can fix; the message is written for them, not for a developer.

    Pages show it with ``st.error`` and the CLI prints it and exits 1; anything else that
    escapes is a bug.
    """
