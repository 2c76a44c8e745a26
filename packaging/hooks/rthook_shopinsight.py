# PyInstaller runtime hook: runs before the app's code in the frozen build.
# Caches and config go to the user's directories, never next to the (read-only) executable,
# and nothing the app starts reaches the network.
import os
import sys
from pathlib import Path


def _cache_dir() -> Path:
    home = Path.home()
    if sys.platform.startswith("win"):
        return Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local") / "ShopInsight" / "cache"
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "ShopInsight"
    return Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache") / "ShopInsight"


_cache = _cache_dir()
# Matplotlib builds its font cache on first start: keep it in a per-user cache directory
os.environ.setdefault("MPLCONFIGDIR", str(_cache / "matplotlib"))
try:
    Path(os.environ["MPLCONFIGDIR"]).mkdir(parents=True, exist_ok=True)
except OSError:  # read-only home: Matplotlib falls back to a temporary directory by itself
    pass
# TensorFlow/Keras (full edition): no C++ info logs, no GPU probing, no downloads
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("KERAS_HOME", str(_cache / "keras"))
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "-1")
# pyarrow: never look for cloud credentials / S3 region on import of its filesystems
os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")
