"""Activity events: what members do, for the KPIs (``api.record``).

No page views and no personal data beyond the acting member's id, which is
anonymised when the member is erased; rows older than ``[activity]
retention_days`` are purged daily.
"""
