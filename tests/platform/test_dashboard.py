"""The dashboard: widgets arranged per member (no JavaScript), adapted to the export
stage, the onboarding checklist and badges earned from activity."""

from __future__ import annotations

from typing import Any

import pytest

from tremplin.core.api import Badge, OnboardingStep, Widget, db, hookimpl, record
from tremplin.core.members.models import Company, Profile
from tremplin.core.testing.fixtures import csrf_token

TEMPLATE = "dashboard/first_steps.html"


class DashboardPlugin:
    """Widgets for one stage each, a two-step checklist and two badges."""

    done: set[str] = set()
    built = 0

    @hookimpl
    def dashboard_widgets(self, user: Any) -> list[Widget]:
        self.built += 1
        return [
            Widget("tp_news", "Actualités test", TEMPLATE, order=20),
            Widget(
                "tp_opportunities", "Opportunités test", TEMPLATE, order=30, stages=("experienced",)
            ),
        ]

    @hookimpl
    def onboarding_steps(self, member: Any) -> list[OnboardingStep]:
        return [
            OnboardingStep(
                "tp.profile", "Compléter le profil test", "tp.profile" in self.done, "/fr/", 1
            ),
            OnboardingStep(
                "tp.event", "Rejoindre un événement test", "tp.event" in self.done, "/fr/", 2
            ),
        ]

    @hookimpl
    def register_badges(self) -> list[Badge]:
        return [
            Badge("tp_twice", "Deux fois", "A fait deux fois la chose.", event="tp.did", count=2),
            Badge(
                "tp_mission",
                "Missionnaire",
                "Mission.",
                event="tp.joined",
                where={"kind": "mission"},
            ),
        ]


PLUGIN = DashboardPlugin()


# Core and the test plugin only: the bundled plugins add their own steps and badges.
CONFIG_OVERRIDES = {"accounts": {"mfa_required_roles": []}, "plugins": {"enabled": []}}
EXTRA_PLUGINS = [PLUGIN]


@pytest.fixture(autouse=True)
def _reset_steps() -> None:
    PLUGIN.done = set()


def member(make_user: Any, login: Any, name: str, stage: str) -> Any:
    user = make_user(name, roles=["Company"])
    company = Company(name=f"{name} SARL", country="SN", export_stage=stage)
    db.session.add(company)
    db.session.flush()
    db.session.add(Profile(user_id=user.id, company_id=company.id))
    db.session.commit()
    login(name)
    return user


def cards(html: str) -> list[str]:
    import re

    return re.findall(r'<section class="card" id="widget-([a-z_]+)"', html)


def act(client: Any, action: str, widget: str) -> Any:
    page = client.get("/fr/dashboard")
    return client.post(
        "/fr/dashboard/layout",
        data={"action": action, "widget": widget, "csrf_token": csrf_token(page.text)},
    )


def test_a_first_time_exporter_and_an_experienced_one_see_different_cards(
    app, client, make_user, login
):
    member(make_user, login, "aminata", "first_time")
    shown = cards(client.get("/fr/dashboard").text)
    assert "first_steps" in shown and "tp_opportunities" not in shown
    assert shown.index("onboarding") < shown.index("profile") < shown.index("tp_news")
    client.post("/fr/logout", data={"csrf_token": csrf_token(client.get("/fr/dashboard").text)})
    member(make_user, login, "awa", "experienced")
    shown = cards(client.get("/fr/dashboard").text)
    assert "tp_opportunities" in shown and "first_steps" not in shown


def test_moving_hiding_and_showing_cards_persists(app, client, make_user, login):
    member(make_user, login, "awa", "experienced")
    before = cards(client.get("/fr/dashboard").text)
    assert act(client, "down", "profile").status_code == 302
    after = cards(client.get("/fr/dashboard").text)
    i = before.index("profile")
    assert after[i] == before[i + 1] and after[i + 1] == "profile"
    assert act(client, "hide", "tp_news").status_code == 302
    page = client.get("/fr/dashboard").text
    assert "tp_news" not in cards(page)
    assert "Afficher le bloc « Actualités test »" in page
    assert act(client, "show", "first_steps").status_code == 302  # outside her stage
    assert "first_steps" in cards(client.get("/fr/dashboard").text)
    act(client, "up", "profile")
    act(client, "reset", "")
    assert cards(client.get("/fr/dashboard").text) == before


def test_a_forged_action_or_widget_is_refused_and_changes_nothing(app, client, make_user, login):
    member(make_user, login, "awa", "growing")
    before = cards(client.get("/fr/dashboard").text)
    for action, widget in (("explode", "profile"), ("hide", "<script>alert(1)</script>")):
        response = act(client, action, widget)
        assert response.status_code == 400
        assert "Cette action sur le tableau de bord n’existe pas" in response.text
        assert "<script>alert(1)</script>" not in response.text
    assert cards(client.get("/fr/dashboard").text) == before
    response = act(client, "explode", "profile").text
    client.get("/en/dashboard")
    page = client.get("/en/dashboard")
    english = client.post(
        "/en/dashboard/layout",
        data={"action": "explode", "widget": "profile", "csrf_token": csrf_token(page.text)},
    )
    assert english.status_code == 400 and "This dashboard action does not exist" in english.text
    assert response != english.text


def test_the_onboarding_checklist_shows_progress_until_every_step_is_done(
    app, client, make_user, login
):
    member(make_user, login, "aminata", "first_time")
    PLUGIN.done = {"tp.profile"}
    page = client.get("/fr/dashboard").text
    assert "onboarding" in cards(page)
    assert "1 étape(s) sur 3" in page  # two from the plugin, core's MFA step
    import re

    mfa_step = "Sécuriser votre compte avec une double authentification"
    assert re.search(rf'<a href="/fr/[^"]+">{mfa_step}</a>', page)
    PLUGIN.done = {"tp.profile", "tp.event"}
    from tremplin.core.members.models import User
    from tremplin.core.testing.accounts import enable_totp

    enable_totp(db.session.scalar(db.select(User).filter_by(username="aminata")))
    assert "onboarding" not in cards(client.get("/fr/dashboard").text)


def test_badges_are_earned_from_activity_and_kept(app, client, make_user, login):
    from tremplin.core.dashboard.badges import badges_of, scheduled_award

    user = member(make_user, login, "awa", "experienced")
    other = make_user("ahmed", roles=["Company"])
    record("tp.did", user_id=user.id)
    record("tp.joined", user_id=user.id, kind="webinar")
    db.session.commit()
    page = client.get("/fr/dashboard").text
    assert "0 badge(s) obtenu(s) sur 2" in page
    record("tp.did", user_id=user.id)
    record("tp.joined", user_id=other.id, kind="mission")
    db.session.commit()
    page = client.get("/fr/dashboard").text
    assert "Deux fois" in page and "1 badge(s) obtenu(s) sur 2" in page
    # awarded when recorded, the viewer or not
    assert [b.key for b, _ in badges_of(other.id)] == ["tp_mission"]
    from tremplin.core.activity.models import Activity

    third = make_user("aminata", roles=["Company"])
    db.session.execute(  # written without the ORM: only the hourly task sees it
        db.insert(Activity).values(event="tp.joined", user_id=third.id, data={"kind": "mission"})
    )
    db.session.commit()
    assert badges_of(third.id) == []
    scheduled_award()
    assert [b.key for b, _ in badges_of(third.id)] == ["tp_mission"]

    db.session.execute(db.delete(Activity))
    db.session.commit()
    assert "Deux fois" in client.get("/fr/dashboard").text  # kept after the purge


def test_cards_are_kept_until_a_write_or_the_delay(app, client, make_user, login, monkeypatch):
    from tremplin.core.dashboard import cache

    member(make_user, login, "awa", "growing")
    PLUGIN.built = 0
    first = client.get("/fr/dashboard").text
    assert client.get("/fr/dashboard").text == first
    assert PLUGIN.built == 1  # the second view came from the cache
    assert "Actualités test" in first
    db.session.add(Company(name="Autre SARL", country="MA"))
    db.session.commit()  # any change committed in this process
    client.get("/fr/dashboard")
    assert PLUGIN.built == 2
    clock = [cache.time.monotonic() + 31]
    monkeypatch.setattr(cache.time, "monotonic", lambda: clock[0])
    client.get("/fr/dashboard")  # past [dashboard] cache_seconds = 30
    assert PLUGIN.built == 3
    clock[0] += 29
    client.get("/fr/dashboard")
    assert PLUGIN.built == 3
    clock[0] += 2
    client.get("/fr/dashboard")
    assert PLUGIN.built == 4
    # The member's own change reaches every worker: it stamps their session.
    with client.session_transaction() as stored:
        before = stored.get(cache.GENERATION, 0)
    assert act(client, "hide", "tp_news").status_code == 302
    with client.session_transaction() as stored:
        assert stored[cache.GENERATION] > before
    assert "tp_news" not in cards(client.get("/fr/dashboard").text)


def test_the_dashboard_migration_matches_the_models(app):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    tables = {"core_dashboard_layout", "core_member_badge"}

    def mine(obj: Any, name: str | None, type_: str, *_: Any) -> bool:
        table = obj if type_ == "table" else getattr(obj, "table", None)
        return getattr(table, "name", name) in tables

    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_object": mine, "compare_type": True}
        )
        assert compare_metadata(context, db.metadata) == []
