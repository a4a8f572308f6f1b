from .memberships import ProgramMembershipViewSet
from .views import NotificationPreferenceViewSet

# (prefix, viewset, basename): mounted under /api/v1/ by bpo/api.py
routes = [
    ("notification-preferences", NotificationPreferenceViewSet, "notification-preference"),
    ("program-memberships", ProgramMembershipViewSet, "program-membership"),
]
