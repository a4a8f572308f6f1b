"""`make bench`: runs every bench/bench_*.py in turn and writes its results to bench/results/.

A benchmark module defines `main() -> dict` (its measurements); this runner stores each as
JSON named after the module, and prints a summary. Benchmarks need PostgreSQL: set
DATABASE_URL (the Makefile's bench target defaults it to the local server).
"""

import json
import os
import sys
import time
from importlib import import_module
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bpo.settings")
    import django

    django.setup()
    from bench.db import create_database

    create_database()
    names = sorted(p.stem for p in HERE.glob("bench_*.py"))
    only = sys.argv[1:]
    if only:
        names = [n for n in names if n in only]
    if not names:
        print("no benchmarks found")
        return 0
    (HERE / "results").mkdir(exist_ok=True)
    for name in names:
        started = time.perf_counter()
        result = import_module(f"bench.{name}").main()
        result["wall_seconds"] = round(time.perf_counter() - started, 2)
        (HERE / "results" / f"{name}.json").write_text(json.dumps(result, indent=2, default=str))
        print(f"{name}: {json.dumps(result, default=str)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
