"""Dates: publication date from evidence, and dates mentioned in article text.

Modules: `months` (month names), `parse` (date strings to datetimes), `html_evidence`
(meta / JSON-LD / <time> candidates), `url_dates`, `dateline`, `published` (choose
`published_at`) and `mentions` (dates written in the body).
"""
