extension ConsoleScript {
    /// Keys: the list with server-side pages; create (every field of `/key/generate`), edit,
    /// block and unblock, regenerate and delete. A new secret is shown once, in a dialog.
    static let keys = #"""
        async function renderKeys(root, params) {
          const page = Number(params.get("page")) || 1;
          const listing = await api("GET", "/key/list" + query({ return_full_object: "true", page, size: 50 }));
          const create = el("button", { type: "button", class: "primary", onclick: () => formDialog("Create a key", "PostKeyGenerateBody", {}, [], false, async body => {
            const made = await api("POST", "/key/generate", body);
            go("keys");
            return () => showSecret("Key created", made.key, made.key_alias || made.key_name);
          }, "Create") }, "Create key");
          root.replaceChildren(el("div", { class: "toolbar" }, create), el("div", { id: "notice-keys" }),
            table("Virtual keys", [
              ["Key", key => el("span", {}, el("strong", {}, key.key_alias || "—"), el("br"), el("code", {}, key.key_name))],
              ["Team / user", key => [key.team_id || "—", " / ", key.user_id || "—"]],
              ["Spend / budget", key => usd(key.spend) + " / " + (key.max_budget == null ? "none" : usd(key.max_budget)) + (key.budget_duration ? " per " + key.budget_duration : "")],
              ["Limits", key => `rpm ${key.rpm_limit ?? "—"} · tpm ${key.tpm_limit ?? "—"}`],
              ["Models", key => list(key.models)],
              ["Expires", key => time(key.expires)],
              ["State", key => key.blocked ? badge("blocked", "bad") : badge("active", "good")],
              ["Actions", key => keyActions(key)],
            ], listing.keys, "No keys yet: create one."),
            pager(page, listing.total_pages, listing.total_count, next => go("keys", { page: next })));
        }
        function keyActions(key) {
          const name = key.key_alias || key.key_name;
          return el("div", { class: "row-actions" },
            el("button", { type: "button", "aria-label": "Edit " + name, onclick: () => formDialog("Edit key " + name, "PostKeyUpdateBody", key, ["key"], true, async body => {
              await api("POST", "/key/update", { ...body, key: key.token });
              notify("Saved " + name + ".");
              go("keys");
            }) }, "Edit"),
            el("button", { type: "button", "aria-label": (key.blocked ? "Unblock " : "Block ") + name, onclick: () => attempt(async () => {
              await api("POST", key.blocked ? "/key/unblock" : "/key/block", { key: key.token });
              notify((key.blocked ? "Unblocked " : "Blocked ") + name + ".");
              go("keys");
            }) }, key.blocked ? "Unblock" : "Block"),
            el("button", { type: "button", "aria-label": "Regenerate " + name, onclick: () => confirmDialog("Regenerate " + name + "?",
              "The key keeps its spend and settings under a new secret; the old secret stops working at once.", "Regenerate", async () => {
                const made = await api("POST", "/key/regenerate", { key: key.token });
                showSecret("New secret", made.key, name);
                go("keys");
              }) }, "Regenerate"),
            el("a", { href: "#/logs" + query({ key: key.token }), "aria-label": "Requests of " + name }, "Log"),
            el("button", { type: "button", class: "danger", "aria-label": "Delete " + name, onclick: () => confirmDialog("Delete " + name + "?",
              "Requests with this key will be refused. Its log rows stay.", "Delete", async () => {
                await api("POST", "/key/delete", { keys: [key.token] });
                notify("Deleted " + name + ".");
                go("keys");
              }) }, "Delete"));
        }
        /// The one time a secret is shown: the store keeps only its hash.
        function showSecret(title, secret, name) {
          const code = el("code", { class: "secret", id: "new-secret" }, secret);
          const copy = el("button", { type: "button", onclick: async () => {
            try { await navigator.clipboard.writeText(secret); copy.textContent = "Copied"; } catch { copy.textContent = "Select and copy it by hand"; }
          } }, "Copy");
          dialog(title, el("div", {}, el("p", {}, `The secret of ${name}. It is shown this once: the gateway keeps only its hash.`), code), [copy]);
          copy.focus();
        }
        """#
}
