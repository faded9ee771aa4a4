"""Demonstration data: the three personas and companies from across the Francophonie.

Used by ``tremplin demo`` and ``make run``; never loaded in production.
Loading twice adds nothing (companies are matched by name).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import select

from .accounts.models import Company, Profile
from .accounts.services import create_user, find_user
from .extensions import db

DATA = Path(__file__).resolve().parent / "data" / "demo.json"
DEMO_PASSWORD_ENV = "TREMPLIN_DEMO_PASSWORD"


def demo_records() -> list[dict[str, Any]]:
    return list(json.loads(DATA.read_text(encoding="utf-8"))["companies"])


def load_demo(password: str | None = None) -> int:
    """Add the demo companies (and the personas' accounts when a password is given)."""
    if current_app.extensions["tremplin"].config.is_production:
        raise RuntimeError("demo data is never loaded in production")
    added = 0
    for record in demo_records():
        company = db.session.scalar(select(Company).where(Company.name == record["name"]))
        if company is None:
            fields = {k: v for k, v in record.items() if k != "person"}
            company = Company(**fields)
            db.session.add(company)
            added += 1
        db.session.commit()
        person = record.get("person")
        if person and password and find_user(person["username"]) is None:
            user = create_user(person["username"], person["email"], person["first_name"],
                               person["last_name"], password, ["Company"])
            db.session.add(Profile(user_id=user.id, company_id=company.id,
                                   job_title=person["job_title"]))
            db.session.commit()
    return added
