"""Flask-AppBuilder's security manager, with every security view under ``/admin/``
and FAB's own login form replaced by the portal's sign-in (one way in)."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import redirect, request, url_for
from flask_appbuilder import expose
from flask_appbuilder.security import views as fab_views
from flask_appbuilder.security.sqla.manager import SecurityManager


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


class UserDBModelView(fab_views.UserDBModelView):
    route_base = "/admin/users"


class RoleModelView(fab_views.RoleModelView):
    route_base = "/admin/roles"


class UserGroupModelView(fab_views.UserGroupModelView):
    route_base = "/admin/groups"


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
    route_base = "/admin/resetmypassword"


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
