"""Charts that update in place, for the page.

st.plotly_chart remounts a chart whenever its figure changes: a 3-D surface then builds a new WebGL
context (about 0.6 s in a software renderer) and loses the camera a learner set. `live_chart` mounts
one <div> per key and calls Plotly.react on it with each new figure, so the scene, its camera
(`uirevision`) and the animation controls stay, and only what changed is redrawn.

plotly.js is the copy Streamlit loads for st.plotly_chart: `plotly_loader` draws one tiny, hidden,
never-changing st.plotly_chart at the end of the page so that it is loaded.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import orjson
import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st
from _plotly_utils.utils import is_skipped_key, to_typed_array_spec  # how go.Figure.to_dict encodes arrays

LIVE_JS = """
// "p" plays or pauses the first animated chart on the page (presenter mode's remote-friendly key),
// unless the learner is typing in a field.
function installPlayKey() {
  if (window.__logregPlayKey) return;
  window.__logregPlayKey = true;
  // Play pressed again (or Pause) while an animation runs: plotly.js rejects the interrupted
  // animation's promise with no reason. That is expected, not an error: do not report it.
  window.addEventListener("unhandledrejection", (event) => { if (event.reason === undefined) event.preventDefault(); });
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


// On every update and every animation frame, plotly.js asks of each trace which of its attributes
// hold arrays (PlotSchema.findArrayAttributes): it walks the trace type's whole attribute schema,
// building each path with Array.prototype.concat. Streamlit's Arrow code, loaded with every custom
// component, defines Symbol.isConcatSpreadable, and from then on V8 takes its slow path for every
// concat on the page: that walk became a third of each animation frame. The answer depends only on
// the trace's type and on which of its paths hold arrays, so it is kept per (type, those paths)
// and the walk runs once per shape of trace. The original stays at `findArrayAttributes.original`.
function rememberArrayAttributes() {
  const schema = window.Plotly && window.Plotly.PlotSchema;
  if (!schema || typeof schema.findArrayAttributes !== "function" || schema.findArrayAttributes.original) return;
  const original = schema.findArrayAttributes;
  const known = new Map();
  const ids = new WeakMap();
  let count = 0;
  const idOf = (module) => {
    if (!module) return 0;
    if (!ids.has(module)) ids.set(module, ++count);
    return ids.get(module);
  };
  const plain = (v) => v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype;
  // every path below `value` that holds an Array or a typed array ("_" keys are plotly.js's own
  // bookkeeping): whichever of the two plotly.js counts, the key tells the shapes apart
  const arrayPaths = (value, path, out) => {
    for (const key in value) {
      if (key.charCodeAt(0) === 95) continue;
      const v = value[key];
      if (Array.isArray(v)) {
        out.push(path + key);
        for (let i = 0; i < v.length; i++) if (plain(v[i])) arrayPaths(v[i], `${path}${key}.${i}.`, out);
      } else if (ArrayBuffer.isView(v)) {
        out.push(`${path}${key}~`);
      } else if (plain(v)) {
        arrayPaths(v, `${path}${key}.`, out);
      }
    }
    return out;
  };
  const remembered = function (trace) {
    const input = trace._fullInput && trace._fullInput._module;
    const key = `${idOf(trace._module)}/${idOf(input)}|${arrayPaths(trace, "", []).join(",")}`;
    let found = known.get(key);
    if (!found) {
      if (known.size >= 1000) known.clear();
      remembered.walks += 1;
      found = original.call(this, trace);
      known.set(key, found);
    }
    return found.slice();  // callers get their own list, as from the original
  };
  remembered.original = original;
  remembered.walks = 0;  // how often the schema was walked after all
  schema.findArrayAttributes = remembered;
}

// A click (not a drag) inside the plot area of the axes `spec` names sends their data coordinates
// back to Python as the trigger value "click".
function installClick(div) {
  if (div.__clickInstalled) return;
  div.__clickInstalled = true;
  let down = null;
  div.addEventListener("mousedown", (event) => { down = [event.clientX, event.clientY]; }, true);
  div.addEventListener("click", (event) => {
    const spec = div.__clickSpec;
    if (!spec || !div._fullLayout || !down) return;
    if (Math.hypot(event.clientX - down[0], event.clientY - down[1]) > 4) return;  // a drag, not a click
    const xa = div._fullLayout[spec.x], ya = div._fullLayout[spec.y];
    if (!xa || !ya) return;
    const box = div.getBoundingClientRect();
    const px = event.clientX - box.left - xa._offset, py = event.clientY - box.top - ya._offset;
    if (px < 0 || px > xa._length || py < 0 || py > ya._length) return;
    div.__setTrigger("click", {x: xa.p2d(px), y: ya.p2d(py)});
  });
}

// A 3-D scene (gl-plot3d inside plotly.js) redraws from a requestAnimationFrame loop for as long
// as the page is open, and after every change reads the whole scene back for hover (a synchronous
// readPixels). With no graphics card (a software renderer) that costs about 5 % of a core per open
// page and 60 ms per update. Here the loop runs only while the pointer is over the scene and for a
// moment after it changes, and the hover read-back happens only while the pointer is over it.
// So is the hover picture itself (every object drawn again in pick colours, a third of a redraw):
// it is drawn when the pointer comes in.
// Should plotly.js's internals differ from what this expects, the scene is left as plotly.js made it.
function sceneOf(div) {
  const scene = div._fullLayout && div._fullLayout.scene && div._fullLayout.scene._scene;
  return scene && scene.glplot && "contextLost" in scene.glplot ? scene.glplot : null;
}

function wakeScene(div) {
  const plot = sceneOf(div);
  clearTimeout(div.__restTimer);
  if (plot && plot.__resting) {
    plot.__resting = false;
    plot.contextLost = false;  // the loop's own guard, also plotly.js's: a real loss sets it again
    plot.__loop();
  }
}

function restScene(div, delay) {
  clearTimeout(div.__restTimer);
  div.__restTimer = setTimeout(() => {
    const plot = sceneOf(div);
    if (plot && plot.__loop && !div.__pointerInside && !plot.contextLost) {
      plot.__resting = true;
      plot.contextLost = true;  // ends the loop at its next frame; wakeScene starts it again
    }
  }, delay);
}

// Each object's pick drawing runs only with the pointer over the scene; objects a change adds
// are wrapped as they come.
function pickOnlyUnderPointer(div, plot) {
  for (const object of plot.objects || []) {
    if (typeof object.drawPick !== "function" || object.drawPick.__underPointer) continue;
    const drawPick = object.drawPick;
    object.drawPick = function (...args) { return div.__pointerInside ? drawPick.apply(this, args) : undefined; };
    object.drawPick.__underPointer = true;
  }
}

function tameScene(div) {
  const plot = sceneOf(div);
  if (!plot || plot.__tamed) return;
  plot.__tamed = true;
  const gl = plot.gl;
  if (gl && typeof gl.readPixels === "function") {
    const read = gl.readPixels.bind(gl);
    gl.readPixels = (...args) => (div.__pointerInside ? read(...args) : undefined);
  }
  // The loop's frame callback is found as it re-registers itself (its source tests contextLost).
  const raf = window.requestAnimationFrame;
  const restore = () => { if (window.requestAnimationFrame === find) window.requestAnimationFrame = raf; };
  const find = function (callback) {
    if (!plot.__loop && String(callback).includes("contextLost")) {
      plot.__loop = callback;
      restore();
      restScene(div, 1000);
    }
    return raf.call(window, callback);
  };
  window.requestAnimationFrame = find;
  setTimeout(restore, 2000);
  div.addEventListener("pointerenter", () => {
    div.__pointerInside = true;
    wakeScene(div);
    for (const object of plot.objects || []) object.dirty = true;  // the next draw includes the pick colours
    plot.redraw();  // draw again, with the hover picture and its read-back this time
  });
  div.addEventListener("pointerleave", () => { div.__pointerInside = false; restScene(div, 1000); });
  // plotly.js resizes a chart 100 ms after the window changes size; a resting scene would ignore it
  window.addEventListener("resize", () => { wakeScene(div); restScene(div, 1000); });
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let div = parentElement.querySelector(".live-chart");
  if (!div) {
    div = document.createElement("div");
    div.className = "live-chart";
    parentElement.appendChild(div);
  }
  // the figure as plotly.io wrote it (config inside), sent as raw bytes: no second JSON escaping
  installPlayKey();
  const text = typeof data === "string" ? data : new TextDecoder().decode(data);
  div.__setTrigger = setTriggerValue;
  if (div.__figureText === text) return;  // a rerun that changed nothing here: leave the chart alone
  div.__figureText = text;
  // a new figure replaces the run being played: stop it, as the figure's own Pause does
  if (div.layout && window.Plotly) window.Plotly.animate(div, [null], {mode: "immediate"}).catch(() => {});
  clearTimeout(div.__settleTimer);
  const draw = () => {
    const figure = JSON.parse(text);
    div.__clickSpec = figure.click || null;
    if (figure.click) installClick(div);
    // A 3-D scene renders at the screen's own pixel density (plotly.js renders at 2× by default):
    // on a 1× screen or projector that is a quarter of the pixels to draw and to read back for hover.
    const density = Math.min(2, Math.max(1, window.devicePixelRatio || 1));
    const config = Object.assign({responsive: true, plotGlPixelRatio: density}, figure.config || {});
    // Paint the new state first; the animation frames (only needed for play and scrub) follow
    // in the next task, so a changed control shows on every chart as early as it can.
    rememberArrayAttributes();
    wakeScene(div);  // a resting 3-D scene ignores updates
    const drawn = window.Plotly.react(div, {data: figure.data, layout: figure.layout, frames: [], config});
    Promise.resolve(drawn).then(() => {
      tameScene(div);
      const plot = sceneOf(div);
      if (plot) pickOnlyUnderPointer(div, plot);  // after every update: it may have added objects
      restScene(div, 1000);
      if (figure.frames && figure.frames.length) {
        setTimeout(() => { if (div.__figureText === text) window.Plotly.addFrames(div, figure.frames); }, 0);
      }
    });
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


def _without_comment_lines(js: str) -> str:
    """The script as the browser gets it: every chart's message carries it whole, so the comments
    (a quarter of it) stay here."""
    return "\n".join(line for line in js.splitlines() if not line.lstrip().startswith("//"))


_live = st.components.v2.component("logreg_viz_live_chart", js=_without_comment_lines(LIVE_JS), isolate_styles=False)


def figure_payload(
    fig: go.Figure | dict, config: dict | None = None, click_axes: tuple[str, str] | None = None
) -> bytes:
    """What a live chart receives: the UTF-8 JSON plotly.io writes (arrays as base64 `bdata`, frames
    included) with the chart's config and, with `click_axes`, which axes a click reports from.
    `fig` may also be a figure as plain dicts ({data, layout, frames}), built for this call: its
    arrays are then encoded in place, as go.Figure.to_dict does.
    Pure: a cache may keep it and hand the same bytes to every session."""
    if isinstance(fig, dict):
        # frames stay plain lists, as animation_spec builds them; nothing here needs plotly.io's
        # walk through every value (numbers are floats or numpy arrays, the template an object)
        encode_arrays({"data": fig.get("data"), "layout": fig.get("layout")})
        text = orjson.dumps(fig, option=orjson.OPT_SERIALIZE_NUMPY, default=_plotly_json).decode()
    else:
        text = pio.to_json(fig, validate=False, engine="orjson")  # UTF-8 as is, and faster than json
    head: dict = {"config": config or {}}
    if click_axes is not None:
        head["click"] = dict(zip(("x", "y"), click_axes, strict=True))
    return (json.dumps(head)[:-1] + "," + text[1:]).encode()


def encode_arrays(node: object) -> None:
    """Every numpy array held in a dict below `node` becomes plotly.js's typed-array form (base64
    `bdata`), in place: what plotly's own convert_to_base64 does for go.Figure.to_dict, without
    calling itself on each number of a plain list (a tenth of an animation's build time)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if is_skipped_key(key):
                continue
            if isinstance(value, np.ndarray):
                node[key] = to_typed_array_spec(value)
            elif isinstance(value, (dict, list, tuple)):
                encode_arrays(value)
    elif isinstance(node, (list, tuple)):
        for value in node:
            if isinstance(value, (dict, list, tuple)):
                encode_arrays(value)


def _plotly_json(value):
    """orjson's fallback for a plotly object inside a plain figure (a template)."""
    if hasattr(value, "to_plotly_json"):
        return value.to_plotly_json()
    raise TypeError(f"cannot send {type(value).__name__} to the browser")


def live_chart(figure: go.Figure | bytes, key: str, config: dict | None = None, on_click=None) -> None:
    """Draw `figure` (a figure, or the bytes `figure_payload` made of one) under `key`; later figures
    under the same key update the same chart in place, parsed once in the browser.

    With `on_click`, a click inside the plot area of the axes the payload names (by default the
    first pair) calls it; the data coordinates are then in `clicked_point(key)`.
    """
    if not isinstance(figure, bytes):
        figure = figure_payload(figure, config, ("xaxis", "yaxis") if on_click else None)
    if on_click is None:
        _live(data=figure, key=key)
    else:
        _live(data=figure, key=key, on_click_change=on_click)


def clicked_point(key: str) -> tuple[float, float] | None:
    """The (x, y) of the click that called a live chart's `on_click`, or None if it is not two finite numbers."""
    value = st.session_state.get(key)
    click = value.get("click") if hasattr(value, "get") else None
    try:
        x, y = float(click["x"]), float(click["y"])
    except (TypeError, KeyError, ValueError):
        return None
    return (x, y) if math.isfinite(x) and math.isfinite(y) else None


# What Streamlit reads of a link's query string: past either limit it ignores the whole string.
LINK_MAX_FIELDS = 1000
LINK_MAX_LENGTH = 512 * 1024
_link_check = st.components.v2.component(
    "logreg_viz_link_check", js=(Path(__file__).parent / "link_check.js").read_text(), isolate_styles=False
)


def link_check(on_dropped) -> None:
    """Call `on_dropped` (once per page load) if the link the page was opened with was too long to be read;
    its size is then in `dropped_link()`."""
    _link_check(
        data={"maxFields": LINK_MAX_FIELDS, "maxLength": LINK_MAX_LENGTH}, key="link_check", on_link_change=on_dropped
    )


def dropped_link() -> tuple[int, int] | None:
    """(parameters, characters) of a link too long to read, as the browser reported it, if they are numbers."""
    value = st.session_state.get("link_check")
    link = value.get("link") if hasattr(value, "get") else None
    try:
        fields, length = int(link["fields"]), int(link["length"])
    except (TypeError, KeyError, ValueError):
        return None
    return (fields, length) if fields >= 0 and length >= 0 else None


def plotly_loader() -> None:
    """A hidden st.plotly_chart that never changes (so never remounts): it makes Streamlit load plotly.js,
    which the live charts use. The page's CSS hides the container `plotly_loader`."""
    with st.container(key="plotly_loader"):
        st.plotly_chart(LOADER_FIGURE, theme=None, key="plotly_loader_chart", config={"staticPlot": True})


LOADER_FIGURE = go.Figure(layout=dict(meta="plotly-loader", width=20, height=20, template="none"))
