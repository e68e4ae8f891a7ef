// The lesson: its head (Step, Take K, Undo, Back, Next; where the walk is; the phase's formula) over
// the live chart of the run. The head answers its buttons here, from the run the payload holds (its
// frames, the walk's masks and formulas), so the graph, the ring, the formula, the contour's point
// and arrows, the loss marker and the boundary change in the same display frame as the press. Then it
// sends the press to the server (see page/lesson_ops.py), which takes it for real: the next payload
// is the server's own view of the same state, drawn over this one. What the payload does not hold
// (a step past its run, an Undo past its start, a quiz's closed walk) the server answers alone.
import { readFigure } from "./figure.js";
import { chartIn, renderChart, showUpdate } from "./live_chart.js";
import { MAX_PENDING, allowed, applyOp, boldRuns, chartUpdate, viewAfter, walkOf, whereLine } from "./lesson_model.js";
import { mathElement } from "./math.js";
import { isTyping } from "./play_key.js";

const BUTTONS = [
  { kind: "step", label: "Step", key: "s", primary: true, title: "One update: w := w − α·dw, b := b − α·db (key: s)" },
  { kind: "steps", label: "Take K steps", key: null },
  { kind: "undo", label: "Undo", key: "u" },
  { kind: "back", label: "◀ Back", key: "b" },
  { kind: "next", label: "Next ▶", key: "n", title: "Walk one update: forward z, a, L; backward da, dz, dw, db; then the update. (key: n)" },
];
const KEYS = Object.fromEntries(BUTTONS.filter((b) => b.key).map((b) => [b.key, b.kind]));
const lessons = new WeakMap();  // the component's element → what this module knows of its lesson
let opCount = 0;  // the page's op numbers: rising for the page's whole life
let current = null;  // the lesson the keys press (the page draws one; a redrawn section makes a new one)
let keysOn = false;

function ringIndex(figure) {
  return (figure.data || []).findIndex((trace) => trace.meta === "highlight");
}

function lessonOf(parent) {
  let state = lessons.get(parent);
  if (state) return state;
  const head = document.createElement("div");
  head.className = "lesson-head";
  const row = document.createElement("div");
  row.className = "lesson-buttons";
  const buttons = {};
  state = { text: null, figure: null, pending: [], view: null, shown: null, setTrigger: null, buttons };
  for (const spec of BUTTONS) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = spec.primary ? "lesson-button primary" : "lesson-button";
    button.dataset.op = spec.kind;
    const label = document.createElement("span");
    label.textContent = spec.label;
    button.append(label);
    if (spec.key) {
      const kbd = document.createElement("kbd");
      kbd.textContent = spec.key;
      kbd.setAttribute("aria-hidden", "true");
      button.append(kbd);
      button.setAttribute("aria-keyshortcuts", spec.key);
    }
    if (spec.title) button.title = spec.title;
    button.addEventListener("click", () => press(state, spec.kind));
    row.append(button);
    buttons[spec.kind] = { button, label };
  }
  const where = document.createElement("p");
  where.className = "lesson-where";
  where.setAttribute("aria-live", "polite");  // "Phase 3 of 11 · forward: L" is read as it changes
  const formula = document.createElement("div");
  formula.className = "lesson-formula";
  const chart = document.createElement("div");
  chart.className = "lesson-chart";
  head.append(row, where, formula);
  parent.append(head, chart);
  Object.assign(state, { head, where, formula, chart, parent });
  lessons.set(parent, state);
  installKeys();
  return state;
}

function installKeys() {
  if (keysOn) return;
  keysOn = true;
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat || isTyping(event.target)) return;
    const kind = KEYS[event.key];
    if (!kind || !current || !current.parent.isConnected) return;
    event.preventDefault();
    press(current, kind);
  });
}

function press(state, kind) {
  const { figure } = state;
  if (!figure || !allowed(figure.head, state.view, kind) || state.pending.length >= MAX_PENDING) return;
  opCount += 1;
  state.pending.push({ seq: opCount, kind });
  state.view = applyOp(figure.lesson, figure.head, state.view, kind);
  show(state);
  state.setTrigger("ops", { ops: state.pending.map(({ seq, kind: k }) => ({ seq, kind: k })) });
}

function showHead(state) {
  const { head, lesson } = state.figure;
  const view = state.view.blind ? viewAfter(lesson, head, []) : state.view;
  const local = !state.view.blind && state.view.k !== 0;  // moved from the payload: the page counts
  for (const [kind, { button, label }] of Object.entries(state.buttons)) {
    if (kind === "steps") label.textContent = head.take;
    button.disabled = !allowed(head, state.view, kind);
  }
  state.head.setAttribute("aria-busy", String(state.view.blind));
  // Tests and benches see how many presses the server has still to answer, and how many of its
  // payloads are drawn, by these attributes alone.
  state.head.dataset.pending = String(state.pending.length);
  state.where.replaceChildren(...boldRuns(whereLine(head, view, local)).map(([text, bold]) => {
    if (!bold) return document.createTextNode(text);
    const strong = document.createElement("strong");
    strong.textContent = text;
    return strong;
  }));
  const walk = walkOf(lesson, view.k);
  const text = view.phase > 0 && walk ? walk.formulas[view.phase - 1] : null;
  if (text !== state.formulaText) {
    state.formulaText = text;
    const math = mathElement(document, new DOMParser(), text);
    state.formula.replaceChildren(...(math ? [math] : []));
  }
}

function show(state) {
  showHead(state);
  if (state.view.blind) return;
  const key = `${state.view.k}:${state.view.phase}`;
  if (key === state.shown) return;
  const found = chartIn(state.chart);
  const update = found && chartUpdate(state.figure, state.view, found.variant, ringIndex(state.figure));
  if (!update) return;
  state.shown = key;
  showUpdate(state.chart, update);
}

export default function lesson(component) {
  const state = lessonOf(component.parentElement);
  current = state;
  state.setTrigger = component.setTriggerValue;
  const { text, figure } = readFigure(component.data);
  if (state.text === text) return;
  state.text = text;
  state.figure = figure;
  state.head.classList.toggle("presenter", Boolean(figure.head.presenter));
  state.pending = state.pending.filter((op) => op.seq > (figure.head.acked || 0));
  state.view = viewAfter(figure.lesson, figure.head, state.pending);
  const drawn = renderChart(state.chart, text, figure, component.setTriggerValue);
  state.shown = `0:${figure.head.phase}`;  // what the payload itself shows
  showHead(state);
  Promise.resolve(drawn).then(() => {
    if (state.text !== text) return;
    state.head.dataset.drawn = String(Number(state.head.dataset.drawn || 0) + 1);
    show(state);
  });
}
