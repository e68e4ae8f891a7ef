import assert from "node:assert/strict";
import { test } from "node:test";

import {
  allowed, applyOp, baseView, boldRuns, chartUpdate, frameOf, holds, textsAt, viewAfter, whereLine,
} from "../logreg_viz_components/frontend/lesson_model.js";

// A run of K = 3 held in rows 0 … 3 (row 3 beyond the controls' range), a walk of two phases.
const LESSON = {
  steps: 3,
  rows: [0, 1, 2, 3],
  held: [true, true, true, false],
  walk: [{ title: "forward: z", node: "z" }, { title: "update: w1", node: "w1" }],
  // phase 0: everything; 1: z's value shown, w1's derivative still to come; 2: w1 with its arrow
  masks: [
    [[null, null], [null, null], [null], [null]],
    [[null, null], [null, "dw1 = …"], [" = …"], [null]],
    [[null, 1], [null, null], [null], [null]],
  ],
  walks: { 0: { formulas: ["<math>z0</math>", "<math>w0</math>"], arrows: [null, " → 0.4"] },
    1: { formulas: ["<math>z1</math>", "<math>w1</math>"], arrows: [null, " → 0.3"] } },
  rings: [{ z: [[1, 2], [3, 4]], w1: [[5, 6], [7, 8]] }, { z: [[10], [30]] }],
};
const HEAD = { phase: 0, limit: 2, own_taken: 5, undo: 1, where: ["start", "Phase 1 · **z**", "Phase 2"], taken: "Steps taken: **5**." };

test("Step goes to the next held row, Undo back, and each counts its steps", () => {
  let view = baseView(LESSON, HEAD);
  view = applyOp(LESSON, HEAD, view, "step");
  assert.deepEqual([view.k, view.phase, view.taken, view.blind], [1, 0, 6, false]);
  view = applyOp(LESSON, HEAD, view, "step");
  assert.equal(view.k, 2);
  view = applyOp(LESSON, HEAD, view, "undo");
  assert.deepEqual([view.k, view.taken], [1, 6]);
  view = applyOp(LESSON, HEAD, view, "undo");
  assert.deepEqual([view.k, view.taken, view.blind], [0, 5, false]);
});

test("a row the controls cannot hold, past the run, or an Undo past the payload is the server's to answer", () => {
  const atTwo = viewAfter(LESSON, HEAD, [{ kind: "step" }, { kind: "step" }]);
  assert.equal(applyOp(LESSON, HEAD, atTwo, "step").blind, true);  // row 3: beyond the controls' range
  assert.equal(applyOp(LESSON, HEAD, baseView(LESSON, HEAD), "steps").blind, true);  // row 3 again
  assert.equal(applyOp(LESSON, HEAD, baseView(LESSON, HEAD), "undo").blind, true);  // the server's own undo
  const blind = applyOp(LESSON, HEAD, atTwo, "step");
  assert.equal(applyOp(LESSON, HEAD, blind, "undo"), blind);  // once blind, it waits for the server
  assert.equal(holds(LESSON, 2), true);
  assert.equal(holds(LESSON, 4), false);
});

test("nothing held (a quiz, a class's question): every op waits for the server", () => {
  const closed = { walk: LESSON.walk, rows: [], walks: {} };
  assert.equal(applyOp(closed, HEAD, baseView(closed, HEAD), "next").blind, true);
  assert.equal(applyOp(closed, HEAD, baseView(closed, HEAD), "step").blind, true);
});

test("Next and Back stay within the walk and the limit; a row without its walk waits", () => {
  const head = Object.assign({}, HEAD, { limit: 1 });
  let view = applyOp(LESSON, head, baseView(LESSON, head), "next");
  assert.equal(view.phase, 1);
  assert.equal(applyOp(LESSON, head, view, "next").phase, 1);  // the limit
  assert.equal(allowed(head, view, "next"), false);
  view = applyOp(LESSON, head, view, "back");
  assert.equal(view.phase, 0);
  assert.equal(allowed(head, view, "back"), false);
  const atTwo = viewAfter(LESSON, HEAD, [{ kind: "step" }, { kind: "step" }]);
  assert.equal(applyOp(LESSON, HEAD, atTwo, "next").blind, true);  // no walk for row 2
  assert.equal(allowed({ limit: 0 }, baseView(LESSON, HEAD), "back"), false);
});

test("Undo is allowed while either the page or the server has something to undo", () => {
  const view = baseView(LESSON, Object.assign({}, HEAD, { undo: 0 }));
  assert.equal(allowed(HEAD, view, "undo"), false);
  assert.equal(allowed(HEAD, applyOp(LESSON, HEAD, view, "step"), "undo"), true);
  assert.equal(allowed(HEAD, baseView(LESSON, HEAD), "undo"), true);
});

test("a phase's texts: the row's own, the mask's literal, or the row's own and its arrow", () => {
  const own = [["z = 1", "w1 = 0.5"], ["dz = −0.27", "dw1 = −0.27"], [" = 2"], [" "]];
  assert.deepEqual(textsAt(LESSON, own, 0, 0), own);
  assert.deepEqual(textsAt(LESSON, own, 0, 1), [["z = 1", "w1 = 0.5"], ["dz = −0.27", "dw1 = …"], [" = …"], [" "]]);
  assert.deepEqual(textsAt(LESSON, own, 1, 2)[0], ["z = 1", "w1 = 0.5 → 0.3"]);
});

test("the line under the buttons: the server's words, or the page's own count of steps", () => {
  const view = baseView(LESSON, HEAD);
  assert.equal(whereLine(HEAD, view, false), "start Steps taken: **5**.");
  const moved = viewAfter(LESSON, HEAD, Array(1).fill({ kind: "step" }));
  assert.equal(whereLine(HEAD, Object.assign({}, moved, { taken: 12345 }), true), "start Steps taken: **12,345**.");
  assert.deepEqual(boldRuns("Phase 1 · **z** now"), [["Phase 1 · ", false], ["z", true], [" now", false]]);
  assert.deepEqual(boldRuns("**a**"), [["a", true]]);
});

test("the chart's update: the row's frame, its texts masked, the ring of the phase in the layout drawn", () => {
  const figure = {
    lesson: LESSON,
    frames: [0, 1].map((k) => ({
      name: String(k),
      traces: [4, 5, 6, 7, 9],
      data: [{ text: [`z = ${k}`, "w1 = 0.5"] }, { text: ["dz", "dw1"] }, { text: [" = 2"] }, { text: [" "] }, { x: [k], y: [k] }],
    })),
  };
  const view = Object.assign(baseView(LESSON, HEAD), { k: 1, phase: 1 });
  const update = chartUpdate(figure, view, 0, 11);
  assert.deepEqual(update.traces, [4, 5, 6, 7, 9, 11]);
  assert.deepEqual(update.data[0].text, ["z = 1", "w1 = 0.5"]);
  assert.deepEqual(update.data[1].text, ["dz", "dw1 = …"]);
  assert.deepEqual(update.data[4], { x: [1], y: [1] });
  assert.deepEqual(update.data[5], { x: [1, 2], y: [3, 4] });  // the ring around z, layout 0
  assert.deepEqual(chartUpdate(figure, view, 1, 11).data[5], { x: [10], y: [30] });
  assert.deepEqual(chartUpdate(figure, Object.assign({}, view, { phase: 0 }), -1, 11).data[5], { x: [], y: [] });
  assert.equal(chartUpdate(figure, Object.assign({}, view, { k: 3 }), 0, 11), null);
  assert.equal(frameOf(figure, 1).name, "1");
});

test("Undo past the payload shows the state before the server's last action, when the payload holds it", () => {
  const head = Object.assign({}, HEAD, { undo: 2, undo_steps: 3, undo_view: { data: [{ text: ["z = 9"] }] } });
  const view = applyOp(LESSON, head, baseView(LESSON, head), "undo");
  assert.deepEqual([view.k, view.taken, view.serverUndo, view.blind], ["undo", 2, 1, false]);
  assert.equal(applyOp(LESSON, head, view, "undo").blind, true);  // past it: the server's
  assert.equal(applyOp(LESSON, head, view, "step").blind, true);
  const figure = { lesson: LESSON, head, frames: [{ name: "0", traces: [4], data: [{ text: ["z = 1"] }] }] };
  const update = chartUpdate(figure, view, 0, 11);
  assert.deepEqual(update.traces, [4, 11]);
  assert.deepEqual(update.data[0].text, ["z = 9"]);
});
