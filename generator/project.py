"""Where a Nybrud project keeps its collections, and which files in them are content.

Only regular files are read. A symbolic link, a named pipe or any other special file in a content
folder is refused with a message, never followed (it could publish a file from the build machine or
hang the build), and so is a file that looks like content but would be skipped: ``.YML``,
``x.yml.txt``, a folder named ``x.yml``.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem

YAML_SUFFIXES = (".yml", ".yaml")


@dataclass(frozen=True)
class Project:
    """A project root holding one folder per collection (``cases/``, ``formats/`` …)."""

    root: Path

    @classmethod
    def at(cls, root: str | Path) -> "Project":
        return cls(Path(root).resolve())

    def folder(self, collection: str) -> Path:
        return self.root / collection

    def files(self, collection: str) -> list[Path]:
        return self.scan(collection)[0]

    def scan(self, collection: str) -> tuple[list[Path], list[Problem]]:
        """The content files of a collection folder, and a problem for everything else that stands in it."""
        folder = self.folder(collection)
        problems: list[Problem] = []
        if os.path.islink(folder):
            return [], [Problem(f"{collection}/", 1, 1, f"mappen '{collection}/' er en symbolsk henvisning; den skal "
                                                          "være en almindelig mappe i projektet")]
        if not folder.is_dir():
            return [], []
        files = []
        for entry in os.scandir(folder):
            rel = f"{collection}/{entry.name}"
            if entry.name.startswith("."):
                continue
            problem = special_file(entry, rel)
            if problem is not None:
                problems.append(problem)
            elif entry.name.endswith(YAML_SUFFIXES):
                files.append(Path(entry.path))
            elif entry.name.lower().endswith(YAML_SUFFIXES) or ".yml." in entry.name or ".yaml." in entry.name:
                problems.append(Problem(rel, 1, 1, f"filen '{entry.name}' bliver ikke læst: en indholdsfil skal hedde "
                                                   f"noget med '.yml' (små bogstaver) til sidst; omdøb den"))
        # .yml before .yaml for the same name, so a duplicate is always reported on the .yaml file.
        files.sort(key=lambda p: (p.stem, p.suffix != ".yml"))
        return files, problems

    def rel(self, path: Path) -> str:
        """A path as shown to editors: relative to the project root, with forward slashes."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


def special_file(entry: os.DirEntry, rel: str) -> Problem | None:
    """A problem for anything but a regular file (without following it), or None."""
    if entry.is_symlink():
        return Problem(rel, 1, 1, f"'{rel}' er en symbolsk henvisning; læg en almindelig fil her i stedet (henvisninger "
                                  "følges ikke, så de ikke kan offentliggøre filer uden for projektet)")
    mode = entry.stat(follow_symlinks=False).st_mode
    if stat.S_ISDIR(mode):
        if entry.name.endswith(YAML_SUFFIXES):
            return Problem(rel, 1, 1, f"'{rel}' er en mappe, ikke en fil; flyt indholdet ud i en fil med det navn")
        return Problem(rel, 1, 1, f"mappen '{rel}' bliver ikke læst: en samling har ingen undermapper; flyt filerne op")
    if not stat.S_ISREG(mode):
        return Problem(rel, 1, 1, f"'{rel}' er ikke en almindelig fil (fx et navngivet rør); fjern den")
    return None


def unsafe_tree(folder: Path, shown: str) -> list[Problem]:
    """Problems for every symbolic link and special file below ``folder`` (MkDocs would follow or read them)."""
    problems: list[Problem] = []
    if os.path.islink(folder):
        return [Problem(shown, 1, 1, f"mappen '{shown}' er en symbolsk henvisning; den skal være en almindelig mappe")]
    for current, dirs, files in os.walk(folder, followlinks=False):
        for name in [*dirs, *files]:
            path = os.path.join(current, name)
            rel = f"{shown.rstrip('/')}/{os.path.relpath(path, folder).replace(os.sep, '/')}"
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode):
                problems.append(Problem(rel, 1, 1, f"'{rel}' er en symbolsk henvisning; læg en almindelig fil her i stedet "
                                                   "(henvisninger følges ikke, så de ikke kan offentliggøre filer uden "
                                                   "for projektet)"))
            elif not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                problems.append(Problem(rel, 1, 1, f"'{rel}' er ikke en almindelig fil (fx et navngivet rør); fjern den"))
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(current, d))]
    return problems
