"""Staff routes of meetings, action items, the communication plan, training and support
(appended to delivery/urls.py, so they live under the same `delivery:` namespace)."""

from django.urls import path, re_path

from . import views_meetings as meetings
from . import views_support as support
from . import views_training as training

urlpatterns = [
    # Meetings and their action items
    path("meetings/", meetings.MeetingListView.as_view(), name="meeting_list"),
    path("meetings/new/", meetings.MeetingFormView.as_view(), name="meeting_create"),
    path("meetings/<int:pk>/", meetings.MeetingDetailView.as_view(), name="meeting_detail"),
    path("meetings/<int:pk>/edit/", meetings.MeetingFormView.as_view(), name="meeting_update"),
    path("meetings/<int:pk>/action-items/new/", meetings.ActionItemCreateView.as_view(), name="action_item_create"),
    path("action-items/", meetings.ActionItemListView.as_view(), name="action_item_list"),
    path("action-items/<int:pk>/", meetings.ActionItemDetailView.as_view(), name="action_item_detail"),
    path("action-items/<int:pk>/edit/", meetings.ActionItemFormView.as_view(), name="action_item_update"),
    re_path(
        r"^action-items/(?P<pk>\d+)/(?P<action>done|cancel)/$", meetings.action_item_close, name="action_item_close"
    ),
    # The communication plan
    path("communications/", meetings.CommunicationListView.as_view(), name="communication_list"),
    path("communications/new/", meetings.CommunicationFormView.as_view(), name="communication_create"),
    path("communications/<int:pk>/", meetings.CommunicationDetailView.as_view(), name="communication_detail"),
    path("communications/<int:pk>/edit/", meetings.CommunicationFormView.as_view(), name="communication_update"),
    path("communications/<int:pk>/sent/", meetings.communication_sent, name="communication_sent"),
    # Training
    path("training/courses/", training.CourseListView.as_view(), name="course_list"),
    path("training/courses/new/", training.CourseFormView.as_view(), name="course_create"),
    path("training/courses/<int:pk>/", training.CourseDetailView.as_view(), name="course_detail"),
    path("training/courses/<int:pk>/edit/", training.CourseFormView.as_view(), name="course_update"),
    path("training/courses/<int:pk>/sessions/new/", training.SessionCreateView.as_view(), name="session_create"),
    path("training/sessions/", training.SessionListView.as_view(), name="session_list"),
    path("training/sessions/<int:pk>/", training.SessionDetailView.as_view(), name="session_detail"),
    path("training/sessions/<int:pk>/edit/", training.SessionFormView.as_view(), name="session_update"),
    path("training/sessions/<int:pk>/enrol/", training.session_enrol, name="session_enrol"),
    path("training/sessions/<int:pk>/attendance/", training.session_attendance, name="session_attendance"),
    path("training/completion/", training.completion, name="training_completion"),
    # Technical support
    path("support/", support.SupportListView.as_view(), name="support_list"),
    path("support/new/", support.SupportFormView.as_view(), name="support_create"),
    path("support/<int:pk>/", support.SupportDetailView.as_view(), name="support_detail"),
    path("support/<int:pk>/edit/", support.SupportFormView.as_view(), name="support_update"),
    path("support/<int:pk>/status/", support.support_move, name="support_move"),
]
