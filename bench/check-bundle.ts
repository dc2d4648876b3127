// `npm run check:bundle` (last step of `npm test`, after the e2e run built the
// console): fails when a page's first-load JavaScript exceeds its gzip budget.
// Bytes are deterministic, so unlike times they can be asserted.
import { ROUTE_BUDGET_BYTES, routeBundles } from './lib/bundle';

const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;
const bundles = routeBundles();
let over = 0;
for (const b of bundles) {
  const ok = b.gzipBytes <= ROUTE_BUDGET_BYTES;
  if (!ok) over++;
  console.log(
    `${ok ? 'ok  ' : 'OVER'} ${b.route.padEnd(24)} ${kB(b.gzipBytes).padStart(9)} gzip (budget ${kB(ROUTE_BUDGET_BYTES)}), ${b.chunks} chunks`,
  );
}
if (over > 0) {
  console.error(`\n${over} route(s) load more JavaScript than the budget of ${kB(ROUTE_BUDGET_BYTES)} gzip.`);
  process.exitCode = 1;
}
