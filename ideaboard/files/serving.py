"""HTTP around files, shared by the pages and the API: reading uploads out of a request
(which may be larger than other requests) and answering with a stored file.

A file answer is never a page: ``Content-Disposition`` says attachment (only a photo is
shown inline, and never when a download is asked for), ``X-Content-Type-Options: nosniff``
keeps the browser to the detected type, and a ``sandbox`` Content-Security-Policy with no
sources means that even a file a browser did treat as a document could run nothing. The
name is sent RFC 5987-encoded (``filename*``) so Thai names survive, with a plain ASCII
fallback. Answers are cached only privately, and revalidated (the ETag is the checksum),
so a file that is no longer visible is not served from a shared cache.
"""

from __future__ import annotations

import io
import re
from urllib.parse import quote

from flask import Flask, current_app, request, send_file
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import FileStorage

from ideaboard.core.errors import NotFound
from ideaboard.files.models import Attachment
from ideaboard.files.operations import Upload
from ideaboard.files.storage import storage

# the endpoints that take files: their requests may be larger (MAX_UPLOAD_BYTES)
UPLOAD_ENDPOINTS = {"files.upload", "ideas.act", "api.attachments_add"}
FILE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
ASCII_SAFE = re.compile(r"[^A-Za-z0-9._ ()-]")


def allow_large_requests(app: Flask) -> None:
    """Raise the request size limit for the upload endpoints before anything reads the
    body (a URL value preprocessor runs before every ``before_request``, CSRF's included);
    past it the request is cut off early with a 413."""

    @app.url_value_preprocessor
    def upload_limit(endpoint, values):
        if endpoint in UPLOAD_ENDPOINTS:
            request.max_content_length = current_app.config["MAX_UPLOAD_BYTES"]


def uploads_from(files: list[FileStorage]) -> list[Upload]:
    """The files a form or multipart request sent; a file input left empty sends a part
    without a name and no bytes, which is not an upload."""
    return [Upload(part.filename or "", part.stream) for part in files if part.filename]


def content_disposition(name: str, fallback: str, *, inline: bool) -> str:
    """``attachment; filename="file-7.pdf"; filename*=UTF-8''%E0%B9%81…`` (RFC 6266/5987)."""
    plain = ASCII_SAFE.sub("", name)
    if plain != name or not re.search(r"[A-Za-z0-9]", plain.rsplit(".", 1)[0]):
        plain = fallback
    disposition = "inline" if inline else "attachment"
    return f"{disposition}; filename=\"{plain}\"; filename*=UTF-8''{quote(name, safe='')}"


def file_response(attachment: Attachment, *, thumbnail: bool = False, download: bool = False):
    """The stored file (or its thumbnail) as a safe answer."""
    file_type = attachment.file_type
    key = attachment.thumbnail_key if thumbnail else attachment.stored_key
    if key is None:
        raise NotFound(_l("This file has no thumbnail."))
    try:
        stream = storage().open(key)
    except FileNotFoundError:
        current_app.logger.error("stored file %s of attachment %s is missing", key, attachment.id)
        raise NotFound(_l("This file is missing from storage.")) from None
    stem = attachment.display_name.rsplit(".", 1)[0]
    fallback = f"file-{attachment.id}{file_type.extension}"
    if thumbnail:
        with stream:
            stream = io.BytesIO(stream.read())
        name, mimetype, etag = f"{stem}.webp", "image/webp", attachment.sha256 + "-thumb"
        fallback = f"file-{attachment.id}-thumbnail.webp"
    else:
        name, mimetype, etag = attachment.display_name, file_type.content_type, attachment.sha256
    response = send_file(
        stream,
        mimetype=mimetype,
        etag=etag,
        last_modified=attachment.created_at,
        conditional=True,
        max_age=None,
    )
    if response.status_code == 200 and not thumbnail:
        response.content_length = attachment.size
    inline = (thumbnail or file_type.image) and not download
    response.headers["Content-Disposition"] = content_disposition(name, fallback, inline=inline)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = FILE_CSP
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    response.headers["Cache-Control"] = "private, no-cache"
    return response
