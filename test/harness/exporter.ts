// The export service (server/export/app.ts) in-process on the config's EXPORT_PORT (it serves the /me downloads
// itself: tests ask it directly, as the front would route them); and the readers tests use to check a download: Python's own `mailbox` and `zipfile` modules
// (python3 is on every machine that runs the tests), so the files are judged by a standard parser, not by ours.
import { execFileSync } from 'node:child_process';
import { pino } from 'pino';
import { buildExportApp } from '../../server/export/app.ts';
import { createPrisma } from '../../server/core/lib/prisma.ts';
import type { Config } from '../../server/core/config.ts';

export async function startExporter(config: Config): Promise<{ close(): Promise<void> }> {
  if (!config.EXPORT_LINK_KEY) throw new Error('startExporter needs EXPORT_LINK_KEY in the config');
  const prisma = createPrisma(config.DATABASE_URL, { poolSize: 2 });
  const app = await buildExportApp({ ...config, EXPORT_LINK_KEY: config.EXPORT_LINK_KEY }, prisma, pino({ level: 'silent' }));
  await app.listen({ host: config.EXPORT_HOST, port: config.EXPORT_PORT });
  return {
    async close() {
      await app.close();
      await prisma.$disconnect();
    },
  };
}

/** One message as a standard reader sees it: Message-ID, the exact bytes (mboxrd quoting undone) as base64. */
export interface ReadBack { messageId: string | null; name?: string; bytes: Buffer }

const MBOX_READER = `
import base64, json, mailbox, re, sys
out = []
box = mailbox.mbox(sys.argv[1], create=False)
for key in box.keys():
    raw = box.get_bytes(key)
    # mboxrd: one '>' off every line that starts with >...From
    raw = re.sub(rb'(?m)^>(>*From )', rb'\\1', raw)
    msg = box.get_message(key)
    out.append({'messageId': msg.get('Message-ID'), 'from_': msg.get_from(), 'bytes': base64.b64encode(raw).decode()})
print(json.dumps(out))
`;

const ZIP_READER = `
import base64, email, json, sys, zipfile
out = []
with zipfile.ZipFile(sys.argv[1]) as z:
    assert z.testzip() is None, 'bad CRC'
    for info in z.infolist():
        raw = z.read(info)
        out.append({'name': info.filename, 'messageId': email.message_from_bytes(raw).get('Message-ID'), 'bytes': base64.b64encode(raw).decode()})
print(json.dumps(out))
`;

function runPython(script: string, file: string): (ReadBack & { from_?: string })[] {
  const json = execFileSync('python3', ['-c', script, file], { maxBuffer: 512 * 1024 * 1024 }).toString();
  return (JSON.parse(json) as { messageId: string | null; name?: string; from_?: string; bytes: string }[])
    .map((m) => ({ ...m, bytes: Buffer.from(m.bytes, 'base64') }));
}

/** Python's mailbox.mbox over the file, quoting undone as mboxrd says. */
export const readMbox = (file: string) => runPython(MBOX_READER, file);
/** Python's zipfile over the file (CRCs checked), each entry's bytes. */
export const readZip = (file: string) => runPython(ZIP_READER, file);
