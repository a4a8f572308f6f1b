"""Translation helpers.

`gettext_lazy("… %(x)s") % {...}` is evaluated at once, in the language active where it runs
(the actor's, or the worker's default), so a notification title built that way reached a
Chinese recipient in English. `interpolate` keeps it lazy: `notify` renders it in each
recipient's language (bpo.core.services.notify)."""

from django.utils.functional import Promise, lazy


def _interpolate(message, params):
    return str(message) % {k: str(v) if isinstance(v, Promise) else v for k, v in params.items()}


interpolate = lazy(_interpolate, str)
