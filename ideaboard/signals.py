"""Every signal Ideaboard sends, declared once.

Operations send these after they have changed state and flushed, inside the request's (or
CLI command's) transaction. Listeners that write the database do so in that same
transaction, so their rows commit or roll back with the change; anything that leaves the
process (e-mail, a cache in another server) must wait for the commit — register it with
``ideaboard.core.transactions.after_commit`` from the listener.

Listeners connect in their feature's ``listeners`` module; ``create_app`` imports those
modules (``register_listeners``), so a listener exists in every process, web or CLI.

Each signal is sent with the changed object as ``sender`` and keyword arguments as listed.
"""

from blinker import Namespace

_signals = Namespace()

idea_created = _signals.signal(
    "idea-created",
    doc="""A draft was created (quick capture, full form, API, demo seed).

    sender: the Idea (flushed, with its ref); ``user``: who created it.""",
)

idea_edited = _signals.signal(
    "idea-edited",
    doc="""An idea's fields or steps were changed by its team (form or API PATCH).

    sender: the Idea after the change (flushed); ``user``: who edited it; ``changes``: a
    list of ``ideaboard.ideas.changes.Change`` (field, before → after; steps added, removed,
    changed), never empty; ``recorded``: True when the edit comes after the idea's first
    submission, so it belongs in the history a reviewer reads.""",
)

idea_deleted = _signals.signal(
    "idea-deleted",
    doc="""A draft never submitted was deleted by its author.

    sender: the Idea (deleted and flushed; its id and ref are still readable);
    ``user``: the author.""",
)

stage_changed = _signals.signal(
    "stage-changed",
    doc="""An idea moved between stages through the transition table.

    sender: the Idea (in its new stage, flushed); ``event``: the StageEvent written (who,
    when, from, to, note); ``action``: the ``workflow.models.Action`` taken.""",
)

idea_submitted = _signals.signal(
    "idea-submitted",
    doc="""An idea reached *submitted* (first submission or resubmission): the moment its
    reviewers have new work. Sent right after ``stage_changed``.

    sender: the Idea; ``event``: the StageEvent (``idea.reviewers``: the responsible
    reviewers, whose review queue it now waits in — ``workflow.review``; one query, asked
    only by a listener that needs it; empty when nobody can review it).""",
)

idea_merged = _signals.signal(
    "idea-merged",
    doc="""A supervisor merged a duplicate into another idea (its survivor). Sent right after
    ``stage_changed``, once the duplicate is *merged* and points to the survivor.

    sender: the duplicate (flushed; ``merged_into`` is the survivor, and so is that of any
    idea merged into the duplicate before); ``survivor``: the Idea that took it in; ``user``: the supervisor who merged; ``event``: the duplicate's
    StageEvent (action ``merge``, ``related_idea`` the survivor, the note).

    Listeners move what hangs on the duplicate to the survivor, in the same transaction:
    the survivor's history records the merge (workflow), votes move without counting a
    person twice, follows and comments move, and both ideas' counters are counted again
    (engagement). Search needs nothing: a merged idea stays indexed and its visibility
    rule leaves it out unless the merged stage is asked for.""",
)

impact_changed = _signals.signal(
    "impact-changed",
    doc="""The stored impact numbers of an idea changed (its steps, its annual volume or its
    measured result changed).

    sender: the Idea with its stored numbers updated (flushed); ``before``: the estimated
    ``Impact`` before the change; ``measured_before``: the measured ``Impact`` before, or
    None.""",
)

vote_cast = _signals.signal(
    "vote-cast",
    doc="""A colleague voted for an idea (a new vote row, never a repeated click).

    sender: the Idea; ``user``: who voted; ``weight``: what the vote adds to the idea's
    trending score (``engagement.trending``); ``at``: when. Listeners keep ``vote_count``
    and ``trending_score`` with one atomic UPDATE and make the voter a follower.""",
)

vote_withdrawn = _signals.signal(
    "vote-withdrawn",
    doc="""A colleague took their vote back (the row was deleted; a repeated click that found
    no vote sends nothing).

    sender: the Idea; ``user``: who withdrew; ``weight``: what the vote had added to the
    idea's trending score.""",
)

comment_added = _signals.signal(
    "comment-added",
    doc="""A colleague commented on an idea (notifications will tell its followers).

    sender: the Comment (flushed, with its id); ``idea``: the Idea; ``user``: its writer.""",
)

comment_edited = _signals.signal(
    "comment-edited",
    doc="""A comment's writer changed its text.

    sender: the Comment after the change (flushed); ``idea``: the Idea; ``user``: its
    writer; ``before``: the text before.""",
)

comment_deleted = _signals.signal(
    "comment-deleted",
    doc="""A comment's writer deleted it: the row stays (its place in the thread), its text is
    gone.

    sender: the Comment (flushed, ``deleted_at`` set); ``idea``: the Idea; ``user``: who
    deleted it.""",
)

attachment_added = _signals.signal(
    "attachment-added",
    doc="""A file was attached to an idea (its bytes stored, its row flushed), by the team
    or, as evidence of the measured result, by a reviewer.

    sender: the Attachment (flushed, with its id); ``idea``: the Idea; ``user``: who
    attached it; ``recorded``: True when the idea has been submitted before, so the
    addition belongs in the history a reviewer reads.""",
)

attachment_removed = _signals.signal(
    "attachment-removed",
    doc="""A file was removed from an idea (its row deleted and flushed; its bytes go once
    the transaction commits).

    sender: the Attachment (deleted; its fields are still readable); ``idea``: the Idea;
    ``user``: who removed it; ``recorded``: as for ``attachment_added``.""",
)

password_changed = _signals.signal(
    "password-changed",
    doc="""A person changed their own password (the account page). Their other sessions and
    remember-me cookies stop working (the session version went up), and so do their API
    tokens (deleted: a token could have been made with the old password).

    sender: the User (flushed, new password hash and ``session_version``); ``revoked_tokens``:
    how many API tokens were revoked with it. Worth an audit entry; never carries a
    password.""",
)

api_token_issued = _signals.signal(
    "api-token-issued",
    doc="""A bearer token was made (``POST /api/v1/tokens`` or the account page).

    sender: the ApiToken (flushed, with its id and name; only its digest is stored);
    ``user``: its owner.""",
)

api_token_revoked = _signals.signal(
    "api-token-revoked",
    doc="""A person revoked one of their API tokens (the account page or
    ``DELETE /api/v1/tokens/{id}``); the row is deleted.

    sender: the ApiToken (deleted and flushed; its id and name are still readable);
    ``user``: who revoked it (its owner).""",
)

roster_imported = _signals.signal(
    "roster-imported",
    doc="""An administrator applied an HR roster import (browser or command line; a dry run
    sends nothing). Sent once the people were written and flushed, before the commit.

    sender: the RosterImport record (mode ``applied``: who, file name, SHA-256, the counts
    ``created``, ``updated``, ``unchanged``, ``rejected``, ``deactivated``); ``user``: the
    administrator, or None from the command line; ``report``: the
    ``roster.planning.Report`` (the rows behind the counts, lists capped).""",
)

person_updated = _signals.signal(
    "person-updated",
    doc="""An administrator changed a person: their profile (name, position, e-mail, unit,
    language), whether they are active, their roles or the units they supervise.

    sender: the User after the change (flushed); ``by``: the administrator; ``changes``:
    field → ``(before, after)``, never empty (``display_name``, ``position``, ``email``,
    ``unit`` (codes), ``locale``, ``active``, ``api_tokens`` (counts), ``roles`` and
    ``supervises`` (sorted lists)). The audit entry is already written. The search index
    listens for a new ``display_name`` (names are searched with the ideas they wrote).""",
)
