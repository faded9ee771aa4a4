"""Tags: the list administrators curate (``directory_tag``) and members' free tags."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from tremplin.core.api import db, kept_for

from .models import Tag

MAX_FREE_TAGS = 10
MAX_TAG_LENGTH = 40
NOT_SLUG = re.compile(r"[^a-z0-9]+")


class TagError(ValueError):
    """Free tags that cannot be kept; ``str(error)`` is translated."""


def slugify(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return NOT_SLUG.sub("-", plain).strip("-")[:60]


def curated() -> list[Tag]:
    return list(db.session.scalars(select(Tag).order_by(Tag.position, Tag.label_fr)))


def curated_slugs() -> set[str]:
    return {t.slug for t in curated()}


def parse_free_tags(text: str) -> list[str]:
    """``"bio, commerce équitable"`` → ``["bio", "commerce équitable"]`` (no duplicates)."""
    found: dict[str, str] = {}
    for raw in (text or "").split(","):
        tag = " ".join(raw.split())
        if not tag:
            continue
        if len(tag) > MAX_TAG_LENGTH:
            raise TagError(
                str(_l("Chaque mot-clé fait %(max)d caractères au plus.", max=MAX_TAG_LENGTH))
            )
        if not slugify(tag) or tag[0] in "=+-@":
            raise TagError(str(_l("Mot-clé invalide : « %(tag)s ».", tag=tag)))
        found.setdefault(slugify(tag), tag)
    if len(found) > MAX_FREE_TAGS:
        raise TagError(str(_l("%(max)d mots-clés au plus.", max=MAX_FREE_TAGS)))
    return list(found.values())


def facet_values(slugs: Sequence[str], free: Sequence[str]) -> list[str]:
    return list(dict.fromkeys([*slugs, *(slugify(t) for t in free)]))


def words(slugs: Sequence[str], free: Sequence[str]) -> list[str]:
    """The searchable words of a profile's tags (both labels of the curated ones)."""
    labels = {t.slug: t for t in curated()} if slugs else {}
    found: list[str] = []
    for slug in slugs:
        tag = labels.get(slug)
        if tag is not None:
            found += [tag.label_fr, tag.label_en]
    return [w for w in dict.fromkeys([*found, *free]) if w]


@kept_for(60.0)
def _curated_labels(lang: str) -> dict[str, str]:
    return {t.slug: t.label(lang) for t in curated()}


def labels_of(values: Iterable[str], lang: str) -> dict[str, str]:
    """Display labels for tag facet values: curated labels, free tags as slugs."""
    known = _curated_labels(lang)
    return {v: known.get(v, v.replace("-", " ")) for v in values}
