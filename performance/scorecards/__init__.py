"""Vendor scorecards: templates with weighted criteria, a scorecard per contract and period, reviews, disputes."""
