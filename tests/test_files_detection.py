"""A file is what its content is: real files of each accepted kind pass, programs renamed
.pdf, a page renamed .png, a fake PDF, a decompression bomb and a zip that unpacks to too
much are refused with a message naming the file; names are only display text."""

from __future__ import annotations

import pytest
from fixtures.files import (
    ELF,
    FAKE_PDF,
    HTML_PAGE,
    SHELL_SCRIPT,
    SVG_WITH_SCRIPT,
    THAI_FORM,
    WINDOWS_EXE,
    docx,
    huge_png_header,
    odt,
    pdf,
    photo,
    png_then_zip,
    pptx,
    rotated_jpeg,
    xlsx,
    zipped,
)

from ideaboard.files import detection
from ideaboard.files.detection import clean_name, detect, display_name
from ideaboard.files.types import BY_CODE, Refused

PIXELS = 60_000_000


@pytest.fixture(autouse=True)
def request_context(app):
    with app.test_request_context("/?lang=en"):
        yield


@pytest.mark.parametrize(
    "make, code",
    [
        (lambda: photo("PNG"), "png"),
        (lambda: photo("JPEG"), "jpeg"),
        (lambda: photo("WEBP"), "webp"),
        (lambda: photo("GIF"), "gif"),
        (pdf, "pdf"),
        (docx, "docx"),
        (xlsx, "xlsx"),
        (pptx, "pptx"),
        (odt, "odt"),
    ],
)
def test_real_files_of_every_accepted_kind_are_recognised(make, code):
    assert detect(make(), "ไฟล์", max_pixels=PIXELS).file_type is BY_CODE[code]


def test_a_photo_s_size_is_read_upright():
    found = detect(rotated_jpeg((400, 200)), "ถ่ายจากมือถือ.jpg", max_pixels=PIXELS)

    assert (found.width, found.height) == (200, 400)


@pytest.mark.parametrize(
    "content, says",
    [
        pytest.param(ELF, "is a program", id="elf-renamed-pdf"),
        pytest.param(WINDOWS_EXE, "is a program", id="windows-exe-renamed-pdf"),
        pytest.param(SHELL_SCRIPT, "is a program", id="shell-script-renamed-pdf"),
        pytest.param(HTML_PAGE, "is not a file Ideaboard accepts", id="html-page"),
        pytest.param(SVG_WITH_SCRIPT, "is not a file Ideaboard accepts", id="svg-with-script"),
        pytest.param(FAKE_PDF, "looks like a PDF but is damaged", id="pdf-header-then-html"),
        pytest.param(pdf()[:-400], "looks like a PDF but is damaged", id="truncated-pdf"),
        pytest.param(photo("PNG")[:300], "not a readable PNG image", id="truncated-png"),
        pytest.param(huge_png_header(), "too many pixels", id="decompression-bomb"),
        pytest.param(b"", "is empty", id="empty"),
        pytest.param(
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "old Office format", id="old-word-doc"
        ),  # fmt: skip
        pytest.param(zipped({"index.html": HTML_PAGE}), "zip file but not a Word", id="plain-zip"),
        pytest.param(
            zipped({"[Content_Types].xml": b"<Types/>", "word/vbaProject.bin": b"macro"}),
            "contains macros",
            id="macro-document",
        ),
    ],
)
def test_what_is_not_an_accepted_file_is_refused_naming_it(content, says):
    with pytest.raises(Refused) as refused:
        detect(content, "แบบฟอร์ม ขอใบอนุญาต.pdf", max_pixels=PIXELS)

    assert refused.value.message.startswith("“แบบฟอร์ม ขอใบอนุญาต.pdf”")
    assert says in refused.value.message


def test_a_zip_that_unpacks_to_too_much_is_refused_without_unpacking_it(monkeypatch):
    monkeypatch.setattr(detection, "MAX_UNPACKED", 1_000_000)
    bomb = zipped({"[Content_Types].xml": b"<Types/>", "word/media/blank.bin": bytes(2_000_000)})
    assert len(bomb) < 10_000  # two megabytes of zeros pack into a few kilobytes

    with pytest.raises(Refused, match="unpacks to far more data"):
        detect(bomb, "รายงาน.docx", max_pixels=PIXELS)


def test_a_photo_over_the_pixel_limit_is_refused():
    with pytest.raises(Refused, match="at most 1 million"):
        detect(photo("PNG", (1200, 1000)), "สแกน.png", max_pixels=1_000_000)


def test_a_png_with_a_zip_appended_is_a_png_and_its_thumbnail_drops_the_zip():
    """A polyglot is taken for what its start is, stored as that type and never as a zip;
    the thumbnail is drawn anew from the pixels, so the appended archive is not in it."""
    polyglot = png_then_zip()
    found = detect(polyglot, "ภาพ.png", max_pixels=PIXELS)

    assert found.file_type is BY_CODE["png"]
    assert found.thumbnail.startswith(b"RIFF") and b"<script>" not in found.thumbnail


@pytest.mark.parametrize(
    "sent, kept",
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\Windows\\system32\\cmd.exe", "cmd.exe"),
        ("C:\\Users\\สมชาย\\Desktop\\" + THAI_FORM, THAI_FORM),
        ("<img src=x onerror=alert(1)>.pdf", "_img src=x onerror=alert(1)_.pdf"),
        ("รายงาน\u202efdp.exe", "รายงานfdp.exe"),  # a right-to-left override is dropped
        ("ไฟล์\x00ที่มี\nNUL.pdf", "ไฟล์ที่มีNUL.pdf"),
        ("  .htaccess  ", "htaccess"),
        ("ส\u0e4d\u0e32เนา.pdf", "สำเนา.pdf"),  # Thai typed two ways is stored one way
        ("", ""),
        (None, ""),
    ],
)
def test_a_sent_name_becomes_plain_display_text(sent, kept):
    assert clean_name(sent) == kept


@pytest.mark.parametrize(
    "name, code, shown",
    [
        ("แบบฟอร์ม.pdf", "pdf", "แบบฟอร์ม.pdf"),
        ("รูป.JPEG", "jpeg", "รูป.JPEG"),  # an alias of the same kind is kept as typed
        ("ภาพหน้าจอ.png", "jpeg", "ภาพหน้าจอ.jpg"),  # another kind's extension is replaced
        ("passwd", "pdf", "passwd.pdf"),  # none: added
        ("สรุป.final", "docx", "สรุป.final.docx"),  # not a file kind: kept, and added to
        ("", "png", "attachment.png"),
        ("ก" * 300 + ".pdf", "pdf", "ก" * 196 + ".pdf"),
    ],
)
def test_the_display_name_carries_the_extension_of_what_the_file_is(name, code, shown):
    assert display_name(name, BY_CODE[code]) == shown
