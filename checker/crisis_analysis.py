"""The crisis analysis of one document: every crisis number and chat link it offers, and what each means.

Shared by every rule that asks (the crisis rules, and freshness, which asks whether a page carries
crisis resources), so it is computed once per document: `document_analysis` and the crisis kind
memoise it on doc.cache under `analysis_key`. It depends on the resources file and the configured
locale only, never on a rule: `top_words` is applied by each rule (Mention.near_top).

The analysis finds every number and chat link, and judges each by its sentence: is it offered as a
contact ("call", "text", "dial" ...), in a crisis context, and which service of which region is it?
The reader's region comes from front matter (`region`, `locale`), the HTML `lang`, per-path config
(`locale`) or the default, en-US; a section whose heading names a country ("### United Kingdom")
and a sentence that names one ("In the UK, call ...") are judged for that country.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from checker import regexcache
from checker.crisis_numbers import impossible_length, near_misses, not_its_own
from checker.crisis_resources import load_resources
from checker.document import HEADING, LIST_ITEM, PROSE_KINDS, TABLE_CELL
from checker.phonenumbers import find_numbers
from checker.phrases import phrase_list
from checker.phrases import word_list_regex as words_regex
from checker.region import ReadersRegion, readers_region

CONTACT_WINDOW_WORDS = 6  # how far before a number a contact word may stand ("call Samaritans free on 116 123")
CONTACT_WINDOW_CHARS = 80
LABEL_CHARS = 40  # how far before a number the name it is given under may stand ("Kids Helpline – ")
_GROUPED = re.compile(r"\d[\s.-]+\d")  # digits in groups, as phone numbers are written
_DIGIT = re.compile(r"\d")
_NON_SPACE = re.compile(r"\S+")


def analysis_key(resources_file: str, settings: dict) -> tuple:
    """The doc.cache key of a document's crisis analysis: the same for every rule that asks."""
    return ("crisis", resources_file, settings.get("locale"))


def document_analysis(doc, resources_file: str, settings: dict) -> Analysis:
    """The document's crisis analysis, computed once and shared by every rule (of any kind) that asks."""
    key = analysis_key(resources_file, settings)
    if key not in doc.cache:
        doc.cache[key] = analyse(doc, load_resources(resources_file), settings)
    return doc.cache[key]


def carries_crisis_resources(doc, resources_file: str, settings: dict) -> bool:
    """Does the document offer a crisis line (a recognised service that is a crisis service)?"""
    return any(m.service.crisis for m in document_analysis(doc, resources_file, settings).of("service"))


def readers_day_first(doc, resources_file: str, settings: dict) -> bool:
    """Does the readers' region write the day first (03/04/2026 is 3 April)?"""
    analysis = document_analysis(doc, resources_file, settings)
    return load_resources(resources_file).regions[analysis.region].day_first


@dataclass
class Mention:
    kind: str  # service, emergency, directory, local (a line the data does not know), retired, ended, wrong-region, unknown
    start: int  # source offsets
    end: int
    raw: str
    opening: bool  # before the first section heading
    reach: int  # the smallest `top_words` for which it counts as near the top (when `opening`)
    service: object = None
    types: set = field(default_factory=set)  # contact types the sentence offers
    detail: object = None

    def near_top(self, top_words: int) -> bool:
        """Is it where a banner belongs: before the first section, within the first `top_words` words?"""
        return self.opening and self.reach <= top_words


@dataclass
class Analysis:
    region: str
    triggered: bool
    mentions: list[Mention]
    body_start: tuple[int, int]  # span of the first line of the body
    danger: list[tuple[int, int]]
    readers: ReadersRegion | None = None  # how the region was decided
    mentioned: bool = False  # suicide or self-harm named at all (triggered: the article is about them)

    def of(self, *kinds) -> list[Mention]:
        return [m for m in self.mentions if m.kind in kinds]


def topic(doc, resources) -> tuple[bool, bool]:
    """Whether the article is about suicide or self-harm (needs a crisis banner), and whether it
    mentions them at all (the safety rules judge every mention)."""
    language = resources.language
    topics = set()
    for key in ("topics", "tags", "categories", "keywords"):
        value = doc.metadata.get(key)
        values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        topics.update(str(v).strip().lower().replace(" ", "-") for v in values)
    if topics & {t.lower() for t in language["topics"]}:
        return True, True
    trigger = words_regex(tuple(language["trigger_terms"]))
    title = doc.metadata.get("title")
    if isinstance(title, str) and trigger.search(title):
        return True, True
    # A heading about it, or more than a passing mention: a depression page that lists "suicidal
    # thoughts" once among the symptoms is not an article about suicide.
    needed = language.get("trigger_mentions", 1)
    mentions = 0
    for index in sorted(phrase_list(tuple(language["trigger_terms"])).blocks_in(doc)):  # blocks with a term's words
        block = doc.blocks[index]
        if block.kind == HEADING and trigger.search(block.text):
            return True, True
        if block.kind in PROSE_KINDS:
            for _ in trigger.finditer(block.text):
                mentions += 1
                if mentions >= needed:
                    return True, True
    return False, mentions > 0


def _addresses_reader(text: str, reader_words: tuple, imperative_words: tuple) -> bool:
    """Does the sentence speak to the reader: a second-person word, or an instruction (a clause
    that starts with call, go, get ...)?"""
    reader, instruction = _reader_regexes(reader_words, imperative_words)
    return bool(reader.search(text) or instruction.search(text))


@functools.lru_cache(maxsize=4)
def _reader_regexes(reader_words: tuple, imperative_words: tuple) -> tuple:
    instruction = regexcache.compile(rf"(?:^|[,:;—–]\s*)(?:please\s+)?(?:{words_regex(imperative_words).pattern})", re.IGNORECASE)
    return words_regex(reader_words), instruction


def _line_breaks_kept(text: str, breaks: tuple, offset: int) -> str:
    """The sentence with its line breaks back (each stands as a space in the block's text), so that
    numbers on two lines ("Call: 988" / "1-833-456-4566") are not read as one."""
    # Bisection: a paragraph of thousands of lines and sentences must not compare each with all.
    inside = [b - offset for b in breaks[bisect.bisect_left(breaks, offset) : bisect.bisect_left(breaks, offset + len(text))]]
    if not inside:
        return text
    chars = list(text)
    for at in inside:
        if chars[at] == " ":
            chars[at] = "\n"
    return "".join(chars)


def _plausible_phone(raw: str, digits: str) -> bool:
    if re.fullmatch(r"(?:1[89]|20)\d\d(?:\s*[-–]\s*(?:1[89]|20)\d\d)?", raw):  # a year, or a span of years
        return False
    if raw.count(".") == 1 or re.fullmatch(r"\d{1,3}[-–]\d{1,3}", raw):  # 14.2, ages 15-29
        return False
    return 3 <= len(digits) <= 15


def analyse(doc, resources, settings: dict) -> Analysis:
    """Find every contact the article offers, then decide the readers' region (declared, or
    inferred from those contacts and the page), then judge each contact for it."""
    language = resources.language
    contact_re = words_regex(tuple(language["contact_words"]) + resources.service_names())
    label_re = words_regex(tuple(language["label_words"]) + resources.service_names())
    is_a_service = _is_a_service_regex(tuple(language.get("service_nouns", ())))
    support_re = words_regex(tuple(language.get("support_words", ())))
    crisis_re = words_regex(tuple(language["crisis_words"]))
    call_re = words_regex(tuple(language["call_words"]))
    text_re = words_regex(tuple(language["text_words"]))
    chat_re = words_regex(tuple(language["chat_words"]))
    danger_re = words_regex(tuple(language["danger_phrases"]))
    addressed = (tuple(language["reader_words"]), tuple(language["imperative_words"]))
    # The blocks with a danger phrase, and the chat and directory addresses the article has at all.
    danger_blocks = phrase_list(tuple(language["danger_phrases"])).blocks_in(doc)
    article_text = doc.prose_lower()
    chat_urls = [(url, service) for url, service in resources.chat_urls() if url in article_text]
    article_directories = [url for url in resources.directories if url.lower() in article_text]

    found: list[Found] = []  # judged once the region is known
    mentions: list[Mention] = []
    danger: list[tuple[int, int]] = []
    headings: list[tuple[int, set, str]] = []  # (level, regions named, text) of the open sections
    in_top = True
    top_word_count = 0
    first_block = True
    lead_in = ""  # the previous block, when it ends with a colon: "If you are struggling, call:"
    for index, block in enumerate(doc.blocks):
        if block.kind not in PROSE_KINDS:
            continue
        introduced_by, lead_in = lead_in, (block.text if block.text.rstrip().endswith(":") else "")
        if not lead_in and block.kind == LIST_ITEM:
            lead_in = introduced_by  # a lead-in introduces the whole list after it
        if block.kind == HEADING:
            # The first block may be the title; any other heading below level 1 starts the sections.
            if not first_block and block.level > 1:
                in_top = False
            headings = [h for h in headings if h[0] < block.level]
            headings.append((block.level, resources.regions_named_in(block.text, block.words), block.text))
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

        sentences = block.sentences
        for k, sentence in enumerate(sentences):
            text = sentence.text
            offset = sentence.start
            words_before = top_word_count
            if in_top:
                top_word_count += len(text.split())
            following = sentences[k + 1].text if k + 1 < len(sentences) else ""
            if has_danger and (_addresses_reader(text, *addressed) or _addresses_reader(following, *addressed)):
                # Danger told to the reader ("if you are in immediate danger", "in an emergency,
                # go to ..."; or "... a psychiatric emergency. If you ..."), not reported
                # ("emergency services responded to the scene").
                for m in danger_re.finditer(text):
                    span = block.source_span(offset + m.start(), offset + m.end())
                    danger.append((span.start, span.end))
            top = (in_top, words_before + 1)  # near the top when it starts within the first top_words words
            numbers = find_numbers(_line_breaks_kept(text, block.breaks, offset)) if has_digits and _DIGIT.search(text) else []
            lowered = text.lower()
            urls = [(url, service) for url, service in block_urls if url in lowered]
            directories = [url for url in block_directories if url.lower() in lowered]
            if not (numbers or urls or directories):
                continue  # most sentences offer no contact: nothing more to judge
            named = resources.regions_named_in(text)
            scoped = named or section_regions  # the regions this sentence speaks to, if it says
            offers = set()
            if call_re.search(text):
                offers.add("call")
            if text_re.search(text):
                offers.add("text")
            if chat_re.search(text):
                offers.add("chat")
            table_contact = block.kind == TABLE_CELL and bool(contact_re.search(section_text))
            # "• SANE Australia – a free helpline ... 1800 187 236.": a list item that opens with a
            # label offers the numbers in it, however far after the label they stand.
            item_label = _item_label(block, label_re) if block.kind == LIST_ITEM else ""
            if block_has_crisis_words is None:
                block_has_crisis_words = bool(crisis_re.search(block.text)) or bool(introduced_by and crisis_re.search(introduced_by))
            crisis_context = bool(crisis_re.search(text)) or block_has_crisis_words or bool(crisis_re.search(section_text))

            previous, word_starts = None, [m.start() for m in _NON_SPACE.finditer(text)]  # once: a sentence may hold thousands of numbers
            for number in numbers:
                span = block.source_span(offset + number.start, offset + number.end)
                # A number is offered as a contact when a contact word or a service's name comes
                # shortly before it ("call", "helpline", "Samaritans 116 123", "Emergency services: 999").
                before = text[max(0, number.start - CONTACT_WINDOW_CHARS) : number.start]
                window = " ".join(before.split()[-CONTACT_WINDOW_WORDS:])
                # A list of services with their numbers is a directory: a number written as a phone
                # number ("0300 124 0093") in a list item that says it is a service of support is
                # offered, whatever the service is called (not "Appointments 866.588.2264").
                listed = (block.kind == LIST_ITEM and len(number.digits) >= language.get("listed_min_digits", 0) and _GROUPED.search(number.raw) is not None
                          and bool(support_re.search(block.text)))
                in_contact = (table_contact or bool(item_label) or listed or bool(contact_re.search(window)) or _labelled(before, label_re)
                              or _named_after(text[number.end :], label_re) or bool(is_a_service.match(text, number.end)))
                # "1-800-662-HELP (4357)": a bracketed number right after another is the same contact.
                alternative = previous is not None and re.fullmatch(r"\s*\(", text[previous.end : number.start]) is not None
                previous = number
                labelled = resources.region_labelling(before)
                number_scope = {labelled} if labelled else scoped
                # Near the top when the number itself is within the first top_words words.
                at = (top[0], words_before + bisect.bisect_left(word_starts, number.start) + 1)  # the words before it, + 1
                found.append(Found("number", number_scope, at, span, text, number, in_contact, crisis_context or listed, offers, alternative, block, offset,
                                   label=(item_label + " " + before[-LABEL_CHARS:]).strip()))

            for url, service in urls:
                at = lowered.index(url)
                span = block.source_span(offset + at, offset + at + len(url))
                found.append(Found("url", scoped, top, span, text[at : at + len(url)], service, offers=offers | {"chat"}))
            for url in directories:
                if url.lower() in lowered:
                    at = lowered.index(url.lower())
                    span = block.source_span(offset + at, offset + at + len(url))
                    mentions.append(Mention("directory", span.start, span.end, url, *top))
        # Chat links whose visible text is not the URL ("chat with us").
        for start, end, href in block.links:
            for service in resources.services.values():
                for contact in service.contacts:
                    if contact.url and contact.url.lower() in href.lower():
                        span = block.source_span(start, end)
                        # Near the top when the whole block ends within the first top_words words.
                        found.append(Found("link", section_regions, (in_top, top_word_count), span, href, service, offers={"chat"}))

    unscoped = [
        (f.detail.raw, resources.canonical(f.detail.raw))
        for f in found
        if f.kind == "number" and not f.scoped and f.in_contact and not f.alternative
    ]
    # Lines given under a country's name ("Crisis Services Canada: 1-833-456-4566"): when the page
    # says nothing else of its readers and names one country for all its lines, they are its readers.
    scoped_lines = [(f.detail.raw, frozenset(f.scoped)) for f in found if f.kind == "number" and f.scoped and f.in_contact and not f.alternative]
    readers = readers_region(doc, resources, settings, unscoped, scoped_lines)

    def near_regions(f):
        # A near miss is looked for in the readers' region; when nothing says which that is, in any.
        return f.scoped or (set(resources.regions) if readers.source == "default" else {readers.code})

    for f in found:
        allowed = f.scoped or {readers.code}
        if f.kind == "number":
            mention = _classify(resources, f, allowed, near_regions(f))
            if mention and f.alternative and mention.kind in ("unknown", "wrong-region"):
                continue
            if mention:
                mentions.append(mention)
                mentions.extend(_ended_options(resources, mention, f.detail, f.text, f.block, f.offset, allowed))
        elif f.detail.region in (allowed if f.kind == "url" else allowed | {readers.code}):
            if f.kind == "link" and any(m.start == f.span.start and m.service is f.detail for m in mentions):
                continue
            mentions.append(Mention("service", f.span.start, f.span.end, f.text, *f.top, f.detail, f.offers))
    mentions.sort(key=lambda m: (m.start, m.end))
    start = doc.body_start()
    about, mentioned = topic(doc, resources)
    return Analysis(readers.code, about, mentions, (start.start, start.end), danger, readers, mentioned)


@dataclass
class Found:
    """A contact found in the article, judged once the readers' region is known."""

    kind: str  # number, url (a chat address in the text), link (a chat link's target)
    scoped: set  # the regions its sentence or section names, if any
    top: tuple[bool, int]
    span: object
    text: str  # number: the sentence; url, link: the address
    detail: object = None  # number: the phone number found; url, link: the service
    in_contact: bool = False
    crisis_context: bool = False
    offers: set = field(default_factory=set)
    alternative: bool = False
    block: object = None
    offset: int = 0
    label: str = ""  # number: the words just before it, or the label of its list item


@functools.lru_cache(maxsize=8)
def _is_a_service_regex(nouns: tuple[str, ...]) -> re.Pattern:
    """'‘50808’ is a first of its kind for Ireland, a free 24/7 text service': the number is the
    service's name, and the sentence says what it is."""
    words = "|".join(r"\s+".join(map(re.escape, n.split())) for n in nouns) or "(?!)"
    return regexcache.compile(rf"[’'\"”]?\s+is\s+(?:a|an|the|now)\b[^.;]{{0,60}}?\b(?:{words})\b", re.IGNORECASE)


def _item_label(block, label_re) -> str:
    """The label a list item opens with ("SANE Australia – ...", "Lifeline: ..."), if it names a service."""
    label = re.match(r"\s*([\w&'’ ]{2,60}?)\s*[:–—-]\s", block.text)
    return label.group(1) if label and label_re.search(label.group(1)) else ""


def _labelled(window: str, label_re) -> bool:
    """'Emergency services: 999', 'Samaritans – 116 123': a label ending in a colon or dash names
    what the number is for, with no verb."""
    label = re.search(r"([\w&'’ ]{2,60})\s*[:–—-]\s*$", window)
    return bool(label) and bool(label_re.search(label.group(1)))


def _named_after(after: str, label_re) -> bool:
    """'988 Suicide & Crisis Lifeline', '116 123 (Samaritans)': the service's name right after the
    number, in capitals ("988 people called" is not one)."""
    name = re.match(r"\s*[(:–—-]?\s*((?:[A-Z][\w'’]*\s+(?:(?:&|and)\s+)?){0,3}[A-Za-z][\w'’]*)", after[:80])
    return bool(name) and name.group(1)[:1].isupper() and bool(label_re.search(name.group(1)))


def _classify(resources, found: Found, allowed, near_regions) -> Mention | None:
    number, text, in_contact, crisis_context, offers, span, top = (found.detail, found.text, found.in_contact, found.crisis_context,
                                                                    found.offers, found.span, found.top)
    c = resources.canonical(number.raw)
    retired = resources.retired_by_number.get(c)
    # A number retired in one region may be a current line in another (741741: Canada's ended
    # Wellness Together text line, the US Crisis Text Line today).
    if retired and c in resources.by_number and not set(retired.regions) & allowed:
        retired = None
    if retired and (len(c) >= 7 or in_contact):
        return Mention("retired", span.start, span.end, number.raw, *top, detail=retired)
    named = not_its_own(resources, found.label, c, allowed) if in_contact and found.label else None
    if named is not None:  # "Kids Helpline – 1800 650 890": another service's number, or none's
        return Mention("unknown", span.start, span.end, number.raw, *top, detail=[resources.describe(named.id)], service=named)
    entries = [(s, contact) for s, contact in resources.by_number.get(c, []) if s.region in allowed]
    if entries and (in_contact or len(c) >= 7):
        service, contact = _best_entry(entries, text, number)
        return Mention("service", span.start, span.end, number.raw, *top, service, offers | {contact.type})
    emergency_regions = resources.emergency_by_number.get(c, [])
    if any(r in allowed for r in emergency_regions):
        return Mention("emergency", span.start, span.end, number.raw, *top) if in_contact else None
    if not in_contact:
        return None
    if c in resources.by_number or emergency_regions:
        elsewhere = sorted({s.region for s, _ in resources.by_number.get(c, [])} | set(emergency_regions))
        return Mention("wrong-region", span.start, span.end, number.raw, *top, detail=elsewhere)
    if crisis_context and _plausible_phone(number.raw, number.digits):
        # A number the data does not know is most often a real local or regional service (a county's
        # crisis line, a charity's own line): only one a digit away from a known line ("call or
        # text 998") is judged wrong.
        near = near_misses(resources, c, near_regions)
        if near:
            return Mention("unknown", span.start, span.end, number.raw, *top, detail=near)
        if impossible_length(resources, number.digits, allowed):
            return Mention("unknown", span.start, span.end, number.raw, *top)  # "01743 3686647": a digit too many
        if len(number.digits) >= resources.language.get("local_min_digits", 0):  # "the number had been 154" is a count
            return Mention("local", span.start, span.end, number.raw, *top)
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
                found.append(Mention("ended", span.start, span.end, press.group(), mention.opening, mention.reach, detail=ended))
        if ended.text_keyword:
            keyword = re.compile(rf"text\s+[\"“']?{re.escape(ended.text_keyword)}\b", re.IGNORECASE).search(text, max(0, number.start - 30), number.start)
            if keyword:
                span = block.source_span(offset + keyword.start(), offset + keyword.end())
                found.append(Mention("ended", span.start, span.end, keyword.group(), mention.opening, mention.reach, detail=ended))
    return found
