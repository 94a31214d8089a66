"""Photos: checked with Pillow (the format the bytes claim, a pixel limit against
decompression bombs, every pixel decoded so a truncated file is refused) and made into a
small WebP thumbnail in the same pass, once, at upload. The thumbnail is drawn anew from
the pixels, upright (EXIF orientation applied) and without the original's metadata (e.g.
its GPS position)."""

from __future__ import annotations

import io

from flask_babel import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from ideaboard.files.types import Refused

THUMBNAIL_BOX = (480, 480)  # shown at most ~260 px wide, twice that for sharp phone screens
ORIENTATION = 0x0112  # the EXIF tag; 5–8 mean the picture is stored on its side
SIDEWAYS = {5, 6, 7, 8}


def _open(data: bytes, pillow_format: str) -> Image.Image:
    return Image.open(io.BytesIO(data), formats=[pillow_format])


def examine(data: bytes, file_type, *, name: str, max_pixels: int) -> tuple[int, int, bytes]:
    """The upright width and height of a photo that really is ``file_type``, and its
    thumbnail; or ``Refused`` naming ``name``."""
    damaged = _("“%(name)s” is not a readable %(kind)s image (damaged or incomplete).",
                name=name, kind=file_type.label)  # fmt: skip
    too_big = _(
        "“%(name)s” has too many pixels to handle (at most %(n)s million). Save it at a "
        "smaller size and attach it again.",
        name=name,
        n=max_pixels // 1_000_000,
    )
    try:
        with _open(data, file_type.pillow_format) as image:
            width, height = image.size
            if width * height > max_pixels:
                raise Refused(too_big)
            image.verify()
        with _open(data, file_type.pillow_format) as image:
            sideways = image.getexif().get(ORIENTATION) in SIDEWAYS
            image.draft("RGB", THUMBNAIL_BOX)  # a JPEG decodes at a reduced scale: less memory
            image.load()  # every pixel decodes: a truncated file fails here
            small = _thumbnail(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise Refused(too_big) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise Refused(damaged) from None
    return (height, width, small) if sideways else (width, height, small)


def _thumbnail(image: Image.Image) -> bytes:
    """A WebP of at most ``THUMBNAIL_BOX``, upright, of the (first) frame."""
    small = ImageOps.exif_transpose(image)
    small.thumbnail(THUMBNAIL_BOX)
    has_alpha = small.mode in ("RGBA", "LA", "PA") or "transparency" in small.info
    small = small.convert("RGBA" if has_alpha else "RGB")
    out = io.BytesIO()
    small.save(out, "WEBP", quality=80)
    return out.getvalue()
