// `npm run sandbox`: the embedded upstream on its own (OIDC issuer + SCIM server).
import { sandboxConfig, type SandboxConfig } from './config';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './oidc/accounts';
import { MACHINE_CLIENT_ID, MACHINE_CLIENT_SECRET } from './oidc/provider';
import { startSandbox } from './server';

let config: SandboxConfig;
try {
  config = sandboxConfig();
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
try {
  sandbox = await startSandbox(config);
} catch (err) {
  console.error(`Sandbox failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}

const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.email.length));
console.log(
  [
    `SCIM sandbox listening on ${config.host}:${new URL(sandbox.url).port} (${config.flavor} flavor, data in ${config.dataDir})`,
    `  home       ${sandbox.url}/`,
    `  issuer     ${sandbox.issuer}`,
    `  SCIM base  ${sandbox.scimBase}`,
    `  machine    ${MACHINE_CLIENT_ID} / ${MACHINE_CLIENT_SECRET} (client_credentials)`,
    `  test hooks ${config.testHooks ? `on at ${sandbox.url}/__test` : 'off'}`,
    `Demo accounts (password "${DEMO_PASSWORD}"):`,
    ...DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(width)}  ${a.groups.join(', ') || '(no group)'}`),
  ].join('\n'),
);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping the sandbox`);
  try {
    await sandbox.close();
    process.exit(0);
  } catch (err) {
    console.error(`Sandbox did not stop cleanly: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
