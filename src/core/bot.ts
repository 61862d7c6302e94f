import type { ButtonAction, CommandName, FormId, FormValues, InboundEvent, Reply } from './events.js';
import { catalogFor, ensureMember, findGroup, type Dependencies, type GroupContext } from './use-cases/context.js';
import { registerChannel, welcome } from './use-cases/register-channel.js';
import { openSettings, submitSettings } from './use-cases/settings.js';
import { helpCard, notice } from './use-cases/show-help.js';
import { showPlan } from './use-cases/show-plan.js';
import { showSummary } from './use-cases/show-summary.js';
import { startReport } from './use-cases/start-report.js';

export type { Dependencies } from './use-cases/context.js';

/** A use case reached from a group channel; `input` is a command's text, a button's args or a form's values. */
type GroupHandler = (deps: Dependencies, context: GroupContext, input: FormValues) => Promise<Reply>;

// One table per kind of event: a feature adds its entries here and nowhere else.
const COMMAND_HANDLERS: Record<Exclude<CommandName, 'hjalp'>, GroupHandler> = {
  rapport: startReport,
  plan: showPlan,
  sammanfattning: showSummary,
  installningar: openSettings,
};

const BUTTON_HANDLERS: Record<Exclude<ButtonAction, 'show-help'>, GroupHandler> = {
  'open-settings': openSettings,
  'show-plan': showPlan,
  'show-summary': showSummary,
  'open-report': startReport,
};

const FORM_HANDLERS: Record<FormId, GroupHandler> = {
  settings: submitSettings,
};

/** The one entry point of every adapter: a neutral event in, a neutral reply out. */
export function createBot(deps: Dependencies) {
  async function groupContext(event: Exclude<InboundEvent, { type: 'bot-added' }>): Promise<GroupContext | Reply> {
    if (event.channel.isPersonal) return notice(catalogFor(null, deps.defaults), catalogFor(null, deps.defaults).notice.personalChat);
    // A channel that reaches us without an install event (e.g. Slack commands before any join) is registered now.
    const group = (await findGroup(deps, event.channel)) ?? (await registerChannel(deps, event.channel, event.actor)).group;
    const member = await ensureMember(deps.store, group, event.actor);
    return { group, member, t: catalogFor(group, deps.defaults) };
  }

  return {
    async handle(event: InboundEvent): Promise<Reply> {
      // A one-to-one chat is no samverkansgrupp: show what the bot can do instead of registering it.
      if (event.type === 'bot-added') {
        return event.channel.isPersonal ? helpCard(catalogFor(null, deps.defaults)) : welcome(deps, event.channel, event.actor);
      }
      const wantsHelp =
        (event.type === 'command' && (event.command === null || event.command === 'hjalp')) ||
        (event.type === 'button' && event.action === 'show-help');
      if (wantsHelp) {
        return helpCard(catalogFor(event.channel.isPersonal ? null : await findGroup(deps, event.channel), deps.defaults));
      }
      const context = await groupContext(event);
      if ('kind' in context) return context;
      switch (event.type) {
        case 'command':
          return COMMAND_HANDLERS[event.command as Exclude<CommandName, 'hjalp'>](deps, context, { text: event.text });
        case 'button':
          return BUTTON_HANDLERS[event.action as Exclude<ButtonAction, 'show-help'>](deps, context, event.args);
        case 'form-submitted':
          return FORM_HANDLERS[event.form](deps, context, event.values);
      }
    },
  };
}

export type Bot = ReturnType<typeof createBot>;
