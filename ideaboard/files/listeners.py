"""Files listen: when an attachment's row is deleted — removed by someone, or with its
idea when a draft is deleted — its bytes (and thumbnail) are removed once the deletion has
committed; a rollback keeps them, as the row comes back."""

from __future__ import annotations

import logging

from sqlalchemy import event
from sqlalchemy.orm import object_session

from ideaboard.core.transactions import after_commit
from ideaboard.files.models import Attachment
from ideaboard.files.storage import storage

log = logging.getLogger(__name__)


@event.listens_for(Attachment, "after_delete")
def remove_bytes_after_commit(mapper, connection, attachment: Attachment) -> None:
    keys = [key for key in (attachment.stored_key, attachment.thumbnail_key) if key]
    store = storage()

    def remove() -> None:
        for key in keys:
            try:
                store.delete(key)
            except OSError:  # the row is gone; a sweep can find the file later
                log.exception("could not remove the stored file %s", key)

    after_commit(remove, object_session(attachment))
