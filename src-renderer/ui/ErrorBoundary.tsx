// Keeps one broken panel from taking the workstation down: it shows what failed and the rest works on.
import { Component, type ReactNode } from 'react';

interface Props {
  /** What failed, in the UI language (the caller translates). */
  label: string;
  children: ReactNode;
}

export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (this.state.error) {
      return (
        <div className="notice notice-error" role="alert">
          {this.props.label}: {this.state.error.message}
          <button type="button" className="text-button small" onClick={() => this.setState({ error: null })}>↻</button>
        </div>
      );
    }
    return this.props.children;
  }
}
