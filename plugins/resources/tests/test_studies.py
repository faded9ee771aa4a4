"""Custom-study requests: the form, the member's list, statuses and notifications."""

from __future__ import annotations

from datetime import date, timedelta

from tremplin.core.api import db
from tremplin.core.testing.fixtures import csrf_token
from tremplin.plugins.resources import studies
from tremplin.plugins.resources.models import StudyRequest

from . import verified
from .fixtures import ENABLED

CONFIG_OVERRIDES = ENABLED
EXTRA_PLUGINS = [verified]  # one cached app for all the plugin's test modules
FORM = "/fr/resources/studies/request"


def _post(client, **fields):
    page = client.get(FORM)
    data = {
        "csrf_token": csrf_token(page.text),
        "sector": "Mode éthique",
        "markets": "Belgique, Canada",
        "questions": "Quels distributeurs et quels prix ?",
    }
    data.update(fields)
    return client.post(FORM, data=data)


def test_visitors_are_sent_to_sign_in(client):
    assert client.get(FORM).status_code == 302


def test_a_member_requests_a_study_and_sees_it(make_user, client_for):
    make_user("aminata-etude")
    client = client_for("aminata-etude")
    answer = _post(client, deadline=(date.today() + timedelta(days=30)).isoformat())  # noqa: DTZ011
    assert answer.status_code == 303
    listing = client.get("/fr/resources/studies/requests").text
    assert "Belgique, Canada" in listing and "Envoyée" in listing


def test_bad_input_is_refused_with_messages_and_kept(make_user, client_for):
    make_user("ahmed-etude")
    client = client_for("ahmed-etude")
    empty = _post(client, sector="", questions="court")
    assert empty.status_code == 400
    assert "Indiquez le secteur." in empty.text and "Belgique, Canada" in empty.text
    past = _post(client, deadline="2020-01-01")
    assert past.status_code == 400 and "dans le futur" in past.text
    assert _post(client, deadline="pas une date").status_code == 400
    xss = _post(client, sector="<script>alert(1)</script>")
    assert xss.status_code == 303
    listing = client.get("/fr/resources/studies/requests").text
    assert "<script>alert(1)</script>" not in listing and "&lt;script&gt;" in listing
    assert db.session.query(StudyRequest).count() == 1


def test_an_identical_double_submit_makes_one_request(make_user, client_for):
    make_user("double")
    client = client_for("double")
    assert _post(client).status_code == 303
    assert _post(client).status_code == 303
    assert db.session.query(StudyRequest).count() == 1


def test_members_see_only_their_own_requests(make_user, client_for):
    owner = make_user("proprietaire")
    make_user("curieux")
    studies.submit(owner.id, "Cacao", "Japon", "Quelle demande au Japon ?", None)
    db.session.commit()
    assert "Japon" not in client_for("curieux").get("/fr/resources/studies/requests").text


def test_each_status_change_notifies_the_member(app, make_user):
    from tremplin.core.notifications.models import Notification

    member = make_user("suivi")
    request = studies.submit(member.id, "Textile", "France", "Quels droits de douane ?", None)
    for state in ("in_review", "in_progress", "delivered"):
        studies.change_state(request, state)
    db.session.commit()
    sent = db.session.query(Notification).filter_by(user_id=member.id).order_by(Notification.id)
    assert [n.type for n in sent] == [
        "resources.study_in_review", "resources.study_in_progress", "resources.study_delivered",
    ]  # fmt: skip


def test_back_office_status_change_notifies(app, make_user, client_for):
    from tremplin.core.notifications.models import Notification

    member = make_user("suivi-bo")
    make_user("equipe", roles=["ContentManager"])
    request = studies.submit(member.id, "Textile", "Canada", "Quelles normes d'étiquetage ?", None)
    db.session.commit()
    staff = client_for("equipe")
    form = staff.get(f"/admin/studyrequestview/edit/{request.id}")
    assert form.status_code == 200
    staff.post(
        f"/admin/studyrequestview/edit/{request.id}",
        data={"csrf_token": csrf_token(form.text), "state": "declined", "staff_note": "Hors champ"},
    )
    db.session.refresh(request)
    assert request.state == "declined"
    types = [n.type for n in db.session.query(Notification).filter_by(user_id=member.id)]
    assert types == ["resources.study_declined"]
    assert "Hors champ" in client_for("suivi-bo").get("/fr/resources/studies/requests").text


def test_notification_links_are_in_the_members_language(app, make_user):
    from tremplin.core.accounts import Profile
    from tremplin.core.notifications.models import Notification
    from tremplin.core.testing.accounts import outbox

    french, english = make_user("suivi-fr"), make_user("suivi-en")
    db.session.add(Profile(user_id=english.id, language="en"))
    for member in (french, english):
        request = studies.submit(member.id, "Textile", "France", "Quels droits de douane ?", None)
        studies.change_state(request, "in_review")
    db.session.commit()
    links = {n.user_id: n.context["url"] for n in db.session.query(Notification)}
    assert links == {
        french.id: "/fr/resources/studies/requests",
        english.id: "/en/resources/studies/requests",
    }
    sent = {m["To"]: m.get_body(("plain",)).get_content() for m in outbox(app)}
    assert "/en/resources/studies/requests" in sent[english.email]
    assert "is under review" in sent[english.email] and "/fr/" not in sent[english.email]
    assert "/fr/resources/studies/requests" in sent[french.email]
