"""Back office: figures of the messaging (no content: reported messages are read
through the moderation queue only)."""

from __future__ import annotations

from typing import Any

from flask_appbuilder import BaseView, expose
from flask_appbuilder.security.decorators import has_access
from sqlalchemy import func, select

from tremplin.core.api import db

from .models import Attachment, Block, Conversation, Message
from .rotation import pending


class MessagingStatsView(BaseView):
    route_base = "/messaging"
    default_view = "stats"

    @expose("/")
    @has_access
    def stats(self) -> Any:
        count = lambda model: int(db.session.scalar(select(func.count(model.id))) or 0)  # noqa: E731
        figures = {
            "conversations": count(Conversation),
            "messages": count(Message),
            "attachments": count(Attachment),
            "blocks": count(Block),
            "hidden": int(
                db.session.scalar(select(func.count(Message.id)).where(Message.hidden)) or 0
            ),
        }
        return self.render_template(
            "messaging/admin_stats.html", figures=figures, pending=pending()
        )
