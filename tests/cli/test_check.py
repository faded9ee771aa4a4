"""``tremplin check``: ready on a migrated database; ``--production`` refuses a dev config."""

from __future__ import annotations


def test_check_ok_on_a_migrated_database(invoke):
    result = invoke("check")
    assert result.exit_code == 0, result.output
    assert "migrations à jour" in result.output
    assert "database : joignable" in result.output


def test_check_fails_when_migrations_are_late(invoke):
    assert invoke("db", "downgrade", "pages", "-1").exit_code == 0
    result = invoke("check")
    assert result.exit_code == 1
    assert "migrations en retard : pages (tremplin db upgrade)" in result.output
    assert "1 problème(s) à corriger" in result.output


def test_check_production_lists_the_reasons(invoke):
    result = invoke("check", "--production")
    assert result.exit_code == 1
    for reason in (
        "[app] environment n'est pas « production »",
        "[security] https est désactivé",
        "[app] base_url n'est pas en https://",
        "[mail] backend n'est pas « smtp »",
    ):
        assert reason in result.output
    assert "prêt pour la production" not in result.output
