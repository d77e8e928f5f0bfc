"""Pseudonyms: one name cannot be typed in two ways that look alike, and nobody can choose a name that would merge
their answers with another's (the default learner) or read as a role in the class debrief."""

import pytest

from course_lib.record import learner
from course_lib.record.learner import RESERVED_NAMES, LearnerNameError, check_learner_name, check_new_pseudonym


@pytest.fixture
def no_session_learner(monkeypatch, tmp_path):
    monkeypatch.setenv("COURSE_LEARNER_FILE", str(tmp_path / "learner.txt"))
    monkeypatch.delenv("COURSE_LEARNER", raising=False)
    learner.forget_session_learner()
    yield
    learner.forget_session_learner()


@pytest.mark.parametrize("typed, stored", [
    ("Ｂｌｕｅ Ｈｅｒｏｎ", "Blue Heron"),  # full-width letters
    ("Blue\u00a0Heron", "Blue Heron"),  # a no-break space
    ("ﬁnch", "finch"),  # a ligature
    ("Ива Петрова", "Ива Петрова"),  # one alphabet other than Latin is fine
])
def test_look_alike_forms_are_folded_to_one_name(typed, stored):
    assert check_learner_name(typed) == stored


@pytest.mark.parametrize("name, odd", [("Аdmin Two", "CYRILLIC 'А'"), ("Blue Ηeron", "GREEK 'Η'"),
                                       ("Pаul", "CYRILLIC 'а'")])
def test_a_name_that_mixes_alphabets_is_refused_naming_the_odd_letter(name, odd):
    with pytest.raises(LearnerNameError, match="mixes letters from different alphabets") as caught:
        check_learner_name(name)
    assert odd in str(caught.value)


@pytest.mark.parametrize("name", sorted(RESERVED_NAMES) + ["ANONYMOUS", " Trainer ", "Ａｄｍｉｎ"])
def test_reserved_names_cannot_be_chosen(name, no_session_learner):
    with pytest.raises(LearnerNameError, match="is reserved"):
        check_new_pseudonym(name)
    with pytest.raises(LearnerNameError, match="is reserved"):
        learner.set_learner(name, remember=False)
    assert learner.current_learner() == learner.DEFAULT_LEARNER


def test_anonymous_from_the_environment_does_not_become_a_chosen_name(no_session_learner, monkeypatch):
    monkeypatch.setenv("COURSE_LEARNER", "Anonymous")
    assert learner.current_learner() == learner.DEFAULT_LEARNER  # the default, not a learner who chose it


def test_a_reserved_name_in_an_imported_record_is_still_readable():
    # records and exports may hold the default learner's events: reading them must not fail
    assert check_learner_name("anonymous") == "anonymous"
