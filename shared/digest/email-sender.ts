/** The one interface digests are sent through: ACS Email, SMTP, or files in an outbox. */

/** A rendered digest addressed to its recipients. */
export interface DigestEmail {
  cluster: string;
  day: string;
  to: readonly string[];
  subject: string;
  html: string;
  text: string;
}

/** Sends a digest; resolves once the transport accepted it, rejects when it did not. */
export interface EmailSender {
  /** `acs`, `smtp` or `outbox`, for logs and the digest log. */
  readonly kind: string;
  send(email: DigestEmail): Promise<void>;
}
