"""What a comment may be, declared once: the operations clean with it, the API checks with
it and the OpenAPI document describes it."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ideaboard.core.schema import Object, Text
from ideaboard.engagement.models import MAX_COMMENT

COMMENT_INPUT = Object(
    "CommentInput",
    {
        "body": Text(
            MAX_COMMENT,
            required=True,
            required_message=_l("Write something first: an empty comment is not posted."),
            description="plain text; links (http, https) are shown clickable, markup as text",
        )
    },
)
