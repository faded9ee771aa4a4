"""A notification type that brings its own e-mail templates (``email_template``)."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

from tremplin.core.api import NotificationType, db, hookimpl, notify
from tremplin.core.testing.plugins import load_uninstalled

TESTPLUGIN = Path(__file__).resolve().parents[1] / "testplugin"


class CustomMail:
    """A plugin object: its type's e-mails use the test plugin's templates."""

    @staticmethod
    @hookimpl
    def register_notification_types() -> list[NotificationType]:
        return [
            NotificationType(
                "custom.mail",
                "Sur mesure",
                "Objet sur mesure",
                default_channel="email",
                email_template="testplugin/custom_email.txt",
            )
        ]


EXTRA_PLUGINS = [
    load_uninstalled(TESTPLUGIN, "tremplin_testplugin", "plugin"),
    load_uninstalled(TESTPLUGIN, "tremplin_testplugin", "listener"),
    CustomMail,
]
CONFIG_OVERRIDES = {"accounts": {"mfa_required_roles": []}}


def test_a_type_can_bring_its_own_email_templates(app, make_user):
    user = make_user("kofi", roles=["Company"])
    notify(user, "custom.mail", text="<b>fait main</b>")
    db.session.commit()
    [path] = sorted((Path(app.instance_path) / "outbox").glob("*.eml"))
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert "Objet sur mesure" in message["Subject"]
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Texte sur mesure : <b>fait main</b>" in text  # plain text: as written
    assert "<strong>&lt;b&gt;fait main&lt;/b&gt;</strong>" in html  # HTML: escaped
    assert "/fr/notifications/unsubscribe/" in text and "/fr/notifications/unsubscribe/" in html
