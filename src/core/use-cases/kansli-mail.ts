// E-mail to kansliet (issue 18 item 5), next to the kansli channel: when the bot has an SMTP server and the
// region file lists the kansli's addresses, a decided plan and an accepted final report are e-mailed there
// with the document attached. The message goes through the outbox like every post (retries, idempotency:
// one e-mail per document, never twice); the document is described at the moment it is queued, so a later
// edit of the plan or report never changes what kansliet receives.
import type { Group } from '../domain.js';
import { mailOutboxRecord, outboxKeys } from '../delivery.js';
import type { Store } from '../ports.js';
import { inRegion } from '../region.js';
import { format, type Catalog } from '../../i18n/index.js';
import type { Dependencies } from './context.js';
import { buildExportFile, type ExportRequest } from './exports.js';
import { regionOf } from './region.js';

export interface KansliMail {
  /** What the e-mail is about, unique per document (e.g. plan-decided:<plan>:<version>): its idempotency key. */
  key: string;
  subject: string;
  /** The same words as the channel post; the mail adds where the document is and who sent it. */
  text: string;
  document: ExportRequest;
}

/**
 * Queues the e-mail in `store` (the caller's transaction, so the e-mail exists exactly when the decision
 * does). Returns false when nothing is sent: e-mail off, no addresses, a group outside the region.
 */
export async function enqueueKansliMail(deps: Dependencies, store: Store, group: Group, t: Catalog, mail: KansliMail): Promise<boolean> {
  const recipients = regionOf(deps).mailRecipients ?? [];
  if (!deps.mailToKansli || recipients.length === 0) return false;
  const links = await store.channels.list({ groupId: group.id });
  // The group's own channel: where a failed e-mail is told to the chair. Only the region's groups e-mail its kansli.
  const home = links.find((link) => inRegion(regionOf(deps), link));
  if (!home) return false;
  const now = deps.clock.now();
  const file = await buildExportFile({ store, regionalPlan: deps.actionPlan?.regionalPlan, now }, group, t, mail.document);
  if (!file) return false;
  const m = t.exports.kansliMail;
  const created = await store.outbox.enqueue(
    mailOutboxRecord(
      { idempotencyKey: outboxKeys.kansliMail(mail.key), groupId: group.id, channelLinkId: home.id },
      {
        to: recipients,
        subject: mail.subject,
        text: format(m.body, { text: mail.text, fileName: file.fileName, groupName: group.name }),
        attachment: { fileName: file.fileName, format: file.format, mediaType: file.mediaType, content: file.content },
      },
      group.locale,
      now,
    ),
  );
  return created !== null;
}
