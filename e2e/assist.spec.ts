import { expect, test } from '@playwright/test';
import {
  ERROR_SPIKE,
  findSpikeHour,
  keepScreenshot,
  signedInPage,
  watchProblems,
  windowQuery,
} from './support/journey.ts';
import { SPIKE_CONFIG } from '../apps/bff/src/modules/simulator/demo-changes.ts';

/**
 * "Why?": an operator asks why the demo's faulty segment is failing, sees the culprit and its error
 * class as suggestions, and opens a proposal pre-filled from a finding; an approver sees, on the
 * action, exactly the answer the operator was shown.
 *
 * The proposal is a quarantine (high risk: it waits for approval, so the live demo the later
 * journeys read is not changed) and is withdrawn at the end.
 */
const SEGMENT = ERROR_SPIKE.segment;
const ASSIST_ID = /^as_[0-9a-f]{24}$/;

test('an operator asks "Why?", proposes from a finding, and the approver sees the same answer', async ({
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const operator = await signedInPage(browser, 'operator');
  const approver = await signedInPage(browser, 'approver');
  const problems = [...watchProblems(operator), ...watchProblems(approver)];
  let actionId: number | null = null;

  try {
    const spike = await findSpikeHour(operator);
    await operator.goto(`/segments/${SEGMENT}?${windowQuery(spike)}`);
    const why = operator.getByRole('region', { name: 'Why? Triage suggestions' });
    await why.getByRole('button', { name: 'Why?', exact: true }).click();

    // Suggestions, labelled as such, naming a culprit and its error class, each number linked.
    await expect(why.getByTestId('assist-label')).toContainText('check before acting');
    const findings = why.getByRole('list', { name: 'Findings' });
    await expect(findings).toContainText(new RegExp(ERROR_SPIKE.culprits.join('|')));
    await expect(findings).toContainText(ERROR_SPIKE.errorClass);
    await expect(findings.getByRole('link').first()).toHaveAttribute('href', /^\/segments\//);
    // What changed just before: the config rollout that shrank the culprits' pools.
    await expect(findings).toContainText(SPIKE_CONFIG.key);
    // Seen before: the forerunner nine days back, with the same culprits and class.
    const similar = why.getByRole('list', { name: 'Similar past incidents' });
    await expect(similar.getByRole('listitem').first()).toBeVisible();
    const answerId = await why.locator('[data-assist-id]').getAttribute('data-assist-id');
    expect(answerId).toMatch(ASSIST_ID);
    await keepScreenshot(operator, testInfo, 'assist-why');

    // "Propose…" on the culprit's finding: the ordinary form, filled in, nothing sent yet.
    const culpritFinding = findings
      .getByRole('listitem')
      .filter({ hasText: new RegExp(ERROR_SPIKE.culprits.join('|')) })
      .filter({ has: operator.getByRole('button', { name: 'Propose…' }) })
      .first();
    await culpritFinding.getByRole('button', { name: 'Propose…' }).click();
    const form = why.getByRole('form', { name: 'Propose action' });
    await expect(form.getByRole('heading')).toContainText(
      new RegExp(`on entity (${ERROR_SPIKE.culprits.join('|')})`),
    );
    await expect(form.getByRole('combobox', { name: 'Action' })).not.toHaveValue('');
    await expect(form.getByLabel(/Rationale/)).toHaveValue(/\S.{19,}/);
    await expect(form.getByTestId('evidence-assist-id')).toHaveText(answerId ?? '');

    // The human decides: a quarantine waits for an approver instead of acting at once.
    await form
      .getByRole('combobox', { name: 'Action' })
      .selectOption({ label: 'Quarantine entity (high risk)' });
    await expect(form.getByTestId('policy-requirement')).toContainText(/Needs 1 approval/);
    await form.getByRole('button', { name: 'Propose', exact: true }).click();
    const created = why.getByRole('region', { name: 'Proposed action' });
    await expect(created).toBeVisible();
    actionId = Number((await created.textContent())?.match(/#(\d+)/)?.[1]);
    expect(actionId).toBeGreaterThan(0);

    // The approver, on the action and in the approvals list, sees the answer the operator saw.
    for (const path of [`/actions/${actionId}`, '/approvals']) {
      await approver.goto(path);
      const review = approver.locator(`[data-action-id="${actionId}"]`);
      const shown = review.getByRole('region', { name: 'What the proposer was shown' });
      await expect(shown.locator(`[data-assist-id="${answerId}"]`)).toBeVisible();
      await expect(shown.getByTestId('assist-label')).toContainText('Suggestions from rules');
      await expect(shown.getByRole('list', { name: 'Findings' })).toContainText(
        ERROR_SPIKE.errorClass,
      );
      await expect(shown.getByRole('button', { name: 'Propose…' })).toHaveCount(0);
    }
    await keepScreenshot(approver, testInfo, 'assist-approver');
    expect(problems).toEqual([]);
  } finally {
    if (actionId !== null)
      await operator.request.post(`/api/v1/actions/${actionId}/cancel`, {
        data: { comment: 'Withdrawn by the "Why?" journey.' },
      });
  }
});
