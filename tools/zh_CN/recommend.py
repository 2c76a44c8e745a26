"""Chinese texts for the Recommendations tab (strings added after its first translation pass)."""
ZH = {
    "RecommendationsTab": {
        "Loading the last recommendations": "正在载入上次的推荐结果",
        "Last stored run (#%1): %2": "上次保存的运行（#%1）：%2",
    },
}
