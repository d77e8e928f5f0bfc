"""Find and read the course's content files (YAML), relative to the package, never the working directory.

Where shipped content is read from is decided at call time by :func:`content_dir`: the package's ``content/``
folder, or the folder named by the environment variable ``COURSE_CONTENT`` (so a test, or a trainer trying out
changes, can point the whole course at a copy of the content).
"""

from __future__ import annotations

import os
from pathlib import Path

from course_lib.errors import ContentError

#: The content that ships inside the package (``content_dir()`` is where content is read from *now*).
PACKAGE_CONTENT_DIR = Path(__file__).resolve().parents[1] / "content"
CONTENT_DIR = PACKAGE_CONTENT_DIR  # the old name, kept for modules that still import it
#: Where the JSON Schema of each kind lives; schemas describe the course's formats, so they are never overridden.
SCHEMA_DIR = PACKAGE_CONTENT_DIR / "schemas"
#: A content file larger than this is refused: the biggest shipped file is under 100 kB.
MAX_FILE_BYTES = 2_000_000


def content_dir() -> Path:
    """The folder shipped content is read from: ``$COURSE_CONTENT`` if set, else the package's ``content/``.

    >>> content_dir().name
    'content'
    """
    override = os.environ.get("COURSE_CONTENT")
    return Path(override) if override else PACKAGE_CONTENT_DIR


def content_path(relative: str) -> Path:
    """Where a shipped content file lives, e.g. ``content_path("checkin.yaml")``."""
    return content_dir() / relative


def _size_words(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size:,} bytes"


def read_text(path: Path | str) -> str:
    """A content file's text; a missing, too large or non-UTF-8 file becomes a ContentError naming it."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ContentError(f"the file is {_size_words(size)}; a content file may be at most "
                               f"{_size_words(MAX_FILE_BYTES)} (split it, or remove what is not course content)",
                               path=path)
        data = path.read_bytes()
    except FileNotFoundError:
        raise ContentError("file not found", path=path) from None
    except IsADirectoryError:
        raise ContentError("this is a folder, not a file", path=path) from None
    except OSError as err:
        raise ContentError(f"cannot be read ({err.strerror or err})", path=path) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ContentError(f"not UTF-8 text ({err.reason} at byte {err.start})", path=path) from None


def file_version(path: Path | str) -> tuple[int, int] | None:
    """What changes when a file is edited (its modification time and size), for loaders that cache a file and read
    it again only when it changed; None when the file cannot be found (the loader then says why).

    >>> file_version(content_path("checkin.yaml")) is not None, file_version("no/such/file.yaml")
    (True, None)
    """
    try:
        stat = Path(path).stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size
