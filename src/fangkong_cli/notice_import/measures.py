"""Find the demands in a section's paragraphs and cut them into measures with a verbatim source.

A sentence is a demand when one of its clauses opens with a modal (要、必须、务必) or an action word
(加强、做好、落实、确保…). Its clauses are grouped: an adverbial (结合…，根据…，以…) goes with the
clause it introduces, a parallel run (充分认识…，充分认识…) and a run of short imperatives stay
together, a clause that opens with no action word continues the one before. Each item of an
一是…二是… list is one measure. Sentences that only describe the situation are left out.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .sentences import clauses, core, enumerator_at_start, sentences, split_enumerated

_MODAL = re.compile(
    r"^[^，,。]{0,18}?(?<![重主需纪提概只首摘必想])(?:要(?![求点素害闻件])|必须|务必|应当|须|请|原则上)"
)
_TITLES = re.compile(r"《[^》]*》")
# "有针对性地制定…": a manner adverb before the verb ("并做好…" stays with the clause before)
_LINKED = re.compile(r"^[\u4e00-\u9fff]{2,5}地(?=[\u4e00-\u9fff])")
_BARE_MODAL = re.compile(r"^(?:要(?![求点素害闻件])|必须|务必|应当|须|应)")
_CADENCE_ONLY = re.compile(r"^每[^，,]{0,7}[次回遍]$")
_LEAD = tuple(
    "要 必须 务必 应当 严禁 禁止 不得 请 认真 切实 严格 积极 扎实 深入 全面 全力 持续 进一步 大力 坚决 及时 广泛 "
    "主动 着力 努力 有效 不断 充分 重点 继续 加快 抓紧 尽快 立即 迅速 定期 每天 每日 每周 每月 统筹 精准 依法 规范 "
    "加强 做好 做到 落实 确保 推动 推进 组织 开展 建立 健全 完善 制定 修订 督促 指导 检查 排查 宣传 引导 教育 "
    "提高 增强 强化 坚持 发挥 参与 协助 配合 保障 保持 抓好 抓实 狠抓 守住 巩固 打好 克服 弘扬 传递 利用 普及 "
    "营造 聚焦 突出 关心 关爱 慰问 走访 帮扶 解决 维护 服务 召开 学习 贯彻 报送 上报 登记 核验 测量 消毒 通风 "
    "储备 配备 补充 更新 安排 部署 明确 压实 实行 实施 执行 遵守 减少 避免 暂停 取消 控制 防止 杜绝 严防 把 对 "
    "每 完成 保证 倾心 千方百计 适时 随时 经常 时刻 始终 重点 集中 统一 动员 发动 设立 成立 配齐 落细 做细 盯紧 紧盯 全覆盖 逐一 逐项 安排".split()
)
_FORWARD = re.compile(
    r"^(?:在|根据|按照|结合|围绕|针对|为了|为|通过|依托|对照|本着|立足|依据|按|以|当前|目前|近期|同时|此外|另外|特别是|尤其是|"
    r"遇有|遇到|遇|如遇|如有|如发生|如发现|一旦|若|如果|凡|自|从|即日起|(?:(?:19|20)[0-9]{2}年)?[0-9０-９]{1,2}月)"
)
_SETTING = re.compile(r"^(?:结合|根据|按照|围绕|针对|依托|对照|本着|立足|依据|以)")
# A time or occasion before the verb ("年底前完成…", "汛期实行…"): looked past when finding the action.
_WHEN = re.compile(
    r"^[在于]?(?:(?:19|20)[0-9]{2}年)?(?:[0-9０-９]{1,2}月(?:[0-9０-９]{1,2}日)?|年底|年内|月底|节前|节后|节日期间|汛期|春节前|元旦前|活动期间)(?:前|后|之前|以前|起|期间)?"
)
_PARALLEL = ("充分", "坚决", "把", "不", "始终", "时刻", "更加")
_ATTITUDE = re.compile(
    r"认识|重视|意识|思想|头脑|心态|站位|精神状态|责任感|紧迫感|使命感|定力|作风|担当|信心|决心|大局|中心|氛围"
)
_CONCRETE = re.compile(
    r"开展|组织|召开|制定|修订|建立|报送|上报|检查|排查|消毒|通风|测量|核验|登记|值班|储备|配备|慰问|走访|培训|演练|推送|"
    r"发放|设置|安排|接种|学习|宣传|教育|整治|帮扶|解决|落实|总结|传达|协商|援助|救助|监测|报告"
)
_LEAD_IN = re.compile(r"以下|如下|几点|几项|[一二三四五六七八九十两]+(?:项|个|点|方面|条)")
_SHORT = 8


class Candidate(NamedTuple):
    """One measure found in a paragraph."""

    source: str  # verbatim: a slice of the paragraph, without trailing punctuation
    context: str  # the lead-in of its list, read for a cadence when the item names none
    exhortation: bool  # a call with no concrete action: kept, marked for review


def _after_modal(text: str) -> str:
    match = _MODAL.match(text)
    return text[match.end() :] if match else text


def is_lead(text: str) -> bool:
    """The clause starts an action of its own (a 要 inside a quoted title 《…》 does not count)."""
    text = _TITLES.sub("《》", text.lstrip('“‘"'))
    if _MODAL.match(text) or enumerator_at_start(text):
        return True
    text = _LINKED.sub("", _WHEN.sub("", text, count=1), count=1)
    return text.startswith(_LEAD)


def _slogan(text: str, parts_needed: int = 2) -> bool:
    """A run of four-character phrases (主动作为、担当尽责), with no concrete act."""
    body = _after_modal(text)
    for word in sorted(_LEAD, key=len, reverse=True):
        if body.startswith(word) and len(body) > len(word) + 1:
            body = body[len(word) :]
            break
    parts = [p for p in re.split(r"[、，,]", body) if p]
    return len(parts) >= parts_needed and all(len(p) <= 5 for p in parts) and not _CONCRETE.search(text)


def _joins_previous(previous: str, text: str) -> bool:
    if not is_lead(text) or _CADENCE_ONLY.match(text):  # "每月至少一次" qualifies the clause before
        return True
    if _BARE_MODAL.match(text) and not _MODAL.match(previous):  # "对…的职工，要安排…"
        return True
    if len(core(previous)) <= _SHORT and len(core(text)) <= _SHORT:
        return True
    if text.startswith(_PARALLEL) and _after_modal(previous).startswith(text[: 2 if text[:2] in _PARALLEL else 1]):
        return True
    return _slogan(core(text)) and not _CONCRETE.search(text)


def _adverbial(text: str) -> bool:
    """A clause that introduces the next one: 结合…，一旦发现…，确需现金发放的，…"""
    if text.endswith("的") and not _MODAL.match(text):
        return True
    if _FORWARD.match(text) and not is_lead(text):
        return True
    # "要结合…活动，深入…": the modal belongs to the action that follows
    return bool(_MODAL.match(text) and _SETTING.match(_after_modal(text)))


def main_clause(source: str) -> str:
    """The clause of a measure that holds its action (past adverbials and topics)."""
    parts = [core(p) for p in clauses(source)]
    for i, text in enumerate(parts):
        following = parts[i + 1] if i + 1 < len(parts) else ""
        if _adverbial(text) or (_BARE_MODAL.match(following) and not _MODAL.match(text)):
            continue
        if is_lead(text):
            return text
    return parts[0] if parts else core(source)


def group_clauses(parts: list[str]) -> list[list[str]]:
    """Clauses of one sentence, grouped into measures (see the module docstring)."""
    groups: list[list[str]] = []
    pending: list[str] = []
    for i, part in enumerate(parts):
        text = core(part)
        if _adverbial(text) and i < len(parts) - 1:
            pending.append(part)
            continue
        if groups and not pending and _joins_previous(core(groups[-1][-1]), text):
            groups[-1].append(part)
        else:
            groups.append([*pending, part])
            pending = []
    if pending:
        groups.append(pending)
    return groups


def _is_demand(group: list[str]) -> bool:
    return any(is_lead(core(part)) for part in group)


def _exhortation(text: str) -> bool:
    pieces = [core(p) for p in clauses(text)]
    return all(_slogan(p) or (_ATTITUDE.search(p) and not _CONCRETE.search(p)) for p in pieces)


def _span(paragraph: str, pieces: list[str], at: int) -> tuple[str, int]:
    """The verbatim slice covering `pieces` (consecutive, starting at or after `at`)."""
    first = paragraph.index(pieces[0], at)
    last = paragraph.index(pieces[-1], first) + len(pieces[-1])
    return core(paragraph[first:last]), last


def find_measures(paragraph: str) -> tuple[list[Candidate], list[str]]:
    """The measures of one paragraph, and the sentences left out (verbatim)."""
    found: list[Candidate] = []
    skipped: list[str] = []
    at = 0
    context = ""
    for sentence in sentences(paragraph):
        listed = split_enumerated(sentence)
        if listed is not None:
            lead, items = listed
            if core(lead) and not (_LEAD_IN.search(lead) or lead.rstrip().endswith(("：", ":"))):
                found_lead, at = _grouped(paragraph, lead, at, skipped)
                found.extend(found_lead)
            elif core(lead):
                context = core(lead)
            for item in items:
                source, at = _span(paragraph, [item], at)
                if source:
                    found.append(Candidate(source, context, _exhortation(source)))
            continue
        stripped = core(sentence)
        if stripped.endswith(("：", ":")) or (sentence.rstrip().endswith(("：", ":")) and _LEAD_IN.search(sentence)):
            context = stripped
            skipped.append(stripped)
            at = paragraph.index(sentence, at) + len(sentence)
            continue
        grouped, at = _grouped(paragraph, sentence, at, skipped)
        found.extend(c._replace(context=context) for c in grouped)
    return found, skipped


def _grouped(paragraph: str, sentence: str, at: int, skipped: list[str]) -> tuple[list[Candidate], int]:
    out = []
    start = paragraph.index(sentence, at)
    cursor = start
    groups = group_clauses(clauses(sentence))
    for group in groups:
        source, cursor = _span(paragraph, group, cursor)
        if not source:
            continue
        if _is_demand(group):
            out.append(Candidate(source, "", _exhortation(source)))
        elif len(source) > 1:
            skipped.append(source)
    return out, start + len(sentence)
