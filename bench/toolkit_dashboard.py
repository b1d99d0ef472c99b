"""Engagementsanalysen's dashboard with a large file: the time from a CSV file being chosen to the result shown.

Builds the site (or uses one given with --site), writes a synthetic CSV of 50,000 answers (the sample data's
generator with another seed), serves the site on 127.0.0.1 and loads the file in headless chromium:

Playwright chooses the file in the page's file field, as a user does; the page notes the time from the field's
change event to the first animation frame after the result is in the page (reading, decoding, parsing, checking,
counting, drawing). The wall-clock time seen from Python is shown too. `make bench` calls ``measure``.

    .venv/bin/python bench/toolkit_dashboard.py [--rows 50000] [--runs 5] [--site DIR]

Exit code 0 when the median meets the target (default 1 s), 1 when not.
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from generator.toolkits import engagement  # noqa: E402

PAGE = f"vaerktoejer/{engagement.TOOL}/"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update"]


def build(site: Path) -> Path:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(site), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()
    return site


def big_csv(rows: int) -> bytes:
    from generator.validate import load_project

    data = load_project(ROOT).toolkits[engagement.TOOL]
    return engagement._csv(engagement.sample_rows(data, n=rows, seed=engagement.SAMPLE_SEED + 1))


@contextlib.contextmanager
def serve(site: Path):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()


def chromium_path() -> str:
    found = os.environ.get("NYBRUD_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        sys.exit("chromium blev ikke fundet (apt-get install chromium)")
    return found


def with_playwright(base: str, csv_path: Path, runs: int) -> list[tuple[float, float]]:
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        tab = browser.new_page()
        for _ in range(runs):
            tab.goto(base + PAGE)
            started = time.perf_counter()
            tab.set_input_files("[data-nb-eng-file]", str(csv_path))
            tab.wait_for_function("(r => r.dataset.ms && r.dataset.state !== 'loading')(document.querySelector('[data-nb-eng]'))",
                                  timeout=60_000)
            wall = (time.perf_counter() - started) * 1000
            state, ms = tab.eval_on_selector("[data-nb-eng]", "r => [r.dataset.state, Number(r.dataset.ms)]")
            if state != "result":
                sys.exit("dashboardet viste ikke et resultat: " + tab.text_content("[data-nb-eng-error]"))
            times.append((ms, wall))
        browser.close()
    return times


def measure(site: Path, rows: int = 50_000, runs: int = 5) -> dict:
    """Median milliseconds from a file of ``rows`` answers chosen to the result shown, in a copy of ``site``."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "site"
        shutil.copytree(site, copy)
        data = big_csv(rows)
        csv_path = copy / PAGE / f"bench-{rows}.csv"
        csv_path.write_bytes(data)
        with serve(copy) as base:
            times = with_playwright(base, csv_path, runs)
    return {"rows": rows, "bytes": len(data), "runs": runs,
            "ms": statistics.median(t for t, _ in times), "wall_ms": statistics.median(w for _, w in times),
            "min_ms": min(t for t, _ in times), "max_ms": max(t for t, _ in times)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--target", type=float, default=1.0, help="mål i sekunder (standard 1)")
    parser.add_argument("--site", type=Path, help="et bygget site; ellers bygges et midlertidigt")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            print("Bygger sitet …", flush=True)
            site = build(Path(tmp) / "site")
        result = measure(site, args.rows, args.runs)
    ok = result["ms"] <= args.target * 1000
    size = f"{result['bytes'] / 1_048_576:.1f}".replace(".", ",")
    print(f"CSV-fil: {args.rows:,} svar, {size} MB; {args.runs} kørsler".replace(",", ".", 1))
    print(f"Fra valgt fil til vist resultat (målt i siden): median {result['ms']:.0f} ms "
          f"(min {result['min_ms']:.0f}, max {result['max_ms']:.0f}); set udefra: {result['wall_ms']:.0f} ms")
    print(f"Mål: {args.rows:,} svar på under {args.target:g} s – {'opfyldt' if ok else 'IKKE opfyldt'}".replace(",", "."))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
