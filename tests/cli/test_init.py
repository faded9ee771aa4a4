"""``tremplin init``: configuration, schema, first administrator; running it again keeps data."""

from __future__ import annotations

import stat

from typer.testing import CliRunner

from tremplin.cli.main import app as cli


def test_init_is_idempotent_and_reads_the_password_from_stdin(invoke_fresh, fresh_config, password):
    first = invoke_fresh("init", "--password-stdin", input=password + "\n")
    assert first.exit_code == 0, first.output
    assert "Administrateur admin créé" in first.output
    assert password not in first.output
    added = invoke_fresh(
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
        "--password-stdin",
        input=password + "\n",
    )
    assert added.exit_code == 0, added.output
    again = invoke_fresh("init", "--password-stdin", input="")
    assert again.exit_code == 0, again.output
    assert "Configuration existante gardée" in again.output
    assert "déjà présent" in again.output
    listing = invoke_fresh("users", "list")
    assert "awa@example.org" in listing.output and "admin@example.org" in listing.output
    assert "secret_key" in fresh_config.read_text()  # the file was kept as it was


def test_init_admin_can_sign_in(invoke_fresh, password):
    invoke_fresh("init", "--password-stdin", input=password + "\n")
    from tremplin.cli.context import app_context
    from tremplin.core.accounts.signin.services import authenticate

    with app_context():
        assert authenticate("admin", password) is not None
        assert authenticate("admin", "wrong password") is None


def test_init_without_password_on_stdin_is_one_line_error(invoke_fresh):
    result = invoke_fresh("init", "--password-stdin", input="")
    assert result.exit_code == 1
    assert "aucun mot de passe lu" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_init_writes_a_private_config_with_a_fresh_secret(tmp_path, password, monkeypatch):
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "new" / "tremplin.toml"
    result = CliRunner().invoke(
        cli, ["--config", str(target), "init", "--password-stdin"], input=password + "\n"
    )
    assert result.exit_code == 0, result.output
    text = target.read_text()
    assert 'environment = "development"' in text
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    other = tmp_path / "other" / "tremplin.toml"
    CliRunner().invoke(
        cli, ["--config", str(other), "init", "--password-stdin"], input=password + "\n"
    )
    secret = [line for line in text.splitlines() if line.startswith("secret_key")]
    assert secret and secret[0] not in other.read_text()
