"""The `grammar` kind: LanguageTool grammar and spelling on the prose only, at exact source positions.

LanguageTool is a Java server, reached through language-tool-python. Where it is:
`CARECHECK_LANGUAGETOOL_URL` or config `grammar.remote_server` (a running server), or a local
LanguageTool that language-tool-python already has (its cache, or `LTP_JAR_DIR_PATH`; needs Java).
A check never downloads anything: `carecheck grammar setup` does that when asked. Without a
server the CLI prints one notice and the other families run as usual (see checker.cli).

Only prose is sent: the document's headings, paragraphs, list items, quotes and table cells,
one request per document (code is blanked, front matter, URLs and markup are never in block
text). Each match maps back through its block to the source; language-tool-python already turns
LanguageTool's UTF-16 offsets into code points. Rule ids become `grammar.<languagetool id, lower
case>`; replacements become suggestions; words of the field (NSSI, DBT, Linehan ...) in
rules/data/grammar.yaml are not spelling mistakes. Results are cached by text within a run.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import os
import re
import time

from checker.document import PLACEHOLDER, PROSE_KINDS
from checker.findings import Finding
from checker.kinds.base import Kind, Param
from checker.yamlload import load_data_file

SEPARATOR = "\n\n"
_cache: dict[str, list] = {}
DATA_SCHEMA = {
    "languages?": {"*": "str"},
    "disabled_rules?": ["str"],
    "disabled_categories?": ["str"],
    "spelling_rules?": ["str"],
    "spelling_allow?": ["str"],
}


@functools.lru_cache(maxsize=8)
def load_grammar_data(path: str) -> dict:
    data = load_data_file(path, DATA_SCHEMA)
    return data


@functools.lru_cache(maxsize=8)
def client(url: str, language: str):
    """A language-tool-python client for a running server (one per server and language)."""
    import language_tool_python

    if url == "local":  # the LanguageTool that language-tool-python has downloaded before
        tool = language_tool_python.LanguageTool(language)
    else:
        tool = language_tool_python.LanguageTool(language, remote_server=url)
    tool._TIMEOUT = float(os.environ.get("CARECHECK_LANGUAGETOOL_TIMEOUT") or REQUEST_TIMEOUT)  # its default: 300 s, tried twice
    return tool


# A server that hangs or fails must not hold up or end the run: each request waits at most
# REQUEST_TIMEOUT seconds, the run spends at most RUN_BUDGET seconds waiting for LanguageTool,
# and after FAILURES_TO_STOP failures in a row it is not asked again. A file whose check failed
# gets a carecheck.grammar-error finding; every other family's findings are kept.
REQUEST_TIMEOUT = 20
RUN_BUDGET = 120.0
FAILURES_TO_STOP = 2
_health = {"failures": 0, "spent": 0.0}


def prose_text(doc) -> tuple[str, list[tuple[int, object]]]:
    """The document's prose as one text, and where each block starts in it."""
    parts, starts, length = [], [], 0
    for block in doc.blocks:
        if block.kind not in PROSE_KINDS or not block.text.strip():
            continue
        if parts:
            parts.append(SEPARATOR)
            length += len(SEPARATOR)
        starts.append((length, block))
        # Inline code stands as one blank: LanguageTool neither checks it nor joins its neighbours.
        text = block.text.replace(PLACEHOLDER, " ")
        parts.append(text)
        length += len(text)
    return "".join(parts), starts


class GrammarKind(Kind):
    PARAMETERS = {"data": Param("str", default="data/grammar.yaml")}
    SETTINGS = {
        "remote_server": Param("text", doc="a URL"),
        "required": Param("bool", doc="true or false"),
        "language": Param("text", doc="a language code such as en-US"),
        "disabled_rules": Param("str_list", doc="a list of non-empty strings"),
        "disabled_categories": Param("str_list", doc="a list of non-empty strings"),
    }
    SETTINGS_PER_PATH = False  # one LanguageTool server for the run
    FIELDS = ("languagetool", "match", "suggestion")  # languagetool: LanguageTool's own message
    NEEDS_SERVER = True  # (and its findings carry ids it makes up: checker.kinds.DYNAMIC_ID_KINDS)

    DATA_FILES = ("data",)

    @classmethod
    def validate(cls, rule):
        load_grammar_data(str(rule.data_path(rule.params["data"])))  # checked even without a server
        return None

    def __init__(self, rule):
        super().__init__(rule)
        self.data_path = str(rule.data_path(rule.params["data"]))

    def language(self, doc, options: dict) -> str:
        data = load_grammar_data(self.data_path)
        wanted = options.get("language") or doc.metadata.get("locale") or doc.metadata.get("lang") or options.get("locale") or "en-US"
        wanted = str(wanted).replace("_", "-")
        variants = data.get("languages", {})
        return variants.get(wanted, variants.get(wanted.split("-")[0], wanted))

    def check(self, doc, context=None) -> list[Finding]:
        options = (context.settings if context else {}).get("grammar") or {}
        url = options.get("server")
        if not url:
            return []  # no server: the CLI has said so once
        data = load_grammar_data(self.data_path)
        text, starts = prose_text(doc)
        if not text.strip():
            return []
        language = self.language(doc, options)
        disabled_rules = sorted(set(data.get("disabled_rules", [])) | set(options.get("disabled_rules", [])))
        disabled_categories = sorted(set(data.get("disabled_categories", [])) | set(options.get("disabled_categories", [])))
        key = hashlib.sha256("\0".join([url, language, ",".join(disabled_rules), ",".join(disabled_categories), text]).encode()).hexdigest()
        if key not in _cache:
            if _health["failures"] >= FAILURES_TO_STOP or _health["spent"] > RUN_BUDGET:
                return [self.grammar_error(doc, "LanguageTool failed or was too slow earlier in this run")]
            started = time.monotonic()
            try:
                tool = client(url, language)
                tool.disabled_rules = set(disabled_rules)
                tool.disabled_categories = set(disabled_categories)
                _cache[key] = [
                    (m.offset, m.error_length, m.rule_id, m.message, list(m.replacements or [])[:5], m.category or "")
                    for m in tool.check(text)
                ]
                _health["failures"] = 0
            except Exception as exc:  # a 500, HTML instead of JSON, JSON without matches, a timeout
                _health["failures"] += 1
                return [self.grammar_error(doc, f"LanguageTool failed ({exc.__class__.__name__}: {str(exc)[:120]})")]
            finally:
                _health["spent"] += time.monotonic() - started
        allowed = {w.lower() for w in data.get("spelling_allow", [])}
        spelling = tuple(data.get("spelling_rules", ["MORFOLOGIK_RULE", "HUNSPELL"]))
        findings = []
        block_starts = [s for s, _ in starts]
        for offset, length, rule_id, message, replacements, category in _cache[key]:
            k = bisect.bisect_right(block_starts, offset) - 1
            if k < 0:
                continue
            start_in_text, block = starts[k]
            a, b = offset - start_in_text, offset - start_in_text + max(length, 1)
            if b > len(block.text):
                continue  # falls in the separator between blocks
            word = block.text[a:b]
            if rule_id.upper().startswith(spelling) and _allowed(word, allowed):
                continue
            span = block.source_span(a, b)
            finding = self.finding(span.start, span.end, replacements, languagetool=message, match=word)
            finding.rule = "grammar." + re.sub(r"[^a-z0-9_-]+", "_", rule_id.lower())
            finding.reference = f"LanguageTool rule {rule_id}" + (f" ({category})" if category else "")
            findings.append(finding)
        return findings

    def grammar_error(self, doc, why: str) -> Finding:
        """One finding for a file whose grammar could not be checked (at its top)."""
        start = doc.body_start()
        finding = Finding("carecheck.grammar-error", "warning", f"Grammar not checked: {why}.", start.start, start.end)
        finding.scoped = False
        return finding


def _allowed(word: str, allowed: set) -> bool:
    lower = word.lower().strip("'’")
    return lower in allowed or (lower.endswith("s") and lower[:-1] in allowed) or lower.rstrip("'’s") in allowed
