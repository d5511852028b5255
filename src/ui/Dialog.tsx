import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface DialogProps {
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  readonly footer?: ReactNode;
  readonly role?: 'dialog' | 'alertdialog';
  readonly className?: string;
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Who opened each dialog on screen, for a dialog opened from another one that closed meanwhile. */
const openers = new WeakMap<Element, HTMLElement | null>();

/**
 * Where focus goes back to: the opener, or, when the opener was inside a dialog that has closed
 * since (a command run from the palette opened this one), that dialog's opener.
 */
function returnTarget(opener: HTMLElement | null): HTMLElement | null {
  let target = opener;
  for (let depth = 0; target && !target.isConnected && depth < 10; depth++) {
    const panel = target.closest('.cf-dialog');
    target = panel ? (openers.get(panel) ?? null) : null;
  }
  return target?.isConnected ? target : null;
}

/**
 * A modal dialog: focus moves in on open, Tab stays inside, Escape closes, and focus returns to
 * whatever opened it.
 */
export function Dialog({
  title,
  onClose,
  children,
  footer,
  role = 'dialog',
  className,
}: DialogProps) {
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  // Taken while rendering: by the time effects run, a field's `autoFocus` has already moved focus
  // into the dialog, and focus would "return" to that field once it is gone (so to the page).
  const [opener] = useState(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement : null,
  );

  useEffect(() => {
    const own = panel.current;
    if (own) openers.set(own, opener);
    const first = own?.querySelector<HTMLElement>('[autofocus], ' + FOCUSABLE);
    if (!own?.contains(document.activeElement)) first?.focus();
    return () => {
      // Unless the closing action moved focus on purpose (e.g. into another dialog).
      const active = document.activeElement;
      if (active && active !== document.body && !own?.contains(active)) return;
      returnTarget(opener)?.focus();
    };
  }, [opener]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'Tab' || !panel.current) return;
    const focusable = Array.from(panel.current.querySelectorAll<HTMLElement>(FOCUSABLE));
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return (
    <div className="cf-dialog-backdrop">
      <div
        ref={panel}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        className={['cf-dialog', className].filter(Boolean).join(' ')}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className="cf-dialog__title">
          {title}
        </h2>
        <div className="cf-dialog__body">{children}</div>
        {footer ? <div className="cf-dialog__footer">{footer}</div> : null}
      </div>
    </div>
  );
}
