"""The back office: the only place that configures Flask-AppBuilder.

Everything is mounted under ``/admin/``; FAB's users, roles and permissions are
the platform's single identity store, shared with the portal.
"""

from __future__ import annotations

from flask import Flask
from flask_appbuilder import AppBuilder
from flask_appbuilder.const import AUTH_DB
from flask_babel import lazy_gettext as _l

from ..contributions import AdminView
from ..extensions import db
from .security import TremplinSecurityManager
from .views import AdminIndexView

ADMIN_PREFIX = "/admin"


def fab_config(
    site_name: str, languages: list[str], limits: dict[str, object]
) -> dict[str, object]:
    """Flask config keys read by Flask-AppBuilder."""
    names = {"fr": ("fr", "Français"), "en": ("gb", "English")}
    return {
        "APP_NAME": site_name,
        "AUTH_TYPE": AUTH_DB,
        "AUTH_ROLE_ADMIN": "Admin",
        "AUTH_ROLE_PUBLIC": "Public",
        "AUTH_USER_REGISTRATION": False,
        "FAB_CREATE_DB": False,  # the schema comes from Alembic migrations only
        "FAB_UPDATE_PERMS": False,  # synchronised by `tremplin db upgrade`
        "FAB_ADD_SECURITY_API": True,
        "FAB_API_SWAGGER_UI": True,
        "FAB_SECURITY_MANAGER_CLASS": None,
        "FAB_BASE_TEMPLATE": "appbuilder/baselayout.html",
        "BABEL_DEFAULT_LOCALE": languages[0],
        "LANGUAGES": {
            code: {
                "flag": names.get(code, (code, code))[0],
                "name": names.get(code, (code, code))[1],
            }
            for code in languages
        },
        "RATELIMIT_ENABLED": bool(limits["enabled"]),
        "RATELIMIT_STORAGE_URI": limits["storage_url"],
        "RATELIMIT_DEFAULT": limits["default"],
        "RATELIMIT_HEADERS_ENABLED": True,
        "AUTH_RATE_LIMITED": True,
        "AUTH_RATE_LIMIT": "10 per 15 minutes",
    }


def init_backoffice(app: Flask, admin_views: list[AdminView]) -> AppBuilder:
    """Bind a fresh AppBuilder to ``app`` and add the plugins' views."""
    appbuilder = AppBuilder(
        indexview=AdminIndexView, security_manager_class=TremplinSecurityManager
    )
    with app.app_context():
        appbuilder.init_app(app, db.session)
        relabel_security_menu(appbuilder)
        for item in admin_views:
            add_admin_view(appbuilder, item)
    return appbuilder


# FAB's security menu, named as the administrators' guide names it. FAB's French
# labels are imperatives ("Listez les utilisateurs") or missing ("List Groups" is
# not in its compiled 5.3 catalogue).
SECURITY_MENU_LABELS = {
    "List Users": _l("Comptes"),
    "List Roles": _l("Rôles"),
    "List Groups": _l("Groupes"),
    "User's Statistics": _l("Statistiques des comptes"),
    "Base Permissions": _l("Permissions de base"),
    "Views/Menus": _l("Vues et menus"),
    "Permission on Views/Menus": _l("Permissions des vues et menus"),
}


def relabel_security_menu(appbuilder: AppBuilder) -> None:
    for name, label in SECURITY_MENU_LABELS.items():
        item = appbuilder.menu.find(name)
        if item is not None:
            item.label = label


def admin_route_base(view: type) -> str:
    own = view.__dict__.get("route_base")
    base = own or "/" + view.__name__.lower()
    return base if base.startswith(ADMIN_PREFIX) else ADMIN_PREFIX + base


def add_admin_view(appbuilder: AppBuilder, item: AdminView) -> None:
    """Mount one contributed view under ``/admin/`` (same class name, so the same
    permission names) and give it a menu entry when it has a name."""
    view = type(
        item.view.__name__,
        (item.view,),
        {"route_base": admin_route_base(item.view), "__module__": item.view.__module__},
    )
    if item.name:
        appbuilder.add_view(
            view,
            item.name,
            icon=item.icon,
            label=item.label or item.name,
            category=item.category or "",
            category_label=item.category_label or item.category or "",
        )
    else:
        appbuilder.add_view_no_menu(view)
