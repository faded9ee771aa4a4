"""Built-in partner suggestions: "entreprises avec qui vous pourriez travailler".

Computed from complementary data only, without any outside service: the other
company targets your country (or you target theirs), works in the same ISIC
division or the same section, and what one offers matches what the other seeks.
Each suggestion carries the one-line reason of its strongest match. Served through
the first-result hook ``suggest_partners``, so a matchmaker plugin can replace it.
"""

from __future__ import annotations

import re
import time
import unicodedata
from dataclasses import dataclass
from typing import Any

from flask import current_app
from flask_babel import get_locale
from flask_babel import gettext as _

from tremplin.core import api
from tremplin.core.api import app_cache

from . import profiles
from .hookspecs import Suggestion

WORD = re.compile(r"[a-z0-9]{4,}")
STOP = frozenset(
    [
        "avec",
        "dans",
        "pour",
        "nous",
        "vous",
        "leur",
        "leurs",
        "sont",
        "plus",
        "tout",
        "tous",
        "toute",
        "toutes",
        "ainsi",
        "entre",
        "notre",
        "votre",
        "nos",
        "vos",
        "des",
        "les",
        "une",
        "elle",
        "ils",
        "elles",
        "cette",
        "ces",
        "chez",
        "depuis",
        "vers",
        "sous",
        "with",
        "from",
        "that",
        "this",
        "their",
        "them",
        "they",
        "have",
        "will",
        "your",
        "ours",
        "also",
        "into",
        "over",
    ]
)
MAX_CANDIDATES = 2000


def _words(text: str) -> set[str]:
    plain = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return {w[:7] for w in WORD.findall(plain) if w not in STOP}  # a crude shared stem


CACHE = app_cache("directory.suggestion_features")
CACHE_SECONDS = 60


@dataclass(frozen=True)
class Features:
    """What suggestions compare, per company (kept per process for a minute)."""

    company_id: int
    country: str
    sector: str
    markets: frozenset[str]
    offers: frozenset[str]
    seeks: frozenset[str]


def features_of(data: profiles.CompanyData) -> Features:
    offers = _words(" ".join([data.text("products_fr"), data.text("products_en")]))
    return Features(
        data.id,
        data.company.country,
        data.company.sector,
        frozenset(data.text("markets")),
        frozenset(offers),
        frozenset(_words(data.text("seeks"))),
    )


def _all_features() -> list[Features]:
    """Every profiled company's features, read again after ``CACHE_SECONDS`` or once
    :func:`forget` was called (a profile changed in this process)."""
    cached = current_app.extensions.get(CACHE)
    if cached is not None and time.monotonic() - cached[0] < CACHE_SECONDS:
        return cached[1]  # type: ignore[no-any-return]
    ids = [p.company_id for p in profiles.all_profiles()[:MAX_CANDIDATES]]
    found = [features_of(d) for d in profiles.load_many(ids, badges=False).values()]
    current_app.extensions[CACHE] = (time.monotonic(), found)
    return found


def forget() -> None:
    current_app.extensions.pop(CACHE, None)


Reason = tuple[float, str, str]  # weight, kind, what to name (a country, sector, words)


def _reasons(me: Features, other: Features) -> list[Reason]:
    """Why ``other`` suits ``me``; worded only for the suggestions kept."""
    found: list[Reason] = []
    if me.country and me.country in other.markets:
        found.append((3.0, "seeks_my_country", me.country))
    if other.country and other.country in me.markets:
        found.append((2.5, "in_my_market", other.country))
    if api.is_sector(me.sector) and other.sector == me.sector:
        found.append((2.0, "same_sector", me.sector))
    elif api.section_of(me.sector) and api.section_of(other.sector) == api.section_of(me.sector):
        found.append((1.0, "near_sector", other.sector))
    offered = sorted(other.offers & me.seeks)
    if offered:
        found.append((3.0 + 0.1 * len(offered), "offers_what_i_seek", ", ".join(offered[:3])))
    wanted = sorted(me.offers & other.seeks)
    if wanted:
        found.append((2.8 + 0.1 * len(wanted), "seeks_what_i_offer", ", ".join(wanted[:3])))
    return found


def _worded(kind: str, value: str, lang: str) -> str:
    if kind == "seeks_my_country":
        return str(
            _(
                "Cherche des partenaires en %(country)s, votre pays.",
                country=api.country_name(value, lang),
            )
        )
    if kind == "in_my_market":
        return str(
            _(
                "Établie en %(country)s, l'un de vos marchés cibles.",
                country=api.country_name(value, lang),
            )
        )
    if kind == "same_sector":
        return str(_("Même secteur : %(sector)s.", sector=api.sector_label(value, lang)))
    if kind == "near_sector":
        return str(_("Secteur voisin : %(sector)s.", sector=api.sector_label(value, lang)))
    if kind == "offers_what_i_seek":
        return str(_("Propose ce que vous cherchez (%(words)s).", words=value))
    return str(_("Cherche ce que vous proposez (%(words)s).", words=value))


def built_in(company_id: int, limit: int) -> list[Suggestion]:
    """The directory's own suggestions for a company, best first."""
    data = profiles.load(company_id, with_media=False)
    if data is None:
        return []
    me = features_of(data)
    scored: list[tuple[float, int, Reason]] = []
    for other in _all_features():
        if other.company_id == company_id:
            continue
        reasons = _reasons(me, other)
        if reasons:
            best = max(reasons, key=lambda reason: reason[0])
            scored.append((sum(r[0] for r in reasons), other.company_id, best))
    scored.sort(key=lambda item: (-item[0], item[1]))
    lang = str(get_locale() or "fr")
    return [
        Suggestion(cid, _worded(kind, value, lang), score)
        for score, cid, (_weight, kind, value) in scored[:limit]
    ]


def _field(item: Any, name: str) -> Any:
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)


def suggestions_for(
    company_id: int, limit: int, member: Any
) -> list[tuple[profiles.CompanyData, str]]:
    """What the hook answers, limited to the companies ``member`` may see."""
    from .access import can_read_company

    pm = current_app.extensions["tremplin"].pm
    answer = pm.hook.suggest_partners(company_id=company_id, limit=limit * 3) or []
    wanted = [(int(_field(s, "company_id")), str(_field(s, "reason") or "")) for s in answer]
    found = profiles.load_many([cid for cid, _reason in wanted])
    shown = []
    for cid, reason in wanted:
        data = found.get(cid)
        if data is not None and cid != company_id and can_read_company(member, data):
            shown.append((data, reason))
    return shown[:limit]
