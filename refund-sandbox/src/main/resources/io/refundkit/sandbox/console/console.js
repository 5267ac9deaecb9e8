// The sandbox console: reads the admin API (docs/sandbox.md, "The admin API") about once a second and redraws
// what changed; its buttons call the same API. Everything shown is inserted as text (textContent), never as HTML,
// so nothing the sandbox holds can run here. No library, no build step: the file is served as it is written.
"use strict";

(function () {
  const POLL_MS = 1000;
  const TOKEN_KEY = "refundkit.sandbox.adminToken";

  const $ = (id) => document.getElementById(id);
  let token = sessionStorage.getItem(TOKEN_KEY) || "";
  let selectedTid = null;
  let resetArmedUntil = 0;
  let timer = null;
  let inFlight = false;
  const seen = {};

  // ---- DOM helpers: every value goes in as text -------------------------------------------------------------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) {
        continue;
      }
      if (name === "text") {
        node.textContent = String(value);
      } else if (name === "className") {
        node.className = value;
      } else if (name.startsWith("on")) {
        node.addEventListener(name.slice(2), value);
      } else {
        node.setAttribute(name, value === true ? "" : String(value));
      }
    }
    for (const child of children) {
      if (child !== undefined && child !== null) {
        node.append(child instanceof Node ? child : document.createTextNode(String(child)));
      }
    }
    return node;
  }

  /** Replaces the children of `parent`, keeping keyboard focus on the element with the same data-key. */
  function replaceKeepingFocus(parent, nodes) {
    const active = document.activeElement;
    const key = active && parent.contains(active) ? active.getAttribute("data-key") : null;
    parent.replaceChildren(...nodes);
    if (key) {
      const again = parent.querySelector('[data-key="' + CSS.escape(key) + '"]');
      if (again) {
        again.focus();
      }
    }
  }

  /** True when `data` differs from what was drawn last under `name` (so an unchanged panel is left alone). */
  function changed(name, data) {
    const text = JSON.stringify(data);
    if (seen[name] === text) {
      return false;
    }
    seen[name] = text;
    return true;
  }

  function time(iso) {
    if (!iso) {
      return el("span", { text: "—" });
    }
    const shown = String(iso).replace("T", " ").replace(/\.\d+/, "").replace(/Z$/, " UTC");
    return el("time", { datetime: iso, text: shown });
  }

  function clockOnly(iso) {
    const m = /T(\d\d:\d\d:\d\d)/.exec(String(iso || ""));
    return el("time", { datetime: iso, text: m ? m[1] : String(iso || "—") });
  }

  function notice(kind, text) {
    const n = $("notice");
    n.setAttribute("data-kind", kind);
    n.textContent = text;
  }

  function connection(state, text) {
    const c = $("connection");
    c.setAttribute("data-state", state);
    c.textContent = text;
  }

  // ---- The admin API ----------------------------------------------------------------------------------------

  async function api(method, path, body) {
    const headers = { Accept: "application/json" };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
    }
    if (token) {
      headers.Authorization = "Bearer " + token;
    }
    const response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
      credentials: "same-origin",
    });
    const text = await response.text();
    let data = null;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch (e) {
        data = { error: "not_json", message: text.slice(0, 200) };
      }
    }
    return { ok: response.ok, status: response.status, data };
  }

  /** One line saying what the sandbox refused, naming the field when it names one. */
  function refusal(answer) {
    const d = answer.data || {};
    if (answer.status === 401) {
      return "The sandbox wants its admin token: enter it at the top.";
    }
    const parts = ["Refused (HTTP " + answer.status + ")"];
    if (d.error) {
      parts.push(d.error);
    }
    if (d.field) {
      parts.push("field " + d.field);
    }
    if (d.message) {
      parts.push(d.message);
    }
    return parts.join(": ");
  }

  // ---- Drawing ----------------------------------------------------------------------------------------------

  function drawSms(messages) {
    if (!changed("sms", messages)) {
      return;
    }
    const items = messages.slice().reverse().map((m, i) =>
      el("li", { className: "sms", "data-tid": m.tid, "data-key": "sms-" + (messages.length - i) },
        el("div", { className: "meta" },
          el("span", { text: "To " + m.to + " · tid " + m.tid }), clockOnly(m.sent_at)),
        el("div", { className: "otp", "data-tid": m.tid, "aria-label": "OTP " + String(m.otp).split("").join(" "),
          text: m.otp }),
        el("p", { className: "text", text: m.text })));
    replaceKeepingFocus($("sms-list"), items);
    $("sms-empty").hidden = messages.length > 0;
  }

  function drawAgent(agent) {
    if (!changed("agent", agent)) {
      return;
    }
    const out = $("wallet-balance");
    const before = out.textContent;
    out.textContent = agent.wallet_balance;
    out.classList.toggle("changed", before !== "…" && before !== agent.wallet_balance);
    $("agent-initiator").textContent = agent.initiator_id;
    $("agent-user-code").textContent = agent.user_code;
  }

  function drawTransactions(transactions) {
    if (!changed("transactions", { transactions, selectedTid })) {
      return;
    }
    const newestFirst = transactions.slice().sort((a, b) =>
      String(b.created_at || "").localeCompare(String(a.created_at || "")) || String(b.tid).localeCompare(String(a.tid)));
    const rows = newestFirst.map((t) =>
      el("tr", { "data-tid": t.tid, className: t.tid === selectedTid ? "selected" : "" },
        el("td", {},
          el("button", { type: "button", className: "link", "data-key": "tx-" + t.tid,
            "aria-pressed": t.tid === selectedTid ? "true" : "false",
            "aria-label": "History of " + t.tid, text: t.tid, onclick: () => select(t.tid) })),
        el("td", { className: "status", "data-status": t.status, text: t.status }),
        el("td", { text: t.tx_status }),
        el("td", { className: "num amount", text: t.amount }),
        el("td", { className: "num", text: t.fee }),
        el("td", { text: t.customer_mobile }),
        el("td", { title: t.created_at }, clockOnly(t.created_at))));
    replaceKeepingFocus($("tx-rows"), rows);
  }

  function drawHistory(tx) {
    if (!changed("history", tx)) {
      return;
    }
    const box = $("history");
    if (!tx) {
      box.hidden = true;
      return;
    }
    $("history-tid").textContent = tx.tid + " (" + tx.status + ", ₹" + tx.amount + ")";
    const items = (tx.history || []).map((h) =>
      el("li", {}, time(h.at), " ", el("span", { className: "event", text: h.event }),
        h.detail ? " — " + h.detail : ""));
    $("history-list").replaceChildren(...items);
    box.hidden = false;
  }

  function drawRequests(requests) {
    if (!changed("requests", requests)) {
      return;
    }
    const rows = requests.slice().reverse().map((r) => {
      const outcome = String(r.outcome || "");
      const good = /^(refunded|otp_sent|status_read)$/.test(outcome);
      return el("tr", { "data-tid": r.tid || undefined },
        el("td", {}, clockOnly(r.at)),
        el("td", { className: "mono", title: r.operation ? "operation " + r.operation : undefined,
          text: r.method + " " + String(r.path).replace(/^\/ekoapi\/v3(?=\/)/, "") }),
        el("td", { text: r.status === undefined || r.status === null ? "—" : r.status }),
        el("td", { className: good ? "outcome-ok" : "outcome-bad", text: outcome || "—" }),
        el("td", { className: "num", text: r.latency_ms }));
    });
    $("request-rows").replaceChildren(...rows);
  }

  function drawFaults(faults) {
    if (!changed("faults", faults)) {
      return;
    }
    const items = faults.map((f) =>
      el("li", { text: f.operation + " · " + f.fault + (f.fault === "delay" ? " " + f.delay_ms + " ms" : "")
        + " · tid " + (f.tid || "any") + " · " + f.remaining + " of " + f.times + " left" }));
    $("fault-list").replaceChildren(...items);
    $("faults-empty").hidden = faults.length > 0;
  }

  function drawClock(clock) {
    const now = $("clock-now");
    now.setAttribute("datetime", clock.now);
    now.textContent = String(clock.now).replace("T", " ").replace(/\.\d+/, "").replace(/Z$/, " UTC");
  }

  // ---- Polling ----------------------------------------------------------------------------------------------

  async function refresh() {
    if (inFlight) {
      return;
    }
    inFlight = true;
    try {
      const [tx, sms, agent, requests, faults, clock] = await Promise.all([
        api("GET", "/sandbox/transactions"),
        api("GET", "/sandbox/sms"),
        api("GET", "/sandbox/agent"),
        api("GET", "/sandbox/requests"),
        api("GET", "/sandbox/faults"),
        api("GET", "/sandbox/clock"),
      ]);
      const answers = [tx, sms, agent, requests, faults, clock];
      if (answers.some((a) => a.status === 401)) {
        connection("token", "Needs the admin token");
        return;
      }
      if (tx.ok) drawTransactions(tx.data.transactions || []);
      if (sms.ok) drawSms(sms.data.messages || []);
      if (agent.ok) drawAgent(agent.data);
      if (requests.ok) drawRequests(requests.data.requests || []);
      if (faults.ok) drawFaults(faults.data.faults || []);
      if (clock.ok) drawClock(clock.data);
      if (selectedTid) {
        const one = await api("GET", "/sandbox/transactions/" + encodeURIComponent(selectedTid));
        drawHistory(one.ok ? one.data : null);
      }
      const failed = answers.filter((a) => !a.ok).length;
      connection(failed ? "down" : "live",
        failed ? failed + " of 6 routes failed (HTTP " + answers.find((a) => !a.ok).status + ")" : "Live");
    } catch (e) {
      connection("down", "Cannot reach the sandbox (is it running?)");
    } finally {
      inFlight = false;
    }
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      await refresh();
      schedule();
    }, POLL_MS);
  }

  function refreshNow() {
    refresh().then(schedule);
  }

  function select(tid) {
    selectedTid = tid;
    delete seen.transactions;
    delete seen.history;
    refreshNow();
  }

  // ---- Actions ----------------------------------------------------------------------------------------------

  /**
   * Runs `action` with the form's buttons disabled, then refreshes at once. Focus goes back where it was (a
   * disabled button loses it), so a keyboard user carries on from the same place.
   */
  async function busy(form, action) {
    const focused = document.activeElement;
    const buttons = Array.from(form.querySelectorAll("button"));
    buttons.forEach((b) => { b.disabled = true; });
    try {
      await action();
    } catch (e) {
      notice("error", "Cannot reach the sandbox: " + e.message);
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
      if (focused && focused !== document.body && document.activeElement !== focused) {
        focused.focus();
      }
      refreshNow();
    }
  }

  /** A number when the text is all digits, else the text itself (so the sandbox names the field it refuses). */
  function numberOrText(text) {
    return /^\d{1,9}$/.test(text) ? Number(text) : text;
  }

  function onCreate(event) {
    event.preventDefault();
    const form = event.currentTarget;
    busy(form, async () => {
      const body = { amount: $("create-amount").value.trim(), status: $("create-status").value };
      const tid = $("create-tid").value.trim();
      if (tid) {
        body.tid = tid;
      }
      const answer = await api("POST", "/sandbox/transactions", body);
      if (answer.status === 201) {
        const t = answer.data;
        selectedTid = t.tid;
        $("notice").setAttribute("data-tid", t.tid);
        notice("ok", "Created transaction " + t.tid + ": " + t.status + ", ₹" + t.amount + " + fee ₹" + t.fee
          + ", customer " + t.customer_mobile + ".");
        $("create-tid").value = "";
      } else {
        notice("error", refusal(answer));
      }
    });
  }

  function onFault(event) {
    event.preventDefault();
    const form = event.currentTarget;
    busy(form, async () => {
      const body = { operation: $("fault-operation").value, fault: $("fault-kind").value };
      const tid = $("fault-tid").value.trim();
      if (tid) {
        body.tid = tid;
      }
      const delay = $("fault-delay").value.trim();
      if (body.fault === "delay" || delay) {
        body.delay_ms = numberOrText(delay);
      }
      const times = $("fault-times").value.trim();
      if (times) {
        body.times = numberOrText(times);
      }
      const answer = await api("POST", "/sandbox/faults", body);
      if (answer.status === 201) {
        const f = answer.data;
        notice("ok", "Armed fault " + f.id + ": " + f.operation + " → " + f.fault + " for tid " + (f.tid || "any")
          + ", " + f.times + " time(s).");
      } else {
        notice("error", refusal(answer));
      }
    });
  }

  /** What each fault does (docs/sandbox.md, "The admin API"), shown under the choice. */
  const FAULT_HELP = {
    lose_answer: "Applied, then the connection is closed before any answer.",
    http_502: "Applied, then an HTML 502 page instead of Eko's answer.",
    http_503: "Not applied: an HTML 503 page.",
    reset_before: "Not applied: the connection is closed before any answer.",
    delay: "Applied; the answer comes Delay ms late.",
  };

  function onFaultChoice() {
    $("fault-help").textContent = FAULT_HELP[$("fault-kind").value] || "";
  }

  function onClearFaults(event) {
    busy(event.currentTarget.form, async () => {
      const answer = await api("DELETE", "/sandbox/faults");
      notice(answer.ok ? "ok" : "error", answer.ok ? "All faults cleared." : refusal(answer));
    });
  }

  function advance(form, duration) {
    busy(form, async () => {
      const answer = await api("POST", "/sandbox/clock", { advance: duration });
      if (answer.ok) {
        notice("ok", "Business time advanced by " + duration + ": now " + answer.data.now + ".");
      } else {
        notice("error", refusal(answer));
      }
    });
  }

  function onReset(event) {
    const button = event.currentTarget;
    if (Date.now() > resetArmedUntil) {
      resetArmedUntil = Date.now() + 5000;
      button.textContent = "Press again to reset everything";
      setTimeout(() => { button.textContent = "Reset the sandbox to its seed"; }, 5000);
      return;
    }
    resetArmedUntil = 0;
    button.textContent = "Reset the sandbox to its seed";
    busy(button.parentElement, async () => {
      const answer = await api("POST", "/sandbox/reset");
      if (answer.ok) {
        selectedTid = null;
        drawHistory(null);
        notice("ok", "The sandbox is back to its seed.");
      } else {
        notice("error", refusal(answer));
      }
    });
  }

  function onToken(event) {
    event.preventDefault();
    token = $("admin-token").value.trim();
    if (token) {
      sessionStorage.setItem(TOKEN_KEY, token);
    } else {
      sessionStorage.removeItem(TOKEN_KEY);
    }
    notice("ok", token ? "Admin token set for this tab." : "Admin token cleared.");
    refreshNow();
  }

  function start() {
    $("admin-token").value = token;
    $("token-form").addEventListener("submit", onToken);
    $("create-form").addEventListener("submit", onCreate);
    $("fault-form").addEventListener("submit", onFault);
    $("clear-faults").addEventListener("click", onClearFaults);
    $("fault-kind").addEventListener("change", onFaultChoice);
    onFaultChoice();
    $("clock-form").addEventListener("submit", (e) => {
      e.preventDefault();
      advance(e.currentTarget, $("clock-advance").value.trim());
    });
    document.querySelectorAll("[data-advance]").forEach((b) =>
      b.addEventListener("click", (e) => advance(e.currentTarget.form, e.currentTarget.getAttribute("data-advance"))));
    $("reset").addEventListener("click", onReset);
    refreshNow();
  }

  start();
})();
