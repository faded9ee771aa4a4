"""Writing a first configuration file (``tremplin init``)."""

from __future__ import annotations

from pathlib import Path

TEMPLATE = '''# Tremplin configuration written by `tremplin init`.
# Every key is described in config.example.toml and docs/configuration.md.

[app]
environment = "{environment}"
secret_key = "{secret}"

[plugins]
enabled = ["pages"]
'''


def write_initial_config(path: Path, environment: str, secret: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TEMPLATE.format(environment=environment, secret=secret), encoding="utf-8")
    path.chmod(0o600)
