"""Sign-up, sign-in and erasure leave a line in the activity log (``api.record``),
with no personal data: the member's id at most, never for an erased account."""

from __future__ import annotations

from sqlalchemy import select

from tremplin.core.accounts.gdpr.erasure import erase_user
from tremplin.core.activity.models import Activity
from tremplin.core.extensions import db
from tremplin.core.testing.fixtures import TEST_PASSWORD, csrf_token
from tremplin.core.testing.onboarding import company_fields, post_signup

OPEN = {"accounts": {"open_registration": True}}


def account_rows() -> list[tuple[str, int | None, dict]]:
    query = select(Activity).where(Activity.event.like("account.%")).order_by(Activity.id)
    return [(row.event, row.user_id, row.data) for row in db.session.scalars(query)]


def test_sign_in_is_recorded_with_its_method(app, client, make_user):
    user = make_user("awa")
    page = client.get("/fr/login")
    response = client.post(
        "/fr/login",
        data={"login": "awa", "password": TEST_PASSWORD, "csrf_token": csrf_token(page.text)},
    )
    assert response.status_code == 302
    assert account_rows() == [("account.signed_in", user.id, {"method": "password"})]


def test_failed_sign_in_records_nothing(app, client, make_user):
    make_user("awa")
    page = client.get("/fr/login")
    client.post(
        "/fr/login",
        data={"login": "awa", "password": "not the one", "csrf_token": csrf_token(page.text)},
    )
    assert account_rows() == []


def test_sign_up_is_recorded_with_how_and_kind(app_factory):
    app = app_factory(OPEN)
    client = app.test_client()
    with app.app_context():
        assert post_signup(client, company_fields()).status_code == 302
        sm = app.appbuilder.sm
        user = sm.session.query(sm.user_model).filter_by(email="awa@example.org").one()
        assert account_rows() == [
            ("account.signed_up", user.id, {"via": "open", "kind": "company"})
        ]


def test_erasure_is_recorded_without_pointing_at_the_member(app, make_user):
    gone = make_user("gone", roles=["Company"])
    erase_user(gone.id)
    assert account_rows() == [("account.erased", None, {})]
    assert db.session.scalar(select(Activity.id).where(Activity.user_id == gone.id)) is None
