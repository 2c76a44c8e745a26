"""`shopinsight recommend / rules / similar` on a tiny shop: outputs, JSON, exit codes."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from shopinsight.cli import main


def _line(order, day, cust, prod):
    return {"order_id": order, "ordered_at": f"{day} 09:00:00", "customer_id": cust, "product_id": prod,
            "product_name": f"ITEM {prod}", "quantity": 1, "unit_price": 1.5, "is_cancellation": 0,
            "is_merchandise": 1}


BASKETS = [("1", "2024-01-02", "c1", "ABC"), ("2", "2024-01-03", "c2", "AB"), ("3", "2024-01-05", "c3", "AC"),
           ("4", "2024-01-08", "c4", "BC"), ("5", "2024-01-09", "c1", "ABD"), ("6", "2024-02-10", "c2", "CD"),
           ("7", "2024-02-11", "c3", "B")]


@pytest.fixture
def shop(lines_shop):
    return lines_shop([_line(o, d, c, p) for o, d, c, items in BASKETS for p in items])


def test_recommend_out_csv_for_every_customer(shop, tmp_path, capsys):
    out = tmp_path / "recs.csv"
    rc = main(["recommend", "--db", str(shop), "--models", "itemknn", "--no-tune", "--k", "3",
               "--until", "2024-01-31", "--exclude-purchased", "--out", str(out), "--json"])
    assert rc == 0
    res = json.loads(capsys.readouterr().out)
    assert res["model"] == "itemknn" and res["data_to"] == "2024-01-31" and res["run_id"] >= 1
    df = pd.read_csv(out, dtype={"customer_id": str, "product_id": str})
    assert list(df.columns) == ["customer_id", "rank", "product_id", "score", "reason"]
    # customers known at the cutoff; c1 already bought all four products: nothing new to suggest
    assert sorted(df.customer_id.unique()) == ["c2", "c3", "c4"]
    c3 = df[df.customer_id == "c3"]
    assert c3["rank"].tolist() == [1, 2] and set(c3.product_id) == {"B", "D"}


def test_recommend_evaluate_json(shop, capsys):
    rc = main(["recommend", "--db", str(shop), "--models", "itemknn,userknn", "--no-tune", "--k", "2",
               "--until", "2024-01-31", "--evaluate", "--json"])
    assert rc == 0
    res = json.loads(capsys.readouterr().out)
    ev = pd.DataFrame(res["evaluation"])
    assert set(ev.model) == {"popularity", "buy_again", "itemknn", "userknn"}
    assert set(ev["mode"]) == {"include", "exclude"}
    # test customers: c2 (C, D) and c3 (B), both seen in training
    assert (ev["customers"][ev["mode"] == "include"] == 2).all()
    ba = ev[(ev.model == "buy_again") & (ev["mode"] == "include")].iloc[0]
    # buy-again top 2: c2 → A, B (neither rebought) ; c3 → A, C (B not among them) → no hits
    assert ba["recall"] == 0.0
    assert len(res["recommendations"]) == 4 * 2


def test_rules_and_similar(shop, capsys):
    assert main(["rules", "--db", str(shop), "--min-support", "40%", "--min-lift", "0", "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    # 7 orders; A in 4, B in 5, C in 4, D in 2; pairs in ≥ 3 orders (ceil 2.8): A-B (3)
    assert res["orders"] == 7 and res["min_orders"] == 3
    pairs = {(r["antecedent"], r["consequent"]): r for r in res["rules_table"]}
    assert set(pairs) == {("A", "B"), ("B", "A")}
    assert pairs[("A", "B")]["lift"] == pytest.approx(round((3 / 4) / (5 / 7), 4))
    assert main(["similar", "--db", str(shop), "a", "--k", "2", "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res["product_id"] == "A" and len(res["similar"]) == 2
    assert {r["product_id"] for r in res["bought_together"]} <= {"B", "C", "D"}


@pytest.mark.parametrize("argv", [
    ["recommend", "--models", "nope", "--no-tune"],
    ["recommend", "--until", "2024-13-01"],
    ["recommend", "--k", "0"],
    ["similar", "ZZZ"],
    ["rules", "--min-support", "2"],
])
def test_bad_input_exits_2(shop, argv, capsys):
    assert main([argv[0], "--db", str(shop), *argv[1:]]) == 2
    assert "error" in capsys.readouterr().err


def test_rules_from_a_basket_list_file_match_the_shop(shop, tmp_path, capsys):
    """`rules --baskets FILE`: the classic market-basket format gives the same rules as the same
    orders in a shop (items repeated within a basket count once; blank lines are skipped)."""
    f = tmp_path / "baskets.txt"
    f.write_text("\n".join(",".join(items + items[0]) for _, _, _, items in BASKETS) + "\n\n",
                 encoding="utf-8")
    assert main(["rules", "--baskets", str(f), "--min-support", "40%", "--min-lift", "0", "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res["baskets"] == 7 and res["items"] == 4 and res["run_id"] is None
    from_file = {(r["antecedent"], r["consequent"]): r["lift"] for r in res["rules_table"]}
    assert main(["rules", "--db", str(shop), "--min-support", "40%", "--min-lift", "0", "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    from_shop = {(r["antecedent"], r["consequent"]): r["lift"] for r in res["rules_table"]}
    assert from_file == from_shop == {("A", "B"): pytest.approx(0.75 / (5 / 7), abs=1e-4),
                                      ("B", "A"): pytest.approx(0.6 / (4 / 7), abs=1e-4)}


@pytest.mark.parametrize("content, needle", [(b"", "no baskets"), (b"\xff\xfe\x00b\x00", "UTF-8"),
                                             (b"a,b\nc,\x00d\n", "line 2")])
def test_rules_bad_basket_file_exits_2(tmp_path, content, needle, capsys):
    f = tmp_path / "b.txt"
    f.write_bytes(content)
    assert main(["rules", "--baskets", str(f)]) == 2
    assert needle in capsys.readouterr().err


def test_rules_needs_exactly_one_source(shop, tmp_path, capsys):
    assert main(["rules"]) == 2
    f = tmp_path / "b.txt"
    f.write_text("a,b\n")
    assert main(["rules", "--db", str(shop), "--baskets", str(f)]) == 2
