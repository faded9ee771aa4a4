"""Append-only audit trail of security events (spec 6.2.5)."""
