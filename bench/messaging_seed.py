"""Messaging data for the page benchmark: the bench member's inbox of 20
conversations, one of which holds 200 messages (sealed like real ones)."""

from __future__ import annotations

from flask import Flask

CONVERSATIONS = 20
LONG_CONVERSATION = 200
PLUGIN = "messaging"


def enabled(app: Flask) -> bool:
    return PLUGIN in app.extensions["tremplin"].config.get("plugins", "enabled")


def seed(app: Flask, username: str) -> list[str]:
    """Create the data; returns the messaging pages to measure (signed in)."""
    from tremplin.core.accounts.shared.services import create_user, find_user
    from tremplin.core.api import db, members
    from tremplin.plugins.messaging.services import post, start

    with app.test_request_context():
        me = find_user(username)
        others = []
        for i in range(CONVERSATIONS):
            name = f"bench.contact{i}"
            user = find_user(name) or create_user(
                name,
                f"{name}@example.org",
                "Contact",
                f"N{i}",
                "bench-Password-2026-x",
                ["Company"],
            )
            others.append(user)
        db.session.commit()
        [sender] = members(user_ids=[me.id], limit=1)
        contacts = members(user_ids=[u.id for u in others], limit=CONVERSATIONS)
        long_id = 0
        for index, contact in enumerate(contacts):
            conversation, _m = start(
                contact, [me.id], f"Bonjour, message {index} de {contact.display_name}"
            )
            if index == 0:
                long_id = conversation.id
                for n in range(LONG_CONVERSATION - 1):
                    author = sender if n % 2 else contact
                    post(
                        conversation,
                        author,
                        f"Message {n} : https://example.org/produit/{n} — prix, délais, Incoterms.",
                    )
        db.session.commit()
        db.session.remove()
    return ["/fr/messages/", f"/fr/messages/{long_id}"]
