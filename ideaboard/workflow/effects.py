"""What some transitions check or record beyond the stage: the table names these."""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ideaboard.core.errors import PermissionDenied, ValidationError
from ideaboard.core.i18n import current_locale
from ideaboard.core.schema import UNSTORABLE, Errors
from ideaboard.files.operations import prepare
from ideaboard.ideas import validation
from ideaboard.ideas.models import Idea
from ideaboard.ideas.operations import idea_by_ref
from ideaboard.workflow.models import Stage

MAX_ECHOED_REF = 40  # a reference that matches nothing is quoted back, shortened to this


def check_complete(idea) -> None:
    """Submission needs a complete idea (steps both sides and the case for it)."""
    validation.check_complete(idea)


def record_measurement(idea, inputs: MutableMapping) -> None:
    """Implementing records the measured result and stores its impact.

    Evidence files (``inputs["evidence_files"]``, from the page's form) are read and checked
    here, with the measurement, so every problem is told at once; the evidence text may then
    be left empty. They are stored once the idea is implemented: the checked files are left
    in ``inputs["evidence"]`` for the transition operation."""
    uploads = list(inputs.get("evidence_files") or ())
    errors = Errors()
    result = prepared = None
    try:
        result = validation.clean_measurement(inputs.get("measured"), with_files=bool(uploads))
    except ValidationError as error:
        errors.update(error.fields)
    if uploads:
        try:
            prepared = prepare(idea, uploads, field="evidence_files")
        except ValidationError as error:
            errors.update(error.fields)
    errors.check()
    idea.measured_steps_after = result["steps_after"]
    idea.measured_minutes_after = result["minutes_after"]
    idea.measured_cases_since = result["cases_since"]
    idea.measured_evidence = result["evidence"]
    inputs["evidence"] = prepared or []


def record_merge(idea, inputs: Mapping) -> None:
    """Merging a duplicate names the idea that takes it in, its survivor.

    ``inputs["into"]``: the survivor's reference as typed (or the ``Idea`` itself);
    ``inputs["by"]``: the user merging (the machine passes no user to effects). Every check
    runs before ``idea.merged_into`` is set; the machine then sets the stage.
    """
    idea.merged_into = find_survivor(idea, inputs.get("into"), inputs.get("by"))


def find_survivor(idea: Idea, into, user) -> Idea:
    """The idea ``user`` may merge ``idea`` into: one they can see, not ``idea`` itself, not
    a draft, not merged itself (a chain would send readers from idea to idea), and one they
    may review too: "another idea of their units". Raises ``ValidationError`` on ``into``,
    or ``PermissionDenied`` (with the reason on ``into``) for the unit rule."""
    if isinstance(into, Idea):
        survivor = into
    elif into is None or (isinstance(into, str) and not into.strip()):
        raise _invalid(_l("Give the reference of the idea to merge into, e.g. IDEA-2569-00042."))
    elif not isinstance(into, str):
        raise _invalid(_l("Please enter text."))
    else:
        survivor = idea_by_ref(into)
    if survivor is None or not survivor.can_view(user):  # another's draft does not leak
        typed = UNSTORABLE.sub("", into.strip())
        shown = typed if len(typed) <= MAX_ECHOED_REF else typed[:MAX_ECHOED_REF] + "…"
        raise _invalid(_("No idea has the reference “%(ref)s”.", ref=shown))
    ref = survivor.ref
    if survivor.id == idea.id:
        raise _invalid(_l("An idea cannot be merged into itself: give the other idea's reference."))
    if survivor.stage.is_private:
        raise _invalid(
            _("%(ref)s is still a draft: merge only into an idea its team has submitted.", ref=ref)
        )
    if survivor.merged_into_id == idea.id:
        raise _invalid(_("%(ref)s was merged into this idea already.", ref=ref))
    if survivor.stage == Stage.MERGED:
        onward = survivor.merged_into.ref
        raise _invalid(
            _(
                "%(ref)s was itself merged into %(onward)s: merge into %(onward)s instead.",
                ref=ref,
                onward=onward,
            )
        )
    if not survivor.can_review(user):
        if survivor.is_team_member(user):
            reason = _("%(ref)s is your own idea: a supervisor of its unit decides.", ref=ref)
        else:
            unit = survivor.unit.name(current_locale())
            reason = _(
                "%(ref)s belongs to %(unit)s, which you do not supervise.", ref=ref, unit=unit
            )
        raise PermissionDenied(
            _l("You can merge only into an idea of a unit you supervise, and not your own."),
            fields={"into": reason},
        )
    return survivor


def _invalid(message) -> ValidationError:
    return ValidationError(fields={"into": message})
