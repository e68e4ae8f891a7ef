"""Explore: the lesson alone (the graph, its step-through, the animation and the surface), with
nothing beside it."""

from __future__ import annotations

from .base import ModeView

VIEW = ModeView()
