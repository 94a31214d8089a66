"""Uploaded roster files between their preview and their apply.

A file uploaded in the browser is kept under ``instance/roster-uploads/`` (or
``ROSTER_UPLOAD_DIR``), outside the web root, under a generated name (never the name it
was uploaded with), readable by this process only. Applying its preview reads these same
bytes (the record's SHA-256 must match) and deletes the file once the import commits; an
unapplied preview's file is deleted after ``ROSTER_PREVIEW_HOURS``.
"""

from __future__ import annotations

import os
import re
import secrets
import time
from pathlib import Path

from flask import current_app

PREVIEW_HOURS = 24
MAX_MB = 15  # under the app's MAX_CONTENT_LENGTH (16 MB); 50,000 Thai rows are ~10 MB
STORED_NAME = re.compile(r"^[A-Za-z0-9_-]{32}\.(csv|xlsx)$")


def upload_dir() -> Path:
    folder = current_app.config.get("ROSTER_UPLOAD_DIR") or os.path.join(
        current_app.instance_path, "roster-uploads"
    )
    path = Path(folder)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def max_bytes() -> int:
    return int(current_app.config.get("ROSTER_MAX_MB", MAX_MB) * 1024 * 1024)


def preview_hours() -> float:
    return float(current_app.config.get("ROSTER_PREVIEW_HOURS", PREVIEW_HOURS))


def store(data: bytes, kind: str) -> str:
    """Keep ``data``; returns the generated name it is kept under."""
    name = f"{secrets.token_urlsafe(24)}.{kind}"
    descriptor = os.open(upload_dir() / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    return name


def path_of(name: str | None) -> Path | None:
    """The kept file of that name, or None when it is gone (applied, expired, or a name
    that was never one of ours)."""
    if not name or not STORED_NAME.match(name):
        return None
    path = upload_dir() / name
    return path if path.is_file() else None


def discard(name: str | None) -> None:
    path = path_of(name)
    if path is not None:
        path.unlink(missing_ok=True)


def purge_expired() -> int:
    """Delete kept files older than the preview lifetime; returns how many went."""
    limit = time.time() - preview_hours() * 3600
    gone = 0
    for path in upload_dir().iterdir():
        if STORED_NAME.match(path.name) and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
            gone += 1
    return gone
