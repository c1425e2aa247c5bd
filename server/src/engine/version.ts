import packageJson from '../../../package.json';

/** The engine version: part of cache keys and of every machine-readable report. */
export const ENGINE_VERSION: string = packageJson.version;
