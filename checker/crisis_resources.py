"""The crisis-resources data file (rules/data/crisis-resources.yaml): loading and look-ups.

The file says, per region, which services a crisis banner may offer (numbers, text keywords, chat
URLs, emergency numbers), which numbers were retired or replaced and which services ended, and the
words articles use to offer them. This module checks its shape (SCHEMA) and turns it into indexes
by canonical number; checker.crisis_analysis decides what an article's use of them means.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass, field

from checker import regexcache
from checker.errors import UsageError
from checker.phonenumbers import canonical
from checker.phrases import first_word, longest_first, match_key
from checker.yamlload import load_data_file

CONTACT_TYPES = ("call", "text", "chat")


@dataclass
class Contact:
    type: str
    number: str = ""  # as written in the data
    url: str = ""
    keywords: tuple[str, ...] = ()
    then_press: str = ""


@dataclass
class Service:
    id: str
    name: str
    region: str
    contacts: list[Contact]
    crisis: bool = True
    valid_from: datetime.date | None = None
    also_called: tuple[str, ...] = ()  # other names articles use ("Samaritans", "HOPELINEUK")


@dataclass
class Region:
    code: str
    name: str
    banner: str
    locales: tuple[str, ...]
    aliases: tuple[str, ...]
    country_code: str
    emergency: tuple[str, ...]
    services: list[Service]
    domains: tuple[str, ...] = ()  # country domains of its publishers (uk, ie, com.au)
    markers: tuple[str, ...] = ()  # national services and institutions its pages name (NHS, HSE, Medicare)
    day_first: bool = False  # 03/04/2026 is 3 April
    # How many digits a number written with the trunk prefix has ("0" in the UK: 10 or 11), by
    # its first digits; a number of another length cannot be dialled as printed.
    national_lengths: dict = field(default_factory=dict)


# A region's code or name and a colon, just before a number ("US: 741-741, Canada: 68-68-68").
_REGION_LABEL = re.compile(r"(?:^|[\s(,;/])(?P<label>[A-Z][A-Za-z.]*(?:\s[A-Z][a-z]+)?)\s*:\s*$")


@dataclass
class Retired:
    number: str
    regions: tuple[str, ...]
    service: str
    replaced_by: str
    still_connects: bool
    retired_on: datetime.date | None
    type: str = "call"


@dataclass
class Ended:
    id: str
    regions: tuple[str, ...]
    service: str
    ended_on: datetime.date | None
    number: str
    then_press: str
    text_keyword: str
    replaced_by: str


@dataclass
class Resources:
    regions: dict[str, Region]
    directories: list[str]  # URLs
    retired: list[Retired]
    ended: list[Ended]
    language: dict
    country_codes: tuple[str, ...] = ()
    inference: dict = field(default_factory=dict)  # weights of the evidence for a page's region
    spelling: dict = field(default_factory=dict)  # a spelling's name: (its regions, its words)
    url_keys: tuple[str, ...] = ()  # metadata keys that hold a page's address
    by_number: dict = field(default_factory=dict)  # canonical -> [(Service, Contact)]
    emergency_by_number: dict = field(default_factory=dict)  # canonical -> [region code]
    retired_by_number: dict = field(default_factory=dict)  # canonical -> Retired
    services: dict = field(default_factory=dict)  # id -> Service
    _names: tuple | None = None  # compiled region names, built on first use
    _service_names: tuple | None = None  # compiled service names, built on first use
    _service_name_list: tuple | None = None  # service_names(), worked out on first use
    _markers: dict | None = None  # markers(), worked out on first use

    def canonical(self, number: str) -> str:
        return canonical(number, self.country_codes)

    def region_for(self, value) -> str | None:
        """A region code from a region code, a country name or a locale such as en-GB."""
        if not isinstance(value, str) or not value.strip():
            return None
        wanted = value.strip().lower().replace("_", "-")
        for code, region in self.regions.items():
            if wanted == code.lower() or wanted in (a.lower() for a in region.aliases):
                return code
            if wanted in (loc.lower() for loc in region.locales):
                return code
        if "-" in wanted:  # an unlisted locale: go by its country part (fr-BE -> BE if listed)
            return self.region_for(wanted.rsplit("-", 1)[1])
        return None

    def service_names(self) -> tuple[str, ...]:
        """The names articles give services: "Samaritans – 116 123" offers the number."""
        if self._service_name_list is None:
            names = (name for service in self.services.values() for name in _names_of(service))
            self._service_name_list = tuple(dict.fromkeys(names))
        return self._service_name_list

    def services_named(self, text: str) -> list[Service]:
        """The services whose names stand in text, the last named first ("Kids Helpline – ")."""
        if self._service_names is None:
            by_name: dict[str, list[Service]] = {}
            for service in self.services.values():
                for name in _names_of(service):
                    by_name.setdefault(match_key(name), []).append(service)
            alternatives = "|".join(re.escape(n) for n in longest_first(by_name))
            self._service_names = (regexcache.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE), by_name)
        regex, by_name = self._service_names
        return [service for m in reversed(list(regex.finditer(text))) for service in by_name[match_key(m.group())]]

    def markers(self) -> dict[str, list[str]]:
        """Each marker and the regions whose pages name it (GP: UK, Ireland, Australia, New Zealand).
        Shared: callers must not change it."""
        if self._markers is None:
            self._markers = {}
            for code, region in self.regions.items():
                for marker in region.markers:
                    self._markers.setdefault(marker, []).append(code)
        return self._markers

    def chat_urls(self) -> list[tuple[str, Service]]:
        """(lower-case chat URL, service) for every service that offers chat."""
        return [(c.url.lower(), s) for s in self.services.values() for c in s.contacts if c.url]

    def region_labelling(self, before: str) -> str | None:
        """The region a label just before a number names: "US: 741-741", "Canada: 686868"."""
        m = _REGION_LABEL.search(before)
        if not m:
            return None
        label = m.group("label")
        if label in self.regions:
            return label
        named = self.regions_named_in(label)
        return next(iter(named)) if len(named) == 1 else None

    def regions_named_in(self, text: str, words: frozenset | None = None) -> set[str]:
        """Regions whose name or alias appears in text (on word boundaries; short aliases such as
        "UK" only in capitals). `words`, the text's case-folded words when the caller has them
        (a block's), let most texts be answered without a search: a name matches only where its
        first word stands as a word."""
        if self._names is None:
            names = {}
            for code, region in self.regions.items():
                for name in (region.name, *region.aliases):
                    if name:
                        names[name if len(name) <= 3 else name.lower()] = code
            alternatives = "|".join(
                re.escape(n) if len(n) <= 3 else f"(?i:{re.escape(n)})" for n in longest_first(names)
            )
            firsts = [first_word(name) for name in names]
            first_words = None if None in firsts else frozenset(firsts)  # None: a name opens with no word
            self._names = (regexcache.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])"), names, first_words)
        regex, names, first_words = self._names
        if words is not None and first_words is not None and words.isdisjoint(first_words):
            return set()
        found = set()
        for m in regex.finditer(text):
            name = m.group()
            found.add(names.get(name) or names.get(name.lower()))
        found.discard(None)
        return found

    def describe(self, service_id: str) -> str:
        service = self.services.get(service_id)
        if not service:
            return service_id
        parts = []
        for contact in service.contacts:
            if contact.type == "chat":
                parts.append(f"chat at {contact.url}")
            elif contact.keywords:
                parts.append(f"text {contact.keywords[0]} to {contact.number}")
            else:
                verb = "call" if contact.type == "call" else "text"
                press = f" then press {contact.then_press}" if contact.then_press else ""
                parts.append(f"{verb} {contact.number}{press}")
        merged = []
        for part in parts:  # "call 988" + "text 988" -> "call or text 988"
            if merged and part.startswith("text ") and merged[-1] == "call " + part[5:]:
                merged[-1] = "call or text " + part[5:]
            else:
                merged.append(part)
        return f"{service.name}: {', '.join(merged)}"


def _date(value):
    return value if isinstance(value, datetime.date) else None


def _list(value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (str, int)):
        return (str(value),)
    return tuple(str(v) for v in value)


# The shape of the file (checker.schema): a missing or mistyped key is one line naming file, line and
# key. Numbers are strings (quoted), so that "000" or "0800 1111" keep their leading zeros.
_WORDS = ["str"]
_NAMES = ("str", ["str"])  # one name or a list of them
_CONTACT = {"type": "str", "number?": "str", "url?": "str", "keyword?": _NAMES, "then_press?": "str"}
_SERVICE = {
    "id": "str",
    "name": "str",
    "contacts": [_CONTACT],
    "crisis?": "bool",
    "hours?": "str",
    "valid_from?": "date",
    "source_url?": "str",
    "verified_on?": "date",
    "also_called?": _NAMES,
}
_REGION = {
    "name": "str",
    "banner?": "str",
    "locales?": _NAMES,
    "aliases?": _NAMES,
    "country_code?": "str",
    "emergency?": _NAMES,
    "services?": [_SERVICE],
    "domains?": _NAMES,
    "markers?": _NAMES,
    "date_order?": "str",
    "national_lengths?": {"*": ["int"]},
}
SCHEMA = {
    "language": {
        "topics": _WORDS,
        "trigger_terms": _WORDS,
        "trigger_mentions?": "int",
        "contact_words": _WORDS,
        "crisis_words": _WORDS,
        "call_words": _WORDS,
        "text_words": _WORDS,
        "chat_words": _WORDS,
        "label_words": _WORDS,
        "service_nouns?": _WORDS,
        "support_words?": _WORDS,
        "local_min_digits?": "int",
        "listed_min_digits?": "int",
        "same_kind_digits?": "int",
        "danger_phrases": _WORDS,
        "reader_words": _WORDS,
        "imperative_words": _WORDS,
    },
    "inference": {"number": "number", "marker": "number", "domain": "number", "spelling?": "number", "spelling_words?": "int", "minimum": "number", "minimum_without_default?": "number"},
    "spelling?": {"*": {"regions": _NAMES, "words": _WORDS}},
    "url_keys": _WORDS,
    "regions": {"*": _REGION},
    "directories?": [{"id?": "str", "name?": "str", "url": "str", "source_url?": "str", "verified_on?": "date"}],
    "retired?": [
        {
            "number": "str",
            "aliases?": _WORDS,
            "type?": "str",
            "regions?": _NAMES,
            "service": "str",
            "retired_on?": "date",
            "replaced_by?": "str",
            "still_connects?": "bool",
            "source_url?": "str",
        }
    ],
    "ended?": [
        {
            "id": "str",
            "regions?": _NAMES,
            "service": "str",
            "ended_on?": "date",
            "number?": "str",
            "then_press?": "str",
            "text_keyword?": "str",
            "replaced_by?": "str",
            "source_url?": "str",
        }
    ],
}



def _names_of(service: Service) -> list[str]:
    """The names an article may give a service: its name without what is in brackets, and its others."""
    return [name for name in (re.sub(r"\s*\(.*?\)", "", service.name).strip(), *service.also_called) if name]

@functools.lru_cache(maxsize=8)
def load_resources(path: str) -> Resources:
    data = load_data_file(path, SCHEMA)
    _check_contact_types(data, path)
    try:
        return _build(data)
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise UsageError(f"{path}: invalid crisis resources file: {exc!r}") from None


def _check_contact_types(data, path: str) -> None:
    for code, region in data["regions"].items():
        if region.get("date_order", "day-first") not in ("day-first", "month-first"):
            line = region.line_of("date_order") if hasattr(region, "line_of") else 1
            raise UsageError(f"{path}:{line}: key 'regions.{code}.date_order': must be day-first or month-first")
        for s, service in enumerate(region.get("services", [])):
            for c, contact in enumerate(service["contacts"]):
                if contact["type"] not in CONTACT_TYPES:
                    line = contact.line_of("type") if hasattr(contact, "line_of") else 1
                    raise UsageError(
                        f"{path}:{line}: key 'regions.{code}.services[{s}].contacts[{c}].type': must be one of {', '.join(CONTACT_TYPES)}"
                    )


def _build(data) -> Resources:
    regions = {}
    for code, entry in data["regions"].items():
        services = []
        for item in entry.get("services", []):
            contacts = []
            for c in item["contacts"]:
                contacts.append(
                    Contact(c["type"], str(c.get("number", "")), str(c.get("url", "")), _list(c.get("keyword")), str(c.get("then_press", "")))
                )
            services.append(Service(item["id"], item["name"], code, contacts, bool(item.get("crisis", True)), _date(item.get("valid_from")),
                                    _list(item.get("also_called"))))
        regions[code] = Region(
            code=code,
            name=entry["name"],
            banner=entry.get("banner", ""),
            locales=_list(entry.get("locales")),
            aliases=_list(entry.get("aliases")),
            country_code=str(entry.get("country_code", "")),
            emergency=_list(entry.get("emergency")),
            services=services,
            domains=tuple(d.lower().lstrip(".") for d in _list(entry.get("domains"))),
            markers=_list(entry.get("markers")),
            day_first=entry.get("date_order", "day-first") == "day-first",
            national_lengths={str(k): tuple(v) for k, v in (entry.get("national_lengths") or {}).items()},
        )
    resources = Resources(
        regions=regions,
        directories=[d["url"] for d in data.get("directories", [])],
        retired=[
            Retired(str(r["number"]), _list(r.get("regions")), r["service"], r.get("replaced_by", ""), bool(r.get("still_connects")), _date(r.get("retired_on")), r.get("type", "call"))
            for r in data.get("retired", [])
        ],
        ended=[
            Ended(e["id"], _list(e.get("regions")), e["service"], _date(e.get("ended_on")), str(e.get("number", "")), str(e.get("then_press", "")), str(e.get("text_keyword", "")), e.get("replaced_by", ""))
            for e in data.get("ended", [])
        ],
        language=data["language"],
        inference={k: float(v) for k, v in data["inference"].items()},
        spelling={name: (_list(v["regions"]), tuple(v["words"])) for name, v in data.get("spelling", {}).items()},
        url_keys=tuple(data["url_keys"]),
        country_codes=tuple(longest_first({r.country_code for r in regions.values() if r.country_code})),
    )
    for region in regions.values():
        for service in region.services:
            resources.services[service.id] = service
            for contact in service.contacts:
                if contact.number:
                    resources.by_number.setdefault(resources.canonical(contact.number), []).append((service, contact))
        for number in region.emergency:
            resources.emergency_by_number.setdefault(resources.canonical(number), []).append(region.code)
    for entry in data.get("retired", []):
        retired = next(r for r in resources.retired if r.number == str(entry["number"]))
        for number in (entry["number"], *_list(entry.get("aliases"))):
            resources.retired_by_number[resources.canonical(str(number))] = retired
    return resources
