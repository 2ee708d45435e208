"""`fangkong remind` against local robots: what is sent (企业微信, 钉钉 with 加签), and failures."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import Result, invoke, make_workspace, write_mini_checklist

NOW = "2021-01-06T08:00:00+08:00"
NOW_MS = 1609891200000  # NOW in milliseconds since the epoch


class Robot:
    """A robot on 127.0.0.1 that records each request and answers as told."""

    def __init__(self, status: int = 200, reply: bytes = b'{"errcode":0,"errmsg":"ok"}', delay: float = 0.0) -> None:
        self.requests: list[dict[str, Any]] = []
        robot = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the http.server API
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                robot.requests.append(
                    {"path": self.path, "body": json.loads(body), "type": self.headers.get("Content-Type")}
                )
                if delay:
                    time.sleep(delay)
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/send?key=abc"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def robots() -> Iterator[list[Robot]]:
    started: list[Robot] = []
    yield started
    for robot in started:
        robot.stop()


def start(robots: list[Robot], **kwargs: Any) -> Robot:
    robot = Robot(**kwargs)
    robots.append(robot)
    return robot


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    write_mini_checklist(tmp_path)
    root = make_workspace(tmp_path / "ws", checklist=str(tmp_path / "mini.yaml"))
    # 9.1 answered for the 4th only: the 5th is overdue; its finding is due in a week (green)
    assert (
        invoke(["mark", "9.1", "-s", "not_done", "--by", "张三", "--date", "2021-01-04"], cwd=root, now=NOW).exit_code
        == 0
    )
    opened = [
        "finding",
        "open",
        "9.3",
        "--found",
        "宣传栏未更新",
        "--deadline",
        "2021-01-06",
        "--responsible",
        "赵六",
        "--by",
        "督查组",
    ]
    assert invoke(opened, cwd=root, now=NOW).exit_code == 0  # due today: yellow
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the workspace but the derived cache."""
    return {
        str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file() and ".fangkong" not in p.parts
    }


def configure(ws: Path, kind: str, url: str, secret: str = "", timeout: float = 5) -> None:
    text = f'[robot]\nkind = "{kind}"\nwebhook = "{url}"\nsecret = "{secret}"\ntimeout = {timeout}\n'
    (ws / "robot.toml").write_text(text, encoding="utf-8")


def remind(ws: Path) -> Result:
    return invoke(["remind"], cwd=ws, now=NOW)


def test_dry_run_prints_the_duty_list_overdue_first_and_sends_nothing(ws: Path) -> None:
    before = snapshot(ws)
    result = invoke(["remind", "--dry-run"], cwd=ws, now=NOW)  # no robot.toml needed
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "【防控待办】西宁市总工会 2021-01-06"
    assert (
        lines.index("逾期未填 3 项：") < lines.index("今日应填 4 项：") < lines.index("整改问题临近或超过期限 1 个：")
    )
    assert "- 9.1 每日值班（2021-01-05）" in lines and "- 9.1 每日值班（≤2021-01-06）" in lines
    (finding,) = [line for line in lines if line.startswith("- F-20210106-")]  # the green one is not listed
    assert "9.3 每周宣传" in finding and "2021-01-06 赵六（黄）" in finding
    assert snapshot(ws) == before


def test_wecom_gets_markdown(ws: Path, robots: list[Robot]) -> None:
    robot = start(robots)
    configure(ws, "wecom", robot.url)
    before = snapshot(ws)
    result = remind(ws)
    assert result.exit_code == 0, result.stderr
    assert "企业微信" in result.stderr
    (request,) = robot.requests
    assert request["path"] == "/send?key=abc" and request["type"].startswith("application/json")
    assert request["body"]["msgtype"] == "markdown"
    content = request["body"]["markdown"]["content"]
    assert content.startswith("**【防控待办】西宁市总工会 2021-01-06**")
    assert '<font color="warning">- 9.1 每日值班（2021-01-05）</font>' in content
    assert snapshot(ws) == before


def test_dingtalk_gets_text_and_a_valid_signature(ws: Path, robots: list[Robot]) -> None:
    robot = start(robots)
    configure(ws, "dingtalk", robot.url, secret="SECtest")
    result = remind(ws)
    assert result.exit_code == 0, result.stderr
    (request,) = robot.requests
    assert request["body"]["msgtype"] == "text" and "9.1 每日值班" in request["body"]["text"]["content"]
    query = parse_qs(urlsplit(request["path"]).query)
    assert query["key"] == ["abc"] and query["timestamp"] == [str(NOW_MS)]
    expected = base64.b64encode(hmac.new(b"SECtest", f"{NOW_MS}\nSECtest".encode(), hashlib.sha256).digest()).decode()
    assert query["sign"] == [expected]


@pytest.mark.parametrize(
    "options, says",
    [
        ({"status": 500}, "HTTP 500"),
        ({"reply": b'{"errcode":310000,"errmsg":"sign not match"}'}, "310000"),
        ({"reply": b"<html>gateway</html>"}, "无法识别"),
        ({"delay": 1.5}, "秒内没有响应"),
    ],
)
def test_a_failed_send_exits_3_with_the_reason_and_changes_nothing(
    ws: Path, robots: list[Robot], options: dict[str, Any], says: str
) -> None:
    robot = start(robots, **options)
    configure(ws, "dingtalk", robot.url, timeout=0.5)
    before = snapshot(ws)
    result = remind(ws)
    assert result.exit_code == 3
    assert says in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert snapshot(ws) == before


def test_nobody_listening_is_a_clear_failure(ws: Path, robots: list[Robot]) -> None:
    robot = start(robots)
    url = robot.url
    robot.stop()
    robots.remove(robot)
    configure(ws, "wecom", url)
    result = remind(ws)
    assert result.exit_code == 3 and "无法连接" in result.stderr


def test_robot_configuration_problems(ws: Path) -> None:
    missing = invoke(["remind"], cwd=ws, now=NOW)
    assert missing.exit_code == 3 and "robot.toml" in missing.stderr
    (ws / "robot.toml").write_text('[robot]\nkind = "qq"\nwebhook = "ftp://x"\n', encoding="utf-8")
    bad = invoke(["remind"], cwd=ws, now=NOW)
    assert bad.exit_code == 3 and "robot.toml:2:" in bad.stderr and "robot.toml:3:" in bad.stderr
    (ws / "robot.toml").write_text("[robot\n", encoding="utf-8")
    assert invoke(["remind"], cwd=ws, now=NOW).exit_code == 3


def test_init_keeps_the_robot_file_out_of_git(ws: Path) -> None:
    assert "robot.toml" in (ws / ".gitignore").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("kind", ["wecom", "dingtalk"])
def test_a_long_duty_list_is_cut_at_whole_lines_within_the_robots_limit(kind: str) -> None:
    from fangkong_cli.remind import LIMITS, DutyLine, Robot, payload

    lines = [DutyLine(f"- 2.{i} 第{i}项措施*[x]<b>（2021-01-05）") for i in range(2000)]
    message = payload(Robot(kind, "https://example.invalid/"), ["【防控待办】测试单位 2021-01-06"], lines, "zh")
    content = message["markdown" if kind == "wecom" else "text"]["content"]
    assert len(content.encode("utf-8")) <= LIMITS[kind]
    shown = content.splitlines()
    assert shown[-1].startswith("……另有 ") and shown[-1].endswith("请运行 fangkong status 查看")
    left = int(shown[-1].removeprefix("……另有 ").split(" ")[0])
    assert left + len(shown) - 2 == len(lines)  # every line is either shown or counted
    if kind == "wecom":  # user text cannot open markup in the robot's markdown
        assert "*[x]<b>" not in content and "＊［x］＜b＞" in content
