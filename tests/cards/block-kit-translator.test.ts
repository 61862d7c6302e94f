// Unit tests of the Adaptive Card → Block Kit translator: each supported element, each refusal, each limit.
import { describe, expect, it } from 'vitest';
import {
  CardTranslationError,
  escapeMrkdwn,
  fallbackText,
  matchingOptions,
  SlackLimitError,
  toMessageBlocks,
  toModal,
  toModalView,
  UnsupportedCardElementError,
  type ModalOptions,
} from '../../src/cards/block-kit-translator.js';
import type { AdaptiveCardJson, CardNode } from '../../src/cards/render-card.js';

const card = (body: CardNode[], actions?: CardNode[]): AdaptiveCardJson => ({ type: 'AdaptiveCard', version: '1.5', body, ...(actions ? { actions } : {}) });
const modal: ModalOptions = { callbackId: 'settings', privateMetadata: '{"channelId":"C1"}', title: 'Inställningar', submit: 'Spara', close: 'Avbryt' };
const submit: CardNode = { type: 'Action.Execute', title: 'Spara', verb: 'settings', data: { form: 'settings' } };
const text = (value: string, extra: Record<string, unknown> = {}): CardNode => ({ type: 'TextBlock', text: value, ...extra });
const x = (n: number) => 'x'.repeat(n);

describe('toMessageBlocks', () => {
  it('maps headings and large text to header blocks, other text to escaped mrkdwn sections', () => {
    const blocks = toMessageBlocks(
      card([
        text('Rubrik', { style: 'heading' }),
        text('Stor', { size: 'Large' }),
        text('A & B <C>', { weight: 'Bolder' }),
        text('Diskret', { isSubtle: true }),
        text('Fel', { color: 'Attention' }),
        text('   '),
      ]),
    );
    expect(blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'Rubrik', emoji: true } },
      { type: 'header', text: { type: 'plain_text', text: 'Stor', emoji: true } },
      { type: 'section', text: { type: 'mrkdwn', text: '*A &amp; B &lt;C&gt;*' } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Diskret' }] },
      { type: 'section', text: { type: 'mrkdwn', text: ':warning: Fel' } },
    ]);
  });

  it('escapes only &, < and >', () => {
    expect(escapeMrkdwn('<@U1> & <!channel> *fet*')).toBe('&lt;@U1&gt; &amp; &lt;!channel&gt; *fet*');
  });

  it('maps a FactSet to section fields, and to one text when it has more than ten facts', () => {
    const facts = (n: number) => Array.from({ length: n }, (_, i) => ({ title: `T${i}`, value: `V<${i}>` }));
    expect(toMessageBlocks(card([{ type: 'FactSet', facts: facts(2) }]))).toEqual([
      { type: 'section', fields: [{ type: 'mrkdwn', text: '*T0*\nV&lt;0&gt;' }, { type: 'mrkdwn', text: '*T1*\nV&lt;1&gt;' }] },
    ]);
    const [many] = toMessageBlocks(card([{ type: 'FactSet', facts: facts(11) }]));
    expect(many).toMatchObject({ type: 'section', text: { type: 'mrkdwn' } });
    expect((many as unknown as { text: { text: string } }).text.text.split('\n')).toHaveLength(11);
    expect(toMessageBlocks(card([{ type: 'FactSet', facts: [] }]))).toEqual([]);
  });

  it('flattens containers and keeps their order', () => {
    const blocks = toMessageBlocks(card([{ type: 'Container', items: [text('a'), { type: 'Container', items: [text('b')] }] }, text('c')]));
    expect(blocks.map((block) => (block as unknown as { text: { text: string } }).text.text)).toEqual(['a', 'b', 'c']);
  });

  it('maps Action.Execute and Action.Submit to buttons (action_id = verb or data.action, value = JSON data) and OpenUrl to url buttons', () => {
    const blocks = toMessageBlocks(
      card(
        [{ type: 'ActionSet', actions: [{ type: 'Action.Submit', title: 'Planen', data: { action: 'show-plan' } }] }],
        [
          { type: 'Action.Execute', title: 'Hjälp', verb: 'show-help', data: { action: 'show-help' }, style: 'positive' },
          { type: 'Action.OpenUrl', title: 'Läs mer', url: 'https://example.invalid/vagledning' },
        ],
      ),
    );
    expect(blocks).toEqual([
      {
        type: 'actions',
        elements: [{ type: 'button', text: { type: 'plain_text', text: 'Planen', emoji: true }, action_id: 'show-plan', value: '{"action":"show-plan"}' }],
      },
      {
        type: 'actions',
        elements: [
          { type: 'button', text: { type: 'plain_text', text: 'Hjälp', emoji: true }, action_id: 'show-help', value: '{"action":"show-help"}', style: 'primary' },
          { type: 'button', text: { type: 'plain_text', text: 'Läs mer', emoji: true }, action_id: 'open-url-1', url: 'https://example.invalid/vagledning' },
        ],
      },
    ]);
  });

  it('maps every supported input to an input block with block_id = action_id = id and the value prefilled', () => {
    const blocks = toMessageBlocks(
      card([
        { type: 'Input.Text', id: 'name', label: 'Namn', value: 'Anna', placeholder: 'T.ex.', isRequired: true },
        { type: 'Input.Text', id: 'notes', label: 'Anteckningar', isMultiline: true, maxLength: 500 },
        { type: 'Input.ChoiceSet', id: 'one', label: 'En', value: 'b', choices: [{ title: 'A', value: 'a' }, { title: 'B', value: 'b' }] },
        { type: 'Input.ChoiceSet', id: 'many', label: 'Flera', isMultiSelect: true, value: 'a,b', choices: [{ title: 'A', value: 'a' }, { title: 'B', value: 'b' }] },
        { type: 'Input.ChoiceSet', id: 'radio', label: 'Radio', style: 'expanded', choices: [{ title: 'A', value: 'a' }] },
        { type: 'Input.ChoiceSet', id: 'boxes', label: 'Rutor', style: 'expanded', isMultiSelect: true, value: 'a', choices: [{ title: 'A', value: 'a' }] },
        { type: 'Input.Date', id: 'due', label: 'Datum', value: '2026-05-01' },
        { type: 'Input.Number', id: 'count', label: 'Antal', value: 3, min: 0, max: 10 },
        { type: 'Input.Toggle', id: 'ok', label: 'Klart', title: 'Ja, klart', value: 'true' },
      ]),
    );
    const elements = blocks.map((block) => (block as unknown as { element: Record<string, unknown> }).element);
    for (const [index, block] of blocks.entries()) {
      expect(block.type).toBe('input');
      expect(block.block_id).toBe(elements[index]!.action_id);
    }
    expect(blocks[0]).toMatchObject({ optional: false, label: { text: 'Namn' } });
    expect(blocks[1]).toMatchObject({ optional: true });
    expect(elements[0]).toMatchObject({ type: 'plain_text_input', initial_value: 'Anna', max_length: 3000, multiline: false, placeholder: { text: 'T.ex.' } });
    expect(elements[1]).toMatchObject({ type: 'plain_text_input', multiline: true, max_length: 500 });
    expect(elements[1]).not.toHaveProperty('initial_value');
    expect(elements[2]).toMatchObject({ type: 'static_select', initial_option: { value: 'b', text: { text: 'B' } } });
    expect(elements[3]).toMatchObject({ type: 'multi_static_select', initial_options: [{ value: 'a' }, { value: 'b' }] });
    expect(elements[4]).toMatchObject({ type: 'radio_buttons' });
    expect(elements[5]).toMatchObject({ type: 'checkboxes', initial_options: [{ value: 'a' }] });
    expect(elements[6]).toMatchObject({ type: 'datepicker', initial_date: '2026-05-01' });
    expect(elements[7]).toMatchObject({ type: 'number_input', initial_value: '3', min_value: '0', max_value: '10' });
    expect(elements[8]).toMatchObject({ type: 'checkboxes', options: [{ value: 'true', text: { text: 'Ja, klart' } }], initial_options: [{ value: 'true' }] });
  });

  it('maps Input.Time to a timepicker with the time prefilled, and refuses a value that is not HH:mm', () => {
    const [block] = toMessageBlocks(card([{ type: 'Input.Time', id: 'time', label: 'Starttid', value: '13:00', isRequired: true }]));
    expect(block).toMatchObject({
      type: 'input',
      block_id: 'time',
      optional: false,
      label: { text: 'Starttid' },
      element: { type: 'timepicker', action_id: 'time', initial_time: '13:00' },
    });
    const [empty] = toMessageBlocks(card([{ type: 'Input.Time', id: 'time', label: 'Starttid' }]));
    expect((empty as unknown as { element: Record<string, unknown> }).element).not.toHaveProperty('initial_time');
    expect(() => toMessageBlocks(card([{ type: 'Input.Time', id: 'time', label: 'Starttid', value: '1 pm' }]))).toThrow(/not HH:mm/);
  });

  it('uses the first text as notification fallback', () => {
    expect(fallbackText(card([{ type: 'Container', items: [text(''), text('Först')] }, text('Sedan')]))).toBe('Först');
  });

  it('keeps a form submit as a button in a message', () => {
    const [block] = toMessageBlocks(card([], [submit]));
    expect(block).toMatchObject({ type: 'actions', elements: [{ action_id: 'settings', value: '{"form":"settings"}' }] });
  });
});

describe('toModalView', () => {
  it('makes the form submit action the modal submit and keeps other buttons', () => {
    const view = toModalView(
      card([{ type: 'Input.Text', id: 'groupName', label: 'Namn' }], [submit, { type: 'Action.Execute', title: 'Hjälp', verb: 'show-help', data: { action: 'show-help' } }]),
      modal,
    );
    expect(view).toMatchObject({
      type: 'modal',
      callback_id: 'settings',
      private_metadata: '{"channelId":"C1"}',
      title: { type: 'plain_text', text: 'Inställningar' },
      submit: { type: 'plain_text', text: 'Spara' },
      close: { type: 'plain_text', text: 'Avbryt' },
    });
    expect(view.blocks.map((block) => block.type)).toEqual(['input', 'actions']);
    expect(JSON.stringify(view.blocks)).not.toContain('"settings"}');
  });

  it('refuses a modal with inputs but no submit, and two submits', () => {
    expect(() => toModalView(card([{ type: 'Input.Text', id: 'a', label: 'A' }]), modal)).toThrow(CardTranslationError);
    expect(() => toModalView(card([], [submit, submit]), modal)).toThrow(/one form submit/);
  });
});

describe('refusals', () => {
  it.each([
    [{ type: 'ColumnSet', columns: [] }, 'ColumnSet', 'body[0]'],
    [{ type: 'Image', url: 'https://example.invalid/a.png' }, 'Image', 'body[0]'],
    [{ type: 'Media', sources: [] }, 'Media', 'body[0]'],
    [{ type: 'Container', items: [text('a'), { type: 'RichTextBlock', inlines: [] }] }, 'RichTextBlock', 'body[0].items[1]'],
    [{ type: 'Container', items: [], selectAction: { type: 'Action.Submit' } }, 'Container.selectAction', 'body[0].selectAction'],
    [{ type: 'ActionSet', actions: [{ type: 'Action.ShowCard', title: 'Mer', card: {} }] }, 'Action.ShowCard', 'body[0].actions[0]'],
    [{ type: 'ActionSet', actions: [{ type: 'Action.ToggleVisibility', title: 'Visa' }] }, 'Action.ToggleVisibility', 'body[0].actions[0]'],
  ])('refuses %j naming the type and path', (node, type, path) => {
    const translate = () => toMessageBlocks(card([node as CardNode]));
    expect(translate).toThrow(UnsupportedCardElementError);
    try {
      translate();
    } catch (error) {
      expect(error).toMatchObject({ elementType: type, path });
      expect((error as Error).message).toContain(type);
      expect((error as Error).message).toContain(path);
    }
  });

  it('uses an element fallback like any Adaptive Card host', () => {
    expect(toMessageBlocks(card([{ type: 'ColumnSet', fallback: 'drop' }]))).toEqual([]);
    expect(toMessageBlocks(card([{ type: 'ColumnSet', fallback: text('Enkel') }]))).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'Enkel' } }]);
  });

  it('refuses inputs without label, duplicate ids and actions without a target', () => {
    expect(() => toMessageBlocks(card([{ type: 'Input.Text', id: 'a' }]))).toThrow(/label is empty/);
    expect(() => toMessageBlocks(card([{ type: 'Input.Text', id: 'a', label: 'A' }, { type: 'Input.Text', id: 'a', label: 'B' }]))).toThrow(/Duplicate input id/);
    expect(() => toMessageBlocks(card([], [{ type: 'Action.Execute', title: 'X' }]))).toThrow(/neither verb/);
    expect(() => toMessageBlocks(card([], [{ type: 'Action.Execute', title: 'X', verb: 'a' }, { type: 'Action.Execute', title: 'Y', verb: 'a' }]))).toThrow(/Duplicate action_id/);
  });
});

describe('Slack limits', () => {
  const limitOf = (translate: () => unknown): SlackLimitError => {
    try {
      translate();
    } catch (error) {
      expect(error).toBeInstanceOf(SlackLimitError);
      return error as SlackLimitError;
    }
    throw new Error('expected a SlackLimitError');
  };
  const buttons = (n: number, title = 'Knapp') => Array.from({ length: n }, (_, i) => ({ type: 'Action.Execute', title, verb: `v${i}`, data: { action: `v${i}` } }));
  const choices = (n: number, title = 'Val') => Array.from({ length: n }, (_, i) => ({ title, value: `c${i}` }));

  it.each([
    ['message blocks', () => toMessageBlocks(card(Array.from({ length: 51 }, (_, i) => text(`rad ${i}`)))), 50],
    ['modal blocks', () => toModalView(card(Array.from({ length: 101 }, (_, i) => text(`rad ${i}`))), modal), 100],
    ['button text', () => toMessageBlocks(card([], buttons(1, x(76)))), 75],
    ['actions per block', () => toMessageBlocks(card([], buttons(26))), 25],
    ['select options in a message (no long-list search there)', () => toMessageBlocks(card([{ type: 'Input.ChoiceSet', id: 'c', label: 'C', choices: choices(101) }])), 100],
    ['option value (never cut: the bot reads it back)', () => toModalView(card([{ type: 'Input.ChoiceSet', id: 'c', label: 'C', choices: [{ title: 'A', value: x(151) }] }], [submit]), modal), 150],
    ['message blocks of a split text', () => toMessageBlocks(card(Array.from({ length: 17 }, () => text('&'.repeat(1500))))), 50],
    ['modal blocks of a long list of facts', () => toModalView(card([{ type: 'FactSet', facts: Array.from({ length: 101 }, () => ({ title: 'T', value: '<'.repeat(590) })) }]), modal), 100],
    ['input label', () => toMessageBlocks(card([{ type: 'Input.Text', id: 'a', label: x(2001) }])), 2000],
    ['text input maxLength', () => toMessageBlocks(card([{ type: 'Input.Text', id: 'a', label: 'A', maxLength: 5000 }])), 3000],
    ['text input value (never truncated)', () => toMessageBlocks(card([{ type: 'Input.Text', id: 'a', label: 'A', value: x(101), maxLength: 100 }])), 100],
    ['modal title', () => toModalView(card([]), { ...modal, title: x(25) }), 24],
    ['modal submit', () => toModalView(card([], [submit]), { ...modal, submit: x(25) }), 24],
    ['modal close', () => toModalView(card([]), { ...modal, close: x(25) }), 24],
    ['callback_id', () => toModalView(card([]), { ...modal, callbackId: x(256) }), 255],
    ['private_metadata', () => toModalView(card([]), { ...modal, privateMetadata: x(3001) }), 3000],
  ])('%s', (_name, translate, max) => {
    expect(limitOf(translate).limit).toBe(max);
  });

  it('accepts everything exactly at the limits', () => {
    expect(toMessageBlocks(card(Array.from({ length: 49 }, () => text(x(3000))), buttons(25, x(75))))).toHaveLength(50);
    expect(toModalView(card([text(x(150), { style: 'heading' })], [submit]), { ...modal, title: x(24), submit: x(24), close: x(24), privateMetadata: x(3000) }).blocks).toHaveLength(1);
  });
});

// Real data the old translator refused, so Slack showed the generic error instead of the card or form.
describe('real sizes', () => {
  const organisation = 'Samordningsförbundet Väst, Göta Älvdalen, Lilla Edet, Trollhättan och Vänersborg'; // 80 characters
  const long = (n: number) => Array.from({ length: n }, (_, i) => ({ title: `Medlem ${String(i + 1).padStart(3, '0')} ${organisation}`, value: `m-${i + 1}` }));

  it('shortens option text to 75 characters with "…" and keeps the value whole', () => {
    expect(organisation).toHaveLength(80);
    const view = toModalView(card([{ type: 'Input.ChoiceSet', id: 'organisationId', label: 'Huvudman', value: 'org-1', choices: [{ title: organisation, value: 'org-1' }] }], [submit]), modal);
    const element = (view.blocks[0] as unknown as { element: Record<string, any> }).element;
    expect(element.options[0].text.text).toBe(`${organisation.slice(0, 74)}…`);
    expect(element.options[0].text.text).toHaveLength(75);
    expect(element.options[0].value).toBe('org-1');
    expect(element.initial_option).toEqual(element.options[0]);
  });

  it('turns a list of more than 100 into an external_select whose options come back filtered, at most 100', () => {
    const { view, suggestions } = toModal(
      card([{ type: 'Input.ChoiceSet', id: 'memberId', label: 'Medlem', value: 'm-106', choices: long(106) }, { type: 'Input.ChoiceSet', id: 'memberIds', label: 'Medlemmar', isMultiSelect: true, value: 'm-1,m-2', choices: long(106) }], [submit]),
      modal,
    );
    const [single, multi] = view.blocks.map((block) => (block as unknown as { element: Record<string, any> }).element);
    expect(single).toMatchObject({ type: 'external_select', action_id: 'memberId', min_query_length: 0, initial_option: { value: 'm-106' } });
    expect(single).not.toHaveProperty('options');
    expect(multi).toMatchObject({ type: 'multi_external_select', initial_options: [{ value: 'm-1' }, { value: 'm-2' }] });
    expect(suggestions.memberId).toHaveLength(106);
    expect(matchingOptions(suggestions.memberId!, '')).toHaveLength(100);
    expect(matchingOptions(suggestions.memberId!, 'medlem 10').map((option) => option.value)).toEqual(['m-10', 'm-100', 'm-101', 'm-102', 'm-103', 'm-104', 'm-105', 'm-106']);
    // Case and accents do not matter: "vast" finds "Väst".
    expect(matchingOptions(suggestions.memberId!, 'MEDLEM 001 vast').map((option) => option.value)).toEqual(['m-1']);
  });

  it('shows radio buttons and checkboxes of more than ten options as a menu', () => {
    const [block] = toModalView(card([{ type: 'Input.ChoiceSet', id: 'c', label: 'C', style: 'expanded', isMultiSelect: true, choices: long(11) }], [submit]), modal).blocks;
    expect((block as unknown as { element: { type: string } }).element.type).toBe('multi_static_select');
  });

  it('splits a 3000-character summary with & and < over several sections, never cutting a character or an entity', () => {
    const answer = `${'Vi & de <andra> samverkar. '.repeat(110)}slut`;
    expect(answer.length).toBeGreaterThan(2900);
    const blocks = toMessageBlocks(card([text(answer, { weight: 'Bolder' })]));
    expect(blocks.length).toBeGreaterThan(1);
    const texts = blocks.map((block) => (block as unknown as { text: { text: string } }).text.text);
    for (const chunk of texts) {
      expect(chunk.length).toBeLessThanOrEqual(3000);
      expect(chunk).toMatch(/^\*.*\*$/s);
      expect(chunk).not.toMatch(/&(?!amp;|lt;|gt;)/);
    }
    // Every character is there; only the blanks the text was split at are the blocks' edges now.
    const shown = texts.map((chunk) => chunk.slice(1, -1)).join(' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    expect(shown).toBe(answer);
    // A word longer than a block is split between characters; a context splits the same way.
    expect(toMessageBlocks(card([text('&'.repeat(700), { isSubtle: true })])).map((block) => block.type)).toEqual(['context', 'context']);
  });

  it('shortens a header over 150 characters with "…" and shows the whole title right below', () => {
    const title = `Hemuppgift: ${'Hur når vi unga & deras familjer? '.repeat(5).slice(0, 149)}`;
    const [header, full] = toMessageBlocks(card([text(title, { style: 'heading' })]));
    expect(header).toEqual({ type: 'header', text: { type: 'plain_text', text: `${title.slice(0, 149)}…`, emoji: true } });
    expect(full).toEqual({ type: 'section', text: { type: 'mrkdwn', text: `*${escapeMrkdwn(title)}*` } });
  });

  it('shows a fact too long for a field as a line of a section', () => {
    const blocks = toMessageBlocks(card([{ type: 'FactSet', facts: [{ title: 'Svar', value: '&'.repeat(500) }] }]));
    expect(blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: `*Svar*: ${'&amp;'.repeat(500)}` } }]);
  });

  it('marks inputs the form rule requires as not optional, and whole numbers without decimals', () => {
    const inputRule = (id: string) => ({ progressText: { required: true }, count: { required: false, decimals: false } })[id];
    const view = toModalView(
      card([{ type: 'Input.Text', id: 'progressText', label: 'Lägesbeskrivning' }, { type: 'Input.Text', id: 'worksWell', label: 'Fungerar bra' }, { type: 'Input.Number', id: 'count', label: 'Antal', min: 2, max: 60 }, { type: 'Input.Number', id: 'value', label: 'Värde' }], [submit]),
      { ...modal, inputRule },
    );
    const blocks = view.blocks as unknown as { optional: boolean; element: Record<string, unknown> }[];
    expect(blocks.map((block) => block.optional)).toEqual([false, true, true, true]);
    expect(blocks[2]!.element).toMatchObject({ type: 'number_input', is_decimal_allowed: false, min_value: '2', max_value: '60' });
    expect(blocks[3]!.element).toMatchObject({ type: 'number_input', is_decimal_allowed: true });
    // What Slack would refuse is refused here, naming the input.
    const numberCard = (node: Record<string, unknown>) => card([{ type: 'Input.Number', id: 'count', label: 'Antal', ...node }], [submit]);
    expect(() => toModalView(numberCard({ value: 2.5 }), { ...modal, inputRule })).toThrow(/value "2.5" is not a whole number/);
    expect(() => toModalView(numberCard({ value: 'tre' }), modal)).toThrow(/is not a number/);
    expect(() => toModalView(numberCard({ min: 10, max: 2 }), modal)).toThrow(/min is above max/);
  });
});

describe('confirmation dialogs (data.confirm)', () => {
  const dialog = { title: 'Är du säker?', text: 'Mötet ställs in för hela gruppen.', confirm: 'Ja, gör det', deny: 'Avbryt' };
  const action = (data: Record<string, unknown>, style?: string): CardNode => ({ type: 'Action.Execute', title: 'Ställ in', verb: 'cancel-meeting', data: { action: 'cancel-meeting', meetingId: 'm1', ...data }, ...(style ? { style } : {}) });
  const onlyButton = (actions: CardNode[]) => (toMessageBlocks(card([text('x')], actions)).at(-1) as unknown as { elements: Record<string, any>[] }).elements[0]!;

  it('becomes the button\'s Block Kit confirm, danger-styled on a destructive button, and stays out of its value', () => {
    const button = onlyButton([action({ confirm: dialog }, 'destructive')]);
    expect(button.confirm).toEqual({
      title: { type: 'plain_text', text: dialog.title, emoji: true },
      text: { type: 'plain_text', text: dialog.text, emoji: true },
      confirm: { type: 'plain_text', text: dialog.confirm, emoji: true },
      deny: { type: 'plain_text', text: dialog.deny, emoji: true },
      style: 'danger',
    });
    expect(JSON.parse(button.value)).toEqual({ action: 'cancel-meeting', meetingId: 'm1' });
    expect(onlyButton([action({ confirm: dialog }, 'positive')]).confirm.style).toBeUndefined();
    expect(onlyButton([action({})]).confirm).toBeUndefined();
  });

  it('refuses a dialog Slack would reject: missing parts or texts over its limits', () => {
    expect(() => onlyButton([action({ confirm: 'ja' })])).toThrow(CardTranslationError);
    expect(() => onlyButton([action({ confirm: { ...dialog, deny: '' } })])).toThrow(CardTranslationError);
    expect(() => onlyButton([action({ confirm: { ...dialog, text: x(301) } })])).toThrow(SlackLimitError);
    expect(() => onlyButton([action({ confirm: { ...dialog, confirm: x(31) } })])).toThrow(SlackLimitError);
    expect(onlyButton([action({ confirm: { ...dialog, title: x(100), text: x(300), confirm: x(30), deny: x(30) } })]).confirm).toBeDefined();
  });
});
