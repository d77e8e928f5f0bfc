"""`course check`: find every problem in the course's content files, not just the first.

The kind of each file is read from the file (its ``kind:`` key, or the fallback rule in ``kinds.py``), never from
the folder it sits in. Each file is read safely (``yaml_read``), checked against its kind's schema (``schema``)
and then by its kind's own cross-reference check. One bad file never stops the others: anything unexpected
becomes one problem naming the file.

>>> check_files() == []
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from course_lib.contentfile.files import content_dir
from course_lib.contentfile.kinds import Kind, kind_for, kind_named, resolve
from course_lib.contentfile.report import Report
from course_lib.contentfile.schema import check_schema, describe
from course_lib.contentfile.yaml_read import Loaded, read_document, read_document_text
from course_lib.errors import ContentError, CourseError
from course_lib.problems import Problem

YAML_SUFFIXES = (".yaml", ".yml")


def check_loaded(loaded: Loaded, kind: Kind | str, path: Path | str) -> list[Problem]:
    """Every problem in a document already read, as a file of ``kind``: duplicate keys, schema, cross-references.
    Legacy kinds (no schema yet) are checked by their own checker, which reads the file itself."""
    kind = kind_named(kind) if isinstance(kind, str) else kind
    path = Path(path)
    if kind.schema is None:
        return list(resolve(kind.legacy)(path))
    namer = resolve(kind.namer) if kind.namer else None
    report = Report(path, loaded.data, loaded.lines, namer)
    for place, line, first_line in loaded.lines.duplicate_keys:
        report.error(place, f"the key '{place[-1]}' appears twice in the same place (first on line {first_line}); "
                     "only the last one would count", line)
    data = loaded.data
    if not isinstance(data, dict):
        keys = ", ".join(f"'{key}'" for key in kind.keys_hint)
        report.error((), f"a {kind.title} file must be a mapping with keys such as {keys}, not {describe(data)}")
        return report.sorted_problems()
    newer = _newer_format(kind, data)
    if newer is not None:
        report.error(("format",), newer)
        return report.sorted_problems()
    valid = check_schema(kind.schema, data, report)
    if kind.check and (valid or kind.check_invalid):
        try:
            resolve(kind.check)(data, report)
        except Exception as err:  # noqa: BLE001 - a checker's surprise must not hide what was found so far
            report.error((), f"the {kind.title} checker failed on this file ({type(err).__name__}: {err}); please "
                         "report this")
    return report.sorted_problems()


def _newer_format(kind: Kind, data: dict) -> str | None:
    """A file from a newer version of the course: say so, instead of listing what this version does not know."""
    from course_lib.contentfile.schema import load_schema

    current = load_schema(kind.schema).get("properties", {}).get("format", {}).get("const")
    found = data.get("format")
    if isinstance(current, int) and isinstance(found, int) and not isinstance(found, bool) and found > current:
        return (f"this file uses {kind.title} format {found}; this version of the course reads format {current}. "
                "Update course_lib to use it.")
    return None


def check_text(text: str, kind: Kind | str, path: Path | str = "<text>") -> list[Problem]:
    """Every problem in the text of a content file of ``kind``."""
    loaded = read_document_text(text, path)
    if isinstance(loaded, Problem):
        return [loaded]
    return check_loaded(loaded, kind, path)


def check_file_as(path: Path | str, kind: Kind | str) -> list[Problem]:
    """Every problem in one file read as ``kind`` (whatever its ``kind:`` says: the schema then reports it)."""
    kind = kind_named(kind) if isinstance(kind, str) else kind
    if kind.schema is None:
        return list(resolve(kind.legacy)(Path(path)))
    loaded = read_document(path)
    if isinstance(loaded, Problem):
        return [loaded]
    return check_loaded(loaded, kind, path)


def load_checked(path: Path | str, kind: Kind | str) -> Loaded:
    """The document in ``path``, checked as ``kind``; a ContentError lists every error (warnings do not stop it).
    This is what each kind's loader builds its model from."""
    path = Path(path)
    loaded = read_document(path)
    if isinstance(loaded, Problem):
        raise ContentError(loaded.message, path=loaded.file, line=loaded.line, where=loaded.where)
    errors = [p for p in check_loaded(loaded, kind, path) if p.is_error]
    if errors:
        first, more = errors[0], len(errors) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''}; run `course check {path}`)" if more else ""
        raise ContentError(first.message + suffix, path=first.file, line=first.line, where=first.where)
    return loaded


@dataclass
class CheckResult:
    """What ``course check`` found: the problems, the files it checked, and the YAML files it did not recognise."""

    problems: list[Problem] = field(default_factory=list)
    checked: list[Path] = field(default_factory=list)
    unrecognised: list[Path] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(p.is_error for p in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


def check_one(path: Path, *, named: bool = True) -> tuple[list[Problem], bool]:
    """(problems, recognised) for one file. ``named``: the trainer named this file, so a file of no known kind
    is an error; found in a folder, it is only listed as not recognised. Never raises."""
    try:
        loaded = read_document(path)
        if isinstance(loaded, Problem):
            return [loaded], True  # not readable YAML: an error whatever the file was meant to be
        if not isinstance(loaded.data, dict):
            return [Problem(path, loaded.lines.line(()), None, "not course content: a content file is a mapping that "
                            "starts with a 'kind:' line (e.g. 'kind: scenario'), not "
                            f"{describe(loaded.data)}")], True
        kind, note = kind_for(loaded.data, path)
        if kind is None:
            if note is not None:  # a 'kind:' naming no kind
                return [Problem(path, loaded.lines.line(("kind",)), None, note)], True
            if not named:
                return [], False
            return [Problem(path, None, None, "not a course content file this checker knows: add a 'kind:' line "
                            "(see course_lib/content/README.md)")], False
        problems = check_loaded(loaded, kind, path)
        if note is not None:
            problems = [Problem(path, 1, None, note, "warning"), *problems]
        return problems, True
    except CourseError as err:
        return [Problem(path, getattr(err, "line", None), getattr(err, "where", None),
                        getattr(err, "detail", str(err)))], True
    except Exception as err:  # noqa: BLE001 - one file's surprise must not hide the others' results
        return [Problem(path, None, None, f"the checker failed on this file ({type(err).__name__}: {err}); "
                        "please report this")], True


def yaml_files_under(folder: Path) -> list[Path]:
    """Every .yaml / .yml file under ``folder``, sorted (hidden folders skipped)."""
    return sorted(p for p in folder.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file()
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def shipped_content_files() -> list[Path]:
    """Every content file of the course (``content_dir()``), including ``modules.yaml``."""
    return yaml_files_under(content_dir())


def check_paths(paths: Iterable[Path | str] | None = None) -> CheckResult:
    """Check the given files and folders (all shipped content when ``paths`` is None)."""
    result = CheckResult()
    if paths is None:
        targets = [(p, True) for p in shipped_content_files()]
    else:
        targets = []
        for path in map(Path, paths):
            if path.is_dir():
                targets.extend((p, False) for p in yaml_files_under(path))
            else:
                targets.append((path, True))
    for path, named in targets:
        problems, recognised = check_one(path, named=named)
        result.problems.extend(problems)
        (result.checked if recognised else result.unrecognised).append(path)
    return result


def check_files(paths: Iterable[Path | str] | None = None) -> list[Problem]:
    """Every problem in the given content files and folders (all shipped content when ``paths`` is None)."""
    return check_paths(paths).problems
