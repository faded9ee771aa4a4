"""Recommendations: the dashboard widget (the member's sector and markets) and the
answer to the assessment plugin's ``assessment_recommendations`` question."""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from tremplin.core.api import Widget, company_of, current_member, members

from .library import visible
from .models import Resource
from .services import recommended

# Assessment dimensions (plugins/assessment data) that editors use as tags.
DIMENSION_TAGS = ("strategy", "product", "markets", "finance", "skills", "compliance",
                  "marketing", "networks", "logistics", "experience")  # fmt: skip


def _interests(member: Any) -> tuple[list[str], list[str], str]:
    """Sector codes, target markets and export stage of a member's company."""
    company = member.company if member is not None else None
    if company is None:
        return [], [], ""
    full = company_of(member.id)
    markets = list(getattr(full, "markets", ()) or ()) if full is not None else []
    stage = str(getattr(full, "export_stage", "") or "") if full is not None else ""
    sectors = [company.sector] if company.sector else []
    countries = [*markets, company.country] if company.country else markets
    return sectors, countries, stage


def widget() -> list[Widget]:
    member = current_member()
    if member is None:
        return []
    sectors, countries, stage = _interests(member)
    pool = visible(member)
    items = recommended(pool, sectors, countries, stage, limit=5) or pool[:3]
    return [
        Widget(
            "resources",
            _l("Ressources pour vous"),
            "resources/widget.html",
            {"items": items, "lang": str(get_locale())},
            order=40,
        )
    ]


def for_assessment(result: Any) -> list[dict[str, Any]]:
    """Up to one item per weak dimension (tagged with the dimension's key), in the
    result's language, readable by the member who took the assessment."""
    lang = getattr(result, "language", "fr") or "fr"
    member = _member(getattr(result, "user_id", None))
    pool = visible(member)
    found: list[dict[str, Any]] = []
    seen: set[int] = set()
    for topic in list(getattr(result, "weak_topics", ()) or ())[:5]:
        item = next((i for i in pool if topic in i.listed("tags") and i.id not in seen), None)
        if item is not None:
            seen.add(item.id)
            found.append(_advice(item, lang, topic))
    return found


def _advice(item: Resource, lang: str, topic: str) -> dict[str, Any]:
    return {
        "title": item.title(lang),
        "text": item.summary(lang) or item.title(lang),
        "url": url_for("resources.show", slug=item.slug, lang_code=lang),
        "dimension": topic,
        "priority": 2,
    }


def _member(user_id: int | None) -> Any:
    if user_id is None:
        return None
    current = current_member()
    if current is not None and current.id == user_id:
        return current
    found = members(user_ids=[user_id], limit=1)
    return found[0] if found else None
