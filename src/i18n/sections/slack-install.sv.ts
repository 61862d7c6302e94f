// The pages an admin sees in the browser while installing the Slack app in a workspace or an Enterprise
// Grid org (/slack/install → Slack → /slack/oauth_redirect).
export const slackInstallSv = {
  title: 'Samverkansbot i Slack',
  installed: 'Samverkansbot är installerad i {workspace}. Bjud in boten till samverkansgruppens kanal med /invite @Samverkansbot, och till kanslikanalen.',
  installedOrg:
    'Samverkansbot är installerad i hela organisationen {workspace}. Lägg nu till appen i de arbetsytor som ska använda den (Slack gör det inte själv), och bjud sedan in boten till samverkansgruppernas kanaler med /invite @Samverkansbot.',
  notInRegion:
    '{workspace} ({id}) hör inte till regionen, så Samverkansbot installerades inte där. Driftsansvarig lägger till {id} under organisationer i regionfilen (plattform: slack) och startar om boten; installera sedan igen.',
  badState: 'Installationslänken har gått ut, har redan använts eller öppnades i en annan webbläsare. Inget installerades.',
  cancelled: 'Installationen avbröts i Slack. Inget installerades.',
  failed: 'Installationen kunde inte slutföras: Slack svarade inte som väntat. Inget installerades; försök igen om en stund.',
  startAgain: 'Börja om installationen',
} as const;
