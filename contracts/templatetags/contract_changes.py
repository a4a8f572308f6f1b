"""`{{ change|decision_text }}`: a change request's decision in the reader's language (a withdrawn
amendment's sentence rendered from its reason and date; see contracts.terms_display.decision_text)."""

from django import template

from contracts import terms_display

register = template.Library()


@register.filter
def decision_text(change) -> str:
    return terms_display.decision_text(change)
