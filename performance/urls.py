from django.urls import path

from . import views

app_name = "performance"
urlpatterns = [
    path("contracts/<int:pk>/service-levels/", views.contract_dashboard, name="dashboard"),
    path("contracts/<int:pk>/service-levels/evaluate/", views.contract_evaluate, name="evaluate"),
    path("periods/<int:pk>/reopen/", views.period_reopen, name="period_reopen"),
    path("credits/", views.CreditListView.as_view(), name="credit_list"),
]
