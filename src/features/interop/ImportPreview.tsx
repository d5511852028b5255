import { useId } from 'react';

/** Items listed in full up to this many; the rest are counted. */
export const NOT_IMPORTED_SHOWN = 20;

/** One thing the file holds that will not be imported, and why. */
export interface NotImportedItem {
  /** Where it is in the file: `Row 12, name`, `indicator--6b7…`. */
  readonly where: string;
  readonly reason: string;
}

/** What an import would do, as the preview shows it before anything is written. */
export interface ImportPreviewModel {
  readonly fileName: string;
  /** Records to be added, per kind, in display order (kinds with none left out). */
  readonly toAdd: readonly { readonly label: string; readonly count: number }[];
  /** Entities of the file matched to ones already in the case (none is added twice). */
  readonly reusedNote: string | null;
  readonly notImported: {
    /** `Not imported: 3 rows`. */
    readonly heading: string;
    /** How many items there are in all (listed or not). */
    readonly total: number;
    /** The first ones (at most NOT_IMPORTED_SHOWN). */
    readonly items: readonly NotImportedItem[];
  };
  /** Values changed on the way in (shortened, dropped, two objects made one). */
  readonly notices: { readonly total: number; readonly items: readonly NotImportedItem[] };
  /** `where` is an object id (shown as code), not a row. */
  readonly whereIsId: boolean;
}

function ItemList({
  items,
  whereIsId,
}: {
  readonly items: readonly NotImportedItem[];
  readonly whereIsId: boolean;
}) {
  const whereClass = `cf-import-list__where${whereIsId ? ' cf-import-list__where--id' : ''}`;
  return (
    <ul>
      {items.slice(0, NOT_IMPORTED_SHOWN).map((item, index) => (
        <li key={`${item.where}-${index}`}>
          <span className={whereClass}>{item.where}</span>: {item.reason}
        </li>
      ))}
    </ul>
  );
}

function MoreCount({ total, shown }: { readonly total: number; readonly shown: number }) {
  return total > shown ? <p>and {(total - shown).toLocaleString('en')} more.</p> : null;
}

/** The preview step: counts to be added, entities reused, and what will not be imported. */
export function ImportPreview({ model }: { readonly model: ImportPreviewModel }) {
  const headingId = useId();
  const skippedId = useId();
  const noticesId = useId();
  const skipped = model.notImported.items.slice(0, NOT_IMPORTED_SHOWN);
  const notices = model.notices.items.slice(0, NOT_IMPORTED_SHOWN);
  return (
    <div className="cf-import-preview">
      <section aria-labelledby={headingId}>
        <h3 id={headingId} className="cf-import-heading">
          To be added to the case
        </h3>
        {model.toAdd.length === 0 ? (
          <p>Nothing new: everything in {model.fileName} is already in the case.</p>
        ) : (
          <table className="cf-import-counts">
            <tbody>
              {model.toAdd.map((row) => (
                <tr key={row.label}>
                  <th scope="row">{row.label}</th>
                  <td>{row.count.toLocaleString('en')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {model.reusedNote ? <p className="cf-muted">{model.reusedNote}</p> : null}
      </section>
      {model.notImported.total > 0 ? (
        <section aria-labelledby={skippedId} className="cf-import-list">
          <h3 id={skippedId} className="cf-import-heading">
            {model.notImported.heading}
          </h3>
          <ItemList items={skipped} whereIsId={model.whereIsId} />
          <MoreCount total={model.notImported.total} shown={skipped.length} />
        </section>
      ) : null}
      {model.notices.total > 0 ? (
        <section aria-labelledby={noticesId} className="cf-import-list">
          <h3 id={noticesId} className="cf-import-heading">
            Changed on the way in ({model.notices.total.toLocaleString('en')})
          </h3>
          <ItemList items={notices} whereIsId={model.whereIsId} />
          <MoreCount total={model.notices.total} shown={notices.length} />
        </section>
      ) : null}
    </div>
  );
}
