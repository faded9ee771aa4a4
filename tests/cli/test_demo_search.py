"""``tremplin demo`` and ``tremplin search rebuild``."""

from __future__ import annotations

from sqlalchemy import select

PERSONAS = {"Saveurs du Sine": "SN", "Madrasa Num": "MA", "Wax Éthique": "CI"}


def companies():  # type: ignore[no-untyped-def]
    from tremplin.cli.context import app_context
    from tremplin.core.accounts.profile.models import Company
    from tremplin.core.extensions import db

    with app_context():
        return {c.name: c.country for c in db.session.scalars(select(Company))}


def test_demo_adds_the_personas_companies_once(invoke):
    first = invoke("demo")
    assert first.exit_code == 0, first.output
    loaded = companies()
    for name, country in PERSONAS.items():
        assert loaded[name] == country
    assert len(loaded) >= 30
    assert len(set(loaded.values())) >= 10
    second = invoke("demo")
    assert second.exit_code == 0, second.output
    assert "0 entreprises de démonstration ajoutées" in second.output
    assert len(companies()) == len(loaded)


def test_demo_creates_persona_accounts_with_the_demo_password(invoke, password, monkeypatch):
    monkeypatch.setenv("TREMPLIN_DEMO_PASSWORD", password)
    assert invoke("demo").exit_code == 0
    from tremplin.cli.context import app_context
    from tremplin.core.accounts.signin.services import authenticate

    with app_context():
        for login in ("awa.ndiaye", "ahmed.benali", "aminata.kone"):
            assert authenticate(login, password) is not None, login
    assert invoke("demo").exit_code == 0  # accounts already there: nothing added


def test_demo_is_refused_in_production(write_config, migrated_url, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from tremplin.cli.main import app as cli

    config = write_config(tmp_path / "prod", migrated_url, environment="production")
    result = CliRunner().invoke(cli, ["--config", str(config), "demo"])
    assert result.exit_code == 1
    assert "production" in result.output and result.output.count("\n") == 1


def test_search_rebuild_indexes_the_pages(invoke):
    result = invoke("search", "rebuild")
    assert result.exit_code == 0, result.output
    count = int(result.output.split()[0])
    assert count >= 4


def test_search_reindex_rebuilds_the_index_and_rebuild_is_its_alias(invoke):
    result = invoke("search", "reindex")
    assert result.exit_code == 0, result.output
    assert "documents indexés (whoosh)" in result.output
    count = int(result.output.split()[0])
    assert count >= 4
    assert invoke("search", "rebuild").output == result.output
    assert "reindex" in invoke("search", "--help").output
