"""Who the learner is: a pseudonym they choose, checked so that the record keeps no personal data.

The pseudonym events are written under is ``set_learner``'s for this session, else ``$COURSE_LEARNER``, else the
one remembered from an earlier session (a small text file in the user's settings folder), else ``'anonymous'``.

>>> check_learner_name("  Blue Heron ")
'Blue Heron'
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import platformdirs

from course_lib.errors import CourseError

DEFAULT_LEARNER = "anonymous"

#: Names a learner may not choose: the default learner's (choosing it would merge two people's answers) and names
#: that read as a role rather than a person in a class debrief. Compared case-insensitively.
RESERVED_NAMES = frozenset({DEFAULT_LEARNER, "admin", "administrator", "trainer", "teacher", "everyone", "root",
                            "system", "test"})


class LearnerNameError(CourseError, ValueError):
    """The pseudonym a learner typed is not acceptable; the message says what to change."""


_learner: str | None = None


def _learner_file() -> Path:
    configured = os.environ.get("COURSE_LEARNER_FILE", "").strip()
    if configured:
        return Path(configured).expanduser()
    return platformdirs.user_config_path("course_lib", appauthor=False) / "learner.txt"


def check_learner_name(name: object) -> str:
    """The pseudonym, tidied; raise LearnerNameError saying what to change when it is not acceptable.

    A pseudonym is 2 to 30 letters, digits, spaces, dots, dashes or underscores. It must not look like an e-mail
    address or a phone or staff number: the record keeps no personal data.

    >>> check_learner_name("  Blue Heron ")
    'Blue Heron'
    >>> check_learner_name("sam@example.com")
    Traceback (most recent call last):
    ...
    course_lib.record.learner.LearnerNameError: 'sam@example.com' looks like an e-mail address: pick a nickname \
instead (the record keeps no personal data)
    """
    if not isinstance(name, str):
        raise LearnerNameError(f"a pseudonym is text, like 'Blue Heron', not {name!r}")
    # NFKC folds look-alike forms (full-width letters, ligatures, superscripts) into the plain ones, so one
    # pseudonym cannot be typed in two ways that look the same in a class list.
    cleaned = " ".join(unicodedata.normalize("NFKC", name).split())
    if "@" in cleaned:
        raise LearnerNameError(f"'{cleaned}' looks like an e-mail address: pick a nickname instead "
                               "(the record keeps no personal data)")
    if sum(ch.isdigit() for ch in cleaned) >= 5:
        raise LearnerNameError(f"'{cleaned}' looks like a phone or staff number: pick a nickname with at most "
                               "4 digits (the record keeps no personal data)")
    if not 2 <= len(cleaned) <= 30:
        raise LearnerNameError(f"a pseudonym has 2 to 30 characters; '{cleaned}' has {len(cleaned)}")
    bad = sorted({ch for ch in cleaned if not (ch.isalnum() or ch in " ._-")})
    if bad:
        raise LearnerNameError(f"'{cleaned}' contains {' '.join(repr(ch) for ch in bad)}: use letters, digits, "
                               "spaces, dots, dashes or underscores")
    if not cleaned[0].isalnum():
        raise LearnerNameError(f"'{cleaned}' should start with a letter or a digit")
    _refuse_mixed_scripts(cleaned)
    return cleaned


def _script(ch: str) -> str | None:
    """The writing system of a letter, from its Unicode name ('LATIN SMALL LETTER A' -> 'LATIN'); None otherwise."""
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    return name.split()[0] if name else None


def _refuse_mixed_scripts(name: str) -> None:
    """A name written in one script (Latin, Cyrillic, Greek, ...) is fine; one that mixes scripts is refused,
    because look-alike letters ('А' Cyrillic among Latin letters) make two different names look the same.

    >>> _refuse_mixed_scripts("Аdmin Two")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    course_lib.record.learner.LearnerNameError: 'Аdmin Two' mixes ... (CYRILLIC 'А' among LATIN letters): ...
    """
    scripts: dict[str, list[str]] = {}
    for ch in name:
        script = _script(ch)
        if script is not None:
            scripts.setdefault(script, []).append(ch)
    if len(scripts) > 1:
        main = max(scripts, key=lambda s: len(scripts[s]))
        odd = next(s for s in scripts if s != main)
        raise LearnerNameError(f"'{name}' mixes letters from different alphabets ({odd} "
                               f"'{scripts[odd][0]}' among {main} letters): type the whole pseudonym in one alphabet")


def check_new_pseudonym(name: object) -> str:
    """``check_learner_name``, and not a reserved name: what a learner may choose with ``set_learner``.

    >>> check_new_pseudonym("Anonymous")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    course_lib.record.learner.LearnerNameError: 'Anonymous' is reserved (...): pick another nickname
    """
    cleaned = check_learner_name(name)
    if cleaned.casefold() in RESERVED_NAMES:
        raise LearnerNameError(f"'{cleaned}' is reserved (it would be mixed up with the course's own names in the "
                               "record): pick another nickname")
    return cleaned


def set_learner(name: str, *, remember: bool = True) -> str:
    """Record this session's activities under ``name``, a pseudonym you choose (no other personal data is kept).

    With ``remember=True`` the pseudonym is also saved in your settings folder, so the next notebook you open
    uses it too. Returns the pseudonym as it will be recorded.
    """
    global _learner
    cleaned = check_new_pseudonym(name)
    _learner = cleaned
    if remember:
        try:
            target = _learner_file()
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(cleaned + "\n", encoding="utf-8")
        except OSError:
            pass  # remembering is a convenience; the session still uses the pseudonym
    return cleaned


def current_learner() -> str:
    """The pseudonym events are recorded under: ``set_learner``'s, else ``$COURSE_LEARNER``, else the one
    remembered from an earlier session, else ``'anonymous'``."""
    if _learner:
        return _learner
    for candidate in (os.environ.get("COURSE_LEARNER", ""), remembered_learner()):
        try:
            return check_new_pseudonym(candidate)
        except LearnerNameError:
            continue
    return DEFAULT_LEARNER


def remembered_learner() -> str:
    """The pseudonym saved by an earlier ``set_learner(..., remember=True)`` ('' when there is none)."""
    try:
        return _learner_file().read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return ""


def forget_session_learner() -> None:
    """Forget this session's ``set_learner`` (tests use it through ``store.reset_session``)."""
    global _learner
    _learner = None
