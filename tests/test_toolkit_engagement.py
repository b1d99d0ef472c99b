"""Engagementsanalysen on the real built site: the survey form prints, the CSV template matches the documented
layout, and the dashboard in a real browser shows what a Python count of the same file says, hides small numbers,
reports broken files by row and column, and sends nothing anywhere.

Every expectation comes from the data file (toolkit/engagementsanalyse-og-dashboard.yml) and from the CSV files
themselves; the counts are computed here, independently of the page's script.
"""
from __future__ import annotations

import csv
import io
import math
import re

import pytest
import yaml

from conftest import ROOT, run_cli
from test_browser import axe_violations, base_url, tab, tab_without_js  # noqa: F401 (fixtures)

TOOL = "engagementsanalyse-og-dashboard"
PAGE = f"vaerktoejer/{TOOL}/"
DATA_FILE = ROOT / "toolkit" / f"{TOOL}.yml"
DATA = yaml.safe_load(DATA_FILE.read_text("utf-8"))
SURVEY = DATA["survey"]
QUESTIONS = SURVEY["questions"]
DATE = SURVEY["date"]["id"]
COLUMNS = [DATE, *(q["id"] for q in QUESTIONS)]
MIN = DATA["min_cell"]
TEXTS = DATA["texts"]
MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december"]


def site_file(site, name: str) -> bytes:
    href = {"template": "nb-eng-template-link", "sample": "nb-eng-sample-link"}[name]
    from bs4 import BeautifulSoup
    soup = BeautifulSoup((site / PAGE / "index.html").read_text("utf-8"), "html.parser")
    return (site / PAGE / soup.find(id=href)["href"]).read_bytes()


# --- a count in Python, by the rules the page states ---------------------------------------------------------------

def normalise(value: str) -> str:
    return " ".join(re.sub("[\u2013\u2014\u2212]", "-", value).split()).lower()


def spellings(q: dict) -> dict[str, int]:
    out = {}
    for k, o in enumerate(q["options"]):
        for v in [o["id"], o["label"], *o.get("aliases", [])]:
            out[normalise(v)] = k
    return out


def read_csv(text: str) -> list[dict[str, str]]:
    text = text.lstrip("\ufeff")
    sep = max(";,", key=lambda s: text.split("\n", 1)[0].count(s))
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    header = [normalise(h) for h in rows[0]]
    return [dict(zip(header, r)) for r in rows[1:] if any(v.strip() for v in r)]


def month_of(value: str) -> int | None:
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", value.strip()) or None
    if m:
        return int(m[1]) * 12 + int(m[2]) - 1
    m = re.match(r"(\d{1,2})[-./](\d{1,2})[-./](\d{4})", value.strip())
    return int(m[3]) * 12 + int(m[2]) - 1 if m else None


class Answers:
    """Each respondent's answers as option numbers (own values after the options), like the page reads them."""

    def __init__(self, text: str) -> None:
        records = read_csv(text)
        self.own = {q["id"]: [] for q in QUESTIONS if q.get("own_values")}
        self.own_labels = {qid: [] for qid in self.own}
        self.rows = []
        for rec in records:
            row = {DATE: month_of(rec[DATE]) if rec[DATE].strip() else None}
            for q in QUESTIONS:
                row[q["id"]] = self._value(q, rec[q["id"]])
            self.rows.append(row)

    def _value(self, q: dict, raw: str):
        table = spellings(q)
        if q["kind"] == "many":
            return {table[normalise(p)] for p in raw.split("|") if p.strip()}
        if not raw.strip():
            return None
        key = normalise(raw)
        if key in table:
            return table[key]
        own = self.own[q["id"]]
        if key not in own:
            own.append(key)
            self.own_labels[q["id"]].append(raw.strip())
        return len(q["options"]) + own.index(key)

    def categories(self, q: dict) -> list[tuple[int, str]]:
        cats = [(k, o["label"]) for k, o in enumerate(q["options"])]
        if q.get("own_values"):
            present = {r[q["id"]] for r in self.rows}
            cats = [c for c in cats if c[0] in present]
            cats += [(len(q["options"]) + k, label) for k, label in enumerate(self.own_labels[q["id"]])]
        return cats


def suppressed(counts: list[int], partition: bool) -> list[str]:
    state = ["small" if c < MIN else "shown" for c in counts]
    if partition and state.count("small") == 1:
        shown = [k for k, s in enumerate(state) if s == "shown"]
        if shown:
            state[min(shown, key=lambda k: (counts[k], k))] = "hidden"
    return state


def expected_charts(answers: Answers, filters: dict[str, set[int]],
                    months: tuple[int, int] | None = None) -> dict[str, list[tuple[str, str, str]]]:
    """Chart id → rows (label, count as shown, share as shown) under the filters (question id → option numbers) and
    a range of months (as year * 12 + month - 1)."""
    def passes(row):
        if months and (row[DATE] is None or not months[0] <= row[DATE] <= months[1]):
            return False
        for qid, chosen in filters.items():
            value = row[qid]
            if isinstance(value, set) and not value & chosen or not isinstance(value, set) and value not in chosen:
                return False
        return True
    kept = [r for r in answers.rows if passes(r)]
    n = len(kept)
    if n < MIN:
        return {}
    out = {}
    for q in QUESTIONS:
        qid, many = q["id"], q["kind"] == "many"
        cats = answers.categories(q)
        if not many and qid in filters:
            cats = [c for c in cats if c[0] in filters[qid]]
        rows = [(label, sum(1 for r in kept if (k in r[qid] if many else r[qid] == k))) for k, label in cats]
        blank = [r for r in answers.rows if (not r[qid] if many else r[qid] is None)]
        if blank and not (not many and qid in filters):
            rows.append((TEXTS["not_answered"], sum(1 for r in kept if (not r[qid] if many else r[qid] is None))))
        out[qid] = shown(rows, n, partition=not many)
    dated = [r[DATE] for r in answers.rows if r[DATE] is not None]
    first, last = months or (min(dated), max(dated))
    rows = [(f"{MONTHS[m % 12]} {m // 12}", sum(1 for r in kept if r[DATE] == m)) for m in range(first, last + 1)]
    if not months and any(r[DATE] is None for r in answers.rows):
        rows.append((TEXTS["no_date"], sum(1 for r in kept if r[DATE] is None)))
    out[DATE] = shown(rows, n, partition=True)
    return out


def shown(rows: list[tuple[str, int]], n: int, partition: bool) -> list[tuple[str, str, str]]:
    state = suppressed([c for _, c in rows], partition)
    return [(label, str(c) if s == "shown" else f"<{MIN}" if s == "small" else TEXTS["hidden_value"],
             f"{math.floor(c / n * 100 + 0.5)} %" if s == "shown" else "–")
            for (label, c), s in zip(rows, state)]


# --- the page in the browser ---------------------------------------------------------------------------------------

def open_page(tab):
    tab.guard.goto(tab, PAGE)
    tab.wait_for_selector("[data-nb-eng][data-state=empty]", state="attached")


def choose(tab, content: bytes, name: str = "svar.csv") -> str:
    """Choose a file in the page's file field and wait for the result or the message; no request may go out."""
    before = len(tab.requests)
    tab.set_input_files("[data-nb-eng-file]", files=[{"name": name, "mimeType": "text/csv", "buffer": content}])
    tab.wait_for_function("['result', 'error'].includes(document.querySelector('[data-nb-eng]').dataset.state)")
    tab.wait_for_function("document.querySelector('[data-nb-eng]').dataset.ms !== undefined")
    assert tab.requests[before:] == [], f"loading a file made requests: {tab.requests[before:]}"
    return tab.eval_on_selector("[data-nb-eng]", "r => r.dataset.state")


def page_charts(tab) -> dict[str, list[tuple[str, str, str]]]:
    return tab.evaluate("""() => {
      const out = {};
      document.querySelectorAll('[data-nb-eng-charts] figure[data-chart]').forEach(f => {
        out[f.dataset.chart] = [...f.querySelectorAll('tbody tr')].map(tr =>
          [...tr.children].map(c => c.textContent.trim()));
      });
      return out;
    }""")


def as_lists(charts):
    return {k: [list(r) for r in v] for k, v in charts.items()}


def assert_only_message(tab) -> str:
    message = tab.text_content("[data-nb-eng-error]").strip()
    assert message.startswith(TEXTS["err_heading"])
    assert tab.locator("[data-nb-eng-output]").is_hidden()
    assert tab.locator("[data-nb-eng-charts] figure").count() == 0
    assert tab.locator("[data-nb-eng-filters] input").count() == 0
    assert tab.text_content("[data-nb-eng-status]").strip() == ""
    return message


@pytest.fixture
def sample(site) -> bytes:
    return site_file(site, "sample")


def sample_text(sample: bytes) -> str:
    return sample.decode("utf-8-sig")


def with_row(text: str, row: int, change) -> str:
    """The CSV text with spreadsheet row ``row`` (the header is row 1) changed by ``change(fields) -> line``."""
    lines = text.split("\r\n")
    lines[row - 1] = change(lines[row - 1].split(";"))
    return "\r\n".join(lines)


# --- the files and the layout --------------------------------------------------------------------------------------

def test_template_header_is_the_documented_layout_and_the_questions(site, page):
    template = site_file(site, "template")
    assert template.startswith(b"\xef\xbb\xbf"), "the template has a byte order mark, so Excel reads it as UTF-8"
    header = template.decode("utf-8-sig").strip().split(";")
    soup = page(PAGE)
    documented = [tr["data-column"] for tr in soup.select("[data-nb-eng-layout] tbody tr")]
    shown = [tr.th.get_text(strip=True) for tr in soup.select("[data-nb-eng-layout] tbody tr")]
    assert header == documented == shown == COLUMNS
    for q in QUESTIONS:
        cell = soup.select_one(f'[data-nb-eng-layout] tr[data-column="{q["id"]}"]').get_text(" ", strip=True)
        assert q["label"] in cell
        for o in q["options"]:
            assert o["id"] in cell and o["label"] in cell
    sample = site_file(site, "sample").decode("utf-8-sig")
    assert sample.split("\r\n", 1)[0].split(";") == COLUMNS
    assert "syntetisk" in soup.find(id="nb-eng-sample-link")["href"]
    rows = read_csv(sample)
    assert 200 <= len(rows) <= 1000


def test_the_sample_is_the_same_in_every_build(site, kb):
    from generator.toolkits import engagement
    assert site_file(site, "sample") == engagement._csv(engagement.sample_rows(kb.toolkits[TOOL]))


# --- the dashboard ------------------------------------------------------------------------------------------------

def test_sample_counts_match_python_and_a_keyboard_filter_recounts(tab, sample):
    open_page(tab)
    assert not axe_violations(tab), "empty state"
    assert choose(tab, sample, "eksempeldata-syntetisk.csv") == "result"
    answers = Answers(sample_text(sample))
    expected = expected_charts(answers, {})
    assert page_charts(tab) == as_lists(expected)
    status = tab.locator("[data-nb-eng-status]")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    assert str(len(answers.rows)) in status.text_content()

    # Filter with the keyboard: Tab from the file field to the most common answer of the first one-answer filter, Space.
    q = next(q for q in QUESTIONS if q["kind"] == "one" and q.get("filter", True) and not q.get("own_values"))
    counts = [sum(1 for r in answers.rows if r[q["id"]] == k) for k in range(len(q["options"]))]
    k = counts.index(max(counts))
    target = f'nb-eng-f-{q["id"]}-{k + 1}'
    tab.focus("[data-nb-eng-file]")
    for _ in range(150):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement && document.activeElement.id") == target:
            break
    else:
        pytest.fail("the filter cannot be reached with Tab")
    tab.keyboard.press("Space")
    tab.wait_for_function(f"document.getElementById('{target}').checked")
    filtered = expected_charts(answers, {q["id"]: {k}})
    assert page_charts(tab) == as_lists(filtered)
    assert f"{max(counts)} af {len(answers.rows)}" in status.text_content()

    small = [(cid, row) for cid, rows in filtered.items() for row in rows if row[1] == f"<{MIN}"]
    assert small, "the filtered sample has no small cell to check"
    cid, (label, _, _) = small[0]
    cells = tab.locator(f'figure[data-chart="{cid}"] tbody tr', has=tab.locator("th", has_text=label)).first
    assert cells.locator("td").all_text_contents() == [f"<{MIN}", "–"]
    assert f"<{MIN}" in tab.text_content(f'figure[data-chart="{cid}"] svg desc')

    # The time filter, with the keyboard too: the first month later.
    dated = [r[DATE] for r in answers.rows if r[DATE] is not None]
    assert max(dated) > min(dated), "the sample spans more than one month"
    tab.focus("#nb-eng-f-from")
    tab.keyboard.press("ArrowDown")
    tab.wait_for_function(f"document.getElementById('nb-eng-f-from').value === '{min(dated) + 1}'")
    assert page_charts(tab) == as_lists(expected_charts(answers, {q["id"]: {k}}, (min(dated) + 1, max(dated))))

    tab.locator("[data-nb-eng-charts] summary").evaluate_all("s => s.forEach(x => x.click())")
    assert not axe_violations(tab), "with results"
    tab.guard.assert_clean()


def test_too_few_answers_show_nothing_but_a_notice(tab, sample):
    open_page(tab)
    choose(tab, sample)
    answers = Answers(sample_text(sample))
    # The rarest answer of a one-answer question with fewer than MIN respondents, if the sample has one.
    rare = [(q, k) for q in QUESTIONS if q["kind"] == "one" and q.get("filter", True)
            for k, _ in answers.categories(q) if 0 < sum(1 for r in answers.rows if r[q["id"]] == k) < MIN]
    assert rare, "the sample has no answer given by fewer than MIN respondents"
    q, k = rare[0]
    tab.check(f'#nb-eng-f-{q["id"]}-{k + 1}')
    tab.wait_for_function("document.querySelectorAll('[data-nb-eng-charts] figure').length === 0")
    assert TEXTS["msg_too_few"].replace("{min}", str(MIN)) in tab.text_content("[data-nb-eng-status]")
    summary = tab.text_content("[data-nb-eng-summary]")
    assert not re.search(r"\b[1-4] af\b", summary)


def test_the_sample_button_and_an_example_question(tab, sample, base_url):
    """"Prøv med eksempeldata" loads the sample from this site (and nothing else); an example question sets its
    filters and takes the reader to its chart."""
    open_page(tab)
    before = len(tab.requests)
    tab.get_by_role("button", name=TEXTS["sample_button"]).click()
    tab.wait_for_function("document.querySelector('[data-nb-eng]').dataset.state === 'result'")
    asked = tab.requests[before:]
    assert len(asked) == 1 and asked[0].startswith(base_url) and asked[0].endswith(".csv"), asked
    answers = Answers(sample_text(sample))
    assert page_charts(tab) == as_lists(expected_charts(answers, {}))
    example = DATA["examples"][0]
    tab.get_by_role("button", name=example["label"]).click()
    filters = {}
    for qid, ids in example["filters"].items():
        q = next(q for q in QUESTIONS if q["id"] == qid)
        filters[qid] = {next(k for k, o in enumerate(q["options"]) if o["id"] == oid) for oid in ids}
    assert page_charts(tab) == as_lists(expected_charts(answers, filters))
    assert tab.evaluate("document.activeElement.dataset.chart") == example["show"]
    tab.guard.assert_clean()


def test_the_dashboard_prints_its_charts_and_tables_without_the_form(tab, sample, tmp_path):
    from pypdf import PdfReader

    open_page(tab)
    choose(tab, sample)
    tab.evaluate("""() => {
      document.documentElement.setAttribute('data-nb-eng-print', 'dashboard');
      document.querySelectorAll('[data-nb-eng-charts] details').forEach(d => d.open = true);
    }""")
    path = tmp_path / "dashboard.pdf"
    tab.pdf(path=str(path), format="A4")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(path)).pages).split())
    for q in QUESTIONS:
        assert f"{q['short']} (N = " in text
    assert TEXTS["col_share"] in text
    assert SURVEY["title"] not in text and TEXTS["file_label"] not in text


def test_a_dropped_windows_1252_file_with_commas_quotes_and_line_breaks_reads_right(tab, sample):
    """Excel on a Danish Windows: Windows-1252; here with commas as separator, quoted fields holding commas, quotes
    and line breaks, an extra column, codes instead of texts and other capitals."""
    answers_text = sample_text(sample)
    rows = list(csv.reader(io.StringIO(answers_text, newline=""), delimiter=";"))
    header = rows[0] + ["Kommentar"]
    body = []
    for i, r in enumerate(rows[1:]):
        if i % 3 == 0:  # some rows with codes in capitals instead of texts
            r = [_as_code(col, v).upper() if col != DATE else v for col, v in zip(rows[0], r)]
        body.append(r + ['Godt initiativ, "tak"\nNy linje; med semikolon' if i % 5 == 0 else ""])
    out = io.StringIO()
    csv.writer(out, delimiter=",", lineterminator="\r\n").writerows([header, *body])
    text = out.getvalue()
    content = text.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")
    assert re.search("[æøåÆØÅ]", text)
    open_page(tab)
    before = len(tab.requests)
    transfer = tab.evaluate_handle("""([bytes, name]) => {
      const t = new DataTransfer();
      t.items.add(new File([new Uint8Array(bytes)], name, { type: 'text/csv' }));
      return t;
    }""", [list(content), "excel.csv"])
    tab.dispatch_event("[data-nb-eng-drop]", "drop", {"dataTransfer": transfer})
    tab.wait_for_function("document.querySelector('[data-nb-eng]').dataset.state === 'result'")
    assert tab.requests[before:] == []
    assert page_charts(tab) == as_lists(expected_charts(Answers(text), {}))
    assert "Kommentar" in tab.text_content("[data-nb-eng-summary]")
    labels = " ".join(" ".join(r[0] for r in rows) for rows in page_charts(tab).values())
    assert all(o["label"] in labels for q in QUESTIONS if not q.get("own_values") for o in q["options"])
    tab.guard.assert_clean()


def _as_code(column: str, value: str) -> str:
    q = next(q for q in QUESTIONS if q["id"] == column)
    table = {normalise(o["label"]): o["id"] for o in q["options"]}
    return "|".join(table.get(normalise(p), p) for p in value.split("|")) if value else value


def test_values_from_the_file_are_text_never_markup(tab, sample):
    """A municipality's own area names come from the file; a hostile one shows as the text it is."""
    own = next(q for q in QUESTIONS if q.get("own_values"))
    column = COLUMNS.index(own["id"])
    hostile = '<img src=x onerror="alert(1)">Øst'
    text = sample_text(sample)
    lines = text.split("\r\n")
    for i in range(1, 12):
        fields = lines[i].split(";")
        fields[column] = hostile
        lines[i] = ";".join(fields)
    open_page(tab)
    assert choose(tab, "\r\n".join(lines).encode("utf-8")) == "result"
    assert tab.locator(f'[data-filter="{own["id"]}"] label', has_text=hostile).count() == 1
    assert tab.locator("[data-nb-eng] img").count() == 0
    tab.guard.assert_clean()


@pytest.mark.parametrize("case", ["unknown value", "wrong separator", "missing column", "many problems", "binary"])
def test_a_broken_file_names_row_and_column_and_clears_the_result(tab, sample, case):
    text = sample_text(sample)
    column = next(q["id"] for q in QUESTIONS if q["kind"] == "one" and not q.get("own_values") and len(q["options"]) > 4)
    col = COLUMNS.index(column)
    if case == "unknown value":
        content = with_row(text, 7, lambda f: ";".join(f[:col] + ["999 år"] + f[col + 1:])).encode("utf-8")
        wanted = ["Række 7", f"'{column}'", "999 år"]
    elif case == "wrong separator":
        fields = text.split("\r\n")[6].split(";")
        content = with_row(text, 7, lambda f: ";".join(f[:col]) + "," + ",".join(f[col:])).encode("utf-8")
        wanted = ["Række 7", f"'{COLUMNS[col]}'", f"{col} af {len(COLUMNS)}"]
        assert len(fields) == len(COLUMNS)
    elif case == "missing column":
        content = "\r\n".join(";".join(f[:col] + f[col + 1:]) for f in (line.split(";") for line in text.split("\r\n"))).encode()
        wanted = ["Række 1", f"'{column}'"]
    elif case == "many problems":
        lines = text.split("\r\n")
        bad = [i for i in range(1, len(lines)) if lines[i]][:25]
        for i in bad:
            f = lines[i].split(";")
            lines[i] = ";".join(f[:col] + ["ukendt"] + f[col + 1:])
        content = "\r\n".join(lines).encode("utf-8")
        wanted = [f"Række {bad[0] + 1}", TEXTS["err_more"].replace("{count}", str(len(bad) - 10))]
    else:
        content = b"PK\x03\x04" + bytes(range(256)) * 4
        wanted = ["Excel"]

    open_page(tab)
    assert choose(tab, sample) == "result"  # a good file first: the broken one must clear its result
    assert choose(tab, content, "forkert.csv") == "error"
    message = assert_only_message(tab)
    for part in wanted:
        assert part in message, (part, message)
    if case == "many problems":
        assert tab.locator("[data-nb-eng-error] li").count() == 10
    assert tab.locator("[data-nb-eng-error]").get_attribute("role") == "alert"
    assert not axe_violations(tab)
    tab.guard.assert_clean()


def test_without_javascript_the_form_layout_and_files_are_there(tab_without_js):
    tab_without_js.goto(PAGE)
    assert tab_without_js.locator("[data-nb-eng]").is_hidden()
    assert tab_without_js.locator("noscript").count() == 1
    for q in QUESTIONS:
        assert tab_without_js.locator(f'fieldset[data-question="{q["id"]}"]').is_visible()
    assert tab_without_js.locator("#nb-eng-template-link").is_visible()


# --- the printed form ---------------------------------------------------------------------------------------------

def test_the_survey_form_prints_every_question_and_the_consent_and_nothing_else(tab, tmp_path):
    from pypdf import PdfReader

    open_page(tab)
    path = tmp_path / "skema.pdf"
    tab.pdf(path=str(path), format="A4")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(path)).pages).split())
    for q in QUESTIONS:
        assert q["label"] in text, q["label"]
    consent = SURVEY["consent"]
    assert consent["title"] in text
    for p in consent["paragraphs"]:
        assert p["heading"] in text
    assert " ".join(consent["notice"].split())[:40] in text
    for f in SURVEY["contact_fields"]:
        assert f["label"] in text
    for absent in (TEXTS["dashboard_heading"], TEXTS["layout_heading"], TEXTS["privacy"][:40], "Kilder"):
        assert absent not in text, absent


# --- the data file ------------------------------------------------------------------------------------------------

def _line_of(text: str, needle: str, start: int = 0) -> int:
    return text[:text.index(needle, start)].count("\n") + 1


def _break_duplicate_question(text: str) -> tuple[str, str]:
    first, second = QUESTIONS[0]["id"], QUESTIONS[1]["id"]
    text = text.replace(f"  - id: {second}\n", f"  - id: {first}\n", 1)
    line = _line_of(text, f"  - id: {first}\n", text.index(f"  - id: {first}\n") + 1)
    return text, rf":{line}:\d+: .*spørgsmålet '{first}' findes allerede"


def _break_option_label(text: str) -> tuple[str, str]:
    q = next(k for k, q in enumerate(QUESTIONS) if len(q["options"]) > 2)
    label = QUESTIONS[q]["options"][1]["label"]
    at = text.index(f"  - id: {QUESTIONS[q]['id']}\n")
    option_line = next(line for line in text[at:].splitlines() if line.strip() == f"label: {label}")
    start = text.index(option_line + "\n", at)
    line = _line_of(text, option_line, at) - 1  # the option's first line ("- id: …") is where it is reported
    text = text[:start] + text[start + len(option_line) + 1:]
    return text, rf":{line}:\d+: feltet 'survey\.questions\[{q}\]\.options\[1\]\.label' mangler"


@pytest.mark.parametrize("breaking", [_break_duplicate_question, _break_option_label], ids=["duplicate id", "no label"])
def test_a_broken_data_file_gets_a_located_danish_message(project_copy, breaking):
    path = project_copy / "toolkit" / f"{TOOL}.yml"
    text, wanted = breaking(path.read_text("utf-8"))
    path.write_text(text, "utf-8")
    for other in (project_copy / "toolkit").iterdir():  # other tools' files are not this test's business
        if other != path:
            other.unlink()
    result = run_cli("validate", cwd=project_copy)
    assert result.returncode == 1
    assert re.search(rf"toolkit/{TOOL}\.yml{wanted}", result.stdout), result.stdout


def test_the_data_rules_catch_ambiguous_and_unknown_values(kb):
    from generator.toolkits.engagement import EngagementToolkit

    data = kb.toolkits[TOOL].model_dump()
    assert not EngagementToolkit.model_validate(data).problems()
    q = data["survey"]["questions"][0]
    q["options"][1]["aliases"] = [q["options"][0]["id"].upper()]  # the same value for two options
    q["options"][2]["label"] = q["options"][2]["label"] + "|x"
    data["examples"] = [{"label": "x", "filters": {q["id"]: ["findes-ikke"]}, "show": "findes-heller-ikke"}]
    messages = [m for _, m in EngagementToolkit.model_validate(data).problems()]
    assert any("kan ikke skelnes" in m for m in messages), messages
    assert any("'|'" in m for m in messages), messages
    assert sum("findes ikke" in m for m in messages) == 2, messages
