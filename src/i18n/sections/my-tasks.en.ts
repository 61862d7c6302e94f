import type { Catalog } from '../sv.js';

export const myTasksEn: Catalog['myTasks'] = {
  title: 'My tasks',
  welcome:
    'Hello {name}! Here in our private chat you get what concerns only you: your reports, ballots, proposals and answers. What the group should see is shown in the group\'s channel. Type "my tasks" to see what is waiting, or "help" for everything I can do.',
  intro: 'This is waiting for you in your collaboration groups.',
  introHere: 'This is waiting for you in {groupName}. In our private chat you see all your groups.',
  none: 'Nothing is waiting for you right now.',
  items: {
    progressReport: 'Progress report for the assignment "{title}", due {due}.',
    finalReport: 'Final report for the assignment "{title}", which ends {end}.',
    ballot: '{deadline, select, none {Vote on the development areas of the local analysis {year}.} other {Vote on the development areas of the local analysis {year}, by {deadline}.}}',
    proposal: 'Propose development areas for the local analysis {year}, by {deadline}.',
    homework: 'Answer the homework "{title}", by {deadline}.',
    evaluation: 'Answer the evaluation for {year}.',
    followUp: '{months, plural, one {Follow-up of how "{title}" is used, # month after closure.} other {Follow-up of how "{title}" is used, # months after closure.}}',
  },
  more: '{count, plural, one {…and # more task. Type "my tasks" in the group\'s channel to see them all there.} other {…and # more tasks. Type "my tasks" in the group\'s channel to see them all there.}}',
};
