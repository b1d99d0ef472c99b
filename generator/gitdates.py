"""When each file last changed, from git history, in one `git log` call for the whole project."""
from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
          "oktober", "november", "december")


def last_changed(root: Path) -> dict[str, dt.date]:
    """Path (relative to the repository root, forward slashes) → date of the last commit touching it.

    Returns an empty mapping outside a git checkout, or when git is missing.
    """
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=root, capture_output=True,
                             text=True, check=True, timeout=30).stdout.strip()
        log = subprocess.run(["git", "log", "--format=#%cs", "--name-only", "--no-renames", "--", "."],
                             cwd=root, capture_output=True, text=True, check=True, timeout=120).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    prefix = Path(root).resolve().relative_to(Path(top).resolve()).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    dates: dict[str, dt.date] = {}
    current: dt.date | None = None
    for line in log.splitlines():
        if line.startswith("#"):
            current = dt.date.fromisoformat(line[1:])
        elif line and current is not None:
            path = line[len(prefix):] if prefix and line.startswith(prefix) else line
            dates.setdefault(path, current)  # git log lists newest first
    return dates


def danish_date(day: dt.date) -> str:
    """22. november 2026"""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"
