"""Self-hosted proof-of-work CAPTCHA (ALTCHA): verification, expiry, replay, widget."""

from __future__ import annotations

import base64
import json

import pytest

from tremplin.core.accounts.captcha import services as captcha


def payload_for(issued, **changes):
    data = json.loads(base64.b64decode(captcha.solve_for_tests(issued)))
    data.update(changes)
    return base64.b64encode(json.dumps(data).encode()).decode()


def test_solved_challenge_passes_once(app):
    with app.test_request_context():
        challenge = captcha.new_challenge()
        assert challenge["algorithm"] == "SHA-256"
        assert challenge["maxNumber"] == 50000
        payload = captcha.solve_for_tests(challenge)
        assert captcha.verify(payload) is True
        assert captcha.verify(payload) is False  # replay refused


@pytest.mark.parametrize(
    "change",
    [
        {"number": -1},
        {"signature": "0" * 64},
        {"challenge": "0" * 64},
        {"algorithm": "SHA-1"},
        {"salt": "forged?expires=99999999999&"},
        {"number": "12"},
    ],
)
def test_tampered_payloads_fail(app, change):
    with app.test_request_context():
        challenge = captcha.new_challenge()
        good = json.loads(base64.b64decode(captcha.solve_for_tests(challenge)))
        if "number" in change and change["number"] == -1:
            change = {"number": good["number"] + 1}
        assert captcha.verify(payload_for(challenge, **change)) is False


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        None,
        "not base64 !!",
        base64.b64encode(b"[1,2]").decode(),
        base64.b64encode(b"{not json").decode(),
        "A" * 5000,
    ],
)
def test_garbage_fails(app, garbage):
    with app.test_request_context():
        assert captcha.verify(garbage) is False


def test_expired_challenge_fails(app, monkeypatch):
    import time

    with app.test_request_context():
        payload = captcha.solve_for_tests(captcha.new_challenge())
        real = time.time
        monkeypatch.setattr(time, "time", lambda: real() + 21 * 60)
        assert captcha.verify(payload) is False


def test_challenge_from_another_secret_fails(app_factory):
    one = app_factory({"app": {"secret_key": "another-secret-" + "k9" * 20}})
    two = app_factory()
    with one.test_request_context():
        payload = captcha.solve_for_tests(captcha.new_challenge())
    with two.test_request_context():
        assert captcha.verify(payload) is False


def test_widget_script_is_served_from_the_package(client):
    script = client.get("/static/js/altcha-solver.js")
    assert script.status_code == 200
    assert "crypto.subtle.digest" in script.text and "SHA-256" in script.text
    page = client.get("/fr/signup")
    assert '<script src="/static/js/altcha-solver.js' in page.text
    assert "script-src 'self';" in page.headers["Content-Security-Policy"]
    assert 'role="status" aria-live="polite"' in page.text
