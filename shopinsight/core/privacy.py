"""Privacy: keyed customer pseudonyms whose key never lives in the shop, and scrubbing of
e-mail addresses, phone numbers and names from stored text and exports.

The key
    A pseudonymised shop stores only a *fingerprint* of its key (meta
    ``pseudonym_key_fingerprint``).  The key itself is kept in the user's config folder
    (``pseudonym-keys/<fingerprint>.json``, readable by the user only) or given by the user
    (``--pseudonym-key-file`` or the ``SHOPINSIGHT_PSEUDONYM_KEY_FILE`` environment variable).
    Pseudonyms are HMAC-SHA256 of the raw value under that key, truncated to 64 bits
    (``cust-`` + 16 hex digits): without the key, holding the shop does not help to brute-force
    even a small id space such as the UCI file's 5-digit customer numbers.

Shops from older versions stored a salt in the shop (``pseudonym_salt``, ``export_salt``).
Opening such a shop moves the salts into a key file in the config folder, deletes them from the
shop, scrubs e-mails and phone numbers from its stored text and compacts the file, so the old
pseudonyms stay the same (same customers, same runs) but can no longer be recomputed from the
shop alone.

Scrubbing
    :func:`scrub_text` replaces e-mail addresses by ``[email]`` and phone numbers by ``[phone]``
    (international ``+``/``00`` numbers, national numbers with a trunk ``0``, ``(area)`` numbers,
    North-American ``555-123-4567``, Chinese mobiles); dates, times, prices, product codes,
    barcodes and plain ids are left alone.  :class:`Scrubber` also removes, from a row's free
    text, the values of that row's personal columns (customer id, e-mail, name, address …), so a
    note saying "deliver to Anna Schmidt" loses the name.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import re
import secrets
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

import numpy as np
import pandas as pd

from .errors import InputError
from .i18n import _

__all__ = ["PseudonymKey", "KEY_FILE_ENV", "CONFIG_DIR_ENV", "key_folder", "load_key_file", "resolve_key",
           "is_pseudonymised", "mark_pseudonymised", "move_legacy_salts", "scrub_text", "scrub_series",
           "Scrubber", "EMAIL_RE", "PHONE_RE"]

log = logging.getLogger(__name__)

KEY_FILE_ENV = "SHOPINSIGHT_PSEUDONYM_KEY_FILE"
CONFIG_DIR_ENV = "SHOPINSIGHT_CONFIG_DIR"
FINGERPRINT_META = "pseudonym_key_fingerprint"
PSEUDONYMISED_META = "pseudonymised"
_KEY_FORMAT = "shopinsight-pseudonym-key"
_MIN_SECRET = 16


# -- keys -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PseudonymKey:
    """A pseudonymisation key (kept outside the shop).

    ``legacy_salt``/``legacy_export_salt`` are the salts a shop from an older version stored in
    itself; they were moved here so that shop's pseudonyms stay the same.
    """

    secret: bytes
    legacy_salt: Optional[str] = None
    legacy_export_salt: Optional[str] = None

    @property
    def fingerprint(self) -> str:
        """32 hex digits that identify the key without revealing it (HMAC of a constant)."""
        return hmac.new(self.secret, b"ShopInsight pseudonym key fingerprint v1", hashlib.sha256).hexdigest()[:32]

    def _map(self, values: pd.Series, fn) -> pd.Series:
        uniq = values.dropna().unique()
        return values.map({v: fn(str(v)) for v in uniq}, na_action="ignore")

    def customer_pseudonyms(self, values: pd.Series) -> pd.Series:
        """``cust-`` + 16 hex digits per value (NULL stays NULL); the same value gives the same pseudonym."""
        if self.legacy_salt:
            salt = self.legacy_salt
            return self._map(values, lambda v: "cust-" + hashlib.sha256((salt + v).encode()).hexdigest()[:16])
        key = self.secret
        return self._map(values, lambda v: "cust-" + hmac.new(key, b"customer\0" + v.encode(),
                                                              hashlib.sha256).hexdigest()[:16])

    def export_pseudonyms(self, values: pd.Series) -> pd.Series:
        """``c-`` + 12 hex digits: pseudonyms for exported tables, not linkable to the shop's own ids."""
        if self.legacy_export_salt:
            salt = self.legacy_export_salt
            return self._map(values, lambda v: "c-" + hashlib.sha256((salt + v).encode()).hexdigest()[:12])
        key = self.secret
        return self._map(values, lambda v: "c-" + hmac.new(key, b"export\0" + v.encode(),
                                                           hashlib.sha256).hexdigest()[:12])

    def to_json(self) -> str:
        d = {"format": _KEY_FORMAT, "version": 1, "key": self.secret.hex(), "fingerprint": self.fingerprint}
        if self.legacy_salt:
            d["legacy_salt"] = self.legacy_salt
        if self.legacy_export_salt:
            d["legacy_export_salt"] = self.legacy_export_salt
        return json.dumps(d, indent=1)


def key_folder() -> Path:
    """Where keys are kept: ``$SHOPINSIGHT_CONFIG_DIR/pseudonym-keys`` or the user's config folder."""
    base = os.environ.get(CONFIG_DIR_ENV)
    if not base:
        import platformdirs
        base = platformdirs.user_config_dir("ShopInsight", appauthor=False)
    return Path(base) / "pseudonym-keys"


def load_key_file(path: str | os.PathLike) -> PseudonymKey:
    """Read a key file: one this app wrote (JSON), or any file of at least 16 bytes of secret
    (e.g. ``openssl rand -hex 32 > shop.key``), used as it is (surrounding white space ignored)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(_("cannot read the pseudonym key file: {error}").format(error=exc.strerror or exc),
                         file=str(path)) from exc
    text = data.strip()
    if text.startswith(b"{"):
        try:
            d = json.loads(text)
            if d.get("format") == _KEY_FORMAT:
                return PseudonymKey(bytes.fromhex(d["key"]), d.get("legacy_salt"), d.get("legacy_export_salt"))
        except (ValueError, KeyError, TypeError, AttributeError):
            pass
    if len(text) < _MIN_SECRET:
        raise InputError(_("the pseudonym key file holds {n} bytes; a key needs at least {need} "
                           "(make one with: openssl rand -hex 32 > shop.key)").format(n=len(text), need=_MIN_SECRET),
                         file=str(path))
    return PseudonymKey(text)


def _write_key(key: PseudonymKey) -> Path:
    folder = key_folder()
    folder.mkdir(parents=True, exist_ok=True)
    try:
        os.chmod(folder, 0o700)
    except OSError:
        pass
    path = folder / f"{key.fingerprint}.json"
    tmp = folder / f".{key.fingerprint}.{os.getpid()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(key.to_json())
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


def _key_file_from_env(key_file: Optional[str | os.PathLike]) -> Optional[str | os.PathLike]:
    return key_file or os.environ.get(KEY_FILE_ENV) or None


def resolve_key(shop, key_file: Optional[str | os.PathLike] = None, *, create: bool = True) -> PseudonymKey:
    """The shop's pseudonym key.

    Order: the key file given (argument or ``SHOPINSIGHT_PSEUDONYM_KEY_FILE``), which must match the
    fingerprint the shop holds; else the key kept in the config folder under the shop's fingerprint;
    else (a shop without a key yet, and ``create``) a new random key saved in the config folder.
    A new fingerprint is written to the shop's meta (inside the caller's transaction, if any).
    Raises :class:`InputError` when the key is missing or does not match.
    """
    stored = shop.get_meta(FINGERPRINT_META)
    given = _key_file_from_env(key_file)
    if given:
        key = load_key_file(given)
        if stored and key.fingerprint != stored:
            raise InputError(_("this pseudonym key does not belong to the shop {shop}: its pseudonyms were made "
                               "with key {stored}…, the file gives key {given}… (a different key would give the "
                               "same customers new pseudonyms)").format(
                                   shop=Path(shop.path).name, stored=stored[:8], given=key.fingerprint[:8]),
                             file=str(given))
    elif stored:
        path = key_folder() / f"{stored}.json"
        if not path.exists():
            raise InputError(_("the pseudonym key of the shop {shop} (key {key}…) is not on this computer: give "
                               "it with --pseudonym-key-file FILE (or {env}=FILE), or copy {file} into {folder}").format(
                                   shop=Path(shop.path).name, key=stored[:8], env=KEY_FILE_ENV,
                                   file=f"{stored}.json", folder=key_folder()))
        key = load_key_file(path)
        if key.fingerprint != stored:
            raise InputError(_("the key file {file} is damaged (its fingerprint does not match)").format(file=path),
                             file=str(path))
    elif create:
        key = PseudonymKey(secrets.token_bytes(32))
        _write_key(key)
    else:
        raise InputError(_("the shop {shop} has no pseudonym key").format(shop=Path(shop.path).name))
    if not stored:
        shop.set_meta(FINGERPRINT_META, key.fingerprint)
    return key


def is_pseudonymised(shop) -> bool:
    """True when the shop's customer ids were imported as pseudonyms."""
    return shop.get_meta(PSEUDONYMISED_META) == "1" or bool(shop.get_meta("pseudonym_salt"))


def mark_pseudonymised(shop) -> None:
    shop.set_meta(PSEUDONYMISED_META, "1")


def move_legacy_salts(shop) -> bool:
    """Move an older shop's stored salts (``pseudonym_salt``, ``export_salt``) out of the shop into
    a key file in the config folder, scrub its stored text, and compact the file so the salt's
    bytes are gone.  Returns True when something was moved.  Pseudonyms stay the same."""
    salt, export_salt = shop.get_meta("pseudonym_salt"), shop.get_meta("export_salt")
    if not salt and not export_salt:
        return False
    if shop.get_meta(FINGERPRINT_META):     # half-done earlier: the key file exists or not, keep salts
        log.warning("%s: holds both a key fingerprint and a legacy salt; left as it is", shop.path)
        return False
    key = PseudonymKey(secrets.token_bytes(32), salt, export_salt)
    _write_key(key)
    conn = shop.conn
    conn.execute("PRAGMA secure_delete = ON")
    with shop.transaction():
        shop.set_meta(FINGERPRINT_META, key.fingerprint)
        if salt:
            mark_pseudonymised(shop)
            _scrub_stored_text(conn)
        conn.execute("DELETE FROM meta WHERE key IN ('pseudonym_salt', 'export_salt')")
    conn.execute("VACUUM")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    log.info("%s: pseudonym salt moved out of the shop into %s", shop.path, key_folder())
    return True


def _scrub_stored_text(conn) -> None:
    conn.create_function("si_scrub", 1, scrub_text, deterministic=True)
    conn.execute("UPDATE line_items SET extra = si_scrub(extra) WHERE extra IS NOT NULL")
    conn.execute("UPDATE rejected_rows SET value = si_scrub(value), raw_json = si_scrub(raw_json)")
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table in ("line_changes", "line_audit", "order_changes"):    # audit tables (schema v3+)
        if table in tables:
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if (r[2] or "").upper() in
                    ("TEXT", "")]
            for c in cols:
                conn.execute(f'UPDATE {table} SET "{c}" = si_scrub("{c}") WHERE "{c}" IS NOT NULL')


# -- scrubbing --------------------------------------------------------------------------------

EMAIL_RE = re.compile(r"(?<![\w.%+'-])[\w.%+'-]+@(?:[\w-]+\.)+[^\W\d_]{2,}(?![\w-])")

_SEP = r"[ .\-/\u00a0]"
PHONE_RE = re.compile(
    r"(?<![\w+/.,:\-])(?:"
    rf"(?:\+|00)[1-9]\d{{0,2}}{_SEP}?(?:\(\d{{1,4}}\){_SEP}?)?\d(?:{_SEP}?\d){{5,13}}"   # +44 20 7946 0000
    rf"|\(0?\d{{2,5}}\){_SEP}?\d(?:{_SEP}?\d){{4,10}}"                                # (030) 1234567
    rf"|0[1-9](?:{_SEP}?\d){{7,11}}"                                                  # 020 7946 0000
    r"|1[3-9]\d[ \-]?\d{4}[ \-]?\d{4}"                                                # 138 1234 5678
    r"|[2-9]\d{2}[\-. ]\d{3}[\-. ]\d{4}"                                              # 212-555-1234
    r")(?!\w|[.,/:\-]\d)")


def _phone(m: re.Match) -> str:
    digits = sum(ch.isdigit() for ch in m.group(0))
    return "[phone]" if 8 <= digits <= 15 else m.group(0)


def scrub_text(value):
    """``value`` with e-mail addresses and phone numbers replaced (non-text values unchanged)."""
    if not isinstance(value, str) or not value:
        return value
    if "@" in value:
        value = EMAIL_RE.sub("[email]", value)
    if sum(ch.isdigit() for ch in value) >= 8:
        value = PHONE_RE.sub(_phone, value)
    return value


def scrub_series(s: pd.Series) -> pd.Series:
    """:func:`scrub_text` over a column, once per distinct value (exports repeat values)."""
    if s.dtype.kind in "biufcmMb":
        return s
    codes, uniq = pd.factorize(s)
    if len(uniq) == 0:
        return s
    done = np.array([scrub_text(v) for v in uniq], dtype=object)
    out = np.where(codes >= 0, done[np.maximum(codes, 0)], None)
    res = pd.Series(out, index=s.index, dtype=object)
    return res.astype(s.dtype) if str(s.dtype) != "object" else res


_TOKEN = re.compile(r"[\w@.+'-]{2,}")


@lru_cache(maxsize=65536)
def _row_tokens(values: tuple) -> tuple[str, ...]:
    """Personal values of one row and their words, longest first, as written and lower-cased: words
    need 2+ characters, and 5+ when they hold no letter (an id, not the "20" of a phone number)."""
    toks = set()
    for v in values:
        if v and v.strip():
            v = v.strip()
            toks.add(v)
            toks.update(t.strip(".'-") for t in _TOKEN.findall(v))
    toks = {t for t in toks if len(t) >= 2 and (len(t) >= 5 or any(ch.isalpha() for ch in t))}
    toks |= {t.lower() for t in toks}
    return tuple(sorted(toks, key=len, reverse=True))


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _replace_tokens(text: str, tokens: tuple[str, ...]) -> str:
    """``text`` with every whole-word occurrence of ``tokens`` (case-insensitive) replaced by ``[personal]``."""
    low = text.lower()
    if len(low) != len(text) or any(len(t.lower()) != len(t) for t in tokens):
        # case folding changes lengths (İ → i̇): let the regex engine match as written, ignoring case
        return re.sub(r"(?<!\w)(?:" + "|".join(map(re.escape, tokens)) + r")(?!\w)", "[personal]", text,
                      flags=re.IGNORECASE)
    spans: list[tuple[int, int]] = []
    for t in tokens:                   # longest first: "anna schmidt" before "anna"
        j = low.find(t)
        while j >= 0:
            k = j + len(t)
            if (j == 0 or not _is_word(low[j - 1])) and (k == len(low) or not _is_word(low[k])) \
                    and not any(a < k and j < b for a, b in spans):
                spans.append((j, k))
            j = low.find(t, j + 1)
    if not spans:
        return text
    out, pos = [], 0
    for a, b in sorted(spans):
        out.append(text[pos:a])
        out.append("[personal]")
        pos = b
    out.append(text[pos:])
    return "".join(out)


class Scrubber:
    """Scrubs free text of one source file: e-mails and phones everywhere, and in each row the values
    of that row's personal columns (whole values, and their words of 2+ characters)."""

    def __init__(self, personal_columns: Iterable[str]):
        self.personal_columns = list(dict.fromkeys(personal_columns))

    def scrub_frame(self, df: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
        """A copy of ``df`` whose ``columns`` are scrubbed (the personal columns are read, not changed)."""
        columns = [c for c in columns if c in df.columns]
        if not columns or df.empty:
            return df
        out = df.copy()
        cells = {c: scrub_series(out[c].astype(object)).to_numpy(dtype=object, copy=True) for c in columns}
        pcols = [c for c in self.personal_columns if c in df.columns]
        if pcols:
            has_text = np.zeros(len(df), dtype=bool)
            for vals in cells.values():
                has_text |= np.fromiter((isinstance(v, str) and v != "" for v in vals), bool, len(vals))
            personal = df[pcols].to_numpy(dtype=object)
            for i in np.flatnonzero(has_text):
                toks = _row_tokens(tuple(v if isinstance(v, str) else None for v in personal[i]))
                if not toks:
                    continue
                for vals in cells.values():
                    v = vals[i]
                    if isinstance(v, str) and v:
                        low = v.lower()
                        if any(t in low for t in toks):
                            vals[i] = _replace_tokens(v, toks)
        for c, vals in cells.items():
            res = pd.Series(vals, index=df.index, dtype=object)
            out[c] = res if str(df[c].dtype) == "object" else res.astype(df[c].dtype)
        return out
