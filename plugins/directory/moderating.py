"""The directory's side of the core moderation queue: reporting a company or an
expert profile, showing it to the moderator, hiding and restoring it.

A hidden profile leaves the search index (and so the directory and the site search)
and its page answers 404 to everyone but its owners and staff (see :mod:`.access`),
who see a notice; restoring puts it back.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from tremplin.core.api import ModerationTarget, db, report

from . import experts, profiles
from .indexing import reindex_company, reindex_expert

COMPANY, EXPERT = "directory.company", "directory.expert"
KINDS = (COMPANY, EXPERT)


def report_company(company_id: int, reporter: Any, reason: str, comment: str) -> None:
    report(
        COMPANY,
        company_id,
        reporter=reporter,
        reason=reason,
        comment=comment,
        author_id=profiles.owner_id_of(company_id),
    )


def report_expert(user_id: int, reporter: Any, reason: str, comment: str) -> None:
    report(EXPERT, user_id, reporter=reporter, reason=reason, comment=comment, author_id=user_id)


def _load(kind: str, object_id: str) -> Any:
    if kind not in KINDS or not object_id.isdigit():
        return None
    if kind == COMPANY:
        return profiles.load(int(object_id), with_media=False)
    return experts.load(int(object_id))


def target(kind: str, object_id: str) -> ModerationTarget | None:
    data = _load(kind, object_id)
    if data is None:
        return None
    if kind == COMPANY:
        title = _("Fiche entreprise : %(name)s", name=data.company.name)
        author = profiles.owner_id_of(data.id)
    else:
        title = _("Profil d’expert : %(name)s", name=data.name)
        author = data.user_id
    return ModerationTarget(
        title,
        template="directory/moderated.html",
        context={"data": data, "kind": "company" if kind == COMPANY else "expert"},
        author_id=author,
    )


def apply(kind: str, object_id: str, action: str) -> bool | None:
    """Hide or restore the profile in the current transaction (core commits); the
    search index follows once it is committed."""
    if kind not in KINDS or action not in ("hide", "restore"):
        return None
    data = _load(kind, object_id)
    if data is None:
        return False
    if kind == COMPANY:
        row: Any = profiles.ensure_profile(data.id)
    else:
        row = data.profile
    row.hidden = action == "hide"
    db.session.flush()
    if kind == COMPANY:
        reindex_company(data.id)
    else:
        reindex_expert(data.user_id)
    return True
