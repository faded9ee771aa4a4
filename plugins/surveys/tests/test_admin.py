"""The back-office builder: creating a survey, adding questions (conditions,
bad input), opening, sending to a segment, results and exports; access checks."""

from __future__ import annotations

from tremplin.core.api import db
from tremplin.core.testing.fixtures import csrf_token
from tremplin.plugins.surveys.models import Invitation, Question, Survey

from .fixtures import fake_events

CONFIG_OVERRIDES = {"plugins": {"enabled": ["pages", "surveys"]}}
EXTRA_PLUGINS = [fake_events()]  # the same app as the distribution tests
BASE = "/admin/surveys"


def _admin(make_user, login):
    make_user("chief", roles=["Admin"])
    login("chief")


def _post(client, url, page_url, **data):
    page = client.get(page_url)
    return client.post(url, data={"csrf_token": csrf_token(page.text), **data})


def test_admin_builds_opens_and_sends_a_survey(app, client, make_user, login):
    member = make_user("awa")
    _admin(make_user, login)
    assert client.get(f"{BASE}/").status_code == 200
    made = _post(
        client,
        f"{BASE}/",
        f"{BASE}/",
        title_fr="Suivi trimestriel <b>x</b>",
        title_en="Quarterly",
        audience="segment",
        retention_days="365",
        anonymous="y",
    )
    assert made.status_code == 302
    survey = db.session.query(Survey).one()
    edit = f"{BASE}/{survey.id}"
    refused = _post(client, f"{edit}/state", edit, action="open")
    assert refused.status_code == 302 and survey.state == "draft"  # no question yet
    added = _post(
        client,
        f"{edit}/questions",
        edit,
        kind="single",
        label_fr="Exportez-vous ?",
        options="Oui | Yes\nNon | No",
        required="y",
        cond_question_id="",
        cond_profile="",
        impact="",
    )
    assert added.status_code == 302
    first = db.session.query(Question).one()
    assert first.options[1] == {"value": "2", "fr": "Non", "en": "No"}
    conditional = _post(
        client,
        f"{edit}/questions",
        edit,
        kind="number",
        label_fr="Combien de marchés ?",
        cond_question_id=str(first.id),
        cond_values=[f"{first.id}:1"],
        cond_profile="sector",
        cond_sectors=["C", "A01"],
        impact="markets",
    )
    assert conditional.status_code == 302
    second = db.session.query(Question).filter_by(kind="number").one()
    assert second.cond_question_id == first.id and second.cond_profile_values == ["C", "A01"]
    page = client.get(edit)
    assert "Suivi trimestriel &lt;b&gt;x&lt;/b&gt;" in page.text
    assert _post(client, f"{edit}/state", edit, action="open").status_code == 302
    assert survey.state == "open"
    assert _post(client, f"{edit}/state", edit, action="send").status_code == 302
    assert db.session.query(Invitation).filter_by(user_id=member.id).count() == 1
    assert client.get(f"{edit}/results").status_code == 200
    word = client.get(f"{edit}/report.docx")
    assert word.status_code == 200 and word.data[:2] == b"PK"
    assert client.get(f"{edit}/results.csv").status_code == 302  # anonymous, no answer yet


def test_builder_refuses_bad_questions(app, client, make_user, login):
    _admin(make_user, login)
    _post(
        client,
        f"{BASE}/",
        f"{BASE}/",
        title_fr="Enquête",
        audience="event",
        event_id="3",
        retention_days="30",
    )
    survey = db.session.query(Survey).one()
    edit = f"{BASE}/{survey.id}"
    one_option = _post(
        client,
        f"{edit}/questions",
        edit,
        kind="single",
        label_fr="Q",
        options="Seule",
        cond_question_id="",
        cond_profile="",
        impact="",
    )
    assert one_option.status_code == 400 and "au moins deux options" in one_option.text
    empty = _post(
        client,
        f"{edit}/questions",
        edit,
        kind="text",
        label_fr="",
        cond_question_id="",
        cond_profile="",
        impact="",
    )
    assert empty.status_code == 400
    forged = _post(
        client,
        f"{edit}/questions",
        edit,
        kind="text",
        label_fr="Q",
        cond_question_id="999",
        cond_profile="",
        impact="",
    )
    assert forged.status_code == 400
    bad_kind = _post(
        client,
        f"{edit}/questions",
        edit,
        kind="evil",
        label_fr="Q",
        cond_question_id="",
        cond_profile="",
        impact="",
    )
    assert bad_kind.status_code == 400
    no_csrf = client.post(f"{edit}/questions", data={"kind": "text", "label_fr": "Q"})
    assert no_csrf.status_code == 400
    assert db.session.query(Question).count() == 0
    bad_survey = _post(client, f"{BASE}/", f"{BASE}/", title_fr="", retention_days="0")
    assert bad_survey.status_code == 400
    unknown_country = _post(
        client,
        f"{BASE}/",
        f"{BASE}/",
        title_fr="Segment",
        audience="segment",
        retention_days="30",
        seg_country="ZZ",
        seg_sector="C",
    )
    assert unknown_country.status_code == 400 and "Segment" in unknown_country.text
    assert db.session.query(Survey).count() == 1
    assert client.get(f"{BASE}/99999").status_code == 404


def test_members_and_visitors_cannot_reach_the_builder(app, client, make_user, login, build_survey):
    survey = build_survey([{"kind": "text", "label_fr": "Q"}])
    for path in (
        f"{BASE}/",
        f"{BASE}/{survey.id}/results",
        f"{BASE}/{survey.id}/report.docx",
        f"{BASE}/{survey.id}/results.csv",
    ):
        assert client.get(path).status_code in (302, 403, 404), path
    make_user("awa")
    login("awa")
    for path in (f"{BASE}/", f"{BASE}/{survey.id}/results", f"{BASE}/{survey.id}/report.docx"):
        response = client.get(path)
        assert response.status_code in (302, 403, 404), path
        assert b"PK" not in response.data[:2]
