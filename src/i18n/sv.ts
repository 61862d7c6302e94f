// Swedish is the source of truth: every user-facing text of the bot lives here (and in en.ts).
// Cards bind these through `${t.…}`; code formats them with `format()`, which reads ICU MessageFormat:
// {name}, and every count as {count, plural, one {# aktivitet} other {# aktiviteter}} (README, "Språk").
import { assignmentChangesSv } from './sections/assignment-changes.sv.js';
import { membersSv } from './sections/members.sv.js';
import { meetingsSv } from './sections/meetings.sv.js';
import { schedulerSv } from './sections/scheduler.sv.js';
import { meetingSummarySv } from './sections/meeting-summary.sv.js';
import { actionPlanSv } from './sections/action-plan.sv.js';
import { reportsSv } from './sections/reports.sv.js';
import { exportsSv } from './sections/exports.sv.js';
import { regionalSv } from './sections/regional.sv.js';
import { missingSv } from './sections/missing.sv.js';
import { slackInstallSv } from './sections/slack-install.sv.js';
import { myTasksSv } from './sections/my-tasks.sv.js';

export const sv = {
  common: {
    /** Shown by Teams under a required field left empty, before the form is sent. */
    requiredField: 'Fyll i fältet: det behövs.',
    requiredChoice: 'Välj ett alternativ: det behövs.',
    targetGroups: { vuxen: 'Vuxen', barn_och_unga: 'Barn och unga', bada: 'Vuxen samt Barn och unga' },
    roles: {
      ordforande: 'Ordförande',
      sammankallande: 'Sammankallande',
      ledamot: 'Ledamot',
      ersattare: 'Ersättare',
      kansli: 'Kansli',
    },
    organisationKinds: {
      region: 'Region',
      kommun: 'Kommun',
      forsakringskassan: 'Försäkringskassan',
      arbetsformedlingen: 'Arbetsförmedlingen',
      brukarorganisation: 'Brukarorganisation',
      samordningsforbund: 'Samordningsförbund',
      annan: 'Annan',
    },
    activityStatuses: { planerad: 'Planerad', pagaende: 'Pågående', klar: 'Klar', avbruten: 'Avbruten' },
    statusColours: { gron: 'Grön', gul: 'Gul', rod: 'Röd' },
    buttons: {
      help: 'Hjälp',
      plan: 'Visa planen',
      summary: 'Sammanfattning',
      settings: 'Inställningar',
      report: 'Rapportera',
      save: 'Spara',
      close: 'Stäng',
    },
    /** Slack's confirmation dialogs on destructive or final buttons (Block Kit `confirm`). */
    confirm: {
      title: 'Är du säker?',
      yes: 'Ja, gör det',
      deny: 'Avbryt',
      acceptFinalReport: 'Slutrapporten godkänns och uppdraget avslutas. Det går inte att ångra.',
      cancelMeeting: 'Mötet ställs in för hela gruppen. Du kan återställa det efteråt.',
      closeVoting: 'Röstningen avslutas och ingen kan rösta mer i den här omgången.',
      dataRights: 'Begäran om personuppgifter genomförs nu och loggas. Det som raderas eller anonymiseras går inte att återställa.',
    },
    defaultGroupName: 'Lokal samverkansgrupp',
    // Swedish writes times "kl. 13.00–15.00": a period between hours and minutes, an en dash between times.
    clock: { separator: '.', at: 'kl. {time}', range: 'kl. {start}–{end}', dateTime: '{weekday} {date} {time}' },
    swedishTime: 'svensk tid',
  },
  welcome: {
    title: 'Hej {groupName}! Jag är Samverkansbot.',
    intro:
      'Jag hjälper er lokala samverkansgrupp att planera och följa upp den lokala handlingsplanen för psykisk hälsa: från lokal analys och prioritering till uppdrag, avrapportering, slutrapport och utvärdering.',
    firstStepsTitle: 'Kom igång',
    firstSteps: [
      '1. Ordföranden fyller i gruppens inställningar: namn och parter (minst huvudmännen region och kommun).',
      '2. Lägg in gruppens möten, så tar jag upp den stående punkten "Uppföljning av den lokala handlingsplanen för psykisk hälsa" inför varje möte.',
      '3. Skriv "hjälp" när som helst för att se vad jag kan.',
    ],
    registeredAs: 'Jag har registrerat kanalen som samverkansgruppen "{groupName}". {chairName} är ordförande tills ni ändrar det.',
    privacy: 'Skriv aldrig patient- eller personuppgifter här.',
  },
  help: {
    title: 'Det här kan jag',
    // How to ask, as each platform has it: no Slack wording on a Teams card and the other way round.
    intro: {
      teams: 'Nämn mig i gruppens kanal: skriv @Samverkansbot och ett kommando, till exempel "@Samverkansbot plan". I vår privata chatt räcker kommandot.',
      slack: 'Skriv /samverkan och ett kommando i gruppens kanal, till exempel "/samverkan plan", eller /rapport för en rapport.',
    },
    commands: [
      { name: 'hjälp, mina uppgifter', description: 'Visar den här hjälpen. "mina uppgifter" visar det som väntar på dig i dina grupper: rapporter, röstningar, förslag, hemuppgifter och utvärdering, med en knapp till varje formulär.' },
      { name: 'rapport', description: 'Sammankallande lämnar lägesrapport eller slutrapport för sitt uppdrag.' },
      { name: 'plan', description: 'Visar den lokala handlingsplanen: aktiviteter per fokusområde, uppdrag, status och datum.' },
      { name: 'sammanfattning', description: 'Sammanfattning inför nästa möte: rapporter, risker och beslut som väntar.' },
      { name: 'inställningar', description: 'Gruppens namn, parter, medlemmar och kanslikanal.' },
      { name: 'medlemmar', description: 'Gruppens medlemmar med part och roll; ordföranden ändrar roller och ersättare.' },
      { name: 'möten', description: 'Gruppens kommande möten: lägg till möten och mötesserier, flytta, ställ in och exportera till kalendern.' },
      {
        // Steps 1–2 share one line: Slack shows at most ten commands side by side.
        name: 'analys, prioritering',
        description: 'Steg 1–2: ordföranden startar en analysomgång och alla lämnar förslag till utvecklingsområden; sedan röstar alla (sju röster, högst tre per område) och ordföranden lägger in aktiviteter och beslutar planen.',
      },
      {
        name: 'uppdrag, genomförandeplan',
        description: 'Steg 3–4: ordföranden ger ett uppdrag till en arbetsgrupp (uppdragshandling); sammankallande skriver genomförandeplanen med delmål och lokala indikatorer.',
      },
      {
        name: 'utvärdering, hemuppgift',
        description:
          'Steg 8: alla besvarar årets utvärdering ("utvärdering visa" sammanställer svaren). Hemuppgifter mellan mötena: ordföranden skickar frågor med svarsdatum ("hemuppgift ny"), alla svarar och svaren sammanställs per fråga.',
      },
      {
        name: 'exportera',
        description: 'Handlingsplanen, en uppdragshandling, en läges- eller slutrapport eller halvårsrapporten som Word-fil, och alla aktiviteter, uppdrag och rapporter som Excel- eller CSV-fil.',
      },
      {
        name: 'region, personuppgifter',
        description:
          'För kansliet: "region" sammanställer alla samverkansgrupper här (aktiviteter per fokusområde och målgrupp, status, saknade rapporter, avslutade uppdrag med mervärde) med Excel-fil; "personuppgifter visa", "personuppgifter anonymisera" eller "personuppgifter radera" följt av personens namn lämnar ut, anonymiserar eller raderar det som finns lagrat om personen.',
      },
    ],
    privacy: 'Patient- och personuppgifter hör inte hemma här.',
  },
  plan: {
    title: 'Lokal handlingsplan för psykisk hälsa {year}',
    versionLine: 'Version {version}',
    decidedLine: 'Beslutad {date}',
    notDecided: 'Ej beslutad ännu',
    empty: 'Det finns inga aktiviteter i planen ännu. Arbetet börjar med en lokal analys där medlemmarna föreslår utvecklingsområden för Vuxen respektive Barn och unga.',
    noPlan: 'Gruppen har ingen lokal handlingsplan för {year} ännu.',
    activityLine: '{title} ({targetGroup}) · {start}–{end} · {status}',
    focusArea: 'Fokusområde: {code}',
  },
  settings: {
    title: 'Inställningar för samverkansgruppen',
    intro: 'Uppgifterna gäller hela gruppen. Bara ordföranden och kansliet kan ändra dem.',
    groupName: 'Gruppens namn',
    groupNamePlaceholder: 'T.ex. Lokal samverkansgrupp psykisk hälsa Uddevalla',
    groupNameRequired: 'Gruppens namn måste fyllas i.',
    organisations: 'Parter i samverkan (huvudmännen region och kommun samt övriga parter)',
    otherOrganisations: 'Övriga parter, en per rad',
    principals: 'Huvudmän (en arbetsgrupp ska ha minst en person från vardera huvudmannen)',
    principalNotParty: '{name} är markerad som huvudman men är inte vald bland parterna.',
    noPrincipal: 'Markera minst en huvudman, vanligen region och kommun.',
    otherOrganisationsPlaceholder: 'T.ex. Samordningsförbundet',
    officeChannel: 'Kanslikanal som tar emot planer och slutrapporter (ur regionfilen)',
    officeChannelPlaceholder: 'Ingen kanslikanal',
    officeChannelNotInRegion: 'Den sparade kanslikanalen "{channel}" finns inte i regionfilen, så inget skickas dit. Välj en kanslikanal i listan.',
    unknownOfficeChannel: 'Kanslikanalen "{value}" finns inte i regionfilen. Välj en av kansliets kanaler i listan.',
    ownOfficeChannel: 'Gruppen kan inte ha sin egen kanal som kanslikanal. Välj en av kansliets kanaler i listan.',
    standingItemHours: 'Stående punkt, timmar före mötet',
    summaryHours: 'Sammanfattning till ordföranden, timmar före mötet',
    planningDayReminder: 'Påminnelse om planeringsdag i januari',
    hoursPlaceholder: '1–336',
    notWholeHours: '{field}: ange ett helt antal timmar mellan {min} och {max} (du skrev "{value}").',
    reportPromptDays: 'Påminnelse till sammankallande om avrapportering, dagar innan lägesrapporten ska lämnas',
    daysPlaceholder: 'T.ex. 5',
    notWholeDays: '{field}: ange ett helt antal dagar mellan {min} och {max} (du skrev "{value}").',
    membersHint: 'Medlemmar, roller och ersättare ändrar du med kommandot "medlemmar".',
    submit: 'Spara',
    modalTitle: 'Inställningar',
    cancel: 'Avbryt',
    saved: 'Inställningarna är sparade.',
    savedBy: 'Ändrade av {name}.',
  },
  notice: {
    chooseGroup: 'Vilken grupp gäller det? Du är med i flera samverkansgrupper.',
    personalChat:
      'Det här kommandot gäller en samverkansgrupp, och du är inte medlem i någon ännu. Be ordföranden lägga till dig, eller skriv kommandot i gruppens kanal.',
    notAllowed: 'Bara gruppens ordförande eller kansliet kan ändra inställningarna. Kontakta {chairNames}.',
    noChair: 'gruppens ordförande',
    lockedNoChair: 'Gruppen har ingen ordförande, så ingen kan ändra den nu. Kansliet utser en ordförande (under "medlemmar").',
    reportNoAssignment:
      'Du är inte sammankallande i något pågående uppdrag i den här gruppen. Rapporter lämnas av uppdragets sammankallande (eller dennes ersättare). Ordföranden ger uppdrag till arbetsgrupper.',
    inviteFirstSlack:
      'Lägg till mig i kanalen först: skriv /invite @Samverkansbot i gruppens kanal, så registreras samverkansgruppen där. Jag svarar bara i kanaler jag har bjudits in till.',
    inviteFirstTeams:
      'Lägg till mig i kanalen först: lägg till appen Samverkansbot i teamet (Appar → Lägg till i ett team), så registreras samverkansgruppen där. Jag svarar bara där jag har lagts till.',
    teamGroupInOtherChannel:
      'Det här teamets samverkansgrupp, {groupName}, finns i kanalen {channelName}: nämn mig där. Appen läggs till i ett team, och gruppen hör till kanalen där appen lades till.',
    notAMemberHere:
      'Du är inte medlem i den här samverkansgruppen. Skriv till boten i gruppens kanal, eller be ordföranden lägga till dig.',
    otherWorkspace:
      'Du tillhör en annan arbetsyta eller organisation än den här samverkansgruppen. Be gruppens ordförande att lägga till dig som medlem, så kan du delta.',

    sentPrivately: 'Jag har skickat svaret till dig i vår privata chatt.',
    formSentPrivately: 'Jag har skickat formuläret till dig privat, i vår chatt.',
    privateChatUnavailable:
      'Svaret gäller bara dig, men jag kunde inte öppna en privat chatt med dig. Öppna en chatt med mig (Samverkansbot) och försök igen.',
  },
  members: membersSv,
  meetings: meetingsSv,
  scheduler: schedulerSv,
  meetingSummary: meetingSummarySv,
  actionPlan: actionPlanSv,
  reports: reportsSv,
  exports: exportsSv,
  regional: regionalSv,
  errors: {
    required: '{field} måste fyllas i.',
    tooLong: '{field} får vara högst {max, plural, one {# tecken} other {# tecken}} (nu {length, plural, other {#}}).',
    regionAndKommun: 'Välj minst en region och en kommun bland parterna: de är huvudmän i vägledningen.',
    unknownOrganisation: 'Okänd part: "{value}".',
    duplicateOrganisation: '"{value}" finns redan bland parterna.',
    generic: 'Något gick fel hos mig. Det du skrev finns kvar, försök igen om en stund.',
    // Slack: a long list's options are kept by the process that opened the form (at most 75 characters).
    listExpired: 'Listan finns inte längre – stäng och öppna formuläret igen',
    unknownAction: 'Den knappen känner jag inte igen. Kortet kan vara från en äldre version av mig: skriv "hjälp" för att få ett nytt.',
    alreadyReceived: 'Det här har jag redan tagit emot och hanterat: inget mer behöver göras.',
    slackUnavailable: 'Slack svarar inte just nu, så jag kunde inte visa svaret. Försök igen om en stund.',
    formExpired: 'Formuläret hann inte öppnas eftersom Slack svarade för långsamt. Tryck på knappen eller skriv kommandot igen.',
    unknownForm: 'Formuläret "{form}" känner jag inte igen, så inget sparades. Det kan vara från en äldre version av mig: öppna formuläret igen.',
    unreadableRequest: 'Slack skickade något jag inte kunde läsa, så inget har gjorts. Försök igen, och skriv "hjälp" om det inte fungerar.',
  },
  missing: missingSv,
  slackInstall: slackInstallSv,
  assignmentChanges: assignmentChangesSv,
  myTasks: myTasksSv,
} as const;

type Widen<T> = T extends string
  ? string
  : T extends readonly (infer U)[]
    ? readonly Widen<U>[]
    : { readonly [K in keyof T]: Widen<T[K]> };

/** The shape every locale must match; TypeScript fails the build on a missing key. */
export type Catalog = Widen<typeof sv>;
