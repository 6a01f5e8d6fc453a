"""Adding a rule kind with a setting touches the kind's module, one line of the KINDS table and a
pack: config validation, per-path overrides, the engine and `rules test` pick the setting up."""

from __future__ import annotations

import datetime
import sys
import types

import pytest

from checker import kinds
from checker.config import load_config
from checker.engine import Engine
from checker.errors import UsageError
from checker.kinds import Kind, Param
from checker.rulefile import load_rules
from checker.selftest import check_all_examples


class ShoutingKind(Kind):
    """Flags a run of capital letters longer than the family setting `max_caps`."""

    PARAMETERS = {"minimum": Param("int", default=1, minimum=1, doc="a whole number of 1 or more")}
    SETTINGS = {"max_caps": Param("int", minimum=1, doc="a whole number of 1 or more")}
    FIELDS = ("match", "suggestion", "limit")

    def check(self, doc, context):
        limit = context.settings.get("shouting", {}).get("max_caps", 3)
        found = []
        for block in doc.blocks:
            for word in block.text.split():
                if word.isupper() and len(word) > limit:
                    start = block.text.index(word)
                    span = block.source_span(start, start + len(word))
                    found.append(self.finding(span.start, span.end, match=word, limit=limit))
        return found


PACK = """\
pack: shouting
rules:
  - id: shouting.caps
    kind: shouting
    severity: warning
    message: "'{match}' is more than {limit} capitals in a row."
    examples:
      fail: ["Please [[STOP]] now."]
      pass: ["Please stop now."]
"""


@pytest.fixture
def shouting(tmp_path, monkeypatch):
    module = types.ModuleType("shouting_kind")
    module.ShoutingKind = ShoutingKind
    monkeypatch.setitem(sys.modules, "shouting_kind", module)
    monkeypatch.setitem(kinds.KINDS, "shouting", ("shouting_kind", "ShoutingKind"))
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "shouting.yaml").write_text(PACK, encoding="utf-8")
    (tmp_path / "a.md").write_text("Please STOP now.\n", encoding="utf-8")
    (tmp_path / "loud").mkdir()
    (tmp_path / "loud" / "b.md").write_text("Please STOP now.\n", encoding="utf-8")
    return tmp_path


def run(root, config_text):
    (root / "carecheck.yaml").write_text(config_text, encoding="utf-8")
    config = load_config(cwd=root)
    ruleset = load_rules(extra_dirs=[root / "packs"], include_builtin=False)
    engine = Engine(ruleset, config, today=datetime.date(2026, 11, 25))
    return {r.path.rsplit("/", 1)[-1]: [f.message for f in r.findings] for r in engine.run([str(root)], jobs=1).files}


def test_a_new_kind_gets_its_setting_from_the_config_and_overrides(shouting):
    found = run(shouting, "shouting: {max_caps: 3}\noverrides:\n  - files: [loud/**]\n    shouting: {max_caps: 4}\n")
    assert found == {"a.md": ["'STOP' is more than 3 capitals in a row."], "b.md": []}


def test_a_new_kinds_setting_is_validated_with_file_and_line(shouting):
    with pytest.raises(UsageError) as info:
        run(shouting, "locale: en-US\nshouting: {max_caps: 0}\n")
    assert info.value.message.endswith("carecheck.yaml:2: key 'shouting.max_caps': must be a whole number of 1 or more")
    with pytest.raises(UsageError, match="key 'shouting': unknown key 'max_cap'"):
        run(shouting, "shouting: {max_cap: 3}\n")


def test_rules_test_checks_a_new_kinds_examples_with_default_settings(shouting):
    ruleset = load_rules(extra_dirs=[shouting / "packs"], include_builtin=False)
    rules, examples, failures, skipped = check_all_examples(ruleset)
    assert (rules, examples, failures, skipped) == (1, 2, [], [])
