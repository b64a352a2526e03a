// The ThermoDev gateway's page: the devices from api/devices, each one's last hour from
// api/devices/{name}/history, then live changes from /events (Server-Sent Events), and each one's
// own status line from api/devices/{name}/status (read again every 30 s; hidden for devices without).
// Everything that comes from the network is put on the page as text (textContent), never as HTML.
// The chart itself is drawn by chart.js (ThermoChart).
"use strict";

(() => {
  const MAX_POINTS = 20000;          // bounds the chart's memory whatever the event rate
  const RETRY_MIN_MS = 2000;         // when the browser gives up on /events, start again after this...
  const RETRY_MAX_MS = 30000;        // ...doubling up to this
  const STATUS_POLL_MS = 30000;      // how often each device's status line is read again (the gateway polls as often)

  const STATUS_TEXT = {
    online: "Online",
    offline: "Offline",
    "sensor-failed": "Sensor failed",
    unreadable: "Online, reading unreadable",
    gone: "Gone (registration ended)",
  };

  const list = document.getElementById("devices");
  const notice = document.getElementById("notice");
  const template = document.getElementById("device-template");
  const connection = document.getElementById("connection");
  const connectionText = document.getElementById("connection-text");

  const clock = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });

  /** name -> the card of one device: its elements and its chart points ({t: ms, v: °C}, oldest first). */
  const cards = new Map();
  let source = null;
  let retryMs = RETRY_MIN_MS;
  let redrawPending = false;

  const celsius = (value) => value.toFixed(1);
  const devicePath = (name) => "api/devices/" + encodeURIComponent(name);

  // ---- device cards ----

  function cardFor(name) {
    let card = cards.get(name);
    if (card) {
      return card;
    }

    const item = template.content.firstElementChild.cloneNode(true);
    const id = "device-" + cards.size;
    item.dataset.device = name;
    const q = (selector) => item.querySelector(selector);
    card = {
      name,
      item,
      title: q(".device-name"),
      status: q(".status"),
      statusText: q(".status-text"),
      value: q(".reading-value"),
      reading: q(".reading"),
      updated: q(".updated-time"),
      figure: q(".chart"),
      svg: q(".chart-svg"),
      caption: q(".chart-caption"),
      form: q(".set-form"),
      input: q(".set-input"),
      button: q(".set-button"),
      answer: q(".set-answer"),
      readOnly: q(".read-only-note"),
      info: q(".device-info"),
      points: [],
      online: false,
    };
    card.title.id = id + "-name";
    card.title.textContent = name;
    q(".device").setAttribute("aria-labelledby", card.title.id);
    card.input.id = id + "-input";
    q(".set-label").htmlFor = card.input.id;
    card.form.addEventListener("submit", (event) => {
      event.preventDefault();
      setTemperature(card);
    });
    new ResizeObserver(() => ThermoChart.draw(card)).observe(card.figure);

    cards.set(name, card);
    list.append(item);
    notice.hidden = true;
    return card;
  }

  /** Shows one device object of the gateway: {name, uri, value, unit, lastUpdate, status, writable}. */
  function showDevice(device) {
    if (!device || typeof device.name !== "string") {
      return;
    }

    const card = cardFor(device.name);
    const status = typeof device.status === "string" ? device.status : "unknown";
    card.online = status === "online";
    card.status.dataset.status = status;
    card.statusText.textContent = STATUS_TEXT[status] || status;
    card.item.dataset.status = status;

    const hasValue = typeof device.value === "number" && Number.isFinite(device.value);
    card.value.textContent = hasValue ? celsius(device.value) : "–";
    card.reading.classList.toggle("stale", !card.online);
    card.reading.title = card.online ? "" : status === "unreadable"
      ? "The device answers, but its reading is not a number"
      : status === "gone"
        ? "Last known value: the device's registration ended"
        : "Last known value: the device is not reporting";

    const time = device.lastUpdate ? new Date(device.lastUpdate) : null;
    if (time && !Number.isNaN(time.getTime())) {
      card.updated.dateTime = time.toISOString();
      card.updated.textContent = clock.format(time);
      if (hasValue && card.online) {
        addPoint(card, time.getTime(), device.value);
      }
    } else {
      card.updated.removeAttribute("datetime");
      card.updated.textContent = "none yet";
    }

    const writable = device.writable === true;
    card.form.hidden = !writable;
    card.readOnly.hidden = writable;
    scheduleRedraw();
  }

  function addPoint(card, t, v) {
    const last = card.points[card.points.length - 1];
    if (last && t <= last.t) {
      return; // already there (the device list and the stream both carry the current reading)
    }

    card.points.push({ t, v });
    if (card.points.length > MAX_POINTS) {
      card.points.splice(0, card.points.length - MAX_POINTS);
    }
  }

  async function loadHistory(card) {
    try {
      const response = await fetch(devicePath(card.name) + "/history", { cache: "no-store" });
      if (!response.ok) {
        return;
      }

      const history = await response.json();
      if (!Array.isArray(history)) {
        return;
      }

      const points = [];
      for (const entry of history) {
        const t = Date.parse(entry && entry.time);
        if (!Number.isNaN(t) && typeof entry.value === "number" && Number.isFinite(entry.value)
          && (points.length === 0 || t > points[points.length - 1].t)) {
          points.push({ t, v: entry.value });
        }
      }

      // Readings that arrived through /events while the history was on its way come after it.
      const end = points.length ? points[points.length - 1].t : -Infinity;
      card.points = points.concat(card.points.filter((p) => p.t > end)).slice(-MAX_POINTS);
      scheduleRedraw();
    } catch (error) {
      // The chart fills from live readings instead.
    }
  }

  // ---- the device's own status: GET api/devices/{name}/status ----

  function duration(seconds) {
    const d = Math.floor(seconds / 86400);
    const h = Math.floor((seconds % 86400) / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    if (d > 0) {
      return d + " d " + h + " h";
    }
    if (h > 0) {
      return h + " h " + m + " min";
    }
    return m > 0 ? m + " min" : Math.max(0, Math.floor(seconds)) + " s";
  }

  const count = (value) => (typeof value === "number" && Number.isFinite(value) ? String(value) : "?");

  /** The line of a view {stale, ageSeconds, status: {version, uptime, sensor, sensorFailures, wifiReconnects, ...}}. */
  function statusLine(view) {
    const s = view.status || {};
    const parts = [];
    if (typeof s.version === "string") {
      parts.push("Firmware " + s.version);
    }
    if (typeof s.uptime === "number") {
      parts.push("up " + duration(s.uptime));
    }
    if (typeof s.sensor === "string") {
      parts.push("sensor " + s.sensor + ", " + count(s.sensorFailures) + " failures in a row");
    }
    if (typeof s.wifiReconnects === "number") {
      parts.push("Wi-Fi reconnects " + s.wifiReconnects);
    }
    let line = parts.join(" · ");
    if (view.stale === true) {
      line += " (not answering; as of " + duration(typeof view.ageSeconds === "number" ? view.ageSeconds : 0) + " ago)";
    }
    return line;
  }

  async function loadStatus(card) {
    try {
      const response = await fetch(devicePath(card.name) + "/status", { cache: "no-store" });
      if (response.status === 404) {
        card.info.hidden = true; // no /status (or not yet)
        return;
      }
      if (!response.ok) {
        return;
      }

      const view = await response.json();
      const line = view && typeof view === "object" ? statusLine(view) : "";
      card.info.textContent = line;
      card.info.classList.toggle("stale", view.stale === true);
      card.info.hidden = line === "";
    } catch (error) {
      // The line keeps what it showed; the next read may succeed.
    }
  }

  // ---- the form: PUT api/devices/{name}/temp, body "30.5" as text/plain ----

  async function setTemperature(card) {
    if (!card.input.checkValidity()) {
      card.input.reportValidity();
      return;
    }

    const text = card.input.value.trim();
    card.button.disabled = true;
    card.answer.dataset.outcome = "pending";
    card.answer.textContent = "Sending " + text + " °C…";
    try {
      const response = await fetch(devicePath(card.name) + "/temp", {
        method: "PUT",
        headers: { "Content-Type": "text/plain; charset=utf-8" },
        body: text,
      });
      const body = (await response.text()).trim();
      // The new value itself arrives through /events, like every other change.
      card.answer.dataset.outcome = response.ok ? "ok" : "error";
      card.answer.textContent = response.ok
        ? body || "Done"
        : "Not set (HTTP " + response.status + "): " + (body || response.statusText || "no reason given");
    } catch (error) {
      card.answer.dataset.outcome = "error";
      card.answer.textContent = "Not set: the gateway cannot be reached.";
    } finally {
      card.button.disabled = false;
    }
  }

  // ---- the chart (chart.js), redrawn at most once a frame ----

  function scheduleRedraw() {
    if (!redrawPending) {
      redrawPending = true;
      requestAnimationFrame(() => {
        redrawPending = false;
        cards.forEach(ThermoChart.draw);
      });
    }
  }

  // ---- live updates: /events ----

  function setConnection(state, text) {
    connection.dataset.state = state;
    connectionText.textContent = text;
  }

  function connect() {
    source = new EventSource("events");
    let interrupted = false;
    source.addEventListener("open", () => {
      retryMs = RETRY_MIN_MS;
      setConnection("live", "Live");
      if (interrupted) {
        // Back after a break: the events resume from Last-Event-ID, but a gateway that restarted
        // numbers them afresh, so read every device once more to be sure nothing is stale.
        interrupted = false;
        resync();
      }
    });
    source.addEventListener("reading", (event) => {
      try {
        showDevice(JSON.parse(event.data));
      } catch (error) {
        // A malformed event changes nothing.
      }
    });
    source.addEventListener("error", () => {
      if (source.readyState === EventSource.CLOSED) {
        // The browser gave up (the gateway answered with an error): start again, a little later each time.
        source.close();
        setConnection("reconnecting", "Reconnecting…");
        setTimeout(start, retryMs);
        retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
      } else {
        // The browser reconnects by itself and sends Last-Event-ID.
        interrupted = true;
        setConnection("reconnecting", "Reconnecting…");
      }
    });
  }

  async function resync() {
    try {
      const response = await fetch("api/devices", { cache: "no-store" });
      if (response.ok) {
        const devices = await response.json();
        (Array.isArray(devices) ? devices : []).forEach(showDevice);
        cards.forEach(loadHistory);
      }
    } catch (error) {
      // The stream carries the next changes anyway.
    }
  }

  async function start() {
    try {
      const response = await fetch("api/devices", { cache: "no-store" });
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }

      const devices = await response.json();
      (Array.isArray(devices) ? devices : []).forEach(showDevice);
      if (cards.size === 0) {
        notice.hidden = false;
        notice.textContent = "This gateway has no devices yet: a device shows here as soon as it registers or is found.";
      }
      cards.forEach(loadHistory);
      cards.forEach(loadStatus);
      connect();
    } catch (error) {
      notice.hidden = cards.size > 0;
      notice.textContent = "Cannot reach the gateway; trying again in " + Math.round(retryMs / 1000) + " s.";
      setConnection("reconnecting", "Reconnecting…");
      setTimeout(start, retryMs);
      retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    }
  }

  // The window of the last hour moves on even when nothing changes.
  setInterval(scheduleRedraw, 15000);
  setInterval(() => cards.forEach(loadStatus), STATUS_POLL_MS);
  start();
})();
