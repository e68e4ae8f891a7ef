// Playing a run through plotly.js works out the whole figure again for every frame (the defaults
// of every attribute of every trace, axis and control): about 10 ms of script a frame here, more
// than half of what a played run cost the browser. Our frames change only the graph's texts and
// where a few points and lines are, so the lean player writes just those into the chart plotly.js
// drew, and says which frame shows as plotly.js does (its slider follows, and so does anything
// listening for plotly_animatingframe). When the run pauses or ends, plotly.js itself draws the
// frame shown, so hover, the scrubber and later updates start from plotly.js's own state. A frame
// that changes anything else, or a chart drawn otherwise than this expects, is drawn whole by
// plotly.js (slower, and right).
const LEAN_KEYS = ["text", "x", "y"];
// How far plotly.js draws a line short of a point with this marker ("backoff": "auto"), per px of
// marker size: its table for the arrow heads; other markers' lines reach the point.
const BACKOFF = {"arrow": 0.9, "arrow-wide": 0.4, "arrow-up": 1};

function axisOf(layout, id) {
  return layout[(id[0] === "x" ? "xaxis" : "yaxis") + id.slice(1)];
}

function playOptions(div) {
  const menu = div.layout.updatemenus && div.layout.updatemenus[0];
  const play = menu && menu.buttons.find((b) => b.method === "animate" && b.args && b.args[0] === null);
  return play && play.args[1];
}

// Where plotly.js last drew each point, in pixels (an arrow's direction is drawn into its shape).
function drawnPixels(div, index) {
  const trace = div._fullData[index], cd = div.calcdata[index];
  const xa = axisOf(div._fullLayout, trace.xaxis), ya = axisOf(div._fullLayout, trace.yaxis);
  return cd.map((d) => [xa.c2p(d.x), ya.c2p(d.y)]);
}

// The writes that show `frame`, or null if it cannot be drawn this way (nothing written then).
function leanWrites(div, frame, drawn) {
  if (frame.layout || !Array.isArray(frame.data) || !Array.isArray(frame.traces)) return null;
  if (frame.data.length !== frame.traces.length) return null;
  const writes = [];
  for (let j = 0; j < frame.data.length; j++) {
    const update = frame.data[j], index = frame.traces[j];
    const trace = div._fullData[index], cd = div.calcdata && div.calcdata[index];
    if (Object.keys(update).some((k) => !LEAN_KEYS.includes(k))) return null;
    const empty = Object.values(update).every((v) => Array.isArray(v) && v.length === 0);
    if (empty && trace && cd && cd[0] && !cd[0].node3) continue;  // not drawn, and nothing to draw
    if (!trace || trace.type !== "scatter" || !cd || !cd[0] || !cd[0].node3) return null;
    const group = cd[0].node3.node();
    if ("text" in update) {
      const texts = [...group.querySelectorAll("g.textpoint text")];
      const values = update.text;
      if (!Array.isArray(values) || texts.length !== values.length) return null;
      // plotly.js gives markup (<br>, &amp;, …) its own formatting: leave such texts to it
      if (values.some((t) => typeof t !== "string" || /[<>&]/.test(t))) return null;
      if (texts.some((el) => el.childElementCount)) return null;
      writes.push(() => texts.forEach((el, k) => {
        if (el.textContent === values[k]) return;
        el.textContent = values[k];
        el.setAttribute("data-unformatted", values[k]);
      }));
    }
    if ("x" in update || "y" in update) {
      const xs = update.x, ys = update.y;
      if (!Array.isArray(xs) || !Array.isArray(ys) || xs.length !== ys.length) return null;
      const xa = axisOf(div._fullLayout, trace.xaxis), ya = axisOf(div._fullLayout, trace.yaxis);
      const px = xs.map((v) => xa.c2p(v)), py = ys.map((v) => ya.c2p(v));
      if (!px.every(Number.isFinite) || !py.every(Number.isFinite)) return null;
      const mode = trace.mode || "";
      const shown = xs.length > 0;  // a frame may leave a trace empty: its elements wait, hidden
      const show = (el) => { el.style.display = shown ? "" : "none"; };
      if (mode.includes("markers")) {
        const points = [...group.querySelectorAll("path.point")];
        if (shown && (points.length !== xs.length || cd.length !== xs.length)) return null;
        let turns = null;  // degrees to turn each point from the direction plotly.js drew it in
        if (shown && trace.marker && trace.marker.angleref === "previous") {
          const old = drawn(index);
          turns = [0];
          for (let k = 1; k < xs.length; k++) {
            const [dx, dy] = [px[k] - px[k - 1], py[k] - py[k - 1]];
            const [ox, oy] = [old[k][0] - old[k - 1][0], old[k][1] - old[k - 1][1]];
            if (Math.hypot(dx, dy) < 1e-6 || Math.hypot(ox, oy) < 1e-6) return null;  // no direction
            turns.push((Math.atan2(dy, dx) - Math.atan2(oy, ox)) * 180 / Math.PI);
          }
        }
        writes.push(() => points.forEach((el, k) => {
          show(el);
          if (!shown) return;
          const turn = turns && turns[k] ? ` rotate(${turns[k]})` : "";
          el.setAttribute("transform", `translate(${px[k]},${py[k]})` + turn);
        }));
      }
      if (mode.includes("lines")) {
        const lines = [...group.querySelectorAll("path.js-line")];
        if (trace.line && trace.line.shape && trace.line.shape !== "linear") return null;
        if (shown && (lines.length !== 1 || xs.length < 2)) return null;
        const ends = px.map((x, k) => [x, py[k]]);
        if (shown && trace.line && trace.line.backoff && mode.includes("markers")) {
          // as plotly.js does: each segment stops short of its end point by that point's backoff,
          // when the segment is longer than that
          const marker = trace.marker || {};
          if (trace.line.backoff !== "auto" || (marker.angle || 0) % 360 !== 0) return null;
          for (let k = 1; k < ends.length; k++) {
            const symbol = Array.isArray(marker.symbol) ? marker.symbol[k] : marker.symbol;
            const size = Array.isArray(marker.size) ? marker.size[k] : marker.size;
            if (marker.standoff) return null;
            if (typeof symbol !== "string" || (symbol.includes("arrow") && !(symbol in BACKOFF))) return null;
            const back = (BACKOFF[symbol] || 0) * size;
            const [x0, y0] = [px[k - 1], py[k - 1]], [x1, y1] = [px[k], py[k]];
            const angle = Math.atan2(y1 - y0, x1 - x0);
            const [bx, by] = [x1 - back * Math.cos(angle), y1 - back * Math.sin(angle)];
            const between = (v, a, b) => (v <= a && v >= b) || (v >= a && v <= b);
            if (back && between(bx, x1, x0) && between(by, y1, y0)) ends[k] = [bx, by];
          }
        }
        const path = "M" + ends.map(([x, y]) => x + "," + y).join("L");
        writes.push(() => lines.forEach((el) => { show(el); if (shown) el.setAttribute("d", path); }));
      }
    }
  }
  return writes;
}

// The full layout takes the slider's place from the layout, as plotly.js's next drawing would.
function syncSlider(div) {
  (div._fullLayout.sliders || []).forEach((slider, i) => {
    const input = div.layout.sliders && div.layout.sliders[i];
    if (input && input.active !== undefined) slider.active = input.active;
  });
}

// plotly.js draws frame `name` whole: the chart's data take the frame's values (as plotly.js's own
// animate leaves them) and the chart is drawn anew. Its animate draws only the traces a frame
// changes, and that clears a filled contour drawn under them (plotly.js#4491).
function settleOn(div, name) {
  clearTimeout(div.__settleTimer);
  const frame = div._transitionData && div._transitionData._frameHash && div._transitionData._frameHash[name];
  if (!frame || !Array.isArray(frame.traces) || !Array.isArray(frame.data)) return Promise.resolve();
  const plain = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
  const merge = (target, update) => {  // as plotly.js merges a frame into its data: arrays replaced
    for (const key of Object.keys(update)) {
      const value = update[key];
      if (plain(value) && plain(target[key])) merge(target[key], value);
      else target[key] = Array.isArray(value) ? value.slice() : value;
    }
  };
  frame.traces.forEach((index, j) => { if (div.data[index]) merge(div.data[index], frame.data[j] || {}); });
  div._fullLayout._currentFrame = String(name);
  div.__settling = (div.__settling || 0) + 1;  // this drawing is the page's own: a playing run goes on
  const done = () => { div.__settling -= 1; };
  return Promise.resolve(window.Plotly.redraw(div)).then(done, done);
}

// Stop a lean run; with `settle`, plotly.js draws the frame shown and the run ends as plotly.js's do.
function stopLean(div, settle) {
  const lean = div.__lean;
  if (!lean) return;
  div.__lean = null;
  cancelAnimationFrame(lean.raf);
  if (settle && lean.shown !== null) {
    Promise.resolve(settleOn(div, lean.shown)).then(() => div.emit("plotly_animated"));
  }
}

// Show frame `name` at once the lean way, and have plotly.js draw it whole when the learner stops
// on it (a drag on the slider passes many frames: each is shown, the last one is settled).
function showLean(div, name) {
  const frame = div._transitionData && div._transitionData._frameHash && div._transitionData._frameHash[name];
  if (!frame) return;
  clearTimeout(div.__settleTimer);
  let writes = null;
  try {
    writes = leanWrites(div, frame, (index) => drawnPixels(div, index));
  } catch (err) {
    writes = null;
  }
  if (!writes) { settleOn(div, name); return; }
  writes.forEach((write) => write());
  div._fullLayout._currentFrame = String(name);
  syncSlider(div);
  div.__settleTimer = setTimeout(() => settleOn(div, name), 250);
}

// Play from the frame after the slider's (from the start if at either end), as Play does. A frame
// the lean way cannot show (a trace plotly.js has not drawn yet, say) is drawn whole by plotly.js,
// and the run goes on the lean way from there. False if this chart cannot be played so.
function playLean(div) {
  const frames = div._transitionData && div._transitionData._frames;
  const options = playOptions(div);
  if (!frames || !frames.length || !options || !div.calcdata || !div._fullLayout.sliders) return false;
  if (div._transitionData._animationRaf) return false;  // plotly.js is playing
  stopLean(div, false);
  clearTimeout(div.__settleTimer);
  const active = div._fullLayout.sliders[0].active || 0;
  let next = active > 0 && active < frames.length - 1 ? active + 1 : 0;
  const duration = options.frame && options.frame.duration !== undefined ? options.frame.duration : 500;
  let cache = {};  // where plotly.js last drew each trace's points; anew after it draws the chart
  const drawn = (index) => cache[index] || (cache[index] = drawnPixels(div, index));
  const lean = {raf: null, shown: null, last: -Infinity, redrawn: () => { cache = {}; }};
  div.__lean = lean;
  div.__leanFrames = div.__leanFrames || 0;
  div.__wholeFrames = div.__wholeFrames || 0;
  const animation = {frame: options.frame, transition: options.transition};
  const tick = () => {
    if (div.__lean !== lean) return;
    lean.raf = requestAnimationFrame(tick);
    const now = Date.now();
    if (now - lean.last <= duration) return;
    if (next >= frames.length) { stopLean(div, true); return; }
    const frame = frames[next];
    let writes = null;
    try {
      writes = leanWrites(div, frame, drawn);
    } catch (err) {
      writes = null;
    }
    if (writes) {
      writes.forEach((write) => write());
      div.__leanFrames += 1;
    } else {
      settleOn(div, frame.name);
      cache = {};
      div.__wholeFrames += 1;
    }
    lean.last = now;
    lean.shown = frame.name;
    div._fullLayout._currentFrame = frame.name;
    div.emit("plotly_animatingframe", {name: frame.name, frame, animation});  // the slider moves
    syncSlider(div);
    next += 1;
  };
  div.emit("plotly_animating");
  tick();
  return true;
}

// The figure's own Play and Pause buttons start and stop the lean player (plotly.js skips a click
// whose default is prevented); the slider, once grabbed, takes over from it.
function installLeanButtons(div) {
  if (div.__leanButtons) return;
  div.__leanButtons = true;
  div.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target.closest("g.updatemenu-button") : null;
    const button = target && target.__data__;  // the button's own settings, as plotly.js drew it
    if (!button || button.method !== "animate" || !Array.isArray(button.args)) return;
    if (button.args[0] === null) {
      if (div.__lean || playLean(div)) event.preventDefault();
    } else if (Array.isArray(button.args[0]) && button.args[0][0] === null && div.__lean) {
      stopLean(div, true);
      event.preventDefault();
    }
  }, true);
}

// The slider's steps are the page's to draw (they are marked not to run plotly.js's animate, which
// would clear the contour): a step the learner moves to is shown the lean way.
function pageDrawsSlider(figure) {
  for (const slider of (figure.layout && figure.layout.sliders) || []) {
    for (const step of slider.steps || []) if (step.method === "animate") step.execute = false;
  }
}

function followSlider(div) {
  if (div.__followsSlider || typeof div.on !== "function") return;
  div.__followsSlider = true;
  div.on("plotly_sliderstart", () => stopLean(div, false));
  div.on("plotly_sliderchange", (event) => {
    if (!event || !event.interaction) return;  // moved by a playing run, not by the learner
    stopLean(div, false);
    const step = event.step, args = step && step.args;
    if (step && step.execute === false && step.method === "animate" && Array.isArray(args) && Array.isArray(args[0])) {
      showLean(div, String(args[0][0]));
    }
  });
  // plotly.js drew the chart anew (its container changed size): a playing run goes on, writing
  // into the new elements from its next frame
  div.on("plotly_afterplot", () => { if (div.__lean && !div.__settling) div.__lean.redrawn(); });
}
