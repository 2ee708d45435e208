"""The message catalog: every user-facing sentence, in Chinese (default) and English."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from .errors import Problem

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

# key -> (zh, en). Parameters use str.format names.
MESSAGES: dict[str, tuple[str, str]] = {
    # --- files and data ------------------------------------------------------------------
    "problems": ("发现 {count} 处问题，未做任何修改。", "{count} problem(s) found; nothing was changed."),
    "file_too_large": ("文件太大（上限 {limit} KB），已拒绝读取", "file too large (limit {limit} KB); not read"),
    "file_is_directory": ("这是一个文件夹，不是文件", "this is a folder, not a file"),
    "file_not_found": ("找不到这个文件", "no such file"),
    "file_not_regular": (
        "不是普通文件（可能是管道或设备），已拒绝读取",
        "not a regular file (a pipe or a device?); not read",
    ),
    "too_deep": ("嵌套层次太深，不是有效的数据文件", "nested too deeply to be a valid data file"),
    "file_unreadable": ("无法读取：{reason}", "cannot be read: {reason}"),
    "not_utf8": (
        "不是 UTF-8 编码（可能是 GBK 或 UTF-16）；请用“UTF-8”另存后再试",
        "not UTF-8 encoded (GBK or UTF-16?); save it as UTF-8 and try again",
    ),
    "binary_file": ("含有空字符，不是文本文件", "contains NUL bytes; not a text file"),
    "yaml_syntax": ("YAML 格式错误：{detail}", "YAML syntax error: {detail}"),
    "yaml_bad_char": (
        "含有 YAML 不允许的字符 {char}；请删去后重试",
        "contains the character {char}, which YAML does not allow; remove it and try again",
    ),
    "yaml_empty": ("文件是空的", "the file is empty"),
    "yaml_alias": ("不允许使用 YAML 锚点/别名（& 和 *）", "YAML anchors/aliases (& and *) are not allowed"),
    "yaml_tag": ("不允许使用 YAML 标签 {tag}", "YAML tag {tag} is not allowed"),
    "yaml_complex_key": ("键必须是简单文本", "keys must be plain text"),
    "yaml_merge_key": ("不允许使用合并键 <<", "merge keys (<<) are not allowed"),
    "yaml_duplicate_key": (
        "键 “{key}” 重复（第一次出现在第 {first} 行）",
        "duplicate key '{key}' (first at line {first})",
    ),
    "checklist_not_mapping": ("清单文件的顶层应是“键: 值”映射", "a checklist file must be a mapping at top level"),
    "checklist_unknown_kind": (
        "清单文件应以 notice: 或 section: 开头",
        "a checklist file must have a notice: or section: key",
    ),
    "checklist_two_notices": (
        "一份清单只能有一个 notice 文件（已有 {first}）",
        "a checklist has one notice file only (already {first})",
    ),
    "checklist_no_measures": ("清单中没有任何措施", "the checklist holds no measures"),
    "duplicate_section": ("章节编号 “{id}” 重复（已在 {first}）", "duplicate section id '{id}' (already in {first})"),
    "duplicate_measure": ("措施编号 “{id}” 重复（已在 {first}）", "duplicate measure id '{id}' (already at {first})"),
    "checklist_not_found": ("找不到清单 “{spec}”；内置清单有：{builtin}", "no checklist '{spec}'; built-in: {builtin}"),
    "checklist_dir_empty": ("文件夹 {path} 中没有 .yaml 清单文件", "no .yaml checklist files in {path}"),
    "invalid_value": ("{where}：{text}", "{where}: {text}"),
    "invalid_detail": ("{text}", "{text}"),
    "toml_syntax": (
        "TOML 格式错误：{detail}；文件未被修改，请手工修正",
        "TOML syntax error: {detail}; the file was not changed, fix it by hand",
    ),
    "records_not_folder": (
        "records 应是存放记录的文件夹，现在不是；请检查工作区",
        "records should be the folder of records files; it is not",
    ),
    "git_conflict": (
        "文件里留有 git 合并冲突标记（<<<<<<< ======= >>>>>>>），fangkong 不会改动它；请用 git 解决冲突：保留双方的每一条 [[record]]，删去标记行，再 git add 提交",
        "the file holds git conflict markers (<<<<<<< ======= >>>>>>>); fangkong leaves it alone: resolve the conflict with git, keeping every [[record]] of both sides and deleting the marker lines, then git add and commit",
    ),
    "records_cannot_append": (
        "{path} 的写法（例如手工改成的内联数组）无法在末尾追加记录；文件未被修改，请改回 [[record]] 表的写法",
        "{path} is written in a way records cannot be appended to (an inline array edited by hand?); it was not changed: write its records as [[record]] tables",
    ),
    "records_file_full": (
        "{path} 将超过记录文件的大小上限（{limit} KB），已拒绝写入；请减少证据或备注的长度",
        "{path} would exceed the records file size limit ({limit} KB); nothing was written: shorten the evidence or notes",
    ),
    "evidence_too_much": (
        "证据最多 {count} 项，每项不超过 {chars} 个字；未记录",
        "at most {count} pieces of evidence of at most {chars} characters each; nothing was recorded",
    ),
    "chain_broken": (
        "第 {index} 条记录的校验链断开：这条记录或它之前的记录被修改、删除或调换了顺序",
        "the hash chain breaks at record {index}: this record or one before it was edited, removed or reordered",
    ),
    "chain_missing": (
        "第 {index} 条记录缺少校验值（hash）：这条记录是手工添加的，或校验值被删去",
        "record {index} has no hash: it was added by hand, or its hash was removed",
    ),
    "verify_shorter.records": (
        "填报端 {writer} 的记录现在只有 {now} 条，这份报告写成时已有 {then} 条：此后有记录被删除",
        "writer {writer} now has {now} records, but had {then} when this report was written: some were removed since",
    ),
    "verify_shorter.findings": (
        "填报端 {writer} 的整改事件现在只有 {now} 条，这份报告写成时已有 {then} 条：此后有事件被删除",
        "writer {writer} now has {now} findings events, but had {then} when this report was written: some were removed",
    ),
    "verify_changed.records": (
        "填报端 {writer} 的第 {then} 条记录与这份报告记下的校验值不同：报告写成时已有的记录此后被改动或替换",
        "writer {writer}'s record {then} differs from the hash this report recorded: records it covered were changed since",
    ),
    "verify_changed.findings": (
        "填报端 {writer} 的第 {then} 条整改事件与这份报告记下的校验值不同：当时已有的事件此后被改动或替换",
        "writer {writer}'s findings event {then} differs from the hash this report recorded: events were changed since",
    ),
    "verify_not_report": (
        "不是 fangkong 的 JSON 报告（用 fangkong report --format json 生成的文件）",
        "not a fangkong JSON report (a file written by fangkong report --format json)",
    ),
    "verify_no_heads": (
        "这份报告没有记下校验链（由较早版本的 fangkong 生成），无法比对",
        "this report records no hash chains (written by an older fangkong), so there is nothing to compare",
    ),
    "verify_bad_head": (
        "报告中第 {index} 条校验链记录不完整或格式不对（kind、campaign、writer、entries、last_hash）",
        "chain {index} recorded in the report is incomplete or malformed (kind, campaign, writer, entries, last_hash)",
    ),
    "verify_against_ok": (
        "与报告 {path} 记下的 {count} 条校验链一致：报告写成后，当时已有的记录和整改事件没有被删除或改动。",
        "matches the {count} hash chain(s) recorded in {path}: nothing that existed when it was written was removed or changed.",
    ),
    "verify_ok": (
        "已核验 {count} 条记录（{writers} 个填报端）：校验链完整，未发现改动。",
        "{count} records checked ({writers} writer chain(s)): every chain holds, nothing was changed.",
    ),
    "verify_unchained": (
        "另有 {count} 条记录写于启用校验链之前（records/ 下按月的文件），无法核验。",
        "{count} more records were written before hash chains (the month files directly in records/) and cannot be checked.",
    ),
    "period_outside": (
        "注意：本通知针对{name}（{start} 至 {end}），活动开始日期不在此期间内。",
        "Note: this notice covers {name} ({start} to {end}); the campaign starts outside that period.",
    ),
    "period_end_set": (
        "活动将于 {end} 结束（按通知所述期间确定；如需更改，用 --end 指定）。",
        "The campaign ends on {end} (from the period the notice covers; give --end to change it).",
    ),
    "campaign_no_end": (
        "活动没有结束日期：各项措施会一直按频次排期；需要时用 fangkong campaign end 结束。",
        "The campaign has no end: measures keep falling due; end it with fangkong campaign end when it is over.",
    ),
    "unknown_campaign": ("没有编号为 “{id}” 的活动；现有：{known}", "no campaign '{id}'; there are: {known}"),
    "ambiguous_measure": (
        "措施编号 “{id}” 在多个清单中都有，请写明是哪一个：{choices}",
        "measure id '{id}' is in more than one checklist; say which: {choices}",
    ),
    "bad_campaign_id": (
        "活动编号 “{id}” 无效：用字母、数字、- 和 _，最长 32 个字符（用 --id 指定）",
        "campaign id '{id}' is invalid: use letters, digits, - and _, at most 32 (give --id)",
    ),
    "campaign_exists": (
        "已有编号为 “{id}” 的活动；请用 --id 另起一个编号",
        "there is already a campaign '{id}'; give another one with --id",
    ),
    "campaign_end_before_start": (
        "活动 “{id}” 从 {start} 开始，结束日期不能更早",
        "campaign '{id}' starts on {start}; it cannot end before that",
    ),
    "campaign_table_missing": (
        "在 {path} 中找不到这个活动的表，未做修改",
        "the campaign's table was not found in {path}; nothing changed",
    ),
    "campaign_added": (
        "已添加活动 {id}：清单 {checklist}，共 {count} 项措施，自 {start} 开始。",
        "campaign {id} added: checklist {checklist}, {count} measures, from {start}.",
    ),
    "campaign_ended": ("活动 {id} 的结束日期已设为 {end}。", "campaign {id} now ends on {end}."),
    "col.campaign": ("活动", "Campaign"),
    "col.start": ("开始", "Start"),
    "col.end": ("结束", "End"),
    "col.running": ("状态", "State"),
    "campaign.running": ("进行中", "running"),
    "campaign.not_running": ("未在进行", "not running"),
    "campaign.no_end": ("无结束日期", "no end"),
    "sign_no_ssh_keygen": (
        "找不到 ssh-keygen（OpenSSH），无法签名；请安装 OpenSSH 客户端",
        "ssh-keygen (OpenSSH) was not found; install the OpenSSH client to sign",
    ),
    "sign_key_missing": ("找不到签名用的私钥 {path}", "no private key at {path}"),
    "sign_failed": ("无法为 {path} 签名：{reason}", "cannot sign {path}: {reason}"),
    "sign_needs_file": (
        "签名需要把报告写入文件（-o 文件名），不能写到标准输出",
        "signing needs the report in a file (-o FILE), not on standard output",
    ),
    "signed": ("已签名：{path}", "signed: {path}"),
    "status.campaign_head": ("== 活动 {id}：{checklist} ==", "== campaign {id}: {checklist} =="),
    "status.no_end": (
        "注意：活动 {id} 没有结束日期，各项措施会一直排期（需要时用 fangkong campaign end 结束）。",
        "note: campaign {id} has no end; measures keep falling due (end it with fangkong campaign end).",
    ),
    "report_several": (
        "本工作区有 {count} 项活动在进行（{ids}）：每项一份报告。请用 --campaign 指定一项，或用 -o 指定一个文件夹",
        "{count} campaigns are running ({ids}): one report each. Give --campaign, or -o a folder",
    ),
    "agg.why.sig_missing": ("没有签名（应有同名的 .sig 文件）", "not signed (no .sig file beside it)"),
    "agg.why.sig_invalid": (
        "签名无效：文件在签名后被改动，或不是单位 {unit} 在 allowed_signers 中登记的密钥所签",
        "bad signature: the file changed after signing, or it was not signed by the key allowed_signers lists for unit {unit}",
    ),
    "agg.signers_missing": ("找不到签名公钥清单 {path}", "no allowed_signers file at {path}"),
    "help.aggregate.allowed_signers": (
        "只统计由本单位密钥签名的报告（git 的 allowed_signers 格式）",
        "Count only reports signed by their unit's key (git's allowed_signers format)",
    ),
    "records_not_file": (
        "这里应是一个记录文件（不是文件夹或失效的链接）；请检查",
        "this should be a records file (not a folder or a broken link)",
    ),
    "records_newer": (
        "记录文件格式版本为 {found}，本程序只认识 {known}；请升级 fangkong",
        "records file format {found} is newer than {known}; upgrade fangkong",
    ),
    "config_newer": (
        "配置文件格式版本为 {found}，本程序只认识 {known}；请升级 fangkong",
        "configuration format {found} is newer than {known}; upgrade fangkong",
    ),
    "tailoring_unknown_measure": (
        "tailoring 中的措施 “{id}” 不在清单中",
        "tailoring names measure '{id}', which is not in the checklist",
    ),
    "write_failed": (
        "无法写入 {path}：{reason}；原有文件保持不变",
        "cannot write {path}: {reason}; the existing file is unchanged",
    ),
    "replace_busy": (
        "{path} 正被其他程序（如 Excel）打开，无法替换；请关闭后重试，原有文件保持不变",
        "{path} is held open by another program (Excel?); close it and try again; the existing file is unchanged",
    ),
    "stdout_failed": (
        "无法写出结果（标准输出）：{reason}；磁盘是否已满？",
        "could not write the output (standard output): {reason}; is the disk full?",
    ),
    "output_is_directory": ("输出路径 {path} 是文件夹", "output path {path} is a folder"),
    "output_over_workspace": (
        "不能把报表写到 {path}：那里是工作区自己的文件（{file}），写入会覆盖它；请换一个输出路径",
        "will not write the report to {path}: it is the workspace's own {file}, which it would replace; choose another output path",
    ),
    "output_folder_missing": ("输出文件夹 {path} 不存在", "output folder {path} does not exist"),
    "locked": (
        "另一个 fangkong 正在使用工作区 {path}，请稍后再试",
        "another fangkong is using the workspace {path}; try again shortly",
    ),
    "lock_failed": ("无法锁定工作区 {path}：{reason}", "cannot lock the workspace {path}: {reason}"),
    # --- pydantic error kinds -------------------------------------------------------------
    "pyd.missing": ("缺少必填项", "required item missing"),
    "pyd.extra_forbidden": ("未知的键（拼写错误？）", "unknown key (a typo?)"),
    "pyd.string_type": ("应为文本", "must be text"),
    "pyd.list_type": ("应为列表", "must be a list"),
    "pyd.tuple_type": ("应为列表", "must be a list"),
    "pyd.dict_type": ("应为“键: 值”映射", "must be a mapping"),
    "pyd.model_type": ("应为“键: 值”映射", "must be a mapping"),
    "pyd.model_attributes_type": ("应为“键: 值”映射", "must be a mapping"),
    "pyd.enum": ("取值无效，可选：{expected}", "invalid value, expected {expected}"),
    "pyd.literal_error": ("取值无效，可选：{expected}", "invalid value, expected {expected}"),
    "pyd.date_from_datetime_parsing": ("应为日期，如 2021-01-31", "must be a date such as 2021-01-31"),
    "pyd.date_from_datetime_inexact": ("应为日期，如 2021-01-31", "must be a date such as 2021-01-31"),
    "pyd.date_parsing": ("应为日期，如 2021-01-31", "must be a date such as 2021-01-31"),
    "pyd.date_type": (
        "应为日期，如 2021-01-31（在 fangkong.toml 中不加引号）",
        "must be a date such as 2021-01-31 (without quotes in fangkong.toml)",
    ),
    "pyd.datetime_type": (
        "应为带时区的时间，如 2021-01-05T09:00:00+08:00",
        "must be a time with offset, e.g. 2021-01-05T09:00:00+08:00",
    ),
    "pyd.datetime_parsing": (
        "应为带时区的时间，如 2021-01-05T09:00:00+08:00",
        "must be a time with offset, e.g. 2021-01-05T09:00:00+08:00",
    ),
    "pyd.datetime_from_date_parsing": (
        "应为带时区的时间，如 2021-01-05T09:00:00+08:00",
        "must be a time with offset, e.g. 2021-01-05T09:00:00+08:00",
    ),
    "pyd.int_type": ("应为整数", "must be a whole number"),
    "pyd.int_parsing": ("应为整数", "must be a whole number"),
    "pyd.string_pattern_mismatch": (
        "含有不允许的字符（只允许字母、数字、汉字、-、_ 和单个 .）",
        "contains characters that are not allowed (letters, digits, - _ and single dots)",
    ),
    "pyd.string_too_long": ("太长（最多 {max_length} 个字符）", "too long (at most {max_length} characters)"),
    "pyd.string_too_short": ("不能为空", "must not be empty"),
    "pyd.too_short": ("不能为空", "must not be empty"),
    "pyd.too_long": ("条目太多（最多 {max_length} 条）", "too many entries (at most {max_length})"),
    "pyd.fk_control_chars": (
        "含有不允许的字符 {char}（控制字符或无法写入报表的字符）；请删去后重试",
        "contains the character {char}, which is not allowed (a control character or one a report cannot hold); remove it and try again",
    ),
    "pyd.string_unicode": (
        "含有无法识别的字符（终端或脚本的编码不是 UTF-8？）",
        "contains bytes that are not text (is the terminal or script not UTF-8?)",
    ),
    "pyd.fk_year_range": ("年份应在 {min} 至 {max} 之间", "the year must be from {min} to {max}"),
    "pyd.fk_one_line": ("只能是一行", "must be a single line"),
    "pyd.fk_blank": ("不能为空", "must not be blank"),
    "pyd.fk_window_dates": (
        "frequency 为 window 时必须写明结束：end（日期）或 to_day（活动第几天）",
        "a window needs an end: end (a date) or to_day (a campaign day)",
    ),
    "pyd.fk_window_order": ("start 不能晚于 end", "start must not be after end"),
    "pyd.fk_campaign_twice": ("活动编号 {id} 重复", "campaign id {id} is used twice"),
    "pyd.fk_day_order": ("from_day 不能大于 to_day", "from_day must not be after to_day"),
    "pyd.fk_dates_mixed": (
        "同一端只能写日期（start/end/due）或活动第几天（from_day/to_day）之一",
        "give either a date (start/end/due) or a campaign day (from_day/to_day) for each end, not both",
    ),
    "pyd.fk_due_only_once": ("due 只用于 frequency: once", "due is only for frequency: once"),
    "pyd.fk_naive_time": ("时间必须带时区偏移，如 +08:00", "the time needs an offset such as +08:00"),
    "pyd.fk_na_reason": ("状态为不适用（na）时必须填写理由 reason", "status na needs a reason"),
    "pyd.fk_unit_id": (
        "单位编号只能用字母、数字、- 和 _（最多 40 个字符）",
        "unit id: letters, digits, - and _ only (at most 40)",
    ),
    "pyd.fk_timezone": ("未知的时区", "unknown time zone"),
    "pyd.fk_end_before_start": ("结束日期早于开始日期", "end date is before the start date"),
    "pyd.other": ("值无效（{detail}）", "invalid value ({detail})"),
    # --- workspace ------------------------------------------------------------------------
    "workspace_not_found": (
        "在 {cwd} 及其上级文件夹中没有找到工作区（fangkong.toml）。请先运行 fangkong init，或用 --workspace 指定。",
        "no workspace (fangkong.toml) in {cwd} or above. Run fangkong init first, or pass --workspace.",
    ),
    "workspace_not_here": (
        "{path} 不是 fangkong 工作区（缺少 fangkong.toml）；可用 fangkong init --dir {path} 创建",
        "{path} is not a fangkong workspace (no fangkong.toml); create one with fangkong init --dir {path}",
    ),
    "workspace_env_not_here": (
        "环境变量 FANGKONG_HOME 指向的 {path} 不是工作区（缺少 fangkong.toml）",
        "FANGKONG_HOME points to {path}, which has no fangkong.toml",
    ),
    "workspace_exists": ("{path} 已存在，未做修改", "{path} already exists; nothing changed"),
    "init_done": (
        "已创建工作区：{path}（单位：{name}，清单：{checklist}，共 {count} 项措施）",
        "workspace created: {path} (unit {name}, checklist {checklist}, {count} measures)",
    ),
    "init_next": (
        "下一步：每天运行 fangkong check 逐项填报，fangkong status 查看进度。",
        "Next: run fangkong check every day, fangkong status to see where you stand.",
    ),
    "init_need_flags": (
        "没有终端可以提问：请用 --unit-id 和 --unit-name 给出单位信息",
        "no terminal to ask: give --unit-id and --unit-name",
    ),
    "ask_unit_id": ("单位编号（字母数字，如 xining）", "Unit id (letters/digits, e.g. xining)"),
    "ask_unit_name": ("单位名称（如 西宁市总工会）", "Unit name"),
    "bad_unit_id": (
        "单位编号 “{value}” 不可用：只能用字母、数字、- 和 _，最多 40 个字符",
        "unit id '{value}' is not allowed: letters, digits, - and _, at most 40",
    ),
    "bad_option": ("选项 {option} 的值 “{value}” 无效：{text}", "invalid value '{value}' for {option}: {text}"),
    # --- dates ----------------------------------------------------------------------------
    "bad_lock_timeout": (
        "环境变量 FANGKONG_LOCK_TIMEOUT 的值 “{value}” 无效，应为 0 到 3600 之间的秒数",
        "FANGKONG_LOCK_TIMEOUT '{value}' is invalid; use seconds from 0 to 3600",
    ),
    "bad_date": (
        "日期 “{value}” 无效，可写作 2021-01-31、2021/1/31、20210131、今天 或 昨天",
        "invalid date '{value}'; use 2021-01-31, 2021/1/31, 20210131, today or yesterday",
    ),
    "bad_month": ("月份 “{value}” 无效，应为 2021-01 这样的格式", "invalid month '{value}'; use 2021-01"),
    "bad_week": ("周 “{value}” 无效，应为 2021-W05 这样的格式", "invalid week '{value}'; use 2021-W05"),
    "date_out_of_range": (
        "日期 “{value}” 超出范围：年份应在 {min} 至 {max} 之间",
        "date '{value}' is out of range: the year must be from {min} to {max}",
    ),
    "bad_now": ("环境变量 FANGKONG_NOW “{value}” 不是带时区的时间", "FANGKONG_NOW '{value}' is not a time with offset"),
    "period_conflict": ("--month、--week 与 --from/--to 只能选一种", "use one of --month, --week or --from/--to"),
    "period_from_future": (
        "--from {value} 晚于今天（{today}），请给出 --to",
        "--from {value} is after today ({today}); give --to as well",
    ),
    "period_order": ("--from 不能晚于 --to", "--from must not be after --to"),
    "calendar_fallback": (
        "注意：法定节假日日历没有 {years} 年的数据，这些年的“工作日”暂按周一至周五计算，放假和调休日会算错；请按国务院办公厅公布的放假安排在 {path} 中写明该年，例如：[[year]] year = {year} holidays = [{year}-01-01] workdays = [...]",
        "note: the statutory calendar has no data for {years}; working days there are taken as Monday to Friday, which is wrong on holidays and make-up days; add the year's official arrangement to {path}, e.g. [[year]] year = {year} holidays = [{year}-01-01] workdays = [...]",
    ),
    "calendar_running_out": (
        "注意：工作日日历只到 {last}（还有 {days} 天），之后的“工作日”将按周一至周五计算；国务院办公厅公布 {year} 年放假安排后，请在 {path} 中写明，例如：[[year]] year = {year} holidays = [{year}-01-01] workdays = [...]",
        "note: the working-day calendar ends on {last} ({days} days from now); after that, working days are taken as Monday to Friday. When the {year} holiday arrangement is published, add it to {path}, e.g. [[year]] year = {year} holidays = [{year}-01-01] workdays = [...]",
    ),
    # calendar.toml, the unit's own holiday arrangement
    "cal_holiday_weekend": (
        "{date} 是周末，本来就休息：holidays 只列周一至周五中放假的日子",
        "{date} is a weekend day, a day off anyway: holidays lists only weekdays that are days off",
    ),
    "cal_workday_weekday": (
        "{date} 是周一至周五，本来就上班：workdays 只列周末调休上班的日子",
        "{date} is a weekday, a working day anyway: workdays lists only weekend days that are worked",
    ),
    "cal_wrong_year": ("{key} 中的 {date} 不在 {year} 年内", "{date} in {key} is not in {year}"),
    "cal_duplicate_year": (
        "{year} 年重复（第一次出现在第 {first} 行）",
        "year {year} appears twice (first at line {first})",
    ),
    "cal_duplicate_date": ("{key} 中的 {date} 重复列出", "{date} is listed twice in {key}"),
    # --- records, mark, check -------------------------------------------------------------
    "unknown_measure": (
        "清单中没有措施 “{id}”；用 fangkong checklist show 查看编号",
        "no measure '{id}' in the checklist; see fangkong checklist show",
    ),
    "unknown_section": ("清单中没有章节 “{id}”", "no section '{id}' in the checklist"),
    "no_slot": (
        "措施 {id}（{frequency}）在 {date} 没有应填报的时段（不在活动期内或不是工作日）",
        "measure {id} ({frequency}) has no slot on {date} (outside the campaign, or not a working day)",
    ),
    "future_date": (
        "{date} 还没有到（今天是 {today}），不能提前填报",
        "{date} has not come yet (today is {today}); nothing can be recorded for it",
    ),
    "na_needs_reason": ("状态为“不适用”时必须用 --reason 说明理由", "status na needs --reason"),
    "by_required": ("请用 --by 写明填报人（之后会记住）", "say who records with --by (it is remembered)"),
    "bad_status": (
        "状态 “{value}” 无效，可选：已完成（done）、部分完成（partial）、未完成（not_done）、不适用（na）",
        "invalid status '{value}'; use done, partial, not_done or na",
    ),
    "evidence_outside": (
        "证据文件 {path} 不在工作区内；请把它放进工作区（如 evidence/ 文件夹）",
        "evidence file {path} is outside the workspace; put it inside (e.g. evidence/)",
    ),
    "evidence_unreadable": ("无法读取证据文件 {path}：{reason}", "cannot read evidence file {path}: {reason}"),
    "text_invalid": ("{what}：{text}", "{what}: {text}"),
    "marked": ("已记录 {id} {title}：{status}（时段 {slot}）", "recorded {id} {title}: {status} (slot {slot})"),
    "marked_late": ("（补录，已标记为迟报）", "(after the slot ended: marked late)"),
    "check_no_terminal": (
        "fangkong check 需要在终端中交互；脚本或定时任务请用 fangkong mark",
        "fangkong check needs a terminal; in scripts or cron use fangkong mark",
    ),
    "check_nothing": ("{date}：没有待填报的措施。", "{date}: nothing is due."),
    "check_intro": (
        "{date}，共 {count} 项待填报（其中逾期 {overdue} 项）。每项输入 1 已完成、2 部分完成、3 未完成、4 不适用，s 跳过，q 退出；保存前会再确认。",
        "{date}: {count} to answer ({overdue} overdue). For each: 1 done, 2 partial, 3 not done, 4 n/a, s skip, q quit; you confirm before it is saved.",
    ),
    "check_ask_by": ("填报人", "Recorded by"),
    "check_officer": ("填报人：{name}（用 --by 更换）", "Recorded by: {name} (change with --by)"),
    "check_ask_status": (
        "结果 [1 已完成/2 部分完成/3 未完成/4 不适用/s 跳过/q 退出]",
        "Result [1 done/2 partial/3 not done/4 n/a/s skip/q quit]",
    ),
    "check_ask_keep": (
        "更正为 [1/2/3/4]，回车＝保持“{state}”，q 退出",
        "Correct to [1/2/3/4]; Enter keeps '{state}'; q quits",
    ),
    "check_bad_answer": (
        "请输入 1、2、3、4（或 已完成、部分完成、未完成、不适用），s 跳过，q 退出",
        "please answer 1, 2, 3, 4 (or done, partial, not_done, na), s to skip or q to quit",
    ),
    "check_ask_note": ("备注（回车跳过）", "Note (Enter to skip)"),
    "check_ask_reason": ("不适用的理由（必填）", "Why not applicable (required)"),
    "check_saved": ("  ✓ 已保存", "  ✓ saved"),
    "check_done": ("完成：本次保存 {saved} 条，跳过 {skipped} 条。", "Finished: {saved} saved, {skipped} skipped."),
    "check_interrupted": (
        "已中断：本次已确认保存的 {saved} 条不会丢失；正在填写的 {id} 未保存。再次运行 fangkong check 可继续。",
        "Interrupted: the {saved} confirmed answers are kept; the answer to {id} being typed was not saved. Run fangkong check again to go on.",
    ),
    "check_ask_evidence": (
        "证据：网址或工作区内的文件（回车跳过）",
        "Evidence: a URL or a file in the workspace (Enter to skip)",
    ),
    "check_reason": ("理由", "Reason"),
    "check_note": ("备注", "Note"),
    "check_will_save": ("将保存：", "To save: "),
    "check_ask_confirm": (
        "回车或 y 保存，n 重填，s 跳过，q 退出",
        "Enter or y saves, n starts again, s skips, q quits",
    ),
    "check_bad_confirm": (
        "请输入 y（保存）、n（重填）、s（跳过）或 q（退出）",
        "please answer y (save), n (again), s (skip) or q (quit)",
    ),
    "check_skipped": ("  已跳过（临近截止时会再提醒）", "  skipped (asked again near its deadline)"),
    "check_quit": (
        "已退出：本次保存 {saved} 条，还有 {left} 条未填；正在填写的一条未保存。",
        "Quit: {saved} saved, {left} left; the answer being typed was not saved.",
    ),
    "check_list_head": ("{date}：应办 {count} 项", "{date}: {count} to do"),
    "text_invalid_note": ("备注不能保存：{text}；请重新输入", "the note cannot be saved: {text}; type it again"),
    "text_invalid_reason": ("理由不能保存：{text}；请重新输入", "the reason cannot be saved: {text}; type it again"),
    "text_invalid_by": ("填报人姓名不能保存：{text}；请重新输入", "the name cannot be saved: {text}; type it again"),
    "text_invalid_evidence": (
        "证据不能保存：{text}；请重新输入",
        "the evidence cannot be saved: {text}; type it again",
    ),
    "evidence_missing": (
        "证据 “{path}” 看起来是文件，但找不到这个文件；文字说明请加引号或用 --note",
        "evidence '{path}' looks like a file, but there is no such file; quote text or use --note",
    ),
    "undo_nothing": ("没有可撤回的填报", "there is no answer to withdraw"),
    "undone": (
        "已撤回 {id}（{slot}）的“{status}”（{by} 于 {at} 填报）；该时段重新变为未填，历史记录中两条都保留。",
        "Withdrew {id} ({slot}) '{status}' (recorded by {by} at {at}); the slot is unanswered again, history keeps both.",
    ),
    "today_head": ("{date}：当天各项措施", "{date}: every measure's slot of the day"),
    "today_none": ("（当天没有时段）", "(no slot on this day)"),
    "status_slots_head": ("{id} {title}（{frequency}）", "{id} {title} ({frequency})"),
    "check_overdue_tag": ("逾期", "overdue"),
    "check_due_tag": ("截止", "due"),
    "check_answered_tag": ("已填", "answered"),
    "check_source": ("原文", "Source"),
    "check_evidence": ("证据", "Evidence"),
    "check_guidance": ("提示", "Guidance"),
    # --- states and frequencies -----------------------------------------------------------
    "state.done": ("已完成", "done"),
    "state.partial": ("部分完成", "partial"),
    "state.not_done": ("未完成", "not done"),
    "state.na": ("不适用", "n/a"),
    "state.withdrawn": ("已撤回", "withdrawn"),
    "state.due": ("待办", "due"),
    "state.overdue": ("逾期", "overdue"),
    "detail.not_started": ("未开始", "not started"),
    "detail.as_needed": ("按需", "as needed"),
    "detail.no_slot": ("本期无应填", "nothing due"),
    "freq.once": ("一次性", "once"),
    "freq.daily": ("每天", "daily"),
    "freq.workday": ("每个工作日", "every working day"),
    "freq.weekly": ("每周", "weekly"),
    "freq.monthly": ("每月", "monthly"),
    "freq.quarterly": ("每季度", "quarterly"),
    "freq.yearly": ("每年", "yearly"),
    "freq.window": ("时段内", "in a window"),
    "freq.as_needed": ("按需", "as needed"),
    # --- tables ---------------------------------------------------------------------------
    "col.id": ("编号", "ID"),
    "col.measure": ("措施", "Measure"),
    "col.frequency": ("频次", "Frequency"),
    "col.evidence": ("证据要求", "Evidence"),
    "col.role": ("责任", "Role"),
    "col.state": ("当前状态", "State"),
    "col.last_done": ("最近完成", "Last done"),
    "col.next_due": ("下次截止", "Next due"),
    "col.overdue": ("逾期数", "Overdue"),
    "col.section": ("章节", "Section"),
    "col.slot": ("时段", "Slot"),
    "col.status": ("状态", "Status"),
    "col.by": ("填报人", "By"),
    "col.at": ("记录时间", "Recorded"),
    "col.note": ("备注", "Note"),
    "col.flags": ("标记", "Flags"),
    "col.checklist": ("清单", "Checklist"),
    "col.doc_number": ("文号", "Document"),
    "col.title": ("标题", "Title"),
    "col.sections": ("章节数", "Sections"),
    "col.measures": ("措施数", "Measures"),
    "col.where": ("位置", "Location"),
    "flag.correction": ("更正", "correction"),
    "flag.superseded": ("已被更正", "superseded"),
    "flag.late": ("迟报", "late"),
    "flag.orphan": ("清单中无此时段", "no such slot"),
    "summary": (
        "截至 {date}：应填 {due} 个时段，已填 {answered} 个（覆盖率 {coverage}）；结果：已完成 {done}、部分完成 {partial}、未完成 {not_done}、不适用 {na}；逾期 {overdue} 个时段，迟报 {late} 条。",
        "As of {date}: {due} slots due, {answered} answered (coverage {coverage}); results: {done} done, {partial} partial, {not_done} not done, {na} n/a; {overdue} slots overdue, {late} late.",
    ),
    "records_after": (
        "注意：有 {count} 条记录是 {date} 之后填报的，按 {date} 统计时未计入",
        "note: {count} record(s) were made after {date}; judged as of {date} they are not counted",
    ),
    "records_unmatched": (
        "注意：有 {count} 条记录的措施或时段不在当前清单和活动期内，未计入统计；用 fangkong history 查看",
        "note: {count} record(s) name a measure or slot that the checklist and campaign do not have; they are not counted (see fangkong history)",
    ),
    "flag.evidence_changed": ("证据文件 {path} 已改动或不在了", "evidence file {path} changed or gone"),
    "evidence.file": ("文件", "file"),
    "evidence.url": ("网址", "URL"),
    "evidence.note": ("说明", "note"),
    "flag.no_measure": ("清单中无此措施", "no such measure"),
    "history_empty": ("没有记录。", "No records."),
    "checklist_valid": ("{file}：通过检查（{count} 项措施）", "{file}: valid ({count} measures)"),
    "checklist_valid_notice": ("{file}：通过检查（通知信息）", "{file}: valid (notice metadata)"),
    "show_unknown": ("清单中没有编号为 “{id}” 的章节或措施", "no section or measure '{id}' in the checklist"),
    "field.source": ("原文", "Source"),
    "field.frequency": ("频次", "Frequency"),
    "field.evidence": ("证据要求", "Evidence"),
    "field.role": ("责任", "Role"),
    "field.guidance": ("提示", "Guidance"),
    "field.due": ("截止日期", "Due"),
    "field.window": ("时段", "Window"),
    "field.section": ("章节", "Section"),
    # --- general --------------------------------------------------------------------------
    "usage": ("用法错误：{detail}。", "usage error: {detail}. "),
    "usage_hint": ("用 {command} --help 查看用法。", "See {command} --help."),
    "did_you_mean": ("；您是不是要输入 {names}", "; did you mean {names}"),
    "option_needs_value": ("选项 {option} 后面要跟一个值", "option {option} needs a value"),
    "option_takes_no_value": ("选项 {option} 不接受值（直接写 {option} 即可）", "option {option} takes no value"),
    "bad_option_usage": ("选项 {option} 的用法不对", "option {option} is used wrongly"),
    "extra_arguments": ("多出了参数 {args}", "unexpected extra argument(s): {args}"),
    "missing_command": ("缺少命令", "missing command"),
    "bad_argument_usage": ("参数的用法不对", "arguments are used wrongly"),
    "usage_other": ("命令行有误", "the command line is wrong"),
    "no_such_option": ("没有选项 {option}", "no such option: {option}"),
    "missing_argument": ("缺少参数 {param}", "missing argument {param}"),
    "missing_option": ("缺少选项 {param}", "missing option {param}"),
    "bad_parameter": ("{param} 的值无效", "invalid value for {param}"),
    "bad_choice": ("{param} 的值无效，可选：{choices}", "invalid value for {param}; choose one of {choices}"),
    "no_such_command": ("没有命令 {name}", "no such command: {name}"),
    "interrupted": ("已中断。", "Interrupted."),
    "internal_error": (
        "内部错误（{kind}）：{detail}。数据未被修改；请把这行信息告诉维护人员。",
        "internal error ({kind}): {detail}. No data was changed; please report this line.",
    ),
    "error_prefix": ("错误：", "error: "),
    "bad_lang": ("语言 “{value}” 无效，可选 zh 或 en", "invalid language '{value}'; use zh or en"),
}

# Kept in files of their own (a subject each), merged here.
from .messages_cli import CLI_MESSAGES  # noqa: E402
from .messages_findings import FINDING_MESSAGES  # noqa: E402
from .messages_import import IMPORT_MESSAGES  # noqa: E402
from .messages_report import REPORT_MESSAGES  # noqa: E402

for _part in (REPORT_MESSAGES, IMPORT_MESSAGES, FINDING_MESSAGES, CLI_MESSAGES):
    MESSAGES.update(_part)

from .messages_province import PROVINCE_MESSAGES  # noqa: E402 - the province's roll-up, merged here

MESSAGES.update(PROVINCE_MESSAGES)


def t(lang: Lang, key: str, /, **params: Any) -> str:
    """The message `key` in `lang`, filled with `params`."""
    pair = MESSAGES.get(key)
    if pair is None:
        return key
    template = pair[0] if lang == "zh" else pair[1]
    # A problem nested in a message (an option's value that failed validation) is said in
    # the same language.
    params = {k: problem_text(lang, v) if isinstance(v, Problem) else v for k, v in params.items()}
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


def percent(value: float | None) -> str:
    """A rate or coverage as every output shows it: 85.0%, or — when there is nothing to divide."""
    return "—" if value is None else f"{value * 100:.1f}%"


def slot_text(lang: Lang, key: str) -> str:
    """A slot key for people: the day/week/month as it is, 一次性 / 时段内 for single slots."""
    return t(lang, f"freq.{key}") if key in ("once", "window") else key


def problem_text(lang: Lang, problem: Problem) -> str:
    """The message of a Problem without its location."""
    params = dict(problem.params)
    if problem.key in ("invalid_value", "invalid_detail"):
        kind = f"pyd.{params.get('type')}"
        ctx = params.get("ctx") or {}
        inner_key = kind if kind in MESSAGES else "pyd.other"
        params["text"] = t(lang, inner_key, detail=params.get("detail", ""), **ctx)
    return t(lang, problem.key, **params)


def format_problem(lang: Lang, problem: Problem) -> str:
    """`FILE:LINE: message`, the form every data problem is reported in."""
    where = problem.file if problem.line is None else f"{problem.file}:{problem.line}"
    return f"{where}: {problem_text(lang, problem)}"


def resolve_lang(flag: str | None, environ: Mapping[str, str]) -> Lang:
    """--lang, then FANGKONG_LANG; Chinese otherwise (an empty or C locale does not switch)."""
    for value in (flag, environ.get("FANGKONG_LANG")):
        if value:
            lowered = value.strip().lower()
            if lowered.startswith("en"):
                return "en"
            if lowered.startswith("zh"):
                return "zh"
    return "zh"


# Help texts of commands and options, kept beside the messages so both languages stay complete.
MESSAGES.update(
    {
        "help.app": (
            "fangkong（防控）：把上级通知变成检查清单，逐项填报，查看进度，生成报送材料。\n\n退出码：0 正常；1 --fail-on 条件成立（有逾期或待办）；2 用法错误；3 数据或配置有误；4 另一个 fangkong 正在使用工作区。",
            "fangkong: turn a notice into checklists, record each measure, see where the unit stands, write the report.\n\nExit codes: 0 fine; 1 the --fail-on condition was met; 2 usage error; 3 bad data or configuration; 4 another fangkong holds the workspace lock.",
        ),
        "help.version": ("显示版本并退出", "Show the version and exit"),
        "help.lang": ("界面语言：zh（默认）或 en", "Interface language: zh (default) or en"),
        "help.workspace": (
            "工作区文件夹（默认：FANGKONG_HOME 或当前文件夹及其上级中的 fangkong.toml）",
            "Workspace folder (default: FANGKONG_HOME, or the nearest fangkong.toml)",
        ),
        "help.date": (
            "按哪一天办理（如 2021-01-08、2021/1/8、今天、昨天；默认今天）",
            "Act as of this day (2021-01-08, 2021/1/8, today, yesterday; default today)",
        ),
        "help.init": (
            "创建单位工作区（fangkong.toml 和 records/）",
            "Create a unit's workspace (fangkong.toml and records/)",
        ),
        "help.init.dir": ("在哪个文件夹创建（默认当前文件夹）", "Folder to create it in (default: here)"),
        "help.init.unit_id": ("单位编号：字母、数字、- 和 _", "Unit id: letters, digits, - and _"),
        "help.init.unit_name": ("单位名称", "Unit name"),
        "help.init.start": ("活动开始日期（默认今天）", "Campaign start (default today)"),
        "help.init.end": ("活动结束日期（可不填）", "Campaign end (optional)"),
        "help.init.checklist": (
            "使用的清单：内置名称或 YAML 文件/文件夹",
            "Checklist: a built-in name, or a YAML file or folder",
        ),
        "help.init.timezone": ("时区（默认 Asia/Shanghai）", "Time zone (default Asia/Shanghai)"),
        "help.check": (
            "逐项填报今天应办的措施（每答一项立即保存）",
            "Walk through every measure due now, saving each answer at once",
        ),
        "help.check.section": ("只填报某一章节（如 2）", "Only this section (e.g. 2)"),
        "help.check.all_due": (
            "列出所有未填的时段（不只是今天该办的）",
            "Offer every open slot, not only today's walk",
        ),
        "help.check.list": (
            "只列出今天应办的事项，不提问（配合 --format json 供脚本使用）",
            "Print what check would ask now, without asking (with --format json for scripts)",
        ),
        "help.undo": (
            "撤回最近一次填报（追加撤回记录，不删除）",
            "Withdraw the newest answer (a withdrawal is appended, nothing deleted)",
        ),
        "help.undo.id": ("只撤回这一项措施的最近一次填报", "Only this measure's newest answer"),
        "help.today": ("查看某一天全部措施的填报情况", "One day across the workspace: each measure's slot and answer"),
        "help.status.ids": ("只看这些措施，并列出各时段", "Only these measures, slot by slot"),
        "help.check.all": ("也列出已填报的时段，以便更正", "Also list answered slots, to correct them"),
        "help.by": ("填报人（默认上次的填报人）", "Who records (default: the last one)"),
        "help.mark": ("不经提问直接记录（脚本、补录）", "Record without prompts (scripts, back-filling)"),
        "help.mark.ids": ("措施编号，可多个", "Measure ids"),
        "help.mark.status": (
            "状态：已完成（done）、部分完成（partial）、未完成（not_done）、不适用（na）",
            "Status: done, partial, not_done, na (or the Chinese words)",
        ),
        "help.mark.note": ("备注", "Note"),
        "help.mark.reason": ("不适用（na）的理由", "Reason, required for na"),
        "help.mark.evidence": (
            "证据：网址、工作区内的文件或加引号的文字，可重复；写了文件名但文件不存在时拒绝记录",
            "Evidence: URL, file inside the workspace, or quoted text; repeatable; a file name that does not exist is refused",
        ),
        "help.status": ("查看各项措施的当前状态", "Show each measure's state now"),
        "help.format": ("输出格式", "Output format"),
        "help.section": ("只看某一章节", "Only this section"),
        "help.fail_on": (
            "有逾期（overdue）或待办（due）时以退出码 1 结束，供定时任务使用",
            "Exit 1 when something is overdue (or due), for cron",
        ),
        "help.history": (
            "查看填报记录（含更正和迟报）",
            "Show what was recorded, corrections and late records included",
        ),
        "help.history.id": ("只看这一项措施", "Only this measure"),
        "help.from": (
            "从哪一天的时段开始（按应填日期，不按填报时间）",
            "Slots from this day (the day answered for, not the day recorded)",
        ),
        "help.to": ("到哪一天的时段为止（按应填日期）", "Slots up to this day (the day answered for)"),
        "help.checklist": ("查看和检查清单", "See and check checklists"),
        "help.checklist.list": ("列出可用的清单", "List the available checklists"),
        "help.checklist.show": ("显示清单、某一章节或某项措施", "Show a checklist, a section or a measure"),
        "help.checklist.show.id": ("章节或措施编号", "Section or measure id"),
        "help.checklist.spec": (
            "清单：内置名称或 YAML 文件/文件夹（默认工作区所用清单）",
            "Checklist: built-in name or YAML file/folder (default: the workspace's)",
        ),
        "help.checklist.validate": (
            "检查 YAML 清单文件，逐条列出问题",
            "Check YAML checklist files and list every problem",
        ),
        "help.checklist.files": ("要检查的文件或文件夹", "Files or folders to check"),
        "help.campaign": (
            "本单位执行的通知（活动）：添加、列出、结束",
            "The notices (campaigns) the unit follows: add, list, end",
        ),
        "help.campaign.add": (
            "添加一份通知作为新的活动（已有记录不受影响）",
            "Add a notice as a new campaign (existing records are not touched)",
        ),
        "help.campaign.list": ("列出各项活动及其起止日期", "List the campaigns with their start and end"),
        "help.campaign.end": ("结束一项活动（写入结束日期）", "End a campaign (sets its end date)"),
        "help.campaign.checklist": (
            "清单：内置名称或 YAML 文件/文件夹",
            "Checklist: a built-in name, or a YAML file or folder",
        ),
        "help.campaign.start": ("开始日期（默认今天）", "Start (default today)"),
        "help.campaign.id": ("活动编号（默认取清单名称）", "Campaign id (default: the checklist's name)"),
        "help.campaign.end_id": ("要结束的活动编号", "The campaign to end"),
        "help.campaign_opt": ("只看这一项活动（通知）", "Only this campaign (notice)"),
        "help.report.sign": (
            "用此 SSH 私钥为报告签名（生成 文件.sig）",
            "Sign the report with this SSH private key (writes FILE.sig)",
        ),
        "help.verify": (
            "核验记录和整改事件未被改动（逐条校验链）",
            "Check that no record or findings event was edited, removed or reordered (hash chains)",
        ),
        "help.verify.against": (
            "再与这份 JSON 报告写成时的校验链比对：当时已有的记录此后未被删除或改动",
            "Also compare with the chains this JSON report recorded: nothing it covered was removed or changed since",
        ),
        "help.checklist.paths": ("另外要列出的清单文件或文件夹", "More checklist files or folders to list"),
    }
)
