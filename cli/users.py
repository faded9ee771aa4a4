"""``tremplin users``: accounts from the command line. Passwords never on argv."""

from __future__ import annotations

import typer
from rich.table import Table

from .context import app_context, console, fail, read_secret_stdin

app = typer.Typer(help="Comptes utilisateurs.", no_args_is_help=True)


def ask_password(password_stdin: bool) -> str:
    if password_stdin:
        return read_secret_stdin()
    return str(typer.prompt("Mot de passe", hide_input=True, confirmation_prompt=True))


@app.command()
def create(
    username: str = typer.Option(..., help="Identifiant de connexion."),
    email: str = typer.Option(..., help="Adresse e-mail."),
    first_name: str = typer.Option(..., "--first-name", help="Prénom."),
    last_name: str = typer.Option(..., "--last-name", help="Nom."),
    role: list[str] = typer.Option(["Company"], help="Rôle (répétable)."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Lire le mot de passe sur l'entrée standard."
    ),
) -> None:
    """Créer un compte (le mot de passe est demandé, jamais passé en argument)."""
    from tremplin.core.accounts.shared.services import create_user, validate_new_user

    problem = validate_new_user(username, email, first_name, last_name)
    if problem:
        fail(problem)
    password = ask_password(password_stdin)
    with app_context():
        from tremplin.core.accounts.passwords.policy import password_problems

        problems = password_problems(password, [username, email, first_name, last_name])
        if problems:
            fail("mot de passe refusé : " + " ".join(problems))
        try:
            user = create_user(username, email, first_name, last_name, password, role)
        except ValueError as exc:
            fail(str(exc))
    console.print(f"[green]Compte {user.username} créé ({', '.join(role)}).[/]")


@app.command("list")
def list_users(role: str = typer.Option(None, help="Seulement ce rôle.")) -> None:
    """Lister les comptes."""
    from tremplin.core.accounts.shared.services import security_manager

    table = Table("id", "identifiant", "e-mail", "nom", "rôles", "actif", "dernière connexion")
    with app_context():
        for user in security_manager().get_all_users():
            names = [r.name for r in user.roles]
            if role and role not in names:
                continue
            table.add_row(
                str(user.id),
                user.username,
                user.email,
                f"{user.first_name} {user.last_name}",
                ", ".join(names),
                "oui" if user.active else "non",
                user.last_login.strftime("%Y-%m-%d %H:%M") if user.last_login else "-",
            )
    console.print(table)


@app.command("set-role")
def set_role(
    login: str = typer.Argument(..., help="Identifiant ou e-mail."),
    role: list[str] = typer.Option(..., help="Nouveau(x) rôle(s), remplace les actuels."),
) -> None:
    """Remplacer les rôles d'un compte."""
    from tremplin.core.accounts.shared.services import set_roles

    with app_context():
        try:
            set_roles(login, role)
        except (LookupError, ValueError) as exc:
            fail(str(exc))
    console.print(f"[green]Rôles de {login} : {', '.join(role)}.[/]")


@app.command()
def deactivate(login: str = typer.Argument(..., help="Identifiant ou e-mail.")) -> None:
    """Désactiver un compte (il ne peut plus se connecter ; rien n'est effacé)."""
    from tremplin.core.accounts.shared.services import set_active

    with app_context():
        try:
            set_active(login, False)
        except LookupError as exc:
            fail(str(exc))
    console.print(f"[green]Compte {login} désactivé.[/]")
