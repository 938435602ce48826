// What new usage concerns: the teams and users it was attributed to. A check after an ingest or a pull looks only
// at the budgets and identities the usage can have changed.
import type { Budget } from '../../core';
import type { LedgerEvent } from '../store/store';

/** The values a Slack user's events may carry: their user id and, when Slack shares it, their email. */
export type Identities = (userId: string) => Promise<string[]>;

/** The teams and users new usage was attributed to, and the span of its times (ms). */
export interface AlertSubjects {
  teams: ReadonlySet<string>;
  users: ReadonlySet<string>;
  earliest: number;
  latest: number;
}

export function subjectsOf(events: readonly LedgerEvent[]): AlertSubjects {
  const teams = new Set<string>();
  const users = new Set<string>();
  let earliest = Infinity;
  let latest = -Infinity;
  for (const event of events) {
    if (event.team) teams.add(event.team);
    if (event.user) users.add(event.user);
    earliest = Math.min(earliest, event.time);
    latest = Math.max(latest, event.time);
  }
  return { teams, users, earliest, latest };
}

/** Whether a budget's use can have changed for usage of `subjects`: the organisation's always does. */
export async function concerns(budget: Budget, subjects: AlertSubjects, identities: Identities): Promise<boolean> {
  if (budget.scope === 'organization') return true;
  if (budget.scope === 'team') return subjects.teams.has(budget.subject);
  // New usage is not told apart by environment or app here: their few budgets are checked after every batch.
  if (budget.scope === 'environment' || budget.scope === 'app') return true;
  // Usage carrying the Slack id needs no look-up of the person's other identities (their email).
  if (subjects.users.has(budget.subject)) return true;
  return (await identities(budget.subject)).some((identity) => subjects.users.has(identity));
}
