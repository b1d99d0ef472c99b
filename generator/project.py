"""Where a Nybrud project keeps its collections, and which files in them are content."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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
        folder = self.folder(collection)
        if not folder.is_dir():
            return []
        # .yml before .yaml for the same name, so a duplicate is always reported on the .yaml file.
        return sorted((p for p in folder.iterdir()
                       if p.suffix in YAML_SUFFIXES and p.is_file() and not p.name.startswith(".")),
                      key=lambda p: (p.stem, p.suffix != ".yml"))

    def rel(self, path: Path) -> str:
        """A path as shown to editors: relative to the project root, with forward slashes."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()
