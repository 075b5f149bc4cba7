extension ConsoleScript {
    /// Elements, calls to the admin API with the signed-in key, dialogs, notices and formats.
    static let core = #"""
        "use strict";
        const Console = { key: null, admin: false, keyHash: null, schemas: null };
        const $ = (selector, root = document) => root.querySelector(selector);
        function el(tag, attributes, ...children) {
          const element = document.createElement(tag);
          for (const [name, value] of Object.entries(attributes || {})) {
            if (value == null || value === false) continue;
            if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
            else if (name === "class") element.className = value;
            else element.setAttribute(name, value === true ? "" : value);
          }
          for (const child of children.flat(Infinity)) if (child != null && child !== false) element.append(child instanceof Node ? child : String(child));
          return element;
        }
        class ApiError extends Error {
          constructor(status, message) { super(message); this.status = status; }
        }
        /// One call to the gateway with the signed-in key; the key goes in a header, never the URL.
        async function api(method, path, body) {
          const headers = { Authorization: "Bearer " + Console.key };
          if (body !== undefined) headers["Content-Type"] = "application/json";
          const response = await fetch(path, {
            method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: "no-store", credentials: "omit",
          });
          const text = await response.text();
          let data = text;
          try { data = text ? JSON.parse(text) : null; } catch { /* Prometheus text stays text */ }
          if (!response.ok) throw new ApiError(response.status, (data && data.error && data.error.message) || "HTTP " + response.status);
          return data;
        }
        const query = params => {
          const search = new URLSearchParams();
          for (const [name, value] of Object.entries(params)) if (value !== "" && value != null) search.set(name, value);
          const text = search.toString();
          return text ? "?" + text : "";
        };
        let nextID = 0;
        const uniqueID = prefix => prefix + "-" + ++nextID;
        /// A modal dialog: focus stays inside, Escape or Close ends it.
        function dialog(title, body, actions = []) {
          const headingID = uniqueID("dialog");
          const box = el("dialog", { "aria-labelledby": headingID },
            el("h2", { id: headingID }, title), body,
            el("div", { class: "actions" }, ...actions, el("button", { type: "button", onclick: () => box.close() }, "Close")));
          box.addEventListener("close", () => box.remove());
          document.body.append(box);
          box.showModal();
          return box;
        }
        function confirmDialog(title, text, label, action) {
          const box = dialog(title, el("p", {}, text), [el("button", { type: "button", class: "danger", onclick: async () => {
            box.close();
            await attempt(action);
          } }, label)]);
        }
        function notify(text, kind = "ok") {
          const area = $("#notice");
          area.replaceChildren(el("p", { class: "notice " + kind }, text));
        }
        /// Runs an action, showing its failure rather than throwing it; answers whether it worked.
        async function attempt(action) {
          try { await action(); return true; } catch (error) { failed(error); return false; }
        }
        function failed(error) {
          if (error instanceof ApiError && error.status === 401) return signOut("The gateway refused the key: " + error.message);
          notify(error.message || String(error), "error");
        }
        const usd = value => value == null ? "—" : "$" + Number(value).toFixed(value && Math.abs(value) < 0.01 ? 6 : 2);
        const count = value => value == null ? "—" : Number(value).toLocaleString("en-US");
        const time = text => text == null ? "—" : String(text).replace("T", " ").replace(/\.\d+/, "").replace("Z", "");
        const list = values => values && values.length ? values.join(", ") : "all";
        function table(caption, columns, rows, empty = "None yet.") {
          if (!rows.length) return el("p", { class: "empty" }, empty);
          return el("div", { class: "scroll", tabindex: "0", role: "region", "aria-label": caption },
            el("table", {}, el("caption", {}, caption),
              el("thead", {}, el("tr", {}, columns.map(([title]) => el("th", { scope: "col" }, title)))),
              el("tbody", {}, rows.map(row => el("tr", {}, columns.map(([title, cell]) => el("td", { "data-label": title }, cell(row))))))));
        }
        function pager(page, pages, total, go) {
          return el("nav", { class: "pager", "aria-label": "Pages" },
            el("button", { type: "button", disabled: page <= 1, onclick: () => go(page - 1) }, "Previous"),
            el("span", {}, `Page ${count(page)} of ${count(Math.max(pages, 1))} (${count(total)} rows)`),
            el("button", { type: "button", disabled: page >= pages, onclick: () => go(page + 1) }, "Next"));
        }
        const badge = (text, kind) => el("span", { class: "badge " + kind }, text);
        """#
}
