"""Scrubbing personal data from free text: e-mails and international phone numbers go, product
codes, prices, dates, times, barcodes and ids stay exactly as written."""
from __future__ import annotations

import pandas as pd
import pytest

from shopinsight.core.privacy import Scrubber, scrub_series, scrub_text

UNTOUCHED = [
    "85123A", "SKU-12345", "EAN 5012345678900", "4006381333931", "ISBN 978-3-16-148410-0", "C536379",
    "2024-01-02", "02/01/2024", "2.1.2024", "10:30:00", "2011-12-09 08:26:00", "01/12/2011 08:26",
    "01.12.2011 08:26", "2024-01-02T10:00:00+01:00", "2011-12-09 - 2011-12-10", "ref 20240115123045",
    "£1,234.56", "1.234,56 €", "-12.50", "+3.5", "1e6", "12345.67", "3 200 000", "1 234 567,89", "0.99",
    "5 x 12.50 = 62.50", "17850", "536365", "112-1234567-1234567", "Lot 2024-0115-0007", "12345678",
    '{"qty": 123456789}', "id:0012345678901234", "WHITE HANGING HEART T-LIGHT HOLDER", "茶壶 500ml",
    "gift for mum, wrap please", "a@b", "size 10 @ 2.50",
]
SCRUBBED = [
    "+44 20 7946 0000", "+1 (212) 555-1234", "0049 30 1234567", "020 7946 0000", "07700 900123",
    "030-1234567", "0176/1234567", "(030) 1234567", "212-555-1234", "212.555.1234", "13812345678",
    "138-1234-5678", "+86 138 1234 5678", "010-12345678", "+33 1 23 45 67 89", "01 23 45 67 89",
    "+442079460000", "+49 (0)30 1234567",
]
EMAILS = ["jane.doe@example.com", "Max+shop@mail.example.co.uk", "张三@例子.中国", "o'brien@example.ie"]


@pytest.mark.parametrize("text", UNTOUCHED)
def test_codes_prices_dates_untouched(text):
    assert scrub_text(text) == text


@pytest.mark.parametrize("phone", SCRUBBED)
def test_phone_numbers_scrubbed(phone):
    assert scrub_text(phone) == "[phone]"
    assert scrub_text(f"call {phone} after 5pm") == "call [phone] after 5pm"


@pytest.mark.parametrize("email", EMAILS)
def test_emails_scrubbed(email):
    assert scrub_text(email) == "[email]"
    assert scrub_text(f"Anna <{email}>, mailto:{email}") == "Anna <[email]>, mailto:[email]"


def test_series_keeps_missing_and_numbers():
    s = pd.Series(["x@example.com", None, "SKU-1"], dtype="string")
    assert scrub_series(s).tolist() == ["[email]", pd.NA, "SKU-1"]
    n = pd.Series([1.5, 2.0])
    assert scrub_series(n) is n


def test_row_scrubber_removes_that_rows_personal_values_from_free_text():
    df = pd.DataFrame({"Billing Name": ["Anna Schmidt", "Li Wei", None],
                       "Customer": ["17850", "C-99", None],
                       "Notes": ["deliver to Anna Schmidt (customer 17850), call anna", "Wei: gift", "Anna"]})
    out = Scrubber(["Billing Name", "Customer"]).scrub_frame(df, ["Notes"])
    assert out["Notes"].tolist() == ["deliver to [personal] (customer [personal]), call [personal]",
                                     "[personal]: gift", "Anna"]        # row 3 has no personal values
    assert out["Billing Name"].tolist() == df["Billing Name"].tolist()


def test_row_scrubber_ignores_short_number_groups_of_personal_values():
    # "+44 20 7946 0000" must not turn every "20" of the row's notes into [personal]
    df = pd.DataFrame({"Phone": ["+44 20 7946 0000"], "Name": ["İlkay Öz"],
                       "Notes": ["20% off, 2 boxes, call +44 20 7946 0000; İlkay says hi"]})
    out = Scrubber(["Phone", "Name"]).scrub_frame(df, ["Notes"])
    assert out["Notes"].tolist() == ["20% off, 2 boxes, call [phone]; [personal] says hi"]
