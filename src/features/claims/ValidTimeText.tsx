import type { ValidTime } from '../../core';

/** A claim's valid time in words: "2016-02-05", "2016-02 – 2016-03", "from 2016", "time unknown". */
export function validTimeText(time: ValidTime): string {
  if (time.kind === 'unknown') return 'time unknown';
  if (time.kind === 'date') return time.date;
  if (time.start !== undefined && time.end !== undefined) return `${time.start} – ${time.end}`;
  if (time.start !== undefined) return `from ${time.start}`;
  return `until ${time.end ?? ''}`;
}

/** A sortable key for a valid time: its first date, undated claims last. */
export function validTimeKey(time: ValidTime): string {
  if (time.kind === 'unknown') return '\uffff';
  if (time.kind === 'date') return time.date;
  return time.start ?? time.end ?? '\uffff';
}

/** The valid time as text; dates as `<time>` so they read as dates to assistive technology. */
export function ValidTimeText({ validTime }: { readonly validTime: ValidTime }) {
  if (validTime.kind === 'unknown') return <span className="cf-muted">unknown</span>;
  if (validTime.kind === 'date') return <time dateTime={validTime.date}>{validTime.date}</time>;
  const { start, end } = validTime;
  return (
    <span>
      {start !== undefined ? (
        <>
          {end === undefined ? 'from ' : null}
          <time dateTime={start}>{start}</time>
        </>
      ) : null}
      {start !== undefined && end !== undefined ? ' – ' : null}
      {end !== undefined ? (
        <>
          {start === undefined ? 'until ' : null}
          <time dateTime={end}>{end}</time>
        </>
      ) : null}
    </span>
  );
}
