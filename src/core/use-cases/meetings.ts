// The group's meetings: the list, adding one meeting or a series, moving and cancelling. The seeds put a
// standing follow-up item on every meeting, so the bot has to know them; only the chair (ordförande) and
// the regional office (kansli) change them.
import type { Group, Meeting } from '../domain.js';
import type { FieldErrors, FormValues, Reply } from '../events.js';
import { FORM_FIELDS } from '../form-fields.js';
import { format, type Catalog } from '../../i18n/index.js';
import { describeTimeZone, formatClockTimes, formatLongDate } from '../dates.js';
import { swedishHolidayOn } from '../holidays.js';
import { isLocalDate, isLocalTime, localDateOf, localTimeOf, localToUtc, shiftLocalDate, weekdayOf } from '../local-time.js';
import type { Store } from '../ports.js';
import type { Dependencies, GroupContext } from './context.js';
import {
  createMeetingSeries,
  FREQUENCIES,
  horizonFrom,
  MAX_OCCURRENCES,
  MAX_SPAN_MONTHS,
  occurrenceDates,
  seriesRule,
  type Frequency,
} from './meeting-series.js';
import { mayManageGroup, refusal } from './settings.js';
import { notice } from './show-help.js';
import { identityNumberErrors } from './form-checks.js';

/** Meetings on the card: with a line, a warning and an action row each this stays under Slack's 50 blocks. */
export const MEETINGS_SHOWN = 8;
const { min: MIN_DURATION, max: MAX_DURATION } = FORM_FIELDS.meeting.durationMinutes.number;
const DEFAULT_TIME = '13:00';
const DEFAULT_DURATION = '120';

// ---- Presentation ------------------------------------------------------------------------------------

/** "tisdag 17 mars 2026 kl. 13.00–15.00" in the group's time zone and language. */
export function meetingWhen(t: Catalog, group: Group, startsAt: Date, durationMinutes: number): string {
  const date = localDateOf(startsAt, group.timeZone);
  const ends = new Date(startsAt.getTime() + durationMinutes * 60_000);
  return format(t.meetings.when, {
    weekday: weekdayOf(date, group.locale),
    date: formatLongDate(date, group.timeZone, group.locale),
    time: formatClockTimes(group.locale, localTimeOf(startsAt, group.timeZone), localTimeOf(ends, group.timeZone)),
  });
}

function holidayWarning(t: Catalog, group: Group, date: string): string | null {
  const holiday = swedishHolidayOn(date, group.locale);
  return holiday ? format(t.meetings.holidayWarning, { date: formatLongDate(date, group.timeZone, group.locale), holiday }) : null;
}

function meetingRow(t: Catalog, group: Group, meeting: Meeting) {
  const parts = [
    meetingWhen(t, group, meeting.startsAt, meeting.durationMinutes),
    format(t.meetings.duration, { minutes: meeting.durationMinutes }),
    meeting.location,
    meeting.seriesId ? t.meetings.partOfSeries : null,
  ].filter((part): part is string => Boolean(part));
  const line = parts.join(' · ');
  return {
    id: meeting.id,
    line: meeting.cancelled ? `${t.meetings.cancelled}: ${line}` : line,
    cancelled: meeting.cancelled,
    warning: holidayWarning(t, group, localDateOf(meeting.startsAt, group.timeZone)) ?? '',
  };
}

/** Meetings that have not ended yet, earliest first; cancelled ones included (they are marked). */
export async function upcomingMeetings(store: Store, group: Group, now: Date): Promise<Meeting[]> {
  return (await store.meetings.list({ groupId: group.id }))
    .filter((meeting) => meeting.startsAt.getTime() + meeting.durationMinutes * 60_000 > now.getTime())
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

export async function showMeetings(deps: Dependencies, { group, t }: GroupContext): Promise<Reply> {
  const upcoming = await upcomingMeetings(deps.store, group, deps.clock.now());
  const hidden = upcoming.length - MEETINGS_SHOWN;
  return {
    kind: 'card',
    card: 'meetings',
    data: {
      t,
      title: format(t.meetings.title, { groupName: group.name }),
      intro: format(t.meetings.intro, { timeZone: describeTimeZone(group.timeZone, group.locale) }),
      meetings: upcoming.slice(0, MEETINGS_SHOWN).map((meeting) => meetingRow(t, group, meeting)),
      empty: upcoming.length === 0 ? t.meetings.empty : '',
      more: hidden > 0 ? format(t.meetings.more, { count: hidden }) : '',
      calendarUrl: deps.links?.meetingsCalendar(group.id) ?? '',
    },
  };
}

/** A confirmation after a change, with warnings and (after a cancellation) the undo button. */
function meetingNotice(t: Catalog, text: string, warnings: string[], undoMeetingId = ''): Reply {
  return { kind: 'card', card: 'meeting-notice', data: { t, text, warnings, undoMeetingId } };
}

// ---- Permissions -------------------------------------------------------------------------------------

/**
 * Null when the member may change the group's meetings (ordförande or kansli; anyone while the group has
 * no chair, as for the settings), else the refusal naming the chairs to ask.
 */
async function refusalUnlessChair(deps: Dependencies, context: GroupContext): Promise<Reply | null> {
  return (await mayManageGroup(deps, context)) ? null : refusal(deps, context, context.t.meetings.notAllowed);
}

/** The meeting a button or form names, if it still belongs to this group. */
async function meetingOf(store: Store, group: Group, meetingId: string | undefined): Promise<Meeting | null> {
  const meeting = meetingId ? await store.meetings.get(meetingId) : null;
  return meeting && meeting.groupId === group.id ? meeting : null;
}

// ---- Validation --------------------------------------------------------------------------------------

const read = (values: FormValues, field: string) => (values[field] ?? '').trim();

/** Checks a local date field: shape, a real day, not before today in the group's time zone. */
function checkDate(t: Catalog, errors: FieldErrors, field: string, label: string, value: string, today: string): boolean {
  if (!value) errors[field] = format(t.errors.required, { field: label });
  else if (!isLocalDate(value)) errors[field] = format(t.meetings.errors.date, { field: label, value: value.slice(0, 40) });
  else if (value < today) errors[field] = format(t.meetings.errors.datePast, { field: label, value });
  else return true;
  return false;
}

function checkTime(t: Catalog, errors: FieldErrors, field: string, label: string, value: string): boolean {
  if (!value) errors[field] = format(t.errors.required, { field: label });
  else if (!isLocalTime(value)) errors[field] = format(t.meetings.errors.time, { field: label, value: value.slice(0, 40) });
  else return true;
  return false;
}

/** Start date and time of one meeting; null (with errors) when invalid or already passed. */
function checkStart(
  t: Catalog,
  errors: FieldErrors,
  fields: { date: string; time: string },
  labels: { date: string; time: string },
  values: FormValues,
  group: Group,
  now: Date,
): Date | null {
  const date = read(values, fields.date);
  const time = read(values, fields.time);
  const dateOk = checkDate(t, errors, fields.date, labels.date, date, localDateOf(now, group.timeZone));
  if (!checkTime(t, errors, fields.time, labels.time, time) || !dateOk) return null;
  const startsAt = localToUtc(date, time, group.timeZone);
  if (startsAt <= now) {
    errors[fields.time] = format(t.meetings.errors.timePast, { value: time });
    return null;
  }
  return startsAt;
}

function checkDuration(t: Catalog, errors: FieldErrors, value: string): number | null {
  const minutes = /^\d{1,4}$/.test(value) ? Number(value) : NaN;
  if (!value) errors.durationMinutes = format(t.errors.required, { field: t.meetings.fields.duration });
  else if (!(minutes >= MIN_DURATION && minutes <= MAX_DURATION))
    errors.durationMinutes = format(t.meetings.errors.duration, { field: t.meetings.fields.duration, value: value.slice(0, 40) });
  else return minutes;
  return null;
}

function checkLocation(t: Catalog, errors: FieldErrors, value: string): string | null {
  if (value.length > FORM_FIELDS.meeting.location.max) errors.location = format(t.errors.tooLong, { field: t.meetings.fields.location, max: FORM_FIELDS.meeting.location.max, length: value.length });
  return value || null;
}

// ---- One meeting -------------------------------------------------------------------------------------

const MEETING_FIELDS = ['date', 'time', 'durationMinutes', 'location'] as const;
const SERIES_FIELDS = ['firstDate', 'time', 'frequency', 'endDate', 'count', 'durationMinutes', 'location'] as const;
const MOVE_FIELDS = ['date', 'time'] as const;

/** What the person typed, every field present (the template binds each one), nothing dropped. */
function typed(fields: readonly string[], values: FormValues): Record<string, string> {
  return Object.fromEntries(fields.map((field) => [field, values[field] ?? '']));
}

/** The messages Teams shows itself when a required input is left empty (errorMessage). */
function requiredMessages(t: Catalog, labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).map(([field, label]) => [field, format(t.errors.required, { field: label })]));
}

function meetingFormData(t: Catalog, group: Group, values: Record<string, string>) {
  const { date, time, duration } = t.meetings.fields;
  return {
    t,
    intro: format(t.meetings.form.intro, { timeZone: describeTimeZone(group.timeZone, group.locale) }),
    values,
    required: requiredMessages(t, { date, time, durationMinutes: duration }),
  };
}

function nextWeek(deps: Dependencies, group: Group): string {
  return shiftLocalDate(localDateOf(deps.clock.now(), group.timeZone), { days: 7 });
}

export async function openMeetingForm(deps: Dependencies, context: GroupContext): Promise<Reply> {
  const refused = await refusalUnlessChair(deps, context);
  if (refused) return refused;
  const values = { date: nextWeek(deps, context.group), time: DEFAULT_TIME, durationMinutes: DEFAULT_DURATION, location: '' };
  return { kind: 'form', form: 'meeting', data: meetingFormData(context.t, context.group, values) };
}

export async function submitMeeting(deps: Dependencies, context: GroupContext, submitted: FormValues): Promise<Reply> {
  const refused = await refusalUnlessChair(deps, context);
  if (refused) return refused;
  const { group, t, member } = context;
  const errors = identityNumberErrors(t, submitted);
  const fields = t.meetings.fields;
  const startsAt = checkStart(t, errors, { date: 'date', time: 'time' }, { date: fields.date, time: fields.time }, submitted, group, deps.clock.now());
  const durationMinutes = checkDuration(t, errors, read(submitted, 'durationMinutes'));
  const location = checkLocation(t, errors, read(submitted, 'location'));
  if (!startsAt || durationMinutes === null || Object.keys(errors).length > 0) {
    return { kind: 'form-errors', form: 'meeting', data: meetingFormData(t, group, typed(MEETING_FIELDS, submitted)), errors };
  }
  const meeting = await deps.store.meetings.create({ groupId: group.id, startsAt, durationMinutes, seriesId: null, location, cancelled: false });
  const warning = holidayWarning(t, group, read(submitted, 'date'));
  const when = meetingWhen(t, group, meeting.startsAt, meeting.durationMinutes);
  return meetingNotice(t, format(t.meetings.saved, { when, name: member.displayName }), warning ? [warning] : []);
}

// ---- A series ----------------------------------------------------------------------------------------

function seriesFormData(t: Catalog, group: Group, values: Record<string, string>) {
  return {
    t,
    intro: format(t.meetings.seriesForm.intro, { timeZone: describeTimeZone(group.timeZone, group.locale) }),
    values,
    required: requiredMessages(t, { firstDate: t.meetings.fields.firstDate, time: t.meetings.fields.time, durationMinutes: t.meetings.fields.duration }),
    frequencyChoices: FREQUENCIES.map((frequency) => ({ title: t.meetings.frequencies[frequency], value: frequency })),
  };
}

export async function openMeetingSeriesForm(deps: Dependencies, context: GroupContext): Promise<Reply> {
  const refused = await refusalUnlessChair(deps, context);
  if (refused) return refused;
  const values = {
    firstDate: nextWeek(deps, context.group),
    time: DEFAULT_TIME,
    frequency: 'fourweekly',
    endDate: '',
    count: '',
    durationMinutes: DEFAULT_DURATION,
    location: '',
  };
  return { kind: 'form', form: 'meeting-series', data: seriesFormData(context.t, context.group, values) };
}

interface SeriesEnd {
  end: { until: string } | { count: number };
}

function checkSeriesEnd(t: Catalog, errors: FieldErrors, values: FormValues, firstDate: string | null): SeriesEnd | null {
  const endDate = read(values, 'endDate');
  const count = read(values, 'count');
  if (!endDate && !count) errors.endDate = t.meetings.errors.endOrCount;
  else if (endDate && count) errors.count = t.meetings.errors.endAndCount;
  else if (endDate) {
    if (!isLocalDate(endDate)) errors.endDate = format(t.meetings.errors.date, { field: t.meetings.fields.endDate, value: endDate.slice(0, 40) });
    else if (firstDate && endDate <= firstDate) errors.endDate = format(t.meetings.errors.endBeforeFirst, { first: firstDate });
    else return { end: { until: endDate } };
  } else {
    const number = /^\d{1,3}$/.test(count) ? Number(count) : NaN;
    if (!(number >= FORM_FIELDS['meeting-series'].count.number.min && number <= MAX_OCCURRENCES)) errors.count = format(t.meetings.errors.count, { value: count.slice(0, 40) });
    else return { end: { count: number } };
  }
  return null;
}

export async function submitMeetingSeries(deps: Dependencies, context: GroupContext, submitted: FormValues): Promise<Reply> {
  const refused = await refusalUnlessChair(deps, context);
  if (refused) return refused;
  const { group, t, member } = context;
  const now = deps.clock.now();
  const errors = identityNumberErrors(t, submitted);
  const fields = t.meetings.fields;
  const startsAt = checkStart(t, errors, { date: 'firstDate', time: 'time' }, { date: fields.firstDate, time: fields.time }, submitted, group, now);
  const firstDate = startsAt ? read(submitted, 'firstDate') : null;
  const frequency = read(submitted, 'frequency') as Frequency;
  if (!FREQUENCIES.includes(frequency)) errors.frequency = t.meetings.errors.frequency;
  const ending = checkSeriesEnd(t, errors, submitted, firstDate);
  const durationMinutes = checkDuration(t, errors, read(submitted, 'durationMinutes'));
  const location = checkLocation(t, errors, read(submitted, 'location'));

  let dates: string[] = [];
  if (firstDate && ending && !errors.frequency) {
    const rule = seriesRule(frequency, firstDate, ending.end);
    const latest = shiftLocalDate(firstDate, { months: MAX_SPAN_MONTHS });
    // One more than allowed is enough to know the series is too long.
    dates = occurrenceDates(rule, firstDate, '9999-12-31', MAX_OCCURRENCES + 1);
    const field = 'until' in ending.end ? 'endDate' : 'count';
    if (dates.length > MAX_OCCURRENCES) errors[field] = format(t.meetings.errors.tooMany, { count: occurrenceDates(rule, firstDate, '9999-12-31', 10_000).length });
    else if (dates.at(-1)! > latest) errors[field] = format(t.meetings.errors.tooLong, { max: latest });
  }
  if (!firstDate || !ending || durationMinutes === null || Object.keys(errors).length > 0) {
    return { kind: 'form-errors', form: 'meeting-series', data: seriesFormData(t, group, typed(SERIES_FIELDS, submitted)), errors };
  }

  const time = read(submitted, 'time');
  const today = localDateOf(now, group.timeZone);
  await createMeetingSeries(
    deps.store,
    { groupId: group.id, rule: seriesRule(frequency, firstDate, ending.end), firstDate, localTime: time, timeZone: group.timeZone, durationMinutes, location },
    today,
  );
  const warnings = dates.map((date) => holidayWarning(t, group, date)).filter((warning): warning is string => warning !== null);
  const text = format(t.meetings.seriesSaved, {
    frequency: t.meetings.frequencies[frequency].toLowerCase(),
    name: member.displayName,
    count: dates.length,
    first: dates[0]!,
    last: dates.at(-1)!,
  });
  const later = dates.at(-1)! > horizonFrom(today) ? ` ${t.meetings.seriesSavedUntil}` : '';
  return meetingNotice(t, `${text}${later}`, warnings);
}

// ---- Move, cancel, restore ---------------------------------------------------------------------------

/** The meeting a button or the move form is about, or the notice why it cannot be changed. */
async function changeableMeeting(deps: Dependencies, context: GroupContext, meetingId: string | undefined): Promise<Meeting | Reply> {
  const refused = await refusalUnlessChair(deps, context);
  if (refused) return refused;
  const { group, t } = context;
  const meeting = await meetingOf(deps.store, group, meetingId);
  if (!meeting) return notice(t, t.meetings.notFound);
  if (meeting.startsAt <= deps.clock.now()) {
    return notice(t, t.meetings.alreadyPast, { when: meetingWhen(t, group, meeting.startsAt, meeting.durationMinutes) });
  }
  return meeting;
}

const isReply = (value: Meeting | Reply): value is Reply => 'kind' in value;

function moveFormData(t: Catalog, group: Group, meeting: Meeting, values: Record<string, string>) {
  return {
    t,
    current: format(t.meetings.moveForm.current, { when: meetingWhen(t, group, meeting.startsAt, meeting.durationMinutes) }),
    values,
    required: requiredMessages(t, { date: t.meetings.fields.newDate, time: t.meetings.fields.newTime }),
    context: { meetingId: meeting.id },
  };
}

export async function openMoveMeeting(deps: Dependencies, context: GroupContext, args: FormValues): Promise<Reply> {
  const meeting = await changeableMeeting(deps, context, args.meetingId);
  if (isReply(meeting)) return meeting;
  const { group, t } = context;
  const values = { date: localDateOf(meeting.startsAt, group.timeZone), time: localTimeOf(meeting.startsAt, group.timeZone) };
  return { kind: 'form', form: 'move-meeting', data: moveFormData(t, group, meeting, values) };
}

export async function submitMoveMeeting(deps: Dependencies, context: GroupContext, submitted: FormValues): Promise<Reply> {
  const meeting = await changeableMeeting(deps, context, submitted.meetingId);
  if (isReply(meeting)) return meeting;
  const { group, t, member } = context;
  const errors = identityNumberErrors(t, submitted);
  const fields = t.meetings.fields;
  const startsAt = checkStart(t, errors, { date: 'date', time: 'time' }, { date: fields.newDate, time: fields.newTime }, submitted, group, deps.clock.now());
  if (!startsAt) return { kind: 'form-errors', form: 'move-meeting', data: moveFormData(t, group, meeting, typed(MOVE_FIELDS, submitted)), errors };
  const moved = await deps.store.meetings.update(meeting.id, { startsAt });
  const warning = holidayWarning(t, group, read(submitted, 'date'));
  const text = format(t.meetings.moved, {
    from: meetingWhen(t, group, meeting.startsAt, meeting.durationMinutes),
    to: meetingWhen(t, group, moved.startsAt, moved.durationMinutes),
    name: member.displayName,
  });
  return meetingNotice(t, text, warning ? [warning] : []);
}

/**
 * "Ställ in" cancels at once and the answer carries "Ångra", since a misclick must be cheap to undo;
 * "Ångra" (restore) answers with the holiday warning again, as adding does.
 */
async function setCancelled(deps: Dependencies, context: GroupContext, args: FormValues, cancelled: boolean): Promise<Reply> {
  const meeting = await changeableMeeting(deps, context, args.meetingId);
  if (isReply(meeting)) return meeting;
  const { group, t, member } = context;
  await deps.store.meetings.update(meeting.id, { cancelled });
  const when = meetingWhen(t, group, meeting.startsAt, meeting.durationMinutes);
  if (cancelled) return meetingNotice(t, format(t.meetings.cancelledNotice, { when, name: member.displayName }), [], meeting.id);
  const warning = holidayWarning(t, group, localDateOf(meeting.startsAt, group.timeZone));
  return meetingNotice(t, format(t.meetings.restored, { when, name: member.displayName }), warning ? [warning] : []);
}

export const cancelMeeting = (deps: Dependencies, context: GroupContext, args: FormValues) => setCancelled(deps, context, args, true);
export const restoreMeeting = (deps: Dependencies, context: GroupContext, args: FormValues) => setCancelled(deps, context, args, false);
