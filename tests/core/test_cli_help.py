"""`shopinsight [--lang zh_CN] VERB --help` fits the terminal: lines are wrapped by display columns
(a Chinese character takes two), long choice lists move into the wrapped help text."""
from __future__ import annotations

import pytest

from shopinsight.cli import build_parser, main
from shopinsight.cli.argtext import wrap_columns
from shopinsight.cli.common import text_width
from shopinsight.core import i18n


def _verbs() -> list[str]:
    p = build_parser()
    sub = next(a for a in p._actions if a.__class__.__name__ == "_SubParsersAction")
    return list(sub.choices)


@pytest.fixture
def columns_80(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    yield
    i18n.set_language("en")


def _help(capsys, *argv) -> list[str]:
    assert main([*argv, "--help"]) == 0
    out, err = capsys.readouterr()
    return (out + err).splitlines()


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_help_line_of_every_verb_fits_80_columns(lang, columns_80, capsys):
    too_wide = {}
    for verb in [None, *_verbs()]:
        lines = _help(capsys, "--lang", lang, *([verb] if verb else []))
        assert len(lines) > 3, verb
        wide = [ln for ln in lines if text_width(ln) > 80]
        if wide:
            too_wide[verb] = wide
    assert not too_wide, too_wide


def test_chinese_usage_lines_up_under_the_wide_prefix_and_choices_stay_listed(columns_80, capsys):
    lines = _help(capsys, "--lang", "zh_CN", "lines")
    head = "用法：shopinsight lines "
    assert lines[0].startswith(head)
    cont = lines[1]                                  # the usage's second line starts under the first option
    assert text_width(cont) - text_width(cont.lstrip()) == text_width(head)
    text = "\n".join(lines)
    assert "[--sort SORT]" in text and "[--flag FLAG]" in text
    assert "merchandise_sales" in text and "is_merchandise" in text and "可选：" in text
    assert "{all," not in text
    assert "{.,,}" in "\n".join(_help(capsys, "import"))        # a short list stays in braces


def test_wrap_columns_breaks_between_chinese_characters_not_inside_words_or_before_punctuation():
    text = "按周（2011-W45）或一天（2011-11-05）汇总，默认 rolling-origin 回测。"
    lines = wrap_columns(text, 16)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(text_width(ln) <= 16 for ln in lines)
    assert any("2011-W45" in ln for ln in lines) and any("rolling-origin" in ln for ln in lines)
    assert not any(ln[0] in "，。）" for ln in lines) and not any(ln[-1] == "（" for ln in lines)
    assert wrap_columns("a" * 25, 10) == ["a" * 10, "a" * 10, "a" * 5]     # a word longer than a line


def test_chinese_section_headings_end_in_a_full_width_colon(columns_80, capsys):
    """argparse writes 'heading:' itself: a Chinese heading ('选项', '位置参数') takes '：' like the usage's
    '用法：'; English headings keep their ':'."""
    for verb in [None, "info", "lines"]:
        zh = _help(capsys, "--lang", "zh_CN", *([verb] if verb else []))
        assert "选项：" in zh and not [ln for ln in zh if ln.rstrip().endswith(":") and text_width(ln) != len(ln)]
    assert "options:" in _help(capsys, "--lang", "en", "info")
