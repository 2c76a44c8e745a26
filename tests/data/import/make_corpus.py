"""Writes the importer test corpus (run once; the files are committed next to this script).

Every file is small and hand-written to mimic a real export, so tests can state exact expected
counts and values.  Files that need a particular encoding or binary layout are written as bytes.
"""
from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def w(name: str, text: str, encoding: str = "utf-8", newline: str = "\n") -> None:
    data = text.replace("\n", newline).encode(encoding)
    (HERE / name).write_bytes(data)


# 1 Shopify orders_export.csv: one row per line item, order fields only on each order's first row
SHOPIFY_HEAD = ("Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,"
                "Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,"
                "Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,"
                "Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,"
                "Billing Name,Billing Street,Billing City,Billing Zip,Billing Country,Billing Phone,"
                "Shipping Name,Shipping City,Shipping Country,Notes,Cancelled at,Payment Method,"
                "Refunded Amount,Vendor,Id,Tags,Risk Level,Source,Lineitem discount")
w("shopify_orders_export.csv", SHOPIFY_HEAD + "\n" + """\
#1001,Anna.Schmidt@Example.com,paid,2025-10-07 09:52:01 +0200,fulfilled,2025-10-08 11:00:00 +0200,yes,EUR,64.00,4.90,10.22,68.90,,0.00,Standard,2025-10-07 09:50:26 +0200,2,Linen Tea Towel - Sage,12.00,,TT-SAGE,true,true,fulfilled,Anna Schmidt,Hauptstr. 1,Berlin,10115,DE,+49 30 123456,Anna Schmidt,Berlin,DE,,,Shopify Payments,0.00,Loom & Co,5551234001,,Low,web,0.00
#1001,,,,,,,,,,,,,,,,1,"Ceramic Mug, Speckled",40.00,,MUG-SPK,true,true,fulfilled,,,,,,,,,,,,,,Loom & Co,,,,,0.00
#1002,ben@example.org,paid,2025-10-07 18:03:44 +0200,unfulfilled,,no,EUR,25.00,4.90,4.77,29.90,WELCOME10,2.50,Standard,2025-10-07 18:01:10 +0200,1,Linen Tea Towel - Sage,12.00,,TT-SAGE,true,true,pending,Ben Ortiz,Calle 5,Madrid,28001,ES,,Ben Ortiz,Madrid,ES,,,PayPal Express Checkout,0.00,Loom & Co,5551234002,WELCOME10,Low,web,2.50
#1002,,,,,,,,,,,,,,,,1,Beeswax Candle,13.00,15.00,CND-BW,true,true,pending,,,,,,,,,,,,,,Loom & Co,,,,,0.00
#1003,cara@example.net,refunded,2025-10-08 07:15:00 +0200,unfulfilled,,no,EUR,40.00,0.00,6.39,40.00,,0.00,Pickup,2025-10-08 07:14:02 +0200,1,"Ceramic Mug, Speckled",40.00,,MUG-SPK,true,true,,Cara Nowak,ul. Polna 3,Warsaw,00-001,PL,,Cara Nowak,Warsaw,PL,changed mind,2025-10-08 12:00:00 +0200,Shopify Payments,40.00,Loom & Co,5551234003,,Low,pos,0.00
#1004,anna.schmidt@example.com,partially_paid,2025-10-09 21:30:45 +0200,fulfilled,2025-10-10 09:00:00 +0200,yes,EUR,49.50,4.90,8.69,54.40,,0.00,Standard,2025-10-09 21:30:00 +0200,3,Beeswax Candle,13.00,15.00,CND-BW,true,true,fulfilled,Anna Schmidt,Hauptstr. 1,Berlin,10115,DE,+49 30 123456,Anna Schmidt,Berlin,DE,,,Shopify Payments,0.00,Loom & Co,5551234004,,Low,web,0.00
#1004,,,,,,,,,,,,,,,,1,Gift Card,10.50,,,false,false,fulfilled,,,,,,,,,,,,,,Loom & Co,,,,,0.00
""")

# 1b the same export where a customer's note spans two lines (quoted newline, quotes inside)
_rows = (HERE / "shopify_orders_export.csv").read_text().splitlines()
_rows[1] = _rows[1].replace("Berlin,DE,,,", 'Berlin,DE,"Please gift wrap.\nLeave at the door, ""thanks""!",,', 1)
w("shopify_multiline_notes.csv", "\n".join(_rows) + "\n")

# 2 WooCommerce order items export (one row per item, order fields repeated)
w("woocommerce_order_items.csv", """\
"Order ID","Order Date","Order Status","Customer ID","Billing First Name","Billing Last Name","Billing Email","Billing Country","Order Currency","Item #","SKU","Item Name","Quantity","Item Cost","Item Total","Coupon Code","Order Shipping","Order Total"
"4512","2024-03-05 14:22:10","Completed","17","Mia","Park","mia.park@example.com","GB","GBP","1","WB-500","Water Bottle 500ml","2","9.50","19.00","","3.95","42.95"
"4512","2024-03-05 14:22:10","Completed","17","Mia","Park","mia.park@example.com","GB","GBP","2","LB-01","Lunch Box","1","20.00","20.00","","3.95","42.95"
"4513","2024-03-06 09:01:55","Processing","0","Tom","Hill","tom.hill@example.com","GB","GBP","1","WB-750","Water Bottle 750ml","1","11.00","11.00","SPRING","3.95","14.95"
"4514","2024-03-06 17:45:00","Cancelled","23","Zoe","Lane","zoe@example.com","IE","GBP","1","LB-01","Lunch Box","1","20.00","20.00","","0.00","20.00"
"4515","2024-03-07 08:30:12","Refunded","17","Mia","Park","mia.park@example.com","GB","GBP","1","WB-500","Water Bottle 500ml","3","9.50","28.50","","0.00","28.50"
""")

# 3 Etsy EtsySoldOrderItems: month-first, two-digit years
w("EtsySoldOrderItems2024-3.csv", """\
Sale Date,Item Name,Buyer,Quantity,Price,Coupon Code,Coupon Details,Discount Amount,Shipping Discount,Order Shipping,Order Sales Tax,Item Total,Currency,Transaction ID,Listing ID,Date Paid,Date Shipped,Ship Name,Ship Address1,Ship Address2,Ship City,Ship State,Ship Zipcode,Ship Country,Order ID,Variations,Order Type,Listings Type,Payment Type,InPerson Discount,InPerson Location,VAT Paid by Buyer,SKU
03/02/24,Hand-thrown Mug,jdoe42,2,18.00,,,0,0,6.50,0,36.00,USD,3001,1501,03/02/24,03/04/24,Jane Doe,1 Main St,,Portland,OR,97201,United States,2001,Color:Blue,online,listing,online_cc,,,0,MUG-BL
03/02/24,Stoneware Bowl,jdoe42,1,24.50,,,0,0,0,0,24.50,USD,3002,1502,03/02/24,03/04/24,Jane Doe,1 Main St,,Portland,OR,97201,United States,2001,,online,listing,online_cc,,,0,BOWL-S
03/15/24,Hand-thrown Mug,ceramicsfan,1,18.00,SPRING10,10% off,1.80,0,5.00,1.30,18.00,USD,3003,1501,03/15/24,03/18/24,Lee Wong,9 Elm Rd,Apt 2,Austin,TX,78701,United States,2002,Color:White,online,listing,paypal,,,0,MUG-WH
03/28/24,Planter (small),mossy_k,3,12.00,,,0,0,7.25,0,36.00,USD,3004,1503,03/28/24,04/01/24,Kai Moss,22 Queen St,,Toronto,ON,M5H 2N2,Canada,2003,,online,listing,online_cc,,,1.80,PLT-S
""")

# 4 Amazon "All Orders" report: tab-separated, item-price is the line total, ISO dates with offsets
AMZ_HEAD = ["amazon-order-id", "merchant-order-id", "purchase-date", "last-updated-date", "order-status",
            "fulfillment-channel", "sales-channel", "order-channel", "url", "ship-service-level",
            "product-name", "sku", "asin", "item-status", "quantity", "currency", "item-price", "item-tax",
            "shipping-price", "shipping-tax", "gift-wrap-price", "gift-wrap-tax", "item-promotion-discount",
            "ship-promotion-discount", "ship-city", "ship-state", "ship-postal-code", "ship-country",
            "promotion-ids", "is-business-order"]
AMZ_ROWS = [
    ["112-0000001-0000001", "", "2024-05-01T10:15:32+00:00", "2024-05-02T08:00:00+00:00", "Shipped", "Amazon",
     "Amazon.com", "", "", "Expedited", "Bamboo Cutting Board, Large", "BCB-L", "B00AAA0001", "Shipped", "2",
     "USD", "59.98", "4.80", "0.00", "0.00", "", "", "", "", "SEATTLE", "WA", "98101", "US", "", "false"],
    ["112-0000002-0000002", "", "2024-05-01T23:40:05-07:00", "2024-05-03T01:00:00+00:00", "Shipped", "Amazon",
     "Amazon.com", "", "", "Standard", "Tea Towel Set (3)", "TT-3", "B00AAA0002", "Shipped", "1",
     "USD", "12.50", "1.00", "0.00", "0.00", "", "", "", "", "PORTLAND", "OR", "97201", "US", "", "false"],
    ["112-0000002-0000002", "", "2024-05-01T23:40:05-07:00", "2024-05-03T01:00:00+00:00", "Shipped", "Amazon",
     "Amazon.com", "", "", "Standard", "Oven Mitt", "OM-1", "B00AAA0003", "Shipped", "3",
     "USD", "44.97", "3.60", "0.00", "0.00", "", "", "-4.50", "", "PORTLAND", "OR", "97201", "US",
     "Core Free Shipping", "false"],
    ["112-0000003-0000003", "", "2024-05-02T08:05:00+00:00", "2024-05-02T09:00:00+00:00", "Cancelled",
     "Amazon", "Amazon.com", "", "", "Standard", "Bamboo Cutting Board, Small", "BCB-S", "B00AAA0004",
     "Cancelled", "0", "USD", "", "", "", "", "", "", "", "", "DENVER", "CO", "80202", "US", "", "false"],
    ["112-0000004-0000004", "", "2024-05-03T12:00:00Z", "2024-05-04T12:00:00+00:00", "Shipped", "Amazon",
     "Amazon.com", "", "", "Standard", "Bamboo Cutting Board, Large", "BCB-L", "B00AAA0001", "Shipped", "1",
     "USD", "29.99", "2.40", "0.00", "0.00", "", "", "", "", "BOSTON", "MA", "02108", "US", "", "true"],
]
w("amazon_all_orders.txt", "\n".join("\t".join(r) for r in [AMZ_HEAD, *AMZ_ROWS]) + "\n")

# 5 BI / Superstore sheet: Sales is the line total, M/D/YYYY
w("superstore_orders.csv", """\
Row ID,Order ID,Order Date,Ship Date,Ship Mode,Customer ID,Customer Name,Segment,Country,City,State,Postal Code,Region,Product ID,Category,Sub-Category,Product Name,Sales,Quantity,Discount,Profit
1,CA-2016-152156,11/8/2016,11/11/2016,Second Class,CG-12520,Claire Gute,Consumer,United States,Henderson,Kentucky,42420,South,FUR-BO-10001798,Furniture,Bookcases,Bush Somerset Collection Bookcase,261.96,2,0,41.9136
2,CA-2016-152156,11/8/2016,11/11/2016,Second Class,CG-12520,Claire Gute,Consumer,United States,Henderson,Kentucky,42420,South,FUR-CH-10000454,Furniture,Chairs,"Hon Deluxe Fabric Upholstered Stacking Chairs, Rounded Back",731.94,3,0,219.582
3,CA-2016-138688,6/12/2016,6/16/2016,Second Class,DV-13045,Darrin Van Huff,Corporate,United States,Los Angeles,California,90036,West,OFF-LA-10000240,Office Supplies,Labels,Self-Adhesive Address Labels for Typewriters by Universal,14.62,2,0,6.8714
4,US-2015-108966,10/11/2015,10/18/2015,Standard Class,SO-20335,Sean O'Donnell,Consumer,United States,Fort Lauderdale,Florida,33311,South,FUR-TA-10000577,Furniture,Tables,Bretford CR4500 Series Slim Rectangular Table,957.5775,5,0.45,-383.031
5,US-2015-108966,10/11/2015,10/18/2015,Standard Class,SO-20335,Sean O'Donnell,Consumer,United States,Fort Lauderdale,Florida,33311,South,OFF-ST-10000760,Office Supplies,Storage,Eldon Fold 'N Roll Cart System,22.368,2,0.2,2.5164
6,US-2015-118983,11/22/2015,11/26/2015,Standard Class,HP-14815,Harold Pawlan,Home Office,United States,Fort Worth,Texas,76106,Central,OFF-AP-10002311,Office Supplies,Appliances,"Holmes Replacement Filter for HEPA Air Cleaner, Very Large Room, HEPA Filter",68.81,5,0.8,-123.858
""")

# 6 daily summary: no orders, no customers, no products
w("daily_summary.csv", """\
date,units,revenue
2024-01-01,12,240.50
2024-01-02,0,0.00
2024-01-03,7,"1,050.25"
2024-01-04,3,61.20
""")

# 7 weekly summary per store and product
w("weekly_store_summary.csv", """\
Week,Store,Product,Units Sold,Revenue
2024-01-01,North,Espresso Beans 1kg,40,1196.00
2024-01-01,South,Espresso Beans 1kg,25,747.50
2024-01-08,North,Espresso Beans 1kg,38,1136.20
2024-01-08,North,Filter Papers,10,45.00
2024-01-08,South,Filter Papers,4,18.00
""")

# 8 whitespace-aligned till log
w("till_log.txt", """\
timestamp            register  sku      qty   price
2024-02-01T09:13:55  R1        SKU-12   2     3.50
2024-02-01T09:20:02  R2        SKU-7    1     12.00
2024-02-01T10:41:30  R1        SKU-12   5     3.50
2024-02-02T08:05:11  R1        SKU-30   1     0.99
""")

# 8b a till log with a blank line, a row with a field too many and a non-number quantity
w("till_log_bad_rows.txt", """\
timestamp            register  sku      qty   price
2024-02-01T09:13:55  R1        SKU-12   2     3.50
2024-02-01T09:20:02  R2        SKU-7    1     12.00   VOID

2024-02-01T10:41:30  R1        SKU-12   5     3.50
2024-02-01T10:45:00  R1        SKU-12   x     3.50
""")

# 9 YYYYMMDD dates
w("yyyymmdd.csv", """\
order_no,order_date,sku,qty,price
90001,20240105,A-1,1,10.00
90002,20240131,A-2,2,4.25
90003,20240201,A-1,3,10.00
""")

# 10 DD/MM/YYYY, semicolons, decimal commas with thousands dots (day > 12 only on one row)
w("eu_semicolon_decimal_comma.csv", """\
Order;Date;Customer;SKU;Product;Qty;Unit price;Total
R-100;03/02/2024;K-1;SOFA-1;Sofa Oslo;1;1.234,50;1.234,50
R-101;05/02/2024;K-2;CHR-2;Stuhl Bergen;4;89,90;359,60
R-102;25/03/2024;K-1;LMP-3;Lampe Nord;2;45,00;90,00
R-103;01/04/2024;K-3;CHR-2;Stuhl Bergen;1;89,90;89,90
""")

# 11 ambiguous dates: every day <= 12, so month-first vs day-first cannot be settled
w("ambiguous_dates.csv", """\
order,date,product,qty,price
1,01/02/2024,Widget,1,5.00
2,03/04/2024,Widget,2,5.00
3,05/06/2024,Gadget,1,7.50
""")

# 12 ISO timestamps with different time-zone offsets (wall-clock kept as written)
w("iso_timezones.csv", """\
order_id,created_at,sku,quantity,unit_price
T1,2024-06-30T23:30:00Z,P1,1,10.00
T2,2024-07-01T01:15:00+02:00,P1,2,10.00
T3,2024-07-01T09:00:00-05:00,P2,1,4.00
T4,2024-07-01T12:00:00.250+00:00,P2,1,4.00
""")

# 13 UTF-8 with BOM
w("utf8_bom.csv", "\ufeff" + """\
Invoice,Date,Customer,Item,Qty,Price
B-1,2024-04-01,C9,Crème brûlée dish,2,6.50
B-2,2024-04-02,C9,Mug “Hello”,1,8.00
""")

# 14 UTF-16 (Excel "Unicode text": UTF-16LE with BOM, tab-separated, CRLF)
w("utf16_unicode_text.txt", "\ufeff" + """\
Order\tDate\tCustomer\tProduct\tQty\tUnit Price
U1\t2024-02-10\tZ1\tMüsli-Schale\t2\t7.25
U2\t2024-02-11\tZ2\t茶杯\t1\t15.00
U3\t2024-02-11\tZ1\tÉchelle\t1\t30.00
""", encoding="utf-16-le", newline="\r\n")

# 15 GB18030 (GBK) with Chinese headers, ¥ amounts and a cancelled order
w("gbk_chinese_headers.csv", """\
订单号,日期,客户,商品,数量,单价,金额,状态
DD202401001,2024/1/5 10:02,张三,绿茶 250克,2,¥45.00,¥90.00,已完成
DD202401002,2024/1/5 14:30,李四,紫砂壶,1,"¥1,280.00","¥1,280.00",已完成
DD202401003,2024/1/6 09:15,王五,茶杯套装,3,¥68.00,¥204.00,已取消
DD202401004,2024/1/13 20:45,张三,运费,1,¥10.00,¥10.00,已完成
""", encoding="gb18030", newline="\r\n")

# 16 Windows-1252 with £ amounts (thousands commas inside quotes), UK day-first dates
w("cp1252_pounds.csv", """\
Invoice,Date,Customer,Item,Qty,Price,Total
INV-1,07/11/2023,ACME Ltd,Café table,1,"£1,234.50","£1,234.50"
INV-2,23/11/2023,Bloggs & Co,Crème jug,3,£4.20,£12.60
INV-3,30/11/2023,ACME Ltd,Café table,1,"£1,234.50","£1,234.50"
""", encoding="cp1252", newline="\r\n")

# 17 pipe-delimited
w("pipe_delimited.csv", """\
order_id|date|sku|product|qty|unit_price
P-1|2024-08-01|K1|Kettle|1|29.99
P-2|2024-08-01|K2|Toaster|2|24.50
P-3|2024-08-02|K1|Kettle|1|29.99
""")

# 18 .tsv
w("pos_export.tsv", """\
Transaction Date\tReceipt\tItem\tQty\tPrice
2024-09-01 10:00:00\tR-1\tCroissant\t3\t1.80
2024-09-01 10:05:00\tR-2\tBaguette\t1\t2.10
2024-09-01 10:05:00\tR-2\tCroissant\t2\t1.80
""")

# 19 accounting sheet: $ thousands and (12.50) negatives, amount only
w("accounting_parentheses.csv", """\
Date,Invoice,Customer,Product,Amount
2024-10-01,A-1,C1,Consulting hour,"$1,234.50"
2024-10-02,A-2,C2,Consulting hour,$250.00
2024-10-03,A-3,C1,Consulting hour,(12.50)
""")

# 20 € with decimal comma, semicolons, no quantity column but a status column with 'cancelled'
w("euro_signs.csv", """\
Bestellung;Datum;Artikel;Betrag;Status
E-1;2024-11-02;Tasse;€12,50;paid
E-2;2024-11-03;Teller;€ 1.050,00;paid
E-3;2024-11-03;Tasse;€12,50;cancelled
""")

# 21 a small UCI slice, gzip-compressed (all the UCI quirks in 14 lines)
UCI = """\
InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850,United Kingdom
536365,71053,WHITE METAL LANTERN,6,12/1/2010 8:26,3.39,17850,United Kingdom
536370,POST,POSTAGE,3,12/1/2010 8:45,18,12583,France
C536379,D,Discount,-1,12/1/2010 9:41,27.5,14527,United Kingdom
C536383,35004C,SET OF 3 COLOURED  FLYING DUCKS,-1,12/1/2010 9:49,4.65,15311,United Kingdom
536982,85123a,WHITE HANGING HEART T-LIGHT HOLDER,35,12/3/2010 14:27,6.77,,United Kingdom
536414,22139,,56,12/1/2010 11:52,0,,United Kingdom
546142,40016,damaged stock,-1100,3/9/2011 16:37,0,,United Kingdom
536367,84879,ASSORTED COLOUR BIRD ORNAMENT,32,12/1/2010 8:34,1.69,13047,United Kingdom
536367,84879,ASSORTED COLOUR BIRD ORNAMENT,32,12/1/2010 8:34,1.69,13047,United Kingdom
A563185,B,Adjust bad debt,1,8/12/2011 14:50,11062.06,,United Kingdom
536544,DOT,DOTCOM POSTAGE,1,12/1/2010 14:32,569.77,,United Kingdom
537226,21,"PAPER CHAIN KIT, ""VINTAGE"" CHRISTMAS",12,12/6/2010 10:51,2.95,15987,United Kingdom
536376,22114,HOT WATER BOTTLE TEA AND SYMPATHY,48,12/13/2010 10:31,3.45,15291,United Kingdom
"""
w("uci_slice.csv", UCI, newline="\r\n")
(HERE / "uci_slice.csv.gz").write_bytes(gzip.compress((HERE / "uci_slice.csv").read_bytes(), mtime=0))

# 22/23 overlapping exports: January, then January + February
JAN = """\
order_id,date,customer,sku,qty,unit_price
1001,2024-01-03,c1,S1,1,10.00
1002,2024-01-10,c2,S2,2,5.00
1002,2024-01-10,c2,S2,2,5.00
1003,2024-01-28,c1,S3,1,7.00
"""
w("export_jan.csv", JAN)
w("export_jan_feb.csv", JAN + """\
1004,2024-02-02,c3,S1,3,10.00
1005,2024-02-14,c2,S3,1,7.00
""")

# 24 a report with a title preamble before the header
w("report_with_preamble.csv", """\
Sales report - Shop North
Generated 2024-12-01 08:00

Date,Order,Product,Quantity,Unit Price
2024-11-28,N-1,Scarf,2,15.00
2024-11-29,N-2,Hat,1,12.00
""")

# 26 series: a date (or month) and one number, whatever the headers -> the shop's total per period
SERIES = {
    "series_ds_y.csv": "ds,y\n2024-01-01,120.5\n2024-01-02,98\n2024-01-03,143.25\n",
    "series_date_value.csv": "date,value\n2024-03-01,1000\n2024-03-02,1250.50\n2024-03-03,0\n",
    "series_month_sales.csv": "Month,Sales\n2023-11,15200\n2023-12,18350.75\n2024-01,9900\n",
    "series_chinese.csv": "日期,销售额\n2024年1月,\"12,500.00\"\n2024年2月,\"9,800.00\"\n2024年3月,\"11,250.00\"\n",
}
for _name, _text in SERIES.items():
    w(_name, _text)

# 27 order items whose export says each line's type (WooCommerce-style 'Item Type'): a shipping
#    line named 'Flat rate' is postage, a product named 'Shipping Box Set' is merchandise
w("order_items_with_type.csv", """\
Order ID,Order Date,Item Type,Item Name,SKU,Quantity,Item Cost,Item Total
7001,2024-05-02 10:00:00,line_item,Shipping Box Set,BOX-SET,2,12.50,25.00
7001,2024-05-02 10:00:00,line_item,Gift Card Holder,GC-HOLD,1,4.00,4.00
7001,2024-05-02 10:00:00,shipping,Flat rate,,1,4.95,4.95
7001,2024-05-02 10:00:00,fee,Payment surcharge,,1,0.50,0.50
7001,2024-05-02 10:00:00,coupon,SPRING10,,1,-2.90,-2.90
7001,2024-05-02 10:00:00,tax,VAT,,1,6.31,6.31
""")

# -- bad files ---------------------------------------------------------------------------------
w("empty.csv", "")
w("header_only.csv", "order_id,date,sku,qty,unit_price\n")
(HERE / "binary_garbage.csv").write_bytes(bytes((i * 37 + 11) % 256 for i in range(4096)))
w("no_date_column.csv", """\
order_id,sku,product,qty,unit_price
1,S1,Pen,2,1.50
2,S2,Pad,1,3.00
""")
w("no_amount_column.csv", """\
order_id,date,sku,product
1,2024-01-01,S1,Pen
2,2024-01-02,S2,Pad
""")
w("bad_date_row.csv", """\
order_id,date,sku,qty,unit_price
1,2024-02-27,S1,1,2.00
2,2024-02-28,S1,1,2.00
3,2024-02-30,S1,1,2.00
4,2024-03-01,S2,2,3.00
""")
w("too_many_fields.csv", """\
order_id,date,sku,qty,unit_price
1,2024-02-27,S1,1,2.00
2,2024-02-28,S1,1,2.00,oops
3,2024-03-01,S2,2,3.00
""")
w("bad_quantity.csv", """\
order_id,date,sku,qty,unit_price
1,2024-02-27,S1,1,2.00
2,2024-02-28,S1,two,2.00
3,2024-03-01,S2,2,3.00
""")
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w") as z:
    z.writestr("orders.csv", "order_id,date,sku,qty,unit_price\n1,2024-01-01,S1,1,2.00\n")
(HERE / "orders_archive.zip").write_bytes(buf.getvalue())
# an old binary Excel file: OLE2 compound-document signature, then filler
(HERE / "legacy_orders.xls").write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504))
w("dates_unreadable.csv", """\
order_id,order date,sku,qty,unit_price
1,soon,S1,1,2.00
2,next week,S1,1,2.00
3,later,S2,2,3.00
""")

# 25 Excel workbook with a title row, real date cells and numbers
from openpyxl import Workbook  # noqa: E402
import datetime as dt  # noqa: E402

wb = Workbook()
ws = wb.active
ws.title = "Orders"
ws.append(["Order export (Excel)"])
ws.append([])
ws.append(["Order No", "Order Date", "Customer", "SKU", "Product", "Quantity", "Unit Price"])
ws.append(["X-1", dt.datetime(2024, 3, 5, 9, 30), 17850, "SKU-1", "Tea pot", 1, 24.5])
ws.append(["X-2", dt.datetime(2024, 3, 6, 16, 5), 17851, "SKU-2", "Tea cup", 4, 6.25])
ws.append(["X-3", dt.datetime(2024, 3, 7, 0, 0), None, "SKU-1", "Tea pot", 2, 24.5])
wb.save(HERE / "orders.xlsx")
print("written", len(list(HERE.iterdir())), "files")
