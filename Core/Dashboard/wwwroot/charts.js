// The dashboard's charts as inline SVG, drawn from /dashboard/api/charts: each series is its own labelled row, every
// bar carries its value as text or in its <title>, and totals are written out, so nothing depends on colour.
import { element } from "./common.js";

const svgNs = "http://www.w3.org/2000/svg";

function svg(tag, attributes, text) {
  const node = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attributes ?? {})) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

const clock = value => new Date(value).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

/** Per-minute counts, one row per series over the same minutes of the window; a row's total is written at its end. */
function minuteChart(id, title, from, to, series) {
  // The window runs from the start of its first minute into the current one, which is drawn too.
  const minutes = Math.max(1, Math.ceil((new Date(to) - new Date(from)) / 60000));
  const width = 1000, labelWidth = 150, right = 110, rowHeight = 46, top = 18;
  const height = top + series.length * rowHeight + 16;
  const step = (width - labelWidth - right) / minutes;
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img", class: "chart minutes", id, "aria-label": title });
  chart.append(svg("title", {}, title));
  chart.append(svg("text", { x: labelWidth, y: 12, class: "axis" }, clock(from)));
  chart.append(svg("text", { x: width - right, y: 12, class: "axis", "text-anchor": "end" }, clock(to)));
  series.forEach((row, index) => {
    const y = top + index * rowHeight;
    const peak = Math.max(1, ...row.points.map(point => point.count));
    const group = svg("g", { class: `series ${row.kind}`, "data-series": row.kind });
    group.append(svg("text", { x: labelWidth - 8, y: y + rowHeight / 2, "text-anchor": "end", class: "label" }, row.label));
    group.append(svg("line", { x1: labelWidth, x2: width - right, y1: y + rowHeight - 6, y2: y + rowHeight - 6, class: "baseline" }));
    for (const point of row.points) {
      const index = Math.floor((new Date(point.at) - new Date(from)) / 60000);
      if (index < 0 || index >= minutes || point.count === 0) continue;
      const barHeight = Math.max(2, ((rowHeight - 10) * point.count) / peak);
      const bar = svg("rect", { x: labelWidth + index * step + 1, y: y + rowHeight - 6 - barHeight, width: Math.max(1, step - 2), height: barHeight, class: "bar", "data-count": point.count });
      bar.append(svg("title", {}, `${clock(point.at)}: ${point.count} ${row.label.toLowerCase()}`));
      group.append(bar);
    }
    const total = row.points.reduce((sum, point) => sum + point.count, 0);
    group.append(svg("text", { x: width - right + 8, y: y + rowHeight / 2, class: "value" }, `${total} in all`));
    chart.append(group);
  });
  return chart;
}

/** Counts by name as horizontal bars, the count written beside each bar. */
function rankedChart(id, title, items, emptyText) {
  const width = 400, labelWidth = 130, right = 40, rowHeight = 24;
  const height = Math.max(1, items.length) * rowHeight + 6;
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img", class: "chart ranked", id, "aria-label": title });
  chart.append(svg("title", {}, title));
  if (items.length === 0) {
    chart.append(svg("text", { x: 0, y: 17, class: "value" }, emptyText));
    return chart;
  }
  const peak = Math.max(...items.map(item => item.count));
  items.forEach((item, index) => {
    const y = index * rowHeight + 3;
    const barWidth = Math.max(2, ((width - labelWidth - right) * item.count) / peak);
    const group = svg("g", { class: "item", "data-name": item.name });
    group.append(svg("text", { x: labelWidth - 8, y: y + 15, "text-anchor": "end", class: "label" }, item.name));
    group.append(svg("rect", { x: labelWidth, y, width: barWidth, height: rowHeight - 6, class: "bar" }));
    group.append(svg("text", { x: labelWidth + barWidth + 6, y: y + 15, class: "value" }, String(item.count)));
    chart.append(group);
  });
  return chart;
}

function figure(title, chart, note) {
  const node = element("figure", null, "chart-figure");
  node.append(element("figcaption", title), chart);
  if (note) node.append(element("p", note, "hint"));
  return node;
}

/** Redraws the charts section from the charts answer. */
export function drawCharts(container, charts) {
  const workflows = charts.workflows ?? [];
  const at = point => point.minute;
  const workflowChart = minuteChart("chart-workflows", "Workflow instances per minute", charts.from, charts.to, [
    { kind: "started", label: "Started", points: workflows.map(point => ({ at: at(point), count: point.started })) },
    { kind: "completed", label: "Completed", points: workflows.map(point => ({ at: at(point), count: point.completed })) },
    { kind: "failed", label: "Failed", points: workflows.map(point => ({ at: at(point), count: point.failed })) },
  ]);
  const logChart = minuteChart("chart-error-logs", "Error logs per minute (by reported time)", charts.from, charts.to, [
    { kind: "logs", label: "Error logs", points: (charts.errorLogsPerMinute ?? []).map(point => ({ at: point.minuteUnixSeconds * 1000, count: point.count })) },
  ]);
  const undelivered = element("p", null, "stat");
  undelivered.id = "stat-undelivered";
  undelivered.append(element("strong", String(charts.undeliveredNotifications)), " undelivered notification(s) of failed samples");
  const named = list => list.map(item => ({ name: item.name ?? item.deviceId, count: item.count }));
  container.replaceChildren(
    figure("Workflow instances started, completed and failed per minute", workflowChart,
      charts.workflowsCapped ? "More instances were created than the chart reads; the counts are of the first ones." : null),
    undelivered,
    element("div", null, "chart-grid"),
    figure("Error logs per minute", logChart),
  );
  container.querySelector(".chart-grid").append(
    figure("QC failures by instrument", rankedChart("chart-qc-instruments", "QC failures by instrument", named(charts.qcFailuresByInstrument ?? []), "No failures in the window.")),
    figure("QC failures by check", rankedChart("chart-qc-checks", "QC failures by check", named(charts.qcFailuresByCheck ?? []), "No failures in the window.")),
    figure("Devices with the most error logs", rankedChart("chart-top-devices", "Devices with the most error logs", named(charts.topDevices ?? []), "No error logs in the window.")),
  );
}
