"""Staff pages of the vendors stage: the registry, sourcing events and the evaluation."""

from .evaluation import (  # noqa: F401
    AwardView,
    DiligenceCreateView,
    EvaluationView,
    ProposalAttachmentView,
    ProposalDetailView,
    ScoreSheetView,
)
from .registry import (  # noqa: F401
    ChangeRequestDetailView,
    ChangeRequestListView,
    VendorDetailView,
    VendorFormView,
    VendorItemCreateView,
    VendorItemDeleteView,
    VendorItemFileView,
    VendorListView,
)
from .sourcing import (  # noqa: F401
    EventActionView,
    EventDetailView,
    EventDocumentView,
    EventFormView,
    EventItemCreateView,
    EventItemDeleteView,
    EventListView,
    QuestionAnswerView,
)
