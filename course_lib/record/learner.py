"""Who the learner is: a pseudonym they choose, checked so that the record keeps no personal data.

The pseudonym events are written under is ``set_learner``'s for this session, else ``$COURSE_LEARNER``, else the
one remembered from an earlier session (a small text file in the user's settings folder), else ``'anonymous'``.

>>> check_learner_name("  Blue Heron ")
'Blue Heron'
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from course_lib.errors import CourseError

DEFAULT_LEARNER = "anonymous"


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
    cleaned = " ".join(name.split())
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
    return cleaned


def set_learner(name: str, *, remember: bool = True) -> str:
    """Record this session's activities under ``name``, a pseudonym you choose (no other personal data is kept).

    With ``remember=True`` the pseudonym is also saved in your settings folder, so the next notebook you open
    uses it too. Returns the pseudonym as it will be recorded.
    """
    global _learner
    cleaned = check_learner_name(name)
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
            return check_learner_name(candidate)
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
