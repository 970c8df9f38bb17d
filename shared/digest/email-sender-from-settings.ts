/**
 * Picks the digest sender from the app settings: ACS Email when OOMWATCH_EMAIL_ENDPOINT is
 * set (Azure), else SMTP when OOMWATCH_SMTP_URL is set, else the local outbox directory.
 */
import { APP_SETTINGS, readAppSetting } from '../config/app-settings';
import { AcsEmailSender } from './acs-email-sender';
import { EmailSender } from './email-sender';
import { OutboxEmailSender } from './outbox-email-sender';
import { SmtpEmailSender } from './smtp-email-sender';

/** Sender address used with SMTP and the outbox when OOMWATCH_EMAIL_SENDER is not set. */
export const LOCAL_SENDER_ADDRESS = 'oomwatch@localhost';

/** Thrown when ACS is configured without a sender address. */
export class EmailNotConfiguredError extends Error {
  constructor() {
    super(
      `${APP_SETTINGS.emailEndpoint} is set but ${APP_SETTINGS.emailSender} is not: set the ` +
        'sender address of the ACS e-mail domain (DoNotReply@<domain>).',
    );
    this.name = 'EmailNotConfiguredError';
  }
}

/** The sender the settings describe. */
export function emailSenderFromSettings(env: NodeJS.ProcessEnv = process.env): EmailSender {
  const endpoint = readAppSetting('emailEndpoint', env);
  const sender = readAppSetting('emailSender', env);
  if (endpoint !== undefined) {
    if (sender === undefined) throw new EmailNotConfiguredError();
    const clientId = readAppSetting('managedIdentityClientId', env);
    return AcsEmailSender.withManagedIdentity(endpoint, sender, clientId);
  }
  const smtpUrl = readAppSetting('smtpUrl', env);
  if (smtpUrl !== undefined) return new SmtpEmailSender(smtpUrl, sender ?? LOCAL_SENDER_ADDRESS);
  return new OutboxEmailSender(undefined, sender ?? LOCAL_SENDER_ADDRESS);
}
