"""Short titles and evidence suggestions for drafted measures, from the source's own words."""

from __future__ import annotations

import re

from .sentences import core

_ENUM = re.compile(
    r"^(?:[一二三四五六七八九十]{1,2}是|[一二三四五六七八九十]要|第[一二三四五六七八九十]{1,2}[，,、]|[（(][0-9]{1,2}[）)]|[①-⑳])"
)
_SUBJECT_MODAL = re.compile(
    r"^[^，,。]{0,18}?(?<![重主需纪提概只首摘必想])(?:要(?![求点素害闻件])|必须|务必|应当|须|请)"
)
_SUBJECT = re.compile(r"^[各全][^，,。要将于在]{0,12}?(?:工会|单位|部门|学校|站点|乡镇|企业|组织|机关)")
_DATE = re.compile(
    r"(?:于|在)?(?:(?:每月|(?:(?:19|20)[0-9]{2}年)?[0-9]{1,2}月)(?:[0-9]{1,2}日|底|末|上旬|中旬|下旬)?|[0-9]{1,2}日)(?:前|之前|以前)?"
)
_WHAT_TO_WHOM = re.compile(r"^将(.{2,20}?)(?:书面)?(报送|上报|提交|报)")
_ADVERBS = (
    "进一步",
    "认真",
    "切实",
    "严格",
    "积极",
    "扎实",
    "深入",
    "全面",
    "全力",
    "持续",
    "大力",
    "坚决",
    "及时",
    "广泛",
    "主动",
    "着力",
    "努力",
    "不断",
    "充分",
    "继续",
    "始终",
    "时刻",
    "扎实细致",
    "细致",
    "有序",
    "倾心尽力",
    "千方百计",
)
_CONNECTORS = "的和及与、"
MAX_TITLE = 20

_EVIDENCE: tuple[tuple[str, str], ...] = (
    (r"值班|值守", "值班记录"),
    (r"消毒|通风|测温|体温|健康码|核验|登记", "登记表或检查记录"),
    (r"检查|排查|督查|督导|巡查", "检查记录、问题整改清单"),
    (r"方案|预案|制度|机制|台账|清单|责任", "方案、制度或责任分工文本"),
    (r"会议|学习|传达|研判|贯彻", "会议记录、签到表"),
    (r"培训|演练|讲座|科普|教育", "培训或演练记录、照片"),
    (r"慰问|走访|帮扶|救助|关爱|送温暖|解困", "慰问或帮扶台账、照片"),
    (r"宣传|推送|报道|舆论|新闻|网站|公众号", "宣传材料、推送链接或截图"),
    (r"报送|上报|报告", "报送材料及报送记录"),
    (r"总结", "工作总结"),
    (r"储备|物资|配备", "物资台账"),
    (r"接种|疫苗", "接种登记或统计表"),
)
DEFAULT_EVIDENCE = "工作记录（待补充）"


def make_title(source: str) -> str:
    """The action of the source's main clause, without enumerator, subject, modal, dates and adverbs."""
    from .measures import main_clause

    text = _ENUM.sub("", main_clause(_ENUM.sub("", source.strip())))
    match = _SUBJECT_MODAL.match(text)
    if match and len(text) - match.end() >= 4:
        text = text[match.end() :]
    text = _SUBJECT.sub("", text, count=1) if len(text) > 8 else text
    text = _DATE.sub("", text) or text
    moved = _WHAT_TO_WHOM.match(text)
    if moved:  # "将工作总结报送办公室" -> "报送工作总结"
        text = moved.group(2) + moved.group(1)
    changed = True
    while changed:
        changed = False
        for adverb in sorted(_ADVERBS, key=len, reverse=True):
            if text.startswith(adverb) and len(text) - len(adverb) >= 4:
                text = text[len(adverb) :]
                changed = True
    text = text.strip("“”\"'‘’ ")
    if len(text) > MAX_TITLE:
        cut = max((i for i, c in enumerate(text[: MAX_TITLE + 1]) if c in _CONNECTORS and i >= 8), default=MAX_TITLE)
        text = text[:cut]
    return _balanced(text) or core(source)[:MAX_TITLE]


def _balanced(text: str) -> str:
    """Close a quote or bracket the cut left open: “领导干部靠前指挥 -> “领导干部靠前指挥”."""
    for left, right in ("“”", "（）", "《》", "()", "‘’"):
        missing = text.count(left) - text.count(right)
        if missing > 0:
            text = text.rstrip("的和及与、") + right * missing
    return text


def evidence_for(source: str) -> str:
    for pattern, evidence in _EVIDENCE:
        if re.search(pattern, source):
            return evidence
    return DEFAULT_EVIDENCE
