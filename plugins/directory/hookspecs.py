"""The directory's own hooks: other plugins implement them without importing it.

``company_missions`` is a question the events plugin answers (a company's history of
OIF missions); ``suggest_partners`` is a first-result hook: the directory's own
implementation answers last, so an AI matchmaker plugin can replace it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pluggy

hookspec = pluggy.HookspecMarker("tremplin")


@dataclass(frozen=True)
class Suggestion:
    """A company suggested as a partner, with the one-line reason shown to the member.

    Other plugins may return any object with ``company_id`` and ``reason``
    attributes (they cannot import this class)."""

    company_id: int
    reason: str
    score: float = 0.0


@hookspec
def company_missions(company_id: int) -> list[Any] | None:
    """The OIF missions the company took part in, most recent first.

    Each item has ``title`` (text), ``year`` (int or text) and optionally ``url``
    (attributes or mapping keys). Return ``None`` when you know nothing; the
    profile then says that no participation is recorded yet."""


@hookspec(firstresult=True)
def suggest_partners(company_id: int, limit: int) -> list[Any] | None:
    """Up to ``limit`` companies the company could work with, best first.

    Each item has ``company_id`` and a one-line ``reason`` (see ``Suggestion``).
    First result wins: the directory's own implementation (complementary target
    markets, sectors, offers and needs; no outside service) answers last."""
