"""The Recommendations tab and `shopinsight recommend` start from the same defaults and give the same
scores for the same customer (issue 15: one fast default in both faces)."""
from __future__ import annotations

import json

import pandas as pd

from test_recommendations_tab import _rows


def test_tab_defaults_and_scores_equal_the_clis(qtbot, open_tab, capsys):
    from shopinsight.cli import main
    from shopinsight.core.recommend.pipeline import RecommendOptions
    from shopinsight.gui.tabs.recommendations import RecommendationsTab

    tab = open_tab(RecommendationsTab, _rows(), timeout=20_000)
    # nothing touched in the form: the options are the core's defaults, which the CLI uses too
    assert tab.options() == RecommendOptions()
    tab.train()
    qtbot.waitUntil(lambda: tab.train_button.isEnabled(), timeout=60_000)
    assert tab.result is not None and tab.result.model == "hybrid"
    gui = tab.result.recommendations
    shop = tab.ctx.shop_path
    capsys.readouterr()
    assert main(["recommend", "--db", str(shop), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["model"] == "hybrid" and out["k"] == RecommendOptions().k
    cli = pd.DataFrame(out["recommendations"])
    for customer in ("K03", "K10"):
        g = gui[gui.customer_id == customer].reset_index(drop=True)
        c = cli[cli.customer_id == customer].reset_index(drop=True)
        assert len(g) == RecommendOptions().k
        assert g["product_id"].tolist() == c["product_id"].tolist()
        pd.testing.assert_series_equal(g["score"], c["score"], check_names=False, rtol=1e-9)
        assert g["reason"].tolist() == c["reason"].tolist()
