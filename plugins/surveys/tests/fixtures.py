"""Shared fixtures of the surveys tests: the fake events plugin and a builder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tremplin.core.testing.plugins import load_uninstalled

HERE = Path(__file__).resolve().parent


def fake_events() -> Any:
    return load_uninstalled(HERE / "fakeevents", "tremplin_fakeevents")


@pytest.fixture
def build_survey(app: Any) -> Any:
    """``build_survey(anonymous=True, questions=[dict(kind=..., ...)])``: an open survey."""
    from tremplin.core.api import db
    from tremplin.plugins.surveys.models import Survey
    from tremplin.plugins.surveys.services import add_question, open_survey, parse_options

    def make(questions: list[dict[str, Any]], **fields: Any) -> Survey:
        fields.setdefault("title_fr", "Bilan de mission")
        fields.setdefault("title_en", "Mission review")
        survey = Survey(**fields)
        db.session.add(survey)
        db.session.flush()
        for spec in questions:
            spec = dict(spec)
            if "cond_on" in spec:  # the index of an earlier question
                spec["cond_question_id"] = survey.questions[spec.pop("cond_on")].id
            if isinstance(spec.get("options"), str):
                spec["options"] = parse_options(spec["options"])
            if isinstance(spec.get("rows"), str):
                spec["rows"] = parse_options(spec["rows"])
            add_question(survey, **spec)
            db.session.flush()
            db.session.refresh(survey)
        open_survey(survey)
        db.session.commit()
        return survey

    return make


def links_in_mail(app: Any, to: str) -> list[str]:
    """The survey links (paths) e-mailed to ``to``."""
    import re

    from tremplin.core.testing.accounts import body, outbox

    found = []
    for message in outbox(app):
        if to in str(message["To"]):
            found += re.findall(r"/(?:fr|en)/surveys/r/[A-Za-z0-9_-]+", body(message))
    return found
