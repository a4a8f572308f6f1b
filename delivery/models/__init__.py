"""The delivery models, one module per concern; every model is re-exported here."""

from .cost import MONEY, CostEntry, CreditDeduction, Invoice, InvoiceLine
from .measurements import MeasurementBatch, Sample

__all__ = ["MONEY", "CostEntry", "CreditDeduction", "Invoice", "InvoiceLine", "MeasurementBatch", "Sample"]
