"""``shopinsight gui [SHOP]``: open the app window (also what ``shopinsight`` with no verb does)."""
from __future__ import annotations

import argparse
import os
import sys

from ..core.i18n import _


def register(sub) -> None:
    p = sub.add_parser(
        "gui", help="open the app window (the default with no verb)",
        description="Open the ShopInsight window on SHOP (default: the last shop, else the sample shop).")
    p.add_argument("shop", nargs="?", metavar="SHOP", help="shop file to open")
    p.add_argument("--db", dest="db", metavar="SHOP", help=argparse.SUPPRESS)
    p.add_argument("--screenshots", metavar="DIR",
                   help="open the shop offscreen, save one PNG per tab and dialog into DIR, exit")
    p.add_argument("--size", metavar="WxH", type=_size, default=None,
                   help="with --screenshots: the window size in pixels (default 1440x900; the laptop and "
                        "desktop sizes the screens are checked at are 1280x800 and 1920x1080)")
    p.add_argument("--smoke", action="store_true",
                   help="start offscreen, show the window, report the start-up time, exit")
    p.add_argument("--json", action="store_true", help="with --smoke/--screenshots: one JSON object on stdout")
    p.add_argument("--lang", choices=["en", "zh_CN", "xx_PSEUDO"],
                   help="UI language (default: saved choice, else system); xx_PSEUDO marks every translated "
                        "text ⟦…⟧ and, with --screenshots, reports (exit 1) visible text that bypassed translation")
    p.set_defaults(handler=run)


def _size(text: str) -> tuple[int, int]:
    """``WxH`` (e.g. ``1280x800``) as a (width, height) pair; argparse reports anything else (exit 2)."""
    w, sep, h = text.lower().replace("×", "x").partition("x")
    try:
        size = (int(w), int(h)) if sep else None
    except ValueError:
        size = None
    if size is None or not (320 <= size[0] <= 7680 and 240 <= size[1] <= 4320):
        raise argparse.ArgumentTypeError(_("{value} is not a window size such as 1280x800 (width 320–7680, height "
                                           "240–4320)").format(value=repr(text)))
    return size


def run(args: argparse.Namespace) -> int:
    headless = bool(args.smoke or args.screenshots)
    if args.size and not args.screenshots:
        from .common import BadInput
        raise BadInput(_("--size: only with --screenshots DIR"))
    if headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        # the offscreen platform warns about window hints it cannot honour: noise, not problems
        os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
    # Import the big non-Qt libraries before PySide6: once PySide6 is loaded, its import hook
    # inspects the source of every module imported afterwards (about 0.5 s for pandas alone).
    from ..core import store  # noqa: F401  (pandas, numpy, sqlite-utils)
    try:
        from ..gui.app import run as run_gui
    except ImportError as exc:  # a headless install without Qt
        print(_("shopinsight: error: {message}").format(
            message=_("the app window needs PySide6 ({error})").format(error=exc)), file=sys.stderr)
        return 1
    return run_gui(args.shop or args.db, screenshots=args.screenshots, smoke=args.smoke,
                   json_out=args.json, lang=args.lang, size=args.size)
