// The instance's timeline as an SVG Gantt chart: one row per activity attempt, timer, sub-orchestration and external
// event, drawn from the management API's history (the Durable Functions shape: completions carry FunctionName and
// ScheduledTime, so the compact history of Azure's API draws as well as the full one of the portable runtime).
// Failures are hatched and labelled, not told by colour alone; each bar's <title> gives start, end and duration.
import { duration } from "./common.js";

const svgNs = "http://www.w3.org/2000/svg";
const ended = new Set(["ExecutionCompleted", "ExecutionFailed", "ExecutionTerminated"]);

function svg(tag, attributes, text) {
  const node = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attributes ?? {})) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

const at = value => (value ? new Date(value).getTime() : null);

/** The rows of the chart: { kind, label, start, end, open, failed, detail }. */
export function timelineRows(status) {
  const events = status.historyEvents ?? [];
  const rows = [];
  const pending = new Map();
  // A call that follows a failed call of the same name is its retry: "ChargePayment (attempt 2)".
  const attempts = new Map();
  const label = name => {
    const attempt = attempts.get(name) ?? 1;
    return attempt > 1 ? `${name} (attempt ${attempt})` : name;
  };
  const settle = (name, failed) => (failed ? attempts.set(name, (attempts.get(name) ?? 1) + 1) : attempts.delete(name));
  const end = events.find(event => ended.has(event.EventType));
  const now = end ? at(end.Timestamp) : Math.max(Date.now(), at(status.lastUpdatedTime) ?? 0);

  for (const event of events) {
    const id = event.TaskScheduledId;
    switch (event.EventType) {
      case "TaskScheduled":
      case "SubOrchestrationInstanceCreated":
      case "TimerCreated":
        pending.set(`${event.EventType === "TimerCreated" ? "timer" : "task"}:${id}`, event);
        break;
      case "TaskCompleted":
      case "TaskFailed":
      case "SubOrchestrationInstanceCompleted":
      case "SubOrchestrationInstanceFailed": {
        const scheduled = pending.get(`task:${id}`);
        pending.delete(`task:${id}`);
        const name = event.FunctionName ?? scheduled?.FunctionName ?? "task";
        const failed = event.EventType.endsWith("Failed");
        rows.push({
          kind: event.EventType.startsWith("Sub") ? "sub-orchestration" : "activity",
          label: label(name),
          start: at(event.ScheduledTime ?? scheduled?.Timestamp ?? event.Timestamp),
          end: at(event.Timestamp),
          failed,
          detail: failed ? `failed: ${event.Reason ?? event.FailureDetails?.errorMessage ?? "error"}` : "completed",
        });
        settle(name, failed);
        break;
      }
      case "TimerFired": {
        const created = pending.get(`timer:${id}`);
        pending.delete(`timer:${id}`);
        rows.push({ kind: "timer", label: "timer", start: at(event.ScheduledTime ?? created?.Timestamp ?? event.Timestamp), end: at(event.Timestamp), detail: `fired (due ${new Date(event.FireAt).toLocaleTimeString()})` });
        break;
      }
      case "EventRaised":
        rows.push({ kind: "event", label: `event ${event.Name ?? ""}`.trim(), start: at(event.Timestamp), end: at(event.Timestamp), detail: "received" });
        break;
      default:
        break;
    }
  }

  // What has started and not ended: a running activity or sub-orchestration, a timer still waiting.
  for (const [key, event] of pending) {
    const timer = key.startsWith("timer:");
    rows.push({
      kind: timer ? "timer" : event.EventType === "TaskScheduled" ? "activity" : "sub-orchestration",
      label: timer ? "timer" : label(event.FunctionName ?? "task"),
      start: at(event.Timestamp),
      end: timer && !end ? Math.max(now, at(event.FireAt)) : now,
      open: true,
      detail: timer ? `waiting until ${new Date(event.FireAt).toLocaleString()}` : end ? "never finished" : "running",
    });
  }

  return rows.sort((a, b) => a.start - b.start);
}

/** The chart; an empty history draws a one-line note instead. */
export function drawTimeline(status) {
  const rows = timelineRows(status);
  const begin = at(status.createdTime) ?? Math.min(...rows.map(row => row.start));
  const finish = Math.max(begin + 1, ...rows.map(row => row.end ?? row.start), at(status.lastUpdatedTime) ?? begin);
  const width = 1000, labelWidth = 230, right = 90, rowHeight = 26, top = 24;
  const height = top + Math.max(rows.length, 1) * rowHeight + 8;
  const span = finish - begin;
  const x = value => labelWidth + ((value - begin) / span) * (width - labelWidth - right);

  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img", class: "gantt", "aria-labelledby": "timeline-title timeline-desc" });
  chart.append(svg("title", { id: "timeline-title" }, `Timeline of ${status.instanceId}`));
  chart.append(svg("desc", { id: "timeline-desc" }, `${rows.length} steps over ${duration(span)}; failed steps are hatched and marked with a cross.`));
  const defs = svg("defs");
  const hatch = svg("pattern", { id: "hatch-failed", width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" });
  hatch.append(svg("rect", { width: 6, height: 6, class: "hatch-ground" }), svg("line", { x1: 0, y1: 0, x2: 0, y2: 6, class: "hatch-line" }));
  defs.append(hatch);
  chart.append(defs);

  chart.append(svg("text", { x: labelWidth, y: 14, class: "axis" }, "0 s"));
  chart.append(svg("text", { x: width - right, y: 14, class: "axis", "text-anchor": "end" }, duration(span)));
  if (rows.length === 0) chart.append(svg("text", { x: labelWidth, y: top + 16 }, "No steps recorded yet."));

  rows.forEach((row, index) => {
    const y = top + index * rowHeight;
    const group = svg("g", { class: `bar ${row.kind}${row.failed ? " failed" : ""}${row.open ? " open" : ""}`, "data-kind": row.kind, tabindex: -1 });
    const start = new Date(row.start).toLocaleTimeString();
    const endText = row.open ? "not ended" : new Date(row.end).toLocaleTimeString();
    group.append(svg("title", {}, `${row.label} (${row.kind}): ${row.detail}. Start ${start}, end ${endText}, ${duration(row.end - row.start)}.`));
    group.append(svg("text", { x: labelWidth - 8, y: y + 17, "text-anchor": "end", class: "label" }, `${row.failed ? "✗ " : ""}${row.label}`));
    if (row.kind === "event") {
      const cx = x(row.start);
      group.append(svg("path", { d: `M ${cx} ${y + 5} l 8 8 l -8 8 l -8 -8 z`, class: "marker" }));
    } else {
      const left = x(row.start);
      group.append(svg("rect", { x: left, y: y + 5, width: Math.max(3, x(row.end) - left), height: rowHeight - 10, rx: 2, class: "span" }));
    }
    group.append(svg("text", { x: Math.min(x(row.end ?? row.start) + 12, width - right + 6), y: y + 17, class: "value" }, row.kind === "event" ? "" : duration(row.end - row.start) + (row.failed ? " failed" : row.open ? " …" : "")));
    chart.append(group);
  });
  return chart;
}
