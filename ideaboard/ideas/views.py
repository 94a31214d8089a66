"""HTML pages for ideas: list, quick capture, the full form, the idea page.

Views parse input and render; every rule lives in the operations they call.
"""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from ideaboard.core.errors import Conflict, PermissionDenied, ValidationError
from ideaboard.core.i18n import current_locale
from ideaboard.core.models import title_of
from ideaboard.engagement.queries import card_states, comment_page, decode_after, viewer_state
from ideaboard.extensions import db
from ideaboard.files.operations import attachments_of
from ideaboard.files.permissions import addable_kinds
from ideaboard.files.serving import uploads_from
from ideaboard.ideas import changes, operations
from ideaboard.ideas.diff import step_diff
from ideaboard.ideas.forms import (
    BLANK_STEPS_ON_NEW,
    DeleteForm,
    IdeaForm,
    QuickIdeaForm,
    blank_step_templates,
)
from ideaboard.ideas.models import Category, Stakeholder
from ideaboard.ideas.queries import read_filters
from ideaboard.ideas.validation import LIMITS, MAX_STEPS, STEP_LISTS, submission_gaps
from ideaboard.people.models import GROUPING_KINDS, OrgUnit, UnitKind
from ideaboard.people.operations import unit_by_code
from ideaboard.search.queries import find_ideas
from ideaboard.search.similar import TOO_SHORT, idea_text, similar_ideas
from ideaboard.search.words import significant
from ideaboard.workflow import transitions
from ideaboard.workflow.forms import TransitionForm
from ideaboard.workflow.models import Action
from ideaboard.workflow.operations import transition

ideas = Blueprint("ideas", __name__, url_prefix="/ideas")


def dialog_quick_form() -> QuickIdeaForm:
    """The quick-capture form in the เอ๊ะ dialog of every page (ids kept unique)."""
    form = QuickIdeaForm(formdata=None)
    form.title.id, form.eh_moment.id = "quick-title-input", "quick-eh-input"
    return form


@ideas.app_context_processor
def form_helpers() -> dict:
    return {"limits": LIMITS, "dialog_quick_form": dialog_quick_form}


@ideas.app_template_global()
def describe_change(change: dict) -> dict:
    return changes.describe(change)


@ideas.app_template_global()
def stakeholder_title(code: str) -> str:
    return title_of(Stakeholder, code)


def unit_choices(top_only: bool = False, chosen: OrgUnit | None = None) -> list[SelectChoice]:
    """Units in tree order, grouped under their bureau, district office or hospital, so the
    fifty ฝ่ายทะเบียน can be told apart. ``top_only`` keeps the city, bureaus, district
    offices and hospitals (the list filter includes sub-units anyway), and ``chosen`` when it
    is below them (picked with the searchable picker), so the list without JavaScript keeps
    it. Closed units are left out, but for ``chosen``."""
    lang = current_locale()
    kept = OrgUnit.closed_at.is_(None)
    if chosen is not None:
        kept = kept | (OrgUnit.id == chosen.id)
    units = list(db.session.scalars(select(OrgUnit).where(kept).order_by(OrgUnit.path)))
    units_by_code = {unit.code: unit for unit in units}
    groups = {unit.code: unit for unit in units if unit.kind in GROUPING_KINDS}
    choices = []
    for unit in units:
        if top_only and unit.kind not in GROUPING_KINDS | {UnitKind.ORGANISATION}:
            continue
        group = groups.get(unit.nearest(groups, include_self=True))
        depth = unit.depth - group.depth if group else 0
        label = "\u2003" * depth + unit.name(lang)
        choices.append(SelectChoice(unit.code, label, optgroup=group.name(lang) if group else None))
    if chosen is not None and all(choice.value != chosen.code for choice in choices):
        group = groups.get(chosen.nearest(groups, include_self=True))
        choices.append(
            SelectChoice(
                chosen.code, chosen.name(lang), optgroup=group.name(lang) if group else None
            )
        )
        choices.sort(key=lambda choice: units_by_code[choice.value].path)
    return choices


# the list filters as the form names them, for "this filter was not understood" messages
FILTER_LABELS = {
    "q": _l("Search"),
    "stage": _l("Stage"),
    "category": _l("Category"),
    "unit": _l("Unit (with sub-units)"),
    "fy": _l("Fiscal year"),
    "sort": _l("Sort"),
    "limit": _l("Ideas per page"),
    "author": _l("Author (username)"),
    "voted": _l("My votes"),
}
MAX_ECHOED = 40  # a bad value is quoted back, shortened to this many characters
FOLDED_FILTERS = ("stage", "category", "unit", "fy", "author")  # counted on "Filters (n)"


@ideas.get("/")
def index():
    """The list. A filter that is not valid is named with the value given and left out;
    the page still lists what the valid filters select, answered 422 like the form pages
    (and the API) answer input they cannot use."""
    per_page = current_app.config["IDEAS_PER_PAGE"]
    filters, errors = read_filters(request.args, default_limit=per_page)
    items, next_cursor, hits = [], None, {}
    try:
        items, next_cursor, hits = find_ideas(current_user, filters)
    except ValidationError as error:  # nothing to search for: named, and left out
        errors.update(error.fields)
        filters.q, filters.cursor = "", None
        items, next_cursor, hits = find_ideas(current_user, filters)
    bad = {name: (str(request.args.get(name, "")), message) for name, message in errors.items()}
    for name, (value, message) in bad.items():
        if name == "cursor":  # a page link, not something the user typed
            flash(str(message), "warn")
            continue
        shown = value if len(value) <= MAX_ECHOED else value[:MAX_ECHOED] + "…"
        flash(
            _(
                "The filter “%(filter)s” does not accept “%(value)s”, so it was left out; "
                "the other filters still apply. %(reason)s",
                filter=FILTER_LABELS.get(name, name),
                value=shown,
                reason=message,
            ),
            "warn",
        )
    stages = list(transitions.REACHABLE_STAGES)
    if filters.stage and filters.stage not in stages:
        stages.append(filters.stage)  # a valid stage nothing leads to yet: no ideas, no error
    return render_template(
        "ideas/list.html",
        items=items,
        states=card_states(current_user, [idea.id for idea in items]),
        hits=hits,
        next_cursor=next_cursor,
        filters=filters,
        bad_filters={name: value for name, (value, _message) in bad.items()},
        bad_messages={name: message for name, (_value, message) in bad.items()},
        stages=stages,
        active_filters=sum(1 for name in FOLDED_FILTERS if request.args.get(name, "").strip()),
        categories=list(Category),
        units=unit_choices(top_only=True, chosen=filters.unit),
    ), (422 if bad else 200)


def check_similar(*texts: str) -> list | None:
    """The "check for similar ideas" button (the page without JavaScript): the similar
    ideas of what was typed, or a message when there is too little to compare; None when
    the button was not pressed."""
    if "check_similar" not in request.form:
        return None
    text = idea_text(*texts)
    if not significant(text):
        flash(str(TOO_SHORT), "warn")
        return []
    return similar_ideas(text, current_user)


@ideas.route("/quick", methods=["GET", "POST"])
def quick():
    """Quick capture: title and the เอ๊ะ moment, saved as a draft in seconds."""
    form = QuickIdeaForm()
    similar = check_similar(form.title.data or "", form.eh_moment.data or "", "")
    if similar is not None:
        return render_template("ideas/quick.html", form=form, similar=similar)
    if form.validate_on_submit():
        try:
            idea = operations.create_idea(
                current_user, {"title": form.title.data, "eh_moment": form.eh_moment.data}
            )
        except ValidationError as error:
            for name, message in error.fields.items():
                getattr(form, name).errors = [*getattr(form, name).errors, message]
        else:
            db.session.commit()
            flash(_("Saved as a draft. Add the steps when you have a moment."), "ok")
            return redirect(url_for("ideas.detail", ref=idea.ref))
    status = 422 if request.method == "POST" else 200
    return render_template("ideas/quick.html", form=form, similar=None), status


def _handle_step_buttons(form: IdeaForm) -> bool:
    """No-JavaScript helpers: "add a step" re-renders the form with one more row."""
    target = request.form.get("add_step")
    if target in STEP_LISTS:
        rows = getattr(form, target)
        if len(rows) < MAX_STEPS:
            rows.append_entry()
        else:
            flash(_("At most %(n)d steps.", n=MAX_STEPS), "warn")
        return True
    return False


def _save(form: IdeaForm, idea=None):
    """Create or update from the form, then submit if asked.

    Returns ``(idea, done)``: ``idea`` is the saved idea (None if nothing was saved) and
    ``done`` is False when the page must be shown again with messages.
    """
    data = form.idea_data()
    try:
        if idea is None:
            idea = operations.create_idea(current_user, data)
        else:
            operations.update_idea(idea, current_user, data, form.version.data)
    except ValidationError as error:
        db.session.rollback()
        fields = dict(error.fields)
        needed_to_submit = {}
        if "submit_idea" in request.form:
            # say at once everything submitting needs, not only what stopped the save
            needed_to_submit = {
                path: message
                for path, message in submission_gaps(data).items()
                if path not in fields
            }
            fields.update(needed_to_submit)
        flash(str(error.message), "error")  # at the top, so a phone user sees something failed
        if needed_to_submit:
            flash(_("Not saved. To submit, the other marked fields are needed as well."), "warn")
        for message in form.show_errors(fields):
            flash(message, "error")
        return (operations.idea_by_ref(idea.ref) if idea else None), False
    except Conflict as error:
        flash(str(error.message), "error")
        fresh = operations.idea_by_ref(idea.ref)
        if fresh and fresh.can_edit(current_user):
            flash(
                _(
                    "Your text is kept below. Open the idea in a new tab to see the other "
                    "change, then save again to replace it."
                ),
                "warn",
            )
        else:
            flash(_("Your text is kept below so you can copy it."), "warn")
        form.version.data = str(fresh.version) if fresh else form.version.data
        return fresh, False
    db.session.commit()
    form.version.data = str(idea.version)
    if "submit_idea" in request.form:
        try:
            transition(idea, current_user, Action.SUBMIT, version=idea.version)
        except ValidationError as error:
            db.session.rollback()
            flash(_("Your draft is saved, but it cannot be submitted yet."), "warn")
            for message in form.show_errors(error.fields):
                flash(message, "error")
            return idea, False
        db.session.commit()
        flash_submitted(idea)
    else:
        flash(_("Saved."), "ok")
    return idea, True


def flash_submitted(idea) -> None:
    """Tell the author who reviews next, or that nobody can yet."""
    if idea.reviewers:
        flash(_("Submitted. Your supervisor will review it."), "ok")
    else:
        flash(
            _(
                "Submitted, but nobody supervises this unit in Ideaboard yet. "
                "Please ask your administrator to name a supervisor."
            ),
            "warn",
        )


def _render_form(form: IdeaForm, idea, status: int, similar: list | None = None):
    return render_template(
        "ideas/form.html",
        form=form,
        idea=idea,
        blank_steps=blank_step_templates(),
        similar=similar,
        chosen_unit=unit_by_code((form.unit.data or "").strip()),
    ), status


@ideas.route("/new", methods=["GET", "POST"])
def new():
    form = IdeaForm()
    idea = None
    similar = check_similar(
        form.title.data or "", form.eh_moment.data or "", form.process_name.data or ""
    )
    if request.method == "GET":
        form.unit.data = current_user.unit.code
        for name in STEP_LISTS:
            while len(getattr(form, name)) < BLANK_STEPS_ON_NEW:
                getattr(form, name).append_entry()
    elif similar is not None:
        return _render_form(form, idea, 200, similar)
    elif form.validate_on_submit() and not _handle_step_buttons(form):
        idea, done = _save(form)
        if done:
            return redirect(url_for("ideas.detail", ref=idea.ref))
        # a draft saved but not submittable is edited from now on, never created twice
    status = 422 if request.method == "POST" and "add_step" not in request.form else 200
    return _render_form(form, idea, status)


@ideas.route("/<ref>/edit", methods=["GET", "POST"])
def edit(ref: str):
    idea = operations.get_visible_idea(ref, current_user)
    if request.method == "GET" and not idea.can_edit(current_user):
        flash(_("Only drafts and returned ideas can be edited, by their team."), "warn")
        return redirect(url_for("ideas.detail", ref=idea.ref))
    # on POST the operation decides, and a refusal shows the form again with what was typed
    form = IdeaForm(obj=idea) if request.method == "GET" else IdeaForm()
    if request.method == "GET":
        form.unit.data = idea.unit.code
        form.category.data = idea.category.value if idea.category else ""
        form.annual_volume.data = "" if idea.annual_volume is None else str(idea.annual_volume)
        form.coauthors.data = ", ".join(c.username for c in idea.coauthors)
        form.version.data = str(idea.version)
        for name in STEP_LISTS:
            field = getattr(form, name)
            while len(field):
                field.pop_entry()
            for index, step in enumerate(getattr(idea, name)):
                field.append_entry({
                    "position": str(index + 1), "description": step.description,
                    "actor": step.actor.value, "work_minutes": str(step.work_minutes),
                    "wait_minutes": str(step.wait_minutes),
                    "citizen_present": step.citizen_present,
                })  # fmt: skip
            if not len(field):
                field.append_entry()
    elif form.validate_on_submit() and not _handle_step_buttons(form):
        saved, done = _save(form, idea)
        if done:
            return redirect(url_for("ideas.detail", ref=idea.ref))
        idea = saved or idea
    status = 422 if request.method == "POST" and "add_step" not in request.form else 200
    return _render_form(form, idea, status)


@ideas.post("/<ref>/delete")
def delete(ref: str):
    idea = operations.get_visible_idea(ref, current_user)
    form = DeleteForm()
    if not form.validate_on_submit():
        flash(_("This form has expired. Please try again."), "error")
        return redirect(url_for("ideas.detail", ref=idea.ref))
    try:
        operations.delete_draft(idea, current_user, form.version.data)
    except (Conflict, PermissionDenied) as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return redirect(url_for("ideas.detail", ref=ref))
    db.session.commit()
    flash(_("The draft %(ref)s was deleted.", ref=ref), "ok")
    return redirect(url_for("ideas.index", mine=1))


def _comments_after() -> int | None:
    """Where the page of comments starts (``?comments=`` cursor); a bad one starts over."""
    try:
        return decode_after(request.args["comments"]) if request.args.get("comments") else None
    except ValueError:
        flash(_("This page link is no longer valid; start from the first page."), "warn")
        return None


def render_idea_page(idea, status: int = 200, failed_form: TransitionForm | None = None):
    comments, next_comments = comment_page(idea, current_user, after=_comments_after())
    actions = transitions.available(idea, current_user)
    return render_template(
        "ideas/detail.html",
        idea=idea,
        impact=idea.impact,
        measured=idea.measured_impact,
        diff=step_diff(idea.current_steps, idea.proposed_steps),
        actions=actions,
        # the actions that ask only for a note share one note box; the others keep a form
        decisions=[t for t in actions if not t.inputs],
        with_inputs=[t for t in actions if t.inputs],
        dangerous_actions=transitions.DANGEROUS_ACTIONS,
        blank_form=TransitionForm(formdata=None, meta={"csrf": False}),
        failed_form=failed_form,
        viewer=viewer_state(idea, current_user),
        comments=comments,
        next_comments=next_comments,
        attachments=attachments_of(idea),
        upload_kinds=addable_kinds(idea, current_user),
    ), status


@ideas.get("/<ref>")
def detail(ref: str):
    return render_idea_page(operations.get_visible_idea(ref, current_user))


@ideas.post("/<ref>/transitions")
def act(ref: str):
    """The stage buttons on the idea page."""
    idea = operations.get_visible_idea(ref, current_user)
    form = TransitionForm()
    status = 422
    if form.validate_on_submit():
        try:
            event = transition(
                idea,
                current_user,
                form.action.data,
                version=form.version.data,
                note=form.note.data,
                measured=form.measured(),
                into=form.into.data,
                evidence_files=uploads_from(request.files.getlist("evidence_files")),
            )
        except ValidationError as error:
            db.session.rollback()
            for message in form.show_errors(error.fields):
                flash(message, "error")
            flash(error.message, "error")
            if request.files.get("evidence_files"):
                flash(_("Nothing was saved, so choose the evidence files again."), "warn")
        except (Conflict, PermissionDenied) as error:
            db.session.rollback()
            status = error.status
            flash(error.message, "error")
            for message in form.show_errors(error.fields):  # e.g. why not into that idea
                flash(message, "error")
        else:
            db.session.commit()
            if event.action == Action.SUBMIT:
                flash_submitted(idea)
            elif event.action == Action.MERGE:
                flash(_("Merged into %(ref)s.", ref=idea.merged_into.ref), "ok")
            else:
                flash(_("Done: %(action)s.", action=event.action.title), "ok")
            return redirect(url_for("ideas.detail", ref=idea.ref))
    idea = operations.get_visible_idea(ref, current_user)
    return render_idea_page(idea, status, failed_form=form)
