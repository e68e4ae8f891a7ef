// What a live chart receives and how it is drawn: pure functions, tested in components/tests.

// The figure as Python wrote it: UTF-8 JSON bytes (or a string), {config, click?, description?, data, layout,
// frames?}.
export function readFigure(payload) {
  const text = typeof payload === "string" ? payload : new TextDecoder().decode(payload);
  return { text, figure: JSON.parse(text) };
}

// The chart's plotly.js config: resized with its container, and a 3-D scene drawn at the screen's own
// pixel density (plotly.js draws at 2× by default: on a 1× projector that is four times the pixels).
export function chartConfig(figureConfig, devicePixelRatio) {
  const density = Math.min(2, Math.max(1, Number(devicePixelRatio) || 1));
  return Object.assign({ responsive: true, plotGlPixelRatio: density }, figureConfig || {});
}

// The arguments of plotly.js's Play for the figure's own Play button, starting over once the last
// frame is shown (plotly.js's `fromcurrent` at the last frame would play nothing).
export function playArguments(layout, frameCount) {
  const buttons = layout && layout.updatemenus && layout.updatemenus[0] && layout.updatemenus[0].buttons;
  if (!buttons || buttons.length < 2) return null;
  const [play, pause] = buttons;
  const slider = layout.sliders && layout.sliders[0];
  const at = slider && Number.isInteger(slider.active) ? slider.active : 0;
  return {
    play: [null, Object.assign({}, play.args[1], { fromcurrent: at < frameCount - 1 })],
    pause: pause.args,
  };
}

// `patch` merged into `base`, neither changed: objects entry by entry, a list of objects item by item
// (as long as the list it patches), anything else replaced whole.
export function merged(base, patch) {
  if (Array.isArray(patch)) {
    const items = Array.isArray(base) && base.length === patch.length && patch.every(isObject);
    return items ? patch.map((item, i) => merged(base[i], item)) : patch;
  }
  if (!isObject(patch) || !isObject(base)) return patch;
  const out = Object.assign({}, base);
  for (const [key, value] of Object.entries(patch)) out[key] = merged(base[key], value);
  return out;
}

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

// Which of the figure's layouts fits a chart `width` px wide: the first (the most readable) whose
// `min_width` it reaches, else the last (the narrowest). -1 for a figure that has only one.
export function variantFor(figure, width) {
  const variants = figure.variants || [];
  if (!variants.length) return -1;
  const fits = variants.findIndex((v) => Number(v.min_width) <= width);
  return fits === -1 ? variants.length - 1 : fits;
}

// The figure's data and layout as variant `index` lays them out (-1: as sent).
export function arranged(figure, index) {
  const variant = index >= 0 ? figure.variants[index] : null;
  if (!variant) return { data: figure.data, layout: figure.layout };
  const data = figure.data.map((trace, i) => (variant.traces[i] ? Object.assign({}, trace, variant.traces[i]) : trace));
  return { data, layout: merged(figure.layout, variant.layout) };
}

// The chart's text alternative, what a screen reader reads in place of the figure: the text of the
// chart's <figcaption>, visually hidden. Plain text in the page is what every screen reader reads, in
// browse mode too (a description by aria-describedby is skipped there by some), and a <figure> takes
// its name from its caption. (role="img" with aria-label would hide the chart's own PNG button inside
// it from a screen reader while it still takes the keyboard's focus.) Set as textContent: nothing in
// the words is ever parsed as HTML. No words, no caption.
export function describeChart(caption, description) {
  const words = typeof description === "string" ? description.trim() : "";
  caption.textContent = words;
  caption.hidden = words === "";
}

// Out of sight, still read: the usual visually hidden box (display: none would hide it from readers too).
export const VISUALLY_HIDDEN = {
  position: "absolute",
  width: "1px",
  height: "1px",
  margin: "-1px",
  padding: "0",
  overflow: "hidden",
  clipPath: "inset(50%)",
  whiteSpace: "nowrap",
  border: "0",
};

// The frame a key moves the figure's own slider to, from where it is: ← and → one step, Home and End
// the ends. Null for any other key, a figure without a slider, or a move past an end.
export function scrubTarget(layout, key) {
  const slider = layout && layout.sliders && layout.sliders[0];
  const steps = (slider && slider.steps) || [];
  if (!steps.length) return null;
  const at = Number.isInteger(slider.active) ? slider.active : 0;
  const to = { ArrowLeft: at - 1, ArrowRight: at + 1, Home: 0, End: steps.length - 1 }[key];
  if (to === undefined || to < 0 || to >= steps.length || to === at) return null;
  const name = steps[to].args && steps[to].args[0] && steps[to].args[0][0];
  return name === undefined ? null : { index: to, name: String(name) };
}

// The frame a paused animation shows: its slider's active step (null when it has no slider).
export function shownFrame(layout) {
  const slider = layout && layout.sliders && layout.sliders[0];
  return slider && Number.isInteger(slider.active) ? slider.active : null;
}

// The frame name that puts a chart's animation at step `index` of its slider (null if there is none).
export function frameAt(layout, index) {
  const slider = layout && layout.sliders && layout.sliders[0];
  const step = slider && slider.steps && slider.steps[index];
  const name = step && step.args && step.args[0] && step.args[0][0];
  return Number.isInteger(index) && name !== undefined ? String(name) : null;
}
