// What every view of the dashboard shares: the operator key, requests, and small DOM helpers.
// Data is only ever written with textContent, so nothing an API returns is parsed as HTML.

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

export const apiBase = document.body.dataset.apiBase;
export const managementBase = document.body.dataset.managementBase;
// Where the host serves the dashboard: /dashboard, or /api/dashboard on Azure Functions (below its route prefix).
export const dashboardBase = document.body.dataset.dashboardBase;
const announcer = document.getElementById("announcer");

const statusTone = {
  Completed: "ok", Delivered: "ok", NotRequired: "ok", COMPLETED: "ok", PLACED: "ok", Passed: "ok",
  Failed: "bad", Terminated: "bad", Undelivered: "bad", FAILED: "bad", CANCELLED: "warn",
  Running: "info", Pending: "info", Suspended: "warn", PROCESSING: "info", IN_TRANSIT: "info", Checking: "info",
};

export function announce(text, isError) {
  announcer.textContent = text;
  announcer.classList.toggle("error", Boolean(isError));
}

/** Fetches JSON with the operator key; the answer's headers come along for continuation tokens. */
export async function requestWithHeaders(url, options) {
  const { headers, ...rest } = options ?? {};
  const response = await fetch(url, { ...rest, headers: { accept: "application/json", "x-functions-key": operatorKey, ...headers } });
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = text; }
  if (!response.ok) {
    const reason = body && (body.detail || body.title) ? (body.detail || body.title) : response.statusText;
    const error = new Error(`${response.status}: ${reason}`);
    error.status = response.status;
    error.body = body;
    throw error;
  }
  return { body, headers: response.headers, status: response.status };
}

export async function request(url, options) {
  return (await requestWithHeaders(url, options)).body;
}

export function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

export function badge(status) {
  return element("span", status ?? "—", "badge status " + (statusTone[status] ?? ""));
}

/** The custom status a workflow reports, as text ("FAILED", or the status field of an object). */
export function customText(customStatus) {
  if (customStatus === null || customStatus === undefined) return null;
  if (typeof customStatus === "string") return customStatus;
  if (typeof customStatus === "object" && typeof (customStatus.status ?? customStatus.Status) === "string") return customStatus.status ?? customStatus.Status;
  return JSON.stringify(customStatus);
}

/**
 * What an operator needs to know first: a workflow that completed while reporting FAILED (an order that failed) is a
 * failure, shown as one, with the runtime status after it.
 */
export function instanceBadge(runtimeStatus, customStatus) {
  const custom = (customText(customStatus) ?? "").toUpperCase();
  const wrapper = element("span", null, "status-pair");
  if (runtimeStatus === "Completed" && (custom === "FAILED" || custom === "CANCELLED")) {
    wrapper.append(badge(custom === "FAILED" ? "Failed" : "CANCELLED"), " ", element("span", "(workflow Completed)", "hint"));
  } else {
    wrapper.append(badge(runtimeStatus));
  }
  return wrapper;
}

export function time(value) {
  if (!value) return element("span", "—");
  const date = new Date(value);
  const node = element("time", date.toLocaleString());
  node.dateTime = date.toISOString();
  return node;
}

export function duration(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3600000) return `${Math.floor(ms / 60000)} min ${Math.round((ms % 60000) / 1000)} s`;
  return `${(ms / 3600000).toFixed(1)} h`;
}

export function cell(row, content) {
  const td = element("td");
  if (content instanceof Node) td.append(content); else td.textContent = content ?? "";
  row.append(td);
  return td;
}

export function button(label, action, handler, danger) {
  const node = element("button", label, danger ? "danger" : "");
  node.type = "button";
  node.dataset.action = action;
  node.addEventListener("click", handler);
  return node;
}

/** A link to an instance's page, followed in place so the page keeps its key and state. */
export function instanceLink(instanceId) {
  const link = element("a", instanceId);
  link.href = `${dashboardBase}/instances/${encodeURIComponent(instanceId)}`;
  link.dataset.instanceLink = instanceId;
  return link;
}
