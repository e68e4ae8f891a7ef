"""logreg-viz: logistic regression as a computation graph, one gradient step at a time.

from logreg_viz import forward_backward, descend
p = forward_backward([1.0, 2.0], 1, [0.5, -0.3], 0.1)
p.dz, p.dw, p.db
h = descend([1.0, 2.0], 1, [0.5, -0.3], 0.1, lr=0.5, steps=100)
h.w[-1], h.loss[-1]
"""

from .batch import BatchHistory, BatchPass, batch_descend, batch_forward_backward, stochastic_descend
from .engine import Edge, Node, backpropagate, topological_sort, trace
from .graph import Graph, build_graph
from .nudge import nudge
from .single_example import History, Pass, descend, forward_backward, gradient_step
from .surface import Surface, loss_grid, param_names, trajectory_ranges
from .validate import MAX_STEPS

__all__ = [
    "MAX_STEPS",
    "BatchHistory",
    "BatchPass",
    "Edge",
    "Graph",
    "History",
    "Node",
    "Pass",
    "Surface",
    "backpropagate",
    "batch_descend",
    "batch_forward_backward",
    "build_graph",
    "descend",
    "forward_backward",
    "gradient_step",
    "loss_grid",
    "nudge",
    "param_names",
    "stochastic_descend",
    "topological_sort",
    "trace",
    "trajectory_ranges",
]
