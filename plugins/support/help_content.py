"""The default knowledge base: one short guide per area of the platform, in French
and English, loaded with the demonstration data (``tremplin demo``) or on demand
(``tremplin support load-help``). The contextual help links of every form point to
them (see :mod:`.contextual`). Articles already present are left as they are: the
team's edits win."""

from __future__ import annotations

from typing import NamedTuple


class Guide(NamedTuple):
    slug: str
    category: str
    title_fr: str
    title_en: str
    body_fr: str
    body_en: str


GUIDES: tuple[Guide, ...] = (
    Guide(
        "creer-son-compte",
        "account",
        "Créer son compte et confirmer son adresse",
        "Creating your account and confirming your address",
        "Choisissez le type de compte (entreprise ou expert), puis remplissez le formulaire "
        "d’inscription. Un courriel de confirmation vous est envoyé : ouvrez le lien qu’il "
        "contient pour activer le compte.\n\n"
        "- Pas de courriel ? Vérifiez les indésirables, puis demandez un nouvel envoi.\n"
        "- Le mot de passe doit être long et ne pas figurer parmi les mots de passe connus.",
        "Choose the kind of account (company or expert), then fill in the sign-up form. A "
        "confirmation e-mail is sent to you: open its link to activate the account.\n\n"
        "- No e-mail? Check your spam folder, then ask for a new one.\n"
        "- The password must be long and must not be a known password.",
    ),
    Guide(
        "se-connecter-et-securiser-son-compte",
        "account",
        "Se connecter et sécuriser son compte",
        "Signing in and securing your account",
        "Connectez-vous avec votre adresse et votre mot de passe. Activez la vérification en "
        "deux étapes (application ou SMS) depuis « Sécurité du compte » et gardez vos codes "
        "de secours en lieu sûr.\n\n"
        "- Mot de passe oublié : utilisez « Mot de passe oublié » sur la page de connexion.\n"
        "- Vos sessions ouvertes se consultent et se ferment depuis la même page.",
        "Sign in with your address and password. Turn on two-step verification (app or SMS) "
        "from “Account security” and keep your recovery codes somewhere safe.\n\n"
        "- Forgot your password? Use “Forgot password” on the sign-in page.\n"
        "- Your open sessions are listed and can be ended from the same page.",
    ),
    Guide(
        "donnees-personnelles",
        "account",
        "Vos données personnelles : export et suppression",
        "Your personal data: export and deletion",
        "Vous pouvez télécharger toutes les données que la plateforme détient sur vous, ou "
        "demander la suppression de votre compte. La suppression prend effet après un délai "
        "pendant lequel vous pouvez encore l’annuler.",
        "You can download all the data the platform holds about you, or ask for your account "
        "to be deleted. Deletion takes effect after a delay during which you can still "
        "cancel it.",
    ),
    Guide(
        "notifications",
        "account",
        "Choisir comment être prévenu",
        "Choosing how you are notified",
        "Pour chaque type de notification, choisissez : dans la plateforme seulement, par "
        "courriel aussitôt, dans un résumé quotidien, ou pas du tout. Chaque courriel contient "
        "aussi un lien pour ne plus en recevoir de ce type.",
        "For each kind of notification, choose: in the platform only, by e-mail at once, in "
        "a daily digest, or not at all. Every e-mail also has a link to stop that kind.",
    ),
    Guide(
        "tableau-de-bord",
        "content",
        "Personnaliser son tableau de bord",
        "Personalising your dashboard",
        "Le tableau de bord rassemble vos premiers pas, vos événements, vos messages et des "
        "recommandations. Affichez, masquez ou réordonnez les blocs : vos choix sont gardés.",
        "The dashboard gathers your first steps, events, messages and recommendations. Show, "
        "hide or reorder its cards: your choices are kept.",
    ),
    Guide(
        "fiche-entreprise",
        "content",
        "Créer et compléter la fiche de votre entreprise",
        "Creating and completing your company profile",
        "La fiche présente votre entreprise dans l’annuaire. Une fiche complète (logo, "
        "présentation, produits, marchés cibles, photos) inspire confiance.\n\n"
        "- Choisissez pour chaque rubrique qui peut la voir : tout le monde, les membres ou "
        "les membres vérifiés.\n"
        "- Invitez vos collègues à représenter l’entreprise depuis « Représentants ».",
        "The profile presents your company in the directory. A complete profile (logo, "
        "description, products, target markets, photos) builds trust.\n\n"
        "- For each section, choose who may see it: everyone, members or verified members.\n"
        "- Invite colleagues to represent the company from “Representatives”.",
    ),
    Guide(
        "profil-expert",
        "content",
        "Rédiger son profil d’expert",
        "Writing your expert profile",
        "Indiquez vos domaines d’expertise, secteurs, pays et langues, et dites si vous "
        "acceptez du mentorat : la plateforme vous recommande aux entreprises qui en ont "
        "besoin.",
        "List your areas of expertise, sectors, countries and languages, and say whether you "
        "offer mentoring: the platform recommends you to the companies that need it.",
    ),
    Guide(
        "utiliser-l-annuaire",
        "content",
        "Chercher une entreprise ou un expert dans l’annuaire",
        "Finding a company or an expert in the directory",
        "Cherchez par mots-clés et affinez par pays, secteur, marché cible ou badge "
        "« vérifiée ». Les informations affichées dépendent de ce que chaque membre a rendu "
        "visible.",
        "Search with keywords and narrow by country, sector, target market or the “verified” "
        "badge. What you see depends on what each member made visible.",
    ),
    Guide(
        "signaler-un-contenu",
        "other",
        "Signaler un profil ou un message",
        "Reporting a profile or a message",
        "Un profil ou un message vous semble frauduleux, injurieux ou illicite ? Utilisez "
        "« Signaler » et choisissez un motif. L’équipe de modération examine chaque "
        "signalement ; la personne signalée ne sait pas qui l’a signalée.",
        "Does a profile or a message look fraudulent, abusive or illegal? Use “Report” and "
        "choose a reason. The moderation team reviews every report; the reported person does "
        "not learn who reported them.",
    ),
    Guide(
        "verification-entreprise",
        "verification",
        "Faire vérifier son entreprise",
        "Getting your company verified",
        "Déposez les justificatifs demandés (immatriculation, pièce d’identité du "
        "représentant…) en PDF ou en image. Un modérateur les examine ; vous êtes prévenu de "
        "la décision et pouvez faire appel d’un refus.",
        "Upload the requested documents (registration, the representative’s ID…) as PDF or "
        "images. A moderator reviews them; you are told the decision and may appeal a "
        "refusal.",
    ),
    Guide(
        "diagnostic-export",
        "content",
        "Passer le diagnostic de maturité à l’export",
        "Taking the export readiness assessment",
        "Le diagnostic pose quelques questions par thème ; vos réponses sont enregistrées à "
        "chaque étape et vous pouvez reprendre plus tard. À la fin, vous recevez un niveau, "
        "des points forts et des recommandations.",
        "The assessment asks a few questions per topic; your answers are saved at each step "
        "and you can come back later. At the end you get a level, strengths and "
        "recommendations.",
    ),
    Guide(
        "messagerie",
        "content",
        "Écrire aux autres membres",
        "Writing to other members",
        "La messagerie relie les membres de la plateforme. Vous pouvez joindre des fichiers, "
        "archiver une conversation, bloquer un membre et choisir vos alertes par courriel.",
        "Messaging connects the platform’s members. You can attach files, archive a "
        "conversation, block a member and choose your e-mail alerts.",
    ),
    Guide(
        "evenements-et-missions",
        "content",
        "S’inscrire aux événements et demander des rendez-vous",
        "Registering for events and asking for meetings",
        "Inscrivez-vous aux événements et missions économiques, ajoutez-les à votre agenda et "
        "demandez des rendez-vous d’affaires aux autres participants.",
        "Register for events and trade missions, add them to your calendar and ask other "
        "participants for business meetings.",
    ),
    Guide(
        "ressources-et-etudes",
        "content",
        "Trouver des ressources et demander une étude",
        "Finding resources and asking for a study",
        "Consultez les guides, fiches pays et études. Si l’information manque, demandez une "
        "étude de marché : vous suivez votre demande depuis « Mes demandes ».",
        "Browse guides, country sheets and studies. If something is missing, ask for a market "
        "study: follow your request from “My requests”.",
    ),
    Guide(
        "repondre-aux-enquetes",
        "content",
        "Répondre aux enquêtes",
        "Answering surveys",
        "Les enquêtes aident l’OIF à mesurer les effets de ses programmes. Vos réponses sont "
        "enregistrées à l’envoi ; certaines enquêtes sont anonymes.",
        "Surveys help the OIF measure the effects of its programmes. Your answers are saved "
        "when you send them; some surveys are anonymous.",
    ),
    Guide(
        "donner-son-avis",
        "other",
        "Donner son avis sur la plateforme",
        "Giving feedback on the platform",
        "Une idée, une difficulté ? Le formulaire d’avis arrive directement à l’équipe. Pour "
        "une question qui demande une réponse, ouvrez plutôt une demande d’assistance.",
        "An idea, a problem? The feedback form goes straight to the team. For a question that "
        "needs an answer, open a support request instead.",
    ),
    Guide(
        "demande-d-assistance",
        "technical",
        "Poser une question à l’assistance",
        "Asking the support team",
        "Choisissez une rubrique, décrivez votre question et joignez une capture si besoin. "
        "Vous suivez la réponse dans « Mes demandes » et donnez votre avis à la clôture.",
        "Choose a category, describe your question and attach a screenshot if needed. Follow "
        "the answer in “My requests” and rate it when it is closed.",
    ),
    Guide(
        "signaler-un-probleme-d-accessibilite",
        "accessibility",
        "Signaler un problème d’accessibilité",
        "Reporting an accessibility problem",
        "Une page est difficile à utiliser avec votre lecteur d’écran, au clavier ou en "
        "agrandissant le texte ? Décrivez le problème et la page : l’équipe vous répond et "
        "corrige.",
        "Is a page hard to use with your screen reader, with the keyboard or with enlarged "
        "text? Describe the problem and the page: the team answers and fixes it.",
    ),
)


def load_guides() -> int:
    """Add the guides that are missing (by slug); how many were added. The caller
    commits; each added guide is indexed for the help centre's search."""
    from sqlalchemy import select

    from tremplin.core.api import db

    from .contextual import forget
    from .knowledge import reindex
    from .models import HelpArticle

    present = set(db.session.scalars(select(HelpArticle.slug)))
    added = 0
    for guide in GUIDES:
        if guide.slug in present:
            continue
        article = HelpArticle(**guide._asdict(), published=True)
        db.session.add(article)
        db.session.flush()
        reindex(article)
        added += 1
    forget()
    return added
