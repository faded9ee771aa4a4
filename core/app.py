"""The application factory."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pluggy
from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from . import hooks as core_hooks
from . import i18n, logs
from .config import Config, ConfigError, load_config
from .contributions import AdminView, ModelSet, PortalBlueprint
from .database import engine_options, install_sqlite_pragmas
from .extensions import csrf, db, migrate
from .plugins import build_plugin_manager, flatten, installed_plugins
from .security import headers

PACKAGE_DIR = Path(__file__).resolve().parent


@dataclass
class Tremplin:
    """Per-app state reachable as ``app.extensions["tremplin"]``."""

    config: Config
    pm: pluggy.PluginManager
    model_sets: list[ModelSet] = field(default_factory=list)
    admin_views: list[AdminView] = field(default_factory=list)


def load_app_config(
    config_path: str | os.PathLike[str] | None = None,
    overrides: Mapping[str, Mapping[str, Any]] | None = None,
    extra_plugins: Iterable[ModuleType | object] = (),
) -> tuple[Config, pluggy.PluginManager]:
    """Read the configuration in two passes: core keys (to learn which plugins are
    enabled), then everything, validated against core's and the plugins' sections."""
    installed = set(installed_plugins())
    first = load_config(config_path, overrides=_core_only(overrides), partial=True)
    pm = build_plugin_manager(
        first.get("plugins", "enabled"), extra=extra_plugins, builtin=core_hooks
    )
    sections = flatten(pm.hook.register_settings())
    disabled = installed - set(first.get("plugins", "enabled"))
    config = load_config(
        config_path, overrides=overrides, extra_sections=sections, allow_unknown_sections=disabled
    )
    return config, pm


def _core_only(overrides: Mapping[str, Mapping[str, Any]] | None) -> dict[str, Any]:
    from .settings import CORE_SECTIONS

    names = {s.name for s in CORE_SECTIONS}
    return {k: v for k, v in (overrides or {}).items() if k in names}


def create_app(
    config_path: str | os.PathLike[str] | None = None,
    overrides: Mapping[str, Mapping[str, Any]] | None = None,
    extra_plugins: Iterable[ModuleType | object] = (),
) -> Flask:
    """Build the Tremplin application.

    ``config_path`` defaults to ``$TREMPLIN_CONFIG``; ``overrides`` replace
    configuration values (tests); ``extra_plugins`` registers plugin objects
    that are not installed as entry points (the test plugin).
    """
    config, pm = load_app_config(config_path, overrides, extra_plugins)
    app = Flask(
        "tremplin.core",
        root_path=str(PACKAGE_DIR),
        instance_path=str(config.instance_path),
        instance_relative_config=False,
    )
    state = Tremplin(config=config, pm=pm)
    app.extensions["tremplin"] = state
    _configure_flask(app, config)
    logs.configure_logging(app, config.get("logging", "level"), config.get("logging", "json"))
    config.instance_path.mkdir(parents=True, exist_ok=True)
    if config.get("app", "trusted_proxies"):
        hops = config.get("app", "trusted_proxies")
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app,
            x_for=hops,
            x_proto=hops,
            x_host=hops,
            x_port=hops,
            x_prefix=hops,
        )
    _init_database(app, state)
    csrf.init_app(app)  # before AppBuilder, or FAB's REST login answers 400
    from .backoffice import init_backoffice

    state.admin_views = flatten(pm.hook.register_admin_views())
    init_backoffice(app, state.admin_views)
    from flask_babel import get_babel

    with app.app_context():
        get_babel(app).locale_selector = i18n.select_locale
    app.login_manager.login_view = "accounts.login"  # type: ignore[attr-defined]
    i18n.install(app)
    i18n.install_template_gettext(app)
    logs.install_request_id(app)
    headers.install(app, config.get("security", "https"), config.get("security", "hsts_seconds"))
    _register_blueprints(app, flatten(pm.hook.register_blueprints()))
    from .accounts.wiring import install as install_onboarding

    install_onboarding(app)  # consent guard, rate limits of the account forms
    _install_account_security(app)
    from . import errors, slots, tasks, templating

    templating.install(app)
    slots.install(app)
    errors.install(app)
    tasks.init_app(app)
    pm.hook.app_ready(app=app)
    return app


def _install_account_security(app: Flask) -> None:
    """Server-side sessions, audit trail, time-boxed roles, GDPR rights (before the
    task queue is built: they declare tasks)."""
    from .accounts import wiring
    from .accounts.gdpr import services as gdpr
    from .accounts.role_grants import services as role_grants
    from .audit import listeners as audit_listeners

    wiring.init_sessions(app)
    audit_listeners.init_app(app)
    role_grants.init_app(app)
    gdpr.init_app(app)


def _configure_flask(app: Flask, config: Config) -> None:
    https = config.get("security", "https")
    translation_dirs = [str(PACKAGE_DIR / "translations")]
    translation_dirs += [
        str(p) for p in flatten(app.extensions["tremplin"].pm.hook.register_translations())
    ]
    from .backoffice import fab_config

    app.config.update(
        SECRET_KEY=config.get("app", "secret_key"),
        DEBUG=config.get("app", "debug"),
        TESTING=config.environment == "test",
        SQLALCHEMY_DATABASE_URI=config.database_url,
        SQLALCHEMY_ENGINE_OPTIONS=engine_options(config.database_url),
        SQLALCHEMY_ECHO=config.get("database", "echo"),
        MAX_CONTENT_LENGTH=config.get("app", "max_upload_mb") * 1024 * 1024,
        SESSION_COOKIE_SECURE=https,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_NAME="__Host-session" if https else "tremplin_session",
        REMEMBER_COOKIE_SECURE=https,
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        PREFERRED_URL_SCHEME="https" if https else "http",
        WTF_CSRF_TIME_LIMIT=None,
        WTF_CSRF_SSL_STRICT=https,
        BABEL_TRANSLATION_DIRECTORIES=";".join(translation_dirs),
        TREMPLIN_LANGUAGES=tuple(config.get("app", "languages")),
        TREMPLIN_TRUSTED_PROXIES=config.get("app", "trusted_proxies"),
        TREMPLIN_ENVIRONMENT=config.environment,
        TREMPLIN_SITE_NAME=config.get("app", "site_name"),
        TREMPLIN_BASE_URL=config.get("app", "base_url").rstrip("/"),
    )
    app.config.update(
        fab_config(config.get("app", "site_name"), config.get("app", "languages"), config["limits"])
    )
    if not config.get("app", "languages"):
        raise ConfigError("[app] languages must name at least one language")


def _init_database(app: Flask, state: Tremplin) -> None:
    from .accounts import models as _accounts_models  # noqa: F401  (register every account table)
    from .activity import models as _activity_models  # noqa: F401
    from .audit import models as _audit_models  # noqa: F401
    from .notifications import delivery as _notification_tasks  # noqa: F401  (declares tasks)
    from .search import models as _search_models  # noqa: F401
    from .storage import models as _storage_models  # noqa: F401

    state.model_sets = flatten(state.pm.hook.register_models())
    db.init_app(app)
    with app.app_context():
        install_sqlite_pragmas(db.engine)
    migrate.init_app(app, db, directory=str(PACKAGE_DIR / "migrations"))


def _register_blueprints(app: Flask, blueprints: list[PortalBlueprint]) -> None:
    for item in blueprints:
        prefix = item.blueprint.url_prefix or ""
        if item.localized:
            app.register_blueprint(item.blueprint, url_prefix="/<lang:lang_code>" + prefix)
        else:
            app.register_blueprint(item.blueprint)
