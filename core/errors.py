"""Friendly error pages in both languages, with the request id to quote (ET10)."""

from __future__ import annotations

import logging

from flask import Flask, g, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException, InternalServerError

from .i18n import best_accept_language, languages

log = logging.getLogger("tremplin.errors")

MESSAGES = {
    400: (
        _l("Requête incorrecte"),
        _l("La demande n'a pas pu être comprise. Vérifiez le formulaire et réessayez."),
    ),
    403: (_l("Accès refusé"), _l("Vous n'avez pas l'autorisation d'ouvrir cette page.")),
    404: (_l("Page introuvable"), _l("Cette page n'existe pas ou a été déplacée.")),
    405: (_l("Méthode non autorisée"), _l("Cette action n'est pas possible sur cette page.")),
    413: (_l("Fichier trop volumineux"), _l("L'envoi dépasse la taille maximale autorisée.")),
    429: (
        _l("Trop de tentatives"),
        _l("Vous avez fait trop de demandes. Patientez quelques minutes puis réessayez."),
    ),
    500: (
        _l("Erreur interne"),
        _l("Une erreur inattendue s'est produite. L'équipe technique a été prévenue."),
    ),
}


def _wants_json() -> bool:
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return (
        best == "application/json"
        and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]
    )


def _language_from_path() -> None:
    first = request.path.strip("/").split("/", 1)[0]
    if not g.get("lang_code"):
        g.lang_code = first if first in languages() else best_accept_language()


def handle_http_error(error: HTTPException):  # type: ignore[no-untyped-def]
    code = error.code or 500
    if code not in MESSAGES:
        return error
    _language_from_path()
    title, text = MESSAGES[code]
    if code >= 500:
        log.error("server error", exc_info=getattr(error, "original_exception", None) or None)
    if _wants_json():
        return jsonify(error=str(title), status=code, request_id=g.get("request_id")), code
    return render_template("errors/error.html", code=code, title=title, text=text), code


def handle_unexpected(error: Exception):  # type: ignore[no-untyped-def]
    log.exception("unhandled exception")
    wrapped = InternalServerError(original_exception=error)
    return handle_http_error(wrapped)


def _assign_request_id_first(app: Flask) -> None:
    """CSRF (reading an oversized body: 413) and the rate limiter (429) raise in
    ``before_request`` hooks registered before the request id's: run that one first,
    so that every error page shows the id to quote."""
    hooks = app.before_request_funcs.setdefault(None, [])
    first = [f for f in hooks if f.__name__ == "assign_request_id"]
    hooks[:] = first + [f for f in hooks if f not in first]


def install(app: Flask) -> None:
    _assign_request_id_first(app)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Exception, handle_unexpected)
