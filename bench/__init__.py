"""Benchmark for Redline Desk: input generators (generate.py), runner (run.py), output checks (checks.py)."""
