"""Engagementsanalysen's dashboard with a large file: the time from a CSV file being chosen to the result shown.

Builds the site (or uses one given with --site), writes a synthetic CSV of 50,000 answers (the sample data's
generator with another seed), serves the site on 127.0.0.1 and loads the file in headless chromium:

- ``--engine playwright`` (the default): chooses the file in the page's file field, as a user does; the page
  notes the time from the field's change event to the first animation frame after the result is in the page
  (reading, decoding, parsing, checking, counting, drawing). The wall-clock time seen from Python is shown too.
- ``--engine chromium``: without Playwright (and so without Node): chromium --headless --dump-dom opens a copy of
  the tool page that hands the file's bytes to the dashboard (``NybrudEngagement.processBytes``) while the page
  loads and writes the time into the page. This leaves out the FileReader and the paint.

    .venv/bin/python bench/toolkit_dashboard.py [--rows 50000] [--runs 5] [--engine playwright|chromium] [--site DIR]

Exit code 0 when the median meets the target (default 1 s), 1 when not.
"""
from __future__ import annotations

import argparse
import base64
import contextlib
import functools
import http.server
import json
import os
import shutil
import statistics
import subprocess
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


RUNNER = """(function () {
  var out = document.createElement("pre");
  out.id = "nb-bench";
  try {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", "%(csv)s", false);  // the file's bytes as base64: a synchronous request has no ArrayBuffer
    xhr.send();
    var raw = atob(xhr.responseText), bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i) & 0xff;
    var root = document.querySelector("[data-nb-eng]");
    var started = performance.now();
    window.NybrudEngagement.processBytes(bytes, "bench.csv");
    var ms = performance.now() - started;
    var error = root.querySelector("[data-nb-eng-error]").textContent;
    out.textContent = JSON.stringify({ ms: ms, state: root.dataset.state, error: error || undefined });
  } catch (e) {
    out.textContent = JSON.stringify({ error: String(e) });
  }
  document.body.appendChild(out);
})();
"""


def with_chromium(site: Path, base: str, csv_name: str, runs: int) -> list[tuple[float, float]]:
    page = (site / PAGE / "index.html").read_text("utf-8")
    (site / PAGE / f"{csv_name}.b64").write_bytes(base64.b64encode((site / PAGE / csv_name).read_bytes()))
    (site / PAGE / "bench-runner.js").write_text(RUNNER % {"csv": f"{csv_name}.b64"}, "utf-8")
    script = 'javascripts/toolkits/engagement.js" defer></script>'
    if script not in page:
        sys.exit("siden indlæser ikke engagement.js som ventet")
    (site / PAGE / "bench.html").write_text(page.replace(script, script + '\n<script src="bench-runner.js" defer></script>', 1),
                                            "utf-8")
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        with tempfile.TemporaryDirectory() as profile:
            dom = subprocess.run([chromium_path(), "--headless", *CHROMIUM_ARGS, f"--user-data-dir={profile}",
                                  "--dump-dom", base + PAGE + "bench.html"],
                                 capture_output=True, text=True, timeout=120).stdout
        wall = (time.perf_counter() - started) * 1000
        start = dom.find('<pre id="nb-bench">')
        if start == -1:
            sys.exit("chromium skrev ikke en måling")
        result = json.loads(dom[start + len('<pre id="nb-bench">'):dom.index("</pre>", start)].replace("&quot;", '"'))
        if result.get("state") != "result":
            sys.exit(f"dashboardet viste ikke et resultat: {result}")
        times.append((result["ms"], wall))
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--target", type=float, default=1.0, help="mål i sekunder (standard 1)")
    parser.add_argument("--engine", choices=("playwright", "chromium"), default="playwright")
    parser.add_argument("--site", type=Path, help="et bygget site; ellers bygges et midlertidigt")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        if args.site:
            shutil.copytree(args.site, site)
        else:
            print("Bygger sitet …", flush=True)
            build(site)
        data = big_csv(args.rows)
        csv_name = f"bench-{args.rows}.csv"
        (site / PAGE / csv_name).write_bytes(data)
        size = f"{len(data) / 1_048_576:.1f}".replace(".", ",")
        print(f"CSV-fil: {args.rows:,} svar, {size} MB".replace(",", ".", 1), flush=True)
        with serve(site) as base:
            if args.engine == "playwright":
                times = with_playwright(base, site / PAGE / csv_name, args.runs)
                what = "fra valgt fil til vist resultat (i siden)"
            else:
                times = with_chromium(site, base, csv_name, args.runs)
                what = "afkodning, læsning, optælling og visning (i siden, uden FileReader og maling)"

    in_page = statistics.median(t for t, _ in times)
    wall = statistics.median(w for _, w in times)
    ok = in_page <= args.target * 1000
    print(f"Engine: {args.engine}; {args.runs} kørsler")
    print(f"Tid {what}: median {in_page:.0f} ms (min {min(t for t, _ in times):.0f}, max {max(t for t, _ in times):.0f})")
    print(f"Tid set udefra (inkl. browserens styring{' og opstart' if args.engine == 'chromium' else ''}): median {wall:.0f} ms")
    print(f"Mål: {args.rows:,} svar på under {args.target:g} s – {'opfyldt' if ok else 'IKKE opfyldt'}".replace(",", "."))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
