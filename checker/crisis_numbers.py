"""How a number a page offers is judged against the crisis data when it is not simply a known
line of the readers' region: a digit away from a known line ("call or text 998"), a length no
number of its kind has there ("01743 3686647"), or another service's number given under a
service's name ("Kids Helpline – 1800 650 890", headspace's line)."""

from __future__ import annotations

from checker.phonenumbers import edit_distance_one


def impossible_length(resources, digits: str, allowed) -> bool:
    """Is the number written with a trunk prefix of the readers' region ("0" in the UK) but with a
    number of digits no number of that kind has there (`national_lengths`)?"""
    for code in allowed:
        region = resources.regions.get(code)
        lengths = region.national_lengths if region else {}
        prefix = max((p for p in lengths if digits.startswith(p)), key=len, default=None)
        if prefix is not None and len(digits) not in lengths[prefix]:
            return True
    return False


def near_misses(resources, canonical_number: str, allowed) -> list[str]:
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


def not_its_own(resources, label: str, canonical_number: str, allowed):
    """The service a label just before a number names, when the number is not one of its own but is
    written like its own (the same length and first digits): the page gives a service another
    number. None when the label names no service of the readers' regions, or the number is its own
    or of another kind (a branch's local line beside a national one)."""
    same_kind = resources.language.get("same_kind_digits", 4)
    for service in resources.services_named(label):
        if service.region not in allowed:
            continue
        own = [resources.canonical(c.number) for c in service.contacts if c.number]
        if not own or canonical_number in own:
            return None
        if any(len(o) == len(canonical_number) and o[:same_kind] == canonical_number[:same_kind] for o in own):
            return service
        return None
    return None
