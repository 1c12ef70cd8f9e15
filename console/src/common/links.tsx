import type { MouseEvent, ReactNode } from 'react';
import { Link, useCreatePath, useRecordContext, useTranslate } from 'react-admin';

const valueAt = (record: Record<string, unknown> | undefined, path: string): unknown =>
  path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], record);

/** Clicking a link inside a clickable row opens the link's record, not the row's. */
const stop = (e: MouseEvent) => e.stopPropagation();

/** A link to one record's page (issue 16, item 1: every id and party is a link to its record). */
export function RecordLink({
  resource,
  id,
  children,
}: {
  resource: string;
  id: number;
  children: ReactNode;
}) {
  const createPath = useCreatePath();
  return (
    <Link to={createPath({ resource, id, type: 'show' })} onClick={stop}>
      {children}
    </Link>
  );
}

/**
 * A field that links to the record whose id is at `source`, showing the name at `nameSource` (or `#id`):
 * `<LinkField source="buyerId" nameSource="buyerName" reference="users" />`.
 */
export function LinkField({
  source,
  reference,
  nameSource,
  emptyText = '—',
}: {
  source: string;
  reference: string;
  nameSource?: string;
  label?: string;
  emptyText?: string;
  sortable?: boolean;
}) {
  const record = useRecordContext<Record<string, unknown>>();
  const id = valueAt(record, source);
  if (typeof id !== 'number' && typeof id !== 'string') return <span>{emptyText}</span>;
  const name = nameSource ? valueAt(record, nameSource) : null;
  return (
    <RecordLink resource={reference} id={Number(id)}>
      {typeof name === 'string' && name ? name : `#${id}`}
    </RecordLink>
  );
}

/** The row's own id as a link to its page, for lists and tables of related cases. */
export function IdLink({ resource }: { resource: string; label?: string; source?: string }) {
  return <LinkField source="id" reference={resource} />;
}

/**
 * A role ("buyer" or "seller") with the party's name as a link, from the record's `buyerId`/`buyerName`
 * and `sellerId`/`sellerName`: the page names the person, not only their role.
 */
export function PartyRoleField({ source }: { source: string; label?: string; sortable?: boolean }) {
  const record = useRecordContext<Record<string, unknown>>();
  const translate = useTranslate();
  const role = valueAt(record, source);
  if (role !== 'buyer' && role !== 'seller') return <span>{typeof role === 'string' ? role : '—'}</span>;
  return (
    <span>
      {translate(`app.cases.fields.${role}`)}:{' '}
      <LinkField source={`${role}Id`} nameSource={`${role}Name`} reference="users" />
    </span>
  );
}

/** The console resource of an audit row's `subjectType`, where the console has a page for it. */
export const SUBJECT_RESOURCES: Record<string, string> = {
  user: 'users',
  staff: 'staff',
  order: 'orders',
  ticket: 'tickets',
  ticket_macro: 'ticket-macros',
  reason_template: 'reason-templates',
  refund_request: 'refund-requests',
  escalation: 'escalations',
  dispute: 'disputes',
  report: 'reports',
  seller_application: 'seller-applications',
  identity_check: 'identity-checks',
  service_review: 'service-reviews',
  content_flag: 'content-flags',
  withdrawal: 'withdrawals',
  payout_batch: 'payout-batches',
  review: 'reviews',
  setting: 'settings',
};

/**
 * An audit row's subject (`subjectType` + `subjectId`) in words, linked to its record where the console has
 * a page for it: "Refund request #12".
 */
export function AuditSubjectField(_props: { source?: string; label?: string; sortable?: boolean }) {
  const record = useRecordContext<{ subjectType?: string; subjectId?: string | null }>();
  const translate = useTranslate();
  if (!record?.subjectType) return <span>—</span>;
  const kind = translate(`enums.subject_type.${record.subjectType}`, {
    _: record.subjectType.replace(/_/g, ' '),
  });
  const resource = SUBJECT_RESOURCES[record.subjectType];
  const id = record.subjectId;
  if (!id) return <span>{kind}</span>;
  const text = `${kind} #${id}`;
  return resource && /^\d+$/.test(id) ? (
    <RecordLink resource={resource} id={Number(id)}>
      {text}
    </RecordLink>
  ) : resource === 'settings' ? (
    <Link to={`/settings/${encodeURIComponent(id)}/show`} onClick={stop}>
      {text}
    </Link>
  ) : (
    <span>{text}</span>
  );
}

/** Who did it: a staff member or a user, linked to their page; "system" for timers. */
export function AuditActorField(_props: { source?: string; label?: string; sortable?: boolean }) {
  const record = useRecordContext<{
    actorType?: string;
    actorId?: number | null;
    actorName?: string | null;
    actorRole?: string | null;
  }>();
  const translate = useTranslate();
  if (!record) return null;
  if (record.actorType === 'system' || !record.actorId)
    return <span>{translate('enums.actor_type.system', { _: 'system' })}</span>;
  const role = record.actorRole
    ? translate(`roles.${record.actorRole}`, { _: record.actorRole })
    : translate(`enums.actor_type.${record.actorType}`, { _: record.actorType ?? '' });
  return (
    <span>
      <RecordLink resource={record.actorType === 'staff' ? 'staff' : 'users'} id={record.actorId}>
        {record.actorName ?? `#${record.actorId}`}
      </RecordLink>{' '}
      ({role})
    </span>
  );
}
