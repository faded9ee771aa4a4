"""Blocks messaging puts on other pages: "Écrire à ce membre" on a company page
(the directory's ``directory.company.actions`` slot) and the header's link."""

from __future__ import annotations

from typing import Any

from flask_login import current_user

from tremplin.core.api import SlotBlock


def company_actions(context: dict[str, Any]) -> list[SlotBlock]:
    company = context.get("company")
    company_id = getattr(company, "id", None)
    if company_id is None and isinstance(company, dict):
        company_id = company.get("id")
    if company_id is None:
        return []
    return [
        SlotBlock(
            template="messaging/slot_company.html", order=10, context={"company_id": company_id}
        )
    ]


def header_link() -> list[SlotBlock]:
    if not current_user.is_authenticated:
        return []
    from tremplin.core.api import setting

    from .reading import header_unread

    context = {
        "unread": header_unread(current_user.id),
        "poll_seconds": setting("messaging", "poll_seconds"),
    }
    return [SlotBlock(template="messaging/slot_header.html", order=20, context=context)]
