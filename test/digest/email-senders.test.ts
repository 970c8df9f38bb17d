import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { AcsEmailClient, AcsEmailSender } from '../../shared/digest/acs-email-sender';
import {
  parseDigestRecipients,
  InvalidDigestRecipientsError,
} from '../../shared/digest/digest-recipients';
import { DigestEmail } from '../../shared/digest/email-sender';
import {
  EmailNotConfiguredError,
  emailSenderFromSettings,
} from '../../shared/digest/email-sender-from-settings';
import { OutboxEmailSender } from '../../shared/digest/outbox-email-sender';

const email: DigestEmail = {
  cluster: 'prod/west',
  day: '2024-07-01',
  to: ['sre@example.com', 'dev@example.com'],
  subject: '[oomwatch] prod/west 2024-07-01: 3 OOM kills',
  html: '<p>three &lt;kills&gt;</p>',
  text: 'three <kills>',
};

describe('outbox sender', () => {
  it('writes an .eml and an .html file per digest', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'oomwatch-outbox-'));
    const sender = new OutboxEmailSender(dir, 'oomwatch@test.local');

    const base = await sender.write(email);
    await sender.send(email);

    const files = (await readdir(dir)).sort();
    expect(files).toHaveLength(4);
    expect(path.basename(base)).toMatch(/^2024-07-01-prod_west-\d+-[0-9a-f]{6}$/);
    const eml = await readFile(`${base}.eml`, 'utf8');
    expect(eml).toContain('Subject: [oomwatch] prod/west 2024-07-01: 3 OOM kills');
    expect(eml).toContain('To: sre@example.com, dev@example.com');
    expect(eml).toContain('From: oomwatch@test.local');
    expect(eml).toContain('Content-Type: text/html');
    expect(eml).toContain('Content-Type: text/plain');
    expect(await readFile(`${base}.html`, 'utf8')).toBe(email.html);
  });
});

describe('ACS sender', () => {
  function fakeClient(status: string, calls: unknown[]): AcsEmailClient {
    return {
      beginSend: (message: unknown) => {
        calls.push(message);
        const result = { id: 'op', status, error: status === 'Failed' ? { message: 'no' } : {} };
        return Promise.resolve({
          pollUntilDone: () => Promise.resolve(result),
        }) as unknown as ReturnType<AcsEmailClient['beginSend']>;
      },
    };
  }

  it('sends subject, text and html to every recipient from the sender address', async () => {
    const calls: unknown[] = [];
    await new AcsEmailSender(fakeClient('Succeeded', calls), 'DoNotReply@x.net').send(email);

    expect(calls).toEqual([
      {
        senderAddress: 'DoNotReply@x.net',
        content: { subject: email.subject, plainText: email.text, html: email.html },
        recipients: { to: [{ address: 'sre@example.com' }, { address: 'dev@example.com' }] },
      },
    ]);
  });

  it('rejects when the operation does not succeed', async () => {
    const sender = new AcsEmailSender(fakeClient('Failed', []), 'DoNotReply@x.net');
    await expect(sender.send(email)).rejects.toThrow('ACS Email send ended Failed: no');
  });
});

describe('sender and recipients from settings', () => {
  it('picks ACS with an endpoint, SMTP with a URL, else the outbox', () => {
    const acs = { OOMWATCH_EMAIL_ENDPOINT: 'https://a.communication.azure.com' };
    expect(() => emailSenderFromSettings(acs)).toThrow(EmailNotConfiguredError);
    expect(emailSenderFromSettings({ ...acs, OOMWATCH_EMAIL_SENDER: 'a@b.c' }).kind).toBe('acs');
    expect(emailSenderFromSettings({ OOMWATCH_SMTP_URL: 'smtp://127.0.0.1:2525' }).kind).toBe(
      'smtp',
    );
    expect(emailSenderFromSettings({}).kind).toBe('outbox');
  });

  it('reads the recipients map and reports every bad entry', () => {
    expect(parseDigestRecipients(undefined)).toEqual({});
    expect(parseDigestRecipients('{"a":["x@y.z","x@y.z"],"b":"q@r.s"}')).toEqual({
      a: ['x@y.z'],
      b: ['q@r.s'],
    });
    expect(() => parseDigestRecipients('[1]')).toThrow(InvalidDigestRecipientsError);
    expect(() => parseDigestRecipients('{"a":["nobody"],"b":[3]}')).toThrow(
      'not addresses: a: ["nobody"]; b: [3]',
    );
  });
});
