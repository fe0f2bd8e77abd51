"""One summary row builder per kind of target; what they share is in :mod:`.common`.

=====================================================  ===========================
kind of target                                         builder
=====================================================  ===========================
``level``, ``share_of_grdp``, ``coverage_pct``,        :mod:`.level` (judged on
``count``, ``area``                                    the value in T)
``avg_growth`` (and its scenarios, custom scenarios)   :mod:`.growth`
``change_pp_per_year``                                 :mod:`.pace`
``cumulative``                                         :mod:`.cumulative`
=====================================================  ===========================

:func:`analysis.engine.target.assess_target` picks the builder by the kind's pace method
(:data:`analysis.engine.params.PACE_METHOD_BY_KIND`).
"""
