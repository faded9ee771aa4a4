"""The password policy (NIST SP 800-63B): length, breached lists, guessability.

12 to 1024 characters, any character, no composition rules. Refused when the
password is in the breached-password list shipped in ``core/data`` (optionally
also Have I Been Pwned, see :mod:`.breach`) or when zxcvbn scores it below 3;
the reasons are given in words, in the visitor's language.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from zxcvbn import zxcvbn

from .breach import in_breached_list, pwned_online

MIN_LENGTH = 12
MAX_LENGTH = 1024
MIN_SCORE = 3
ZXCVBN_MAX_CHARS = 72  # zxcvbn 4.5 refuses longer input (and is quadratic)

# zxcvbn's English feedback, in French (msgids) and translated by the catalogue.
FEEDBACK = {
    "Use a few words, avoid common phrases.": _l(
        "Utilisez quelques mots, en évitant les expressions courantes."
    ),
    "No need for symbols, digits, or uppercase letters.": _l(
        "Inutile d’ajouter symboles, chiffres ou majuscules."
    ),
    "Add another word or two. Uncommon words are better.": _l(
        "Ajoutez un ou deux mots, de préférence peu courants."
    ),
    "Straight rows of keys are easy to guess.": _l(
        "Les rangées de touches du clavier sont faciles à deviner."
    ),
    "Short keyboard patterns are easy to guess.": _l(
        "Les motifs courts sur le clavier sont faciles à deviner."
    ),
    "Use a longer keyboard pattern with more turns.": _l(
        "Utilisez un motif de clavier plus long, avec plus de changements de direction."
    ),
    'Repeats like "aaa" are easy to guess.': _l(
        "Les répétitions comme « aaa » sont faciles à deviner."
    ),
    'Repeats like "abcabcabc" are only slightly harder to guess than "abc".': _l(
        "Les répétitions comme « abcabcabc » sont à peine plus difficiles à deviner que « abc »."
    ),
    "Avoid repeated words and characters.": _l("Évitez les mots et caractères répétés."),
    'Sequences like "abc" or "6543" are easy to guess.': _l(
        "Les suites comme « abc » ou « 6543 » sont faciles à deviner."
    ),
    "Avoid sequences.": _l("Évitez les suites."),
    "Recent years are easy to guess.": _l("Les années récentes sont faciles à deviner."),
    "Avoid recent years.": _l("Évitez les années récentes."),
    "Avoid years that are associated with you.": _l("Évitez les années qui vous sont associées."),
    "Dates are often easy to guess.": _l("Les dates sont souvent faciles à deviner."),
    "Avoid dates and years that are associated with you.": _l(
        "Évitez les dates et années qui vous sont associées."
    ),
    "This is a top-10 common password.": _l("C’est l’un des 10 mots de passe les plus courants."),
    "This is a top-100 common password.": _l("C’est l’un des 100 mots de passe les plus courants."),
    "This is a very common password.": _l("C’est un mot de passe très courant."),
    "This is similar to a commonly used password.": _l(
        "Il ressemble à un mot de passe très utilisé."
    ),
    "A word by itself is easy to guess.": _l("Un mot seul est facile à deviner."),
    "Names and surnames by themselves are easy to guess.": _l(
        "Les noms et prénoms seuls sont faciles à deviner."
    ),
    "Common names and surnames are easy to guess.": _l(
        "Les noms et prénoms courants sont faciles à deviner."
    ),
    "Capitalization doesn't help very much.": _l("Une majuscule au début n’aide pas beaucoup."),
    "All-uppercase is almost as easy to guess as all-lowercase.": _l(
        "Tout en majuscules est presque aussi facile à deviner que tout en minuscules."
    ),
    "Reversed words aren't much harder to guess.": _l(
        "Les mots à l’envers ne sont guère plus difficiles à deviner."
    ),
    "Predictable substitutions like '@' instead of 'a' don't help very much.": _l(
        "Les substitutions prévisibles comme « @ » au lieu de « a » n’aident pas beaucoup."
    ),
}


def translate_feedback(text: str) -> str | None:
    message = FEEDBACK.get(text)
    return str(message) if message is not None else None


def password_problems(
    password: str, user_inputs: Iterable[str] = (), check_online: bool | None = None
) -> list[str]:
    """Why this password is refused (translated sentences); empty when accepted."""
    password = unicodedata.normalize("NFKC", password or "")
    if len(password) < MIN_LENGTH:
        return [_("Le mot de passe doit contenir au moins %(n)d caractères.", n=MIN_LENGTH)]
    if len(password) > MAX_LENGTH:
        return [_("Le mot de passe doit contenir au plus %(n)d caractères.", n=MAX_LENGTH)]
    if in_breached_list(password) or pwned_online(password, check_online):
        return [
            _(
                "Ce mot de passe figure dans des listes de mots de passe divulgués lors de "
                "fuites de données : choisissez-en un autre."
            )
        ]
    return strength_problems(password, user_inputs)


def strength_problems(password: str, user_inputs: Iterable[str] = ()) -> list[str]:
    """zxcvbn's verdict in words when the score is below ``MIN_SCORE``."""
    inputs = [w[:ZXCVBN_MAX_CHARS] for w in user_inputs if w]
    result = zxcvbn(password[:ZXCVBN_MAX_CHARS], user_inputs=inputs)
    if result["score"] >= MIN_SCORE:
        return []
    # A long password is judged by its best part.
    if (
        len(password) > ZXCVBN_MAX_CHARS
        and zxcvbn(password[-ZXCVBN_MAX_CHARS:], user_inputs=inputs)["score"] >= MIN_SCORE
    ):
        return []
    problems = [_("Ce mot de passe est trop facile à deviner.")]
    feedback = result.get("feedback") or {}
    for text in [feedback.get("warning") or ""] + list(feedback.get("suggestions") or []):
        translated = translate_feedback(text) if text else None
        if translated and translated not in problems:
            problems.append(translated)
    if len(problems) == 1:
        problems.append(_("Essayez une phrase de passe de quatre ou cinq mots peu courants."))
    return problems
