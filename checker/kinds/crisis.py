"""The `crisis` kind: a crisis banner near the top, with numbers correct and current for the reader's region.

One analysis per document, shared by all crisis rules (checker.crisis_analysis), finds every
number and chat link and judges it: a contact or not, in a crisis context or not, which service of
which region. Each rule picks one `check`:

- missing-banner: the article is about suicide or self-harm (front matter topics, or trigger terms
  in its text) and offers no crisis resource for its region at all;
- banner-position: it offers one, but not near the top (before the first section heading and
  within `top_words` words); reported at the top, where the banner belongs;
- retired-number: a retired or replaced number, anywhere (a warning when the old number still
  connects, an error when it is gone);
- ended-service: instructions for a service that ended (988 "press 3");
- wrong-number: a number offered as a crisis contact that is not a known contact for the region;
- incomplete: a banner gives a service without the contact types `require` asks for
  (e.g. 988 without "text");
- emergency-missing: the article speaks of immediate danger but gives no emergency number.

All facts (services, numbers, dates, trigger words) live in the resources file, and every wording
in the rule pack: a rule's `message` words its main case and its `messages` the other cases it
reports (MESSAGES), with the finding's facts (FIELDS). A case a rule does not word is reported
with its `message`.
"""

from __future__ import annotations

from typing import ClassVar

from checker.crisis_analysis import Analysis, Mention, analyse, analysis_key
from checker.crisis_resources import CONTACT_TYPES, load_resources
from checker.findings import Finding
from checker.kinds.base import Kind, Param


class CrisisKind(Kind):
    # PARAMETERS is defined after the checks, below: `check` names one of CHECKS.
    DATA_FILES = ("resources",)
    FIELDS = (
        "match",  # the text found (a number, a link, "press 3")
        "suggestion",  # the first suggestion
        "region",  # the readers' region, by name ("United States")
        "region_basis",  # how it was decided ("inferred from Samaritans 116 123 and NHS", "declared in the front matter (region: UK)")
        "resource",  # the crisis resource as written ("988", "988lifeline.org")
        "line",  # banner-position: the line where the first resource stands now
        "top_words",  # banner-position: the rule's `top_words`
        "number",  # the number as written
        "service",  # the service, by name; incomplete: the service and all its contacts
        "date",  # when a number was retired or a service ended (YYYY-MM-DD)
        "replacement",  # what to give instead: a service and its contacts
        "regions",  # wrong-number: the regions where the number is a crisis or emergency number
        "near_miss",  # wrong-number: the known line one digit away ("988 Suicide & Crisis Lifeline: ...")
        "missing",  # incomplete: the contact types not given ("text", "text or chat")
        "numbers",  # emergency-missing: the region's emergency numbers ("999 or 112")
    )
    MESSAGES = (
        "no-banner",  # missing-banner
        "too-late",  # banner-position
        "gone",  # retired-number: the old number no longer works (an error)
        "gone-undated",  # ... and its data gives no date
        "still-connects",  # retired-number: the old number still connects (a warning)
        "still-connects-undated",  # ... and its data gives no date
        "ended",  # ended-service
        "ended-undated",  # ... and its data gives no date
        "unknown",  # wrong-number: not a known line for the region
        "did-you-mean",  # wrong-number: ... one digit away from a known line
        "not-its-own",  # wrong-number: ... given under the name of a service whose number it is not
        "other-region",  # wrong-number: a crisis or emergency number of another region
        "without-types",  # incomplete
        "no-emergency",  # emergency-missing
        "no-emergency-listed",  # emergency-missing, when the region lists no emergency number
    )

    def __init__(self, rule):
        super().__init__(rule)
        self.path = str(rule.data_path(rule.params["resources"]))
        self.top_words = rule.params["top_words"]
        self.require = rule.params["require"]
        self.check_method = self.CHECKS[rule.params["check"]]

    @classmethod
    def validate(cls, rule):
        resources = load_resources(str(rule.data_path(rule.params["resources"])))
        for service_id, types in rule.params["require"].items():
            if service_id not in resources.services:
                return "require", f"unknown service id {service_id!r}"
            if any(t not in CONTACT_TYPES for t in types):
                return "require", "contact types are call, text and chat"
        return None

    def document_analysis(self, doc, context) -> Analysis:
        """The document's crisis analysis: one per document and resources file, for every rule."""
        settings = context.settings if context else {}
        return self.analysis(doc, analysis_key(self.path, settings), lambda: analyse(doc, load_resources(self.path), settings))

    def metrics(self, doc, context) -> dict:
        analysis = self.document_analysis(doc, context)
        # The lines for the readers' region, and apart from them the lines for readers elsewhere
        # (a page of crisis lines by country lists them all).
        names = {m.service.name for m in analysis.of("service") if m.service.crisis and m.service.region == analysis.region}
        names |= {m.raw for m in analysis.of("directory")}
        elsewhere = {m.service.name for m in analysis.of("service") if m.service.crisis and m.service.region != analysis.region}
        readers = analysis.readers
        return {"crisis_resources": sorted(names), "crisis_resources_elsewhere": sorted(elsewhere), "region": analysis.region,
                "region_source": readers.source, "region_evidence": list(readers.evidence)}

    def check(self, doc, context=None) -> list[Finding]:
        return self.check_method(self, doc, self.document_analysis(doc, context), load_resources(self.path))

    # ---- the checks

    def banner_resources(self, analysis) -> list[Mention]:
        """What a reader in crisis can use: a crisis line of the readers' region, a helpline
        directory, an emergency number, a local line the data does not know, or a replaced number
        that still connects."""
        return [
            m
            for m in analysis.of("service", "directory", "emergency", "local", "retired")
            if (m.kind != "service" or (m.service.crisis and m.service.region == analysis.region))
            and (m.kind != "retired" or m.detail.still_connects)
        ]

    def banner_finding(self, analysis, resources, variant: str, **fields) -> Finding:
        """A finding at the top of the article, where the banner belongs, suggesting the region's banner."""
        region = resources.regions[analysis.region]
        start, end = analysis.body_start
        suggestions = [region.banner] if region.banner else None
        return self.finding(start, end, suggestions, variant=variant, document_level=True, region=region.name,
                            region_basis=analysis.readers.basis(), **fields)

    def check_missing_banner(self, doc, analysis, resources) -> list[Finding]:
        if not analysis.triggered or self.banner_resources(analysis):
            return []
        return [self.banner_finding(analysis, resources, "no-banner")]

    def check_banner_position(self, doc, analysis, resources) -> list[Finding]:
        found = self.banner_resources(analysis)
        if not analysis.triggered or not found or any(m.near_top(self.top_words) for m in found):
            return []
        first = found[0]
        # Reported where the banner belongs, the top; the message says where the resource is now.
        line = doc.position(first.start)[0]
        finding = self.banner_finding(analysis, resources, "too-late", match=first.raw, resource=first.raw, line=line, top_words=self.top_words)
        finding.related = ((first.start, first.end, "the first crisis resource, to move to the top"),)
        return [finding]

    def check_retired_number(self, doc, analysis, resources) -> list[Finding]:
        out = []
        for m in analysis.of("retired"):
            retired = m.detail
            replacement = resources.describe(retired.replaced_by)
            variant = "still-connects" if retired.still_connects else "gone"
            if not retired.retired_on:
                variant += "-undated"
            date = retired.retired_on.isoformat() if retired.retired_on else ""
            severity = "warning" if retired.still_connects else None
            out.append(
                self.finding(m.start, m.end, [replacement], severity=severity, variant=variant, match=m.raw, number=m.raw,
                             service=retired.service, date=date, replacement=replacement)
            )
        return out

    def check_ended_service(self, doc, analysis, resources) -> list[Finding]:
        out = []
        for m in analysis.of("ended"):
            ended = m.detail
            replacement = resources.describe(ended.replaced_by)
            variant = "ended" if ended.ended_on else "ended-undated"
            date = ended.ended_on.isoformat() if ended.ended_on else ""
            out.append(
                self.finding(m.start, m.end, [replacement], variant=variant, match=m.raw, service=ended.service, date=date,
                             replacement=replacement)
            )
        return out

    def check_wrong_number(self, doc, analysis, resources) -> list[Finding]:
        out = []
        region = resources.regions[analysis.region]
        banner = [region.banner] if region.banner else []
        for m in analysis.of("wrong-region", "unknown"):
            fields = {"match": m.raw, "number": m.raw, "region": region.name, "region_basis": analysis.readers.basis()}
            if m.kind == "wrong-region":
                names = ", ".join(resources.regions[r].name for r in m.detail if r in resources.regions)
                out.append(self.finding(m.start, m.end, banner or None, variant="other-region", regions=names, **fields))
            elif m.detail and m.service is not None:  # another number under a service's name
                out.append(self.finding(m.start, m.end, m.detail, variant="not-its-own", service=m.service.name, near_miss=m.detail[0], **fields))
            elif m.detail:  # a known line one digit away
                out.append(self.finding(m.start, m.end, m.detail, variant="did-you-mean", near_miss=m.detail[0], **fields))
            else:
                out.append(self.finding(m.start, m.end, banner or None, variant="unknown", **fields))
        return out

    def check_incomplete(self, doc, analysis, resources) -> list[Finding]:
        out = []
        for service_id, required in self.require.items():
            offered_here = [m for m in analysis.of("service") if m.service.id == service_id]
            # The banner's mentions when there is one near the top; else wherever the article gives it.
            banner = [m for m in offered_here if m.near_top(self.top_words)] or offered_here
            if not banner:
                continue
            offered = set().union(*(m.types for m in banner))
            missing = [t for t in required if t not in offered]
            if missing:
                first = banner[0]
                described = resources.describe(service_id)
                out.append(
                    self.finding(first.start, first.end, [described], variant="without-types", match=first.raw, resource=first.raw,
                                 missing=" or ".join(missing), service=described)
                )
        return out

    def check_emergency_missing(self, doc, analysis, resources) -> list[Finding]:
        if not analysis.danger or analysis.of("emergency"):
            return []
        region = resources.regions[analysis.region]
        start, end = analysis.danger[0]
        numbers = " or ".join(region.emergency)
        variant = "no-emergency" if numbers else "no-emergency-listed"
        suggestion = f"call {numbers or 'the local emergency number'}"
        return [self.finding(start, end, [suggestion], variant=variant, match=doc.source[start:end], region=region.name, numbers=numbers)]

    CHECKS: ClassVar[dict] = {
        "missing-banner": check_missing_banner,
        "banner-position": check_banner_position,
        "retired-number": check_retired_number,
        "ended-service": check_ended_service,
        "wrong-number": check_wrong_number,
        "incomplete": check_incomplete,
        "emergency-missing": check_emergency_missing,
    }
    PARAMETERS: ClassVar[dict[str, Param]] = {
        "check": Param("str", required=True, choices=tuple(CHECKS)),
        "resources": Param("str", default="data/crisis-resources.yaml"),
        "top_words": Param("int", default=200, minimum=1, doc="a whole number of 1 or more"),
        "require": Param("str_map", default={}),
    }
