/** Auto-number patterns ("KH{YYYY}{seq:7}"): whether one is valid, and what a number looks like. */

export const DEFAULT_PATTERN = '{YYYY}{MM}{DD}{seq:4}';
const TOKEN = /\{(YYYY|YY|MM|DD|seq(?::([0-9]{1,2}))?)\}/g;

/** The server's rule: 1-60 characters holding a sequence token {seq} or {seq:N} (N from 1 to 99). */
export function patternOk(pattern: string): boolean {
  return pattern.length >= 1 && pattern.length <= 60 && /\{seq(:[1-9][0-9]?)?\}/.test(pattern);
}

/** The number `seq` would get on `now` with `pattern`. */
export function sampleNumber(pattern: string, now: Date, seq = 1): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return pattern.replace(TOKEN, (_, token: string, width?: string) => {
    switch (token) {
      case 'YYYY':
        return String(now.getFullYear());
      case 'YY':
        return pad(now.getFullYear() % 100, 2);
      case 'MM':
        return pad(now.getMonth() + 1, 2);
      case 'DD':
        return pad(now.getDate(), 2);
      default:
        return width ? pad(seq, Number(width)) : String(seq);
    }
  });
}
