"""Taking the questionnaire through the pages: steps, saving, resuming, errors, access."""

from __future__ import annotations

import re

from tremplin.core.testing.fixtures import csrf_token

from .. import services
from ..models import COMPLETED, Attempt
from .fixtures import ENABLED, logout, step_form, take

CONFIG_OVERRIDES = ENABLED


def _start(client):
    page = client.get("/fr/assessment/")
    assert page.status_code == 200
    response = client.post("/fr/assessment/start", data={"csrf_token": csrf_token(page.text)})
    assert response.status_code == 302
    return response.headers["Location"]


def test_low_answers_give_the_first_level_and_high_answers_the_last(client, member):
    low = take(client, "low")
    from tremplin.core.api import db

    attempt = db.session.get(Attempt, low)
    assert attempt.status == COMPLETED
    assert attempt.level == "primo"
    assert attempt.overall < 35
    high = take(client, "high")
    attempt = db.session.get(Attempt, high)
    assert (attempt.level, attempt.overall) == ("confirmed", 100.0)
    assert attempt.company_id is not None and attempt.sector == "Mode éthique"
    report = client.get(f"/fr/assessment/results/{high}")
    assert report.status_code == 200
    assert "Exportateur confirmé" in report.text
    assert '<svg class="radar"' in report.text and "<table" in report.text


def test_a_failed_step_keeps_every_answer_and_says_what_is_wrong(client, member):
    location = _start(client)
    assert location.endswith("/steps/1")
    definition = services.published().parsed()
    dimension = definition.dimensions[9]  # export experience: two number questions
    url = location.replace("/steps/1", "/steps/10")
    data = step_form(dimension, "high")
    data["q-experience_share"] = "beaucoup"  # not a number
    data.pop("q-experience_years")  # required, left empty
    data["csrf_token"] = csrf_token(client.get(url).text)
    response = client.post(url, data={**data, "action": "next"})
    assert response.status_code == 400
    assert "Entrez un nombre entre 0 et 100." in response.text
    assert "Cette question est obligatoire" in response.text
    assert 'value="beaucoup"' in response.text  # what was typed is shown again
    attempt = services.in_progress(member.id)
    assert attempt.answers["experience_countries"] == 6  # valid answers were saved
    assert "experience_share" not in attempt.answers


def test_answers_are_saved_at_each_step_and_resumed_later(client, member, login):
    location = _start(client)
    definition = services.published().parsed()
    token = csrf_token(client.get(location).text)
    data = {
        **step_form(definition.dimensions[0], "high"),
        "csrf_token": token,
        "action": "save_exit",
    }
    response = client.post(location, data=data)
    assert response.status_code == 302 and response.headers["Location"].endswith("/assessment/")
    # "another device": a new sign-in finds the attempt and resumes it
    logout(client)
    login("aminata")
    index = client.get("/fr/assessment/")
    assert "Reprendre mon diagnostic" in index.text
    resumed = client.post("/fr/assessment/start", data={"csrf_token": csrf_token(index.text)})
    assert resumed.headers["Location"] == location  # same attempt, same step
    step = client.get(location)
    assert re.search(r'value="followed"\s+checked', step.text)


def test_finishing_with_an_unanswered_earlier_step_goes_back_to_it(client, member):
    location = _start(client)
    definition = services.published().parsed()
    last = location.replace("/steps/1", f"/steps/{len(definition.dimensions)}")
    data = {**step_form(definition.dimensions[-1], "high"), "action": "finish"}
    data["csrf_token"] = csrf_token(client.get(last).text)
    response = client.post(last, data=data)
    assert response.status_code == 302 and response.headers["Location"].endswith("/steps/1")
    assert services.in_progress(member.id) is not None


def test_xss_and_oversized_input_are_refused_without_harm(client, member):
    location = _start(client)
    url = location.replace("/steps/1", "/steps/10")
    token = csrf_token(client.get(url).text)
    response = client.post(
        url,
        data={
            "csrf_token": token,
            "q-experience_share": "<script>alert(1)</script>" + "9" * 500,
            "q-experience_years": "<b>x</b>",
            "action": "next",
        },
    )
    assert response.status_code == 400
    assert "<script>alert(1)" not in response.text
    assert "Réponse inconnue" in response.text


def test_another_member_cannot_see_or_answer_an_attempt(client, member, make_user, login):
    attempt_id = take(client, "low")
    location = _start(client)
    make_user("curious", roles=["Company"])
    logout(client)
    login("curious")
    assert client.get(f"/fr/assessment/results/{attempt_id}").status_code == 404
    assert client.get(f"/fr/assessment/results/{attempt_id}/rapport.docx").status_code == 404
    assert client.get(location).status_code == 404
    assert client.post(location, data={"action": "next"}).status_code in (400, 404)
    assert client.get(f"/fr/assessment/compare?a={attempt_id}&b={attempt_id}").status_code == 303


def test_visitors_are_sent_to_sign_in(client):
    response = client.get("/fr/assessment/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert client.get("/fr/assessment/results/1").status_code in (302, 404)


def test_a_double_submit_of_the_last_step_completes_once(client, member):
    attempt_id = take(client, "high")
    definition = services.published().parsed()
    last = f"/fr/assessment/attempts/{attempt_id}/steps/{len(definition.dimensions)}"
    token = csrf_token(client.get("/fr/assessment/").text)
    data = {**step_form(definition.dimensions[-1], "low"), "csrf_token": token, "action": "finish"}
    again = client.post(last, data=data)
    assert again.status_code == 302 and again.headers["Location"].endswith(f"/results/{attempt_id}")
    results = services.completed(member.id)
    assert [a.id for a in results] == [attempt_id]
    assert results[0].overall == 100.0  # the second submit changed nothing
