"""The status of an actual value: one order, most final first, and the rank it gives.

Every actual carries a status (the ``status`` column, ``data/schema/actuals.schema.json``).
Four of them say how final a value for a whole period is, most final first:

``official``
    the statistics office's final figure (the yearbook);
``preliminary``
    the statistics office's figure, not yet final;
``estimate``
    a provincial estimate (ước thực hiện), published before the year's figures are final;
``reported``
    a figure a state body or the press states, of unknown finality.

The fifth, ``partial-year``, stands apart: it is the status of a value for the first months of
a year, and only of such a value (:mod:`analysis.data.periods`). It is never an annual value,
and it competes only with other partial values of the same months, so its place in the rank
(after every other) decides nothing.

:data:`STATUSES` is the one order: the selection rule ranks by it (:data:`STATUS_RANK`,
:mod:`analysis.data.selection`), the schema's enum lists the statuses in it (a test checks), and
so do the Excel dropdowns, the messages and the workbook's guide.
"""

from __future__ import annotations

#: The statuses of a value for a whole period, most final first.
OFFICIAL, PRELIMINARY, ESTIMATE, REPORTED = "official", "preliminary", "estimate", "reported"
#: The status of a value for the first months of a year: never an annual value.
PARTIAL_STATUS = "partial-year"
#: Every status, in the one order: most final first, the partial-year status last.
STATUSES = (OFFICIAL, PRELIMINARY, ESTIMATE, REPORTED, PARTIAL_STATUS)
#: Finality of a status: lower is more final (the position in :data:`STATUSES`).
STATUS_RANK = {status: rank for rank, status in enumerate(STATUSES)}
#: Statuses of a whole period's value that are not final: the verdicts resting on them say so.
NOT_FINAL_STATUSES = (PRELIMINARY, ESTIMATE, REPORTED)
