"""Invitations: signed, expiring, single-use links to create an account.

An administrator invites one address or a list (textarea or CSV); each
invitation is a ``core_invitation`` row and an e-mail. The link carries the row
id and a random nonce signed with itsdangerous (salted); it is valid for
``[accounts] invitation_days`` and once: creating the account marks it used.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from ...extensions import db
from ...mail import send_mail
from ..shared.checks import BadValue, check_email
from ..shared.services import find_user
from .models import Invitation

log = logging.getLogger("tremplin.accounts")

SALT = "tremplin-invitation"
MAX_BULK = 500


@dataclass(frozen=True)
class LineError:
    """A refused line of a list: its number (from 1) and the translated reason."""

    line: int
    reason: str


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def _days() -> int:
    return int(current_app.extensions["tremplin"].config.get("accounts", "invitation_days"))


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def invitation_url(token: str, lang: str) -> str:
    return f"{current_app.config['TREMPLIN_BASE_URL']}/{lang}/signup/invitation/{token}"


def create(
    email: str, by_id: int | None = None, kind: str = "", language: str = "fr"
) -> tuple[Invitation, str]:
    """A new invitation and its token; earlier open invitations to the same
    address are revoked. The caller commits."""
    email = check_email(email)
    now = _now()
    for older in db.session.query(Invitation).filter_by(email=email, used_at=None, revoked_at=None):
        older.revoked_at = now
    invitation = Invitation(
        email=email,
        kind=kind,
        language=language,
        nonce=secrets.token_urlsafe(24),
        created_by_id=by_id,
        expires_at=now + timedelta(days=_days()),
    )
    db.session.add(invitation)
    db.session.flush()
    token = _serializer().dumps({"i": invitation.id, "n": invitation.nonce})
    return invitation, token


def send(invitation: Invitation, token: str) -> None:
    lang = invitation.language or "fr"
    url = invitation_url(token, lang)
    site = current_app.config["TREMPLIN_SITE_NAME"]
    with force_locale(lang):
        subject = _("Invitation à rejoindre %(site)s", site=site)
        text = render_template("accounts/invitation_email.txt", url=url, days=_days(), site=site)
    send_mail(invitation.email, subject, text)
    log.info(
        "invitation sent",
        extra={"event": "accounts.invitation_sent", "invitation_id": invitation.id},
    )


def invite(
    email: str, by_id: int | None = None, kind: str = "", language: str = "fr"
) -> Invitation:
    """Create, commit and e-mail one invitation."""
    invitation, token = create(email, by_id, kind, language)
    db.session.commit()
    send(invitation, token)
    return invitation


def check_token(token: str) -> tuple[Invitation | None, str]:
    """``(invitation, "")`` when the link may be used, else ``(None, reason)``
    with reason ``invalid``, ``expired`` or ``used``."""
    if not token or len(token) > 512:
        return None, "invalid"
    try:
        data = _serializer().loads(token, max_age=_days() * 86400)
    except SignatureExpired:
        return None, "expired"
    except BadSignature:
        return None, "invalid"
    if not isinstance(data, dict) or not isinstance(data.get("i"), int):
        return None, "invalid"
    invitation = db.session.get(Invitation, data["i"])
    if invitation is None or not secrets.compare_digest(invitation.nonce, str(data.get("n", ""))):
        return None, "invalid"
    if invitation.used_at is not None or invitation.revoked_at is not None:
        return None, "used"
    if _aware(invitation.expires_at) < _now():
        return None, "expired"
    return invitation, ""


def mark_used(invitation: Invitation, user_id: int) -> None:
    """Spend the invitation on the account just created (the caller commits)."""
    invitation.used_at = _now()
    invitation.user_id = user_id


def revoke(invitation: Invitation) -> None:
    if invitation.used_at is None and invitation.revoked_at is None:
        invitation.revoked_at = _now()


def status(invitation: Invitation) -> str:
    """``used``, ``revoked``, ``expired`` or ``pending``."""
    if invitation.used_at is not None:
        return "used"
    if invitation.revoked_at is not None:
        return "revoked"
    if _aware(invitation.expires_at) < _now():
        return "expired"
    return "pending"


EMAIL_HEADER = re.compile(r"e-?mail|courriel|adresse e-?mail")


def _email_cells(text: str) -> list[tuple[int, str]]:
    """(line number, address) from a pasted list (one or several addresses a line,
    separated by commas or semicolons) or a CSV whose header names an ``email``
    column; blank cells are skipped."""
    lines = text.splitlines()
    delimiter = ";" if lines and ";" in lines[0] else ","
    header = [cell.strip().lower() for cell in lines[0].split(delimiter)] if lines else []
    column = next((i for i, name in enumerate(header) if EMAIL_HEADER.fullmatch(name)), None)
    cells: list[tuple[int, str]] = []
    if column is None:
        for number, line in enumerate(lines, start=1):
            cells += [(number, part) for part in re.split(r"[,;]", line) if part.strip()]
        return cells
    reader = csv.reader(io.StringIO("\n".join(lines[1:])), delimiter=delimiter)
    for number, row in enumerate(reader, start=2):
        if len(row) > column and row[column].strip():
            cells.append((number, row[column]))
    return cells


def parse_addresses(text: str) -> tuple[list[str], list[LineError]]:
    """Every address of a pasted list or CSV, and the refused lines. One address a
    line, or several separated by commas / semicolons in a plain list."""
    errors: list[LineError] = []
    found: list[str] = []
    cells = _email_cells(text)
    if len(cells) > MAX_BULK:
        return [], [
            LineError(0, str(_l("Trop d'adresses : %(max)d au plus par envoi.", max=MAX_BULK)))
        ]
    for number, cell in cells:
        try:
            email = check_email(cell)
        except BadValue as exc:
            errors.append(LineError(number, str(exc)))
            continue
        if email in found:
            errors.append(LineError(number, str(_l("Adresse en double dans la liste."))))
        elif find_user(email) is not None:
            errors.append(LineError(number, str(_l("Un compte existe déjà avec cette adresse."))))
        else:
            found.append(email)
    if not cells:
        errors.append(LineError(0, str(_l("Aucune adresse e-mail trouvée."))))
    return found, errors


def invite_many(
    text: str, by_id: int | None = None, kind: str = "", language: str = "fr"
) -> tuple[list[Invitation], list[LineError]]:
    """Invite every address of ``text``, or nobody when a line is wrong."""
    addresses, errors = parse_addresses(text)
    if errors:
        return [], errors
    made = [create(email, by_id, kind, language) for email in addresses]
    db.session.commit()
    for invitation, token in made:
        send(invitation, token)
    return [invitation for invitation, _token in made], []


def describe(invitation: Any) -> str:
    return f"{invitation.email} ({status(invitation)})"
