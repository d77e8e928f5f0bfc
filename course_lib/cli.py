"""The trainer's command line: ``course check``, ``course play``, ``course coach``, ``course report``,
``course nav``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from course_lib import __version__


def _check(args: argparse.Namespace) -> int:
    from course_lib.contentfile.check import check_paths

    result = check_paths(args.paths or None)
    for problem in result.problems:
        print(problem)
    if result.unrecognised:
        print(f"did not recognise {len(result.unrecognised)} YAML file(s) as course content (add a 'kind:' line "
              "to check one; see course_lib/content/README.md):")
        for path in result.unrecognised:
            print(f"  {path}")
    print(f"checked {len(result.checked)} file(s): {result.errors} error(s), {result.warnings} warning(s)")
    return 1 if result.errors else 0


def _play(args: argparse.Namespace) -> int:
    from course_lib.errors import CourseError
    from course_lib.roleplays.engine import RolePlay
    from course_lib.roleplays.terminal import play_in_terminal

    try:
        play = RolePlay(args.scenario)
    except CourseError as err:
        print(err, file=sys.stderr)
        return 2
    return play_in_terminal(play)


def _nav(args: argparse.Namespace) -> int:
    from course_lib.authoring import rebuild_navigation

    changed = rebuild_navigation(Path(args.folder))
    for path in changed:
        print(f"updated {path}")
    print(f"navigation up to date ({len(changed)} notebook(s) changed)")
    return 0


def _coach(args: argparse.Namespace) -> int:
    from course_lib.coaching.reply import coach

    print(coach(args.reply, args.message))
    return 0


def _report(args: argparse.Namespace) -> int:
    from course_lib.errors import CourseError
    from course_lib.record.store import load_events
    from course_lib.reports.debrief import class_summary, report_text

    try:
        events = load_events(args.records)
    except CourseError as err:
        print(f"course report: {err}", file=sys.stderr)
        return 2
    print(report_text(class_summary(events), top=args.top))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="course", description="Tools for trainers who adapt the course.")
    parser.add_argument("--version", action="version", version=f"course_lib {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="check content files (YAML) and report every problem")
    check.add_argument("paths", nargs="*", help="files or folders to check (default: all shipped content)")
    check.set_defaults(run=_check)

    play = commands.add_parser("play", help="play a role-play scenario in the terminal (choices are read from input)")
    play.add_argument("scenario", help="a shipped scenario id such as sofa_delivery, or the path of a .yaml file")
    play.set_defaults(run=_play)

    nav = commands.add_parser("nav", help="rebuild the navigation and module map of the notebooks")
    nav.add_argument("folder", nargs="?", default="notebooks", help="the notebooks folder (default: notebooks)")
    nav.set_defaults(run=_nav)

    try_reply = commands.add_parser("coach", help="try the reply coach on a reply (to test phrases.yaml rules)")
    try_reply.add_argument("reply", help="the reply to check, in quotes")
    try_reply.add_argument("--message", help="the customer's message it answers (to look for a paraphrase)")
    try_reply.set_defaults(run=_coach)

    report = commands.add_parser("report", help="summarise a classroom record for the class debrief (no names)")
    report.add_argument("records", nargs="+", metavar="RECORD",
                        help="a classroom record (.sqlite) or CSV files learners exported")
    report.add_argument("--top", type=int, default=5, help="how many quiz items and coach findings to list")
    report.set_defaults(run=_report)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
