"""Benchmarks: `make bench` (python -m bench) runs every bench_*.py module here in turn."""
