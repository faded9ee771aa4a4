"""Flask-AppBuilder's security manager, with every security view under ``/admin/``
and FAB's own login form replaced by the portal's sign-in (one way in)."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from flask import current_app, g, has_request_context, redirect, request, url_for
from flask_appbuilder import expose
from flask_appbuilder.exceptions import PasswordComplexityValidationError
from flask_appbuilder.security import views as fab_views
from flask_appbuilder.security.decorators import has_access
from flask_appbuilder.security.sqla.manager import SecurityManager
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import SQLAlchemyError

from ..accounts.gdpr.admin import ErasableUserViewMixin
from ..accounts.mfa import services as mfa
from ..accounts.passwords import services as passwords
from ..accounts.passwords.policy import password_problems
from ..accounts.shared import changes as account_changes
from ..audit.admin import AuditedUserViewMixin
from ..extensions import db
from ..security import access

log = logging.getLogger("tremplin.accounts")


class AuthDBView(fab_views.AuthDBView):
    """FAB's login and logout URLs hand over to the portal's sign-in pages."""

    route_base = "/admin"

    @expose("/login/", methods=["GET", "POST"])
    def login(self):  # type: ignore[no-untyped-def]
        return redirect(url_for("accounts.login", next=_local_target(request.args.get("next"))))

    @expose("/logout/", methods=["GET", "POST"])
    def logout(self):  # type: ignore[no-untyped-def]
        return redirect(url_for("accounts.logout"))


def _local_target(target: str | None) -> str:
    """FAB passes absolute ``next`` URLs; keep the path when it is this site's."""
    default = url_for("AdminIndexView.index")
    if not target:
        return default
    parts = urlsplit(target)
    if parts.netloc and parts.netloc != request.host:
        return default
    return parts.path + (f"?{parts.query}" if parts.query else "") or default


class UserDBModelView(AuditedUserViewMixin, ErasableUserViewMixin, fab_views.UserDBModelView):
    """Passwords hashed with argon2id; role and e-mail edits become account events;
    admin actions on accounts are audited; "erase personal data" action (GDPR)."""

    route_base = "/admin/users"

    def pre_add(self, item: Any) -> None:
        item.password = passwords.hash_password(item.password)

    def pre_update(self, item: Any) -> None:
        g.account_changes = account_changes.pending_changes(item)
        super().pre_update(item)

    def post_update(self, item: Any) -> None:
        changes = g.pop("account_changes", None)
        if changes is not None:
            account_changes.emit_changes(item, changes, by=g.user)
        super().post_update(item)  # audit (AuditedUserViewMixin)


class RoleModelView(fab_views.RoleModelView):
    route_base = "/admin/roles"


class UserGroupModelView(fab_views.UserGroupModelView):
    """FAB's groups, with titles in our catalogues (FAB 5.3 ships its French
    translation of them uncompiled)."""

    route_base = "/admin/groups"
    list_title = _l("Groupes")
    show_title = _l("Groupe")
    add_title = _l("Ajouter un groupe")
    edit_title = _l("Modifier le groupe")


class PermissionModelView(fab_views.PermissionModelView):
    route_base = "/admin/permissions"


class ViewMenuModelView(fab_views.ViewMenuModelView):
    route_base = "/admin/viewmenus"


class PermissionViewModelView(fab_views.PermissionViewModelView):
    route_base = "/admin/permissionviews"


class UserStatsChartView(fab_views.UserStatsChartView):
    route_base = "/admin/userstats"


class ResetPasswordView(fab_views.ResetPasswordView):
    route_base = "/admin/resetpassword"


class ResetMyPasswordView(fab_views.ResetMyPasswordView):
    """Members change their own password on the portal (current password asked)."""

    route_base = "/admin/resetmypassword"

    @expose("/form", methods=["GET"])
    @has_access
    def this_form_get(self):  # type: ignore[no-untyped-def]
        return redirect(url_for("accounts.password_change"))

    @expose("/form", methods=["POST"])
    @has_access
    def this_form_post(self):  # type: ignore[no-untyped-def]
        return redirect(url_for("accounts.password_change"))


class UserInfoEditView(fab_views.UserInfoEditView):
    route_base = "/admin/userinfoedit"


class TremplinSecurityManager(SecurityManager):
    """The platform's one security manager (set before ``init_app``)."""

    authdbview = AuthDBView
    userdbmodelview = UserDBModelView
    rolemodelview = RoleModelView
    groupmodelview = UserGroupModelView
    permissionmodelview = PermissionModelView
    viewmenumodelview = ViewMenuModelView
    permissionviewmodelview = PermissionViewModelView
    userstatschartview = UserStatsChartView
    resetpasswordview = ResetPasswordView
    resetmypasswordview = ResetMyPasswordView
    userinfoeditview = UserInfoEditView

    def __init__(self, appbuilder: Any) -> None:
        super().__init__(appbuilder)
        self.permission_cache = access.PermissionCache()
        # FAB's password forms (back office) apply the platform's policy.
        current_app.config["FAB_PASSWORD_COMPLEXITY_ENABLED"] = True
        current_app.config["FAB_PASSWORD_COMPLEXITY_VALIDATOR"] = fab_password_validator

    def load_user(self, pk: Any) -> Any | None:
        """Flask-Login's loader: the member, roles and security row in one query
        (see :mod:`tremplin.core.security.access`)."""
        try:
            user = access.load_member(int(pk))
        except SQLAlchemyError:  # database not upgraded yet: FAB's own queries still work
            db.session.rollback()
            log.warning(
                "member loader fell back to Flask-AppBuilder's (run tremplin db upgrade)",
                extra={"event": "auth.loader_fallback"},
            )
            return super().load_user(pk)
        return user if user is not None and user.is_active else None

    def exist_permission_on_roles(
        self, view_name: str, permission_name: str, role_ids: list[int]
    ) -> bool:
        """FAB's question for database roles, answered from the per-process cache
        while this request's permission generation is known (no query per check)."""
        generation = access.request_generation()
        if generation is None:
            return bool(super().exist_permission_on_roles(view_name, permission_name, role_ids))
        pairs = self.permission_cache.pairs(
            generation, tuple(sorted(set(role_ids))), self._role_permission_pairs
        )
        return (permission_name, view_name) in pairs

    def _role_permission_pairs(self, role_ids: tuple[int, ...]) -> frozenset[tuple[str, str]]:
        return frozenset(
            (pv.permission.name, pv.view_menu.name)
            for role_id in role_ids
            for pv in self.get_db_role_permissions(role_id)
        )

    def auth_user_db(self, username: str, password: str) -> Any | None:
        """FAB's check with argon2id, upgrading old (Werkzeug) hashes on success."""
        if not username or not password:
            return None
        user = self.find_user(username=username) or self.find_user(email=username)
        if user is None or not user.is_active:
            passwords.spend_verify_time(password)
            return None
        ok, needs_rehash = passwords.verify_password(user.password, password)
        if not ok:
            self.update_user_auth_stat(user, False)
            return None
        if api_sign_in_without_mfa(user):
            return None
        if needs_rehash:
            passwords.upgrade_hash(user, password)
        self.update_user_auth_stat(user, True)
        return user

    def add_user(
        self,
        username: str,
        first_name: str,
        last_name: str,
        email: str,
        role: Any = None,
        password: str = "",
        hashed_password: str = "",
        **kwargs: Any,
    ) -> Any:
        if password and not hashed_password:
            hashed_password = passwords.hash_password(password)
        return super().add_user(
            username, first_name, last_name, email, role, hashed_password=hashed_password, **kwargs
        )

    def reset_password(self, userid: Any, password: str) -> None:
        """Back-office password reset (the form already applied the policy)."""
        user = self.get_user_by_id(userid)
        by = getattr(g, "user", None)
        via = "profile" if by is not None and getattr(by, "id", None) == user.id else "admin"
        passwords.set_password(user, password, via=via, by=by, enforce=False)

    def update_user(self, user: Any, commit: bool = True) -> Any:
        """FAB's update, plus ``role_changed`` / ``email_changed`` events."""
        changes = account_changes.pending_changes(user)
        result = super().update_user(user, commit=commit)
        if result is not False and commit:
            account_changes.emit_changes(user, changes, by=getattr(g, "user", None))
        return result


def api_sign_in_without_mfa(user: Any) -> bool:
    """The REST API's login (``/api/v1/security/login``) has no second step: it is
    refused to accounts that use, or must use, two-step verification."""
    if not has_request_context() or not request.path.startswith("/api/"):
        return False
    if not (mfa.mfa_enabled(user) or mfa.mfa_required_for(user)):
        return False
    log.info(
        "API sign-in refused: account uses MFA",
        extra={"event": "auth.api_login_mfa", "user_id": user.id},
    )
    return True


def fab_password_validator(password: str) -> None:
    problems = password_problems(password)
    if problems:
        raise PasswordComplexityValidationError(" ".join(problems))
