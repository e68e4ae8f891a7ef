"""The named choices a learner makes, with the words the page shows for them: the losses, the graph's
views, the built-in data sets. Everything that checks or offers one of them reads it from here."""

from __future__ import annotations

LOSS_LABELS = {"cross_entropy": "cross-entropy", "squared": "squared error"}
VIEW_LABELS = {"lecture": "lecture (z as one node)", "expanded": "expanded (every product a node)"}
DATA_SETS = ("separable", "overlapping", "outlier")
