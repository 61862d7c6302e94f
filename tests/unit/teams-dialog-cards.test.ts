// The Teams-only card transforms of dialogs.ts on card JSON alone (the HTTP contract is in
// tests/contract/teams-dialogs.test.ts): openers ask for a dialog, and a dialog's buttons are Action.Submit.
import { describe, expect, it } from 'vitest';
import { asDialogCard, withDialogOpeners } from '../../src/adapters/teams/dialogs.js';
import { renderCard, type AdaptiveCardJson } from '../../src/cards/render-card.js';
import { withOriginChannel } from '../../src/cards/origin-channel.js';
import { sv } from '../../src/i18n/sv.js';
import { parserProblems, schemaProblems } from '../support/adaptive-card-checks.js';
import { cardActions } from '../support/teams-harness.js';

const card: AdaptiveCardJson = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: 'Möten' },
    {
      type: 'ActionSet',
      actions: [
        { type: 'Action.Execute', title: 'Flytta', verb: 'open-move-meeting', data: { action: 'open-move-meeting', meetingId: 'm1' } },
        { type: 'Action.Execute', title: 'Ställ in', verb: 'cancel-meeting', data: { action: 'cancel-meeting', meetingId: 'm1' }, style: 'destructive' },
      ],
    },
  ],
  actions: [
    { type: 'Action.Execute', title: 'Lägg till möte', verb: 'open-meeting', data: { action: 'open-meeting' }, style: 'positive' },
    { type: 'Action.OpenUrl', title: 'Exportera kalender (.ics)', url: 'https://samverkan.example.se/exports/meetings/g.ics' },
  ],
};

describe('Teams dialog cards', () => {
  it('turns only the openers into Action.Submit asking for task/fetch, nested ones included, leaving the card as it was', () => {
    const before = structuredClone(card);
    const opened = withDialogOpeners(card);
    expect(card).toEqual(before);
    expect(cardActions(opened)).toEqual([
      { type: 'Action.Submit', title: 'Flytta', data: { action: 'open-move-meeting', meetingId: 'm1', msteams: { type: 'task/fetch' } } },
      { type: 'Action.Execute', title: 'Ställ in', verb: 'cancel-meeting', data: { action: 'cancel-meeting', meetingId: 'm1' }, style: 'destructive' },
      { type: 'Action.Submit', title: 'Lägg till möte', data: { action: 'open-meeting', msteams: { type: 'task/fetch' } }, style: 'positive' },
      card.actions![1],
    ]);
  });

  it('keeps the group channel a card in the private chat acts for', () => {
    const [move] = cardActions(withDialogOpeners(withOriginChannel(card, '19:lsg@thread.tacv2')));
    expect(move!.data).toEqual({ action: 'open-move-meeting', meetingId: 'm1', originChannelId: '19:lsg@thread.tacv2', msteams: { type: 'task/fetch' } });
  });

  it('gives a dialog only Action.Submit buttons, without the task/fetch marker', () => {
    const dialog = asDialogCard(withDialogOpeners(card));
    expect(cardActions(dialog).map((action) => [action.type, action.verb, action.data?.msteams])).toEqual([
      ['Action.Submit', undefined, undefined],
      ['Action.Submit', undefined, undefined],
      ['Action.Submit', undefined, undefined],
      ['Action.OpenUrl', undefined, undefined],
    ]);
    expect(cardActions(dialog)[1]!.data).toEqual({ action: 'cancel-meeting', meetingId: 'm1' });
  });

  it('keeps a rendered card valid Adaptive Card 1.5 both ways', () => {
    const help = renderCard('help', { t: sv, intro: sv.help.intro.teams });
    for (const transformed of [withDialogOpeners(help), asDialogCard(help)]) {
      expect(parserProblems(transformed)).toEqual([]);
      expect(schemaProblems(transformed)).toEqual([]);
    }
    expect(cardActions(withDialogOpeners(help)).find((action) => action.data?.action === 'open-settings')!.type).toBe('Action.Submit');
  });
});
