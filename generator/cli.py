"""Command line: ``python -m generator validate|schemas|export ...``.

Content problems are printed as ``path:line:col: message`` (or GitHub annotations) with exit code 1.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .problems import ContentError, summary


def _validate(args: argparse.Namespace) -> int:
    from .validate import load_project

    try:
        kb = load_project(args.root)
    except ContentError as e:
        if args.format == "github":
            for p in e.problems:
                print(p.as_github())
        print(summary(e.problems), file=sys.stderr if args.format == "github" else sys.stdout)
        return 1
    counts = ", ".join(f"{len(getattr(kb, c))} {label}" for c, label in (
        ("cases", "cases"), ("formats", "formater"), ("principles", "principper og indsigter"),
        ("tools", "værktøjer"), ("sources", "kilder"), ("vocab", "ordforråd")))
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Nybrud: vidensbase om borgerinddragelse.")
    parser.add_argument("--root", default=".", help="projektets rodmappe (standard: den aktuelle mappe)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="kontrollér alt indhold og vis alle problemer")
    p.add_argument("--format", choices=("text", "github"), default="text",
                   help="'github' skriver fejl som GitHub-annotationer")
    p.set_defaults(func=_validate)

    p = sub.add_parser("schemas", help="skriv JSON-skemaerne i schemas/ ud fra modellerne og indholdet")
    p.add_argument("--check", action="store_true", help="skriv intet; fejl, hvis skemaerne ikke er opdaterede")
    p.set_defaults(func=_schemas)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
