"""The home page's cached figures (HOME_CACHE_SECONDS): their keys, and dropping them when what a
user may see changes (their role, a membership, a program's sponsor), so the cache never shows
figures of a program the user has just lost, not even for a minute."""

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation


def home_cache_key(user_id, language: str) -> str:
    return f"home-figures:{user_id}:{language}"


def cached_figures(request, build) -> dict:
    """A home page's computed figures (the staff home's, the portal home's): the HTML parts that
    `build()` renders, with when they were computed (`as_of`) and whether they are kept (`cached`).

    Kept in the shared cache for HOME_CACHE_SECONDS per user and language (0: not kept), under one
    key per user whichever door: the user's own change drops them (HomeFiguresMiddleware), as do a
    new role, membership or sponsor (below); `?refresh=1` recomputes them."""
    seconds = settings.HOME_CACHE_SECONDS
    key = home_cache_key(request.user.pk, translation.get_language())
    if seconds and "refresh" not in request.GET:
        figures = cache.get(key)
        if figures is not None:
            return figures
    figures = {**build(), "as_of": timezone.now(), "cached": bool(seconds)}
    if seconds:
        cache.set(key, figures, seconds)
    return figures


def forget_home_figures(*user_ids) -> None:
    """Drops these users' cached home figures, in every language."""
    keys = [home_cache_key(pk, code) for pk in user_ids if pk for code, _name in settings.LANGUAGES]
    if keys:
        cache.delete_many(keys)


def _membership_changed(sender, instance, **kwargs):
    forget_home_figures(instance.user_id)


def _user_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and set(update_fields) <= {"last_login", "password"}:
        return  # signing in (or a new password) changes nothing the user may see
    forget_home_figures(instance.pk)


def _program_saving(sender, instance, **kwargs):
    """The sponsor reads the program: the old and the new sponsor's figures change."""
    if instance.pk:
        old = sender.objects.filter(pk=instance.pk).values_list("sponsor_id", flat=True).first()
        if old != instance.sponsor_id:
            forget_home_figures(old, instance.sponsor_id)
    elif instance.sponsor_id:
        forget_home_figures(instance.sponsor_id)


def connect() -> None:
    """Called from CoreConfig.ready()."""
    from django.contrib.auth import get_user_model
    from django.db.models.signals import post_delete, post_save, pre_save

    from bpo.accounts.models import ProgramMembership
    from strategy.models import Program

    post_save.connect(_membership_changed, sender=ProgramMembership, dispatch_uid="home-cache-membership-save")
    post_delete.connect(_membership_changed, sender=ProgramMembership, dispatch_uid="home-cache-membership-delete")
    post_save.connect(_user_saved, sender=get_user_model(), dispatch_uid="home-cache-user-save")
    pre_save.connect(_program_saving, sender=Program, dispatch_uid="home-cache-program-sponsor")
