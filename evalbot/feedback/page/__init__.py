"""The knowledge-gap report as one self-contained HTML page with charts (`evalbot report --html FILE`)."""
