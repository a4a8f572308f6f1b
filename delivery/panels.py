"""The delivery panel of the staff home and of the portal home.

Each concern of the app (engagement, the plan, ...) adds a part: a function of the user
returning a dict with its `template` (or None for nothing to show). DeliveryConfig's
`home_context` / `portal_context` gather them; no part, no panel."""


def _parts(user, names):
    from importlib import import_module

    parts = []
    for module, attr in names:
        part = getattr(import_module(f"delivery.{module}"), attr)(user)
        if part:
            parts.append(part)
    return {"parts": parts} if parts else None


# (module, function): each returns {"template": ..., ...} or None.
HOME_PARTS = [("panels_plan", "home_part"), ("panels_engagement", "home_part")]
PORTAL_PARTS = [("panels_plan", "portal_part"), ("panels_engagement", "portal_part")]


def home_context(user):
    return _parts(user, HOME_PARTS)


def portal_context(user):
    return _parts(user, PORTAL_PARTS)
