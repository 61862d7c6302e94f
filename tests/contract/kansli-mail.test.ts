// Contract test of e-mail to kansliet (issue 18 item 5): a real SMTP server on 127.0.0.1 (smtp-server)
// receives what the outbox sends through the production mailer (nodemailer), and mailparser reads it back:
// recipients from the region file, Swedish subject and body, the plan as a .docx attachment whose XML holds
// the plan. The server answers 451 or 550 on demand: a 4xx is retried, a 5xx is not (and the chair is told);
// two instances draining at once, or a restart, never send the same e-mail twice. Real SQLite store.
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { MailConfig } from '../../src/config.js';
import type { Group, Member } from '../../src/core/domain.js';
import type { Store } from '../../src/core/ports.js';
import type { Region } from '../../src/core/region.js';
import type { Dependencies } from '../../src/core/use-cases/context.js';
import { drainOutbox, createChannelPacer } from '../../src/core/use-cases/drain-outbox.js';
import { enqueueKansliMail } from '../../src/core/use-cases/kansli-mail.js';
import { submitDecision } from '../../src/core/use-cases/plan-activities.js';
import { mailFromPayload, replyFromPayload } from '../../src/core/delivery.js';
import { createSmtpMailer } from '../../src/adapters/email/smtp-mailer.js';
import { catalog } from '../../src/i18n/index.js';
import { openTempSqliteStore, type TempSqliteStore } from '../support/app-on-sqlite.js';
import { fixedClock } from '../support/fixed-clock.js';
import { docxText } from '../support/read-docx.js';
import { testRegion } from '../support/test-region.js';
import { sampleRegionalPlan } from '../support/action-plan-scenario.js';
import { clockSleep, recordingSender, slackGroup } from '../scheduler/fixtures.js';
import { backends, twoInstances } from '../store/db-harness.js';

const t = catalog('sv');
const KANSLI = ['kansliet@region.example.se', 'registrator@kommun.example.se'];

interface SmtpAnswer {
  code: number;
  message: string;
}

/** A real SMTP server on loopback; `refuse` decides the answer to each message's DATA (null: accept it). */
async function startSmtp(refuse: (attempt: number) => SmtpAnswer | null = () => null, options: { starttls?: boolean } = {}) {
  const received: { mail: ParsedMail; to: string[]; secure: boolean }[] = [];
  let attempts = 0;
  const server = new SMTPServer({
    authOptional: true,
    // With starttls the server offers STARTTLS with smtp-server's own self-signed certificate.
    disabledCommands: options.starttls ? ['AUTH'] : ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        attempts += 1;
        const answer = refuse(attempts);
        if (answer) {
          callback(Object.assign(new Error(answer.message), { responseCode: answer.code }));
          return;
        }
        simpleParser(Buffer.concat(chunks))
          .then((mail) => {
            received.push({ mail, to: session.envelope.rcptTo.map((rcpt) => rcpt.address), secure: session.secure });
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const config: MailConfig = { host: '127.0.0.1', port, tls: 'none', auth: null, from: 'samverkansbot@region.example.se' };
  return {
    received,
    attempts: () => attempts,
    config,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let database: TempSqliteStore;
let store: Store;
let clock: ReturnType<typeof fixedClock>;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
const region: Region = { ...testRegion(), mailRecipients: KANSLI };

beforeEach(async () => {
  clock = fixedClock('2026-09-14T08:00:00Z');
  database = await openTempSqliteStore('kansli-mail', { clock });
  store = database.store;
});

afterEach(async () => {
  await database.close();
  await smtp?.close();
});

function deps(mailToKansli = true, on: Store = store): Dependencies {
  return {
    store: on,
    clock,
    defaults: { locale: 'sv', timeZone: 'Europe/Stockholm' },
    region,
    mailToKansli,
    actionPlan: { regionalPlan: sampleRegionalPlan(), activityLimit: 8 },
  };
}

/** A group (Slack T111, in the test region) with its chair and one activity in the 2026 plan, undecided. */
async function groupWithPlan(): Promise<{ group: Group; chair: Member }> {
  const { group } = await slackGroup(deps(), 'C_MAIL', { name: 'LSG Uddevalla' });
  const [chair] = await store.members.list({ groupId: group.id });
  const plan = await store.plans.create({ groupId: group.id, year: 2026, version: 1, decidedAt: null, decidedByMemberId: null, sentToOfficeAt: null, lastRevisedAt: null });
  const [area] = sampleRegionalPlan().focusAreas;
  await store.activities.create({
    planId: plan.id,
    title: 'Fler SIP för unga',
    description: 'Samordnad individuell plan för fler barn och unga.',
    targetGroup: 'barn_och_unga',
    focusAreaCode: area!.code,
    goalCode: area!.goals[0]!.code,
    startDate: new Date('2026-10-01T00:00:00Z'),
    endDate: new Date('2027-06-30T00:00:00Z'),
    status: 'planerad',
    proposalId: null,
  });
  return { group, chair: chair! };
}

async function decide(mailToKansli = true) {
  const { group, chair } = await groupWithPlan();
  const reply = await submitDecision(deps(mailToKansli), { group, member: chair, t }, { minutes: '§ 7' });
  return { group, chair, reply };
}

/** One scheduler tick's drain (45 s window) with the production mailer against the local server. */
function drain(workerId = 'bot-1', mailer = createSmtpMailer(smtp.config, { timeoutMs: 5_000 }), on: Store = store) {
  return drainOutbox(deps(true, on), recordingSender(clock), clock.now(), {
    workerId,
    mailer,
    pacer: createChannelPacer(),
    sleep: clockSleep(clock),
    random: () => 0.5,
    until: new Date(clock.now().getTime() + 45_000),
  });
}

const textOf = (reply: unknown): string => String((reply as { data: { text: string } }).data.text);

const mails = () => store.outbox.list({}).then((rows) => rows.filter((row) => row.kind === 'email'));

describe('e-mail to kansliet', () => {
  it('sends the decided plan to the region file\'s addresses with the .docx attached, read back from the SMTP server', async () => {
    smtp = await startSmtp();
    const { reply } = await decide();
    expect(textOf(reply)).toContain('Den har också skickats med e-post till kansliet.');
    expect(await drain()).toMatchObject({ sent: 1, failed: 0 });

    expect(smtp.received).toHaveLength(1);
    const [{ mail, to }] = smtp.received as [{ mail: ParsedMail; to: string[]; secure: boolean }];
    // SMTP_TLS=none against a local relay: plain text, as configured.
    expect(smtp.received[0]!.secure).toBe(false);
    expect(to).toEqual(KANSLI);
    expect(mail.from?.text).toBe('samverkansbot@region.example.se');
    expect(mail.subject).toBe('För kännedom: lokal handlingsplan 2026, version 1, från LSG Uddevalla');
    expect(mail.text).toContain('LSG Uddevalla har beslutat sin lokala handlingsplan för psykisk hälsa 2026 (version 1) den 14 september 2026; beslutad av Anna Ordförande. För kännedom.');
    expect(mail.text).toContain('Dokumentet finns bifogat: lokal-handlingsplan-2026.docx');
    expect(mail.messageId).toMatch(/@samverkansbot>$/);
    expect(mail.attachments).toHaveLength(1);
    const [attachment] = mail.attachments;
    expect(attachment!.filename).toBe('lokal-handlingsplan-2026.docx');
    expect(attachment!.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const text = docxText(attachment!.content);
    expect(text).toContain('Lokal handlingsplan');
    expect(text).toContain('Fler SIP för unga');
    expect(text).toContain('Samordnad individuell plan för fler barn och unga.');
  });

  it('keeps the document as it was when decided: a later edit does not change the e-mail', async () => {
    smtp = await startSmtp();
    const { group } = await decide();
    const [activity] = await store.activities.list({});
    await store.activities.update(activity!.id, { title: 'Ändrad efter beslutet' });
    await drain();
    const text = docxText(smtp.received[0]!.mail.attachments[0]!.content);
    expect(text).toContain('Fler SIP för unga');
    expect(text).not.toContain('Ändrad efter beslutet');
    expect(group.name).toBe('LSG Uddevalla');
  });

  it('retries a 4xx answer and delivers once', async () => {
    smtp = await startSmtp((attempt) => (attempt === 1 ? { code: 451, message: 'Greylisted, try again later' } : null));
    await decide();
    const result = await drain();
    expect(result).toMatchObject({ sent: 1, retried: 1, failed: 0 });
    expect(smtp.attempts()).toBe(2);
    expect(smtp.received).toHaveLength(1);
    const [row] = await mails();
    expect(row).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  it('does not retry a 5xx refusal, and tells the chair in the group channel', async () => {
    smtp = await startSmtp(() => ({ code: 550, message: 'Mailbox unavailable' }));
    const { group } = await decide();
    const result = await drain();
    // The one sent is the failure notice to the chair, in the same tick.
    expect(result).toMatchObject({ sent: 1, failed: 1, retried: 0 });
    expect(smtp.attempts()).toBe(1);
    const [row] = await mails();
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row!.lastError).toMatch(/^mail-refused: SMTP 550/);
    const notices = (await store.outbox.list({ groupId: group.id })).filter((message) => message.idempotencyKey === `failed-notice:${row!.id}`);
    expect(notices).toHaveLength(1);
    const card = JSON.stringify(replyFromPayload(notices[0]!.payload));
    expect(card).toContain('E-post till kansliet');
    expect(card).toContain('till kansliets e-postadresser');
    expect(card).toContain('E-postservern tog inte emot meddelandet (permanent fel).');
  });

  it('retries a server that does not answer, and sends when it is back', async () => {
    smtp = await startSmtp();
    const unreachable = createSmtpMailer({ ...smtp.config, port: 1 }, { timeoutMs: 2_000 });
    await decide();
    const first = await drain('bot-1', unreachable);
    expect(first).toMatchObject({ sent: 0, failed: 0 });
    expect(first.retried).toBeGreaterThan(0);
    expect((await mails())[0]).toMatchObject({ status: 'pending' });
    expect((await mails())[0]!.lastError).toMatch(/^mail-unreachable: /);
    clock.advance(60_000);
    expect(await drain()).toMatchObject({ sent: 1 });
    expect(smtp.received).toHaveLength(1);
  });

  it('never sends twice: two instances draining at once, a restart, and the same document queued again', async () => {
    smtp = await startSmtp();
    const { group } = await decide();
    const results = await Promise.all([drain('bot-1'), drain('bot-2')]);
    expect(results.reduce((sum, result) => sum + result.sent, 0)).toBe(1);
    // A restart: a new process (new mailer, new worker id) drains the same database.
    clock.advance(60_000);
    expect(await drain('bot-3', createSmtpMailer(smtp.config))).toMatchObject({ sent: 0 });
    // The same plan version again (e.g. a replayed request) is the same idempotency key: nothing new queued.
    const queued = await enqueueKansliMail(deps(), store, group, t, {
      key: `plan-decided:${(await store.plans.list({ groupId: group.id }))[0]!.id}:1`,
      subject: 'x',
      text: 'x',
      document: { what: 'plan', subject: '2026', format: 'docx' },
    });
    expect(queued).toBe(false);
    await drain('bot-1');
    expect(smtp.received).toHaveLength(1);
    expect(await mails()).toHaveLength(1);
  });

  it('queues no e-mail while e-mail is off (no SMTP_HOST) or the region file has no addresses', async () => {
    smtp = await startSmtp();
    const { reply } = await decide(false);
    expect(textOf(reply)).toMatch(/^Anna Ordförande beslutade den lokala handlingsplanen 2026/);
    expect(textOf(reply)).not.toContain('e-post');
    expect(await mails()).toHaveLength(0);
    const group = (await store.groups.list())[0]!;
    const noAddresses = { ...deps(), region: testRegion() };
    const queued = await enqueueKansliMail(noAddresses, store, group, t, { key: 'k', subject: 's', text: 't', document: { what: 'plan', subject: '2026', format: 'docx' } });
    expect(queued).toBe(false);
  });
});

describe('SMTP_TLS', () => {
  it('starttls upgrades the connection before sending, and refuses to send in plain text to a server without STARTTLS', async () => {
    smtp = await startSmtp(() => null, { starttls: true });
    await decide();
    const starttls = createSmtpMailer({ ...smtp.config, tls: 'starttls' }, { timeoutMs: 5_000, tls: { rejectUnauthorized: false } });
    expect(await drain('bot-1', starttls)).toMatchObject({ sent: 1 });
    expect(smtp.received.map((message) => message.secure)).toEqual([true]);

    const plain = await startSmtp();
    try {
      const mail = (await mails())[0]!;
      const refusing = createSmtpMailer({ ...plain.config, tls: 'starttls' }, { timeoutMs: 5_000 });
      await expect(refusing.send(mailFromPayload(mail.payload), 'x')).rejects.toMatchObject({ name: 'DeliveryError', retryable: false });
      expect(plain.received).toHaveLength(0);
    } finally {
      await plain.close();
    }
  });
});

describe.each(backends)('two instances on one $name database', (backend) => {
  // The store's clock is read through the test's clock, which beforeEach sets anew for every test.
  const instances = twoInstances(backend, { clock: { now: () => clock.now() } });

  it.skipIf(backend.skip)('send a queued e-mail once, whichever drains first', async () => {
    store = instances.first();
    smtp = await startSmtp();
    await decide();
    const results = await Promise.all([drain('bot-a'), drain('bot-b', undefined, instances.second()), drain('bot-a2')]);
    expect(results.reduce((sum, result) => sum + result.sent, 0)).toBe(1);
    expect(smtp.received).toHaveLength(1);
    expect((await mails())[0]).toMatchObject({ status: 'sent', attempts: 1 });
  });
});
