"""`make bench`: build time and page weight as the knowledge base grows.

For 100, 1,000 and 5,000 synthetic (but schema-valid) cases it builds the site with the generator
plugin and, interleaved, a baseline: the same pages written out beforehand as Markdown files and
built by plain MkDocs-Material. It reports medians, the plugin/baseline ratio, the generator's own
share, output sizes, the bytes of a first search and the indexing time, the engagement dashboard with
50,000 answers, and checks the targets. Results go to bench/RESULTS.md.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import toolkit_dashboard  # noqa: E402  (bench/, on the path as this script's folder)
from generator.gcpause import collector_paused  # noqa: E402
from generator.pipeline import generate, load  # noqa: E402
from generator.search_index import BUNDLE, index_site  # noqa: E402

SEARCH_QUERY = "borgerne"  # a word of every synthetic case

WORDS = ("borgerne kommunen inddragelse dialog politikerne forvaltningen lokalsamfund velfærd samskabelse "
         "borgermøde prioritering budget ældre børn unge foreninger erfaringer resultat proces kvalitet tillid "
         "beslutning anbefaling kommunaldirektør byråd udvalg workshop platform idéer forslag evaluering").split()


def sentence(rng: random.Random, n: int = 14) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return (" ".join(words)).capitalize() + "."


def paragraph(rng: random.Random, sentences: int = 4) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def make_project(target: Path, n_cases: int, seed: int = 1) -> Path:
    """A project with the real vocabularies and sources and synthetic formats, principles, tools and cases."""
    rng = random.Random(seed)
    for name in ("vocab", "sources", "content", "overrides", "decision"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    vocab = {p.stem: [t["id"] for t in yaml.safe_load(p.read_text("utf-8"))["terms"]] for p in (target / "vocab").glob("*.yml")}
    sources = [p.stem for p in (target / "sources").glob("*.yml")]
    ref = lambda: {"source": rng.choice(sources), "section": "Syntetisk afsnit"}  # noqa: E731

    def write(folder: str, ident: str, data: dict) -> None:
        (target / folder).mkdir(exist_ok=True)
        (target / folder / f"{ident}.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")

    formats = [f"format-{i:03d}" for i in range(30)]
    for fid in formats:
        write("formats", fid, {
            "id": fid, "title": f"Format {fid[-3:]}", "summary": paragraph(rng, 2), "description": paragraph(rng, 5),
            "when_fits": [sentence(rng) for _ in range(3)], "when_not": [sentence(rng) for _ in range(2)],
            "purposes": rng.sample(vocab["purposes"], 2), "influence_levels": rng.sample(vocab["influence-levels"], 2),
            "stages": rng.sample(vocab["stages"], 2), "modes": rng.sample(vocab["modes"], 1),
            "risks": rng.sample(vocab["barriers"], 2), "combines_with": rng.sample([f for f in formats if f != fid], 2),
            "resources": rng.choice(vocab["resource-levels"]),
            "participant_groups": rng.sample(vocab["participant-groups"], 3),
            "decision": {"min_weeks": rng.choice([1, 4, 8, 12, 26]), "conflict": ["lav", "middel"],
                         "profile": {**{k: rng.randint(1, 5) for k in ("representativitet", "bredde", "dybde",
                                                                       "legitimitet", "hastighed", "pris")},
                                     "basis": "Syntetisk vurdering til benchmark."}},
            "sources": [ref()]})
    principles = [f"princip-{i:03d}" for i in range(40)]
    for i, pid in enumerate(principles):
        write("principles", pid, {
            "id": pid, "title": f"Princip {i + 1}", "set": vocab["principle-sets"][i % len(vocab["principle-sets"])],
            "kind": "princip", "number": i // len(vocab["principle-sets"]) + 1, "summary": paragraph(rng, 2),
            "description": paragraph(rng, 3), "sources": [ref()]})
    decision_file = target / "decision" / "formatvaelger.yml"
    decision = yaml.safe_load(decision_file.read_text("utf-8"))
    decision["gate"]["principles"] = principles[:2]
    decision["principles"] = principles[2:4]
    real_formats = {p.stem for p in (ROOT / "formats").glob("*.yml")}

    def synthetic(node):  # the statutory duties and others name real formats: name synthetic ones instead
        if isinstance(node, dict):
            return {k: synthetic(v) for k, v in node.items()}
        if isinstance(node, list):
            return [synthetic(v) for v in node]
        return formats[sorted(real_formats).index(node) % len(formats)] if node in real_formats else node
    decision = synthetic(decision)
    decision_file.write_text(yaml.safe_dump(decision, allow_unicode=True, sort_keys=False), "utf-8")
    tools = [f"vaerktoej-{i:03d}" for i in range(max(10, n_cases // 20))]
    for tid in tools:
        write("tools", tid, {
            "id": tid, "title": f"Værktøj {tid[-3:]}", "kind": rng.choice(vocab["tool-kinds"]),
            "summary": paragraph(rng, 2), "purpose": paragraph(rng, 2), "steps": [sentence(rng) for _ in range(4)],
            "formats": rng.sample(formats, 2), "principles": rng.sample(principles, 2), "sources": [ref()]})
    for i in range(n_cases):
        cid = f"case-{i:05d}"
        start = rng.randint(2010, 2025)
        write("cases", cid, {
            "id": cid, "title": f"Case {i}: {sentence(rng, 6)[:-1]}", "summary": paragraph(rng, 3),
            "municipality": rng.choice(vocab["municipalities"]), "period": {"start": start, "end": start + rng.randint(0, 2)},
            "policy_areas": rng.sample(vocab["policy-areas"], 2), "formats": rng.sample(formats, 2),
            "purposes": rng.sample(vocab["purposes"], 2), "influence": rng.choice(vocab["influence-levels"]),
            "background": paragraph(rng, 4),
            "participants": {"count": rng.randint(10, 2000), "groups": rng.sample(vocab["participant-groups"], 2),
                             "recruitment": sentence(rng),
                             "recruitment_methods": rng.sample(vocab["recruitment-methods"], 1)},
            "kit": {"cost": {"dkk": rng.randint(10, 900) * 1000, "covers": sentence(rng, 5)},
                    "duration_weeks": rng.randint(2, 40),
                    "evaluation": {"done": rng.choice([True, False])}},
            "process": [sentence(rng) for _ in range(5)], "outcomes": [sentence(rng) for _ in range(4)],
            "challenges": [sentence(rng) for _ in range(2)], "barriers": rng.sample(vocab["barriers"], 2),
            "lessons": [sentence(rng) for _ in range(3)],
            "roles": {"chief_executive": paragraph(rng, 2), "politicians": paragraph(rng, 2)},
            "principles": rng.sample(principles, 2), "tools": rng.sample(tools, 1), "sources": [ref()]})
    return target


def make_baseline(project: Path, target: Path) -> Path:
    """The same site as plain Markdown files, built by MkDocs-Material without the plugin."""
    generated = generate(load(project))
    shutil.copytree(project / "content", target / "content")
    shutil.copytree(project / "overrides", target / "overrides")
    written = {page.uri: page.text.encode("utf-8") for page in generated.pages} | generated.exports
    for rel, data in written.items():
        path = target / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    config = (project / "mkdocs.yml").read_text("utf-8").replace("  - nybrud\n", "")
    sections = sorted({page.uri.split("/")[0] for page in generated.pages if "/" in page.uri})
    top_level = sorted(page.uri for page in generated.pages if "/" not in page.uri and page.uri != "index.md")
    config += "not_in_nav: |\n" + "".join(f"  /{s}/*.md\n  !/{s}/index.md\n" for s in sections) + \
        "".join(f"  /{uri}\n" for uri in top_level)
    (target / "mkdocs.yml").write_text(config, "utf-8")
    return target


def timed_build(project: Path, site: Path) -> tuple[float, int]:
    """Seconds and peak memory (bytes of resident memory) of one `mkdocs build`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--clean", "--site-dir", str(site)],
                               cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, process.args)
    return elapsed, usage.ru_maxrss * 1024


def timed_baseline_build(project: Path, site: Path) -> tuple[float, int]:
    """The baseline builds with plain MkDocs and then indexes its search with Pagefind, as the plugin does."""
    seconds, peak = timed_build(project, site)
    return seconds + index_site(site), peak


def first_search_bytes(site: Path, query: str = SEARCH_QUERY) -> int:
    """Bytes the search page fetches from the search bundle for its first search, in headless chromium."""
    from playwright.sync_api import sync_playwright

    responses = []
    with toolkit_dashboard.serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=toolkit_dashboard.chromium_path(), args=toolkit_dashboard.CHROMIUM_ARGS)
        tab = browser.new_page()
        tab.on("response", lambda r: f"/{BUNDLE}/" in r.url and responses.append(r))
        tab.goto(base + "soeg/?q=" + query)
        tab.wait_for_function("document.querySelector('.nb-result') || "
                              "/Ingen/.test(document.querySelector('.nb-searchpage__status').textContent)")
        tab.wait_for_load_state("networkidle")
        total = sum(len(r.body()) for r in responses)
        browser.close()
    return total


def generator_time(project: Path) -> float:
    """Load, validate, render and export as the plugin does, with the cycle collector paused as it does."""
    started = time.perf_counter()
    with collector_paused():
        generate(load(project))
    return time.perf_counter() - started


def validate_time(project: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator", "validate"], cwd=project, check=True,
                   stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return time.perf_counter() - started


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def measure(n: int, runs: int, work: Path) -> dict:
    project = make_project(work / f"p{n}", n)
    baseline = make_baseline(project, work / f"b{n}")
    plugin_times, baseline_times, plugin_memory, baseline_memory = [], [], [], []
    for run in range(runs):  # interleaved, and in turn first and second, so noise and order hit both alike
        pair = [(plugin_times, plugin_memory, project, "p"), (baseline_times, baseline_memory, baseline, "b")]
        for times, memory, folder, tag in (pair if run % 2 == 0 else pair[::-1]):
            build = timed_build if tag == "p" else timed_baseline_build
            seconds, peak = build(folder, work / f"site-{tag}{n}")
            times.append(seconds)
            memory.append(peak)
    site = work / f"site-p{n}"
    html_pages = list(site.rglob("*.html"))
    case_pages = list((site / "cases").glob("case-*/index.html"))
    plugin = statistics.median(plugin_times)
    gen = statistics.median(generator_time(project) for _ in range(runs))
    return {
        "cases": n, "runs": runs,
        "plugin_s": plugin, "baseline_s": statistics.median(baseline_times),
        "ratio": plugin / statistics.median(baseline_times),
        "generator_s": gen, "generator_share": gen / plugin,
        "validate_s": statistics.median(validate_time(project) for _ in range(runs)),
        "plugin_peak_bytes": max(plugin_memory), "baseline_peak_bytes": max(baseline_memory),
        "site_bytes": folder_size(site), "pages": len(html_pages),
        "bytes_per_page": folder_size(site) / max(1, len(html_pages)),
        "search_index_bytes": folder_size(site / BUNDLE),
        "first_search_bytes": first_search_bytes(site),
        "index_s": statistics.median(index_site(site) for _ in range(min(runs, 3))),
        "case_page_max_bytes": max(p.stat().st_size for p in case_pages),
        "case_page_median_bytes": statistics.median(p.stat().st_size for p in case_pages),
        "formatvaelger_bytes": (site / "formatvaelger" / "index.html").stat().st_size
        if (site / "formatvaelger" / "index.html").exists() else None,
    }


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else platform.processor()
    mem = ""
    if Path("/proc/meminfo").exists():
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    import mkdocs
    import material
    return (f"{os.cpu_count()} kerner ({cpu}){mem}; Python {platform.python_version()}; "
            f"MkDocs {mkdocs.__version__}; Material {getattr(material, '__version__', '?')}; {platform.platform()}")


def targets(results: list[dict], dashboard: dict | None = None) -> list[tuple[str, bool, str]]:
    by = {r["cases"]: r for r in results}
    checks = []
    if 1000 in by and 5000 in by:
        growth = by[5000]["plugin_s"] / by[1000]["plugin_s"]
        checks.append(("Byggetid vokser lineært: 5.000 cases ≤ 6 × 1.000", growth <= 6, f"{growth:.2f} ×"))
    for r in results:
        limit = 1.20 if r["cases"] <= 100 else 1.05
        checks.append((f"Plugin/baseline ≤ {limit:.2f} ved {r['cases']} cases".replace(".", ","), r["ratio"] <= limit,
                       f"{r['ratio']:.3f}"))
    if 1000 in by:
        checks.append(("`python -m generator validate` på 1.000 cases ≤ 1 s", by[1000]["validate_s"] <= 1,
                       f"{by[1000]['validate_s']:.2f} s"))
    if 5000 in by:
        share = by[5000]["generator_share"]
        checks.append(("Generatorens eget arbejde < 10 % af bygget ved 5.000 cases", share < 0.10, f"{share:.1%}"))
        checks.append(("Hele sitet for 5.000 cases < 250 MB", by[5000]["site_bytes"] < 250e6,
                       f"{by[5000]['site_bytes'] / 1e6:.0f} MB"))
        checks.append(("`python -m generator validate` på 5.000 cases ≤ 3 s", by[5000]["validate_s"] <= 3,
                       f"{by[5000]['validate_s']:.2f} s"))
        memory = by[5000]["plugin_peak_bytes"] / by[5000]["baseline_peak_bytes"]
        checks.append(("Hukommelse ved 5.000 cases ≤ 1,2 × baseline", memory <= 1.2,
                       f"{by[5000]['plugin_peak_bytes'] / 1e6:.0f} MB = {memory:.2f} ×"))
    if 1000 in by:
        checks.append(("Første søgning ved 1.000 cases henter ≤ 300 KB", by[1000]["first_search_bytes"] <= 300_000,
                       f"{by[1000]['first_search_bytes'] / 1000:.0f} KB"))
    if dashboard:
        checks.append((f"Engagementsdashboardet: {dashboard['rows']:,} svar på under 1 s".replace(",", "."),
                       dashboard["ms"] < 1000, f"{dashboard['ms']:.0f} ms"))
    worst = max(r["case_page_max_bytes"] for r in results)
    checks.append(("En cases HTML < 60 KB", worst < 60_000, f"{worst / 1000:.1f} KB"))
    return checks


def report(results: list[dict], dashboard: dict | None = None) -> str:
    lines = ["# Benchmark: byggetid og sidevægt", "",
             "Målt med `make bench` (bench/run.py). Syntetiske, men skemagyldige samlinger; hver størrelse bygget "
             "flere gange skiftevis med generator-plugin'et og som baseline (de samme sider skrevet ud som Markdown "
             "og bygget af ren MkDocs-Material). Tallene er medianer.", "",
             "Kolonnen generator er plugin'ets arbejde målt for sig (indlæs, validér, rendér, eksportér); andelen "
             "sætter det i forhold til hele bygget. Hukommelse er den største residente hukommelse (maxrss) for et byg.", "",
             f"Maskine: {machine()}", "",
             "| cases | runs | plugin (s) | baseline (s) | plugin/baseline | generator (s) | generatorens andel | validate (s) "
             "| hukommelse plugin / baseline |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        lines.append(f"| {r['cases']:,} | {r['runs']} | {r['plugin_s']:.2f} | {r['baseline_s']:.2f} | {r['ratio']:.3f} | "
                     f"{r['generator_s']:.2f} | {r['generator_share']:.1%} | {r['validate_s']:.2f} "
                     f"| {r['plugin_peak_bytes'] / 1e6:.0f} / {r['baseline_peak_bytes'] / 1e6:.0f} MB |".replace(",", "."))
    lines += ["", "| cases | sider | site i alt | pr. side | søgeindeks | første søgning | indeksering (s) "
              "| største case-side | median case-side | Formatvælgeren |",
              "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        fv = f"{r['formatvaelger_bytes'] / 1000:.1f} KB" if r["formatvaelger_bytes"] else "ikke bygget endnu"
        lines.append(f"| {r['cases']} | {r['pages']} | {r['site_bytes'] / 1e6:.1f} MB | {r['bytes_per_page'] / 1000:.1f} KB | "
                     f"{r['search_index_bytes'] / 1e6:.2f} MB | {r['first_search_bytes'] / 1000:.0f} KB | "
                     f"{r['index_s']:.2f} | {r['case_page_max_bytes'] / 1000:.1f} KB | "
                     f"{r['case_page_median_bytes'] / 1000:.1f} KB | {fv} |")
    lines += ["", "Søgeindekset er Pagefinds mappe i sitet; første søgning er de bytes, søgesiden henter fra den for "
              f"sin første søgning (»{SEARCH_QUERY}«, målt i chromium, uden HTTP-komprimering; Pagefinds indeksfiler er "
              "allerede komprimerede). Baseline indekserer også sin søgning med Pagefind."]
    if dashboard:
        rows = f"{dashboard['rows']:,}".replace(",", ".")
        lines += ["", f"Engagementsdashboardet med {rows} svar ({dashboard['bytes'] / 1e6:.1f} MB CSV), "
                  f"fra valgt fil til vist resultat: median {dashboard['ms']:.0f} ms over {dashboard['runs']} kørsler "
                  f"(min {dashboard['min_ms']:.0f}, max {dashboard['max_ms']:.0f})."]
    lines += ["", "## Mål", "", "| mål | opfyldt | målt |", "|---|---|---|"]
    for name, ok, value in targets(results, dashboard):
        lines.append(f"| {name} | {'ja' if ok else '**nej**'} | {value} |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--runs", type=int, default=None,
                        help="builds per variant; default 11 for up to 100 cases, 7 up to 1,000, else 3 "
                             "(small builds are short, so noise weighs more there)")
    parser.add_argument("--output", default=str(ROOT / "bench" / "RESULTS.md"))
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory(prefix="nybrud-bench-") as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            print(f"Måler {n} cases …", flush=True)
            runs = args.runs or (11 if n <= 100 else 7 if n <= 1000 else 3)
            results.append(measure(n, runs, Path(tmp)))
            print(json.dumps(results[-1], indent=1), flush=True)
        print("Måler engagementsdashboardet med 50.000 svar …", flush=True)
        dashboard = toolkit_dashboard.measure(toolkit_dashboard.build(Path(tmp) / "real-site"))
    text = report(results, dashboard)
    Path(args.output).write_text(text, "utf-8")
    print(text)
    return 0 if all(ok for _, ok, _ in targets(results, dashboard)) else 1


if __name__ == "__main__":
    sys.exit(main())
