/// `/docs`: one self-contained page (no CDN, no external script) that reads `/openapi.json`
/// and lists the routes by tag, each folding open to its parameters, body and answers.
enum DocsPage {
    /// Only this page's inline script and style, and fetches from the gateway itself.
    static let contentSecurityPolicy = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'"

    static let html = #"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <title>Switchyard API</title>
        <style>
        body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:70rem;padding:1rem 1.5rem;color:#1d2330}
        h1{margin:.2rem 0}h2{margin:1.6rem 0 .4rem;border-bottom:1px solid #d8dde6}
        details.op{border:1px solid #d8dde6;border-radius:6px;margin:.35rem 0}
        details.op>summary{cursor:pointer;padding:.4rem .6rem;list-style:none;display:flex;gap:.6rem;align-items:baseline}
        .m{font:600 12px monospace;padding:.1rem .4rem;border-radius:4px;color:#fff;min-width:3.4rem;text-align:center}
        .GET{background:#2f6fb3}.POST{background:#2e8a4e}.DELETE{background:#b33b3b}.PUT,.PATCH{background:#a8741a}
        .p{font-family:monospace}.s{color:#556}.lock{color:#a8741a;font-size:12px}
        .body{padding:.2rem .9rem .8rem;border-top:1px solid #eef0f4}
        .k{font-family:monospace;font-weight:600}.t{color:#2f6fb3;font-family:monospace}.c{color:#777;font-size:13px}
        ul.schema{margin:.1rem 0;padding-left:1.2rem}h4{margin:.7rem 0 .2rem}
        table{border-collapse:collapse}td{padding:.15rem .6rem .15rem 0;vertical-align:top}
        </style></head><body>
        <h1>Switchyard API</h1><p id="about" class="s"></p>
        <p class="s">The machine-readable description: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>
        <div id="routes">Loading…</div>
        <script>
        "use strict";
        const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; };
        let spec;
        const resolve = s => { const name = s && s.$ref && s.$ref.split("/").pop(); return name ? [name, spec.components.schemas[name] || {}] : [null, s || {}]; };
        function typeName(s) {
          const [ref, r] = resolve(s);
          if (ref) return ref;
          if (r.oneOf || r.anyOf) return (r.oneOf || r.anyOf).map(typeName).join(" | ");
          if (r.allOf) return r.allOf.map(typeName).join(" & ");
          const t = [].concat(r.type || "any").join(" | ");
          return r.items ? t.replace("array", "array of " + typeName(r.items)) : t;
        }
        function constraints(s) {
          const out = [];
          for (const k of ["const", "enum", "pattern", "format", "minimum", "exclusiveMinimum", "maximum", "minLength", "minItems"])
            if (s[k] !== undefined) out.push(k + ": " + JSON.stringify(s[k]));
          return out.join(", ");
        }
        function schema(s, depth, seen) {
          const [ref, r] = resolve(s);
          const list = el("ul", "schema");
          if (depth > 6 || (ref && seen.has(ref))) return list;
          const next = new Set(seen); if (ref) next.add(ref);
          for (const part of r.allOf || []) list.append(...schema(part, depth, next).children);
          for (const part of r.oneOf || r.anyOf || []) { const li = el("li", "c", "one of: " + typeName(part)); li.append(schema(part, depth + 1, next)); list.append(li); }
          const props = r.properties || (r.items && resolve(r.items)[1].properties && { "[item]": r.items }) || {};
          const required = new Set(r.required || []);
          for (const [name, p] of Object.entries(props)) {
            const [, pr] = resolve(p);
            const li = el("li");
            li.append(el("span", "k", name + (required.has(name) ? "*" : "")), " ", el("span", "t", typeName(p)));
            const notes = [pr.description || p.description, constraints(pr)].filter(Boolean).join(" — ");
            if (notes) li.append(" ", el("span", "c", notes));
            const inner = pr.properties || pr.allOf || (pr.items && resolve(pr.items)[1].properties) ? schema(p, depth + 1, next) : null;
            if (inner && inner.children.length) li.append(inner);
            list.append(li);
          }
          return list;
        }
        function section(title, content) { const d = el("div"); d.append(el("h4", null, title), content); return d; }
        function operation(path, method, op, aliases) {
          const d = el("details", "op"), sum = el("summary");
          sum.append(el("span", "m " + method.toUpperCase(), method.toUpperCase()), el("span", "p", path), el("span", "s", op.summary || ""));
          if (op.security && op.security.length) sum.append(el("span", "lock", "key"));
          const body = el("div", "body");
          if (op.description) body.append(el("p", null, op.description));
          if (aliases.length) body.append(el("p", "c", "Also at: " + aliases.join(", ")));
          if (op.parameters) {
            const t = el("table");
            for (const p of op.parameters) {
              const tr = el("tr");
              tr.append(el("td", "k", p.name + (p.required ? "*" : "")), el("td", "c", p.in), el("td", "t", typeName(p.schema)), el("td", "c", [p.description, constraints(p.schema || {})].filter(Boolean).join(" — ")));
              t.append(tr);
            }
            body.append(section("Parameters", t));
          }
          for (const [type, media] of Object.entries((op.requestBody || {}).content || {})) {
            const wrap = el("div"); wrap.append(el("span", "t", typeName(media.schema)), schema(media.schema, 0, new Set()));
            body.append(section("Body (" + type + ")", wrap));
          }
          const errors = el("table");
          for (const [status, reply] of Object.entries(op.responses || {})) {
            const answer = reply.$ref ? spec.components.responses[reply.$ref.split("/").pop()] || {} : reply;
            const media = Object.entries(answer.content || {});
            if (status === "200") {
              const wrap = el("div");
              for (const [type, m] of media) wrap.append(el("div", "c", type), el("span", "t", typeName(m.schema)), schema(m.schema, 0, new Set()));
              body.append(section("Answer", wrap));
            } else {
              const tr = el("tr");
              tr.append(el("td", "k", status), el("td", "c", answer.description || ""), el("td", "t", media.map(([, m]) => typeName(m.schema)).join(", ")));
              errors.append(tr);
            }
          }
          if (errors.children.length) body.append(section("Errors", errors));
          d.append(sum, body);
          d.addEventListener("toggle", () => { if (d.open) history.replaceState(null, "", "#" + op.operationId); });
          d.id = op.operationId;
          return d;
        }
        fetch("/openapi.json").then(r => r.json()).then(doc => {
          spec = doc;
          document.getElementById("about").textContent = doc.info.description || "";
          const aliases = {}, byTag = {};
          for (const [path, item] of Object.entries(doc.paths))
            for (const [method, op] of Object.entries(item))
              if (op["x-switchyard-alias-of"]) (aliases[method + " " + op["x-switchyard-alias-of"]] ||= []).push(path);
              else (byTag[(op.tags || ["Other"])[0]] ||= []).push([path, method, op]);
          const root = document.getElementById("routes"); root.textContent = "";
          for (const tag of (doc.tags || []).map(t => t.name).concat(Object.keys(byTag)).filter((t, i, all) => byTag[t] && all.indexOf(t) === i)) {
            const about = (doc.tags || []).find(t => t.name === tag);
            root.append(el("h2", null, tag));
            if (about && about.description) root.append(el("p", "s", about.description));
            for (const [path, method, op] of byTag[tag].sort((a, b) => a[0].localeCompare(b[0])))
              root.append(operation(path, method, op, aliases[method + " " + path] || []));
          }
          const target = location.hash && document.getElementById(location.hash.slice(1));
          if (target) { target.open = true; target.scrollIntoView(); }
        }).catch(e => { document.getElementById("routes").textContent = "Could not read /openapi.json: " + e; });
        </script></body></html>
        """#
}
