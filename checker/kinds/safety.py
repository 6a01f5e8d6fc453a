"""The `safety` kind: safe-messaging detail and framing in articles about suicide or self-harm.

One analysis per document (checker.safety_analysis) finds, sentence by sentence, what is told of a
particular death; each rule picks one `check`:

- method-detail: the means of a particular death or act of self-harm, or how it was done;
- location-detail: the specific place of a particular death (a public site, or a private place with
  the method);
- suicide-note: the contents of a particular person's note or final message;
- simplistic-cause: one event as the cause of a particular suicide;
- sensational: "suicide epidemic", suicide as a way out, dramatic words in the headline or lead;
- help-and-hope: a story of a particular death with no help resource and no story of coping.

The rules apply to articles about suicide or self-harm (the crisis family's topic detection) of the
content types a rule lists (`content_types`): an article's type is its front matter
`content_type` (news, health, personal), else the config's `safety: {content_type: ...}`, else
unknown (every rule but help-and-hope, which then needs a particular death to be told).
"""

from __future__ import annotations

from typing import ClassVar

from checker.context import load_context_rules
from checker.crisis_analysis import document_analysis
from checker.findings import Finding
from checker.kinds.base import Kind, Param
from checker.safety_analysis import analyse, load_safety_data

CONTENT_TYPES = ("news", "health", "personal")


class SafetyKind(Kind):
    DATA_FILES = ("data", "resources", "context")
    SETTINGS: ClassVar[dict] = {"content_type": Param("str", choices=CONTENT_TYPES, doc="news, health or personal")}
    SETTINGS_PER_PATH = True
    FIELDS = ("match", "suggestion", "content_type")

    def __init__(self, rule):
        super().__init__(rule)
        self.data_path = str(rule.data_path(rule.params["data"]))
        self.resources_path = str(rule.data_path(rule.params["resources"]))
        self.context_path = str(rule.data_path(rule.params["context"]))
        self.check_name = rule.params["check"]
        self.content_types = set(rule.params["content_types"] or CONTENT_TYPES)

    @classmethod
    def validate(cls, rule):
        load_safety_data(str(rule.data_path(rule.params["data"])))
        unknown = set(rule.params["content_types"]) - set(CONTENT_TYPES)
        if unknown:
            return "content_types", f"unknown content type {sorted(unknown)[0]!r} (known: {', '.join(CONTENT_TYPES)})"
        return None

    def content_type(self, doc, settings) -> str | None:
        value = doc.metadata.get("content_type") or (settings.get("safety") or {}).get("content_type")
        return value if value in CONTENT_TYPES else None

    def check(self, doc, context=None) -> list[Finding]:
        settings = context.settings if context else {}
        crisis = document_analysis(doc, self.resources_path, settings)  # shared with the crisis rules
        if not crisis.mentioned:
            return []  # suicide and self-harm never named
        kind = self.content_type(doc, settings)
        if kind is not None and kind not in self.content_types:
            return []
        safety = self.analysis(doc, ("safety", self.data_path, self.context_path),
                               lambda: analyse(doc, load_safety_data(self.data_path), load_context_rules(self.context_path)))
        if self.check_name == "help-and-hope":
            return self.check_help_and_hope(doc, crisis, safety, kind)
        return [self.finding(h.start, h.end, match=h.text, content_type=kind or "") for h in safety.of(self.check_name)]

    def check_help_and_hope(self, doc, crisis, safety, kind) -> list[Finding]:
        if kind is None and not safety.narrates:
            return []  # a page that tells no particular death: the crisis rules ask for help lines
        helped = crisis.of("service", "directory", "emergency", "local")
        if helped or safety.hope:
            return []
        start, end = crisis.body_start
        return [self.finding(start, end, document_level=True, content_type=kind or "")]

    CHECKS = ("method-detail", "location-detail", "suicide-note", "simplistic-cause", "sensational", "help-and-hope")
    PARAMETERS: ClassVar[dict[str, Param]] = {
        "check": Param("str", required=True, choices=CHECKS),
        "data": Param("str", default="data/safety.yaml"),
        "resources": Param("str", default="data/crisis-resources.yaml"),
        "context": Param("str", default="data/context.yaml"),
        "content_types": Param("str_list", default=[]),
    }
