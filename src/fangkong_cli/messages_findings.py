"""Catalog entries of findings (整改台账), lights and reminders: key -> (zh, en)."""

from __future__ import annotations

FINDING_MESSAGES: dict[str, tuple[str, str]] = {
    # --- help texts -----------------------------------------------------------------------
    "help.finding": ("整改台账：问题的开立、整改、验收和销号", "Findings: open, rectify, verify and strike off"),
    "help.finding.list": (
        "列出未销号的问题及其红黄绿灯（--all 含已销号）",
        "List open findings with their lights (--all: closed ones too)",
    ),
    "help.finding.show": ("显示一个问题的全部内容和变更记录", "Show one finding with every change"),
    "help.finding.open": ("手工开立问题（如督查发现）", "Open a finding by hand (e.g. from an inspection)"),
    "help.finding.update": (
        "填写整改措施、责任人、证据或备注（待整改 → 整改中）",
        "Set the rectification, responsible person, evidence or a note",
    ),
    "help.finding.submit": ("整改完成，提请验收（→ 待验收）", "Rectified: ask for verification"),
    "help.finding.extend": ("申请延期：新的整改期限和理由", "Extend the deadline, with a reason"),
    "help.finding.reject": ("验收未通过，退回整改（待验收 → 整改中）", "Verification failed: back to rectification"),
    "help.finding.close": (
        "验收通过并销号（需有证据，验收人不能是责任人）",
        "Verified and struck off (needs evidence; the verifier is not the responsible person)",
    ),
    "help.finding.id": (
        "问题编号（如 F-20210105-a1b2c3，或末尾 6 位）",
        "Finding id (e.g. F-20210105-a1b2c3, or its last 6 characters)",
    ),
    "help.finding.evidence": (
        "证据：备注文字、网址或工作区内的文件（可多次使用）",
        "Evidence: a note, a URL or a file in the workspace (repeatable)",
    ),
    "help.finding.note": ("备注", "Note"),
    "help.finding.reason": ("理由", "Reason"),
    "help.finding.rectification": ("整改措施", "Rectification"),
    "help.finding.responsible": ("整改责任人", "Person responsible"),
    "help.finding.all": ("包括已销号的问题", "Include findings struck off"),
    "help.finding.measure": ("措施编号", "Measure id"),
    "help.finding.found": ("发现的问题", "What was found"),
    "help.finding.slot": ("对应的时段（如 2021-01-05、2021-W02）", "The slot it concerns (e.g. 2021-01-05, 2021-W02)"),
    "help.finding.deadline": (
        "整改期限（默认若干个工作日后，见 fangkong.toml [lights]）",
        "Deadline (default: some working days on, see [lights] in fangkong.toml)",
    ),
    "help.finding.new_deadline": ("新的整改期限", "The new deadline"),
    "help.remind": (
        "把今日待办（逾期优先、到期的整改）发到企业微信或钉钉群机器人",
        "Send today's duty list (overdue first, findings due) to a WeCom or DingTalk group robot",
    ),
    "help.remind.dry_run": ("只显示将要发送的内容，不发送", "Show the message; send nothing"),
    "help.remind.config": (
        "机器人配置文件（默认工作区中的 robot.toml）",
        "Robot configuration file (default: robot.toml in the workspace)",
    ),
    # --- states, actions, lights ----------------------------------------------------------
    "finding.state.open": ("待整改", "to rectify"),
    "finding.state.rectifying": ("整改中", "rectifying"),
    "finding.state.verifying": ("待验收", "awaiting verification"),
    "finding.state.closed": ("已销号", "struck off"),
    "finding.action.open": ("开立", "opened"),
    "finding.action.update": ("更新", "updated"),
    "finding.action.submit": ("提请验收", "submitted"),
    "finding.action.extend": ("申请延期", "extended"),
    "finding.action.reject": ("退回整改", "sent back"),
    "finding.action.close": ("销号", "struck off"),
    "light.green": ("绿", "green"),
    "light.yellow": ("黄", "yellow"),
    "light.red": ("红", "red"),
    "status.findings": (
        "整改问题未销号 {total} 个：红 {red}、黄 {yellow}、绿 {green}（fangkong finding list 查看）",
        "{total} open finding(s): red {red}, yellow {yellow}, green {green} (see fangkong finding list)",
    ),
    # --- the ledger -----------------------------------------------------------------------
    "ledger.title": ("整改台账", "Rectification ledger"),
    "ledger.empty": ("没有整改问题。", "No findings."),
    "ledger.history": ("变更记录：", "Changes:"),
    "ledger.extended": ("（延期 {count} 次）", " (extended {count}x)"),
    "ledger.overdue": ("（已逾期）", " (overdue)"),
    "ledger.summary": (
        "共 {total} 个问题：已销号 {closed}，逾期 {overdue}；未销号的 红 {red}、黄 {yellow}、绿 {green}",
        "{total} finding(s): {closed} struck off, {overdue} overdue; open ones red {red}, yellow {yellow}, green {green}",
    ),
    "ledger.col.id": ("编号", "Id"),
    "ledger.col.measure": ("措施", "Measure"),
    "ledger.col.slot": ("时段", "Slot"),
    "ledger.col.found": ("问题", "Found"),
    "ledger.col.rectification": ("整改措施", "Rectification"),
    "ledger.col.responsible": ("责任人", "Responsible"),
    "ledger.col.deadline": ("期限", "Deadline"),
    "ledger.col.state": ("状态", "State"),
    "ledger.col.light": ("灯", "Light"),
    "ledger.col.opened": ("开立", "Opened"),
    "ledger.col.closed": ("销号", "Struck off"),
    "ledger.col.evidence": ("证据", "Evidence"),
    # --- command results and refusals ---------------------------------------------------
    "finding.opened": (
        "已开立问题 {id}，整改期限 {deadline}，责任人 {responsible}",
        "Opened {id}, deadline {deadline}, responsible {responsible}",
    ),
    "finding.changed": ("问题 {id} 现在：{state}", "Finding {id} is now: {state}"),
    "finding.extended": ("问题 {id} 的整改期限已延至 {deadline}", "Finding {id}: deadline moved to {deadline}"),
    "finding.auto_opened": (
        "{measure}（{slot}）已登记为整改问题 {id}（fangkong finding list 查看）",
        "{measure} ({slot}) is filed as finding {id} (see fangkong finding list)",
    ),
    "unknown_finding": (
        "没有编号为 “{id}” 的问题；用 fangkong finding list --all 查看",
        "no finding '{id}'; see fangkong finding list --all",
    ),
    "finding_bad_slot": (
        "措施 {id} 没有时段 “{slot}”（如 2021-01-05、2021-W02、2021-01）",
        "measure {id} has no slot '{slot}' (e.g. 2021-01-05, 2021-W02, 2021-01)",
    ),
    "finding_needs_text": ("请用 --found 写明发现的问题", "say what was found with --found"),
    "finding_deadline_past": (
        "整改期限 {deadline} 早于今天（{today}）",
        "the deadline {deadline} is before today ({today})",
    ),
    "finding_cannot_update": ("问题 {id} 已销号，不能再修改", "finding {id} is struck off and cannot change"),
    "finding_cannot_submit": (
        "问题 {id} 已提请验收或已销号，不能再提请",
        "finding {id} is already awaiting verification or struck off",
    ),
    "finding_cannot_extend": ("问题 {id} 已销号，不能延期", "finding {id} is struck off and cannot be extended"),
    "finding_cannot_reject": (
        "问题 {id} 不在待验收状态，不能退回",
        "finding {id} is not awaiting verification and cannot be sent back",
    ),
    "finding_cannot_close": (
        "问题 {id} 须先提请验收（fangkong finding submit），才能销号",
        "finding {id} must be submitted (fangkong finding submit) before it is struck off",
    ),
    "finding_needs_reason": ("请用 --reason 写明理由", "give a reason with --reason"),
    "finding_extend_later": (
        "新的期限须晚于现在的期限 {deadline}",
        "the new deadline must be after the current one, {deadline}",
    ),
    "finding_needs_rectification": (
        "问题 {id} 还没有整改措施；请用 --rectification 写明",
        "finding {id} has no rectification yet; give one with --rectification",
    ),
    "finding_close_needs_evidence": (
        "问题 {id} 没有任何证据，不能销号；请用 --evidence 提供",
        "finding {id} has no evidence and cannot be struck off; give some with --evidence",
    ),
    "finding_close_same_person": (
        "{name} 是整改责任人，不能验收销号自己的整改；请由其他人用 --by 销号",
        "{name} is responsible for the rectification and cannot verify it; someone else must close it with --by",
    ),
    "finding_nothing_to_update": (
        "没有要更新的内容（--rectification、--responsible、--evidence 或 --note）",
        "nothing to update (--rectification, --responsible, --evidence or --note)",
    ),
    "findings_not_folder": (
        "findings 应是存放整改台账的文件夹，现在不是",
        "findings should be the folder of the findings files; it is not",
    ),
    "event_chain_broken": (
        "第 {index} 条整改事件的校验链断开：这条事件或它之前的事件被修改、删除或调换了顺序",
        "the hash chain breaks at findings event {index}: this event or one before it was edited, removed or reordered",
    ),
    "event_chain_missing": (
        "第 {index} 条整改事件缺少校验值（hash）：这条事件是手工添加的，或校验值被删去",
        "findings event {index} has no hash: it was added by hand, or its hash was removed",
    ),
    "verify_events_ok": (
        "已核验 {count} 条整改事件：校验链完整，未发现改动。",
        "{count} findings events checked: every chain holds, nothing was changed.",
    ),
    "verify_events_unchained": (
        "另有 {count} 条整改事件写于启用校验链之前，无法核验。",
        "{count} more findings events were written before hash chains and cannot be checked.",
    ),
    "agg.findings": ("未销号的整改问题（按灯）：", "Open findings by light:"),
    "agg.findings_unit": (
        "{unit}：红 {red}、黄 {yellow}、绿 {green}",
        "{unit}: red {red}, yellow {yellow}, green {green}",
    ),
    # --- remind ---------------------------------------------------------------------------
    "remind.title": ("【防控待办】{unit} {date}", "[Duty list] {unit} {date}"),
    "remind.nothing": ("今天没有待办事项。", "Nothing is due today."),
    "remind.overdue": ("逾期未填 {count} 项：", "{count} overdue:"),
    "remind.due": ("今日应填 {count} 项：", "{count} due:"),
    "remind.findings": ("整改问题临近或超过期限 {count} 个：", "{count} finding(s) near or past the deadline:"),
    "remind.more": ("……另有 {count} 行，请运行 fangkong status 查看", "... {count} more line(s): run fangkong status"),
    "remind.sent": ("已发送到{kind}群机器人（{count} 行）", "Sent to the {kind} group robot ({count} lines)"),
    "remind.kind.wecom": ("企业微信", "WeCom"),
    "remind.kind.dingtalk": ("钉钉", "DingTalk"),
    "robot_missing": (
        "没有机器人配置文件 {path}；请按 README“提醒”一节创建（该文件不会提交到 git）",
        "no robot configuration {path}; create it as the README's Reminders section shows (it is never committed)",
    ),
    "robot_bad": (
        "{what} 缺失或无效（kind 为 wecom 或 dingtalk，webhook 为 https 网址，timeout 为 1-120 秒）",
        "{what} is missing or invalid (kind: wecom or dingtalk; webhook: an https URL; timeout: 1-120 seconds)",
    ),
    "remind_http": (
        "发送失败：机器人服务器返回 HTTP {code} {reason}；工作区未做任何修改",
        "sending failed: the robot server answered HTTP {code} {reason}; nothing in the workspace changed",
    ),
    "remind_timeout": (
        "发送失败：{seconds} 秒内没有响应；工作区未做任何修改",
        "sending failed: no answer within {seconds} s; nothing in the workspace changed",
    ),
    "remind_network": (
        "发送失败：无法连接（{reason}）；工作区未做任何修改",
        "sending failed: cannot connect ({reason}); nothing in the workspace changed",
    ),
    "remind_reply": (
        "发送失败：机器人的回复无法识别（{reply}）",
        "sending failed: the robot's reply is not understood ({reply})",
    ),
    "remind_refused": (
        "发送失败：机器人拒绝了消息（errcode {errcode}：{reply}）；请检查 webhook 和 secret",
        "sending failed: the robot refused the message (errcode {errcode}: {reply}); check the webhook and secret",
    ),
}
