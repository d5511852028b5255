import {
  Highlighter,
  MessageSquareText,
  NotebookPen,
  Pencil,
  Scale,
  ShieldCheck,
  Trash2,
  Unlink,
} from 'lucide-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  memo,
  useEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type FormEvent,
  type ReactNode,
} from 'react';
import {
  PASSAGE_KINDS,
  entityTypeInfo,
  type ClaimId,
  type Entity,
  type EntityId,
  type NoteId,
  type Passage,
  type PassageChanges,
  type PassageId,
  type PassageKind,
} from '../../core';
import { PASSAGE_COLOURS } from '../../db';
import { Button, ConfirmDialog, Dialog, SelectField, TextArea } from '../../ui';
import { ClaimDialog } from '../claims';
import { EntityTypeBadge } from '../entities';
import { NoteBacklinks, QuoteInNoteDialog } from '../notebook';
import { useStorage } from '../storage';
import { KIND_LABELS, colourLook } from './passageAppearance';

export interface PassageListProps {
  /** In text order, orphaned last (as the repository returns them). */
  readonly passages: readonly Passage[];
  readonly entities: ReadonlyMap<EntityId, Entity>;
  /** The 1-based page a passage starts on, for paged sources. */
  readonly pageOf: (passage: Passage) => number | undefined;
  readonly selectedId: PassageId | undefined;
  readonly readOnly: boolean;
  readonly onShow: (passage: Passage) => void;
  readonly onOpenEntity: (id: EntityId) => void;
  /** A claim was recorded with one of these passages as evidence. */
  readonly onClaimCreated?: (id: ClaimId) => void;
  /** Opens a note; when given, passages can be quoted in notes and list the notes quoting them. */
  readonly onOpenNote?: (id: NoteId) => void;
  /** The panel that scrolls the list (long lists render only the cards in its view). */
  readonly scroller: HTMLElement | null;
}

/** Quotes longer than this are cut in the list (the whole passage is in the text). */
const QUOTE_PREVIEW = 280;
/** Words of context shown around a short quote, so the list says where it is. */
const CONTEXT_CHARS = 28;

function flatten(text: string): string {
  return text.replace(/\s+/g, ' ');
}

function preview(quote: string): string {
  const flat = flatten(quote).trim();
  return flat.length > QUOTE_PREVIEW ? `${flat.slice(0, QUOTE_PREVIEW - 1)}…` : flat;
}

/** The end of the stored prefix, cut at a word boundary. */
function before(prefix: string): string {
  const flat = flatten(prefix);
  if (flat.trim() === '') return '';
  const tail = flat.slice(-CONTEXT_CHARS);
  const cut = tail.length < flat.length ? tail.slice(tail.indexOf(' ') + 1) : tail;
  return (tail.length < flat.length ? '…' : '') + cut;
}

/** The start of the stored suffix, cut at a word boundary. */
function after(suffix: string): string {
  const flat = flatten(suffix);
  if (flat.trim() === '') return '';
  const head = flat.slice(0, CONTEXT_CHARS);
  const space = head.lastIndexOf(' ');
  const cut = head.length < flat.length && space > 0 ? head.slice(0, space) : head;
  return cut + (head.length < flat.length ? '…' : '');
}

/** The quote, with a little of the text around it when the quote is short. */
function QuoteInContext({ passage }: { readonly passage: Passage }) {
  const quote = preview(passage.quote.exact);
  const short = passage.quote.exact.length <= 80;
  return (
    <>
      {short ? <span className="cf-passage__context">{before(passage.quote.prefix)}</span> : null}
      <span className="cf-passage__exact">{quote}</span>
      {short ? <span className="cf-passage__context">{after(passage.quote.suffix)}</span> : null}
    </>
  );
}

/** Above this many passages only those in view are rendered (1,000 full cards cost ~0.5 s). */
export const WINDOW_PASSAGES_ABOVE = 100;

type Row =
  | { readonly kind: 'passage'; readonly passage: Passage }
  | { readonly kind: 'orphans'; readonly count: number };

/**
 * The source's passages in text order: kind, quote, note, entity, page. Clicking a quote scrolls
 * the text to it. Passages whose quote is no longer in the text are listed apart, with the quote
 * as stored, so nothing is lost silently. Long lists render only the cards in view.
 */
export function PassageList(props: PassageListProps) {
  const { passages, entities, selectedId, readOnly } = props;
  const [editing, setEditing] = useState<Passage | null>(null);
  const [deleting, setDeleting] = useState<Passage | null>(null);
  const [claiming, setClaiming] = useState<Passage | null>(null);
  const [quoting, setQuoting] = useState<Passage | null>(null);
  const { onOpenNote } = props;
  const windowed = passages.length > WINDOW_PASSAGES_ABOVE;

  const item = (passage: Passage, row?: RowPlacement) => (
    <PassageItem
      key={passage.id}
      passage={passage}
      entity={passage.entityId ? entities.get(passage.entityId) : undefined}
      page={passage.orphaned ? undefined : props.pageOf(passage)}
      selected={passage.id === selectedId}
      readOnly={readOnly}
      onShow={props.onShow}
      onOpenEntity={props.onOpenEntity}
      onEdit={setEditing}
      onDelete={setDeleting}
      onClaim={setClaiming}
      onQuote={onOpenNote ? setQuoting : undefined}
      onOpenNote={onOpenNote}
      row={row}
    />
  );

  return (
    <div className="cf-passages">
      {passages.length === 0 ? (
        <p className="cf-muted cf-passages__empty">
          {readOnly
            ? 'No passages in this source.'
            : 'No passages yet. Select text to highlight it, comment on it or tag an entity.'}
        </p>
      ) : windowed ? (
        <WindowedPassages {...props} item={item} />
      ) : (
        <AllPassages passages={passages} selectedId={selectedId} item={item} />
      )}
      {editing ? (
        <PassageEditDialog
          passage={editing}
          entity={editing.entityId ? entities.get(editing.entityId) : undefined}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {deleting ? (
        <DeletePassageDialog passage={deleting} onClose={() => setDeleting(null)} />
      ) : null}
      {claiming ? (
        <ClaimDialog
          caseId={claiming.caseId}
          initial={{
            evidence: [claiming.id],
            ...(claiming.kind === 'mention' && claiming.entityId
              ? { subjectId: claiming.entityId }
              : {}),
          }}
          onDone={(claimId) => {
            setClaiming(null);
            if (claimId) props.onClaimCreated?.(claimId);
          }}
        />
      ) : null}
      {quoting && onOpenNote ? (
        <QuoteInNoteDialog
          caseId={quoting.caseId}
          target={{ passageId: quoting.id }}
          quote={quoting.quote.exact}
          onClose={() => setQuoting(null)}
          onOpenNote={onOpenNote}
        />
      ) : null}
    </div>
  );
}

interface RowPlacement {
  readonly index: number;
  readonly count: number;
  readonly measure: (element: HTMLLIElement | null) => void;
}

function OrphansHeading({ count }: { readonly count: number }) {
  return (
    <>
      <h4>
        <Unlink size={14} aria-hidden="true" /> Orphaned ({count})
      </h4>
      <p className="cf-muted">
        Quote no longer found in the text. Kept here as stored, so nothing is lost.
      </p>
    </>
  );
}

/** Short lists: every card, orphans in their own section. */
function AllPassages({
  passages,
  selectedId,
  item,
}: {
  readonly passages: readonly Passage[];
  readonly selectedId: PassageId | undefined;
  readonly item: (passage: Passage) => ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const anchored = passages.filter((p) => !p.orphaned);
  const orphaned = passages.filter((p) => p.orphaned);
  useEffect(() => {
    if (!selectedId) return;
    box.current
      ?.querySelector(`[data-passage-id="${CSS.escape(selectedId)}"]`)
      ?.scrollIntoView?.({ block: 'nearest' });
  }, [selectedId]);
  return (
    <div ref={box}>
      {anchored.length > 0 ? (
        <ul className="cf-passages__list" aria-label="Passages in text order">
          {anchored.map((p) => item(p))}
        </ul>
      ) : null}
      {orphaned.length > 0 ? (
        <section className="cf-passages__orphans" aria-label="Orphaned passages">
          <OrphansHeading count={orphaned.length} />
          <ul className="cf-passages__list">{orphaned.map((p) => item(p))}</ul>
        </section>
      ) : null}
    </div>
  );
}

/**
 * Long lists: only the cards in view of the panel's scroller, spacers keep its height true. Until
 * the scroller exists (first render) no card is drawn, rather than all of them.
 */
function WindowedPassages({
  passages,
  selectedId,
  scroller,
  item,
}: PassageListProps & {
  readonly item: (passage: Passage, row: RowPlacement) => ReactNode;
}) {
  const rows = useMemo<Row[]>(() => {
    const orphaned = passages.filter((p) => p.orphaned);
    return [
      ...passages
        .filter((p) => !p.orphaned)
        .map((passage) => ({ kind: 'passage', passage }) as const),
      ...(orphaned.length > 0 ? [{ kind: 'orphans', count: orphaned.length } as const] : []),
      ...orphaned.map((passage) => ({ kind: 'passage', passage }) as const),
    ];
  }, [passages]);
  // Casefile does not run the React Compiler; this notice only says it would skip this hook.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller,
    estimateSize: () => 96,
    overscan: 8,
    getItemKey: (index) => {
      const row = rows[index];
      return row?.kind === 'passage' ? row.passage.id : `orphans-${index}`;
    },
  });
  useEffect(() => {
    if (!selectedId) return;
    const index = rows.findIndex((r) => r.kind === 'passage' && r.passage.id === selectedId);
    if (index !== -1) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [selectedId, rows, virtualizer]);

  const visible = virtualizer.getVirtualItems();
  const top = visible[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (visible[visible.length - 1]?.end ?? 0);
  return (
    <ul
      className="cf-passages__list cf-passages__list--windowed"
      aria-label="Passages in text order"
    >
      {top > 0 ? <li aria-hidden="true" style={{ height: top }} /> : null}
      {visible.map((virtual) => {
        const row = rows[virtual.index];
        if (!row) return null;
        if (row.kind === 'orphans') {
          return (
            <li
              key={virtual.key}
              ref={virtualizer.measureElement}
              data-index={virtual.index}
              className="cf-passages__orphans"
              role="presentation"
            >
              <OrphansHeading count={row.count} />
            </li>
          );
        }
        return item(row.passage, {
          index: virtual.index,
          count: rows.length,
          measure: virtualizer.measureElement,
        });
      })}
      {bottom > 0 ? <li aria-hidden="true" style={{ height: bottom }} /> : null}
    </ul>
  );
}

interface PassageItemProps {
  readonly passage: Passage;
  readonly entity: Entity | undefined;
  readonly page: number | undefined;
  readonly selected: boolean;
  readonly readOnly: boolean;
  readonly onShow: (passage: Passage) => void;
  readonly onOpenEntity: (id: EntityId) => void;
  readonly onEdit: (passage: Passage) => void;
  readonly onDelete: (passage: Passage) => void;
  readonly onClaim: (passage: Passage) => void;
  readonly onQuote?: ((passage: Passage) => void) | undefined;
  readonly onOpenNote?: ((id: NoteId) => void) | undefined;
  /** Where the card sits in a windowed list (measured there, and numbered for assistive tech). */
  readonly row?: RowPlacement | undefined;
}

const PassageItem = memo(function PassageItem({
  passage,
  entity,
  page,
  selected,
  readOnly,
  onShow,
  onOpenEntity,
  onEdit,
  onDelete,
  onClaim,
  onQuote,
  onOpenNote,
  row,
}: PassageItemProps) {
  return (
    <li
      className={[
        'cf-passage',
        selected ? 'cf-passage--selected' : '',
        passage.orphaned ? 'cf-passage--orphaned' : '',
      ]
        .filter(Boolean)
        .join(' ')}
      data-passage-id={passage.id}
      aria-current={selected ? 'true' : undefined}
      ref={row?.measure}
      data-index={row?.index}
      aria-posinset={row ? row.index + 1 : undefined}
      aria-setsize={row?.count}
    >
      <div className="cf-passage__card">
        <div className="cf-passage__head">
          {entity ? (
            <button
              type="button"
              className="cf-link cf-passage__entity cf-type-ink"
              style={{ '--cf-type-colour': entityTypeInfo(entity.type).colour } as CSSProperties}
              title="Open the entity page"
              aria-label={`${entity.name} (${entityTypeInfo(entity.type).label})`}
              onClick={() => onOpenEntity(entity.id)}
            >
              <EntityTypeBadge type={entity.type} iconOnly />
              <span className="cf-passage__entity-name">{entity.name}</span>
            </button>
          ) : null}
          <KindTag passage={passage} entity={entity} />
          {page !== undefined ? <span className="cf-passage__page">p. {page}</span> : null}
          {readOnly ? null : (
            <span className="cf-passage__actions">
              {passage.orphaned ? null : (
                <button
                  type="button"
                  className="cf-icon-button"
                  aria-label="Claim from this passage"
                  title="Record a claim with this passage as evidence"
                  onClick={() => onClaim(passage)}
                >
                  <Scale size={14} aria-hidden="true" />
                </button>
              )}
              {passage.orphaned || !onQuote ? null : (
                <button
                  type="button"
                  className="cf-icon-button"
                  aria-label="Quote in note…"
                  title="Quote this passage in a note"
                  onClick={() => onQuote(passage)}
                >
                  <NotebookPen size={14} aria-hidden="true" />
                </button>
              )}
              <button
                type="button"
                className="cf-icon-button"
                aria-label="Edit passage"
                title="Edit passage"
                onClick={() => onEdit(passage)}
              >
                <Pencil size={14} aria-hidden="true" />
              </button>
              <button
                type="button"
                className="cf-icon-button"
                aria-label="Delete passage"
                title="Delete passage"
                onClick={() => onDelete(passage)}
              >
                <Trash2 size={14} aria-hidden="true" />
              </button>
            </span>
          )}
        </div>
        {passage.orphaned ? (
          <blockquote className="cf-passage__quote">
            <QuoteInContext passage={passage} />
          </blockquote>
        ) : (
          <button
            type="button"
            className="cf-passage__quote"
            title="Show in the text"
            onClick={() => onShow(passage)}
          >
            <QuoteInContext passage={passage} />
          </button>
        )}
        {passage.note ? <p className="cf-passage__note">{passage.note}</p> : null}
        {passage.kind === 'mention' && !entity ? (
          <p className="cf-muted cf-passage__note">The entity of this mention is missing.</p>
        ) : null}
        {selected && onOpenNote ? (
          <NoteBacklinks passageId={passage.id} onOpenNote={onOpenNote} />
        ) : null}
      </div>
    </li>
  );
});

/** The kind as a small label: a swatch for highlights, the entity type for mentions. */
function KindTag({ passage, entity }: { readonly passage: Passage; readonly entity?: Entity }) {
  const label = KIND_LABELS[passage.kind];
  if (passage.kind === 'mention') {
    return (
      <span className="cf-kind cf-kind--mention">
        {entity ? entityTypeInfo(entity.type).label : label}
      </span>
    );
  }
  const Glyph =
    passage.kind === 'comment'
      ? MessageSquareText
      : passage.kind === 'evidence'
        ? ShieldCheck
        : Highlighter;
  return (
    <span className={`cf-kind cf-kind--${passage.kind}`}>
      {passage.kind === 'highlight' ? (
        <span className="cf-swatch" style={{ background: colourLook(passage.colour).swatch }} />
      ) : (
        <Glyph size={14} aria-hidden="true" />
      )}
      {label}
    </span>
  );
}
/** Edit a passage's kind, colour and note; the repository's refusal is shown and nothing changes. */
function PassageEditDialog({
  passage,
  entity,
  onClose,
}: {
  readonly passage: Passage;
  readonly entity: Entity | undefined;
  readonly onClose: () => void;
}) {
  const { storage, changed } = useStorage();
  const [kind, setKind] = useState<PassageKind>(passage.kind);
  const [colour, setColour] = useState(passage.colour || 'yellow');
  const [note, setNote] = useState(passage.note);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A mention needs its entity: only a passage that is one already can stay one.
  const kinds = PASSAGE_KINDS.filter((k) => k !== 'mention' || passage.kind === 'mention');

  async function save(event: FormEvent) {
    event.preventDefault();
    const changes: PassageChanges = {
      ...(kind !== passage.kind ? { kind } : {}),
      ...(kind === 'highlight' && colour !== passage.colour ? { colour } : {}),
      ...(note !== passage.note ? { note } : {}),
    };
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    setBusy(true);
    const result = await storage.passages.update(passage.id, changes);
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    changed();
    onClose();
  }

  return (
    <Dialog title="Edit passage" onClose={onClose}>
      <form onSubmit={(e) => void save(e)} aria-label="Edit passage">
        <blockquote className="cf-passage__quote cf-passage__quote--dialog">
          <QuoteInContext passage={passage} />
        </blockquote>
        <SelectField
          label="Kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as PassageKind)}
          hint={
            passage.kind === 'mention' && entity
              ? `A mention of ${entity.name}; another kind drops the link to the entity.`
              : undefined
          }
        >
          {kinds.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </SelectField>
        {kind === 'highlight' ? (
          <fieldset className="cf-colour-choice">
            <legend>Colour</legend>
            {PASSAGE_COLOURS.map((name) => (
              <label key={name} className="cf-colour-choice__option">
                <input
                  type="radio"
                  name="passage-colour"
                  value={name}
                  checked={colour === name}
                  onChange={() => setColour(name)}
                />
                <span className="cf-swatch" style={{ background: colourLook(name).swatch }} />
                {colourLook(name).label}
              </label>
            ))}
          </fieldset>
        ) : null}
        <TextArea
          label="Note"
          rows={4}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={error ?? undefined}
        />
        <div className="cf-dialog__footer">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={busy}>
            Save passage
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function DeletePassageDialog({
  passage,
  onClose,
}: {
  readonly passage: Passage;
  readonly onClose: () => void;
}) {
  const { storage, changed } = useStorage();
  return (
    <ConfirmDialog
      title="Delete passage?"
      confirmLabel="Delete passage"
      onClose={onClose}
      onConfirm={async () => {
        const result = await storage.passages.delete(passage.id);
        if (!result.ok) return result.error.message;
        changed();
        onClose();
        return null;
      }}
    >
      <p>
        The {KIND_LABELS[passage.kind].toLowerCase()} on “{preview(passage.quote.exact)}” will be
        removed. The source text is not changed.
      </p>
    </ConfirmDialog>
  );
}
