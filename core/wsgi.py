"""WSGI entry point for gunicorn: ``gunicorn tremplin.core.wsgi:app``.

The configuration file comes from ``TREMPLIN_CONFIG``.
"""

from .app import create_app

app = create_app()
