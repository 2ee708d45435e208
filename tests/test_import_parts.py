"""The parts of `checklist import` one by one: cleaning, Word numbering, sentences, cadences, YAML."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fangkong_cli.models import Frequency
from fangkong_cli.notice_import.cadence import guess
from fangkong_cli.notice_import.clean import clean_line, clean_pages, join_paragraphs
from fangkong_cli.notice_import.docx_numbering import (
    Counter,
    Level,
    Numbering,
    chinese_number,
    format_number,
)
from fangkong_cli.notice_import.draft import build_draft
from fangkong_cli.notice_import.front import split_issuer
from fangkong_cli.notice_import.measures import find_measures, is_lead
from fangkong_cli.notice_import.patterns import parse_date_line
from fangkong_cli.notice_import.sentences import sentences, split_enumerated
from fangkong_cli.notice_import.wording import make_title
from fangkong_cli.notice_import.yamltext import comment, quote
from fangkong_cli.yamlio import parse_yaml


def test_clean_line_repairs_extraction_and_keeps_punctuation() -> None:
    assert clean_line("⼀线职⼯要加强⼤局意识") == "一线职工要加强大局意识"
    assert clean_line("疫 情 防 控") == "疫情防控"
    assert clean_line("指挥部 25、26 次视频会议") == "指挥部25、26次视频会议"
    assert clean_line("2021 年 1 月 20 日") == "2021年1月20日"
    assert clean_line("各市（州）总工会， 省级产业工会：") == "各市（州）总工会，省级产业工会："
    assert clean_line("use Excel tables\u200b") == "use Excel tables"


def test_page_numbers_and_running_headers_go() -> None:
    pages = [
        ["某市总工会文件", "一、加强领导", "各级工会要加强领导，落实", "— 1 —"],
        ["某市总工会文件", "责任。", "- 2 -"],
        ["某市总工会文件", "二、做好宣传", "第 3 页"],
    ]
    lines = clean_pages(pages)
    assert "某市总工会文件" not in lines and not any("—" in x or "页" in x for x in lines)
    assert join_paragraphs(lines, hard=False) == ["一、加强领导", "各级工会要加强领导，落实责任。", "二、做好宣传"]


def test_the_issuer_heading_page_one_and_signing_the_last_is_not_a_header() -> None:
    lines = clean_pages(
        [["某市总工会", "正文一。", "正文二。"], ["正文三。", "正文四。", "某市总工会", "2024年1月2日"]]
    )
    assert lines.count("某市总工会") == 2


def test_soft_wraps_join_but_headings_and_signatures_stay_apart() -> None:
    lines = ["一、总体要求", "各单位要深入学习贯彻", "", "会议精神。", "特此通知", "某某办公室", "2024年1月2日"]
    assert join_paragraphs(lines, hard=False) == [
        "一、总体要求",
        "各单位要深入学习贯彻会议精神。",
        "特此通知",
        "某某办公室",
        "2024年1月2日",
    ]
    assert join_paragraphs(["一、总体要求", "各单位要"], hard=True) == ["一、总体要求", "各单位要"]


@pytest.mark.parametrize(
    ("n", "text"),
    [(1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (21, "二十一"), (105, "一百零五"), (110, "一百一十")],
)
def test_chinese_counting(n: int, text: str) -> None:
    assert chinese_number(n) == text
    assert format_number(n, "chineseCounting") == text


def test_word_numbering_restarts_deeper_levels() -> None:
    levels = {
        0: Level("chineseCounting", "%1、", 1),
        1: Level("chineseCounting", "（%2）", 1),
        2: Level("decimal", "%3.", 1),
    }
    counter = Counter(Numbering({"5": ("0", levels, {})}))
    got = [counter.label("5", lvl) for lvl in (0, 1, 2, 2, 1, 2, 0, 2, 1)]
    assert got == ["一、", "（一）", "1.", "2.", "（二）", "1.", "二、", "1.", "（一）"]
    assert counter.label("9", 0) == ""  # a numId that numbering.xml does not define
    assert format_number(3, "ideographTraditional") == "丙" and format_number(2, "decimalEnclosedCircle") == "②"


def test_sentences_do_not_cut_inside_quotes_and_handle_half_width_stops() -> None:
    assert sentences("弘扬“生命至上。举国同心”的精神。要做好工作.版本1.5为准。") == [
        "弘扬“生命至上。举国同心”的精神。",
        "要做好工作.",
        "版本1.5为准。",
    ]
    lead, items = split_enumerated("要做好三项工作：一是加强值班，二是每天报送信息，三是储备物资。") or ("", [])
    assert lead == "要做好三项工作：" and [i[:2] for i in items] == ["一是", "二是", "三是"]
    assert split_enumerated("确保早发现、早报告。") is None


def test_clause_grouping() -> None:
    found, skipped = find_measures(
        "当前，疫情形势严峻。要结合“两节”活动，深入基层慰问职工，主动作为、担当尽责。对发现的问题，要立即整改。"
    )
    assert skipped == ["当前，疫情形势严峻"]
    assert [c.source for c in found] == [
        "要结合“两节”活动，深入基层慰问职工，主动作为、担当尽责",
        "对发现的问题，要立即整改",
    ]
    found, _ = find_measures("各单位要充分认识形势的严峻性，充分认识任务的艰巨性。")
    assert len(found) == 1 and found[0].exhortation


@pytest.mark.parametrize(
    ("text", "frequency", "due"),
    [
        ("每天对公共场所进行消毒", Frequency.DAILY, None),
        ("每个工作日测量体温", Frequency.WORKDAY, None),
        ("每周五前报送信息", Frequency.WEEKLY, None),
        ("于每月5日前报送台账", Frequency.MONTHLY, None),
        ("每季度开展一次演练", Frequency.QUARTERLY, None),
        ("于3月31日前报送总结", Frequency.ONCE, date(2024, 3, 31)),
        ("于1月10日前报送总结", Frequency.ONCE, date(2025, 1, 10)),  # a December notice: next January
        ("6月底前完成", Frequency.ONCE, date(2024, 6, 30)),
        ("一旦发现病例，立即报告", Frequency.AS_NEEDED, None),
        ("修订应急预案", Frequency.ONCE, None),
        ("学习1月20日会议精神", Frequency.ONCE, None),  # a day already past is no deadline
    ],
)
def test_cadence_guesses(text: str, frequency: Frequency, due: date | None) -> None:
    base = date(2024, 12, 5) if "1月10日" in text else date(2024, 2, 1)
    c = guess(text, 2024, base)
    assert (c.frequency, c.due) == (frequency, due)
    assert c.reason.startswith("imp.why.")


def test_a_deadline_without_a_known_year_is_left_for_review() -> None:
    c = guess("于3月31日前报送总结", None, None)
    assert c.frequency is Frequency.ONCE and c.due is None and c.review == "imp.review.no_year"
    window = guess("4月1日至4月30日开展活动", 2024, None)
    assert (window.frequency, window.start, window.end) == (Frequency.WINDOW, date(2024, 4, 1), date(2024, 4, 30))


def test_titles_are_short_and_say_the_action() -> None:
    assert (
        make_title("全省各级工会组织要深入学习贯彻习近平总书记关于疫情防控的重要讲话和重要指示精神")
        == "学习贯彻习近平总书记关于疫情防控"
    )
    assert make_title("请各级工会于2024年2月29日前将活动开展情况书面报送市总工会权益保障部") == "报送活动开展情况"
    assert make_title("遇有强降雨天气，要立即启动加密监测") == "立即启动加密监测"
    assert make_title("进一步强化“领导干部靠前指挥、部门协同联动”的工作格局") == "强化“领导干部靠前指挥、部门协同联动”"


HOSTILE = [
    'say "hi"',
    "a: b",
    "# not a comment",
    "line\nbreak",
    "- item",
    "08:30",
    "no",
    "~",
    "null",
    "0123",
    "back\\slash",
    "tab\there",
    "'single'",
    "[1, 2]",
    "{a: 1}",
    "&anchor",
    "*alias",
    "!!python/object",
    "  padded  ",
    "para\u2028sep",
    "bom\ufeff",
    "bell\x07",
    "\x85next",
    "全角：冒号＃号",
    "",
    "%YAML",
    "@at",
    "`tick`",
    "|",
    ">",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_round_trips_through_the_loader(text: str) -> None:
    doc, problems = parse_yaml(f"value: {quote(text)}  # {comment(text)}\nnext: {quote(text)}\n", "t.yaml")
    assert not problems and doc is not None
    assert doc.data == {"value": text, "next": text}


@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=40))
def test_any_text_round_trips(text: str) -> None:
    doc, problems = parse_yaml(f"- {quote(text)}  # {comment(text)}\n", "t.yaml")
    assert not problems and doc is not None and doc.data == [text]


def test_a_notice_pasted_as_one_line_gets_its_lines_back(tmp_path: Path) -> None:
    text = (
        "某县总工会办公室关于做好春节期间困难职工慰问工作的通知 各乡镇工会，县直各单位工会： "
        "为把党和政府的关怀及时送到困难职工家中，经研究，现将有关事项通知如下： 一、加强组织领导 "
        "各乡镇工会要成立慰问工作小组，明确专人负责，于1月20日前将慰问对象名单报送县总工会办公室。 "
        "二、做好走访慰问 各单位工会要每周走访困难职工家庭一次，做好走访记录。 疫 情 防 控 不放松。 "
        "某县总工会办公室 2024年1月5日"
    )
    assert len(text) >= 200
    path = tmp_path / "pasted.txt"
    path.write_text(text, encoding="utf-8")
    draft = build_draft(path)
    assert (draft.title, draft.issuer, draft.date) == (
        "关于做好春节期间困难职工慰问工作的通知",
        "某县总工会办公室",
        date(2024, 1, 5),
    )
    assert [s.title for s in draft.sections] == ["加强组织领导", "做好走访慰问"]
    weekly = next(m for m in draft.measures if m.cadence.frequency is Frequency.WEEKLY)
    assert weekly.source == "各单位工会要每周走访困难职工家庭一次"
    assert "疫情防控不放松" in draft.sections[1].skipped  # spaces between single characters: damage, not breaks


def test_relayed_notices_dates_in_chinese_numbers_and_quoted_titles() -> None:
    assert split_issuer("某市总工会办公室转发省总工会关于做好慰问工作的通知") == (
        "某市总工会办公室",
        "转发省总工会关于做好慰问工作的通知",
    )
    assert split_issuer("关于做好慰问工作的通知") == (None, "关于做好慰问工作的通知")
    assert parse_date_line("二0二四年三月五日") == date(2024, 3, 5)
    assert parse_date_line("二〇二四年十二月三十一日") == date(2024, 12, 31)
    assert parse_date_line("2024年2月30日") is None
    assert not is_lead("现将《关于请报送情况的通知》转发给你们")
    assert is_lead("有针对性地制定工作方案")


_PIECES = st.sampled_from(
    [
        "一、",
        "（一）",
        "1.",
        "（1）",
        "①",
        "一是",
        "要",
        "必须",
        "加强",
        "每天",
        "每周",
        "3月31日前",
        "4月1日至4月30日",
        "。",
        "，",
        "；",
        "：",
        "“",
        "”",
        "《",
        "》",
        "\n",
        "\n\n",
        " ",
        "各单位",
        "报送省总工会办公室",
        "特此通知",
        "2024年1月5日",
        "〔2024〕3号",
        "关于做好工作的通知",
        "各县总工会：",
        "职工",
        "⼀",
        "\u3000",
        "#",
        '"',
        "'",
        "-",
        "\f",
        "(一)",
        "二.",
        "附件：",
        "抄送：",
        "联系人：",
        "二〇二四年一月五日",
        "一旦发现",
        "每月5日前",
        ",",
        ".",
        ":",
        "（",
        "）",
        "x" * 300,
        "某市总工会办公室",
        "转发",
        "的",
        "\x07",
        "\u202e",
        "０",
    ]
)


@settings(deadline=None, max_examples=40)
@given(st.lists(_PIECES, max_size=60))
def test_any_notice_text_gives_a_valid_draft_or_a_clear_refusal(pieces: list[str]) -> None:
    import tempfile

    from fangkong_cli.errors import DataProblem
    from fangkong_cli.notice_import.output import write_draft
    from fangkong_cli.notice_import.yamltext import render_files

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "notice.txt"
        path.write_text("".join(pieces), encoding="utf-8")
        try:
            draft = build_draft(path)
        except DataProblem as exc:
            assert exc.key in ("imp.empty", "imp.no_body")
            return
        write_draft(render_files(draft), Path(folder) / "out", force=False)  # validated before it lands
        assert (Path(folder) / "out" / "notice.yaml").is_file()
