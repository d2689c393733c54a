import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { RATIONALE_MIN_LENGTH, type ActionTargetRef } from '@watchfloor/shared/actions/api';
import type { ActionType } from '@watchfloor/shared/actions/catalogue';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { paths } from '../../../lib/paths.ts';
import { useTargetFigures } from '../api/get-target-figures.ts';
import { useDryRun, useProposeAction, type ProposalBody } from '../api/propose-action.ts';
import {
  initialParams,
  initialType,
  newIdempotencyKey,
  PARAM_FIELDS,
  paramsProblem,
  PREVIEW_RATIONALE,
  typesFor,
  withAssist,
  type ProposalPrefill,
} from './action-draft.ts';
import { DryRunPreview } from './dry-run-preview.tsx';
import { FreezeOverrideField, overrideOf } from './freeze-override-field.tsx';
import { firstReason, GuardedButton } from '../../../components/guarded-button.tsx';
import { toEvidence } from './evidence-figures.ts';
import { ProposalRefusal } from './proposal-refusal.tsx';
import { dataQualityCheck, TargetDataQuality } from './target-data-quality.tsx';

interface Props {
  target: ActionTargetRef;
  /** Null for a segment, or while the entity's kind is not known. */
  entityKind: string | null;
  /** The page as the proposer sees it now: attached as evidence. */
  viewUrl: string;
  window: { from: number; to?: number };
  /** A "Why?" finding's suggestion: type, rationale and the answer's id, for the human to check. */
  prefill?: ProposalPrefill;
  /** The user may proceed through a change freeze with a reason (admins). */
  mayOverrideFreeze?: boolean;
  onClose: () => void;
}

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Propose a control action on this target, with a live dry run and the current view attached as evidence. */
export function ProposeActionForm({
  target,
  entityKind,
  viewUrl,
  window: viewWindow,
  prefill,
  mayOverrideFreeze = false,
  onClose,
}: Props) {
  const types = typesFor(target.kind, entityKind);
  const [type, setType] = useState<ActionType>(() => initialType(types, prefill?.type));
  const [params, setParams] = useState<Record<string, number>>(() => initialParams(type));
  const [rationale, setRationale] = useState(prefill?.rationale ?? '');
  const [overrideReason, setOverrideReason] = useState<string | null>(null);
  const assistId = prefill?.assistId;
  const snapshot = useTargetFigures(target, viewWindow);
  const propose = useProposeAction();
  const keyRef = useRef({ body: '', key: newIdempotencyKey() });

  const problem = paramsProblem(type, params);
  const draft = useMemo<ProposalBody | null>(() => {
    if (!snapshot.data || problem) return null;
    const why =
      rationale.trim().length >= RATIONALE_MIN_LENGTH ? rationale.trim() : PREVIEW_RATIONALE;
    const evidence = withAssist(toEvidence(viewUrl, snapshot.data), assistId);
    const freezeOverride = overrideOf(overrideReason);
    return {
      type,
      target,
      params,
      rationale: why,
      evidence,
      ...(freezeOverride && { freezeOverride }),
    };
  }, [snapshot.data, problem, rationale, type, target, params, viewUrl, assistId, overrideReason]);
  const preview = useDryRun(useDebounced(draft, 300));
  const rationaleLength = rationale.trim().length;
  const rationaleReady = rationaleLength >= RATIONALE_MIN_LENGTH;
  const blockedBy = firstReason(
    problem && `correct the parameters (${problem})`,
    !snapshot.data &&
      (snapshot.error
        ? "the target's figures could not be loaded; retry them above"
        : "waiting for the target's figures, attached as evidence"),
    !rationaleReady &&
      `write at least ${RATIONALE_MIN_LENGTH} characters of rationale (${rationaleLength} so far)`,
  );

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!draft || blockedBy !== null) return;
    const body = JSON.stringify(draft);
    // The same proposal retried keeps its key (the server replays the answer); a changed one gets a new key.
    if (keyRef.current.body !== body) keyRef.current = { body, key: newIdempotencyKey() };
    propose.mutate({ body: draft, idempotencyKey: keyRef.current.key });
  };

  if (propose.data) {
    const created = propose.data.data;
    return (
      <section aria-label="Proposed action" className="panel propose-form">
        <p role="status">
          Proposed action #{created.id} ({created.label}): now{' '}
          <strong data-testid="proposed-state">{created.state}</strong>.{' '}
          <Link to={paths.action(created.id)}>Open its timeline</Link>
        </p>
        <TargetDataQuality
          quality={propose.data.quality}
          judgedOver="the policy's recent window"
          check={dataQualityCheck(created.policy.results)}
        />
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </section>
    );
  }

  return (
    <form aria-label="Propose action" className="panel propose-form" onSubmit={submit}>
      <h2>
        Propose an action on {target.kind} {target.id}
      </h2>
      <label>
        Action{' '}
        <select
          value={type}
          onChange={(e) => {
            const next = e.target.value as ActionType;
            setType(next);
            setParams(initialParams(next));
          }}
        >
          {types.map((d) => (
            <option key={d.type} value={d.type}>
              {d.label} ({d.risk} risk)
            </option>
          ))}
        </select>
      </label>
      <p className="muted">{types.find((d) => d.type === type)?.description}</p>
      {(PARAM_FIELDS[type] ?? []).map((field) => (
        <label key={field.name}>
          {field.label}{' '}
          <input
            type="number"
            min={field.min}
            max={field.max}
            step={1}
            value={params[field.name] ?? ''}
            onChange={(e) => setParams({ ...params, [field.name]: Number(e.target.value) })}
          />
        </label>
      ))}
      {problem && <p role="alert">Parameters: {problem}</p>}
      <label>
        Rationale (at least {RATIONALE_MIN_LENGTH} characters: say why)
        <textarea
          value={rationale}
          onChange={(e) => setRationale(e.target.value)}
          rows={3}
          required
          minLength={RATIONALE_MIN_LENGTH}
        />
      </label>
      <p className="muted">
        Evidence attached: this view ({viewUrl}), its window and{' '}
        {snapshot.data ? Object.keys(snapshot.data.figures).length : '…'} key figures, data quality{' '}
        {snapshot.data?.quality.state ?? '…'}
        {assistId && (
          <>
            , and the "Why?" answer <code data-testid="evidence-assist-id">{assistId}</code> it was
            suggested by (check it before proposing)
          </>
        )}
        .
      </p>
      {snapshot.error && (
        <ErrorMessage
          error={snapshot.error}
          what="The target's figures"
          onRetry={() => snapshot.refetch()}
        />
      )}
      {preview.data ? (
        <DryRunPreview
          policy={preview.data.data.policy}
          targets={preview.data.data.targets}
          blastRadius={preview.data.data.blastRadius}
          quality={preview.data.quality}
        />
      ) : (
        // Until the dry run answers, the view's own verdict: the operator never proposes blind.
        <TargetDataQuality quality={snapshot.data?.quality} judgedOver="this view's window" />
      )}
      {mayOverrideFreeze && (
        <FreezeOverrideField
          results={preview.data?.data.policy.results}
          reason={overrideReason}
          onChange={setOverrideReason}
        />
      )}
      {preview.error && <ProposalRefusal error={preview.error} what="The dry run" />}
      {propose.error && <ProposalRefusal error={propose.error} what="The proposal" />}
      <div className="propose-form__buttons">
        <GuardedButton
          type="submit"
          label="Propose"
          primary
          reason={blockedBy}
          busy={propose.isPending}
          busyLabel="Proposing…"
          testId="propose"
        />
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
