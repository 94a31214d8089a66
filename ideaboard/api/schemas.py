"""The API's entities, each declared once (``ideaboard.core.schema``): the serializers dump
through these declarations, the views check request shapes with them, and the OpenAPI
document is generated from them. The idea's input and its steps are declared with the
rules that clean them, in ``ideas.validation``."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ideaboard.core.schema import (
    Any,
    Bool,
    Choice,
    DateTime,
    Integer,
    List,
    Map,
    Number,
    Object,
    Text,
    WholeNumber,
)
from ideaboard.engagement.validation import COMMENT_INPUT
from ideaboard.ideas.models import Category, Stakeholder
from ideaboard.ideas.validation import MAX_NOTE, MAX_REF, MEASUREMENT, STEP
from ideaboard.workflow.models import Stage
from ideaboard.workflow.transitions import ACTIONS

BEFORE_MARKS = ("same", "changed", "merged", "removed")
AFTER_MARKS = ("same", "changed", "merged", "new")
CHANGE_KINDS = ("changed", "added", "removed", "moved")

# -- requests --------------------------------------------------------------------------------

TOKEN_REQUEST = Object(
    "TokenRequest",
    {
        "username": Text(required=True, strip=False, normalise=False),
        "password": Text(required=True, strip=False, normalise=False),
    },
)
VERSION_NOTE = "the idea's version as last read; a stale one is a 409"


def version_field() -> WholeNumber:
    return WholeNumber(
        0,
        required=True,
        required_message=_l("Send the version you last read."),
        description=VERSION_NOTE,
    )


TRANSITION_REQUEST = Object(
    "TransitionRequest",
    {
        "action": Choice(ACTIONS, required=True, unknown=_l("Unknown action.")),
        "version": version_field(),
        "note": Text(MAX_NOTE, nullable=True, description="required to return or decline"),
        "measured": MEASUREMENT.use(description="required to implement"),
        "into": Text(
            MAX_REF,
            nullable=True,
            example="IDEA-2569-00042",
            description="merge: the reference of the idea that takes this duplicate in "
            "(one of a unit the caller supervises)",
        ),
    },
)
DELETE_REQUEST = Object("DeleteRequest", {"version": version_field()})

# -- responses -------------------------------------------------------------------------------

TOKEN = Object(
    "Token",
    {"token": Text(), "token_type": Choice(("Bearer",))},
)
UNIT = Object(
    "Unit",
    {
        "code": Text(example="D1001-REG"),
        "name_th": Text(),
        "name_en": Text(),
        "kind": Text(get=lambda unit: str(unit.kind), description="organisation, bureau, …"),
    },
)
PERSON = Object("Person", {"username": Text(), "display_name": Text()})
COLLEAGUE = PERSON.extend("Colleague", unit=UNIT)
PEOPLE = Object("People", {"items": List(COLLEAGUE)})
ME = PERSON.extend(
    "Me",
    position=Text(),
    locale=Choice(("th", "en")),
    roles=List(Text(), attr="role_names"),
    unit=UNIT,
    supervises=List(UNIT, attr="supervised_units"),
)

IMPACT = Object(
    "Impact",
    {
        "steps_before": Integer(),
        "steps_after": Integer(),
        "step_reduction_pct": Number(nullable=True, description="positive = fewer steps"),
        "minutes_before": Integer(),
        "minutes_after": Integer(),
        "minutes_saved_per_case": Integer(nullable=True, description="negative when slower"),
        "hours_saved_per_year": Number(nullable=True),
        "citizen_visits_before": Integer(
            description="trips the citizen makes: consecutive steps with the citizen present "
            "count as one visit"
        ),
        "citizen_visits_after": Integer(description="trips after the change, counted the same way"),
    },
)
DIFF_ROW = Object(
    "DiffRow",
    {
        "before": List(STEP, description="current step(s); several when merged"),
        "before_mark": Choice(BEFORE_MARKS, nullable=True),
        "after": STEP.use(nullable=True),
        "after_mark": Choice(AFTER_MARKS, nullable=True),
    },
)
MEASURED = Object(
    "Measured",
    {
        "steps_after": Integer(attr="measured_steps_after"),
        "minutes_after": Integer(attr="measured_minutes_after"),
        "cases_since": Integer(attr="measured_cases_since"),
        "evidence": Text(attr="measured_evidence"),
        "impact": IMPACT.use(get=lambda idea: idea.measured_impact.as_dict()),
    },
)

# what the list shows; its query loads only these attributes
IDEA_SUMMARY = Object(
    "IdeaSummary",
    {
        "ref": Text(example="IDEA-2569-00042"),
        "title": Text(),
        "stage": Choice(Stage),
        "category": Choice(Category, nullable=True, description="null until chosen"),
        "fiscal_year": Integer(example=2569, description="Buddhist era"),
        "unit": UNIT,
        "author": PERSON,
        "vote_count": Integer(),
        "comment_count": Integer(),
        "version": Integer(description="send it back with PATCH and transitions"),
        "created_at": DateTime(),
        "updated_at": DateTime(),
        "impact": IMPACT.use(get=lambda idea: idea.impact.as_dict()),
    },
)
IDEA = IDEA_SUMMARY.extend(
    "Idea",
    eh_moment=Text(),
    process_name=Text(),
    service=Text(),
    annual_volume=Integer(nullable=True),
    solution=Text(),
    value=Text(),
    stakeholders=List(Choice(Stakeholder)),
    stakeholders_other=Text(),
    coauthors=List(PERSON),
    current_steps=List(STEP),
    proposed_steps=List(STEP),
    submitted_at=DateTime(nullable=True),
    merged_into=Text(
        nullable=True,
        get=lambda idea: idea.merged_into.ref if idea.merged_into else None,
        description="once merged: the reference of the idea that took this one in",
    ),
    merged_ideas=List(
        Text(),
        get=lambda idea: [other.ref for other in idea.merged_ideas],
        description="the references of the duplicates merged into this idea",
    ),
    measured=MEASURED.use(nullable=True, description="the result recorded when implemented"),
    can_edit=Bool(description="whether the caller may PATCH it now"),
    actions=List(Choice(ACTIONS), description="the transitions the caller may take now"),
    diff=List(DIFF_ROW, description="the step diff rows the page shows"),
    voted=Bool(description="whether the caller voted for it"),
    following=Bool(description="whether the caller follows it"),
)
SIMILAR_IDEAS = Object(
    "SimilarIdeas",
    {
        "items": List(
            Object(
                "SimilarIdea",
                {
                    "score": Number(description="0..1: how alike the two texts are"),
                    "idea": IDEA_SUMMARY,
                },
            ),
            description="best first; only ideas the caller may see",
        )
    },
)
IDEA_PAGE = Object(
    "IdeaPage",
    {
        "items": List(IDEA_SUMMARY),
        "next_cursor": Text(nullable=True, description="pass as ?cursor= for the next page"),
    },
)

# -- engagement: votes, follows, comments ----------------------------------------------------

VOTE_STATE = Object(
    "VoteState",
    {
        "voted": Bool(description="whether the caller now votes for it"),
        "vote_count": Integer(),
        "following": Bool(
            description="whether the caller now follows it (a vote follows the idea, unless "
            "the caller unfollowed it before)"
        ),
    },
)
FOLLOW_STATE = Object(
    "FollowState", {"following": Bool(description="whether the caller now follows it")}
)
COMMENT_REQUEST = COMMENT_INPUT
COMMENT = Object(
    "Comment",
    {
        "id": Integer(description="use it to edit or delete the comment"),
        "author": PERSON,
        "body": Text(nullable=True, description="plain text; null once deleted"),
        "deleted": Bool(
            attr="is_deleted",
            description="shown only to the idea's author and "
            "the supervisors of its unit; nobody sees a deleted comment's text",
        ),
        "created_at": DateTime(),
        "edited_at": DateTime(nullable=True),
        "can_edit": Bool(description="whether the caller may edit or delete it"),
    },
)
COMMENT_PAGE = Object(
    "CommentPage",
    {
        "items": List(COMMENT, description="oldest first"),
        "next_cursor": Text(nullable=True, description="pass as ?cursor= for the next page"),
    },
)

CHANGE = Object(
    "Change",
    {
        "field": Text(),
        "change": Choice(CHANGE_KINDS),
        "step": Integer(nullable=True, description="1-based position in a step list"),
        "before": Any(description="the value before; null when added"),
        "after": Any(description="the value after; null when removed"),
    },
)
EVENT = Object(
    "Event",
    {
        "action": Text(description="create, edit, or a transition's action"),
        "from": Choice(Stage, nullable=True, attr="from_stage"),
        "to": Choice(Stage, attr="to_stage"),
        "actor": PERSON,
        "note": Text(nullable=True),
        "at": DateTime(attr="created_at"),
        "changes": List(CHANGE, description="what an edit changed"),
        "related_idea": Text(
            nullable=True,
            get=lambda event: event.related_idea.ref if event.related_idea else None,
            description="merge: the survivor on the duplicate's event, the duplicate on the "
            "survivor's (absorb)",
        ),
    },
)
EVENTS = Object("Events", {"items": List(EVENT)})
TRANSITION_RESULT = Object("TransitionResult", {"event": EVENT, "idea": IDEA})

ERROR = Object(
    "Error",
    {
        "error": Object(
            None,
            {
                "code": Text(example="invalid"),
                "message": Text(),
                "fields": Map(Text(), description="field path → message"),
            },
        )
    },
)

# -- administration (admins only) ------------------------------------------------------------

ADMIN_PERSON = PERSON.extend(
    "AdminPerson",
    position=Text(),
    email=Text(nullable=True),
    locale=Choice(("th", "en")),
    active=Bool(description="false: deactivated (cannot log in; their ideas stay)"),
    unit=UNIT,
    roles=List(
        Text(),
        get=lambda user: sorted(str(granted.role) for granted in user.roles),
        description="roles granted: admin, secretariat, committee",
    ),
    supervises=List(
        Text(),
        get=lambda user: sorted(s.unit.code for s in user.supervisions),
        description="codes of the units they supervise (with their sub-units)",
    ),
    version=Integer(description="changes on every administrative change to the person"),
    created_at=DateTime(),
)
ADMIN_PEOPLE_PAGE = Object(
    "AdminPeoplePage",
    {
        "items": List(ADMIN_PERSON, description="by username"),
        "next_cursor": Text(nullable=True, description="pass as ?cursor= for the next page"),
    },
)
ADMIN_UNIT = UNIT.extend(
    "AdminUnit",
    parent=Text(
        nullable=True,
        get=lambda unit: unit.ancestor_codes[-2] if len(unit.ancestor_codes) > 1 else None,
        description="the code of the unit above; null at the top",
    ),
    path=Text(example="/BMA/D1001/D1001-REG/", description="codes from the top, '/'-separated"),
    depth=Integer(description="0 at the top"),
    closed_at=DateTime(nullable=True, description="set once closed: takes no people or ideas"),
    people=Integer(description="active people in this unit (not counting sub-units)"),
)
ADMIN_UNITS_PAGE = Object(
    "AdminUnitsPage",
    {
        "items": List(ADMIN_UNIT, description="in tree order (by path)"),
        "next_cursor": Text(nullable=True, description="pass as ?cursor= for the next page"),
    },
)
