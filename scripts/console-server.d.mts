// Types for console-server.mjs, a plain script the demo runs without a TypeScript loader.
export declare const CONSOLE_HEAP_MB: number;
export declare function consoleServerArgs(port: number | string, host?: string): string[];
