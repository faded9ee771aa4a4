"""The resource centre: guides, country sheets, market studies and partner links,
with per-item access rights, counted downloads, custom-study requests and an
editorial workflow (draft, review, scheduled publication, review reminders)."""
