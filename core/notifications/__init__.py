"""Notifications (``api.notify``): a centre in the portal, e-mails at once or in a
daily digest, per-member preferences, one-click unsubscribe.

The notification and its e-mail deliveries are rows written in the caller's
transaction (an outbox): nothing is lost when the mail server, Redis or the worker is
down; a periodic sweep sends what the after-commit task missed, and a conditional
claim makes sure each e-mail leaves once.
"""
