# Shortcuts for the scripts the README documents.
.PHONY: run test bench
run:
	scripts/run
test:
	scripts/test
bench:
	.venv/bin/python benchmarks/routing.py
