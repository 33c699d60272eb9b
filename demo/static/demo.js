"use strict";
// The demo page: each scenario is a real cross-origin fetch(); a cell shows what the
// browser let this page read. The tests in tests/e2e click these buttons and read
// window.demoResults, and call window.corsFetch for requests of their own.

const CONFIG = window.DEMO_CONFIG;
const APIS = { flask: CONFIG.flask_port, quart: CONFIG.quart_port };

/** Fetch `url` from this page and report what the page could read of the answer. */
async function corsFetch(url, init = {}) {
  try {
    const response = await fetch(url, init);
    const headers = {};
    // In CORS mode only the safelisted and exposed response headers are visible here.
    response.headers.forEach((value, name) => { headers[name] = value; });
    const body = await response.text();
    return { outcome: "allowed", status: response.status, headers, body };
  } catch (error) {
    // A CORS refusal reaches the page as a network error: no status, headers or body.
    return { outcome: "blocked", status: null, headers: {}, body: null, error: String(error) };
  }
}

function jsonBody(data) {
  return { headers: { "Content-Type": "application/json" }, body: JSON.stringify(data) };
}

async function preflightsSeen(base, path) {
  const answer = await corsFetch(`${base}/api/preflights?path=${encodeURIComponent(path)}`);
  return answer.outcome === "allowed" ? JSON.parse(answer.body).preflights : NaN;
}

/** Two preflighted PUTs; the server's count says how many preflights reached it. */
async function twoPuts(base, path) {
  const before = await preflightsSeen(base, path);
  let result = null;
  for (const attempt of [1, 2]) {
    result = await corsFetch(`${base}${path}`, { method: "PUT", ...jsonBody({ attempt }) });
  }
  result.preflights = (await preflightsSeen(base, path)) - before;
  result.note = `2 requests, ${result.preflights} preflight(s) reached the server`;
  return result;
}

const SCENARIOS = [
  {
    id: "simple-get", title: "Simple GET", request: "GET /api/hello",
    expect: "allowed, no preflight",
    run: (base) => corsFetch(`${base}/api/hello`),
  },
  {
    id: "json-post", title: "JSON POST", request: "POST /api/echo, Content-Type: application/json",
    expect: "allowed after a preflight",
    run: (base) => corsFetch(`${base}/api/echo`, { method: "POST", ...jsonBody({ hello: "world" }) }),
  },
  {
    id: "custom-header-allowed", title: "Custom header, allowed", request: "GET /api/hello, X-Demo-Token: 42",
    expect: "allowed: X-Demo-Token is in allow_headers",
    run: (base) => corsFetch(`${base}/api/hello`, { headers: { "X-Demo-Token": "42" } }),
  },
  {
    id: "custom-header-refused", title: "Custom header, refused", request: "GET /api/hello, X-Unlisted: 1",
    expect: "blocked: the preflight answer does not allow X-Unlisted",
    run: (base) => corsFetch(`${base}/api/hello`, { headers: { "X-Unlisted": "1" } }),
  },
  {
    id: "credentials", title: "Credentials with a cookie",
    request: "POST /api/login, then GET /api/whoami, credentials: include",
    expect: "allowed, and the cookie set by login is sent back",
    run: async (base) => {
      const login = await corsFetch(`${base}/api/login`, { method: "POST", credentials: "include" });
      if (login.outcome !== "allowed") return login;
      const result = await corsFetch(`${base}/api/whoami`, { credentials: "include" });
      if (result.outcome === "allowed") {
        result.cookie = JSON.parse(result.body).cookie;
        result.note = `cookie sent back: ${result.cookie ?? "none"}`;
      }
      return result;
    },
  },
  {
    id: "exposed-headers", title: "Exposed vs unexposed header", request: "GET /api/headers",
    expect: "X-Request-Id readable, X-Internal-Secret hidden",
    run: async (base) => {
      const result = await corsFetch(`${base}/api/headers`);
      const shown = (name) => result.headers[name.toLowerCase()] ?? "(hidden)";
      if (result.outcome === "allowed") {
        result.note = `X-Request-Id: ${shown("X-Request-Id")}, X-Internal-Secret: ${shown("X-Internal-Secret")}`;
      }
      return result;
    },
  },
  {
    id: "refused-origin", title: "Refused origin", request: "GET /partner/data (only https://partner.example)",
    expect: "blocked: this page's origin is not allowed",
    run: (base) => corsFetch(`${base}/partner/data`),
  },
  {
    id: "error", title: "Error response", request: "GET /api/boom (the view raises)",
    expect: "allowed: the 500 carries CORS headers, so the page can read it",
    run: (base) => corsFetch(`${base}/api/boom`),
  },
  {
    id: "async-view", title: "async def view", request: "GET /api/async (@cross_origin on async def)",
    expect: "allowed",
    run: (base) => corsFetch(`${base}/api/async`),
  },
  {
    id: "max-age", title: "Preflight cached (max_age=600)", request: "PUT /api/cached, twice",
    expect: "at most 1 preflight: the browser reuses the answer",
    run: (base) => twoPuts(base, "/api/cached"),
  },
  {
    id: "max-age-zero", title: "Preflight not cached (max_age=0)", request: "PUT /api/uncached, twice",
    expect: "2 preflights: 0 means do not cache",
    run: (base) => twoPuts(base, "/api/uncached"),
  },
];

function baseUrl(api) {
  return APIS[api] ? `${location.protocol}//${location.hostname}:${APIS[api]}` : null;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function render(box, result) {
  box.replaceChildren(element("span", `badge ${result.outcome}`, result.outcome.toUpperCase()));
  if (result.outcome === "allowed") {
    box.append(` status ${result.status}`);
    const list = element("ul", "headers");
    for (const [name, value] of Object.entries(result.headers)) {
      list.append(element("li", null, `${name}: ${value}`));
    }
    box.append(list);
    const body = result.body.trim();
    box.append(element("div", "body", `body: ${body.length > 70 ? `${body.slice(0, 70)}...` : body}`));
  } else {
    box.append(" the page sees no status, headers or body");
  }
  if (result.note) box.append(element("div", "note", result.note));
  box.dataset.outcome = result.outcome;
  box.dataset.state = "done";
}

window.demoResults = {};
window.corsFetch = corsFetch;

async function runCell(scenario, api, box) {
  box.dataset.state = "running";
  box.textContent = "running...";
  const result = await scenario.run(baseUrl(api));
  window.demoResults[`${api}/${scenario.id}`] = result;
  render(box, result);
  return result;
}

function buildPage() {
  const origins = document.getElementById("origins");
  const rows = [["This page", location.origin]];
  for (const api of Object.keys(APIS)) {
    const name = api === "flask" ? "Flask API (werkzeug)" : "Quart API (hypercorn)";
    rows.push([name, baseUrl(api) ?? "not running"]);
  }
  for (const [name, value] of rows) origins.append(element("dt", null, name), element("dd", null, value));

  const body = document.querySelector("#scenarios tbody");
  const cells = [];
  for (const scenario of SCENARIOS) {
    const row = element("tr");
    row.dataset.scenario = scenario.id;
    const about = element("td", "scenario");
    about.append(element("strong", null, scenario.title), element("code", null, scenario.request));
    row.append(about, element("td", "expect", scenario.expect));
    for (const api of Object.keys(APIS)) {
      const cell = element("td", "api");
      cell.dataset.api = api;
      if (baseUrl(api) === null) {
        cell.append(element("span", "unavailable", "API not running"));
      } else {
        const button = element("button", null, "Run");
        button.type = "button";
        const box = element("div", "result");
        button.addEventListener("click", () => runCell(scenario, api, box));
        cell.append(button, box);
        cells.push([scenario, api, box]);
      }
      row.append(cell);
    }
    body.append(row);
  }

  const runAll = document.getElementById("run-all");
  runAll.addEventListener("click", async () => {
    runAll.disabled = true;
    // One at a time, so each preflight count belongs to its own scenario.
    for (const [scenario, api, box] of cells) await runCell(scenario, api, box);
    runAll.disabled = false;
    document.body.dataset.allDone = "true";
  });
  document.body.dataset.ready = "true";
}

buildPage();
