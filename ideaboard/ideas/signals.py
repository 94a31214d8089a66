"""Signals sent by idea and workflow operations; history and notifications listen."""

from blinker import Namespace

_signals = Namespace()

idea_created = _signals.signal("idea-created")
idea_transitioned = _signals.signal("idea-transitioned")
