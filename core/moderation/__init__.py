"""One moderation queue for everything members report, whatever plugin owns it.

A plugin files a report with :func:`report` (``api.report``); moderators work the
queue in the back office (``/admin/moderation/``). The owning plugin shows the
reported object through the ``moderation_target`` hook and applies ``hide`` and
``restore`` through ``moderation_apply``; core itself warns and suspends accounts.
Every action is audited; reading a reported object needs a verified second factor.
"""

from .models import Report
from .services import ACTIONS, REASONS, handling, report, reports_on

__all__ = ["ACTIONS", "REASONS", "Report", "handling", "report", "reports_on"]
