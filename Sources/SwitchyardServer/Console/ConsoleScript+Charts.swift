extension ConsoleScript {
    /// Bar charts drawn as SVG by hand: one bar per point, the value in each bar's title, and
    /// the numbers again as a table for screen readers and for copying.
    static let charts = #"""
        const svgNamespace = "http://www.w3.org/2000/svg";
        function svg(tag, attributes, ...children) {
          const element = document.createElementNS(svgNamespace, tag);
          for (const [name, value] of Object.entries(attributes || {})) if (value != null) element.setAttribute(name, value);
          for (const child of children.flat(Infinity)) if (child != null) element.append(child instanceof Node ? child : document.createTextNode(String(child)));
          return element;
        }
        /// `points`: [{ label, values: [number per series] }]; `series`: [{ name, kind }] where
        /// kind picks the colour class. Bars of several series stand side by side.
        function barChart(title, points, series, format = count) {
          if (!points.length) return el("figure", { class: "chart" }, el("figcaption", {}, title), el("p", { class: "empty" }, "Nothing counted yet."));
          // Drawn at about the size it is shown, so its text stays readable on a phone.
          const width = Math.round(Math.min(640, Math.max(300, ($("#main")?.clientWidth || 640) - 60))), height = 200, left = 64, bottom = 28, top = 12;
          const most = Math.max(0, ...points.flatMap(point => point.values)) || 1;
          const slot = (width - left - 8) / Math.max(points.length, 1);
          const barWidth = Math.max(2, Math.min(28, (slot - 4) / series.length));
          const y = value => top + (height - top - bottom) * (1 - value / most);
          const grid = [0, 0.5, 1].map(share => {
            const level = y(most * share);
            return svg("g", { class: "grid" },
              svg("line", { x1: left, x2: width - 4, y1: level, y2: level }),
              svg("text", { x: left - 6, y: level + 4, "text-anchor": "end" }, axisLabel(most * share, format === usd)));
          });
          const every = Math.ceil(points.length / Math.max(2, Math.floor((width - left) / 48)));
          const bars = points.map((point, index) => svg("g", {},
            point.values.map((value, which) => svg("rect", {
              class: "bar " + series[which].kind, x: left + index * slot + 2 + which * barWidth, y: y(value),
              width: barWidth - 1, height: Math.max(0, height - bottom - y(value)),
            }, svg("title", {}, `${point.label} · ${series[which].name}: ${format(value)}`))),
            index % every === 0 ? svg("text", { class: "axis", x: left + index * slot + slot / 2, y: height - 8, "text-anchor": "middle" }, point.label) : null));
          const legend = el("p", { class: "legend" }, series.map(one => el("span", { class: "key " + one.kind }, one.name)));
          const figure = el("figure", { class: "chart" },
            el("figcaption", {}, title),
            svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": title, preserveAspectRatio: "none" }, grid, bars),
            series.length > 1 ? legend : null,
            el("details", {}, el("summary", {}, "Numbers"),
              table(title, [["", point => point.label], ...series.map((one, which) => [one.name, point => format(point.values[which])])], points)));
          return figure;
        }
        /// A short axis label: 1.2k, 0.5, 4.6e-5; with a dollar sign for money.
        function axisLabel(value, money) {
          const text = value >= 1000 ? (value / 1000).toFixed(1).replace(/\.0$/, "") + "k"
            : value > 0 && value < 0.01 ? value.toExponential(1) : String(Number(value.toFixed(2)));
          return (money ? "$" : "") + text;
        }
        """#
}
