"""Chinese texts of the CLI's option and verb help (``help=``/``description=`` in shopinsight/cli/*.py)
for tools/update_core_catalog.py.  Keep ``%%`` as it is (argparse formats help texts)."""
CORE = {
    "Sales analytics for small shops. Without a verb, opens the app.": "小店铺的销售分析。不带命令时打开应用。",
    "language of the messages, chart texts and labels (default: from LANG/LC_ALL)":
        "消息、图表文字和标签的语言（默认：取自 LANG/LC_ALL）",
    # anomalies
    "rank unusual lines, orders, days and customers, with reasons": "按异常程度排列明细、订单、日期和客户，并给出原因",
    "Rank unusual items (price typos, quantity spikes, repeated orders, days with lost lines, customers who cancel "
    "again and again) with reasons in words. The run is stored in the shop; dismissed items are not raised again. "
    "--review stores a verdict, --self-test injects known problems into a copy of the shop and counts what is found.":
        "按异常程度排列各项（价格录错、数量激增、重复订单、丢失明细的日期、反复取消的客户），并用文字说明原因。"
        "运行结果保存在店铺中；已忽略的项不会再次提出。--review 保存判定，--self-test 在店铺副本中注入已知问题并统计找到了多少。",
    "what to look at (default all)": "要检查的对象（默认 all）",
    "items on or after DATE": "DATE 当天及之后的项",
    "items on or before DATE (nothing later is used)": "DATE 当天及之前的项（不使用更晚的数据）",
    "items to print (default 50)": "输出的项数（默认 50）",
    "comma-separated scorers: rules, iforest, autoencoder (full edition; slower) (default rules,iforest)":
        "逗号分隔的评分器：rules、iforest、autoencoder（完整版；较慢）（默认 rules,iforest）",
    "write the ranked items (.csv or .xlsx)": "写出排好序的项（.csv 或 .xlsx）",
    "store a verdict: KEY is line:ID, order:ID, day:DATE, week:MONDAY or customer:ID; STATE is confirmed, "
    "dismissed or new (repeatable)":
        "保存判定：KEY 为 line:ID、order:ID、day:DATE、week:MONDAY 或 customer:ID；STATE 为 confirmed、dismissed 或 new（可重复）",
    "inject known problems into a copy of recent history and report what is found": "在近期历史的副本中注入已知问题，并报告找到了什么",
    "seed of the self-test (default 0)": "自检的随机种子（默认 0）",
    "do not store the run in the shop": "不把这次运行保存到店铺中",
    # classify
    "list the codes flagged as non-merchandise (postage, fees …) and correct their kind":
        "列出被标为非商品的代码（邮费、手续费…）并更正其类别",
    "List every product code the importer flagged as not merchandise (postage, fees, discounts, vouchers …) with its "
    "lines and net sales, and correct its kind. A correction is stored in the shop, applied at once to the stored "
    "lines and to every later import. Lines without a product code are keyed by name (name:NAME).":
        "列出导入时被标为非商品的每个商品代码（邮费、手续费、折扣、代金券…）及其明细数和净销售额，并更正其类别。"
        "更正保存在店铺中，立即应用于已存明细和之后的每次导入。没有商品代码的明细按名称标识（name:NAME）。",
    "list the flagged codes (the default without --set)": "列出被标记的代码（不带 --set 时的默认操作）",
    "shop file (.shop, SQLite)": "店铺文件（.shop，SQLite）",
    "print one JSON object on stdout (messages go to stderr)": "在标准输出打印一个 JSON 对象（消息写到标准错误）",
    # customers
    "who will buy again soon: purchase probability, churn risk, expected value": "谁会很快再次购买：购买概率、流失风险、预期价值",
    "Score every customer: probability of a purchase in the next --horizon days, churn risk, expected spend, RFM "
    "segment and the top reasons. Models are trained on earlier cutoffs of the shop's own history (time-based, no "
    "look-ahead).":
        "为每位客户评分：未来 --horizon 天内购买的概率、流失风险、预期消费、RFM 分群和主要原因。"
        "模型用店铺自身历史中更早的截止点训练（按时间划分，不偷看未来）。",
    "prediction window (default 90)": "预测窗口（默认 90）",
    "use only lines up to and including DATE (ISO)": "只使用截至 DATE（含当天，ISO）的明细",
    "also backtest: train as of (last day − horizon) and score against what happened":
        "同时回测：以（最后一天 − 预测窗口）为截止训练，并与实际发生的情况比较评分",
    "probability threshold for precision/recall": "计算精确率/召回率的概率阈值",
    "write the per-customer table (.csv or .xlsx)": "写出每位客户的表（.csv 或 .xlsx）",
    "replace customer ids by keyed pseudonyms in --out and in the printed/JSON output (key kept outside the shop)":
        "在 --out 以及打印/JSON 输出中用带密钥的假名替换客户编号（密钥保存在店铺之外）",
    "the pseudonym key (default: $SHOPINSIGHT_PSEUDONYM_KEY_FILE, else the one kept in your config folder)":
        "假名密钥（默认：$SHOPINSIGHT_PSEUDONYM_KEY_FILE，否则为配置文件夹中保存的密钥）",
    "RFM scores, named segments and k-means clusters": "RFM 评分、命名分群和 k-means 聚类",
    "RFM quintile scores and named segments (rules in the README), plus k-means clusters of log-RFM with k chosen "
    "by silhouette.": "RFM 五分位评分和命名分群（规则见 README），以及对数 RFM 的 k-means 聚类（k 按轮廓系数选择）。",
    "as of DATE (ISO); default the last day": "截至 DATE（ISO）；默认最后一天",
    "write per-customer RFM scores and segment (.csv/.xlsx)": "写出每位客户的 RFM 评分和分群（.csv/.xlsx）",
    "skip the k-means clusters": "跳过 k-means 聚类",
    "monthly acquisition cohorts: retention and revenue": "按月获客群组：留存和收入",
    "Customers grouped by the month of their first purchase; for each month after: share who bought (retention) "
    "and net sales.": "按首次购买月份分组的客户；之后每个月：再次购买的比例（留存）和净销售额。",
    "write the table (.csv)": "写出表格（.csv）",
    "--out layout: long (one row per cohort and month, default) or a wide matrix":
        "--out 的布局：long（每个群组和月份一行，默认）或 wide 矩阵",
    # data
    "import CSV/TSV/TXT/GZ/XLSX sales exports into a shop": "把 CSV/TSV/TXT/GZ/XLSX 销售导出文件导入店铺",
    "Import sales exports into a shop (created if missing). All files are imported in one transaction: on any "
    "error the shop is left unchanged.": "把销售导出文件导入店铺（不存在则创建）。所有文件在一个事务中导入：出现任何错误时店铺保持不变。",
    "force a known export format (see `shopinsight presets`)": "强制使用已知的导出格式（见 `shopinsight presets`）",
    "map a canonical field to a source column (repeatable); FIELD= unmaps it":
        "把标准字段映射到源文件的列（可重复）；FIELD= 取消映射",
    "strptime format of the dates, e.g. %%d/%%m/%%Y": "日期的 strptime 格式，例如 %%d/%%m/%%Y",
    "text encoding (default: detected)": "文本编码（默认：自动检测）",
    "field delimiter: , ; tab | whitespace (default: detected)": "字段分隔符：, ; tab | 空白（默认：自动检测）",
    "decimal separator (default: detected)": "小数分隔符（默认：自动检测）",
    "sheet of an .xlsx workbook to read (default: the first)": "要读取的 .xlsx 工作簿中的工作表（默认：第一个）",
    "replace customer ids by keyed pseudonyms and scrub e-mails, phone numbers and names from everything stored "
    "(the key is kept outside the shop)":
        "用带密钥的假名替换客户编号，并从所有保存的内容中清除电子邮件、电话号码和姓名（密钥保存在店铺之外）",
    "the pseudonym key (at least 16 bytes, e.g. from `openssl rand -hex 32`); default: "
    "$SHOPINSIGHT_PSEUDONYM_KEY_FILE, else a key kept in your config folder":
        "假名密钥（至少 16 字节，例如由 `openssl rand -hex 32` 生成）；默认：$SHOPINSIGHT_PSEUDONYM_KEY_FILE，否则为配置文件夹中保存的密钥",
    "show the detected format and mapping only": "只显示检测到的格式和映射",
    "what a shop holds (lines, orders, customers, dates, net sales, quality)": "店铺包含什么（明细、订单、客户、日期、净销售额、数据质量）",
    "create a shop from the bundled sample data (UCI Online Retail)": "用自带的示例数据（UCI Online Retail）创建店铺",
    "replace the shop file if it exists": "店铺文件已存在时替换它",
    "recover what can be read from a damaged shop into a new file": "把损坏店铺中可读的内容恢复到新文件",
    "Copy every readable row of a damaged shop file into a new shop file (default: NAME.recovered.shop next to it). "
    "The damaged file is kept unchanged; restoring a backup loses nothing, repairing may lose the rows on damaged "
    "pages.": "把损坏店铺文件中每一条可读的行复制到新的店铺文件（默认：旁边的 NAME.recovered.shop）。"
              "损坏的文件保持不变；恢复备份不会丢失任何内容，修复可能丢失损坏页上的行。",
    "file for the recovered shop": "恢复后店铺的文件",
    "replace NEW_SHOP if it exists": "NEW_SHOP 已存在时替换它",
    "list the known export formats": "列出已知的导出格式",
    # explain
    "why net sales changed between two periods (exact bridge, top contributors)": "两个时期之间净销售额为何变化（精确分解，主要贡献者）",
    "Split the change in net sales between two periods exactly (the parts add up to the change to the cent; "
    "LMDI-I): orders from returning, new and guest customers, items per order, price and mix effects, "
    "cancellations and returns; then the products, countries, stores and customer segments that added or took "
    "away most.":
        "把两个时期之间净销售额的变化精确拆分（各部分相加精确到分等于变化；LMDI-I）：老客户、新客户和游客的订单、"
        "每单件数、价格和结构效应、取消和退货；然后列出增加或减少最多的商品、国家、门店和客户分群。",
    "a month (2011-11), ISO week (2011-W45) or day (2011-11-05); default the last complete month of the data":
        "一个月（2011-11）、ISO 周（2011-W45）或一天（2011-11-05）；默认数据中最后一个完整月份",
    "compare with: 'previous' (default), 'last-year' or another period": "比较对象：'previous'（默认）、'last-year' 或另一个时期",
    "start of a custom period (ISO date)": "自定义时期的开始（ISO 日期）",
    "end of a custom period (ISO date)": "自定义时期的结束（ISO 日期）",
    "start of the comparison range": "比较范围的开始",
    "end of the comparison range": "比较范围的结束",
    "compare days, weeks or months (default: from the form of --period)": "按日、周或月比较（默认：取决于 --period 的形式）",
    "contributors listed per dimension and direction (default 5)": "每个维度和方向列出的贡献者数（默认 5）",
    "also save the bridge chart (.png, .svg or .pdf)": "同时保存分解图（.png、.svg 或 .pdf）",
    "store the result as a run (kind 'explain')": "把结果保存为一次运行（类型 'explain'）",
    # forecast
    "what to forecast (default net_sales: merchandise sales minus cancellations)": "预测什么（默认 net_sales：商品销售额减去取消）",
    "one series for the shop, or one per product / country / store": "整个店铺一个序列，或每个商品/国家/门店一个",
    "day, week (Mon–Sun) or month; default auto: follow the data (one date per month → monthly, per week → "
    "weekly, else daily)": "日、周（周一至周日）或月；默认 auto：跟随数据（每月一个日期 → 按月，每周一个 → 按周，否则按日）",
    "use data up to and including DATE only": "只使用截至 DATE（含当天）的数据",
    "number of series (largest net sales) at product/country/store level (default 20)":
        "商品/国家/门店层级的序列数（按净销售额最大，默认 20）",
    "comma-separated series ids instead of --top": "逗号分隔的序列编号，代替 --top",
    "write the history the forecasting models train on (CSV)": "写出预测模型训练用的历史（CSV）",
    "Write the series (columns series, date, value). Days without sales are 0; weekdays the shop never trades on "
    "are learned and kept as 0.": "写出序列（列 series、date、value）。没有销售的日期为 0；店铺从不营业的星期几会被识别并保持为 0。",
    "output file (.csv or .xlsx)": "输出文件（.csv 或 .xlsx）",
    "backtest forecasting models and forecast the next periods": "回测预测模型并预测接下来的时期",
    "Fit the models, optionally score them on a rolling-origin backtest (expanding window), choose the best per "
    "series, and forecast with prediction intervals. The run is stored in the shop.":
        "拟合模型，可选用滚动起点回测（扩展窗口）为其评分，为每个序列选出最佳模型，并给出带预测区间的预测。运行结果保存在店铺中。",
    "periods to forecast": "要预测的时期数",
    "score the models on rolling origins, choose per series, and give intervals": "用滚动起点为模型评分，按序列选择，并给出区间",
    "backtest windows (default 3)": "回测窗口数（默认 3）",
    "prediction interval coverage (default 0.8)": "预测区间覆盖率（默认 0.8）",
    "with --target units --level product: reorder suggestions for a lead time of N periods":
        "配合 --target units --level product：按 N 个时期的交货期给出补货建议",
    "service level of the reorder safety stock (default 0.95)": "补货安全库存的服务水平（默认 0.95）",
    "with --lead-time: stock per product, a CSV with header product_id,on_hand[,on_order][,pack_size]; order "
    "quantity = max(0, reorder point − on hand − on order). Without it the reorder point is shown instead of an "
    "order quantity":
        "配合 --lead-time：每个商品的库存，表头为 product_id,on_hand[,on_order][,pack_size] 的 CSV；"
        "订货量 = max(0, 再订货点 − 现有库存 − 在途)。没有它时显示再订货点而不是订货量",
    "with --lead-time: round order quantities up to whole packs of N (default 1)": "配合 --lead-time：把订货量向上取整为 N 的整包（默认 1）",
    "write the reorder suggestions here": "把补货建议写到这里",
    "forecast rows: series, date, model, forecast, lo, hi, selected (.csv or .xlsx)":
        "预测行：series、date、model、forecast、lo、hi、selected（.csv 或 .xlsx）",
    "why this forecast: each chosen forecast split into level & trend, weekday & season, holidays & events and "
    "price, adding up to it (exact for the linear model and the baselines, approximate for gradient boosting and "
    "the neural network)":
        "为何是这个预测：把每个选定的预测拆分为水平与趋势、星期与季节、节假日与事件以及价格，各部分相加等于预测"
        "（线性模型和基线模型精确，梯度提升和神经网络近似）",
    "list the forecasting models and their parameters": "列出预测模型及其参数",
    "expected units and revenue of one product across prices": "一个商品在不同价格下的预期销量和收入",
    "product code": "商品代码",
    "period of the regression (default W)": "回归的时间粒度（默认 W）",
    "prices to evaluate (default: ±30%% of the last)": "要评估的价格（默认：最近价格的 ±30%%）",
    "write price, units, revenue": "写出价格、销量、收入",
    # gui
    "open the app window (the default with no verb)": "打开应用窗口（不带命令时的默认操作）",
    "Open the ShopInsight window on SHOP (default: the last shop, else the sample shop).":
        "在 SHOP 上打开 ShopInsight 窗口（默认：上次的店铺，否则为示例店铺）。",
    "shop file to open": "要打开的店铺文件",
    "open the shop offscreen, save one PNG per tab and dialog into DIR, exit": "在屏幕外打开店铺，把每个标签页和对话框各存一张 PNG 到 DIR，然后退出",
    "with --screenshots: the window size in pixels (default 1440x900; the laptop and desktop sizes the screens are "
    "checked at are 1280x800 and 1920x1080)":
        "配合 --screenshots：窗口尺寸（像素，默认 1440x900；界面检查所用的笔记本和台式机尺寸为 1280x800 和 1920x1080）",
    "start offscreen, show the window, report the start-up time, exit": "在屏幕外启动，显示窗口，报告启动时间，然后退出",
    "with --smoke/--screenshots: one JSON object on stdout": "配合 --smoke/--screenshots：在标准输出打印一个 JSON 对象",
    "UI language (default: saved choice, else system); xx_PSEUDO marks every translated text ⟦…⟧ and, with "
    "--screenshots, reports (exit 1) visible text that bypassed translation":
        "界面语言（默认：保存的选择，否则为系统语言）；xx_PSEUDO 把每段已翻译文字标为 ⟦…⟧，配合 --screenshots 时报告（退出码 1）绕过翻译的可见文字",
    # lines
    "list lines matching a search, dates and flags (as the Data tab)": "列出符合搜索、日期和标记的明细（同数据标签页）",
    "List the shop's lines: free text over product code/name, order and customer (all words must match), a day "
    "range and a flag, sorted in SQLite.":
        "列出店铺的明细：在商品代码/名称、订单和客户中全文搜索（所有词都须匹配），加上日期范围和标记，在 SQLite 中排序。",
    "words to find in product, order or customer": "在商品、订单或客户中查找的词",
    "first day (ISO, inclusive)": "第一天（ISO，含当天）",
    "last day (ISO, inclusive)": "最后一天（ISO，含当天）",
    "only these lines (default: all)": "只看这些明细（默认：全部）",
    "only the lines of one import": "只看某一次导入的明细",
    "only this product code": "只看这个商品代码",
    "only this country ('' for lines without one)": "只看这个国家（'' 表示没有国家的明细）",
    "only this customer": "只看这位客户",
    "only this order": "只看这个订单",
    "order by this column": "按此列排序",
    "descending order": "降序",
    "lines to show (default 20)": "显示的明细数（默认 20）",
    "skip this many matching lines first": "先跳过这么多条匹配的明细",
    # overview
    "key figures, sales over time, top products, countries, weekday × hour": "关键指标、销售走势、热销商品、国家、星期 × 小时",
    "What the Overview tab shows: KPIs with the change against the previous period, and the tables behind its "
    "charts (optionally the charts as PNG/SVG/PDF).":
        "概览标签页显示的内容：关键指标及其相对上一时期的变化，以及图表背后的表格（可选把图表存为 PNG/SVG/PDF）。",
    "period ending on the shop's last day (default 12m)": "截至店铺最后一天的时期（默认 12m）",
    "sales over time per day, week or month": "按日、周或月的销售走势",
    "products and countries to list (default 10)": "列出的商品和国家数（默认 10）",
    "also save the four charts into DIR": "同时把四张图表保存到 DIR",
    "chart file format (default png)": "图表文件格式（默认 png）",
    # recommend
    "recommend products to every customer (and evaluate models)": "为每位客户推荐商品（并评估模型）",
    "products per customer (default 10)": "每位客户的商品数（默认 10）",
    "train only on lines up to and including DATE (ISO)": "只用截至 DATE（含当天，ISO）的明细训练",
    "never recommend products the customer already bought": "不推荐客户已经买过的商品",
    "score the models on purchases after --until (default: the last 28 days)": "用 --until 之后的购买为模型评分（默认：最后 28 天）",
    "tune the model's parameters on a validation split first (slower; the result is stored and reused by later "
    "runs on similar data)": "先在验证集上调优模型参数（较慢；结果会保存，供之后在相似数据上的运行复用）",
    "do not tune (the default): reuse parameters tuned by an earlier run on nearly the same data, else the model's "
    "defaults": "不调优（默认）：复用之前在几乎相同数据上调优得到的参数，否则用模型的默认参数",
    "write all recommendations to FILE (.csv or .xlsx)": "把所有推荐写到 FILE（.csv 或 .xlsx）",
    "frequently bought together (association rules)": "经常一起购买（关联规则）",
    "Association rules over orders: support, confidence, lift. Mines the shop's orders (--db), or a basket-list "
    "file (--baskets).": "基于订单的关联规则：支持度、置信度、提升度。挖掘店铺的订单（--db）或购物篮列表文件（--baskets）。",
    "mine a basket-list file instead of a shop: one basket per line, items separated by commas, no header (the "
    "classic market-basket format)": "挖掘购物篮列表文件而不是店铺：每行一个购物篮，商品用逗号分隔，无表头（经典的购物篮格式）",
    "minimum share of orders, e.g. 0.005 or 0.5%% (default: chosen to give about 200 rules)":
        "最低订单占比，例如 0.005 或 0.5%%（默认：自动选择，得到约 200 条规则）",
    "minimum lift (default 1)": "最低提升度（默认 1）",
    "minimum confidence (default 0)": "最低置信度（默认 0）",
    "products per rule: 2 (A → B) or 3 (A + B → C; default)": "每条规则的商品数：2（A → B）或 3（A + B → C；默认）",
    "use only orders up to and including DATE": "只使用截至 DATE（含当天）的订单",
    "write the rules to FILE (.csv or .xlsx)": "把规则写到 FILE（.csv 或 .xlsx）",
    "products similar to one product, and bought with it": "与某商品相似以及与它一起购买的商品",
    "how many products (default 10)": "商品数（默认 10）",
    "use only lines up to and including DATE": "只使用截至 DATE（含当天）的明细",
    # report
    "write the one-page report of a month (PDF or self-contained HTML)": "写出某月的单页报告（PDF 或独立 HTML）",
    "Write the one-page report: key figures against the previous period and last year, the sales chart, what "
    "changed, next period's forecast, customers to win back, anomalies awaiting review, best sellers and a "
    "data-quality line. Without --month or --from/--to: the last complete month of the data. Reads the shop, never "
    "writes to it.":
        "写出单页报告：关键指标与上一时期和去年的对比、销售图、变化原因、下一时期的预测、待挽回的客户、待审核的异常、"
        "畅销商品和一行数据质量说明。不带 --month 或 --from/--to 时：数据中最后一个完整月份。只读取店铺，从不写入。",
    "the month to report on, e.g. 2011-11": "报告的月份，例如 2011-11",
    "first day of the period (with --to)": "时期的第一天（配合 --to）",
    "last day of the period (with --from)": "时期的最后一天（配合 --from）",
    "language of the report (default: the CLI's language)": "报告的语言（默认：命令行的语言）",
    "FILE.pdf or FILE.html": "FILE.pdf 或 FILE.html",
    "default: from the file's suffix": "默认：取决于文件后缀",
    "rows per table (default 5)": "每个表格的行数（默认 5）",
    # runs
    "list, show, delete and compare the stored runs (forecasts, models, anomaly runs …)": "列出、查看、删除和比较保存的运行（预测、模型、异常检测…）",
    "The run history. `runs` lists every stored run with its kind, time, parameters, data range, metrics and "
    "library versions (runs made with other versions are marked); `runs show ID` shows one run with its tables; "
    "`runs delete ID…` deletes runs and all their tables; `runs compare ID ID` puts two runs of the same kind side "
    "by side.":
        "运行历史。`runs` 列出每次保存的运行及其类型、时间、参数、数据范围、指标和库版本（用其他版本做的运行会被标出）；"
        "`runs show ID` 显示一次运行及其表格；`runs delete ID…` 删除运行及其所有表格；`runs compare ID ID` 把同类型的两次运行并排比较。",
    "run id(s): one for show, one or more for delete (all or none), two for compare":
        "运行编号：show 给一个，delete 给一个或多个（全部删除或都不删），compare 给两个",
    "list only runs of this kind (forecast, customers, recommend, rules, anomalies …)": "只列出这种类型的运行（forecast、customers、recommend、rules、anomalies…）",
    "compare: show every row, not only the differences": "compare：显示每一行，而不只是差异",
    # help texts built when the parser is built (translated then, in the language asked for)
    "{actions} (default list)": "{actions}（默认 list）",
    "give a product code (or name:NAME) a kind (repeatable); kinds: {kinds}; {auto} removes a correction":
        "给商品代码（或 name:NAME）指定类别（可重复）；类别：{kinds}；{auto} 取消更正",
    "Top-k product recommendations for every customer known at the cutoff, with a reason for each. The first "
    "model listed makes the recommendations; --evaluate compares all of them with the yardsticks ({yardsticks}) on "
    "the purchases after --until.":
        "为截止日已知的每位客户推荐前 k 个商品，并给出每条推荐的原因。列出的第一个模型给出推荐；"
        "--evaluate 在 --until 之后的购买上把所有模型与基准（{yardsticks}）进行比较。",
}
