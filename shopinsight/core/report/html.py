"""The report as one self-contained HTML file: a Jinja2 template (``resources/report/
report.html.j2``, autoescaped) with every chart embedded as a base64 PNG, no scripts, no fonts
or style sheets fetched from anywhere — it opens offline and prints on A4."""
from __future__ import annotations

from pathlib import Path

__all__ = ["render_html", "write_html", "TEMPLATE"]

TEMPLATE = "report.html.j2"


def render_html(content) -> str:
    """The HTML text of a :class:`~.build.ReportContent`."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    from ...resources import resource_path

    env = Environment(loader=FileSystemLoader(str(resource_path("report"))),
                      autoescape=select_autoescape(["html", "j2"]), undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    return env.get_template(TEMPLATE).render(c=content)


def write_html(content, path: str | Path) -> None:
    Path(path).write_text(render_html(content), encoding="utf-8")
