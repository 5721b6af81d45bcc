"""Saved progress and its files (widgets/progress/store.py and the page's actions): reading,
plain messages for bad files, merging, and the summary the My progress page shows."""

from __future__ import annotations

import json

import pytest

from widgets.progress import actions
from widgets.progress.course import Course, LessonInfo, ModuleInfo, ObjectiveInfo
from widgets.progress.leitner import DAY_MS, Card
from widgets.progress.store import Progress, ProgressFileProblem, Score, merge, read_text, record_score
from widgets.progress.summary import continue_target

T0 = 1_764_460_800_000
COURSE = Course(
    (LessonInfo("one", "Lesson one", "lessons/one/"), LessonInfo("two", "Lesson two", "lessons/two/")),
    {
        "m": ModuleInfo(
            "m",
            "Module M",
            "quizzes/m/",
            ("one",),
            (ObjectiveInfo("o1", "Say what it is.", ("q1", "q2")), ObjectiveInfo("o2", "Tell them apart.", ("q3",))),
        )
    },
)


def doc(**parts):
    return {"format": "alliance-progress", "schema": 1, **parts}


def test_a_file_round_trips_through_export_and_import():
    stored = doc(
        lessons={"one": {"seen": T0, "read": T0 + 1}},
        quizzes={
            "m": {
                "last": {"score": 2, "max": 3, "at": T0, "questions": {"q1": 1, "q2": 1, "q3": 0}},
                "best": {"score": 2, "max": 3, "at": T0},
            }
        },
        review={"q3": {"box": 1, "seen": T0 + 2}},
    )
    exported = actions.action_export({"course": COURSE.to_json(), "stored": stored, "today": "2025-11-30"})
    assert exported["filename"] == "alliance-progress-2025-11-30.json"
    assert json.loads(exported["text"]) == stored
    again = actions.action_import({"course": COURSE.to_json(), "stored": None, "text": exported["text"]})
    assert again["stored"] == stored
    assert "1 lesson, 1 quiz score, 1 reviewed question" in again["message"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "The file is empty."),
        ("{nope", "This file is not valid JSON (line 1, column 2"),
        ('{"format": "alliance-selfcheck", "schema": 1}', "is not a progress file of this course"),
        (json.dumps(doc(schema=2)), "made by a newer version of this course (schema 2)"),
        (json.dumps(doc(lesons={})), "unknown field 'lesons' (did you mean 'lessons'?)"),
        (json.dumps(doc(lessons={"one": {"read": "yesterday"}})), "Lesson 'one' has an invalid time 'yesterday'"),
        (
            json.dumps(doc(review={"q1": {"box": 5, "seen": T0}})),
            "Review question 'q1' has box 5: expected a whole number from 1 to 4.",
        ),
        (
            json.dumps(doc(quizzes={"m": {"last": {"score": 4, "max": 3, "at": T0}}})),
            "Quiz 'm', last score, score is 4: expected a number from 0 to 3.",
        ),
        (json.dumps(doc(quizzes={"m": {"best": {}}})), "Quiz 'm' is missing the field \"last\"."),
        ("x" * 1_000_001, "too large"),
    ],
)
def test_bad_files_are_refused_with_a_plain_message(text, message):
    with pytest.raises(ProgressFileProblem) as problem:
        read_text(text, COURSE)
    assert message in str(problem.value)


def test_a_refused_import_changes_nothing_and_says_why():
    stored = doc(lessons={"one": {"seen": T0}})
    with pytest.raises(ValueError, match="not valid JSON"):
        actions.action_import({"course": COURSE.to_json(), "stored": stored, "text": "{"})
    assert stored == doc(lessons={"one": {"seen": T0}})


def test_what_the_course_no_longer_has_is_left_out_and_counted():
    text = json.dumps(
        doc(lessons={"gone": {"seen": T0}, "one": {"seen": T0}}, review={"old-q": {"box": 2, "seen": T0}})
    )
    reply = actions.action_import({"course": COURSE.to_json(), "stored": None, "text": text})
    assert reply["stored"]["lessons"] == {"one": {"seen": T0}} and reply["stored"]["review"] == {}
    assert "2 entries about lessons or questions this course no longer has were left out" in reply["message"]


def test_merge_keeps_the_later_and_the_better():
    mine = read_text(
        json.dumps(
            doc(
                lessons={"one": {"seen": T0}},
                quizzes={"m": {"last": {"score": 3, "max": 3, "at": T0}, "best": {"score": 3, "max": 3, "at": T0}}},
                review={"q1": {"box": 3, "seen": T0}},
            )
        ),
        COURSE,
    )
    theirs = read_text(
        json.dumps(
            doc(
                lessons={"one": {"seen": T0 + 5, "read": T0 + 6}},
                quizzes={
                    "m": {"last": {"score": 1, "max": 3, "at": T0 + 9}, "best": {"score": 1, "max": 3, "at": T0 + 9}}
                },
                review={"q1": {"box": 1, "seen": T0 + 1}},
            )
        ),
        COURSE,
    )
    merged = merge(mine, theirs)
    assert (merged.lessons["one"].seen, merged.lessons["one"].read) == (T0 + 5, T0 + 6)
    assert merged.quizzes["m"].last.score == 1 and merged.quizzes["m"].best.score == 3
    assert merged.review["q1"] == Card(1, T0 + 1)


def test_record_score_keeps_the_best():
    p = record_score(Progress(), "m", Score(3, 3, T0))
    p = record_score(p, "m", Score(1, 3, T0 + 1))
    assert p.quizzes["m"].last.score == 1 and p.quizzes["m"].best.score == 3


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        (doc(), None),
        (doc(lessons={"two": {"seen": T0}}), ("lessons/two/", "Continue reading: Lesson two")),
        (doc(lessons={"one": {"seen": T0, "read": T0}}), ("lessons/two/", "Next lesson: Lesson two")),
        (
            doc(lessons={"one": {"seen": T0, "read": T0}, "two": {"seen": T0, "read": T0}}),
            ("quizzes/m/", "Next quiz: Module M"),
        ),
        (
            doc(
                lessons={"one": {"read": T0}, "two": {"read": T0}},
                quizzes={"m": {"last": {"score": 1, "max": 3, "at": T0}}},
            ),
            ("review/", "Review what you have learned"),
        ),
    ],
)
def test_continue_target(stored, expected):
    from widgets.progress.store import read_progress

    target = continue_target(COURSE, read_progress(stored, COURSE))
    assert (target and (target["url"], target["text"])) == (expected or None)


def test_summary_shows_scores_mastery_and_what_is_due():
    stored = doc(
        quizzes={
            "m": {
                "last": {"score": 2, "max": 3, "at": T0, "questions": {"q1": 1, "q2": 1, "q3": 0}},
                "best": {"score": 2, "max": 3, "at": T0},
            }
        }
    )
    html = actions.action_summary({"course": COURSE.to_json(), "stored": stored, "now": T0 + 1000, "root": "/c/"})[
        "html"
    ]
    assert "2 of 3 (67%) on 30 Nov 2025" in html
    assert 'data-level="mastered"' in html and 'data-level="needs-practice"' in html
    assert "1 question you have answered is due for review now" in html
    assert 'href="/c/lessons/one/"' in html


def test_summary_writes_a_partial_score_as_the_quiz_does():
    third = 1 / 3
    stored = doc(
        quizzes={
            "m": {
                "last": {"score": 1 + 2 * third, "max": 3, "at": T0, "questions": {"q1": 1, "q2": 2 * third, "q3": 0}},
                "best": {"score": 1 + 2 * third, "max": 3, "at": T0},
            }
        }
    )
    html = actions.action_summary({"course": COURSE.to_json(), "stored": stored, "now": T0 + 1000})["html"]
    assert "1.67 of 3" in html and "1.66667" not in html


def test_session_action_names_each_question_and_its_module_and_says_when_nothing_is_due():
    stored = doc(review={"q1": {"box": 1, "seen": T0}, "q2": {"box": 2, "seen": T0}, "q3": {"box": 2, "seen": T0}})
    base = {"course": COURSE.to_json(), "stored": stored}
    assert actions.action_session({**base, "now": T0 + DAY_MS})["questions"] == [{"id": "q1", "module_id": "m"}]
    resting = actions.action_session({**base, "now": T0 + 1})
    assert resting["questions"] == []
    assert resting["message"] == "Nothing is due for review right now. The next question is due on 1 Dec 2025."


def test_practice_checks_count_towards_mastery_and_old_values_without_them_still_read():
    old = doc(review={"q3": {"box": 2, "seen": T0}})  # stored before checks were recorded
    assert read_text(json.dumps(old), COURSE).checks == {}
    stored = doc(checks={"q1": {"score": 1, "at": T0}, "q2": {"score": 1, "at": T0 + 1}})
    progress = read_text(json.dumps(stored), COURSE)
    assert progress.to_dict() == {**stored, "lessons": {}, "quizzes": {}, "review": {}}  # round trips
    assert set(progress.quiz_evidence()) == {"q1", "q2"}
    out = actions.action_summary({"course": COURSE.to_json(), "stored": stored, "now": T0 + DAY_MS})
    assert 'data-level="mastered"' in out["html"] and "2 of 2, 100% right" in out["html"]


def test_the_later_of_a_scored_attempt_and_a_practice_check_counts():
    quizzes = {"m": {"last": {"score": 0, "max": 3, "at": T0, "questions": {"q1": 0}}}}
    later_check = read_text(json.dumps(doc(quizzes=quizzes, checks={"q1": {"score": 1, "at": T0 + 5}})), COURSE)
    assert later_check.quiz_evidence()["q1"].score == 1
    earlier = read_text(json.dumps(doc(quizzes=quizzes, checks={"q1": {"score": 1, "at": T0 - 5}})), COURSE)
    assert earlier.quiz_evidence()["q1"].score == 0


def test_a_bad_check_is_refused_and_checks_merge_by_time():
    with pytest.raises(ProgressFileProblem, match=r"Checked question 'q1', score is 2: expected a number from 0 to 1"):
        read_text(json.dumps(doc(checks={"q1": {"score": 2, "at": T0}})), COURSE)
    mine = read_text(json.dumps(doc(checks={"q1": {"score": 0, "at": T0}})), COURSE)
    theirs = read_text(json.dumps(doc(checks={"q1": {"score": 1, "at": T0 + 1}, "q2": {"score": 0, "at": T0}})), COURSE)
    merged = merge(mine, theirs)
    assert (merged.checks["q1"].score, set(merged.checks)) == (1, {"q1", "q2"})
