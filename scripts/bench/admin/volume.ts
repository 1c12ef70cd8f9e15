import pg from 'pg';

/**
 * Marketplace volume for the admin list benchmark (issue #15), made in SQL with generate_series: users,
 * orders with one milestone each, open and closed refund requests, escalations, withdrawals, disputes,
 * ledger entries with two postings each, audit rows. Every row keeps the schema's constraints; the
 * figures are what the issue names (1M orders, 200k users, 100k open queue items, 5M postings).
 */
export interface Volume {
  users: number;
  orders: number;
  openRefunds: number;
  openWithdrawals: number;
  escalations: number;
  disputes: number;
  entries: number;
  audit: number;
}

export function volume(quick: boolean): Volume {
  return quick
    ? {
        users: 20_000,
        orders: 100_000,
        openRefunds: 5_000,
        openWithdrawals: 5_000,
        escalations: 1_000,
        disputes: 1_000,
        entries: 250_000,
        audit: 20_000,
      }
    : {
        users: 200_000,
        orders: 1_000_000,
        openRefunds: 50_000,
        openWithdrawals: 50_000,
        escalations: 5_000,
        disputes: 5_000,
        entries: 2_500_000,
        audit: 200_000,
      };
}

const WORDS =
  "'{logo,website,translation,video,article,mobile,app," + "design,voice,data,seo,banner,illustration}'";

export async function makeVolume(url: string, v: Volume, log: (m: string) => void): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const step = async (what: string, text: string) => {
    const t = performance.now();
    await c.query(text);
    log(`volume: ${what} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  try {
    await c.query(`set synchronous_commit = off`);
    await step(
      `${v.users} users`,
      `insert into users (name, email, username, password_hash, status, is_seller, created_at, activated_at)
       select (${WORDS}::text[])[1 + i % 13] || ' Person ' || i, 'user' || i || '@volume.test', 'user' || i,
              'x', case when i % 97 = 0 then 'suspended' else 'active' end, i % 4 = 0,
              now() - (i % 700) * interval '1 day', now()
       from generate_series(1, ${v.users}) as i`,
    );
    await step(
      'services',
      `insert into services (seller_id, title, description, category, price, delivery_days, revisions,
                             created_at, updated_at)
       select u.id, 'Service of ' || u.name, 'A description', 'graphics_design',
              100000 + u.id % 50 * 10000, 3, 1, now(), now()
       from users u where u.is_seller`,
    );
    await step(
      `${v.orders} orders`,
      `insert into orders (buyer_id, seller_id, title, status, total, revisions_included, commission_bp,
                           created_at, updated_at, due_at, completed_at)
       select b, s, initcap((${WORDS}::text[])[1 + i % 13]) || ' work number ' || i,
              (array['in_progress','delivered','completed','completed','completed','cancelled'])[1 + i % 6],
              50000 + (i::bigint * 7919) % 9950000, 1, 2000,
              now() - (i % 365) * interval '1 day', now(), now() + (i % 30 - 10) * interval '1 day',
              case when i % 6 in (2, 3, 4) then now() - (i % 300) * interval '1 day' end
       from generate_series(1, ${v.orders}) as i,
            lateral (select 1 + (i * 31) % ${v.users} as b,
                            4 * (1 + (i * 17) % (${v.users} / 4)) as s) as parties`,
    );
    await step(
      'milestones',
      `insert into milestones (order_id, seq, title, amount, days, status, due_at, paid_at)
       select o.id, 1, 'Milestone', o.total, 3,
              case o.status when 'completed' then 'released' when 'cancelled' then 'refunded'
                            when 'delivered' then 'delivered' else 'in_escrow' end,
              o.due_at, o.created_at
       from orders o`,
    );
    await step(
      `${v.openRefunds} open refund requests (and as many decided)`,
      `insert into refund_requests (kind, buyer_id, order_id, destination, reason, message, amount_requested,
                                    status, sla_due_at, created_at, decided_at, decision_reason)
       select 'order', o.buyer_id, o.id, 'credit', 'not_as_described', 'Please refund', o.total,
              case when i <= ${v.openRefunds} then 'open' else 'rejected' end,
              now() + ((i % 120) - 40) * interval '1 hour', now() - (i % 60) * interval '1 hour',
              case when i > ${v.openRefunds} then now() end,
              case when i > ${v.openRefunds} then 'Not eligible' end
       from generate_series(1, ${2 * v.openRefunds}) as i
       join orders o on o.id = i * 9`,
    );
    await step(
      `${v.escalations} escalations`,
      `with rr as (
         insert into resolution_requests (order_id, kind, requester_id, requester_role, reason, message,
                                          status, order_status_before, created_at)
         select o.id, 'cancel', o.buyer_id, 'buyer', 'other', 'Cancel please', 'escalated', 'in_progress',
                now()
         from orders o where o.id % 9 = 5 and o.id <= ${v.escalations * 9}
         returning id, order_id, requester_id)
       insert into escalations (resolution_request_id, order_id, escalated_by, statement, status, sla_due_at,
                                created_at)
       select id, order_id, requester_id, 'We disagree', case when id % 2 = 0 then 'open' else 'decided' end,
              now() + ((id % 100) - 30) * interval '1 hour', now()
       from rr`,
    );
    await step(
      `${v.disputes} disputes`,
      `insert into disputes (order_id, milestone_id, opened_by, opener_role, reason, escrow_amount,
                             opener_amount, stage, respond_by, sla_due_at, created_at)
       select m.order_id, m.id, o.buyer_id, 'buyer', 'quality', m.amount, m.amount,
              (array['negotiation','arbitration','closed'])[1 + m.id % 3], now() + interval '2 days',
              now() + ((m.id % 100) - 30) * interval '1 hour', now()
       from milestones m join orders o on o.id = m.order_id
       where m.order_id % 9 = 7 and m.order_id <= ${v.disputes * 9}`,
    );
    await step(
      'payout methods',
      `insert into payout_methods (user_id, type, bank, account_number, holder_name, fingerprint, created_at)
       select u.id, 'bank_transfer', 'BCA', lpad(u.id::text, 10, '0'), u.name, 'bank:BCA:' || u.id, now()
       from users u where u.is_seller`,
    );
    await step(
      `${v.openWithdrawals} open withdrawals (and as many paid)`,
      `insert into withdrawals (user_id, source, amount, method, method_fingerprint, payout_method_id, status,
                                sla_due_at, bank_reference, paid_at, created_at)
       select pm.user_id, 'available', 100000 + (i * 7) % 5000000,
              jsonb_build_object('type', 'bank_transfer', 'bank', 'BCA', 'accountNumber', pm.account_number,
                                 'holderName', pm.holder_name),
              pm.fingerprint, pm.id,
              case when i <= ${v.openWithdrawals}
                   then (array['pending','pending','awaiting_second_approval','approved'])[1 + i % 4]
                   else 'paid' end,
              now() + ((i % 100) - 30) * interval '1 hour',
              case when i > ${v.openWithdrawals} then 'TRF' || lpad(i::text, 10, '0') end,
              case when i > ${v.openWithdrawals} then now() end,
              now() - (i % 90) * interval '1 day'
       from generate_series(1, ${2 * v.openWithdrawals}) as i
       join payout_methods pm on pm.id = 1 + i % (select count(*) from payout_methods)`,
    );
    await step(
      'ledger accounts',
      `insert into ledger_accounts (code, kind, user_id, balance, created_at)
       select 'user:' || u.id || ':' || k, k, u.id, 0, now()
       from users u, unnest(array['pending', 'available']) as k
       where u.is_seller`,
    );
    // Postings move money between a seller's pending and available accounts and back, so every cached
    // balance stays a sum of its postings (zero at the end of each pair) and the trial balance holds.
    await step(
      `${v.entries} journal entries with ${2 * v.entries} postings`,
      `with e as (
         insert into journal_entries (kind, memo, at, order_id, user_id)
         select 'clearance', 'volume', now() - (i % 365) * interval '1 day', 1 + i % ${v.orders},
                4 * (1 + i % (${v.users} / 4))
         from generate_series(1, ${v.entries}) as i
         returning id, user_id)
       insert into postings (entry_id, account_id, amount)
       select e.id, a.id,
              case a.kind when 'pending' then -1000 else 1000 end * case when e.id % 2 = 0 then 1 else -1 end
       from e join ledger_accounts a on a.user_id = e.user_id`,
    );
    await step(
      `${v.audit} audit rows`,
      `insert into audit_log (at, actor_type, action, subject_type, subject_id, reason)
       select now() - i * interval '1 minute', 'system', 'order.auto_complete', 'order',
              (1 + i % ${v.orders})::text, 'Auto-completion'
       from generate_series(1, ${v.audit}) as i`,
    );
    // What autovacuum does after a bulk load, done here because this machine's server runs with
    // autovacuum off: without it every trigram search also reads its index's pending list (100,000 rows
    // of refund_requests' charge references: 40 ms a search), which a production server flushes.
    await step('vacuum analyze', 'vacuum analyze');
  } finally {
    await c.end();
  }
}
