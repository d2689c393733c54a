import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import type { PreconditionResult } from '@watchfloor/shared/actions/api';
import { FreezeOverrideField, overrideOf } from './freeze-override-field.tsx';

const frozen: PreconditionResult[] = [
  { code: 'change_freeze', passed: false, message: 'change freeze "peak" covers web' },
];
const clear: PreconditionResult[] = [
  { code: 'change_freeze', passed: true, message: 'no change freeze covers web now' },
];

let container: HTMLDivElement;
afterEach(() => container?.remove());

async function render(results: PreconditionResult[], reason: string | null) {
  container = document.createElement('div');
  document.body.append(container);
  await act(async () =>
    createRoot(container).render(
      <FreezeOverrideField results={results} reason={reason} onChange={() => undefined} />,
    ),
  );
  return container;
}

describe('freeze override', () => {
  it('offers the override while a freeze refuses the proposal, and not otherwise', async () => {
    expect((await render(frozen, null)).textContent).toContain('Override the freeze as an admin');
    expect((await render(clear, null)).textContent).toBe('');
  });

  it('asks for the reason once chosen, and sends it only when long enough', async () => {
    expect((await render(clear, '')).querySelector('textarea')).not.toBeNull();
    expect(overrideOf('too short')).toBeUndefined();
    expect(overrideOf('  the freeze is for checkout only  ')).toEqual({
      reason: 'the freeze is for checkout only',
    });
    expect(overrideOf(null)).toBeUndefined();
  });
});
