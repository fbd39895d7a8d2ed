"""The one form every reading of a sentence starts from."""

import re


def prepare(text: str) -> str:
    """Lower-case, straight quotes and dashes, single spaces, a space at each end."""
    text = text.lower().replace("\u2019", "'").replace("\u2212", "-").replace("\u2013", "-").replace("\u2014", " - ")
    return " " + re.sub(r"\s+", " ", text).strip() + " "
