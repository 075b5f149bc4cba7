extension ConsoleScript {
    /// The request log: filters that become `/spend/logs` query parameters, pages fetched from
    /// the server, and one row's fields in a dialog.
    static let logs = #"""
        const logFilters = [
          ["key", "Key"], ["team_id", "Team"], ["user_id", "User"], ["model", "Model group"], ["tag", "Tag"],
          ["status", "Status"], ["request_id", "Request id"], ["start_date", "From (UTC)"], ["end_date", "To (UTC)"],
        ];
        async function renderLogs(root, params) {
          const page = Number(params.get("page")) || 1;
          const filters = {};
          for (const [name] of logFilters) if (params.get(name)) filters[name] = params.get(name);
          if (params.get("team")) filters.team_id = params.get("team");
          const form = el("form", { class: "filters", "aria-label": "Filters" },
            logFilters.map(([name, label]) => {
              const id = "log-" + name;
              const dated = name.endsWith("_date");
              return el("div", { class: "field" }, el("label", { for: id }, label),
                name === "status"
                  ? el("select", { id, name }, [["", "Any"], ["success", "Success"], ["failure", "Failure"], ["4xx", "4xx"], ["5xx", "5xx"]]
                      .map(([value, text]) => el("option", { value, selected: filters.status === value }, text)))
                  : el("input", { id, name, type: dated ? "datetime-local" : "text", placeholder: name === "key" ? "secret, hash or sk-…" : null, value: dated && filters[name] ? filters[name].slice(0, 16) : filters[name] || "", autocomplete: "off" }));
            }),
            el("div", { class: "actions" }, el("button", { type: "submit", class: "primary" }, "Filter"),
              el("button", { type: "button", onclick: () => go("logs") }, "Clear")));
          form.addEventListener("submit", event => {
            event.preventDefault();
            const chosen = {};
            for (const [name] of logFilters) {
              const value = form.elements[name].value.trim();
              if (value) chosen[name] = name.endsWith("_date") ? value + ":00Z" : value;
            }
            go("logs", chosen);
          });
          const answer = await api("GET", "/spend/logs" + query({ ...filters, page, page_size: 50 }));
          root.replaceChildren(form, table("Requests, newest first", [
            ["Time", row => el("button", { type: "button", class: "link", "aria-label": "Details of " + row.request_id, onclick: () => showLogRow(row) }, time(row.startTime))],
            ["Status", row => badge(String(row.status_code), row.status === "success" ? "good" : "bad")],
            ["Model", row => row.model_group],
            ["Key", row => row.key_alias || (row.api_key ? row.api_key.slice(0, 10) + "…" : "—")],
            ["Tokens", row => count(row.total_tokens)],
            ["Spend", row => usd(row.spend)],
            ["Cache", row => row.cache_hit ? badge("hit", "good") : ""],
            ["Took", row => Math.round((Date.parse(row.endTime) - Date.parse(row.startTime))) + " ms"],
          ], answer.data, "No requests match."), pager(page, answer.total_pages, answer.total, next => go("logs", { ...filters, page: next })));
        }
        function showLogRow(row) {
          const value = field => field == null ? "—" : typeof field === "object" ? JSON.stringify(field)
            : typeof field === "number" ? String(Number(field.toPrecision(10))) : String(field);
          dialog("Request " + row.request_id, el("dl", { class: "details" },
            Object.entries(row).map(([name, field]) => [el("dt", {}, name), el("dd", {}, value(field))])));
        }
        """#
}
