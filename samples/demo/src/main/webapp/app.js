// The page's only script: each button calls the demo's JSON API, then the panel re-reads the
// session with GET api/session, which reads the session but never creates one.
"use strict";

const $ = (id) => document.getElementById(id);
const LOG_SIZE = 6;

// Sends one request; bodyText goes as typed, so that bad JSON reaches the server and gets its 400.
async function send(method, path, bodyText) {
  const init = { method, headers: { Accept: "application/json" } };
  if (bodyText !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = bodyText;
  }
  const response = await fetch("api/" + path, init);
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (notJson) {
    json = { error: text };
  }
  if (method !== "GET" || path.startsWith("members/")) {
    logRequest(method, path, response.status);
  }
  return { status: response.status, ok: response.ok, json };
}

function call(method, path, body) {
  return send(method, path, body === undefined ? undefined : JSON.stringify(body));
}

function logRequest(method, path, status) {
  const item = document.createElement("li");
  item.className = status >= 400 ? "bad" : "good";
  item.textContent = `${method} api/${path} → ${status}`;
  const log = $("request-log");
  log.prepend(item);
  while (log.children.length > LOG_SIZE) {
    log.lastElementChild.remove();
  }
}

function say(element, result, fallback) {
  const json = result.json || {};
  element.textContent = json.message || json.error || fallback || `HTTP ${result.status}`;
  element.classList.toggle("bad", !result.ok);
}

function shortKey(key) {
  return key.length > 8 ? key.slice(0, 8) + "…" : key;
}

function inWords(seconds) {
  const units = [["day", 86400], ["hour", 3600], ["minute", 60], ["second", 1]];
  for (const [name, size] of units) {
    if (Math.abs(seconds) >= size) {
      const n = Math.round(seconds / size);
      return `${n} ${name}${Math.abs(n) === 1 ? "" : "s"}`;
    }
  }
  return "0 seconds";
}

async function refresh() {
  const [session, comments] = await Promise.all([call("GET", "session"), call("GET", "comments")]);
  const s = session.json;
  if (!session.ok) {
    $("panel-data").textContent = s.error || `HTTP ${session.status}`;
    return;
  }
  $("panel-key").textContent = s.id ? shortKey(s.id) : "none (no cookie)";
  $("panel-key").title = s.id || "";
  const expires = new Date(Date.now() + s.expiryAge * 1000);
  $("panel-expiry").textContent = `${expires.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" })} (in ${inWords(s.expiryAge)})`;
  $("panel-browser-close").textContent = s.expireAtBrowserClose
    ? "yes: the cookie has no Max-Age/Expires"
    : "no: the cookie has Max-Age and Expires";
  $("panel-data").textContent = JSON.stringify(s.data, null, 2);
  $("panel-user").textContent = s.user || "anonymous";
  await showSessions(s.user);
  const list = $("comment-list");
  list.replaceChildren(...(comments.json || []).map((text) => {
    const item = document.createElement("li");
    item.textContent = text;
    return item;
  }));
}

// The signed-in member's sessions, from GET api/sessions (only when someone is signed in).
async function showSessions(user) {
  const list = $("my-sessions");
  if (!user) {
    list.replaceChildren();
    return;
  }
  const sessions = await call("GET", "sessions");
  if (!sessions.ok) {
    list.replaceChildren();
    say($("sessions-message"), sessions);
    return;
  }
  list.replaceChildren(...sessions.json.map((s) => {
    const item = document.createElement("li");
    item.textContent = `${s.id.slice(0, 8)}… expires ${new Date(s.expires).toLocaleString()}${s.current ? " (this browser)" : ""}`;
    return item;
  }));
}

// Runs one action, shows its message, then refreshes the panel.
function on(id, event, action) {
  $(id).addEventListener(event, async (e) => {
    e.preventDefault();
    try {
      await action();
    } finally {
      await refresh();
    }
  });
}

on("comment-form", "submit", async () => {
  const result = await call("POST", "comments", { text: $("comment-text").value });
  say($("comment-message"), result);
  if (result.ok) {
    $("comment-text").value = "";
  }
});

on("check-cookies", "click", async () => {
  await call("POST", "members/test-cookie");
  // A second request: only now can the server see whether the browser sent the cookie back.
  say($("cookie-message"), await call("GET", "members/test-cookie"));
});

on("login-form", "submit", async () => {
  const result = await call("POST", "members/login", { username: $("username").value, password: $("password").value });
  say($("member-message"), result);
  if (result.ok) {
    $("password").value = "";
  }
});

on("logout", "click", async () => {
  say($("member-message"), await call("POST", "members/logout"));
  $("cookie-message").textContent = "";
});

on("signin-form", "submit", async () => {
  const result = await call("POST", "login", { username: $("signin-username").value, password: $("signin-password").value });
  say($("signin-message"), result);
  if (result.ok) {
    $("signin-password").value = "";
  }
});

on("signout", "click", async () => say($("signin-message"), await call("POST", "logout"), "Signed out: session and cookie gone."));
on("logout-others", "click", async () =>
  say($("sessions-message"), await call("POST", "sessions/logout-others"), "Your other sessions have ended."));

// The management port is the HTTP port's offset from 8080 applied to 9990 (DEMO_PORT_OFFSET).
const managementPort = Number(location.port || 80) - 8080 + 9990;
for (const [id, path] of [["metrics-link", "/prometheus"], ["health-link", "/health/ready"]]) {
  $(id).href = `${location.protocol}//${location.hostname}:${managementPort}${path}`;
}

const ADMIN_REFUSALS = {
  401: "Sign in first: carol / operator has the role session-admin.",
  403: "Signed in, but without the role session-admin: sign in as carol / operator.",
};

async function admin(method, path, show) {
  const result = await call(method, "cloakroom/admin" + path);
  const output = $("admin-output");
  output.hidden = !result.ok;
  if (result.ok) {
    output.textContent = JSON.stringify(show(result.json), null, 2);
  }
  const message = $("admin-message");
  message.textContent = result.ok ? ""
    : ADMIN_REFUSALS[result.status] || (result.json && result.json.error) || `HTTP ${result.status}`;
  message.classList.toggle("bad", !result.ok);
}

on("admin-summary", "click", () => admin("GET", "", (json) => ({
  engine: json.engine,
  liveSessions: json.liveSessions,
  created: json.metrics["cloakroom.sessions.creations"],
  saved: json.metrics["cloakroom.sessions.saved"],
  deleted: json.metrics["cloakroom.sessions.deleted"],
  keyCycles: json.metrics["cloakroom.sessions.key.cycles"],
  rejectedCookies: json.metrics["cloakroom.cookies.rejected"],
})));
on("admin-clear", "click", () => admin("POST", "/clear-expired", (json) => json));

const expiries = {
  "expiry-browser-close": [0, "The session now ends when the browser closes."],
  "expiry-five-minutes": [300, "The session now expires 5 minutes after its last change."],
  "expiry-global": [null, "Back to the global policy (SESSION_COOKIE_AGE)."],
};
for (const [id, [seconds, done]] of Object.entries(expiries)) {
  on(id, "click", async () => say($("expiry-message"), await call("PUT", "session/expiry", { seconds }), done));
}

function itemPath() {
  return "session/data/" + encodeURIComponent($("item-name").value.trim());
}

on("item-form", "submit", async () => {
  const result = await send("PUT", itemPath(), $("item-value").value);
  say($("api-message"), result, "Stored.");
});
on("delete-item", "click", async () => {
  if (!$("item-name").reportValidity()) {
    return;
  }
  say($("api-message"), await call("DELETE", itemPath()), "Deleted.");
});
on("cycle-key", "click", async () => say($("api-message"), await call("POST", "session/cycle-key"), "Same data, new key."));
on("flush", "click", async () => say($("api-message"), await call("POST", "session/flush"), "Flushed: data and cookie gone."));
on("fail", "click", async () => say($("api-message"), await call("POST", "session/fail")));

refresh();
