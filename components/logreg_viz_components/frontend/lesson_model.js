// The lesson head's model, pure: where the page is (a row of the run the payload holds, a phase of its
// walk, the steps taken) after the ops pressed since the server last answered, and what the graph
// shows there. Nothing here draws; lesson.js does. Tested in components/tests/lesson_model.test.js.

export const KINDS = ["step", "steps", "undo", "back", "next"];
export const MAX_PENDING = 100;  // ops not yet acknowledged; past this, a press waits for the server
const ARROW = 1;  // a mask entry: the row's own text and its arrow to the parameter's new value
export const UNDONE = "undo";  // a view's row: the state before the server's last Step or Take K (head.undo_view)

// Where the payload itself is: its first row, the server's phase, nothing undone locally.
export function baseView(lesson, head) {
  return { k: 0, phase: head.phase, taken: head.own_taken, stack: [], serverUndo: head.undo, blind: false };
}

// Whether the page holds row k of the run and the controls can hold its parameters.
export function holds(lesson, k) {
  const at = (lesson.rows || []).indexOf(k);
  return at !== -1 && lesson.held[at] === true;
}

// The view after one op, or the same view marked blind: the page cannot show it (the row is not held,
// or there is no walk for it, or Undo reaches past what the payload holds). A blind view stays blind:
// the server's next payload shows where the page is.
export function applyOp(lesson, head, view, kind) {
  if (view.blind) return view;
  const blind = Object.assign({}, view, { blind: true });
  if (!(lesson.rows || []).length) return blind;  // nothing held (a quiz, a class's question): the server answers
  if (view.k === UNDONE) return blind;  // past the state before the last action, the server answers
  const moveTo = (k, by) => (holds(lesson, k)
    ? Object.assign({}, view, { k, phase: 0, taken: view.taken + by, stack: [...view.stack, by] })
    : blind);
  if (kind === "step") return moveTo(view.k + 1, 1);
  if (kind === "steps") return moveTo(view.k + lesson.steps, lesson.steps);
  if (kind === "undo") {
    if (view.stack.length) {
      const by = view.stack[view.stack.length - 1];
      return Object.assign({}, view, { k: view.k - by, phase: 0, taken: view.taken - by, stack: view.stack.slice(0, -1) });
    }
    if (view.serverUndo > 0 && head.undo_view) {  // the state before the server's last action: the payload holds it
      const by = head.undo_steps || 0;
      return Object.assign({}, view, { k: UNDONE, phase: 0, taken: view.taken - by, serverUndo: view.serverUndo - 1 });
    }
    return view.serverUndo > 0 ? blind : view;
  }
  const to = view.phase + (kind === "next" ? 1 : -1);
  if (kind !== "next" && kind !== "back") return view;
  if (to < 0 || to > head.limit || to > lesson.walk.length) return view;
  return to === 0 || walkOf(lesson, view.k) ? Object.assign({}, view, { phase: to }) : blind;
}

// Whether an op does anything from `view` (a disabled button's key does nothing).
export function allowed(head, view, kind) {
  if (kind === "undo") return view.stack.length > 0 || view.serverUndo > 0;
  if (kind === "back") return view.phase > 0 && head.limit > 0;
  if (kind === "next") return view.phase < head.limit;
  return kind === "step" || kind === "steps";
}

export function walkOf(lesson, k) {
  return (lesson.walks || {})[String(k)] || null;
}

// The view the pending ops lead to from the payload.
export function viewAfter(lesson, head, pending) {
  return pending.reduce((view, op) => applyOp(lesson, head, view, op.kind), baseView(lesson, head));
}

// The graph's texts at row k, phase `phase`: the row's own (from its frame, everything shown) as the
// phase's mask keeps them. `own` is the frame's first four traces' texts: forward, backward, edge values, flag.
export function textsAt(lesson, own, k, phase) {
  const mask = (lesson.masks || [])[phase];
  if (!mask) return own;
  const arrows = (walkOf(lesson, k) || {}).arrows || [];
  return own.map((group, g) => group.map((text, i) => {
    const entry = mask[g] && mask[g][i];
    if (entry === null || entry === undefined) return text;
    if (entry === ARROW) return arrows[i] ? text + arrows[i] : text;
    return entry;
  }));
}

// The line under the buttons: where the walk is, then the steps taken (markdown's **bold** only).
export function whereLine(head, view, local) {
  const where = (head.where || [])[view.phase] || "";
  const taken = local ? `Steps taken: **${view.taken.toLocaleString("en-US")}**.` : head.taken;
  return `${where} ${taken}`.trim();
}

// "a **b** c" as [["a ", false], ["b", true], [" c", false]]: the only markup the line has.
export function boldRuns(text) {
  return String(text).split("**").map((part, i) => [part, i % 2 === 1]).filter(([part]) => part !== "");
}

// The frame of row k in the payload (its frames are named by row), or null.
export function frameOf(figure, k) {
  return (figure.frames || []).find((frame) => frame.name === String(k)) || null;
}

// The update that shows a view on the chart: the frame's traces, their first four texts masked for
// the phase, and the ring (trace `ringIndex`) around the phase's node in layout `variant` (none at 0).
export function chartUpdate(figure, view, variant, ringIndex) {
  const lesson = figure.lesson;
  const undone = view.k === UNDONE && figure.head.undo_view && (figure.frames || [])[0];
  const frame = undone ? { data: figure.head.undo_view.data, traces: figure.frames[0].traces } : frameOf(figure, view.k);
  if (!frame) return null;
  const own = frame.data.slice(0, 4).map((trace) => trace.text);
  const texts = textsAt(lesson, own, view.k, view.phase);
  const data = frame.data.map((trace, i) => (i < 4 ? { text: texts[i] } : trace));
  const node = view.phase > 0 ? lesson.walk[view.phase - 1].node : null;
  const rings = (lesson.rings || [])[Math.max(variant, 0)] || {};
  const ring = node && rings[node] ? rings[node] : [[], []];
  return { data: [...data, { x: ring[0], y: ring[1] }], traces: [...frame.traces, ringIndex] };
}
