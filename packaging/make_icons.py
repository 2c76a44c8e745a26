"""Write the app icon: ``resources/icons/shopinsight.svg`` (the source, hand-written here) and the
PNG sizes, Windows ``.ico`` and macOS ``.icns`` rendered from it.

The PNGs are rendered by Qt's own SVG renderer (offscreen), so every format shows the same
drawing; Pillow writes the multi-size ``.ico`` and ``.icns``.  Run once after changing the
drawing: ``.venv/bin/python packaging/make_icons.py`` (the outputs are committed).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)

# A shop-blue rounded square, a shopping-bag outline and three rising bars with a trend line:
# "your shop's sales, going up".  Colours are the chart palette's (shopinsight.core.charts).
SVG = """<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#3b7fcc"/>
      <stop offset="1" stop-color="#24589a"/>
    </linearGradient>
  </defs>
  <rect x="8" y="8" width="240" height="240" rx="48" ry="48" fill="url(#bg)"/>
  <!-- bag handle -->
  <path d="M92 88 V72 a36 36 0 0 1 72 0 V88" fill="none" stroke="#ffffff" stroke-width="12"
        stroke-linecap="round"/>
  <!-- bag body -->
  <path d="M56 88 H200 L188 212 a12 12 0 0 1 -12 11 H80 a12 12 0 0 1 -12 -11 Z" fill="#ffffff"/>
  <!-- rising bars -->
  <rect x="86" y="160" width="22" height="42" rx="3" fill="#2f6db3"/>
  <rect x="117" y="138" width="22" height="64" rx="3" fill="#2f6db3"/>
  <rect x="148" y="112" width="22" height="90" rx="3" fill="#2f6db3"/>
  <!-- trend line -->
  <polyline points="80,150 112,126 140,132 178,98" fill="none" stroke="#f28e2b" stroke-width="9"
            stroke-linecap="round" stroke-linejoin="round"/>
  <circle cx="178" cy="98" r="8" fill="#f28e2b"/>
</svg>
"""


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    ICONS.mkdir(parents=True, exist_ok=True)
    svg_path = ICONS / "shopinsight.svg"
    svg_path.write_text(SVG, encoding="utf-8")
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (Qt needs it)
    renderer = QSvgRenderer(str(svg_path))
    if not renderer.isValid():
        print("invalid SVG", file=sys.stderr)
        return 1
    for size in SIZES:
        img = QImage(size, size, QImage.Format.Format_ARGB32)
        img.fill(Qt.GlobalColor.transparent)
        p = QPainter(img)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(p)
        p.end()
        img.save(str(ICONS / f"shopinsight-{size}.png"))
    # the plain name is what Qt/Linux desktop use by default
    (ICONS / "shopinsight.png").write_bytes((ICONS / "shopinsight-256.png").read_bytes())
    big = Image.open(ICONS / "shopinsight-1024.png").convert("RGBA")
    big.save(ICONS / "shopinsight.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    big.save(ICONS / "shopinsight.icns")
    (ICONS / "shopinsight-1024.png").unlink()   # only needed for the .icns; keeps the repo small
    for f in sorted(ICONS.iterdir()):
        print(f"{f.name}\t{f.stat().st_size}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
