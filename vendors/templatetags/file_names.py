"""A long file name shortened in the middle, its extension kept ("very-long-na…me.pdf"): a
300-character name cut at its end lost the extension, the one part a reader needs."""

from pathlib import PurePath

from django import template

register = template.Library()

ELLIPSIS = "…"


def shorten_middle(name: str, limit: int = 60) -> str:
    """`name` when it fits in `limit` characters, else its start, an ellipsis, its end and the
    extension (kept whole when it is a short one), `limit` characters in all."""
    name = name or ""
    if len(name) <= limit:
        return name
    suffix = PurePath(name).suffix
    if len(suffix) > 10:  # not a real extension
        suffix = ""
    stem = name[: len(name) - len(suffix)] if suffix else name
    room = max(limit - len(suffix) - len(ELLIPSIS), 2)
    head = (room + 1) // 2
    tail = room - head
    return f"{stem[:head]}{ELLIPSIS}{stem[len(stem) - tail :] if tail else ''}{suffix}"


@register.filter
def short_file_name(name, limit=60):
    """{{ name|short_file_name }}: see shorten_middle; show the full name in a title attribute."""
    return shorten_middle(str(name or ""), int(limit))
