"""Reference ids: the short code a user can quote, and that finds the traceback in the logs."""

import uuid


def new_reference() -> str:
    return uuid.uuid4().hex[:10]
