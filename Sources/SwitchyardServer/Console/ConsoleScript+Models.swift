extension ConsoleScript {
    /// Models and their deployments' live routing state from `/health` and `/v1/models`;
    /// upstream addresses and errors appear for admins only (the gateway leaves them out
    /// for other keys).
    static let models = #"""
        async function renderModels(root) {
          const [health, listed] = await Promise.all([api("GET", "/health"), api("GET", "/v1/models")]);
          const deployments = [...health.healthy_endpoints, ...health.unhealthy_endpoints]
            .sort((a, b) => a.model_name.localeCompare(b.model_name) || a.deployment.localeCompare(b.deployment));
          const ms = value => value == null ? "—" : Number(value).toFixed(1) + " ms";
          const columns = [
            ["Model group", row => el("strong", {}, row.model_name)],
            ["Deployment", row => el("code", {}, row.deployment)],
            ["Provider", row => row.provider],
            ["State", row => row.state === "healthy" ? badge("healthy", "good") : badge(`cooling ${row.cooldown_remaining_seconds ?? ""}s`, "bad")],
            ["In flight", row => count(row.in_flight)],
            ["Latency", row => ms(row.latency_ms)],
            ["First token", row => ms(row.time_to_first_token_ms)],
            ["OK / failed", row => `${count(row.successes)} / ${count(row.failures)} (${count(row.recent_failures)} in 60 s)`],
          ];
          if (Console.admin) columns.push(["Upstream", row => row.api_base || "—"], ["Last error", row => row.last_error || "—"]);
          const names = listed.data.map(model => model.id).sort();
          root.replaceChildren(
            el("div", { class: "toolbar" },
              el("p", {}, `${count(health.healthy_count)} healthy, ${count(health.unhealthy_count)} cooling`),
              el("button", { type: "button", onclick: () => go("models") }, "Refresh")),
            table("Deployments", columns, deployments, "No deployments."),
            el("h2", {}, "Model names clients may call"),
            el("ul", { class: "names" }, names.map(name => el("li", {}, el("code", {}, name)))));
        }
        """#
}
