"""Platform pages: the per-role home, notifications, the language switch and the health probe."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from bpo.accounts.choices import PROGRAM_READING_ROLES, Language, ProgramRole

from .context_processors import home_panels
from .home_cache import cached_figures, forget_home_figures
from .models import Heartbeat, Notification
from .services import notification_mark_read


def _home_figures(request) -> dict:
    """The computed part of the home page, kept per user and language (home_cache.cached_figures);
    the page says when they were computed. The unread notifications are always live."""
    return cached_figures(request, lambda: _home_parts(request.user))


def _home_parts(user) -> dict:
    """The tiles by role, the programs with a figure per column from the apps, and the apps'
    panels (bpo/core/dashboard.py), as HTML."""
    from strategy.models import Program
    from vendors.models import Vendor

    from .dashboard import (
        audiences_for,
        count_later,
        one_page,
        program_columns,
        settle,
        staff_dashboard,
        visible_phases,
    )

    programs = Program.objects.visible_to(user)
    listed = list(programs.select_related("sponsor").order_by("code")[:50])
    ids = [p.pk for p in listed]
    my_roles = dict(user.memberships.values_list("program_id", "role"))
    with one_page():
        # The visible programs are read once; every count of the page runs in one query (settle).
        program_count = len(visible_phases(programs))
        audiences = audiences_for(user, my_roles.values())
        vendor_count = count_later(Vendor.objects.visible_to(user))
        if user.is_administrator:
            from bpo.accounts.models import User

            user_count = count_later(User.objects.filter(is_active=True))
        dashboard = staff_dashboard(user, programs, audiences=audiences, settled=False)
        columns = program_columns(user, audiences, ids, settled=False)
        settle()
        # The apps' panels share the page memo too (the time zones programs use, read once).
        panels = home_panels(user, "home")
    rows = [
        {
            "program": p,
            "my_role": ProgramRole(my_roles[p.pk]).label if p.pk in my_roles else None,
            "cells": [column.cells.get(p.pk) for column in columns],
        }
        for p in listed
    ]
    context = {
        "user": user,
        "programs": rows,
        "program_rows": program_rows_html(rows, show_role=not user.reads_all_programs),
        "columns": columns,
        "program_count": program_count,
        # A member only as an evaluator reads no program (PROGRAM_READING_ROLES): say so, not "no program".
        "evaluates_only": bool(my_roles) and not set(my_roles.values()) & set(PROGRAM_READING_ROLES),
        "vendor_count": vendor_count.value,
        "panels": panels,
        "sections": dashboard["sections"],
        "list_panels": dashboard["panels"],
    }
    if user.is_administrator:
        context["user_count"] = user_count.value
    return {
        "top": mark_safe(render_to_string("core/_home_top.html", context)),  # noqa: S308 (our templates)
        "bottom": mark_safe(render_to_string("core/_home_bottom.html", context)),  # noqa: S308
    }


def program_rows_html(rows, *, show_role: bool) -> str:
    """The programs table's rows, printed in Python as the template printed them (50 rows of
    ten cells were most of the time spent rendering the home page): each value localized and
    escaped as `{{ value }}` does (render_value_in_context)."""
    from django.template import Context
    from django.template.base import render_value_in_context
    from django.utils.html import escape

    from strategy.models import Program

    context = Context(autoescape=True)

    def text(value) -> str:
        if type(value) is str:  # what localizing and conditional_escape do to a plain str
            return escape(value)
        return render_value_in_context(value, context)

    # get_phase_display() and get_status_display() without rebuilding the choices for every row.
    phases, statuses = (
        {key: str(label) for key, label in Program._meta.get_field(name).flatchoices} for name in ("phase", "status")
    )
    out = []
    for row in rows:
        program = row["program"]
        phase, status = phases.get(program.phase, program.phase), statuses.get(program.status, program.status)
        parts = [
            f'\n        <tr><td><a href="{text(program.get_absolute_url())}">{text(str(program))}</a></td>'
            f"<td>{text(phase)}</td><td>{text(status)}</td>"
        ]
        if show_role:
            parts.append(f"<td>{text(row['my_role'] or '')}</td>")
        for cell in row["cells"]:
            if cell is None:
                parts.append('<td class="figure"></td>')
                continue
            tone = f" tone-{text(cell.tone)}" if cell.tone else ""
            shown = f'<a href="{text(cell.url)}">{text(cell.value)}</a>' if cell.url else text(cell.value)
            parts.append(f'<td class="figure{tone}">{shown}</td>')
        parts.append("</tr>\n      ")
        out.append("".join(parts))
    return mark_safe("".join(out))  # noqa: S308 (every value escaped above)


@login_required
@require_POST
def home_refresh(request):
    """The home page's Refresh button: drops this user's cached figures, then shows the page."""
    forget_home_figures(request.user.pk)
    return redirect("core:home")


@login_required
def home(request):
    """The numbers this user acts on, by role, and their unread notifications."""
    if request.user.is_vendor_user:
        return redirect("portal:home")
    context = {
        "figures": _home_figures(request),
        "notifications": Notification.objects.visible_to(request.user).unread()[:5],
    }
    return render(request, "core/home.html", context)


@login_required
def notification_list(request):
    notes = Notification.objects.visible_to(request.user)[:200]
    template = "core/_notifications.html" if request.htmx else "core/notifications.html"
    return render(request, template, {"notes": notes})


@login_required
@require_POST
def notification_read(request, pk=None):
    """Marks one notification (or all) read; opening one follows its link."""
    ids = [pk] if pk else None
    notification_mark_read(user=request.user, notification_ids=ids)
    if pk:
        note = Notification.objects.visible_to(request.user).filter(pk=pk).first()
        if note is None:
            from django.http import Http404

            raise Http404
        if note.url and url_has_allowed_host_and_scheme(note.url, allowed_hosts={request.get_host()}):
            return HttpResponseRedirect(note.url)
    return redirect("core:notifications")


@require_POST
def set_language(request):
    """Switches the language, and remembers it on the user so every device follows."""
    lang = request.POST.get("language", "")
    nxt = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        nxt = "/"
    response = HttpResponseRedirect(nxt)
    if lang in Language.values:
        if request.user.is_authenticated:
            request.user.language = lang
            request.user.save(update_fields=["language"])
        translation.activate(lang)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            lang,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
        )
    return response


@never_cache
def healthz(request):
    """Database, broker and the last heartbeat; 503 when any of them is down."""
    from bpo.celery import app

    checks, healthy = {}, True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = {"ok": True}
    except Exception as exc:  # report, don't raise: this is the probe
        checks["database"] = {"ok": False, "error": exc.__class__.__name__}
        healthy = False
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        checks["broker"] = {"ok": True}
    except Exception as exc:
        checks["broker"] = {"ok": False, "error": exc.__class__.__name__}
        healthy = False
    beat = None
    if checks["database"]["ok"]:
        beat = Heartbeat.objects.filter(name="celery").first()
    if beat is None:
        checks["heartbeat"] = {"ok": False, "last_seen": None}
        healthy = False
    else:
        age = (timezone.now() - beat.last_seen).total_seconds()
        fresh = age <= settings.HEARTBEAT_STALE_SECONDS
        checks["heartbeat"] = {"ok": fresh, "last_seen": beat.last_seen.isoformat(), "age_seconds": int(age)}
        healthy = healthy and fresh
    return JsonResponse({"status": "ok" if healthy else "down", "checks": checks}, status=200 if healthy else 503)


def permission_denied(request, exception=None):
    door = "portal" if getattr(request.user, "is_vendor_user", False) else "staff"
    return render(request, "403.html", {"door": door}, status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def bad_request(request, exception=None):
    """400, except a form whose body is larger than DATA_UPLOAD_MAX_MEMORY_SIZE: a 413 page that
    says so (Django answered a bare "Bad Request (400)"). The API answers its own 413
    (bpo.core.api_errors.ExceptionHandler)."""
    from django.core.exceptions import RequestDataTooBig
    from django.template.defaultfilters import filesizeformat
    from django.views import defaults

    if isinstance(exception, RequestDataTooBig):
        limit = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        return render(request, "413.html", {"limit": limit}, status=413)
    return defaults.bad_request(request, exception)


@login_required
@never_cache
def pick(request, kind):
    """The matches of a record picker (bpo.core.pickers) as listbox options: at most PICK_LIMIT
    of the records this user may see (or change, with `scope=editable`), by code and name."""
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    from .pickers import KINDS, PICK_LIMIT

    if request.user.is_vendor_user:
        raise PermissionDenied  # the staff door; the portal has no pickers
    picker = KINDS.get(kind)
    if picker is None:
        raise Http404
    scope = "editable" if request.GET.get("scope") == "editable" else "visible"
    rows = picker.search(picker.base_queryset(request.user, scope), request.GET.get("q", "")[:100])
    options = [{"code": picker.code(obj), "label": picker.label(obj)} for obj in rows[:PICK_LIMIT]]
    return render(request, "core/_pick_options.html", {"options": options})
