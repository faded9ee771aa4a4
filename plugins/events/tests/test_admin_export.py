"""The back office's event page offers the registrations' CSV export to those allowed
(Admin, Moderator); the file is complete and safe to open in a spreadsheet; the
others get neither the button nor the file."""

from __future__ import annotations

import csv
import io

from tremplin.core.api import db
from tremplin.plugins.events.registration import register

from .fixtures import OVERRIDES

CONFIG_OVERRIDES = OVERRIDES


def _event_with_registrations(make_event, member_with_company):
    event = make_event(kind="trade_mission", title="Mission Dakar", questions="Objectif ?")
    awa = member_with_company("awa", '=HYPERLINK("http://evil")', country="SN")
    ahmed = member_with_company("ahmed", "@Import SARL", country="CI")
    binta = member_with_company("binta", "Binta & fils", country="BF")
    register(event, awa.id, ["=1+1"])
    register(event, ahmed.id, ["+33 6 00"])
    register(event, binta.id, ["-2 conteneurs, puis @SUM(A1)"])
    return event


def test_the_event_page_has_the_csv_button_and_the_file_is_safe(
    app, client_for, make_user, make_event, member_with_company
):
    event = _event_with_registrations(make_event, member_with_company)
    make_user("orga", roles=["Moderator"])
    orga = client_for("orga")
    page = orga.get(f"/admin/eventmodelview/show/{event.id}")
    assert page.status_code == 200
    link = f'href="/admin/eventmodelview/csv/{event.id}"'
    assert link in page.text and "Exporter les inscriptions (CSV)" in page.text
    answer = orga.get(f"/admin/eventmodelview/csv/{event.id}")
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    disposition = answer.headers["Content-Disposition"]
    assert disposition == f'attachment; filename="inscriptions-{event.id}.csv"'
    header, *rows = list(csv.reader(io.StringIO(answer.text)))
    assert header == [
        "nom",
        "email",
        "entreprise",
        "pays",
        "statut",
        "présent",
        "inscrit le",
        "Objectif ?",
    ]
    by_email = {row[1]: row for row in rows}
    assert set(by_email) == {"awa@example.org", "ahmed@example.org", "binta@example.org"}
    awa, ahmed, binta = (by_email[f"{n}@example.org"] for n in ("awa", "ahmed", "binta"))
    assert awa[2:5] == ['\'=HYPERLINK("http://evil")', "SN", "confirmed"] and awa[7] == "'=1+1"
    assert ahmed[2] == "'@Import SARL" and ahmed[7] == "'+33 6 00"
    assert binta[2] == "Binta & fils" and binta[7] == "'-2 conteneurs, puis @SUM(A1)"
    formulas = [cell for row in rows for cell in row if cell[:1] in ("=", "+", "-", "@")]
    assert formulas == []


def test_the_english_back_office_labels_the_button_in_english(
    app, client_for, make_user, make_event
):
    event = make_event(kind="workshop")
    make_user("orga", roles=["Moderator"])
    orga = client_for("orga")
    orga.get("/lang/en")  # FAB's language switch
    page = orga.get(f"/admin/eventmodelview/show/{event.id}")
    assert "Export the registrations (CSV)" in page.text


def test_members_without_the_permission_get_neither_the_button_nor_the_file(
    app, client_for, make_user, make_event, member_with_company
):
    event = _event_with_registrations(make_event, member_with_company)
    member = client_for("awa")  # a Company member: no back office at all
    refused = member.get(f"/admin/eventmodelview/csv/{event.id}")
    assert refused.status_code in (302, 403, 404) and "Objectif ?" not in refused.text
    sm = app.appbuilder.sm
    viewer = sm.add_role("EventViewer")
    for action in ("can_show", "can_list"):
        sm.add_permission_role(viewer, sm.find_permission_view_menu(action, "EventModelView"))
    db.session.commit()
    make_user("observer", roles=["EventViewer"])
    observer = client_for("observer")
    page = observer.get(f"/admin/eventmodelview/show/{event.id}")
    assert page.status_code == 200 and "Mission Dakar" in page.text
    assert "/csv/" not in page.text
    refused = observer.get(f"/admin/eventmodelview/csv/{event.id}")
    assert refused.status_code in (302, 403, 404) and "Objectif ?" not in refused.text


def test_the_back_office_saves_an_event_without_a_place_and_refuses_script_links(
    app, client_for, make_user, make_event
):
    from tremplin.core.testing.fixtures import csrf_token
    from tremplin.plugins.events.models import Event

    event = make_event(kind="webinar", title="Webinaire export", online=True)
    make_user("orga", roles=["Moderator"])
    orga = client_for("orga")
    url = f"/admin/eventmodelview/edit/{event.id}"
    form = {"csrf_token": csrf_token(orga.get(url).text), "title": "Webinaire export"}
    form.update(organiser="OIF", description="", place="", recording_url="javascript://x")
    refused = orga.post(url, data=form)
    assert refused.status_code == 200 and "Indiquez une adresse web" in refused.text
    db.session.expire_all()
    assert db.session.get(Event, event.id).recording_url == ""
    form["recording_url"] = "https://www.youtube.com/watch?v=abc"
    assert orga.post(url, data=form).status_code == 302  # no place, boxes unticked: fine
    db.session.expire_all()
    saved = db.session.get(Event, event.id)
    assert saved.recording_url.startswith("https://") and saved.published is False
