"""Similar ideas: likely duplicates while someone writes a new เอ๊ะ, measured on labelled
Thai pairs (tests/data/similar_pairs.py), and the endpoint that answers them."""

from __future__ import annotations

import pytest
from data.similar_pairs import EXISTING, PAIRS

from ideaboard.extensions import db
from ideaboard.ideas.operations import create_idea
from ideaboard.people.operations import user_by_username
from ideaboard.search.similar import MIN_SCORE, Profile, similar_ideas, similarity

# what the measured figures must stay above (measured: see the report printed by -s)
PAIR_PRECISION, PAIR_RECALL = 0.9, 0.85
SUGGESTION_PRECISION = 0.8


def test_the_labelled_set_is_big_enough_and_balanced():
    assert len(PAIRS) >= 40
    same = sum(1 for _, _, is_same in PAIRS if is_same)
    assert same >= 20 and len(PAIRS) - same >= 20
    assert {key for key, _, _ in PAIRS} <= set(EXISTING)


def test_similarity_is_symmetric_bounded_and_ignores_how_thai_was_typed():
    a = Profile.of("ขอคัดส\u0e4d\u0e32เนาทะเบียนบ้าน ต้องเดินสามช่อง")
    b = Profile.of("ขอคัดสำเนาทะเบียนบ้าน ต้องเดินสามช่อง")
    assert similarity(a, b) == 1.0
    c = Profile.of("ซ่อมไฟถนนดับ")
    assert similarity(a, c) == similarity(c, a) < MIN_SCORE
    assert 0.0 <= similarity(a, c) <= 1.0


@pytest.fixture
def existing_ideas(app_ctx, people):
    """Every existing idea of the labelled set, as drafts of staff1 (who searches)."""
    author = user_by_username("staff1")
    ids = {}
    for key, (title, eh_moment, process_name) in EXISTING.items():
        idea = create_idea(author, {"title": title, "eh_moment": eh_moment,
                                    "process_name": process_name})  # fmt: skip
        ids[key] = idea.id
    db.session.commit()
    return ids


def test_precision_and_recall_on_the_labelled_pairs(existing_ideas):
    viewer = user_by_username("staff1")
    key_of = {idea_id: key for key, idea_id in existing_ideas.items()}
    true_pos = false_pos = false_neg = 0
    suggested = correct = 0
    for key, text, is_same in PAIRS:
        found = [key_of[hit.idea.id] for hit in similar_ideas(text, viewer)]
        if is_same:
            true_pos += key in found
            false_neg += key not in found
            correct += key in found
        else:
            false_pos += key in found
        suggested += len(found)
    precision = true_pos / (true_pos + false_pos)
    recall = true_pos / (true_pos + false_neg)
    suggestion_precision = correct / suggested
    print(
        f"\nsimilar ideas on {len(PAIRS)} labelled pairs at MIN_SCORE={MIN_SCORE}: "
        f"precision {precision:.2f} ({true_pos}/{true_pos + false_pos}), "
        f"recall {recall:.2f} ({true_pos}/{true_pos + false_neg}); "
        f"of all {suggested} suggestions made, {correct} were the labelled duplicate "
        f"({suggestion_precision:.2f})"
    )
    assert precision >= PAIR_PRECISION
    assert recall >= PAIR_RECALL
    assert suggestion_precision >= SUGGESTION_PRECISION


def test_the_best_match_comes_first_with_a_score(existing_ideas):
    [best, *_] = similar_ideas(
        "จ่ายภาษีป้ายออนไลน์ผ่านแอปธนาคาร เอ๊ะ ทำไมเจ้าของร้านต้องลางานมาต่อคิว",
        user_by_username("staff1"),
    )
    assert best.idea.id == existing_ideas["sign_tax"]
    assert MIN_SCORE <= best.score <= 1


def test_others_drafts_are_never_suggested(existing_ideas):
    assert similar_ideas("จ่ายภาษีป้ายออนไลน์ผ่านแอปธนาคาร", user_by_username("staff2")) == []
