"""Staff URLs of quality, added to performance/urls.py (names performance:quality_*)."""

from django.urls import path

from . import views

urlpatterns = [
    path("quality/standards/", views.StandardListView.as_view(), name="quality_standard_list"),
    path("quality/standards/new/", views.StandardFormView.as_view(), name="quality_standard_create"),
    path("quality/standards/<int:pk>/", views.StandardDetailView.as_view(), name="quality_standard_detail"),
    path("quality/standards/<int:pk>/edit/", views.StandardFormView.as_view(), name="quality_standard_update"),
    path("quality/audits/", views.AuditListView.as_view(), name="quality_audit_list"),
    path("quality/audits/new/", views.AuditFormView.as_view(), name="quality_audit_create"),
    path("quality/audits/<int:pk>/", views.AuditDetailView.as_view(), name="quality_audit_detail"),
    path("quality/audits/<int:pk>/edit/", views.AuditFormView.as_view(), name="quality_audit_update"),
    path("quality/reviews/", views.ReviewListView.as_view(), name="quality_review_list"),
    path("quality/reviews/new/", views.ReviewFormView.as_view(), name="quality_review_create"),
    path("quality/reviews/<int:pk>/", views.ReviewDetailView.as_view(), name="quality_review_detail"),
    path("quality/reviews/<int:pk>/edit/", views.ReviewFormView.as_view(), name="quality_review_update"),
    path("quality/reviews/<int:pk>/actions/new/", views.ReviewActionView.as_view(), name="quality_review_action"),
    path("quality/complaints/new/", views.ComplaintActionView.as_view(), name="quality_complaint_action"),
]
