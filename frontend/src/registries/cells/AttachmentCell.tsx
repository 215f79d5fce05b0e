/** Attachments as file names that download on click. */
import { PaperClipOutlined } from "@ant-design/icons";
import { api } from "../../api/client";
import type { FileMeta } from "../../api/types";
import type { CellProps } from "../types";

export default function AttachmentCell({ value }: CellProps) {
  const files = Array.isArray(value) ? (value as FileMeta[]) : [];
  if (!files.length) return null;
  return (
    <span className="trellis-files">
      {files.map((f) => (
        <a key={f.id} href={`/api/v1/files/${f.id}`} style={{ marginInlineEnd: 8 }}
          onClick={(e) => { e.preventDefault(); e.stopPropagation(); void api.download(f.id, f.name); }}>
          <PaperClipOutlined /> {f.name}
        </a>
      ))}
    </span>
  );
}
