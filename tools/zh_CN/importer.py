"""Chinese texts of the importer's errors, preview problems and reject reasons
(shopinsight/core/importer/sniff.py, run.py, reasons.py) for tools/update_core_catalog.py."""
CORE = {
    # reject reasons (stored in English, worded when shown)
    "missing date": "缺少日期",
    "date not understood (expected {format})": "无法识别日期（应为 {format}）",
    "not a number": "不是数字",
    "no amount (needs a line total, or quantity and unit price)": "没有金额（需要行合计，或数量和单价）",
    "wrong number of fields": "字段数不对",
    "field longer than {limit} characters": "字段超过 {limit} 个字符",
    "{reason} ({n})": "{reason}（{n}）",
    # options and mapping
    "unknown preset {preset}; known: {known}": "未知的预设 {preset}；可用的预设：{known}",
    "--map {field}={column}: unknown field; fields are {fields}":
        "--map {field}={column}：未知的字段；可用的字段：{fields}",
    "--map {field}={column}: no such column; columns are {columns}":
        "--map {field}={column}：没有这一列；文件的列：{columns}",
    # preview problems
    "the file has no data rows (only a header)": "文件没有数据行（只有表头）",
    "the file has no data rows": "文件没有数据行",
    "no usable date column: map one with --map ordered_at=COLUMN (columns: {columns})":
        "没有可用的日期列：请用 --map ordered_at=列名 指定一列（文件的列：{columns}）",
    "the dates could not be read with any known format: give one with --date-format (e.g. {example})":
        "无法用任何已知格式读取日期：请用 --date-format 指定格式（例如 {example}）",
    "most values are not dates in format {format}": "大多数值不是 {format} 格式的日期",
    "no usable amount: map a line total (--map amount=COLUMN) or both quantity and unit price (columns: {columns})":
        "没有可用的金额：请指定行合计列（--map amount=列名），或同时指定数量和单价（文件的列：{columns}）",
    "{error} — sheet {sheet} was read; the workbook also has {others}: choose one with --sheet NAME "
    "(or in the import wizard)":
        "{error}——读取的是工作表 {sheet}；工作簿中还有 {others}：请用 --sheet 工作表名（或在导入向导中）选择一个",
    "no file to import": "没有要导入的文件",
    "the shop {shop} already holds lines imported without --pseudonymise (raw customer data is not "
    "pseudonymised afterwards): import with --pseudonymise into a new shop":
        "店铺 {shop} 中已有未使用 --pseudonymise 导入的明细（原始客户数据不会事后再做假名化）：请使用 "
        "--pseudonymise 导入到一个新店铺",
    "{rejected} of the first {read} rows are bad ({top}): the file was refused and nothing was imported; "
    "check the column mapping, date format and delimiter":
        "前 {read} 行中有 {rejected} 行有问题（{top}）：文件被拒绝，未导入任何内容；请检查列映射、日期格式和分隔符",
    # reading the file
    "this is a folder, not a file": "这是一个文件夹，不是文件",
    "permission denied: you may not read this file": "权限不足：无权读取此文件",
    "no such file": "没有这个文件",
    "cannot read the file ({error})": "无法读取文件（{error}）",
    "the compressed file is damaged or cut short ({error}); nothing was imported":
        "压缩文件已损坏或不完整（{error}）；未导入任何内容",
    "the file could not be read ({error}); nothing was imported": "无法读取文件（{error}）；未导入任何内容",
    "the compressed file is damaged or cut short after data row {row} ({error}); nothing was imported":
        "压缩文件在第 {row} 个数据行之后已损坏或不完整（{error}）；未导入任何内容",
    "the file could not be read after data row {row} ({error}); nothing was imported":
        "无法读取第 {row} 个数据行之后的内容（{error}）；未导入任何内容",
    "the file is empty": "文件是空的",
    "the workbook is damaged or cut short: its table of contents cannot be read ({error}); nothing was imported":
        "工作簿已损坏或不完整：无法读取其目录（{error}）；未导入任何内容",
    "the zip archive is damaged or cut short: its table of contents cannot be read ({error}); nothing was imported":
        "zip 压缩包已损坏或不完整：无法读取其目录（{error}）；未导入任何内容",
    "the workbook is damaged: part {part} cannot be read ({error}); nothing was imported":
        "工作簿已损坏：无法读取部件 {part}（{error}）；未导入任何内容",
    "the workbook is damaged ({error}); nothing was imported": "工作簿已损坏（{error}）；未导入任何内容",
    "cannot read the workbook ({error})": "无法读取工作簿（{error}）",
    "--sheet {sheet}: this is not a workbook": "--sheet {sheet}：这不是工作簿",
    "old binary Excel (.xls) files are not supported: save as .xlsx or CSV":
        "不支持旧的二进制 Excel（.xls）文件：请另存为 .xlsx 或 CSV",
    "this is a zip archive, not a CSV/Excel file: unpack it first": "这是 zip 压缩包，不是 CSV/Excel 文件：请先解压",
    "cannot decode the text as {encoding} ({error})": "无法按 {encoding} 解码文本（{error}）",
    "this looks like a binary file, not a text export": "这看起来是二进制文件，不是文本导出文件",
    "the workbook has no sheet {sheet}; its sheets are {sheets}": "工作簿中没有工作表 {sheet}；它的工作表有：{sheets}",
    "cannot parse the file as delimited text ({error})": "无法将文件解析为分隔文本（{error}）",
    "a row after data row {row} is longer than {mb} MB: a field over the size limit ({limit} characters) "
    "or a quote that is never closed":
        "第 {row} 个数据行之后有一行超过 {mb} MB：某个字段超出大小限制（{limit} 个字符），或有未闭合的引号",
    "unreadable data after row {row} ({error})": "第 {row} 行之后的数据无法读取（{error}）",
}
CORE.update({
    # preset labels (core/importer/presets.py): export names stay as the shops spell them
    "UCI Online Retail / invoice-line export": "UCI Online Retail / 发票明细导出",
    "Shopify orders_export.csv": "Shopify 订单导出（orders_export.csv）",
    "WooCommerce order items export": "WooCommerce 订单商品导出",
    "Etsy EtsySoldOrderItems": "Etsy 已售订单商品（EtsySoldOrderItems）",
    "Amazon All Orders report": "亚马逊 All Orders 订单报告",
    "BI order sheet (Order ID, Order Date, Sales)": "BI 订单表（Order ID、Order Date、Sales）",
})
