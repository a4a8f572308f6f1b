from django.urls import path

from . import views

app_name = "vendors"
urlpatterns = [
    path("vendors/", views.VendorListView.as_view(), name="vendor_list"),
    path("vendors/new/", views.VendorFormView.as_view(), name="vendor_create"),
    path("vendors/<int:pk>/", views.VendorDetailView.as_view(), name="vendor_detail"),
    path("vendors/<int:pk>/edit/", views.VendorFormView.as_view(), name="vendor_update"),
    path("vendors/<int:vendor_pk>/<slug:kind>/new/", views.VendorItemCreateView.as_view(), name="vendor_item_create"),
    path("vendors/<slug:kind>/<int:pk>/delete/", views.VendorItemDeleteView.as_view(), name="vendor_item_delete"),
    path("vendors/<slug:kind>/<int:pk>/file/", views.VendorItemFileView.as_view(), name="vendor_item_file"),
    path("vendors/changes/", views.ChangeRequestListView.as_view(), name="change_request_list"),
    path("vendors/changes/<int:pk>/", views.ChangeRequestDetailView.as_view(), name="change_request_detail"),
    path("sourcing/", views.EventListView.as_view(), name="event_list"),
    path("sourcing/new/", views.EventFormView.as_view(), name="event_create"),
    path("sourcing/<int:pk>/", views.EventDetailView.as_view(), name="event_detail"),
    path("sourcing/<int:pk>/edit/", views.EventFormView.as_view(), name="event_update"),
    path("sourcing/<int:pk>/do/<slug:action>/", views.EventActionView.as_view(), name="event_action"),
    path("sourcing/<int:event_pk>/<slug:kind>/add/", views.EventItemCreateView.as_view(), name="event_item_create"),
    path("sourcing/items/<slug:kind>/<int:pk>/delete/", views.EventItemDeleteView.as_view(), name="event_item_delete"),
    path("sourcing/documents/<int:pk>/", views.EventDocumentView.as_view(), name="event_document"),
    path("sourcing/questions/<int:pk>/answer/", views.QuestionAnswerView.as_view(), name="question_answer"),
    path("sourcing/<int:pk>/scores/", views.ScoreSheetView.as_view(), name="score_sheet"),
    path("sourcing/<int:pk>/evaluation/", views.EvaluationView.as_view(), name="evaluation"),
    path("sourcing/<int:pk>/diligence/new/", views.DiligenceCreateView.as_view(), name="diligence_create"),
    path("sourcing/<int:pk>/award/", views.AwardView.as_view(), name="award"),
    path("sourcing/proposals/<int:pk>/", views.ProposalDetailView.as_view(), name="proposal_detail"),
    path("sourcing/attachments/<int:pk>/", views.ProposalAttachmentView.as_view(), name="proposal_attachment"),
]
