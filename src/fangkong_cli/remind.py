"""Reminders where the office talks: today's duty list for a 企业微信 or 钉钉 group robot.

Standard library only (urllib); nothing in the workspace changes, whatever happens.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from .errors import DataProblem, FileProblems, Problem
from .evaluation import OVERDUE
from .findings import FindingLine, lines_for, load_findings
from .lights import LIGHT_ORDER, Light
from .messages import Lang, t
from .workspace import ROBOT_FILE, Workspace

KINDS = ("wecom", "dingtalk")
LIMITS = {"wecom": 4000, "dingtalk": 18000}  # bytes of content each robot accepts, with room
DEFAULT_TIMEOUT = 10.0


class Robot(NamedTuple):
    kind: str  # wecom or dingtalk
    webhook: str
    secret: str = ""  # 钉钉 加签 secret
    timeout: float = DEFAULT_TIMEOUT


class DutyLine(NamedTuple):
    text: str
    light: Light | None = None


def robot_path(workspace: Workspace) -> Path:
    return workspace.root / ROBOT_FILE


def load_robot(path: Path) -> Robot:
    """robot.toml: `[robot]` with kind, webhook, optional secret and timeout (seconds)."""
    from .fileio import read_text as read_text_file

    if not path.exists():
        raise DataProblem("robot_missing", path=str(path))
    text, problem = read_text_file(path, 64 * 1024)
    if problem is not None:
        raise FileProblems([problem])
    from .fileio import load_toml

    raw = load_toml(text or "", str(path))
    robot = raw.get("robot")
    if not isinstance(robot, dict) or set(raw) != {"robot"}:
        raise FileProblems([Problem(str(path), 1, "robot_bad", {"what": "[robot]"})])
    unknown = set(robot) - {"kind", "webhook", "secret", "timeout"}
    kind, webhook = robot.get("kind"), robot.get("webhook")
    secret, timeout = robot.get("secret", ""), robot.get("timeout", DEFAULT_TIMEOUT)
    bad = [
        *sorted(unknown),
        *(["kind"] if kind not in KINDS else []),
        *(["webhook"] if not isinstance(webhook, str) or not webhook.startswith(("https://", "http://")) else []),
        *(["secret"] if not isinstance(secret, str) else []),
        *(
            ["timeout"]
            if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not 0 < timeout <= 120
            else []
        ),
    ]
    if bad:
        raise FileProblems([Problem(str(path), _line(text or "", name), "robot_bad", {"what": name}) for name in bad])
    return Robot(str(kind), str(webhook), str(secret), float(timeout))


def _line(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith(key):
            return number
    return None


def duty_lines(workspace: Workspace, today: date, lang: Lang) -> tuple[list[str], list[DutyLine]]:
    """What `check` would ask today (overdue first), then findings due: (headings, lines)."""
    from .duty import DutyMode, duty_items
    from .skips import load_skips

    items = duty_items(workspace, today, None, DutyMode.WALK, load_skips(workspace.state_dir))
    overdue = [i for i in items if i.slot.state == OVERDUE]
    due = [i for i in items if i.slot.state != OVERDUE]
    lines: list[DutyLine] = []
    heads: list[str] = []
    if overdue:
        lines.append(DutyLine(t(lang, "remind.overdue", count=len(overdue))))
        lines += [
            DutyLine(f"- {i.measure.measure.id} {i.measure.measure.title}（{i.slot.slot.key}）", Light.RED)
            for i in overdue
        ]
    if due:
        lines.append(DutyLine(t(lang, "remind.due", count=len(due))))
        lines += [
            DutyLine(
                f"- {i.measure.measure.id} {i.measure.measure.title}（≤{i.slot.slot.end.isoformat()}）", Light.YELLOW
            )
            for i in due
        ]
    urgent = _urgent_findings(workspace, today)
    if urgent:
        lines.append(DutyLine(t(lang, "remind.findings", count=len(urgent))))
        for x in urgent:
            f = x.finding
            label = t(lang, f"light.{x.light.value}") if x.light else ""
            lines.append(
                DutyLine(
                    f"- {f.id} {f.measure} {x.title} {t(lang, 'ledger.col.deadline')} {f.deadline.isoformat()} {f.responsible}（{label}）",
                    x.light,
                )
            )
    heads.append(t(lang, "remind.title", unit=workspace.config.unit.name, date=today.isoformat()))
    if not lines:
        heads.append(t(lang, "remind.nothing"))
    return heads, lines


def _urgent_findings(workspace: Workspace, today: date) -> list[FindingLine]:
    """Open findings whose light is red or yellow, the most urgent first."""
    found = lines_for(workspace, [f for f in load_findings(workspace, today) if f.is_open], today)
    urgent = [x for x in found if x.light in (Light.RED, Light.YELLOW)]
    return sorted(
        urgent, key=lambda x: (LIGHT_ORDER.index(x.light) if x.light else 9, x.finding.deadline, x.finding.id)
    )


def plain_text(heads: list[str], lines: list[DutyLine]) -> str:
    return "\n".join([*heads, *(x.text for x in lines)]) + "\n"


_WECOM_COLOUR = {Light.RED: "warning", Light.YELLOW: "comment", Light.GREEN: "info"}
_WECOM_PLAIN = str.maketrans({"*": "＊", "[": "［", "]": "］", "`": "｀", "<": "＜", ">": "＞", "#": "＃"})


def _fit(parts: list[str], limit: int, more: str) -> str:
    """Join lines up to `limit` bytes; what does not fit is counted, never cut mid-line."""
    kept: list[str] = []
    used = 0
    for i, part in enumerate(parts):
        size = len(part.encode("utf-8")) + 1
        if used + size > limit - len(more.encode("utf-8")) - 16:
            kept.append(more.format(count=len(parts) - i))
            break
        kept.append(part)
        used += size
    return "\n".join(kept)


def payload(robot: Robot, heads: list[str], lines: list[DutyLine], lang: Lang) -> dict[str, Any]:
    """The robot's message: 企业微信 markdown (lights in colour), 钉钉 text."""
    more = t(lang, "remind.more")
    if robot.kind == "wecom":
        parts = [f"**{heads[0].translate(_WECOM_PLAIN)}**", *(h.translate(_WECOM_PLAIN) for h in heads[1:])]
        for x in lines:
            body = x.text.translate(_WECOM_PLAIN)
            parts.append(f'<font color="{_WECOM_COLOUR[x.light]}">{body}</font>' if x.light else body)
        return {"msgtype": "markdown", "markdown": {"content": _fit(parts, LIMITS["wecom"], more)}}
    text = _fit([*heads, *(x.text for x in lines)], LIMITS["dingtalk"], more)
    return {"msgtype": "text", "text": {"content": text}}


def signed_url(robot: Robot, now_ms: int) -> str:
    """钉钉 加签: HMAC-SHA256 of "timestamp\\nsecret" keyed by the secret, in the URL."""
    if robot.kind != "dingtalk" or not robot.secret:
        return robot.webhook
    import base64
    import hashlib
    import hmac
    from urllib.parse import quote_plus

    digest = hmac.new(robot.secret.encode("utf-8"), f"{now_ms}\n{robot.secret}".encode(), hashlib.sha256).digest()
    sign = quote_plus(base64.b64encode(digest).decode("ascii"))
    joiner = "&" if "?" in robot.webhook else "?"
    return f"{robot.webhook}{joiner}timestamp={now_ms}&sign={sign}"


def send(robot: Robot, message: dict[str, Any], now_ms: int) -> None:
    """POST the message; a timeout, an HTTP error or a robot error code is a RemindFailed."""
    import json
    import urllib.error
    import urllib.request

    body = json.dumps(message, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(
        signed_url(robot, now_ms), data=body, method="POST", headers={"Content-Type": "application/json; charset=utf-8"}
    )
    try:
        with urllib.request.urlopen(request, timeout=robot.timeout) as response:  # noqa: S310 - http(s) checked in load_robot
            raw = response.read(64 * 1024)
    except urllib.error.HTTPError as exc:
        raise RemindFailed("remind_http", code=exc.code, reason=exc.reason) from exc
    except TimeoutError as exc:
        raise RemindFailed("remind_timeout", seconds=robot.timeout) from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, TimeoutError):
            raise RemindFailed("remind_timeout", seconds=robot.timeout) from exc
        raise RemindFailed("remind_network", reason=str(reason)) from exc
    try:
        reply = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise RemindFailed("remind_reply", reply=raw[:200].decode("utf-8", "replace")) from exc
    if not isinstance(reply, dict) or reply.get("errcode") != 0:
        got = reply if not isinstance(reply, dict) else reply.get("errmsg", reply.get("errcode"))
        raise RemindFailed(
            "remind_refused", errcode=reply.get("errcode") if isinstance(reply, dict) else "", reply=str(got)[:200]
        )


class RemindFailed(DataProblem):
    """The robot could not be reached or refused the message (exit code 3)."""
