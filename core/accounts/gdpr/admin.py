"""Back office: account deletion requests, and "erase now" for administrators."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect
from flask_appbuilder import ModelView
from flask_appbuilder.actions import action
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ...extensions import db
from .erasure import ErasureRefused, erase_user
from .models import DeletionRequest

CONFIRM = _l("Effacer définitivement les données personnelles de ces comptes ?")


def erase_many(user_ids: list[int]) -> None:
    """Erase each account, flashing one line per outcome."""
    for user_id in user_ids:
        try:
            erase_user(user_id)
            flash(_("Compte n° %(id)s effacé.", id=user_id), "success")
        except (LookupError, ErasureRefused) as exc:
            db.session.rollback()
            flash(
                _("Compte n° %(id)s non effacé : %(reason)s", id=user_id, reason=str(exc)), "danger"
            )


class DeletionRequestView(ModelView):
    """Deletion requests in their grace period, cancelled or done."""

    datamodel = SQLAInterface(DeletionRequest)
    base_permissions = ["can_list", "can_show"]
    list_columns = ["user_id", "requested_at", "due_at", "state", "closed_at"]
    search_columns = ["state", "due_at", "user_id"]
    base_order = ("requested_at", "desc")
    label_columns = {
        "user_id": _l("N° compte"),
        "requested_at": _l("Demandée le (UTC)"),
        "due_at": _l("Effacement prévu (UTC)"),
        "state": _l("État"),
        "closed_at": _l("Clôturée le"),
    }

    @action("erase_now", _l("Effacer maintenant"), CONFIRM, "fa-user-times")
    def erase_now(self, items: Any) -> Any:
        rows = items if isinstance(items, list) else [items]
        erase_many([r.user_id for r in rows if r.state == "pending"])
        self.update_redirect()
        return redirect(self.get_redirect())


class ErasableUserViewMixin:
    """Mixed into FAB's user view: the "erase personal data" action."""

    @action("erase_personal_data", _l("Effacer les données personnelles"), CONFIRM, "fa-user-times")
    def erase_personal_data(self, items: Any) -> Any:
        rows = items if isinstance(items, list) else [items]
        erase_many([r.id for r in rows])
        self.update_redirect()  # type: ignore[attr-defined]
        return redirect(self.get_redirect())  # type: ignore[attr-defined]
