/**
 * What the sandbox answers for the operators' workflows, kept apart from the server so the
 * server's routing only calls in: the customer search (`GET users?search=`), a site by id or code
 * (`GET sites/{idOrCode}`) and a move-out's `nextUnitState` when its last step completes.
 */
import type { Rec } from './seed';

const words = (s: unknown) =>
  String(s ?? '')
    .trim()
    .toLowerCase();
const digits = (s: unknown) => String(s ?? '').replace(/\D/g, '');

/**
 * `search=` as Storeganise's customer search behaves for the app: a case-insensitive part of the
 * name, e-mail or company, or of the phone number's digits. Partial matches on purpose: the app
 * must pick the exact one itself.
 */
export function userMatchesSearch(user: Record<string, unknown>, term: string): boolean {
  const wanted = words(term);
  if (!wanted) return true;
  const texts = [
    `${user.firstName ?? ''} ${user.lastName ?? ''}`,
    user.name,
    user.email,
    user.companyName,
  ].map(words);
  if (texts.some((t) => t.includes(wanted))) return true;
  const phone = digits(term);
  return phone.length >= 3 && digits(user.phone).includes(phone);
}

/** `GET sites/{idOrCode}`: the id first, then the code (not case-sensitive). */
export function siteByIdOrCode(sites: Rec[], key: string): Rec | undefined {
  return sites.find((s) => s.id === key) ?? sites.find((s) => words(s.code) === words(key));
}

export const UNIT_STATES_AFTER_MOVE_OUT = new Set(['available', 'blocked']);

/** Why a step body's `nextUnitState` is refused (a 400), or undefined when it is fine or absent. */
export function nextUnitStateProblem(nextUnitState: unknown): string | undefined {
  if (nextUnitState === undefined || UNIT_STATES_AFTER_MOVE_OUT.has(String(nextUnitState))) return undefined;
  return '"nextUnitState" must be one of: available, blocked';
}

/**
 * A move-out whose steps are all completed ends its rental and frees the unit: `nextUnitState`
 * from the step's body (`available` by default).
 */
export function finishMoveOut(
  rental: Rec | undefined,
  unit: Rec | undefined,
  nextUnitState: unknown,
  at: string,
): void {
  const next = nextUnitState === undefined ? 'available' : String(nextUnitState);
  if (rental) {
    rental.state = 'ended';
    rental.endDate = at.slice(0, 10);
    rental.updated = at;
  }
  if (unit) {
    unit.state = next;
    unit.updated = at;
  }
}
