"""From raw text to an intent: normalisation, the command grammar and the fuzzy matcher."""
