import { expect, type APIRequestContext, type APIResponse } from '@playwright/test';

/**
 * Builders for the end-to-end stories: everything is made through the product's own HTTP API (the
 * public API as the users would, the staff API as the staff would), never with SQL, so a spec starts
 * from an empty database (the reset fixture) and makes exactly what its story needs.
 */

export const USER_PASSWORD = 'Rahasia-Kuat-2026';
export const CARD = { source: 'card', cardToken: 'tok_visa' } as const;
export const DAY = 86_400;

/** The parsed answer of an API call. */
export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field in specs
  body: any;
}

async function answer(res: APIResponse): Promise<Answer> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // CSV and other non-JSON answers stay text.
  }
  return { status: res.status(), body };
}

/** Fails with the problem body, so a builder that breaks says why. */
export function expectStatus(res: Answer, status: number, what: string): Answer {
  expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(status);
  return res;
}

/** A staff member's API session (the cookie of a logged-in console, the CSRF token from /me). */
export interface StaffApi {
  get(path: string): Promise<Answer>;
  post(path: string, data?: object): Promise<Answer>;
}

export async function staffApi(request: APIRequestContext): Promise<StaffApi> {
  const me = await answer(await request.get('/api/admin/me'));
  expectStatus(me, 200, 'staff session (is the storageState stale?)');
  const headers = { 'X-CSRF-Token': me.body.csrfToken as string };
  return {
    // The CSRF header on reads too: a few GETs change state (the payout CSV export marks its rows exported).
    get: async (path) => answer(await request.get(path, { headers })),
    post: async (path, data = {}) => answer(await request.post(path, { data, headers })),
  };
}

/** An end user with a bearer token from the public login. */
export interface UserApi {
  id: number;
  name: string;
  email: string;
  username: string;
  get(path: string): Promise<Answer>;
  post(path: string, data?: object): Promise<Answer>;
  /** A multipart POST (identity photos, evidence). */
  upload(
    path: string,
    files: Record<string, { name: string; mimeType: string; buffer: Buffer }>,
  ): Promise<Answer>;
}

export interface Service {
  id: number;
  title: string;
  price: number;
}

export interface Order {
  id: number;
  title: string;
  milestones: { id: number; amount: number; title: string }[];
}

export interface PayoutMethod {
  type: 'bank_transfer';
  bank: string;
  accountNumber: string;
  holderName: string;
}

/**
 * The builders of one test. `staff` gives the staff sessions they lean on: admin (the outbox's
 * activation links, the test clock) and trust & safety (seller approval, warnings).
 */
export function builders(
  request: APIRequestContext,
  staff: (who: 'admin' | 'trust_safety') => Promise<StaffApi>,
) {
  const userApi = (u: Omit<UserApi, 'get' | 'post' | 'upload'>, token: string): UserApi => {
    const headers = { Authorization: `Bearer ${token}` };
    return {
      ...u,
      get: async (path) => answer(await request.get(path, { headers })),
      post: async (path, data = {}) => answer(await request.post(path, { data, headers })),
      upload: async (path, files) => answer(await request.post(path, { multipart: files, headers })),
    };
  };

  const make = {
    /**
     * A user who registered on the public API and followed the activation link from their email (read
     * from the outbox, as the mailer would send it), then logged in.
     */
    async user(name: string, username = name.split(' ')[0]!.toLowerCase()): Promise<UserApi> {
      const email = `${username}@example.test`;
      const data = { name, email, username, password: USER_PASSWORD };
      expectStatus(await answer(await request.post('/api/v1/auth/register', { data })), 201, 'register');
      const filter = encodeURIComponent(JSON.stringify({ to: email }));
      const mail = expectStatus(
        await (await staff('admin')).get(`/api/admin/outbox?filter=${filter}`),
        200,
        'outbox',
      );
      const token = /token=([\w-]+)/.exec(String(mail.body[0]?.text))?.[1];
      expect(token, `activation link in ${JSON.stringify(mail.body)}`).toBeTruthy();
      expectStatus(
        await answer(await request.post('/api/v1/auth/activate', { data: { token } })),
        200,
        'activate',
      );
      const login = expectStatus(
        await answer(await request.post('/api/v1/auth/login', { data: { email, password: USER_PASSWORD } })),
        200,
        'login',
      );
      return userApi({ id: login.body.user.id, name, email, username }, login.body.token);
    },

    /** A seller application as the user sends it (SEL-1). */
    async application(user: UserApi, experience: string, skills = ['design']) {
      return expectStatus(
        await user.post('/api/v1/seller-application', { skills, experience, education: 'ISI Yogyakarta' }),
        201,
        'seller application',
      ).body as { id: number };
    },

    /** A user whose seller application trust & safety approved (SEL-2). */
    async seller(name: string, username?: string): Promise<UserApi> {
      const user = await make.user(name, username);
      const app = await make.application(user, `Six years of freelance work as ${name}.`);
      expectStatus(
        await (
          await staff('trust_safety')
        ).post(`/api/admin/seller-applications/${app.id}/approve`, { reason: 'Portfolio ok' }),
        200,
        'approve seller',
      );
      return user;
    },

    async service(
      seller: UserApi,
      s: { title: string; price: number; category?: string; deliveryDays?: number; description?: string },
      opts: { approve?: boolean } = {},
    ): Promise<Service> {
      const res = await seller.post('/api/v1/services', {
        description: `${s.title}: done carefully, with the source files.`,
        category: 'graphics_design',
        deliveryDays: 3,
        ...s,
      });
      const service = expectStatus(res, 201, 'publish service').body as Service;
      if (opts.approve === false) return service;
      // CAT-1: trust & safety approve it, so buyers can order it whatever the seller's level.
      const trust = await staff('trust_safety');
      const review = expectStatus(
        await trust.get(
          `/api/admin/service-reviews?filter=` +
            encodeURIComponent(JSON.stringify({ serviceId: service.id })),
        ),
        200,
        'find service review',
      ).body as { id: number }[];
      expectStatus(
        await trust.post(`/api/admin/service-reviews/${review[0]!.id}/approve`, {
          reason: 'Meets the guidelines',
        }),
        200,
        'approve service',
      );
      return service;
    },

    /** The buyer orders the service: one milestone, awaiting payment. */
    async order(buyer: UserApi, service: Service): Promise<Order> {
      const placed = expectStatus(await buyer.post(`/api/v1/services/${service.id}/orders`), 201, 'order');
      return expectStatus(await buyer.get(`/api/v1/orders/${placed.body.id}`), 200, 'read order')
        .body as Order;
    },

    async pay(buyer: UserApi, order: Order, milestone = 0) {
      const mid = order.milestones[milestone]!.id;
      expectStatus(await buyer.post(`/api/v1/orders/${order.id}/milestones/${mid}/pay`, CARD), 200, 'pay');
    },

    async message(user: UserApi, order: Order, body: string) {
      expectStatus(await user.post(`/api/v1/orders/${order.id}/messages`, { body }), 201, 'message');
    },

    async deliver(seller: UserApi, order: Order, message = 'Here is the finished work.') {
      expectStatus(await seller.post(`/api/v1/orders/${order.id}/deliveries`, { message }), 201, 'deliver');
    },

    async accept(buyer: UserApi, order: Order) {
      expectStatus(await buyer.post(`/api/v1/orders/${order.id}/accept`), 200, 'accept delivery');
    },

    /** Ordered, paid into escrow, delivered and accepted: the escrow released to the seller. */
    async completedOrder(buyer: UserApi, seller: UserApi, service: Service): Promise<Order> {
      const order = await make.order(buyer, service);
      await make.pay(buyer, order);
      await make.deliver(seller, order);
      await make.accept(buyer, order);
      return order;
    },

    /** Moves the test clock and runs the scheduler work that fell due (timers, clearance). */
    async advanceClock(seconds: number) {
      expectStatus(
        await (await staff('admin')).post('/api/admin/test-clock/advance', { seconds }),
        200,
        'advance the test clock',
      );
    },

    /** A seller's payout request to a bank account written out (WDR-1, WDR-3). */
    async withdrawal(seller: UserApi, amount: number, method: PayoutMethod) {
      return expectStatus(await seller.post('/api/v1/withdrawals', { amount, method }), 201, 'withdrawal')
        .body as { id: number };
    },

    /** The buyer asks for their money back on an order that is not completed (REF-1). */
    async refundRequest(buyer: UserApi, order: Order, reason: string, message: string) {
      const res = await buyer.post(`/api/v1/orders/${order.id}/refund-requests`, {
        reason,
        message,
        destination: 'credit',
      });
      return expectStatus(res, 201, 'refund request').body as { id: number };
    },

    /** The buyer disputes part of a delivered milestone (DSP-1). */
    async dispute(buyer: UserApi, order: Order, amount: number, reason: string) {
      const res = await buyer.post(`/api/v1/orders/${order.id}/disputes`, {
        milestoneId: order.milestones[0]!.id,
        reason,
        amount,
      });
      return expectStatus(res, 201, 'open dispute').body as { id: number };
    },

    /** The user sends an ID photo and a selfie for identity verification (ACC-7). */
    async identityPhotos(user: UserApi, png: Buffer) {
      const res = await user.upload('/api/v1/me/identity-verification', {
        idPhoto: { name: 'ktp.png', mimeType: 'image/png', buffer: png },
        selfie: { name: 'selfie.png', mimeType: 'image/png', buffer: png },
      });
      expectStatus(res, 201, 'identity photos');
    },

    /** A user reports another's message on an order they share (WRN-10). */
    async reportMessage(reporter: UserApi, order: Order, text: string, details: string) {
      const detail = expectStatus(await reporter.get(`/api/v1/orders/${order.id}`), 200, 'read order');
      const message = (detail.body.timeline as { id: number; type: string; body: string }[]).find(
        (m) => m.type === 'message' && m.body === text,
      );
      expect(message, `message "${text}" on order ${order.id}`).toBeTruthy();
      const res = await reporter.post('/api/v1/reports', {
        subjectType: 'message',
        subjectId: message!.id,
        reason: 'contact_outside_platform',
        details,
        answers: { happened_in_order: true, asked_to_pay_outside: true, lost_money: false },
      });
      return expectStatus(res, 201, 'report').body as { id: number };
    },

    /** A warning trust & safety issues on the staff API (WRN-1..7). */
    async warning(user: UserApi, type: string, reason: string) {
      return expectStatus(
        await (await staff('trust_safety')).post(`/api/admin/users/${user.id}/warnings`, { type, reason }),
        201,
        'warning',
      ).body as { consequence?: string };
    },
  };
  return make;
}

export type Builders = ReturnType<typeof builders>;
