"""The whole path in headless Chromium: an administrator builds a post-mission
survey (a conditional question and an NPS question), the mission ends (time
travelled), it goes out to the participants, two of them answer through their
personal links, the results show the NPS and hide groups under 5 (anonymous), the
Word report opens; then the KPI dashboard shows MAU and 30-day retention computed
on seeded activity. French and English, axe, screenshots at 320 and 1280 px."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from tremplin.core.testing.accounts import outbox
from tremplin.core.testing.browser import axe_violations, live_app, sign_in
from tremplin.core.testing.fixtures import TEST_PASSWORD

from .fixtures import fake_events, links_in_mail

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parents[3]
SHOTS = REPO / "test-output" / "screenshots"
EVENT = 77
PARTICIPANTS = [f"part{n}" for n in range(1, 7)]
OVERRIDES = {
    "limits": {"default": "100000 per hour"},
    "accounts": {"mfa_required_roles": []},
    "plugins": {"enabled": ["pages", "surveys", "kpis"]},
}


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


COHORT = now().date() - timedelta(days=70)  # its 30-day window (days 30 to 59) is over
YESTERDAY = now().date() - timedelta(days=1)


def _moment(day: Any, hour: int = 10) -> datetime:
    return datetime.combine(day, datetime.min.time()).replace(hour=hour)


def _seed(app: Any) -> None:
    from tremplin.core.accounts.shared.services import create_user
    from tremplin.core.api import db, record
    from tremplin.plugins.kpis.aggregation import catch_up

    with app.app_context():
        create_user("chief", "chief@example.org", "Ada", "Admin", TEST_PASSWORD, ["Admin"])
        ids = [
            create_user(n, f"{n}@example.org", n.title(), "Test", TEST_PASSWORD, ["Company"]).id
            for n in PARTICIPANTS
        ]
        db.session.commit()
        fake_events().add_event(EVENT, _moment(datetime(2031, 1, 1, tzinfo=UTC).date(), 18), ids)
        # KPI activity: members 9001-9004 sign up on COHORT day; 9001 and 9002 come back
        # 45 days later (in the 30-day window and in yesterday's MAU); 9005 is active 3 days ago.
        for user in (9001, 9002, 9003, 9004):
            record("account.signed_up", user_id=user, via="form").at = _moment(COHORT)
        for user in (9001, 9002):
            record("account.signed_in", user_id=user).at = _moment(COHORT + timedelta(days=45))
        record("account.signed_in", user_id=9005).at = _moment(YESTERDAY - timedelta(days=2))
        db.session.commit()
        catch_up(since=COHORT, until=YESTERDAY)
        db.session.remove()


@pytest.fixture(scope="module")
def server(tmp_path_factory: Any, template_database: str) -> Any:
    with live_app(
        tmp_path_factory.mktemp("surveys-live"),
        template_database,
        OVERRIDES,
        seed=_seed,
        extra_plugins=[fake_events()],
    ) as (app, base):
        yield app, base


def _check(page: Any, name: str, problems: list[str]) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems += [f"{name}: {v}" for v in axe_violations(page)]
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        if width == 320:
            scroll = int(page.evaluate("document.documentElement.scrollWidth"))
            if scroll > 330:
                problems.append(f"{name}: horizontal scrolling at 320 px ({scroll})")
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _build_survey(page: Any, base: str) -> None:
    page.goto(f"{base}/admin/surveys/")
    page.fill("#title_fr", "Bilan de la mission Dakar")
    page.fill("#title_en", "Dakar mission review")
    page.check("#anonymous")
    page.select_option("#audience", "event")
    page.fill("#event_id", str(EVENT))
    page.fill("#retention_days", "365")
    with page.expect_navigation():
        page.click("#survey-form button[type=submit]")
    questions = [
        {"kind": "single", "label_fr": "Avez-vous trouvé des partenaires ?",
         "label_en": "Did you find partners?", "options": "Oui | Yes\nNon | No"},
        {"kind": "number", "label_fr": "Combien de partenariats avez-vous conclus ?",
         "label_en": "How many partnerships did you conclude?", "cond": "Oui",
         "impact": "partnerships"},
        {"kind": "nps", "label_fr": "Recommanderiez-vous cette mission à un confrère ?",
         "label_en": "Would you recommend this mission to a peer?", "required": True},
    ]  # fmt: skip
    for spec in questions:
        page.select_option("#kind", spec["kind"])
        page.fill("#label_fr", spec["label_fr"])
        page.fill("#label_en", spec["label_en"])
        if "options" in spec:
            page.fill("#options", spec["options"])
        if "cond" in spec:
            page.select_option("#cond_question_id", index=1)
            page.select_option("#cond_values", label=spec["cond"])
            page.select_option("#impact", spec["impact"])
        if spec.get("required"):
            page.check("#required")
        with page.expect_navigation():
            page.click("#question-form button[type=submit]")
        assert page.locator(".alert-success").count() == 1, page.content()[:2000]
    with page.expect_navigation():
        page.click("button[value=open]")


def _edit_nps_question(page: Any, problems: list[str]) -> None:
    """Put the NPS question in a section (edit page), then rename the section."""
    page.click("text=Modifier la question 3")
    _check(page, "surveys-admin-question", problems)
    page.fill("#section_fr", "Avis")
    with page.expect_navigation():
        page.click("#question-form button[type=submit]")
    assert page.locator(".alert-success").count() == 1, page.content()[:2000]
    _check(page, "surveys-admin-sections", problems)
    page.fill("#s1-section_fr", "Votre avis")
    page.fill("#s1-section_en", "Your opinion")
    with page.expect_navigation():
        page.click("text=Renommer la section « Avis »")
    assert "Section : Votre avis" in page.content()


def _answer(
    browser: Any, base: str, link: str, answers: dict[str, str], problems: list[str], shot: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = context.new_page()
    page.goto(base + link)
    number = page.locator("input[inputmode=decimal]")
    page.locator("fieldset").first.get_by_label(answers["partners"], exact=True).check()
    if answers["partners"] == "Oui":
        assert number.is_visible()
        number.fill(answers["count"])
    else:
        assert not number.is_visible()  # the script hides the conditional question
    page.locator("fieldset").nth(1).get_by_label(answers["nps"], exact=True).check()
    if shot:
        _check(page, shot, problems)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.locator("#survey-thanks").count() == 1, page.content()[:2000]
    context.close()


def _more_answers(app: Any, scores: list[int]) -> None:
    """Four more participants answer (as the service does), all from Canada."""
    from tremplin.core.api import db
    from tremplin.plugins.surveys.answering import find_invitation, read_submission, submit
    from tremplin.plugins.surveys.models import Response

    with app.test_request_context("/fr/"):
        for name, score in zip(PARTICIPANTS[2:], scores, strict=True):
            token = links_in_mail(app, f"{name}@example.org")[0].rsplit("/", 1)[1]
            invitation, survey = find_invitation(token) or (None, None)
            nps = survey.questions[2]
            form = _Form({f"q{survey.questions[0].id}": "2", f"q{nps.id}": str(score)})
            assert submit(invitation, survey, read_submission(survey, {}, form), "fr")
        db.session.execute(db.update(Response).values(country="CA").where(Response.id > 2))
        db.session.commit()
        db.session.remove()


class _Form(dict[str, str]):
    def getlist(self, name: str) -> list[str]:
        return [self[name]] if name in self else []


def test_post_mission_survey_and_kpi_dashboard(browser: Any, server: Any) -> None:
    app, base = server
    problems: list[str] = []
    admin = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = admin.new_page()
    sign_in(page, base, "chief", app=app)
    _build_survey(page, base)
    assert "Ouverte" in page.content()
    _check(page, "surveys-admin-edit", problems)
    _edit_nps_question(page, problems)
    with app.app_context():
        assert links_in_mail(app, "part1@example.org") == []  # the mission is not over
        assert fake_events().end_finished(_moment(datetime(2031, 1, 2, tzinfo=UTC).date(), 9)) == [
            EVENT
        ]  # time travel
    assert all(links_in_mail(app, f"{n}@example.org") for n in PARTICIPANTS)
    assert len(outbox(app)) >= len(PARTICIPANTS)
    _answer(browser, base, links_in_mail(app, "part1@example.org")[0],
            {"partners": "Oui", "count": "3", "nps": "10"}, problems, "surveys-answer")  # fmt: skip
    _answer(browser, base, links_in_mail(app, "part2@example.org")[0],
            {"partners": "Non", "nps": "9"}, problems, "")  # fmt: skip
    _more_answers(app, [10, 6, 8, 10])
    page.goto(f"{base}/admin/surveys/")
    page.click("text=Voir les résultats")
    assert page.locator("#response-count").inner_text() == "Réponses : 6"
    # 4 promoters (10, 9, 10, 10), 1 detractor (6) of 6: NPS 50
    assert page.locator(".score-nps").inner_text() == "NPS : 50.0"
    assert "Moins de 5 réponses : résultat masqué." in page.content()  # the conditional one
    assert page.locator("svg.survey-chart").count() >= 2
    _check(page, "surveys-results", problems)
    page.select_option("#f-country", "CA")
    with page.expect_navigation():
        page.click("form.form-inline button[type=submit]")
    assert page.locator("#hidden-group").is_visible()  # 4 answers from Canada: hidden
    assert page.locator(".score-nps").count() == 0
    page.select_option("#f-country", "")
    with page.expect_navigation():
        page.click("form.form-inline button[type=submit]")
    with page.expect_download() as download:
        page.click("#word-report")
    document = Document(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert document.paragraphs[0].text == "Bilan de la mission Dakar"
    assert "NPS : 50.0" in [p.text for p in document.paragraphs]
    page.goto(f"{base}/admin/kpis/?start={COHORT.isoformat()}&end={YESTERDAY.isoformat()}")
    assert page.locator("#kpi-mau td").inner_text() == "3"
    assert page.locator("#kpi-retention_30 td").inner_text() == "50 %"
    assert page.locator("#kpi-registrations td").inner_text() == "4"
    _check(page, "kpis-dashboard", problems)
    admin.close()
    english = browser.new_context(locale="en-GB", extra_http_headers={"Accept-Language": "en"})
    page = english.new_page()
    sign_in(page, base, "chief", app=app)
    page.goto(f"{base}/admin/kpis/?start={COHORT.isoformat()}&end={YESTERDAY.isoformat()}")
    assert "Members active over 30 days (MAU)" in page.content()
    page.goto(f"{base}/admin/surveys/")
    page.click("text=See the results")
    assert page.locator("#response-count").inner_text() == "Responses: 6"
    assert "Did you find partners?" in page.content()
    problems += [f"english results: {v}" for v in axe_violations(page)]
    english.close()
    assert not problems, "\n".join(problems)
