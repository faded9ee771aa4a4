"""``tremplin users erase``: erase an account's personal data now (RGPD)."""

from __future__ import annotations

import typer

from .context import app_context, console, fail


def erase(
    login: str = typer.Argument(..., help="Identifiant, e-mail ou n° du compte."),
    yes: bool = typer.Option(False, "--yes", help="Confirmer : l'effacement est définitif."),
) -> None:
    """Effacer tout de suite les données personnelles d'un compte (anonymisation définitive)."""
    from tremplin.core.accounts.gdpr.erasure import ErasureRefused, erase_user
    from tremplin.core.accounts.shared.services import find_user, security_manager
    from tremplin.core.audit.services import acting_as

    if not yes:
        fail("l'effacement est définitif : ajoutez --yes pour confirmer")
    with app_context():
        user = find_user(login)
        if user is None and login.isdigit():
            user = security_manager().get_user_by_id(int(login))
        if user is None:
            fail(f"aucun compte ne correspond à {login!r}")
        user_id = user.id
        try:
            with acting_as(None, "cli"):
                erase_user(user_id)
        except (LookupError, ErasureRefused) as exc:
            fail(str(exc))
    console.print(f"[green]Compte n° {user_id} effacé (anonymisé).[/]")


def register(users_app: typer.Typer) -> None:
    """Add the command to the ``tremplin users`` group."""
    users_app.command("erase")(erase)
