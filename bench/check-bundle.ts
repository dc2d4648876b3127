// `npm run check:bundle` (last step of `npm test`, after the e2e run built the
// console): fails when a page's first-load JavaScript exceeds its gzip budget,
// or, for the pages that miss the budget today, the ceiling they are held to
// (bench/lib/bundle.ts). Bytes are deterministic, so unlike times they can be asserted.
import { ROUTE_BUDGET_BYTES, ROUTE_CEILING_BYTES, routeBundles, routeLimitBytes } from './lib/bundle';

const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;
const bundles = routeBundles();
const failed: string[] = [];
for (const b of bundles) {
  const limit = routeLimitBytes(b.route);
  const underBudget = b.gzipBytes <= ROUTE_BUDGET_BYTES;
  if (b.gzipBytes > limit) failed.push(b.route);
  const verdict = underBudget ? 'ok    ' : b.gzipBytes <= limit ? 'MISSED' : 'FAIL  ';
  const ceiling = b.route in ROUTE_CEILING_BYTES ? `; held to its ceiling ${kB(limit)}` : '';
  console.log(
    `${verdict} ${b.route.padEnd(16)} ${kB(b.gzipBytes).padStart(9)} gzip (budget ${kB(ROUTE_BUDGET_BYTES)}${ceiling}), ${b.chunks} chunks`,
  );
  if (underBudget && b.route in ROUTE_CEILING_BYTES) console.log(`        ${b.route} is within the budget now: drop its ceiling.`);
}
const overBudget = bundles.filter((b) => b.gzipBytes > ROUTE_BUDGET_BYTES).length;
console.log(`\n${overBudget} of ${bundles.length} routes miss the ${kB(ROUTE_BUDGET_BYTES)} budget (README "Speed" says why).`);
if (failed.length > 0) {
  console.error(
    `${failed.join(', ')}: more first-load JavaScript than allowed. Trim it (load on intent, render on the server), or set a ceiling in bench/lib/bundle.ts with the reason.`,
  );
  process.exitCode = 1;
}
