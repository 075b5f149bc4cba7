extension ConsoleScript {
    /// Overview: spend, requests and tokens per day (`/global/spend/report`), requests and
    /// errors per hour over the latest logged requests (`/spend/logs`), top models and keys.
    static let overview = #"""
        async function renderOverview(root) {
          const days = 14;
          const start = new Date(Date.now() - (days - 1) * 86400000).toISOString().slice(0, 10);
          const [report, recent, keys] = await Promise.all([
            api("GET", "/global/spend/report" + query({ start_date: start })),
            api("GET", "/spend/logs" + query({ page_size: 1000, start_date: new Date(Date.now() - 86400000).toISOString().slice(0, 19) + "Z" })),
            api("GET", "/key/list" + query({ return_full_object: "true", size: 1000 })),
          ]);
          const byDay = new Map(report.map(day => [day.group_by_day, day]));
          const daily = [];
          for (let index = days - 1; index >= 0; index--) {
            const day = new Date(Date.now() - index * 86400000).toISOString().slice(0, 10);
            const groups = (byDay.get(day) || { teams: [] }).teams;
            const sum = field => groups.reduce((total, group) => total + (group[field] || 0), 0);
            daily.push({ label: day.slice(5), spend: sum("total_spend"), requests: sum("requests"), prompt: sum("prompt_tokens"), completion: sum("completion_tokens") });
          }
          const hours = [];
          for (let index = 23; index >= 0; index--) {
            const hour = new Date(Date.now() - index * 3600000);
            hours.push({ label: hour.toISOString().slice(11, 13) + "h", key: hour.toISOString().slice(0, 13), values: [0, 0] });
          }
          const byHour = new Map(hours.map(hour => [hour.key, hour]));
          for (const row of recent.data) {
            const hour = byHour.get(String(row.startTime).slice(0, 13));
            if (!hour) continue;
            hour.values[0] += 1;
            if (row.status === "failure") hour.values[1] += 1;
          }
          const totals = daily.reduce((sum, day) => ({ spend: sum.spend + day.spend, requests: sum.requests + day.requests, tokens: sum.tokens + day.prompt + day.completion }), { spend: 0, requests: 0, tokens: 0 });
          const errors = hours.reduce((sum, hour) => sum + hour.values[1], 0);
          const models = new Map();
          for (const day of report) for (const group of day.teams) {
            const model = models.get(group.model_group) || { name: group.model_group, spend: 0, requests: 0, tokens: 0 };
            model.spend += group.total_spend; model.requests += group.requests; model.tokens += group.prompt_tokens + group.completion_tokens;
            models.set(group.model_group, model);
          }
          const topModels = [...models.values()].sort((a, b) => b.spend - a.spend || b.requests - a.requests).slice(0, 8);
          const topKeys = keys.keys.filter(key => key.spend > 0).sort((a, b) => b.spend - a.spend).slice(0, 8);
          root.replaceChildren(
            el("div", { class: "tiles" },
              tile("Spend, 14 days", usd(totals.spend)), tile("Requests, 14 days", count(totals.requests)),
              tile("Tokens, 14 days", count(totals.tokens)), tile("Errors, last 24 h", count(errors) + (recent.total > recent.data.length ? " (latest 1,000)" : ""))),
            el("div", { class: "charts" },
              barChart("Spend per day (USD)", daily.map(day => ({ label: day.label, values: [day.spend] })), [{ name: "Spend", kind: "spend" }], usd),
              barChart("Requests per day", daily.map(day => ({ label: day.label, values: [day.requests] })), [{ name: "Requests", kind: "requests" }]),
              barChart("Tokens per day", daily.map(day => ({ label: day.label, values: [day.prompt, day.completion] })), [{ name: "Prompt", kind: "prompt" }, { name: "Completion", kind: "completion" }]),
              barChart("Requests and errors per hour, last 24 h", hours, [{ name: "Requests", kind: "requests" }, { name: "Errors", kind: "errors" }])),
            el("div", { class: "columns" },
              el("section", {}, el("h2", {}, "Top models"), table("Top models, 14 days", [
                ["Model group", model => el("a", { href: "#/logs" + query({ model: model.name }) }, model.name)],
                ["Requests", model => count(model.requests)], ["Tokens", model => count(model.tokens)], ["Spend", model => usd(model.spend)],
              ], topModels, "No requests in 14 days.")),
              el("section", {}, el("h2", {}, "Top keys"), table("Top keys by spend", [
                ["Key", key => el("a", { href: "#/logs" + query({ key: key.token }) }, key.key_alias || key.key_name)],
                ["Spend", key => usd(key.spend)], ["Budget", key => usd(key.max_budget)],
              ], topKeys, "No key has spent anything yet."))));
        }
        const tile = (label, value) => el("div", { class: "tile" }, el("span", {}, label), el("strong", {}, value));
        """#
}
