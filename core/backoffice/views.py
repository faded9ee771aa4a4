"""The back office's own pages."""

from __future__ import annotations

from flask_appbuilder import IndexView, expose
from flask_appbuilder.security.decorators import has_access


class AdminIndexView(IndexView):
    """The back office's home, at ``/admin/`` so that FAB never takes ``/``."""

    route_base = "/admin"
    index_template = "appbuilder/index.html"

    @expose("/")
    @has_access
    def index(self):  # type: ignore[no-untyped-def]
        from .figures import all_figures

        return self.render_template(
            self.index_template, appbuilder=self.appbuilder, figures=all_figures()
        )
