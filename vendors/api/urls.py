from .views import ProposalViewSet, ScoreViewSet, SourcingEventViewSet, VendorViewSet

# (prefix, viewset, basename): mounted under /api/v1/ by bpo/api.py
routes = [
    ("vendors", VendorViewSet, "vendor"),
    ("sourcing-events", SourcingEventViewSet, "sourcing-event"),
    ("proposals", ProposalViewSet, "proposal"),
    ("scores", ScoreViewSet, "score"),
]
