"""Moderators' decisions, appeals and the "recommandé par l'OIF" mark: each one is
kept on the case, notified to the company's members and written to the audit log."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from tremplin.core import api
from tremplin.core.api import db

from .models import Case, Decision, utcnow
from .services import announce, effective_state, notify_company, validity

ACTIONS = ("approve", "reject", "more_info")
OUTCOME = {"approve": "verified", "reject": "rejected", "more_info": "more_info"}
NOTIFICATION = {
    "approve": "verification.approved",
    "reject": "verification.rejected",
    "more_info": "verification.more_info",
}
MAX_REASON = 5000
APPEAL_REVIEWER = _l(
    "Vous avez refusé ce dossier : son appel doit être examiné par un autre modérateur."
)


class DecisionError(Exception):
    """A refused decision; ``message`` is translated for the moderator."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def add_decision(case: Case, actor_id: int | None, action: str, reason: str) -> Decision:
    decision = Decision(case=case, actor_id=actor_id, action=action, reason=reason[:MAX_REASON])
    db.session.add(decision)
    return decision


def check_reviewer(case: Case, moderator_id: int) -> None:
    """An appeal is reviewed by someone other than the moderator who rejected."""
    if case.appeal and case.rejected_by == moderator_id:
        raise DecisionError(str(APPEAL_REVIEWER))


def decide(case: Case, moderator_id: int, action: str, reason: str) -> None:
    """Approve, reject or ask for more information, with a mandatory reason; commits,
    then writes the audit event."""
    reason = (reason or "").strip()
    if action not in ACTIONS:
        raise DecisionError(str(_l("Choisissez une décision.")))
    if not reason:
        raise DecisionError(str(_l("Indiquez le motif de la décision : il est obligatoire.")))
    if case.state not in ("pending", "more_info") and not _renewal(case):
        raise DecisionError(str(_l("Ce dossier n’attend pas de décision.")))
    check_reviewer(case, moderator_id)
    _apply(case, moderator_id, action)
    add_decision(case, moderator_id, action, reason)
    notify_company(case.company_id, NOTIFICATION[action], reason=reason[:500])
    api.record("verification.decision", case, action=action, risk=case.risk or "none")
    announce(case)
    db.session.commit()
    api.audit(
        f"verification.{action}",
        None,
        company_id=case.company_id,
        case_id=case.id,
        reason=reason,
        appeal=case.appeal,
    )


def _renewal(case: Case) -> bool:
    from .services import renewal_pending

    return renewal_pending(case)


def _apply(case: Case, moderator_id: int, action: str) -> None:
    now = utcnow()
    case.state = OUTCOME[action]
    if action == "approve":
        case.verified_at, case.expires_at, case.reminded_at = now, now + validity(), None
        case.appeal, case.rejected_by = False, None
    elif action == "reject":
        case.rejected_by, case.appeal = moderator_id, False


def set_recommended(case: Case, admin_id: int, value: bool, reason: str) -> None:
    """Mark or unmark "recommandé par l'OIF" (verified companies only); commits."""
    reason = (reason or "").strip()
    if not reason:
        raise DecisionError(str(_l("Indiquez le motif de la décision : il est obligatoire.")))
    if value and effective_state(case) != "verified":
        raise DecisionError(str(_l("Seule une entreprise vérifiée peut être recommandée.")))
    if case.recommended == value:
        return
    case.recommended = value
    add_decision(case, admin_id, "recommend" if value else "unrecommend", reason)
    announce(case)
    db.session.commit()
    api.audit(
        "verification.recommend",
        None,
        company_id=case.company_id,
        case_id=case.id,
        recommended=value,
        reason=reason,
    )


def history(case: Case) -> list[dict[str, Any]]:
    """The case's decisions with the acting member's display name."""
    ids = {d.actor_id for d in case.decisions if d.actor_id}
    names = {
        m.id: m.display_name
        for m in api.members(user_ids=ids, active_only=False, limit=max(len(ids), 1))
    }
    return [
        {
            "action": d.action,
            "reason": d.reason,
            "at": d.at,
            "actor": names.get(d.actor_id or 0, ""),
        }
        for d in case.decisions
    ]
