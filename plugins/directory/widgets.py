"""The dashboard card: the member's company profile and its completion, or the
expert's profile, or an invitation to create one."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from tremplin.core import api
from tremplin.core.api import Widget

from . import experts, profiles, representatives


def my_profile_widget(user: Any) -> Widget | None:
    member = api.current_member()
    if member is None or member.is_staff:
        return None
    context: dict[str, Any] = {
        "invitations": len(representatives.pending_for(member.id)),
        "expert": None,
        "company": None,
        "completion": None,
    }
    if member.has_role("Expert"):
        context["expert"] = experts.profile_of(member.id)
        context["is_expert"] = True
    if member.company is not None:
        data = profiles.load(member.company.id)
        if data is not None:
            context["company"] = data
            context["completion"] = profiles.completion(data)
    return Widget(
        "directory", _l("Ma fiche dans l'annuaire"), "directory/widget.html", context, order=10
    )
