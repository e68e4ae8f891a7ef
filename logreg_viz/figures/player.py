"""The lean player: how the page (and an exported HTML file) plays an animated figure.

plotly.js's own `animate` works out the whole figure's defaults again for every frame, and, drawing
only the traces a frame changes, it clears every filled contour on the chart (plotly.js#4491). The
player writes each frame's texts and positions into the chart plotly.js drew and has plotly.js draw
the frame whole where the run stops. It is JavaScript (`player.js`, beside this file), shared by the
page (`ui.py`) and `export.animation_html`, so both play a run the same way.
"""

from pathlib import Path

# The player itself, read once: the page's live chart and the exported file each include it.
LEAN_PLAYER_JS = Path(__file__).with_name("player.js").read_text(encoding="utf-8")

# Hands a chart drawn by plotly.js to the player: its Play and Pause buttons and its slider.
INSTALL_JS = """
for (const layout of [gd.layout, gd._fullLayout]) pageDrawsSlider({layout});
installLeanButtons(gd);
followSlider(gd);
"""
