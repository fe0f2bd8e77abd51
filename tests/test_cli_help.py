"""``--help`` of every command, in Vietnamese and in English, never crashes.

argparse fills every help string with ``%`` formatting; a help text with a literal ``%`` (the
scenarios' "%/năm") ended ``report --help`` and ``assess --help`` with ``ValueError:
unsupported format character '/'``. The first test runs every command's help as it ships;
the second puts a ``%`` into every help text of the translation table, so that a help string
added later without going through :func:`analysis.cli.common.help_text` fails here too.
"""

from __future__ import annotations

import pytest
from support import cli

from analysis import i18n
from analysis.cli import COMMANDS

LANGS = ("vi", "en")
#: Words of each command's help as the translation table ships them, in both languages.
EXPECTED = {
    "assess": ("(%/năm)", "in %/yr"),
    "report": ("(%/năm)", "in %/yr"),
    "check": ("--actuals", "--actuals"),
    "template": ("--out", "--out"),
    "batch": ("--years", "--years"),
    "programmes": ("--lang", "--lang"),
}


def test_every_command_is_in_the_table_of_expectations():
    assert set(EXPECTED) == set(COMMANDS)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_help_of_every_command_in_both_languages(command, lang):
    code, out, err = cli([command, "--help", "--lang", lang])
    assert code == 0, err
    assert err == ""
    words = EXPECTED[command][LANGS.index(lang)]
    assert words in out
    # a literal % prints once, never doubled
    assert "%%" not in out
    usage = "cách dùng:" if lang == "vi" else "usage:"
    assert out.startswith(usage)


@pytest.mark.parametrize("lang", LANGS)
def test_top_level_help_in_both_languages(lang, monkeypatch):
    monkeypatch.setenv("ANALYSIS_LANG", lang)
    code, out, err = cli(["--help"])
    assert code == 0, err
    for command in COMMANDS:
        assert command in out


#: Put into every help text: a percent before a letter, a slash and a space, the three ways
#: a bare % breaks argparse's formatting.
PERCENTS = " [100%s 5%/yr 7% x]"


@pytest.mark.parametrize("lang", LANGS)
def test_a_percent_in_any_help_text_prints_as_typed(lang, monkeypatch):
    table = i18n.table()
    patched = {key: ({k: v + PERCENTS for k, v in entry.items()}
                     if key.startswith(("msg.cli.", "msg.argparse.help")) else entry)
               for key, entry in table.items()}
    monkeypatch.setattr(i18n, "table", lambda: patched)
    for command in [*COMMANDS, None]:
        argv = [command, "--help", "--lang", lang] if command else ["--help", "--lang", lang]
        code, out, err = cli(argv)
        assert code == 0, (command, err)
        # every option's help and the command's own description carry the marker, once each
        assert PERCENTS.strip() in " ".join(out.split()), command
        assert "%%" not in out, command
