"""Everything the platform holds about one member, for their export (right of
access and portability) and for the erasure (which tables to empty).

Core tables are found, not listed: every ``core_*`` table (and FAB's API keys)
with a ``user_id`` column pointing at ``ab_user`` holds personal data, so a table
added later by another feature is exported and erased without touching this
file. Columns that hold secrets (hashes, tokens, encrypted keys) are left out.
"""

from __future__ import annotations

import json
import re
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import Table, select

from ...extensions import db
from ...plugins import flatten

SENSITIVE_COLUMN = re.compile(
    r"secret|hash|password|token|salt|nonce|otp|^key$|_key$|^code$", re.IGNORECASE
)
HANDLED_ELSEWHERE = {"core_session", "core_audit_event"}
EXTRA_TABLES = {"ab_api_key"}
ACCOUNT_FIELDS = (
    "id",
    "username",
    "email",
    "first_name",
    "last_name",
    "active",
    "created_on",
    "changed_on",
    "last_login",
    "login_count",
    "fail_login_count",
)
README = """Export de vos données personnelles — {site}

Ce fichier ZIP contient tout ce que la plateforme conserve à votre sujet :
- donnees.json : votre compte, votre profil, votre entreprise, vos consentements,
  vos sessions, le journal de sécurité vous concernant et les données des modules ;
- fichiers/ : les documents que vous avez déposés.
Les secrets (mots de passe, codes, clés) n'y figurent jamais, même chiffrés.

Personal data export: donnees.json holds your account, profile, company,
consents, sessions, security log and each module's data; fichiers/ your files.
"""


def user_tables() -> list[Table]:
    """Core tables with a ``user_id`` foreign key to ``ab_user``."""
    found = []
    for table in db.metadata.sorted_tables:
        if table.name in HANDLED_ELSEWHERE:
            continue
        if not (table.name.startswith("core_") or table.name in EXTRA_TABLES):
            continue
        column = table.c.get("user_id")
        if column is not None and any(
            fk.column.table.name == "ab_user" for fk in column.foreign_keys
        ):
            found.append(table)
    return found


def jsonable(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, bytes):
        return None
    return value


def rows_of(table: Table, user_id: int) -> list[dict[str, Any]]:
    columns = [c for c in table.columns if not SENSITIVE_COLUMN.search(c.name)]
    result = db.session.execute(select(*columns).where(table.c.user_id == user_id))
    return [{k: jsonable(v) for k, v in row._mapping.items()} for row in result]


def account_of(user: Any) -> dict[str, Any]:
    values = {name: jsonable(getattr(user, name, None)) for name in ACCOUNT_FIELDS}
    values["roles"] = sorted(role.name for role in user.roles)
    return values


def company_of(user_id: int) -> dict[str, Any] | None:
    from ..profile.models import Company, Profile

    profile = db.session.scalar(select(Profile).where(Profile.user_id == user_id))
    if profile is None or profile.company_id is None:
        return None
    company = db.session.get(Company, profile.company_id)
    if company is None:
        return None
    return {c.name: jsonable(getattr(company, c.key)) for c in Company.__table__.columns}


def sessions_of_user(user_id: int) -> list[dict[str, Any]]:
    from ..sessions.services import describe_device, sessions_of

    return [
        {
            "created_at": r.created_at.isoformat(),
            "last_seen": r.last_seen.isoformat(),
            "ip": r.ip,
            "device": describe_device(r.user_agent),
            "user_agent": r.user_agent,
        }
        for r in sessions_of(user_id)
    ]


def plugin_data(user_id: int) -> tuple[dict[str, list[Any]], list[tuple[str, Path]]]:
    """Each plugin's ``personal_data`` result: records by label, and files."""
    pm = current_app.extensions["tremplin"].pm
    records: dict[str, list[Any]] = {}
    files: list[tuple[str, Path]] = []
    for item in flatten(pm.hook.personal_data(user_id=user_id)):
        if item is None:
            continue
        records.setdefault(str(item.label), []).extend(
            {k: jsonable(v) for k, v in dict(r).items()} for r in item.records
        )
        files += [(str(item.label), Path(p)) for p in item.files]
    return records, files


def collect(user: Any) -> tuple[dict[str, Any], list[tuple[str, Path]]]:
    """The export's document and the files to put next to it."""
    from ...audit.services import as_dict, events_about

    records, files = plugin_data(user.id)
    document = {
        "generated_at": datetime.now(UTC).replace(tzinfo=None).isoformat() + "Z",
        "account": account_of(user),
        "company": company_of(user.id),
        "tables": {t.name: rows_of(t, user.id) for t in user_tables()},
        "sessions": sessions_of_user(user.id),
        "audit_events": [as_dict(e) for e in events_about(user.id)],
        "plugins": records,
    }
    return document, files


def _safe_name(name: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._")
    return cleaned[:120] or "fichier"


def write_zip(path: Path, document: dict[str, Any], files: list[tuple[str, Path]]) -> int:
    """Write the archive atomically; returns its size in bytes."""
    partial = path.with_suffix(".part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "LISEZMOI.txt", README.format(site=current_app.config["TREMPLIN_SITE_NAME"])
        )
        archive.writestr(
            "donnees.json", json.dumps(document, ensure_ascii=False, indent=2, default=str)
        )
        used: set[str] = set()
        for label, source in files:
            if not source.is_file():
                continue
            name = f"fichiers/{_safe_name(label)}/{_safe_name(source.name)}"
            while name in used:
                name = name + "_"
            used.add(name)
            archive.write(source, name)
    partial.replace(path)
    path.chmod(0o600)
    return path.stat().st_size
