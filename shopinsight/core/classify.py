"""Review and correct which products are not merchandise (postage, fees, vouchers …).

The importer decides a kind per product (:mod:`shopinsight.core.importer.flags`); the user can
correct it.  A correction is stored in the shop (``classification_overrides``, keyed by product
code, or by product name for lines without a code), applied at once to the stored lines (their
``is_merchandise``/``line_kind``, the ``products`` dimension and the customers' net sales), and
applied by every later import.  The CLI (``shopinsight classify``) and the Data tab's review list
call these functions.

* :func:`list_flagged` — every code flagged as non-merchandise (by the rules or by the user), and
  every code the user corrected, with its kind, lines and net sales;
* :func:`set_kinds` — store corrections (``"auto"`` removes one: the rules decide again).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Optional

import pandas as pd

from .i18n import N_, Labels, _
from .errors import InputError
from .importer.fields import normalise_header
from .importer.flags import (LINE_KINDS, LINE_TYPE_HEADERS, LINE_TYPE_VALUES, PRODUCT_KINDS, Overrides,
                             codes_mostly_numeric, normalise_name, product_kind)
from .schema import set_classification_override
from .store import Shop, interruptible, now_iso
from .tasks import as_reporter

__all__ = ["KINDS", "AUTO", "KIND_LABELS", "SOURCE_LABELS", "kind_label", "list_flagged", "set_kinds",
           "load_overrides", "ClassifyResult"]

#: the kinds a user can give a product, and AUTO (drop the correction: the rules decide)
AUTO = "auto"
KINDS = PRODUCT_KINDS

#: what a product's or a line's kind (``line_kind``) is called when shown; the ids stay in the
#: store, in ``--json`` and in ``classify --set CODE=KIND``
KIND_LABELS = Labels({
    "merchandise": N_("merchandise"), "postage": N_("postage"), "fee": N_("fee"), "discount": N_("discount"),
    "adjustment": N_("adjustment"), "voucher": N_("voucher"), "sample": N_("sample"), "service": N_("service"),
    "tip": N_("tip"), "tax": N_("tax"), "deposit": N_("deposit"), "sale": N_("sale"),
    "cancellation": N_("cancellation"), "return": N_("return"), "write_off": N_("stock write-off"),
    "summary": N_("period total"),
})
#: who decided a product's kind (``list_flagged``'s ``source``)
SOURCE_LABELS = Labels({"rule": N_("rule"), "user": N_("user")})


def kind_label(kind: Optional[str]) -> str:
    """A kind id's label in the current language (an unknown id as it is; None → "")."""
    return KIND_LABELS.get(kind, kind) if kind else ""


_LINE_KINDS_SQL = "(" + ", ".join(f"'{k}'" for k in LINE_KINDS) + ")"
NAME_PREFIX = "name:"


def load_overrides(shop: Shop) -> Overrides:
    """The shop's stored corrections."""
    return Overrides.from_rows(shop.conn.execute("SELECT key_type, key, kind FROM classification_overrides"))


def list_flagged(shop: Shop) -> pd.DataFrame:
    """One row per product code (or, for lines without a code, per name) that is not merchandise,
    or whose kind the user set: ``key`` (what ``set_kinds`` takes), ``key_type`` ('code' or
    'name'), ``code``, ``name``, ``kind``, ``source`` ('rule' or 'user'), ``lines`` and
    ``net_sales`` (the amount of those lines: what they would add to net sales as merchandise).
    Sorted by lines, most first."""
    flagged = shop.query_df(f"""
        SELECT product_id AS code, CASE WHEN product_id IS NULL THEN product_name END AS name_key,
               product_name AS name, line_kind AS kind, count(*) AS lines, total(amount) AS net_sales
        FROM line_items WHERE line_kind NOT IN {_LINE_KINDS_SQL}
        GROUP BY product_id, name_key, product_name, line_kind""")
    ov = shop.query_df("SELECT key_type, key, kind FROM classification_overrides")
    rows: dict[tuple[str, str], dict] = {}
    for r in flagged.itertuples(index=False):
        key = ("code", r.code) if r.code is not None else ("name", normalise_name(r.name))
        row = rows.setdefault(key, {"lines": 0, "net_sales": 0.0, "kinds": {}, "names": {}})
        row["lines"] += int(r.lines)
        row["net_sales"] += float(r.net_sales)
        row["kinds"][r.kind] = row["kinds"].get(r.kind, 0) + int(r.lines)
        if r.name is not None:
            row["names"][r.name] = row["names"].get(r.name, 0) + int(r.lines)
    # corrections to merchandise: their lines are no longer flagged, but the user may undo them
    for r in ov.itertuples(index=False):
        if r.kind != "merchandise":
            continue
        _register_functions(shop)
        n, net, name = shop.conn.execute(
            f"SELECT count(*), total(amount), max(product_name) FROM line_items WHERE {_key_where(r.key_type)}",
            {"key": r.key}).fetchone()
        rows[(r.key_type, r.key)] = {"lines": n, "net_sales": net, "kinds": {"merchandise": n},
                                     "names": {name: 1} if name else {}}
    user = {(r.key_type, r.key): r.kind for r in ov.itertuples(index=False)}
    out = []
    for (ktype, k), row in rows.items():
        name = max(row["names"], key=row["names"].get) if row["names"] else None
        if ktype == "code" and not name:   # the flagged lines' own name first ('adjustment' notes)
            name = shop.scalar("SELECT product_name FROM products WHERE product_id = ?", (k,))
        kind = user.get((ktype, k)) or max(row["kinds"], key=row["kinds"].get)
        out.append({"key": k if ktype == "code" else NAME_PREFIX + (name or k), "key_type": ktype,
                    "code": k if ktype == "code" else None, "name": name, "kind": kind,
                    "source": "user" if (ktype, k) in user else "rule", "lines": row["lines"],
                    "net_sales": round(row["net_sales"], 2)})
    cols = ["key", "key_type", "code", "name", "kind", "source", "lines", "net_sales"]
    df = pd.DataFrame(out, columns=cols)
    return df.sort_values(["lines", "key"], ascending=[False, True], kind="stable").reset_index(drop=True)


@dataclass
class ClassifyResult:
    """What :func:`set_kinds` changed."""

    changes: list[dict] = field(default_factory=list)    # key, key_type, kind, lines
    lines_updated: int = 0

    def to_dict(self) -> dict:
        return {"changes": self.changes, "lines_updated": self.lines_updated}


def _key_where(key_type: str) -> str:
    """SQL condition selecting the lines of a key (parameter ``:key``)."""
    if key_type == "code":
        return "product_id = :key"
    # lines without a code, whose name normalises to the key (needs norm_name registered)
    return "product_id IS NULL AND norm_name(product_name) = :key"


def _resolve(shop: Shop, key: str) -> tuple[str, str]:
    """('code', CODE) or ('name', normalised name) for a key the user typed; InputError if no
    line of the shop has it."""
    raw = key.strip()
    if raw.lower().startswith(NAME_PREFIX):
        name = normalise_name(raw[len(NAME_PREFIX):])
        if name and shop.scalar("SELECT 1 FROM line_items WHERE product_id IS NULL AND norm_name(product_name) = ? "
                                "LIMIT 1", (name,)):
            return "name", name
        raise InputError(_("unknown product name {name}: no line without a product code has this name").format(
            name=repr(raw[len(NAME_PREFIX):])))
    code = " ".join(raw.upper().split())
    if code and shop.scalar("SELECT 1 FROM line_items WHERE product_id = ? LIMIT 1", (code,)):
        return "code", code
    name = normalise_name(raw)
    if name and shop.scalar("SELECT 1 FROM line_items WHERE product_id IS NULL AND norm_name(product_name) = ? "
                            "LIMIT 1", (name,)):
        return "name", name
    raise InputError(_("unknown code {code}: no line in the shop has this product code (nor, without a "
                       "code, this product name); see `shopinsight classify --list`").format(code=repr(raw)))


def _check_kind(key: str, kind: str) -> str:
    k = (kind or "").strip().lower()
    if k not in KINDS and k != AUTO:
        raise InputError(_("{key}={kind}: unknown kind {quoted}; kinds are {kinds} (or {auto}: let the rules "
                           "decide)").format(key=key, kind=kind, quoted=repr(kind), kinds=", ".join(KINDS), auto=AUTO))
    return k


# the line's own flags (cancellation, return, write-off) are kept; only its product's kind changes
_UPDATE = f"""
UPDATE line_items SET
  is_merchandise = CASE
      WHEN :merch = 0 THEN 0
      WHEN is_cancellation = 0 AND quantity < 0 AND (unit_price = 0 OR amount = 0)
           AND customer_id IS NULL THEN 0
      ELSE 1 END,
  line_kind = CASE
      WHEN :merch = 0 THEN :kind
      WHEN is_cancellation = 1 THEN CASE
          WHEN ((quantity < 0 AND unit_price > 0) OR (quantity IS NULL AND amount < 0))
               AND NOT coalesce(order_id GLOB (SELECT json_extract(i.quality_json, '$.cancel_prefix')
                                               FROM imports i WHERE i.import_id = line_items.import_id)
                                || '[0-9]*', 0)
          THEN 'return' ELSE 'cancellation' END
      WHEN quantity < 0 AND (unit_price = 0 OR amount = 0) AND customer_id IS NULL THEN 'write_off'
      ELSE 'sale' END
WHERE line_kind <> 'summary' AND """


def set_kinds(shop: Shop, kinds: Mapping[str, str] | Iterable[tuple[str, str]], progress=None,
              should_stop=None) -> ClassifyResult:
    """Store the user's kind for each product code (or ``name:NAME`` / a name for lines without a
    code) and apply it at once to the stored lines, the products and the customers' net sales; all
    in one transaction.  ``auto`` removes a correction (the importer's rules decide again).

    Raises :class:`InputError` for an unknown kind or a code no line has (nothing is written).
    """
    rep = as_reporter(progress, should_stop)
    items = list(kinds.items()) if isinstance(kinds, Mapping) else list(kinds)
    if not items:
        raise InputError(_("nothing to set: give CODE=KIND"))
    _register_functions(shop)
    plan = []
    for key, kind in items:
        k = _check_kind(key, kind)
        plan.append((*_resolve(shop, key), k))
    numeric = codes_mostly_numeric(shop.query_df("SELECT product_id FROM products")["product_id"])
    result = ClassifyResult()
    with shop.transaction(rep) as conn, interruptible(conn, rep):
        for i, (ktype, key, kind) in enumerate(plan):
            rep(i / len(plan), _("classifying {code}").format(code=key))
            if kind == AUTO:
                conn.execute("DELETE FROM classification_overrides WHERE key_type = ? AND key = ?", (ktype, key))
            else:
                set_classification_override(conn, ktype, key, kind, now_iso())
            where = _key_where(ktype)
            n = 0
            if kind == AUTO:     # the importer's rules again, line by line
                by_kind: dict[str, list[int]] = {}
                for line_id, name, extra in conn.execute(
                        f"SELECT line_id, product_name, extra FROM line_items WHERE {where}", {"key": key}):
                    k = _export_line_type(extra) or product_kind(key if ktype == "code" else None, name, numeric)
                    by_kind.setdefault(k, []).append(line_id)
                for k, ids in by_kind.items():
                    for i in range(0, len(ids), 500):
                        chunk = {f"i{j}": v for j, v in enumerate(ids[i:i + 500])}
                        n += conn.execute(_UPDATE + f"line_id IN ({', '.join(':' + j for j in chunk)})",
                                          {"merch": int(k == "merchandise"), "kind": k, **chunk}).rowcount
            else:
                n = conn.execute(_UPDATE + where, {"merch": int(kind == "merchandise"), "kind": kind,
                                                   "key": key}).rowcount
            if ktype == "code":
                forced = None if kind == AUTO else int(kind == "merchandise")
                conn.execute(
                    "UPDATE products SET is_merchandise = coalesce(?, (SELECT 2 * sum(is_merchandise) >= count(*) "
                    "FROM line_items l WHERE l.product_id = products.product_id)) WHERE product_id = ?",
                    (forced, key))
            conn.execute(
                f"""UPDATE customers SET net_sales = (
                        SELECT total(CASE WHEN is_merchandise = 1 THEN amount END) FROM line_items l
                        WHERE l.customer_id = customers.customer_id)
                    WHERE customer_id IN (SELECT DISTINCT customer_id FROM line_items
                                          WHERE customer_id IS NOT NULL AND {where})""", {"key": key})
            result.changes.append({"key": key if ktype == "code" else NAME_PREFIX + key, "key_type": ktype,
                                   "kind": kind, "lines": n})
            result.lines_updated += n
    # committed (the transaction checked for cancel just before COMMIT): from here on it is done
    rep(1.0, _("done"))
    return result


def _export_line_type(extra: Optional[str]) -> Optional[str]:
    """The kind the export's own line-type column gave a line (kept in ``extra``), if any."""
    if not extra:
        return None
    try:
        cols = json.loads(extra)
    except ValueError:
        return None
    for col, value in cols.items() if isinstance(cols, dict) else ():
        if normalise_header(col) in LINE_TYPE_HEADERS and isinstance(value, str):
            return LINE_TYPE_VALUES.get(value.strip().lower())
    return None


def _register_functions(shop: Shop) -> None:
    shop.conn.create_function("norm_name", 1, normalise_name, deterministic=True)
