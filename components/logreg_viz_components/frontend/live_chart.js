// A chart that updates in place. Each key gets one <div>; every new figure for it goes through
// Plotly.react, so a 3-D scene keeps its camera (`uirevision`) and the animation controls stay, and
// only what changed is redrawn. plotly.js is the pinned copy beside this file.
import { clickedPoint, isClick } from "./click.js";
import {
  VISUALLY_HIDDEN, arranged, chartConfig, describeChart, frameAt, playArguments, readFigure, scrubTarget, shownFrame,
  variantFor,
} from "./figure.js";
import { isPlayKey } from "./play_key.js";
import { loadPlotly } from "./plotly_loader.js";

const PLOTLY_URL = new URL("./plotly.min.js.gz", import.meta.url).href;
const charts = new WeakMap();  // div → what this module knows of it: figure text, frames, playing
// The lesson is the page's first picture: other charts (a 3-D surface takes a second or more to draw
// in software) wait for its first drawing, or FIRST_WAIT_MS at most, before drawing theirs.
const FIRST = Symbol.for("logreg-viz-components.lesson-drawn");
const FIRST_WAIT_MS = 2000;

export function lessonDrawn() {
  if (!window[FIRST]) {
    let done;
    window[FIRST] = new Promise((resolve) => { done = resolve; });
    window[FIRST].resolve = done;
  }
  return window[FIRST];
}

function afterLesson() {
  return Promise.race([lessonDrawn(), new Promise((resolve) => { setTimeout(resolve, FIRST_WAIT_MS); })]);
}
let keysInstalled = false;

// <figure><figcaption>the chart in words</figcaption><div class="live-chart">plotly.js draws here</div>
function chartOf(parentElement) {
  let div = parentElement.querySelector(".live-chart");
  if (!div) {
    const figure = document.createElement("figure");
    figure.className = "live-chart-figure";
    figure.style.margin = "0";
    const caption = document.createElement("figcaption");
    caption.className = "live-chart-description";
    caption.hidden = true;
    Object.assign(caption.style, VISUALLY_HIDDEN);
    div = document.createElement("div");
    div.className = "live-chart";
    figure.append(caption, div);
    parentElement.appendChild(figure);
    charts.set(div, {
      text: null, figure: null, variant: -1, frames: 0, playing: false, down: null, click: null, setTrigger: null, caption,
      reported: null,
    });
  }
  return div;
}

function installKeys(Plotly) {
  if (keysInstalled) return;
  keysInstalled = true;
  // Play pressed again (or Pause) while an animation runs: plotly.js rejects the interrupted
  // animation's promise with no reason. That is expected, not an error.
  window.addEventListener("unhandledrejection", (event) => {
    if (event.reason === undefined) event.preventDefault();
  });
  document.addEventListener("keydown", (event) => {
    if (!isPlayKey(event)) return;
    const div = [...document.querySelectorAll(".live-chart")].find((d) => charts.get(d)?.frames > 0);
    if (!div) return;
    const chart = charts.get(div);
    const args = playArguments(div.layout, chart.frames);
    if (!args) return;
    if (chart.playing) Plotly.animate(div, ...args.pause);
    else Plotly.animate(div, ...args.play);
  });
}

// A chart that plays frames takes the keyboard's focus: ← and → move its slider a step, Home and End
// to the ends (plotly.js's own Play, Pause and slider are drawn in SVG and take no focus).
function scrubbable(div, frames) {
  if (frames > 0) {
    div.tabIndex = 0;
    div.setAttribute("role", "group");
    div.setAttribute("aria-label", `The run, ${frames} frames: ← and → step through it, Home and End go to the ends, p plays and pauses`);
  } else {
    div.removeAttribute("tabindex");
    div.removeAttribute("role");
    div.removeAttribute("aria-label");
  }
}

function installEvents(Plotly, div, chart) {
  div.addEventListener("keydown", (event) => {
    if (!chart.frames || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = scrubTarget(div.layout, event.key);
    if (!target) return;
    event.preventDefault();
    Plotly.animate(div, [target.name], {
      mode: "immediate", frame: { duration: 0, redraw: false }, transition: { duration: 0 },
    });
  });
  // plotly.js's `responsive` follows the window; the page's column also changes width on its own (the
  // sidebar folding): follow the chart's own width, once per display frame at most. Only a new width
  // counts: a resize redraws from the figure, which would undo a 3-D view the learner turned. A width
  // that another of the figure's layouts fits better draws that one.
  let width = div.offsetWidth;
  let pending = false;
  new ResizeObserver(() => {
    if (pending || div.offsetWidth === width) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      width = div.offsetWidth;
      if (!div.isConnected || width <= 0) return;
      if (chart.figure && variantFor(chart.figure, width) !== chart.variant) draw(div, chart, chart.text, chart.figure);
      else Plotly.Plots.resize(div);
    });
  }).observe(div);
  div.on("plotly_animatingframe", () => { chart.playing = true; });
  for (const stop of ["plotly_animated", "plotly_animationinterrupted"]) {
    div.on(stop, () => {
      chart.playing = false;
      // A class's teacher paused (or scrubbed) the run: the students' pages show the same frame.
      const frame = shownFrame(div.layout);
      if (chart.figure && chart.figure.report_frame && frame !== null && frame !== chart.reported) {
        chart.reported = frame;
        chart.setTrigger("frame", frame);
      }
    });
  }
  // A click (not a drag) inside the plot area the figure names reports its data coordinates.
  div.addEventListener("mousedown", (event) => { chart.down = [event.clientX, event.clientY]; }, true);
  div.addEventListener("click", (event) => {
    if (!chart.click || !isClick(chart.down, [event.clientX, event.clientY])) return;
    const point = clickedPoint(Plotly, div, chart.click, event.clientX, event.clientY, div.getBoundingClientRect());
    if (point) chart.setTrigger("click", point);
  });
}

async function draw(div, chart, text, figure) {
  let Plotly;
  try {
    Plotly = await loadPlotly(PLOTLY_URL);
  } catch (error) {
    div.textContent = "The chart library did not load; reload the page.";
    throw error;
  }
  const fresh = !div.classList.contains("js-plotly-plot");
  if (fresh && !figure.lesson) await afterLesson();
  if (chart.text !== text) return;  // a newer figure arrived while plotly.js loaded
  installKeys(Plotly);
  // Paint the new state first; the animation frames (needed only to play and scrub) follow in the
  // next task, so a changed control shows on every chart as early as it can.
  const config = chartConfig(figure.config, window.devicePixelRatio);
  chart.variant = variantFor(figure, div.offsetWidth || div.parentElement.offsetWidth);
  const { data, layout } = arranged(figure, chart.variant);
  div.dataset.variant = String(chart.variant);
  await Plotly.react(div, { data, layout, frames: [], config });
  if (figure.lesson) lessonDrawn().resolve();
  if (fresh) installEvents(Plotly, div, chart);
  chart.playing = false;
  chart.frames = 0;
  scrubbable(div, 0);
  // Tests and benches see that a figure is drawn (and its frames added) by these attributes alone.
  div.dataset.drawn = String(Number(div.dataset.drawn || 0) + 1);
  div.dataset.frames = "0";
  const frames = figure.frames || [];
  if (frames.length) {
    setTimeout(() => {
      if (chart.text !== text) return;
      Plotly.addFrames(div, frames).then(() => {
        if (chart.text !== text) return;
        chart.frames = frames.length;
        div.dataset.frames = String(frames.length);
        scrubbable(div, frames.length);
        // Following a class: the frame where the teacher paused.
        const name = frameAt(div.layout, figure.show_frame);
        if (name !== null) {
          Plotly.animate(div, [name], { mode: "immediate", frame: { duration: 0, redraw: false }, transition: { duration: 0 } });
        }
      });
    }, 0);
  }
}

// Draw `figure` (its JSON `text`) in `host` as a live chart; `setTrigger` reports clicks and frames.
// Returns a promise that settles once plotly.js has drawn it, or null when the chart already shows
// this very figure (a rerun that changed nothing here leaves the chart alone).
export function renderChart(host, text, figure, setTrigger) {
  const div = chartOf(host);
  const chart = charts.get(div);
  chart.setTrigger = setTrigger;
  if (chart.text === text) return null;
  chart.text = text;
  chart.figure = figure;
  chart.click = figure.click || null;
  describeChart(chart.caption, figure.description);  // the words change with the figure, before it is drawn
  return draw(div, chart, text, figure);
}

// The chart in `host`, the layout it draws (-1: the figure's own) and the figure it was last given.
export function chartIn(host) {
  const div = host.querySelector(".live-chart");
  const chart = div && charts.get(div);
  return chart ? { div, variant: chart.variant, figure: chart.figure } : null;
}

// Show `update` ({data, traces}: what changes, as a frame has it) on the chart in `host` at once,
// without a frame's name (the slider stays where it is). Resolves when drawn.
export async function showUpdate(host, update) {
  const found = chartIn(host);
  if (!found || !found.div.classList.contains("js-plotly-plot")) return;
  const Plotly = await loadPlotly(PLOTLY_URL);
  await Plotly.animate(found.div, update, { mode: "immediate", frame: { duration: 0, redraw: false }, transition: { duration: 0 } });
}

export default function liveChart(component) {
  const { text, figure } = readFigure(component.data);
  renderChart(component.parentElement, text, figure, component.setTriggerValue);
}
