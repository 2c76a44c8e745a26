"""Simplified Chinese texts of the Data tab's review list of postage, fees and other non-merchandise."""

ZH = {
    "ClassifyView": {
        "as the rules decide": "按规则自动判断",
        "Products counted as postage, fees, discounts, vouchers and other non-merchandise: they are left "
        "out of net sales. Select a product the importer misjudged and set its kind; the correction "
        "applies at once and to later imports.":
            "以下商品被计为运费、费用、折扣、礼券等非商品项目，不计入净销售额。"
            "如导入时判断有误，请选中该商品并设置其类别；更正会立即生效，并应用于以后的导入。",
        "Set kind": "设置类别",
        "Kind of the selected products:": "所选商品的类别：",
        "Code": "编码",
        "Name": "名称",
        "Kind": "类别",
        "Decided by": "判断来源",
        "Lines": "行数",
        "Net sales": "净销售额",
        "importer": "导入规则",
        "you": "您",
        "Reading postage and fees": "正在读取运费和费用",
        "%1 products, %2 lines": "%1 个商品，%2 行",
        "No product is counted as postage or fees.": "没有商品被计为运费或费用。",
        "Updating the lines…": "正在更新各行…",
        "Correcting the kind of products": "正在更正商品类别",
        "%1 lines updated": "已更新 %1 行",
    },
    "DataTab": {
        "Postage and fees": "运费和费用",
        "Quality report": "质量报告",
    },
}
