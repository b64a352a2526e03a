// The chart of one device's card: a step line of the last hour (a reading holds until the next one),
// drawn as SVG with its axes. app.js keeps the points ({t: ms, v: °C}, oldest first) and calls
// ThermoChart.draw(card) when they or the card's size change.
"use strict";

const ThermoChart = (() => {
  const HOUR_MS = 60 * 60 * 1000;
  const MIN_SPAN_MS = 2 * 60 * 1000; // a gateway that has just started shows its first minutes, not a sliver of an hour
  const TICK_STEPS_MS = [10, 15, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600].map((s) => s * 1000);
  const SVG_NS = "http://www.w3.org/2000/svg";

  const axisClock = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const axisClockSeconds = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
  const celsius = (value) => value.toFixed(1);

  function svg(name, attributes, text) {
    const element = document.createElementNS(SVG_NS, name);
    for (const key of Object.keys(attributes)) {
      element.setAttribute(key, attributes[key]);
    }
    if (text !== undefined) {
      element.textContent = text;
    }
    return element;
  }

  /** The smallest of 0.1, 0.2, 0.5, 1, 2, 5, 10 ... °C that is at least rough. */
  function niceStep(rough) {
    for (let decade = 0.1; ; decade *= 10) {
      for (const factor of [1, 2, 5]) {
        if (factor * decade >= rough - 1e-9) {
          return Math.round(factor * decade * 10) / 10;
        }
      }
    }
  }

  function drawChart(card) {
    const width = Math.max(200, Math.round(card.figure.clientWidth));
    const height = 170;
    const pad = { left: 44, right: 10, top: 10, bottom: 26 };
    const plotWidth = width - pad.left - pad.right;
    const plotHeight = height - pad.top - pad.bottom;
    const now = Date.now();
    // The last hour, or less while the gateway has not been up that long.
    const all = card.points;
    const oldest = all.length ? all[0].t : now;
    const span = Math.min(HOUR_MS, Math.max(MIN_SPAN_MS, now - oldest));
    const from = now - span;

    // The points in the window, and the reading that held when the window began.
    let first = all.findIndex((p) => p.t >= from);
    if (first === -1) {
      first = all.length;
    }
    const shown = all.slice(Math.max(0, first - 1), all.length).map((p) => ({ t: Math.max(p.t, from), v: p.v }));

    const chart = card.svg;
    chart.setAttribute("viewBox", "0 0 " + width + " " + height);
    chart.setAttribute("width", String(width));
    chart.replaceChildren();

    const x = (t) => pad.left + ((t - from) / span) * plotWidth;
    const values = shown.map((p) => p.v);
    const min = values.reduce((a, b) => Math.min(a, b), values.length ? values[0] : 20);
    const max = values.reduce((a, b) => Math.max(a, b), values.length ? values[0] : 30);
    const step = niceStep(Math.max((max - min) / 4, 0.25));
    let low = Math.floor(min / step + 1e-9) * step;
    let high = Math.ceil(max / step - 1e-9) * step;
    if (high - low < 2 * step) {
      low -= step;
      high += step;
    }
    const y = (v) => pad.top + (1 - (v - low) / (high - low)) * plotHeight;

    // Axes: a temperature at every step, and a few round times.
    for (let v = low; v <= high + step / 2; v += step) {
      chart.append(svg("line", { class: "grid", x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v) }));
      chart.append(svg("text", { class: "axis-label", x: pad.left - 6, y: y(v) + 4, "text-anchor": "end" }, celsius(v)));
    }
    const maxTicks = plotWidth < 300 ? 3 : 5;
    const tickStep = TICK_STEPS_MS.find((step) => span / step <= maxTicks) || HOUR_MS;
    const tickFormat = tickStep < 60000 ? axisClockSeconds : axisClock;
    const offset = new Date(now).getTimezoneOffset() * 60000; // ticks on round local times
    for (let t = Math.ceil((from - offset) / tickStep) * tickStep + offset; t <= now; t += tickStep) {
      const label = tickFormat.format(new Date(t));
      const half = label.length * 3.3;
      chart.append(svg("line", { class: "tick", x1: x(t), x2: x(t), y1: pad.top + plotHeight, y2: pad.top + plotHeight + 4 }));
      chart.append(svg("text", { class: "axis-label", x: Math.min(Math.max(x(t), half), width - half), y: height - 6, "text-anchor": "middle" }, label));
    }
    chart.append(svg("line", { class: "axis", x1: pad.left, x2: width - pad.right, y1: pad.top + plotHeight, y2: pad.top + plotHeight }));
    chart.append(svg("line", { class: "axis", x1: pad.left, x2: pad.left, y1: pad.top, y2: pad.top + plotHeight }));

    if (shown.length === 0) {
      chart.append(svg("text", { class: "chart-empty", x: pad.left + plotWidth / 2, y: pad.top + plotHeight / 2, "text-anchor": "middle" }, "No readings in the last hour"));
      card.caption.textContent = "Last hour: no readings yet";
      chart.setAttribute("aria-label", "Temperature over the last hour: no readings yet");
      return;
    }

    let d = "M" + x(shown[0].t).toFixed(1) + " " + y(shown[0].v).toFixed(1);
    for (let i = 1; i < shown.length; i++) {
      d += "H" + x(shown[i].t).toFixed(1) + "V" + y(shown[i].v).toFixed(1);
    }
    // An online device's last reading still holds now.
    const end = card.online ? now : shown[shown.length - 1].t;
    d += "H" + x(end).toFixed(1);
    chart.append(svg("path", { class: "line", d }));
    const lastPoint = shown[shown.length - 1];
    chart.append(svg("circle", { class: "last", cx: x(end), cy: y(lastPoint.v), r: 3.5 }));

    const inWindow = shown.filter((p) => p.t > from).length;
    const summary = "min " + celsius(min) + " °C, max " + celsius(max) + " °C";
    card.caption.textContent = "Last hour: " + summary + " (" + inWindow + (inWindow === 1 ? " reading)" : " readings)");
    chart.setAttribute("aria-label", "Temperature over the last hour: " + summary);
  }

  return { draw: drawChart };
})();
