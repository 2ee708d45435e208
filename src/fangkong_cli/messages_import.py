"""Catalog entries of `checklist import`: key -> (zh, en)."""

from __future__ import annotations

IMPORT_MESSAGES: dict[str, tuple[str, str]] = {
    # --- reading the notice ---------------------------------------------------------------
    "imp.not_found": ("找不到文件 {path}", "no such file: {path}"),
    "imp.unreadable": ("无法读取 {path}：{reason}", "cannot read {path}: {reason}"),
    "imp.is_directory": (
        "{path} 是文件夹；请给出通知文件（.txt、.docx 或 .pdf）",
        "{path} is a folder; give the notice file (.txt, .docx or .pdf)",
    ),
    "imp.not_regular": (
        "{path} 不是普通文件（管道或设备），未读取",
        "{path} is not a regular file (a pipe or a device); not read",
    ),
    "imp.empty": ("{path} 是空的，没有可读的文字", "{path} is empty: there is no text to read"),
    "imp.too_large": (
        "{path} 太大（上限 {limit}），不像一份通知，未读取",
        "{path} is too large (limit {limit}) for a notice; not read",
    ),
    "imp.old_word": (
        "{path} 是旧版 Word（.doc）或 WPS 格式；请另存为 .docx 或 .pdf 后再导入",
        "{path} is an old Word (.doc) or WPS file; save it as .docx or .pdf and import that",
    ),
    "imp.docx_not_zip": (
        "{path} 不是有效的 .docx 文件（不是 zip 压缩包）；请用 Word 或 WPS 重新另存为 .docx",
        "{path} is not a valid .docx (not a zip archive); save it again as .docx from Word or WPS",
    ),
    "imp.docx_damaged": (
        "{path} 已损坏，无法读取（{reason}）；请用 Word 或 WPS 重新另存",
        "{path} is damaged and cannot be read ({reason}); save it again from Word or WPS",
    ),
    "imp.pdf_not_pdf": ("{path} 不是 PDF 文件", "{path} is not a PDF file"),
    "imp.pdf_damaged": (
        "{path} 这个 PDF 已损坏，无法读取（{reason}）",
        "the PDF {path} is damaged and cannot be read ({reason})",
    ),
    "imp.pdf_encrypted": (
        "{path} 这个 PDF 有密码保护，无法读取文字",
        "the PDF {path} is password-protected; its text cannot be read",
    ),
    "imp.pdf_no_text": (
        "{path} 这个 PDF 没有文字层（可能是扫描件），无法读取；请向发文单位索取文字版，或先做文字识别（OCR）",
        "the PDF {path} has no text layer (a scan?); ask the issuer for a text version, or run text recognition (OCR) first",
    ),
    "imp.bad_encoding": (
        "{path} 的编码无法识别（不是 UTF-8 或 GB18030/GBK）；请另存为 UTF-8 文本",
        "the encoding of {path} is not UTF-8 or GB18030/GBK; save it as UTF-8 text",
    ),
    "imp.binary": ("{path} 含有空字符，不是文本文件", "{path} contains NUL bytes; it is not a text file"),
    "imp.no_body": ("{path} 中没有找到通知正文", "no body text found in {path}"),
    # --- writing the draft ----------------------------------------------------------------
    "imp.out_is_file": (
        "输出位置 {path} 是一个文件；请用 -o 指定一个新文件夹",
        "the output {path} is a file; give a new folder with -o",
    ),
    "imp.out_inside_file": (
        "输出位置 {path} 在文件 {file} 之下；请用 -o 指定一个文件夹",
        "the output {path} lies under the file {file}; give a folder with -o",
    ),
    "imp.out_inside_checklist": (
        "输出位置 {path} 在已有清单的文件夹里（{file}）；请换一个文件夹",
        "the output {path} is inside an existing checklist folder ({file}); choose another folder",
    ),
    "imp.out_exists": (
        "{path} 已存在，未做修改；要覆盖以前生成的草稿请加 --force",
        "{path} already exists; nothing changed (add --force to replace an earlier draft)",
    ),
    "imp.out_not_draft": (
        "{path} 中有不是清单草稿的内容（{name}），即使加 --force 也不会覆盖",
        "{path} holds something that is not a checklist draft ({name}); not replaced, even with --force",
    ),
    "imp.draft_invalid": (
        "生成的草稿没有通过检查（{detail}），未写入任何文件；请把这行信息告诉维护人员",
        "the draft did not pass the checks ({detail}); nothing was written; please report this line",
    ),
    # --- why a frequency was guessed --------------------------------------------------------
    "imp.why.every": ("文中写明“{text}”", 'the text says "{text}"'),
    "imp.why.deadline": ("文中写明“{text}”，截止 {date}", 'the text says "{text}": due {date}'),
    "imp.why.dated": ("文中写明日期“{text}”（{date}）", 'the text names the day "{text}" ({date})'),
    "imp.why.deadline_no_year": (
        "文中写明“{text}”，但无法确定年份，暂不设截止日期",
        'the text says "{text}" but the year is unknown: no due date yet',
    ),
    "imp.why.window": ("文中写明时段“{text}”", 'the text gives the period "{text}"'),
    "imp.why.window_no_year": (
        "文中写明时段“{text}”，但无法确定年份，暂按一次性",
        'the text gives the period "{text}" but the year is unknown: once for now',
    ),
    "imp.why.event": ("文中写明“{text}”，按发生情况办理", 'the text says "{text}": when it happens'),
    "imp.why.no_period": (
        "文中写“{text}”，没有对应的频次，暂按一次性",
        'the text says "{text}", which no frequency fits: once for now',
    ),
    "imp.why.ongoing": (
        "文中写“{text}”，属持续性工作，暂按每月检查一次",
        'the text says "{text}" (ongoing work): checked monthly for now',
    ),
    "imp.why.default": (
        "未写明频次或期限，暂定在活动期内完成一次（不设截止日期，活动有结束日期时到结束日才算逾期）",
        "no frequency or deadline in the text: once within the campaign (no due date; overdue only after the campaign's end, if it has one)",
    ),
    # --- what a person should look at -------------------------------------------------------
    "imp.review.no_year": (
        "日期没有年份，无法推算截止日期（“{text}”）",
        'a date without a year: no due date could be worked out ("{text}")',
    ),
    "imp.review.vague": (
        "“{text}”没有写明具体周期，频次是推测",
        '"{text}" names no exact period: the frequency is a guess',
    ),
    "imp.review.several": (
        "同一项里写了不止一种频次（“{text}”等），请确认",
        'more than one frequency in one measure ("{text}" and more); please decide',
    ),
    "imp.review.section_empty": (
        "本章没有找到具体措施，暂以章节标题代替",
        "no concrete measure found in this section: its heading stands in",
    ),
    "imp.review.exhortation": (
        "只有号召、没有具体动作，请确认是否保留",
        "a call with no concrete action: keep it or drop it",
    ),
    "imp.review.long": (
        "原文较长（{length} 字），可能包含几项措施，可拆分",
        "a long source ({length} characters): it may hold several measures",
    ),
    "imp.review.no_title": ("没有找到通知标题，请填写 title", "no title found: fill in title"),
    "imp.review.no_doc_number": ("没有找到文号，请填写 doc_number", "no document number found: fill in doc_number"),
    "imp.review.no_issuer": ("没有找到发文单位，请填写 issuer", "no issuer found: fill in issuer"),
    "imp.review.no_addressees": ("没有找到主送单位", "no addressees found"),
    "imp.review.no_year_at_all": (
        "没有找到成文日期或文号中的年份，文中日期无法推算年份",
        "no date of issue and no year in the document number: dates in the text have no year",
    ),
    "imp.review.gaps": ("一级标题的编号不连续：{numbers}", "top-level headings out of sequence: {numbers}"),
    "imp.review.tables": (
        "文档中有 {count} 个表格，表格内容未读取",
        "the document has {count} table(s); their content was not read",
    ),
    "imp.review.no_headings": (
        "没有找到“一、”这样的标题，全部正文归入一章",
        "no numbered headings found: the whole body is one section",
    ),
    # --- comments in the YAML (always Chinese: the checklist is) ----------------------------
    "imp.yaml.header": (
        "草稿：由 fangkong checklist import 从 {file} 生成；标题、频次和证据要求都是推测，请逐项核对",
        "Draft made by fangkong checklist import from {file}; titles, frequencies and evidence are guesses: check each",
    ),
    "imp.yaml.guess": ("推测：{reason}", "guess: {reason}"),
    "imp.yaml.evidence": ("证据要求为推测", "evidence is a guess"),
    "imp.yaml.review": ("待核：{text}", "to review: {text}"),
    "imp.yaml.skipped": (
        "以下句子只叙述情况、没有提出要求，未收入措施：",
        "sentences that describe and ask nothing, left out:",
    ),
    "imp.yaml.date": (
        "成文日期：{date}（清单格式中没有日期字段，仅作参考）",
        "date of issue: {date} (the checklist format has no field for it)",
    ),
    # --- the summary ----------------------------------------------------------------------
    "imp.done": (
        "已生成清单草稿：{path}（{sections} 章，{measures} 项措施）",
        "draft checklist written: {path} ({sections} sections, {measures} measures)",
    ),
    "imp.notice": (
        "通知：{title}　文号：{doc_number}　发文单位：{issuer}",
        "Notice: {title}  number: {doc_number}  issuer: {issuer}",
    ),
    "imp.notice_date": ("成文日期：{date}", "Date of issue: {date}"),
    "imp.section_line": ("  {id}  {number}、{title}（{count} 项）", "  {id}  {number} {title} ({count} measures)"),
    "imp.frequencies": ("频次推测：{list}", "Frequencies guessed: {list}"),
    "imp.review_head": ("待核对（{count} 处）：", "To review ({count}):"),
    "imp.review_line": ("  {where}：{text}", "  {where}: {text}"),
    "imp.where_notice": ("通知", "notice"),
    "imp.skipped": (
        "另有 {count} 句只叙述情况的句子未收入措施（列在各章 YAML 文件末尾的注释中）。",
        "{count} sentence(s) that only describe were left out (listed in comments at the end of each section file).",
    ),
    "imp.no_review": (
        "没有特别需要核对的地方（仍请通读一遍）。",
        "Nothing in particular to review (read it through all the same).",
    ),
    "imp.next": (
        "下一步：逐项核对 {path} 中的 YAML 文件，运行 fangkong checklist validate {path}，再用 fangkong init --checklist {path} 开始使用。",
        "Next: check the YAML files in {path}, run fangkong checklist validate {path}, then start with fangkong init --checklist {path}.",
    ),
    # --- help -----------------------------------------------------------------------------
    "help.checklist.import": (
        "从通知原文（txt、docx、pdf）生成清单草稿",
        "Draft a checklist from a notice's text (txt, docx, pdf)",
    ),
    "help.checklist.import.file": (
        "通知文件：.txt（UTF-8 或 GB18030）、.docx 或 .pdf",
        "The notice: .txt (UTF-8 or GB18030), .docx or .pdf",
    ),
    "help.checklist.import.output": (
        "草稿文件夹（默认：当前文件夹下的“文件名_checklist”）",
        "Draft folder (default: NAME_checklist in the current folder)",
    ),
    "help.checklist.import.force": ("覆盖以前生成的草稿文件夹", "Replace an earlier draft folder"),
    "help.checklist.import.format": ("摘要的格式：text 或 json", "Summary format: text or json"),
}
