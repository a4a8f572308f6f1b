"""manage.py generate_data --scale small|large: the synthetic data set of bpo/core/synthetic.py."""

import time

from django.core.management.base import BaseCommand, CommandError

from bpo.core import synthetic


class Command(BaseCommand):
    help = "Create a deterministic synthetic data set (small, or large: 10,000,000 samples) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(synthetic.SCALES), default="small")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, scale, seed, **options):
        if synthetic.exists():
            raise CommandError("Synthetic data (programs SYN-…) already exists; use a fresh database.")
        began = time.perf_counter()
        counts = synthetic.generate(scale, seed=seed, log=lambda line: self.stdout.write(f"  {line}"))
        self.stdout.write(f"{scale}: {counts} in {time.perf_counter() - began:.1f} s")
