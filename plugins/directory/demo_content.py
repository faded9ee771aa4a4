"""Demonstration content of the directory (development only): curated tags, the
personas' profiles, sector-based profiles of the other demo companies, more
companies, and the demo experts' profiles."""

from __future__ import annotations

from typing import Any

TAGS = [
    ("agroalimentaire", "Agroalimentaire", "Agri-food"),
    ("bio", "Bio", "Organic"),
    ("commerce-equitable", "Commerce équitable", "Fair trade"),
    ("numerique", "Numérique", "Digital"),
    ("economie-verte", "Économie verte", "Green economy"),
    ("femmes-entrepreneures", "Femmes entrepreneures", "Women entrepreneurs"),
    ("jeunes-pousses", "Jeunes pousses", "Start-ups"),
    ("artisanat", "Artisanat", "Crafts"),
]

PERSONAS: dict[str, dict[str, Any]] = {
    "Saveurs du Sine": {
        "products_fr": "Farine de fonio précuit, couscous de mil, sirop et fleurs séchées de "
        "bissap, en sachets de 500 g à 25 kg ; marque blanche possible.",
        "products_en": "Pre-cooked fonio flour, millet couscous, hibiscus (bissap) syrup and "
        "dried flowers, 500 g to 25 kg bags; private label available.",
        "seeks": "Distributeurs et importateurs en épicerie fine et produits bio, "
        "logistique frigorifique.",
        "objectives": "Doubler les ventes en France et ouvrir le Canada (Québec) d'ici 2027 ; "
        "obtenir la certification bio UE.",
        "description_en": "Processes local cereals (fonio, millet) and hibiscus; exports 30% "
        "of its output to France and West Africa.",
        "markets": ["FR", "BE", "CA-QC", "CI", "MA"],
        "tags": ["agroalimentaire", "bio", "femmes-entrepreneures"],
        "free_tags": ["fonio", "bissap"],
        "visibility": {"profile": "public", "description": "public", "products": "public"},
    },
    "Madrasa Num": {
        "products_fr": "Plateforme d'apprentissage en ligne, cours de mathématiques et de "
        "sciences pour lycéens, tableaux de bord pour les enseignants.",
        "products_en": "Online learning platform, maths and science courses for high-school "
        "students, dashboards for teachers.",
        "seeks": "Partenaires écoles et distributeurs de contenus éducatifs, hébergement "
        "et paiement mobile.",
        "objectives": "Premières ventes au Sénégal et en Tunisie en 2026.",
        "markets": ["SN", "TN", "CI"],
        "tags": ["numerique", "jeunes-pousses"],
        "free_tags": ["edtech", "e-learning"],
        "visibility": {"profile": "public"},
    },
    "Wax Éthique": {
        "products_fr": "Vêtements et accessoires en pagne wax tissé localement, séries "
        "limitées, confection à la demande pour boutiques.",
        "products_en": "Clothing and accessories in locally woven wax print, limited series, "
        "made to order for shops.",
        "seeks": "Distributeurs et boutiques de mode éthique, salons professionnels.",
        "objectives": "Trouver deux distributeurs en Belgique et au Canada.",
        "markets": ["BE", "CA", "FR"],
        "tags": ["commerce-equitable", "femmes-entrepreneures", "artisanat"],
        "free_tags": ["mode éthique", "wax"],
    },
}

BY_SECTOR = {
    "C10": (
        "Produits transformés : farines, confitures, conserves, épices, en vrac et au détail.",
        "Importateurs et distributeurs alimentaires, emballage.",
        ["agroalimentaire"],
    ),
    "C11": (
        "Boissons : jus, sirops, spiritueux et thés, export en palettes.",
        "Importateurs de boissons et cavistes.",
        ["agroalimentaire"],
    ),
    "C20": (
        "Cosmétiques naturels : beurres, huiles, savons, formulations sur mesure.",
        "Distributeurs en cosmétique bio et marques blanches.",
        ["bio"],
    ),
    "C32": (
        "Objets d'artisanat et décoration, pièces uniques et petites séries.",
        "Boutiques de décoration et commerce équitable.",
        ["artisanat"],
    ),
    "C13": (
        "Tissus et textiles, tissage traditionnel et coton.",
        "Marques de mode et confectionneurs.",
        ["artisanat"],
    ),
    "C14": ("Vêtements et accessoires de mode.", "Boutiques et distributeurs de mode.", []),
    "C28": (
        "Machines et équipements agricoles, installation et maintenance.",
        "Distributeurs de machines en Afrique de l'Ouest.",
        [],
    ),
    "C31": (
        "Meubles et bois certifié, agencement.",
        "Importateurs de bois et négociants.",
        ["economie-verte"],
    ),
    "J62": (
        "Développement logiciel, applications mobiles, intégration et conseil informatique.",
        "Clients grands comptes et partenaires revendeurs.",
        ["numerique"],
    ),
    "P85": (
        "Formation professionnelle et à l'export, en ligne et en présentiel.",
        "Entreprises à former et partenaires institutionnels.",
        [],
    ),
    "H52": (
        "Logistique, transit, entreposage, dédouanement.",
        "Exportateurs à accompagner, transporteurs partenaires.",
        [],
    ),
    "R90": (
        "Design, création graphique et production audiovisuelle.",
        "Agences et éditeurs à l'international.",
        [],
    ),
    "A03": (
        "Produits de la pêche, poisson séché et fumé, filière durable.",
        "Importateurs de produits de la mer, chaîne du froid.",
        ["agroalimentaire"],
    ),
    "I55": (
        "Séjours, écolodges et tourisme responsable.",
        "Voyagistes et agences.",
        ["economie-verte"],
    ),
    "D35": (
        "Énergie solaire : kits, installation, maintenance.",
        "Fournisseurs de panneaux et financeurs.",
        ["economie-verte"],
    ),
    "Q86": (
        "Santé connectée, télémédecine, équipements.",
        "Hôpitaux, cliniques et distributeurs médicaux.",
        ["numerique"],
    ),
    "F41": ("Construction et rénovation de bâtiments.", "Fournisseurs de matériaux.", []),
    "K64": (
        "Paiement mobile et services financiers aux PME.",
        "Partenaires bancaires et commerçants.",
        ["numerique"],
    ),
    "N82": ("Services aux entreprises et aux industries minières.", "Clients industriels.", []),
    "M70": (
        "Conseil en stratégie et intelligence artificielle.",
        "Entreprises en transformation numérique.",
        ["numerique"],
    ),
    "G46": (
        "Négoce et commerce de gros équitable.",
        "Producteurs certifiés et coopératives.",
        ["commerce-equitable"],
    ),
}
MARKETS = ["FR", "BE", "CH", "CA-QC", "SN", "CI", "MA", "TN", "CM", "LU"]

MORE_COMPANIES = [
    ("Bamako Mangues Séchées", "ML", "Bamako", "C10", "growing"),
    ("Lomé Soja Transformé", "TG", "Lomé", "C10", "first_time"),
    ("Niamey Cuirs d'Art", "NE", "Niamey", "C15", "first_time"),
    ("Antananarivo Vanille Bourbon", "MG", "Antananarivo", "C10", "experienced"),
    ("Sfax Huile d'Olive", "TN", "Sfax", "C10", "experienced"),
    ("Abidjan Cloud Services", "CI", "Abidjan", "J62", "growing"),
    ("Dakar Design Textile", "SN", "Dakar", "C13", "first_time"),
    ("Yamoussoukro Cacao Fin", "CI", "Yamoussoukro", "C10", "growing"),
    ("Kigali Café Spécialité", "RW", "Kigali", "C10", "growing"),
    ("Ouagadougou Sésame Bio", "BF", "Ouagadougou", "C10", "first_time"),
    ("Tunis Formation Numérique", "TN", "Tunis", "P85", "first_time"),
    ("Casablanca Emballages Verts", "MA", "Casablanca", "C17", "growing"),
    ("Libreville Bois Tropicaux", "GA", "Libreville", "C16", "experienced"),
    ("Bruxelles Import Afrique", "BE", "Bruxelles", "G46", "experienced"),
    ("Montréal Distribution Fine", "CA-QC", "Montréal", "G46", "experienced"),
    ("Marseille Épicerie du Monde", "FR", "Marseille", "G47", "experienced"),
]

EXPERTS = {
    "fatou.sarr": {
        "headline": "Consultante en export agroalimentaire",
        "expertise": ["export agroalimentaire", "normes sanitaires", "certification bio"],
        "sectors": ["C10", "A01"],
        "countries": ["SN", "FR", "CI"],
        "languages": ["fr", "wo", "en"],
        "bio_fr": "Quinze ans d'accompagnement des PME agroalimentaires vers l'Union européenne.",
        "bio_en": "Fifteen years helping agri-food SMEs reach the European Union.",
        "mentoring": True,
    },
    "jean.tremblay": {
        "headline": "Expert en distribution au Canada",
        "expertise": ["distribution", "douane", "marché canadien"],
        "sectors": ["G46", "C10"],
        "countries": ["CA", "CA-QC"],
        "languages": ["fr", "en"],
        "bio_fr": "Ancien acheteur en grande distribution au Québec.",
        "bio_en": "Former retail buyer in Quebec.",
        "mentoring": True,
    },
    "leila.mansour": {
        "headline": "Conseillère en financement et levée de fonds",
        "expertise": ["financement", "levée de fonds", "numérique"],
        "sectors": ["J62", "K64"],
        "countries": ["MA", "TN", "LB"],
        "languages": ["fr", "ar", "en"],
        "bio_fr": "Accompagne les jeunes pousses du numérique au Maghreb.",
        "bio_en": "Supports digital start-ups in the Maghreb.",
        "mentoring": False,
    },
}
