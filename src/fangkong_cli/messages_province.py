"""Catalog entries of the province's roll-up (tree, completeness, timeliness, 通报): key -> (zh, en).

Merged into MESSAGES after the report catalog; the few aggregate help texts repeated here
replace the older wording there.
"""

from __future__ import annotations

PROVINCE_MESSAGES: dict[str, tuple[str, str]] = {
    # --- help texts -----------------------------------------------------------------------
    "help.aggregate": (
        "汇总各单位报送的报告（JSON、xlsx、docx）、工作区和下级汇总：谁已报送、是否按时、各级落实情况、逾期最多的措施",
        "Roll up units' reports (JSON, xlsx, docx), workspaces and lower roll-ups: who reported, on time or not, each level's figures, the measures most often overdue",
    ),
    "help.aggregate.paths": (
        "报告文件（.json、.xlsx、.docx）、下级汇总（aggregate --format json）、工作区，或包含它们的文件夹（递归查找）",
        "Report files (.json, .xlsx, .docx), lower roll-ups (aggregate --format json), workspaces, or folders holding them (searched recursively)",
    ),
    "help.aggregate.expect": (
        "应报单位名单（不分层级）：每行一个单位编号（# 开头为注释），或含 id（及 name）列的 CSV；UTF-8 或 GBK",
        "Units expected to report, as a flat list: one unit id a line (# comments), or a CSV with id (and name) columns; UTF-8 or GBK",
    ),
    "help.aggregate.units": (
        "单位树 units.toml：各单位的编号、名称、上级、加入和退出日期；在树的每一级汇总",
        "The union tree, units.toml: each unit's id, name, parent, joined and left dates; rolled up at every level",
    ),
    "help.aggregate.under": (
        "只汇总这个单位及其下级（需 --units）",
        "Roll up only this unit and the units below it (needs --units)",
    ),
    "help.aggregate.level": (
        "表格只列出前 N 级（1 为最上级）",
        "Show the nodes of the first N levels only (1 is the top)",
    ),
    "help.aggregate.month": (
        "报告期：某月，如 2021-01，可重复（默认取各报告共同的报告期）",
        "Period: a month, e.g. 2021-01, repeatable (default: the period the reports share)",
    ),
    "help.aggregate.week": ("报告期：ISO 周，如 2021-W05，可重复", "Period: an ISO week, e.g. 2021-W05, repeatable"),
    "help.aggregate.format": (
        "输出格式（默认取 -o 文件的扩展名，否则 table，输出到终端）；docx 为通报",
        "Output format (default: the -o file's extension, else table, on the terminal); docx is the circular",
    ),
    "help.aggregate.on_time_days": (
        "报告期结束后几天内报送算按时（默认取 units.toml，否则 5 天）",
        "Days after the period's end a report still counts as on time (default: units.toml, else 5)",
    ),
    "help.report.submit": (
        "在报告中写入报送时间（省总工会据此判断是否按时报送）",
        "Stamp the report with its submission time (the provincial office judges timeliness by it)",
    ),
    "help.report.nil": (
        "零报告：本期没有需要报告的内容（本期已有填报记录时不能使用）",
        "Nil report: nothing to report for the period (refused when the period has records)",
    ),
    "metavar.levels": ("层数", "N"),
    "metavar.days": ("天数", "DAYS"),
    # --- report ---------------------------------------------------------------------------
    "rep.nil_has_records": (
        "报告期 {label} 已有 {count} 条填报记录，不能作零报告；请去掉 --nil",
        "the period {label} has {count} record(s): it is not a nil report; drop --nil",
    ),
    # --- inputs the roll-up leaves out ----------------------------------------------------
    "agg.why.file": ("{problem}", "{problem}"),
    "agg.why.figures": (
        "报告中的数字前后矛盾或超出范围（{where}）",
        "the report's figures contradict each other or are out of range ({where})",
    ),
    "agg.why.embedded": ("无法读取其中的报告（原因见下）", "the report inside cannot be read (see below)"),
    "agg.why.no_embedded": (
        "这份 {suffix} 文件中没有 fangkong 报告数据（请用新版 fangkong report --format {suffix} 重新生成，或改报 json）",
        "this {suffix} file carries no fangkong report data (write it again with a current fangkong report --format {suffix}, or send json)",
    ),
    "agg.why.unsupported": (
        "{suffix} 文件只供阅读，无法汇总；请单位报送 json、xlsx 或 docx 格式",
        "a {suffix} file is for reading only and cannot be rolled up; ask the unit for json, xlsx or docx",
    ),
    "agg.why.folder_unreadable": (
        "文件夹无法读取：{reason}；其中的报告未计入",
        "the folder cannot be read: {reason}; its reports are not counted",
    ),
    "agg.why.old_rollup": (
        "这份汇总由旧版 fangkong 生成，不能再汇总；请用新版重新生成，或直接汇总各单位的报告",
        "this roll-up was written by an older fangkong and cannot be rolled up again; write it again, or roll up the units' reports",
    ),
    # --- --expect and units.toml ----------------------------------------------------------
    "agg.expect_binary": (
        "应报单位名单 {path} 不是文本文件（应为 UTF-8 或 GBK 文本、CSV）",
        "the list of expected units {path} is not text (UTF-8 or GBK text, or CSV)",
    ),
    "agg.expect_bad_id": (
        "{path}:{line}：单位编号 “{id}” 无效（只能用字母、数字、- 和 _）",
        "{path}:{line}: invalid unit id '{id}' (letters, digits, - and _ only)",
    ),
    "agg.units_and_expect": ("--units 和 --expect 只能用一个", "use --units or --expect, not both"),
    "agg.under_needs_units": ("--under 需要用 --units 给出单位树", "--under needs the union tree given with --units"),
    "agg.under_unknown": ("单位树中没有编号为 “{id}” 的单位", "no unit '{id}' in the union tree"),
    "agg.periods_overlap": ("报告期 {first} 和 {second} 有重叠", "the periods {first} and {second} overlap"),
    "units.newer": (
        "单位树格式版本为 {found}，本程序只认识 {known}；请升级 fangkong",
        "units file format {found} is newer than {known}; upgrade fangkong",
    ),
    "units.duplicate": (
        "单位编号 “{id}” 重复（第一次出现在第 {first} 行）",
        "duplicate unit id '{id}' (first at line {first})",
    ),
    "units.unknown_parent": (
        "单位 “{id}” 的上级 “{parent}” 不在单位树中",
        "unit '{id}' names the parent '{parent}', which is not in the tree",
    ),
    "units.own_parent": ("单位 “{id}” 不能是自己的上级", "unit '{id}' cannot be its own parent"),
    "units.left_before_joined": ("单位 “{id}” 的退出日期早于加入日期", "unit '{id}' left before it joined"),
    "units.cycle": ("上下级关系形成了循环：{chain}", "the parents form a loop: {chain}"),
    # --- notes on stderr ------------------------------------------------------------------
    "agg.placed_twice": (
        "单位 {unit} 在两份汇总中的上级不同：采用 {kept}（{kept_from}），忽略 {other}（{other_from}）",
        "unit {unit} has different parents in two roll-ups: using {kept} ({kept_from}), ignoring {other} ({other_from})",
    ),
    "agg.outside": ("{count} 份报告的单位不在 {id} 之下，未计入", "{count} report(s) of units outside {id} left out"),
    "agg.unexpected_note": (
        "注意：以下单位不在应报名单中，其报告已计入合计但不计入报送率：{units}",
        "note: these units are not expected to report; their figures are in the totals but not in the rates: {units}",
    ),
    "out.over_input": (
        "不能写入 {path}：它是本次汇总读取的文件 {input}，覆盖会丢失原件；请换一个文件名或文件夹",
        "will not write {path}: it is {input}, one of the files this roll-up reads; choose another name or folder",
    ),
    # --- the roll-up's tables -------------------------------------------------------------
    "agg.completeness_line": (
        "报送情况：应报 {expected} 份，已报 {reported} 份（报送率 {rate}），按时 {on_time} 份（及时率 {on_time_rate}）；未报 {missing} 份，迟报 {late} 份（报告期结束 {days} 天后报送为迟报）",
        "Reporting: {expected} expected, {reported} received (reporting rate {rate}), {on_time} on time (on-time rate {on_time_rate}); {missing} missing, {late} late (late: sent more than {days} days after the period)",
    ),
    "agg.completeness_unknown": (
        "报送情况：收到 {reported} 份，按时 {on_time} 份，迟报 {late} 份（报告期结束 {days} 天后报送为迟报）；未提供应报单位名单（--units 或 --expect），无法计算报送率",
        "Reporting: {reported} received, {on_time} on time, {late} late (late: sent more than {days} days after the period); no list of expected units (--units or --expect), so no reporting rate",
    ),
    "agg.nodes": ("各级报送和落实情况", "Reporting and work by level"),
    "agg.col.node": ("单位（含下级）", "Unit (with those below)"),
    "agg.col.expected": ("应报", "Expected"),
    "agg.col.reported": ("已报", "Received"),
    "agg.col.on_time": ("按时", "On time"),
    "agg.col.rate": ("报送率", "Reporting rate"),
    "agg.col.on_time_rate": ("及时率", "On-time rate"),
    "agg.late_units": (
        "迟报单位（报告期结束 {days} 天后报送）",
        "Units that reported late (more than {days} days after the period)",
    ),
    "agg.late_none": ("没有迟报的单位。", "No unit reported late."),
    "agg.nil_units": ("零报告单位：{units}", "Nil reports: {units}"),
    # --- the circular (通报) -------------------------------------------------------------
    "circ.issuer_blank": ("（发文机关）", "(issuing office)"),
    "circ.title": (
        "关于{period}贯彻落实《{notice}》情况的通报",
        "Circular on the implementation of {notice}, {period}",
    ),
    "circ.to_default": ("各有关单位", "To all units concerned"),
    "circ.opening": (
        "根据《{notice}》{doc}要求，现将{period}各单位工作情况报送和落实情况通报如下。",
        "Under {notice} {doc}, this circular reports who reported for {period}, on time or not, and how the work stands.",
    ),
    "circ.h.overall": ("总体情况", "Overall"),
    "circ.reporting": (
        "截至{as_of}，应报 {expected} 份，已报 {reported} 份，报送率 {rate}；按时报送 {on_time} 份，及时率 {on_time_rate}；未报 {missing} 份，迟报（报告期结束 {days} 天后报送）{late} 份。",
        "As of {as_of}: {expected} reports expected, {reported} received (reporting rate {rate}); {on_time} on time (on-time rate {on_time_rate}); {missing} missing, {late} late (sent more than {days} days after the period).",
    ),
    "circ.reporting_unknown": (
        "截至{as_of}，共收到 {reported} 份报告，其中按时报送（报告期结束 {days} 天内）{on_time} 份。",
        "As of {as_of}: {reported} reports received, {on_time} of them on time (within {days} days after the period).",
    ),
    "circ.work": (
        "各单位应填时段 {due} 个，已填 {answered} 个，覆盖率 {coverage}；其中已完成 {done} 个、部分完成 {partial} 个、未完成 {not_done} 个；逾期未填 {overdue} 个时段。",
        "Units had {due} slots due and answered {answered} (coverage {coverage}): {done} done, {partial} partly done, {not_done} not done; {overdue} slots are overdue.",
    ),
    "circ.h.nodes": ("各单位报送情况", "Reporting by unit"),
    "circ.h.missing": ("未报送单位", "Units that have not reported"),
    "circ.h.late": (
        "迟报单位（报告期结束 {days} 天后报送）",
        "Units that reported late (more than {days} days after the period)",
    ),
    "circ.h.measures": ("逾期较多的措施", "Measures most often overdue"),
    "circ.h.asks": ("工作要求", "What is asked"),
    "circ.asks": (
        "请未报送、迟报的单位抓紧补报，按时报送下一期工作情况；对逾期未落实的措施，请逐项查明原因、限期整改，并在下一期报告中说明整改情况。",
        "Units that have not reported, or reported late, are asked to report at once and on time next period; for every overdue measure, find the cause, put it right by a set date and say so in the next report.",
    ),
    "circ.group_count": ("（{count} 个）", " ({count})"),
    "circ.other_group": ("其他", "Others"),
    "circ.by_node": ("分单位看：", "By unit:"),
    "circ.measure": (
        "{title}（第 {id} 项，涉及 {units} 个单位，逾期 {slots} 个时段）",
        "{title} (measure {id}: {units} units, {slots} slots overdue)",
    ),
}
