"""The regular shapes of a 公文 (GB/T 9704): heading numbers, document numbers, dates, end matter."""

from __future__ import annotations

import re
from datetime import date

CN_NUM = "一二三四五六七八九十百零〇"
_LPAREN = "（("
_RPAREN = "）)"

# Heading numbers, one pattern per style; the depth of a style is decided by the order in which
# the styles first appear in the notice (a notice may skip a level).
HEADING_STYLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cn", re.compile(rf"^([{CN_NUM}]{{1,3}})[、．.]\s*(?=\S)")),
    ("cn_paren", re.compile(rf"^[{_LPAREN}]([{CN_NUM}]{{1,3}})[{_RPAREN}]\s*(?=\S)")),
    ("digit", re.compile(r"^([0-9０-９]{1,2})[.．、](?![0-9０-９])\s*(?=\S)")),
    ("digit_paren", re.compile(rf"^[{_LPAREN}]([0-9０-９]{{1,2}})[{_RPAREN}]\s*(?=\S)")),
    ("circled", re.compile(r"^([①-⑳])\s*(?=\S)")),
)

SENTENCE_END = "。！？；!?;"
FINAL_CHARS = "。！？；：!?;:"

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0, "O": 0, "0": 0, "０": 0}

DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,12}\s*[〔\[［【(（]\s*((?:19|20)\d{2})\s*[〕\]］】)）]\s*第?\s*[0-9０-９]{1,4}\s*号"
)
DATE_LINE = re.compile(
    r"^\s*((?:19|20)[0-9０-９]{2}|[〇一二三四五六七八九○零O0０]{4})\s*年\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*$"
)
END_MATTER = re.compile(r"^\s*(附件|抄送|抄报|印发|主送|（此件|\(此件|（此页|（联系人|\(联系人|联系人|联系电话)")
CLOSING = re.compile(r"^\s*(特此通知|特此通报|特此函告|专此通知|此复|此函)[。！]?\s*$")
CONTACT = re.compile(r"^\s*[（(]?\s*(联系人|联系电话|电\s*话|邮\s*箱|传\s*真|地\s*址|电子邮箱)\s*[：:]")
DOC_KINDS = (
    "通知",
    "意见",
    "方案",
    "决定",
    "通报",
    "函",
    "办法",
    "规定",
    "要求",
    "纪要",
    "公告",
    "通告",
    "请示",
    "报告",
    "批复",
    "决议",
    "细则",
    "规划",
    "计划",
    "指引",
    "指南",
    "提示",
    "倡议书",
    "公开信",
)


def heading_style(text: str) -> tuple[str, str, str] | None:
    """(style, number, text after the number) when a paragraph starts with a heading number."""
    for style, pattern in HEADING_STYLES:
        match = pattern.match(text)
        if match and re.search(r"\w", text[match.end() :]):  # "（一）。" alone heads nothing
            return style, match.group(1), text[match.end() :]
    return None


def cn_to_int(text: str) -> int | None:
    """一 -> 1, 十二 -> 12, 二十一 -> 21, 12 -> 12 (digits pass through)."""
    text = text.translate(_FULLWIDTH_DIGITS)
    if text.isdecimal():
        return int(text)
    if not text or any(c not in "零〇一二三四五六七八九十百" for c in text):
        return None
    total, current = 0, 0
    for c in text:
        if c == "百":
            total += (current or 1) * 100
            current = 0
        elif c == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _CN_DIGIT.get(c, 0)
    return total + current


def parse_date_line(text: str) -> date | None:
    match = DATE_LINE.match(text)
    if not match:
        return None
    year_text = match.group(1).translate(_FULLWIDTH_DIGITS)
    if not year_text.isdecimal():
        year_text = "".join(str(_CN_DIGIT.get(c, 0)) for c in year_text)
    month, day = cn_to_int(match.group(2)), cn_to_int(match.group(3))
    try:
        return date(int(year_text), month or 0, day or 0)
    except ValueError:
        return None


def ends_final(text: str) -> bool:
    """A line ending like this may end a paragraph (a sentence, a list lead-in, a closed bracket)."""
    stripped = text.rstrip()
    if not stripped:
        return True
    last = stripped[-1]
    if last in FINAL_CHARS or (last == "." and len(stripped) > 1 and "\u4e00" <= stripped[-2] <= "\u9fff"):
        return True
    if last in '”’"' and len(stripped) > 1 and stripped[-2] in FINAL_CHARS:
        return True
    return last in "）)" and stripped.lstrip()[:1] in "（("
