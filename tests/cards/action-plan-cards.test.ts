// The fullest plan card and implementation plan a group can have must still fit one Slack message
// (50 blocks) with every Ändra / Ta bort button, rendered from the real use cases.
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/events.js';
import { renderCard } from '../../src/cards/render-card.js';
import { SLACK_LIMITS, toMessageBlocks } from '../../src/cards/block-kit-translator.js';
import { ITEM_LIMITS } from '../../src/core/use-cases/implementation-plan.js';
import { runActionPlanScenario } from '../support/action-plan-scenario.js';

const cardOf = (reply: Reply) => {
  if (reply.kind !== 'card') throw new Error(`expected a card, got ${reply.kind}`);
  return renderCard(reply.card, reply.data);
};
const buttons = (blocks: Record<string, any>[], label: string) =>
  blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements as Record<string, any>[]).filter((e) => e.text.text === label);

describe('action plan cards at their fullest', () => {
  it('an implementation plan with every entry it may hold fits one Slack message with a button pair per entry', async () => {
    const s = await runActionPlanScenario('sv');
    const a = s.assignment.id;
    let saved: Reply | null = null;
    const fill = async (form: string, kind: keyof typeof ITEM_LIMITS, values: (n: number) => Record<string, string>) => {
      const have = () => s.store.implementationPlans.list({ assignmentId: a }).then(([p]) => p!);
      const list = { 'sub-goal': 'subGoals', task: 'tasks', indicator: 'indicators' } as const;
      for (let n = (await have())[list[kind]].length; n < ITEM_LIMITS[kind]; n++) {
        saved = await s.send('fill', 'region', { type: 'form-submitted', form, values: { assignmentId: a, itemId: '', ...values(n) } } as never);
        expect(saved.kind).toBe('card');
      }
    };
    const long = (n: number) => `Post ${n} ${'med en lång beskrivning '.repeat(8)}`.trim();
    await fill('sub-goal', 'sub-goal', (n) => ({ title: long(n), owner: 'Cia Kommun', dueDate: '2027-10-01' }));
    await fill('plan-task', 'task', (n) => ({ who: 'Arbetsgruppen', what: long(n), when: 'hösten 2027' }));
    await fill('indicator', 'indicator', (n) => ({ name: long(n), unit: 'st', baseline: '1', target: '2', method: 'räkna' }));
    const full = await s.send('full', 'region', { type: 'command', command: 'genomforandeplan', text: 'genomförandeplan' } as never);
    const rows = ITEM_LIMITS['sub-goal'] + ITEM_LIMITS.task + ITEM_LIMITS.indicator;
    // The card after the last save also carries its message line.
    for (const reply of [full, saved!]) {
      const blocks = toMessageBlocks(cardOf(reply)) as Record<string, any>[];
      expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.messageBlocks);
      expect(buttons(blocks, 'Ta bort')).toHaveLength(rows);
    }
    expect(JSON.stringify(cardOf(saved!))).toContain('Bo Region sparade indikatorn');
    const blocks = toMessageBlocks(cardOf(full)) as Record<string, any>[];
    expect(buttons(blocks, 'Ändra')).toHaveLength(rows);
    // Full lists offer no "Lägg till".
    expect(buttons(blocks, 'Lägg till delmål')).toHaveLength(0);
  });

  it('the chair’s plan card keeps within 50 blocks with Ändra / Ta bort on every activity shown, even one focus area per activity', async () => {
    const s = await runActionPlanScenario('sv');
    const goals = ['LS/LS1', 'SA/SA1', 'SIP/SIP2', 'IM/IM1', 'BI/BI1', 'KF/KF1'];
    for (let n = 0; n < 12; n++) {
      await s.send('add', 'chair', {
        type: 'form-submitted',
        form: 'activity',
        values: { title: `Aktivitet ${n}`, description: '', targetGroup: 'vuxen', startDate: '2027-02-01', endDate: '2027-06-30', goal: goals[n % goals.length], status: 'planerad' },
      } as never);
    }
    const reply = await s.send('plan', 'chair', { type: 'command', command: 'plan', text: 'plan' } as never);
    const blocks = toMessageBlocks(cardOf(reply)) as Record<string, any>[];
    expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.messageBlocks);
    expect(buttons(blocks, 'Ta bort')).toHaveLength(10);
    expect(JSON.stringify(blocks)).toContain('… och 3 aktiviteter till.');
    // The worst case: every shown activity under a heading of its own.
    const data = reply.kind === 'card' ? (reply.data as Record<string, any>) : {};
    const activities = (data.focusAreas as { heading: string; activities: unknown[] }[]).flatMap((area) => area.activities.map((activity) => ({ heading: area.heading, activities: [activity] })));
    const worst = toMessageBlocks(renderCard('plan', { ...data, focusAreas: activities }));
    expect(activities).toHaveLength(10);
    expect(worst.length).toBeLessThanOrEqual(SLACK_LIMITS.messageBlocks);
  });
});

describe('the plan card with the planning version beside the plan in force', () => {
  it('keeps within 50 blocks, every activity under its own heading, with many activities in both', async () => {
    const s = await runActionPlanScenario('sv');
    const [group] = await s.store.groups.list();
    // This year's plan in force (decided), with more activities than the card shows.
    const current = await s.store.plans.create({ groupId: group!.id, year: 2026, version: 1, decidedAt: new Date('2026-02-10T10:00:00Z'), decidedByMemberId: null, sentToOfficeAt: null, lastRevisedAt: null });
    const codes = ['LS', 'SA', 'SIP', 'IM', 'BI', 'KF'];
    for (let n = 0; n < 12; n++) {
      const code = codes[n % codes.length]!;
      await s.store.activities.create({ planId: current.id, title: `Aktivitet ${n} ${'med lång rubrik '.repeat(4)}`, description: '', targetGroup: 'vuxen', focusAreaCode: code, goalCode: `${code}1`, startDate: new Date('2026-02-01T00:00:00Z'), endDate: new Date('2026-11-30T00:00:00Z'), status: 'pagaende', proposalId: null });
    }
    // Next year's planning version (the scenario's 2027 plan) with many activities too.
    for (let n = 0; n < 12; n++) {
      await s.send('add', 'chair', {
        type: 'form-submitted',
        form: 'activity',
        values: { title: `Nästa år ${n} ${'med lång rubrik '.repeat(4)}`, description: '', targetGroup: 'vuxen', startDate: '2027-02-01', endDate: '2027-06-30', goal: 'SA/SA1', status: 'planerad' },
      } as never);
    }
    const reply = await s.send('plan', 'chair', { type: 'command', command: 'plan', text: 'plan' } as never);
    const data = reply.kind === 'card' ? (reply.data as Record<string, any>) : {};
    expect(data.title).toContain('2026');
    expect(data.planning).toHaveLength(1);
    const activities = (data.focusAreas as { heading: string; activities: unknown[] }[]).flatMap((area) => area.activities.map((activity) => ({ heading: area.heading, activities: [activity] })));
    expect(activities).toHaveLength(8);
    const worst = toMessageBlocks(renderCard('plan', { ...data, focusAreas: activities })) as Record<string, any>[];
    expect(worst.length).toBeLessThanOrEqual(SLACK_LIMITS.messageBlocks);
    expect(buttons(worst, 'Ta med pågående aktiviteter')).toHaveLength(1);
    expect(buttons(worst, 'Besluta planen')).toHaveLength(2);
  });
});

describe('the activity form without a rådslag', () => {
  it('opens as a Slack modal and saves when the group has no prioritised areas to choose from', async () => {
    const { actionPlanBot, seedGroup } = await import('../support/action-plan-scenario.js');
    const { toModalView } = await import('../../src/cards/block-kit-translator.js');
    const { send, store } = actionPlanBot();
    await seedGroup(send, store);
    const form = await send('activity form', 'chair', { type: 'button', action: 'open-activity', args: {} } as never);
    if (form.kind !== 'form') throw new Error(`expected the form, got ${form.kind}`);
    const view = toModalView(renderCard('activity', form.data), { callbackId: 'activity', privateMetadata: '{}', title: 'Aktivitet', submit: 'Spara', close: 'Avbryt' });
    expect(view.blocks.filter((b) => b.type === 'input').map((b) => b.block_id)).toEqual(['title', 'description', 'targetGroup', 'startDate', 'endDate', 'goal', 'status']);
    const saved = await send('activity', 'chair', {
      type: 'form-submitted',
      form: 'activity',
      values: { title: 'Gemensam SIP-rutin', description: '', targetGroup: 'bada', startDate: '2026-10-01', endDate: '2027-06-30', goal: 'SIP/SIP1', status: 'planerad' },
    } as never);
    expect(saved).toMatchObject({ kind: 'card', card: 'notice' });
    expect(await store.activities.list()).toMatchObject([{ title: 'Gemensam SIP-rutin', proposalId: null }]);
  });
});
