/** Catches a page's render errors; a chunk that no longer exists (the UI was updated while the
 * page was open) asks for a reload instead of leaving a blank page. */
import { Button, Result } from "antd";
import { Component, type ReactNode } from "react";
import { withTranslation, type WithTranslation } from "react-i18next";

interface Props extends WithTranslation {
  children: ReactNode;
}

interface State {
  error: Error | null;
}

const STALE = /dynamically imported module|Importing a module script failed|error loading dynamically|Unable to preload CSS/i;

class PageErrorBoundary extends Component<Props, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  render() {
    const { error } = this.state;
    const { t } = this.props;
    if (!error) return this.props.children;
    const stale = STALE.test(error.message);
    return (
      <Result
        status={stale ? "info" : "error"}
        title={stale ? t("common.newVersion") : t("common.pageError")}
        subTitle={stale ? undefined : error.message}
        extra={<Button type="primary" onClick={() => window.location.reload()}>{t("common.reload")}</Button>}
      />
    );
  }
}

export default withTranslation()(PageErrorBoundary);
