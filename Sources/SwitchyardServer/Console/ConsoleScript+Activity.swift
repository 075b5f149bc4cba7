extension ConsoleScript {
    /// Cache and guardrail activity: the counters `/metrics` keeps since the process started,
    /// and the cache hits among the latest logged requests with what they saved.
    static let activity = #"""
        /// Prometheus text to [{ name, labels, value }].
        function parseMetrics(text) {
          const samples = [];
          for (const line of String(text).split("\n")) {
            const match = /^([a-z_:]+)(?:\{(.*)\})? ([-0-9.eE+]+|NaN)$/.exec(line);
            if (!match) continue;
            const labels = {};
            for (const pair of (match[2] || "").matchAll(/([a-z_]+)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1]] = pair[2];
            samples.push({ name: match[1], labels, value: Number(match[3]) });
          }
          return samples;
        }
        function sumBy(samples, name, label) {
          const totals = new Map();
          for (const sample of samples) if (sample.name === name) totals.set(sample.labels[label] || "", (totals.get(sample.labels[label] || "") || 0) + sample.value);
          return totals;
        }
        async function renderActivity(root) {
          const [text, recent] = await Promise.all([api("GET", "/metrics"), api("GET", "/spend/logs" + query({ page_size: 1000 }))]);
          const samples = parseMetrics(text);
          const lookups = sumBy(samples, "switchyard_cache_requests_total", "result");
          const bytes = sumBy(samples, "switchyard_cache_bytes_total", "direction");
          const blocks = sumBy(samples, "switchyard_guardrail_blocks_total", "route");
          const hits = recent.data.filter(row => row.cache_hit);
          const saved = hits.reduce((sum, row) => sum + row.saved_cost, 0);
          const lookupTotal = [...lookups.values()].reduce((a, b) => a + b, 0);
          const blockTotal = [...blocks.values()].reduce((a, b) => a + b, 0);
          root.replaceChildren(
            el("p", { class: "muted" }, "Counters run from the gateway's start (/metrics); saved cost is summed over the latest 1,000 logged requests."),
            el("div", { class: "tiles" },
              tile("Cache hits", count(lookups.get("hit") || 0)), tile("Cache misses", count(lookups.get("miss") || 0)),
              tile("Hit rate", lookupTotal ? Math.round(100 * (lookups.get("hit") || 0) / lookupTotal) + "%" : "—"),
              tile("Saved (latest rows)", usd(saved)), tile("Guardrail blocks", count(blockTotal))),
            el("div", { class: "charts" },
              barChart("Cache lookups by result", [...lookups].map(([result, value]) => ({ label: result, values: [value] })), [{ name: "Lookups", kind: "requests" }]),
              barChart("Cache bytes", [...bytes].map(([direction, value]) => ({ label: direction, values: [value] })), [{ name: "Bytes", kind: "prompt" }]),
              barChart("Guardrail blocks by operation", [...blocks].map(([route, value]) => ({ label: route, values: [value] })), [{ name: "Blocks", kind: "errors" }])),
            el("h2", {}, "Latest cache hits"),
            table("Requests answered from the cache", [
              ["Time", row => el("button", { type: "button", class: "link", onclick: () => showLogRow(row) }, time(row.startTime))],
              ["Model", row => row.model_group], ["Key", row => row.key_alias || (row.api_key || "—").slice(0, 10)],
              ["Saved", row => usd(row.saved_cost)],
            ], hits.slice(0, 50), "No cache hits among the latest requests."));
        }
        """#
}
