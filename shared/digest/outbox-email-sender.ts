/**
 * Writes digests to files instead of sending them: an RFC 822 `.eml` (open it in a mail
 * client) and the bare `.html`, for local runs with no SMTP server configured.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import nodemailer from 'nodemailer';

import { DigestEmail, EmailSender } from './email-sender';

/** Where the outbox is when no directory is given. */
export const DEFAULT_OUTBOX_DIR = path.join('.oomwatch', 'outbox');

/** An {@link EmailSender} that writes each digest to a pair of new files. */
export class OutboxEmailSender implements EmailSender {
  readonly kind = 'outbox';
  // Builds the .eml only; nothing leaves the process.
  private readonly composer = nodemailer.createTransport({ streamTransport: true, buffer: true });

  constructor(
    readonly directory: string = DEFAULT_OUTBOX_DIR,
    private readonly from = 'oomwatch@localhost',
  ) {}

  /** Writes `<day>-<cluster>-<time>-<random>.eml` and `.html`; returns the base path. */
  async write(email: DigestEmail): Promise<string> {
    await mkdir(this.directory, { recursive: true });
    const cluster = email.cluster.replace(/[^A-Za-z0-9._-]/g, '_');
    const unique = `${Date.now()}-${randomBytes(3).toString('hex')}`;
    const base = path.join(this.directory, `${email.day}-${cluster}-${unique}`);

    const info = await this.composer.sendMail({
      from: this.from,
      to: [...email.to],
      subject: email.subject,
      text: email.text,
      html: email.html,
    });
    await writeFile(`${base}.eml`, info.message);
    await writeFile(`${base}.html`, email.html, 'utf8');
    return base;
  }

  /** {@link write}, as an {@link EmailSender}. */
  async send(email: DigestEmail): Promise<void> {
    await this.write(email);
  }
}
