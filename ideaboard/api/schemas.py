"""The API's entities, each declared once (``ideaboard.core.schema``): the serializers dump
through these declarations, the views check request shapes with them, and the OpenAPI
document is generated from them. The idea's input and its steps are declared with the
rules that clean them, in ``ideas.validation``."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ideaboard.core.schema import (
    Any,
    Binary,
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
from ideaboard.files.models import Kind
from ideaboard.files.types import TYPES
from ideaboard.ideas.models import Category, Stakeholder
from ideaboard.ideas.validation import MAX_NOTE, MAX_REF, MEASUREMENT, STEP
from ideaboard.notifications.messages import EXCERPT
from ideaboard.notifications.models import Kind as NotificationKind
from ideaboard.notifications.queries import COUNT_CAP
from ideaboard.people.operations import MAX_TOKEN_NAME
from ideaboard.people.queries import MAX_UNIT_MATCHES
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
        "name": Text(
            MAX_TOKEN_NAME,
            description="what the token is for (a script, a report): shown in the owner's "
            "token list; may be left out",
        ),
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
API_TOKEN = Object(
    "ApiToken",
    {
        "id": Integer(description="use it to revoke the token"),
        "name": Text(),
        "created_at": DateTime(),
        "expires_at": DateTime(),
        "last_used_at": DateTime(
            nullable=True, description="recorded at most once an hour; null: never used"
        ),
        "expired": Bool(),
        "current": Bool(description="whether this request was made with this token"),
    },
)
API_TOKENS = Object("ApiTokens", {"items": List(API_TOKEN, description="newest first")})
UNIT_MATCH = UNIT.extend(
    "UnitMatch",
    label=Text(
        example="ฝ่ายทะเบียน · สำนักงานเขตพระนคร",
        description="the name with the bureau, district office or hospital it belongs to, "
        "in the caller's language",
    ),
    group=Object(
        None,
        {"code": Text(), "name_th": Text(), "name_en": Text()},
        nullable=True,
        description="the bureau, district office or hospital above it; null for those "
        "themselves and the city",
    ),
)
UNIT_MATCHES = Object(
    "UnitMatches",
    {
        "items": List(
            UNIT_MATCH,
            description=f"at most {MAX_UNIT_MATCHES}: an exact code first, then names that "
            "start with the words, then the rest in tree order",
        )
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

# -- files ------------------------------------------------------------------------------------

FILE_CONTENT_TYPES = tuple(kind.content_type for kind in TYPES)
ATTACHMENT_UPLOAD = Object(
    "AttachmentUpload",
    {
        "file": List(
            Binary(),
            required=True,
            description="one or more files (repeat the part): photos (JPEG, PNG, WebP, GIF), "
            "PDF, DOCX, XLSX, PPTX, ODT, ODS. Their type is found from their content, never "
            "from the part's name or Content-Type; each at most MAX_ATTACHMENT_BYTES (20 MB "
            "by default), 10 at a time, 20 on an idea",
        ),
        "kind": Choice(
            Kind,
            description="attachment (the idea's team; the default) or evidence of the "
            "measured result (a supervisor of the idea's unit, once it is implemented)",
        ),
    },
)
ATTACHMENT = Object(
    "Attachment",
    {
        "id": Integer(description="use it to download or remove the file"),
        "name": Text(
            attr="display_name",
            description="the name as sent, cleaned (no folders, no control characters), with "
            "the extension of what the file is",
        ),
        "kind": Choice(Kind),
        "content_type": Choice(FILE_CONTENT_TYPES, description="found from the content"),
        "size": Integer(description="bytes"),
        "sha256": Text(description="checksum of the bytes, hex"),
        "width": Integer(nullable=True, description="photos: pixels, upright"),
        "height": Integer(nullable=True),
        "uploader": PERSON,
        "created_at": DateTime(),
        "can_remove": Bool(description="whether the caller may DELETE it"),
    },
)
ATTACHMENTS = Object("Attachments", {"items": List(ATTACHMENT, description="oldest first")})

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

# -- the review queue ------------------------------------------------------------------------

RETURN_NOTE = Object(
    "ReturnNote",
    {
        "by": PERSON.use(attr="actor", description="the reviewer who sent it back"),
        "at": DateTime(attr="created_at"),
        "note": Text(nullable=True, description="why: what the author was asked to revise"),
    },
)
REVIEW_ITEM = Object(
    "ReviewItem",
    {
        "idea": IDEA_SUMMARY,
        "submitted_at": DateTime(description="when it reached submitted (the latest submission)"),
        "waiting_days": Integer(description="whole days since then, Bangkok calendar"),
        "resubmitted": Bool(description="it was returned for revision before"),
        "returned": RETURN_NOTE.use(
            nullable=True, description="the last return for revision; null if never returned"
        ),
        "changes": List(
            CHANGE,
            description="what its team changed since that return (a field changed twice "
            "shows once, first before → last after); empty if never returned",
        ),
    },
)
REVIEW_QUEUE = Object(
    "ReviewQueue",
    {
        "items": List(REVIEW_ITEM, description="oldest waiting first"),
        "count": Integer(description="how many ideas wait for the caller, on any page"),
        "next_cursor": Text(nullable=True, description="pass as ?cursor= for the next page"),
        "unreviewable": Object(
            "Unreviewable",
            {
                "items": List(REVIEW_ITEM, description="the oldest first, up to 100"),
                "count": Integer(),
            },
            nullable=True,
            description="administrators only (null for others): submitted ideas that no "
            "active supervisor outside their team can review, in their unit or any above",
        ),
    },
)
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

# -- notifications ---------------------------------------------------------------------------

NOTIFIED_IDEA = Object(
    "NotifiedIdea",
    {"ref": Text(example="IDEA-2569-00042"), "title": Text(), "stage": Choice(Stage)},
)
NOTIFICATION = Object(
    "Notification",
    {
        "id": Integer(description="mark it read with POST /notifications/{id}/read"),
        "kind": Choice(
            NotificationKind,
            description="stage: the idea moved (its team and followers are told); review: it "
            "was submitted or resubmitted for the caller's review; comment; merged: it went "
            "into another idea (merged_into)",
        ),
        "text": Text(
            get=lambda row: row.sentence, description="what happened, in the caller's language"
        ),
        "idea": NOTIFIED_IDEA.use(
            get=lambda row: {"ref": row.idea_ref, "title": row.idea_title, "stage": row.idea_stage}
        ),
        "actor": PERSON.use(
            get=lambda row: {"username": row.actor_username, "display_name": row.actor_name}
        ),
        "action": Choice(ACTIONS, nullable=True, description="the stage event's action"),
        "from": Choice(Stage, nullable=True, attr="from_stage"),
        "to": Choice(Stage, nullable=True, attr="to_stage"),
        "note": Text(
            nullable=True,
            get=lambda row: row.excerpt,
            description="the event's note or the comment, shortened to "
            f"{EXCERPT} characters; null when there is none or the comment was deleted",
        ),
        "merged_into": Text(nullable=True, attr="into_ref", description="merged: where it went"),
        "comment_id": Integer(nullable=True),
        "created_at": DateTime(),
        "read_at": DateTime(nullable=True, description="null while unread"),
    },
)
UNREAD_COUNT = Integer(description=f"the caller's unread notifications, counted up to {COUNT_CAP}")
NOTIFICATION_PAGE = Object(
    "NotificationPage",
    {
        "items": List(
            NOTIFICATION, description="newest first; only about ideas the caller may see"
        ),
        "next_cursor": Text(nullable=True, description="pass as ?cursor= for the next page"),
        "unread_count": UNREAD_COUNT,
    },
)
NOTIFICATION_READ = Object(
    "NotificationRead", {"notification": NOTIFICATION, "unread_count": UNREAD_COUNT}
)
READ_REQUEST = Object(
    "ReadRequest",
    {
        "ids": List(
            WholeNumber(1, 2**31 - 1),
            max_items=100,
            too_many=lambda n: _("At most %(n)d at once.", n=n),
            description="the notifications to mark read (all the caller's, or a 404)",
        ),
        "all": Bool(description="true: mark every notification of the caller read"),
    },
)
READ_RESULT = Object(
    "ReadResult",
    {
        "marked": Integer(description="how many were unread before"),
        "unread_count": UNREAD_COUNT,
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
