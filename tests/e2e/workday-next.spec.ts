import type { Page } from '@playwright/test';
import { expect, expectAccessible as axe, openConsole, test } from './fixtures';
import { en } from '../../console/src/i18n/en';

/**
 * Issue #16 item 3 (OPS-2): a trust & safety agent works the Service reviews queue at 1366×768 like every
 * other queue (claim, unassign, SLA countdown), and after each decision the console opens the next case by
 * itself, unless the agent turned "Open the next case after a decision" off; the choice is remembered.
 */
test.use({ viewport: { width: 1366, height: 768 }, staffMember: 'trust_safety' });

function say(key: string): string {
  let node: unknown = en;
  for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
  if (typeof node !== 'string') throw new Error(`no message ${key}`);
  return node;
}

async function expectAccessible(page: Page) {
  await expect(async () => {
    await expect(page.locator('.MuiCircularProgress-root')).toHaveCount(0, { timeout: 1_000 });
    await axe(page);
  }).toPass({ timeout: 15_000 });
}

async function approve(page: Page, reason: string) {
  await page.getByRole('button', { name: say('resources.service-reviews.action.approve') }).click();
  await page.getByRole('dialog').locator('textarea').first().fill(reason);
  await page.getByRole('button', { name: say('app.action.confirm') }).click();
}

test('T&S works the Service reviews queue and goes on to the next case by itself after a decision', async ({
  page,
  make,
}) => {
  const titles = ['Logo for a bakery', 'Menu board for a café', 'Poster for a night market'];
  const reviews: number[] = [];
  for (const [i, title] of titles.entries()) {
    const seller = await make.seller(['Rina Hartono', 'Yoga Saputra', 'Dewi Lestari'][i]!);
    const service = await make.service(seller, { title, price: 400_000 }, { approve: false });
    reviews.push(service.id);
    await make.advanceClock(3600);
  }

  await openConsole(page);
  // A staff member who never chose: the saved session has it off for the other stories, so forget it.
  await page.evaluate(() => {
    for (const k of Object.keys(localStorage))
      if (k.startsWith('pasar.autoNextCase.')) localStorage.removeItem(k);
  });
  await page.getByRole('menuitem', { name: 'Service reviews' }).click();
  await expect(page.getByRole('columnheader', { name: say('app.queue.sla') })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('cell', { name: titles[0] }).click();

  // The queue strip as on every queue: claim, then unassign puts it back.
  const bar = page.getByTestId('queue-bar');
  await expect(bar.getByTestId('queue-assignee')).toContainText(say('app.queue.unassigned'));
  await expect(bar.getByTestId('sla-countdown')).toBeVisible();
  await bar.getByRole('button', { name: say('app.queue.claim'), exact: true }).click();
  await expect(bar.getByTestId('queue-assignee')).toContainText('Taufik Trust');
  await bar.getByRole('button', { name: say('app.queue.unassign') }).click();
  await expect(bar.getByTestId('queue-assignee')).toContainText(say('app.queue.unassigned'));
  const toggle = bar.getByLabel(say('app.queue.auto_next'));
  await expect(toggle).toBeChecked(); // on by default
  await page.screenshot({ path: 'test-results/screenshots/next-case-service-review-en.png' });
  await expectAccessible(page);

  // Decided: the console opens the next case by SLA without a click.
  const firstUrl = page.url();
  await approve(page, 'Clear description, fair price, no contact details.');
  await expect(page).not.toHaveURL(firstUrl);
  await expect(page).toHaveURL(/#\/service-reviews\/\d+\/show/);
  await expect(page.getByTestId('service-under-review')).toContainText(titles[1]!);
  await expectAccessible(page);

  // Turned off, the choice is remembered across a reload; the decision then stays on its page.
  await page.getByTestId('queue-bar').getByLabel(say('app.queue.auto_next')).uncheck();
  await page.reload();
  await expect(page.getByTestId('service-under-review')).toContainText(titles[1]!);
  await expect(page.getByTestId('queue-bar').getByLabel(say('app.queue.auto_next'))).not.toBeChecked();
  const secondUrl = page.url();
  await approve(page, 'Matches the guidelines.');
  await expect(page.getByTestId('queue-bar').getByText(say('app.queue.decided_next'))).toBeVisible();
  expect(page.url()).toBe(secondUrl);
  await expectAccessible(page);
  // The button stays for manual use.
  await page
    .getByTestId('queue-bar')
    .getByRole('button', { name: say('app.queue.next_case') })
    .click();
  await expect(page.getByTestId('service-under-review')).toContainText(titles[2]!);
  await expectAccessible(page);
});

test.describe('support', () => {
  test.use({ staffMember: 'support' });

  test('support writes an internal note on a refund case and finds it in the order timeline', async ({
    page,
    make,
  }) => {
    const sari = await make.seller('Sari Wulandari');
    const agus = await make.user('Agus Pratama');
    const order = await make.order(
      agus,
      await make.service(sari, { title: 'Brochure translation', price: 300_000 }),
    );
    await make.pay(agus, order);
    const refund = await make.refundRequest(
      agus,
      order,
      'seller_not_working_as_agreed',
      'No answer for a week.',
    );

    await page.goto(`/#/refund-requests/${refund.id}/show`);
    const notes = page.getByTestId('case-notes');
    await expect(notes).toBeVisible();
    await expectAccessible(page);
    await notes.getByLabel(say('decisions.notes.label')).fill('Called Sari: she is ill, back on Monday.');
    await notes.getByRole('button', { name: say('decisions.notes.add') }).click();
    // In the order's timeline, marked internal, with its author, after the request's own events.
    const entry = page.getByTestId('timeline-note');
    await expect(entry).toHaveCount(1);
    await expect(entry).toContainText(say('resources.orders.timeline.note'));
    await expect(entry).toContainText('Sinta Support');
    await expect(entry).toContainText('Called Sari: she is ill, back on Monday.');
    const entries = page.locator('[data-testid="timeline-note"]').locator('xpath=..').locator(':scope > *');
    await expect(entries.last()).toHaveAttribute('data-testid', 'timeline-note');
    await entry.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/screenshots/note-in-timeline-en.png' });
    await expectAccessible(page);
  });
});
