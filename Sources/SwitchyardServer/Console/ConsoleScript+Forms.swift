extension ConsoleScript {
    /// Forms built from the admin API's own request schemas in `/openapi.json`, so the console
    /// offers every field a route takes, with its description and bounds.
    static let forms = #"""
        async function bodySchema(name) {
          if (!Console.schemas) {
            const response = await fetch("/openapi.json", { cache: "no-store", credentials: "omit" });
            Console.schemas = (await response.json()).components.schemas;
          }
          return Console.schemas[name] || { properties: {} };
        }
        /// Names and owners first, then budgets and limits, the rest by name, switches last.
        const leadingFields = ["key_alias", "team_alias", "user_id", "user_email", "user_role", "team_id", "models", "max_budget", "budget_duration", "rpm_limit", "tpm_limit"];
        function orderedFields(schema) {
          const rank = ([name, property]) => {
            const leading = leadingFields.indexOf(name);
            return leading >= 0 ? leading : [].concat(property.type).includes("boolean") ? 1000 : 100;
          };
          return Object.entries(schema.properties || {}).sort((a, b) => rank(a) - rank(b) || a[0].localeCompare(b[0]));
        }
        /// A form for `schema` filled with `values`; `read(changedOnly)` answers the body to send:
        /// on create the fields given, on edit the fields changed (an emptied field as null).
        function schemaForm(schema, values = {}, skip = []) {
          const fields = [];
          const form = el("form", { class: "fields", novalidate: true });
          for (const [name, property] of orderedFields(schema)) {
            if (skip.includes(name)) continue;
            const types = [].concat(property.type || "string");
            const kind = types.find(type => type !== "null") || "string";
            const id = uniqueID("field");
            const hint = property.description ? el("small", { id: id + "-hint" }, property.description) : null;
            const common = { id, name, "aria-describedby": hint ? id + "-hint" : null };
            const value = values[name];
            let input;
            if (kind === "boolean") {
              input = el("input", { ...common, type: "checkbox", checked: value === true });
            } else if (kind === "integer" || kind === "number") {
              input = el("input", { ...common, type: "number", step: kind === "integer" ? "1" : "any", min: property.minimum, max: property.maximum, value: value ?? "" });
            } else if (kind === "array") {
              input = el("input", { ...common, type: "text", placeholder: "comma-separated", value: (value || []).join(", ") });
            } else if (kind === "object") {
              input = el("textarea", { ...common, rows: "2", placeholder: "JSON object" }, value && Object.keys(value).length ? JSON.stringify(value) : "");
            } else if (property.enum) {
              input = el("select", common, el("option", { value: "" }, "—"), property.enum.map(option => el("option", { value: option, selected: option === value }, option)));
            } else {
              input = el("input", { ...common, type: "text", pattern: property.pattern, value: value ?? "", autocomplete: "off" });
            }
            const read = () => {
              if (kind === "boolean") return input.checked;
              const text = input.value.trim();
              if (text === "") return types.includes("null") ? null : undefined;
              if (kind === "integer" || kind === "number") {
                const number = Number(text);
                if (!Number.isFinite(number)) throw new Error(`${name} must be a number.`);
                return number;
              }
              if (kind === "array") return text.split(",").map(part => part.trim()).filter(Boolean);
              if (kind === "object") {
                try { return JSON.parse(text); } catch { throw new Error(`${name} must be a JSON object.`); }
              }
              return text;
            };
            const normal = current => current === undefined || (Array.isArray(current) && !current.length) || (current && typeof current === "object" && !Object.keys(current).length) ? null : current;
            fields.push({ name, read, original: kind === "boolean" ? value === true : normal(value) });
            const row = kind === "boolean"
              ? el("div", { class: "field check" }, input, el("label", { for: id }, name), hint)
              : el("div", { class: "field" }, el("label", { for: id }, name), input, hint);
            form.append(row);
          }
          form.read = changedOnly => {
            const body = {};
            for (const field of fields) {
              const value = field.read();
              if (changedOnly) {
                if (JSON.stringify(value ?? null) !== JSON.stringify(field.original ?? null)) body[field.name] = value ?? null;
              } else if (value != null && value !== false && value !== "") {
                body[field.name] = value;
              }
            }
            return body;
          };
          return form;
        }
        /// A dialog around a schema form whose submit button calls `save(body)`; a function `save`
        /// answers runs once the dialog has closed.
        async function formDialog(title, schemaName, values, skip, changedOnly, save, label = "Save") {
          const form = schemaForm(await bodySchema(schemaName), values, skip);
          const error = el("p", { class: "notice error", role: "alert", hidden: true });
          const submit = el("button", { type: "submit", class: "primary" }, label);
          form.append(error, el("div", { class: "actions" }, submit));
          const box = dialog(title, form);
          form.addEventListener("submit", async event => {
            event.preventDefault();
            submit.disabled = true;
            try {
              const then = await save(form.read(changedOnly));
              box.close();
              if (typeof then === "function") then();
            } catch (failure) {
              if (failure instanceof ApiError && failure.status === 401) { box.close(); return failed(failure); }
              error.hidden = false;
              error.textContent = failure.message;
            } finally {
              submit.disabled = false;
            }
          });
          $("input, select, textarea", form)?.focus();
        }
        """#
}
