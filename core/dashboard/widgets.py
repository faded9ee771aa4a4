"""Core's own dashboard cards and onboarding step."""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..contributions import OnboardingStep, Widget
from ..members.services import current_member
from .badges import badges_of, declared
from .onboarding import checklist


def core_widgets(user: Any) -> list[Widget]:
    from ..accounts.profile.services import profile_widget_context

    widgets = [
        Widget(
            "profile",
            _l("Mon profil"),
            "portal/widgets/profile.html",
            profile_widget_context(user),
            order=0,
        ),
        Widget(
            "first_steps",
            _l("Premiers pas à l’export"),
            "dashboard/first_steps.html",
            order=5,
            stages=("first_time",),
        ),
    ]
    steps = checklist(current_member())
    if steps.steps and not steps.complete:
        widgets.append(
            Widget(
                "onboarding",
                _l("Bien démarrer sur Tremplin"),
                "dashboard/onboarding.html",
                {"checklist": steps},
                order=-10,
            )
        )
    if declared():
        widgets.append(
            Widget(
                "badges",
                _l("Mes badges"),
                "dashboard/badges.html",
                {"earned": badges_of(user.id), "declared": len(declared())},
                order=90,
            )
        )
    return widgets


def core_onboarding_steps(member: Any) -> list[OnboardingStep]:
    from ..accounts.mfa.services import mfa_enabled
    from ..extensions import db
    from ..members.models import User

    if member is None:
        return []
    user = db.session.get(User, member.id)
    return [
        OnboardingStep(
            "core.mfa",
            _("Sécuriser votre compte avec une double authentification"),
            done=user is not None and mfa_enabled(user),
            url=url_for("accounts.mfa_setup"),
            order=90,
            hint=_("Un code à usage unique protège votre compte, même si le mot de passe fuit."),
        )
    ]
