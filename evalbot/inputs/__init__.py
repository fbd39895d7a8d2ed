"""Parsing what users type into typed inputs: `key=value` pairs, money, counts, percentages."""
