import { assignmentChangesEn } from './sections/assignment-changes.en.js';
import type { Catalog } from './sv.js';
import { membersEn } from './sections/members.en.js';
import { meetingsEn } from './sections/meetings.en.js';
import { schedulerEn } from './sections/scheduler.en.js';
import { meetingSummaryEn } from './sections/meeting-summary.en.js';
import { actionPlanEn } from './sections/action-plan.en.js';
import { reportsEn } from './sections/reports.en.js';
import { exportsEn } from './sections/exports.en.js';
import { regionalEn } from './sections/regional.en.js';
import { missingEn } from './sections/missing.en.js';
import { slackInstallEn } from './sections/slack-install.en.js';
import { myTasksEn } from './sections/my-tasks.en.js';

export const en: Catalog = {
  common: {
    /** Shown by Teams under a required field left empty, before the form is sent. */
    requiredField: 'Fill in this field: it is needed.',
    requiredChoice: 'Choose an option: it is needed.',
    targetGroups: { vuxen: 'Adults', barn_och_unga: 'Children and youth', bada: 'Adults and children/youth' },
    roles: {
      ordforande: 'Chair',
      sammankallande: 'Convener',
      ledamot: 'Member',
      ersattare: 'Substitute',
      kansli: 'Regional office',
    },
    organisationKinds: {
      region: 'Region',
      kommun: 'Municipality',
      forsakringskassan: 'Social Insurance Agency',
      arbetsformedlingen: 'Public Employment Service',
      brukarorganisation: 'User organisation',
      samordningsforbund: 'Coordination association (samordningsförbund)',
      annan: 'Other',
    },
    activityStatuses: { planerad: 'Planned', pagaende: 'Ongoing', klar: 'Done', avbruten: 'Cancelled' },
    statusColours: { gron: 'Green', gul: 'Yellow', rod: 'Red' },
    buttons: {
      help: 'Help',
      plan: 'Show the plan',
      summary: 'Summary',
      settings: 'Settings',
      report: 'Report',
      save: 'Save',
      close: 'Close',
    },
    /** Slack's confirmation dialogs on destructive or final buttons (Block Kit `confirm`). */
    confirm: {
      title: 'Are you sure?',
      yes: 'Yes, go ahead',
      deny: 'Cancel',
      acceptFinalReport: 'The final report is accepted and the assignment closed. This cannot be undone.',
      cancelMeeting: 'The meeting is cancelled for the whole group. You can restore it afterwards.',
      closeVoting: 'Voting ends and nobody can vote any more in this round.',
      dataRights: 'The personal data request is carried out now and logged. What is deleted or anonymised cannot be restored.',
    },
    defaultGroupName: 'Local collaboration group',
    clock: { separator: ':', at: '{time}', range: '{start}–{end}', dateTime: '{weekday} {date}, {time}' },
    swedishTime: 'Swedish time',
  },
  welcome: {
    title: 'Hello {groupName}! I am Samverkansbot.',
    intro:
      'I help your local collaboration group plan and follow up the local action plan for mental health: from local analysis and prioritisation to assignments, progress reports, final reports and evaluation.',
    firstStepsTitle: 'Getting started',
    firstSteps: [
      '1. The chair fills in the group settings: name and parties (at least the principals, region and municipality).',
      '2. Add the group meetings and I will raise the standing item "Follow-up of the local action plan for mental health" before each one.',
      '3. Type "help" at any time to see what I can do.',
    ],
    registeredAs: 'I have registered this channel as the collaboration group "{groupName}". {chairName} is chair until you change it.',
    privacy: 'Never write patient or personal data here.',
  },
  help: {
    title: 'What I can do',
    intro: {
      teams: 'Mention me in the group\'s channel: type @Samverkansbot and a command, for example "@Samverkansbot plan". In our private chat the command alone is enough.',
      slack: 'Type /samverkan and a command in the group\'s channel, for example "/samverkan plan", or /rapport for a report.',
    },
    commands: [
      { name: 'help, my tasks', description: 'Shows this help. "my tasks" shows what is waiting for you in your groups: reports, votes, proposals, homework and the evaluation, with a button to each form.' },
      { name: 'report', description: 'Conveners submit a progress or final report for their assignment.' },
      { name: 'plan', description: 'Shows the local action plan: activities per focus area, assignments, status and dates.' },
      { name: 'summary', description: 'Summary before the next meeting: reports, risks and decisions waiting.' },
      { name: 'settings', description: 'Group name, parties, members and office channel.' },
      { name: 'members', description: 'The group members with party and role; the chair changes roles and substitutes.' },
      { name: 'meetings', description: "The group's upcoming meetings: add meetings and series, move, cancel and export to your calendar." },
      {
        name: 'analysis, prioritisation',
        description: 'Steps 1–2: the chair starts a round and everyone proposes development areas; then everyone votes (seven votes, at most three per area) and the chair adds activities and decides the plan.',
      },
      {
        name: 'assignment, implementation',
        description: 'Steps 3–4: the chair gives an assignment to a working group (assignment document); the convener writes the implementation plan with sub-goals and local indicators.',
      },
      {
        name: 'evaluation, homework',
        description:
          'Step 8: everyone answers the year\'s evaluation ("evaluation show" compiles the answers). Homework between meetings: the chair sends questions with a deadline ("homework new"), everyone answers and the answers are compiled per question.',
      },
      {
        name: 'export',
        description: 'The action plan, an assignment document, a progress or final report or the half-year report as a Word file, and all activities, assignments and reports as an Excel or CSV file.',
      },
      {
        name: 'region, personaldata',
        description:
          'For the office: "region" rolls up every collaboration group here (activities per focus area and target group, status, reports missing, closed assignments with added value) with an Excel file; "personaldata export", "personaldata anonymise" or "personaldata delete" followed by the person\'s name exports, anonymises or deletes what is stored about them.',
      },
    ],
    privacy: 'Patient and personal data do not belong here.',
  },
  plan: {
    title: 'Local action plan for mental health {year}',
    versionLine: 'Version {version}',
    decidedLine: 'Decided {date}',
    notDecided: 'Not decided yet',
    empty: 'The plan has no activities yet. The work starts with a local analysis where members propose development areas for adults and for children and youth.',
    noPlan: 'The group has no local action plan for {year} yet.',
    activityLine: '{title} ({targetGroup}) · {start}–{end} · {status}',
    focusArea: 'Focus area: {code}',
  },
  settings: {
    title: 'Collaboration group settings',
    intro: 'These apply to the whole group. Only the chair and the regional office can change them.',
    groupName: 'Group name',
    groupNamePlaceholder: 'E.g. Local mental health collaboration group Uddevalla',
    groupNameRequired: 'The group name is required.',
    organisations: 'Parties to the collaboration (the principals region and municipality, and other parties)',
    otherOrganisations: 'Other parties, one per line',
    principals: 'Principals (huvudmän; a working group needs at least one person from each principal)',
    principalNotParty: '{name} is marked as a principal but is not chosen among the parties.',
    noPrincipal: 'Mark at least one principal, usually the region and the municipality.',
    otherOrganisationsPlaceholder: 'E.g. the coordination association',
    officeChannel: 'Office channel receiving plans and final reports (from the region file)',
    officeChannelPlaceholder: 'No office channel',
    officeChannelNotInRegion: 'The stored office channel "{channel}" is not in the region file, so nothing is sent there. Choose an office channel from the list.',
    unknownOfficeChannel: 'The office channel "{value}" is not in the region file. Choose one of the office\'s channels from the list.',
    ownOfficeChannel: "The group cannot have its own channel as office channel. Choose one of the office's channels from the list.",
    standingItemHours: 'Standing item, hours before the meeting',
    summaryHours: 'Summary to the chair, hours before the meeting',
    planningDayReminder: 'Reminder about the planning day in January',
    hoursPlaceholder: '1–336',
    notWholeHours: '{field}: enter a whole number of hours between {min} and {max} (you typed "{value}").',
    reportPromptDays: 'Prompt to conveners about progress reporting, days before the progress report is due',
    daysPlaceholder: 'E.g. 5',
    notWholeDays: '{field}: enter a whole number of days between {min} and {max} (you typed "{value}").',
    membersHint: 'Members, roles and substitutes are changed with the command "members".',
    submit: 'Save',
    modalTitle: 'Settings',
    cancel: 'Cancel',
    saved: 'The settings are saved.',
    savedBy: 'Changed by {name}.',
  },
  notice: {
    chooseGroup: 'Which group is it about? You are in several collaboration groups.',
    personalChat: 'This command is about a collaboration group, and you are not a member of one yet. Ask the chair to add you, or use the command in the group channel.',
    notAllowed: 'Only the group chair or the regional office can change the settings. Contact {chairNames}.',
    noChair: 'the group chair',
    lockedNoChair: 'The group has no chair, so nobody can change it now. The regional office appoints a chair (under "members").',
    reportNoAssignment:
      'You are not the convener of any ongoing assignment in this group. Reports are submitted by the convener of an assignment (or their substitute). The chair gives assignments to working groups.',
    inviteFirstSlack:
      "Add me to the channel first: type /invite @Samverkansbot in the group's channel and the collaboration group is registered there. I only answer in channels I have been invited to.",
    inviteFirstTeams:
      'Add me to the channel first: add the Samverkansbot app to the team (Apps → Add to a team) and the collaboration group is registered there. I only answer where I have been added.',
    teamGroupInOtherChannel:
      "This team's collaboration group, {groupName}, lives in the channel {channelName}: mention me there. The app is added to a team, and the group belongs to the channel where it was added.",
    notAMemberHere:
      'You are not a member of this collaboration group. Write to the bot in the group\'s channel, or ask the chair to add you.',
    otherWorkspace:
      'You belong to another workspace or organisation than this collaboration group. Ask the group chair to add you as a member, then you can take part.',

    sentPrivately: 'I have sent you the answer in our private chat.',
    formSentPrivately: 'I have sent you the form privately, in our chat.',
    privateChatUnavailable: 'The answer is for you only, but I could not open a private chat with you. Open a chat with me (Samverkansbot) and try again.',
  },
  members: membersEn,
  meetings: meetingsEn,
  scheduler: schedulerEn,
  meetingSummary: meetingSummaryEn,
  actionPlan: actionPlanEn,
  reports: reportsEn,
  exports: exportsEn,
  regional: regionalEn,
  errors: {
    required: '{field} is required.',
    tooLong: '{field} may be at most {max, plural, one {# character} other {# characters}} (now {length, plural, other {#}}).',
    regionAndKommun: 'Choose at least one region and one municipality among the parties: the guidance names them as principals.',
    unknownOrganisation: 'Unknown party: "{value}".',
    duplicateOrganisation: '"{value}" is already among the parties.',
    generic: 'Something went wrong on my side. What you typed is kept, please try again shortly.',
    listExpired: 'This list has expired – close the form and open it again',
    unknownAction: 'I do not recognise that button. The card may come from an older version of me: write "help" to get a new one.',
    alreadyReceived: 'I have already received and handled this: nothing more needs doing.',
    slackUnavailable: 'Slack is not answering right now, so I could not show the answer. Please try again shortly.',
    formExpired: 'The form could not be opened because Slack answered too slowly. Press the button or type the command again.',
    unknownForm: 'I do not recognise the form "{form}", so nothing was saved. It may come from an older version of me: open the form again.',
    unreadableRequest: 'Slack sent something I could not read, so nothing was done. Please try again, and write "help" if it does not work.',
  },
  missing: missingEn,
  slackInstall: slackInstallEn,
  assignmentChanges: assignmentChangesEn,
  myTasks: myTasksEn,
};
