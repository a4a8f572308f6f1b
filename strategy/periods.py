"""A budget line's period: a year (2026), a quarter (2026-Q1) or a month (2026-01), and the
months it covers. The budget's actuals (delivery/budget.py), its charts and the finance report
read a line's months from here, and a line is checked against the program's term and its
category's other lines with the same months."""

from datetime import date

PERIOD_REGEX = r"^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$"


def line_months(period: str) -> tuple[date, date]:
    """[first month, last month] of a budget line's period: 2026, 2026-Q1 or 2026-01."""
    year = int(period[:4])
    if len(period) == 4:
        return date(year, 1, 1), date(year, 12, 1)
    if period[5] == "Q":
        q = int(period[6])
        return date(year, 3 * q - 2, 1), date(year, 3 * q, 1)
    month = int(period[5:7])
    return date(year, month, 1), date(year, month, 1)


def month_count(first: date, last: date) -> int:
    return (last.year - first.year) * 12 + last.month - first.month + 1


def line_periods_for(month: date) -> list[str]:
    """The budget line periods a month falls in: its year, quarter and month."""
    return [f"{month.year}", f"{month.year}-Q{(month.month - 1) // 3 + 1}", f"{month:%Y-%m}"]


def periods_overlap(one: str, other: str) -> bool:
    """True when two periods share a month: the same period, or a month or quarter inside the other."""
    first, last = line_months(one)
    other_first, other_last = line_months(other)
    return first <= other_last and other_first <= last
