"""The BPO program office: the project package and the platform every app stands on."""

from .celery import app as celery_app

__all__ = ("celery_app",)
