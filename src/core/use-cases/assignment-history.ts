// An uppdrag's change log (assignment-changes.ts records it): the uppdrag card and the uppdragshandling
// both show it. A leaf module, so that the card, the document and the change use case share it without an
// import circle.
import type { Member } from '../domain.js';
import type { Store } from '../ports.js';
import { format, type Catalog } from '../../i18n/index.js';
import { formatDate } from '../dates.js';
import { memberName } from './action-plan-common.js';

/** The uppdrag's change log, oldest first: "2026-11-25 Anna Ordförande: slutdatum … Skäl: …". */
export async function assignmentChangeLines(deps: { store: Store }, t: Catalog, groupId: string, assignmentId: string, members: Member[], timeZone: string): Promise<string[]> {
  const changes = await deps.store.planChanges.list({ groupId, entityId: assignmentId, action: 'assignment-changed' });
  return changes
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    .map((change) =>
      format(t.assignmentChanges.historyLine, {
        date: formatDate(change.createdAt, timeZone),
        name: memberName(members, change.memberId, t),
        changes: String(change.details.changes ?? ''),
        reason: String(change.details.reason ?? ''),
      }),
    );
}
