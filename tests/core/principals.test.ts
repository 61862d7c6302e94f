// Parties and huvudmän apart (issue 17 item 5): the settings list the parties and mark which are huvudmän
// (region and kommun by default). "Minst en person från vardera huvudmannen" applies to huvudmän only, so a
// group whose parties include a brukarorganisation and a samordningsförbund can still give an uppdrag, and
// a group that marks Försäkringskassan as huvudman needs someone from there too.
import { beforeAll, describe, expect, it } from 'vitest';
import { isPrincipal } from '../../src/core/domain.js';
import type { Reply } from '../../src/core/events.js';
import { format } from '../../src/i18n/index.js';
import { sv } from '../../src/i18n/sv.js';
import { runActionPlanScenario } from '../support/action-plan-scenario.js';

type Scenario = Awaited<ReturnType<typeof runActionPlanScenario>>;
let s: Scenario;
const errorsOf = (reply: Reply) => (reply.kind === 'form-errors' ? reply.errors : {});

const settings = (organisations: string, principals: string | undefined) => ({
  type: 'form-submitted',
  form: 'settings',
  values: { groupName: 'LSG Uddevalla', organisations, ...(principals === undefined ? {} : { principals }), otherOrganisations: 'Brukarrådet Väst', officeChannelId: '' },
});

const assignment = () => ({
  type: 'form-submitted',
  form: 'assignment',
  values: {
    activityId: s.activity.id,
    title: 'Arbetsgrupp första hjälpen',
    startDate: '2027-02-01',
    endDate: '2027-11-30',
    targetGroupText: 'Personal i skolan',
    purpose: 'Fler kan ge första hjälpen till psykisk hälsa',
    activityText: 'Utbilda instruktörer',
    memberIds: `${s.bo.id},${s.cia.id}`,
    convenerMemberId: s.cia.id,
    reportingKind: 'before_each_meeting',
    reportingWeeks: '',
    reportingDates: '',
    goal: 'Två instruktörer per kommun',
    resources: 'Utbildningsmedel',
    finalReportForm: 'Muntlig dragning',
  },
});

beforeAll(async () => {
  s = await runActionPlanScenario();
});

describe('parties and huvudmän', () => {
  it('keeps region and kommun as huvudmän of a group saved before the field existed', async () => {
    const organisations = await s.store.organisations.list({ groupId: s.group.id });
    expect(organisations.filter(isPrincipal).map((o) => o.kind).sort()).toEqual(['kommun', 'region']);
  });

  it('gives an uppdrag in a group whose parties include a brukarorganisation and a samordningsförbund', async () => {
    const saved = await s.send('settings', 'chair', settings('region,kommun,brukarorganisation,samordningsforbund', 'region,kommun') as never);
    expect(saved).toMatchObject({ kind: 'card', card: 'notice' });
    const organisations = await s.store.organisations.list({ groupId: s.group.id });
    expect(organisations.map((o) => [o.kind, isPrincipal(o)]).sort()).toEqual([
      ['annan', false],
      ['brukarorganisation', false],
      ['kommun', true],
      ['region', true],
      ['samordningsforbund', false],
    ]);
    // Bo (region) and Cia (kommun): one person from each huvudman is enough.
    expect(await s.send('uppdrag', 'chair', assignment() as never)).toMatchObject({ kind: 'card', card: 'assignment-document' });
  });

  it('asks for a person from every party the group marks as huvudman', async () => {
    await s.send('settings', 'chair', settings('region,kommun,forsakringskassan', 'region,kommun,forsakringskassan') as never);
    expect(errorsOf(await s.send('uppdrag', 'chair', assignment() as never)).memberIds).toBe(format(sv.actionPlan.assignment.missingOrganisation, { organisations: 'Försäkringskassan' }));
  });

  it('refuses huvudmän that are not parties, and none at all, keeping what was typed', async () => {
    const notParty = await s.send('settings', 'chair', settings('region,kommun', 'region,kommun,arbetsformedlingen') as never);
    expect(notParty).toMatchObject({ kind: 'form-errors', errors: { principals: format(sv.settings.principalNotParty, { name: 'Arbetsförmedlingen' }) } });
    expect((notParty as unknown as { data: { values: { principals: string } } }).data.values.principals).toBe('region,kommun,arbetsformedlingen');
    const none = await s.send('settings', 'chair', settings('region,kommun', '') as never);
    expect(none).toMatchObject({ kind: 'form-errors', errors: { principals: sv.settings.noPrincipal } });
  });
});
