"""The assessment report, as a PDF and as a Word document.

:func:`analysis.report.render.render_report` is the whole route; ``python -m analysis report``
wraps it. Importing this package imports nothing else: each module loads what it needs, so that
the command line's ``--help`` loads no notebook machinery and the kernel no render machinery.

Where each thing lives, in the order a render goes through them:

==================  ==========================================================================
module              what it holds
==================  ==========================================================================
``parameters``      :class:`ReportParameters`: the report's parameters, one name each, typed
``inputs``          the one input pipeline: load, check the year, assess, commentary, refuse
``render``          the route: check, start the kernel, execute, typeset, write the files
``kernel``          the kernel started early in its work folder; papermill runs the cells
``typeset``         nbconvert's LaTeX export and xelatex (passes, log, missing characters)
``fonts``           the main font, found by file name, and the code points a font has
``workspace``       the render's private work folder; its disk faults as messages
``outputs``         the files of a render written as one set, never half-written
``context``         the :class:`Report` every chapter takes (:func:`setup` builds it)
``chapters/``       one module per chapter kind; ``chapters.base``: sentences and cells
``queries``         what the chapters and the charts read about a target
``charts``          the charts of a target (index, levels, partial year, shares)
``chart_style``     how a figure is drawn: style, font, text as typed, lines, legends
``midyear``         the chapter of the year so far (a mid-year report)
``headline``        the summary line, in the report's words and ``analysis assess``'s
``verify``          the values to verify: the annex section and the marks under verdicts
``commentary``      the assessors' Markdown turned into blocks
``formatting``      values, paces, targets and periods in the report's language
``document``        the blocks (text, tables, figures) and their LaTeX, HTML and JSON
``latex``           escaping and the LaTeX building blocks (tables, headings)
``layout``          Decree 30's page, shared by the PDF and the Word document
``word``            the Word document: blocks read back from the executed notebook
``word_writer``     python-docx writing each kind of block
``word_styles``     the Word document's styles, sizes and the OOXML it needs by hand
``preview``         a page of the PDF as a picture (the README's)
==================  ==========================================================================
"""
