"""One handler per kind of answer. Each takes an entry (and inputs) and returns a `Reply`."""
