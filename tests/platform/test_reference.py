"""Reference data: countries (the OIF's states and governments first) and ISIC sectors."""

from __future__ import annotations

from tremplin.core import api, reference


def test_oif_states_and_governments_come_first_then_every_other_country():
    listed = api.countries("fr")
    statuses = [c.status for c in listed]
    first_other = statuses.index("")
    assert all(statuses[:first_other]) and not any(statuses[first_other:])
    codes = [c.code for c in listed]
    assert len(codes) == len(set(codes))
    assert {"SN", "CI", "MA", "FR", "CA-QC", "BE-FWB"} <= set(codes[:first_other])
    assert {"US", "CN", "BR", "DE"} <= set(codes[first_other:])
    # 249 ISO 3166-1 countries + Kosovo + the five governments that are not states
    assert 250 <= len(codes) <= 260


def test_statuses_and_names_in_both_languages():
    assert api.oif_status("SN") == "member"
    assert api.oif_status("QA") == "associate"
    assert api.oif_status("US-LA") == "observer"
    assert api.oif_status("US") == ""
    assert api.country_name("SN", "fr") == "Sénégal"
    assert api.country_name("SN", "en") == "Senegal"
    assert api.country_name("CA-QC", "fr") == "Canada-Québec"
    assert api.country_name("CA-QC", "en_GB") == "Canada-Quebec"
    assert api.country_name("sn") == "Sénégal"
    assert api.country_name("??") == "??"  # unknown codes show as given, never raise
    assert api.is_country("CA-QC") and not api.is_country("ZZ") and not api.is_country("EU")


def test_oif_list_sorted_by_name_ignoring_accents():
    names = [c.name for c in api.countries("fr") if c.is_oif]
    assert names == sorted(names, key=reference._sort_key)
    assert names.index("Égypte") < names.index("France")


def test_isic_sections_and_divisions_with_both_labels():
    found = api.sectors("fr")
    sections = [s for s in found if s.level == "section"]
    divisions = [s for s in found if s.level == "division"]
    assert [s.code for s in sections] == list("ABCDEFGHIJKLMNOPQRSTU")
    assert len(divisions) == 88
    assert all(d.code[0] == d.section and d.code[1:].isdigit() for d in divisions)
    assert api.sector_label("C10", "fr") == "Fabrication de produits alimentaires"
    assert api.sector_label("C10", "en") == "Manufacture of food products"
    assert api.sector_label("P", "fr") == "Enseignement"
    assert api.sector_label("Mode éthique") == "Mode éthique"  # free text shows as typed
    assert api.section_of("J62") == "J" and api.section_of("J") == "J"
    assert api.section_of("EdTech") == ""


def test_choices_for_selects():
    choices = dict(api.sector_choices("en"))
    assert choices["A"].startswith("A — Agriculture")
    assert "Manufacture of beverages" in choices["C11"]
    assert dict(api.country_choices("en"))["CI"] == "Côte d’Ivoire"
