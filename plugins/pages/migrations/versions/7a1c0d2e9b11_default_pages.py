"""default pages: about, legal notices, accessibility statement, privacy policy

Revision ID: 7a1c0d2e9b11
Revises: 5e142b064367
Create Date: 2026-11-28 00:40:00

The texts are a starting point that the OIF edits from the back office
(Contenu › Pages); later edits are never overwritten by migrations.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7a1c0d2e9b11"
down_revision: str | Sequence[str] | None = "5e142b064367"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

pages = sa.table(
    "pages_page",
    sa.column("slug", sa.String),
    sa.column("title_fr", sa.String),
    sa.column("title_en", sa.String),
    sa.column("summary_fr", sa.String),
    sa.column("summary_en", sa.String),
    sa.column("body_fr", sa.Text),
    sa.column("body_en", sa.Text),
    sa.column("in_footer", sa.Boolean),
    sa.column("in_menu", sa.Boolean),
    sa.column("position", sa.Integer),
    sa.column("published", sa.Boolean),
)

DEFAULT_PAGES = [
    {
        "slug": "about",
        "position": 1,
        "in_menu": True,
        "in_footer": False,
        "title_fr": "À propos de Tremplin",
        "title_en": "About Tremplin",
        "summary_fr": "Tremplin, la plateforme de l’OIF pour les PME francophones qui se développent à l’international.",
        "summary_en": "Tremplin, the OIF platform for French-speaking SMEs growing internationally.",
        "body_fr": (
            "<p>Tremplin est la plateforme numérique de l’Organisation internationale de la Francophonie (OIF) "
            "qui prolonge ses missions économiques et commerciales. Elle aide les petites et moyennes "
            "entreprises de l’espace francophone à se faire connaître, à trouver des partenaires de confiance "
            "et à préparer leur développement à l’international.</p>"
            "<h2>Ce que vous y trouvez</h2><ul>"
            "<li>un annuaire d’entreprises vérifiées ;</li>"
            "<li>un diagnostic de maturité à l’export ;</li>"
            "<li>une messagerie sécurisée entre membres ;</li>"
            "<li>des guides, fiches pays et études de marché ;</li>"
            "<li>le calendrier des missions économiques et des webinaires.</li></ul>"
            "<h2>Pour qui ?</h2><p>Les primo-exportateurs, les PME en croissance internationale et les "
            "entreprises expérimentées, ainsi que les experts qui les accompagnent.</p>"
        ),
        "body_en": (
            "<p>Tremplin is the digital platform of the Organisation internationale de la Francophonie (OIF) "
            "that extends its economic and trade missions. It helps small and medium-sized businesses across "
            "the French-speaking world get known, find trusted partners and prepare their international growth.</p>"
            "<h2>What you will find</h2><ul>"
            "<li>a directory of verified companies;</li>"
            "<li>an export-readiness self-assessment;</li>"
            "<li>secure messaging between members;</li>"
            "<li>guides, country sheets and market studies;</li>"
            "<li>the calendar of trade missions and webinars.</li></ul>"
            "<h2>Who is it for?</h2><p>First-time exporters, SMEs growing internationally and experienced "
            "exporters, as well as the experts who support them.</p>"
        ),
    },
    {
        "slug": "legal-notices",
        "position": 10,
        "in_menu": False,
        "in_footer": True,
        "title_fr": "Mentions légales",
        "title_en": "Legal notices",
        "summary_fr": "Éditeur, hébergement et propriété intellectuelle de la plateforme Tremplin.",
        "summary_en": "Publisher, hosting and intellectual property of the Tremplin platform.",
        "body_fr": (
            "<h2>Éditeur</h2><p>Organisation internationale de la Francophonie (OIF), 19-21 avenue Bosquet, "
            "75007 Paris, France.</p>"
            "<h2>Hébergement</h2><p>La plateforme est hébergée sur les serveurs de l’OIF, exploités par sa "
            "Direction des systèmes d’information. Aucune donnée n’est confiée à un service tiers.</p>"
            "<h2>Propriété intellectuelle</h2><p>Les contenus publiés par l’OIF sont protégés. Les contenus "
            "publiés par les membres restent leur propriété. Le logiciel Tremplin est un logiciel libre.</p>"
            '<h2>Contact</h2><p>Pour toute question : <a href="mailto:contact@francophonie.org">'
            "contact@francophonie.org</a>.</p>"
        ),
        "body_en": (
            "<h2>Publisher</h2><p>Organisation internationale de la Francophonie (OIF), 19-21 avenue Bosquet, "
            "75007 Paris, France.</p>"
            "<h2>Hosting</h2><p>The platform is hosted on OIF servers run by its IT department. No data is "
            "entrusted to a third-party service.</p>"
            "<h2>Intellectual property</h2><p>Content published by the OIF is protected. Content published by "
            "members remains theirs. The Tremplin software is free software.</p>"
            '<h2>Contact</h2><p>For any question: <a href="mailto:contact@francophonie.org">'
            "contact@francophonie.org</a>.</p>"
        ),
    },
    {
        "slug": "accessibility",
        "position": 20,
        "in_menu": False,
        "in_footer": True,
        "title_fr": "Déclaration d’accessibilité",
        "title_en": "Accessibility statement",
        "summary_fr": "État de conformité de Tremplin au RGAA et aux WCAG 2.1 niveau AA, et comment signaler un problème.",
        "summary_en": "How Tremplin conforms to WCAG 2.1 level AA, and how to report a problem.",
        "body_fr": (
            "<p>L’OIF s’engage à rendre Tremplin accessible à toutes et à tous, conformément aux WCAG 2.1 "
            "niveau AA et au Référentiel général d’amélioration de l’accessibilité (RGAA).</p>"
            "<h2>État de conformité</h2><p>Tremplin est <strong>partiellement conforme</strong> : les pages du "
            "portail sont contrôlées automatiquement à chaque version (aucune anomalie grave ou critique "
            "tolérée) ; certaines pages du back-office, réservées aux équipes de l’OIF, ne le sont pas encore "
            "entièrement.</p>"
            "<h2>Technologies utilisées</h2><p>HTML5, CSS3. Toutes les pages fonctionnent sans JavaScript, "
            "au clavier, et dès 320 pixels de largeur.</p>"
            "<h2>Signaler un problème</h2><p>Si vous ne parvenez pas à accéder à un contenu ou à un service, "
            'écrivez-nous à <a href="mailto:contact@francophonie.org">contact@francophonie.org</a> : nous '
            "vous répondrons et vous fournirons le contenu sous une autre forme.</p>"
        ),
        "body_en": (
            "<p>The OIF is committed to making Tremplin accessible to everyone, in line with WCAG 2.1 level AA.</p>"
            "<h2>Conformance status</h2><p>Tremplin is <strong>partially conformant</strong>: portal pages are "
            "checked automatically at every release (no serious or critical issue allowed); some back-office "
            "pages, used only by OIF staff, are not yet fully conformant.</p>"
            "<h2>Technologies</h2><p>HTML5, CSS3. Every page works without JavaScript, with a keyboard, and "
            "from 320 pixels wide.</p>"
            "<h2>Report a problem</h2><p>If you cannot reach some content or service, write to "
            '<a href="mailto:contact@francophonie.org">contact@francophonie.org</a>: we will answer and '
            "provide the content in another form.</p>"
        ),
    },
    {
        "slug": "privacy",
        "position": 30,
        "in_menu": False,
        "in_footer": True,
        "title_fr": "Politique de confidentialité",
        "title_en": "Privacy policy",
        "summary_fr": "Quelles données Tremplin traite, pourquoi, combien de temps, et vos droits (RGPD).",
        "summary_en": "What data Tremplin processes, why, for how long, and your rights (GDPR).",
        "body_fr": (
            "<h2>Responsable du traitement</h2><p>L’Organisation internationale de la Francophonie (OIF).</p>"
            "<h2>Données traitées</h2><p>Identité et coordonnées professionnelles, informations sur "
            "l’entreprise, documents de vérification, messages échangés, inscriptions aux événements, "
            "réponses aux enquêtes, journaux de sécurité.</p>"
            "<h2>Finalités</h2><p>Vérifier les entreprises, mettre les membres en relation, proposer des "
            "ressources et des événements, mesurer l’impact des programmes de l’OIF, sécuriser la plateforme.</p>"
            "<h2>Conservation</h2><p>Les données sont conservées tant que le compte est actif, puis effacées "
            "ou anonymisées selon les durées fixées par l’OIF.</p>"
            "<h2>Cookies</h2><p>Tremplin n’utilise que des cookies strictement nécessaires (session, "
            "protection des formulaires). Aucun cookie de mesure d’audience n’est déposé sans votre accord.</p>"
            "<h2>Vos droits</h2><p>Vous pouvez accéder à vos données, les rectifier, les exporter ou demander "
            "leur effacement depuis votre compte, ou en écrivant à "
            '<a href="mailto:contact@francophonie.org">contact@francophonie.org</a>.</p>'
        ),
        "body_en": (
            "<h2>Data controller</h2><p>The Organisation internationale de la Francophonie (OIF).</p>"
            "<h2>Data processed</h2><p>Professional identity and contact details, company information, "
            "verification documents, messages, event registrations, survey answers, security logs.</p>"
            "<h2>Purposes</h2><p>Verifying companies, connecting members, offering resources and events, "
            "measuring the impact of OIF programmes, securing the platform.</p>"
            "<h2>Retention</h2><p>Data is kept while the account is active, then erased or anonymised "
            "according to the periods set by the OIF.</p>"
            "<h2>Cookies</h2><p>Tremplin only uses strictly necessary cookies (session, form protection). No "
            "audience-measurement cookie is set without your consent.</p>"
            "<h2>Your rights</h2><p>You can access, correct, export or ask to erase your data from your "
            'account, or by writing to <a href="mailto:contact@francophonie.org">contact@francophonie.org</a>.</p>'
        ),
    },
]


def upgrade() -> None:
    op.bulk_insert(pages, [dict(page, published=True) for page in DEFAULT_PAGES])


def downgrade() -> None:
    op.execute(pages.delete().where(pages.c.slug.in_([p["slug"] for p in DEFAULT_PAGES])))
