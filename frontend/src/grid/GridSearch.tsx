/** The grid's search box: searches as the user types (after a short pause) or at once on Enter,
 * and follows the URL when it changes from elsewhere (back button, a pasted link). */
import { Input } from "antd";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

interface Props {
  value: string;
  onSearch: (q: string) => void;
  /** ms to wait after the last keystroke */
  delay?: number;
}

export default function GridSearch({ value, onSearch, delay = 400 }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const committed = useRef(value);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const latest = useRef(onSearch);
  latest.current = onSearch;

  // a search the box did not send (back button, reset view): show it
  useEffect(() => {
    if (value !== committed.current) {
      committed.current = value;
      setText(value);
    }
  }, [value]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const commit = (q: string) => {
    clearTimeout(timer.current);
    if (q === committed.current) return;
    committed.current = q;
    latest.current(q);
  };

  return (
    <Input.Search allowClear placeholder={t("grid.search")} value={text} style={{ width: 240 }} data-testid="grid-search"
      onChange={(e) => {
        const q = e.target.value;
        setText(q);
        clearTimeout(timer.current);
        timer.current = setTimeout(() => commit(q), delay);
      }}
      onSearch={(q) => commit(q)} />
  );
}
