extension ConsoleScript {
    /// Sign in and out, the page list and the hash router. The key lives in sessionStorage
    /// (gone when the tab closes), never in a cookie or a URL.
    static let session = #"""
        const storageName = "switchyard.console.key";
        const pages = [
          { id: "overview", title: "Overview", admin: true, render: root => renderOverview(root) },
          { id: "keys", title: "Keys", admin: true, render: (root, params) => renderKeys(root, params) },
          { id: "teams", title: "Teams", admin: true, render: root => renderTeams(root) },
          { id: "users", title: "Users", admin: true, render: root => renderUsers(root) },
          { id: "models", title: "Models", render: root => renderModels(root) },
          { id: "logs", title: "Request log", admin: true, render: (root, params) => renderLogs(root, params) },
          { id: "activity", title: "Cache & guardrails", admin: true, render: root => renderActivity(root) },
          { id: "me", title: "My key", admin: false, render: root => renderOwnKey(root) },
        ];
        const visiblePages = () => pages.filter(page => page.admin === undefined || page.admin === Console.admin);
        /// Checks a key with the gateway and keeps it for this tab.
        async function signIn(key) {
          Console.key = key;
          try {
            const session = await api("GET", "/ui/session");
            Console.admin = session.admin === true;
            Console.keyHash = session.key || null;
          } catch (error) {
            Console.key = null;
            throw error;
          }
          sessionStorage.setItem(storageName, key);
        }
        function signOut(message) {
          sessionStorage.removeItem(storageName);
          Object.assign(Console, { key: null, admin: false, keyHash: null });
          if (location.hash !== "#/signin") history.replaceState(null, "", "#/signin");
          show();
          if (message) notify(message, "error");
        }
        function renderSignIn(main) {
          const input = el("input", { id: "signin-key", type: "password", autocomplete: "off", required: true, spellcheck: "false", "aria-describedby": "signin-hint" });
          const error = el("p", { class: "notice error", role: "alert", hidden: true });
          const form = el("form", { class: "signin" },
            el("h1", {}, "Sign in"),
            el("label", { for: "signin-key" }, "Key"), input,
            el("small", { id: "signin-hint" }, "The master key or an admin user's key sees everything; any other key sees only itself. It is kept in this tab only."),
            error, el("button", { type: "submit", class: "primary" }, "Sign in"));
          form.addEventListener("submit", async event => {
            event.preventDefault();
            error.hidden = true;
            try {
              await signIn(input.value.trim());
              location.hash = Console.admin ? "#/overview" : "#/me";
              show();
            } catch (failure) {
              error.hidden = false;
              error.textContent = failure.status === 401 ? "The gateway does not accept this key." : failure.message;
              input.focus();
            }
          });
          main.replaceChildren(form);
          input.focus();
        }
        /// Draws the page the hash names (`#/logs?model=gpt-4o&page=2`).
        async function show() {
          const main = $("#main");
          $("#notice").replaceChildren();
          const signedIn = Console.key != null;
          $("#signout").hidden = !signedIn;
          $("#who").textContent = signedIn ? (Console.admin ? "Admin" : "Key " + (Console.keyHash || "").slice(0, 8) + "…") : "";
          const nav = $("#nav");
          if (!signedIn) {
            nav.replaceChildren();
            return renderSignIn(main);
          }
          const [path, search] = location.hash.replace(/^#\/?/, "").split("?");
          const available = visiblePages();
          const page = available.find(candidate => candidate.id === path) || available[0];
          nav.replaceChildren(...available.map(candidate =>
            el("a", { href: "#/" + candidate.id, "aria-current": candidate === page ? "page" : null }, candidate.title)));
          const root = el("div", { class: "page" });
          main.replaceChildren(el("h1", { tabindex: "-1" }, page.title), root);
          document.title = page.title + " · Switchyard";
          try {
            await page.render(root, new URLSearchParams(search || ""));
          } catch (error) {
            failed(error);
          }
        }
        /// Moves to `#/page?params` (or redraws when that is where we are).
        function go(page, params = {}) {
          const target = "#/" + page + query(params);
          if (location.hash === target) show(); else location.hash = target;
        }
        """#
}
