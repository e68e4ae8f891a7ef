"""Charts that update in place, for the page.

st.plotly_chart remounts a chart whenever its figure changes: a 3-D surface then builds a new WebGL
context (about 0.6 s in a software renderer) and loses the camera a learner set. `live_chart` mounts
one <div> per key and calls Plotly.react on it with each new figure, so the scene, its camera
(`uirevision`) and the animation controls stay, and only what changed is redrawn.

plotly.js is the copy Streamlit loads for st.plotly_chart (the page always has one, the graph).
"""

from __future__ import annotations

import json

import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

LIVE_JS = """
// "p" plays or pauses the first animated chart on the page (presenter mode's remote-friendly key),
// unless the learner is typing in a field.
function installPlayKey() {
  if (window.__logregPlayKey) return;
  window.__logregPlayKey = true;
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    if (event.key !== "p" || event.ctrlKey || event.metaKey || event.altKey) return;
    if (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
    const gd = [...document.querySelectorAll(".live-chart")].find((d) => d._transitionData &&
      d._transitionData._frames && d._transitionData._frames.length);
    if (!gd) return;
    const [play, pause] = gd.layout.updatemenus[0].buttons;  // the figure's own Play and Pause
    if (gd.__playing) {
      gd.__playing = false;
      window.Plotly.animate(gd, ...pause.args);
    } else {
      gd.__playing = true;
      const last = gd._transitionData._frames.length - 1;
      const at = gd._fullLayout.sliders[0].active;
      window.Plotly.animate(gd, null, Object.assign({}, play.args[1], {fromcurrent: at < last}))
        .then(() => { gd.__playing = false; });
    }
  });
}

export default function (component) {
  const { data, parentElement } = component;
  let div = parentElement.querySelector(".live-chart");
  if (!div) {
    div = document.createElement("div");
    div.className = "live-chart";
    parentElement.appendChild(div);
  }
  // the figure as plotly.io wrote it (config inside), sent as raw bytes: no second JSON escaping
  installPlayKey();
  const text = typeof data === "string" ? data : new TextDecoder().decode(data);
  if (div.__figureText === text) return;  // a rerun that changed nothing here: leave the chart alone
  div.__figureText = text;
  const draw = () => {
    const figure = JSON.parse(text);
    const config = Object.assign({responsive: true}, figure.config || {});
    // Paint the new state first; the animation frames (only needed for play and scrub) follow
    // in the next task, so a changed control shows on every chart as early as it can.
    const drawn = window.Plotly.react(div, {data: figure.data, layout: figure.layout, frames: [], config});
    if (figure.frames && figure.frames.length) {
      Promise.resolve(drawn).then(() => setTimeout(() => {
        if (div.__figureText === text) window.Plotly.addFrames(div, figure.frames);
      }, 0));
    }
  };
  if (window.Plotly) { draw(); return; }
  const started = Date.now();
  const wait = setInterval(() => {
    if (window.Plotly) { clearInterval(wait); draw(); }
    else if (Date.now() - started > 20000) {
      clearInterval(wait);
      div.textContent = "The chart library did not load; reload the page.";
    }
  }, 30);
}
"""

_live = st.components.v2.component("logreg_viz_live_chart", js=LIVE_JS, isolate_styles=False)


def live_chart(fig: go.Figure, key: str, config: dict | None = None) -> None:
    """Draw `fig` under `key`; later figures under the same key update the same chart in place.

    The figure travels as the UTF-8 bytes of the JSON plotly.io writes (arrays as base64 `bdata`,
    frames and config included), parsed once in the browser.
    """
    text = pio.to_json(fig, validate=False, engine="orjson")  # UTF-8 as is, and faster than json
    payload = '{"config":' + json.dumps(config or {}) + "," + text[1:]
    _live(data=payload.encode(), key=key)
