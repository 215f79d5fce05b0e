/** Keeps a tile's drawing error inside the tile: it says which report could not be shown and
 * the rest of the dashboard goes on working. A new answer (`resetKey`) tries again. */
import { Alert } from "antd";
import { Component, type ReactNode } from "react";

interface Props {
  /** the warning's title, naming the report */
  title: string;
  resetKey: unknown;
  children: ReactNode;
}

interface State {
  error: Error | null;
  key: unknown;
}

export default class TileErrorBoundary extends Component<Props, State> {
  state: State = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  render() {
    if (!this.state.error) return this.props.children;
    return <Alert type="warning" showIcon className="trr-tile-error" data-testid="tile-error" title={this.props.title}
      description={this.state.error.message} />;
  }
}
