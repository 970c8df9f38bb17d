/** Sends digests over SMTP with nodemailer, for local runs (OOMWATCH_SMTP_URL). */
import nodemailer, { Transporter } from 'nodemailer';

import { DigestEmail, EmailSender } from './email-sender';

/** An {@link EmailSender} over one nodemailer SMTP transport. */
export class SmtpEmailSender implements EmailSender {
  readonly kind = 'smtp';
  private readonly transport: Transporter;

  /** `url` as nodemailer takes it: `smtp://user:pass@host:port` or `smtps://…`. */
  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(url);
  }

  /** Hands the message to the SMTP server; rejects when the server refuses it. */
  async send(email: DigestEmail): Promise<void> {
    await this.transport.sendMail({
      from: this.from,
      to: [...email.to],
      subject: email.subject,
      text: email.text,
      html: email.html,
    });
  }
}
