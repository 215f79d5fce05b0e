/** The comment box of a record's activity: text with an @ picker (the user search), sent as
 * {text, mentions: [user ids]}; a mention counts while its "@name" is still in the text. The
 * server refuses a mention of someone who may not read the record, and the draft stays. Also
 * edits a comment (`initial`). */
import { Button, Mentions } from "antd";
import { useRef, useState } from "react";
import { api } from "../api/client";
import { useErrorReport } from "../hooks/useErrorReport";
import { useRecord360Text } from "./i18n";
import type { Person } from "./types";

const MAX = 2000;

interface Props {
  initial?: { text: string; mentions: Person[] };
  onSubmit: (text: string, mentions: number[]) => Promise<void>;
  onCancel?: () => void;
}

export default function CommentBox({ initial, onSubmit, onCancel }: Props) {
  const { t } = useRecord360Text();
  const report = useErrorReport();
  const [text, setText] = useState(initial?.text ?? "");
  const [options, setOptions] = useState<{ value: string; label: string; key: string }[]>([]);
  const [loading, setLoading] = useState(false);
  const [sending, setSending] = useState(false);
  const picked = useRef(new Map<string, number>((initial?.mentions ?? []).map((p) => [p.name, p.id])));
  const asked = useRef(0);
  const found = useRef(new Map<string, number>());  // name -> user id of the users the picker offered

  const search = async (q: string) => {
    const n = ++asked.current;
    setLoading(true);
    try {
      const users = await api.users(q, 10);
      if (n !== asked.current) return;
      setOptions(users.map((u) => {
        const name = u.title || u.username;
        found.current.set(name, u.id);
        return { value: name, key: String(u.id), label: name === u.username ? name : `${name} (${u.username})` };
      }));
    } finally {
      if (n === asked.current) setLoading(false);
    }
  };

  const mentions = () => [...new Set([...picked.current].filter(([name]) => text.includes(`@${name}`)).map(([, id]) => id))];

  const submit = async () => {
    if (!text.trim()) return;
    setSending(true);
    try {
      await onSubmit(text.trim(), mentions());
      if (!initial) {
        setText("");
        picked.current.clear();
      }
    } catch (err) {
      report(err);
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="trellis-comment-box" data-testid={initial ? "comment-edit-box" : "comment-box"}>
      <Mentions
        value={text} onChange={setText} rows={initial ? 2 : 3} placeholder={t("comment.placeholder")} maxLength={MAX}
        loading={loading} options={options} filterOption={false} onSearch={(q) => void search(q)} notFoundContent={t("comment.noUsers")}
        onSelect={(option) => {
          const uid = found.current.get(String(option.value));
          if (uid !== undefined) picked.current.set(String(option.value), uid);
        }}
        data-testid="comment-input"
      />
      <div className="trellis-comment-actions">
        {onCancel && <Button onClick={onCancel}>{t("comment.cancel")}</Button>}
        <Button type="primary" loading={sending} disabled={!text.trim()} onClick={() => void submit()} data-testid="comment-send">
          {initial ? t("comment.save") : t("comment.send")}
        </Button>
      </div>
    </div>
  );
}
