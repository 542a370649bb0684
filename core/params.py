"""Reading record numbers from a query string."""

# The largest value of a BigAutoField (DEFAULT_AUTO_FIELD), on SQLite and PostgreSQL alike: a
# larger number in a query makes the database driver raise instead of finding nothing.
MAX_ID = 2**63 - 1


def parse_id(value):
    """The record number in ``value`` (ASCII digits, 1 to MAX_ID), or None if it is not one.

    ``str.isdigit`` alone is not enough: it accepts '²', which ``int`` refuses.
    """
    value = (value or "").strip()
    if not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if 1 <= number <= MAX_ID else None
