"""`--format junit`: JUnit XML for CI servers that show test reports.

One test case per file and rule family (classname: the file, name: the family); a case fails
when it has findings at or above --fail-on, and lists every finding of the family in its output; a
family that was not run (grammar with no LanguageTool server) is a skipped case.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from checker.findings import SEVERITY_RANK
from checker.formats.sanitise import xml


def render(report, options) -> str:
    threshold = SEVERITY_RANK.get(options.fail_on, 99)
    families = sorted({r.split(".", 1)[0] for r in (options.rules or {})} | {f.rule.split(".", 1)[0] for r in report.files for f in r.findings})
    suites = ET.Element("testsuites", name="carecheck")
    suite = ET.SubElement(suites, "testsuite", name="carecheck")
    tests = failures = skipped = 0
    for result in report.files:
        for family in families:
            found = [f for f in result.findings if f.rule.split(".", 1)[0] == family]
            case = ET.SubElement(suite, "testcase", classname=xml(result.path), name=family)
            tests += 1
            if family in report.skipped:  # not run (grammar with no server): skipped, not passed
                ET.SubElement(case, "skipped", message=xml(f"{family} not checked: {report.skipped[family]}"))
                skipped += 1
                continue
            failing = [f for f in found if SEVERITY_RANK[f.severity] >= threshold]
            lines = [xml(f"{result.path}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}") for f in found]
            if failing:
                failures += 1
                failure = ET.SubElement(case, "failure", message=f"{len(failing)} finding(s) at or above {options.fail_on}", type=failing[0].rule)
                failure.text = "\n".join(lines)
            elif lines:
                ET.SubElement(case, "system-out").text = "\n".join(lines)
    for element in (suites, suite):
        element.set("tests", str(tests))
        element.set("failures", str(failures))
        element.set("errors", "0")
        element.set("skipped", str(skipped))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
