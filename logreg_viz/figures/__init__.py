"""Plotly figures built from the core's results: the graph, the animation, the 3-D surface."""

from .animation import make_animation_figure
from .graph import make_graph_figure
from .surface3d import make_surface_figure

__all__ = ["make_animation_figure", "make_graph_figure", "make_surface_figure"]
