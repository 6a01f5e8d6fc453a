"""The clinical reviewers' HTML report (checker/formats/html_format.py).

The report for tests/fixtures/report/ (one article carries <script> and <img onerror> in its
prose and front matter) is checked twice: by parsing the HTML (escaping, self-containment,
structure, one section per article, highlighted spans) and in a real browser (no console or page
errors, no request but the file, no dialog, charts drawn, filters hide findings and update counts).
The browser test is skipped when /usr/bin/chromium or playwright is missing; the rest always run.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import re
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import subprocess_env

from checker.config import Config
from checker.engine import Engine
from checker.files import read_article
from checker.findings import SEVERITY_RANK, Finding
from checker.formats import RenderOptions, html_format
from checker.results import FileResult, Report
from checker.rulefile import load_rules

FIXTURE_DIR = Path(__file__).resolve().parent / "fixtures" / "report"
TODAY = datetime.date(2026, 11, 25)
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]


# ---------------------------------------------------------------- helpers


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag=None, **attrs):
        return [n for n in self.iter() if (tag is None or n.tag == tag) and all(_has(n, k, v) for k, v in attrs.items())]

    def classes(self) -> set:
        return set((self.attrs.get("class") or "").split())


def _has(node, key, value):
    key = key.rstrip("_").replace("_", "-")
    if key == "class":
        return value in node.classes()
    return node.attrs.get(key) == value


VOID = {"meta", "link", "br", "hr", "img", "input", "source", "wbr", "area", "base", "col", "embed", "param", "track"}


class TreeBuilder(HTMLParser):
    """A small DOM: enough to query tags, attributes and text. SVG children are kept too."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", [], None)
        self.current = self.root
        self.all_attrs = []  # (tag, name, value) for every attribute in the document

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.current)
        self.all_attrs.extend((tag, k, v) for k, v in attrs)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.all_attrs.extend((tag, k, v) for k, v in attrs)
        self.current.children.append(Node(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(text: str) -> TreeBuilder:
    builder = TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder


def run_engine(paths) -> Report:
    return Engine(load_rules(), Config(), today=TODAY).run([str(p) for p in paths], jobs=1)


def all_sources(report) -> dict:
    return {r.path: read_article(r.path, 10**9).text for r in report.files}


@pytest.fixture(scope="module")
def report():
    return run_engine([FIXTURE_DIR])


@pytest.fixture(scope="module")
def page(report):
    return html_format.render(report, RenderOptions(sources=all_sources(report)))


@pytest.fixture(scope="module")
def tree(page):
    return parse(page)


def result_for(report, name) -> FileResult:
    return next(r for r in report.files if r.path.endswith(name))


def section_for(tree, report, name):
    index = report.files.index(result_for(report, name)) + 1
    return tree.root.find_all("section", id=f"article-{index}")[0]


# ---------------------------------------------------------------- escaping


def test_fixture_is_malicious():
    text = (FIXTURE_DIR / "malicious.md").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(1)>" in text


def test_malicious_script_appears_only_escaped(page, tree):
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<img" not in page
    # The reviewer's name (front matter) is escaped too, quotes included.
    assert "&lt;img src=x onerror=alert(&#x27;reviewer&#x27;)&gt; Dr Mallory, MD" in page
    scripts = tree.root.find_all("script")
    assert len(scripts) == 1 and "src" not in scripts[0].attrs
    assert scripts[0].text().strip() == html_format._template("report.js").strip()
    assert not [a for a in tree.all_attrs if a[1].lower().startswith("on")], "no event-handler attribute anywhere"
    assert not tree.root.find_all("img") and not tree.root.find_all("b")


def test_escapes_paths_rule_ids_messages_and_metrics():
    evil = '<script>alert("x")</script>'
    finding = Finding(f'<img src=x onerror=alert(1)>.{evil}', "error", f"message {evil}", 0, 5,
                      suggestions=[f"say {evil}"], reference=f"ref {evil}", line=1, column=1, end_line=1, end_column=6, excerpt=evil[:5])
    metrics = {
        "fk_grade": 9.5, "target_grade": 8.0, "region": evil, "crisis_resources": [evil],
        "last_reviewed": evil, "review_due": "2025-01-01", "days_until_due": -10, "reviewed_by": evil,
        "statistics": [{"text": evil, "line": 1, "value": 1.0, "unit": "percent", "claim": evil,
                        "agrees_with_registry": False, "status": evil, "source": evil}],
    }
    path = f'a/"{evil}"$x$.md'
    report = Report(files=[FileResult(path=path, metrics=metrics, findings=[finding])], errors=[evil])
    for sources in ({}, {path: f"{evil} and more\n"}):
        text = html_format.render(report, RenderOptions(sources=sources))
        tree = parse(text)
        assert "<script>alert" not in text and "<img" not in text
        assert len(tree.root.find_all("script")) == 1
        assert not [a for a in tree.all_attrs if a[1].lower().startswith("on")]
        family_box = tree.root.find_all("input", name="family")[0]
        assert family_box.attrs["value"] == "<img src=x onerror=alert(1)>"  # escaped in the HTML, intact in the DOM
        assert tree.root.find_all("li", class_="finding")[0].attrs["data-family"] == "<img src=x onerror=alert(1)>"
        assert tree.root.find_all("h2")[-1].text() == path


# ---------------------------------------------------------------- self-containment


URL_ATTRS = {"src", "href", "xlink:href", "action", "formaction", "poster", "data", "srcset", "background", "ping"}


def test_self_contained(page, tree):
    for tag, name, value in tree.all_attrs:
        if name.lower() in URL_ATTRS:
            assert (value or "").startswith("#"), f"<{tag} {name}={value!r}> points outside the page"
        if name.lower() == "style":
            assert all(u.startswith("#") for u in re.findall(r"url\(\s*['\"]?([^)'\"]*)", value or "")), value
    for tag in ("link", "iframe", "object", "embed", "img", "image", "audio", "video", "source", "base", "use"):
        if tag == "use":
            assert all(n.attrs.get("xlink:href", n.attrs.get("href", "#")).startswith("#") for n in tree.root.find_all(tag))
            continue
        assert not tree.root.find_all(tag), f"<{tag}> in a self-contained report"
    css = "".join(n.text() for n in tree.root.find_all("style"))
    assert "@import" not in css and "@font-face" not in css
    assert all(u.startswith("#") for u in re.findall(r"url\(\s*['\"]?([^)'\"]*)", css))
    # A Content-Security-Policy that allows no request and only our own script, by its hash.
    meta = [m for m in tree.root.find_all("meta") if m.attrs.get("http-equiv") == "Content-Security-Policy"]
    assert len(meta) == 1
    policy = meta[0].attrs["content"]
    assert "default-src 'none'" in policy
    script = tree.root.find_all("script")[0].text()
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy
    assert "<?xml" not in page and "<!DOCTYPE svg" not in page


def test_matplotlib_is_imported_lazily():
    code = "import sys, checker.formats.html_format; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], env=subprocess_env(), capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_output_is_deterministic(report, page):
    assert html_format.render(report, RenderOptions(sources=all_sources(report))) == page


# ---------------------------------------------------------------- structure


def test_structure_and_accessibility(tree, report):
    html = tree.root.find_all("html")[0]
    assert html.attrs.get("lang") == "en"
    assert len(tree.root.find_all("h1")) == 1
    assert tree.root.find_all("title")[0].text()
    levels = [int(n.tag[1]) for n in tree.root.iter() if re.fullmatch(r"h[1-6]", n.tag)]
    assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:])), "headings never skip a level"
    h2 = [n.text() for n in tree.root.find_all("h2")]
    assert "Overview" in h2 and "Filter findings" in h2
    # the skip link comes first and leads to an element that exists
    links = tree.root.find_all("a")
    assert "skip-link" in links[0].classes() and links[0].attrs["href"] == "#articles"
    assert tree.root.find_all(id="articles")
    # every filter control has a label
    labels = {n.attrs.get("for") for n in tree.root.find_all("label")}
    inputs = tree.root.find_all("input")
    assert inputs and all(i.attrs.get("id") in labels for i in inputs)
    assert {i.attrs["value"] for i in inputs if i.attrs["name"] == "severity"} == {"error", "warning", "info"}
    assert {i.attrs["value"] for i in inputs if i.attrs["name"] == "family"} == {f.rule.split(".")[0] for r in report.files for f in r.findings}
    assert [n for n in tree.root.find_all("legend")]
    # ids are unique, and every in-page link has a target
    ids = [n.attrs["id"] for n in tree.root.iter() if "id" in n.attrs]
    assert len(ids) == len(set(ids))
    for _, name, value in tree.all_attrs:
        if name in ("href", "xlink:href") and value.startswith("#"):
            assert value[1:] in ids, value
    # severity is written out, not only coloured
    for badge in tree.root.find_all("span", class_="sev"):
        assert badge.text() in ("Error", "Warning", "Info")


def _contrast(foreground: str, background: str) -> float:
    def luminance(colour):
        channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_colours_have_sufficient_contrast():
    css = html_format._template("report.css")
    palette = dict(re.findall(r"--([a-z]+):\s*(#[0-9a-fA-F]{6})", css))
    for text in ("text", "muted", "link", "error", "warning", "info", "ok"):
        for background in ("#ffffff", palette["panel"]):
            assert _contrast(palette[text], background) >= 4.5, (text, background)
    for severity in ("error", "warning", "info"):  # white text on the severity badges
        assert _contrast("#ffffff", palette[severity]) >= 4.5, severity
    assert _contrast("#000000", palette["mark"]) >= 4.5


def test_charts_are_inline_svg_figures(tree):
    figures = tree.root.find_all("figure")
    assert len(figures) == 3
    for figure in figures:
        assert figure.find_all("figcaption")[0].text().strip()
        svg = figure.find_all("svg")[0]
        assert svg.attrs["role"] == "img"
        title = svg.find_all("title", id=svg.attrs["aria-labelledby"])
        assert title and title[0].text().strip()
        assert svg.find_all("text"), "text stays text (svg.fonttype none): nothing to fetch"
    names = {f.find_all("svg")[0].attrs["aria-labelledby"] for f in figures}
    assert names == {"chart-family-title", "chart-due-title", "chart-grade-title"}


def test_overview_counts_and_top_rules(tree, report):
    counts = report.counts()
    foot = tree.root.find_all("table", class_="family-counts")[0].find_all("tfoot")[0]
    assert [td.text() for td in foot.find_all("td")] == [str(counts[s]) for s in ("error", "warning", "info")] + [str(counts["findings"])]
    top = tree.root.find_all("table", class_="top-rules")[0].find_all("tbody")[0].find_all("tr")
    first_rule = top[0].find_all("code")[0].text()
    frequency = {}
    for r in report.files:
        for f in r.findings:
            frequency[f.rule] = frequency.get(f.rule, 0) + 1
    assert frequency[first_rule] == max(frequency.values())
    assert tree.root.find_all("p", class_="summary-line")[0].text().startswith(f"{counts['files']} articles, {counts['findings']} findings")


def in_report_order(findings):
    """An article's findings as the report lists them: errors first, then by line."""
    return sorted(findings, key=lambda f: (-SEVERITY_RANK[f.severity], f.line, f.column))


def test_one_section_per_article(tree, report):
    sections = tree.root.find_all("section", class_="article")
    assert [s.find_all("h2")[0].text() for s in sections] == [r.path for r in report.files]
    for section, result in zip(sections, report.files):
        items = section.find_all("li", class_="finding")
        assert len(items) == len(result.findings)
        # Errors first, then warnings, then notes; by line within each severity.
        ordered = in_report_order(result.findings)
        assert [i.attrs["data-severity"] for i in items] == sorted((i.attrs["data-severity"] for i in items), key=lambda s: -SEVERITY_RANK[s])
        for item, finding in zip(items, ordered):
            assert item.attrs["data-severity"] == finding.severity
            assert item.attrs["data-family"] == finding.rule.split(".")[0]
            assert item.find_all("code")[0].text() == finding.rule
            assert item.find_all("p", class_="message")[0].text() == finding.message
            for suggestion in finding.suggestions:
                assert suggestion in item.text()
            if finding.reference:
                assert item.find_all("p", class_="reference")[0].text() == f"Guideline: {finding.reference}"
        glance = section.find_all("dl", class_="glance")[0]
        assert [dt.text() for dt in glance.find_all("dt")] == ["Crisis resources", "Review", "Reading grade", "Statistics"]


def test_status_at_a_glance(tree, report):
    overdue = section_for(tree, report, "overdue.md").find_all("dl", class_="glance")[0].text()
    assert "overdue by 611 days" in overdue and "Last reviewed: 2024-03-24" in overdue and "Reviewer: Marcus Lee, MD" in overdue
    assert "988 Suicide & Crisis Lifeline" in overdue and "readers in US" in overdue
    stats_row = section_for(tree, report, "overdue.md").find_all("table", class_="statistics")[0].find_all("tbody")[0].text()
    assert "90%" in stats_row and "No source given" in stats_row and "not in the registry" in stats_row
    dense = section_for(tree, report, "dense.md").find_all("dl", class_="glance")[0]
    assert "above target by" in dense.text()
    hardest = [a.attrs["href"] for a in dense.find_all("a")]
    assert len(hardest) == 2 and all(h.startswith("#article-") for h in hardest)
    low = section_for(tree, report, "low-mood.html").find_all("dl", class_="glance")[0].text()
    assert "None found for readers in UK" in low


def _expected_marks(source: str, finding) -> list[str]:
    lines = source.splitlines()
    parts = []
    for number in range(finding.line, finding.end_line + 1):
        text = lines[number - 1]
        start = finding.column - 1 if number == finding.line else 0
        end = finding.end_column - 1 if number == finding.end_line else len(text)
        part = text[start:end]
        if len(part) > html_format.MARK_LIMIT:
            half = html_format.MARK_LIMIT // 2
            parts += [part[:half], part[-half:]]
        else:
            parts.append(part)
    return parts


def test_each_finding_marks_its_exact_span(tree, report):
    sources = all_sources(report)
    multi_line = 0
    for section, result in zip(tree.root.find_all("section", class_="article"), report.files):
        for item, finding in zip(section.find_all("li", class_="finding"), in_report_order(result.findings)):
            context = item.find_all("pre", class_="context")
            assert context, f"{finding.rule} has its source lines"
            marks = [m.text() for m in context[0].find_all("mark")]
            assert marks == _expected_marks(sources[result.path], finding), (result.path, finding.rule)
            numbers = [n.text() for n in context[0].find_all("span", class_="ln")]
            assert str(finding.line) in numbers and str(finding.line - 1 or 1) in numbers
            multi_line += finding.end_line > finding.line
    assert multi_line, "the fixtures include a span over two lines"
    # the malicious line is shown in context, escaped, around the marked term
    item = section_for(tree, report, "malicious.md").find_all("li", class_="finding")[0]
    assert "<script>alert(1)</script>" in item.find_all("pre")[0].text()  # as text, not as an element


def test_missing_source_shows_the_excerpt_only(report):
    for sources in (None, {}):
        text = html_format.render(report, RenderOptions(sources=sources))
        tree = parse(text)
        assert not tree.root.find_all("pre", class_="context")
        excerpts = tree.root.find_all("p", class_="excerpt")
        assert len(excerpts) == sum(1 for r in report.files for f in r.findings if f.excerpt)
        assert excerpts[0].find_all("mark")[0].text() == in_report_order(report.files[0].findings)[0].excerpt
    # one file with a source, the others without
    first = report.files[0].path
    tree = parse(html_format.render(report, RenderOptions(sources={first: read_article(first, 10**9).text})))
    sections = tree.root.find_all("section", class_="article")
    assert sections[0].find_all("pre", class_="context") and not sections[1].find_all("pre", class_="context")


def test_long_lines_are_cut_around_the_span():
    line = "word " * 1000 + "committed suicide" + " word" * 1000
    start = line.index("committed")
    finding = Finding("wording.committed-suicide", "error", "m", start, start + 17, line=2, column=start + 1, end_line=2, end_column=start + 18, excerpt="committed suicide")
    report = Report(files=[FileResult(path="long.md", metrics={"fk_grade": None}, findings=[finding])])
    text = html_format.render(report, RenderOptions(sources={"long.md": "# Title\n" + line + "\nend\n"}))
    context = parse(text).root.find_all("pre", class_="context")[0]
    assert [m.text() for m in context.find_all("mark")] == ["committed suicide"]
    assert len(context.text()) < 2 * html_format.SIDE_CONTEXT + 100
    assert context.find_all("span", class_="elided")


def test_zero_width_and_out_of_range_positions():
    point = Finding("crisis.missing-banner", "error", "m", 0, 0, line=1, column=1, end_line=1, end_column=1, excerpt="")
    beyond = Finding("stats.uncited", "warning", "m", 0, 0, line=99, column=1, end_line=99, end_column=4, excerpt="90%")
    report = Report(files=[FileResult(path="a.md", metrics={}, findings=[point, beyond])])
    tree = parse(html_format.render(report, RenderOptions(sources={"a.md": "Hello\n"})))
    items = tree.root.find_all("li", class_="finding")
    assert items[0].find_all("mark", class_="point")
    assert items[1].find_all("p", class_="excerpt")[0].find_all("mark")[0].text() == "90%"


def test_many_articles_get_a_grade_histogram_and_an_empty_report_renders():
    files = [
        FileResult(path=f"content/a{i:02d}.md", metrics={"fk_grade": 5.0 + i * 0.2, "target_grade": 8.0,
                   "review_due": (TODAY + datetime.timedelta(days=40 * i - 400)).isoformat(), "days_until_due": 40 * i - 400})
        for i in range(45)
    ]
    tree = parse(html_format.render(Report(files=files), RenderOptions()))
    captions = [c.text() for c in tree.root.find_all("figcaption")]
    assert any(c.startswith("How many articles fall at each") for c in captions)
    assert any("overdue" in c for c in captions)
    assert len(tree.root.find_all("section", class_="article")) == 45
    empty = parse(html_format.render(Report(files=[]), RenderOptions()))
    assert not empty.root.find_all("svg") and not empty.root.find_all("form")
    assert empty.root.find_all("h1")


def test_dispatch_through_checker_formats(report):
    from checker.formats import render

    assert render(report, "html", RenderOptions(sources=all_sources(report))).startswith("<!DOCTYPE html>")


# ---------------------------------------------------------------- in a real browser


def test_report_in_a_real_browser(page, report, tmp_path):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install '.[test]')")
    started = time.monotonic()
    target = tmp_path / "report.html"
    target.write_text(page, encoding="utf-8")
    url = target.as_uri()
    console, errors, requests, dialogs = [], [], [], []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            tab = browser.new_page(viewport={"width": 1200, "height": 900})
            tab.set_default_timeout(5000)  # fail fast: everything here is local
            tab.on("console", lambda m: console.append((m.type, m.text)))
            tab.on("pageerror", lambda e: errors.append(str(e)))
            tab.on("request", lambda r: requests.append(r.url))
            tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            tab.goto(url, wait_until="load")

            # charts: inline SVGs, drawn with a size
            boxes = tab.evaluate(
                "() => Array.from(document.querySelectorAll('figure.chart > svg'))"
                ".map(s => { const r = s.getBoundingClientRect(); return [r.width, r.height]; })"
            )
            assert len(boxes) == 3 and all(w > 100 and h > 50 for w, h in boxes), boxes
            shot = tab.screenshot(full_page=False)
            _assert_not_blank(shot)

            # the filter form is shown (the script ran under the page's CSP)
            status = tab.locator("#filter-status")
            total = sum(len(r.findings) for r in report.files)
            assert status.inner_text() == f"Showing {total} of {total} findings."
            wording = sum(f.rule.startswith("wording.") for r in report.files for f in r.findings)
            info = sum(f.severity == "info" for r in report.files for f in r.findings)
            malicious = section_for_index(report, "malicious.md")
            shown = tab.locator(f"#{malicious} [data-shown-count]")

            family_box = tab.get_by_label("wording (")
            family_box.uncheck()
            assert status.inner_text() == f"Showing {total - wording} of {total} findings."
            assert tab.locator('li.finding[data-family="wording"]').first.is_hidden()
            assert tab.locator('li.finding[data-family="wording"]:visible').count() == 0
            assert tab.locator("li.finding:visible").count() == total - wording
            assert shown.inner_text() == "0"  # all of malicious.md's findings are wording ones
            assert tab.locator(f"#{malicious} .filtered-out-note").is_visible()

            # printed: every finding, no controls
            tab.emulate_media(media="print")
            assert tab.locator("li.finding:visible").count() == total
            assert tab.locator("#filters").is_hidden()
            tab.emulate_media(media="screen")

            family_box.check()
            assert status.inner_text() == f"Showing {total} of {total} findings."
            assert tab.locator("li.finding:visible").count() == total
            assert shown.inner_text() == str(len(result_for(report, "malicious.md").findings))
            assert tab.locator(f"#{malicious} .filtered-out-note").is_hidden()

            severity_box = tab.get_by_label("Info (")
            severity_box.uncheck()
            assert status.inner_text() == f"Showing {total - info} of {total} findings."
            assert tab.locator('li.finding[data-severity="info"]:visible').count() == 0
            severity_box.check()
            assert tab.locator("li.finding:visible").count() == total

            # the injected markup is text on the page, not elements
            assert tab.evaluate("() => document.scripts.length") == 1
            assert tab.evaluate("() => document.querySelectorAll('img, b[onmouseover]').length") == 0
        finally:
            browser.close()
    assert not errors, errors
    assert not [m for m in console if m[0] in ("error", "warning")], console
    assert not dialogs, f"an alert fired: {dialogs}"
    assert requests == [url], requests
    assert time.monotonic() - started < 30


def section_for_index(report, name) -> str:
    return f"article-{report.files.index(result_for(report, name)) + 1}"


def _assert_not_blank(png: bytes) -> None:
    assert png.startswith(b"\x89PNG") and len(png) > 10_000
    try:
        from PIL import Image
    except ImportError:  # size alone, then: the chart boxes were checked above
        return
    import io

    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 20, "the screenshot is (nearly) one colour"
