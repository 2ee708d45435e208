"""fangkong report: every format written from a month of records and read back."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import zipfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import invoke, make_workspace

NOW = "2021-02-03T10:00:00+08:00"  # reports are written after the month ends
FORMULA_NOTE = '=HYPERLINK("http://evil.example","x")'
MARKUP_NOTE = "<b>加粗</b> | *星号* _下划线_"
EVIDENCE_URL = "https://example.org/evidence/1"
SKIPPED_DAYS = {date(2021, 1, 7), date(2021, 1, 14), date(2021, 1, 21)}
FORMATS = ("md", "html", "csv", "json", "xlsx", "docx")

TAILORING = """
[[tailoring]]
measure = "3.1"
reason = "由市总统一开展送温暖"
"""


def mark(ws: Path, *args: str, day: str, now: str | None = None) -> int:
    result = invoke(["mark", *args, "--by", "张三", "--date", day], cwd=ws, now=now or f"{day}T18:00:00+08:00")
    return result.exit_code


def build_month(root: Path, unit_id: str = "xining", unit_name: str = "西宁市总工会") -> Path:
    """A unit's January 2021: daily and workday measures answered except on three days,
    a few notes (one formula-like, one with markup), an n/a, a tailored measure, a late record."""
    ws = make_workspace(root, unit_id=unit_id, unit_name=unit_name, extra=TAILORING)
    config = ws / "fangkong.toml"
    config.write_text(
        config.read_text(encoding="utf-8")
        .replace('preparer = ""', 'preparer = "张三"')
        .replace('phone = ""', 'phone = "0971-1234567"'),
        encoding="utf-8",
    )
    day = date(2021, 1, 4)
    while day <= date(2021, 1, 31):
        if day not in SKIPPED_DAYS:
            assert mark(ws, "2.18", "--status", "done", day=day.isoformat()) == 0
            mark(ws, "2.10", "2.11", "--status", "done", day=day.isoformat())  # refused on days off
        day += timedelta(days=1)
    assert mark(ws, "1.1", "--status", "done", "--note", FORMULA_NOTE, day="2021-01-05") == 0
    assert (
        mark(ws, "4.19", "--status", "partial", "--note", MARKUP_NOTE, "--evidence", EVIDENCE_URL, day="2021-01-05")
        == 0
    )
    assert mark(ws, "1.3", "--status", "not_done", "--note", "+待上级通知", day="2021-01-05") == 0
    assert mark(ws, "2.19", "--status", "na", "--reason", "由上级工会统一储备配发", day="2021-01-05") == 0
    # 2.1 is due within the campaign's first 21 days (to 2021-01-24); recorded on the 25th: late
    assert mark(ws, "2.1", "--status", "done", day="2021-01-12", now="2021-01-25T09:00:00+08:00") == 0
    return ws


@pytest.fixture(scope="module")
def month(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    with clean_environment():
        yield build_month(tmp_path_factory.mktemp("month") / "ws")


@contextlib.contextmanager
def clean_environment() -> Iterator[None]:
    """What the autouse fixture does per test, for fixtures shared by a module: never a
    FANGKONG_HOME of the person running the tests."""
    with pytest.MonkeyPatch.context() as patch:
        for name in ("FANGKONG_HOME", "FANGKONG_LANG", "FANGKONG_NOW", "FANGKONG_LOCK_TIMEOUT"):
            patch.delenv(name, raising=False)
        yield


def report(ws: Path, fmt: str, out: Path, *extra: str, now: str = NOW) -> bytes:
    result = invoke(
        ["report", "--month", "2021-01", "--date", "2021-01-31", "-f", fmt, "-o", str(out), *extra], cwd=ws, now=now
    )
    assert result.exit_code == 0, result.stderr
    return out.read_bytes()


# ---------------------------------------------------------------------------------- json


def test_json_report_schema_and_figures_match_status(month: Path, tmp_path: Path) -> None:
    data = json.loads(report(month, "json", tmp_path / "r.json"))
    status = invoke(["status", "--format", "json", "--date", "2021-01-31"], cwd=month, now=NOW)
    assert status.exit_code == 0, status.stderr
    expected = json.loads(status.stdout)

    assert data["schema_version"] == 1
    assert data["kind"] == "fangkong-report"
    assert data["checklist"] == "qzbt-2021-4"
    assert data["notice"]["doc_number"] == "青总办通〔2021〕4号"
    assert data["unit"] == {"id": "xining", "name": "西宁市总工会"}
    assert data["period"] == {"from": "2021-01-01", "to": "2021-01-31", "label": "2021-01"}
    assert data["as_of"] == "2021-01-31"
    assert "generated_at" not in data
    assert data["summary"] == expected["summary"]
    assert [s["summary"] for s in data["sections"]] == [s["summary"] for s in expected["sections"]]
    measures = {m["id"]: m for s in data["sections"] for m in s["measures"]}
    for m in expected["measures"]:
        mine = measures[m["id"]]
        assert mine["summary"]["slots_due"] == m["slots_due"], m["id"]
        assert mine["summary"]["answered"] == m["answered"], m["id"]
        assert mine["summary"]["overdue"] == m["overdue"], m["id"]
        assert mine["summary"]["late"] == m["late"], m["id"]
        assert mine["overdue_slots"] == m["overdue_slots"], m["id"]
        assert mine["state"] == m["state"], m["id"]
    assert data["summary"]["overdue"] > 0 and data["summary"]["answered"] > 0

    assert measures["2.18"]["overdue_slots"] == [d.isoformat() for d in sorted(SKIPPED_DAYS)]
    slot = next(s for s in measures["4.19"]["slots"] if s["key"] == "2021-01")
    assert slot["state"] == "partial" and slot["note"] == MARKUP_NOTE
    assert slot["evidence"] == [{"kind": "url", "value": EVIDENCE_URL}]
    late = next(s for s in measures["2.1"]["slots"] if s["key"] == "once")
    assert late["late"] is True
    na = {n["measure"]: n for n in data["not_applicable"]}
    assert na["2.19"]["reason"] == "由上级工会统一储备配发" and na["2.19"]["tailored"] is False
    assert na["3.1"]["reason"] == "由市总统一开展送温暖" and na["3.1"]["tailored"] is True
    assert data["signoff"] == {"preparer": "张三", "phone": "0971-1234567", "reviewer": "", "date": "2021-01-31"}


def test_json_keys_are_sorted(month: Path, tmp_path: Path) -> None:
    raw = report(month, "json", tmp_path / "r.json")
    data = json.loads(raw)
    assert raw.decode("utf-8") == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# ---------------------------------------------------------------------------------- csv


def test_csv_has_bom_one_row_per_slot_and_no_formulas(month: Path, tmp_path: Path) -> None:
    raw = report(month, "csv", tmp_path / "r.csv")
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") >= raw.count(b"\n") - raw.count(b'\n"')  # CRLF row ends
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    header, body = rows[0], rows[1 : rows.index([])]  # the 整改台账 follows an empty row
    assert header[:2] == ["单位编号", "报告期"]
    col = {name: i for i, name in enumerate(header)}
    data = json.loads(report(month, "json", tmp_path / "r.json"))
    expected_rows = sum(max(1, len(m["slots"]) + len(m["events"])) for s in data["sections"] for m in s["measures"])
    assert len(body) == expected_rows
    # ids, slot keys and dates start with U+2060 so spreadsheets keep them as text
    assert all(r[col["编号"]].startswith("\u2060") for r in body)
    bare = [[cell.removeprefix("\u2060") for cell in row] for row in body]
    notes = {(r[col["编号"]], r[col["时段键"]]): r[col["备注"]] for r in bare}
    assert notes[("1.1", "once")] == "'" + FORMULA_NOTE
    assert notes[("1.3", "once")] == "'+待上级通知"
    assert notes[("4.19", "2021-01")] == MARKUP_NOTE
    for row in bare:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    states = {(r[col["编号"]], r[col["时段键"]]): r[col["填报结果"]] for r in bare}
    assert states[("2.18", "2021-01-07")] == "逾期"
    assert states[("2.18", "2021-01-08")] == "已完成"
    labels = {(r[col["编号"]], r[col["时段键"]]): r[col["时段"]] for r in bare}
    assert labels[("2.18", "2021-01-07")] == "2021年1月7日"
    assert labels[("4.19", "2021-01")] == "2021年1月"  # (weeks are tested on a hand-built report)
    assert labels[("2.1", "once")] == "一次性"  # the key has a column of its own
    assert {r[col["报告期"]] for r in bare} == {"2021年1月"}


# ---------------------------------------------------------------------------------- xlsx


def test_xlsx_sheets_values_and_font(month: Path, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    report(month, "xlsx", tmp_path / "r.xlsx")
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert book.sheetnames[0] == "汇总"
    assert len(book.sheetnames) == 1 + 4 + 1 + 2  # summary, the notice's four sections, the ledger, notes, n/a
    assert book.sheetnames[1].startswith("一、")
    summary = book["汇总"]
    values = [[c.value for c in row] for row in summary.iter_rows()]
    total = next(r for r in values if r[0] == "合计")
    data = json.loads(report(month, "json", tmp_path / "r.json"))
    assert total[1] == data["summary"]["slots_due"]
    assert total[2] == data["summary"]["answered"]
    assert total[3] == pytest.approx(data["summary"]["coverage"], abs=1e-4)
    assert total[8] == data["summary"]["overdue"]
    assert summary["A1"].font.name == "宋体"
    assert "青总办通〔2021〕4号" in [r[1] for r in values]
    notes = book[book.sheetnames[-2]]
    formula_cells = [c for row in notes.iter_rows() for c in row if c.value == FORMULA_NOTE]
    assert formula_cells and all(c.data_type == "s" for c in formula_cells)  # text, not a formula
    section_two = book[book.sheetnames[2]]
    rows = {r[0].value: r for r in section_two.iter_rows() if r[0].value}
    assert rows["2.18"][10].value == len(SKIPPED_DAYS)  # overdue column
    assert section_two.column_dimensions["B"].width > 20  # measure titles: CJK counted double


# ---------------------------------------------------------------------------------- docx


def test_docx_headings_tables_and_east_asian_font(month: Path, tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    report(month, "docx", tmp_path / "r.docx")
    document = docx.Document(str(tmp_path / "r.docx"))
    assert "工作情况报告" in document.paragraphs[0].text
    assert "关于进一步加强新冠肺炎疫情防控工作的通知" in document.paragraphs[0].text
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "一、总体情况" in headings and "签报" not in "".join(headings)
    assert any(h.startswith("（二）落实工作措施") for h in headings)
    summary = document.tables[0]
    total = [c.text for c in summary.rows[-1].cells]
    data = json.loads(report(month, "json", tmp_path / "r.json"))
    assert (
        total[0] == "合计"
        and total[1] == str(data["summary"]["slots_due"])
        and total[8] == str(data["summary"]["overdue"])
    )
    qn = docx.oxml.ns.qn
    normal_fonts = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert normal_fonts.get(qn("w:eastAsia")) == "仿宋"
    runs = [r for p in document.paragraphs for r in p.runs]
    runs += [
        r for t in document.tables for row in t.rows for cell in row.cells for p in cell.paragraphs for r in p.runs
    ]
    assert runs and all(r._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) for r in runs)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "填报人：张三" in text and "联系电话：0971-1234567" in text
    assert text.rstrip().endswith("西宁市总工会\n2021年1月31日")  # the 落款: unit, date in Chinese
    assert document.core_properties.created.year == 2021


# ---------------------------------------------------------------------------------- html, md


def test_html_is_self_contained_and_escapes_user_text(month: Path, tmp_path: Path) -> None:
    page = report(month, "html", tmp_path / "r.html").decode("utf-8")
    assert "<script" not in page.lower()
    assert "<b>加粗" not in page and "&lt;b&gt;加粗&lt;/b&gt;" in page
    urls = set(re.findall(r"https?://[^\s\"'<>&]+", page))
    assert urls <= {EVIDENCE_URL, "http://evil.example"}  # only what users wrote
    assert EVIDENCE_URL in urls
    assert "@page" in page and "<svg" in page
    assert page.count("<svg") == 4  # one coverage chart per section
    assert "<link" not in page and "src=" not in page


def test_markdown_escapes_markup(month: Path, tmp_path: Path) -> None:
    text = report(month, "md", tmp_path / "r.md").decode("utf-8")
    assert text.startswith("# 贯彻落实《关于进一步加强新冠肺炎疫情防控工作的通知》工作情况报告\n")
    assert "\\<b\\>加粗\\</b\\> \\| \\*星号\\* \\_下划线\\_" in text
    assert "## 不适用事项及理由" in text and "由市总统一开展送温暖" in text
    assert "- 审核人：__________" in text


# ---------------------------------------------------------------------------------- determinism


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_records_give_identical_bytes(month: Path, tmp_path: Path, fmt: str) -> None:
    first = report(month, fmt, tmp_path / f"a.{fmt}", now="2021-02-03T10:00:00+08:00")
    second = report(month, fmt, tmp_path / f"b.{fmt}", now="2021-03-09T23:59:59+08:00")
    assert first == second
    if fmt in ("xlsx", "docx"):
        with zipfile.ZipFile(io.BytesIO(first)) as archive:
            assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_stamp_adds_generation_time(month: Path, tmp_path: Path) -> None:
    data = json.loads(report(month, "json", tmp_path / "r.json", "--stamp"))
    assert data["generated_at"] == "2021-02-03T10:00:00+08:00"
    assert "生成时间：2021年2月3日 10:00" in report(month, "md", tmp_path / "r.md", "--stamp").decode()


# ---------------------------------------------------------------------------------- options


def test_default_file_name_and_language(month: Path, tmp_path: Path) -> None:
    result = invoke(["report", "--month", "2021-01", "--date", "2021-01-31", "-w", str(month)], cwd=tmp_path, now=NOW)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "xining_2021-01.md").is_file()
    assert "xining_2021-01.md" in result.stderr
    en = invoke(
        ["--lang", "en", "report", "--week", "2021-W02", "--date", "2021-01-31", "-f", "md", "-o", "-"],
        cwd=month,
        now=NOW,
    )
    assert en.exit_code == 0, en.stderr
    assert "## Summary" in en.stdout and "2021-W02 (2021-01-11 to 2021-01-17)" in en.stdout
    assert "持续加强值班值守，确保信息通信畅通" in en.stdout  # checklist text stays as written


def test_default_period_is_the_month_of_the_day(month: Path) -> None:
    result = invoke(["report", "-f", "json", "-o", "-", "--date", "2021-01-20"], cwd=month, now=NOW)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["period"]["label"] == "2021-01" and data["as_of"] == "2021-01-20"
    ranged = invoke(
        ["report", "-f", "json", "-o", "-", "--from", "2021-01-04", "--to", "2021-01-10", "--date", "2021-01-31"],
        cwd=month,
        now=NOW,
    )
    assert json.loads(ranged.stdout)["period"] == {
        "from": "2021-01-04",
        "to": "2021-01-10",
        "label": "2021-01-04_2021-01-10",
    }
    assert json.loads(ranged.stdout)["summary"]["slots_due"] < data["summary"]["slots_due"] + 100


def test_format_follows_output_suffix(month: Path, tmp_path: Path) -> None:
    result = invoke(
        ["report", "--month", "2021-01", "--date", "2021-01-31", "-o", str(tmp_path / "r.xlsx")], cwd=month, now=NOW
    )
    assert result.exit_code == 0, result.stderr
    assert zipfile.is_zipfile(tmp_path / "r.xlsx")


def test_output_folder_gets_the_usual_name(month: Path, tmp_path: Path) -> None:
    result = invoke(
        ["report", "--month", "2021-01", "--date", "2021-01-31", "-f", "csv", "-o", str(tmp_path)], cwd=month, now=NOW
    )
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "xining_2021-01.csv").read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize(
    "args",
    [
        ["--month", "2021-13"],
        ["--week", "2021-W60"],
        ["--month", "2021-01", "--week", "2021-W02"],
        ["--from", "2021-02-01", "--to", "2021-01-01"],
        ["-f", "pdf"],
    ],
)
def test_bad_options_are_usage_errors(month: Path, args: list[str]) -> None:
    result = invoke(["report", "-o", "-", *args], cwd=month, now=NOW)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr and result.stderr


def test_binary_format_is_not_written_to_a_text_stream(month: Path) -> None:
    result = invoke(["report", "--month", "2021-01", "-f", "xlsx", "-o", "-"], cwd=month, now=NOW)
    assert result.exit_code == 2
    assert "-o" in result.stderr


def test_no_workspace_and_damaged_records(tmp_path: Path) -> None:
    assert invoke(["report"], cwd=tmp_path).exit_code == 2
    ws = make_workspace(tmp_path / "ws")
    (ws / "records" / "2021-01.toml").write_text("format = 1\n[[record]\n", encoding="utf-8")
    result = invoke(["report", "--month", "2021-01", "-o", "-"], cwd=ws, now=NOW)
    assert result.exit_code == 3
    assert "2021-01.toml" in result.stderr


# ---------------------------------------------------------------------------------- core


def test_runs_group_adjacent_slots() -> None:
    from fangkong_cli.evaluation import SlotState
    from fangkong_cli.report import Run, runs
    from fangkong_cli.schedule import Slot

    def state(day: int, value: str) -> SlotState:
        d = date(2021, 1, day)
        return SlotState(Slot(d.isoformat(), d, d), value)

    states = [state(4, "overdue"), state(5, "overdue"), state(6, "done"), state(7, "overdue"), state(8, "due")]
    assert runs(states, "overdue") == (Run("2021-01-04", "2021-01-05", 2), Run("2021-01-07", "2021-01-07", 1))


def test_chart_bars_add_up_to_the_section_figures(month: Path) -> None:
    from fangkong_cli.report import Period, build_report
    from fangkong_cli.workspace import open_workspace

    built = build_report(
        open_workspace(month), Period(date(2021, 1, 1), date(2021, 1, 31), "2021-01"), date(2021, 1, 31)
    )
    for section in built.sections:
        assert len(section.bars) == 31
        assert sum(b.due for b in section.bars) == section.figures.due
        assert sum(b.answered for b in section.bars) == section.figures.answered
    weeks = build_report(
        open_workspace(month), Period(date(2021, 1, 1), date(2021, 3, 31), "2021-Q1"), date(2021, 1, 31)
    )
    assert [b.label for b in weeks.sections[0].bars][:2] == ["W53", "W01"]


def test_markdown_escape() -> None:
    from fangkong_cli.writers.md import esc

    assert esc("<b>x</b> | a*b_c") == "\\<b\\>x\\</b\\> \\| a\\*b\\_c"
    assert esc("# title") == "\\# title"
    assert esc("12. item") == "12\\. item"
    assert esc("line\nbreak") == "line break"
