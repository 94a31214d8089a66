"""Photos: checked with Pillow (the format the bytes claim, a pixel limit against
decompression bombs, a full decode so a truncated file is refused) and made into a small
WebP thumbnail once, at upload. The thumbnail is drawn anew from the pixels, upright
(EXIF orientation applied) and without the original's metadata (e.g. GPS position)."""

from __future__ import annotations

import io

from flask_babel import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from ideaboard.files.types import Refused

THUMBNAIL_BOX = (480, 480)  # shown at most 240 px wide, twice that for sharp phone screens
THUMBNAIL_TYPE = "image/webp"


def _open(data: bytes, pillow_format: str) -> Image.Image:
    return Image.open(io.BytesIO(data), formats=[pillow_format])


def inspect(data: bytes, file_type, *, name: str, max_pixels: int) -> tuple[int, int]:
    """The upright width and height of a photo that really is ``file_type``, or Refused."""
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
            image.load()  # every pixel decodes: a truncated file fails here
            upright = ImageOps.exif_transpose(image)
            return upright.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise Refused(too_big) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise Refused(damaged) from None


def thumbnail(data: bytes, file_type) -> bytes:
    """A WebP of at most ``THUMBNAIL_BOX``, upright, from the first frame."""
    with _open(data, file_type.pillow_format) as image:
        image.draft("RGB", THUMBNAIL_BOX)  # JPEG decodes at a reduced scale: less memory
        image.seek(0)
        small = ImageOps.exif_transpose(image)
        small.thumbnail(THUMBNAIL_BOX)
        has_alpha = small.mode in ("RGBA", "LA", "PA") or "transparency" in small.info
        small = small.convert("RGBA" if has_alpha else "RGB")
        out = io.BytesIO()
        small.save(out, "WEBP", quality=80)
        return out.getvalue()
