from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "bpo.core"
    label = "core"
    verbose_name = _("Platform")

    def ready(self):
        from . import drf, numbers, serializer_cache, serializer_fields, text_fields
        from .home_cache import connect

        connect()
        numbers.install()  # how every form, model and API tells a number's limits (bpo/core/numbers.py)
        serializer_fields.install()  # a blank choice answers null (bpo/core/serializer_fields.py)
        text_fields.install()  # a line break is one character, as the browser counts it (bpo/core/text_fields.py)
        serializer_cache.install()  # fields built once per class and language (bpo/core/serializer_cache.py)
        drf.install()  # a write's unknown or changed read-only fields are refused (bpo/core/drf.py)
