from django.urls import path

from .views import continuity, incidents, register

app_name = "risk"
urlpatterns = [
    # The register and heat map
    path("risks/", register.RiskRegisterView.as_view(), name="risk_list"),
    path("risks/new/", register.RiskFormView.as_view(), name="risk_create"),
    path("risks/<int:pk>/", register.RiskDetailView.as_view(), name="risk_detail"),
    path("risks/<int:pk>/edit/", register.RiskFormView.as_view(), name="risk_update"),
    path("risks/<int:pk>/assess/", register.RiskAssessView.as_view(), name="risk_assess"),
    path("risks/<int:pk>/indicators/new/", register.KriCreateView.as_view(), name="kri_create"),
    path("risks/<int:pk>/actions/new/", incidents.RiskActionView.as_view(), name="risk_action_create"),
    path("indicators/<int:pk>/readings/new/", register.KriReadingView.as_view(), name="kri_reading"),
    path("heat-map/", register.HeatMapView.as_view(), name="heat_map"),
    # Contingency plans and drills
    path("plans/", continuity.PlanListView.as_view(), name="plan_list"),
    path("plans/new/", continuity.PlanFormView.as_view(), name="plan_create"),
    path("plans/<int:pk>/", continuity.PlanDetailView.as_view(), name="plan_detail"),
    path("plans/<int:pk>/edit/", continuity.PlanFormView.as_view(), name="plan_update"),
    path("plans/<int:pk>/steps/", continuity.PlanStepsView.as_view(), name="plan_steps"),
    path("plans/<int:pk>/drills/new/", continuity.DrillCreateView.as_view(), name="drill_create"),
    path("drills/", continuity.DrillListView.as_view(), name="drill_list"),
    path("drills/<int:pk>/", continuity.DrillDetailView.as_view(), name="drill_detail"),
    path("drills/<int:pk>/run/", continuity.DrillRunView.as_view(), name="drill_run"),
    path("drills/<int:pk>/cancel/", continuity.drill_cancel, name="drill_cancel"),
    path("findings/<int:pk>/action/", continuity.FindingActionView.as_view(), name="finding_action"),
    # Incidents
    path("incidents/", incidents.IncidentListView.as_view(), name="incident_list"),
    path("incidents/new/", incidents.IncidentFormView.as_view(), name="incident_create"),
    path("incidents/<int:pk>/", incidents.IncidentDetailView.as_view(), name="incident_detail"),
    path("incidents/<int:pk>/edit/", incidents.IncidentFormView.as_view(), name="incident_update"),
    path("incidents/<int:pk>/timeline/", incidents.incident_add_event, name="incident_add_event"),
    path("incidents/<int:pk>/activate/", incidents.incident_activate_plan, name="incident_activate"),
    path("incidents/<int:pk>/review/", incidents.IncidentReviewView.as_view(), name="incident_review"),
    path("incidents/<int:pk>/actions/new/", incidents.IncidentActionView.as_view(), name="incident_action_create"),
    path("checklist/<int:pk>/done/", incidents.checklist_item_done, name="checklist_done"),
    # Corrective actions
    path("actions/", incidents.ActionListView.as_view(), name="action_list"),
    path("actions/<int:pk>/", incidents.ActionDetailView.as_view(), name="action_detail"),
    path("actions/<int:pk>/edit/", incidents.ActionFormView.as_view(), name="action_update"),
    path("actions/<int:pk>/status/", incidents.action_transition, name="action_transition"),
]
