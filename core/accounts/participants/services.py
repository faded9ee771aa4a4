"""Mission participants imported from a CSV export (CLI and back office).

Columns (header row required, any order, French or English names): e-mail,
first name, last name, company, country (ISO-2), mission. ``;`` or ``,``
separated, UTF-8 (Excel's Windows-1252 is accepted too). Every line is checked;
when one is wrong NOTHING is imported and each wrong line is reported with its
number and a translated reason. Importing an address again updates its row.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from flask_babel import lazy_gettext as _l

from ...extensions import db
from ..invitations.services import LineError
from ..shared.checks import BadValue, check_country, check_email, check_label, check_name, csv_safe
from .models import Participant

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
FIELDS = ("email", "first_name", "last_name", "company", "country", "mission")
HEADER_ALIASES = {
    "email": ("email", "e-mail", "courriel", "adresse e-mail", "mail"),
    "first_name": ("first_name", "first name", "prénom", "prenom"),
    "last_name": ("last_name", "last name", "nom", "nom de famille"),
    "company": ("company", "entreprise", "société", "societe", "organisation"),
    "country": ("country", "pays", "code pays"),
    "mission": ("mission", "mission économique", "mission economique"),
}
LIMITS = {"first_name": 64, "last_name": 64, "company": 200, "mission": 200}
REQUIRED = ("email", "first_name", "last_name", "country")


@dataclass(frozen=True)
class ImportResult:
    """What an import did (or would do, in a dry run)."""

    created: int
    updated: int
    errors: tuple[LineError, ...]

    @property
    def ok(self) -> bool:
        return not self.errors


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 as Excel writes it."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="strict")


def _columns(header: list[str]) -> dict[str, int] | LineError:
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        key = name.strip().lower()
        for field, aliases in HEADER_ALIASES.items():
            if key in aliases and field not in found:
                found[field] = index
    missing = [f for f in REQUIRED if f not in found]
    if missing:
        return LineError(
            1, str(_l("Colonnes manquantes dans l'en-tête : %(names)s.", names=", ".join(missing)))
        )
    return found


def _check_field(field: str, value: str) -> str:
    if field == "email":
        return check_email(value)
    if field == "country":
        return check_country(value)
    if field in ("first_name", "last_name"):
        return check_name(value, LIMITS[field])
    return check_label(value, LIMITS[field], required=field in REQUIRED)


def _field_label(field: str) -> str:
    labels = {
        "email": _l("e-mail"),
        "first_name": _l("prénom"),
        "last_name": _l("nom"),
        "company": _l("entreprise"),
        "country": _l("pays"),
        "mission": _l("mission"),
    }
    return str(labels[field])


def _check_cells(row: list[str], columns: dict[str, int]) -> dict[str, str] | str:
    """The cleaned row, or the reason it is refused (naming the column)."""
    values: dict[str, str] = {}
    for field in FIELDS:
        index = columns.get(field)
        cell = row[index] if index is not None and index < len(row) else ""
        try:
            values[field] = _check_field(field, cell)
        except BadValue as exc:
            return str(_l("%(field)s : %(reason)s", field=_field_label(field), reason=str(exc)))
    return values


def parse(text: str) -> tuple[list[dict[str, str]], list[LineError]]:
    """Every clean row and every refused line (numbers as in a spreadsheet)."""
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as exc:
        return [], [LineError(reader.line_num, str(_l("CSV illisible : %(why)s", why=str(exc))))]
    if not rows:
        return [], [LineError(0, str(_l("Le fichier est vide.")))]
    columns = _columns(rows[0])
    if isinstance(columns, LineError):
        return [], [columns]
    if len(rows) - 1 > MAX_ROWS:
        return [], [LineError(0, str(_l("Trop de lignes : %(max)d au plus.", max=MAX_ROWS)))]
    return _parse_rows(rows, columns)


def _parse_rows(
    rows: list[list[str]], columns: dict[str, int]
) -> tuple[list[dict[str, str]], list[LineError]]:
    clean: list[dict[str, str]] = []
    errors: list[LineError] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        result = _check_cells(row, columns)
        if isinstance(result, str):
            errors.append(LineError(number, result))
        elif result["email"] in seen:
            errors.append(
                LineError(
                    number,
                    str(_l("Adresse en double (déjà ligne %(line)d).", line=seen[result["email"]])),
                )
            )
        else:
            seen[result["email"]] = number
            clean.append(result)
    if not clean and not errors:
        errors.append(LineError(0, str(_l("Aucun participant dans le fichier."))))
    return clean, errors


def _refused(reason: object) -> ImportResult:
    return ImportResult(0, 0, (LineError(0, str(reason)),))


def import_bytes(data: bytes, dry_run: bool = False) -> ImportResult:
    """Check then import a CSV file, all or nothing."""
    if len(data) > MAX_BYTES:
        return _refused(_l("Fichier trop volumineux (2 Mo au plus)."))
    if b"\x00" in data:
        return _refused(_l("Ce n'est pas un fichier CSV texte."))
    try:
        text = decode(data)
    except UnicodeDecodeError:
        return _refused(_l("Encodage illisible : enregistrez le fichier en CSV UTF-8."))
    rows, errors = parse(text)
    if errors:
        return ImportResult(0, 0, tuple(errors))
    return _store(rows, dry_run)


def _store(rows: list[dict[str, str]], dry_run: bool) -> ImportResult:
    existing = {
        p.email: p
        for p in db.session.query(Participant).filter(
            Participant.email.in_([r["email"] for r in rows])
        )
    }
    created = updated = 0
    for values in rows:
        participant = existing.get(values["email"])
        if participant is None:
            created += 1
            if not dry_run:
                db.session.add(Participant(**values))
        else:
            updated += 1
            if not dry_run:
                for key, value in values.items():
                    setattr(participant, key, value)
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    return ImportResult(created, updated, ())


def find(email: str) -> Participant | None:
    return db.session.query(Participant).filter_by(email=email.strip().lower()).one_or_none()


def match(participant: Participant, user_id: int) -> None:
    """Link the participant row to the account created with its address."""
    participant.user_id = user_id
    participant.matched_at = datetime.now(UTC)


def export_rows() -> Iterator[list[str]]:
    """The participant list as CSV rows, formula-safe (for the back office)."""
    yield list(FIELDS) + ["matched"]
    for p in db.session.query(Participant).order_by(Participant.last_name, Participant.email):
        yield [csv_safe(getattr(p, f)) for f in FIELDS] + ["yes" if p.user_id else "no"]


def export_csv() -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for row in export_rows():
        writer.writerow(row)
    return buffer.getvalue()


def as_dict(participant: Any) -> dict[str, Any]:
    return {f: getattr(participant, f) for f in FIELDS}
