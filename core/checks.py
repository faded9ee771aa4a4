"""``tremplin check``: is this instance configured, reachable, migrated, production-ready?"""

from __future__ import annotations

from flask import Flask

from . import migrate
from .config import secret_weakness
from .health import readiness

Line = tuple[bool, str]


def production_problems(config) -> list[str]:  # type: ignore[no-untyped-def]
    """What makes this configuration unsafe to run in production."""
    problems = []
    if not config.is_production:
        problems.append("[app] environment n'est pas « production »")
    if config.get("app", "debug"):
        problems.append("[app] debug est activé")
    weakness = secret_weakness(config.get("app", "secret_key"))
    if weakness:
        problems.append(f"[app] secret_key {weakness}")
    if not config.get("security", "https"):
        problems.append("[security] https est désactivé : cookies non sécurisés, pas de HSTS")
    if not config.get("app", "base_url").startswith("https://"):
        problems.append("[app] base_url n'est pas en https://")
    servers = config.get("app", "web_servers")
    if servers > 1:
        if config.database_url.startswith("sqlite"):
            problems.append("SQLite avec plusieurs serveurs web : utilisez PostgreSQL")
        if config.get("limits", "storage_url").startswith("memory"):
            problems.append("limites en mémoire avec plusieurs serveurs web : utilisez Redis")
        if not config.get("tasks", "redis_url"):
            problems.append("file de tâches SQLite avec plusieurs serveurs web : utilisez Redis")
    if config.get("mail", "backend") != "smtp":
        problems.append("[mail] backend n'est pas « smtp » : aucun e-mail ne partira")
    return problems


def run_checks(app: Flask, production: bool) -> tuple[int, list[Line]]:
    config = app.extensions["tremplin"].config
    lines: list[Line] = [
        (
            True,
            f"configuration chargée ({config.path or 'valeurs par défaut'}, "
            f"environnement {config.environment})",
        )
    ]
    for name, reason in readiness().items():
        lines.append((reason is None, f"{name} : {reason or 'joignable'}"))
    if all(reason is None for reason in readiness().values()):
        late = migrate.pending(app)
        lines.append(
            (
                not late,
                "migrations à jour"
                if not late
                else "migrations en retard : " + ", ".join(late) + " (tremplin db upgrade)",
            )
        )
    if production:
        problems = production_problems(config)
        lines += [(False, p) for p in problems]
        if not problems:
            lines.append((True, "prêt pour la production"))
    return sum(1 for ok, _ in lines if not ok), lines
