"""The report as a PDF, drawn with Matplotlib's PDF backend (``PdfPages``): no browser, no extra
library, so it works the same in the frozen lite edition.  Text is real (searchable) text in
embedded Type 3 subsets of the chart fonts (``pdf.fonttype`` 3, set by :func:`..charts.setup`,
which also registers a CJK font: Chinese text is embedded too); charts are the same 200 dpi PNGs
the HTML embeds.

A small flow layout on A4 (0.5 in margins): sections one under the other, two "half" sections
side by side; a section that does not fit on the page starts the next one.
"""
from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Optional

__all__ = ["write_pdf", "PAGE_W", "PAGE_H", "MARGIN"]

PAGE_W, PAGE_H, MARGIN, GAP = 8.27, 11.69, 0.5, 0.25
INK, MUTED, ACCENT, RULE = "#2b2f36", "#6b7380", "#2f6db3", "#e3e7ee"
_NO_LINE_START = set("。，、；：！？）」』》〉】”’.,;:!?)%")
_TOKENS = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+\s*|\s+")


class _Measure:
    """Text widths in inches, from the Agg renderer at 72 dpi (points), with the chart fonts."""

    def __init__(self):
        import matplotlib
        from matplotlib.backends.backend_agg import RendererAgg
        self.r = RendererAgg(10, 10, 72)
        self.cache: dict = {}
        # the families by name (not the generic "sans-serif"), so a glyph the first lacks (¹ in Noto
        # Sans CJK) falls back to the next
        self.family = list(matplotlib.rcParams["font.sans-serif"][:2])

    def width(self, text: str, size: float, bold: bool = False) -> float:
        """Sum of the characters' advances (measured once each at 10 pt; kerning left out, so a
        2 % margin is added): measuring whole strings with a CJK font costs ~10 ms each."""
        total = 0.0
        for ch in str(text):
            key = (ch, bold)
            w = self.cache.get(key)
            if w is None:
                from matplotlib.font_manager import FontProperties
                prop = FontProperties(family=self.family, size=10, weight="bold" if bold else "normal")
                # measured between two letters: a lone space has no ink, and so no width, here
                a = self.r.get_text_width_height_descent(f"x{ch}x", prop, ismath=False)[0]
                b = self.r.get_text_width_height_descent("xx", prop, ismath=False)[0]
                w = self.cache[key] = (a - b) / 72.0 / 10.0
            total += w
        return total * size * 1.02

    def wrap(self, text: str, width: float, size: float, bold: bool = False) -> list[str]:
        """Greedy line breaking: between words, and between any two CJK characters."""
        lines: list[str] = []
        for para in str(text).split("\n"):
            line = ""
            for tok in _TOKENS.findall(para):
                cand = line + tok
                # a closing mark never starts a line (it stays on this one, a little past the edge)
                if line and tok[0] not in _NO_LINE_START and self.width(cand.rstrip(), size, bold) > width:
                    lines.append(line.rstrip())
                    line = tok.lstrip()
                else:
                    line = cand
            lines.append(line.rstrip())
        return lines

    def fit(self, text: str, width: float, size: float) -> str:
        """``text`` shortened with an ellipsis to fit ``width``."""
        s = str(text)
        if self.width(s, size) <= width:
            return s
        while s and self.width(s + "…", size) > width:
            s = s[:-1]
        return s.rstrip() + "…"


class _Writer:
    def __init__(self, pdf, measure: _Measure):
        self.pdf, self.m = pdf, measure
        self.fig = None
        self.y = MARGIN
        self.pages = 0

    # -- pages ------------------------------------------------------------------------------
    def new_page(self) -> None:
        from matplotlib.figure import Figure
        self.flush()
        self.fig = Figure(figsize=(PAGE_W, PAGE_H))
        self.y = MARGIN
        self.pages += 1

    def flush(self) -> None:
        if self.fig is not None:
            self.pdf.savefig(self.fig)
            self.fig = None

    def room(self) -> float:
        return PAGE_H - MARGIN - self.y

    # -- drawing (inches from the top-left corner) ------------------------------------------
    def text(self, x, y, s, size, color=INK, bold=False, ha="left"):
        self.fig.text(x / PAGE_W, 1 - y / PAGE_H, s, fontsize=size, color=color, va="top", ha=ha,
                      fontweight="bold" if bold else "normal", fontfamily=self.m.family)

    def rule(self, x0, x1, y, color=RULE, lw=0.6):
        from matplotlib.lines import Line2D
        self.fig.add_artist(Line2D([x0 / PAGE_W, x1 / PAGE_W], [1 - y / PAGE_H] * 2, color=color, lw=lw,
                                   transform=self.fig.transFigure))

    def image(self, png: bytes, x, y, w, h):
        from matplotlib.image import imread
        ax = self.fig.add_axes((x / PAGE_W, 1 - (y + h) / PAGE_H, w / PAGE_W, h / PAGE_H))
        ax.imshow(imread(io.BytesIO(png), format="png"), interpolation="none", aspect="auto")
        ax.set_axis_off()

    # -- blocks -----------------------------------------------------------------------------
    def paragraph(self, text, x, y, w, size, color=INK, bold=False, draw=True) -> float:
        lh = size * 1.38 / 72
        lines = self.m.wrap(text, w, size, bold)
        if draw:
            for i, ln in enumerate(lines):
                self.text(x, y + i * lh, ln, size, color, bold)
        return len(lines) * lh

    def table(self, b, x, y, w, draw=True) -> float:
        size, lh = 7.5, 7.5 * 1.42 / 72
        total = sum(b.widths) or len(b.columns)
        widths = [w * (c / total) for c in (b.widths or [1] * len(b.columns))]
        xs = [x + sum(widths[:i]) for i in range(len(widths))]
        rows = [(b.columns, MUTED)] + [(r, INK) for r in b.rows]
        if draw:
            for j, (row, color) in enumerate(rows):
                yy = y + j * lh
                for i, cell in enumerate(row):
                    pad = 0.06
                    s = self.m.fit(cell, widths[i] - pad, size)
                    right = (b.align[i:i + 1] or "l") == "r"
                    self.text(xs[i] + (widths[i] - pad if right else 0), yy + 0.02, s, size, color,
                              ha="right" if right else "left")
                if j == 0:
                    self.rule(x, x + w, yy + lh)
        return len(rows) * lh + 0.04

    def section(self, s, x, y, w, draw=True) -> float:
        h = 0.0
        if s.title:
            h = self.paragraph(s.title, x, y, w, 9.5, INK, bold=True, draw=draw) + 0.02
            if draw:
                self.rule(x, x + w, y + h)
            h += 0.06
        for b in s.blocks:
            if b.kind == "text":
                size = {"lead": 9.0, "muted": 7.5}.get(b.style, 8.5)
                h += self.paragraph(b.text, x, y + h, w, size, MUTED if b.style == "muted" else INK,
                                    bold=b.style == "lead", draw=draw) + 0.03
            elif b.kind == "table":
                h += self.table(b, x, y + h, w, draw=draw)
            elif b.kind == "image":
                iw = min(w, b.width_in)
                ih = b.height_in * iw / b.width_in
                if draw:
                    self.image(b.png, x, y + h, iw, ih)
                h += ih + 0.04
        return h + 0.08

    def room_for(self, text: str, width: float, size: float) -> bool:
        """Start a new page unless ``text`` fits on this one; always True (draw it)."""
        if self.paragraph(text, MARGIN, self.y, width, size, draw=False) > self.room():
            self.new_page()
        return True

    def notes(self, lines: list[str], size: float) -> None:
        """Numbered footnotes in two columns (filled column by column)."""
        full = PAGE_W - 2 * MARGIN
        half = (full - GAP) / 2
        heights = [self.paragraph(n, 0, 0, half, size, draw=False) + 0.01 for n in lines]
        total, acc, split = sum(heights), 0.0, len(lines)
        for i, h in enumerate(heights):
            if acc >= total / 2:
                split = i
                break
            acc += h
        cols = [(MARGIN, lines[:split], heights[:split]), (MARGIN + half + GAP, lines[split:], heights[split:])]
        need = max(sum(heights[:split]), sum(heights[split:]))
        if need > self.room():
            self.new_page()
        self.rule(MARGIN, PAGE_W - MARGIN, self.y)
        self.y += 0.05
        for x, ls, hs in cols:
            y = self.y
            for n, h in zip(ls, hs):
                self.paragraph(n, x, y, half, size, MUTED)
                y += h
        self.y += need + 0.04

    def place(self, group: list) -> None:
        """One full section, or two half sections side by side."""
        full = PAGE_W - 2 * MARGIN
        if len(group) == 1 and group[0].span == "full":
            slots = [(MARGIN, full)]
        else:
            half = (full - GAP) / 2
            slots = [(MARGIN, half), (MARGIN + half + GAP, half)]
        height = max(self.section(s, x, self.y, w, draw=False) for s, (x, w) in zip(group, slots))
        if height > self.room() and self.y > MARGIN + 1.0:
            self.new_page()
        for s, (x, w) in zip(group, slots):
            self.section(s, x, self.y, w)
        self.y += height


def _groups(sections) -> list[list]:
    out, pending = [], []
    for s in sections:
        if s.span == "half":
            pending.append(s)
            if len(pending) == 2:
                out.append(pending)
                pending = []
        else:
            if pending:
                out.append(pending)
                pending = []
            out.append([s])
    if pending:
        out.append(pending)
    return out


def write_pdf(content, path: str | Path, reporter=None) -> int:
    """Write ``content`` (a :class:`~.build.ReportContent`) as an A4 PDF; returns the page count."""
    from matplotlib.backends.backend_pdf import PdfPages

    from ..charts import setup
    from ..tasks import as_reporter

    rep = as_reporter(reporter)
    setup()                                     # house fonts incl. the CJK family; pdf.fonttype 3
    m = _Measure()
    full = PAGE_W - 2 * MARGIN
    meta = {"Title": f"{content.title} · {content.subtitle}", "Creator": "ShopInsight"}
    with PdfPages(path, metadata=meta) as pdf:
        w = _Writer(pdf, m)
        w.new_page()
        w.text(MARGIN, w.y, content.title, 16, ACCENT, bold=True)
        w.y += 0.3
        w.y += w.paragraph(content.subtitle, MARGIN, w.y, full, 8.5, MUTED)
        w.rule(MARGIN, PAGE_W - MARGIN, w.y + 0.03, ACCENT, 1.5)
        w.y += 0.15
        groups = _groups(content.sections)
        for i, g in enumerate(groups):
            rep(i / (len(groups) + 1), "")
            w.place(g)
        notes = [f"{i + 1}. {n}" for i, n in enumerate(content.footnotes)]
        w.notes(notes, 6.2)
        for line in content.footer:
            w.y += w.paragraph(line, MARGIN, w.y, full, 6.0, MUTED, draw=w.room_for(line, full, 6.0)) + 0.01
        w.flush()
        pages = w.pages
    rep(1.0, "")
    return pages


def page_count(path: str | Path) -> Optional[int]:
    """Pages of a PDF written here (counts its /Type /Page objects)."""
    data = Path(path).read_bytes()
    return len(re.findall(rb"/Type\s*/Page\b", data))
