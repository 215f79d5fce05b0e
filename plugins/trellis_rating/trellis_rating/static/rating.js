// plugins/trellis_rating/frontend/props.ts
function e(e) {
	let t = e.max;
	return typeof t == "number" && Number.isInteger(t) && t >= 3 && t <= 10 ? t : 5;
}
// \0trellis-host:react/jsx-runtime
var t = window.Trellis;
if (!t) throw Error("window.Trellis is missing: this module is a Trellis plugin, loaded by the Trellis web UI");
var n = t.jsxRuntime;
n.Fragment;
var r = n.jsx, i = n.jsxs;
// plugins/trellis_rating/frontend/RatingCell.tsx
function a({ field: t, value: n }) {
	if (typeof n != "number") return null;
	let a = e(t), o = Math.max(0, Math.min(n, a));
	return /* @__PURE__ */ i("span", {
		className: "trellis-rating",
		title: `${o}/${a}`,
		"aria-label": `${o}/${a}`,
		"data-rating": o,
		children: [/* @__PURE__ */ r("span", {
			style: { color: "#fadb14" },
			children: "★".repeat(o)
		}), /* @__PURE__ */ r("span", {
			style: { color: "#d9d9d9" },
			children: "☆".repeat(a - o)
		})]
	});
}
// \0trellis-host:antd
var o = window.Trellis;
if (!o) throw Error("window.Trellis is missing: this module is a Trellis plugin, loaded by the Trellis web UI");
var s = o.antd;
s.Button, s.Checkbox, s.Input, s.InputNumber, s.Popover, s.Radio;
var c = s.Rate;
s.Select, s.Slider, s.Space, s.Switch, s.Tag, s.Tooltip, s.Typography;
// plugins/trellis_rating/frontend/RatingWidget.tsx
function l({ field: t, value: n, onChange: i, disabled: a, id: o }) {
	let s = typeof n == "number" ? n : n == null || n === "" ? 0 : Number(n) || 0;
	return /* @__PURE__ */ r(c, {
		id: o,
		"data-testid": `rating-${t.id}`,
		count: e(t),
		value: s,
		disabled: a,
		onChange: (e) => i(e)
	});
}
// plugins/trellis_rating/frontend/index.ts
window.Trellis.register({
	widgets: { rating: l },
	cells: { rating: a }
});
