"""Source URI templates: `s3://dumps/{yyyy}/{mm}/{dd}/` filled from a crawl date.

A template is checked before any work: it must name the date (otherwise every
day of a backfill would read the same files and publish them under each
date), and a placeholder we do not know is a typo, not a literal.
"""

from __future__ import annotations

import string
from datetime import date

PLACEHOLDERS = ("date", "yyyy", "mm", "dd", "yyyymmdd")
# Any one of these pins the template to one day; {yyyy} or {mm} alone do not.
_DAY_SPECIFIC = ({"date"}, {"yyyymmdd"}, {"yyyy", "mm", "dd"})


class TemplateError(ValueError):
    """A source template that cannot be filled from a date."""


def placeholders(template: str) -> set[str]:
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError as error:  # an unbalanced brace
        raise TemplateError(f"source template {template!r} is malformed: {error}") from None
    return fields


def check_template(template: str) -> None:
    """Raise TemplateError unless `template` names the day with known placeholders only."""
    fields = placeholders(template)
    unknown = sorted(fields - set(PLACEHOLDERS))
    if unknown:
        known = " ".join("{" + p + "}" for p in PLACEHOLDERS)
        raise TemplateError(
            f"source template {template!r} has unknown placeholder(s) "
            f"{', '.join('{' + u + '}' for u in unknown)}; known: {known}"
        )
    if not any(group <= fields for group in _DAY_SPECIFIC):
        raise TemplateError(
            f"source template {template!r} does not name the day: use {{date}}, {{yyyymmdd}} "
            "or {yyyy}, {mm} and {dd} together, so that each date reads its own dumps"
        )


def expand(template: str, crawl_date: date) -> str:
    """Fill {date} {yyyy} {mm} {dd} {yyyymmdd} in a source URI template (checked first)."""
    check_template(template)
    return template.format(
        date=crawl_date.isoformat(),
        yyyy=f"{crawl_date.year:04d}",
        mm=f"{crawl_date.month:02d}",
        dd=f"{crawl_date.day:02d}",
        yyyymmdd=crawl_date.strftime("%Y%m%d"),
    )
