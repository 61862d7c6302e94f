// The group's meetings as an iCalendar file (RFC 5545) for Outlook, Google and Apple calendars. One
// VEVENT per meeting with a stable UID, so importing again updates instead of duplicating; cancelled
// meetings stay in the file with STATUS:CANCELLED, which removes them from calendars that had them.
import type { DateTime as IcsDateTime, EventAttributes } from 'ics';
import type { Group, Meeting } from '../core/domain.js';
import { catalog, format } from '../i18n/index.js';

function utcParts(instant: Date): IcsDateTime {
  return [instant.getUTCFullYear(), instant.getUTCMonth() + 1, instant.getUTCDate(), instant.getUTCHours(), instant.getUTCMinutes()];
}

export async function meetingsCalendar(group: Group, meetings: Meeting[]): Promise<string> {
  // Imported at the first calendar download, not at start-up (ics and its validator: about 11 MB).
  const { createEvents } = await import('ics');
  const t = catalog(group.locale);
  const events: EventAttributes[] = meetings.map((meeting) => ({
    uid: `${meeting.id}@samverkansbot`,
    start: utcParts(meeting.startsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: meeting.durationMinutes },
    title: format(t.meetings.calendarSummary, { groupName: group.name }),
    description: t.meetings.calendarDescription,
    ...(meeting.location ? { location: meeting.location } : {}),
    status: meeting.cancelled ? 'CANCELLED' : 'CONFIRMED',
    productId: 'samverkansbot',
    calName: format(t.meetings.calendarName, { groupName: group.name }),
  }));
  const { error, value } = createEvents(events);
  if (error || !value) throw error ?? new Error('ics: no calendar produced');
  return value;
}
