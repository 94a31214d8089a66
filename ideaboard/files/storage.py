"""Where the bytes of attached files live, behind one small interface.

A file is stored under a key the application makes up (``ab/cd/<32 hex digits>``, plus
``.thumb`` for its thumbnail), never under a name a user typed. ``LocalStorage`` keeps them
in a folder outside the web root (``instance/uploads`` by default); an object store can
take its place by naming another class in ``FILE_STORAGE`` (``"package.module:Class"``,
built with ``Class.from_app(app)``) that offers the same three methods.
"""

from __future__ import annotations

import importlib
import os
import re
import tempfile
import time
import uuid
from pathlib import Path
from typing import BinaryIO, Protocol

from flask import Flask, current_app

KEY = re.compile(r"^[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{32}(\.thumb)?$")
DEFAULT_STORAGE = "ideaboard.files.storage:LocalStorage"


def new_key() -> str:
    """A fresh random key: two levels of folders keep any one folder small."""
    name = uuid.uuid4().hex
    return f"{name[:2]}/{name[2:4]}/{name}"


def thumbnail_key(key: str) -> str:
    return key + ".thumb"


class Storage(Protocol):
    """What the files feature needs from a store of bytes."""

    def save(self, key: str, data: bytes) -> None:
        """Store ``data`` under ``key`` completely or not at all."""

    def open(self, key: str) -> BinaryIO:
        """The stored bytes for reading; ``FileNotFoundError`` when there are none."""

    def delete(self, key: str) -> None:
        """Remove what is stored under ``key``; nothing stored is not an error."""

    def keys(self, older_than: float = 0) -> list[str]:
        """Every key stored, or those stored at least ``older_than`` seconds ago (a sweep of
        orphans leaves uploads still on their way to a commit alone)."""


class LocalStorage:
    """Files in a folder on the local disk (outside ``static/``, so never served as is)."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)

    @classmethod
    def from_app(cls, app: Flask) -> LocalStorage:
        return cls(app.config.get("UPLOAD_FOLDER") or Path(app.instance_path) / "uploads")

    def path(self, key: str) -> Path:
        if not isinstance(key, str) or not KEY.match(key):
            raise ValueError(f"not a storage key: {key!r}")
        return self.root / key

    def save(self, key: str, data: bytes) -> None:
        target = self.path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        # written beside its place, then renamed: a reader never sees half a file
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".part-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.chmod(temporary, 0o640)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def open(self, key: str) -> BinaryIO:
        return self.path(key).open("rb")

    def delete(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)

    def keys(self, older_than: float = 0) -> list[str]:
        if not self.root.exists():
            return []
        before = time.time() - older_than
        found = (
            path.relative_to(self.root).as_posix()
            for path in self.root.rglob("*")
            if path.is_file() and (not older_than or path.stat().st_mtime <= before)
        )
        return sorted(key for key in found if KEY.match(key))


def storage_for(app: Flask) -> Storage:
    """The app's store, built once from ``FILE_STORAGE``."""
    store = app.extensions.get("ideaboard.storage")
    if store is None:
        module_name, _, class_name = (app.config.get("FILE_STORAGE") or DEFAULT_STORAGE).partition(
            ":"
        )
        store_class = getattr(importlib.import_module(module_name), class_name)
        store = app.extensions["ideaboard.storage"] = store_class.from_app(app)
    return store


def storage() -> Storage:
    return storage_for(current_app)
