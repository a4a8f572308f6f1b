from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    name = "contracts"
    verbose_name = _("Contracts")
    # Pages of this stage in the staff menu: (label, URL name).
    nav_items = [(_("Contracts"), "contracts:contract_list")]
    # The staff home shows the contracts that wait for this user (reviews, signatures, notice deadlines).
    home_panel = "contracts/_home_panel.html"
    # The portal home shows the vendor's contracts.
    portal_panel = "portal/contracts/_home_panel.html"

    def ready(self):
        from auditlog.registry import auditlog

        from .models import (
            ChangeRequest,
            Contract,
            ContractDocument,
            Dispute,
            DocumentVersion,
            Obligation,
            RateCardLine,
            ServiceLevel,
        )

        for model in (Contract, ServiceLevel, Obligation, RateCardLine, ChangeRequest, Dispute, ContractDocument):
            auditlog.register(model)
        auditlog.register(DocumentVersion, exclude_fields=["file"])

    def home_context(self, user):
        from .selectors import contracts_waiting_for

        rows = contracts_waiting_for(user)
        return {"waiting": rows} if rows else None

    def portal_context(self, user):
        from .models import Contract

        contracts = list(Contract.objects.visible_to(user).order_by("number")[:10])
        return {"contracts": contracts} if contracts else None
