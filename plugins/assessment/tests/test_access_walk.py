"""Every GET route of the app walked as anonymous, guest, company, expert and moderator,
with an attempt (in progress and completed) that belongs to none of them: no 5xx, and no
200 on the guarded pages of someone else's assessment."""

from __future__ import annotations

from tremplin.core.api import db
from tremplin.core.testing.urlwalk import assert_no_findings, make_personas, plan, walk

from .. import services
from .fixtures import ENABLED, answer

CONFIG_OVERRIDES = ENABLED


def test_nobody_else_reaches_an_assessment(app, make_user):
    owner = make_user("walk-owner", roles=["Company"])
    done = services.start(owner.id)
    questions = done.questionnaire.parsed().questions().values()
    services.save_answers(done, {q.key: answer(q, "low") for q in questions}, 0)
    services.complete(done)
    current = services.start(owner.id)
    db.session.commit()
    samples = {"attempt_id": [done.id, current.id, 999999], "number": [1, 10]}
    visits, _ = plan(app, samples)
    urls = {v.url for v in visits}
    assert f"/fr/assessment/results/{done.id}/rapport.docx" in urls
    assert f"/fr/assessment/attempts/{current.id}/steps/10" in urls
    findings = walk(app, make_personas(make_user, prefix="aw"), samples)
    assert_no_findings(findings)
