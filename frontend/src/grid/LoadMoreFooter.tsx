/** Under a list in "load more" mode: the button (pressed by itself when it scrolls into view, so the
 * list loads on as the user scrolls), or "no more records" at the end. */
import { Button } from "antd";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { RecordList } from "./useRecordList";

export default function LoadMoreFooter({ list }: { list: RecordList }) {
  const { t } = useTranslation();
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasMore, loading, loadMore } = list;
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasMore || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && !loading) loadMore();
    }, { rootMargin: "200px" });
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasMore, loading, loadMore]);
  return (
    <div ref={sentinel} style={{ textAlign: "center", marginTop: 12 }} data-testid="load-more">
      {hasMore
        ? <Button onClick={loadMore} loading={loading}>{t("grid.loadMore")}</Button>
        : !loading && list.items.length > 0 && <span style={{ color: "#8c8c8c" }}>{t("grid.noMore")}</span>}
    </div>
  );
}
