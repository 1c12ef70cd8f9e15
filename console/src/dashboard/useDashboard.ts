import { useEffect, useState } from 'react';
import { API_ROOT, httpClient } from '../api';

export type Filter = Record<string, unknown>;

export interface QueueCounts {
  key: string;
  resource: string;
  open: number;
  dueToday: number | null;
  overdue: number | null;
  assignedToMe: number | null;
  links: { open: Filter; dueToday: Filter | null; overdue: Filter | null; assignedToMe: Filter | null };
}

export interface DashboardData {
  role: string;
  timezone: string;
  days: string[];
  queues: QueueCounts[];
  flow: {
    key: string;
    inflow: number[];
    resolved: number[];
    slaAttainment: (number | null)[];
  }[];
  cases: {
    orders: number[];
    refundRequests: number[];
    refundedAmount: number[];
    disputesOpened: number[];
    refundRate: (number | null)[];
    disputeRate: (number | null)[];
    totals: { refundRate: number | null; disputeRate: number | null };
  } | null;
  payouts: { count: number[]; amount: number[] } | null;
  held: { total: number; users: number; endOfDay: number[] } | null;
  tickets: { firstResponseHours: (number | null)[]; resolutionHours: (number | null)[] };
}

/** One role's dashboard from GET /api/admin/dashboard/:role (issue 16 item 7). */
export function useDashboard(role: string | undefined) {
  const [data, setData] = useState<DashboardData | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!role) return;
    httpClient(`${API_ROOT}/dashboard/${encodeURIComponent(role)}`).then(
      ({ json }) => setData(json as DashboardData),
      (e: Error) => setError(e.message),
    );
  }, [role]);
  return { data, error };
}
