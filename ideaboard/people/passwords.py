"""What makes a password one a person may choose: long enough, not their username, and not
easy to guess (zxcvbn's estimate, which knows the very common passwords, keyboard walks,
repeats, dates and names, here also the person's own names and a few words everyone at the
organisation would try first). No rules about digits or symbols: they make passwords harder
to remember, not to guess."""

from __future__ import annotations

import re

from flask_babel import gettext as _
from zxcvbn import zxcvbn

MIN_LENGTH = 10
MAX_LENGTH = 200
MIN_SCORE = 3  # zxcvbn's 0..4: 3 is about 10^8 guesses, out of reach at the login limit
SCORED_LENGTH = 72  # zxcvbn refuses longer input; the start is what a guesser tries first

# words an attacker tries first here (zxcvbn's lists are English)
LOCAL_WORDS = (
    "ideaboard", "bangkok", "krungthep", "bma", "กรุงเทพ", "กรุงเทพมหานคร", "กทม",
    "รหัสผ่าน", "password", "สำนักงานเขต", "เอ๊ะ",
)  # fmt: skip


TITLES = ("นางสาว", "นาย", "นาง", "ดร.", "Mr.", "Mrs.", "Ms.")  # "นายสมชาย" is also "สมชาย"


def password_problem(password: str, *, username: str, names: tuple[str, ...] = ()) -> str | None:
    """Why ``password`` may not be chosen by ``username`` (a message), or None if it may."""
    if len(password) < MIN_LENGTH:
        return _("Use at least %(n)d characters.", n=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return _("Use at most %(n)d characters.", n=MAX_LENGTH)
    if not password.strip():
        return _("A password of spaces only is too easy to guess.")
    folded = password.casefold()
    if username and username.casefold() in folded:
        return _("Do not use your username in your password.")
    personal = [word for name in names for word in re.split(r"\s+", name or "") if len(word) > 2]
    personal += [
        word[len(title) :] for word in personal for title in TITLES if word.startswith(title)
    ]
    guess = zxcvbn(password[:SCORED_LENGTH], user_inputs=[username, *personal, *LOCAL_WORDS])
    parts = guess["sequence"]
    if any(_personal(part) for part in parts) and all(_predictable(part) for part in parts):
        return _("Do not build your password from your name, the city or dates alone.")
    if guess["score"] < MIN_SCORE:
        return _(
            "This password is too common or too easy to guess. A few words only you would "
            "put together work well, in Thai or English."
        )
    return None


def _personal(match: dict) -> bool:
    return match["pattern"] == "dictionary" and match.get("dictionary_name") == "user_inputs"


def _predictable(match: dict) -> bool:
    """A part of the password anyone who knows the person would try: their own names (and
    the local words), a date, a run such as 1234, a repeat or a keyboard walk."""
    return _personal(match) or match["pattern"] in (
        "date",
        "sequence",
        "repeat",
        "spatial",
        "regex",
    )
