"""The `redline-desk` command line: show, apply, compare (and the app when no command is given)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from app import __version__
from app.errors import DiagnosedError, RedlineDeskError
from app.values import MAX_TITLE_CHARS, ValueRefused, plain_name, require_datetime

FORMS = ("full", "amendments", "clean", "markdown")  # as app.wiring.apply.FORMS (kept here: imported lazily)
PROG = "redline-desk"
COMMANDS = ("show", "apply", "compare", "merge", "review")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status (0 ok, 1 bad input, 2 usage, 3 internal error)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-")):
            # No command: the desktop app, on the given file or the bundled sample.
            from app.wiring.launch import launch

            status = launch(Path(argv[0]) if argv else None)
        else:
            args = _parser().parse_args(argv)
            handler = {"show": _show, "apply": _apply, "compare": _compare, "merge": _merge,
                       "review": _review}[args.command]
            status = handler(args)
        sys.stdout.flush()  # inside the try: a reader that went away is handled below
        return status
    except DiagnosedError as exc:
        for line in exc.details:
            print(f"{PROG}: {line}", file=sys.stderr)
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    except RedlineDeskError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (`show | head`): not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted; no output was written", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: one line, never a traceback, unless asked for
        if os.environ.get("REDLINE_DESK_DEBUG"):
            raise
        print(f"{PROG}: internal error ({type(exc).__name__}: {exc}); no output was written. "
              "Set REDLINE_DESK_DEBUG=1 for details and please report it", file=sys.stderr)
        return 3


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog=PROG, description="Draft, export and merge amendments as native Word tracked changes.")
    p.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = p.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND", required=True)
    show = sub.add_parser("show", help="list paragraphs with labels, and tracked changes")
    show.add_argument("docx", type=Path)
    show.add_argument("--json", action="store_true", help="machine-readable output")
    show.add_argument("--labels", action="store_true",
                      help="check the labels: each label, its kind and printed number; duplicates, gaps, unplaced")
    apply = sub.add_parser("apply", help="apply amendments (.md text form or .json project) to a draft")
    apply.add_argument("draft", type=Path)
    apply.add_argument("amendments", type=Path)
    apply.add_argument("-o", "--output", type=Path, required=True)
    apply.add_argument("--form", choices=FORMS, default="full")
    apply.add_argument("--author", type=_name, default="",
                       help="author of the amendments (revision author; default: your user name)")
    apply.add_argument("--organisation", type=_name, default="", help="organisation; revisions are written under it")
    apply.add_argument("--date", type=_iso_date, default=None, help="revision date, ISO 8601 (default: now)")
    apply.add_argument("--markup", choices=("tracked", "static"), default="tracked",
                       help="for --form amendments: native revisions or strike/bold formatting")
    apply.add_argument("--line-numbers", action="store_true",
                       help="for --form amendments: number the lines, restarting on each page (as UN line-numbered "
                            "drafts)")
    apply.add_argument("--rationale", choices=("paragraph", "comment", "none"), default="paragraph",
                       help="where each amendment's rationale goes: a 'Rationale:' paragraph (amendments form; the "
                            "full form writes none), a Word comment by its author on the change (full and "
                            "amendments forms), or nowhere")
    apply.add_argument("--title", type=_title, default="", help="title of an amendments submission")
    apply.add_argument("--status", choices=("any", "final"), default="any",
                       help="export every amendment not withdrawn (any, default) or the final ones only; "
                            "withdrawn amendments are never exported")
    apply.add_argument("--keep-going", action="store_true",
                       help="write the output even when some amendments could not be placed")
    apply.add_argument("--base", type=Path, default=None, metavar="REV.docx",
                       help="the revision the amendments were made on: each is carried from it to the draft, "
                            "or reported already in the draft or overtaken by the new revision")
    _project_option(apply, "the amendments")
    apply.add_argument("--report", type=Path, default=None,
                       help="write every change's fate as JSON here (as merge's report)")
    cmp_ = sub.add_parser("compare", help="write the differences between two drafts as native revisions")
    cmp_.add_argument("old", type=Path)
    cmp_.add_argument("new", type=Path)
    cmp_.add_argument("-o", "--output", type=Path, required=True)
    cmp_.add_argument("--author", type=_name, required=True)
    cmp_.add_argument("--date", type=_iso_date, default=None)
    cmp_.add_argument("--granularity", choices=("phrase", "word", "character"), default="phrase")
    mrg = sub.add_parser("merge", help="merge several redlines (tracked-change .docx, edited copy, text form) into one")
    mrg.add_argument("draft", type=Path)
    mrg.add_argument("inputs", nargs="+", metavar="REDLINE",
                     help="FILE.docx, FILE.md, FILE.json, or AUTHOR=FILE to credit all of FILE's changes to AUTHOR")
    mrg.add_argument("-o", "--output", type=Path, required=True)
    mrg.add_argument("--form", choices=("full", "compilation", "table"), default="full",
                     help="full: the draft with every change as tracked revisions; compilation: UN bracketed text; "
                          "table: current text | proposals")
    mrg.add_argument("--agreed-ad-ref", action="store_true",
                     help="compilation: end every untouched numbered paragraph with [Agreed ad ref]")
    mrg.add_argument("--title", type=_title, default="", help="the compilation's or table's title")
    mrg.add_argument("--report", type=Path, default=None, help="write every change's fate as JSON here")
    mrg.add_argument("--date", type=_iso_date, default=None)
    mrg.add_argument("--base", type=Path, default=None, metavar="REV.docx",
                     help="the revision the redlines were made on: each change is carried from it to the draft, "
                          "or reported already in the draft or overtaken by the new revision")
    _project_option(mrg, "a redline")
    _review_parser(sub)
    return p


class _Decide(argparse.Action):
    """--accept, --reject, --pick, --combine, --reword and --decisions, kept in the order given."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object,
                 option_string: str | None = None) -> None:
        getattr(namespace, self.dest).append((self.metavar, str(values), option_string or ""))


def _project_option(parser: argparse.ArgumentParser, what: str) -> None:
    """--project of apply, merge and review: the revisions an input may have been made on."""
    parser.add_argument("--project", type=Path, default=None, metavar="P.json",
                        help=f"a project whose revision history holds the revisions {what} may have been made on: "
                             "without --base, that revision is recognised by the text")


def _review_parser(sub: argparse._SubParsersAction[_Parser]) -> None:
    rev = sub.add_parser("review", help="merge redlines and decide on their proposals, as the Review panel does")
    rev.add_argument("draft", type=Path)
    rev.add_argument("inputs", nargs="+", metavar="REDLINE", help="as for merge: FILE or AUTHOR=FILE")
    rev.add_argument("-o", "--output", type=Path, default=None)
    rev.add_argument("--list", action="store_true",
                     help="print one line per proposal (id, paragraph, authors, kind, status, change); write nothing")
    rev.set_defaults(decisions=[])
    for verb, what in (("accept", "AUTHOR|LABEL|ID"), ("reject", "AUTHOR|LABEL|ID"), ("pick", "ID=AUTHOR"),
                       ("combine", "ID"), ("reword", "ID=TEXT"), ("decisions", "FILE")):
        rev.add_argument(f"--{verb}", dest="decisions", action=_Decide, metavar=verb,
                         help={"accept": "accept every change of an author, of a paragraph, or one change",
                               "reject": "reject every change of an author, of a paragraph, or one change",
                               "pick": "settle the collision of ID with AUTHOR's proposal (others rejected)",
                               "combine": "settle the collision of ID by combining its proposals",
                               "reword": "settle the collision of ID with your wording of the disputed passage",
                               "decisions": "a file of decisions, one a line ('pick 66-1=US') or JSON"}[verb]
                         + f" ({what}; decisions apply in the order given)")
    rev.add_argument("--form", choices=("full", "compilation", "table", "clean"), default="full",
                     help="as for merge; clean: the draft with the accepted changes applied")
    rev.add_argument("--reviewer", type=_name, default="Redline Desk",
                     help="to whom rewordings are credited (default: Redline Desk)")
    rev.add_argument("--agreed-ad-ref", action="store_true",
                     help="compilation: end every untouched numbered paragraph with [Agreed ad ref]")
    rev.add_argument("--title", type=_title, default="", help="the compilation's or table's title")
    rev.add_argument("--report", type=Path, default=None, help="write every change's id, fate and decision as JSON")
    rev.add_argument("--date", type=_iso_date, default=None)
    _project_option(rev, "a redline")


def _name(text: str) -> str:
    """An author, organisation or reviewer name: printable, one line, bounded (app.values.plain_name)."""
    try:
        return plain_name(text, f"the name {text[:40]!r}")
    except ValueRefused as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _title(text: str) -> str:
    """A title: printable, one line, bounded."""
    try:
        return plain_name(text, "the title", MAX_TITLE_CHARS)
    except ValueRefused as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _iso_date(text: str) -> datetime:
    """A revision date: ISO 8601, within the years app.values allows (UTC when no zone is given)."""
    try:
        return require_datetime(text, "the date")
    except ValueRefused as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _show(args: argparse.Namespace) -> int:
    from app.wiring.report import describe

    if args.labels:
        return _show_labels(args)

    report = describe(args.docx)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    for notice in report["notices"]:
        print(f"note: {notice}", file=sys.stderr)
    lines = (f"{para['label'] or ('#' if para['kind'] == 'heading' else ''):>10}  {para['text']}\n"
             for para in report["paragraphs"])
    sys.stdout.writelines(lines)  # one call, not one print per paragraph: 100,000-paragraph drafts
    if report["tracked_changes"]:
        print(f"\n{len(report['tracked_changes'])} tracked changes:")
        for ch in report["tracked_changes"]:
            where = ch["label"] or (f"#{ch['paragraph']}" if ch["paragraph"] is not None
                                    else "(deleted)" if ch["story"] == "body" else ch["story"])
            print(f"  {ch['type']:<26} {ch['author']:<20} {ch['date']:<21} {where:>9}  {ch['text']!r}")
    return 0


def _show_labels(args: argparse.Namespace) -> int:
    from app.label_check import check_labels
    from docx_io.reader import read_draft

    check = check_labels(read_draft(args.docx))
    if args.json:
        print(json.dumps({"file": str(args.docx), **check.as_json()}, ensure_ascii=False, indent=1))
        return 0
    for row in check.rows:
        print(f"{row.label:<32}  {row.kind:<22}  {row.printed}")
    for warning in check.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"{len(check.rows)} labels, {len(check.warnings)} warnings", file=sys.stderr)
    return 0


def _apply(args: argparse.Namespace) -> int:
    from app.wiring.apply import apply_amendments

    notes = []
    if not args.author and not args.organisation and args.form != "markdown":
        import getpass

        args.author = getpass.getuser()
        notes.append(f"no --author or --organisation given; revisions are attributed to '{args.author}'")

    messages = apply_amendments(
        args.draft, args.amendments, args.output, form=args.form, author=args.author,
        organisation=args.organisation, date=args.date or _now(), markup=args.markup, title=args.title,
        keep_going=args.keep_going, base=args.base, report=args.report, status=args.status, project=args.project,
        rationale=args.rationale, line_numbers=args.line_numbers,
    )
    for line in [*messages, *notes]:
        print(f"{PROG}: {line}", file=sys.stderr)
    return 0


def _merge(args: argparse.Namespace) -> int:
    from app.wiring.merging import merge_files
    from app.wiring.progress import terminal_progress

    with terminal_progress("merge", PROG) as progress:
        result, messages = merge_files(args.draft, args.inputs, args.output, form=args.form,
                                       date=args.date or _now(), report=args.report,
                                       agreed_ad_ref=args.agreed_ad_ref, title=args.title, base=args.base,
                                       project=args.project, progress=progress)
    for line in messages:
        print(f"{PROG}: {line}", file=sys.stderr)
    counts: dict[str, int] = {}
    for entry in result.report:
        counts[entry.status] = counts.get(entry.status, 0) + 1
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "no changes found"
    collided = f"; collisions in para {', '.join(sorted(result.collisions))}" if result.collisions else ""
    print(f"{args.output}: {summary}{collided}")
    if counts.keys() - {"applied"}:
        where = f"see {args.report}" if args.report else "pass --report FILE to see them"
        print(f"{PROG}: {len(result.report) - counts.get('applied', 0)} change(s) not applied as such; "
              f"each one's reason: {where}", file=sys.stderr)
    return 0


def _review(args: argparse.Namespace) -> int:
    from app.review_decisions import parse_decision, read_decisions
    from app.wiring.reviewing import listing, review_files

    if args.output is None and not args.list:
        raise RedlineDeskError("name the output with -o OUT (or use --list to see the proposals and their ids)")
    decisions = []
    for verb, value, option in args.decisions:
        decisions += read_decisions(Path(value)) if verb == "decisions" else [parse_decision(verb, value, option)]
    files = tuple(Path(value) for verb, value, _ in args.decisions if verb == "decisions")
    review, messages = review_files(args.draft, args.inputs, decisions, date=args.date or _now(),
                                    out=None if args.list else args.output, form=args.form,
                                    report=None if args.list else args.report, agreed_ad_ref=args.agreed_ad_ref,
                                    title=args.title, reviewer=args.reviewer, decision_files=files,
                                    project=args.project)
    for line in messages:
        print(f"{PROG}: {line}", file=sys.stderr)
    if args.list:
        for line in listing(review):
            print(line)
        return 0
    counts: dict[str, int] = {}
    for p in review.proposals:
        counts[p.decision.value] = counts.get(p.decision.value, 0) + 1
    collided = sorted({review.result.draft.paragraphs[c.paragraph].display_label for c in review.collisions()})
    summary = ", ".join(f"{n} {d}" for d, n in sorted(counts.items())) or "no changes found"
    print(f"{args.output}: {summary}" + (f"; collisions left in para {', '.join(collided)}" if collided else ""))
    return 0


def _compare(args: argparse.Namespace) -> int:
    from app.wiring.apply import compare_files
    from app.wiring.progress import terminal_progress

    with terminal_progress("compare", PROG) as progress:
        summary = compare_files(args.old, args.new, args.output, args.author, args.date or _now(), args.granularity,
                                progress=progress)
    print(summary)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
