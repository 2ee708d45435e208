"""The message catalog: complete in both languages, and every key the code uses exists."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import invoke
from fangkong_cli.messages import MESSAGES, resolve_lang, t

SRC = Path(__file__).resolve().parents[1] / "src" / "fangkong_cli"
PLACEHOLDER = re.compile(r"\{(\w+)\}")
# Places where a catalog key is passed as the first string argument.
USES = re.compile(
    r"""(?:\bt|\.t|\.say|UsageProblem|DataProblem|WorkspaceLocked|FangkongError|Problem\([^,()]+,[^,()]+,)\(?\s*(?:lang,\s*|env\.lang,\s*|self\.lang,\s*)?"([a-z_][a-z0-9_.]*)\""""
)


def test_every_message_has_both_languages_with_the_same_placeholders() -> None:
    for key, (zh, en) in MESSAGES.items():
        assert zh.strip() and en.strip(), key
        assert set(PLACEHOLDER.findall(zh)) == set(PLACEHOLDER.findall(en)), key
        assert not re.search(r"[\u4e00-\u9fff]", en), f"Chinese left in the English text of {key}"


def test_every_key_the_code_uses_is_in_the_catalog() -> None:
    used = set()
    for path in SRC.rglob("*.py"):
        used |= set(USES.findall(path.read_text(encoding="utf-8")))
    assert len(used) > 40
    missing = sorted(k for k in used if k not in MESSAGES)
    assert missing == []


def test_language_choice() -> None:
    assert resolve_lang(None, {}) == "zh"
    assert resolve_lang(None, {"LANG": "C", "LC_ALL": "C"}) == "zh"
    assert resolve_lang(None, {"FANGKONG_LANG": "en"}) == "en"
    assert resolve_lang("zh", {"FANGKONG_LANG": "en"}) == "zh"
    assert t("en", "state.overdue") == "overdue" and t("zh", "state.overdue") == "逾期"


def test_english_interface_end_to_end(workspace: Path) -> None:
    result = invoke(["--lang", "en", "status", "--date", "2021-01-05"], cwd=workspace)
    assert result.exit_code == 0
    assert "overdue" in result.stdout and "As of 2021-01-05" in result.stdout.replace("\n", " ")
    err = invoke(["--lang", "en", "mark", "9.99", "-s", "done", "--by", "x"], cwd=workspace)
    assert err.exit_code == 2 and "no measure '9.99'" in err.stderr
    helped = invoke(["--lang", "en", "--help"])
    assert "Exit codes" in helped.stdout
