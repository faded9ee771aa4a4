"""Load, override and validate the TOML configuration.

Order of precedence: declared defaults < TOML file < environment variables
``TREMPLIN_<SECTION>__<KEY>``. Validation happens once, at start-up, and stops
with one :class:`ConfigError` whose message names the offending key.
"""

from __future__ import annotations

import os
import secrets
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .settings import CORE_SECTIONS, Setting, SettingsSection

ENV_PREFIX = "TREMPLIN_"
CONFIG_ENV = "TREMPLIN_CONFIG"
MIN_SECRET_LENGTH = 32


class ConfigError(Exception):
    """The configuration cannot be used; the message says which key and why."""


class Config:
    """Validated settings, read as ``config.get("app", "environment")`` or ``config["app"]``."""

    def __init__(
        self,
        values: dict[str, dict[str, Any]],
        path: Path | None,
        sections: Mapping[str, SettingsSection],
    ) -> None:
        self._values = values
        self.path = path
        self.sections = dict(sections)

    def __getitem__(self, section: str) -> dict[str, Any]:
        return self._values[section]

    def get(self, section: str, key: str) -> Any:
        return self._values[section][key]

    def as_dict(self) -> dict[str, dict[str, Any]]:
        return {name: dict(values) for name, values in self._values.items()}

    @property
    def environment(self) -> str:
        return str(self.get("app", "environment"))

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    @property
    def instance_path(self) -> Path:
        configured = self.get("app", "instance_path")
        if configured:
            return Path(configured).expanduser().resolve()
        base = self.path.parent if self.path else Path.cwd()
        return (base / "instance").resolve()

    @property
    def database_url(self) -> str:
        url = self.get("database", "url")
        return url or f"sqlite:///{self.instance_path / 'tremplin.db'}"


def find_config_path(explicit: str | os.PathLike[str] | None = None) -> Path | None:
    """The file named by ``--config``, else ``TREMPLIN_CONFIG``, else none."""
    candidate = explicit or os.environ.get(CONFIG_ENV)
    if not candidate:
        return None
    path = Path(candidate).expanduser()
    if not path.is_file():
        raise ConfigError(f"configuration file not found: {path}")
    return path.resolve()


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc


def load_config(
    path: str | os.PathLike[str] | None = None,
    overrides: Mapping[str, Mapping[str, Any]] | None = None,
    extra_sections: Iterable[SettingsSection] = (),
    environ: Mapping[str, str] | None = None,
    allow_unknown_sections: Iterable[str] = (),
    partial: bool = False,
) -> Config:
    """Read the file, apply environment and explicit overrides, validate everything.

    ``extra_sections`` are the plugins' declared sections. Sections named in
    ``allow_unknown_sections`` (installed but disabled plugins) are accepted unchecked.
    ``partial`` reads only the known sections and skips the production checks: the
    first pass, which learns which plugins to load.
    """
    sections = {s.name: s for s in (*CORE_SECTIONS, *extra_sections)}
    config_path = find_config_path(path)
    raw = read_toml(config_path) if config_path else {}
    values = {name: {s.key: s.default for s in sec.settings} for name, sec in sections.items()}
    ignored = set(allow_unknown_sections)
    if partial:
        ignored |= set(raw) - set(sections)
    _merge_file(values, raw, sections, ignored)
    _merge_environ(
        values,
        environ if environ is not None else os.environ,
        sections,
        ignored if not partial else None,
    )
    for section, items in (overrides or {}).items():
        for key, value in items.items():
            _assign(values, sections, section, key, value, "override")
    config = Config(values, config_path, sections)
    _check_values(config)
    _check_search(config)
    if not partial:
        _check_secrets(config)
    return config


def _merge_file(
    values: dict[str, dict[str, Any]],
    raw: Mapping[str, Any],
    sections: Mapping[str, SettingsSection],
    ignored: set[str],
) -> None:
    for section, items in raw.items():
        if section in ignored:
            continue
        if section not in sections:
            raise ConfigError(f"unknown section [{section}] in the configuration file")
        if not isinstance(items, dict):
            raise ConfigError(f"[{section}] must be a table")
        for key, value in items.items():
            _assign(values, sections, section, key, value, "file")


def _merge_environ(
    values: dict[str, dict[str, Any]],
    environ: Mapping[str, str],
    sections: Mapping[str, SettingsSection],
    ignored: set[str] | None,
) -> None:
    """``ignored`` sections are skipped; ``None`` skips every unknown section."""
    for name, text in environ.items():
        if not name.startswith(ENV_PREFIX) or "__" not in name or name == CONFIG_ENV:
            continue
        section, _, key = name[len(ENV_PREFIX) :].lower().partition("__")
        if section not in sections:
            if ignored is None or section in ignored:
                continue
            raise ConfigError(f"{name}: unknown section [{section}]")
        setting = sections[section].get(key)
        if setting is None:
            raise ConfigError(f"{name}: unknown key [{section}] {key}")
        _assign(values, sections, section, key, parse_env_value(setting, text, name), "env")


def parse_env_value(setting: Setting, text: str, name: str) -> Any:
    """Turn an environment string into the declared type (lists: comma-separated)."""
    if setting.type is bool:
        lowered = text.strip().lower()
        if lowered in {"1", "true", "yes", "on"}:
            return True
        if lowered in {"0", "false", "no", "off", ""}:
            return False
        raise ConfigError(f"{name}: expected true or false, got {text!r}")
    if setting.type is int:
        try:
            return int(text)
        except ValueError:
            raise ConfigError(f"{name}: expected a whole number, got {text!r}") from None
    if setting.type is float:
        try:
            return float(text)
        except ValueError:
            raise ConfigError(f"{name}: expected a number, got {text!r}") from None
    if setting.type is list:
        return [part.strip() for part in text.split(",") if part.strip()]
    return text


_TYPE_NAMES = {
    str: "a string",
    int: "a whole number",
    bool: "true or false",
    float: "a number",
    list: "a list of strings",
}


def _assign(
    values: dict[str, dict[str, Any]],
    sections: Mapping[str, SettingsSection],
    section: str,
    key: str,
    value: Any,
    origin: str,
) -> None:
    setting = sections[section].get(key) if section in sections else None
    if setting is None:
        raise ConfigError(f"unknown key [{section}] {key} ({origin})")
    if not _has_type(value, setting.type):
        raise ConfigError(
            f"[{section}] {key} must be {_TYPE_NAMES[setting.type]}, got {type(value).__name__}"
        )
    values[section][key] = float(value) if setting.type is float else value


def _has_type(value: Any, expected: type) -> bool:
    if expected is bool:
        return isinstance(value, bool)
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if expected is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if expected is list:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return isinstance(value, expected)


def _check_values(config: Config) -> None:
    for name, section in config.sections.items():
        for setting in section.settings:
            value = config.get(name, setting.key)
            if setting.choices and value not in setting.choices:
                raise ConfigError(
                    f"[{name}] {setting.key} must be one of "
                    f"{', '.join(setting.choices)}; got {value!r}"
                )
            message = setting.check(value) if setting.check else None
            if message:
                raise ConfigError(f"[{name}] {setting.key} {message}")


def _check_search(config: Config) -> None:
    """The PostgreSQL search backend keeps its index in the PostgreSQL database."""
    if "search" not in config.sections or "database" not in config.sections:
        return
    url = str(config.get("database", "url"))
    if config.get("search", "backend") == "postgresql" and not url.startswith("postgresql"):
        raise ConfigError(
            '[search] backend = "postgresql" needs a PostgreSQL database '
            '([database] url = "postgresql+psycopg://...")'
        )


def secret_weakness(value: str) -> str | None:
    """Why a secret is too weak to use in production, or ``None``."""
    if not value:
        return "is missing"
    if len(value) < MIN_SECRET_LENGTH:
        return f"is too short (at least {MIN_SECRET_LENGTH} characters)"
    if len(set(value)) < 10 or "change-me" in value:
        return "looks like a placeholder, not a random value"
    return None


def _check_secrets(config: Config) -> None:
    secret = config.get("app", "secret_key")
    weakness = secret_weakness(secret)
    if weakness and config.is_production:
        raise ConfigError(
            f"[app] secret_key {weakness}: production needs a random secret "
            "(generate one with `tremplin init` or "
            '`python -c "import secrets; print(secrets.token_urlsafe(48))"`)'
        )
    if not secret:
        # Development and test only: an ephemeral secret, so nothing usable is shipped.
        config["app"]["secret_key"] = secrets.token_urlsafe(48)


def render_example(sections: Iterable[SettingsSection]) -> str:
    """The commented ``config.example.toml`` generated from the declarations."""
    lines = [
        "# Tremplin configuration. Generated by `tremplin config example`;",
        "# every key is optional unless its comment says otherwise.",
        "# Any key can be overridden by the environment variable",
        "# TREMPLIN_<SECTION>__<KEY>, e.g. TREMPLIN_DATABASE__URL.",
        "",
    ]
    for section in sections:
        lines += [f"# {section.description}", f"[{section.name}]"]
        for setting in section.settings:
            lines += [f"# {line}" for line in _wrap(setting.description)]
            if setting.choices:
                lines.append("# One of: " + ", ".join(setting.choices) + ".")
            shown = setting.example if setting.example is not None else setting.default
            lines.append(f"{setting.key} = {_toml_value(shown)}")
        lines.append("")
    return "\n".join(lines)


def _wrap(text: str, width: int = 86) -> list[str]:
    words, lines, current = text.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return lines + ([current] if current else [])


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    escaped = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
