"""Your learner record as files an LMS or a trainer can read, with the content's titles and modules filled in.

The record (:mod:`course_lib.record.export`) writes CSV and xAPI but knows no content; these two functions, the
ones notebooks call as ``course_lib.export_csv`` and ``course_lib.export_xapi``, pass it the activity catalogue.
A content file that cannot be read leaves its activities named by their id, and a warning names the file.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from course_lib.record import export
from course_lib.reports.catalogue import Catalogue, load_catalogue


def _catalogue() -> Catalogue:
    catalogue = load_catalogue()
    for note in catalogue.notes:
        warnings.warn(note, stacklevel=3)
    return catalogue


def export_csv(target: Path | str, *, everyone: bool = False, path: Path | str | None = None) -> Path:
    """Write your events (``everyone=True``: every learner's) to a CSV file and return its path.

    The class debrief reads such files back (``course report a.csv b.csv``).
    """
    return export.export_csv(target, everyone=everyone, path=path, modules=_catalogue().modules)


def export_xapi(target: Path | str, *, everyone: bool = False, path: Path | str | None = None,
                base_iri: str = export.BASE_IRI) -> Path:
    """Write your events as a JSON list of xAPI statements (for an LMS or learning record store), each activity
    named by its title in the course."""
    catalogue = _catalogue()
    return export.export_xapi(target, everyone=everyone, path=path, base_iri=base_iri, titles=catalogue.titles,
                              modules=catalogue.modules)
