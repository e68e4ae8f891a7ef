import assert from "node:assert/strict";
import { test } from "node:test";

import {
  arranged, chartConfig, describeChart, frameAt, merged, playArguments, readFigure, scrubTarget, shownFrame, variantFor,
} from "../logreg_viz_components/frontend/figure.js";

test("a payload reads the same from bytes and from a string", () => {
  const text = '{"config":{"displaylogo":false},"data":[{"type":"scatter","name":"x → y"}],"layout":{}}';
  const fromBytes = readFigure(new TextEncoder().encode(text));
  assert.equal(fromBytes.text, text);
  assert.equal(fromBytes.figure.data[0].name, "x → y");
  assert.deepEqual(readFigure(text).figure, fromBytes.figure);
});

test("a 3-D scene draws at the screen's own density, between 1 and 2", () => {
  assert.equal(chartConfig({}, 1).plotGlPixelRatio, 1);
  assert.equal(chartConfig({}, 1.5).plotGlPixelRatio, 1.5);
  assert.equal(chartConfig({}, 3).plotGlPixelRatio, 2);
  assert.equal(chartConfig({}, undefined).plotGlPixelRatio, 1);
  assert.equal(chartConfig({}, 0.5).plotGlPixelRatio, 1);
});

test("the figure's own config wins and every chart follows its container's size", () => {
  const config = chartConfig({ displaylogo: false, responsive: false }, 1);
  assert.equal(config.displaylogo, false);
  assert.equal(config.responsive, false);
  assert.equal(chartConfig(null, 1).responsive, true);
});

const LAYOUT = {
  updatemenus: [{ buttons: [
    { label: "Play", args: [null, { frame: { duration: 20, redraw: false }, fromcurrent: true }] },
    { label: "Pause", args: [[null], { mode: "immediate" }] },
  ] }],
  sliders: [{ active: 0 }],
};

test("p plays from the frame shown, and from the start once the last frame is shown", () => {
  const layout = structuredClone(LAYOUT);
  layout.sliders[0].active = 40;
  let args = playArguments(layout, 101);
  assert.equal(args.play[0], null);
  assert.equal(args.play[1].fromcurrent, true);
  assert.equal(args.play[1].frame.duration, 20);
  layout.sliders[0].active = 100;
  args = playArguments(layout, 101);
  assert.equal(args.play[1].fromcurrent, false);
  assert.deepEqual(args.pause, [[null], { mode: "immediate" }]);
  assert.equal(LAYOUT.updatemenus[0].buttons[0].args[1].fromcurrent, true, "the figure's own Play is not changed");
});

test("a figure without Play and Pause has nothing for p to press", () => {
  assert.equal(playArguments({}, 10), null);
  assert.equal(playArguments({ updatemenus: [{ buttons: [] }] }, 10), null);
  assert.equal(playArguments(undefined, 10), null);
});

test("merged patches objects entry by entry and lists of objects item by item, leaving both alone", () => {
  const base = { a: 1, axis: { range: [0, 1], domain: [0, 1] }, notes: [{ x: 0, text: "t" }, { x: 1, text: "u" }] };
  const patch = { axis: { domain: [0, 0.5] }, notes: [{ x: 0.2 }, {}], b: 2 };
  const out = merged(base, patch);
  assert.deepEqual(out, { a: 1, b: 2, axis: { range: [0, 1], domain: [0, 0.5] }, notes: [{ x: 0.2, text: "t" }, { x: 1, text: "u" }] });
  assert.deepEqual(base.axis.domain, [0, 1]);  // the figure sent is unchanged: every width starts from it
  assert.deepEqual(merged({ xs: [1, 2, 3] }, { xs: [4] }), { xs: [4] });  // numbers: replaced whole
  assert.deepEqual(merged({ ns: [{ a: 1 }] }, { ns: [{ a: 2 }, { a: 3 }] }), { ns: [{ a: 2 }, { a: 3 }] });  // a longer list
});

test("variantFor picks the first layout the width reaches, else the narrowest", () => {
  const figure = { variants: [{ min_width: 1200 }, { min_width: 800 }, { min_width: 320 }] };
  assert.equal(variantFor(figure, 1500), 0);
  assert.equal(variantFor(figure, 1200), 0);
  assert.equal(variantFor(figure, 1199), 1);
  assert.equal(variantFor(figure, 500), 2);
  assert.equal(variantFor(figure, 200), 2);  // narrower than any: the narrowest still
  assert.equal(variantFor({}, 500), -1);  // a figure with one layout
});

test("arranged applies a variant's trace positions and layout, and the figure as sent for -1", () => {
  const figure = {
    data: [{ meta: "edges", x: [0, 1] }, { meta: "path", x: [5] }],
    layout: { height: 400, xaxis: { range: [0, 100] } },
    variants: [
      { min_width: 900, layout: {}, traces: {} },
      { min_width: 300, layout: { height: 900, xaxis: { range: [0, 40] } }, traces: { 0: { x: [0, 0.5] } } },
    ],
  };
  assert.equal(arranged(figure, -1).data, figure.data);
  const narrow = arranged(figure, 1);
  assert.deepEqual(narrow.data[0].x, [0, 0.5]);
  assert.equal(narrow.data[1], figure.data[1]);  // a trace no variant moves is the very same object
  assert.deepEqual(narrow.layout, { height: 900, xaxis: { range: [0, 40] } });
  assert.deepEqual(figure.data[0].x, [0, 1]);
});

// Just enough of a <figcaption> for describeChart: its text and whether it is hidden.
function caption() {
  return {
    textContent: "",
    hidden: true,
    set innerHTML(_) { throw new Error("a description must never be set as HTML"); },
  };
}

test("a chart's caption holds its description word for word, as text", () => {
  const c = caption();
  const words = 'Computation graph. Forward: x1 = 1, <b>z</b> = 1 & "a" = 0.7311.';
  describeChart(c, words);
  assert.equal(c.textContent, words);
  assert.equal(c.hidden, false);
});

test("a new figure's description replaces the old one, and a figure without one has no caption", () => {
  const c = caption();
  describeChart(c, "Loss over 100 steps from 0.3133 to 0.0123");
  describeChart(c, "Loss over 10 steps from 0.3133 to 0.2");
  assert.equal(c.textContent, "Loss over 10 steps from 0.3133 to 0.2");
  for (const none of [undefined, null, "", "  ", 42]) {
    describeChart(c, "a chart");
    describeChart(c, none);
    assert.equal(c.textContent, "");
    assert.equal(c.hidden, true);
  }
});

test("the description travels in the payload beside the figure", () => {
  const { figure } = readFigure('{"config":{},"description":"dw1 = not yet revealed","data":[],"layout":{}}');
  assert.equal(figure.description, "dw1 = not yet revealed");
});

test("scrubTarget moves the slider one frame with the arrows and to the ends with Home and End", () => {
  const steps = ["0", "5", "10", "15"].map((name) => ({ args: [[name], {}] }));
  const layout = { sliders: [{ active: 1, steps }] };
  assert.deepEqual(scrubTarget(layout, "ArrowRight"), { index: 2, name: "10" });
  assert.deepEqual(scrubTarget(layout, "ArrowLeft"), { index: 0, name: "0" });
  assert.deepEqual(scrubTarget(layout, "End"), { index: 3, name: "15" });
  assert.deepEqual(scrubTarget(layout, "Home"), { index: 0, name: "0" });
  assert.equal(scrubTarget({ sliders: [{ active: 0, steps }] }, "ArrowLeft"), null);  // already at the start
  assert.equal(scrubTarget({ sliders: [{ active: 3, steps }] }, "End"), null);
  assert.equal(scrubTarget(layout, "a"), null);
  assert.equal(scrubTarget({}, "ArrowRight"), null);  // no slider: nothing to move
});

test("a paused run's frame is its slider's active step; a frame is named by its step", () => {
  const layout = { sliders: [{ active: 2, steps: [{ args: [["0"]] }, { args: [["5"]] }, { args: [["10"]] }] }] };
  assert.equal(shownFrame(layout), 2);
  assert.equal(frameAt(layout, 1), "5");
  assert.equal(frameAt(layout, 3), null);  // past the last step
  assert.equal(frameAt(layout, undefined), null);  // no frame asked for
  assert.equal(shownFrame({}), null);
  assert.equal(frameAt({}, 0), null);  // no slider: nothing to go to
});
