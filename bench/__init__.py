"""Benchmarks, run by `make bench`. Each module in this package with a `run(report)` function
is one benchmark; they print figures and never fail on them."""
