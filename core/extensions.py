"""Flask extensions, created unbound and bound in ``create_app`` (Flask tutorial idiom).

``db`` shares Flask-AppBuilder's declarative metadata, so Alembic sees FAB's
``ab_*`` tables and ours together. Its session runs ``after_commit`` callables
(:mod:`tremplin.core.events`).
"""

from __future__ import annotations

from flask_appbuilder import AppBuilder, Model
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

from .events import Session

db = SQLAlchemy(model_class=Model, session_options={"class_": Session})
migrate = Migrate()
csrf = CSRFProtect()
appbuilder = AppBuilder()
