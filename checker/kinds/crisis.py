"""The `crisis` kind: a crisis banner near the top, with numbers correct and current for the reader's region.

One analysis per document (shared by all crisis rules) finds every number and chat link, and
judges each by its sentence: is it offered as a contact ("call", "text", "dial" ...), in a crisis
context, and which service of which region is it? The reader's region comes from front matter
(`region`, `locale`), the HTML `lang`, per-path config (`locale`) or the default, en-US; a section
whose heading names a country ("### United Kingdom") and a sentence that names one ("In the UK,
call ...") are judged for that country. Each rule picks one `check`:

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

All facts (services, numbers, dates, trigger words) live in the resources file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from checker.crisis_resources import load_resources
from checker.document import HEADING, PROSE_KINDS, TABLE_CELL
from checker.findings import Finding
from checker.kinds import Param
from checker.phonenumbers import edit_distance_one, find_numbers
from checker.phrases import phrase_list
from checker.phrases import word_list_regex as words_regex

CHECKS = (
    "missing-banner",
    "banner-position",
    "retired-number",
    "ended-service",
    "wrong-number",
    "incomplete",
    "emergency-missing",
)
PARAMETERS = {
    "check": Param("str", required=True, choices=CHECKS),
    "resources": Param("str", default="data/crisis-resources.yaml"),
    "top_words": Param("int", default=200),
    "require": Param("str_map", default={}),
}
DEFAULT_LOCALE = "en-US"
CONTACT_WINDOW_WORDS = 6  # how far before a number a contact word may stand ("call Samaritans free on 116 123")
CONTACT_WINDOW_CHARS = 80
_DIGIT = re.compile(r"\d")


def resources_path(rule) -> Path:
    return Path(rule.file).parent / rule.params["resources"]


def validate(rule):
    path = resources_path(rule)
    if not path.is_file():
        return "resources", f"crisis resources file not found: {path}"
    if rule.params["top_words"] < 1:
        return "top_words", "must be 1 or more"
    resources = load_resources(str(path))
    for service_id, types in rule.params["require"].items():
        if service_id not in resources.services:
            return "require", f"unknown service id {service_id!r}"
        if any(t not in ("call", "text", "chat") for t in types):
            return "require", "contact types are call, text and chat"
    return None


@dataclass
class Mention:
    kind: str  # service, emergency, directory, retired, ended, wrong-region, unknown
    start: int  # source offsets
    end: int
    raw: str
    in_top: bool
    service: object = None
    types: set = field(default_factory=set)  # contact types the sentence offers
    detail: object = None


@dataclass
class Analysis:
    region: str
    triggered: bool
    mentions: list[Mention]
    body_start: tuple[int, int]  # span of the first line of the body
    danger: list[tuple[int, int]]

    def of(self, *kinds) -> list[Mention]:
        return [m for m in self.mentions if m.kind in kinds]


def article_region(doc, resources, settings) -> str:
    for key in ("region", "country", "locale", "lang", "language"):
        code = resources.region_for(doc.metadata.get(key))
        if code:
            return code
    return resources.region_for(settings.get("locale")) or resources.region_for(DEFAULT_LOCALE) or "US"


def is_triggered(doc, resources) -> bool:
    language = resources.language
    topics = set()
    for key in ("topics", "tags", "categories", "keywords"):
        value = doc.metadata.get(key)
        values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        topics.update(str(v).strip().lower().replace(" ", "-") for v in values)
    if topics & {t.lower() for t in language["topics"]}:
        return True
    trigger = words_regex(tuple(language["trigger_terms"]))
    title = doc.metadata.get("title")
    if isinstance(title, str) and trigger.search(title):
        return True
    return any(trigger.search(block.text) for block in doc.blocks if block.kind in PROSE_KINDS)


def _plausible_phone(raw: str, digits: str) -> bool:
    if re.fullmatch(r"(?:1[89]|20)\d\d", raw):  # a year
        return False
    if raw.count(".") == 1 or re.fullmatch(r"\d{1,3}[-–]\d{1,3}", raw):  # 14.2, ages 15-29
        return False
    return 3 <= len(digits) <= 15


def analyse(doc, resources, top_words: int, settings: dict) -> Analysis:
    language = resources.language
    contact_re = words_regex(tuple(language["contact_words"]))
    crisis_re = words_regex(tuple(language["crisis_words"]))
    call_re = words_regex(tuple(language["call_words"]))
    text_re = words_regex(tuple(language["text_words"]))
    chat_re = words_regex(tuple(language["chat_words"]))
    danger_re = words_regex(tuple(language["danger_phrases"]))
    # The blocks with a danger phrase, and the chat and directory addresses the article has at all.
    danger_blocks = phrase_list(tuple(language["danger_phrases"])).blocks_in(doc)
    region = article_region(doc, resources, settings)
    article_text = doc.prose_lower()
    chat_urls = [(url, service) for url, service in resources.chat_urls() if url in article_text]
    article_directories = [url for url in resources.directories if url.lower() in article_text]

    mentions: list[Mention] = []
    danger: list[tuple[int, int]] = []
    headings: list[tuple[int, set, str]] = []  # (level, regions named, text) of the open sections
    in_top = True
    top_word_count = 0
    first_block = True
    for index, block in enumerate(doc.blocks):
        if block.kind not in PROSE_KINDS:
            continue
        if block.kind == HEADING:
            # The first block may be the title; any other heading below level 1 starts the sections.
            if not first_block and block.level > 1:
                in_top = False
            headings = [h for h in headings if h[0] < block.level]
            headings.append((block.level, resources.regions_named_in(block.text), block.text))
        first_block = False
        # Most blocks hold no number, chat address or danger phrase: then only their words count.
        block_urls = [(url, service) for url, service in chat_urls if url in block.lower]
        block_directories = [url for url in article_directories if url.lower() in block.lower]
        has_digits = _DIGIT.search(block.text) is not None
        has_contact = bool(block_urls or block_directories or block.links or has_digits)
        has_danger = index in danger_blocks
        if not (has_contact or has_danger):
            if in_top:
                top_word_count += sum(len(sentence.text.split()) for sentence in block.sentences)
            continue
        section_regions = next((h[1] for h in reversed(headings) if h[1]), set())
        section_text = " ".join(h[2] for h in headings)
        block_has_crisis_words = None  # searched for when a sentence offers a contact

        for sentence in block.sentences:
            text = sentence.text
            offset = sentence.start
            words_before = top_word_count
            if in_top:
                top_word_count += len(text.split())
            if has_danger:
                for m in danger_re.finditer(text):
                    span = block.source_span(offset + m.start(), offset + m.end())
                    danger.append((span.start, span.end))
            top = in_top and words_before < top_words
            numbers = find_numbers(text) if has_digits and _DIGIT.search(text) else []
            lowered = text.lower()
            urls = [(url, service) for url, service in block_urls if url in lowered]
            directories = [url for url in block_directories if url.lower() in lowered]
            if not (numbers or urls or directories):
                continue  # most sentences offer no contact: nothing more to judge
            named = resources.regions_named_in(text)
            allowed = (named | section_regions) or {region}
            if not named and section_regions:
                allowed = section_regions
            offers = set()
            if call_re.search(text):
                offers.add("call")
            if text_re.search(text):
                offers.add("text")
            if chat_re.search(text):
                offers.add("chat")
            table_contact = block.kind == TABLE_CELL and bool(contact_re.search(section_text))
            if block_has_crisis_words is None:
                block_has_crisis_words = bool(crisis_re.search(block.text))
            crisis_context = bool(crisis_re.search(text)) or block_has_crisis_words or bool(crisis_re.search(section_text))

            previous = None
            for number in numbers:
                span = block.source_span(offset + number.start, offset + number.end)
                # A number is offered as a contact when a contact word comes shortly before it.
                window = " ".join(text[max(0, number.start - CONTACT_WINDOW_CHARS) : number.start].split()[-CONTACT_WINDOW_WORDS:])
                in_contact = table_contact or bool(contact_re.search(window))
                # "1-800-662-HELP (4357)": a bracketed number right after another is the same contact.
                alternative = previous is not None and re.fullmatch(r"\s*\(", text[previous.end : number.start]) is not None
                previous = number
                mention = _classify(resources, number, text, allowed, in_contact, crisis_context, offers, span, top)
                if mention and alternative and mention.kind in ("unknown", "wrong-region"):
                    continue
                if mention:
                    mentions.append(mention)
                    mentions.extend(_ended_options(resources, mention, number, text, block, offset, allowed))

            for url, service in urls:
                if service.region in allowed:
                    at = lowered.index(url)
                    span = block.source_span(offset + at, offset + at + len(url))
                    mentions.append(Mention("service", span.start, span.end, text[at : at + len(url)], top, service, offers | {"chat"}))
            for url in directories:
                if url.lower() in lowered:
                    at = lowered.index(url.lower())
                    span = block.source_span(offset + at, offset + at + len(url))
                    mentions.append(Mention("directory", span.start, span.end, url, top))
        # Chat links whose visible text is not the URL ("chat with us").
        for start, end, href in block.links:
            for service in resources.services.values():
                for contact in service.contacts:
                    if contact.url and contact.url.lower() in href.lower() and service.region in ({region} | section_regions):
                        span = block.source_span(start, end)
                        if not any(m.start == span.start and m.service is service for m in mentions):
                            mentions.append(Mention("service", span.start, span.end, href, in_top and top_word_count <= top_words, service, {"chat"}))
    mentions.sort(key=lambda m: (m.start, m.end))
    start = doc.body_start()
    return Analysis(region, is_triggered(doc, resources), mentions, (start.start, start.end), danger)


def cached_analysis(doc, resources_file: str, top_words: int, settings: dict) -> Analysis:
    """The document's crisis analysis, computed once and shared by every rule (of any kind) that asks."""
    key = ("crisis", resources_file, top_words, settings.get("locale"))
    if key not in doc.cache:
        doc.cache[key] = analyse(doc, load_resources(resources_file), top_words, settings)
    return doc.cache[key]


def _classify(resources, number, text, allowed, in_contact, crisis_context, offers, span, top) -> Mention | None:
    c = resources.canonical(number.raw)
    retired = resources.retired_by_number.get(c)
    if retired and (len(c) >= 7 or in_contact):
        return Mention("retired", span.start, span.end, number.raw, top, detail=retired)
    entries = [(s, contact) for s, contact in resources.by_number.get(c, []) if s.region in allowed]
    if entries and (in_contact or len(c) >= 7):
        service, contact = _best_entry(entries, text, number)
        return Mention("service", span.start, span.end, number.raw, top, service, offers | {contact.type})
    emergency_regions = resources.emergency_by_number.get(c, [])
    if any(r in allowed for r in emergency_regions):
        return Mention("emergency", span.start, span.end, number.raw, top) if in_contact else None
    if not in_contact:
        return None
    if c in resources.by_number or emergency_regions:
        elsewhere = sorted({s.region for s, _ in resources.by_number.get(c, [])} | set(emergency_regions))
        return Mention("wrong-region", span.start, span.end, number.raw, top, detail=elsewhere)
    if crisis_context and _plausible_phone(number.raw, number.digits):
        return Mention("unknown", span.start, span.end, number.raw, top, detail=_near_misses(resources, c, allowed))
    return None


def _best_entry(entries, text, number):
    """Pick the service a number stands for: "988 then press 1" is the Veterans Crisis Line."""
    after = text[number.end : number.end + 40]
    press = re.search(r"press(?:ing)?\s+(\d)", after, re.IGNORECASE)
    before = text[max(0, number.start - 30) : number.start]
    keyword = re.search(r"text\s+[\"“']?([A-Za-z]{2,12})[\"”']?\s+to\s*$", before, re.IGNORECASE)
    for service, contact in entries:
        if contact.then_press and press and press.group(1) == contact.then_press:
            return service, contact
        if contact.keywords and keyword and keyword.group(1).upper() in contact.keywords:
            return service, contact
    plain = [(s, c) for s, c in entries if not c.then_press and s.crisis]
    return (plain or entries)[0]


def _ended_options(resources, mention, number, text, block, offset, allowed) -> list[Mention]:
    """'988 ... press 3' or 'text PRIDE to 988': options of a service that ended."""
    if mention.kind != "service":
        return []
    c = resources.canonical(number.raw)
    found = []
    for ended in resources.ended:
        if resources.canonical(ended.number) != c or not (set(ended.regions) & allowed):
            continue
        if ended.then_press:
            press = re.compile(rf"press(?:ing)?\s+{re.escape(ended.then_press)}\b", re.IGNORECASE).search(text, number.end, number.end + 60)
            if press:
                span = block.source_span(offset + press.start(), offset + press.end())
                found.append(Mention("ended", span.start, span.end, press.group(), mention.in_top, detail=ended))
        if ended.text_keyword:
            keyword = re.compile(rf"text\s+[\"“']?{re.escape(ended.text_keyword)}\b", re.IGNORECASE).search(text, max(0, number.start - 30), number.start)
            if keyword:
                span = block.source_span(offset + keyword.start(), offset + keyword.end())
                found.append(Mention("ended", span.start, span.end, keyword.group(), mention.in_top, detail=ended))
    return found


def _near_misses(resources, canonical_number: str, allowed) -> list[str]:
    out = []
    for region_code in sorted(allowed):
        region = resources.regions.get(region_code)
        if not region:
            continue
        for service in region.services:
            for contact in service.contacts:
                if contact.number and edit_distance_one(canonical_number, resources.canonical(contact.number)):
                    out.append(resources.describe(service.id))
                    break
    return out


class Check:
    def __init__(self, rule):
        self.rule = rule
        self.check_name = rule.params["check"]
        self.path = str(resources_path(rule))
        self.top_words = rule.params["top_words"]
        self.require = rule.params["require"]

    def analysis(self, doc, context) -> tuple[Analysis, object]:
        settings = context.settings if context else {}
        return cached_analysis(doc, self.path, self.top_words, settings), load_resources(self.path)

    def metrics(self, doc, context) -> dict:
        analysis, resources = self.analysis(doc, context)
        names = {m.service.name for m in analysis.of("service") if m.service.crisis}
        names |= {m.raw for m in analysis.of("directory")}
        return {"crisis_resources": sorted(names), "region": analysis.region}

    def check(self, doc, context=None) -> list[Finding]:
        analysis, resources = self.analysis(doc, context)
        method = getattr(self, "check_" + self.check_name.replace("-", "_"))
        return method(doc, analysis, resources)

    def finding(self, start, end, message, suggestions=(), severity=None) -> Finding:
        return Finding(
            rule=self.rule.id,
            severity=severity or self.rule.severity,
            message=message,
            start=start,
            end=end,
            suggestions=list(suggestions) or list(self.rule.suggest),
            reference=self.rule.reference,
        )

    # ---- the checks

    def banner_resources(self, analysis) -> list[Mention]:
        return [
            m
            for m in analysis.of("service", "directory")
            if m.kind == "directory" or (m.service.crisis and m.service.region == analysis.region)
        ]

    def banner_finding(self, analysis, resources, message: str) -> Finding:
        """A finding at the top of the article, where the banner belongs, suggesting the region's banner."""
        region = resources.regions[analysis.region]
        start, end = analysis.body_start
        return self.finding(start, end, message.replace("{region}", region.name), [region.banner] if region.banner else [])

    def check_missing_banner(self, doc, analysis, resources) -> list[Finding]:
        if not analysis.triggered or self.banner_resources(analysis):
            return []
        return [
            self.banner_finding(
                analysis,
                resources,
                "This article is about suicide or self-harm but gives no crisis resource for readers in {region}; "
                "add a crisis banner at the top.",
            )
        ]

    def check_banner_position(self, doc, analysis, resources) -> list[Finding]:
        found = self.banner_resources(analysis)
        if not analysis.triggered or not found or any(m.in_top for m in found):
            return []
        first = found[0]
        line = doc.position(first.start)[0]
        # Reported where the banner belongs, the top; the message says where the resource is now.
        return [
            self.banner_finding(
                analysis,
                resources,
                f"The first crisis resource ('{first.raw}', line {line}) comes too late; put a crisis banner here, "
                f"before the first section heading and within the first {self.top_words} words.",
            )
        ]

    def check_retired_number(self, doc, analysis, resources) -> list[Finding]:
        out = []
        for m in analysis.of("retired"):
            retired = m.detail
            replacement = resources.describe(retired.replaced_by)
            when = f" on {retired.retired_on.isoformat()}" if retired.retired_on else ""
            status = "still connects but is outdated" if retired.still_connects else "no longer works"
            out.append(
                self.finding(
                    m.start,
                    m.end,
                    f"{m.raw} ({retired.service}) {status}: it was replaced{when}. Give {replacement}.",
                    [replacement],
                    severity="warning" if retired.still_connects else None,
                )
            )
        return out

    def check_ended_service(self, doc, analysis, resources) -> list[Finding]:
        out = []
        for m in analysis.of("ended"):
            ended = m.detail
            replacement = resources.describe(ended.replaced_by)
            when = f" on {ended.ended_on.isoformat()}" if ended.ended_on else ""
            out.append(
                self.finding(m.start, m.end, f"'{m.raw}': {ended.service} ended{when}. Offer {replacement}.", [replacement])
            )
        return out

    def check_wrong_number(self, doc, analysis, resources) -> list[Finding]:
        out = []
        region = resources.regions[analysis.region]
        for m in analysis.of("wrong-region", "unknown"):
            if m.kind == "wrong-region":
                names = ", ".join(resources.regions[r].name for r in m.detail if r in resources.regions)
                message = f"{m.raw} is a crisis or emergency number in {names}, not for readers in {region.name}."
                suggestions = [region.banner] if region.banner else []
            else:
                message = f"{m.raw} is offered as a crisis contact but is not a known crisis line for readers in {region.name}."
                suggestions = m.detail or ([region.banner] if region.banner else [])
                if m.detail:
                    message += f" Did you mean {m.detail[0]}?"
            out.append(self.finding(m.start, m.end, message, suggestions))
        return out

    def check_incomplete(self, doc, analysis, resources) -> list[Finding]:
        out = []
        for service_id, required in self.require.items():
            banner = [m for m in analysis.of("service") if m.service.id == service_id and m.in_top]
            if not banner:
                continue
            offered = set().union(*(m.types for m in banner))
            missing = [t for t in required if t not in offered]
            if missing:
                first = banner[0]
                described = resources.describe(service_id)
                out.append(
                    self.finding(
                        first.start,
                        first.end,
                        f"The banner gives {first.raw} without saying readers can {' or '.join(missing)}; give {described}.",
                        [described],
                    )
                )
        return out

    def check_emergency_missing(self, doc, analysis, resources) -> list[Finding]:
        if not analysis.danger or analysis.of("emergency"):
            return []
        region = resources.regions[analysis.region]
        numbers = " or ".join(region.emergency) or "the local emergency number"
        start, end = analysis.danger[0]
        return [
            self.finding(
                start,
                end,
                f"The article speaks of immediate danger but gives no emergency number; tell readers in {region.name} to call {numbers}.",
                [f"call {numbers}"],
            )
        ]
