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

// The chart's text alternative, what a screen reader reads in place of the figure. With a description
// the chart is one image named by it: role="img" with aria-label is the name every screen reader reads
// for a graphic (a description by aria-describedby is skipped in some readers' browse mode), and the
// SVG's scattered texts are not read out one by one. Without one, neither attribute: an image with no
// name is worse than none. An attribute's value is text: nothing in it is ever parsed as HTML.
export function describeChart(element, description) {
  if (typeof description === "string" && description.trim() !== "") {
    element.setAttribute("role", "img");
    element.setAttribute("aria-label", description);
  } else {
    element.removeAttribute("role");
    element.removeAttribute("aria-label");
  }
}
