"""The one reader of the YAML files a user gives: bounded, safe, and with the product's messages.

Every YAML text that comes from outside the package goes through :func:`load`: a programme's
``programme.yaml``, a scenarios file, a commentary file's front matter, the report notebook's
``scenarios`` parameter written as a bracketed list. (The package's own translation table is
read by :mod:`analysis.i18n` with libyaml, for speed: it is shipped code, not input.)

What it refuses, each as an :class:`~analysis.errors.InputError` naming the file and the line:

* **aliases** (``*name``). An alias repeats the node its anchor (``&name``) names; nine levels
  of ten aliases each (the "billion laughs") make a few hundred bytes expand into 10⁹ strings,
  minutes of work and gigabytes of memory. None of the product's files needs them, so any alias
  is refused before a node is built (the expansion never starts);
* **a key given twice** in one mapping (PyYAML would keep the last silently: a scenario
  written twice, a ``title`` overwritten);
* **tags that build objects** (``!!python/object``): the safe loader knows none of them;
* **more than** :data:`MAX_YAML_BYTES` of text.

``typed=False`` reads every scalar as the text typed (PyYAML's ``BaseLoader``), with the same
refusals: :mod:`analysis.data.scenarios` reads the rates as typed.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError

from analysis.data.textfiles import read_text, too_large
from analysis.errors import InputError, Problem
from analysis.messages import text

#: Largest YAML text read, in bytes (the product's own files are under 4 KB).
MAX_YAML_BYTES = 1 << 20


class _Refusals:
    """What every loader here refuses: aliases before they are expanded, repeated keys."""

    def compose_node(self, parent, index):  # noqa: D102 - PyYAML's composer
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise ComposerError(None, None, "alias", event.start_mark)
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):  # noqa: D102 - PyYAML's constructor
        if isinstance(node, yaml.MappingNode):
            seen: set = set()
            for key_node, _ in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else id(key_node)
                if key in seen:
                    raise ConstructorError(None, None, f"duplicate:{key}", key_node.start_mark)
                seen.add(key)
        return super().construct_mapping(node, deep=deep)


class SafeLoader(_Refusals, yaml.SafeLoader):
    """PyYAML's safe loader with :class:`_Refusals`."""


class TextLoader(_Refusals, yaml.BaseLoader):
    """PyYAML's base loader (every scalar as text) with :class:`_Refusals`."""


def compose(source: str, file: Path | str = "", *, first_line: int = 1):
    """The node tree of a YAML text (where each key and value is), with :func:`load`'s
    refusals: an alias is refused while the tree is built.
    """
    return _parsed(yaml.compose, source, file, first_line, SafeLoader, None)


def load(source: str, file: Path | str = "", *, first_line: int = 1, typed: bool = True,
         parameter: str | None = None):
    """Parse a YAML text; an :class:`InputError` naming ``file`` and the line when it is refused.

    Parameters
    ----------
    source : str
        The YAML text.
    file : path or str
        The file named in messages ("" for a parameter).
    first_line : int
        The line of ``file`` where ``source`` begins (a front matter starts at line 2).
    typed : bool
        False: every scalar as the text typed (see the module docstring).
    parameter : str, optional
        The parameter named in messages when the text is a parameter's value.
    """
    return _parsed(yaml.load, source, file, first_line, SafeLoader if typed else TextLoader,
                   parameter)


def _parsed(parse, source: str, file, first_line: int, loader, parameter: str | None):
    """``parse(source, Loader=loader)``; a refusal or a syntax error as an InputError."""
    where = {"file": str(file), "parameter": parameter}
    size = len(source.encode("utf-8"))
    if size > MAX_YAML_BYTES:
        raise too_large(file, size, MAX_YAML_BYTES, parameter)
    try:
        return parse(source, Loader=loader)  # noqa: S506 - the safe loaders above
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = None if mark is None else mark.line + first_line
        problem = str(getattr(exc, "problem", "") or exc)
        if problem == "alias":
            message = text("msg.yaml.alias")
        elif problem.startswith("duplicate:"):
            message = text("msg.yaml.duplicate_key", key=problem.split(":", 1)[1])
        else:
            message = text("msg.yaml.invalid", reason=problem)
        raise InputError([Problem(**where, row=row, message=message)]) from None


def read(path: Path | str, *, typed: bool = True):
    """Read and parse a YAML file with :func:`load` (its text must be UTF-8)."""
    path = Path(path)
    return load(read_text(path, limit=MAX_YAML_BYTES), path, typed=typed)
