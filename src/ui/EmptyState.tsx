import type { ReactNode } from 'react';

export interface EmptyStateProps {
  /** What is empty, e.g. "No notes yet". */
  readonly title: string;
  /** What to do next. */
  readonly children?: ReactNode;
  /** The action that fills the list, when there is one here. */
  readonly action?: ReactNode;
  /** Heading level: lists inside a panel use a smaller heading. */
  readonly level?: 3 | 4;
}

/** An empty list: says so, says what to do next and, where it makes sense, offers the action. */
export function EmptyState({ title, children, action, level = 3 }: EmptyStateProps) {
  const Heading = level === 3 ? 'h3' : 'h4';
  return (
    <div className="cf-empty">
      <Heading>{title}</Heading>
      {children ? <div className="cf-empty__body">{children}</div> : null}
      {action ? <div className="cf-empty__action">{action}</div> : null}
    </div>
  );
}
