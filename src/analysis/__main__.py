"""Entry point for ``python -m analysis`` (and the ``plan-assessment`` script)."""

import sys

#: Optional modules that the notebook machinery would import but the command line never uses,
#: kept out of its process. jsonschema (imported by nbformat, which papermill, nbclient and
#: nbconvert import) imports ``rfc3987_syntax`` when it is installed, for its "iri" format
#: checker, and that module builds its Lark parsers at import: 0.7 s of every cold report.
#: nbformat validates notebooks without a format checker, so nothing here ever calls it.
UNUSED_IMPORTS = ("rfc3987_syntax",)


def skip_unused_imports() -> None:
    """Make :data:`UNUSED_IMPORTS` unimportable in this process (their importers do without).

    Only for the command line's own process: a library function must not change what its
    caller's process can import.
    """
    for name in UNUSED_IMPORTS:
        sys.modules.setdefault(name, None)  # None: "import name" raises ImportError


def run() -> int:
    """Run the command line (:func:`analysis.cli.main`) in this process.

    Ctrl-C while the command line itself is still being imported ends quietly too (exit 130).
    """
    skip_unused_imports()
    try:
        # late: after skip_unused_imports, and inside the try so that Ctrl-C while the command
        # line is being imported exits 130 as well
        from analysis.cli import main
    except KeyboardInterrupt:
        return 130
    return main()


if __name__ == "__main__":
    sys.exit(run())
