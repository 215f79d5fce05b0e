/** Numbers of a running import in words: progress percent, rows per second, time left; the batch's
 * user; whether a status is final. */
import type { BatchStatus, ImportBatch } from "../api/types";
import type { Lang } from "../i18n";

const FINAL: ReadonlySet<BatchStatus> = new Set(["done", "failed", "cancelled", "rolled_back"]);

export function isFinal(status: BatchStatus): boolean {
  return FINAL.has(status);
}

/** 0..100; a finished batch is 100 whatever its counts; an unknown total is 0. */
export function batchPercent(b: Pick<ImportBatch, "status" | "done" | "total">): number {
  if (b.status === "done") return 100;
  if (!b.total || b.total <= 0) return 0;
  return Math.max(0, Math.min(100, Math.floor((b.done / b.total) * 100)));
}

/** A duration: "8 秒", "1 分 5 秒", "2 小时 3 分" / "8 s", "1 min 5 s", "2 h 3 min". */
export function formatDuration(seconds: number, lang: Lang): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (lang === "en") {
    if (h) return m ? `${h} h ${m} min` : `${h} h`;
    if (m) return s ? `${m} min ${s} s` : `${m} min`;
    return `${s} s`;
  }
  if (h) return m ? `${h} 小时 ${m} 分` : `${h} 小时`;
  if (m) return s ? `${m} 分 ${s} 秒` : `${m} 分`;
  return `${s} 秒`;
}

/** A whole number with thousands separators (rows, rows per second). */
export function formatCount(n: number, lang: Lang): string {
  return Math.round(n).toLocaleString(lang === "en" ? "en-US" : "zh-CN");
}

/** Who ran the batch, however the server names them. */
export function userName(user: ImportBatch["user"]): string {
  if (!user) return "";
  if (typeof user === "string") return user;
  return user.name || user.username || (user.id != null ? `#${user.id}` : "");
}
