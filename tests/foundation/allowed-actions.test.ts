import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type request from 'supertest';
import { useTestApp } from '../helpers/context.js';
import { CARD, makeOrder, publishService } from '../helpers/market.js';

const t = useTestApp();

/**
 * `allowedActions` is exactly what the API accepts: random walks drive records through their
 * states over HTTP; at every step a random action of a random actor is sent, and it must
 * succeed when the record listed it for that actor and be refused (4xx) when it did not.
 */
interface Actor {
  name: string;
  /** The record as this actor reads it: its `allowedActions`. */
  listed(): Promise<string[]>;
  /** Every action this actor could try, listed or not, and how to send it. */
  actions: Record<string, () => request.Test | Promise<request.Response>>;
}

interface Driver {
  actors: Actor[];
  /** Something else that happens between actions (a dispute is opened, a warning issued...). */
  noise?: () => Promise<unknown>;
}

const FORM = {
  skills: ['logo design'],
  experience: 'Five years of brand identity work for small shops.',
  education: 'DKV, ITB',
  portfolio: ['https://dewi.example.test/work'],
};
const REVIEW = { communication: 5, asDescribed: 5, recommend: 4, text: 'Great work' };

const seed = Number(process.env.FC_SEED ?? Date.now() % 2_147_483_647);
const steps = fc.array(
  fc.record({ actor: fc.nat(), action: fc.nat(), noise: fc.integer({ min: 0, max: 5 }) }),
  { minLength: 3, maxLength: 7 },
);

async function walk(make: () => Promise<Driver>, label: string) {
  await fc.assert(
    fc.asyncProperty(steps, async (plan) => {
      const d = await make();
      for (const s of plan) {
        if (s.noise === 0 && d.noise) await d.noise();
        const actor = d.actors[s.actor % d.actors.length]!;
        const names = Object.keys(actor.actions);
        const action = names[s.action % names.length]!;
        const listed = await actor.listed();
        const res = await actor.actions[action]!();
        const what =
          `${label}: ${actor.name} ${action} (listed: ` +
          `${listed.join(', ') || 'none'}) → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
        if (listed.includes(action)) expect(res.status, what).toBeLessThan(300);
        else {
          expect(res.status, what).toBeGreaterThanOrEqual(400);
          expect(res.status, what).toBeLessThan(500);
        }
      }
    }),
    { numRuns: 4, seed },
  );
}

describe('allowedActions matches the API', () => {
  it(`orders and their milestones, for buyer and seller, with disputes freezing \
them (seed ${seed})`, async () => {
    await walk(async (): Promise<Driver> => {
      const o = await makeOrder(t, { upTo: 'placed', price: 200_000 });
      const detail = (who: typeof o.buyer) => who.get(`/api/v1/orders/${o.orderId}`);
      const orderActions = async (who: typeof o.buyer) => {
        const body = (await detail(who)).body;
        const m = body.milestones[0];
        const listed: string[] = [
          ...body.allowedActions,
          ...m.allowedActions.map((a: string) => `milestone:${a}`),
        ];
        // The buyer's review is one request: it accepts a delivery first, or reviews a completed order.
        if (who === o.buyer && listed.includes('leave-review')) listed.push('buyer-review-delivery');
        return listed;
      };
      const path = `/api/v1/orders/${o.orderId}`;
      return {
        actors: [
          {
            name: 'buyer',
            listed: () => orderActions(o.buyer),
            actions: {
              'buyer-pay-milestone': () => o.buyer.post(`${path}/milestones/${o.milestoneId}/pay`, CARD),
              'buyer-request-revision': () =>
                o.buyer.post(`${path}/revisions`, { message: 'Bigger, please' }),
              'buyer-accept-delivery': () => o.buyer.post(`${path}/accept`),
              'buyer-review-delivery': () => o.buyer.post(`${path}/reviews`, REVIEW),
              'seller-deliver': () => o.buyer.post(`${path}/deliveries`, { message: 'Here it is' }),
            },
          },
          {
            name: 'seller',
            listed: () => orderActions(o.seller),
            actions: {
              'seller-deliver': () => o.seller.post(`${path}/deliveries`, { message: 'Here it is' }),
              'buyer-accept-delivery': () => o.seller.post(`${path}/accept`),
              'buyer-pay-milestone': () => o.seller.post(`${path}/milestones/${o.milestoneId}/pay`, CARD),
              'leave-review': () => o.seller.post(`${path}/reviews`, REVIEW),
            },
          },
        ],
        // DSP-3: a dispute freezes deliveries, acceptance and revisions.
        noise: () =>
          o.buyer.post(`${path}/disputes`, {
            milestoneId: o.milestoneId,
            reason: 'The work is not what we agreed on.',
            amount: 100_000,
          }),
      };
    }, 'order');
  });

  it(`seller applications, for trust & safety and the applicant (seed ${seed})`, async () => {
    const trust = await t.staff('trust_safety');
    await walk(async (): Promise<Driver> => {
      const u = await t.user();
      const app = (await u.post('/api/v1/seller-application', FORM)).body;
      const base = `/api/admin/seller-applications/${app.id}`;
      return {
        actors: [
          {
            name: 'trust_safety',
            listed: async () => (await trust.get(base)).body.allowedActions,
            actions: {
              approve: () => trust.post(`${base}/approve`, { reason: 'Portfolio meets the bar' }),
              reject: () => trust.post(`${base}/reject`, { reason: 'No portfolio we could open' }),
              'request-changes': () => trust.post(`${base}/request-changes`, { reason: 'Add two samples' }),
            },
          },
          {
            name: 'applicant',
            listed: async () => (await u.get('/api/v1/seller-application')).body.allowedActions,
            actions: { 'applicant-resubmit': () => u.put('/api/v1/seller-application', FORM) },
          },
        ],
      };
    }, 'application');
  });

  it(`reports and users' accounts, for trust & safety (seed ${seed})`, async () => {
    const trust = await t.staff('trust_safety');
    await walk(async (): Promise<Driver> => {
      const seller = await t.seller();
      const service = await publishService(seller);
      const reporter = await t.user();
      const report = (
        await reporter.post('/api/v1/reports', {
          subjectType: 'service',
          subjectId: service.id,
          reason: 'contact_outside_platform',
          answers: { happened_in_order: false, asked_to_pay_outside: true, lost_money: false },
          details: 'Asks buyers to pay by bank transfer.',
        })
      ).body;
      const r = `/api/admin/reports/${report.id}`;
      const u = `/api/admin/users/${seller.id}`;
      return {
        actors: [
          {
            name: 'trust_safety on the report',
            listed: async () => (await trust.get(r)).body.allowedActions,
            actions: {
              dismiss: () => trust.post(`${r}/dismiss`, { reason: 'Nothing wrong' }),
              warn: () => trust.post(`${r}/warn`, { reason: 'Outside payment', type: 'other' }),
              'remove-service': () => trust.post(`${r}/remove-service`, { reason: 'Off-platform payment' }),
              block: () => trust.post(`${r}/block`, { reason: 'Fraud ring' }),
            },
          },
          {
            name: 'trust_safety on the user',
            listed: async () => (await trust.get(u)).body.allowedActions,
            actions: {
              block: () => trust.post(`${u}/block`, { reason: 'Fraud ring' }),
              'lift-suspension': () => trust.post(`${u}/lift-suspension`, { reason: 'Appeal accepted' }),
              warn: () => trust.post(`${u}/warnings`, { type: 'spam', reason: 'Same message to 40 buyers' }),
              'set-level': () => trust.post(`${u}/level`, { level: 'level_1', reason: 'Steady work' }),
            },
          },
        ],
        // WRN-4: a second warning of the same type suspends the account.
        noise: () => trust.post(`${u}/warnings`, { type: 'spam', reason: 'Same message to 40 buyers' }),
      };
    }, 'report');
  });

  it(`service reviews, for trust & safety (seed ${seed})`, async () => {
    const trust = await t.staff('trust_safety');
    await walk(async (): Promise<Driver> => {
      const service = await publishService(await t.seller(), {}, { approve: false });
      const open = await trust
        .get('/api/admin/service-reviews')
        .query({ filter: JSON.stringify({ serviceId: service.id, status: 'open' }) });
      const r = `/api/admin/service-reviews/${open.body[0].id}`;
      return {
        actors: [
          {
            name: 'trust_safety',
            listed: async () => (await trust.get(r)).body.allowedActions,
            actions: {
              approve: () => trust.post(`${r}/approve`, { reason: 'Meets the guidelines' }),
              reject: () =>
                trust.post(`${r}/reject`, { reasonCode: 'contact_details', reason: 'Asks buyers to call.' }),
              claim: () => trust.post(`${r}/claim`, {}),
            },
          },
        ],
      };
    }, 'service review');
  });

  it(`tickets, for staff working them (seed ${seed})`, async () => {
    const admin = await t.staff('admin');
    await walk(async (): Promise<Driver> => {
      const user = await t.user();
      const open = async (subject: string) =>
        (
          await user.post('/api/v1/support/tickets', {
            topic: 'payment_problem',
            subject,
            message: 'The card payment for my order failed twice.',
          })
        ).body as { id: number };
      const ticket = await open('My payment failed');
      const other = await open('My payment failed again');
      const r = `/api/admin/tickets/${ticket.id}`;
      const status = (to: string) => () => admin.post(`${r}/status`, { status: to });
      return {
        actors: [
          {
            name: 'admin',
            listed: async () => (await admin.get(r)).body.allowedActions,
            actions: {
              'staff-open': status('open'),
              'staff-pend': status('pending'),
              'staff-hold': status('on_hold'),
              'staff-solve': status('solved'),
              'staff-merge': () => admin.post(`${r}/merge`, { intoId: other.id, reason: 'Same question' }),
              'staff-reply': () => admin.post(`${r}/messages`, { body: 'We are looking into it.' }),
              'staff-tag': () => admin.post(`${r}/tags`, { add: ['card'] }),
              'staff-route': async () => {
                const queue = (await admin.get(r)).body.queue === 'support' ? 'finance' : 'support';
                return admin.post(`${r}/route`, { queue, reason: 'Their question is about money' });
              },
            },
          },
        ],
        noise: () => user.post(`/api/v1/support/tickets/${ticket.id}/messages`, { message: 'Any news?' }),
      };
    }, 'ticket');
  });

  it(`refund requests, for support (seed ${seed})`, async () => {
    const support = await t.staff('support');
    await walk(async (): Promise<Driver> => {
      const o = await makeOrder(t, { upTo: 'paid', price: 300_000 });
      const req = (
        await o.buyer.post(`/api/v1/orders/${o.orderId}/refund-requests`, {
          reason: 'seller_not_working_as_agreed',
          message: 'The seller delivered nothing for a week.',
        })
      ).body;
      const r = `/api/admin/refund-requests/${req.id}`;
      return {
        actors: [
          {
            name: 'support',
            listed: async () => (await support.get(r)).body.allowedActions,
            actions: {
              'support-approve': () => support.post(`${r}/approve`, { reason: 'Seller never started' }),
              'support-approve-partial': () =>
                support.post(`${r}/approve`, { amount: 100_000, reason: 'Half the work was done' }),
              'support-reject': () => support.post(`${r}/reject`, { reason: 'Work was delivered' }),
            },
          },
        ],
      };
    }, 'refund');
  });

  it(`disputes, for both parties and support, through offers, deadlines and \
arbitration (seed ${seed})`, async () => {
    const support = await t.staff('support');
    // Staff fire one route for the default award (DSP-4) and the final one (DSP-8): compare by route.
    const route = (name: string) =>
      name.replace(/^support-(approve|refuse)-(default|final)-award$/, 'support-$1-award');
    let runs = 0;
    await walk(async (): Promise<Driver> => {
      const o = await makeOrder(t, { upTo: 'delivered', price: 400_000 });
      const opened = await o.buyer.post(`/api/v1/orders/${o.orderId}/disputes`, {
        milestoneId: o.milestoneId,
        reason: 'The logo is a copy of a stock image.',
        amount: 300_000,
      });
      expect(opened.status, JSON.stringify(opened.body)).toBe(201);
      const path = `/api/v1/disputes/${opened.body.id}`;
      const admin = `/api/admin/disputes/${opened.body.id}`;
      const openOfferFor = async (who: typeof o.buyer, role: string) => {
        const d = (await who.get(path)).body;
        const offer = [...d.offers]
          .reverse()
          .find((x: { status: string; byRole: string }) => x.status === 'open' && x.byRole !== role);
        return offer?.id ?? 999_999;
      };
      const party = (who: typeof o.buyer, role: 'buyer' | 'seller'): Actor => ({
        name: role,
        listed: async () => (await who.get(path)).body.allowedActions,
        actions: {
          'party-accept-offer': async () =>
            who.post(`${path}/offers/${await openOfferFor(who, role)}/accept`),
          'party-request-arbitration': () => who.post(`${path}/arbitration`, CARD),
          'party-pay-arbitration-fee': () => who.post(`${path}/arbitration/pay`, CARD),
        },
      });
      // Each run starts at another stage (DSP-4, DSP-7, DSP-8, DSP-10), then the walk goes on from there.
      const start = runs++ % 4;
      if (start === 0) await o.seller.post(`${path}/offers`, { sellerAmount: 250_000 });
      if (start === 1) await t.advance(6 * 86_400); // no response: awaiting the default award
      if (start >= 2) {
        await o.seller.post(`${path}/statements`, { text: 'It is original work.' });
        await t.advance(5 * 86_400);
        expect((await o.buyer.post(`${path}/arbitration`, CARD)).status).toBe(200);
      }
      if (start === 3) expect((await o.seller.post(`${path}/arbitration/pay`, CARD)).status).toBe(200);
      let turn = 0;
      const noises = [
        () => o.seller.post(`${path}/offers`, { sellerAmount: 250_000 }),
        () => t.advance(6 * 86_400),
        () => o.buyer.post(`${path}/offers`, { sellerAmount: 150_000 }),
      ];
      return {
        actors: [
          party(o.buyer, 'buyer'),
          party(o.seller, 'seller'),
          {
            name: 'support',
            listed: async () => ((await support.get(admin)).body.allowedActions as string[]).map(route),
            actions: {
              'support-approve-award': () => support.post(`${admin}/approve-award`, { reason: 'No answer' }),
              'support-refuse-award': () =>
                support.post(`${admin}/refuse-award`, { reason: 'Evidence missing' }),
              'support-decide-arbitration': () =>
                support.post(`${admin}/decide`, {
                  buyerPercent: 60,
                  sellerPercent: 40,
                  reason: 'Partly copied',
                }),
            },
          },
        ],
        noise: () => noises[turn++ % noises.length]!(),
      };
    }, 'dispute');
  });

  it(`escalated cancellations, for support (seed ${seed})`, async () => {
    const support = await t.staff('support');
    await walk(async (): Promise<Driver> => {
      const o = await makeOrder(t, { upTo: 'paid', price: 300_000 });
      const req = (
        await o.buyer.post(`/api/v1/orders/${o.orderId}/resolution-requests`, {
          kind: 'cancel',
          reason: 'other',
          message: 'Please cancel.',
        })
      ).body;
      await o.seller.post(`/api/v1/resolution-requests/${req.id}/decline`, {});
      const esc = await o.buyer.post(`/api/v1/resolution-requests/${req.id}/escalate`, {
        statement: 'I need to cancel this order.',
      });
      expect(esc.status, JSON.stringify(esc.body)).toBe(201);
      const e = `/api/admin/escalations/${esc.body.id}`;
      return {
        actors: [
          {
            name: 'support',
            listed: async () => (await support.get(e)).body.allowedActions,
            actions: {
              'support-decide': () =>
                support.post(`${e}/decide`, { outcome: 'cancel_full', reason: 'The seller did not start' }),
            },
          },
        ],
      };
    }, 'escalation');
  });

  it(`withdrawals, for two finance users under four eyes (seed ${seed})`, async () => {
    const admin = await t.staff('admin');
    await admin.put('/api/admin/settings/payout_four_eyes_threshold', {
      value: 100_000,
      reason: 'every payout of this test needs two approvals',
    });
    const first = await t.staff('finance', 'walk-finance-a@staff.test');
    const second = await t.staff('finance', 'walk-finance-b@staff.test');
    let bankRef = 0;
    await walk(async (): Promise<Driver> => {
      const o = await makeOrder(t, { upTo: 'completed', price: 300_000 });
      await t.advance(14 * 86_400 + 60);
      const w = await o.seller.post('/api/v1/withdrawals', {
        amount: 200_000,
        method: { type: 'bank_transfer', bank: 'BCA', accountNumber: '1234567890', holderName: 'Sari Dewi' },
      });
      expect(w.status, JSON.stringify(w.body)).toBe(201);
      const path = `/api/admin/withdrawals/${w.body.id}`;
      const finance = (who: typeof first, name: string): Actor => ({
        name,
        listed: async () => (await who.get(path)).body.allowedActions,
        actions: {
          'finance-approve': () => who.post(`${path}/approve`),
          'finance-reject': () => who.post(`${path}/reject`, { reason: 'Account details do not match' }),
          'finance-mark-paid': () => who.post(`${path}/mark-paid`, { reference: `BCA-WALK-${++bankRef}` }),
          'finance-mark-failed': () => who.post(`${path}/mark-failed`, { reason: 'The bank returned it' }),
        },
      });
      return {
        actors: [finance(first, 'first finance user'), finance(second, 'second finance user')],
        // WDR-7: the bank file takes every approved payout (this one among them, when approved).
        noise: () => first.get('/api/admin/withdrawals/export.csv').set('X-CSRF-Token', first.csrfToken),
      };
    }, 'withdrawal');
  });

  it(`identity checks, for trust & safety (seed ${seed})`, async () => {
    const trust = await t.staff('trust_safety');
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    await walk(async (): Promise<Driver> => {
      const u = await t.seller();
      const sent = await u
        .upload('/api/v1/me/identity-verification')
        .attach('idPhoto', png, { filename: 'ktp.png', contentType: 'image/png' })
        .attach('selfie', png, { filename: 'selfie.png', contentType: 'image/png' });
      expect(sent.status, JSON.stringify(sent.body)).toBe(201);
      const c = `/api/admin/identity-checks/${sent.body.id}`;
      return {
        actors: [
          {
            name: 'trust_safety',
            listed: async () => (await trust.get(c)).body.allowedActions,
            actions: {
              approve: () => trust.post(`${c}/approve`, { reason: 'The photos match' }),
              reject: () => trust.post(`${c}/reject`, { reason: 'The selfie does not match the ID photo' }),
            },
          },
        ],
      };
    }, 'identity check');
  });
});
