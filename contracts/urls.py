from django.urls import path

from . import views

app_name = "contracts"
urlpatterns = [
    path("contracts/", views.ContractListView.as_view(), name="contract_list"),
    path("contracts/new/", views.ContractFormView.as_view(), name="contract_create"),
    path("contracts/<int:pk>/", views.ContractDetailView.as_view(), name="contract_detail"),
    path("contracts/<int:pk>/edit/", views.ContractFormView.as_view(), name="contract_update"),
    path("contracts/<int:pk>/do/<slug:action>/", views.contract_transition, name="contract_transition"),
    path("contracts/<int:pk>/review/", views.contract_review, name="contract_review"),
    path("contracts/<int:pk>/versions/", views.contract_versions, name="contract_versions"),
    path("contracts/<int:pk>/rates/", views.rate_add, name="rate_add"),
    path("rates/<int:pk>/edit/", views.rate_update, name="rate_update"),
    path("rates/<int:pk>/delete/", views.rate_delete, name="rate_delete"),
    path("contracts/<int:pk>/documents/", views.document_upload, name="document_upload"),
    path("documents/<int:pk>/download/", views.document_download, name="document_download"),
    path(
        "contracts/<int:contract_pk>/service-levels/new/",
        views.ServiceLevelFormView.as_view(),
        name="service_level_create",
    ),
    path("service-levels/<int:pk>/edit/", views.ServiceLevelFormView.as_view(), name="service_level_update"),
    path("contracts/<int:contract_pk>/obligations/new/", views.ObligationFormView.as_view(), name="obligation_create"),
    path("obligations/<int:pk>/edit/", views.ObligationFormView.as_view(), name="obligation_update"),
    path("contracts/<int:contract_pk>/changes/new/", views.change_create, name="change_create"),
    path("changes/<int:pk>/", views.change_detail, name="change_detail"),
    path("contracts/<int:contract_pk>/disputes/new/", views.dispute_create, name="dispute_create"),
    path("disputes/<int:pk>/", views.dispute_detail, name="dispute_detail"),
]
