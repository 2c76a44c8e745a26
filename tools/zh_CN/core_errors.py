"""Chinese texts of the core's user errors (InputError / ShopError messages) for
tools/update_core_catalog.py."""
CORE = {
    # where (InputError's prefix)
    "line {n}": "第 {n} 行",
    "column {name}": "列 {name}",
    "value {value}": "值 {value}",
    # the shop file
    "no such shop file": "没有这个店铺文件",
    "the shop file is damaged (database disk image is malformed); restore a backup or run `shopinsight repair "
    "--db SHOP` to recover what can be read into a new file":
        "店铺文件已损坏（数据库映像格式错误）；请恢复备份，或运行 `shopinsight repair --db SHOP` 把能读出的内容恢复到新文件",
    "the disk is full: free some space and try again (the shop was left as it was)":
        "磁盘已满：请腾出空间后重试（店铺保持原样）",
    "{path}: cannot open the shop file for reading ({error})": "{path}：无法以只读方式打开店铺文件（{error}）",
    "the shop file is read-only: it can be browsed but not changed": "店铺文件是只读的：可以浏览，但不能修改",
    "{path}: this is a folder, not a shop file": "{path}：这是文件夹，不是店铺文件",
    "{path}: no such shop file": "{path}：没有这个店铺文件",
    "{path}: cannot open or create the shop file ({error})": "{path}：无法打开或创建店铺文件（{error}）",
    "{path}: not a ShopInsight shop file ({error})": "{path}：不是 ShopInsight 店铺文件（{error}）",
    "{path}: the shop file is read-only (no write permission on the file or its folder, or a read-only disk): it "
    "can be browsed but not changed; copy it to a writable folder or fix its permissions":
        "{path}：店铺文件是只读的（文件或其文件夹没有写权限，或磁盘只读）：可以浏览，但不能修改；"
        "请把它复制到可写的文件夹，或修改权限",
    "{path}: another program has been writing into this shop for over {minutes} minutes; try again when it has "
    "finished": "{path}：另一个程序写入此店铺已超过 {minutes} 分钟；请等它完成后再试",
    "{path}: an SQLite file, but not a ShopInsight shop": "{path}：这是 SQLite 文件，但不是 ShopInsight 店铺",
    "{path}: an SQLite file of another application": "{path}：这是其他应用的 SQLite 文件",
    "{path}: made by a newer ShopInsight (schema {version} > {supported}); please upgrade the app":
        "{path}：由更新版本的 ShopInsight 创建（结构版本 {version} > {supported}）；请升级本应用",
    "{path}: the lines reader is closed": "{path}：明细读取器已关闭",
    "the bundled sample data is missing (reinstall the app)": "缺少自带的示例数据（请重新安装本应用）",
    "the recovered copy must go to a new file, not over the damaged one": "恢复的副本必须写入新文件，不能覆盖损坏的文件",
    "already exists (choose another --out, or --force to replace it)": "已存在（请换一个 --out，或用 --force 替换）",
    "the shop's table of contents is damaged ({error}): nothing can be recovered with this tool; restore a backup":
        "店铺的目录结构已损坏（{error}）：此工具无法恢复任何内容；请恢复备份",
    # pseudonym keys
    "cannot read the pseudonym key file: {error}": "无法读取化名密钥文件：{error}",
    "the pseudonym key file holds {n} bytes; a key needs at least {need} (make one with: openssl rand -hex 32 > "
    "shop.key)": "化名密钥文件只有 {n} 字节；密钥至少需要 {need} 字节（可用 openssl rand -hex 32 > shop.key 生成）",
    "this pseudonym key does not belong to the shop {shop}: its pseudonyms were made with key {stored}…, the file "
    "gives key {given}… (a different key would give the same customers new pseudonyms)":
        "此化名密钥不属于店铺 {shop}：店铺的化名由密钥 {stored}… 生成，而文件给出的是密钥 {given}…"
        "（换用其他密钥会给同一批客户新的化名）",
    "the pseudonym key of the shop {shop} (key {key}…) is not on this computer: give it with --pseudonym-key-file "
    "FILE (or {env}=FILE), or copy {file} into {folder}":
        "店铺 {shop} 的化名密钥（密钥 {key}…）不在这台电脑上：请用 --pseudonym-key-file FILE（或 {env}=FILE）"
        "指定，或把 {file} 复制到 {folder}",
    "the key file {file} is damaged (its fingerprint does not match)": "密钥文件 {file} 已损坏（指纹不符）",
    "the shop {shop} has no pseudonym key": "店铺 {shop} 没有化名密钥",
    # classification
    "unknown product name {name}: no line without a product code has this name":
        "未知的商品名称 {name}：没有哪条无商品编码的明细使用这个名称",
    "unknown code {code}: no line in the shop has this product code (nor, without a code, this product name); see "
    "`shopinsight classify --list`":
        "未知编码 {code}：店铺中没有明细使用这个商品编码（也没有无编码的明细使用这个商品名称）；"
        "请查看 `shopinsight classify --list`",
    "{key}={kind}: unknown kind {quoted}; kinds are {kinds} (or {auto}: let the rules decide)":
        "{key}={kind}：未知类型 {quoted}；可用类型为 {kinds}（或 {auto}：由规则决定）",
    "nothing to set: give CODE=KIND": "没有要设置的内容：请给出 CODE=KIND",
    # choices and ranges
    "choose one of {choices}": "请从 {choices} 中选择",
    "must be at least 1": "至少为 1",
    "the shop has no lines yet (import a file first)": "店铺还没有明细（请先导入文件）",
    "level must be lines, orders, days, customers or all": "层级必须是 lines、orders、days、customers 或 all",
    "since is after until": "起始日期晚于结束日期",
    "top must be at least 1": "top 至少为 1",
    "choose at least one model (rules, iforest, autoencoder)": "请至少选择一个模型（rules、iforest、autoencoder）",
    "unknown model; choose among {choices}": "未知模型；请从 {choices} 中选择",
    "unknown model; choose from {choices}": "未知模型；请从 {choices} 中选择",
    "an item key is line:ID, order:ID, day:YYYY-MM-DD, week:YYYY-MM-DD (its Monday) or customer:ID":
        "条目键的格式为 line:ID、order:ID、day:YYYY-MM-DD、week:YYYY-MM-DD（该周的周一）或 customer:ID",
    "a review state is new, confirmed or dismissed": "审核状态为 new、confirmed 或 dismissed",
    "the shop has no lines yet; import a sales export first": "店铺还没有明细；请先导入销售导出文件",
    "the horizon must be at least one day": "预测期至少为一天",
    "choose at least one model": "请至少选择一个模型",
    "the threshold must be between 0 and 1": "阈值必须在 0 和 1 之间",
    "at least one training cut-off is needed": "至少需要一个训练截止点",
    "the step between cut-offs must be at least one day": "截止点之间的间隔至少为一天",
    "the shop has no customer purchases (merchandise orders with a customer id)":
        "店铺没有客户购买记录（带客户编号的商品订单）",
    # forecast
    "history too short for {windows} backtest windows of {horizon} periods ({n} periods; need at least {need})":
        "历史太短，无法做 {windows} 个 {horizon} 期的回测窗口（共 {n} 期；至少需要 {need} 期）",
    "{name} needs at least one of {members}": "{name} 至少需要 {members} 中的一个",
    "horizon must be at least 1 period": "预测期至少为 1 期",
    "windows must be 0 or more": "回测窗口数必须为 0 或更多",
    "selection must be auto, per_series or global": "选择方式必须是 auto、per_series 或 global",
    "interval level must be within 0.5..0.99": "区间水平必须在 0.5 到 0.99 之间",
    "too few periods with sales ({n}) to relate units to price": "有销售的期数太少（{n}），无法建立销量与价格的关系",
    "service level must be within 0.5..0.999": "服务水平必须在 0.5 到 0.999 之间",
    "lead time must be within 1..{n} periods (the horizon)": "补货周期必须在 1 到 {n} 期之间（预测期）",
    "reorder suggestions need a per-product forecast of units (target 'units', level 'product')":
        "补货建议需要按商品预测销量（目标 'units'，层级 'product'）",
    "pack size must be at least 1": "包装数量至少为 1",
    "expected a whole number of at least 1": "应为不小于 1 的整数",
    "expected a number of units, 0 or more": "应为数量，0 或更多",
    "empty stock file: expected a header product_id,on_hand[,on_order]":
        "库存文件为空：应有表头 product_id,on_hand[,on_order]",
    "missing column {name} (expected product_id,on_hand[,on_order])": "缺少列 {name}（应为 product_id,on_hand[,on_order]）",
    "unknown column (expected product_id,on_hand[,on_order][,pack_size])":
        "未知列（应为 product_id,on_hand[,on_order][,pack_size]）",
    "{n} fields, the header has {m}": "{n} 个字段，表头有 {m} 个",
    "product_id is empty": "product_id 为空",
    "product listed twice (first on line {n})": "商品出现了两次（第一次在第 {n} 行）",
    "cannot read the stock file: {error}": "无法读取库存文件：{error}",
    "not UTF-8 text (byte {n})": "不是 UTF-8 文本（第 {n} 字节）",
    "not a CSV file: {error}": "不是 CSV 文件：{error}",
    "unknown target; expected one of {choices}": "未知目标；应为 {choices} 之一",
    "unknown level; expected one of {choices}": "未知层级；应为 {choices} 之一",
    "unknown frequency; expected one of {choices}": "未知频率；应为 {choices} 之一",
    "the data have one date about every {n} days ({first} … {last}); forecasts need daily, weekly or monthly data":
        "数据大约每 {n} 天才有一个日期（{first} … {last}）；预测需要按日、按周或按月的数据",
    "day": "天",
    "week": "周",
    "month": "月",
    "the shop holds no sales lines yet: import a file first": "店铺还没有销售明细：请先导入文件",
    "no sales on or before {day}": "{day}（含）之前没有销售",
    "the data have one date per {unit}: a {wanted} forecast needs {wanted} data; use frequency {native} (or leave "
    "the frequency out to follow the data)":
        "数据每{unit}只有一个日期：{wanted}预测需要{wanted}数据；请使用频率 {native}（或不指定频率，按数据决定）",
    "too little history for frequency {freq}: {n} complete periods": "按频率 {freq} 历史太短：只有 {n} 个完整周期",
    "no {level} series with sales on or before {day}": "{day}（含）之前没有有销售的 {level} 序列",
    "no sales on or before {day} for {level} {name}": "{level} {name} 在 {day}（含）之前没有销售",
    # recommendations and rules
    "the {model} model has no notion of similar products; use item-kNN, EASE, ALS, content or hybrid":
        "{model} 模型没有“相似商品”的概念；请使用 item-kNN、EASE、ALS、content 或 hybrid",
    "product {product} is not in the catalogue (no sale up to {day})": "商品 {product} 不在商品目录中（截至 {day} 没有销售）",
    "no purchases to learn from: the shop has no merchandise sales with a customer in the chosen period":
        "没有可学习的购买记录：所选期间店铺没有带客户的商品销售",
    "no purchases with a customer id: recommendations need known customers": "没有带客户编号的购买记录：推荐需要已知客户",
    "no customer bought anything in the last {n} days of the training data: too little data to tune on":
        "训练数据的最后 {n} 天里没有客户购买：数据太少，无法调参",
    "no purchases after the cutoff {day}: nothing to evaluate on": "截止日 {day} 之后没有购买：无法评估",
    "no customer seen up to {day} bought anything after it": "截至 {day} 出现过的客户在此后都没有购买",
    "k must be at least 1, not {value}": "k 至少为 1，而不是 {value}",
    "the validation period must be at least one day": "验证期至少为一天",
    "the shop has no merchandise sales to learn from": "店铺没有可学习的商品销售",
    "product {product} was never sold": "商品 {product} 从未售出",
    "no orders with merchandise in the chosen period": "所选期间没有含商品的订单",
    "not a file": "不是文件",
    "{n} bytes is more than the {most} a basket list may hold": "{n} 字节超过了购物篮清单允许的 {most} 字节",
    "a NUL byte: this is not a text basket list": "含有 NUL 字节：这不是文本格式的购物篮清单",
    "not UTF-8 text: save the basket list as UTF-8": "不是 UTF-8 文本：请把购物篮清单保存为 UTF-8",
    "cannot be read as a basket list: {error}": "无法作为购物篮清单读取：{error}",
    "no baskets (one basket per line, items separated by commas)": "没有购物篮（每行一个购物篮，商品用逗号分隔）",
    "min support must be a fraction of orders in (0, 1], not {value}": "最小支持度必须是 (0, 1] 之间的订单比例，而不是 {value}",
    "must be a fraction of orders in (0, 1]": "必须是 (0, 1] 之间的订单比例",
    "must be within 0..1": "必须在 0 到 1 之间",
    "must not be negative": "不能为负数",
    "must be 2 or 3": "必须是 2 或 3",
    "a basket list has no dates": "购物篮清单没有日期",
}
