"""Command line: ``python -m generator validate|schemas|export ...``.

Content problems are printed as ``path:line:col: message`` (or GitHub annotations) with exit code 1.
"""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from . import registry
from .gcpause import collector_paused
from .problems import ContentError, job_summary, printable, summary


def _validate(args: argparse.Namespace) -> int:
    import os

    from .validate import check_project

    try:
        with collector_paused():
            totals = check_project(args.root, workers=os.cpu_count() or 1)
    except ContentError as e:
        if args.format == "github":
            for p in e.problems:
                print(p.as_github())
            step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
            if step_summary:
                with open(step_summary, "a", encoding="utf-8") as out:
                    out.write(job_summary(e.problems))
        print(summary(e.problems), file=sys.stderr if args.format == "github" else sys.stdout)
        return 1
    counts = ", ".join(f"{totals[name]} {c.plural}" for name, c in registry.COLLECTIONS.items())
    print(f"Indholdet er gyldigt: {counts}.")
    return 0


def _schemas(args: argparse.Namespace) -> int:
    from .jsonschema_export import write_schemas

    try:
        changed = write_schemas(Path(args.root), check=args.check)
    except ContentError as e:
        print(summary(e.problems))
        return 1
    if args.check and changed:
        print("JSON-skemaerne i schemas/ er ikke opdaterede: " + ", ".join(changed))
        print("Kør: python -m generator schemas")
        return 1
    print("JSON-skemaerne er opdaterede." if not changed or args.check else "Skrev " + ", ".join(changed))
    return 0


def _new(args: argparse.Namespace) -> int:
    import re
    from importlib.resources import files

    from .schema import ID_PATTERN

    if not re.match(ID_PATTERN, args.id):
        print(f"'{args.id}' er ikke et gyldigt id: brug små bogstaver a–z, tal og bindestreg (æ→ae, ø→oe, å→aa), "
              "fx 'odense-borgerraad-velfaerd'.")
        return 1
    collection = registry.by_new_kind()[args.kind]
    folder = Path(args.root) / collection.name
    target = folder / f"{args.id}.yml"
    if target.exists() or target.with_suffix(".yaml").exists():
        print(f"{target.relative_to(args.root) if not Path(args.root).is_absolute() else target} findes allerede.")
        return 1
    if collection.template_dir and (collection.template_dir / "new" / f"{args.kind}.yml").is_file():
        template = (collection.template_dir / "new" / f"{args.kind}.yml").read_text("utf-8")
    else:
        template = files("generator").joinpath("templates", "new", f"{args.kind}.yml").read_text("utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(template.replace("__ID__", args.id), "utf-8")
    shown = f"{collection.name}/{args.id}.yml"
    print(f"Oprettede {shown}. Udfyld felterne, og kør 'make validate' for at se, hvad der mangler.")
    return 0


MAX_ANSWERS_BYTES = 64 * 1024


def _read_answers(source: str) -> tuple[object, str | None]:
    """The answers as JSON data, or a located Danish message (never a traceback)."""
    import json

    try:
        raw = sys.stdin.buffer.read(MAX_ANSWERS_BYTES + 1) if source == "-" else Path(source).read_bytes()
    except OSError as e:
        return None, f"{source}: kan ikke læses ({e.strerror})"
    if len(raw) > MAX_ANSWERS_BYTES:
        return None, f"{source}: filen er for stor; svarene må højst fylde {MAX_ANSWERS_BYTES // 1024} KB"
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        return None, f"{source}: filen er ikke gemt som UTF-8 (byte {e.start + 1}); gem den igen som UTF-8"

    def refuse(name: str):
        raise ValueError(name)
    try:
        return (json.loads(text, parse_constant=refuse) if text.strip() else {}), None
    except json.JSONDecodeError as e:
        return None, f"{source}:{e.lineno}:{e.colno}: ugyldig JSON ({e.msg}); se eksemplet i README"
    except ValueError as e:
        return None, f"{source}: '{e}' er ikke et tal, svarene kan bruge; skriv et almindeligt tal"
    except RecursionError:
        return None, f"{source}: svarene er indlejret for dybt; se eksemplet i README"


def _recommend(args: argparse.Namespace) -> int:
    """Exit 0 with the result as JSON; 2 when the answers are wrong (one Danish line per problem); 1 when the
    content is invalid."""
    import json

    from .recommend import check_answers, decision_data, recommend_from_data
    from .validate import load_project

    answers, problem = _read_answers(args.answers)
    if problem:
        print(printable(problem), file=sys.stderr)
        return 2
    try:
        with collector_paused():
            kb = load_project(args.root)
    except ContentError as e:
        print(summary(e.problems), file=sys.stderr)
        return 1
    if kb.decision is None:
        print("Projektet har ingen decision/formatvaelger.yml.", file=sys.stderr)
        return 1
    data = decision_data(kb)
    problems = check_answers(data, answers)
    if problems:
        for p in problems:
            print(printable(f"{args.answers}: {p['text']}"), file=sys.stderr)
        return 2
    print(json.dumps(recommend_from_data(data, answers), ensure_ascii=False, indent=2))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Nybrud: vidensbase om borgerinddragelse.")
    parser.add_argument("--root", default=".", help="projektets rodmappe (standard: den aktuelle mappe)")
    parser.add_argument("--verbose", action="store_true", help="vis, hvad generatoren gør, og hvor lang tid det tager")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="kontrollér alt indhold og vis alle problemer")
    p.add_argument("--format", choices=("text", "github"), default="text",
                   help="'github' skriver fejl som GitHub-annotationer")
    p.set_defaults(func=_validate)

    p = sub.add_parser("new", help="opret en ny fil ud fra en kommenteret skabelon")
    p.add_argument("kind", choices=tuple(registry.by_new_kind()), help="hvad der skal oprettes")
    p.add_argument("id", help="id og filnavn, fx 'vejle-borgerpanel-klima'")
    p.set_defaults(func=_new)

    p = sub.add_parser("recommend", help="Formatvælgeren: anbefal formater ud fra svar i en JSON-fil")
    p.add_argument("--answers", required=True, help="JSON-fil med svarene, eller - for standard input")
    p.set_defaults(func=_recommend)

    p = sub.add_parser("schemas", help="skriv JSON-skemaerne i schemas/ ud fra modellerne og indholdet")
    p.add_argument("--check", action="store_true", help="skriv intet; fejl, hvis skemaerne ikke er opdaterede")
    p.set_defaults(func=_schemas)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.verbose:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        log = logging.getLogger("mkdocs.plugins.nybrud")
        log.addHandler(handler)
        log.setLevel(logging.DEBUG)
    return args.func(args)
