#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bpo.settings")
    # Commands typed by a developer run in development mode unless told otherwise (as in
    # cookiecutter-django). Servers start through bpo/wsgi.py, which keeps DEBUG off by
    # default, and the Docker image sets DJANGO_DEBUG=false for every command it runs.
    os.environ.setdefault("DJANGO_DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
