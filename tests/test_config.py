"""Configuration: declared keys only, typed values, environment overrides, the example file."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tremplin.cli.main import app as cli
from tremplin.core.app import load_app_config
from tremplin.core.config import ConfigError, find_config_path, load_config
from tremplin.core.setup import example_config

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "config.example.toml"
TREMPLIN = Path(sys.executable).parent / "tremplin"


def write(folder: Path, text: str, name: str = "tremplin.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --- config.example.toml -------------------------------------------------------------


def test_committed_example_is_up_to_date():
    assert EXAMPLE.read_text(encoding="utf-8") == example_config(), (
        "config.example.toml is stale: run `tremplin config example --output config.example.toml`"
    )


def test_example_has_every_section_commented():
    text = EXAMPLE.read_text(encoding="utf-8")
    parsed = tomllib.loads(text)
    assert {"app", "database", "tasks", "mail", "plugins", "pages"} <= set(parsed)
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if "=" in line and not line.startswith("#"):
            assert lines[index - 1].startswith("#"), f"key without a comment: {line}"


def test_example_loads_but_not_in_production_with_its_placeholder_secret(monkeypatch):
    monkeypatch.delenv("TREMPLIN_CONFIG", raising=False)
    with pytest.raises(ConfigError, match=r"\[app\] secret_key") as caught:
        load_app_config(EXAMPLE, overrides={"app": {"environment": "production"}})
    assert "placeholder" in str(caught.value)
    config, _pm = load_app_config(EXAMPLE, overrides={"app": {"environment": "development"}})
    assert config.get("database", "url").startswith("postgresql+psycopg://")
    assert config.get("pages", "contact_email")


# --- Validation ----------------------------------------------------------------------


def test_unknown_key_in_file_is_named(tmp_path):
    path = write(tmp_path, '[database]\nurl = "sqlite:///x.db"\nuser = "bob"\n')
    with pytest.raises(ConfigError, match=r"unknown key \[database\] user"):
        load_config(path)


def test_unknown_section_is_named(tmp_path):
    path = write(tmp_path, "[databse]\nurl = 'x'\n")
    with pytest.raises(ConfigError, match=r"unknown section \[databse\]"):
        load_config(path)


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[app]\nmax_upload_mb = '20'", r"\[app\] max_upload_mb must be a whole number, got str"),
        ("[app]\ndebug = 1", r"\[app\] debug must be true or false, got int"),
        ("[app]\nlanguages = 'fr'", r"\[app\] languages must be a list of strings"),
        ("[app]\nenvironment = 'staging'", r"\[app\] environment must be one of"),
        ("[database]\nurl = 'mysql://x'", r"\[database\] url must start with one of"),
        ("[app]\nmax_upload_mb = 0", r"\[app\] max_upload_mb must be greater than 0"),
    ],
)
def test_wrong_values_are_named(tmp_path, toml, message):
    with pytest.raises(ConfigError, match=message):
        load_config(write(tmp_path, toml + "\n"))


def test_invalid_toml_is_one_error(tmp_path):
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(write(tmp_path, "[app\n"))


def test_missing_file_is_named(tmp_path):
    with pytest.raises(ConfigError, match="configuration file not found"):
        load_config(tmp_path / "absent.toml")


# --- Environment overrides -----------------------------------------------------------


def test_env_overrides_file(tmp_path):
    path = write(tmp_path, '[database]\nurl = "sqlite:///from-file.db"\n')
    config = load_config(
        path,
        environ={
            "TREMPLIN_DATABASE__URL": "sqlite:///from-env.db",
            "TREMPLIN_APP__MAX_UPLOAD_MB": "7",
            "TREMPLIN_APP__LANGUAGES": "en, fr",
            "TREMPLIN_SECURITY__HTTPS": "yes",
        },
    )
    assert config.database_url == "sqlite:///from-env.db"
    assert config.get("app", "max_upload_mb") == 7
    assert config.get("app", "languages") == ["en", "fr"]
    assert config.get("security", "https") is True


def test_env_override_of_unknown_key_errors():
    with pytest.raises(ConfigError, match=r"TREMPLIN_DATABASE__URI: unknown key \[database\] uri"):
        load_config(environ={"TREMPLIN_DATABASE__URI": "sqlite://"})


def test_env_override_of_unknown_section_errors():
    with pytest.raises(ConfigError, match=r"unknown section \[databse\]"):
        load_config(environ={"TREMPLIN_DATABSE__URL": "sqlite://"})


def test_env_override_with_bad_type_errors():
    with pytest.raises(ConfigError, match="TREMPLIN_APP__MAX_UPLOAD_MB: expected a whole number"):
        load_config(environ={"TREMPLIN_APP__MAX_UPLOAD_MB": "lots"})


def test_env_override_of_a_plugin_key(monkeypatch):
    monkeypatch.setenv("TREMPLIN_PAGES__CONTACT_EMAIL", "a11y@example.org")
    config, _pm = load_app_config(None)
    assert config.get("pages", "contact_email") == "a11y@example.org"


def test_production_refuses_a_short_secret():
    with pytest.raises(ConfigError, match=r"\[app\] secret_key is too short"):
        load_config(overrides={"app": {"environment": "production", "secret_key": "short"}})


# --- --config versus TREMPLIN_CONFIG -------------------------------------------------


def test_explicit_path_wins_over_environment(tmp_path, monkeypatch):
    chosen = write(tmp_path, "[app]\nsite_name = 'Explicit'\n", "a.toml")
    other = write(tmp_path, "[app]\nsite_name = 'FromEnv'\n", "b.toml")
    monkeypatch.setenv("TREMPLIN_CONFIG", str(other))
    assert find_config_path(chosen) == chosen.resolve()
    assert load_config(chosen).get("app", "site_name") == "Explicit"
    assert load_config().get("app", "site_name") == "FromEnv"


def test_cli_config_option_wins_over_environment(tmp_path, monkeypatch):
    base = f"[app]\ninstance_path = '{tmp_path / 'instance'}'\n"
    chosen = write(tmp_path, base, "chosen.toml")
    other = write(tmp_path, base, "other.toml")
    runner = CliRunner()
    monkeypatch.setenv("TREMPLIN_CONFIG", str(other))
    with_option = runner.invoke(cli, ["--config", str(chosen), "check"])
    assert str(chosen) in with_option.output
    from_env = runner.invoke(cli, ["check"])
    assert str(other) in from_env.output


def test_bad_config_prints_one_line_without_traceback(tmp_path):
    bad = write(tmp_path, "[app]\ndebug = 'oui'\n", "bad.toml")
    result = subprocess.run(
        [str(TREMPLIN), "--config", str(bad), "check"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "[app] debug must be true or false" in lines[0]


def test_passwords_are_hashed_at_the_production_cost_by_default(tmp_path):
    """The suite hashes cheaply (``core.testing.fixtures``); an instance never does."""
    config, _pm = load_app_config(write(tmp_path, '[database]\nurl = "sqlite:///x.db"\n'))
    assert config.get("accounts", "password_hash_time_cost") == 3
    assert config.get("accounts", "password_hash_memory_kib") == 65536
