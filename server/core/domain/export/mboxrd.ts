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

// latin1 maps bytes to code points 1:1, so the regular expressions below change nothing but the quoting.
const SEPARATOR_LIKE = /\n(>*From )/g;
/** What the last line of a chunk may be when it could still become ">>From " with the next chunk. */
const MAYBE_SEPARATOR = /^>*(F(r(o(m)?)?)?)?$/;

/** Quotes one message given in chunks: push() each chunk, then end(). */
export function createMboxrdQuoter() {
  let atLineStart = true;
  let held = '';
  let last = '';
  const emit = (text: string) => {
    if (text) last = text[text.length - 1];
    return Buffer.from(text, 'latin1');
  };
  return {
    push(chunk: Buffer): Buffer {
      let text = held + chunk.toString('latin1');
      held = '';
      // A line start at the end of the chunk might be the beginning of ">From ": keep it for the next chunk.
      const lastBreak = text.lastIndexOf('\n');
      const tail = lastBreak >= 0 ? lastBreak + 1 : atLineStart ? 0 : -1;
      if (tail >= 0 && MAYBE_SEPARATOR.test(text.slice(tail))) {
        held = text.slice(tail);
        text = text.slice(0, tail);
      }
      if (!text) return Buffer.alloc(0);
      const quoted = ((atLineStart ? '\n' : '.') + text).replace(SEPARATOR_LIKE, '\n>$1').slice(1);
      atLineStart = text.endsWith('\n');
      return emit(quoted);
    },
    /** What was held back, the final line break if missing, and the blank line that ends the message. */
    end(): Buffer {
      const rest = held;
      held = '';
      if (rest) last = rest[rest.length - 1];
      return Buffer.from(rest + (last === '\n' ? '\n' : '\n\n'), 'latin1');
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
