"""Demo content: country sheets for the personas' markets, a customs guide with its
PDF, a market study with a preview, a partner link. Loading twice adds nothing."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tremplin.core.api import db

from .files import attach
from .models import SECTION_KEYS, Resource, ResourceSection
from .pdfgen import text_pdf
from .services import get_by_slug, move, now

DATA = Path(__file__).resolve().parent / "data" / "country_sheets.json"
CUSTOMS_GUIDE = "guide-douane-textile-france"
STUDY = "etude-mode-ethique-belgique-canada"
# The word the demo guide's PDF holds and its page does not (the browser test searches it).
PDF_ONLY_WORD = "TARIC"


def load_demo_resources() -> int:
    added = 0
    for record in json.loads(DATA.read_text(encoding="utf-8")):
        added += _sheet(record)
    for make in (_customs_guide, _study, _link, _data_guide):
        added += make()
    db.session.commit()
    return added


def _new(slug: str, **fields: Any) -> Resource | None:
    if get_by_slug(slug) is not None:
        return None
    item = Resource(slug=slug, **fields)
    db.session.add(item)
    db.session.flush()
    return item


def _publish(item: Resource) -> None:
    move(item, "published")


def _sheet(record: dict[str, Any]) -> int:
    item = _new(
        record["slug"], kind="country_sheet", title_fr=record["title_fr"],
        title_en=record["title_en"], summary_fr=record["summary_fr"],
        summary_en=record["summary_en"], countries=record["country"], tags=record["tags"],
        audiences="first_time,growing,experienced", publisher="OIF",
        review_at=now().date() + timedelta(days=180),
    )  # fmt: skip
    if item is None:
        return 0
    for position, key in enumerate(SECTION_KEYS):
        fr, en = record["sections"][key]
        item.sections.append(ResourceSection(key=key, body_fr=fr, body_en=en, position=position))
    db.session.flush()
    _publish(item)
    return 1


CUSTOMS_PDF = [
    [
        "Exporter des vetements vers la France : les formalites douanieres",
        "",
        "1. Classer le produit : chapitre 61 (bonneterie) ou 62 (autres vetements)",
        "   du Systeme harmonise ; le code a 10 chiffres se lit dans la base TARIC",
        "   de l'Union europeenne, qui donne aussi le droit applique.",
        "2. Prouver l'origine : l'accord de partenariat economique UE - Cote d'Ivoire",
        "   exonere de droits les vetements originaires ; joindre la preuve d'origine.",
        "3. Trouver un importateur ou un representant en douane avec un numero EORI.",
        "4. Etiqueter en francais la composition des fibres (reglement UE 1007/2011).",
    ],
    [
        "Check-list avant l'envoi",
        "- facture commerciale et liste de colisage",
        "- preuve d'origine et certificat de conformite eventuel",
        "- document de transport (LTA ou connaissement)",
        "- calcul de la TVA a l'importation (20 %) avec l'importateur",
    ],
]


def _customs_guide() -> int:
    item = _new(
        CUSTOMS_GUIDE, kind="guide",
        title_fr="Exporter des vêtements vers la France : les formalités douanières",
        title_en="Exporting clothing to France: customs formalities",
        summary_fr="Classement, origine, importateur et étiquetage : les quatre étapes pour "
        "vendre des vêtements en France, avec une liste de contrôle à imprimer.",
        summary_en="Classification, origin, importer and labelling: four steps to sell "
        "clothing in France, with a printable checklist.",
        body_fr="## Pour qui ?\n\nLes marques de mode qui préparent une première "
        "expédition vers l'Union européenne.\n\n## Le document\n\nLe guide détaillé est "
        "en PDF ci-dessous.",
        body_en="## Who is it for?\n\nFashion brands preparing a first shipment to the "
        "European Union.\n\n## The document\n\nThe detailed guide is the PDF below.",
        sectors="C14,C13", countries="FR,CI", tags="compliance,logistics,douane,textile",
        audiences="first_time", publisher="OIF", review_at=now().date() + timedelta(days=365),
    )  # fmt: skip
    if item is None:
        return 0
    attach(item, text_pdf(CUSTOMS_PDF), "guide-douane-textile-france.pdf", None, "Guide (PDF)")
    _publish(item)
    return 1


def _study_pdf() -> bytes:
    pages = [
        ["Etude : la mode ethique en Belgique et au Canada", "Synthese et methode",
         "Panel de 40 distributeurs interroges en 2026."],
        ["Chapitre 1 : taille du marche et canaux de distribution",
         "Boutiques concept-stores, plateformes en ligne, salons professionnels."],
        ["Chapitre 2 : prix de vente constates et marges des distributeurs",
         "Coefficient multiplicateur moyen de 2,4 entre prix d'achat et prix public."],
    ]  # fmt: skip
    return text_pdf(pages)


def _study() -> int:
    item = _new(
        STUDY, kind="study",
        title_fr="La mode éthique en Belgique et au Canada",
        title_en="Ethical fashion in Belgium and Canada",
        summary_fr="Taille du marché, canaux de distribution, prix et marges : ce que "
        "40 distributeurs belges et canadiens attendent des marques africaines.",
        summary_en="Market size, distribution channels, prices and margins: what 40 "
        "Belgian and Canadian retailers expect from African brands.",
        body_fr="Étude réalisée pour l'OIF. Aperçu des premières pages pour les membres ; "
        "téléchargement réservé aux membres vérifiés.",
        sectors="C14", countries="BE,CA,CA-QC", tags="markets,marketing,textile",
        audiences="first_time,growing", publisher="OIF – Direction de la Francophonie économique",
        coverage="Belgique, Canada (Québec) ; 2025-2026", study_date=date(2026, 6, 1),
        access="members", download_access="verified", preview_pages=1,
    )  # fmt: skip
    if item is None:
        return 0
    attach(item, _study_pdf(), "etude-mode-ethique.pdf", None, "Étude complète (PDF)")
    _publish(item)
    return 1


def _link() -> int:
    item = _new(
        "guichet-unique-cote-d-ivoire", kind="link",
        title_fr="Guichet unique du commerce extérieur de Côte d'Ivoire",
        summary_fr="Le portail officiel des formalités d'import-export en Côte d'Ivoire.",
        url="https://www.guce.gouv.ci/", countries="CI", tags="compliance,douane",
        audiences="first_time,growing", publisher="République de Côte d'Ivoire",
    )  # fmt: skip
    if item is None:
        return 0
    _publish(item)
    return 1


DATA_GUIDE_FR = """## Trois régimes

| Pays | Loi | Autorité |
|---|---|---|
| Maroc | loi 09-08 | CNDP |
| Sénégal | loi 2008-12 | CDP |
| UE | RGPD | CNIL, APD... |

## À faire avant de vendre

- déclarer les traitements ;
- encadrer les transferts (clauses contractuelles types) ;
- recueillir le consentement des parents pour les mineurs.
"""


def _data_guide() -> int:
    item = _new(
        "guide-protection-donnees-edtech", kind="guide",
        title_fr="Protection des données pour les services numériques : Maroc, Sénégal, UE",
        title_en="Data protection for digital services: Morocco, Senegal, EU",
        summary_fr="Qui contrôle, ce qu'il faut déclarer et comment transférer des données "
        "d'élèves entre le Maroc, le Sénégal et l'Union européenne.",
        summary_en="Who oversees, what to declare and how to transfer pupils' data between "
        "Morocco, Senegal and the European Union.",
        body_fr=DATA_GUIDE_FR,
        sectors="P85,J62", countries="MA,SN,FR,BE", tags="compliance,donnees,edtech",
        audiences="growing", publisher="OIF", access="members",
        review_at=now().date() - timedelta(days=1),
    )  # fmt: skip
    if item is None:
        return 0
    _publish(item)
    return 1
