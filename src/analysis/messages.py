"""The language of the product's messages, and texts translated only when they are printed.

Which language
--------------
Every error, warning and notice the commands print is in Vietnamese by default, in English on
request. The language is, in this order:

1. the command's ``--lang`` option (``report --lang en`` sets the report's language and the
   messages'; ``batch --lang en,vi`` takes the first language listed);
2. the environment variable :data:`ENV_VAR` (``ANALYSIS_LANG=en``), which also reaches the
   report notebook's kernel and the batch's worker processes;
3. Vietnamese.

A batch's worker processes print in the batch's language (:func:`set_process_lang`); an
input error raised in the report notebook carries the report's language
(:attr:`analysis.errors.InputError.lang`).

A value of :data:`ENV_VAR` other than a product language is ignored (the default applies).

Texts
-----
A message is built where the problem is found, but printed later, possibly in another
language (a batch worker finds it; the command prints it). It is therefore kept as a
:class:`Text`: a key of the translation table (:mod:`analysis.i18n`, file
``translations/messages.yaml``) and the values of its placeholders. Values that depend on the
language are themselves :class:`Text` (a translated phrase) or :class:`Num` (a number, written
``63,6`` in Vietnamese and ``63.6`` in English, never with a thousands separator so that it
cannot be misread); lists are joined with commas; anything else is printed as it is.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field

from analysis.i18n import DEFAULT_LANG, LANGUAGES, t

#: Environment variable that sets the messages' language when no ``--lang`` is given.
ENV_VAR = "ANALYSIS_LANG"
#: Text shown for a missing value (a number that is NaN, a value not known).
MISSING = "–"

#: A number with one separator followed by exactly three digits (``1,234``): two readings.
_AMBIGUOUS = re.compile(r"[+-]?[1-9]\d{0,2}[.,]\d{3}")

_current: ContextVar[str | None] = ContextVar("analysis_message_lang", default=None)
#: The report's way of writing a message's numbers, while a message is written into a report's
#: text (:func:`report_numbers`); None: the form that cannot be misread.
_number_format: ContextVar[Callable[[Num, str], str] | None] = ContextVar(
    "analysis_number_format", default=None)
_process: dict[str, str | None] = {"lang": None}


def env_lang(environ: Mapping[str, str] | None = None) -> str:
    """The language :data:`ENV_VAR` asks for, else :data:`DEFAULT_LANG`."""
    environ = os.environ if environ is None else environ
    value = str(environ.get(ENV_VAR, "")).strip().lower()
    return value if value in LANGUAGES else DEFAULT_LANG


def current_lang() -> str:
    """The language messages are printed in now.

    The one set by :func:`language`, else the process's (:func:`set_process_lang`), else the
    environment's (:func:`env_lang`).
    """
    return _current.get() or _process["lang"] or env_lang()


def set_process_lang(lang: str | None) -> None:
    """Print this process's messages in ``lang`` from now on (None: back to the environment's).

    For a process that has one language throughout: a worker process of a batch.
    """
    _process["lang"] = lang if lang in LANGUAGES else None


@contextlib.contextmanager
def language(lang: str | None) -> Iterator[str]:
    """Print messages in ``lang`` inside the ``with`` block (None: keep the current one)."""
    lang = lang if lang in LANGUAGES else current_lang()
    token = _current.set(lang)
    try:
        yield lang
    finally:
        _current.reset(token)


def resolve(lang: str | None) -> str:
    """``lang`` when it is a product language, else :func:`current_lang`."""
    return lang if lang in LANGUAGES else current_lang()


@dataclass(frozen=True)
class Num:
    """A number in a message, written so that it cannot be misread in either language.

    ``Num(63600)`` is ``63600``; ``Num(63.6)`` is ``63,6`` (vi) or ``63.6`` (en); ``decimals``
    rounds (``Num(41.35, 1)`` is ``41,4``/``41.4``) and ``signed`` writes ``+`` before
    positive values.
    """

    value: float
    decimals: int | None = None
    signed: bool = False

    def render(self, lang: str) -> str:
        """The number as text in ``lang``."""
        x = float(self.value)
        if math.isnan(x):
            return MISSING
        written = _number_format.get()
        if written is not None:
            return written(self, lang)
        text = f"{x:.{self.decimals}f}" if self.decimals is not None else f"{x:.15g}"
        if "e" not in text and "." in text and self.decimals is None:
            text = text.rstrip("0").rstrip(".")
        if self.signed and x > 0:
            text = "+" + text
        text = text.replace(".", t("number.decimal_mark", lang))
        # "1,234" or "1.234" could be read two ways: a trailing zero settles it ("1,2340")
        return text + "0" if _AMBIGUOUS.fullmatch(text) else text


@contextlib.contextmanager
def report_numbers(write: Callable[[Num, str], str]) -> Iterator[None]:
    """Within the block, every :class:`Num` is written by ``write(num, lang)``: the report's own
    number formatting (:func:`analysis.report.formatting.message_number`, thousands grouped,
    the minus sign −), so that a message set in a printed annex reads like the report around
    it. On a terminal a message keeps the form that cannot be misread (``63600``, ``1,2340``).
    """
    token = _number_format.set(write)
    try:
        yield
    finally:
        _number_format.reset(token)


@dataclass(frozen=True)
class Text:
    """A translatable message: a key of the translation table and its placeholder values."""

    key: str
    values: Mapping[str, object] = field(default_factory=dict)

    def render(self, lang: str | None = None) -> str:
        """The text in ``lang`` (default :func:`current_lang`), its values rendered too."""
        lang = resolve(lang)
        return t(self.key, lang, **{k: render(v, lang) for k, v in self.values.items()})

    def __str__(self) -> str:
        return self.render()


def text(key: str, /, **values: object) -> Text:
    """Build a :class:`Text` (shorter to write: ``text("msg.number.invalid")``)."""
    return Text(key, values)


def render(value: object, lang: str | None = None) -> str:
    """Render a message value in ``lang``.

    :class:`Text` and :class:`Num` by language, a mapping of the languages (a name from the
    data in both) by its entry, lists joined with commas, anything else as text.
    """
    lang = resolve(lang)
    if isinstance(value, Text | Num):
        return value.render(lang)
    if isinstance(value, Mapping) and lang in value:  # {"vi": ..., "en": ...}: data in both
        return str(value[lang])
    if isinstance(value, list | tuple):
        return ", ".join(render(v, lang) for v in value)
    if isinstance(value, float):
        return Num(value).render(lang)
    return str(value)
