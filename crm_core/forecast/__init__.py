"""Sales and demand forecast (the modules below); this file holds only what is read without them."""

BLEND = "+"
"""Joins the two best models' names into the name of their mean (``regression+ets``). Here, not in
``candidates``: a kept run's figures split a blend by it (``report.run_grid.model_words``), and
every page's Past runs should not load the models to do so."""
