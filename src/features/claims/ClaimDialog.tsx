import { X } from 'lucide-react';
import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import {
  CLAIM_STATUSES,
  INFORMATION_CREDIBILITY,
  INFORMATION_CREDIBILITY_DEFINITIONS,
  MAX_CLAIM_NOTE_LENGTH,
  MAX_CLAIM_PHRASE_LENGTH,
  claimGrade,
  isSingleSource,
  validateValidTime,
  type CaseId,
  type ClaimChanges,
  type ClaimId,
  type ClaimRelation,
  type ClaimStatus,
  type ClaimSummary,
  type EntityId,
  type InformationCredibility,
  type NewClaimInput,
  type NewEvidenceInput,
  type PassageId,
  type SourceId,
  type SourceReliability,
  type ValidTime,
} from '../../core';
import { Banner, Button, Dialog, SelectField, TextArea, TextField } from '../../ui';
import { EntityPicker, EntityTypeBadge, type EntityPickChoice } from '../entities';
import { useStorage, useStorageQuery } from '../storage';
import { claimSentence, STATUS_LABELS, type EntityNames } from './claimText';
import { GradeBadge } from './GradeBadge';
import { GradeHelp } from './GradeHelp';

export interface ClaimDialogProps {
  readonly caseId: CaseId;
  /** The claim to edit; a new claim when undefined. */
  readonly claimId?: ClaimId | undefined;
  /** Prefilled fields of a new claim (the reader's passage as evidence, the entity page's subject). */
  readonly initial?: Partial<NewClaimInput> | undefined;
  /** Called with the saved claim's id, or undefined when cancelled. */
  readonly onDone: (claimId: ClaimId | undefined) => void;
}

/**
 * Records or edits a claim. Loads the claim when editing, then hands its fields to the form.
 */
export function ClaimDialog({ caseId, claimId, initial, onDone }: ClaimDialogProps) {
  const existing = useStorageQuery(
    async (s) => (claimId ? ((await s.claims.get(claimId)) ?? null) : null),
    [claimId],
  );
  // The form starts from the stored claim once, and is not reset by later re-reads.
  const [start, setStart] = useState<Partial<NewClaimInput> | null>(
    claimId ? null : (initial ?? {}),
  );
  if (claimId && start === null && existing.status === 'ready' && existing.value) {
    setStart(fieldsOf(existing.value));
  }
  if (claimId && existing.status === 'ready' && !existing.value) {
    return (
      <Dialog title="Edit claim" onClose={() => onDone(undefined)}>
        <p role="alert">This claim no longer exists.</p>
        <Button onClick={() => onDone(undefined)}>Close</Button>
      </Dialog>
    );
  }
  if (existing.status === 'failed') {
    return (
      <Dialog title="Edit claim" onClose={() => onDone(undefined)}>
        <Banner tone="error">Could not read the claim: {existing.message}</Banner>
        <Button onClick={() => onDone(undefined)}>Close</Button>
      </Dialog>
    );
  }
  if (start === null) {
    return (
      <Dialog title="Edit claim" onClose={() => onDone(undefined)}>
        <p role="status">Reading the claim…</p>
      </Dialog>
    );
  }
  return <ClaimForm caseId={caseId} claimId={claimId} start={start} onDone={onDone} />;
}

function fieldsOf(claim: ClaimSummary): Partial<NewClaimInput> {
  return {
    subjectId: claim.subjectId,
    predicate: claim.predicate,
    object: claim.object,
    validTime: claim.validTime,
    evidence: claim.evidence,
    credibility: claim.credibility,
    status: claim.status,
    relations: claim.relations,
    ...(claim.attributedTo !== undefined ? { attributedTo: claim.attributedTo } : {}),
    note: claim.note,
    analystAssertion: claim.analystAssertion,
  };
}

/** One piece of evidence in the form: a passage of the case, or a range of a source to make one. */
type EvidenceChoice =
  | { readonly kind: 'passage'; readonly passageId: PassageId }
  | { readonly kind: 'new'; readonly range: NewEvidenceInput };

function evidenceKey(choice: EvidenceChoice): string {
  return choice.kind === 'passage'
    ? `p:${choice.passageId}`
    : `n:${choice.range.sourceId}:${choice.range.start}:${choice.range.end}`;
}

interface EvidenceInfo {
  readonly sourceId: SourceId | undefined;
  readonly sourceTitle: string;
  readonly reliability: SourceReliability | undefined;
  readonly quote: string;
  readonly orphaned: boolean;
  readonly missing: boolean;
}

type Field =
  | 'subject'
  | 'predicate'
  | 'object'
  | 'validTime'
  | 'evidence'
  | 'relations'
  | 'attributedTo'
  | 'note'
  | 'form';

type Errors = Partial<Record<Field, string>>;

/** Which field a repository refusal is about, from its code (claim.noEvidence, claim.intervalReversed…). */
function fieldOfCode(code: string): Field {
  const c = code.toLowerCase();
  if (c.includes('relation')) return 'relations';
  if (c.includes('interval') || c.includes('date') || c.includes('validtime')) return 'validTime';
  if (c.includes('self') || c.includes('same') || c.includes('object') || c.includes('literal')) {
    return 'object';
  }
  if (c.includes('subject')) return 'subject';
  if (c.includes('predicate')) return 'predicate';
  if (c.includes('evidence') || c.includes('passage')) return 'evidence';
  if (c.includes('attributed')) return 'attributedTo';
  if (c.includes('note')) return 'note';
  return 'form';
}

type TimeKind = ValidTime['kind'];
type ObjectKind = 'entity' | 'literal';

interface ClaimFormProps {
  readonly caseId: CaseId;
  readonly claimId: ClaimId | undefined;
  readonly start: Partial<NewClaimInput>;
  readonly onDone: (claimId: ClaimId | undefined) => void;
}

function ClaimForm({ caseId, claimId, start, onDone }: ClaimFormProps) {
  const { storage, changed } = useStorage();
  const id = useId();
  const context = useStorageQuery(
    async (s) => {
      const [entities, predicates, claims] = await Promise.all([
        s.entities.list(caseId),
        s.claims.predicates(caseId),
        s.claims.list(caseId),
      ]);
      return { entities, predicates, claims };
    },
    [caseId],
  );

  const [subjectId, setSubjectId] = useState<EntityId | undefined>(start.subjectId);
  const [predicate, setPredicate] = useState(start.predicate ?? '');
  const [objectKind, setObjectKind] = useState<ObjectKind>(start.object?.kind ?? 'entity');
  const [objectId, setObjectId] = useState<EntityId | undefined>(
    start.object?.kind === 'entity' ? start.object.entityId : undefined,
  );
  const [literal, setLiteral] = useState(
    start.object?.kind === 'literal' ? start.object.value : '',
  );
  const [timeKind, setTimeKind] = useState<TimeKind>(start.validTime?.kind ?? 'unknown');
  const [date, setDate] = useState(start.validTime?.kind === 'date' ? start.validTime.date : '');
  const [from, setFrom] = useState(
    start.validTime?.kind === 'interval' ? (start.validTime.start ?? '') : '',
  );
  const [until, setUntil] = useState(
    start.validTime?.kind === 'interval' ? (start.validTime.end ?? '') : '',
  );
  const [evidence, setEvidence] = useState<readonly EvidenceChoice[]>(() => [
    ...(start.evidence ?? []).map((passageId) => ({ kind: 'passage' as const, passageId })),
    ...(start.newEvidence ?? []).map((range) => ({ kind: 'new' as const, range })),
  ]);
  const [credibility, setCredibility] = useState<InformationCredibility>(start.credibility ?? 6);
  const [status, setStatus] = useState<ClaimStatus>(start.status ?? 'asserted');
  const [attributedTo, setAttributedTo] = useState(start.attributedTo ?? '');
  const [note, setNote] = useState(start.note ?? '');
  const [analystAssertion, setAnalystAssertion] = useState(start.analystAssertion ?? false);
  const [relations, setRelations] = useState<readonly ClaimRelation[]>(start.relations ?? []);
  const [picking, setPicking] = useState<'subject' | 'object' | null>(null);
  const [addingEvidence, setAddingEvidence] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  const evidenceInfo = useEvidenceInfo(evidence);
  const entities = useMemo(
    () => (context.status === 'ready' ? context.value.entities : []),
    [context],
  );
  const names: EntityNames = useMemo(
    () => new Map(entities.map((e) => [e.id, e.name] as const)),
    [entities],
  );
  const byId = useMemo(() => new Map(entities.map((e) => [e.id, e] as const)), [entities]);

  const infos = evidence.map((choice) => evidenceInfo.get(evidenceKey(choice)));
  const reliabilities = infos.flatMap((info) => (info?.reliability ? [info.reliability] : []));
  const sourceIds = infos.flatMap((info) => (info?.sourceId ? [info.sourceId] : []));
  const grade = claimGrade(reliabilities, credibility);
  const noEvidence = evidence.length === 0;

  function clearError(field: Field) {
    if (errors[field] || errors.form) setErrors(({ [field]: _, form: __, ...rest }) => rest);
  }

  function validTime(): ValidTime {
    if (timeKind === 'unknown') return { kind: 'unknown' };
    if (timeKind === 'date') return { kind: 'date', date: date.trim() };
    return {
      kind: 'interval',
      ...(from.trim() !== '' ? { start: from.trim() } : {}),
      ...(until.trim() !== '' ? { end: until.trim() } : {}),
    };
  }

  /** The form's own checks, so the common mistakes are named by their field before any write. */
  function check(): { readonly input?: NewClaimInput; readonly errors: Errors } {
    const found: Errors = {};
    if (!subjectId) found.subject = 'Choose the subject: the entity the claim is about.';
    const cleanPredicate = predicate.trim().replace(/\s+/g, ' ');
    if (cleanPredicate === '') found.predicate = 'A claim needs a predicate (e.g. “owns”).';
    else if (cleanPredicate.length > MAX_CLAIM_PHRASE_LENGTH) {
      found.predicate = `Keep the predicate under ${MAX_CLAIM_PHRASE_LENGTH} characters.`;
    }
    if (objectKind === 'entity') {
      if (!objectId) found.object = 'Choose the object entity, or switch to a value.';
      else if (objectId === subjectId) {
        found.object = 'The subject and the object are the same entity: a claim links two.';
      }
    } else if (literal.trim() === '') found.object = 'Write the value the claim is about.';
    else if (literal.trim().length > MAX_CLAIM_PHRASE_LENGTH) {
      found.object = `Keep the value under ${MAX_CLAIM_PHRASE_LENGTH} characters.`;
    }
    const time = validateValidTime(validTime());
    if (!time.ok) found.validTime = time.error.message;
    if (noEvidence && !analystAssertion) {
      found.evidence =
        'Add at least one evidence passage, or mark the claim as an analyst assertion.';
    }
    if (attributedTo.trim().length > MAX_CLAIM_PHRASE_LENGTH) {
      found.attributedTo = `Keep “attributed to” under ${MAX_CLAIM_PHRASE_LENGTH} characters.`;
    }
    if (note.length > MAX_CLAIM_NOTE_LENGTH) {
      found.note = `The note is too long (at most ${MAX_CLAIM_NOTE_LENGTH.toLocaleString()} characters).`;
    }
    if (Object.keys(found).length > 0 || !subjectId || !time.ok) return { errors: found };
    const input: NewClaimInput = {
      subjectId,
      predicate: cleanPredicate,
      object:
        objectKind === 'entity' && objectId
          ? { kind: 'entity', entityId: objectId }
          : { kind: 'literal', value: literal.trim() },
      validTime: time.value,
      evidence: evidence.flatMap((c) => (c.kind === 'passage' ? [c.passageId] : [])),
      newEvidence: evidence.flatMap((c) => (c.kind === 'new' ? [c.range] : [])),
      credibility,
      status,
      relations,
      ...(attributedTo.trim() !== '' ? { attributedTo: attributedTo.trim() } : {}),
      note,
      analystAssertion: noEvidence && analystAssertion,
    };
    return { input, errors: {} };
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const checked = check();
    setErrors(checked.errors);
    if (!checked.input) {
      showFirstError();
      return;
    }
    setBusy(true);
    const saved = claimId
      ? await storage.claims.update(claimId, checked.input satisfies ClaimChanges)
      : await storage.claims.create(caseId, checked.input);
    setBusy(false);
    if (!saved.ok) {
      setErrors({ [fieldOfCode(saved.error.code)]: saved.error.message });
      showFirstError();
      return;
    }
    changed();
    onDone(saved.value.id);
  }

  /** The form scrolls: bring the first message into view once it is drawn. */
  function showFirstError() {
    requestAnimationFrame(() =>
      form.current?.querySelector('[role="alert"]')?.scrollIntoView?.({ block: 'nearest' }),
    );
  }

  async function pick(choice: EntityPickChoice): Promise<string | null> {
    let chosen: EntityId;
    if ('entityId' in choice) chosen = choice.entityId;
    else {
      const created = await storage.entities.create(caseId, choice.newEntity);
      if (!created.ok) return created.error.message;
      changed();
      chosen = created.value.id;
    }
    if (picking === 'subject') {
      setSubjectId(chosen);
      clearError('subject');
    } else {
      setObjectId(chosen);
      clearError('object');
    }
    setPicking(null);
    return null;
  }

  const otherClaims =
    context.status === 'ready' ? context.value.claims.filter((c) => c.id !== claimId) : [];
  const claimById = new Map(otherClaims.map((c) => [c.id, c] as const));

  const entityButton = (which: 'subject' | 'object', chosen: EntityId | undefined) => {
    const entity = chosen ? byId.get(chosen) : undefined;
    const label = which === 'subject' ? 'Subject' : 'Object entity';
    return (
      <div className="cf-field">
        <span className="cf-claim-form__label" id={`${id}-${which}-label`}>
          {label}
        </span>
        <button
          type="button"
          className="cf-entity-choice"
          aria-labelledby={`${id}-${which}-label ${id}-${which}-value`}
          aria-invalid={errors[which] ? true : undefined}
          aria-describedby={errors[which] ? `${id}-${which}-error` : undefined}
          onClick={() => setPicking(which)}
        >
          <span id={`${id}-${which}-value`}>
            {entity ? (
              <>
                <EntityTypeBadge type={entity.type} iconOnly /> {entity.name}
              </>
            ) : chosen ? (
              (names.get(chosen) ?? 'an entity no longer in the case')
            ) : (
              'Choose…'
            )}
          </span>
        </button>
        {errors[which] ? (
          <span id={`${id}-${which}-error`} role="alert" className="cf-field__error">
            {errors[which]}
          </span>
        ) : null}
      </div>
    );
  };

  return (
    <>
      <Dialog
        title={claimId ? 'Edit claim' : 'New claim'}
        onClose={() => onDone(undefined)}
        className="cf-claim-dialog"
      >
        <form ref={form} className="cf-claim-form" onSubmit={(e) => void save(e)} noValidate>
          <div className="cf-claim-form__columns">
            <div className="cf-claim-form__column">
              {entityButton('subject', subjectId)}
              <div className="cf-field">
                <label htmlFor={`${id}-predicate`}>Predicate</label>
                <input
                  id={`${id}-predicate`}
                  list={`${id}-predicates`}
                  value={predicate}
                  autoComplete="off"
                  placeholder="e.g. owns, met with, paid"
                  aria-invalid={errors.predicate ? true : undefined}
                  aria-describedby={errors.predicate ? `${id}-predicate-error` : undefined}
                  onChange={(e) => {
                    setPredicate(e.target.value);
                    clearError('predicate');
                  }}
                />
                <datalist id={`${id}-predicates`}>
                  {(context.status === 'ready' ? context.value.predicates : []).map((p) => (
                    <option key={p} value={p} />
                  ))}
                </datalist>
                <span className="cf-field__hint">
                  From the case vocabulary, or type a new one (it is added to the vocabulary).
                </span>
                {errors.predicate ? (
                  <span id={`${id}-predicate-error`} role="alert" className="cf-field__error">
                    {errors.predicate}
                  </span>
                ) : null}
              </div>
              <fieldset className="cf-claim-form__group">
                <legend>Object</legend>
                <div className="cf-claim-form__choices" role="radiogroup" aria-label="Object is">
                  <label>
                    <input
                      type="radio"
                      name={`${id}-object-kind`}
                      checked={objectKind === 'entity'}
                      onChange={() => {
                        setObjectKind('entity');
                        clearError('object');
                      }}
                    />{' '}
                    An entity
                  </label>
                  <label>
                    <input
                      type="radio"
                      name={`${id}-object-kind`}
                      checked={objectKind === 'literal'}
                      onChange={() => {
                        setObjectKind('literal');
                        clearError('object');
                      }}
                    />{' '}
                    A value
                  </label>
                </div>
                {objectKind === 'entity' ? (
                  entityButton('object', objectId)
                ) : (
                  <TextField
                    label="Value"
                    value={literal}
                    placeholder="e.g. USD 81 million"
                    error={errors.object}
                    onChange={(e) => {
                      setLiteral(e.target.value);
                      clearError('object');
                    }}
                  />
                )}
              </fieldset>
              <fieldset className="cf-claim-form__group">
                <legend>Valid time</legend>
                <div
                  className="cf-claim-form__choices"
                  role="radiogroup"
                  aria-label="Valid time is"
                >
                  {(
                    [
                      ['unknown', 'Unknown'],
                      ['date', 'A date'],
                      ['interval', 'An interval'],
                    ] as const
                  ).map(([kind, label]) => (
                    <label key={kind}>
                      <input
                        type="radio"
                        name={`${id}-time-kind`}
                        checked={timeKind === kind}
                        onChange={() => {
                          setTimeKind(kind);
                          clearError('validTime');
                        }}
                      />{' '}
                      {label}
                    </label>
                  ))}
                </div>
                {timeKind === 'date' ? (
                  <TextField
                    label="Date"
                    value={date}
                    placeholder="YYYY, YYYY-MM or YYYY-MM-DD"
                    error={errors.validTime}
                    onChange={(e) => {
                      setDate(e.target.value);
                      clearError('validTime');
                    }}
                  />
                ) : null}
                {timeKind === 'interval' ? (
                  <div className="cf-claim-form__interval">
                    <TextField
                      label="From"
                      value={from}
                      placeholder="YYYY[-MM[-DD]]"
                      aria-invalid={errors.validTime ? true : undefined}
                      onChange={(e) => {
                        setFrom(e.target.value);
                        clearError('validTime');
                      }}
                    />
                    <TextField
                      label="Until"
                      value={until}
                      placeholder="YYYY[-MM[-DD]]"
                      aria-invalid={errors.validTime ? true : undefined}
                      onChange={(e) => {
                        setUntil(e.target.value);
                        clearError('validTime');
                      }}
                    />
                  </div>
                ) : null}
                {timeKind === 'interval' && errors.validTime ? (
                  <p role="alert" className="cf-field__error">
                    {errors.validTime}
                  </p>
                ) : null}
                {timeKind === 'unknown' && errors.validTime ? (
                  <p role="alert" className="cf-field__error">
                    {errors.validTime}
                  </p>
                ) : null}
              </fieldset>
              <div className="cf-claim-form__pair">
                <SelectField
                  label="Status"
                  value={status}
                  onChange={(e) => setStatus(e.target.value as ClaimStatus)}
                >
                  {CLAIM_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {STATUS_LABELS[s]}
                    </option>
                  ))}
                </SelectField>
                <TextField
                  label="Attributed to"
                  hint="Who asserts it, if not the sources themselves."
                  value={attributedTo}
                  error={errors.attributedTo}
                  onChange={(e) => {
                    setAttributedTo(e.target.value);
                    clearError('attributedTo');
                  }}
                />
              </div>
              <TextArea
                label="Analyst note"
                rows={3}
                value={note}
                error={errors.note}
                onChange={(e) => {
                  setNote(e.target.value);
                  clearError('note');
                }}
              />
            </div>
            <div className="cf-claim-form__column">
              <section className="cf-claim-form__group" aria-labelledby={`${id}-evidence`}>
                <h3 id={`${id}-evidence`} className="cf-claim-form__heading">
                  Evidence
                </h3>
                {evidence.length > 0 ? (
                  <ul className="cf-evidence-list" aria-label="Evidence passages">
                    {evidence.map((choice, index) => {
                      const info = infos[index];
                      return (
                        <li key={evidenceKey(choice)} className="cf-evidence-list__item">
                          <div className="cf-evidence-list__source">
                            <span>
                              <strong>{info ? info.sourceTitle : 'Reading…'}</strong>
                              <span className="cf-evidence-list__meta">
                                {info?.reliability ? `Reliability ${info.reliability}` : ''}
                                {choice.kind === 'new' ? ' · new passage from the selection' : ''}
                              </span>
                            </span>
                            <button
                              type="button"
                              className="cf-icon-button"
                              aria-label={`Remove evidence from ${info?.sourceTitle ?? 'this source'}`}
                              title="Remove this evidence"
                              onClick={() => {
                                setEvidence(evidence.filter((_, i) => i !== index));
                                clearError('evidence');
                              }}
                            >
                              <X size={14} aria-hidden="true" />
                            </button>
                          </div>
                          {info ? <blockquote>{info.quote}</blockquote> : null}
                          {info?.orphaned ? (
                            <p className="cf-claim-flag">
                              The quote is no longer found in the source.
                            </p>
                          ) : null}
                          {info?.missing ? (
                            <p className="cf-claim-flag">This passage no longer exists.</p>
                          ) : null}
                        </li>
                      );
                    })}
                  </ul>
                ) : (
                  <p className="cf-muted">
                    No evidence yet. Select a passage in a source and choose “Claim…”, or add one
                    below.
                  </p>
                )}
                {addingEvidence ? (
                  <EvidenceChooser
                    caseId={caseId}
                    chosen={evidence.flatMap((c) => (c.kind === 'passage' ? [c.passageId] : []))}
                    onAdd={(passageId) => {
                      setEvidence([...evidence, { kind: 'passage', passageId }]);
                      clearError('evidence');
                    }}
                    onClose={() => setAddingEvidence(false)}
                  />
                ) : (
                  <Button onClick={() => setAddingEvidence(true)}>Add evidence…</Button>
                )}
                {noEvidence ? (
                  <label
                    className={[
                      'cf-claim-form__assertion',
                      analystAssertion ? 'cf-claim-form__assertion--on' : '',
                    ]
                      .filter(Boolean)
                      .join(' ')}
                  >
                    <input
                      type="checkbox"
                      checked={analystAssertion}
                      onChange={(e) => {
                        setAnalystAssertion(e.target.checked);
                        clearError('evidence');
                      }}
                    />{' '}
                    Analyst assertion (no evidence)
                  </label>
                ) : null}
                {errors.evidence ? (
                  <p role="alert" className="cf-field__error">
                    {errors.evidence}
                  </p>
                ) : null}
              </section>
              <fieldset className="cf-claim-form__group cf-credibility">
                <legend>Information credibility</legend>
                {INFORMATION_CREDIBILITY.map((n) => (
                  <label key={n} className="cf-credibility__option">
                    <input
                      type="radio"
                      name={`${id}-credibility`}
                      value={n}
                      checked={credibility === n}
                      onChange={() => setCredibility(n)}
                    />
                    <span>
                      <strong>
                        {n} — {INFORMATION_CREDIBILITY_DEFINITIONS[n].label}
                      </strong>
                      <span className="cf-credibility__definition">
                        {INFORMATION_CREDIBILITY_DEFINITIONS[n].definition}
                      </span>
                    </span>
                  </label>
                ))}
              </fieldset>
              <p className="cf-claim-form__preview" aria-live="polite">
                <span>Grade: </span>
                {grade || noEvidence ? (
                  <GradeBadge
                    grade={grade}
                    analystAssertion={noEvidence}
                    singleSource={!noEvidence && isSingleSource(sourceIds)}
                  />
                ) : (
                  <span className="cf-muted">reading the sources…</span>
                )}
                <span className="cf-muted cf-claim-form__preview-hint">
                  {noEvidence
                    ? ' No source to grade.'
                    : ' The best evidence source’s reliability with this credibility.'}
                </span>
              </p>
              <GradeHelp />
              <Relations
                relations={relations}
                claims={otherClaims}
                claimById={claimById}
                names={names}
                error={errors.relations}
                onChange={(next) => {
                  setRelations(next);
                  clearError('relations');
                }}
              />
            </div>
          </div>
          {errors.form ? <Banner tone="error">{errors.form}</Banner> : null}
          {context.status === 'failed' ? (
            <Banner tone="error">Could not read the case: {context.message}</Banner>
          ) : null}
          <div className="cf-dialog__footer">
            <Button onClick={() => onDone(undefined)}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={busy}>
              {claimId ? 'Save claim' : 'Create claim'}
            </Button>
          </div>
        </form>
      </Dialog>
      {picking ? (
        <EntityPicker
          caseId={caseId}
          title={picking === 'subject' ? 'Choose the subject' : 'Choose the object'}
          exclude={
            picking === 'object' && subjectId
              ? [subjectId]
              : picking === 'subject' && objectKind === 'entity' && objectId
                ? [objectId]
                : undefined
          }
          onPick={pick}
          onCancel={() => setPicking(null)}
        />
      ) : null}
    </>
  );
}

/** Source title, reliability and quote of each evidence choice, read from storage. */
function useEvidenceInfo(evidence: readonly EvidenceChoice[]): ReadonlyMap<string, EvidenceInfo> {
  const key = evidence.map(evidenceKey).join('|');
  const read = useStorageQuery(
    async (s) => {
      const out = new Map<string, EvidenceInfo>();
      for (const choice of evidence) {
        if (choice.kind === 'passage') {
          const passage = await s.passages.get(choice.passageId);
          const source = passage ? await s.sources.get(passage.sourceId) : undefined;
          out.set(evidenceKey(choice), {
            sourceId: passage?.sourceId,
            sourceTitle: source?.title ?? 'Unknown source',
            reliability: source?.reliability,
            quote: passage?.quote.exact ?? '',
            orphaned: passage?.orphaned ?? false,
            missing: passage === undefined,
          });
        } else {
          const { sourceId, start, end } = choice.range;
          const [source, content] = await Promise.all([
            s.sources.get(sourceId),
            s.sources.content(sourceId),
          ]);
          out.set(evidenceKey(choice), {
            sourceId,
            sourceTitle: source?.title ?? 'Unknown source',
            reliability: source?.reliability,
            quote: content?.text.slice(start, end) ?? '',
            orphaned: false,
            missing: source === undefined,
          });
        }
      }
      return out;
    },
    [key],
  );
  return read.status === 'ready' ? read.value : new Map();
}

/** Picks a passage of the case as evidence: a source, then one of its passages. */
function EvidenceChooser({
  caseId,
  chosen,
  onAdd,
  onClose,
}: {
  readonly caseId: CaseId;
  readonly chosen: readonly PassageId[];
  readonly onAdd: (id: PassageId) => void;
  readonly onClose: () => void;
}) {
  const sources = useStorageQuery((s) => s.sources.list(caseId), [caseId]);
  const [sourceId, setSourceId] = useState<SourceId | ''>('');
  const passages = useStorageQuery(
    async (s) => {
      if (sourceId === '') return [];
      const found = await s.passages.forSource(sourceId);
      return found.ok ? found.value : [];
    },
    [sourceId],
  );
  const taken = new Set(chosen);
  const offered = passages.status === 'ready' ? passages.value.filter((p) => !taken.has(p.id)) : [];
  return (
    <div className="cf-evidence-chooser" role="group" aria-label="Add evidence">
      <SelectField
        label="Source"
        value={sourceId}
        onChange={(e) => setSourceId(e.target.value as SourceId | '')}
      >
        <option value="">Choose a source…</option>
        {(sources.status === 'ready' ? sources.value : []).map((s) => (
          <option key={s.id} value={s.id}>
            {s.title}
          </option>
        ))}
      </SelectField>
      {sourceId !== '' && passages.status === 'ready' && offered.length === 0 ? (
        <p className="cf-muted">
          No other passages in this source: select text in the reader to make one.
        </p>
      ) : null}
      {offered.length > 0 ? (
        <ul className="cf-evidence-chooser__list" aria-label="Passages of the source">
          {offered.slice(0, 200).map((p) => (
            <li key={p.id}>
              <span className="cf-evidence-chooser__quote">{p.quote.exact}</span>
              <Button
                onClick={() => onAdd(p.id)}
                aria-label={`Add “${p.quote.exact.slice(0, 60)}”`}
              >
                Add
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <Button variant="ghost" onClick={onClose}>
        Done adding evidence
      </Button>
    </div>
  );
}

/** Supports / contradicts links to other claims of the case. */
function Relations({
  relations,
  claims,
  claimById,
  names,
  error,
  onChange,
}: {
  readonly relations: readonly ClaimRelation[];
  readonly claims: readonly ClaimSummary[];
  readonly claimById: ReadonlyMap<ClaimId, ClaimSummary>;
  readonly names: EntityNames;
  readonly error: string | undefined;
  readonly onChange: (next: readonly ClaimRelation[]) => void;
}) {
  const [kind, setKind] = useState<ClaimRelation['kind']>('supports');
  const [target, setTarget] = useState<ClaimId | ''>('');
  const linked = new Set(relations.map((r) => r.claimId));
  const offered = claims.filter((c) => !linked.has(c.id));
  return (
    <fieldset className="cf-claim-form__group">
      <legend>Related claims</legend>
      {relations.length > 0 ? (
        <ul className="cf-relation-list" aria-label="Related claims">
          {relations.map((r) => {
            const other = claimById.get(r.claimId);
            const sentence = other ? claimSentence(names, other) : 'a claim no longer in the case';
            return (
              <li key={r.claimId}>
                <span>
                  {r.kind === 'supports' ? 'Supports' : 'Contradicts'}: {sentence}
                </span>
                <button
                  type="button"
                  className="cf-icon-button"
                  aria-label={`Remove link to “${sentence}”`}
                  onClick={() => onChange(relations.filter((x) => x.claimId !== r.claimId))}
                >
                  <X size={14} aria-hidden="true" />
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      {offered.length > 0 ? (
        <div className="cf-claim-form__relation-add">
          <select
            className="cf-select"
            aria-label="Relation"
            value={kind}
            onChange={(e) => setKind(e.target.value as ClaimRelation['kind'])}
          >
            <option value="supports">Supports</option>
            <option value="contradicts">Contradicts</option>
          </select>
          <select
            className="cf-select"
            aria-label="Other claim"
            value={target}
            onChange={(e) => setTarget(e.target.value as ClaimId | '')}
          >
            <option value="">Choose a claim…</option>
            {offered.map((c) => (
              <option key={c.id} value={c.id}>
                {claimSentence(names, c)}
              </option>
            ))}
          </select>
          <Button
            disabled={target === ''}
            onClick={() => {
              if (target === '') return;
              onChange([...relations, { kind, claimId: target }]);
              setTarget('');
            }}
          >
            Link
          </Button>
        </div>
      ) : relations.length === 0 ? (
        <p className="cf-muted">No other claims in the case to link to.</p>
      ) : null}
      {error ? (
        <p role="alert" className="cf-field__error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
