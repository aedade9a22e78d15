// The operations dashboard: plain DOM code over the host's JSON APIs, no build step.
// Data is only ever written with textContent, so nothing the API returns is parsed as HTML.
"use strict";

(() => {
  const apiBase = document.body.dataset.apiBase;
  const managementBase = document.body.dataset.managementBase;
  const announcer = document.getElementById("announcer");
  const refreshedAt = document.getElementById("refreshed");
  const autoRefresh = document.getElementById("auto-refresh");
  let refreshing = false;

  // The operator key arrives once as ?code= (as Azure Functions keys do); it is kept for this tab only, taken out of
  // the address bar, and sent as a header, never as a cookie, so no other site can make the browser send it.
  const keyName = "portable-operator-key";
  const query = new URLSearchParams(location.search);
  if (query.has("code")) {
    sessionStorage.setItem(keyName, query.get("code"));
    query.delete("code");
    history.replaceState(null, "", location.pathname + (query.size ? "?" + query : "") + location.hash);
  }
  const operatorKey = sessionStorage.getItem(keyName) ?? "";

  const statusTone = {
    Completed: "ok", Delivered: "ok", NotRequired: "ok", COMPLETED: "ok", PLACED: "ok", Passed: "ok",
    Failed: "bad", Terminated: "bad", Undelivered: "bad", FAILED: "bad", CANCELLED: "warn",
    Running: "info", Pending: "info", Suspended: "warn", PROCESSING: "info", IN_TRANSIT: "info", Checking: "info",
  };

  function announce(text, isError) {
    announcer.textContent = text;
    announcer.classList.toggle("error", Boolean(isError));
  }

  async function request(url, options) {
    const response = await fetch(url, { headers: { accept: "application/json", "x-functions-key": operatorKey }, ...options });
    const text = await response.text();
    const body = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const reason = body && (body.detail || body.title) ? (body.detail || body.title) : response.statusText;
      throw new Error(`${response.status}: ${reason}`);
    }
    return body;
  }

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function badge(status) {
    const node = element("span", status ?? "—", "badge status " + (statusTone[status] ?? ""));
    return node;
  }

  function time(value) {
    if (!value) return element("span", "—");
    const date = new Date(value);
    const node = element("time", date.toLocaleString());
    node.dateTime = date.toISOString();
    return node;
  }

  function cell(row, content) {
    const td = element("td");
    if (content instanceof Node) td.append(content); else td.textContent = content ?? "";
    row.append(td);
    return td;
  }

  function button(label, action, handler, danger) {
    const node = element("button", label, danger ? "danger" : "");
    node.type = "button";
    node.dataset.action = action;
    node.addEventListener("click", handler);
    return node;
  }

  function fill(table, rows, columns, emptyText) {
    const body = table.tBodies[0];
    if (rows.length === 0) {
      const row = element("tr");
      const td = cell(row, emptyText);
      td.colSpan = columns;
      body.replaceChildren(row);
    } else {
      body.replaceChildren(...rows);
    }
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

  // Failed samples: findings, notification status, and a retry for an undelivered notification.
  async function loadSamples() {
    const samples = await request(`${apiBase}/qc/failures?limit=50`);
    const rows = samples.map(sample => {
      const row = element("tr");
      row.dataset.sampleId = sample.sampleId;
      cell(row, element("strong", sample.sampleId));
      cell(row, time(sample.checkedAt));
      const findings = element("ul");
      for (const finding of sample.findings) {
        const where = finding.wavelengthNm != null ? ` at ${finding.wavelengthNm} nm` : "";
        findings.append(element("li", `${finding.severity} · ${finding.rule}${where}: ${finding.message}`));
      }
      cell(row, findings);
      const notification = element("div");
      notification.append(badge(sample.notificationStatus));
      if (sample.notificationAttempts) notification.append(" ", element("span", `after ${sample.notificationAttempts} attempt(s)`));
      if (sample.notificationError) notification.append(element("div", sample.notificationError, "hint"));
      cell(row, notification);
      cell(row, element("code", sample.instanceId));
      const actions = element("div", null, "actions");
      if (sample.notificationStatus === "Undelivered") {
        actions.append(button(`Retry notification`, "retry-notification", () => act(`Retrying the notification of ${sample.sampleId}`, async () => {
          const accepted = await request(`${apiBase}/samples/${encodeURIComponent(sample.sampleId)}/notify`, { method: "POST" });
          return `Notification of ${sample.sampleId} is being sent again (workflow ${accepted.instanceId}).`;
        })));
      }
      cell(row, actions);
      return row;
    });
    fill(document.getElementById("samples-table"), rows, 6, "No sample has failed quality control.");
  }

  // Orders by status, with cancellation through the dashboard's own endpoint (the operator identity is the server's).
  async function loadOrders() {
    const status = document.getElementById("order-status").value;
    const board = await request(`/dashboard/api/orders?limit=50${status ? `&status=${encodeURIComponent(status)}` : ""}`);
    const counts = Object.entries(board.counts).map(([name, count]) => `${name}: ${count}`);
    document.getElementById("order-counts").textContent = counts.length ? `Orders by status — ${counts.join(", ")}` : "No orders yet.";
    const rows = board.orders.map(order => {
      const row = element("tr");
      row.dataset.orderId = order.orderId;
      cell(row, element("strong", order.orderId));
      cell(row, order.item);
      cell(row, order.amount);
      const status = element("div");
      status.append(badge(order.status));
      if (order.statusReason) status.append(element("div", order.statusReason, "hint"));
      cell(row, status);
      cell(row, order.orderedBy);
      cell(row, time(order.updatedAt));
      const actions = element("div", null, "actions");
      if (order.canCancel) {
        actions.append(button(`Cancel order`, "cancel-order", () => {
          if (!window.confirm(`Cancel order ${order.orderId}? A captured payment is refunded.`)) return;
          act(`Cancelling ${order.orderId}`, async () => {
            const accepted = await request(`/dashboard/api/orders/${encodeURIComponent(order.orderId)}/cancel`, { method: "POST" });
            return accepted.message;
          });
        }, true));
      }
      cell(row, actions);
      return row;
    });
    fill(document.getElementById("orders-table"), rows, 7, "No orders match.");
  }

  // Workflow instances, filtered by status and workflow, with a history timeline and the safe controls.
  async function loadInstances() {
    const form = document.getElementById("instances-filter");
    const statuses = [...form.querySelectorAll("input[name=status]:checked")].map(box => box.value);
    const name = document.getElementById("instance-name").value;
    const query = new URLSearchParams({ limit: "50" });
    if (statuses.length) query.set("status", statuses.join(","));
    if (name) query.set("name", name);
    const instances = await request(`/dashboard/api/instances?${query}`);
    const rows = instances.map(instance => {
      const row = element("tr");
      row.dataset.instanceId = instance.instanceId;
      cell(row, element("code", instance.instanceId));
      cell(row, instance.name);
      const status = element("div");
      status.append(badge(instance.runtimeStatus));
      if (instance.error) status.append(element("div", instance.error, "hint"));
      cell(row, status);
      cell(row, instance.customStatus ?? "—");
      cell(row, time(instance.createdTime));
      cell(row, time(instance.lastUpdatedTime));
      const actions = element("div", null, "actions");
      const id = encodeURIComponent(instance.instanceId);
      actions.append(button("History", "history", () => showHistory(instance.instanceId)));
      if (["Pending", "Running", "Suspended"].includes(instance.runtimeStatus)) {
        actions.append(button("Terminate", "terminate", () => {
          if (!window.confirm(`Terminate instance ${instance.instanceId}? Its workflow stops where it is.`)) return;
          act(`Terminating ${instance.instanceId}`, async () => {
            await request(`${managementBase}/instances/${id}/terminate?reason=${encodeURIComponent("Terminated from the dashboard")}`, { method: "POST" });
            return `Instance ${instance.instanceId} is being terminated.`;
          });
        }, true));
      } else {
        actions.append(button("Purge", "purge", () => {
          if (!window.confirm(`Purge instance ${instance.instanceId} and its history?`)) return;
          act(`Purging ${instance.instanceId}`, async () => {
            await request(`${managementBase}/instances/${id}`, { method: "DELETE" });
            return `Instance ${instance.instanceId} was purged.`;
          });
        }, true));
      }
      cell(row, actions);
      return row;
    });
    fill(document.getElementById("instances-table"), rows, 7, "No instances match.");
  }

  async function showHistory(instanceId) {
    try {
      const status = await request(`${managementBase}/instances/${encodeURIComponent(instanceId)}?showHistory=true&showInput=false`);
      const panel = document.getElementById("history");
      const heading = document.getElementById("history-heading");
      heading.textContent = `History of ${instanceId} (${status.runtimeStatus})`;
      const items = (status.historyEvents ?? []).map(event => {
        const item = element("li", null, event.FailureDetails ? "failed" : "");
        item.append(time(event.Timestamp));
        item.append(element("strong", event.EventType));
        const what = [event.FunctionName, event.TaskScheduledId != null ? `task ${event.TaskScheduledId}` : null].filter(Boolean).join(", ");
        if (what) item.append(" ", element("span", what));
        if (event.FailureDetails) item.append(element("div", `${event.FailureDetails.errorType}: ${event.FailureDetails.errorMessage}`, "hint"));
        return item;
      });
      document.getElementById("history-timeline").replaceChildren(...items);
      panel.hidden = false;
      heading.focus();
    } catch (error) {
      announce(`The history of ${instanceId} could not be read: ${error.message}`, true);
    }
  }

  async function loadLogs() {
    const device = document.getElementById("log-device").value.trim();
    const logs = await request(`/dashboard/api/logs${device ? `?device=${encodeURIComponent(device)}` : ""}`);
    const rows = logs.map(log => {
      const row = element("tr");
      cell(row, log.error_log_id);
      cell(row, log.device_id);
      cell(row, log.error_number);
      cell(row, time(log.time_stamp * 1000));
      return row;
    });
    fill(document.getElementById("logs-table"), rows, 4, "No error logs.");
  }

  // Re-rendering a table drops the keyboard focus; put it back on the same button of the same row.
  function focusedControl() {
    const active = document.activeElement;
    const row = active && active.dataset && active.dataset.action ? active.closest("tr") : null;
    return row ? { table: row.closest("table").id, row: JSON.stringify(row.dataset), action: active.dataset.action } : null;
  }

  function restoreFocus(control) {
    if (!control || (document.activeElement && document.activeElement !== document.body)) return;
    const row = [...document.querySelectorAll(`#${control.table} tbody tr`)].find(candidate => JSON.stringify(candidate.dataset) === control.row);
    row?.querySelector(`button[data-action="${control.action}"]`)?.focus();
  }

  async function refresh() {
    if (refreshing) return;
    refreshing = true;
    const focused = focusedControl();
    try {
      const results = await Promise.allSettled([loadSamples(), loadOrders(), loadInstances(), loadLogs()]);
      const failed = results.filter(result => result.status === "rejected");
      if (failed.length) announce(`Some sections could not be loaded: ${failed.map(result => result.reason.message).join("; ")}`, true);
      const now = new Date();
      refreshedAt.textContent = now.toLocaleTimeString();
      refreshedAt.dateTime = now.toISOString();
      document.body.dataset.refreshed = String(now.getTime());
      restoreFocus(focused);
    } finally {
      refreshing = false;
    }
  }

  document.getElementById("refresh").addEventListener("click", refresh);
  document.getElementById("order-status").addEventListener("change", refresh);
  document.getElementById("instances-filter").addEventListener("change", refresh);
  document.getElementById("logs-filter").addEventListener("submit", event => { event.preventDefault(); refresh(); });
  for (const form of document.querySelectorAll("form")) form.addEventListener("submit", event => event.preventDefault());
  setInterval(() => { if (autoRefresh.checked && !document.hidden) refresh(); }, 5000);
  refresh();
})();
