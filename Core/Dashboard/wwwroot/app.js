// The operations dashboard: plain DOM code over the host's JSON APIs, no build step. The lists are the page's
// first view; /dashboard/instances/{id} shows one instance (instance.js), followed in place without a reload.
import { announce, apiBase, badge, button, cell, dashboardBase, element, instanceBadge, instanceLink, managementBase, request, requestWithHeaders, time } from "./common.js";
import * as instancePage from "./instance.js";
import { drawCharts } from "./charts.js";

const refreshedAt = document.getElementById("refreshed");
const autoRefresh = document.getElementById("auto-refresh");
let refreshing = false;

// Rows are kept by key and rebuilt only when their data changed; new rows are inserted around the others, so a
// refresh never moves or redraws the row an operator is using, and keeps the focus and any selection. A row that
// must change while it holds the focus gets the focus back on the same action.
function fill(table, data, build, columns, emptyText, key) {
  const body = table.tBodies[0];
  if (data.length === 0) {
    if (body.dataset.empty === "true") return;
    const row = element("tr");
    cell(row, emptyText).colSpan = columns;
    body.replaceChildren(row);
    body.dataset.empty = "true";
    return;
  }
  if (body.dataset.empty !== "false") body.replaceChildren();
  body.dataset.empty = "false";
  const existing = new Map([...body.rows].map(row => [row.dataset.key, row]));
  const active = document.activeElement;
  let refocus = null;
  const rows = data.map(item => {
    const rowKey = key(item);
    const signature = JSON.stringify(item);
    const old = existing.get(rowKey);
    if (old && old.dataset.signature === signature) return old;
    const row = build(item);
    row.dataset.key = rowKey;
    row.dataset.signature = signature;
    if (old && old.contains(active) && active.dataset.action) refocus = { row, action: active.dataset.action };
    return row;
  });
  const keep = new Set(rows);
  for (const row of [...body.rows]) if (!keep.has(row)) row.remove();
  rows.forEach((row, index) => { if (body.rows[index] !== row) body.insertBefore(row, body.rows[index] ?? null); });
  refocus?.row.querySelector(`[data-action="${refocus.action}"]`)?.focus();
}

async function act(description, work) {
  try {
    announce(description + "…");
    const message = await work();
    announce(message);
    await refresh();
  } catch (error) {
    announce(`${description} failed: ${error.message}`, true);
  }
}

// Failed samples, of one instrument when one is named: findings, notification status, and a retry for an
// undelivered notification.
async function loadSamples() {
  const instrument = document.getElementById("sample-instrument").value.trim();
  const samples = await request(`${apiBase}/qc/failures?limit=50${instrument ? `&instrument=${encodeURIComponent(instrument)}` : ""}`);
  fill(document.getElementById("samples-table"), samples, sample => {
    const row = element("tr");
    row.dataset.sampleId = sample.sampleId;
    const sampleCell = element("div");
    sampleCell.append(element("strong", sample.sampleId));
    if (sample.instrumentId) sampleCell.append(element("div", `on ${sample.instrumentId}`, "hint"));
    cell(row, sampleCell);
    cell(row, time(sample.checkedAt));
    const findings = element("ul");
    for (const finding of sample.findings ?? []) {
      const where = finding.wavelengthNm != null ? ` at ${finding.wavelengthNm} nm` : "";
      findings.append(element("li", `${finding.severity} · ${finding.rule}${where}: ${finding.message}`));
    }
    cell(row, findings);
    const notification = element("div");
    notification.append(badge(sample.notificationStatus));
    if (sample.notificationAttempts) notification.append(" ", element("span", `after ${sample.notificationAttempts} attempt(s)`));
    if (sample.notificationError) notification.append(element("div", sample.notificationError, "hint"));
    cell(row, notification);
    cell(row, sample.instanceId ? instanceLink(sample.instanceId) : "—");
    const actions = element("div", null, "actions");
    if (sample.notificationStatus === "Undelivered") {
      actions.append(button(`Retry notification`, "retry-notification", () => act(`Retrying the notification of ${sample.sampleId}`, async () => {
        const accepted = await request(`${apiBase}/samples/${encodeURIComponent(sample.sampleId)}/notify`, { method: "POST" });
        return `Notification of ${sample.sampleId} is being sent again (workflow ${accepted.instanceId}).`;
      })));
    }
    cell(row, actions);
    return row;
  }, 6, "No sample has failed quality control.", sample => sample.sampleId);
}

// Orders by status, with cancellation through the dashboard's own endpoint (the operator identity is the server's).
async function loadOrders() {
  const status = document.getElementById("order-status").value;
  const board = await request(`${dashboardBase}/api/orders?limit=50${status ? `&status=${encodeURIComponent(status)}` : ""}`);
  const counts = Object.entries(board.counts).map(([name, count]) => `${name}: ${count}`);
  document.getElementById("order-counts").textContent = counts.length ? `Orders by status — ${counts.join(", ")}` : "No orders yet.";
  fill(document.getElementById("orders-table"), board.orders, order => {
    const row = element("tr");
    row.dataset.orderId = order.orderId;
    cell(row, instanceLink(order.orderId));
    cell(row, order.item);
    cell(row, order.amount);
    const statusCell = element("div");
    statusCell.append(badge(order.status));
    if (order.statusReason) statusCell.append(element("div", order.statusReason, "hint"));
    cell(row, statusCell);
    cell(row, order.orderedBy);
    cell(row, time(order.updatedAt));
    const actions = element("div", null, "actions");
    if (order.canCancel) {
      actions.append(button(`Cancel order`, "cancel-order", () => {
        if (!window.confirm(`Cancel order ${order.orderId}? A captured payment is refunded.`)) return;
        act(`Cancelling ${order.orderId}`, async () => {
          const accepted = await request(`${dashboardBase}/api/orders/${encodeURIComponent(order.orderId)}/cancel`, { method: "POST" });
          return accepted.message;
        });
      }, true));
    }
    cell(row, actions);
    return row;
  }, 7, "No orders match.", order => order.orderId);
}

// Workflow instances: the newest by default; a search goes to the management API and pages by its continuation
// token (oldest first, as that API lists them).
const search = { active: false, tokens: [null], page: 0, next: null };

function instanceRow(instance) {
  const row = element("tr");
  row.dataset.instanceId = instance.instanceId;
  cell(row, instanceLink(instance.instanceId));
  cell(row, instance.name);
  const status = element("div");
  status.append(instanceBadge(instance.runtimeStatus, instance.customStatus));
  const error = instance.error ?? instance.failureDetails?.errorMessage;
  if (error) status.append(element("div", error, "hint"));
  cell(row, status);
  cell(row, instance.customStatus === null || instance.customStatus === undefined ? "—"
    : typeof instance.customStatus === "string" ? instance.customStatus : JSON.stringify(instance.customStatus));
  cell(row, time(instance.createdTime));
  cell(row, time(instance.lastUpdatedTime));
  return row;
}

function searchQuery() {
  const form = document.getElementById("instances-filter");
  const query = new URLSearchParams({ top: document.getElementById("page-size").value, showInput: "false" });
  const statuses = [...form.querySelectorAll("input[name=status]:checked")].map(box => box.value);
  if (statuses.length) query.set("runtimeStatus", statuses.join(","));
  const name = document.getElementById("instance-name").value;
  if (name) query.set("name", name);
  const prefix = document.getElementById("instance-prefix").value.trim();
  if (prefix) query.set("instanceIdPrefix", prefix);
  const from = document.getElementById("created-from").value;
  if (from) query.set("createdTimeFrom", new Date(from).toISOString());
  const to = document.getElementById("created-to").value;
  if (to) query.set("createdTimeTo", new Date(to).toISOString());
  return query;
}

async function loadInstances() {
  let instances;
  if (search.active) {
    const token = search.tokens[search.page];
    const answer = await requestWithHeaders(`${managementBase}/instances?${searchQuery()}`, token ? { headers: { "x-ms-continuation-token": token } } : undefined);
    // Durable Functions' management API knows no name filter and lists every workflow: keep the one asked for.
    const wanted = document.getElementById("instance-name").value;
    instances = answer.body.filter(instance => !wanted || instance.name === wanted);
    search.next = answer.headers.get("x-ms-continuation-token");
    document.getElementById("page-status").textContent = `Page ${search.page + 1}${search.next ? "" : " (last)"}, ${instances.length} instance(s), oldest first.`;
  } else {
    const form = document.getElementById("instances-filter");
    const statuses = [...form.querySelectorAll("input[name=status]:checked")].map(box => box.value);
    const name = document.getElementById("instance-name").value;
    const query = new URLSearchParams({ limit: "50" });
    if (statuses.length) query.set("status", statuses.join(","));
    if (name) query.set("name", name);
    instances = await request(`${dashboardBase}/api/instances?${query}`);
    search.next = null;
    document.getElementById("page-status").textContent = `The ${instances.length} newest instance(s); search to page through all.`;
  }
  document.getElementById("previous-page").disabled = !search.active || search.page === 0;
  document.getElementById("next-page").disabled = !search.active || !search.next;
  fill(document.getElementById("instances-table"), instances, instanceRow, 6, "No instances match.", instance => instance.instanceId);
}

// The charts are redrawn only when their numbers changed (the window's end moves each minute).
let chartSignature = "";
async function loadCharts() {
  const minutes = document.getElementById("chart-window").value;
  const charts = await request(`${dashboardBase}/api/charts?minutes=${encodeURIComponent(minutes)}`);
  const { to, ...numbers } = charts;
  const signature = JSON.stringify(numbers);
  if (signature === chartSignature) return;
  chartSignature = signature;
  drawCharts(document.getElementById("charts-body"), charts);
}

async function loadLogs() {
  const device = document.getElementById("log-device").value.trim();
  const logs = await request(`${dashboardBase}/api/logs${device ? `?device=${encodeURIComponent(device)}` : ""}`);
  fill(document.getElementById("logs-table"), logs, log => {
    const row = element("tr");
    cell(row, log.error_log_id);
    cell(row, log.device_id);
    cell(row, log.error_number);
    cell(row, time(log.time_stamp * 1000));
    return row;
  }, 4, "No error logs.", log => String(log.error_log_id));
}

// The page shows either the lists or one instance, by its path; links to instances are followed in place.
const instancePrefix = `${dashboardBase}/instances/`;
const currentInstance = () => {
  const rest = location.pathname.startsWith(instancePrefix) ? location.pathname.slice(instancePrefix.length) : "";
  return rest && !rest.includes("/") ? decodeURIComponent(rest) : null;
};

async function refresh() {
  if (refreshing) return;
  refreshing = true;
  try {
    const instanceId = currentInstance();
    document.getElementById("lists").hidden = Boolean(instanceId);
    document.getElementById("instance-view").hidden = !instanceId;
    const work = instanceId ? [instancePage.load(instanceId)] : [loadCharts(), loadSamples(), loadOrders(), loadInstances(), loadLogs()];
    const results = await Promise.allSettled(work);
    const failed = results.filter(result => result.status === "rejected");
    if (failed.length) announce(`Some sections could not be loaded: ${failed.map(result => result.reason.message).join("; ")}`, true);
    const now = new Date();
    refreshedAt.textContent = now.toLocaleTimeString();
    refreshedAt.dateTime = now.toISOString();
    document.body.dataset.refreshed = String(now.getTime());
  } finally {
    refreshing = false;
  }
}

function navigate(path) {
  history.pushState(null, "", path);
  refresh().then(() => document.getElementById(currentInstance() ? "instance-heading" : "main-heading").focus());
}

document.addEventListener("click", event => {
  const link = event.target.closest("a[data-instance-link], a[data-back]");
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  navigate(link.getAttribute("href"));
});
window.addEventListener("popstate", () => refresh());

function startSearch() {
  search.active = true;
  search.tokens = [null];
  search.page = 0;
  refresh();
}

document.getElementById("refresh").addEventListener("click", refresh);
document.getElementById("order-status").addEventListener("change", refresh);
document.getElementById("chart-window").addEventListener("change", refresh);
document.getElementById("instances-filter").addEventListener("submit", event => { event.preventDefault(); startSearch(); });
document.getElementById("clear-search").addEventListener("click", () => {
  document.getElementById("instances-filter").reset();
  search.active = false;
  refresh();
});
document.getElementById("next-page").addEventListener("click", () => {
  if (!search.next) return;
  search.tokens[search.page + 1] = search.next;
  search.page += 1;
  refresh();
});
document.getElementById("previous-page").addEventListener("click", () => {
  if (search.page === 0) return;
  search.page -= 1;
  refresh();
});
document.getElementById("logs-filter").addEventListener("submit", event => { event.preventDefault(); refresh(); });
document.getElementById("samples-filter").addEventListener("submit", event => { event.preventDefault(); refresh(); });
instancePage.bindRaiseEvent();
setInterval(() => {
  if (!autoRefresh.checked || document.hidden) return;
  if (currentInstance() && !instancePage.isRunning()) return;
  refresh();
}, 5000);
refresh();
