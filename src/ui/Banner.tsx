import type { ReactNode } from 'react';

export interface BannerProps {
  readonly tone: 'info' | 'warning' | 'error';
  readonly children: ReactNode;
}

/** A page-level message. Errors interrupt assistive technology; the rest are polite. */
export function Banner({ tone, children }: BannerProps) {
  return (
    <div className={`cf-banner cf-banner--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
