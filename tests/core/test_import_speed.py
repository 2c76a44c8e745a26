"""The import's speed-ups keep its results: text cleaning, name squeezing, content hashes, and
SQLite's helper threads for the index sorts (issue 16, import speed)."""
from __future__ import annotations

import re
import sqlite3

import pandas as pd
import pyarrow as pa
import pytest

from shopinsight.core.importer import run as importer
from shopinsight.core.store import Shop

from importer_helpers import do_import, read_lines

TEXTS = [" x ", None, "", "y", "\u3000z\t", "  ", "a\u00a0 b", "\x1c"]


@pytest.mark.parametrize("arrow", [True, False])
def test_clean_text_strips_and_blanks_like_pandas(arrow):
    s = (pa.table({"c": pa.array(TEXTS)}).to_pandas()["c"] if arrow
         else pd.Series(TEXTS, name="c", dtype=object))
    expected = s.astype("string").str.strip()
    expected = expected.mask(expected == "")
    got = importer._clean_text(s)
    pd.testing.assert_series_equal(got, expected)
    assert got.tolist()[:5] == ["x", pd.NA, pd.NA, "y", "z"]


def test_squeeze_spaces_is_the_regex_once_per_name_and_stays_bounded(monkeypatch):
    names = pd.Series(["A  B", "A\u00a0\u3000B", None, "A  B", "C\tD\nE", "plain"], dtype="string")
    forms: dict = {}
    got = importer._squeeze_spaces(names, forms)
    assert [None if pd.isna(v) else v for v in got.tolist()] == \
        [None if pd.isna(v) else re.sub(r"\s+", " ", v) for v in names.tolist()]
    assert got.tolist()[0] == "A B" and got.tolist()[1] == "A B" and got.tolist()[4] == "C D E"
    assert pd.isna(got.tolist()[2]) and str(got.dtype) == "string"
    assert forms["A  B"] == "A B"           # remembered for the next chunk
    forms["A  B"] = "from the cache"        # the next chunk takes it from there
    assert importer._squeeze_spaces(pd.Series(["A  B"], dtype="string"), forms).tolist() == ["from the cache"]
    monkeypatch.setattr(importer, "_FORMS_KEPT", 2)
    importer._squeeze_spaces(pd.Series(["e  f"], dtype="string"), forms)
    assert len(forms) == 1                  # over the bound: forgotten, then refilled


def test_content_hashes_are_unchanged(tmp_path):
    """A line's natural key must not change between versions (a re-import matches on it): the hashes
    of a known file, as the earlier importer stored them."""
    shop = tmp_path / "h.shop"
    do_import(shop, "export_jan.csv")
    with Shop(shop) as s:
        rows = s.conn.execute("SELECT content_hash, occurrence FROM line_items ORDER BY line_id").fetchall()
    assert rows == [(-868531042176534983, 0), (-5425460452797973183, 0), (-5425460452797973183, 1),
                    (-5740859565937334395, 0)]


def test_index_sorts_use_helper_threads_and_the_setting_is_restored(tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "SORT_THREADS", 2)
    seen: list[str] = []
    real_connect = sqlite3.connect

    def tracing_connect(*args, **kwargs):
        conn = real_connect(*args, **kwargs)
        conn.set_trace_callback(seen.append)
        return conn

    monkeypatch.setattr(sqlite3, "connect", tracing_connect)
    shop = tmp_path / "t.shop"
    with Shop(shop) as s:
        before = s.conn.execute("PRAGMA threads").fetchone()[0]
        importer.import_files(s, [importer.Path(__file__).parents[1] / "data" / "import" / "export_jan.csv"])
        after = s.conn.execute("PRAGMA threads").fetchone()[0]
    assert after == before
    on = seen.index("PRAGMA threads = 2")
    first_line = next(i for i, q in enumerate(seen) if q.startswith("INSERT INTO line_items"))
    creates = [i for i, q in enumerate(seen) if q.startswith("CREATE INDEX ix_line_items") and i > first_line]
    off = next(i for i in range(on + 1, len(seen)) if seen[i].startswith("PRAGMA threads = "))
    assert creates and all(on < i < off for i in creates)
    assert read_lines(shop, "order_id")[0] == ("1001",)


def test_strip_timezone_works_per_distinct_value_with_the_same_result():
    from shopinsight.core.importer.parse import strip_timezone
    values = pd.Series([" 2024-01-01 10:00:00+0200", None, "2024-01-01 10:00:00.250", "x",
                        " 2024-01-01 10:00:00+0200", ""], index=[5, 6, 7, 8, 9, 10], name="d")
    got, has = strip_timezone(values)
    assert has
    assert got.index.tolist() == [5, 6, 7, 8, 9, 10] and got.name == "d" and str(got.dtype) == "string"
    assert [None if pd.isna(v) else v for v in got.tolist()] == \
        ["2024-01-01 10:00:00", None, "2024-01-01 10:00:00", "x", "2024-01-01 10:00:00", ""]
    assert strip_timezone(pd.Series(["1/2/2020 8:26"] * 3))[1] is False
