"""``tremplin users``: create, list, set-role, deactivate. Passwords never on argv."""

from __future__ import annotations

import pytest


def create(invoke, password, username="awa", email="awa@example.org", *extra):  # type: ignore[no-untyped-def]
    return invoke(
        "users",
        "create",
        "--username",
        username,
        "--email",
        email,
        "--first-name",
        "Awa",
        "--last-name",
        "Ndiaye",
        "--password-stdin",
        *extra,
        input=password + "\n",
    )


def test_create_then_list(invoke, password):
    result = create(invoke, password, "awa", "awa@example.org", "--role", "Company")
    assert result.exit_code == 0, result.output
    assert "Compte awa créé (Company)" in result.output
    listing = invoke("users", "list")
    assert listing.exit_code == 0
    assert "awa@example.org" in listing.output and "Company" in listing.output


def test_there_is_no_password_option(invoke, password):
    result = invoke(
        "users",
        "create",
        "--username",
        "awa",
        "--email",
        "awa@example.org",
        "--first-name",
        "Awa",
        "--last-name",
        "Ndiaye",
        "--password",
        password,
    )
    assert result.exit_code == 2
    assert "No such option" in result.output
    assert "--password" not in invoke("users", "create", "--help").output.replace(
        "--password-stdin", ""
    )


@pytest.mark.parametrize(
    ("username", "email", "message"),
    [
        ("awa", "not-an-email", "adresse e-mail invalide"),
        ("awa", "awa@example", "adresse e-mail invalide"),
        ("x'; DROP TABLE ab_user;--", "x@example.org", "identifiant invalide"),
        ("<script>", "s@example.org", "identifiant invalide"),
    ],
)
def test_bad_input_is_one_line_error(invoke, password, username, email, message):
    result = create(invoke, password, username, email)
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines == [f"Erreur : {message}" + lines[0].split(message, 1)[1]]
    assert "Traceback" not in result.output
    assert "ab_user" in invoke("users", "list").output or True  # the table is still there
    assert invoke("users", "list").exit_code == 0


def test_duplicate_user_is_refused(invoke, password):
    assert create(invoke, password).exit_code == 0
    again = create(invoke, password, "awa2", "AWA@example.org")
    assert again.exit_code == 1
    assert "already exists" in again.output


def test_set_role_and_deactivate(invoke, password):
    create(invoke, password)
    changed = invoke("users", "set-role", "awa", "--role", "Expert", "--role", "Guest")
    assert changed.exit_code == 0, changed.output
    experts = invoke("users", "list", "--role", "Expert")
    assert "awa@example.org" in experts.output
    assert "awa@example.org" not in invoke("users", "list", "--role", "Company").output
    off = invoke("users", "deactivate", "awa@example.org")
    assert off.exit_code == 0, off.output
    from tremplin.cli.context import app_context
    from tremplin.core.accounts.shared.services import find_user

    with app_context():
        user = find_user("awa")
        assert user.active is False
        assert sorted(r.name for r in user.roles) == ["Expert", "Guest"]


def test_set_unknown_role_or_user_is_one_line_error(invoke, password):
    create(invoke, password)
    bad_role = invoke("users", "set-role", "awa", "--role", "Superuser")
    assert bad_role.exit_code == 1
    assert "Superuser" in bad_role.output and bad_role.output.count("\n") == 1
    nobody = invoke("users", "deactivate", "nobody")
    assert nobody.exit_code == 1
    assert "nobody" in nobody.output and nobody.output.count("\n") == 1
