"""Chinese texts of the model form generated from the registry (gui/widgets/model_form.py)."""
ZH = {
    "ModelForm": {
        "Needs the full edition of ShopInsight (with TensorFlow)": "需要 ShopInsight 完整版（含 TensorFlow）",
        "Parameters": "参数",
        "Parameters: %1": "参数：%1",
        "No parameters": "无参数",
        "off": "关闭",
        "%1:": "%1：",
    },
}
