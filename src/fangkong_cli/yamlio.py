"""Safe YAML reading: every scalar stays a string, duplicate keys and aliases are refused, lines kept."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .errors import Problem

if TYPE_CHECKING:
    from yaml.nodes import Node

MAX_YAML_BYTES = 2 * 1024 * 1024
# A checklist nests four levels deep; a file nesting far deeper is not one (and deep enough
# nesting would exhaust Python's stack).
MAX_DEPTH = 32

# Path into the data (keys and list indexes) -> 1-based line number.
LineMap = dict[tuple[str | int, ...], int]

_PLAIN_NULLS = {"", "~", "null", "Null", "NULL"}
# Explicit core-schema tags are harmless here (the value stays text); any other tag, such as
# the python/object family, is refused.
_ALLOWED_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "map", "seq", "null", "int", "float", "bool", "timestamp")
}


@lru_cache(maxsize=1)
def _loader() -> type[Any]:
    """The loader class, made on first use: a command served from the cache never imports yaml.

    libyaml is used when PyYAML was built with it (the usual wheels are): the same grammar, many
    times faster than the pure-Python parser. No implicit resolvers: 08:30, no, 0123 and
    2021-01-01 stay the strings they look like; the models decide what a value may be.
    """
    import yaml

    base: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return type("_Loader", (base,), {"yaml_implicit_resolvers": {}})


def _first_alias_line(text: str) -> int | None:
    """Line of the first alias (*name): aliases are refused, so no billion-laughs expansion."""
    from yaml.events import AliasEvent

    if "*" not in text:
        return None
    loader = _loader()(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, AliasEvent):
                mark = event.start_mark
                return int(mark.line) + 1 if mark is not None else 1
    finally:
        loader.dispose()
    return None


class YamlDocument:
    """Plain data read from a YAML file, with the line of every key and item."""

    def __init__(self, data: Any, lines: LineMap) -> None:
        self.data = data
        self.lines = lines

    def line_of(self, loc: tuple[str | int, ...]) -> int | None:
        """The line of the deepest known part of `loc`."""
        while True:
            if loc in self.lines:
                return self.lines[loc]
            if not loc:
                return None
            loc = loc[:-1]


def parse_yaml(text: str, name: str) -> tuple[YamlDocument | None, list[Problem]]:
    import yaml

    try:
        alias_line = _first_alias_line(text)
        if alias_line is not None:
            return None, [Problem(name, alias_line, "yaml_alias")]
        loader = _loader()(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        detail = exc.problem or exc.context or ""
        return None, [Problem(name, line, "yaml_syntax", {"detail": detail})]
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, at its line
        # libyaml counts the position in bytes, the pure-Python reader in characters: find
        # the character itself (the first of its kind is the one the reader stopped at).
        if isinstance(exc.character, int) and chr(exc.character) in text:
            where = text.index(chr(exc.character))
            return None, [
                Problem(name, text[:where].count("\n") + 1, "yaml_bad_char", {"char": f"U+{exc.character:04X}"})
            ]
        return None, [Problem(name, None, "yaml_syntax", {"detail": str(exc)})]
    except yaml.YAMLError as exc:
        return None, [Problem(name, None, "yaml_syntax", {"detail": str(exc)})]
    except RecursionError:
        return None, [Problem(name, None, "too_deep")]
    if node is None:
        return None, [Problem(name, 1, "yaml_empty")]
    lines: LineMap = {}
    problems: list[Problem] = []
    data = _convert(node, (), lines, problems, name)
    return YamlDocument(data, lines), problems


def _convert(
    node: Node,
    loc: tuple[str | int, ...],
    lines: LineMap,
    problems: list[Problem],
    name: str,
) -> Any:
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    line = node.start_mark.line + 1
    lines.setdefault(loc, line)
    if len(loc) > MAX_DEPTH:
        problems.append(Problem(name, line, "too_deep"))
        return None
    if node.tag not in _ALLOWED_TAGS:
        problems.append(Problem(name, line, "yaml_tag", {"tag": node.tag}))
        return None
    if isinstance(node, ScalarNode):
        value = str(node.value)
        if node.style is None and value in _PLAIN_NULLS:
            return None
        return value
    if isinstance(node, SequenceNode):
        return [_convert(item, (*loc, i), lines, problems, name) for i, item in enumerate(node.value)]
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode):
                problems.append(Problem(name, key_line, "yaml_complex_key"))
                continue
            key = str(key_node.value)
            if key == "<<":
                problems.append(Problem(name, key_line, "yaml_merge_key"))
                continue
            if key in result:
                first = lines.get((*loc, key))
                problems.append(Problem(name, key_line, "yaml_duplicate_key", {"key": key, "first": first}))
                continue
            lines[(*loc, key)] = key_line
            result[key] = _convert(value_node, (*loc, key), lines, problems, name)
        return result
    return None  # pragma: no cover - yaml has no other node kinds
