/** How `oomwatch ingest` cuts a file into Event Hubs-like messages and batches. */
import {
  cutIntoBatches,
  LINES_PER_MESSAGE,
  MESSAGES_PER_BATCH,
} from '../../../cli/commands/ingest';

describe('cutIntoBatches', () => {
  it('cuts lines into messages and messages into batches with consecutive sequence numbers', () => {
    const lines = Array.from(
      { length: 2 * LINES_PER_MESSAGE * MESSAGES_PER_BATCH + 5 },
      (_, i) => `[ ${i}.000000] line ${i}`,
    );
    const batches = cutIntoBatches(lines.join('\n'), 's', '0', { cluster: 'c1' });

    expect(batches.map((batch) => batch.messages.length)).toEqual([100, 100, 1]);
    const messages = batches.flatMap((batch) => batch.messages);
    expect(messages.map((message) => message.sequenceNumber)).toEqual(
      messages.map((_, index) => index),
    );
    expect(messages[200]?.body).toBe('[ 4000.000000] line 4000\n' + lines.slice(4001).join('\n'));
    expect(messages[0]?.properties).toEqual({ cluster: 'c1' });
  });

  it('never starts a message with an indented continuation line', () => {
    const lines = Array.from({ length: LINES_PER_MESSAGE - 1 }, (_, i) => `[ ${i}.0] l${i}`);
    // The 20th line opens a v2 stats block whose indented lines would start the next message.
    lines.push('[ 99.0] anon 1', '    file 2', '    kernel 3');
    lines.push('[ 99.1] Tasks state (memory values in pages):');

    const [batch] = cutIntoBatches(lines.join('\n'), 's', '0', { cluster: 'c1' });

    expect(batch?.messages.map((message) => String(message.body).split('\n').length)).toEqual([
      LINES_PER_MESSAGE + 2,
      1,
    ]);
    expect(batch?.messages[1]?.body).toBe('[ 99.1] Tasks state (memory values in pages):');
  });
});
