/** Save a file the API served: its name from Content-Disposition (RFC 6266 / 5987), else a fallback. */

/** The file name a Content-Disposition header gives (filename* wins over filename). */
export function attachmentName(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[2].trim().replace(/^"|"$/g, ""));
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(disposition);
  const name = plain ? (plain[2] ?? plain[1]).trim() : "";
  return name || fallback;
}

/** Offer a blob to the user as a download. */
export function saveBlob(blob: Blob, name: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** Fetch (with the token) and save; the server's name wins over `fallback`. */
export async function downloadAs(fetching: Promise<{ blob: Blob; disposition: string | null }>, fallback: string): Promise<string> {
  const { blob, disposition } = await fetching;
  const name = attachmentName(disposition, fallback);
  saveBlob(blob, name);
  return name;
}
