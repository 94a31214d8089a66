"""Thai first, English complete: every string in the code has a Thai translation."""

import io
import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "ideaboard/translations/th/LC_MESSAGES/messages.po"
METHODS = [("ideaboard/**.py", "python"), ("templates/**.html", "jinja2")]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}


def thai_catalog():
    return read_po(io.BytesIO(PO.read_bytes()))


def code_messages() -> set[str]:
    found = set()

    # Babel skips "_*" folders by default; templates/_macros holds strings too
    def keep(path: str) -> bool:
        name = Path(path).name
        return not name.startswith(".") and name not in ("__pycache__", ".venv")

    for _, _, message, _, _ in extract_from_dir(
        str(ROOT), METHODS, keywords=KEYWORDS, directory_filter=keep
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_message_in_the_code_has_a_thai_translation():
    catalog = thai_catalog()
    translated = {
        m.id[0] if isinstance(m.id, tuple) else m.id
        for m in catalog
        if m.id and m.string and all(m.string) and not m.fuzzy
    }
    missing = sorted(code_messages() - translated)
    assert missing == [], f"run `make messages` and translate: {missing[:10]}"


def test_placeholders_survive_translation():
    catalog = thai_catalog()
    for message in catalog:
        if message.id and message.string:
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            names = set(re.findall(r"%\((\w+)\)", ids[0]))
            for text in strings:
                assert names == set(re.findall(r"%\((\w+)\)", text)), message.id


def test_thai_is_the_default_and_english_one_click_away(client):
    thai = client.get("/login", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert 'lang="th"' in thai.get_data(as_text=True)
    english = client.get("/login?lang=en").get_data(as_text=True)
    assert 'lang="en"' in english and "Log in to Ideaboard" in english
    # the choice is remembered by cookie
    assert 'lang="en"' in client.get("/login").get_data(as_text=True)


def test_thai_page_shows_thai_strings(login, people):
    catalog = thai_catalog()
    page = login("staff1").get("/ideas/?lang=th").get_data(as_text=True)
    assert catalog["Log out"].string in page
    assert ">Log out<" not in page


def test_english_chosen_on_the_login_page_survives_logging_in(client, people, db_session):
    from fixtures.people import PASSWORD

    from ideaboard.people.models import User

    page = client.get("/login?lang=en").get_data(as_text=True)
    assert (
        "Log in to Ideaboard" in page and "action=" not in page.split('<form method="post"')[1][:40]
    )
    client.post("/login?lang=en", data={"username": "staff1", "password": PASSWORD})
    assert 'lang="en"' in client.get("/ideas/").get_data(as_text=True)
    with db_session() as session:
        assert session.get(User, people["staff1"].id).locale == "en"
