"""Celery beat entries of the risk app, merged into the one schedule by bpo/celery.py.

Each entry: a comment saying what it does and why it is safe to run twice.
Plain data only: this module is imported before Django is set up.
"""

SCHEDULE = {}
