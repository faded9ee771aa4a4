"""Shared helpers of the assessment tests: answering the questionnaire high or low."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tremplin.core.testing.fixtures import csrf_token

from ..definition import Dimension, Question
from ..forms import field_name

ENABLED = {"plugins": {"enabled": ["pages", "assessment"]}}


def answer(question: Question, mode: str) -> Any:
    """The best (``high``) or worst (``low``) answer; ``None`` skips an optional one."""
    high = mode == "high"
    if question.type == "single":
        options = sorted(question.options, key=lambda o: o.points)
        return (options[-1] if high else options[0]).key
    if question.type == "multiple":
        if high:
            return [o.key for o in question.options]
        return [min(question.options, key=lambda o: o.points).key] if question.required else []
    if question.type == "scale":
        return int(question.maximum if high else question.minimum)
    if question.type == "yesno":
        points = question.points
        best = "yes" if points["yes"] >= points["no"] else "no"
        return best if high else ("no" if best == "yes" else "yes")
    return int(question.bands[-1][0] if high else question.minimum)


def step_form(dimension: Dimension, mode: str, skip_optional: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for question in dimension.questions:
        if skip_optional and not question.required:
            continue
        value = answer(question, mode)
        data[field_name(question)] = (
            [str(v) for v in value] if isinstance(value, list) else str(value)
        )
    return data


def take(client: Any, mode: str, lang: str = "fr") -> int:
    """Answer every step through the pages; returns the attempt's id."""
    from .. import services

    page = client.get(f"/{lang}/assessment/")
    response = client.post(f"/{lang}/assessment/start", data={"csrf_token": csrf_token(page.text)})
    assert response.status_code == 302, response.text
    attempt_id = int(re.search(r"/attempts/(\d+)/", response.headers["Location"]).group(1))
    definition = services.published().parsed()
    for number, dimension in enumerate(definition.dimensions, 1):
        url = f"/{lang}/assessment/attempts/{attempt_id}/steps/{number}"
        token = csrf_token(client.get(url).text)
        last = number == len(definition.dimensions)
        data = {
            **step_form(dimension, mode),
            "csrf_token": token,
            "action": "finish" if last else "next",
        }
        response = client.post(url, data=data)
        assert response.status_code == 302, (number, response.text[:2000])
    assert f"/results/{attempt_id}" in response.headers["Location"]
    return attempt_id


def company_member(make_user: Any, username: str, company: str, sector: str, country: str) -> Any:
    """An account of the Company role working for a new company (through core's tables,
    which plugins do not import)."""
    from tremplin.core.api import db

    user = make_user(username, roles=["Company"])
    tables = db.metadata.tables
    company_id = db.session.execute(
        tables["core_company"].insert().values(name=company, country=country, sector=sector)
    ).inserted_primary_key[0]
    db.session.execute(
        tables["core_profile"].insert().values(user_id=user.id, company_id=company_id)
    )
    db.session.commit()
    return user


@pytest.fixture
def member(make_user: Any, login: Any) -> Any:
    """A signed-in company member with a company (sector and country)."""
    user = company_member(make_user, "aminata", "Atelier Koné", "Mode éthique", "CI")
    login("aminata")
    return user


def logout(client: Any) -> None:
    page = client.get("/fr/assessment/")
    client.post("/fr/logout", data={"csrf_token": csrf_token(page.text)})
