"""Run every benchmark module in this package, or those named on the command line."""

import importlib
import os
import pkgutil
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")


def main(names):
    import django

    django.setup()
    from django.core.management import call_command

    from bench.harness import Report, bench_database

    package = Path(__file__).parent
    modules = [
        info.name
        for info in pkgutil.iter_modules([str(package)])
        if info.name not in ("harness", "settings") and not info.name.startswith("_")
    ]
    selected = [name for name in modules if not names or name in names]
    report = Report()
    started = time.perf_counter()
    with bench_database():
        for name in sorted(selected):
            module = importlib.import_module(f"bench.{name}")
            if hasattr(module, "run"):
                # Every benchmark starts from an empty database of its own.
                call_command("flush", interactive=False, verbosity=0)
                report.section(name)
                module.run(report)
    report.line(f"\nall benchmarks took {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
