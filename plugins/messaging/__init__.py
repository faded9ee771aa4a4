"""Secure messaging between members: conversations, attachments, batched e-mail
alerts, blocking and reporting, with bodies and attachments encrypted at rest."""
