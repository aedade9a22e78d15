// The instance page, /dashboard/instances/{id}: status, custom status, input, output, failure, the timeline, the
// history with names, inputs, results and durations, and the actions the status allows. It re-reads the instance
// while it runs and redraws only what changed; the actions bar is rebuilt only when the allowed actions change, so an
// operator's focus stays where it was.
import { announce, button, cell, customText, duration, element, instanceBadge, managementBase, request, requestWithHeaders, time } from "./common.js";
import { drawTimeline } from "./timeline.js";

const running = new Set(["Pending", "Running", "Suspended"]);
let current = null;
let lastJson = "";
let lastActions = "";

const byId = id => document.getElementById(id);
const instanceUrl = id => `${managementBase}/instances/${encodeURIComponent(id)}`;

function pretty(value) {
  if (value === null || value === undefined) return "—";
  return typeof value === "string" ? value : JSON.stringify(value, null, 2);
}

function allowedActions(status) {
  const actions = [];
  if (running.has(status.runtimeStatus)) actions.push("raise-event");
  if (status.runtimeStatus === "Running" || status.runtimeStatus === "Pending") actions.push("suspend");
  if (status.runtimeStatus === "Suspended") actions.push("resume");
  if (running.has(status.runtimeStatus)) actions.push("terminate");
  if (!running.has(status.runtimeStatus)) actions.push("restart", "purge");
  return actions;
}

async function perform(description, work) {
  try {
    announce(`${description}…`);
    const message = await work();
    announce(message);
    byId("instance-outcome").textContent = message;
    await load(current, true);
  } catch (error) {
    const message = `${description} failed: ${error.message}`;
    announce(message, true);
    byId("instance-outcome").textContent = message;
  }
}

function confirmThen(question, description, work) {
  if (!window.confirm(question)) {
    announce(`${description}: not done.`);
    return;
  }
  perform(description, work);
}

function renderActions(status) {
  const allowed = allowedActions(status);
  byId("raise-event").hidden = !allowed.includes("raise-event");
  const key = allowed.join(",");
  if (key === lastActions) return;
  lastActions = key;
  const id = status.instanceId;
  const buttons = [];
  if (allowed.includes("suspend")) {
    buttons.push(button("Suspend", "suspend", () => confirmThen(`Suspend ${id}? Its events wait until it is resumed.`, `Suspending ${id}`, async () => {
      await request(`${instanceUrl(id)}/suspend?reason=${encodeURIComponent("Suspended from the dashboard")}`, { method: "POST" });
      return `Instance ${id} is suspended.`;
    })));
  }
  if (allowed.includes("resume")) {
    buttons.push(button("Resume", "resume", () => confirmThen(`Resume ${id}?`, `Resuming ${id}`, async () => {
      await request(`${instanceUrl(id)}/resume?reason=${encodeURIComponent("Resumed from the dashboard")}`, { method: "POST" });
      return `Instance ${id} is resumed.`;
    })));
  }
  if (allowed.includes("terminate")) {
    buttons.push(button("Terminate", "terminate", () => confirmThen(`Terminate ${id}? Its workflow stops where it is.`, `Terminating ${id}`, async () => {
      await request(`${instanceUrl(id)}/terminate?reason=${encodeURIComponent("Terminated from the dashboard")}`, { method: "POST" });
      return `Instance ${id} is being terminated.`;
    }), true));
  }
  if (allowed.includes("restart")) {
    buttons.push(button("Restart with the same input", "restart", () => confirmThen(`Restart ${id} with the input it was given? It runs again under the same id.`, `Restarting ${id}`, async () => {
      const started = await request(`${instanceUrl(id)}/restart`, { method: "POST" }).catch(async error => {
        // Durable Functions' management API has no restart: start the workflow by name with the same input and id, as
        // the operator CLI does, once the instance is known to still exist (a purged one is not brought back).
        if (error.status !== 404 || !(await readStatus(id, false))) throw error;
        return request(`${managementBase}/orchestrators/${encodeURIComponent(status.name)}/${encodeURIComponent(id)}`, {
          method: "POST", body: JSON.stringify(status.input ?? null), headers: { "content-type": "application/json" },
        });
      });
      return `Instance ${started.id} was started again.`;
    })));
  }
  if (allowed.includes("purge")) {
    buttons.push(button("Purge", "purge", () => confirmThen(`Purge ${id} and its history? This cannot be undone.`, `Purging ${id}`, async () => {
      const purged = await request(instanceUrl(id), { method: "DELETE" });
      return `Instance ${id} was purged (${purged.instancesDeleted} deleted).`;
    }), true));
  }
  byId("instance-actions").replaceChildren(...buttons);
}

function renderSummary(status) {
  const summary = byId("instance-summary");
  const rows = [
    ["Workflow", status.name],
    ["Status", instanceBadge(status.runtimeStatus, status.customStatus)],
    ["Custom status", customText(status.customStatus) ?? "—"],
    ["Created", time(status.createdTime)],
    ["Last updated", time(status.lastUpdatedTime)],
    ["Duration", duration(new Date(status.lastUpdatedTime) - new Date(status.createdTime))],
  ];
  summary.replaceChildren(...rows.flatMap(([term, value]) => {
    const dd = element("dd");
    if (value instanceof Node) dd.append(value); else dd.textContent = value ?? "—";
    return [element("dt", term), dd];
  }));
  byId("instance-input").textContent = pretty(status.input);
  byId("instance-output").textContent = pretty(status.output);
  const failure = byId("instance-failure");
  failure.hidden = !status.failureDetails;
  if (status.failureDetails) {
    byId("failure-type").textContent = status.failureDetails.errorType;
    byId("failure-message").textContent = status.failureDetails.errorMessage;
  }
}

function renderHistory(status) {
  const events = status.historyEvents ?? [];
  const rows = events.filter(event => event.EventType !== "OrchestratorStarted").map(event => {
    const row = element("tr");
    row.className = event.FailureDetails || event.EventType.endsWith("Failed") ? "failed" : "";
    cell(row, time(event.Timestamp));
    cell(row, (event.EventType.endsWith("Failed") ? "✗ " : "") + event.EventType);
    cell(row, event.FunctionName ?? event.Name ?? "—");
    const what = event.Input !== undefined ? event.Input : event.Result;
    const detail = element("div");
    if (what !== undefined) detail.append(element("pre", pretty(what), "json"));
    if (event.Reason) detail.append(element("div", event.Reason, event.FailureDetails ? "failure" : "hint"));
    if (event.FireAt) detail.append(element("div", `fires at ${new Date(event.FireAt).toLocaleString()}`, "hint"));
    cell(row, detail);
    cell(row, event.ScheduledTime ? duration(new Date(event.Timestamp) - new Date(event.ScheduledTime)) : "—");
    return row;
  });
  const body = byId("history-table").tBodies[0];
  if (rows.length === 0) {
    const row = element("tr");
    cell(row, "No history.").colSpan = 5;
    body.replaceChildren(row);
  } else {
    body.replaceChildren(...rows);
  }
}

/**
 * The instance's status, or null when there is none. Durable Functions' status API answers a failed or terminated
 * instance with 400 (or 500), its status still in the body.
 */
async function readStatus(instanceId, withHistory) {
  try {
    return (await requestWithHeaders(`${instanceUrl(instanceId)}${withHistory ? "?showHistory=true&showHistoryOutput=true" : ""}`)).body;
  } catch (error) {
    if (error.status === 404) return null;
    if (error.body?.runtimeStatus) return error.body;
    throw error;
  }
}

/** Reads the instance and redraws what changed; a purged or unknown instance says so. */
export async function load(instanceId, force) {
  current = instanceId;
  byId("instance-heading").textContent = `Instance ${instanceId}`;
  const status = await readStatus(instanceId, true);
  if (!status) {
    byId("instance-missing").hidden = false;
    byId("instance-details").hidden = true;
    lastJson = "";
    lastActions = "";
    return;
  }
  byId("instance-missing").hidden = true;
  byId("instance-details").hidden = false;
  const json = JSON.stringify(status);
  if (!force && json === lastJson) return;
  lastJson = json;
  renderSummary(status);
  renderActions(status);
  byId("timeline").replaceChildren(drawTimeline(status));
  renderHistory(status);
  document.body.dataset.instanceStatus = status.runtimeStatus;
}

export function isRunning() {
  return running.has(document.body.dataset.instanceStatus);
}

export function bindRaiseEvent() {
  byId("raise-event").addEventListener("submit", event => {
    event.preventDefault();
    const name = byId("event-name").value.trim();
    const text = byId("event-body").value.trim();
    const problem = byId("event-problem");
    problem.textContent = "";
    if (!name) { problem.textContent = "Name the event."; byId("event-name").focus(); return; }
    let payload = null;
    if (text) {
      try { payload = JSON.parse(text); } catch (error) { problem.textContent = `The body is not JSON: ${error.message}`; byId("event-body").focus(); return; }
    }
    const id = current;
    confirmThen(`Send the event ${name} to ${id}?`, `Sending ${name} to ${id}`, async () => {
      await request(`${instanceUrl(id)}/raiseEvent/${encodeURIComponent(name)}`, {
        method: "POST", body: JSON.stringify(payload), headers: { "content-type": "application/json" },
      });
      return `Event ${name} was sent to ${id}.`;
    });
  });
}
