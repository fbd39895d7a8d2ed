"""One calibrated classifier over lexical and semantic evidence: which intent, or out of scope."""
