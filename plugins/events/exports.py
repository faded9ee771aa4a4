"""CSV export of an event's registrations (organiser page and back office)."""

from __future__ import annotations

import csv
import io

from tremplin.core.api import members

from .models import Event
from .registration import answers_of, registrations
from .times import utc

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    """Neutralise spreadsheet formulas (CSV injection)."""
    text = str(value if value is not None else "")
    return "'" + text if text.startswith(DANGEROUS) else text


def registrations_csv(event: Event) -> str:
    rows = registrations(event.id)
    ids = [r.user_id for r in rows]
    who = {m.id: m for m in members(user_ids=ids, limit=max(len(ids), 1))} if ids else {}
    out = io.StringIO()
    writer = csv.writer(out)
    questions = event.question_list
    writer.writerow(
        ["nom", "email", "entreprise", "pays", "statut", "présent", "inscrit le", *questions]
    )
    for r in rows:
        m = who.get(r.user_id)
        company = m.company if m is not None else None
        answers = dict(answers_of(r))
        writer.writerow(
            [
                _cell(x)
                for x in (
                    m.display_name if m else r.user_id,
                    m.email if m else "",
                    company.name if company else "",
                    company.country if company else "",
                    r.state,
                    "oui" if r.attended else "non",
                    utc(r.created_at).isoformat(),
                    *[answers.get(q, "") for q in questions],
                )
            ]
        )
    return out.getvalue()
