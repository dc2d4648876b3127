// How every console server starts: `npm start` (package.json), the demo, the e2e run
// and the bench, so each measures and tests what ships. The heap limit keeps the
// server's memory flat: on a machine with many GiB, V8 otherwise lets a busy server's
// heap grow to over 400 MB RSS while under 70 MB of it is live
// (docs/decisions/0061-console-heap-limit.md).

export const CONSOLE_HEAP_MB = 192;

/** `node` arguments that start the built console (`next start`) on `port`, on `host` when given. */
export function consoleServerArgs(port, host) {
  return [
    `--max-old-space-size=${CONSOLE_HEAP_MB}`,
    'node_modules/next/dist/bin/next',
    'start',
    ...(host ? ['-H', host] : []),
    '-p',
    String(port),
  ];
}
