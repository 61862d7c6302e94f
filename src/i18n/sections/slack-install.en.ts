import type { Catalog } from '../sv.js';

export const slackInstallEn: Catalog['slackInstall'] = {
  title: 'Samverkansbot in Slack',
  installed: "Samverkansbot is installed in {workspace}. Invite the bot to the collaboration group's channel with /invite @Samverkansbot, and to the kansli channel.",
  installedOrg:
    "Samverkansbot is installed in the whole organisation {workspace}. Now add the app to the workspaces that will use it (Slack does not do that by itself), then invite the bot to the collaboration groups' channels with /invite @Samverkansbot.",
  notInRegion:
    '{workspace} ({id}) is not part of the region, so Samverkansbot was not installed there. The operator adds {id} under organisationer in the region file (plattform: slack) and restarts the bot; then install again.',
  badState: 'The install link has expired, has been used already or was opened in another browser. Nothing was installed.',
  cancelled: 'The installation was cancelled in Slack. Nothing was installed.',
  failed: 'The installation could not be completed: Slack did not answer as expected. Nothing was installed; try again in a while.',
  startAgain: 'Start the installation again',
};
