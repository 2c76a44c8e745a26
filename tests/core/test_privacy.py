"""Privacy that holds: a pseudonymised import leaves no raw identifier in the shop file (nor its
-wal) or in any export, the key never lives in the shop (brute-forcing 5-digit ids with what the
shop holds recovers nothing), keys are checked by fingerprint, and shops of older versions have
their stored salt moved out."""
from __future__ import annotations

import hashlib
import hmac
import json
import re
import sqlite3
import stat
from pathlib import Path

import pytest

from shopinsight.core.customers.export import export_scores
from shopinsight.core.errors import InputError
from shopinsight.core.export import export_lines, write_table
from shopinsight.core.importer import ImportOptions, import_files
from shopinsight.core.privacy import KEY_FILE_ENV, key_folder
from shopinsight.core.store import Shop

HEADER = "Order,Date,Customer,Email,Customer Name,Phone,Billing Address,SKU,Description,Qty,Price,Notes,Tags\n"
ROWS = [
    '1001,2024-01-02 10:00,17850,anna.schmidt@example.de,Anna Schmidt,+49 30 1234567,Hauptstraße 5 Berlin,'
    '85123A,WHITE HANGING HEART,2,2.55,"Call Anna on +49 30 1234567 or anna.schmidt@example.de",vip\n',
    '1002,2024-01-03 11:00,12583,li.wei@example.cn,Li Wei,138 1234 5678,北京市朝阳区,"=HYPERLINK(""http://x"")",'
    'Gift Card Holder,1,3.00,送给 Li Wei 电话 13812345678,wholesale 0049 89 7654321\n',
    '1003,2024-01-04 12:00,13047,j.doe@example.com,John Doe,(212) 555-1234,1 Main St,22423,'
    'REGENCY CAKESTAND 3 TIER,1,12.75,"Doe family, customer 13047, ref 2024-0115",\n',
    '1003,2024-01-04 12:00,13047,j.doe@example.com,John Doe,(212) 555-1234,1 Main St,POST,'
    'POSTAGE,1,18.00,,\n',
    # rejected: not a number, with personal data in the free text
    '1004,2024-01-05 09:00,14688,rej.person@example.org,Rita Reject,07700 900123,Flat 2,22423,'
    'REGENCY CAKESTAND 3 TIER,lots,12.75,ring Rita 07700 900123,\n',
    # rejected: an e-mail shifted into the date column
    '1005,shifted.mail@example.net,15311,x@example.net,Sam Shift,+33 1 23 45 67 89,rue X,22423,'
    'REGENCY CAKESTAND 3 TIER,1,12.75,,\n',
    # malformed: one field too many
    '1006,2024-01-06 09:00,16029,mal.formed@example.com,Mal Formed,+44 20 7946 0000,addr,22423,X,1,1.00,'
    'note for Mal Formed,tag,surplus field mal.formed@example.com\n',
]
CUSTOMER_IDS = ["17850", "12583", "13047", "14688", "15311", "16029"]
RAW_IDENTIFIERS = [
    "anna.schmidt", "@example", "anna", "schmidt", "li wei", "john doe", "rita", "sam shift", "mal formed",
    "mal.formed", "j.doe", "rej.person", "shifted.mail", "li.wei",
    "+49 30 1234567", "301234567", "138 1234 5678", "13812345678", "555-1234", "07700 900123", "7700900123",
    "7946 0000", "0049 89 7654321", "897654321", "23 45 67 89",
    "hauptstra", "北京市", "1 main st", "flat 2", "rue x", *CUSTOMER_IDS,
]
KEEP = ["85123A", "WHITE HANGING HEART", "REGENCY CAKESTAND 3 TIER", "POSTAGE", "2024-01-02 10:00:00"]
FIXED_KEY = "9f2c1d7e4b8a6f3e0d5c2b9a8e7f6d5c4b3a2918f7e6d5c4b3a29180f7e6d5c4"


@pytest.fixture
def identities_file(tmp_path) -> Path:
    p = tmp_path / "orders-anna.schmidt@example.de.csv"
    p.write_text(HEADER + "".join(ROWS), encoding="utf-8")
    return p


@pytest.fixture
def key_file(tmp_path) -> Path:
    p = tmp_path / "shop.key"
    p.write_text(FIXED_KEY + "\n")
    return p


def _leaks(data: bytes) -> list[str]:
    low = data.lower()
    return [s for s in RAW_IDENTIFIERS if s.lower().encode("utf-8") in low]


def _shop_bytes(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in path.parent.glob(path.name + "*") if p.is_file()}


def _import(shop_path: Path, src: Path, **opts):
    with Shop(shop_path) as shop:
        return import_files(shop, [src], ImportOptions(pseudonymise=True, **opts))


def test_no_raw_identifier_in_shop_file_wal_or_any_export(identities_file, key_file, tmp_path):
    shop_path = tmp_path / "p.shop"
    exports = tmp_path / "exports"
    exports.mkdir()
    with Shop(shop_path) as shop:
        (res,) = import_files(shop, [identities_file],
                              ImportOptions(pseudonymise=True, pseudonym_key_file=str(key_file)))
        assert (res.imported, res.rejected) == (4, 3)
        # while the shop is open its -wal holds the fresh pages: nothing raw there either
        files = _shop_bytes(shop_path)
        assert any(n.endswith("-wal") for n in files)
        for name, data in files.items():
            assert _leaks(data) == [], name
        # every export: the lines (CSV), tables written as CSV and Excel, the customer table
        export_lines(shop, exports / "lines.csv")
        lines = shop.query_df("SELECT * FROM lines")
        write_table(lines, exports / "lines.xlsx", "lines")
        customers = shop.query_df("SELECT * FROM customers")
        export_scores(customers, exports / "customers.csv", shop=shop)
        export_scores(customers, exports / "customers_p.xlsx", shop=shop, pseudonymise_ids=True,
                      key_file=key_file)
        rejected = shop.query_df("SELECT * FROM rejected_rows")
        write_table(rejected, exports / "rejected.csv")
    for name, data in _shop_bytes(shop_path).items():
        assert _leaks(data) == [], name
    for f in exports.iterdir():
        data = f.read_bytes()
        if f.suffix == ".xlsx":
            import zipfile
            with zipfile.ZipFile(f) as z:
                data = b"".join(z.read(n) for n in z.namelist())
        assert _leaks(data) == [], f.name
    # what is not personal is kept exactly: codes, names, dates, prices; scrubbed text says so
    assert set(lines["product_id"]) == {"85123A", '=HYPERLINK("HTTP://X")', "22423", "POST"}
    assert "WHITE HANGING HEART" in set(lines["product_name"])
    assert sorted(lines["unit_price"]) == [2.55, 3.0, 12.75, 18.0]
    assert lines["ordered_at"].min() == "2024-01-02 10:00:00"
    extra = [json.loads(e) for e in lines.sort_values("order_id")["extra"].dropna()]
    assert extra[0] == {"Notes": "Call [personal] on [phone] or [email]", "Tags": "vip"}
    assert extra[1]["Tags"] == "wholesale [phone]" and "[personal]" in extra[1]["Notes"]
    assert "ref 2024-0115" in extra[2]["Notes"]          # dates/references stay
    assert set(rejected["reason"]) == {"not a number", "date not understood (expected %Y-%m-%d %H:%M)",
                                       "wrong number of fields"}
    assert "[email]" in set(rejected["value"])


def _candidate_secrets(shop_path: Path) -> set[str]:
    """Every secret-looking thing an attacker holding the shop file could try: all meta values and
    every run of 32+ hex digits (128 bits, a salt's or key's size) anywhere in the file."""
    out = set()
    con = sqlite3.connect(shop_path)
    out.update(v for (v,) in con.execute("SELECT value FROM meta") if v)
    con.close()
    out.update(m.decode() for m in re.findall(rb"[0-9a-fA-F]{32,}", shop_path.read_bytes()))
    return out


def test_brute_forcing_five_digit_ids_with_the_shop_recovers_nothing(identities_file, tmp_path):
    shop_path = tmp_path / "p.shop"
    _import(shop_path, identities_file)          # key kept in the (test's) config folder
    con = sqlite3.connect(shop_path)
    stored = {c[5:] for (c,) in con.execute("SELECT DISTINCT customer_id FROM line_items")}
    con.close()
    assert len(stored) == 3
    secrets_ = _candidate_secrets(shop_path)
    assert secrets_
    ids = [str(i).encode() for i in range(10000, 100000)]
    recovered = set()
    for secret in secrets_:
        # the old scheme (salted SHA-256) and HMAC keyed with the text or its bytes
        bases = [hashlib.sha256(secret.encode())]
        for k in [secret.encode()] + ([bytes.fromhex(secret)] if re.fullmatch(r"(?:[0-9a-fA-F]{2})+", secret)
                                      else []):
            bases.append(hmac.new(k, b"customer\0", hashlib.sha256))
        for base in bases:
            for v in ids:
                h = base.copy()
                h.update(v)
                if h.hexdigest()[:16] in stored:
                    recovered.add(v)
    assert recovered == set()
    # the real key (kept outside the shop) does produce them: the test would see a leak
    (key_json,) = key_folder().glob("*.json")
    key = bytes.fromhex(json.loads(key_json.read_text())["key"])
    assert {hmac.new(key, b"customer\0" + v.encode(), hashlib.sha256).hexdigest()[:16]
            for v in ("17850", "12583", "13047")} == stored
    assert key_json.read_text().count(key.hex()) == 1 and key.hex().encode() not in shop_path.read_bytes()
    assert stat.S_IMODE(key_json.stat().st_mode) == 0o600


def test_same_key_same_pseudonyms_other_key_refused(identities_file, key_file, tmp_path):
    a, b = tmp_path / "a.shop", tmp_path / "b.shop"
    _import(a, identities_file, pseudonym_key_file=str(key_file))
    _import(b, identities_file, pseudonym_key_file=str(key_file))
    ids = lambda p: sorted(r[0] for r in sqlite3.connect(p).execute("SELECT DISTINCT customer_id FROM lines"))
    assert ids(a) == ids(b)                         # the same key gives the same pseudonyms
    assert list(key_folder().glob("*.json")) == []    # a key given by the user is not copied anywhere
    other = tmp_path / "other.key"
    other.write_text("a-different-key-of-enough-length")
    before = a.read_bytes()
    with pytest.raises(InputError, match="does not belong to the shop a.shop"):
        _import(a, identities_file, pseudonym_key_file=str(other))
    assert a.read_bytes() == before
    # without the key (not in the config folder either) the import is refused with the way out
    with pytest.raises(InputError, match="--pseudonym-key-file"):
        _import(a, identities_file)
    short = tmp_path / "short.key"
    short.write_text("12345")
    with pytest.raises(InputError, match="at least 16"):
        _import(tmp_path / "c.shop", identities_file, pseudonym_key_file=str(short))


def test_key_from_environment_and_config_folder_copy(identities_file, key_file, tmp_path, monkeypatch):
    a = tmp_path / "a.shop"
    monkeypatch.setenv(KEY_FILE_ENV, str(key_file))
    _import(a, identities_file)
    (res,) = _import(a, identities_file)
    assert res.skipped == 4
    monkeypatch.delenv(KEY_FILE_ENV)
    # a shop whose key is in the config folder: moving the key file away is a clear error
    b = tmp_path / "b.shop"
    _import(b, identities_file)
    (kf,) = key_folder().glob("*.json")
    moved = kf.rename(tmp_path / "saved-key.json")
    with pytest.raises(InputError, match="is not on this computer"):
        _import(b, identities_file)
    (res,) = _import(b, identities_file, pseudonym_key_file=str(moved))   # the saved copy works
    assert res.skipped == 4


def test_pseudonymised_shop_stays_pseudonymised_and_raw_shop_is_not_mixed(identities_file, tmp_path):
    p = tmp_path / "p.shop"
    _import(p, identities_file)
    with Shop(p) as shop:
        (res,) = import_files(shop, [identities_file])        # no --pseudonymise: still pseudonymised
    assert res.skipped == 4 and any("pseudonymised" in w for w in res.warnings)
    assert _leaks(p.read_bytes()) == []
    raw = tmp_path / "raw.shop"
    with Shop(raw) as shop:
        import_files(shop, [identities_file])
    with pytest.raises(InputError, match="not pseudonymised"):
        _import(raw, identities_file)


def _legacy_shop(lines_shop, salt: str) -> Path:
    """A shop as older versions left it: salted-SHA-256 ids and the salt stored in the shop."""
    pseudo = "cust-" + hashlib.sha256((salt + "17850").encode()).hexdigest()[:16]
    path = lines_shop([dict(
        order_id="1001", ordered_at="2024-01-02 10:00:00", customer_id=pseudo, product_id="85123A",
        product_name="WHITE HANGING HEART", quantity=2, unit_price=2.55)])
    con = sqlite3.connect(path)
    con.execute("UPDATE line_items SET extra = ?",
                (json.dumps({"Notes": "mail anna.schmidt@example.de or +49 30 1234567"}),))
    con.execute("INSERT INTO meta VALUES ('pseudonym_salt', ?), ('export_salt', ?)", (salt, "e" * 32))
    con.commit()
    con.close()
    return path


def test_legacy_salt_is_moved_out_and_pseudonyms_kept(identities_file, lines_shop):
    salt = "0123456789abcdef0123456789abcdef"
    path = _legacy_shop(lines_shop, salt)
    assert salt.encode() in path.read_bytes()
    old_id = sqlite3.connect(path).execute("SELECT customer_id FROM line_items").fetchone()[0]
    with Shop(path) as shop:            # opening moves the salt out
        assert shop.get_meta("pseudonym_salt") is None and shop.get_meta("export_salt") is None
        assert shop.get_meta("pseudonym_key_fingerprint")
        assert json.loads(shop.scalar("SELECT extra FROM line_items")) == {"Notes": "mail [email] or [phone]"}
    for name, data in _shop_bytes(path).items():
        assert salt.encode() not in data and b"anna.schmidt" not in data, name
    (kf,) = key_folder().glob("*.json")
    assert json.loads(kf.read_text())["legacy_salt"] == salt
    # the same customer imported later gets the same pseudonym as before
    _import(path, identities_file)
    with Shop(path) as shop:
        ids = {r[0] for r in shop.conn.execute("SELECT DISTINCT customer_id FROM lines")}
    assert old_id in ids and len(ids) == 3


def test_cli_import_with_key_file_and_wrong_key(identities_file, key_file, tmp_path, capsys):
    from shopinsight.cli import main

    db = tmp_path / "c.shop"
    assert main(["import", str(identities_file), "--db", str(db), "--pseudonymise",
                 "--pseudonym-key-file", str(key_file), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["imported"] == 4 and out["quality"]["pseudonymised"] is True
    wrong = tmp_path / "wrong.key"
    wrong.write_text("another key that is long enough")
    assert main(["import", str(identities_file), "--db", str(db), "--pseudonymise",
                 "--pseudonym-key-file", str(wrong)]) == 2
    assert "does not belong" in capsys.readouterr().err


def test_info_says_the_shop_is_pseudonymised(identities_file, key_file, tmp_path, capsys):
    from shopinsight.cli import main
    from shopinsight.core.privacy import load_key_file

    db = tmp_path / "i.shop"
    _import(db, identities_file, pseudonym_key_file=str(key_file))
    assert main(["info", "--db", str(db), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["pseudonymised"] is True
    assert out["pseudonym_key_fingerprint"] == load_key_file(key_file).fingerprint
    assert main(["info", "--db", str(db)]) == 0
    assert "customers pseudonymised" in capsys.readouterr().out


def test_order_updates_and_their_audit_hold_no_raw_identifiers(identities_file, tmp_path):
    """A later export of the same orders with changed values (and new personal data in the notes):
    whatever the shop keeps of the change (the line, an audit row) is pseudonymised and scrubbed."""
    shop_path = tmp_path / "u.shop"
    _import(shop_path, identities_file)
    later = tmp_path / "later.csv"
    later.write_text(HEADER + ROWS[0].replace(",2,2.55,", ",3,2.55,").replace(
        '"Call Anna', '"new: zoe.zed@example.org, 0151 2345678; Call Anna'), encoding="utf-8")
    _import(shop_path, later)
    con = sqlite3.connect(shop_path)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    audit = con.execute("SELECT * FROM line_changes").fetchall() if "line_changes" in tables else []
    con.close()
    for name, data in _shop_bytes(shop_path).items():
        low = data.lower()
        assert _leaks(data) == [] and b"zoe.zed" not in low and b"2345678" not in low, name
    assert all("@" not in str(v) for row in audit for v in row)


def test_exports_of_a_pseudonymised_shop_scrub_again_others_do_not(lines_shop, tmp_path):
    rows = [dict(order_id="1", ordered_at="2024-01-01 10:00:00", product_id="P1", customer_id="cust-1",
                 product_name="Engraved for ann@example.com / +44 20 7946 0000", quantity=1, unit_price=2.0)]
    raw, pseudo = lines_shop(rows), lines_shop(rows)
    with Shop(pseudo) as shop:
        shop.set_meta("pseudonymised", "1")
    for path, scrubbed in ((raw, False), (pseudo, True)):
        with Shop(path) as shop:
            export_lines(shop, tmp_path / "l.csv")
            export_scores(shop.query_df("SELECT customer_id, product_name FROM lines"), tmp_path / "c.xlsx",
                          shop=shop)
        text = (tmp_path / "l.csv").read_text(encoding="utf-8-sig")
        from openpyxl import load_workbook
        cell = load_workbook(tmp_path / "c.xlsx").active.cell(row=2, column=2).value
        if scrubbed:
            assert "Engraved for [email] / [phone]" in text and cell == "Engraved for [email] / [phone]"
        else:       # without --pseudonymise the shop and its exports hold what the file held
            assert "ann@example.com" in text and "ann@example.com" in cell
