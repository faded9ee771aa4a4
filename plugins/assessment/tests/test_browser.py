"""The whole path in headless Chromium: Aminata (mostly low answers, French, partly by
keyboard) and Awa (high answers, English, JavaScript off) take the default
questionnaire, get their levels, open the report, download the Word report (reopened
with python-docx); a new version is published and the earlier result stays readable
and comparable. Every page is checked with axe and shot at 320 and 1280 px."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import docx
import pytest
from flask import Flask

from tremplin.core.testing.browser import axe_violations, live_app, sign_in
from tremplin.core.testing.fixtures import TEST_PASSWORD

from ..forms import field_name
from .fixtures import answer

pytestmark = pytest.mark.browser

ADMIN = "assessment-admin"
SHOTS = Path(__file__).resolve().parents[3] / "test-output" / "screenshots"
OVERRIDES = {
    "plugins": {"enabled": ["pages", "assessment"]},
    "limits": {"default": "100000 per hour"},
    "accounts": {"mfa_required_roles": []},
}


def _seed(app: Flask) -> None:
    from tremplin.core.accounts.shared.services import create_user
    from tremplin.core.api import db
    from tremplin.core.demo import load_demo  # the personas, as core's browser tests do

    with app.app_context():
        load_demo(password=TEST_PASSWORD)
        create_user(ADMIN, "admin@example.org", "Ada", "Admin", TEST_PASSWORD, ["Admin"])
        db.session.commit()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, template_database: str) -> Any:
    with live_app(
        tmp_path_factory.mktemp("assessment-live"), template_database, OVERRIDES, _seed
    ) as found:
        yield found


def _definition(app: Flask) -> Any:
    from .. import services

    with app.app_context():
        return services.published().parsed()


def _check(page: Any, name: str, problems: list[str]) -> None:
    """axe, width at 320 px and screenshots at 320 and 1280 px."""
    problems += [f"{name}: {v}" for v in axe_violations(page)]
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        if width == 320:
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > 320:
                problems.append(f"{name}: horizontal scrolling at 320 px ({scroll})")
        page.screenshot(path=str(SHOTS / f"assessment-{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _answer_step(page: Any, dimension: Any, mode: str, keyboard: bool = False) -> None:
    for question in dimension.questions:
        value = answer(question, mode)
        name = field_name(question)
        if question.type == "number":
            page.fill(f"#{name}", str(value))
        elif question.type == "multiple":
            for key in value:
                page.check(f"#{name}-{key}")
        elif keyboard:
            page.focus(f"#{name}-{value}")
            page.keyboard.press("Space")
        else:
            page.check(f"#{name}-{value}")


def _take(page: Any, base: str, lang: str, mode: str, definition: Any, problems: list[str]) -> str:
    page.goto(f"{base}/{lang}/assessment/")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    if not page.url.endswith("/steps/1"):  # resumed where it was left: start from the top
        page.goto(page.url.rsplit("/", 1)[0] + "/1")
    for number, dimension in enumerate(definition.dimensions, 1):
        assert page.url.endswith(f"/steps/{number}"), page.url
        progress = page.text_content(".step-progress") or ""
        assert str(number) in progress and str(len(definition.dimensions)) in progress
        _answer_step(page, dimension, mode, keyboard=number == 1 and mode == "low")
        if number == 1 and mode == "low":
            _check(page, f"step-1-{lang}", problems)
            with page.expect_navigation():
                page.keyboard.press("Enter")  # implicit submission: "Enregistrer et continuer"
            continue
        with page.expect_navigation():
            page.click("button[name=action][value=next], button[name=action][value=finish]")
    assert "/results/" in page.url, page.url
    return str(page.url)


def _docx(page: Any) -> docx.document.Document:
    with page.expect_download() as download:
        page.click("a[href$='rapport.docx']")
    path = download.value.path()
    return docx.Document(io.BytesIO(Path(path).read_bytes()))


def test_aminata_and_awa_take_the_questionnaire_and_get_their_reports(browser, server):
    app, base = server
    definition = _definition(app)
    problems: list[str] = []

    aminata = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="fr-FR", accept_downloads=True
    )
    aminata.set_default_timeout(20000)
    page = aminata.new_page()
    sign_in(page, base, "aminata.kone", app=app)
    # a failed step: a word in a number field, a required question left empty
    page.goto(f"{base}/fr/assessment/")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    step10 = page.url.replace("/steps/1", "/steps/10")
    page.goto(step10)
    page.fill("#q-experience_share", "beaucoup")
    with page.expect_navigation():
        page.click("button[value=finish]")
    assert page.is_visible("#error-summary")
    assert page.input_value("#q-experience_share") == "beaucoup"
    _check(page, "step-error-fr", problems)

    report_url = _take(page, base, "fr", "low", definition, problems)
    assert "Niveau : Primo-exportateur" in page.text_content("main")
    assert (
        page.locator("svg.radar").count() == 1
        and page.locator("table.scores-table tbody tr").count() == 10
    )
    _check(page, "report-fr", problems)
    word = _docx(page)
    headings = [p.text for p in word.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == "Rapport de diagnostic export"
    assert "Niveau : Primo-exportateur" in headings and "Recommandations prioritaires" in headings
    table = [[c.text for c in row.cells] for row in word.tables[0].rows]
    assert table[1][1] == "Engagement de la direction et stratégie" and table[1][2] == "0"
    body = "\n".join(p.text for p in word.paragraphs)
    assert "Écrivez un plan export d’une page" in body

    awa = browser.new_context(
        viewport={"width": 1280, "height": 900},
        locale="en-GB",
        java_script_enabled=False,
        accept_downloads=True,
    )
    awa.set_default_timeout(20000)
    other = awa.new_page()
    sign_in(other, base, "awa.ndiaye", app=app)
    _take(other, base, "en", "high", definition, problems)
    main = other.text_content("main") or ""
    assert "Level: Experienced exporter" in main and "100" in main
    english = _docx(other)
    assert english.paragraphs[0].text == "Export assessment report"
    assert "Level: Experienced exporter" in [p.text for p in english.paragraphs]
    assert other.goto(report_url).status == 404  # Aminata's report is hers only
    awa.close()
    # axe needs JavaScript: look at Awa's English report again with it on
    audit = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    audit_page = audit.new_page()
    sign_in(audit_page, base, "awa.ndiaye", app=app)
    audit_page.goto(f"{base}/en/assessment/")
    with audit_page.expect_navigation():
        audit_page.click("a[href*='/results/']")
    _check(audit_page, "report-en", problems)
    audit.close()

    _publish_version_without_logistics(app)
    page.goto(report_url)
    assert "Logistique" in (page.text_content("main") or "")  # still readable on its version
    _complete_high_on_the_new_version(app, "aminata.kone")
    page.goto(f"{base}/fr/assessment/history")
    assert page.locator("svg.history-chart").count() == 1
    _check(page, "history-fr", problems)
    with page.expect_navigation():
        page.click("form.compare-form button[type=submit]")
    row = page.locator("tr", has_text="Logistique").text_content() or ""
    assert "—" in row  # not in version 2, nothing lost and no false change
    _check(page, "compare-fr", problems)
    aminata.close()
    assert not problems, "\n".join(problems)


def _publish_version_without_logistics(app: Flask) -> None:
    from tremplin.core.api import db

    from .. import services

    with app.app_context():
        draft = services.new_draft(services.published())
        definition = json.loads(json.dumps(draft.definition))
        definition["dimensions"] = [d for d in definition["dimensions"] if d["key"] != "logistics"]
        definition["rules"] = [
            r for r in definition["rules"] if r["when"].get("dimension") != "logistics"
        ]
        services.save_draft(draft, definition)
        services.publish(draft)
        db.session.commit()
        db.session.remove()


def _complete_high_on_the_new_version(app: Flask, username: str) -> None:
    """A second result, on version 2 (the pages that take it are walked above)."""
    from tremplin.core.api import db, members

    from .. import services

    with app.app_context():
        member = next(m for m in members(limit=500) if m.username == username)
        attempt = services.start(member.id)
        assert attempt is not None and attempt.questionnaire.version == 2
        questions = attempt.questionnaire.parsed().questions().values()
        services.save_answers(attempt, {q.key: answer(q, "high") for q in questions}, 0)
        services.complete(attempt)
        db.session.commit()
        db.session.remove()


def test_the_back_office_pages(browser, server):
    """Versions, a draft's editor (with a validation error), preview, usage: axe-clean."""
    app, base = server
    problems: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    context.set_default_timeout(20000)
    page = context.new_page()
    sign_in(page, base, ADMIN, app=app)
    page.goto(f"{base}/admin/assessment/")
    assert "versions du questionnaire" in (page.text_content("h1") or "")
    _check(page, "admin-versions", problems)
    with page.expect_navigation():
        page.click("form[action$='/draft'] button")
    page.fill("#definition", '{"key": "export-maturity"}')
    with page.expect_navigation():
        page.click("main form button[type=submit], form[method=post] button[type=submit]")
    assert page.is_visible("#definition-errors")
    _check(page, "admin-edit-error", problems)
    page.goto(page.url.replace("/edit", "/preview"))
    _check(page, "admin-preview", problems)
    page.goto(f"{base}/admin/assessment/usage")
    _check(page, "admin-usage", problems)
    context.close()
    assert not problems, "\n".join(problems)
