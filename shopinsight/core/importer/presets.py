"""Named presets for the shop exports we know, recognised by their header signature.

A preset fixes the mapping of its format's columns and the rules a generic guess would miss
(Shopify repeats order fields only on an order's first row; Amazon's ``item-price`` is the line
total; Etsy writes month-first two-digit years).  ``--preset NAME`` forces one.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..i18n import N_, _
from .fields import normalise_header


@dataclass(frozen=True)
class Preset:
    """How to read one known export format."""

    name: str
    label: str                            # English, marked N_(): shown through shown_label()
    signature: tuple[str, ...]            # headers that must all be present to recognise it
    mapping: dict[str, str]               # canonical field -> source header
    date_format: Optional[str] = None     # strptime format when the format is fixed
    fill_order_fields: tuple[str, ...] = ()  # fields given only on an order's first row
    cancel_statuses: tuple[str, ...] = ("cancelled", "canceled", "refunded", "voided")
    cancel_order_prefix: Optional[str] = None  # e.g. UCI "C123456" credit notes
    # the export's own key of a line within its order (Etsy Transaction ID, WooCommerce Item #):
    # lines are then matched across exports by it.  Empty: order number + product code (Shopify
    # Name + Lineitem sku, Amazon order id + sku) identify the line, see README "The shop file".
    line_key: tuple[str, ...] = ()
    notes: str = ""
    extra: dict = field(default_factory=dict)

    def shown_label(self) -> str:
        """The label in the core's current language (``label`` is the English source, kept in --json)."""
        return _(self.label)

    def matches(self, headers: list[str]) -> bool:
        """True when every signature header is present (compared normalised)."""
        have = {normalise_header(h) for h in headers}
        return all(normalise_header(s) in have for s in self.signature)


PRESETS: dict[str, Preset] = {p.name: p for p in [
    Preset(
        "uci_online_retail", N_("UCI Online Retail / invoice-line export"),
        ("InvoiceNo", "StockCode", "InvoiceDate", "UnitPrice"),
        {"order_id": "InvoiceNo", "product_id": "StockCode", "product_name": "Description",
         "quantity": "Quantity", "ordered_at": "InvoiceDate", "unit_price": "UnitPrice",
         "customer_id": "CustomerID", "country": "Country"},
        cancel_order_prefix="C",
        notes="Invoices starting with C are credit notes (cancellations); A = bad-debt adjustment."),
    Preset(
        "shopify", N_("Shopify orders_export.csv"),
        ("Name", "Lineitem quantity", "Lineitem name", "Lineitem price"),
        {"order_id": "Name", "ordered_at": "Created at", "customer_email": "Email",
         "customer_name": "Billing Name", "product_id": "Lineitem sku", "product_name": "Lineitem name",
         "quantity": "Lineitem quantity", "unit_price": "Lineitem price", "country": "Billing Country",
         "status": "Financial Status", "currency": "Currency", "store": "Source"},
        fill_order_fields=("ordered_at", "customer_email", "customer_name", "country", "status",
                           "currency", "store"),
        notes="Order fields appear only on each order's first row; the customer is the e-mail."),
    Preset(
        "woocommerce", N_("WooCommerce order items export"),
        ("Order ID", "Order Date", "Order Status", "Item Name"),
        {"order_id": "Order ID", "ordered_at": "Order Date", "status": "Order Status",
         "customer_id": "Customer ID", "customer_email": "Billing Email", "product_id": "SKU",
         "product_name": "Item Name", "quantity": "Quantity", "unit_price": "Item Cost",
         "amount": "Item Total", "country": "Billing Country", "currency": "Order Currency"},
        line_key=("Item #",),
        notes="Customer ID 0 is a guest checkout: the billing e-mail identifies the customer.",
        extra={"guest_customer_ids": ("0",)}),
    Preset(
        "etsy", N_("Etsy EtsySoldOrderItems"),
        ("Sale Date", "Item Name", "Buyer", "Transaction ID"),
        {"order_id": "Order ID", "ordered_at": "Sale Date", "customer_id": "Buyer",
         "product_id": "SKU", "product_name": "Item Name", "quantity": "Quantity",
         "unit_price": "Price", "amount": "Item Total", "country": "Ship Country",
         "currency": "Currency", "customer_name": "Ship Name"},
        date_format="%m/%d/%y", line_key=("Transaction ID",)),
    Preset(
        "amazon", N_("Amazon All Orders report"),
        ("amazon-order-id", "purchase-date", "item-price"),
        {"order_id": "amazon-order-id", "ordered_at": "purchase-date", "status": "order-status",
         "product_id": "sku", "product_name": "product-name", "quantity": "quantity",
         "amount": "item-price", "country": "ship-country", "currency": "currency",
         "store": "sales-channel"},
        notes="item-price is the line total (quantity × unit price), not a unit price."),
    Preset(
        "superstore", N_("BI order sheet (Order ID, Order Date, Sales)"),
        ("Order ID", "Order Date", "Sales", "Product ID"),
        {"order_id": "Order ID", "ordered_at": "Order Date", "customer_id": "Customer ID",
         "customer_name": "Customer Name", "product_id": "Product ID", "product_name": "Product Name",
         "quantity": "Quantity", "amount": "Sales", "country": "Country", "store": "Segment"},
        notes="Sales is the line total; the unit price is derived from it."),
]}


def detect_preset(headers: list[str]) -> Optional[Preset]:
    """The first preset whose signature the headers carry."""
    for preset in PRESETS.values():
        if preset.matches(headers):
            return preset
    return None


def line_key_columns(preset: Optional[Preset], headers: list[str]) -> list[str]:
    """The file's columns that hold the preset's own line key (all must be present, else none)."""
    if preset is None or not preset.line_key:
        return []
    by_norm = {normalise_header(h): h for h in headers}
    cols = [by_norm.get(normalise_header(c)) for c in preset.line_key]
    return [] if None in cols else cols


def resolve_columns(preset: Preset, headers: list[str]) -> dict[str, str]:
    """The preset's mapping restricted to the headers present, with the file's own spelling."""
    by_norm = {normalise_header(h): h for h in headers}
    out = {}
    for fld, col in preset.mapping.items():
        real = by_norm.get(normalise_header(col))
        if real is not None:
            out[fld] = real
    return out
