def test_home_page_in_french(client):
    response = client.get("/fr/")
    assert response.status_code == 200
    assert '<html lang="fr"' in response.text


def test_login_then_dashboard(client, make_user, login):
    make_user("awa", roles=["Company"])
    response = login("awa")
    assert response.status_code == 302
    assert client.get("/fr/dashboard").status_code == 200


def test_dashboard_shows_profile_widget(client, make_user, login):
    make_user("ahmed", roles=["Company"])
    login("ahmed")
    page = client.get("/fr/dashboard").text
    assert "Mon profil" in page
    assert "Ahmed Test" in page
    assert "Aucune entreprise rattachée." in page


def test_pages_list_shows_yes_no_not_python_booleans(client, make_user, login):
    make_user("ada", roles=["Admin"])
    login("ada")
    page = client.get("/admin/pagemodelview/list/")
    assert page.status_code == 200
    import re

    cells = re.findall(r"<td[^>]*>\s*([^<]*?)\s*</td>", page.text)
    assert "True" not in cells and "False" not in cells
    assert "Oui" in cells and "Non" in cells  # about is in the menu, not in the footer


def test_groups_pages_are_translated_not_left_in_english(client, make_user, login):
    make_user("ada", roles=["Admin"])
    login("ada")
    page = client.get("/admin/groups/list/")
    assert page.status_code == 200
    assert "List Groups" not in page.text and "Listez les" not in page.text
    assert "Groupes" in page.text and "Comptes" in page.text  # title and security menu
