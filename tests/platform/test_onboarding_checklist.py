"""The new member's checklist gathers the bundled plugins' steps (complete the
profile, submit documents, take the assessment, join an event), each done once the
member did it; the back office counts the verification backlog."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import current_app

from tremplin.core import api
from tremplin.core.api import db
from tremplin.core.plugins import flatten
from tremplin.core.testing.members import give_company

CONFIG_OVERRIDES = {"accounts": {"mfa_required_roles": []}}
STEPS = ("directory.profile", "verification.submit", "assessment.take", "events.join")


def _steps(user_id: int) -> dict[str, bool]:
    [member] = api.members(user_ids=[user_id], limit=1)
    with current_app.test_request_context("/fr/dashboard"):
        found = flatten(current_app.extensions["tremplin"].pm.hook.onboarding_steps(member=member))
    return {step.key: step.done for step in found if step.key in STEPS}


def test_each_plugin_step_is_done_once_the_member_did_it(app, make_user):
    from tremplin.plugins.directory.profiles import ensure_profile
    from tremplin.plugins.events.models import Event, Registration
    from tremplin.plugins.verification.models import Case

    user = make_user("newbie", roles=["Company"], mfa=False)
    company_id = give_company(user, "Débutante SARL")
    assert _steps(user.id) == dict.fromkeys(STEPS, False)
    api.update_company(company_id, description="Transformation de fonio.")
    row = ensure_profile(company_id, owner_id=user.id)
    row.products_fr, row.markets = "Fonio précuit", ["FR"]
    db.session.add(Case(company_id=company_id, state="pending"))
    start = datetime.now(UTC) + timedelta(days=3)
    event = Event(kind="webinar", title="Exporter", starts_at=start, ends_at=start)
    db.session.add(event)
    db.session.flush()
    db.session.add(Registration(event_id=event.id, user_id=user.id, state="confirmed"))
    db.session.commit()
    done = _steps(user.id)
    assert done == {**dict.fromkeys(STEPS, True), "assessment.take": False}


def test_the_back_office_counts_the_verification_backlog(app, client, make_user, login):
    from tremplin.plugins.verification.models import Case

    db.session.add_all([Case(company_id=9001, state="pending"), Case(company_id=9002)])
    db.session.commit()
    make_user("chef", roles=["Admin"], mfa=False)
    login("chef")
    home = client.get("/admin/").text
    block = home.split('data-figure="verification.pending"', 1)[1].split("</div>", 1)[0]
    assert "Dossiers de vérification à examiner" in block and "<strong>1</strong>" in block
