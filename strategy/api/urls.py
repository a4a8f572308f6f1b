from .views import ProgramViewSet, charter_viewset_for

# (prefix, viewset, basename): mounted under /api/v1/ by bpo/api.py
routes = [
    ("programs", ProgramViewSet, "program"),
    ("objectives", charter_viewset_for("objective"), "objective"),
    ("scope-items", charter_viewset_for("scope"), "scopeitem"),
    ("budget-lines", charter_viewset_for("budget"), "budgetline"),
    ("milestones", charter_viewset_for("milestone"), "milestone"),
    ("stakeholders", charter_viewset_for("stakeholder"), "stakeholder"),
    ("resources", charter_viewset_for("resource"), "resource"),
]
