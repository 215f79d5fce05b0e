/** Attachments of a comment as download links. */
import { PaperClipOutlined } from "@ant-design/icons";
import { Typography } from "antd";
import { api } from "../api/client";
import type { FileMeta } from "../api/types";

export default function FileLinks({ files }: { files?: FileMeta[] | null }) {
  if (!files?.length) return null;
  return <>{files.map((f) => (
    <div key={f.id}><Typography.Link onClick={() => void api.download(f.id, f.name)}><PaperClipOutlined /> {f.name}</Typography.Link></div>
  ))}</>;
}
