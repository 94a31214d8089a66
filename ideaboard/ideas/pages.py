"""Rendering the idea page, shared by the idea views and the stage buttons."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user

from ideaboard.ideas.diff import step_diff
from ideaboard.ideas.models import Idea
from ideaboard.workflow import transitions
from ideaboard.workflow.forms import TransitionForm


def render_idea_page(idea: Idea, status: int = 200, **extra):
    return render_template(
        "ideas/detail.html",
        idea=idea,
        impact=idea.impact,
        measured=idea.measured_impact,
        diff=step_diff(idea.current_steps, idea.proposed_steps),
        actions=transitions.available(idea, current_user),
        action_titles=transitions.ACTION_TITLES,
        blank_form=TransitionForm(formdata=None, meta={"csrf": False}),
        **extra,
    ), status
