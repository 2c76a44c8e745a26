"""Canonical fields a source column can be mapped to, with the header names that suggest them.

Synonyms are compared after normalising the header (lower case, no spaces/punctuation), so
"Lineitem quantity", "lineitem_quantity" and "LINEITEM QUANTITY" all match.
"""
from __future__ import annotations

import re

CANONICAL_FIELDS: list[str] = [
    "order_id", "ordered_at", "customer_id", "product_id", "product_name", "quantity",
    "unit_price", "amount", "country", "store", "status", "customer_email", "customer_name",
    "currency",
]

FIELD_LABELS: dict[str, str] = {
    "order_id": "Order / invoice number",
    "ordered_at": "Order date",
    "customer_id": "Customer",
    "product_id": "Product code (SKU)",
    "product_name": "Product name",
    "quantity": "Quantity",
    "unit_price": "Unit price",
    "amount": "Line total (amount)",
    "country": "Country",
    "store": "Store / channel",
    "status": "Order status",
    "customer_email": "Customer e-mail",
    "customer_name": "Customer name",
    "currency": "Currency",
}

# what kind of values each field holds (used to score columns by their values)
FIELD_KINDS: dict[str, str] = {
    "order_id": "code", "ordered_at": "date", "customer_id": "code", "product_id": "code",
    "product_name": "text", "quantity": "number", "unit_price": "number", "amount": "number",
    "country": "text", "store": "text", "status": "text", "customer_email": "email",
    "customer_name": "text", "currency": "currency",
}

NUMERIC_FIELDS = ("quantity", "unit_price", "amount")

# personal data replaced by salted hashes when pseudonymising
PERSONAL_FIELDS = ("customer_id", "customer_email", "customer_name")

_SYNONYMS: dict[str, list[str]] = {
    "order_id": ["invoiceno", "invoice", "invoicenumber", "invoiceid", "orderid", "ordernumber",
                 "orderno", "order", "amazonorderid", "transactionid", "receiptid",
                 "salesorder", "billno", "ticket", "docno",
                 "订单号", "订单编号", "订单id", "单号", "发票号", "小票号", "交易号"],
    "ordered_at": ["invoicedate", "orderdate", "date", "createdat", "saledate", "purchasedate",
                   "datetime", "timestamp", "orderdatetime", "transactiondate", "day", "week",
                   "weekstart", "weekending", "paidat", "time", "orderedat", "salesdate", "period",
                   "日期", "下单时间", "订单日期", "销售日期", "交易时间", "时间", "下单日期", "创建时间",
                   "付款时间", "周"],
    "customer_id": ["customerid", "customer", "customerno", "customernumber", "clientid", "buyer",
                    "buyerid", "userid", "memberid", "accountid", "buyerusername",
                    "客户", "客户id", "客户编号", "会员", "会员id", "买家", "用户id", "顾客"],
    "product_id": ["stockcode", "sku", "productid", "productcode", "itemcode", "itemid", "asin",
                   "lineitemsku", "article", "articleno", "ean", "upc", "barcode", "listingid",
                   "partnumber", "商品编码", "商品id", "货号", "sku编码", "产品编码", "条码", "商品编号"],
    "product_name": ["description", "productname", "itemname", "product", "item", "title",
                     "lineitemname", "productdescription", "itemdescription", "articlename",
                     "商品", "商品名称", "品名", "产品", "产品名称", "宝贝名称", "商品名"],
    "quantity": ["quantity", "qty", "units", "unitssold", "lineitemquantity", "quantitysold",
                 "count", "pcs", "quantitypurchased", "sold", "amountsold",
                 "数量", "销量", "件数", "销售数量", "购买数量"],
    "unit_price": ["unitprice", "price", "itemprice", "priceperunit", "lineitemprice", "itemcost",
                   "unitcost", "rate", "sellingprice", "saleprice", "单价", "价格", "售价", "商品单价"],
    "amount": ["amount", "sales", "revenue", "total", "linetotal", "itemtotal", "netsales",
               "grosssales", "salesamount", "totalsales", "totalprice", "subtotal", "turnover",
               "value", "extendedprice", "lineamount", "金额", "销售额", "总价", "小计", "实付金额",
               "营业额", "成交金额", "销售金额", "合计"],
    "country": ["country", "shippingcountry", "billingcountry", "shipcountry", "countrycode",
                "region", "国家", "国家地区", "地区"],
    "store": ["store", "shop", "channel", "saleschannel", "outlet", "branch", "location", "storeid",
              "storename", "门店", "店铺", "渠道", "分店"],
    "status": ["status", "orderstatus", "financialstatus", "state", "itemstatus", "paymentstatus",
               "订单状态", "状态"],
    "customer_email": ["email", "customeremail", "buyeremail", "billingemail", "emailaddress", "邮箱"],
    "customer_name": ["customername", "billingname", "shipname", "buyername", "fullname",
                      "shippingname", "客户名称", "客户姓名", "姓名", "收货人"],
    "currency": ["currency", "currencycode", "币种", "货币"],
}

_NORMALISE = re.compile(r"[\s_\-./()\[\]#:：（）]+")


def normalise_header(name: str) -> str:
    """Lower-case a header and drop spaces/punctuation so spellings compare equal."""
    return _NORMALISE.sub("", str(name).strip().lower())


SYNONYMS: dict[str, list[str]] = {f: [normalise_header(s) for s in names] for f, names in _SYNONYMS.items()}
