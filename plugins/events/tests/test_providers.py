"""Webinar providers: the Jitsi JWT and the BigBlueButton checksum against the
providers' documented algorithms, the BBB client against a fake BBB server, and
the whole flow with the dummy provider: a member's join link is never a
moderator link, and the shared secrets never reach the browser."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from urllib.parse import parse_qsl, urlsplit

import jwt
import pytest

from tremplin.core.testing.fixtures import csrf_token
from tremplin.plugins.events.providers.base import Participant, Room
from tremplin.plugins.events.providers.bbb import BBBError, BigBlueButton, checksum
from tremplin.plugins.events.providers.jitsi import Jitsi
from tremplin.plugins.events.registration import register

from .fake_bbb import SECRET, fake_bbb
from .fixtures import OVERRIDES

CONFIG_OVERRIDES = OVERRIDES

# The example of BigBlueButton's API documentation ("Usage": the create call).
BBB_DOC_QUERY = "name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444"
BBB_DOC_SECRET = "639259d4-9dd8-4b25-bf01-95f9567eaf4b"
BBB_DOC_SHA1 = "1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17"
KEY = "s3cret-key-for-tests-0123456789-abcdef"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def test_bbb_checksum_matches_the_documented_example_and_uses_sha256():
    assert checksum("create", BBB_DOC_QUERY, BBB_DOC_SECRET, "sha1") == BBB_DOC_SHA1
    expected = hashlib.sha256(("create" + BBB_DOC_QUERY + BBB_DOC_SECRET).encode()).hexdigest()
    assert checksum("create", BBB_DOC_QUERY, BBB_DOC_SECRET) == expected
    url = BigBlueButton("https://bbb.example.org/bigbluebutton", BBB_DOC_SECRET).signed_url(
        "create",
        {
            "name": "Test Meeting",
            "meetingID": "abc123",
            "attendeePW": "111222",
            "moderatorPW": "333444",
        },
    )
    assert (
        url
        == f"https://bbb.example.org/bigbluebutton/api/create?{BBB_DOC_QUERY}&checksum={expected}"
    )


def test_jitsi_token_is_an_hs256_jwt_with_room_expiry_name_and_moderator_flag():
    provider = Jitsi("https://meet.example.org", "tremplin", KEY)
    room = Room("mission-dakar", "Mission Dakar")
    token = provider.token(room, Participant(7, "Awa Ndiaye", moderator=False), now=1_700_000_000)
    header, payload, signature = token.split(".")
    mac = hmac.new(KEY.encode(), f"{header}.{payload}".encode(), hashlib.sha256)
    assert signature == _b64(mac.digest())  # HS256 as RFC 7519 defines it
    assert json.loads(base64.urlsafe_b64decode(header + "==")) == {"alg": "HS256", "typ": "JWT"}
    claims = jwt.decode(
        token,
        KEY,
        algorithms=["HS256"],
        audience="jitsi",
        options={"verify_exp": False, "verify_nbf": False},
    )
    assert claims["room"] == "mission-dakar" and claims["sub"] == "meet.example.org"
    assert claims["iss"] == "tremplin" and claims["exp"] == 1_700_000_000 + 4 * 3600
    assert claims["context"]["user"] == {"id": "7", "name": "Awa Ndiaye", "moderator": False}
    organiser = provider.token(room, Participant(1, "Orga", moderator=True), now=1_700_000_000)
    assert jwt.decode(
        organiser,
        KEY,
        algorithms=["HS256"],
        audience="jitsi",
        options={"verify_exp": False},
    )["context"]["user"]["moderator"]
    url = provider.join_url(room, Participant(7, "Awa", False))
    assert url.startswith("https://meet.example.org/mission-dakar?jwt=")


def test_jitsi_without_secret_gives_the_plain_room_url():
    assert Jitsi("https://meet.example.org").join_url(Room("r 1", "R"), Participant(1, "A")) == (
        "https://meet.example.org/r%201"
    )


def test_bbb_client_against_a_fake_server_creates_before_join_with_distinct_roles():
    with fake_bbb() as (url, state):
        bbb = BigBlueButton(url, SECRET)
        room = bbb.create_room("tremplin-event-1", "Webinaire export")
        viewer = bbb.join_url(room, Participant(7, "Awa", moderator=False))
        moderator = bbb.join_url(room, Participant(1, "Orga", moderator=True))
        assert [c for c, _p in state.calls] == ["create", "create", "create"]
        assert dict(parse_qsl(urlsplit(viewer).query))["role"] == "VIEWER"
        assert dict(parse_qsl(urlsplit(moderator).query))["role"] == "MODERATOR"
        assert SECRET not in viewer and SECRET not in moderator
        recordings = bbb.recordings(room)
        assert recordings[0].url == "https://bbb.test/playback/tremplin-event-1"
        assert state.calls[-1] == ("getRecordings", {"meta_tremplin": "tremplin-event-1"})
        bbb.end(room)
        assert "tremplin-event-1" not in state.meetings
        with pytest.raises(BBBError, match="checksumError"):
            BigBlueButton(url, "wrong-secret").create_room("x", "x")


def test_bbb_that_does_not_answer_raises_a_clear_error():
    with pytest.raises(BBBError):
        BigBlueButton("http://127.0.0.1:9/bigbluebutton/", SECRET).create_room("x", "x")
    with pytest.raises(BBBError, match="not an HTTP URL"):
        BigBlueButton("file:///etc/", SECRET).create_room("x", "x")


def test_webinar_flow_with_the_dummy_provider(
    app, client_for, make_user, member_with_company, make_event
):
    event = make_event(days=0.005, hours=1, kind="webinar")  # starts in about 7 minutes
    awa = member_with_company("awa", "Saveurs du Sine")
    member_with_company("intruder", "Other")
    make_user("orga", roles=["Moderator"])
    orga = client_for("orga")
    manage = orga.get(f"/fr/events/{event.id}/manage")
    orga.post(
        f"/fr/events/{event.id}/webinar",
        data={"csrf_token": csrf_token(manage.text), "provider": "dummy"},
    )
    assert event.webinar_room == f"tremplin-event-{event.id}"
    register(event, awa.id)
    member = client_for("awa")
    page = member.get(f"/fr/events/{event.id}")
    assert "Rejoindre le webinaire" in page.text
    joined = member.post(f"/fr/events/{event.id}/join", data={"csrf_token": csrf_token(page.text)})
    assert joined.status_code == 302 and "role=attendee" in joined.location
    assert "moderator" not in joined.location
    page = orga.get(f"/fr/events/{event.id}")
    as_orga = orga.post(f"/fr/events/{event.id}/join", data={"csrf_token": csrf_token(page.text)})
    assert "role=moderator" in as_orga.location
    other = client_for("intruder")
    page = other.get(f"/fr/events/{event.id}")
    assert "Rejoindre le webinaire" not in page.text
    refused = other.post(f"/fr/events/{event.id}/join", data={"csrf_token": csrf_token(page.text)})
    assert refused.status_code == 404


def test_join_button_waits_until_shortly_before_the_start(
    app, client_for, member_with_company, make_event
):
    from tremplin.plugins.events.webinar import create_webinar

    event = make_event(days=2, kind="webinar")
    create_webinar(event, "dummy")
    register(event, member_with_company("awa", "Saveurs du Sine").id)
    member = client_for("awa")
    page = member.get(f"/fr/events/{event.id}")
    assert "Rejoindre le webinaire" not in page.text and "apparaîtra le" in page.text
    early = member.post(f"/fr/events/{event.id}/join", data={"csrf_token": csrf_token(page.text)})
    assert early.status_code == 404


def test_provider_secrets_never_appear_in_pages(app, client_for, make_user, make_event):
    event = make_event(kind="webinar")
    make_user("orga", roles=["Moderator"])
    page = client_for("orga").get(f"/fr/events/{event.id}/manage")
    assert "BigBlueButton" in page.text and "Jitsi Meet" in page.text
    assert SECRET not in page.text and "jitsi-test-secret" not in page.text


def test_a_provider_that_does_not_answer_gives_a_translated_error(
    app, client_for, make_user, make_event
):
    event = make_event(kind="webinar")
    make_user("orga", roles=["Moderator"])
    orga = client_for("orga")
    page = orga.get(f"/fr/events/{event.id}/manage")
    answer = orga.post(
        f"/fr/events/{event.id}/webinar",
        follow_redirects=True,
        data={"csrf_token": csrf_token(page.text), "provider": "bbb"},
    )
    assert "le serveur de webinaire ne répond pas" in answer.text
    assert event.webinar_room == ""


def test_bbb_end_callback_is_signed_and_recorded(app, client, make_event):
    from sqlalchemy import select

    from tremplin.core.activity.models import Activity
    from tremplin.core.api import db
    from tremplin.plugins.events.providers import provider

    event = make_event(kind="webinar", webinar_provider="bbb", webinar_room="tremplin-event-9")
    bbb = provider("bbb")
    url = bbb.end_callback_url("tremplin-event-9")
    base = str(app.extensions["tremplin"].config.get("app", "base_url")).rstrip("/")
    assert url.startswith(f"{base}/events-feed/webinar-ended/tremplin-event-9/")
    path = url.removeprefix(base)
    assert client.get(path[:-4] + "0000").status_code == 404
    assert client.get(path.replace("event-9", "event-8")).status_code == 404
    assert client.get(path).status_code == 204
    rows = db.session.scalars(select(Activity).where(Activity.event == "events.webinar_ended"))
    assert [r.subject_id for r in rows] == [str(event.id)]
    with fake_bbb() as (server, state):
        BigBlueButton(server, SECRET, callback_base="https://tremplin.test").create_room("r", "R")
        assert state.calls[0][1]["meta_endCallbackUrl"].startswith(
            "https://tremplin.test/events-feed/webinar-ended/r/"
        )
