"""Expert profiles: areas of expertise, sectors, countries, languages, biography,
availability for mentoring."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from tremplin.core import api
from tremplin.core.api import db

from .models import ExpertProfile

FIELDS = (
    "headline",
    "expertise",
    "sectors",
    "countries",
    "languages",
    "bio_fr",
    "bio_en",
    "mentoring",
    "visibility",
)
LANGUAGES = {
    "fr": "Français",
    "en": "English",
    "ar": "العربية",
    "es": "Español",
    "pt": "Português",
    "wo": "Wolof",
    "sw": "Kiswahili",
    "ln": "Lingála",
    "mg": "Malagasy",
    "ro": "Română",
    "vi": "Tiếng Việt",
    "de": "Deutsch",
    "it": "Italiano",
    "zh": "中文",
}


@dataclass(frozen=True)
class ExpertData:
    member: api.Member
    profile: ExpertProfile

    @property
    def name(self) -> str:
        return self.member.display_name

    @property
    def user_id(self) -> int:
        return self.member.id

    def bio(self, lang: str) -> str:
        return self.profile.bio_en if lang == "en" and self.profile.bio_en else self.profile.bio_fr


def profile_of(user_id: int) -> ExpertProfile | None:
    return db.session.scalar(select(ExpertProfile).where(ExpertProfile.user_id == user_id))


def load(user_id: int) -> ExpertData | None:
    found = load_many([user_id])
    return found.get(user_id)


def load_many(user_ids: Iterable[int]) -> dict[int, ExpertData]:
    wanted = sorted(set(user_ids))
    if not wanted:
        return {}
    rows = {
        row.user_id: row
        for row in db.session.scalars(
            select(ExpertProfile).where(ExpertProfile.user_id.in_(wanted))
        )
    }
    people = api.members(user_ids=list(rows), limit=len(rows) or 1) if rows else []
    return {m.id: ExpertData(m, rows[m.id]) for m in people if m.has_role("Expert")}


def load_all() -> list[ExpertData]:
    ids = list(db.session.scalars(select(ExpertProfile.user_id).order_by(ExpertProfile.id)))
    found: list[ExpertData] = []
    for start in range(0, len(ids), 500):
        found += load_many(ids[start : start + 500]).values()
    return found


def save(user_id: int, fields: Mapping[str, Any]) -> ExpertProfile:
    row = profile_of(user_id)
    if row is None:
        row = ExpertProfile(
            user_id=user_id,
            expertise=[],
            sectors=[],
            countries=[],
            languages=[],
            visibility={},
            mentoring=False,
        )
        db.session.add(row)
    for name in FIELDS:
        if name in fields:
            setattr(row, name, fields[name])
    row.updated_at = db.func.now()
    db.session.flush()
    api.record("directory.expert_updated", ("expert", user_id))
    return row
