"""Notices of several issuers and layouts (tests/notices/, written for these tests), as txt, and two
of them as .docx with Word's automatic numbering and as paginated .pdf: the same draft each time."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from fangkong_cli.checklist import load_checklist
from fangkong_cli.notice_import.draft import Draft, build_draft
from fangkong_cli.notice_import.output import write_draft
from fangkong_cli.notice_import.yamltext import render_files
from notice_files import NOTICES, docx_bytes, notice_text, paginate, pdf_bytes

D = date.fromisoformat

# name -> (title, doc number, issuer, addressees, date, section titles, reporting to)
FRAMES: dict[str, tuple[Any, ...]] = {
    "union": (
        "关于做好2024年元旦春节期间送温暖活动的通知",
        "滨工发〔2023〕15号",
        "滨河市总工会",
        ("各县（区）总工会", "市直各产业工会", "各基层工会"),
        D("2023-12-08"),
        ["加强组织领导", "精准确定慰问对象", "规范资金使用", "做好宣传报道"],
        "市总工会权益保障部",
    ),
    "gov": (
        "关于切实做好2024年汛期安全防范工作的通知",
        "青政办发〔2024〕7号",
        "青禾县人民政府办公室",
        ("各乡镇人民政府", "县政府各部门"),
        D("2024-05-10"),
        ["压实防汛责任", "强化监测预警", "做好应急准备", "严格值班值守"],
        None,
    ),
    "levels3": (
        "关于开展2024年度“安康杯”竞赛活动的通知",
        "江能工〔2024〕3号",
        "江岸省能源化工工会",
        ("各市（州）能源化工工会", "各直属企业工会"),
        D("2024-03-18"),
        ["竞赛内容", "工作要求", "总结评比"],
        "省能源化工工会办公室",
    ),
    "cadence": (
        "关于加强职工服务阵地日常管理的通知",
        "溪工办〔2024〕2号",
        "溪山市总工会办公室",
        ("各区（县）总工会", "各产业工会", "市总机关各部室"),
        D("2024-01-15"),
        ["日常巡查", "定期报送", "集中活动", "工作要求"],
        None,
    ),
    "halfwidth": (
        "关于做好中小学校园食品安全工作的通知",
        "东教发[2024]11号",
        "东屿区教育局",
        ("各中小学校", "各幼儿园"),
        D("2024-02-26"),
        ["落实主体责任", "严格进货查验", "做好信息报送"],
        None,
    ),
}

# name -> [(section id, the start of a measure's source, frequency, due or (start, end) or None)]
MEASURES: dict[str, list[tuple[str, str, str, Any]]] = {
    "union": [
        ("1", "要于12月20日前制定本单位送温暖活动实施方案", "once", D("2023-12-20")),
        ("2", "各级工会要对在档困难职工逐户走访核实", "once", D("2023-12-25")),
        ("2", "对节日期间坚守岗位的一线职工，要安排专人走访慰问", "once", None),
        ("3", "确需现金发放的，要由受助职工本人签收", "once", None),
        ("3", "各级工会要每月对资金使用情况开展一次自查，发现问题立即整改", "monthly", None),
        ("4", "每周向市总工会宣传教育部报送活动信息", "weekly", None),
        ("4", "请各级工会于2024年2月29日前将活动开展情况书面报送市总工会权益保障部", "once", D("2024-02-29")),
    ],
    "gov": [
        ("1", "各乡镇、各部门要严格落实防汛行政首长负责制", "once", None),
        ("1", "要在5月31日前完成辖区内山洪、地质灾害隐患点的全面排查", "once", D("2024-05-31")),
        ("2", "每天下午4时前向县防汛办报送雨情水情信息", "daily", None),
        ("2", "遇有强降雨天气，要立即启动加密监测，第一时间发布预警信息", "as_needed", None),
        ("3", "一是修订完善防汛应急预案，明确转移路线和安置点", "once", None),
        ("3", "二是每月开展一次防汛应急演练", "monthly", None),
        ("3", "三是储备必要的防汛物资，6月15日前完成物资清点补充", "once", D("2024-06-15")),
        ("4", "每日向县防汛办报告值班情况", "daily", None),
    ],
    "levels3": [
        ("1", "各企业工会要组织职工对生产现场开展隐患排查，每月至少一次", "monthly", None),
        ("1", "组织班组长参加安全管理培训", "once", None),
        ("1", "做到每班必讲", "daily", None),
        ("1", "各企业工会要配合行政在6月底前组织一次综合应急演练", "once", D("2024-06-30")),
        ("2", "各市（州）能源化工工会要把竞赛活动纳入年度重点工作", "once", None),
        ("3", "请各单位于11月30日前将竞赛总结报送省能源化工工会办公室", "once", D("2024-11-30")),
    ],
    "cadence": [
        ("1", "各职工服务站点要每天开展一次安全巡查", "daily", None),
        ("1", "每个工作日上午9时前开门接待职工", "workday", None),
        ("1", "一旦发现消防隐患，要立即停用相关场所并报告", "as_needed", None),
        ("2", "各区（县）总工会要于每月5日前报送上月服务台账", "monthly", None),
        ("2", "每季度末对站点运行情况进行一次评估", "quarterly", None),
        ("2", "职工之家建设情况要于2024年3月31日前报送市总工会基层工作部", "once", D("2024-03-31")),
        ("3", "4月1日至4月30日，各站点要集中开展“职工服务月”活动", "window", (D("2024-04-01"), D("2024-04-30"))),
        ("3", "年底前完成全部站点的标识标牌更新", "once", D("2024-12-31")),
        ("3", "要定期组织站点工作人员业务学习", "monthly", None),
        ("4", "各单位要适时组织开展服务满意度调查", "once", None),
    ],
    "halfwidth": [
        ("1", "每天安排校领导陪餐并做好记录", "daily", None),
        ("1", "每周开展一次食堂卫生检查", "weekly", None),
        ("2", '严禁采购"三无"食品', "once", None),
        ("3", "各学校要于每月10日前将上月食品安全自查表报区教育局安全科", "monthly", None),
        ("3", "如发生食品安全事故,要在1小时内报告区教育局", "as_needed", None),
    ],
}


def shape(draft: Draft) -> list[Any]:
    """What must not depend on the file format: sections, sources, frequencies, dates, the frame."""
    sections = [
        (s.id, s.title, [(m.source, m.cadence.frequency.value, m.cadence.due, m.cadence.start) for m in s.measures])
        for s in draft.sections
    ]
    return [
        sections,
        draft.title,
        draft.doc_number,
        draft.issuer,
        draft.addressees,
        draft.date,
        draft.reporting,
        draft.preamble,
    ]


@pytest.mark.parametrize("name", sorted(FRAMES))
def test_the_frame_of_each_notice(name: str) -> None:
    draft = build_draft(NOTICES / f"{name}.txt")
    title, number, issuer, addressees, when, sections, report_to = FRAMES[name]
    assert (draft.title, draft.doc_number, draft.issuer, draft.addressees, draft.date) == (
        title,
        number,
        issuer,
        addressees,
        when,
    )
    assert [s.title for s in draft.sections] == sections
    assert (draft.reporting.to if draft.reporting else None) == report_to
    assert draft.preamble is not None and "通知如下" in draft.preamble


@pytest.mark.parametrize("name", sorted(MEASURES))
def test_measures_and_their_guessed_frequencies(name: str) -> None:
    draft = build_draft(NOTICES / f"{name}.txt")
    text = notice_text(name)
    for section_id, start, frequency, when in MEASURES[name]:
        section = next(s for s in draft.sections if s.id == section_id)
        found = [m for m in section.measures if m.source.startswith(start)]
        assert len(found) == 1, (name, start, [m.source for m in section.measures])
        c = found[0].cadence
        assert c.frequency.value == frequency, (start, c)
        if isinstance(when, tuple):
            assert (c.start, c.end) == when
        else:
            assert c.due == when, (start, c)
    for measure in draft.measures:
        assert measure.source in text  # these notices have no extraction damage: verbatim as typed
        assert 0 < len(measure.title) <= 20 and "\n" not in measure.title


def test_nested_levels_are_found_by_order_of_first_appearance() -> None:
    three = build_draft(NOTICES / "levels3.txt")
    paths = {m.path for m in three.sections[0].measures}
    assert ("（一）开展安全隐患排查",) in paths and ("（三）开展应急演练",) in paths
    skipping = build_draft(NOTICES / "gov.txt")  # 一、 then 1. (no （一）): 1. is the second level
    assert [len(s.measures) for s in skipping.sections][0] == 3
    assert all(not m.path for m in skipping.measures)


def test_reasons_and_review_items() -> None:
    draft = build_draft(NOTICES / "cadence.txt")
    by_start = {m.source[:6]: m for m in draft.measures}
    assert by_start["各单位要适时"].cadence.review == "imp.review.vague"
    assert by_start["要定期组织站"].cadence.reason == "imp.why.every"
    assert by_start["各职工服务站"].cadence.params["text"] == "每天"
    assert {r.key for r in draft.all_review} >= {"imp.review.vague"}


@pytest.mark.parametrize("name", ["union", "levels3", "cadence", "gov", "halfwidth"])
def test_every_draft_validates_as_written(name: str, tmp_path: Path) -> None:
    draft = build_draft(NOTICES / f"{name}.txt")
    write_draft(render_files(draft), tmp_path / "out", force=False)
    loaded = load_checklist(sorted((tmp_path / "out").glob("*.yaml")))
    assert [m.id for m in loaded.measures] == [m.id for m in draft.measures]
    assert [m.source for m in loaded.measures] == [m.source for m in draft.measures]
    assert [m.frequency for m in loaded.measures] == [m.cadence.frequency for m in draft.measures]


def _pdf_text(name: str) -> str:
    """The notice as a PDF would give it: a word split by a page break (at the end of a full
    line: 工|人, 时|限), Kangxi look-alikes, spaces between characters and around digits."""
    text = notice_text(name)
    for old, new in (
        ("一线环卫工人", "⼀线环卫工\f人"),
        ("整改时限", "整改时\f限"),
        ("送温暖活动作为", "送 温 暖 活动作为"),
        ("2024年度“安康杯”竞赛活动。", "2024 年度“安康杯”竞赛活动。"),
        ("困难职工帮扶", "困难职⼯帮扶"),
    ):
        text = text.replace(old, new)
    return text


@pytest.mark.parametrize("name", ["union", "levels3"])
def test_docx_with_automatic_numbering_gives_the_same_draft(name: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.docx"
    path.write_bytes(docx_bytes(notice_text(name)))
    from_docx = build_draft(path)
    assert shape(from_docx) == shape(build_draft(NOTICES / f"{name}.txt"))
    assert from_docx.kind == "docx"
    assert [r.key for r in from_docx.review] == ["imp.review.tables"]


@pytest.mark.parametrize("name", ["union", "levels3"])
def test_pdf_with_pages_headers_and_split_words_gives_the_same_draft(name: str, tmp_path: Path) -> None:
    pages = paginate(_pdf_text(name), "内部资料　注意保存", per_page=12)
    assert len(pages) >= 3
    assert any(page[-2].endswith(("环卫工", "整改时")) for page in pages)  # the split word sits at a page end
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf_bytes(pages))
    from_pdf = build_draft(path)
    assert shape(from_pdf) == shape(build_draft(NOTICES / f"{name}.txt"))
    assert "内部资料" not in from_pdf.text and "—" not in from_pdf.text
    assert "⼀" not in from_pdf.text and "⼯" not in from_pdf.text
