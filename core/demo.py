"""Demonstration data: the three personas and companies from across the Francophonie.

Used by ``tremplin demo`` and ``make run``; never loaded in production.
Loading twice adds nothing (companies are matched by name, accounts by user name).
The personas' accounts (Awa, Ahmed, Aminata) and three experts' are created only
when a password is given, by the caller or in ``TREMPLIN_DEMO_PASSWORD`` (development only).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import select

from .accounts.profile.models import Company, Profile
from .accounts.shared.services import create_user, find_user
from .extensions import db

DATA = Path(__file__).resolve().parent / "data" / "demo.json"
DEMO_PASSWORD_ENV = "TREMPLIN_DEMO_PASSWORD"


class DemoRefused(RuntimeError):
    """Demo data cannot be loaded here (production)."""


def demo_records() -> list[dict[str, Any]]:
    return list(json.loads(DATA.read_text(encoding="utf-8"))["companies"])


def demo_experts() -> list[dict[str, str]]:
    return list(json.loads(DATA.read_text(encoding="utf-8")).get("experts", []))


def demo_password() -> str | None:
    """The personas' password from ``TREMPLIN_DEMO_PASSWORD``, if set."""
    return os.environ.get(DEMO_PASSWORD_ENV) or None


def load_demo(password: str | None = None) -> int:
    """Add the demo companies (and the personas' accounts when a password is given),
    then each plugin's (``demo_data`` hook); returns how many records were added."""
    if current_app.extensions["tremplin"].config.is_production:
        raise DemoRefused("demo data is never loaded in production")
    added = 0
    for record in demo_records():
        company, created = _company(record)
        added += created
        person = record.get("person")
        if person and password:
            _persona(person, company, password)
    if password:
        for expert in demo_experts():
            _persona(expert, None, password, role="Expert")
    pm = current_app.extensions["tremplin"].pm
    added += sum(int(n or 0) for n in pm.hook.demo_data(password=password))
    return added


def _company(record: dict[str, Any]) -> tuple[Company, bool]:
    company = db.session.scalar(select(Company).where(Company.name == record["name"]))
    if company is not None:
        return company, False
    company = Company(**{k: v for k, v in record.items() if k != "person"})
    db.session.add(company)
    db.session.commit()
    return company, True


def _persona(
    person: dict[str, str], company: Company | None, password: str, role: str = "Company"
) -> None:
    if find_user(person["username"]) is not None:
        return
    user = create_user(
        person["username"],
        person["email"],
        person["first_name"],
        person["last_name"],
        password,
        [role],
    )
    company_id = company.id if company is not None else None
    db.session.add(Profile(user_id=user.id, company_id=company_id, job_title=person["job_title"]))
    db.session.commit()
