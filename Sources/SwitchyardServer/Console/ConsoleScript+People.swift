extension ConsoleScript {
    /// Teams and users: list, create, edit and delete, with the forms of `/team/*` and `/user/*`.
    static let people = #"""
        async function renderTeams(root) {
          const teams = await api("GET", "/team/list");
          const create = el("button", { type: "button", class: "primary", onclick: () => formDialog("Create a team", "PostTeamNewBody", {}, [], false, async body => {
            const team = await api("POST", "/team/new", body);
            notify("Created team " + (team.team_alias || team.team_id) + ".");
            go("teams");
          }, "Create") }, "Create team");
          root.replaceChildren(el("div", { class: "toolbar" }, create), table("Teams", [
            ["Team", team => el("span", {}, el("strong", {}, team.team_alias || "—"), el("br"), el("code", {}, team.team_id))],
            ["Spend / budget", team => usd(team.spend) + " / " + (team.max_budget == null ? "none" : usd(team.max_budget))],
            ["Limits", team => `rpm ${team.rpm_limit ?? "—"} · tpm ${team.tpm_limit ?? "—"}`],
            ["Models", team => list(team.models)],
            ["State", team => team.blocked ? badge("blocked", "bad") : badge("active", "good")],
            ["Actions", team => ownerActions("team", team.team_id, team.team_alias || team.team_id, team, "PostTeamUpdateBody")],
          ], teams, "No teams yet."));
        }
        async function renderUsers(root) {
          const users = (await api("GET", "/user/list" + query({ page_size: 1000 }))).users;
          const create = el("button", { type: "button", class: "primary", onclick: () => formDialog("Create a user", "PostUserNewBody", {}, [], false, async body => {
            const user = await api("POST", "/user/new", body);
            go("users");
            if (user.key) return () => showSecret("User created", user.key, user.user_id);
            notify("Created user " + user.user_id + ".");
          }, "Create") }, "Create user");
          root.replaceChildren(el("div", { class: "toolbar" }, create), table("Users", [
            ["User", user => el("span", {}, el("strong", {}, user.user_id), el("br"), user.user_email || "")],
            ["Role", user => user.user_role || "—"],
            ["Team", user => user.team_id || "—"],
            ["Spend / budget", user => usd(user.spend) + " / " + (user.max_budget == null ? "none" : usd(user.max_budget))],
            ["Models", user => list(user.models)],
            ["Actions", user => ownerActions("user", user.user_id, user.user_id, user, "PostUserUpdateBody")],
          ], users, "No users yet."));
        }
        /// Edit and delete for a team or a user (`kind`), whose id field is `<kind>_id`.
        function ownerActions(kind, id, name, values, schemaName) {
          const idField = kind + "_id";
          const page = kind + "s";
          return el("div", { class: "row-actions" },
            el("button", { type: "button", "aria-label": "Edit " + name, onclick: () => formDialog("Edit " + name, schemaName, values, [idField], true, async body => {
              await api("POST", `/${kind}/update`, { ...body, [idField]: id });
              notify("Saved " + name + ".");
              go(page);
            }) }, "Edit"),
            kind === "team" ? el("a", { href: "#/logs" + query({ team: id }), "aria-label": "Requests of " + name }, "Log") : null,
            el("button", { type: "button", class: "danger", "aria-label": "Delete " + name, onclick: () => confirmDialog("Delete " + name + "?",
              `Deleting the ${kind} deletes its keys too.`, "Delete", async () => {
                await api("POST", `/${kind}/delete`, { [idField + "s"]: [id] });
                notify("Deleted " + name + ".");
                go(page);
              }) }, "Delete"));
        }
        /// What a key that is not an admin's sees: itself and its spend.
        async function renderOwnKey(root) {
          const info = (await api("GET", "/key/info")).info;
          const budget = info.max_budget;
          const share = budget ? Math.min(1, info.spend / budget) : 0;
          const meter = budget ? el("figure", { class: "chart meter" }, el("figcaption", {}, `Spent ${usd(info.spend)} of ${usd(budget)}`),
            svg("svg", { viewBox: "0 0 400 20", role: "img", "aria-label": `${Math.round(share * 100)}% of the budget spent`, preserveAspectRatio: "none" },
              svg("rect", { class: "track", x: 0, y: 0, width: 400, height: 20 }),
              svg("rect", { class: "bar " + (share >= 1 ? "errors" : "spend"), x: 0, y: 0, width: 400 * share, height: 20 }))) : null;
          const rows = [
            ["Key", info.key_name], ["Alias", info.key_alias || "—"], ["Spend", usd(info.spend)],
            ["Budget", budget == null ? "none" : usd(budget) + (info.budget_duration ? " per " + info.budget_duration : "")],
            ["Budget resets", time(info.budget_reset_at)], ["Requests per minute", info.rpm_limit ?? "—"], ["Tokens per minute", info.tpm_limit ?? "—"],
            ["Parallel requests", info.max_parallel_requests ?? "—"], ["Models", list(info.models)], ["Team", info.team_id || "—"],
            ["Expires", time(info.expires)], ["State", info.blocked ? "blocked" : "active"],
          ];
          root.replaceChildren(meter || "", el("dl", { class: "details" }, rows.map(([name, value]) => [el("dt", {}, name), el("dd", {}, String(value))])));
        }
        """#
}
