"""Portal pages owned by core."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from ..health import readiness
from ..i18n import best_accept_language, languages
from ..plugins import flatten
from ..security.permissions import require
from . import services

blueprint = Blueprint("portal", __name__)
root = Blueprint("root", __name__)


@root.get("/")
def index() -> Response:
    """Send visitors to their language's home page (``Accept-Language``)."""
    response = redirect(url_for("portal.home", lang_code=best_accept_language()))
    response.headers["Vary"] = "Accept-Language"
    return response


@root.get("/robots.txt")
def robots() -> Response:
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /api/", "Disallow: /swagger/"]
    lines += [f"Disallow: /{lang}/dashboard" for lang in languages()]
    lines.append(f"Sitemap: {current_app.config['TREMPLIN_BASE_URL']}/sitemap.xml")
    return Response("\n".join(lines) + "\n", mimetype="text/plain")


@root.get("/sitemap.xml")
def sitemap() -> Response:
    pm = current_app.extensions["tremplin"].pm
    entries = flatten(pm.hook.sitemap_entries())
    xml = render_template("portal/sitemap.xml", urls=services.sitemap_urls(entries))
    return Response(xml, mimetype="application/xml")


@root.get("/healthz")
def healthz() -> Response:
    """The process is alive (no dependency checked)."""
    return jsonify(status="ok")


@root.get("/readyz")
def readyz() -> tuple[Response, int]:
    """Database, task queue and every contributed check answer."""
    checks = readiness()
    ready = all(reason is None for reason in checks.values())
    body = {
        "status": "ok" if ready else "unavailable",
        "checks": {name: reason or "ok" for name, reason in checks.items()},
    }
    return jsonify(body), 200 if ready else 503


@blueprint.get("/")
def home() -> str:
    return render_template("portal/home.html", **services.home_figures())


@blueprint.get("/dashboard")
@login_required
@require("can_view", "Dashboard")
def dashboard() -> str:
    pm = current_app.extensions["tremplin"].pm
    widgets = sorted(flatten(pm.hook.dashboard_widgets(user=current_user)), key=lambda w: w.order)
    return render_template("portal/dashboard.html", widgets=widgets)


@blueprint.get("/search")
def search() -> str:
    query = request.args.get("q", "").strip()
    if len(query) > 200:
        abort(400)
    types = services.search_types()
    chosen = request.args.get("type", "")
    chosen = chosen if chosen in types else ""
    page = request.args.get("page", "1")
    number = int(page) if page.isdigit() and 0 < len(page) < 6 else 1
    found = services.search(query, chosen, number) if query else None
    return render_template(
        "portal/search.html", query=query, found=found, types=types, chosen=chosen
    )
