"""ISO dates of any precision as closed intervals of `xsd:date` values.

A year (``1950``) stands for 1950-01-01..1950-12-31, a month for its first..last day.
Threat and claim annotations carry such dates; the derivation compares intervals.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def interval(value: object) -> tuple[dt.date, dt.date] | None:
    """The first and last day an ISO year, month or day covers; None when not an ISO date."""
    if value is None:
        return None
    m = _ISO.match(str(value).strip())
    if not m:
        return None
    year = int(m.group(1))
    try:
        if m.group(3):
            day = dt.date(year, int(m.group(2)), int(m.group(3)))
            return day, day
        if m.group(2):
            month = int(m.group(2))
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None


def span(start: object, end: object = None) -> tuple[dt.date, dt.date] | None:
    """The interval from the start of `start` to the end of `end` (or of `start`)."""
    first = interval(start)
    if first is None:
        return None
    last = interval(end) if end is not None else None
    if last is None or last[1] < first[0]:
        return first
    return first[0], last[1]
