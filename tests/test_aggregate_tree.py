"""The province's loop: a union tree, who reported and when, roll-ups of roll-ups, xlsx inputs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from aggregate_fixtures import NOW, build_province, json_report
from conftest import invoke
from test_report import clean_environment


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("tree")
    with clean_environment():
        return build_province(root)


def aggregate(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    result = invoke(["aggregate", *args], cwd=cwd, now=NOW)
    return result.exit_code, result.stdout, result.stderr


def rollup_json(*args: str) -> dict:  # type: ignore[type-arg]
    code, out, err = aggregate(*args, "-f", "json", "-o", "-")
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


def counts(c: dict) -> tuple[int, int, int]:  # type: ignore[type-arg]
    return c["expected"], c["reported"], c["on_time"]


# Counted by hand from build_province: qh collects only; huzhu joined after January.
HAND = {
    "qh": (5, 4, 3),  # xining, chengdong, chengxi, haidong, ledu | all but ledu | chengdong late
    "xining": (3, 3, 2),  # xining, chengdong (late), chengxi (nil)
    "chengdong": (1, 1, 0),
    "chengxi": (1, 1, 1),
    "haidong": (2, 1, 1),  # haidong (xlsx), ledu (nothing)
    "ledu": (1, 0, 0),
    "huzhu": (0, 0, 0),
}


def test_completeness_and_timeliness_at_every_node_match_a_hand_count(province: dict[str, Path]) -> None:
    data = rollup_json(str(province["inbox"]), "--units", str(province["units"]))
    nodes = {n["id"]: n for n in data["nodes"]}
    assert list(nodes) == ["qh", "xining", "chengdong", "chengxi", "haidong", "ledu", "huzhu"]
    assert {uid: counts(n["completeness"]) for uid, n in nodes.items()} == HAND
    assert data["completeness"] == {
        "expected": 5,
        "reported": 4,
        "on_time": 3,
        "late": 1,
        "missing": 1,
        "reporting_rate": 0.8,
        "on_time_rate": 0.6,
    }
    assert nodes["haidong"]["completeness"]["reporting_rate"] == 0.5
    assert nodes["xining"]["completeness"]["on_time_rate"] == 0.6667
    assert data["missing"] == ["ledu"] and data["late"] == ["chengdong"]
    assert nodes["qh"]["missing"] == ["ledu"] and nodes["xining"]["late"] == ["chengdong"]
    assert nodes["qh"]["nil"] == ["chengxi"]
    states = {r["unit"]: r for r in data["reports"]}
    assert states["haidong"]["source"].endswith("haidong_2021-01.xlsx")
    assert states["haidong"]["submitted_from"] == "received" and states["haidong"]["state"] == "on_time"
    assert states["chengdong"]["submitted_at"] == "2021-02-10T16:30:00+08:00" and states["chengdong"]["state"] == "late"
    assert states["chengxi"]["nil"] is True and states["chengxi"]["summary"]["slots_due"] == 0
    # a node's figures are its subtree's
    assert nodes["xining"]["summary"]["overdue"] == sum(
        states[u]["summary"]["overdue"] for u in ("xining", "chengdong", "chengxi")
    )
    assert data["summary"]["overdue"] == nodes["qh"]["summary"]["overdue"]


def test_the_deadline_is_the_tree_s_or_the_option(province: dict[str, Path]) -> None:
    late_ok = rollup_json(str(province["inbox"]), "--units", str(province["units"]), "--on-time-days", "10")
    assert late_ok["completeness"]["on_time"] == 4 and late_ok["timeliness"]["days_after_period"] == 10
    strict = rollup_json(str(province["inbox"]), "--units", str(province["units"]), "--on-time-days", "0")
    assert strict["completeness"]["on_time"] == 0  # everything came in February


def test_table_names_who_is_missing_late_and_nil(province: dict[str, Path]) -> None:
    code, out, err = aggregate(str(province["inbox"]), "--units", str(province["units"]))
    assert code == 0, err
    assert "应报 5 份，已报 4 份（报送率 80.0%），按时 3 份（及时率 60.0%）" in out
    assert out.split("未报送单位\n", 1)[1].splitlines()[0] == "乐都区总工会（ledu）"
    assert "城东区总工会（chengdong）" in out.split("迟报单位", 1)[1].splitlines()[1]
    assert "零报告单位：城西区总工会（chengxi）" in out
    assert "　西宁市总工会" in out and "　　城东区总工会" in out  # indented by level (ideographic spaces)


def _without_sources(data: dict) -> dict:  # type: ignore[type-arg]
    data = json.loads(json.dumps(data))
    for key in ("reports", "units"):
        for item in data[key]:
            item.pop("source")
    data.pop("generator")
    return data


def _city_files(root: Path, province: dict[str, Path], tmp: Path) -> dict[str, Path]:
    """units.toml of each city (itself as root) and of the province down to the cities."""
    text = province["units"].read_text(encoding="utf-8")
    head, *blocks = text.split("[[unit]]")

    def pick(ids: set[str], root_id: str | None) -> str:
        out = []
        for block in blocks:
            uid = block.split('id = "', 1)[1].split('"', 1)[0]
            if uid in ids:
                lines = [line for line in block.splitlines() if not (uid == root_id and line.startswith("parent"))]
                out.append("[[unit]]" + "\n".join(lines) + "\n\n")
        return head + "".join(out)

    files = {
        "xining": pick({"xining", "chengdong", "chengxi"}, "xining"),
        "haidong": pick({"haidong", "ledu", "huzhu"}, "haidong"),
        "top": pick({"qh", "xining", "haidong"}, None),
    }
    out = {}
    for name, body in files.items():
        out[name] = tmp / f"units_{name}.toml"
        out[name].write_text(body, encoding="utf-8")
    return out


def test_the_province_s_roll_up_of_two_cities_equals_the_roll_up_of_their_units(
    province: dict[str, Path], tmp_path: Path
) -> None:
    trees = _city_files(tmp_path, province, tmp_path)
    cities = tmp_path / "cities"
    cities.mkdir()
    for city in ("xining", "haidong"):
        code, _, err = aggregate(
            str(province["inbox"] / city), "--units", str(trees[city]), "-f", "json", "-o", str(cities / f"{city}.json")
        )
        assert code == 0, err
    via = rollup_json(str(cities), "--units", str(trees["top"]))
    direct = rollup_json(str(province["inbox"]), "--units", str(province["units"]))
    assert _without_sources(via) == _without_sources(direct)
    assert via["summary"]["units"] == 4 and via["completeness"]["expected"] == 5
    # and through a second level of roll-ups: the province's roll-up rolled up once more
    again = tmp_path / "again"
    again.mkdir()
    code, _, err = aggregate(str(cities), "--units", str(trees["top"]), "-f", "json", "-o", str(again / "qh.json"))
    assert code == 0, err
    assert _without_sources(rollup_json(str(again)))["nodes"] == _without_sources(direct)["nodes"]


def test_a_unit_counted_through_two_paths_is_named_once(province: dict[str, Path], tmp_path: Path) -> None:
    trees = _city_files(tmp_path, province, tmp_path)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    code, _, err = aggregate(
        str(province["inbox"] / "xining"),
        "--units",
        str(trees["xining"]),
        "-f",
        "json",
        "-o",
        str(inbox / "xining_city.json"),
    )
    assert code == 0, err
    shutil.copy2(province["inbox"] / "xining" / "chengdong_2021-01.json", inbox / "chengdong.json")
    code, out, err = aggregate(str(inbox), "-f", "json", "-o", "-")
    assert code == 0, err
    data = json.loads(out)
    assert [u["id"] for u in data["units"]].count("chengdong") == 1
    note = [line for line in err.splitlines() if "chengdong" in line]
    assert len(note) == 1 and "xining_city.json" in note[0] and "chengdong.json" in note[0]
    assert data["summary"]["units"] == 3


def test_under_picks_a_subtree_and_level_the_depth(province: dict[str, Path]) -> None:
    code, out, err = aggregate(
        str(province["inbox"]), "--units", str(province["units"]), "--under", "xining", "-f", "json", "-o", "-"
    )
    assert code == 0, err
    data = json.loads(out)
    assert [n["id"] for n in data["nodes"]] == ["xining", "chengdong", "chengxi"]
    assert counts(data["completeness"]) == (3, 3, 2)
    assert "1 份报告的单位不在 xining 之下" in err  # haidong's
    top = rollup_json(str(province["inbox"]), "--units", str(province["units"]), "--level", "2")
    assert [n["id"] for n in top["nodes"]] == ["qh", "xining", "haidong"]
    assert counts(top["completeness"]) == HAND["qh"]
    code, _, err = aggregate(str(province["inbox"]), "--units", str(province["units"]), "--under", "nowhere")
    assert code == 2 and "nowhere" in err


def test_several_periods_from_workspaces(province: dict[str, Path]) -> None:
    """Expected reports are units × periods within their dates; a workspace reports by its records."""
    data = rollup_json(
        str(province["ws_xining"].parent),
        "--units",
        str(province["units"]),
        "--month",
        "2021-01",
        "--month",
        "2021-02",
        "--date",
        "2021-02-28",
    )
    # January: 5 expected (huzhu joins in February), 4 with records (chengxi recorded nothing);
    # February: 6 expected, nobody recorded anything.
    assert counts(data["completeness"]) == (11, 4, 4)
    assert [p["label"] for p in data["periods"]] == ["2021-01", "2021-02"]
    nodes = {n["id"]: n for n in data["nodes"]}
    assert counts(nodes["haidong"]["completeness"]) == (5, 2, 2)  # haidong ×2, ledu ×2, huzhu ×1
    assert "huzhu" in data["missing"] and "chengxi" in data["missing"]


def test_expect_list_saved_by_excel_in_gbk_with_names(province: dict[str, Path], tmp_path: Path) -> None:
    expect = tmp_path / "应报单位.csv"
    expect.write_bytes(
        "单位名称,单位编号\n西宁市总工会,xining\n城东区总工会,chengdong\n玉树州总工会,yushu\n".encode("gbk")
    )
    code, out, err = aggregate(str(province["inbox"]), "--expect", str(expect))
    assert code == 0, err
    assert "玉树州总工会（yushu）" in out.split("未报送单位\n", 1)[1].splitlines()[0]
    assert "不在应报名单中" in err and "haidong" in err and "chengxi" in err  # flagged, not silently counted
    data = rollup_json(str(province["inbox"]), "--expect", str(expect))
    assert counts(data["completeness"]) == (3, 2, 1) and sorted(data["not_expected"]) == ["chengxi", "haidong"]
    plain = tmp_path / "ids.txt"
    plain.write_bytes("# 名单\r\nxining\r\nledu\r\n".encode("gbk"))
    assert rollup_json(str(province["inbox"]), "--expect", str(plain))["missing"] == ["ledu"]
    bad = tmp_path / "bad.txt"
    bad.write_text("xining\n西宁 市\n", encoding="utf-8")
    code, _, err = aggregate(str(province["inbox"]), "--expect", str(bad))
    assert code == 2 and "bad.txt:2" in err
    code, _, err = aggregate(str(province["inbox"]), "--expect", str(plain), "--units", str(province["units"]))
    assert code == 2 and "--units" in err


UNITS_ERRORS = [
    ('[[unit]]\nid = "a"\nname = "甲"\n\n[[unit]\nid = "b"\n', 5, "TOML"),
    ('[[unit]]\nid = "a"\nname = "甲"\n\n[[unit]]\nid = "a"\nname = "乙"\n', 6, "重复"),
    ('[[unit]]\nid = "a"\nname = "甲"\nparent = "zz"\n', 4, "zz"),
    ('[[unit]]\nid = "a"\nname = "甲"\nparent = "b"\n\n[[unit]]\nid = "b"\nname = "乙"\nparent = "a"\n', 4, "循环"),
    ('[[unit]]\nid = "a"\nname = "甲"\njoined = 2021-03-01\nleft = 2021-02-01\n', 5, "退出日期"),
    ('[[unit]]\nid = "a"\nname = "甲"\ncolour = "红"\n', 4, "未知的键"),
    ('[[unit]]\nid = "a b"\nname = "甲"\n', 2, "单位编号"),
    ('format = 9\n[[unit]]\nid = "a"\nname = "甲"\n', 1, "升级"),
]


@pytest.mark.parametrize(("text", "line", "words"), UNITS_ERRORS)
def test_units_toml_problems_name_file_and_line(
    province: dict[str, Path], tmp_path: Path, text: str, line: int, words: str
) -> None:
    units = tmp_path / "units.toml"
    units.write_text(text, encoding="utf-8")
    code, out, err = aggregate(str(province["inbox"]), "--units", str(units))
    assert code == 3 and out == ""
    assert f"units.toml:{line}:" in err and words in err, err


def test_the_circular(province: dict[str, Path], tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    out = tmp_path / "通报.docx"
    code, _, err = aggregate(str(province["inbox"]), "--units", str(province["units"]), "-o", str(out))
    assert code == 0, err
    again = tmp_path / "again.docx"
    aggregate(str(province["inbox"]), "--units", str(province["units"]), "-f", "docx", "-o", str(again))
    assert again.read_bytes() == out.read_bytes()
    doc = docx.Document(str(out))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert text.splitlines()[0] == "青海省总工会办公室"
    assert "关于2021年1月贯彻落实《关于进一步加强新冠肺炎疫情防控工作的通知》情况的通报" in text
    assert "各市（州）总工会：" in text
    assert "应报 5 份，已报 4 份，报送率 80.0%" in text
    assert "（一）海东市总工会（1 个）：乐都区总工会。" in text
    assert "（一）西宁市总工会（1 个）：城东区总工会。" in text
    assert "（第 2.18 项，涉及 3 个单位" in text  # the daily duty: missed by everybody who reported
    rows = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    assert rows[1][:4] == ["青海省总工会", "5", "4", "3"] and rows[2][0].strip() == "西宁市总工会"
    section = doc.sections[0]
    assert (
        round(section.page_width.mm),
        round(section.page_height.mm),
        round(section.top_margin.mm),
        round(section.left_margin.mm),
    ) == (210, 297, 37, 28)
    xml = out.read_bytes()
    import zipfile

    with zipfile.ZipFile(out) as z:
        body = z.read("word/document.xml").decode("utf-8")
        footers = [z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("word/footer")]
    assert 'w:eastAsia="仿宋"' in body and 'w:eastAsia="方正小标宋简体"' in body and 'w:eastAsia="黑体"' in body
    assert any("PAGE" in f and "— " in f and 'w:jc w:val="right"' in f for f in footers)
    assert any('w:jc w:val="left"' in f for f in footers)
    assert b"evenAndOddHeaders" in _member(xml, "word/settings.xml")


def _member(archive: bytes, name: str) -> bytes:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(archive)) as z:
        return z.read(name)


def test_report_submit_and_nil(province: dict[str, Path], tmp_path: Path) -> None:
    stamped = json.loads(
        json_report(province["ws_ledu"], tmp_path / "ledu.json", submitted="2021-02-04T08:15:30+08:00").read_text(
            encoding="utf-8"
        )
    )
    assert stamped["submitted_at"] == "2021-02-04T08:15:30+08:00" and stamped["schema_version"] == 1
    plain = json.loads(json_report(province["ws_ledu"], tmp_path / "plain.json").read_text(encoding="utf-8"))
    assert "submitted_at" not in plain and "nil" not in plain
    refused = invoke(
        ["report", "--month", "2021-01", "--nil", "-f", "json", "-o", str(tmp_path / "nil.json")],
        cwd=province["ws_ledu"],
        now=NOW,
    )
    assert refused.exit_code == 2 and "零报告" in refused.stderr and not (tmp_path / "nil.json").exists()


def test_the_circular_renders_in_libreoffice(province: dict[str, Path], tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed: the circular is not rendered")
    import subprocess

    out = tmp_path / "circular.docx"
    code, _, err = aggregate(str(province["inbox"]), "--units", str(province["units"]), "-o", str(out))
    assert code == 0, err
    profile = tmp_path / "lo-profile"  # a profile of its own: never the user's, never locked by another run
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    pdf = tmp_path / "circular.pdf"
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=60).stdout
        import re

        assert "青海省总工会办公室" in text and re.search(r"—\s*1\s*—", text)
        assert "乐都区总工会" in text and "城东区总工会" in text
        last_page = text.rstrip("\f\n").split("\f")[-1]
        assert "请未报送" in last_page or "整改" in last_page  # the signature never stands alone on a page


def test_a_roll_up_whose_kind_comes_late_and_an_old_roll_up(province: dict[str, Path], tmp_path: Path) -> None:
    """A roll-up is recognised wherever its `kind` stands; one of schema 1 is named, not misread."""
    data = rollup_json(str(province["inbox"]), "--units", str(province["units"]))
    data["duplicates"] = [
        {"unit": f"u{i}", "kept": "x" * 100, "as_of": "2021-01-31", "dropped": []} for i in range(100)
    ]
    (tmp_path / "late_kind.json").write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    again = rollup_json(str(tmp_path / "late_kind.json"))
    assert again["completeness"] == data["completeness"]
    old = {k: data[k] for k in ("kind", "generator", "checklist", "period", "sections", "units", "summary")}
    (tmp_path / "old.json").write_text(json.dumps({**old, "schema_version": 1}), encoding="utf-8")
    code, _, err = aggregate(str(tmp_path / "old.json"), str(province["inbox"]))
    assert code == 0 and "old.json" in err and "旧版" in err


def test_the_circular_without_a_list_of_units_does_not_claim_everybody_reported(
    province: dict[str, Path], tmp_path: Path
) -> None:
    docx = pytest.importorskip("docx")
    out = tmp_path / "plain.docx"
    code, _, err = aggregate(str(province["inbox"]), "-o", str(out))
    assert code == 0, err
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "未提供应报单位名单" in text and "应报单位均已报送" not in text
    assert "共收到 4 份报告，其中按时报送（报告期结束 5 天内）3 份" in text
    assert "（一）" not in text.split("迟报单位", 1)[1].split("逾期较多", 1)[0]  # no tree: no grouping


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_what_report_writes_in_office_formats_is_rolled_up(province: dict[str, Path], tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"ledu.{fmt}"
    made = invoke(
        ["report", "-f", fmt, "--month", "2021-01", "--date", "2021-01-31", "--submit", "-o", str(out)],
        cwd=province["ws_ledu"],
        now="2021-02-04T10:00:00+08:00",
    )
    assert made.exit_code == 0, made.stderr
    data = rollup_json(str(out))
    assert [(r["unit"], r["submitted_from"], r["submitted_at"]) for r in data["reports"]] == [
        ("ledu", "stamp", "2021-02-04T10:00:00+08:00")
    ]
    assert data["units"][0]["summary"]["slots_due"] > 0
