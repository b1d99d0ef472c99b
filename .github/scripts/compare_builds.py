"""Compare two built sites file by file: `compare_builds.py site site-properdocs`.

Differences that say only which tool built the site (the generator meta tag) and the gzip header's time in
sitemap.xml.gz are ignored. Prints every other difference in Danish and exits 1 when there is one.
"""
from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def content(path: Path) -> bytes:
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        data = gzip.decompress(data)
    return GENERATOR.sub(b"", data) if path.suffix == ".html" else data


def main(first: str, second: str) -> int:
    a, b = Path(first), Path(second)
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    problems = [f"kun i {first}: {f}" for f in sorted(files_a - files_b)]
    problems += [f"kun i {second}: {f}" for f in sorted(files_b - files_a)]
    problems += [f"forskellig: {f}" for f in sorted(files_a & files_b) if content(a / f) != content(b / f)]
    for line in problems:
        print(line)
    print(f"{len(files_a & files_b)} filer sammenlignet; {len(problems)} forskelle.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
