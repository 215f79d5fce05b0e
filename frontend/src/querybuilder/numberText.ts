/**
 * A number as people type it, read with the server importer's rules (trellis/forms/types/base.py
 * `number_text` and `unit_number`): full-width digits and signs (１２３，．－), surrounding
 * spaces, thousands separators that group by three ("1,000,000"), "(1,234)" as a negative,
 * an exponent ("1.5E3"), and a Chinese magnitude suffix: 万 (10^4), 亿 (10^8), 万亿 (10^12).
 * A percent field (percent.py) reads "80%" as 0.8 and "5‰" as 0.005 (a bare number is already
 * the fraction, no magnitudes); a money field (money.py) also drops the yuan marks (¥, 元, RMB,
 * CNY, 人民币) and knows 千 (10^3). Anything else, or a magnitude above 10^30, is null.
 */

const WHITESPACE = " \t\r\n\u3000\u00a0\ufeff\u200b";
const PLAIN = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const GROUPED = /^[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?$/;
const UNITS: [string, number][] = [["万亿", 12], ["亿", 8], ["万", 4]];
const MONEY_UNITS: [string, number][] = [...UNITS, ["千", 3]];
const YUAN = ["人民币", "RMB", "CNY", "¥", "元"];

export type NumberKind = "number" | "percent" | "money";

/** Full-width ASCII forms (U+FF01..U+FF5E), the ideographic space and the minus sign → ASCII. */
export function halfwidth(text: string): string {
  return text.replace(/[\uff01-\uff5e\u3000\u2212]/g, (c) => {
    if (c === "\u3000") return " ";
    if (c === "\u2212") return "-";
    return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
  });
}

function strip(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && WHITESPACE.includes(s[a])) a++;
  while (b > a && WHITESPACE.includes(s[b - 1])) b--;
  return s.slice(a, b);
}

/** The plain decimal text of `text` ("-1234.5", "1.5E3"), or null. */
function plainText(text: string): string | null {
  let s = strip(halfwidth(text));
  if (s.length > 2 && s.startsWith("(") && s.endsWith(")")) s = "-" + strip(s.slice(1, -1));
  if (s.includes(",")) {
    if (!GROUPED.test(s)) return null;
    s = s.replace(/,/g, "");
  }
  return PLAIN.test(s) ? s : null;
}

/** `plain` × 10^shift, decimal-exact until the final rounding to a JS number; null when
 * `plain` itself is 10^31 or more (as the server refuses it). */
function scaled(plain: string, shift: number): number | null {
  if (Math.abs(Number(plain)) >= 1e31) return null;
  const [mantissa, exp = "0"] = plain.split(/[eE]/);
  const n = Number(`${mantissa}e${Number(exp) + shift}`);
  if (!Number.isFinite(n)) return null;
  return n === 0 ? 0 : n;
}

function withUnits(s: string, units: [string, number][]): number | null {
  for (const [unit, shift] of units) {
    if (s.endsWith(unit) && s.length > unit.length) {
      const plain = plainText(s.slice(0, -unit.length));
      return plain === null ? null : scaled(plain, shift);
    }
  }
  const plain = plainText(s);
  return plain === null ? null : scaled(plain, 0);
}

/** The number `text` stands for in a field of this kind, or null when it is not one. */
export function readNumber(text: string, kind: NumberKind = "number"): number | null {
  let s = strip(halfwidth(text));
  if (kind === "percent") {
    const shift = s.endsWith("%") ? -2 : s.endsWith("‰") ? -3 : 0;
    const plain = plainText(shift ? s.slice(0, -1) : s);
    return plain === null ? null : scaled(plain, shift);
  }
  if (kind === "money") {
    s = s.toUpperCase();
    for (const mark of YUAN) s = s.split(mark).join("");
    return withUnits(strip(s), MONEY_UNITS);
  }
  return withUnits(s, UNITS);
}
