"""Command line: ``python -m generator import|add|check|build|serve|new-issue``."""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from pathlib import Path
from typing import Any

from generator.errors import GazetteError

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"
TODAY_HELP = (
    "the date issues may not be later than, YYYY-MM-DD (default: today; for synthetic archives)"
)


def _iso_date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


def _path(text: str) -> Path:
    """A file or folder named on the command line; an empty name (\"\") is not "here"."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty path; name a file or folder")
    return Path(text)


def site_url_from(override: str | None) -> str:
    """The one setting for the public address: --site-url, else SITE_URL, else the local server.
    The only place the generator reads the environment (with a caller's SOURCE_DATE_EPOCH)."""
    url = override or os.environ.get("SITE_URL") or DEFAULT_SITE_URL
    return url if url.endswith("/") else url + "/"


def caller_epoch() -> int | None:
    """A build date given by the caller (reproducible-builds convention); else the content's."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    return int(value) if value and value.isdigit() else None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator", description="大武口区人民政府公报 site generator"
    )
    commands = parser.add_subparsers(dest="command", required=True)

    p = commands.add_parser("import", help="turn one issue's OCR text into an issue folder")
    p.add_argument("source", type=_path, help="the OCR text of one issue (UTF-8)")
    p.add_argument(
        "--out", type=_path, default=Path("content"), help="content folder (default: content)"
    )
    p.add_argument("--force", action="store_true", help="replace an existing issue folder")

    p = commands.add_parser(
        "add", help="add one born-digital document (.docx or text-layer PDF) to an issue"
    )
    p.add_argument("source", type=_path, help="the document as .docx or as a PDF with a text layer")
    p.add_argument("--issue", required=True, help="the issue it belongs to, YEAR/NN, e.g. 2021/03")
    p.add_argument(
        "--out", type=_path, default=Path("content"), help="content folder (default: content)"
    )
    p.add_argument("--section", default=None, help="栏目 (one of issue.yml's sections)")
    p.add_argument("--page", type=int, default=None, help="first page in the printed issue")
    p.add_argument("--order", type=int, default=None, help="position in the table of contents")
    p.add_argument("--force", action="store_true", help="replace an existing document file")

    _site_commands(commands)
    return parser


def _site_commands(commands: Any) -> None:
    """check, build, generate, serve, new-issue."""
    p = commands.add_parser("check", help="validate the content folder")
    p.add_argument("--content", type=_path, default=Path("content"))
    p.add_argument("--today", type=_iso_date, default=None, help=TODAY_HELP)

    p = commands.add_parser(
        "build", help="check, generate pages, build the site with MkDocs and Pagefind"
    )
    p.add_argument("--content", type=_path, default=Path("content"))
    p.add_argument("--site", type=_path, default=Path("site"))
    p.add_argument(
        "--work",
        type=_path,
        default=None,
        help="folder for generated pages and caches (default: build/ next to the site)",
    )
    p.add_argument("--site-url", default=None, help="public URL of the site (overrides SITE_URL)")
    p.add_argument(
        "--no-search-index", action="store_true", help="skip the Pagefind index (faster)"
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="build even if check finds problems (unsafe HTML is still removed)",
    )
    p.add_argument("--today", type=_iso_date, default=None, help=TODAY_HELP)

    p = commands.add_parser("generate", help="check and write the generated Markdown pages only")
    p.add_argument("--content", type=_path, default=Path("content"))
    p.add_argument("--work", type=_path, default=Path("build"))
    p.add_argument("--site-url", default=None)

    p = commands.add_parser("serve", help="build pages and serve the site with live reload")
    p.add_argument("--content", type=_path, default=Path("content"))
    p.add_argument("--work", type=_path, default=Path("build"))
    p.add_argument("--addr", default="127.0.0.1:8000")
    p.add_argument("--today", type=_iso_date, default=None, help=TODAY_HELP)

    p = commands.add_parser("new-issue", help="scaffold an empty issue folder")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--number", type=int, required=True)
    p.add_argument("--content", type=_path, default=Path("content"))


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except GazetteError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        errors = sum(not problem.warning for problem in error.problems)
        print(f"{errors} problem(s); nothing was changed.", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The output went to a command that stopped reading it (… | head): Python would
        # print a traceback when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _run(args: argparse.Namespace) -> int:
    if args.command == "import":
        from generator.commands import run_import

        return run_import(args.source, args.out, args.force)
    if args.command == "add":
        from generator.commands import run_add

        return run_add(
            args.source, args.issue, args.out, args.section, args.page, args.order, args.force
        )
    if args.command == "check":
        from generator.commands import run_check

        return run_check(args.content, args.today)
    if args.command == "build":
        from generator.build import run_build

        return run_build(
            args.content,
            args.site,
            args.work,
            site_url_from(args.site_url),
            search_index=not args.no_search_index,
            force=args.force,
            today=args.today,
            epoch=caller_epoch(),
        )
    if args.command == "generate":
        from generator.build import run_generate

        return run_generate(args.content, args.work, site_url_from(args.site_url))
    if args.command == "serve":
        from generator.serve import run_serve

        return run_serve(args.content, args.work, site_url_from(f"http://{args.addr}/"), args.today)
    if args.command == "new-issue":
        from generator.commands import run_new_issue

        return run_new_issue(args.content, args.year, args.number)
    raise AssertionError(args.command)


if __name__ == "__main__":
    sys.exit(main())
