import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorMessage } from './error-message.tsx';

interface Props {
  /** Names the panel in the fallback, so the operator knows which view is missing. */
  title: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/** One failing panel must never blank the page: it shows its own error and a retry. */
export class PanelErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`Panel "${this.props.title}" failed`, error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <ErrorMessage
        error={this.state.error}
        what={this.props.title}
        failed="could not be shown"
        onRetry={() => this.setState({ error: null })}
      />
    );
  }
}
