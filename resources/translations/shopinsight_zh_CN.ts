<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="243" />
        <source>About ShopInsight</source>
        <translation>关于 ShopInsight</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="249" />
        <source>Sales analytics for small shops: import your sales exports, see how the shop is doing, forecast demand, recommend products and find your best customers — all on your own computer.</source>
        <translation>面向小型网店的销售分析：导入销售导出文件，了解店铺经营状况，预测需求，推荐商品，找到最有价值的客户——全部在您自己的电脑上完成。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="252" />
        <source>Sample data</source>
        <translation>示例数据</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="252" />
        <source>Libraries</source>
        <translation>软件库</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="252" />
        <source>Log file</source>
        <translation>日志文件</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="253" />
        <source>Licence: MIT. The sample data is licensed CC BY 4.0.</source>
        <translation>许可证：MIT。示例数据采用 CC BY 4.0 许可。</translation>
    </message>
</context>
<context>
    <name>AnalysisTab</name>
    <message>
        <location filename="../../shopinsight/gui/widgets/job_tab.py" line="102" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/job_tab.py" line="211" />
        <source>Loading the stored run</source>
        <translation>正在载入保存的运行</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/job_tab.py" line="219" />
        <source>Run #%1 is not a stored run of this tab.</source>
        <translation>运行 #%1 不是此标签页保存的运行。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/job_tab.py" line="232" />
        <source>Stored run #%1 of %2.</source>
        <translation>保存的运行 #%1（%2）。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/job_tab.py" line="234" />
        <source>Stored run #%1.</source>
        <translation>保存的运行 #%1。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/job_tab.py" line="317" />
        <source>Cancelled; nothing was stored.</source>
        <translation>已取消；未保存任何内容。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/job_tab.py" line="325" />
        <source>There is a problem with your data or choice: %1</source>
        <translation>您的数据或选择有问题：%1</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/job_tab.py" line="328" />
        <source>Failed with an internal error; see the error report.</source>
        <translation>因内部错误而失败；请查看错误报告。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/job_tab.py" line="355" />
        <source>CSV (*.csv);;Excel (*.xlsx)</source>
        <translation>CSV (*.csv);;Excel (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>AnomaliesTab</name>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="53" />
        <source>Find anomalies</source>
        <translation>查找异常</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="54" />
        <source>Self-test</source>
        <translation>自检</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="55" />
        <source>Inject known problems into a copy of recent history and count how many are found</source>
        <translation>在近期历史的副本中注入已知问题，统计能找出多少</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="98" />
        <source>Look at:</source>
        <translation>查看：</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="59" />
        <source>All levels</source>
        <translation>全部层级</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="61" />
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="100" />
        <source>Level:</source>
        <translation>层级：</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="100" />
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="101" />
        <source>Minimum score:</source>
        <translation>最低分数：</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="101" />
        <source>From:</source>
        <translation>从：</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="102" />
        <source>To:</source>
        <translation>到：</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="76" />
        <source>Select an item to see why it stands out.</source>
        <translation>选择一项，查看它为何异常。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="49" />
        <source>Autoencoder</source>
        <translation>自编码器</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="51" />
        <source>Also score with a neural-network autoencoder (slower)</source>
        <translation>同时用神经网络自编码器评分（较慢）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="52" />
        <source>The autoencoder needs the full edition of ShopInsight (with TensorFlow)</source>
        <translation>自编码器需要 ShopInsight 完整版（含 TensorFlow）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="79" />
        <source>Confirm (C)</source>
        <translation>确认 (C)</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="80" />
        <source>A real problem: keep it and count its detectors more</source>
        <translation>确实有问题：保留，并提高发现它的检测器的权重</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="81" />
        <source>Dismiss (D)</source>
        <translation>忽略 (D)</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="82" />
        <source>Not a problem: later runs will not raise it again</source>
        <translation>不是问题：以后的运行不再提示</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="83" />
        <source>Show lines</source>
        <translation>查看明细</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="84" />
        <source>The lines behind this item, in the Data tab (or double-click it)</source>
        <translation>在“数据”标签页中查看此项背后的明细（或双击此项）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="89" />
        <source>Why it stands out</source>
        <translation>为何异常</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="94" />
        <source>Click Find anomalies to rank unusual lines, orders, days and customers.</source>
        <translation>点击“查找异常”，对异常的明细行、订单、日期和客户排序。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="96" />
        <source>Export inbox…</source>
        <translation>导出收件箱…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="109" />
        <source>Anomalies</source>
        <translation>异常</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="113" />
        <source>Everything</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="113" />
        <source>Lines</source>
        <translation>明细行</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="113" />
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="114" />
        <source>Days</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="114" />
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="117" />
        <source>New</source>
        <translation>新</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="117" />
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="117" />
        <source>Dismissed</source>
        <translation>已忽略</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="120" />
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="120" />
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="120" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="120" />
        <source>What</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="121" />
        <source>Score</source>
        <translation>分数</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="121" />
        <source>Reasons</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="121" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="131" />
        <source>Select an item to see it in context.</source>
        <translation>选择一项，查看其上下文。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="142" />
        <source>Last stored run (#%1) of %2: %3 items.</source>
        <translation>上次保存的运行（#%1，%2）：%3 项。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="158" />
        <source>Looking for anomalies…</source>
        <translation>正在查找异常…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="158" />
        <source>Finding anomalies</source>
        <translation>查找异常</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="182" />
        <source>%1 items ranked in %2 s; %3 dismissed items left out.</source>
        <translation>已在 %2 秒内为 %1 项排序；%3 个已忽略的项未列出。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="165" />
        <source>Self-test: injecting problems into a copy of recent history…</source>
        <translation>自检：正在向近期历史的副本中注入问题…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="164" />
        <source>Anomaly self-test</source>
        <translation>异常检测自检</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="168" />
        <source>Self-test done and stored.</source>
        <translation>自检完成并已保存。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="174" />
        <source>No self-test yet: click Self-test to see how well problems are found on your own data.</source>
        <translation>尚未自检：点击“自检”，看看在您自己的数据上能找出多少问题。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="204" />
        <source>%1 in order %2</source>
        <translation>订单 %2 中的 %1</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="206" />
        <source>order %1 (customer %2)</source>
        <translation>订单 %1（客户 %2）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="207" />
        <source>guest</source>
        <translation>散客</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="209" />
        <source>customer %1</source>
        <translation>客户 %1</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="211" />
        <source>week of %1</source>
        <translation>%1 这一周</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="235" />
        <source>Loading the item's context</source>
        <translation>正在载入该项的上下文</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="272" />
        <source>Stored: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="279" />
        <source>Export inbox</source>
        <translation>导出收件箱</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/anomalies.py" line="284" />
        <source>Exported %1 items to %2</source>
        <translation>已导出 %1 项到 %2</translation>
    </message>
</context>
<context>
    <name>BasketRulesDialog</name>
    <message>
        <location filename="../../shopinsight/gui/basket_rules.py" line="32" />
        <source>Basket list</source>
        <translation>购物篮列表</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/basket_rules.py" line="33" />
        <source>%1 is a basket list (one basket per line, items separated by commas), not a sales export.

Find the items bought together in it?</source>
        <translation>%1 是购物篮列表（每行一个购物篮，商品以逗号分隔），不是销售导出文件。

要找出其中经常一起购买的商品吗？</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/basket_rules.py" line="52" />
        <source>Bought together — %1</source>
        <translation>一起购买 — %1</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/basket_rules.py" line="54" />
        <source>If a basket has</source>
        <translation>购物篮中有</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/basket_rules.py" line="54" />
        <source>it also has</source>
        <translation>也会有</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/basket_rules.py" line="55" />
        <source>Baskets</source>
        <translation>购物篮数</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/basket_rules.py" line="55" />
        <source>Share of baskets</source>
        <translation>购物篮占比</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/basket_rules.py" line="56" />
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/basket_rules.py" line="56" />
        <source>Lift</source>
        <translation>提升度</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/basket_rules.py" line="60" />
        <source>Reading the baskets…</source>
        <translation>正在读取购物篮…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/basket_rules.py" line="63" />
        <source>Save rules…</source>
        <translation>保存规则…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/basket_rules.py" line="64" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/basket_rules.py" line="80" />
        <source>Finding items bought together</source>
        <translation>正在查找一起购买的商品</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/basket_rules.py" line="94" />
        <source>%1 rules from %2 baskets of %3 different items (each pair in at least %4 baskets); strongest first. Lift above 1: bought together more often than by chance.</source>
        <translation>从 %2 个购物篮（%3 种商品）中找到 %1 条规则（每对商品至少同时出现在 %4 个购物篮中），按强度排序。提升度大于 1：一起购买的次数多于偶然。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/basket_rules.py" line="104" />
        <source>This file cannot be read as a basket list: %1</source>
        <translation>无法将此文件作为购物篮列表读取：%1</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/basket_rules.py" line="110" />
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/basket_rules.py" line="118" />
        <source>Save rules</source>
        <translation>保存规则</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/basket_rules.py" line="119" />
        <source>CSV (*.csv);;Excel (*.xlsx)</source>
        <translation>CSV (*.csv);;Excel (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>ChartView</name>
    <message>
        <location filename="../../shopinsight/gui/widgets/chart.py" line="79" />
        <source>Save chart…</source>
        <translation>保存图表…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/chart.py" line="80" />
        <source>Save the chart as PNG, SVG or PDF</source>
        <translation>将图表保存为 PNG、SVG 或 PDF</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/chart.py" line="84" />
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/chart.py" line="85" />
        <source>Copy or export the chart's data</source>
        <translation>复制或导出图表数据</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/chart.py" line="89" />
        <source>Copy data</source>
        <translation>复制数据</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/chart.py" line="91" />
        <source>Export data as CSV…</source>
        <translation>导出数据为 CSV…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/chart.py" line="145" />
        <source>Could not draw this chart.</source>
        <translation>无法绘制此图表。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/chart.py" line="255" />
        <source>Click to see these lines</source>
        <translation>点击查看这些明细</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/chart.py" line="299" />
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/chart.py" line="299" />
        <source>SVG vector image (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/chart.py" line="300" />
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/chart.py" line="301" />
        <source>Save chart</source>
        <translation>保存图表</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/chart.py" line="323" />
        <source>Export chart data</source>
        <translation>导出图表数据</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/chart.py" line="324" />
        <source>CSV file (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>ClassifyView</name>
    <message>
        <location filename="../../shopinsight/gui/classify_view.py" line="28" />
        <source>as the rules decide</source>
        <translation>按规则自动判断</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/classify_view.py" line="57" />
        <source>Products counted as postage, fees, discounts, vouchers and other non-merchandise: they are left out of net sales. Select a product the importer misjudged and set its kind; the correction applies at once and to later imports.</source>
        <extracomment>emitted when the list for the current shop is shown</extracomment>
        <translation>以下商品被计为运费、费用、折扣、礼券等非商品项目，不计入净销售额。如导入时判断有误，请选中该商品并设置其类别；更正会立即生效，并应用于以后的导入。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/classify_view.py" line="76" />
        <source>Set kind</source>
        <translation>设置类别</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/classify_view.py" line="81" />
        <source>Kind of the selected products:</source>
        <translation>所选商品的类别：</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/classify_view.py" line="93" />
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/classify_view.py" line="93" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/classify_view.py" line="93" />
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/classify_view.py" line="94" />
        <source>Decided by</source>
        <translation>判断来源</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/classify_view.py" line="94" />
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/classify_view.py" line="94" />
        <source>Net sales</source>
        <translation>净销售额</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/classify_view.py" line="97" />
        <source>importer</source>
        <translation>导入规则</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/classify_view.py" line="97" />
        <source>you</source>
        <translation>您</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/classify_view.py" line="107" />
        <source>Reading postage and fees</source>
        <translation>正在读取运费和费用</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/classify_view.py" line="122" />
        <source>%1 products, %2 lines</source>
        <translation>%1 个商品，%2 行</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/classify_view.py" line="124" />
        <source>No product is counted as postage or fees.</source>
        <translation>没有商品被计为运费或费用。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/classify_view.py" line="147" />
        <source>Updating the lines…</source>
        <translation>正在更新各行…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/classify_view.py" line="150" />
        <source>Correcting the kind of products</source>
        <translation>正在更正商品类别</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/classify_view.py" line="153" />
        <source>%1 lines updated</source>
        <translation>已更新 %1 行</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="327" />
        <source>Compare runs #%1 and #%2</source>
        <translation>比较运行 #%1 和 #%2</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="329" />
        <source>%1: run #%2 (%3) and run #%4 (%5) — %6 differences</source>
        <translation>%1：运行 #%2（%3）与运行 #%4（%5）— %6 处不同</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="335" />
        <source>Only differences</source>
        <translation>只显示不同之处</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="339" />
        <source>≠ differs</source>
        <translation>≠ 不同</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="351" />
        <source>Section</source>
        <translation>部分</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="351" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="352" />
        <location filename="../../shopinsight/gui/tabs/runs.py" line="353" />
        <source>Run #%1</source>
        <translation>运行 #%1</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="354" />
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="354" />
        <source>Differs</source>
        <translation>是否不同</translation>
    </message>
</context>
<context>
    <name>CustomersTab</name>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="44" />
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="45" />
        <source>Probability of an order within this many days after the last day</source>
        <translation>最后一天之后这么多天内下单的概率</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="53" />
        <source>Backtest (train as of one horizon earlier and check)</source>
        <translation>回测（提前一个预测期训练并检验）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="54" />
        <source>Train and score</source>
        <translation>训练并评分</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="59" />
        <source>Segments</source>
        <translation>客户分群</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="60" />
        <location filename="../../shopinsight/gui/tabs/customers.py" line="66" />
        <location filename="../../shopinsight/gui/tabs/customers.py" line="80" />
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="61" />
        <source>Cohorts</source>
        <translation>同期群</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="61" />
        <location filename="../../shopinsight/gui/tabs/customers.py" line="130" />
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="92" />
        <source>Filter by customer id, country or reason…</source>
        <translation>按客户编号、国家或原因筛选…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="95" />
        <location filename="../../shopinsight/gui/tabs/customers.py" line="245" />
        <source>All segments</source>
        <translation>全部分群</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="97" />
        <source>Pseudonymise customer ids</source>
        <translation>客户编号假名化</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="98" />
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="100" />
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="80" />
        <location filename="../../shopinsight/gui/tabs/customers.py" line="100" />
        <source>Segment</source>
        <translation>分群</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="101" />
        <source>Probability to buy</source>
        <translation>购买概率</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="101" />
        <source>Churn risk</source>
        <translation>流失风险</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="102" />
        <source>Expected value</source>
        <translation>预期价值</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="102" />
        <source>Last order</source>
        <translation>最近订单</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="103" />
        <source>Days since last order</source>
        <translation>距最近订单天数</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="103" />
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="80" />
        <location filename="../../shopinsight/gui/tabs/customers.py" line="104" />
        <location filename="../../shopinsight/gui/tabs/customers.py" line="120" />
        <source>Net sales</source>
        <translation>净销售额</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="81" />
        <source>Median days since last order</source>
        <translation>距上次下单天数（中位数）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="82" />
        <source>Median orders</source>
        <translation>订单数（中位数）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="82" />
        <source>Median net sales</source>
        <translation>净销售额（中位数）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="83" />
        <source>Share of customers</source>
        <translation>客户占比</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="83" />
        <source>Share of net sales</source>
        <translation>净销售额占比</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="84" />
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="104" />
        <source>Country</source>
        <translation>国家</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="105" />
        <source>Top reasons</source>
        <translation>主要原因</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="112" />
        <source>Select a customer to see their history.</source>
        <translation>选择一位客户以查看其购买历史。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="114" />
        <source>Choose a customer in the table to see their orders.</source>
        <translation>在表格中选择一位客户以查看其订单。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="119" />
        <source>Retention (% of the cohort buying)</source>
        <translation>留存率（同期群中购买的比例）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="122" />
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="125" />
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="125" />
        <source>Horizon:</source>
        <translation>预测期：</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="125" />
        <source>Models:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="130" />
        <source>Scored on</source>
        <translation>评估数据</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="131" />
        <source>Brier (base rate)</source>
        <translation>Brier（基准率）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="132" />
        <source>Top-10 % lift</source>
        <translation>前 10% 提升度</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="132" />
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="133" />
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="133" />
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="134" />
        <source>Seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="136" />
        <source>Train the models to see this chart.</source>
        <translation>训练模型后即可查看此图表。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="151" />
        <location filename="../../shopinsight/gui/tabs/customers.py" line="275" />
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="167" />
        <source>k-means on log recency, frequency and spend: k = %1 (best silhouette)</source>
        <translation>基于对数化最近购买、频次和消费的 k 均值聚类：k = %1（轮廓系数最佳）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="175" />
        <source>No model trained yet: press Train and score.</source>
        <translation>尚未训练模型：请点击“训练并评分”。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="210" />
        <source>Choose at least one model.</source>
        <translation>请至少选择一个模型。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="214" />
        <source>Training…</source>
        <translation>正在训练…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="215" />
        <source>Training customer models</source>
        <translation>正在训练客户模型</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="234" />
        <source>Scores as of %1 for the next %2 days; chosen model: %3.</source>
        <translation>截至 %1 的评分，预测未来 %2 天；选用模型：%3。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="278" />
        <source>Loading the customer's orders</source>
        <translation>正在载入该客户的订单</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="289" />
        <source>Probability to buy: %1; expected value: %2</source>
        <translation>购买概率：%1；预期价值：%2</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="292" />
        <source>Why: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="294" />
        <source>%1 orders, first %2, last %3</source>
        <translation>%1 个订单，首次 %2，最近 %3</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="297" />
        <source>No merchandise orders</source>
        <translation>没有商品订单</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="309" />
        <source>Export customers</source>
        <translation>导出客户</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="318" />
        <source>Exported %1 customers to %2</source>
        <translation>已将 %1 位客户导出到 %2</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="141" />
        <source>Feature</source>
        <translation>特征</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="141" />
        <source>Coefficient</source>
        <translation>系数</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="142" />
        <source>Effect</source>
        <translation>影响</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="145" />
        <source>Logistic regression coefficients (per standard deviation of the log-feature):</source>
        <translation>逻辑回归系数（对数特征每变化一个标准差）：</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="47" />
        <source>Probability above which a customer counts as a predicted buyer (for accuracy, precision, recall and F1)</source>
        <translation>客户被视为预测购买者的概率阈值（用于准确率、精确率、召回率和 F1）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/customers.py" line="126" />
        <source>Threshold:</source>
        <translation>阈值：</translation>
    </message>
</context>
<context>
    <name>DataTab</name>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="73" />
        <source>Import data…</source>
        <extracomment>emitted when the tab's content for the current shop is fully shown</extracomment>
        <translation>导入数据…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="94" />
        <source>Whole shop</source>
        <translation>整个店铺</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="95" />
        <source>Show the quality report of all imports</source>
        <translation>显示所有导入的质量报告</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="97" />
        <source>Import history</source>
        <translation>导入历史</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="101" />
        <source>Select an import to see its report.</source>
        <translation>选择一次导入以查看其报告。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="119" />
        <source>Quality report</source>
        <translation>质量报告</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="120" />
        <source>Postage and fees</source>
        <translation>运费和费用</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="138" />
        <source>Search product, order or customer</source>
        <translation>搜索商品、订单或客户</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="145" />
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="154" />
        <source>All lines</source>
        <translation>全部明细</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="154" />
        <source>Cancellations only</source>
        <translation>仅取消</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="155" />
        <source>Merchandise only</source>
        <translation>仅商品</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="156" />
        <source>Merchandise sales (no cancellations)</source>
        <translation>商品销售（不含取消）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="157" />
        <source>Sales and charges (no cancellations)</source>
        <translation>销售及收费（不含取消）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="158" />
        <source>Postage, fees and adjustments</source>
        <translation>运费、费用和调整</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="161" />
        <source>Selected import only</source>
        <translation>仅所选导入</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="164" />
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="170" />
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="180" />
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="181" />
        <source>Show every line again</source>
        <translation>重新显示全部明细</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="209" />
        <source>Lines</source>
        <translation>订单明细</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="233" />
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="312" />
        <source>No shop is open.</source>
        <translation>尚未打开店铺。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="321" />
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="323" />
        <source>Loading the import history</source>
        <translation>正在加载导入历史</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="325" />
        <source>Checking data quality</source>
        <translation>正在检查数据质量</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="332" />
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 lines · %3 orders · %4 customers · net sales %7 · %5 to %6</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2 行明细 · %3 个订单 · %4 位客户 · 净销售额 %7 · %5 至 %6</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="338" />
        <source>Orders and customers: with at least one merchandise sale line (an invoice that only cancels or only charges postage is not an order). Net sales: merchandise amounts, cancellations included. The Overview, the quality report and `shopinsight info` show the same figures.</source>
        <translation>订单和客户：至少含一行商品销售（只有取消或只收运费的发票不算订单）。净销售额：商品金额，已扣除取消。概览、质量报告和 `shopinsight info` 显示的是同样的数字。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="342" />
        <source>&lt;b&gt;%1&lt;/b&gt; is empty: import an export of your orders to start.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 还没有数据：请先导入订单导出文件。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="388" />
        <source>All imports</source>
        <translation>所有导入</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="453" />
        <source>Showing lines for: %1</source>
        <translation>正在显示明细：%1</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="499" />
        <source>%1 lines</source>
        <translation>%1 行</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="501" />
        <source>%1 of %2 lines match</source>
        <translation>%2 行中有 %1 行符合</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="508" />
        <source>At least %1 lines match · counting…</source>
        <translation>至少 %1 行匹配 · 正在计数…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="513" />
        <source>Filtering…</source>
        <translation>正在筛选…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="516" />
        <source>Could not read the lines: %1</source>
        <translation>无法读取明细：%1</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="530" />
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="530" />
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="530" />
        <source>Imported</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="531" />
        <source>Rows read</source>
        <translation>读取行数</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="531" />
        <source>Imported lines</source>
        <translation>导入行数</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="532" />
        <source>Rejected</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="532" />
        <source>Skipped</source>
        <translation>跳过</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="533" />
        <source>Duplicates</source>
        <translation>重复</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="533" />
        <source>Date format</source>
        <translation>日期格式</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/data.py" line="534" />
        <source>Seconds</source>
        <translation>秒</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../shopinsight/gui/dialogs.py" line="27" />
        <source>Problem with the input</source>
        <translation>输入有问题</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/dialogs.py" line="27" />
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/dialogs.py" line="34" />
        <source>&lt;b&gt;%1 did not finish.&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1 未能完成。&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/dialogs.py" line="38" />
        <source>Please check the input and try again.</source>
        <translation>请检查输入后重试。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/dialogs.py" line="39" />
        <source>The details below were written to the log file. Copy them into a bug report if the problem persists.</source>
        <translation>以下详细信息已写入日志文件。如果问题持续出现，请将其复制到错误报告中。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/dialogs.py" line="50" />
        <location filename="../../shopinsight/gui/dialogs.py" line="75" />
        <source>Show details</source>
        <translation>显示详细信息</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/dialogs.py" line="53" />
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/dialogs.py" line="75" />
        <source>Hide details</source>
        <translation>隐藏详细信息</translation>
    </message>
</context>
<context>
    <name>FilesPage</name>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="214" />
        <source>Choose the files to import</source>
        <translation>选择要导入的文件</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="215" />
        <source>Order or sales exports: CSV, TSV, text, gzip or Excel. Several files of the same shop can be imported together.</source>
        <translation>订单或销售导出文件：CSV、TSV、文本、gzip 或 Excel。同一店铺的多个文件可以一起导入。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="220" />
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="222" />
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="233" />
        <source>Recognise automatically</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="236" />
        <source>Pseudonymise customers (store codes instead of customer numbers, names and e-mails)</source>
        <translation>客户匿名化（以代码代替客户编号、姓名和邮箱）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="240" />
        <source>optional: otherwise the key kept in your settings folder</source>
        <translation>可选：否则使用保存在设置文件夹中的密钥</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="241" />
        <source>Key file…</source>
        <translation>密钥文件…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="249" />
        <source>Export format:</source>
        <translation>导出格式：</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="251" />
        <source>Pseudonym key:</source>
        <translation>化名密钥：</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="261" />
        <source>Pseudonym key file</source>
        <translation>化名密钥文件</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="262" />
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="271" />
        <source>Import data</source>
        <translation>导入数据</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="272" />
        <source>Shop exports (%1);;All files (*)</source>
        <translation>店铺导出文件 (%1);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>ForecastTab</name>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="48" />
        <source>Net sales</source>
        <translation>净销售额</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="48" />
        <source>Units</source>
        <translation>件数</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="49" />
        <source>Whole shop</source>
        <translation>整个店铺</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="49" />
        <source>Per product</source>
        <translation>按商品</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="50" />
        <source>Per country</source>
        <translation>按国家</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="51" />
        <source>Daily</source>
        <translation>按日</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="52" />
        <source>Weekly</source>
        <translation>按周</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="52" />
        <source>Monthly</source>
        <translation>按月</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="54" />
        <source>Largest series by net sales (when no product is picked)</source>
        <translation>按净销售额最大的序列（未选择商品时）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="56" />
        <source>Search products…</source>
        <translation>搜索商品…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="60" />
        <source>Tick products to forecast only those</source>
        <translation>勾选商品以只预测这些商品</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="61" />
        <source>Train on data up to</source>
        <translation>仅使用截至此日期的数据训练</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="65" />
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="66" />
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="66" />
        <source>Frequency</source>
        <translation>频率</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="67" />
        <source>Horizon (periods)</source>
        <translation>预测期数</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="67" />
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="140" />
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="268" />
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="310" />
        <source>Series</source>
        <translation>序列</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="65" />
        <source>What to forecast</source>
        <translation>预测内容</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="75" />
        <source>Rolling-origin backtest windows (0 = no backtest, no intervals)</source>
        <translation>滚动起点回测窗口数（0 = 不回测，无预测区间）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="78" />
        <source>Backtest windows</source>
        <translation>回测窗口</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="79" />
        <source>Interval level</source>
        <translation>区间置信水平</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="78" />
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="81" />
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="83" />
        <source>Export forecasts…</source>
        <translation>导出预测…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="113" />
        <source>Lead time (periods)</source>
        <translation>补货提前期（期数）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="113" />
        <source>Service level</source>
        <translation>服务水平</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="310" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="331" />
        <source>On hand</source>
        <translation>现有库存</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="331" />
        <source>On order</source>
        <translation>已订未到</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="124" />
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="139" />
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="409" />
        <source>Price what-if</source>
        <translation>价格模拟</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="128" />
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="51" />
        <source>Follow the data</source>
        <translation>跟随数据</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="105" />
        <source>Lead time in the forecast's periods (days, weeks or months), at most the horizon</source>
        <translation>交货期，以预测的周期计（天、周或月），不超过预测期</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="126" />
        <source>Choose a product and click Price what-if to see how its sales follow its price.</source>
        <translation>选择一个商品并点击“价格模拟”，查看其销量如何随价格变化。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="133" />
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="247" />
        <source>Train a forecast to see what drives it.</source>
        <translation>训练预测后即可查看其驱动因素。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="136" />
        <source>Backtest metrics</source>
        <translation>回测指标</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="137" />
        <source>Why this forecast</source>
        <translation>预测原因</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="138" />
        <source>Per series</source>
        <translation>各序列</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="138" />
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="148" />
        <source>Forecast</source>
        <translation>预测</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="236" />
        <source>Training…</source>
        <translation>正在训练…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="237" />
        <source>Training forecast models</source>
        <translation>正在训练预测模型</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="246" />
        <source>Train a forecast to see it here.</source>
        <translation>训练预测后将在此显示。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="265" />
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="310" />
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="265" />
        <source>Chosen for (series)</source>
        <translation>被选中（序列数）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="267" />
        <source>Interval coverage</source>
        <translation>区间覆盖率</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="264" />
        <source>Skill vs seasonal naive</source>
        <translation>相对季节性朴素法的提升</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="264" />
        <source>Skill vs naive</source>
        <translation>相对朴素法的提升</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="269" />
        <source>Run %1: %2 s</source>
        <translation>运行 %1：%2 秒</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="296" />
        <source>daily</source>
        <translation>按日</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="296" />
        <source>weekly</source>
        <translation>按周</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="296" />
        <source>monthly</source>
        <translation>按月</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="298" />
        <source>Frequency: %1, as in the data.</source>
        <translation>频率：%1，与数据一致。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="311" />
        <source>Forecast (horizon)</source>
        <translation>预测（整个预测期）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="311" />
        <source>Low</source>
        <translation>下限</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="311" />
        <source>High</source>
        <translation>上限</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="327" />
        <source>stock unknown: showing the reorder point</source>
        <translation>库存未知：显示再订货点</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="329" />
        <source>Demand over lead time</source>
        <translation>交货期内需求</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="330" />
        <source>Safety stock</source>
        <translation>安全库存</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="330" />
        <source>Reorder point</source>
        <translation>再订货点</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="332" />
        <source>Order now</source>
        <translation>现在订购</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="332" />
        <source>Reorder by</source>
        <translation>最晚订货日期</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="333" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="336" />
        <source>Safety stock = z × σ × √lead time, σ from each product's own backtest errors over the lead time. %1 of %2 products: stock unknown, showing the reorder point (enter stock on the Stock tab).</source>
        <translation>安全库存 = z × σ × √交货期，σ 取自每个商品自身在交货期内的回测误差。%2 个商品中有 %1 个库存未知，显示的是再订货点（请在“库存”页输入库存）。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="340" />
        <source>Safety stock = z × σ × √lead time, σ from each product's own backtest errors over the lead time. Order now = reorder point − on hand − on order, in whole packs.</source>
        <translation>安全库存 = z × σ × √交货期，σ 取自每个商品自身在交货期内的回测误差。现在订购 = 再订货点 − 现有库存 − 已订未到，按整包取整。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="392" />
        <source>Each period's forecast is the sum of its parts (%1).</source>
        <translation>每期预测等于其各分项之和（%1）。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="407" />
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="414" />
        <source>Could not compute this chart.</source>
        <translation>无法计算此图表。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="420" />
        <source>Warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="426" />
        <source>Export forecasts</source>
        <translation>导出预测</translation>
    </message>
    <message numerus="yes">
        <location filename="../../shopinsight/gui/tabs/forecast.py" line="176" />
        <source>Holidays of the shop's main country and %n event(s) of the shop are used as features.</source>
        <translation>
            <numerusform>使用店铺主要国家的节假日和店铺的 %n 个活动作为特征。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FormatPage</name>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="333" />
        <source>Check how the file is read</source>
        <translation>检查文件的读取方式</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="334" />
        <source>The format was detected automatically. If the preview looks wrong, change a setting: the preview is read again.</source>
        <translation>格式已自动识别。如果预览看起来不对，请修改设置，预览会重新读取。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="343" />
        <source>Comma ( , )</source>
        <translation>逗号（,）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="343" />
        <source>Semicolon ( ; )</source>
        <translation>分号（;）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="344" />
        <source>Tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="344" />
        <source>Pipe ( | )</source>
        <translation>竖线（|）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="345" />
        <source>Spaces</source>
        <translation>空格</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="348" />
        <source>Point (1234.56)</source>
        <translation>小数点（1234.56）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="349" />
        <source>Comma (1234,56)</source>
        <translation>逗号（1234,56）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="358" />
        <source>Sheet:</source>
        <translation>工作表：</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="359" />
        <source>Detect again</source>
        <translation>重新识别</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="362" />
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="364" />
        <source>Encoding:</source>
        <translation>编码：</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="366" />
        <source>Delimiter:</source>
        <translation>分隔符：</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="368" />
        <source>Decimal separator:</source>
        <translation>小数分隔符：</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="415" />
        <source>Preview of &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 的预览</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="417" />
        <source>(and %1 more, read with the same settings)</source>
        <translation>（另有 %1 个文件，使用相同设置读取）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="420" />
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="448" />
        <source>Columns: %1</source>
        <translation>列数：%1</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="451" />
        <source>recognised as: %1</source>
        <translation>识别为：%1</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="628" />
        <source>Importing</source>
        <translation>正在导入</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="629" />
        <source>The files are imported in the background. Cancel leaves the shop exactly as it was.</source>
        <translation>文件在后台导入。取消后店铺保持原样。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="638" />
        <source>Cancel import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="640" />
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="671" />
        <source>No shop is open.</source>
        <translation>尚未打开店铺。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="674" />
        <source>Importing %1 into %2</source>
        <translation>正在将 %1 导入 %2</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="678" />
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="694" />
        <source>Importing data</source>
        <translation>正在导入数据</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="705" />
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="714" />
        <source>Import cancelled. The shop is unchanged.</source>
        <translation>导入已取消，店铺未做任何更改。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="719" />
        <source>Import failed:</source>
        <translation>导入失败：</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="721" />
        <source>The shop is unchanged.</source>
        <translation>店铺未做任何更改。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="737" />
        <source>Done: %1 lines imported.</source>
        <translation>完成：已导入 %1 行。</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="37" />
        <source>Order / invoice number</source>
        <translation>订单号 / 发票号</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="38" />
        <source>Order date</source>
        <translation>下单日期</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="39" />
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="40" />
        <source>Product code (SKU)</source>
        <translation>商品编码（SKU）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="41" />
        <source>Product name</source>
        <translation>商品名称</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="42" />
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="43" />
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="44" />
        <source>Line total (amount)</source>
        <translation>行金额</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="45" />
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="46" />
        <source>Store / channel</source>
        <translation>店铺 / 渠道</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="47" />
        <source>Order status</source>
        <translation>订单状态</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="48" />
        <source>Customer e-mail</source>
        <translation>客户邮箱</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="49" />
        <source>Customer name</source>
        <translation>客户姓名</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="50" />
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="90" />
        <source>Import data</source>
        <translation>导入数据</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="129" />
        <source>Reading %1</source>
        <translation>正在读取 %1</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="169" />
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="175" />
        <source>The file has no data rows: choose another file or sheet.</source>
        <translation>文件中没有数据行：请选择其他文件或工作表。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="176" />
        <source>Choose the column that holds the order date.</source>
        <translation>请选择包含下单日期的列。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="177" />
        <source>The dates could not be read: choose or type a date format.</source>
        <translation>无法读取日期：请选择或输入日期格式。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="178" />
        <source>Most values in the date column are not dates in this format: choose another date column or date format.</source>
        <translation>日期列中的大多数值不是此格式的日期：请选择其他日期列或日期格式。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="180" />
        <source>Choose a line total (amount) column, or both quantity and unit price.</source>
        <translation>请选择行金额列，或同时选择数量和单价。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="184" />
        <source>(first value: %1)</source>
        <translation>（第一个值：%1）</translation>
    </message>
</context>
<context>
    <name>KpiCard</name>
    <message>
        <location filename="../../shopinsight/gui/widgets/kpi_card.py" line="61" />
        <source>no comparison</source>
        <translation>无法比较</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/kpi_card.py" line="65" />
        <source>%1 %2 points vs previous period</source>
        <translation>%1 %2 个百分点（与上一时段相比）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/kpi_card.py" line="67" />
        <source>%1 %2 vs previous period</source>
        <translation>%1 %2（与上一时段相比）</translation>
    </message>
</context>
<context>
    <name>LinesModel</name>
    <message>
        <location filename="../../shopinsight/gui/lines_model.py" line="64" />
        <source>Line</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/lines_model.py" line="65" />
        <source>Date and time</source>
        <translation>日期时间</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/lines_model.py" line="66" />
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/lines_model.py" line="67" />
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/lines_model.py" line="68" />
        <source>Product code</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/lines_model.py" line="69" />
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/lines_model.py" line="70" />
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/lines_model.py" line="71" />
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/lines_model.py" line="72" />
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/lines_model.py" line="73" />
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/lines_model.py" line="74" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/lines_model.py" line="75" />
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/lines_model.py" line="210" />
        <source>Counting lines</source>
        <extracomment>number of lines matching the current filter (emitted once counted, after every (re)load) while the count runs: at least this many lines match (the rows read so far, a capped count) True while the first block or the count of a (re)load is being read on a worker a read failed (message) a quick first count stops at this many lines ("more than 10,000"), then the exact one runs an order whose keys are in an index, of more rows than this, gets anchors in the background</extracomment>
        <translation>正在统计明细行数</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/lines_model.py" line="366" />
        <source>Reading lines</source>
        <translation>正在读取明细</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/lines_model.py" line="418" />
        <source>Indexing the order of the lines</source>
        <translation>正在为明细排序建立定位点</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../shopinsight/gui/app.py" line="72" />
        <source>ShopInsight</source>
        <translation>ShopInsight</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="339" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="340" />
        <source>&amp;New shop…</source>
        <translation>新建店铺(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="341" />
        <source>&amp;Open shop…</source>
        <translation>打开店铺(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="344" />
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="347" />
        <source>Open the &amp;sample shop</source>
        <translation>打开示例店铺(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="350" />
        <source>&amp;Import data…</source>
        <translation>导入数据(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="351" />
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="352" />
        <source>Export &amp;report…</source>
        <translation>导出报告(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="357" />
        <source>&amp;Close shop</source>
        <translation>关闭店铺(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="359" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="363" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="364" />
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="366" />
        <source>&amp;Go to tab</source>
        <translation>转到标签页(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="368" />
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="378" />
        <source>&amp;Full screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="383" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="384" />
        <source>&amp;About ShopInsight</source>
        <translation>关于 ShopInsight(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="385" />
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="386" />
        <source>Open the &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="507" />
        <source>Cannot open the shop</source>
        <translation>无法打开店铺</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="547" />
        <source>%1 is a sales export, not a shop file.

Create the shop %2 and import the file into it?</source>
        <translation>%1 是销售导出文件，不是店铺文件。

要创建店铺 %2 并把该文件导入其中吗？</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="552" />
        <location filename="../../shopinsight/gui/main_window.py" line="562" />
        <source>Open shop</source>
        <translation>打开店铺</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="567" />
        <source>ShopInsight shop (*.shop)</source>
        <translation>ShopInsight 店铺 (*.shop)</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="567" />
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="574" />
        <source>New shop</source>
        <translation>新建店铺</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="588" />
        <location filename="../../shopinsight/gui/main_window.py" line="603" />
        <source>Cannot create the shop</source>
        <translation>无法创建店铺</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="589" />
        <source>%1 exists and is not a shop file; choose another name.</source>
        <translation>%1 已存在且不是店铺文件，请换一个名称。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="624" />
        <source>Creating the sample shop… %1%</source>
        <translation>正在创建示例店铺… %1%</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="630" />
        <location filename="../../shopinsight/gui/main_window.py" line="804" />
        <source>Creating the sample shop…</source>
        <translation>正在创建示例店铺…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="634" />
        <source>Creating the sample shop</source>
        <translation>创建示例店铺</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="650" />
        <source>No shop open</source>
        <translation>未打开店铺</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="659" />
        <source>%1 · %2 lines</source>
        <translation>%1 · %2 行</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="683" />
        <source>No recent shops</source>
        <translation>没有最近打开的店铺</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="688" />
        <source>Clear the list</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="698" />
        <location filename="../../shopinsight/gui/main_window.py" line="704" />
        <source>Import data</source>
        <translation>导入数据</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="698" />
        <source>Open or create a shop first.</source>
        <translation>请先打开或新建一个店铺。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="704" />
        <source>The import wizard is not available in this build.</source>
        <translation>此版本中没有导入向导。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="719" />
        <source>Export lines</source>
        <translation>导出明细行</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="721" />
        <source>CSV file (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="733" />
        <source>Exporting lines</source>
        <translation>正在导出明细行</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="735" />
        <source>%1 lines exported to %2</source>
        <translation>已将 %1 行导出到 %2</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="759" />
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="759" />
        <source>The shop has no sales to report on yet.</source>
        <translation>店铺还没有可报告的销售数据。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="772" />
        <source>Writing the report</source>
        <translation>正在写入报告</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="774" />
        <source>Report written to %1</source>
        <translation>报告已写入 %1</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="806" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="849" />
        <source>Stopping background tasks…</source>
        <translation>正在停止后台任务…</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="473" />
        <source>Match the columns</source>
        <translation>匹配列</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="474" />
        <source>Which column holds what? The proposal is the importer's guess with its confidence; change any field that is wrong. * = required.</source>
        <translation>每一列包含什么？建议是导入程序的推测及其置信度；如有错误请修改。* = 必填。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="481" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="481" />
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="481" />
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="482" />
        <source>First values</source>
        <translation>前几个值</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="524" />
        <source>Use the proposal</source>
        <translation>使用建议</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="527" />
        <source>Date format:</source>
        <translation>日期格式：</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="566" />
        <source>— not in the file —</source>
        <translation>— 文件中没有 —</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="583" />
        <source>%1 of the sampled dates read with this format</source>
        <translation>抽样日期中有 %1 可用此格式读取</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="589" />
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="591" />
        <source>Ready to import. Unmatched columns are kept as extra data.</source>
        <translation>可以导入。未匹配的列将作为附加数据保留。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="602" />
        <source>your choice</source>
        <translation>您的选择</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="604" />
        <source>Set by you</source>
        <translation>由您设置</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="608" />
        <source>How sure the importer is that this column holds this field</source>
        <translation>导入程序对此列包含该字段的把握程度</translation>
    </message>
</context>
<context>
    <name>ModelForm</name>
    <message>
        <location filename="../../shopinsight/gui/widgets/model_form.py" line="52" />
        <source>Needs the full edition of ShopInsight (with TensorFlow)</source>
        <translation>需要 ShopInsight 完整版（含 TensorFlow）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/model_form.py" line="97" />
        <location filename="../../shopinsight/gui/widgets/model_form.py" line="177" />
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/model_form.py" line="135" />
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/model_form.py" line="176" />
        <source>Parameters: %1</source>
        <translation>参数：%1</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/model_form.py" line="180" />
        <source>No parameters</source>
        <translation>无参数</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/model_form.py" line="184" />
        <source>%1:</source>
        <translation>%1：</translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <location filename="../../shopinsight/gui/tabs/overview.py" line="50" />
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/overview.py" line="50" />
        <source>Last 90 days</source>
        <translation>最近 90 天</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/overview.py" line="51" />
        <source>Last 12 months</source>
        <translation>最近 12 个月</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/overview.py" line="51" />
        <source>All time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/overview.py" line="53" />
        <source>Periods end on the last day with data</source>
        <translation>时间段截止于有数据的最后一天</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/overview.py" line="88" />
        <source>Period:</source>
        <translation>时间段：</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/overview.py" line="58" />
        <source>Net sales</source>
        <translation>净销售额</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/overview.py" line="58" />
        <source>Merchandise sales minus cancellations and returns</source>
        <translation>商品销售额减去取消和退货</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/overview.py" line="59" />
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/overview.py" line="59" />
        <source>Orders with at least one merchandise sale line</source>
        <translation>至少包含一行商品销售的订单</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/overview.py" line="60" />
        <source>Customers</source>
        <translation>客户数</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/overview.py" line="60" />
        <source>Known customers who ordered (guests not counted)</source>
        <translation>下过单的已知客户（不含游客）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/overview.py" line="61" />
        <source>Average order value</source>
        <translation>平均订单金额</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/overview.py" line="61" />
        <source>Sales before cancellations ÷ orders</source>
        <translation>取消前销售额 ÷ 订单数</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/overview.py" line="62" />
        <source>Cancellations</source>
        <translation>取消与退货</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/overview.py" line="63" />
        <source>Cancelled or returned amount as a share of sales</source>
        <translation>取消或退货金额占销售额的比例</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/overview.py" line="75" />
        <source>Show sales</source>
        <translation>销售额显示</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/overview.py" line="73" />
        <source>Daily</source>
        <translation>按日</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/overview.py" line="73" />
        <source>Weekly</source>
        <translation>按周</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/overview.py" line="74" />
        <source>Monthly</source>
        <translation>按月</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/overview.py" line="81" />
        <source>This shop has no sales data yet.</source>
        <translation>此店铺还没有销售数据。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/overview.py" line="83" />
        <source>Import data…</source>
        <translation>导入数据…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/overview.py" line="95" />
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/overview.py" line="112" />
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/overview.py" line="112" />
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/overview.py" line="133" />
        <location filename="../../shopinsight/gui/tabs/overview.py" line="220" />
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/overview.py" line="140" />
        <source>Computing the overview</source>
        <translation>正在计算概览</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/overview.py" line="146" />
        <source>Could not compute this chart.</source>
        <translation>无法计算此图表。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/overview.py" line="191" />
        <source>%1 – %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/overview.py" line="193" />
        <source>compared with %1 – %2</source>
        <translation>对比 %1 至 %2</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/overview.py" line="197" />
        <source>no earlier data to compare with</source>
        <translation>没有更早的数据可供比较</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/overview.py" line="225" />
        <source>Computing sales over time</source>
        <translation>正在计算销售趋势</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/overview.py" line="242" />
        <source>Export the overview to a folder</source>
        <translation>将概览导出到文件夹</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/overview.py" line="255" />
        <source>Overview exported to %1</source>
        <translation>概览已导出到 %1</translation>
    </message>
</context>
<context>
    <name>QualityView</name>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="28" />
        <source>Rows read</source>
        <translation>读取行数</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="29" />
        <source>Lines imported</source>
        <translation>导入行数</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="30" />
        <source>Rows rejected</source>
        <translation>拒绝行数</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="31" />
        <source>Skipped: already in the shop</source>
        <translation>跳过：店铺中已存在</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="32" />
        <source>Already in the shop, updated to this file's values</source>
        <translation>店铺中已存在，已按此文件的数值更新</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="33" />
        <source>Exact duplicates within the file (kept)</source>
        <translation>文件内完全重复的行（已保留）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="34" />
        <location filename="../../shopinsight/gui/quality_view.py" line="36" />
        <source>Cancellation lines, any kind (goods, postage, fees)</source>
        <translation>取消行，所有类型（商品、运费、费用）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="38" />
        <location filename="../../shopinsight/gui/quality_view.py" line="40" />
        <source>Postage, fees and adjustments</source>
        <translation>运费、费用和调整</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="39" />
        <source>Returns</source>
        <translation>退货</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="41" />
        <source>No customer (guest)</source>
        <translation>无客户（游客）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="42" />
        <source>No product name</source>
        <translation>无商品名称</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="43" />
        <source>Unit price 0</source>
        <translation>单价为 0</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="44" />
        <source>Negative unit price</source>
        <translation>单价为负</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="45" />
        <source>Negative quantity</source>
        <translation>数量为负</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="46" />
        <source>Product codes normalised (case, spaces)</source>
        <translation>已规范化的商品编码（大小写、空格）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="47" />
        <source>Names with spaces trimmed</source>
        <translation>已去除首尾空格的名称</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="48" />
        <source>Cancelled status: amount set to 0</source>
        <translation>已取消状态：金额设为 0</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="49" />
        <source>Amount computed as quantity × price</source>
        <translation>金额按数量 × 单价计算</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="50" />
        <source>Unit price computed from the amount</source>
        <translation>单价由金额推算</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="51" />
        <source>Lines with extra source data kept</source>
        <translation>保留了附加源数据的行</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="52" />
        <source>Product codes with several names</source>
        <translation>有多个名称的商品编码</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="53" />
        <source>Customers seen in several countries</source>
        <translation>出现在多个国家/地区的客户</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="54" />
        <source>Orders entered at several times</source>
        <translation>分多次录入的订单</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="74" />
        <source>Finding</source>
        <translation>发现</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="74" />
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="105" />
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="105" />
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="105" />
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="106" />
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="106" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="134" />
        <source>%1 rows read</source>
        <translation>读取 %1 行</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="136" />
        <source>%1 lines imported</source>
        <translation>导入 %1 行</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="137" />
        <source>%1 rejected</source>
        <translation>拒绝 %1 行</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="138" />
        <source>%1 skipped (already in the shop)</source>
        <translation>跳过 %1 行（店铺中已存在）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="143" />
        <source>Dates from %1 to %2</source>
        <translation>日期从 %1 至 %2</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="146" />
        <source>%1 orders · %2 customers (with a merchandise sale)</source>
        <translation>%1 个订单 · %2 位客户（有商品销售）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="149" />
        <source>net sales %1</source>
        <translation>净销售额 %1</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="152" />
        <source>date format %1</source>
        <translation>日期格式 %1</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="165" />
        <source>Rejected: %1</source>
        <translation>拒绝：%1</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="169" />
        <source>Lines of kind “%1”</source>
        <translation>类型为“%1”的行</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="172" />
        <source>Extra columns kept: %1</source>
        <translation>保留的附加列：%1</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="174" />
        <source>Customer identities replaced by pseudonyms</source>
        <translation>客户身份已替换为化名</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="176" />
        <source>No imported line was flagged.</source>
        <translation>没有导入的行被标记。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="189" />
        <source>No rejected rows.</source>
        <translation>没有被拒绝的行。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="191" />
        <source>Rejected rows: the first %1 of %2</source>
        <translation>被拒绝的行：%2 行中的前 %1 行</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/quality_view.py" line="194" />
        <source>Rejected rows</source>
        <translation>被拒绝的行</translation>
    </message>
</context>
<context>
    <name>RecommendationsTab</name>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="53" />
        <source>Only products they have not bought</source>
        <translation>只推荐未购买过的商品</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="54" />
        <source>Tune on recent weeks (slower)</source>
        <translation>用最近几周数据调参（较慢）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="55" />
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="56" />
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="126" />
        <source>Choose a model and click Train.</source>
        <translation>选择一个模型，然后点击“训练”。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="99" />
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="99" />
        <source>Products per customer:</source>
        <translation>每位客户推荐数：</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="59" />
        <source>Customer id</source>
        <translation>客户编号</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="66" />
        <source>Bought before</source>
        <translation>购买过的商品</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="67" />
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="186" />
        <source>Recommended</source>
        <translation>推荐商品</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="68" />
        <source>Customer:</source>
        <translation>客户：</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="71" />
        <source>Product id or name</source>
        <translation>商品编号或名称</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="74" />
        <source>Train a model, then choose a product to see what is bought with it.</source>
        <translation>请先训练模型，然后选择一个商品，查看常与它一起购买的商品。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="75" />
        <source>Product:</source>
        <translation>商品：</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="76" />
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="206" />
        <source>Similar products</source>
        <translation>相似商品</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="77" />
        <source>Frequently bought together</source>
        <translation>经常一起购买</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="84" />
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="92" />
        <source>Compare models</source>
        <translation>比较模型</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="86" />
        <source>Models learn from all but the last 28 days and are scored on what customers bought in those days (every product ranked).</source>
        <translation>模型用除最后 28 天以外的数据学习，并以客户在这 28 天内实际购买的商品评分（对全部商品排序）。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="91" />
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="115" />
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="91" />
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="113" />
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="95" />
        <source>Export recommendations…</source>
        <translation>导出推荐…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="96" />
        <source>Export frequently-bought-together rules…</source>
        <translation>导出“经常一起购买”规则…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="107" />
        <source>Recommendations</source>
        <translation>商品推荐</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="110" />
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="110" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="110" />
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="111" />
        <source>Last bought</source>
        <translation>最近购买</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="111" />
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="111" />
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="112" />
        <source>Why</source>
        <translation>推荐理由</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="112" />
        <source>Lift</source>
        <translation>提升度</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="112" />
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="113" />
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="113" />
        <source>Precision@k</source>
        <translation>精确率@k</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="114" />
        <source>Recall@k</source>
        <translation>召回率@k</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="114" />
        <source>NDCG@k</source>
        <translation>NDCG@k</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="114" />
        <source>Hit rate</source>
        <translation>命中率</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="115" />
        <source>Catalogue coverage</source>
        <translation>商品覆盖率</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="116" />
        <source>Fit seconds</source>
        <translation>训练秒数</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="133" />
        <source>Last stored run (#%1): %2</source>
        <translation>上次保存的运行（#%1）：%2</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="146" />
        <source>Training…</source>
        <translation>正在训练…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="147" />
        <source>Training recommendations</source>
        <translation>正在训练推荐模型</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="161" />
        <source>%1: top %2 for %3 customers, learned from %4 – %5.</source>
        <translation>%1：为 %3 位客户各推荐 %2 件商品，学习数据 %4 – %5。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="191" />
        <source>%1 products bought before</source>
        <translation>购买过 %1 种商品</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="192" />
        <source>Unknown customer: showing best sellers</source>
        <translation>未知客户：显示热销商品</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="225" />
        <source>%1 — this model has no product similarity; choose item-kNN, EASE, ALS, content or hybrid</source>
        <translation>%1 — 此模型不提供商品相似度；请选择 Item-kNN、EASE、ALS、内容相似或混合模型</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="241" />
        <source>Comparing models…</source>
        <translation>正在比较模型…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="242" />
        <source>Comparing recommendation models</source>
        <translation>正在比较推荐模型</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="245" />
        <source>Model comparison done and stored.</source>
        <translation>模型比较完成并已保存。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="254" />
        <source>No model comparison yet: click Compare models.</source>
        <translation>尚无模型比较：请点击“比较模型”。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="258" />
        <source>incl. repurchases</source>
        <translation>含重复购买</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="258" />
        <source>new products only</source>
        <translation>仅新商品</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="270" />
        <source>Export recommendations</source>
        <translation>导出推荐</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="273" />
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="278" />
        <source>Export rules</source>
        <translation>导出规则</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="288" />
        <source>Saved %1 rules (support ≥ %2 of orders) to %3</source>
        <translation>已将 %1 条规则（支持度 ≥ 订单的 %2）保存到 %3</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/recommendations.py" line="286" />
        <source>Finding products bought together</source>
        <translation>正在查找一起购买的商品</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../shopinsight/gui/report_dialog.py" line="30" />
        <location filename="../../shopinsight/gui/report_dialog.py" line="123" />
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/report_dialog.py" line="35" />
        <source>A month</source>
        <translation>某个月</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/report_dialog.py" line="36" />
        <source>From … to …</source>
        <translation>从…到…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/report_dialog.py" line="37" />
        <source>Period:</source>
        <translation>时间段：</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/report_dialog.py" line="63" />
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/report_dialog.py" line="66" />
        <source>PDF (print or send)</source>
        <translation>PDF（打印或发送）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/report_dialog.py" line="67" />
        <source>HTML (one file, opens offline)</source>
        <translation>HTML（单个文件，可离线打开）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/report_dialog.py" line="69" />
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/report_dialog.py" line="72" />
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/report_dialog.py" line="79" />
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/report_dialog.py" line="88" />
        <source>Write the report</source>
        <translation>写入报告</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/report_dialog.py" line="89" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/report_dialog.py" line="122" />
        <source>PDF file (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/report_dialog.py" line="122" />
        <source>HTML file (*.html)</source>
        <translation>HTML 文件 (*.html)</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="753" />
        <source>Import report</source>
        <translation>导入报告</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="754" />
        <source>What was imported, flagged, rejected and skipped.</source>
        <translation>导入、标记、拒绝和跳过的内容。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="758" />
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/import_wizard.py" line="792" />
        <source>%1 — %2 s</source>
        <translation>%1 — %2 秒</translation>
    </message>
</context>
<context>
    <name>RunsTab</name>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="38" />
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="40" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="42" />
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="44" />
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="46" />
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="49" />
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="85" />
        <source>Runs</source>
        <translation>运行记录</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="121" />
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="121" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="121" />
        <source>Made at</source>
        <translation>运行时间</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="122" />
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="122" />
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="122" />
        <location filename="../../shopinsight/gui/tabs/runs.py" line="234" />
        <source>Metrics</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="123" />
        <location filename="../../shopinsight/gui/tabs/runs.py" line="234" />
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="145" />
        <source>Reading the run history</source>
        <translation>正在读取运行记录</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="123" />
        <source>Versions</source>
        <translation>库版本</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="162" />
        <source>other versions</source>
        <translation>其他库版本</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="172" />
        <source>%1 stored runs.</source>
        <translation>已保存 %1 次运行。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="173" />
        <source>No stored runs yet: runs appear here when a forecast, a customers model, recommendations or an anomaly search is run.</source>
        <translation>还没有已保存的运行：运行预测、客户模型、推荐或异常查找后，会显示在这里。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="205" />
        <source>Show this run in its tab</source>
        <translation>在所属标签页中显示此运行</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="206" />
        <source>Select one run to open it</source>
        <translation>选择一次运行以打开</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="207" />
        <source>Runs of this kind cannot be opened in a tab yet; their details are shown below</source>
        <translation>此类型的运行暂时不能在标签页中打开；详细信息显示在下方</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="210" />
        <source>Show the two runs' parameters and metrics side by side</source>
        <translation>并排显示两次运行的参数和指标</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="211" />
        <source>Select two runs of the same kind (Ctrl+click) to compare them</source>
        <translation>选择两次同一类型的运行（Ctrl+单击）进行比较</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="213" />
        <source>Delete the selected runs and their stored results</source>
        <translation>删除所选运行及其保存的结果</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="220" />
        <source>Select a run to see its details; select two of one kind to compare them.</source>
        <translation>选择一次运行查看详细信息；选择两次同一类型的运行进行比较。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="224" />
        <source>data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="226" />
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="232" />
        <source>Made with other library versions</source>
        <translation>用其他库版本生成</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="268" />
        <source>Comparing runs</source>
        <translation>正在比较运行</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="286" />
        <source>Delete run #%1 (%2) and its stored results?</source>
        <translation>删除运行 #%1（%2）及其保存的结果？</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="288" />
        <source>Delete these %1 runs and their stored results?</source>
        <translation>删除这 %1 次运行及其保存的结果？</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="289" />
        <source>Delete runs</source>
        <translation>删除运行</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="304" />
        <source>Deleting runs</source>
        <translation>正在删除运行</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/tabs/runs.py" line="307" />
        <source>Deleted: %1.</source>
        <translation>已删除：%1。</translation>
    </message>
</context>
<context>
    <name>StockPanel</name>
    <message>
        <location filename="../../shopinsight/gui/widgets/stock_panel.py" line="29" />
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/stock_panel.py" line="29" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/stock_panel.py" line="29" />
        <source>On hand</source>
        <translation>现有库存</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/stock_panel.py" line="30" />
        <source>On order</source>
        <translation>已订未到</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/stock_panel.py" line="37" />
        <source>Type the stock on hand and on order, or load a stock file. Products without stock show the reorder point only.</source>
        <translation>请输入现有库存和已订未到数量，或载入库存文件。没有库存数据的商品只显示再订货点。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/stock_panel.py" line="40" />
        <source>Load stock file…</source>
        <translation>载入库存文件…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/stock_panel.py" line="41" />
        <source>A CSV with the header product_id,on_hand[,on_order]</source>
        <translation>CSV 文件，表头为 product_id,on_hand[,on_order]</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/stock_panel.py" line="42" />
        <source>Clear stock</source>
        <translation>清除库存</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/stock_panel.py" line="42" />
        <source>Pack size</source>
        <translation>每包数量</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/stock_panel.py" line="77" />
        <source>Stock table</source>
        <translation>库存表</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/stock_panel.py" line="79" />
        <source>Stock ignored: %1</source>
        <translation>库存数据未使用：%1</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/stock_panel.py" line="95" />
        <source>Load stock file</source>
        <translation>载入库存文件</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/stock_panel.py" line="95" />
        <source>CSV (*.csv *.txt)</source>
        <translation>CSV (*.csv *.txt)</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/stock_panel.py" line="103" />
        <source>Problem with the stock file: %1</source>
        <translation>库存文件有问题：%1</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/stock_panel.py" line="105" />
        <source>Read stock of %1 products (%2 of them in this forecast).</source>
        <translation>已读取 %1 个商品的库存（其中 %2 个在本次预测中）。</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <location filename="../../shopinsight/gui/tasks.py" line="492" />
        <source>Showing results</source>
        <translation>显示结果</translation>
    </message>
</context>
<context>
    <name>TaskStatus</name>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="45" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="46" />
        <source>Stop this task</source>
        <translation>停止此任务</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="84" />
        <source> (+%1 more)</source>
        <translation>（另有 %1 个）</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="98" />
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="117" />
        <source>Welcome to ShopInsight</source>
        <translation>欢迎使用 ShopInsight</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="119" />
        <source>Sales analytics for your shop, on your own computer. Start with a shop file: it keeps your imported sales and results.</source>
        <translation>在您自己的电脑上分析店铺销售。先建立一个店铺文件：它保存导入的销售数据和分析结果。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="132" />
        <source>New shop…</source>
        <translation>新建店铺…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="132" />
        <source>Create an empty shop and import your sales export</source>
        <translation>新建一个空店铺，然后导入销售导出文件</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="134" />
        <source>Open shop…</source>
        <translation>打开店铺…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="134" />
        <source>Open a shop file you made before</source>
        <translation>打开以前建立的店铺文件</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="136" />
        <source>Open the sample shop</source>
        <translation>打开示例店铺</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="137" />
        <source>A real UK online gift shop: 541,909 sales lines, 2010–2011</source>
        <translation>一家真实的英国网上礼品店：541,909 行销售记录，2010–2011 年</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="149" />
        <source>Recent shops</source>
        <translation>最近的店铺</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="158" />
        <source>Sample data: %1</source>
        <translation>示例数据：%1</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/main_window.py" line="211" />
        <source>No recent shops yet</source>
        <translation>还没有最近打开的店铺</translation>
    </message>
</context>
<context>
    <name>WhatChangedPanel</name>
    <message>
        <location filename="../../shopinsight/gui/widgets/what_changed.py" line="36" />
        <source>What changed</source>
        <translation>发生了什么变化</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/what_changed.py" line="49" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/what_changed.py" line="49" />
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/what_changed.py" line="50" />
        <source>Share before</source>
        <translation>之前占比</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/what_changed.py" line="50" />
        <source>Share after</source>
        <translation>之后占比</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/what_changed.py" line="60" />
        <source>Who added and who took away most:</source>
        <translation>增加和减少最多的：</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/what_changed.py" line="86" />
        <source>Working out what changed…</source>
        <translation>正在分析变化…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/what_changed.py" line="89" />
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/what_changed.py" line="100" />
        <source>Working out what changed</source>
        <translation>正在分析变化</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/what_changed.py" line="107" />
        <source>Could not work out what changed: %1</source>
        <translation>无法分析变化：%1</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/what_changed.py" line="108" />
        <source>Could not compute this chart.</source>
        <translation>无法计算此图表。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/what_changed.py" line="116" />
        <source>There is no earlier period of the same length to compare with. Choose a shorter period.</source>
        <translation>没有同样长度的更早时段可供比较。请选择较短的时段。</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/what_changed.py" line="121" />
        <source>Nothing to compare</source>
        <translation>没有可比较的内容</translation>
    </message>
    <message>
        <location filename="../../shopinsight/gui/widgets/what_changed.py" line="123" />
        <source>%1 compared with %2</source>
        <translation>%1 与 %2 相比</translation>
    </message>
</context>
</TS>