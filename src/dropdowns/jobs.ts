/**
 * Hidden trigger behind the "Job" dropdown: "Move-in · created · 2026-11-20" or, for a task,
 * "Task: Check lock on unit A-104 · created · 2026-11-22". Paged, 100 a page.
 */
import { pagedDropdown } from './paged';
import { jobsPage } from '../client';
import { text } from '../read-input';
import type { Job } from '../types';

export const PAGE = 100;

/** "unit_moveIn" → "Move-in", "valetOrder" → "Valet order", "task" → "Task". */
export function jobTypeLabel(type: unknown): string {
  const words = String(type ?? 'job')
    .replace(/^unit_/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  const named = words === 'move in' ? 'move-in' : words === 'move out' ? 'move-out' : words;
  return named ? named[0].toUpperCase() + named.slice(1) : 'Job';
}

export function jobLabel(job: Job): string {
  const title = text((job.data as Record<string, unknown> | undefined)?.title);
  const kind = jobTypeLabel(job.type);
  const created = typeof job.created === 'string' ? job.created.slice(0, 10) : undefined;
  return [title ? `${kind}: ${title}` : kind, job.state, created].filter(Boolean).join(' · ');
}

export default pagedDropdown({
  key: 'job_list',
  noun: 'Job',
  lists: 'jobs',
  pageSize: PAGE,
  page: (z, bundle, page) => jobsPage(z, bundle, page),
  label: jobLabel,
  sample: { id: '64f1c2a9e3b7d10012a4f410', label: 'Move-in · completed · 2026-11-20' },
});
