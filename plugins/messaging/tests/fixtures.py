"""Shared fixtures of the messaging tests: three members with companies, and a
configuration with two encryption keys."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from ..crypto import generate_key

OLD_KEY = generate_key()
NEW_KEY = generate_key()
CONFIG = {
    "plugins": {"enabled": ["pages", "messaging"]},
    # The new key seals, the old one still reads (as during a rotation): one app for
    # every test module.
    "messaging": {
        "keys": [NEW_KEY, OLD_KEY],
        "alert_after_minutes": 0,
        "daily_new_conversations": 2,
    },
    "accounts": {"mfa_required_roles": []},
}


@dataclass
class People:
    ahmed: Any
    awa: Any
    moussa: Any
    ahmed_company: int
    awa_company: int


@pytest.fixture
def people(make_user: Any) -> People:
    from tremplin.core.testing.members import give_company

    ahmed, awa, moussa = (
        make_user(name, roles=["Company"], mfa=False) for name in ("ahmed", "awa", "moussa")
    )
    return People(
        ahmed,
        awa,
        moussa,
        give_company(ahmed, "Atlas Agro", "MA", "C10"),
        give_company(awa, "Baobab Textiles", "SN", "C13"),
    )


def member(user: Any) -> Any:
    from tremplin.core.api import members

    return members(user_ids=[user.id], limit=1)[0]


def conversation_with_file(people: People, text: str = "Voici la brochure") -> tuple[Any, Any, Any]:
    """Ahmed writes to Awa with a PDF attached: (conversation, message, stored file)."""
    import io

    from tremplin.core.api import db, storage
    from tremplin.core.testing.storage import pdf

    from ..services import attach, start

    conversation, message = start(member(people.ahmed), [people.awa.id], text)
    item = attach(message, io.BytesIO(pdf()), "brochure.pdf", member(people.ahmed))
    db.session.commit()
    return conversation, message, storage.get(item.file_key)
