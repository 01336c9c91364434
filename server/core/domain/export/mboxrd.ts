// mboxrd (the mbox variant that quotes reversibly; RFC 4155 describes the family): each message starts with a
// "From " separator line, and every line of a message that starts with zero or more '>' then "From " gets one more
// '>' in front, so a reader tells separators from message lines and undoes the quoting exactly (one '>' off every
// line matching /^>+From /). The message bytes are otherwise kept as they are (CRLF stays CRLF). Each message ends
// with a line break (added if it had none) and one blank line. Pure: Buffers in, Buffers out, chunk by chunk, so a
// message of any size is quoted without holding it whole.

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** "From MAILER-DAEMON Thu Dec  3 09:05:00 2026\n": asctime of the received date in UTC, as mail programs write it. */
export function fromLine(received: Date | null): Buffer {
  const d = received ?? new Date(0);
  const asctime = `${WEEKDAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} `
    + `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
  return Buffer.from(`From MAILER-DAEMON ${asctime}\n`, 'latin1');
}

const LF = 0x0a;
const GT = 0x3e;
const FROM = Buffer.from('From ', 'latin1');
const QUOTE = Buffer.from('>', 'latin1');
const NOTHING = Buffer.alloc(0);

/** Whether data[from, to) (no line break in it) could still become ">*From " with the next chunk: '>'s, then a
 *  beginning of "From" (without its space: with it, the line is already known to need quoting). */
function maybeSeparator(data: Buffer, from: number, to: number): boolean {
  let i = from;
  while (i < to && data[i] === GT) i++;
  const rest = to - i;
  return rest <= 4 && data.compare(FROM, 0, rest, i, to) === 0;
}

/**
 * Quotes one message given in chunks: push() each chunk, then end(). Works on the bytes (no string is made of them):
 * a chunk with no line to quote comes back as it is, not copied, so an export writes the fetched bytes themselves.
 */
export function createMboxrdQuoter() {
  let atLineStart = true;
  let held: Buffer = NOTHING;
  let last = -1;
  return {
    push(chunk: Buffer): Buffer {
      let data = held.length ? Buffer.concat([held, chunk]) : chunk;
      held = NOTHING;
      // A line start at the end of the chunk might be the beginning of ">From ": keep it for the next chunk (a copy,
      // so the chunk itself is not kept alive by it).
      const lastBreak = data.lastIndexOf(LF);
      const tail = lastBreak >= 0 ? lastBreak + 1 : atLineStart ? 0 : -1;
      if (tail >= 0 && tail < data.length && maybeSeparator(data, tail, data.length)) {
        held = Buffer.from(data.subarray(tail));
        data = data.subarray(0, tail);
      }
      if (!data.length) return NOTHING;
      // Every "From " whose line holds only '>'s before it: that line gets one more '>' at its start.
      const starts: number[] = [];
      for (let at = data.indexOf(FROM); at >= 0; at = data.indexOf(FROM, at + FROM.length)) {
        let start = at;
        while (start > 0 && data[start - 1] === GT) start--;
        if (start > 0 ? data[start - 1] === LF : atLineStart) starts.push(start);
      }
      atLineStart = data[data.length - 1] === LF;
      last = data[data.length - 1];
      if (!starts.length) return data;
      const parts: Buffer[] = [];
      let from = 0;
      for (const start of starts) {
        parts.push(data.subarray(from, start), QUOTE);
        from = start;
      }
      parts.push(data.subarray(from));
      return Buffer.concat(parts);
    },
    /** What was held back, the final line break if missing, and the blank line that ends the message. */
    end(): Buffer {
      const rest = held;
      held = NOTHING;
      if (rest.length) last = rest[rest.length - 1];
      return Buffer.concat([rest, Buffer.from(last === LF ? '\n' : '\n\n', 'latin1')]);
    },
  };
}

/** One whole message, quoted and ended (createMboxrdQuoter in one go). */
export function quoteMessage(source: Buffer): Buffer {
  const q = createMboxrdQuoter();
  return Buffer.concat([q.push(source), q.end()]);
}

/** The reverse of the quoting, for one message's text between separators (its blank end line already removed). */
export function unquoteMessage(quoted: Buffer): Buffer {
  return Buffer.from(quoted.toString('latin1').replace(/(?<![^\n])>(>*From )/g, '$1'), 'latin1');
}
