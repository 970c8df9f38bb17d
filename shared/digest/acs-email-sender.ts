/**
 * Sends digests through Azure Communication Services Email, signed in with the function
 * app's managed identity (DefaultAzureCredential; AZURE_CLIENT_ID picks a user-assigned one).
 */
import { EmailClient, EmailMessage } from '@azure/communication-email';
import { DefaultAzureCredential } from '@azure/identity';

import { DigestEmail, EmailSender } from './email-sender';

/** The part of EmailClient used here, so tests can pass a fake poller. */
export type AcsEmailClient = Pick<EmailClient, 'beginSend'>;

/** Thrown when ACS finishes a send in any state but Succeeded. */
export class AcsSendFailedError extends Error {
  constructor(status: string, detail: string | undefined) {
    super(`ACS Email send ended ${status}${detail === undefined ? '' : `: ${detail}`}`);
    this.name = 'AcsSendFailedError';
  }
}

/** An {@link EmailSender} over an ACS EmailClient. */
export class AcsEmailSender implements EmailSender {
  readonly kind = 'acs';

  constructor(
    private readonly client: AcsEmailClient,
    private readonly senderAddress: string,
  ) {}

  /** A sender for `endpoint` (https://<acs>.communication.azure.com) with managed identity. */
  static withManagedIdentity(
    endpoint: string,
    senderAddress: string,
    managedIdentityClientId?: string,
  ): AcsEmailSender {
    const credential = new DefaultAzureCredential(
      managedIdentityClientId === undefined ? {} : { managedIdentityClientId },
    );
    return new AcsEmailSender(new EmailClient(endpoint, credential), senderAddress);
  }

  /** Starts the send and waits for ACS to finish it. */
  async send(email: DigestEmail): Promise<void> {
    const message: EmailMessage = {
      senderAddress: this.senderAddress,
      content: { subject: email.subject, plainText: email.text, html: email.html },
      recipients: { to: email.to.map((address) => ({ address })) },
    };
    const poller = await this.client.beginSend(message);
    const result = await poller.pollUntilDone();
    if (result.status !== 'Succeeded') {
      throw new AcsSendFailedError(result.status, result.error?.message);
    }
  }
}
