"""What a file really is, decided by its content: magic bytes (``filetype``) first, then a
check of its structure — an image must open and verify with Pillow within a pixel limit, a
PDF must start with ``%PDF-`` and end with ``%%EOF``, an office document must be a zip
whose ``[Content_Types].xml`` (or ODF ``mimetype``) names the right main part. Anything
else is refused with a message naming the file. Names are only ever display text.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

import filetype
from flask_babel import gettext as _

from ideaboard.core.text import normalise
from ideaboard.files import images
from ideaboard.files.types import (
    ACCEPTED_KINDS,
    BY_CODE,
    KNOWN_EXTENSIONS,
    OOXML,
    FileType,
    Refused,
)

MAX_NAME = 200  # characters of a display name, its extension included
MAX_SHOWN_NAME = 80  # a name quoted in a message is shortened to this
FALLBACK_STEM = "attachment"

# what a name may not keep: path separators and characters Windows refuses in a name,
# control and invisible characters (a right-to-left override makes "exe.pdf" of "fdp.exe")
FORBIDDEN = re.compile(r'[<>:"/\\|?*]')
INVISIBLE = re.compile("[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ud800-\udfff]")

PROGRAM_MIMES = {
    "application/x-executable",  # ELF
    "application/x-msdownload",  # Windows PE (.exe, .dll)
    "application/x-mach-binary",
    "application/wasm",
    "application/x-shockwave-flash",
    "application/x-google-chrome-extension",
    "application/x-deb",
    "application/vnd.ms-cab-compressed",
}
OLD_OFFICE_MIMES = {"application/msword", "application/vnd.ms-excel",
                    "application/vnd.ms-powerpoint"}  # fmt: skip
ZIP_MIMES = {"application/zip", "application/epub+zip"}
OOXML_MAIN_PARTS = {
    OOXML + "wordprocessingml.document.main+xml": "docx",
    OOXML + "spreadsheetml.sheet.main+xml": "xlsx",
    OOXML + "presentationml.presentation.main+xml": "pptx",
}
ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}
MAX_ZIP_MEMBERS = 10_000
MAX_UNPACKED = 300 * 1024 * 1024  # what a real office document of 20 MB unpacks to, generously
MAX_MANIFEST = 1024 * 1024
PDF_TAIL = 4096  # %%EOF must be this close to the end (some writers add a few bytes after)


@dataclass(frozen=True)
class Detected:
    file_type: FileType
    width: int | None = None
    height: int | None = None
    thumbnail: bytes | None = None  # photos: a small WebP, made while checking


# -- names -----------------------------------------------------------------------------------


def clean_name(raw) -> str:
    """The last part of what the browser called the file, as plain text a person can read:
    no folders, no control or invisible characters, no characters a file name may not
    hold, Thai typed two ways stored one way. May be empty."""
    name = raw if isinstance(raw, str) else ""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = normalise(INVISIBLE.sub("", name))
    name = FORBIDDEN.sub("_", name)
    name = " ".join(name.split())
    return name.strip(" .")  # a leading dot hides a file; trailing ones vanish on Windows


def shown(name: str) -> str:
    """A name as a message quotes it."""
    name = name or FALLBACK_STEM
    return name if len(name) <= MAX_SHOWN_NAME else name[: MAX_SHOWN_NAME - 1] + "…"


def display_name(name: str, file_type: FileType) -> str:
    """``name`` with the extension of what the file is: a matching one is kept ("รูป.JPEG"),
    another known one is replaced ("ภาพ.png" that is a JPEG → "ภาพ.jpg"), and a missing or
    unknown one gets the right one added ("passwd" → "passwd.pdf")."""
    stem, dot, extension = name.rpartition(".")
    extension = "." + extension.lower() if dot and stem else ""
    if extension in file_type.extensions:
        suffix = name[len(stem) :]  # kept as typed, e.g. ".JPEG"
    elif extension in KNOWN_EXTENSIONS:
        suffix = file_type.extension  # another kind's extension is replaced
    else:
        stem, suffix = name, file_type.extension  # none, or not a file kind: added
    stem = stem.strip(" .") or FALLBACK_STEM
    return stem[: MAX_NAME - len(suffix)].rstrip(" .") + suffix


# -- content ---------------------------------------------------------------------------------


def detect(data: bytes, name: str, *, max_pixels: int) -> Detected:
    """What ``data`` is, or ``Refused`` naming ``name``."""
    if not data:
        raise Refused(_("“%(name)s” is empty: there is nothing to attach.", name=shown(name)))
    guess = filetype.guess(data)
    mime = guess.mime if guess else None
    if mime in PROGRAM_MIMES or data.startswith(b"#!"):
        raise Refused(
            _(
                "“%(name)s” is a program, not a document or a photo, so it was not attached. "
                "Accepted: %(kinds)s.",
                name=shown(name),
                kinds=ACCEPTED_KINDS,
            )
        )
    if mime in OLD_OFFICE_MIMES or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise Refused(
            _(
                "“%(name)s” is in an old Office format (.doc, .xls, .ppt). Save it as .docx, "
                ".xlsx or .pptx and attach it again.",
                name=shown(name),
            )
        )
    for file_type in BY_CODE.values():
        if file_type.image and mime == file_type.content_type:
            width, height, thumbnail = images.examine(
                data, file_type, name=shown(name), max_pixels=max_pixels
            )
            return Detected(file_type, width, height, thumbnail)
    if mime == "application/pdf":
        return Detected(_check_pdf(data, name))
    if mime in ZIP_MIMES or (mime or "").startswith(("application/vnd.openxml",
                                                     "application/vnd.oasis")):  # fmt: skip
        return Detected(_check_office(data, name))
    raise Refused(
        _(
            "“%(name)s” is not a file Ideaboard accepts. Accepted: %(kinds)s.",
            name=shown(name),
            kinds=ACCEPTED_KINDS,
        )
    )


def _check_pdf(data: bytes, name: str) -> FileType:
    if not re.match(rb"%PDF-[12]\.\d", data[:8]) or b"%%EOF" not in data[-PDF_TAIL:]:
        raise Refused(
            _("“%(name)s” looks like a PDF but is damaged or incomplete.", name=shown(name))
        )
    return BY_CODE["pdf"]


def _damaged_office(name: str) -> Refused:
    return Refused(
        _(
            "“%(name)s” is a zip file but not a Word, Excel or PowerPoint document (or it is "
            "damaged). Accepted: %(kinds)s.",
            name=shown(name),
            kinds=ACCEPTED_KINDS,
        )
    )


def _check_office(data: bytes, name: str) -> FileType:
    """A zip that is an OOXML or ODF document, read without unpacking more than its list of
    parts and one small manifest (a zip bomb is refused by what it claims to unpack to)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise _damaged_office(name) from None
    if len(members) > MAX_ZIP_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED:
        raise Refused(
            _(
                "“%(name)s” unpacks to far more data than a document holds, so it was not "
                "attached.",
                name=shown(name),
            )
        )
    names = {member.filename for member in members}
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise Refused(
            _(
                "“%(name)s” contains macros, which are not accepted. Save it as an ordinary "
                ".docx, .xlsx or .pptx and attach it again.",
                name=shown(name),
            )
        )
    try:
        if "[Content_Types].xml" in names:
            with archive.open("[Content_Types].xml") as manifest:
                text = manifest.read(MAX_MANIFEST).decode("utf-8", "replace")
            for part, code in OOXML_MAIN_PARTS.items():
                if f'ContentType="{part}"' in text:
                    return BY_CODE[code]
        elif "mimetype" in names:
            with archive.open("mimetype") as manifest:
                declared = manifest.read(200).strip()
            if declared in ODF_MIMETYPES:
                return BY_CODE[ODF_MIMETYPES[declared]]
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError):
        pass  # an encrypted or broken part
    raise _damaged_office(name)
