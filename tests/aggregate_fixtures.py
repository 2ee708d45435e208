"""A small province for the roll-up tests: a tree of three levels and the files its units send."""

from __future__ import annotations

import io
import json
import os
import zipfile
from datetime import datetime
from pathlib import Path

from conftest import invoke, make_workspace

NOW = "2021-02-20T10:00:00+08:00"

UNITS_TOML = """\
# 青海省：省总 → 市州 → 县区
format = 1
timely_days = 5
issuer = "青海省总工会办公室"
addressees = "各市（州）总工会"

[[unit]]
id = "qh"
name = "青海省总工会"
reports = false

[[unit]]
id = "xining"
name = "西宁市总工会"
parent = "qh"

[[unit]]
id = "chengdong"
name = "城东区总工会"
parent = "xining"

[[unit]]
id = "chengxi"
name = "城西区总工会"
parent = "xining"

[[unit]]
id = "haidong"
name = "海东市总工会"
parent = "qh"

[[unit]]
id = "ledu"
name = "乐都区总工会"
parent = "haidong"

[[unit]]
id = "huzhu"
name = "互助县总工会"
parent = "haidong"
joined = 2021-02-15
"""

NAMES = {
    "xining": "西宁市总工会",
    "chengdong": "城东区总工会",
    "chengxi": "城西区总工会",
    "haidong": "海东市总工会",
    "ledu": "乐都区总工会",
    "huzhu": "互助县总工会",
}


def unit_workspace(root: Path, unit_id: str, answered_days: int) -> Path:
    """A unit that answered the daily duty measure (2.18) on the first `answered_days` days of January."""
    ws = make_workspace(root / unit_id, unit_id=unit_id, unit_name=NAMES[unit_id])
    if answered_days:
        days = [f"2021-01-{d:02d}" for d in range(4, 4 + answered_days)]
        result = invoke(
            ["mark", "2.18", "--status", "done", "--by", "值班员", "--date", days[-1], "--note", "值班"],
            cwd=ws,
            now=f"{days[-1]}T18:00:00+08:00",
        )
        assert result.exit_code == 0, result.stderr
        for day in days[:-1]:
            result = invoke(
                ["mark", "2.18", "--status", "done", "--by", "值班员", "--date", day],
                cwd=ws,
                now=f"{day}T18:00:00+08:00",
            )
            assert result.exit_code == 0, result.stderr
    return ws


def json_report(
    ws: Path, out: Path, *, submitted: str | None = None, nil: bool = False, month: str = "2021-01"
) -> Path:
    """The unit's report for the month as of its last day; `submitted` stamps it (report --submit)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    args = [
        "report",
        "-f",
        "json",
        "-o",
        str(out),
        "--month",
        month,
        "--date",
        f"{month}-{'31' if month.endswith('01') else '28'}",
    ]
    args += ["--submit"] * (submitted is not None) + ["--nil"] * nil
    result = invoke(args, cwd=ws, now=submitted or NOW)
    assert result.exit_code == 0, result.stderr
    return out


def office_file(report: bytes, out: Path) -> Path:
    """An xlsx (or docx) as the office-formats writer makes it: the JSON report in a custom XML part."""
    from xml.sax.saxutils import escape

    out.parent.mkdir(parents=True, exist_ok=True)
    part = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<report xmlns="urn:fangkong:report">{escape(report.decode("utf-8"))}</report>\n'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("customXml/item1.xml", part)
    out.write_bytes(buffer.getvalue())
    return out


def received(path: Path, when: str) -> None:
    """Make a file look received at `when` (its modification time)."""
    stamp = datetime.fromisoformat(when).timestamp()
    os.utime(path, (stamp, stamp))


def build_province(root: Path) -> dict[str, Path]:
    """Workspaces and what each unit sent for January 2021 (deadline: 5 days after, 2021-02-05).

    xining: JSON, on time · chengdong: JSON, late (02-10) · chengxi: nil report, on time ·
    haidong: only an xlsx, received 02-03 · ledu: nothing · huzhu: joined 02-15, not expected.
    """
    ws = {
        uid: unit_workspace(root / "workspaces", uid, days)
        for uid, days in (("xining", 20), ("chengdong", 5), ("chengxi", 0), ("haidong", 10), ("ledu", 3))
    }
    inbox = root / "inbox"
    json_report(ws["xining"], inbox / "xining" / "xining_2021-01.json", submitted="2021-02-01T09:00:00+08:00")
    json_report(ws["chengdong"], inbox / "xining" / "chengdong_2021-01.json", submitted="2021-02-10T16:30:00+08:00")
    json_report(
        ws["chengxi"], inbox / "xining" / "chengxi_2021-01.json", submitted="2021-02-02T11:00:00+08:00", nil=True
    )
    tmp = json_report(ws["haidong"], root / "tmp" / "haidong.json")
    xlsx = office_file(tmp.read_bytes(), inbox / "haidong" / "haidong_2021-01.xlsx")
    received(xlsx, "2021-02-03T15:00:00+08:00")
    units = root / "units.toml"
    units.write_text(UNITS_TOML, encoding="utf-8")
    return {"inbox": inbox, "units": units, **{f"ws_{k}": v for k, v in ws.items()}}


def load(text: str) -> dict:  # type: ignore[type-arg]
    return json.loads(text)  # type: ignore[no-any-return]
