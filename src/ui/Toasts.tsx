import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import './toasts.css';

/** One notification about work that runs in the background. */
export interface ToastItem {
  readonly id: string;
  readonly title: string;
  /** A second line: the file being read, the outcome's details, the error. */
  readonly detail?: string;
  /** `running` shows progress; `done` auto-dismisses; `failed` stays until dismissed. */
  readonly status: 'running' | 'done' | 'failed';
  /** While running: how far along (`done` of `total`), or unknown (an indeterminate bar). */
  readonly progress?: { readonly done: number; readonly total: number };
  /** Offers Cancel while running. */
  readonly cancellable?: boolean;
}

export interface ToastsProps {
  readonly items: readonly ToastItem[];
  readonly onDismiss: (id: string) => void;
  readonly onCancel: (id: string) => void;
  /** How long a finished (not failed) toast stays while not hovered or focused. */
  readonly autoDismissMs?: number;
}

export const TOAST_AUTO_DISMISS_MS = 6_000;

/**
 * The bottom-right stack of background-work notifications. Above the page, below modal dialogs.
 * Running and finished toasts are polite status messages; failures are alerts and stay until
 * dismissed. A finished toast leaves after `autoDismissMs`, counted only while the pointer and
 * focus are elsewhere, so it never disappears under the reader.
 */
export function Toasts({
  items,
  onDismiss,
  onCancel,
  autoDismissMs = TOAST_AUTO_DISMISS_MS,
}: ToastsProps) {
  if (items.length === 0) return null;
  return (
    <section className="cf-toasts" aria-label="Notifications">
      <div className="cf-toasts__list">
        {items.map((item) => (
          // A new element when the work ends: screen readers announce an insertion, not a
          // role that changed from status to alert.
          <Toast
            key={`${item.id}:${item.status === 'running' ? 'running' : 'ended'}`}
            item={item}
            autoDismissMs={autoDismissMs}
            onDismiss={() => onDismiss(item.id)}
            onCancel={() => onCancel(item.id)}
          />
        ))}
      </div>
    </section>
  );
}

interface ToastProps {
  readonly item: ToastItem;
  readonly autoDismissMs: number;
  readonly onDismiss: () => void;
  readonly onCancel: () => void;
}

/** Toasts whose work ended while focus was in them, so the replacement takes focus back. */
const focusedWhenEnded = new Set<string>();

function Toast({ item, autoDismissMs, onDismiss, onCancel }: ToastProps) {
  const { id, title, detail, status, progress, cancellable } = item;
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const element = useRef<HTMLDivElement>(null);
  const dismissButton = useRef<HTMLButtonElement>(null);
  const latestDismiss = useRef(onDismiss);
  useEffect(() => {
    latestDismiss.current = onDismiss;
  });

  // A layout effect: its clean-up runs before the element leaves the document, focus still in it.
  useLayoutEffect(() => {
    if (status === 'running') {
      const own = element.current;
      return () => {
        if (own?.contains(document.activeElement)) focusedWhenEnded.add(id);
      };
    }
    if (focusedWhenEnded.delete(id)) dismissButton.current?.focus();
    return undefined;
  }, [id, status]);

  const paused = hovered || focused;
  useEffect(() => {
    if (status !== 'done' || paused) return;
    const timer = setTimeout(() => latestDismiss.current(), autoDismissMs);
    return () => clearTimeout(timer);
  }, [status, paused, autoDismissMs]);

  const titleId = `cf-toast-${id}-title`;
  const percent =
    progress && progress.total > 0
      ? Math.round((Math.min(progress.done, progress.total) / progress.total) * 100)
      : undefined;
  return (
    <div
      ref={element}
      className={`cf-toast cf-toast--${status}`}
      role={status === 'failed' ? 'alert' : 'status'}
      aria-live={status === 'failed' ? 'assertive' : 'polite'}
      aria-labelledby={titleId}
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setFocused(false);
      }}
    >
      <span className="cf-toast__mark" aria-hidden="true" />
      <div className="cf-toast__body">
        <p className="cf-toast__title" id={titleId}>
          {title}
        </p>
        {detail !== undefined ? (
          // While running the detail changes with every file: not read out each time.
          <p className="cf-toast__detail" aria-live={status === 'running' ? 'off' : undefined}>
            {detail}
          </p>
        ) : null}
        {status === 'running' ? (
          percent !== undefined ? (
            <div
              className="cf-toast__progress"
              role="progressbar"
              aria-label={`${title}: progress`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
              aria-valuetext={`${progress!.done} of ${progress!.total}`}
            >
              <span className="cf-toast__bar" style={{ width: `${percent}%` }} />
            </div>
          ) : (
            <div
              className="cf-toast__progress cf-toast__progress--indeterminate"
              role="progressbar"
              aria-label={`${title}: progress`}
              aria-valuetext="In progress"
            >
              <span className="cf-toast__bar" />
            </div>
          )
        ) : null}
      </div>
      <div className="cf-toast__actions">
        {status === 'running' && cancellable ? (
          <button type="button" className="cf-button cf-toast__cancel" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
        <button
          ref={dismissButton}
          type="button"
          className="cf-toast__dismiss"
          aria-label={`Dismiss: ${title}`}
          title="Dismiss"
          onClick={onDismiss}
        >
          <span aria-hidden="true">×</span>
        </button>
      </div>
    </div>
  );
}
