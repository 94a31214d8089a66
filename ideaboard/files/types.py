"""The kinds of file Ideaboard accepts, each known by what its content is.

The content type stored with a file, the extension it is downloaded with and the label
shown beside it all come from here, from the kind its *content* was found to be (see
``files.detection``); the name or Content-Type the browser sent never decide anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class FileType:
    code: str
    content_type: str
    extension: str  # with its dot, as a download is named
    label: str  # the short badge shown beside the name ("PDF", "Word")
    aliases: tuple[str, ...] = ()  # other extensions that name the same kind
    image: bool = False  # shown as a thumbnail, and viewable in the browser
    pillow_format: str | None = None

    @property
    def extensions(self) -> tuple[str, ...]:
        return (self.extension, *self.aliases)


OOXML = "application/vnd.openxmlformats-officedocument."
ODF = "application/vnd.oasis.opendocument."
TYPES = (
    FileType("jpeg", "image/jpeg", ".jpg", "JPEG", (".jpeg", ".jpe", ".jfif"), True, "JPEG"),
    FileType("png", "image/png", ".png", "PNG", image=True, pillow_format="PNG"),
    FileType("webp", "image/webp", ".webp", "WebP", image=True, pillow_format="WEBP"),
    FileType("gif", "image/gif", ".gif", "GIF", image=True, pillow_format="GIF"),
    FileType("pdf", "application/pdf", ".pdf", "PDF"),
    FileType("docx", OOXML + "wordprocessingml.document", ".docx", "Word"),
    FileType("xlsx", OOXML + "spreadsheetml.sheet", ".xlsx", "Excel"),
    FileType("pptx", OOXML + "presentationml.presentation", ".pptx", "PowerPoint"),
    FileType("odt", ODF + "text", ".odt", "ODT"),
    FileType("ods", ODF + "spreadsheet", ".ods", "ODS"),
)
BY_CODE = {kind.code: kind for kind in TYPES}
BY_CONTENT_TYPE = {kind.content_type: kind for kind in TYPES}
KNOWN_EXTENSIONS = {ext for kind in TYPES for ext in kind.extensions}
IMAGE_CONTENT_TYPES = tuple(kind.content_type for kind in TYPES if kind.image)

# the file picker offers these (a hint for the browser only; the server decides by content)
ACCEPT = ",".join([*IMAGE_CONTENT_TYPES, *(ext for kind in TYPES if not kind.image
                                           for ext in kind.extensions)])  # fmt: skip

ACCEPTED_KINDS = _l(
    "photos (JPEG, PNG, WebP, GIF), PDF, and Word, Excel or PowerPoint files (also ODT, ODS)"
)


class Refused(Exception):
    """A file that cannot be attached; ``message`` says why, naming it."""

    def __init__(self, message: str):
        self.message = str(message)
        super().__init__(self.message)


def file_type_of(content_type: str) -> FileType:
    return BY_CONTENT_TYPE[content_type]


def format_size(size: int) -> str:
    """1536 → "1.5 KB" ("1.5 กิโลไบต์" in Thai); bytes below a kilobyte, one decimal above."""
    if size < 1024:
        return _("%(n)s bytes", n=format_decimal(size, format="#,##0"))
    if size < 1024 * 1024:
        return _("%(n)s KB", n=format_decimal(size / 1024, format="#,##0.#"))
    return _("%(n)s MB", n=format_decimal(size / (1024 * 1024), format="#,##0.#"))
